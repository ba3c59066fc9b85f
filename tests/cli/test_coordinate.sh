#!/usr/bin/env bash
# End-to-end tests of `regcoord coordinate`: the worked example of methods/04 through the CLI,
# independent base-R values (tests/reference/coordinate/make_reference.R) on the bundled
# produc data and on the shared China panel, identities in the tables, per-year normalisation,
# missing values (listwise drop, --impute linear), output files, and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
EX=("$RC_TEST_DATA/evaluation/example_panel.csv" --system "$RC_TEST_DATA/evaluation/example_system.csv")
REF=$(dirname "$0")/../reference/coordinate

# expect_cols REF OUT "refcol:outcol …" TOL [FILTER] — rows keyed by year,region; each pair of
# columns agrees to absolute tolerance TOL. OUT is one of our CSV tables; with FILTER=col=value
# only OUT rows with that value in that column are used (e.g. subsystem=economy).
expect_cols() {
  local ref=$1 out=$2 pairs=$3 tol=$4 filter=${5:-} bad
  bad=$(awk -F, -v pairs="$pairs" -v tol="$tol" -v filter="$filter" '
    FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i
               if (NR != FNR && filter != "") { split(filter, f, "="); fc = col[FILENAME, f[1]] }
               next }
    NR == FNR { ref[$1 "," $2] = $0; next }
    filter == "" || $fc == f[2] {
      seen++
      if (!(($1 "," $2) in ref)) { print "no reference row " $1 "," $2; next }
      split(ref[$1 "," $2], r, ",")
      n = split(pairs, p, " ")
      for (k = 1; k <= n; k++) {
        split(p[k], ab, ":")
        a = r[col[ARGV[1], ab[1]]]; b = $(col[FILENAME, ab[2]])
        d = a - b; if (d < 0) d = -d
        if (d > tol || b == "") print $1 "," $2 " " ab[1] ": " b " vs " a
      }
    }
    END { if (!seen) print "no rows compared" }' "$ref" <(tr -d '\r' < "$out") | head -5)
  if [ -z "$bad" ]; then pass; else fail "$out vs $ref: $bad"; fi
}

# 1. Worked example of methods/04 (three subsystems, x6 a cost indicator), year 0 = cross-section.
expect_exit 0 "$R" coordinate "${EX[@]}" --table coordination --format csv
expect_in "$TMP/out" "year,region,C,T,D,grade,type"
expect_in "$TMP/out" "0,R3,0.38218876"           # C_W of R3
expect_in "$TMP/out" ",0.34971976"                # D_W of R3 …
expect_in "$TMP/out" ",4,Innovation lagging"      # … grade 4 (mild imbalance)
expect_in "$TMP/err" "Wang et al. 2021"
expect_exit 0 "$R" coordinate "${EX[@]}" --table coordination --format csv --coupling classic
expect_in "$TMP/out" "0,R4,0.97743826"; expect_in "$TMP/out" ",0.71731924"
expect_in "$TMP/out" "0,R5,0,0.0824177893"
expect_exit 0 "$R" coordinate "${EX[@]}" --table obstacles --format csv --top 2
expect_in "$TMP/out" "0,R2,x4,20.1107970"
expect_in "$TMP/out" "0,R4,Environment,43.7015361"
[ "$(grep -c '^0,R2,x' "$TMP/out")" -eq 2 ] && pass || fail "--top 2 kept $(grep -c '^0,R2,x' "$TMP/out") indicators"
expect_exit 0 "$R" coordinate "${EX[@]}" --table scores --format csv --topsis vector
expect_in "$TMP/out" "0,R1,topsis,0.98361892"
expect_exit 0 "$R" coordinate "${EX[@]}" --table weights --format csv --weights-method critic
expect_in "$TMP/out" "x5,overall,0.47779104"

# 2. produc (bundled, 48 states × 1970–1986, 3 subsystems, unemp a cost indicator) vs base R.
PR=("$RC_TEST_DATA/produc/produc.csv" --region state --system "$RC_TEST_DATA/evaluation/produc_system.csv")
expect_exit 0 "$R" coordinate "${PR[@]}" -o "$TMP/pw/"
for t in weights scores coordination obstacles; do
  [ -s "$TMP/pw/$t.csv" ] && pass || fail "-o DIR/ wrote no $t.csv"
done
expect_cols "$REF/produc_coordination.csv" "$TMP/pw/coordination.csv" "C_wang:C T:T D_wang:D" 1e-12
expect_cols "$REF/produc_coordination.csv" "$TMP/pw/scores.csv" "U_labour:U" 1e-12 subsystem=labour
expect_cols "$REF/produc_coordination.csv" "$TMP/pw/scores.csv" "topsis:U" 1e-12 subsystem=topsis
expect_exit 0 "$R" coordinate "${PR[@]}" --coupling classic --table coordination --format csv
expect_cols "$REF/produc_coordination.csv" "$TMP/out" "C_classic:C D_classic:D" 1e-12
expect_exit 0 "$R" coordinate "${PR[@]}" --top 0 --table obstacles --format csv -o "$TMP/po.csv"
expect_cols "$REF/produc_coordination.csv" "$TMP/po.csv" "O_unemp:obstacle" 1e-10 indicator=unemp
expect_cols "$REF/produc_coordination.csv" "$TMP/po.csv" "O_hwy:obstacle" 1e-10 indicator=hwy
# Identities: weights sum to 1 per subsystem and overall; indicator obstacles sum to 100 and
# the subsystem obstacles too; 0 ≤ C, D ≤ 1; grade agrees with D.
bad=$(awk -F, 'NR > 1 { s[$2] += $3 } END { for (k in s) { d = s[k] - 1; if (d < 0) d = -d; if (d > 1e-12) print k, s[k] } }' "$TMP/pw/weights.csv")
[ -z "$bad" ] && pass || fail "weights do not sum to 1: $bad"
bad=$(awk -F, 'NR > 1 { if ($3 ~ /^(output_capital|infrastructure|labour)$/) sub_[$1 "," $2] += $4; else ind[$1 "," $2] += $4 }
  END { for (k in ind) { d = ind[k] - 100; e = sub_[k] - 100; if (d < 0) d = -d; if (e < 0) e = -e
        if (d > 1e-9 || e > 1e-9) print k, ind[k], sub_[k] } }' "$TMP/po.csv")
[ -z "$bad" ] && pass || fail "obstacles do not sum to 100: $bad"
bad=$(awk -F, 'NR > 1 { g = 1; split("0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9", th, " ")
  for (i = 1; i <= 9; i++) if ($5 + 0 >= th[i] + 0) g = i + 1
  if ($3 < 0 || $3 > 1 || $5 < 0 || $5 > 1 || g != $6) print $1, $2, $3, $5, $6 }' "$TMP/pw/coordination.csv")
[ -z "$bad" ] && pass || fail "C/D out of [0,1] or wrong grade: $bad"

# 3. Per-year normalisation: weights carry a year; scores of a year equal a run on that year alone.
expect_exit 0 "$R" coordinate "${PR[@]}" --normalize per-year --table weights --format csv
expect_in "$TMP/out" "year,indicator,subsystem,weight"
expect_in "$TMP/out" "1986,unemp,labour,"
expect_exit 0 "$R" coordinate "${PR[@]}" --normalize per-year --table coordination --format csv
grep '^1975,' "$TMP/out" > "$TMP/py.csv"
expect_exit 0 "$R" coordinate "${PR[@]}" --years 1975 --table coordination --format csv
grep '^1975,' "$TMP/out" > "$TMP/one.csv"
cmp -s "$TMP/py.csv" "$TMP/one.csv" && pass || fail "per-year 1975 differs from a 1975-only run"
expect_exit 0 "$R" coordinate "${PR[@]}" --alpha 0.5,0.25,0.25 --weights-method combined --table coordination
expect_exit 0 "$R" coordinate "$RC_TEST_DATA/produc/produc.csv" --region state \
  --system "$(dirname "$0")/../../examples/us_produc_three_subsystems.csv" --coupling classic -o "$TMP/ex/"
cmp -s "$TMP/ex/weights.csv" "$TMP/pw/weights.csv" && pass || fail "examples/us_produc_three_subsystems.csv differs"
expect_exit 0 "$R" coordinate "${PR[@]}" --format xlsx -o "$TMP/all.xlsx"
[ -s "$TMP/all.xlsx" ] && pass || fail "no workbook"

# 4. Missing values: listwise drop named on stderr; --impute linear fills interior gaps.
printf 'region,year,a,b,c,d\n' > "$TMP/miss.csv"
for r in A B C; do for y in 2000 2001 2002; do
  printf '%s,%s,%s,%s,%s,%s\n' $r $y $((RANDOM % 50 + 1)) $((RANDOM % 50 + 1)) $((RANDOM % 50 + 1)) $((RANDOM % 50 + 1)) >> "$TMP/miss.csv"
done; done
sed -i 's/^B,2001,\([0-9]*\),[0-9]*,/B,2001,\1,,/' "$TMP/miss.csv"
sed -i 's/^C,2000,[0-9]*,/C,2000,,/' "$TMP/miss.csv"
printf 'indicator,subsystem,direction,weight\na,S1,+,1\nb,S1,-,3\nc,S2,+,1\nd,S2,+,1\n' > "$TMP/sys.csv"
expect_exit 0 "$R" coordinate "$TMP/miss.csv" --system "$TMP/sys.csv" --table coordination --format csv
expect_in "$TMP/err" "dropped 2 region-years with a missing indicator"
expect_in "$TMP/err" "B 2001"; expect_in "$TMP/err" "C 2000"
[ "$(grep -c '^' "$TMP/out")" -eq 8 ] && pass || fail "expected 7 rows after the drop"
expect_exit 0 "$R" coordinate "$TMP/miss.csv" --system "$TMP/sys.csv" --impute linear --table scores --format csv
expect_in "$TMP/err" "--impute linear: filled 1 missing indicator value: B 2001"
expect_in "$TMP/err" "dropped 1 region-year"   # C 2000 is a leading gap: not interpolated
expect_exit 0 "$R" coordinate "$TMP/miss.csv" --system "$TMP/sys.csv" --weights-method given --table weights --format csv
expect_in "$TMP/out" "b,S1,0.75"
# Interpolation is over years: a gap in a series that is linear in the year is filled exactly,
# so the results equal those of the complete file (years 2000, 2001, 2003: unequal steps).
printf 'region,year,a,b,c,d\nA,2000,1,9,4,2\nA,2001,3,8,1,5\nA,2003,2,2,6,1\nB,2000,5,10,3,3\nB,2001,2,20,2,2\nB,2003,4,40,5,4\nC,2000,3,1,1,6\nC,2001,6,3,7,4\nC,2003,1,5,2,2\n' > "$TMP/full.csv"
sed 's/^B,2001,2,20,/B,2001,2,,/' "$TMP/full.csv" > "$TMP/gap.csv"
expect_exit 0 "$R" coordinate "$TMP/full.csv" --system "$TMP/sys.csv" --format csv -o "$TMP/full/"
expect_exit 0 "$R" coordinate "$TMP/gap.csv" --system "$TMP/sys.csv" --impute linear --format csv -o "$TMP/gap/"
expect_in "$TMP/err" "filled 1 missing indicator value: B 2001"
for t in weights scores coordination obstacles; do
  cmp -s "$TMP/full/$t.csv" "$TMP/gap/$t.csv" && pass || fail "--impute linear: $t differs from the complete data"
done
# A constant indicator gets weight 0, with a note.
awk -F, 'BEGIN { OFS = "," } NR > 1 { $6 = 7 } { print }' "$TMP/miss.csv" > "$TMP/const.csv"
expect_exit 0 "$R" coordinate "$TMP/const.csv" --system "$TMP/sys.csv" --table weights --format csv
expect_in "$TMP/err" "indicator 'd' is constant"
expect_in "$TMP/out" "d,S2,0"

# 5. Help, and errors a person can act on.
expect_exit 0 "$R" coordinate --help
expect_in "$TMP/out" "--weights-method M"; expect_in "$TMP/out" "Examples:"
expect_exit 0 "$R" --help;                                                expect_in "$TMP/out" "coordinate"
expect_exit 1 "$R" coordinate "${EX[0]}";                                 expect_in "$TMP/err" "needs --system"
expect_exit 1 "$R" coordinate "${EX[@]}" --table nothing;                 expect_in "$TMP/err" "--table must be"
expect_exit 1 "$R" coordinate "${EX[@]}" --coupling other;                expect_in "$TMP/err" "--coupling must be wang or classic"
expect_exit 1 "$R" coordinate "${EX[@]}" --alpha 0.5,0.5;                 expect_in "$TMP/err" "--alpha needs 3 weights"
expect_exit 1 "$R" coordinate "${EX[@]}" --alpha 0.5,0.3,0.3;             expect_in "$TMP/err" "sum to 1"
expect_exit 1 "$R" coordinate "${EX[@]}" --weights-method given;         expect_in "$TMP/err" "needs a weight column"
expect_exit 1 "$R" coordinate "${EX[@]}" -o "$TMP/x.csv";                 expect_in "$TMP/err" "--table"
printf 'indicator,subsystem,direction\nx1,E,+\nx9,F,+\n' > "$TMP/bad1.csv"
expect_exit 1 "$R" coordinate "${EX[0]}" --system "$TMP/bad1.csv";       expect_in "$TMP/err" "x9"
printf 'indicator,subsystem,direction\nx1,E,+\nx2,F,higher\n' > "$TMP/bad2.csv"
expect_exit 2 "$R" coordinate "${EX[0]}" --system "$TMP/bad2.csv";       expect_in "$TMP/err" "bad2.csv:3: direction of 'x2'"
printf 'indicator,subsystem,direction\nx1,E,+\nx2,E,-\n' > "$TMP/bad3.csv"
expect_exit 2 "$R" coordinate "${EX[0]}" --system "$TMP/bad3.csv";       expect_in "$TMP/err" "coupling needs at least 2"
expect_exit 2 "$R" coordinate "${EX[0]}" --system "$TMP/nope.csv"
printf 'region,a,b\nA,1,2\n' > "$TMP/one.csv"; printf 'indicator,subsystem,direction\na,E,+\nb,F,+\n' > "$TMP/ab.csv"
expect_exit 2 "$R" coordinate "$TMP/one.csv" --system "$TMP/ab.csv";    expect_in "$TMP/err" "at least 2"

# 6. Shared China panel, two subsystems, 2008–2017 pooled: base-R values to 1e-12.
P="$RC_SHARED/data/china_provinces/china_provinces_panel.csv"
if have_shared data/china_provinces/china_provinces_panel.csv; then
  SYS=$(dirname "$0")/../../examples/china_two_subsystems.csv
  expect_exit 0 "$R" coordinate "$P" --system "$SYS" --years 2008:2017 --top 0 -o "$TMP/cn/"
  expect_cols "$REF/china_2008_2017_coordination.csv" "$TMP/cn/coordination.csv" "C_wang:C T:T D_wang:D" 1e-12
  expect_cols "$REF/china_2008_2017_coordination.csv" "$TMP/cn/scores.csv" "U_economy:U" 1e-12 subsystem=economy
  expect_cols "$REF/china_2008_2017_coordination.csv" "$TMP/cn/scores.csv" "U_openness_society:U" 1e-12 subsystem=openness_society
  expect_cols "$REF/china_2008_2017_coordination.csv" "$TMP/cn/obstacles.csv" "O_fai:obstacle" 1e-10 indicator=fai
  expect_in "$TMP/cn/weights.csv" "trade_kusd,openness_society,0.84978"
  [ "$(grep -c '^' "$TMP/cn/coordination.csv")" -eq 311 ] && pass || fail "China: expected 310 region-years"
  expect_in "$TMP/err" "pooled normalisation over 310 region-years"
  # Years outside 2008–2017 miss students_higher_per100k: dropped and named.
  expect_exit 0 "$R" coordinate "$P" --system "$SYS" --years 2006:2017 --table coordination --format csv
  expect_in "$TMP/err" "dropped 62 region-years with a missing indicator"
  # The example index systems run as documented in examples/README.md.
  expect_exit 0 "$R" coordinate "$P" --system "$(dirname "$0")/../../examples/china_three_subsystems_given.csv" \
    --years 2008:2017 --weights-method given --table weights --format csv
  expect_in "$TMP/out" "fai,economy,0.4"; expect_in "$TMP/out" "trade_kusd,overall,0.33333"
else
  echo "skipping China checks: $P not present"
fi
finish
