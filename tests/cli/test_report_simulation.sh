#!/usr/bin/env bash
# End-to-end tests of the report's simulation section (`regcoord report [DATA] --scenario S.json
# [--baseline B.json] [--geo …]`): the simulated panel as the report's data, the inverse-U fit
# against design V12(a), the final-state table and maps against `regcoord simulate`'s own
# output, the scenario-versus-baseline table, errors, and a headless Chromium render.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
EX=$(cd "$(dirname "$0")/../../examples" && pwd)
V12=$EX/validation/v12a_two_region_inverse_u.json

# embedded ID FILE — the CSV block data-ID of a report, CRLF removed.
embedded() {
  awk -v id="data-$1" '$0 ~ "<script type=\"text/csv\" id=\"" id "\">" { on = 1; next }
                      on && /^<\/script>/ { exit } on' "$2" | tr -d '\r'
}

# Usage errors: neither DATA nor a scenario; a baseline without a scenario.
expect_exit 1 "$R" report -o "$TMP/x.html"
expect_in "$TMP/err" "report needs DATA, or --scenario S.json"
expect_exit 1 "$R" report --baseline "$V12" -o "$TMP/x.html"
expect_in "$TMP/err" "--baseline needs --scenario"
# A bad scenario fails before anything is written.
printf '{"format": "regcoord-scenario/1", "regions": 3, "nonsense": 1}\n' > "$TMP/bad.json"
expect_exit 2 "$R" report --scenario "$TMP/bad.json" -o "$TMP/bad.html"
[ ! -e "$TMP/bad.html" ] && pass || fail "a report was written for a bad scenario"
expect_in "$TMP/err" "$TMP/bad.json"

# Without DATA the simulated panel is the data: the usual sections apply to it.
expect_exit 0 "$R" report --scenario "$V12" --permutations 0 -o "$TMP/v12.html" -q
for id in data disparity drivers simulation methods; do
  expect_in "$TMP/v12.html" "<section id=\"$id\">"
done
expect_in "$TMP/v12.html" "the simulated panel of $V12: 2 regions, 101 years"
# Two regions: no beta convergence (it needs a residual degree of freedom), no error either.
if grep -qF '<section id="convergence">' "$TMP/v12.html"; then fail "convergence section with 2 regions"; else pass; fi

# The inverse U of V12(a) (design §5: β1 0.00787442, β2 −0.0279393, ln y* 0.140920, observed
# ln y from −0.0644 to 0.3091, Lind–Mehlum t 9.944), as printed by the section.
expect_in "$TMP/v12.html" "Inverse U: theil_t_w = b0 + b1 ln y + b2 (ln y)²"
expect_in "$TMP/v12.html" "b1 = 0.00787442"
expect_in "$TMP/v12.html" "b2 = -0.0279393"
expect_in "$TMP/v12.html" "ln y* = 0.14092 "
expect_in "$TMP/v12.html" "observed ln y from -0.0644"
expect_in "$TMP/v12.html" " to 0.3091;"
expect_in "$TMP/v12.html" "t = 9.944,"
# Its data: 101 periods, the gap at t = 28 is the design's 1.276967020049e-03 (1e-6), and gap −
# fitted sums to zero (OLS with an intercept).
embedded simulation_inverse_u "$TMP/v12.html" > "$TMP/iu.csv"
# 102 lines: the header and V12(a)'s 101 periods
[ "$(wc -l < "$TMP/iu.csv")" -eq 102 ] && pass || fail "inverse-U rows: $(wc -l < "$TMP/iu.csv")"
awk -F, 'NR > 1 && $1 == 28 { d = $3 / 1.276967020049e-03 - 1; exit !(d < 1e-6 && d > -1e-6) }' \
  "$TMP/iu.csv" && pass || fail "inverse-U gap at 28: $(grep '^28,' "$TMP/iu.csv")"
awk -F, 'NR > 1 { s += $3 - $4 } END { exit !(s < 1e-12 && s > -1e-12) }' "$TMP/iu.csv" \
  && pass || fail "residuals of the inverse-U fit do not sum to zero"
# The summary table is the command's, byte for byte.
expect_exit 0 "$R" simulate "$V12" --table summary --format csv -o "$TMP/sum.csv"
embedded simulation_summary "$TMP/v12.html" > "$TMP/emb_sum.csv"
tr -d '\r' < "$TMP/sum.csv" | cmp -s - "$TMP/emb_sum.csv" && pass || fail "embedded summary differs from simulate's"

# Final period by region: real income over the population-weighted mean, from simulate's panel.
expect_exit 0 "$R" simulate "$V12" -o "$TMP/panel.csv"
embedded simulation_final "$TMP/v12.html" > "$TMP/final.csv"
expect_in "$TMP/final.csv" "region,name,real_income,relative_to_mean,urbanization,urban_share,baseline_real_income,change_pct"
bad=$(awk -F, 'NR == FNR { if (FNR == 1) for (c = 1; c <= NF; c++) col[$c] = c
                           else if ($(col["period"]) == 100) { y[$1] = $(col["real_income"]); p[$1] = $(col["pop"]) }
                           next }
               FNR == 1 { next }
               { rows[$1] = $4 }
               END { for (r in y) { sy += y[r] * p[r]; sp += p[r] }
                     for (r in rows) { d = rows[r] / (y[r] / (sy / sp)) - 1; if (d > 1e-9 || d < -1e-9) print r, rows[r] } }' \
      "$TMP/panel.csv" "$TMP/final.csv")
# 3 lines: the header and V12(a)'s two regions
[ -z "$bad" ] && [ "$(wc -l < "$TMP/final.csv")" -eq 3 ] && pass || fail "relative_to_mean: $bad"

# With replicates (shocks), the gap's quantiles over the replicates: the embedded data is the
# table of `regcoord simulate --table replicates`.
sed 's/"format": "regcoord-scenario\/1",/"format": "regcoord-scenario\/1", "replicates": 5, "shocks": {"sd": 0.02, "rho": 0.5},/' \
  "$V12" > "$TMP/reps.json"
expect_exit 0 "$R" report --scenario "$TMP/reps.json" --permutations 0 -o "$TMP/reps.html" -q
expect_in "$TMP/reps.html" "over 5 replicates"
expect_exit 0 "$R" simulate "$TMP/reps.json" --table replicates --format csv -o "$TMP/reps.csv"
embedded simulation_replicates "$TMP/reps.html" > "$TMP/emb_reps.csv"
tr -d '\r' < "$TMP/reps.csv" | cmp -s - "$TMP/emb_reps.csv" && pass || fail "embedded replicates differ from simulate's"
if grep -qF 'data-simulation_replicates' "$TMP/v12.html"; then fail "replicate chart without replicates"; else pass; fi

# The methods table gives the seed the simulation used: the scenario's (1), or --seed.
expect_in "$TMP/reps.html" "simulation seed</td><td>1<"
expect_exit 0 "$R" report --scenario "$TMP/reps.json" --permutations 0 --seed 9 -o "$TMP/reps9.html" -q
expect_in "$TMP/reps9.html" "simulation seed</td><td>9<"

# A scenario with a sweep block (V11, spillover degree): the report draws the final gap per
# value and names the minimizing one; its data is `regcoord simulate S.json`'s sweep table.
V11=$EX/validation/v11_spillover_degree.json
expect_exit 0 "$R" report --scenario "$V11" --permutations 0 -o "$TMP/v11.html" -q
expect_in "$TMP/v11.html" "the final gap is smallest at spillover.degree = 1 "
expect_exit 0 "$R" simulate "$V11" --format csv -o "$TMP/v11_sweep.csv"
embedded simulation_sweep "$TMP/v11.html" > "$TMP/emb_sweep.csv"
tr -d '\r' < "$TMP/v11_sweep.csv" | cmp -s - "$TMP/emb_sweep.csv" && pass || fail "embedded sweep differs from simulate's"

# Region names (a region's "name", or a panel's region_name) label the charts and tables.
sed 's/"id": "1",/"id": "1", "name": "Metropolis",/' "$V12" > "$TMP/named.json"
expect_exit 0 "$R" report --scenario "$TMP/named.json" --permutations 0 -o "$TMP/named.html" -q
embedded simulation_final "$TMP/named.html" | grep -q '^1,Metropolis,' && pass || fail "no name in the final table"
expect_in "$TMP/named.html" ">Metropolis</text>"
# Every chart carries its data: the income lines are the panel's real_income, region by year.
embedded simulation_income "$TMP/named.html" > "$TMP/inc.csv"
want=$(tr -d '\r' < "$TMP/panel.csv" | awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
       $1 == 1 && $(col["period"]) == 28 { print $(col["real_income"]) }')
got=$(awk -F, '$1 == 1 && $3 == 28 { print $4 }' "$TMP/inc.csv")
[ -n "$want" ] && [ "$want" = "$got" ] && pass || fail "income chart data: want $want, got $got"

# A geometry without the scenario's ids: the maps are left out with the reason.
expect_exit 0 "$R" report --scenario "$V12" --permutations 0 --geo "$RC_TEST_DATA/us_income/us48.shp" \
  -o "$TMP/nomatch.html" -q
expect_in "$TMP/nomatch.html" "Maps of the final period: left out, no region id of the scenario matches"

# With DATA the simulation section comes after the data's own sections (and the baseline's gap).
expect_exit 0 "$R" report "$RC_TEST_DATA/scenarios/three_regions.csv" --scenario "$V12" \
  --baseline "$EX/validation/v07b_cp_dynamic_path.json" -o "$TMP/both.html" -q
expect_in "$TMP/both.html" "Baseline: $EX/validation/v07b_cp_dynamic_path.json."
expect_in "$TMP/both.html" "data-simulation_comparison"

# China's 31 provinces against the market-only baseline, with maps on the provinces.
GEO=data/china_provinces/geo/china_provinces_31.geojson
if have_shared "$GEO"; then
  expect_exit 0 "$R" report --scenario "$EX/china31.json" --baseline "$EX/china31_baseline.json" \
    --geo "$RC_SHARED/$GEO" --geo-id region_id --permutations 99 -o "$TMP/cn.html" \
    --charts "$TMP/charts" -q
  # Real income near 1 has ln means ≤ 0 in the first years: the clubs test is left out with
  # the reason, not an error.
  expect_in "$TMP/cn.html" "Convergence clubs: left out."
  for m in simulation_map_income simulation_map_urbanization simulation_map_change; do
    expect_in "$TMP/cn.html" "id=\"data-$m\""
    [ -s "$TMP/charts/$m.svg" ] && pass || fail "--charts did not write $m.svg"
  done
  # Scenario and baseline columns are the final rows of the two summaries.
  expect_exit 0 "$R" simulate "$EX/china31.json" --table summary --format csv -o "$TMP/cs.csv"
  expect_exit 0 "$R" simulate "$EX/china31_baseline.json" --table summary --format csv -o "$TMP/cb.csv"
  embedded simulation_comparison "$TMP/cn.html" > "$TMP/cmp.csv"
  bad=$(awk -F, 'FILENAME != ARGV[3] { if (FNR == 1) for (c = 1; c <= NF; c++) col[FILENAME, $c] = c
                                       else last[FILENAME] = $0; next }
                 FNR == 1 { next }
                 { split(last[ARGV[1]], s, ","); split(last[ARGV[2]], b, ",")
                   if ($2 != s[col[ARGV[1], $1]] + 0 || $3 != b[col[ARGV[2], $1]] + 0) print $1 }' \
        "$TMP/cs.csv" "$TMP/cb.csv" "$TMP/cmp.csv")
  # 10 lines: the header and the 9 indices of the comparison (all before the summary's
  # stage_name, whose quoted comma would shift the awk split of the columns after it)
  [ -z "$bad" ] && [ "$(wc -l < "$TMP/cmp.csv")" -eq 10 ] && pass || fail "comparison rows differ: $bad"
  # The policies lower the final gap (theil_t_w) against the market-only baseline.
  awk -F, '$1 == "theil_t_w" { exit !($4 < 0) }' "$TMP/cmp.csv" && pass || fail "policies do not lower the gap"
  CHROME=$(command -v chromium || command -v chromium-browser || true)
  if [ -n "$CHROME" ]; then
    flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
           --disable-background-networking --disable-component-update --disable-sync
           --user-data-dir="$TMP/chrome" --enable-logging=stderr --v=0)
    timeout 120 "$CHROME" "${flags[@]}" --dump-dom "file://$TMP/cn.html" > "$TMP/dom.html" 2> "$TMP/chrome.log"
    if grep -q "CONSOLE" "$TMP/chrome.log"; then fail "console messages: $(grep CONSOLE "$TMP/chrome.log" | head -3)"; else pass; fi
    regions=$(grep -o '<path class="region"[^>]* d="M[^"]*"' "$TMP/dom.html" | wc -l)
    [ "$regions" -ge $((5 * 31)) ] && pass || fail "only $regions map regions rendered (5 maps × 31 provinces)"
  else
    echo "skipping the Chromium render: chromium not installed"
  fi
else
  echo "skipping the China simulation report: $RC_SHARED/$GEO not found"
fi
finish
