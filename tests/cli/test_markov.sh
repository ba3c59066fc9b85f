#!/usr/bin/env bash
# End-to-end tests of `regcoord markov`: giddy 2.3.4 results on the US state incomes
# (tests/reference/markov, copied from ../shared/reference/peer_values.json), the methods/02
# §§6–7 worked examples, empty classes, reducible chains, islands and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/markov

# expect_table REF OUT NKEY TOL — every row of the CSV REF is in the CSV OUT: rows matched on
# the first NKEY columns of REF, the other columns of REF (found in OUT by name) equal to
# relative tolerance TOL with an absolute floor of 1e-14 (giddy's p-values are 1 − cdf in
# double precision, so a p of 1e-12 carries only ~4 digits and a p below 1e-16 is 0).
expect_table() {
  local bad
  bad=$(awk -F, -v nkey="$3" -v tol="$4" '
    FNR == 1 { for (c = 1; c <= NF; c++) col[FILENAME == ARGV[1] ? "r" : "o", c] = $c
               if (FILENAME == ARGV[1]) nr = NF; else no = NF; next }
    FILENAME == ARGV[1] { key = ""; for (c = 1; c <= nkey; c++) key = key "," $c; want[key] = $0; next }
    { key = ""; for (c = 1; c <= nkey; c++) key = key "," $c; got[key] = $0 }
    END {
      for (key in want) {
        if (!(key in got)) { print "missing" key; continue }
        split(want[key], w, ","); split(got[key], g, ",")
        for (c = nkey + 1; c <= nr; c++) {
          oc = 0; for (d = 1; d <= no; d++) if (col["o", d] == col["r", c]) oc = d
          if (!oc) { print "no column " col["r", c]; continue }
          x = g[oc] + 0; y = w[c] + 0; e = x - y; if (e < 0) e = -e; s = y < 0 ? -y : y
          if (e > tol * s && e > 1e-14) print key " " col["r", c] ": " g[oc] " vs " w[c]
        } } }' "$1" <(tr -d '\r' < "$2"))
  if [ -z "$bad" ]; then pass; else fail "values differ from $1: $(echo "$bad" | head -5)"; fi
}

# giddy Markov, quintiles per year, on the bundled usjoin.csv (48 states, 1929–2009).
US=("$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS)
expect_exit 0 "$R" markov "${US[@]}" --quantiles per-year --format csv -o "$TMP/t.csv"
expect_table "$REF/us_classic_per_year_transitions.csv" "$TMP/t.csv" 3 1e-12
expect_exit 0 "$R" markov "${US[@]}" --quantiles per-year --table steady --format csv -o "$TMP/s.csv"
expect_table "$REF/us_classic_per_year_steady.csv" "$TMP/s.csv" 2 1e-10
# Text format: a readable matrix per chain.
expect_exit 0 "$R" markov "${US[@]}" --quantiles per-year
expect_in "$TMP/out" "from    n"
expect_in "$TMP/out" "to_4"
# Every table at once; without weights there is no tests table.
expect_exit 0 "$R" markov "${US[@]}" --table all -o "$TMP/allc/"
for t in transitions steady mfpt sojourn bounds; do [ -s "$TMP/allc/$t.csv" ] && pass || fail "no $t.csv"; done
[ ! -e "$TMP/allc/tests.csv" ] && pass || fail "tests.csv without weights"

# giddy Spatial_Markov(k=5, m=5, fixed=True) on the queen contiguity of the 48 states.
SH=$RC_SHARED/data/us_states_income
if [ -f "$SH/us_states_income_panel.csv" ]; then
  S=("$SH/us_states_income_panel.csv" --value pcincome --weights "$SH/states48_queen_fips.gal")
  expect_exit 0 "$R" markov "${S[@]}" --table all -o "$TMP/sp/"
  expect_table "$REF/us_spatial_transitions.csv" "$TMP/sp/transitions.csv" 3 1e-12
  expect_table "$REF/us_spatial_steady.csv" "$TMP/sp/steady.csv" 2 1e-10
  expect_table "$REF/us_spatial_tests.csv" "$TMP/sp/tests.csv" 1 1e-10
  expect_table "$REF/us_spatial_bounds.csv" "$TMP/sp/bounds.csv" 2 1e-12
  expect_in "$TMP/sp/tests.csv" "Q,200.623727630768"
  # The conditional counts add up to the classic chain's (methods/02 §7.2).
  bad=$(awk -F, 'NR > 1 { if ($1 == "all") a[$2 "," $3] += $4; else s[$2 "," $3] += $4 }
        END { for (k in a) if (a[k] != s[k]) print k }' "$TMP/sp/transitions.csv")
  [ -z "$bad" ] && pass || fail "conditional counts do not add up: $bad"
  # A region of the panel missing from the GAL file is named.
  grep -v '^56 ' "$SH/states48_queen_fips.gal" > "$TMP/bad.gal"
  expect_exit 2 "$R" markov "$SH/us_states_income_panel.csv" --value pcincome --weights "$TMP/bad.gal"
else
  echo "skip: ../shared absent (US spatial Markov)"
fi

# methods/02 §§6–7: six regions × six years of relative incomes (used as given: --levels).
cat > "$TMP/rel.csv" <<'CSV'
region,y1,y2,y3,y4,y5,y6
R1,0.70,0.85,0.95,1.05,1.10,1.15
R2,1.20,1.10,1.00,0.90,0.85,0.80
R3,0.90,0.80,0.92,1.06,0.96,1.02
R4,1.08,1.15,1.02,0.88,0.94,1.12
R5,0.60,0.70,0.75,0.82,0.98,0.91
R6,1.30,1.25,1.20,1.28,1.16,1.05
CSV
sed -i '1s/y\([0-9]\)/200\1/g' "$TMP/rel.csv"
printf '6\nR1 1\nR2\nR2 2\nR1 R3\nR3 2\nR2 R4\nR4 2\nR3 R5\nR5 2\nR4 R6\nR6 1\nR5\n' > "$TMP/line.gal"
E=("$TMP/rel.csv" --wide y --levels --classes 3)
printf 'lag_class,class,probability\nall,0,0.2598425197\nall,1,0.4251968504\nall,2,0.3149606299\n' > "$TMP/ref_s.csv"
expect_exit 0 "$R" markov "${E[@]}" --table steady --format csv -o "$TMP/es.csv"
expect_table "$TMP/ref_s.csv" "$TMP/es.csv" 2 1e-9
printf 'lag_class,from,to,mfpt\nall,0,0,3.8484848485\nall,0,2,10\nall,1,1,2.3518518519\nall,2,0,11.1666666667\nall,2,2,3.175\n' > "$TMP/ref_m.csv"
expect_exit 0 "$R" markov "${E[@]}" --table mfpt --format csv -o "$TMP/em.csv"
expect_table "$TMP/ref_m.csv" "$TMP/em.csv" 3 1e-9
printf 'lag_class,class,sojourn\nall,0,2.75\nall,1,2.25\nall,2,3.3333333333\n' > "$TMP/ref_j.csv"
expect_exit 0 "$R" markov "${E[@]}" --table sojourn --format csv -o "$TMP/ej.csv"
expect_table "$TMP/ref_j.csv" "$TMP/ej.csv" 2 1e-9
printf 'statistic,value,dof,p_value\nQ,5.189021164,6,0.5198085364\nLR,5.874375657,6,0.4374088776\n' > "$TMP/ref_t.csv"
expect_exit 0 "$R" markov "${E[@]}" --weights "$TMP/line.gal" --lag-classes 3 --table tests --format csv -o "$TMP/et.csv"
expect_table "$TMP/ref_t.csv" "$TMP/et.csv" 1 1e-9
printf 'lag_class,class,probability\n1,0,0.2\n1,1,0.6\n1,2,0.2\n' > "$TMP/ref_s1.csv"
expect_exit 0 "$R" markov "${E[@]}" --weights "$TMP/line.gal" --lag-classes 3 --table steady --format csv -o "$TMP/es1.csv"
expect_table "$TMP/ref_s1.csv" "$TMP/es1.csv" 2 1e-9
# Lag class 2 never starts in class 2: an empty row, reported plainly.
expect_in "$TMP/err" "chain 2: class 2 never observed"

# Cut-offs: classes (−∞,0.9], (0.9,1.0], (1.0,∞); a class above everything stays empty.
expect_exit 0 "$R" markov "${E[@]}" --cuts 0.9,1.0,2.0 --table bounds --format csv -o "$TMP/cb.csv"
expect_in "$TMP/cb.csv" "class,3,Inf"
expect_in "$TMP/err" "class 3 never observed"

# A reducible chain: region A stays in the top class, B and C drift down and stay there.
printf 'region,2000,2001,2002,2003\nA,10,10,10,10\nB,3,2,1,1\nC,4,2,1,1\n' > "$TMP/red.csv"
expect_exit 0 "$R" markov "$TMP/red.csv" --wide y --levels --cuts 1,4 --table steady --format csv -o "$TMP/rs.csv"
expect_in "$TMP/rs.csv" "all/1,0,1"
expect_in "$TMP/rs.csv" "all/2,2,1"
expect_in "$TMP/err" "transient class 1"
expect_in "$TMP/err" "reducible"

# Islands: refused by default, zero lag (giddy) or dropped on request.
printf '6\nR1 0\n\nR2 1\nR3\nR3 2\nR2 R4\nR4 2\nR3 R5\nR5 2\nR4 R6\nR6 1\nR5\n' > "$TMP/island.gal"
expect_exit 2 "$R" markov "${E[@]}" --weights "$TMP/island.gal" --lag-classes 2
expect_in "$TMP/err" "R1"
expect_in "$TMP/err" "--islands"
expect_exit 0 "$R" markov "${E[@]}" --weights "$TMP/island.gal" --lag-classes 2 --islands zero-lag
expect_exit 0 "$R" markov "${E[@]}" --weights "$TMP/island.gal" --lag-classes 2 --islands drop
expect_in "$TMP/err" "dropped 1 island"

# Population-weighted mean (hand computation): 2000: A 1 (pop 1), B 3 (pop 3), weighted mean
# 2.5 → 0.4, 1.2 (unweighted mean 2 → 0.5, 1.5); 2001: both 2 → 1, 1. Cuts 0.45, 1.1.
printf 'region,year,y,p\nA,2000,1,1\nB,2000,3,3\nA,2001,2,1\nB,2001,2,3\n' > "$TMP/w.csv"
expect_exit 0 "$R" markov "$TMP/w.csv" --value y --pop p --cuts 0.45,1.1 --format csv -o "$TMP/w_out.csv"
expect_in "$TMP/w_out.csv" "all,0,1,1,1"
expect_in "$TMP/w_out.csv" "all,2,1,1,1"
expect_exit 0 "$R" markov "$TMP/w.csv" --value y --cuts 0.45,1.1 --format csv -o "$TMP/u_out.csv"
expect_in "$TMP/u_out.csv" "all,1,1,1,1"
expect_in "$TMP/u_out.csv" "all,2,1,1,1"
# A GAL file with a region the panel lacks: its links are ignored, with a note.
printf '7\nR1 1\nR2\nR2 2\nR1 R3\nR3 2\nR2 R4\nR4 2\nR3 R5\nR5 2\nR4 R6\nR6 2\nR5 R7\nR7 1\nR6\n' > "$TMP/line7.gal"
expect_exit 0 "$R" markov "${E[@]}" --weights "$TMP/line7.gal" --lag-classes 3 --table tests --format csv -o "$TMP/l7.csv"
expect_in "$TMP/err" "1 link to regions not in the panel ignored"
expect_table "$TMP/ref_t.csv" "$TMP/l7.csv" 1 1e-9
# gal:FILE is accepted as in `regcoord spatial`.
expect_exit 0 "$R" markov "${E[@]}" --weights "gal:$TMP/line.gal" --lag-classes 3 --table tests

# Usage errors.
expect_exit 1 "$R" markov "${E[@]}" --table tests;              expect_in "$TMP/err" "needs --weights"
expect_exit 1 "$R" markov "${E[@]}" --cuts 1.0,0.5;             expect_in "$TMP/err" "--cuts"
expect_exit 1 "$R" markov "${E[@]}" --quantiles yearly
expect_exit 1 "$R" markov "${E[@]}" --classes 1
expect_exit 2 "$R" markov "${E[@]}" --weights "$TMP/nothing.gal"
finish
