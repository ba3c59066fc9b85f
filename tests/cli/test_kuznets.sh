#!/usr/bin/env bash
# End-to-end tests of `regcoord kuznets`: the methods/08 worked example through the panel
# form, China's provincial Theil series 1978–2019 against an independent base-R computation
# (tests/reference/kuznets/make_reference.R), groups, stages and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/kuznets

# near FILE KEYCOL... — helper: value of statistic $2 of group $3 in a turning_point CSV.
stat() { awk -F, -v s="$2" -v g="${3:-all}" '$1 == g && $2 == s { print $3 }' "$1"; }
close_to() { # close_to GOT WANT TOL WHAT
  if awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b;
       exit !(a != "" && d <= t * s) }'; then pass; else fail "$4: $1 vs $2"; fi
}

# methods/08 §4 worked example: one region, value = exp(x), the gap given (panel form).
{ echo "region,year,value,gap"
  awk 'BEGIN { split("0.019833 0.030889 0.045484 0.093882 0.111970 0.086003 0.083637 0.101183 0.071935 0.016772 -0.002980 -0.024004 -0.098173 -0.175436 -0.216819", g, " ")
    for (t = 1; t <= 15; t++) printf "A,%d,%.17g,%s\n", 2000 + t, exp(8.0 + 0.2 * (t - 1)), g[t] }'
} > "$TMP/we.csv"
expect_exit 0 "$R" kuznets "$TMP/we.csv" --value value --gap-var gap --table turning_point --format csv -o "$TMP/we_tp.csv"
close_to "$(stat "$TMP/we_tp.csv" x_star panel)" 8.983494867 1e-9 "x*"
close_to "$(stat "$TMP/we_tp.csv" y_star panel)" 7970.439118 1e-9 "y*"
close_to "$(stat "$TMP/we_tp.csv" se_x_star panel)" 0.03536593081 1e-9 "se(x*)"
close_to "$(stat "$TMP/we_tp.csv" fieller_low panel)" 8.897466353 1e-9 "Fieller low"
close_to "$(stat "$TMP/we_tp.csv" fieller_high panel)" 9.053815197 1e-9 "Fieller high"
close_to "$(stat "$TMP/we_tp.csv" u_test_t panel)" 10.85036230 1e-9 "U-test t"
close_to "$(stat "$TMP/we_tp.csv" u_test_p panel)" 7.36346167e-08 1e-8 "U-test p"
close_to "$(stat "$TMP/we_tp.csv" r2 panel)" 0.9789658686 1e-9 "R²"
# The same with White HC1 covariance (R sandwich, make_worked_hc1.R).
expect_exit 0 "$R" kuznets "$TMP/we.csv" --value value --gap-var gap --vcov hc1 --format csv -o "$TMP/hc1/"
for s in se_x_star fieller_low fieller_high t_low t_high u_test_t u_test_p; do
  close_to "$(stat "$TMP/hc1/turning_point.csv" $s panel)" "$(awk -F, -v s=$s '$1 == s { print $2 }' "$REF/worked_example_hc1.csv")" 1e-8 "HC1 $s"
done
close_to "$(awk -F, '$2 == "ln_level_sq" { print $4 }' "$TMP/hc1/coefficients.csv")" \
         "$(awk -F, '$1 == "se_b2" { print $2 }' "$REF/worked_example_hc1.csv")" 1e-8 "HC1 se(b2)"
expect_exit 0 "$R" kuznets "$TMP/we.csv" --value value --gap-var gap --interval 8:8.8 --table turning_point --format csv
expect_in "$TMP/out" "panel,extremum_outside_interval,1"

# China, population-weighted Theil T 1978–2019 (needs ../shared).
CN=$RC_SHARED/data/china_provinces/china_provinces_panel.csv
if have_shared data/china_provinces/china_provinces_panel.csv; then
  expect_exit 0 "$R" kuznets "$CN" --value gdp_pc --pop pop --years 1978:2019 --format csv -o "$TMP/cn/"
  for s in n df_resid r2 x_star y_star se_x_star fieller_low fieller_high slope_low t_low slope_high t_high u_test_t u_test_p; do
    close_to "$(stat "$TMP/cn/turning_point.csv" $s)" "$(awk -F, -v s=$s '$1 == s { print $2 }' "$REF/china_theil_t_w.csv")" 1e-8 "China $s"
  done
  close_to "$(awk -F, '$2 == "ln_level_sq" { print $3 }' "$TMP/cn/coefficients.csv")" \
           "$(awk -F, '$1 == "b2" { print $2 }' "$REF/china_theil_t_w.csv")" 1e-8 "China b2"
  close_to "$(awk -F, '$1 == 2019 { print $6 }' "$TMP/cn/series.csv")" \
           "$(awk -F, '$1 == "gap_2019" { print $2 }' "$REF/china_theil_t_w.csv")" 1e-12 "Theil 2019"
  expect_in "$TMP/cn/series.csv" "1988,all,all,"
  [ "$(awk -F, '$1 == 1988 { print $9 }' "$TMP/cn/series.csv" | tr -d '\r')" = rising_gap ] && pass || fail "1988 stage"
  [ "$(awk -F, '$1 == 1989 { print $9 }' "$TMP/cn/series.csv" | tr -d '\r')" = falling_gap ] && pass || fail "1989 stage"
  # With a control (population-weighted national natural growth rate), 2000–2017.
  expect_exit 0 "$R" kuznets "$CN" --value gdp_pc --pop pop --controls natural_growth_permille \
      --years 2000:2017 --format csv -o "$TMP/cz/"
  RC2=$REF/china_theil_t_w_control.csv
  want() { awk -F, -v s="$1" '$1 == s { print $2 }' "$RC2"; }
  coefcol() { tr -d '\r' < "$TMP/cz/coefficients.csv" | awk -F, -v t="$1" -v c="$2" '$2 == t { print $c }'; }
  close_to "$(coefcol natural_growth_permille 3)" "$(want b_control)" 1e-8 "control estimate"
  close_to "$(coefcol natural_growth_permille 4)" "$(want se_control)" 1e-8 "control se"
  close_to "$(coefcol ln_level_sq 3)" "$(want b2)" 1e-8 "b2 with control"
  for s in x_star se_x_star t_low t_high u_test_t u_test_p df_resid; do
    close_to "$(stat "$TMP/cz/turning_point.csv" $s)" "$(want $s)" 1e-8 "control model $s"
  done
  expect_in "$TMP/cz/turning_point.csv" "all,extremum_outside_interval,1"
  expect_exit 0 "$R" kuznets "$CN" --value gdp_pc --pop pop --group group --gap gini_w --years 1978:2019 --table turning_point --format csv
  expect_in "$TMP/out" "east,x_star,"
  expect_in "$TMP/out" "west,u_test_p,"
  # 2020 has no population: left out of the index with a note.
  expect_exit 0 "$R" kuznets "$CN" --value gdp_pc --pop pop --table coefficients
  expect_in "$TMP/err" "left out"
  expect_exit 1 "$R" kuznets "$CN" --value gdp_pc --gap theil_t_w;  expect_in "$TMP/err" "needs --pop"
  expect_exit 1 "$R" kuznets "$CN" --value gdp_pc --gap theil_q;    expect_in "$TMP/err" "unknown gap index 'theil_q'"
  expect_exit 1 "$R" kuznets "$CN" --value gdp_pc --se cluster;     expect_in "$TMP/err" "panel form"
  expect_exit 1 "$R" kuznets "$CN" --value gdp_pc --fe region;      expect_in "$TMP/err" "panel form"
fi
expect_exit 1 "$R" kuznets "$TMP/we.csv" --gap-var gap;             expect_in "$TMP/err" "--value"
expect_exit 1 "$R" kuznets "$TMP/we.csv" --value value --gap-var gap --interval 9:8
expect_exit 1 "$R" kuznets "$TMP/we.csv" --value value --gap-var nothing; expect_in "$TMP/err" "nothing"
expect_exit 1 "$R" kuznets "$TMP/we.csv" --value value --gap-var gap --gap gini; expect_in "$TMP/err" "excludes"
head -4 "$TMP/we.csv" > "$TMP/short.csv"
expect_exit 2 "$R" kuznets "$TMP/short.csv" --value value --gap-var gap; expect_in "$TMP/err" "degree"
expect_exit 0 "$R" kuznets --help;                                   expect_in "$TMP/out" "Fieller"
finish
