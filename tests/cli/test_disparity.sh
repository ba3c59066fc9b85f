#!/usr/bin/env bash
# End-to-end tests of `regcoord disparity`: reference values (tests/reference/disparity),
# decomposition identities in the output, inference columns, reproducibility across thread
# counts, and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
US=("$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS
    --regions "$RC_TEST_DATA/us_income/us48_census_regions.csv")
REF=$(dirname "$0")/../reference/disparity

# US incomes: PySAL formulas (independent NumPy code) to 1e-10.
expect_exit 0 "$R" disparity "${US[@]}" --group census_region --years 1929:2009 --format csv -o "$TMP/us.csv"
expect_values "$REF/us_census_regions.csv" "$TMP/us.csv" 1e-10
# Identities in the table itself: between + within = total, Dagum parts sum to G (1e-12).
bad=$(awk -F, 'NR > 1 && $2 == "all" { v[$1 "," $3] = $4; y[$1] = 1 }
  END { for (t in y) {
    d = v[t ",theil_t"] - v[t ",theil_t_between"] - v[t ",theil_t_within"]; if (d < 0) d = -d
    e = v[t ",dagum_gini"] - v[t ",dagum_within"] - v[t ",dagum_between_net"] - v[t ",dagum_transvariation"]; if (e < 0) e = -e
    f = v[t ",dagum_gini"] - v[t ",gini"]; if (f < 0) f = -f
    if (d > 1e-12 || e > 1e-12 || f > 1e-12) print t, d, e, f } }' "$TMP/us.csv")
[ -z "$bad" ] && pass || fail "identities fail: $bad"
expect_in "$TMP/us.csv" "2009,South|Northeast,dagum_d,"
expect_in "$TMP/us.csv" "1929,Midwest,theil_contribution,"

# Requirements of statistics and usage errors.
expect_exit 1 "$R" disparity "${US[@]}" --stat cv_w;          expect_in "$TMP/err" "cv_w needs --pop"
expect_exit 1 "$R" disparity "${US[@]}" --stat dagum_gini;    expect_in "$TMP/err" "needs --group"
expect_exit 1 "$R" disparity "${US[@]}" --stat theil_q;       expect_in "$TMP/err" "unknown statistic 'theil_q'"
expect_exit 1 "$R" disparity "${US[@]}" --value income;       expect_in "$TMP/err" "no variable 'income'"
expect_exit 1 "$R" disparity "${US[@]}" --group nothing;      expect_in "$TMP/err" "no text column 'nothing'"
expect_exit 1 "$R" disparity "${US[@]}" --permutations 99;    expect_in "$TMP/err" "needs --group"
expect_exit 0 "$R" disparity "${US[@]}" --years 2009 --stat atkinson_2,gini
expect_in "$TMP/out" "atkinson_2"

# A zero where a log is needed: an error naming region and year, not NaN.
printf 'region,year,y,pop\nA,2000,1,5\nB,2000,0,5\nC,2000,3,5\n' > "$TMP/zero.csv"
expect_exit 2 "$R" disparity "$TMP/zero.csv" --value y --stat theil_l
expect_in "$TMP/err" "'B' has y = 0 in 2000"
expect_exit 0 "$R" disparity "$TMP/zero.csv" --value y --stat theil_t,gini   # zeros allowed there
# Missing values: the region is dropped for that year and named.
printf 'region,year,y\nA,2000,1\nB,2000,\nC,2000,3\nA,2001,2\nB,2001,2\nC,2001,4\n' > "$TMP/miss.csv"
expect_exit 0 "$R" disparity "$TMP/miss.csv" --value y --stat gini
expect_in "$TMP/err" "2000: dropped 1 region with a missing y: B"
expect_exit 0 "$R" disparity "$TMP/miss.csv" --value y --stat gini --balanced --format csv
expect_in "$TMP/err" "--balanced: dropped 1 region"

# Shared China panel: theil_t_w of peer_values.json (0.07434221473617406) to 14 digits,
# inference columns, and the same numbers for any thread count.
P="$RC_SHARED/data/china_provinces/china_provinces_panel.csv"
if have_shared data/china_provinces/china_provinces_panel.csv; then
  args=(disparity "$P" --value gdp_pc --pop pop --group group --years 2019 --permutations 199
        --bootstrap 199 --seed 3 --format csv)
  expect_exit 0 "$R" "${args[@]}" --threads 1; cp "$TMP/out" "$TMP/t1.csv"
  expect_exit 0 "$R" "${args[@]}" --threads 2; cp "$TMP/out" "$TMP/t2.csv"
  cmp -s "$TMP/t1.csv" "$TMP/t2.csv" && pass || fail "output depends on --threads"
  expect_in "$TMP/t1.csv" "year,group,statistic,value,p_value,ci_low,ci_high"
  expect_in "$TMP/t1.csv" "2019,all,theil_t_w,0.07434221473617"
  expect_exit 0 "$R" "${args[@]}" --threads 2 --seed 4; cp "$TMP/out" "$TMP/s4.csv"
  cmp -s "$TMP/t1.csv" "$TMP/s4.csv" && fail "another seed gave the same intervals" || pass
else
  echo "skipping China checks"
fi
finish
