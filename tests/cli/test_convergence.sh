#!/usr/bin/env bash
# End-to-end tests of `regcoord convergence`: R reference values (lm, var.test, sandwich, plm;
# tests/reference/convergence/make_reference.R), the methods/02 worked example, and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/convergence

# expect_conv REF OUT TOL — every row of REF (year,statistic,value,std_error,t,p_value) is in
# OUT with the same value, std_error, t and p_value to relative tolerance TOL (empty = empty);
# p-values to at least 1e-6: GSL's and R's Student t tails differ by ~1e-8 near p = 1e-19.
expect_conv() {
  local bad
  bad=$(awk -F, -v tol="$3" '
    function off(a, b, c) { if (a == "" || b == "") return a != b; d = a - b; if (d < 0) d = -d
                            s = b < 0 ? -b : b; return d > (c == 4 && tol < 1e-6 ? 1e-6 : tol) * s + 1e-300 }
    NR == FNR { if (FNR > 1) want[$1 "," $2] = $3 "," $4 "," $5 "," $6; next }
    FNR > 1 { got[$1 "," $2] = $3 "," $4 "," $5 "," $6 }
    END { for (k in want) { if (!(k in got)) { print k " missing"; continue }
            split(want[k], w, ","); split(got[k], g, ",")
            for (c = 1; c <= 4; c++) if (off(g[c], w[c], c)) print k "[" c "]: " g[c] " vs " w[c] } }' \
    "$1" <(tr -d '\r' < "$2"))
  if [ -z "$bad" ]; then pass; else fail "values differ from $1: $bad"; fi
}

CN=$RC_SHARED/data/china_provinces/china_provinces_panel.csv
if [ -f "$CN" ]; then
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --pop pop --years 1978:2019 --format csv -o "$TMP/cn.csv"
  expect_conv "$REF/china_gdp_pc_1978_2019.csv" "$TMP/cn.csv" 1e-9
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --years 1978:2019 --period 1990:2019 --vcov hc1 --format csv -o "$TMP/hc1.csv"
  expect_conv "$REF/china_beta_1990_2019_hc1.csv" "$TMP/hc1.csv" 1e-9
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --years 1978:2019 --beta panel --vcov arellano --format csv -o "$TMP/fe.csv"
  expect_conv "$REF/china_panel_fe_arellano.csv" "$TMP/fe.csv" 1e-9
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --years 1978:2019 --beta panel --window 5 --vcov sss --format csv -o "$TMP/fe5.csv"
  expect_conv "$REF/china_panel_fe_window5_sss.csv" "$TMP/fe5.csv" 1e-9
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --years 1978:2019 --beta panel --window 5 --effect twoways --format csv -o "$TMP/fe5t.csv"
  expect_conv "$REF/china_panel_fe_window5_twoways.csv" "$TMP/fe5t.csv" 1e-9
  # 2020 has no gdp_pc at all: the year is cut off with a note (same results as 1978:2019).
  expect_exit 0 "$R" convergence "$CN" --value gdp_pc --pop pop --format csv -o "$TMP/cn_all.csv"
  expect_in "$TMP/err" "using the years 1978 to 2019"
  expect_conv "$REF/china_gdp_pc_1978_2019.csv" "$TMP/cn_all.csv" 1e-9
  # A region missing in one year is dropped (listwise) and named.
  awk -F, -v OFS=, '$1 == "650000" && $6 == 2000 { $11 = "" } { print }' "$CN" > "$TMP/gap.csv"
  expect_exit 0 "$R" convergence "$TMP/gap.csv" --value gdp_pc --years 1978:2019 --format csv
  expect_in "$TMP/err" "dropped 1 region with a missing value in the years used (listwise): 650000"
  expect_in "$TMP/out" "2019,n_obs,30,"
else
  echo "skip: ../shared absent (China panel)"
fi

US=$RC_SHARED/data/us_states_income/us_states_income_panel.csv
if [ -f "$US" ]; then
  expect_exit 0 "$R" convergence "$US" --value pcincome --vcov hc1 --format csv -o "$TMP/us.csv"
  expect_conv "$REF/us_beta_1929_2009_hc1.csv" "$TMP/us.csv" 1e-9
  expect_exit 0 "$R" convergence "$US" --value pcincome --beta panel --window 10 --vcov sss --format csv -o "$TMP/usp.csv"
  expect_conv "$REF/us_panel_fe_window10_sss.csv" "$TMP/usp.csv" 1e-9
fi

PR=$REF/produc_prod.csv
expect_exit 0 "$R" convergence "$PR" --region state --value prod --controls unemp --vcov hc0 --format csv -o "$TMP/pr.csv"
expect_conv "$REF/produc_conditional_hc0.csv" "$TMP/pr.csv" 1e-9
expect_exit 0 "$R" convergence "$PR" --region state --value prod --controls unemp --beta panel --format csv -o "$TMP/prp.csv"
expect_conv "$REF/produc_panel_fe_unemp.csv" "$TMP/prp.csv" 1e-9

# The methods/02 worked example (six regions, 2000/2005/2010): σ, F, β, speed, half-life.
printf 'region,year,y\n' > "$TMP/six.csv"
paste -d' ' <(echo "2.0 2.5 3.0 4.0 5.0 6.0" | tr ' ' '\n') <(echo "3.1 3.6 4.1 5.3 6.4 7.3" | tr ' ' '\n') \
  <(echo "4.6 5.2 5.5 6.8 7.9 8.6" | tr ' ' '\n') |
  awk '{ for (k = 1; k <= 3; k++) printf "R%d,%d,%s\n", NR, 1995 + 5 * k, $k }' >> "$TMP/six.csv"
cat > "$TMP/six_ref.csv" <<'REF'
year,statistic,value,std_error,t,p_value
2000,sigma_sd_log,0.3841954696,,,
2005,sigma_sd_log,0.3071769787,,,
2010,sigma_sd_log,0.2265467713,,,
2010,sigma_f,2.875998959,,,0.2710882282
2010,beta,-0.04127875414,0.002686447636,-15.36555323,1.046631759e-04
2010,speed,0.05323685850,,,
2010,half_life,13.02006167,,,
REF
expect_exit 0 "$R" convergence "$TMP/six.csv" --value y --format csv -o "$TMP/six_out.csv"
expect_conv "$TMP/six_ref.csv" "$TMP/six_out.csv" 1e-9
# Divergence: speed and half-life are not reported (a note says why), never NaN.
# (y_2010 = y_2000²: the richer grow faster.)
printf 'region,year,y\nA,2000,2\nB,2000,3\nC,2000,4\nD,2000,5\nA,2005,3\nB,2005,5\nC,2005,8\nD,2005,11\n' > "$TMP/div.csv"
printf 'A,2010,4\nB,2010,9\nC,2010,16\nD,2010,25\n' >> "$TMP/div.csv"
expect_exit 0 "$R" convergence "$TMP/div.csv" --value y --format csv -o "$TMP/div_out.csv"
expect_in "$TMP/err" "speed and half_life"
if grep -q 'speed\|half_life\|nan\|NaN' "$TMP/div_out.csv"; then fail "speed reported for divergence"; else pass; fi

# Errors name what is wrong.
printf 'region,year,y\nA,2000,1\nB,2000,2\nC,2000,3\nA,2001,2\nB,2001,0\nC,2001,4\n' > "$TMP/zero.csv"
expect_exit 2 "$R" convergence "$TMP/zero.csv" --value y
expect_in "$TMP/err" "'B' has y = 0 in 2001"
printf 'region,year,y,p\nA,2000,1,1\nB,2000,2,1\nC,2000,3,1\nA,2001,2,1\nB,2001,3,0\nC,2001,4,1\n' > "$TMP/pop0.csv"
expect_exit 2 "$R" convergence "$TMP/pop0.csv" --value y --pop p
expect_in "$TMP/err" "'B' has p = 0 in 2001"
expect_exit 1 "$R" convergence "$PR" --region state --value prod --vcov arellano
expect_in "$TMP/err" "one observation per region"
expect_exit 1 "$R" convergence "$PR" --region state --value prod --beta panel --vcov hc1
expect_exit 1 "$R" convergence "$PR" --region state --value prod --period 1990:1980
expect_in "$TMP/err" "1990:1980"
expect_exit 1 "$R" convergence "$PR" --region state --value prod --controls nothing
expect_in "$TMP/err" "nothing"
expect_exit 1 "$R" convergence "$PR" --region state --beta sideways --value prod
# --sd sample (divisor n − 1) on the worked example: methods/02 §1.
expect_exit 0 "$R" convergence "$TMP/six.csv" --value y --sd sample --beta none --format csv -o "$TMP/six_s.csv"
expect_in "$TMP/six_s.csv" "2000,sigma_sd_log,0.42086505"
expect_in "$TMP/six_s.csv" "2010,sigma_sd_log,0.24816955"
# --growth total gives β_total = 10 β and the same speed.
expect_exit 0 "$R" convergence "$TMP/six.csv" --value y --growth total --format csv -o "$TMP/six_t.csv"
expect_in "$TMP/six_t.csv" "2010,speed,0.05323685"
expect_in "$TMP/six_t.csv" "2010,beta,-0.41278754"
finish
