#!/usr/bin/env bash
# End-to-end tests of `regcoord simulate`: the V12(a) validation scenario against the design's
# proto values (../shared/design/simulation.md §5), output files and columns, sweeps, the
# same numbers for any thread count, and errors (exit 2 bad scenario, 3 no convergence).
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
EX=$(cd "$(dirname "$0")/../../examples" && pwd)
V12=$EX/validation/v12a_two_region_inverse_u.json

# Summary of V12(a): theil_t_w at the peak t = 28 (proto 1.276967020049e-03, 1e-6) and stages.
expect_exit 0 "$R" simulate "$V12" --table summary --format csv -o "$TMP/sum.csv"
bad=$(awk -F, 'NR > 1 && $1 == 28 { d = $6 / 1.276967020049e-03 - 1; if (d < 0) d = -d; if (d > 1e-6) print $6 }' "$TMP/sum.csv")
[ -z "$bad" ] && pass || fail "theil_t_w at t = 28 is $bad"
expect_in "$TMP/sum.csv" "period,year,mean_real_income,growth,urbanization,theil_t_w,theil_l_w"
expect_in "$TMP/sum.csv" '20,20,'
grep -q '^20,20,.*,2,"polarization, growth poles"' "$TMP/sum.csv" && pass || fail "stage 2 not at t = 20"
grep -q '^56,56,.*,4,"integrated, high level"' "$TMP/sum.csv" && pass || fail "stage 4 not at t = 56"

# Panel to a file, summary to another; the panel has 2 regions × 101 periods and its columns.
expect_exit 0 "$R" simulate "$V12" -o "$TMP/panel.csv" --summary "$TMP/s2.csv"
[ "$(wc -l < "$TMP/panel.csv")" -eq 203 ] && pass || fail "panel rows: $(wc -l < "$TMP/panel.csv")"
expect_in "$TMP/panel.csv" "region,group,period,year,pop,urban,rural,urbanization,urban_share,wage"
expect_in "$TMP/panel.csv" "real_income"
cmp -s "$TMP/sum.csv" "$TMP/s2.csv" && pass || fail "--summary differs from --table summary"
# -o DIR/ writes both tables.
expect_exit 0 "$R" simulate "$V12" -o "$TMP/both/"
[ -s "$TMP/both/panel.csv" ] && [ -s "$TMP/both/summary.csv" ] && pass || fail "-o DIR/ files missing"

# The simulated panel is an ordinary panel: the disparity command on it agrees with the summary.
expect_exit 0 "$R" disparity "$TMP/panel.csv" --region region --value real_income --pop pop \
  --stat theil_t_w --years 28 --format csv -o "$TMP/d.csv"
bad=$(awk -F, 'NR > 1 { d = $4 / 1.276967020049e-03 - 1; if (d < 0) d = -d; if (d > 1e-6) print $4 }' "$TMP/d.csv")
[ -z "$bad" ] && [ -s "$TMP/d.csv" ] && pass || fail "disparity on the simulated panel: $bad"
# … and the kuznets command on it gives the design's V12(a) fit: turning point ln y* = 0.140920,
# Lind–Mehlum t = 9.944 (../shared/design/simulation.md §5 V12).
expect_exit 0 "$R" kuznets "$TMP/panel.csv" --region region --year period --value real_income \
  --pop pop --table turning_point --format csv -o "$TMP/k.csv"
awk -F, '$2 == "x_star" { d = $3 - 0.140920; exit !(d < 5e-6 && d > -5e-6) }' "$TMP/k.csv" && pass || fail "kuznets x_star: $(grep x_star "$TMP/k.csv")"
awk -F, '$2 == "u_test_t" { d = $3 - 9.944; exit !(d < 5e-4 && d > -5e-4) }' "$TMP/k.csv" && pass || fail "kuznets u_test_t: $(grep u_test_t "$TMP/k.csv")"

# Same seed, same bytes for any thread count (shocks on via --set).
expect_exit 0 "$R" simulate "$V12" --set shocks.sd=0.02 --seed 5 --threads 1 -o "$TMP/t1.csv" --summary "$TMP/ts1.csv"
expect_exit 0 "$R" simulate "$V12" --set shocks.sd=0.02 --seed 5 --threads 2 -o "$TMP/t2.csv" --summary "$TMP/ts2.csv"
cmp -s "$TMP/t1.csv" "$TMP/t2.csv" && cmp -s "$TMP/ts1.csv" "$TMP/ts2.csv" && pass || fail "threads change the output"
expect_exit 0 "$R" simulate "$V12" --set shocks.sd=0.02 --seed 6 -o "$TMP/t3.csv" --summary "$TMP/ts3.csv"
cmp -s "$TMP/t1.csv" "$TMP/t3.csv" && fail "--seed has no effect" || pass

# Sweep of the spillover degree (V11): the gap is smallest at complete spillover.
expect_exit 0 "$R" simulate "$EX/validation/v11_spillover_degree.json" --sweep spillover.degree=0:1:0.5 --format csv
expect_in "$TMP/out" "parameter,parameter_value,statistic,value"
expect_in "$TMP/out" "spillover.degree,1,theil_t_w,"
expect_in "$TMP/err" "smallest at spillover.degree = 1"
expect_exit 0 "$R" simulate "$EX/validation/v11_spillover_degree.json" --periods 50 --format csv
expect_in "$TMP/out" "spillover.degree,0.75,peak_period,"
# A grid of two parameters: 3 × 3 points, a point number and a column per parameter; the rows
# of the points with phi = 0.3 are those of the one-parameter sweep at phi = 0.3.
expect_exit 0 "$R" simulate "$EX/validation/v11_spillover_degree.json" --periods 50 \
  --sweep spillover.degree=0:1:0.5,geography.phi=0.1:0.3:0.1 --format csv -o "$TMP/grid.csv"
expect_in "$TMP/grid.csv" "point,spillover.degree,geography.phi,statistic,value"
[ "$(grep -c ',theil_t_w,' "$TMP/grid.csv")" -eq 9 ] && pass || fail "grid points: $(grep -c ',theil_t_w,' "$TMP/grid.csv")"
expect_in "$TMP/err" "smallest at spillover.degree = 1, geography.phi = "
expect_exit 0 "$R" simulate "$EX/validation/v11_spillover_degree.json" --periods 50 \
  --set geography.phi=0.3 --sweep spillover.degree=0:1:0.5 --format csv -o "$TMP/one.csv"
tr -d '\r' < "$TMP/grid.csv" | awk -F, 'NR > 1 && $3 == 0.3 { print $2 "," $4 "," $5 }' > "$TMP/g03"
tr -d '\r' < "$TMP/one.csv" | awk -F, 'NR > 1 { print $2 "," $3 "," $4 }' > "$TMP/o03"
cmp -s "$TMP/g03" "$TMP/o03" && [ -s "$TMP/g03" ] && pass || fail "grid rows at phi = 0.3 differ from the plain sweep"
# --jobs A:B (design §8): shards of the sweep (with shocks, so the job streams matter) that,
# concatenated in order, give the whole table byte for byte.
SW=(simulate "$EX/validation/v11_spillover_degree.json" --periods 50 --set shocks.sd=0.02
    --sweep spillover.degree=0:1:0.25,geography.phi=0.2:0.3:0.1 --format csv)
expect_exit 0 "$R" "${SW[@]}" -o "$TMP/sw_all.csv"
expect_exit 0 "$R" "${SW[@]}" --jobs 0:3 -o "$TMP/sw_1.csv"
expect_exit 0 "$R" "${SW[@]}" --jobs 4:9 --threads 1 -o "$TMP/sw_2.csv"
(cat "$TMP/sw_1.csv"; tail -n +2 "$TMP/sw_2.csv") | cmp -s - "$TMP/sw_all.csv" && pass || fail "shards differ from the whole sweep"
expect_exit 1 "$R" "${SW[@]}" --jobs 8:10
expect_in "$TMP/err" "sweep points 8 to 10: the sweep has 10 points (0 to 9)"
# Replicate shards (design §8): --replicates R --jobs A:B writes replicates A to B unreduced;
# --merge reduces shards given in any order into the replicates table, byte for byte the one a
# single run prints; a missing shard, a repeated one, or a scenario without replicates are
# errors.
RP=(simulate "$V12" --set shocks.sd=0.03 --replicates 7 --format csv)
expect_exit 0 "$R" "${RP[@]}" --table replicates -o "$TMP/rp_all.csv"
expect_exit 0 "$R" "${RP[@]}" --jobs 0:2 -o "$TMP/rp_1.csv"
expect_exit 0 "$R" "${RP[@]}" --jobs 3:6 --threads 1 -o "$TMP/rp_2.csv"
expect_in "$TMP/rp_1.csv" "replicate,replicates,period,year,statistic,value"
expect_exit 0 "$R" simulate --merge "$TMP/rp_2.csv" "$TMP/rp_1.csv" --format csv -o "$TMP/rp_merged.csv"
cmp -s "$TMP/rp_merged.csv" "$TMP/rp_all.csv" && pass || fail "merged shards differ from the single run"
expect_exit 2 "$R" simulate --merge "$TMP/rp_1.csv"
expect_in "$TMP/err" "the shards hold 3 of the 7 replicates"
expect_exit 2 "$R" simulate --merge "$TMP/rp_1.csv" "$TMP/rp_1.csv" "$TMP/rp_2.csv"
expect_in "$TMP/err" "rp_1.csv:2: replicate 0"
expect_exit 2 "$R" simulate --merge "$TMP/sum.csv"
expect_in "$TMP/err" "no column 'replicate'"
expect_exit 1 "$R" simulate "$V12" --jobs 0:1
expect_in "$TMP/err" "--jobs selects sweep points"
expect_exit 1 "$R" simulate "$V12" "$V12"
expect_exit 1 "$R" simulate "$EX/validation/v11_spillover_degree.json" --jobs 0:1 --no-sweep
expect_exit 1 "$R" simulate "$EX/validation/v11_spillover_degree.json" --sweep spillover.degree=0:1:0.5,spillover.degree=0:1:0.5
expect_in "$TMP/err" "names spillover.degree twice"

# Every example scenario parses and runs (a few periods each).
for f in "$EX"/*.json "$EX"/validation/*.json; do
  case $f in *_panel.json) have_shared data/china_provinces/china_provinces_panel.csv || continue ;; esac
  expect_exit 0 "$R" simulate "$f" --periods 3 --format csv -o "$TMP/ex.csv" --summary "$TMP/exs.csv"
done

# The governance example fires its rule in the third consecutive period with theil_t_w > 0.001
# (read off the summary itself; theil_t_w comes before the quoted stage name with its comma).
expect_exit 0 "$R" simulate "$EX/governance.json" --table summary --format csv -o "$TMP/gov.csv"
got=$(awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
  { run = ($h["theil_t_w"] > 0.001) ? run + 1 : 0
    if (run >= 3 && !want) want = $1
    if ($NF == "raise-aid" && !fired) fired = $1 }
  END { print want, fired }' "$TMP/gov.csv")
set -- $got
[ -n "$1" ] && [ "$1" = "${2:-x}" ] && pass || fail "governance rule: expected at period $1, fired at ${2:-never}"

# China's provinces read from the shared panel equal the same regions written inline by
# examples/make_china31.py (shares rounded to 10 digits there: 1e-7 relative on the gap).
if have_shared data/china_provinces/china_provinces_panel.csv; then
  expect_exit 0 "$R" simulate "$EX/china31_panel.json" --periods 10 --table summary --format csv -o "$TMP/cp.csv"
  expect_exit 0 "$R" simulate "$EX/china31.json" --periods 10 --table summary --format csv -o "$TMP/ci.csv"
  bad=$(paste -d, "$TMP/cp.csv" "$TMP/ci.csv" | awk -F, -v k="$(head -1 "$TMP/cp.csv" | tr ',' '\n' | grep -c .)" '
    NR > 1 { a = $6; b = $(6 + k + 1); d = a / b - 1; if (d < 0) d = -d; if (d > 1e-7) print NR, a, b }')
  [ -z "$bad" ] && pass || fail "panel and inline China runs differ: $bad"
  # Calibrating to the 2000 GDP shares is refused with the reason (Guizhou's rural floor).
  shared_abs=$(cd "$RC_SHARED" && pwd)
  sed -e "s|../../shared|$shared_abs|g" -e 's|^ "format"| "calibrate": {"tfp_to": "gdp_share"},\n "format"|' \
    "$EX/china31_panel.json" > "$TMP/cal.json"
  expect_exit 2 "$R" simulate "$TMP/cal.json" --periods 2
  expect_in "$TMP/err" "calibration: region '520000' has a GDP share of 0.01049"
fi

# An aid policy under the design's rule can leave no equilibrium (China at threshold 0.8 and
# spillover degree 0.5: Tibet is lifted across the threshold and back): exit 3, nothing written,
# and the message names the policy and the remedy, which then runs.
sed 's/"threshold": 1.0,/"threshold": 0.8,/' "$EX/china31.json" > "$TMP/c08.json"
expect_exit 3 "$R" simulate "$TMP/c08.json" --set spillover.degree=0.5 --periods 2 -o "$TMP/c08.csv"
expect_in "$TMP/err" "The aid policy 'west-aid' hands its whole budget"
[ ! -e "$TMP/c08.csv" ] && pass || fail "a panel was written after non-convergence"
sed 's/"threshold": 1.0,/"threshold": 0.8, "excess": "per_head",/' "$EX/china31.json" > "$TMP/c08b.json"
expect_exit 0 "$R" simulate "$TMP/c08b.json" --set spillover.degree=0.5 --periods 2 -o "$TMP/c08b.csv"
sed 's/"threshold": 1.0,/"threshold": 0.8, "excess": "half",/' "$EX/china31.json" > "$TMP/c08c.json"
expect_exit 2 "$R" simulate "$TMP/c08c.json" --periods 2
expect_in "$TMP/err" 'excess must be "recipients"'

# --every K (and output.every): the written tables keep periods 0, K, 2K, … and the last; the
# rows kept are those of the full output, byte for byte.
expect_exit 0 "$R" simulate "$V12" --every 30 -o "$TMP/ev/"
awk -F, 'NR > 1 { print $1 }' "$TMP/ev/summary.csv" | tr '\n' ' ' > "$TMP/ev_periods"
[ "$(cat "$TMP/ev_periods")" = "0 30 60 90 100 " ] && pass || fail "--every 30 periods: $(cat "$TMP/ev_periods")"
awk -F, 'NR == 1 || $1 == 0 || $1 == 30 || $1 == 60 || $1 == 90 || $1 == 100' "$TMP/both/summary.csv" > "$TMP/ev_want.csv"
cmp -s "$TMP/ev_want.csv" "$TMP/ev/summary.csv" && pass || fail "--every rows differ from the full summary"
[ "$(wc -l < "$TMP/ev/panel.csv")" -eq 11 ] && pass || fail "--every panel rows: $(wc -l < "$TMP/ev/panel.csv")"
sed 's/"gap_variable": "real_income",/"gap_variable": "real_income", "every": 50,/' "$V12" > "$TMP/every.json"
expect_exit 0 "$R" simulate "$TMP/every.json" --table summary --format csv
[ "$(awk -F, 'NR > 1 { printf "%s ", $1 }' "$TMP/out")" = "0 50 100 " ] && pass || fail "output.every 50: $(cut -d, -f1 "$TMP/out" | tr '\n' ' ')"
expect_exit 1 "$R" simulate "$V12" --every 0
sed 's/"every": 50/"every": 0.5/' "$TMP/every.json" > "$TMP/every2.json"
expect_exit 2 "$R" simulate "$TMP/every2.json"
expect_in "$TMP/err" "output.every must be an integer >= 1"

# The design's own China scenario (§6, examples/china31_design.json: border_by region_id,
# index_base, 50 replicates, a sweep block): the sweep runs by default; --no-sweep runs it once,
# and its panel has the *_index columns with a population-weighted mean of 1 in 2000.
if have_shared data/china_provinces/china_provinces_panel.csv; then
  expect_exit 0 "$R" simulate "$EX/china31_design.json" --format csv
  # 88 rows: the sweep block's 11 values (0 to 1 by 0.1) × 8 statistics per value
  [ "$(grep -c '^spillover.degree,' "$TMP/out")" -eq 88 ] && pass || fail "design sweep rows: $(grep -c '^spillover.degree,' "$TMP/out")"
  expect_exit 0 "$R" simulate "$EX/china31_design.json" --no-sweep -o "$TMP/cd/"
  [ -s "$TMP/cd/replicates.csv" ] && pass || fail "no replicates table"
  tr -d '\r' < "$TMP/cd/panel.csv" |
    awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
             $(col["year"]) == 2000 { p += $(col["pop"]); s += $(col["pop"]) * $(col["real_income_index"]) }
             END { d = s / p - 1; exit !(p > 0 && d < 1e-12 && d > -1e-12) }' \
    && pass || fail "real_income_index does not average 1 in 2000"
fi

# Regions from a panel with centroids from a geometry file (the issue's "panel/GeoJSON with
# distances from their centroids"): points, or squares centred on them, give the run of the
# CSV centroids byte for byte; a missing feature and projected coordinates are errors.
SD=$RC_TEST_DATA/scenarios
cp "$SD"/three_regions.csv "$SD"/three_regions_attr.csv "$SD"/three_regions_centroids.csv "$SD"/three_regions_panel.json "$TMP/"
expect_exit 0 "$R" simulate "$TMP/three_regions_panel.json" -o "$TMP/csv_centroids.csv"
geo() { # geo FILE KIND [SKIP_ID] — the three centroids as points or as 2° squares around them
  awk -F, -v kind="$2" -v skip="${3:-}" '
    NR == 1 { printf "{\"type\": \"FeatureCollection\", \"features\": ["; next }
    $1 != skip {
      x = $2; y = $3
      if (kind == "point")
        g = sprintf("{\"type\": \"Point\", \"coordinates\": [%s, %s]}", x, y)
      else
        g = sprintf("{\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}", x - 1, y - 1, x + 1, y - 1, x + 1, y + 1, x - 1, y + 1, x - 1, y - 1)
      printf "%s{\"type\": \"Feature\", \"properties\": {\"region_id\": \"%s\"}, \"geometry\": %s}", (n++ ? ", " : ""), $1, g
    }
    END { print "]}" }' "$SD/three_regions_centroids.csv" > "$1"
}
for kind in point square; do
  geo "$TMP/c_$kind.geojson" $kind
  sed "s/three_regions_centroids.csv/c_$kind.geojson/" "$SD/three_regions_panel.json" > "$TMP/three_regions_panel.json"
  expect_exit 0 "$R" simulate "$TMP/three_regions_panel.json" -o "$TMP/geo_centroids.csv"
  cmp -s "$TMP/csv_centroids.csv" "$TMP/geo_centroids.csv" && pass || fail "$kind centroids differ from the CSV ones"
done
geo "$TMP/c_missing.geojson" point C
sed "s/three_regions_centroids.csv/c_missing.geojson/" "$SD/three_regions_panel.json" > "$TMP/three_regions_panel.json"
expect_exit 2 "$R" simulate "$TMP/three_regions_panel.json"
expect_in "$TMP/err" "has no feature for region 'C'"
sed -e 's/"coordinates": \[\([0-9.]*\), /"coordinates": [5\1000, /' "$TMP/c_point.geojson" > "$TMP/c_proj.geojson"
sed "s/three_regions_centroids.csv/c_proj.geojson/" "$SD/three_regions_panel.json" > "$TMP/three_regions_panel.json"
expect_exit 2 "$R" simulate "$TMP/three_regions_panel.json"
expect_in "$TMP/err" "is not in longitude and latitude"

printf '{"format": "regcoord-scenario/1", "regions": [{"id": "a", "urban": 0.1, "rural": 0.2, "lon": 500, "lat": 30}, {"id": "b", "urban": 0.1, "rural": 0.2, "lon": 100, "lat": 30}], "geography": {"type": "points", "tau": 0.3}}' > "$TMP/lon.json"
expect_exit 2 "$R" simulate "$TMP/lon.json"
expect_in "$TMP/err" "region 'a' has lon = 500, lat = 30"

# The report's simulation section: the gap path (peak of V12a at t = 28), with a baseline.
expect_exit 0 "$R" report "$RC_TEST_DATA/scenarios/three_regions.csv" --scenario "$V12" \
  --baseline "$EX/validation/v07b_cp_dynamic_path.json" -o "$TMP/rep.html"
expect_in "$TMP/rep.html" "peaks at 0.001277 in 28"
expect_in "$TMP/rep.html" "data-simulation_gap"
expect_exit 2 "$R" report "$RC_TEST_DATA/scenarios/three_regions.csv" --scenario "$TMP/none.json" -o "$TMP/rep2.html"
expect_in "$TMP/err" "cannot open scenario"

# --check: closed forms against the kernel (σ = 5, μ = 0.4: φ_B = 1/7 for two regions).
expect_exit 0 "$R" simulate "$V12" --check --format csv
expect_in "$TMP/out" "regions,statistic,closed_form,kernel,relative_difference"
expect_in "$TMP/out" "2,phi_break,0.14285714285714"

# Errors: bad scenarios exit 2 naming the key; no convergence exits 3; usage errors exit 1.
printf '{"format": "regcoord-scenario/1", "regions": {"generator": "two"}, "model": {"sigmaa": 4}}' > "$TMP/bad.json"
expect_exit 2 "$R" simulate "$TMP/bad.json";        expect_in "$TMP/err" 'unknown key "sigmaa" in "model"'
[ ! -s "$TMP/out" ] && pass || fail "output written for a bad scenario"
printf '{"format": "regcoord-scenario/1", "regions": {"generator": "two"}, "model": {"mu": 0.4,}' > "$TMP/bad.json"
expect_exit 2 "$R" simulate "$TMP/bad.json";        expect_in "$TMP/err" "bad.json:1:"
expect_exit 2 "$R" simulate "$TMP/none.json";       expect_in "$TMP/err" "cannot open scenario"
expect_exit 2 "$R" simulate "$V12" --set model.mu=1.2;  expect_in "$TMP/err" "model.mu = 1.2 is out of range"
expect_exit 1 "$R" simulate "$V12" --sweep spillover.degree=0:1;  expect_in "$TMP/err" "PARAM=A:B:STEP"
expect_exit 2 "$R" simulate "$V12" --sweep nothing.here=0:1:0.5;  expect_in "$TMP/err" "unknown parameter 'nothing.here'"
printf '{"format": "regcoord-scenario/1", "regions": {"generator": "two", "urban": [0.3, 0.1]},
 "geography": {"phi": 0.3}, "solver": {"max_iter": 3, "tol": 1e-15}}' > "$TMP/nc.json"
expect_exit 3 "$R" simulate "$TMP/nc.json" -o "$TMP/nc.csv"; expect_in "$TMP/err" "did not converge"
[ ! -e "$TMP/nc.csv" ] && pass || fail "partial panel written after non-convergence"
expect_exit 0 "$R" simulate --help;                 expect_in "$TMP/out" "regcoord simulate"

finish
