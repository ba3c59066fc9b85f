#!/usr/bin/env bash
# End-to-end tests of `regcoord clubs`: the methods/02 §5.5 worked example and R
# ConvergenceClubs 2.2.5 on the China provinces (tests/reference/clubs), merging options,
# output tables and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/clubs

# expect_rows REF OUT TOL — rows of REF (club,size,beta,std_error,t) in OUT (club first),
# same size and numbers to relative tolerance TOL.
expect_rows() {
  local bad
  bad=$(awk -F, -v tol="$3" 'NR == FNR { if (FNR > 1) want[$1] = $0; next }
    FNR > 1 { got[$1] = $0 }
    END { for (k in want) { if (!(k in got)) { print k " missing"; continue }
      split(want[k], w, ","); split(got[k], g, ",")
      if (w[2] != g[2]) print k " size " g[2] " vs " w[2]
      for (c = 3; c <= 5; c++) { d = g[c] - w[c]; if (d < 0) d = -d; s = w[c] < 0 ? -w[c] : w[c]
        if (d > tol * s) print k "[" c "]: " g[c] " vs " w[c] } } }' "$1" <(tr -d '\r' < "$2"))
  if [ -z "$bad" ]; then pass; else fail "values differ from $1: $bad"; fi
}

# Worked example: X_it = c_i + d_i e^(−0.2t) + 0.002 sin(1.3i + 0.7t), given as y = e^X so
# that ln y = X (no HP filter).
awk 'BEGIN { split("10 10 10 10 8 8 8 8", c, " "); split("0.8 -0.6 0.4 -0.3 0.7 -0.5 0.5 -0.2", d, " ")
  printf "region"; for (t = 1; t <= 20; t++) printf ",%d", 2000 + t; print ""
  for (i = 1; i <= 8; i++) { printf "U%d", i
    for (t = 1; t <= 20; t++) printf ",%.17g", exp(c[i] + d[i] * exp(-0.2 * t) + 0.002 * sin(1.3 * i + 0.7 * t))
    print "" } }' > "$TMP/ex.csv"
EX=("$TMP/ex.csv" --wide x --filter none)
for merge in none ps vlt; do
  expect_exit 0 "$R" clubs "${EX[@]}" --merge $merge --format csv -o "$TMP/c_$merge.csv"
  expect_rows "$REF/worked_example_clubs.csv" "$TMP/c_$merge.csv" 1e-9
done
expect_in "$TMP/c_none.csv" "all,8,"
expect_exit 0 "$R" clubs "${EX[@]}" --table members --format csv -o "$TMP/m.csv"
[ "$(tr -d '\r' < "$TMP/m.csv" | tr '\n' ' ')" = "club,region 1,U1 1,U2 1,U3 1,U4 2,U5 2,U6 2,U7 2,U8 " ] && pass \
  || fail "members: $(cat "$TMP/m.csv")"
expect_exit 0 "$R" clubs "${EX[@]}" --table paths --format csv -o "$TMP/p.csv"
expect_in "$TMP/p.csv" "1,2020,"
[ "$(grep -c '^2,' "$TMP/p.csv")" = 20 ] && pass || fail "paths: 20 years of club 2 expected"

# A unit far from all others is left divergent, and the table says so.
awk -F, -v OFS=, 'NR == 2 { for (t = 2; t <= NF; t++) $t = exp(30 + 20 * (t - 1)) } { print }' "$TMP/ex.csv" > "$TMP/div.csv"
expect_exit 0 "$R" clubs "$TMP/div.csv" --wide x --filter none --divergent-merge --format csv -o "$TMP/d.csv"
expect_in "$TMP/d.csv" "divergent,1,,,,divergent"
expect_in "$TMP/err" "1 divergent region"

# ConvergenceClubs on China: log gdp_pc 1978–2019, HP λ = 400, defaults → one club of 31.
CN=$RC_SHARED/data/china_provinces/china_gdp_pc_wide.csv
if [ -f "$CN" ]; then
  expect_exit 0 "$R" clubs "$CN" --wide gdp_pc --years 1978:2019 --format csv -o "$TMP/cn.csv"
  expect_rows "$REF/china_clubs.csv" "$TMP/cn.csv" 1e-8
  expect_exit 0 "$R" clubs "$CN" --wide gdp_pc --years 1978:2019 --table members --format csv -o "$TMP/cm.csv"
  diff <(tail -n +2 "$REF/china_members.csv" | sort) <(tail -n +2 "$TMP/cm.csv" | tr -d '\r' | sort) >/dev/null \
    && pass || fail "China members differ from ConvergenceClubs"
else
  echo "skip: ../shared absent (China clubs)"
fi

# Errors.
printf 'region,2001,2002,2003,2004,2005,2006\nA,5,6,7,8,9,10\nB,4,0,6,7,8,9\nC,3,4,5,6,7,8\n' > "$TMP/zero.csv"
expect_exit 2 "$R" clubs "$TMP/zero.csv" --wide x;   expect_in "$TMP/err" "'B' has x = 0 in 2002"
printf 'region,2001,2002,2003\nA,5,6,7\nB,4,5,6\n' > "$TMP/short.csv"
expect_exit 2 "$R" clubs "$TMP/short.csv" --wide x;  expect_in "$TMP/err" "at least 3 periods"
expect_exit 1 "$R" clubs "${EX[@]}" --merge pairs;   expect_in "$TMP/err" "--merge"
expect_exit 1 "$R" clubs "${EX[@]}" --table nothing
expect_exit 1 "$R" clubs "${EX[@]}" --cstar-method sometimes; expect_in "$TMP/err" "--cstar-method"
# Ordering by the mean of all periods (levels 10 vs 8 dominate) finds the same two clubs.
expect_exit 0 "$R" clubs "${EX[@]}" --order mean-last:1 --format csv -o "$TMP/ord.csv"
expect_rows "$REF/worked_example_clubs.csv" "$TMP/ord.csv" 1e-9
expect_exit 1 "$R" clubs "${EX[@]}" --order mean-last:2; expect_in "$TMP/err" "0 < F <= 1"
# The other c* rules leave the (already converging) worked-example clubs as they are.
for m in incremental adjust; do
  expect_exit 0 "$R" clubs "${EX[@]}" --cstar-method $m --format csv -o "$TMP/cs_$m.csv"
  expect_rows "$REF/worked_example_clubs.csv" "$TMP/cs_$m.csv" 1e-9
done
finish
