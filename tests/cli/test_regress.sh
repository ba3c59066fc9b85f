#!/usr/bin/env bash
# End-to-end tests of `regcoord regress`: R lm/sandwich/plm reference values on Produc
# (tests/reference/regress, made by make_reference.R) for every model and error kind, the fit
# table, dropped rows and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/regress
P=("$RC_TEST_DATA/produc/produc.csv" --region state --y 'log(gsp)' --x 'log(pcap),log(pc),log(emp),unemp')

# compare MODEL SE OUT — every reference row of (MODEL, SE) agrees with OUT (term,estimate,
# std_error,t,p_value) to 1e-8 relative (p-values 1e-6).
compare() {
  local bad
  bad=$(awk -F, -v m="$1" -v s="$2" '
    NR == FNR { if ($1 == m && $2 == s) { want[$3] = $4 " " $5 " " $6 " " $7; n++ } next }
    FNR > 1 { got[$1] = $2 " " $3 " " $4 " " $5 }
    END {
      if (n == 0) print "no reference rows"
      for (k in want) {
        if (!(k in got)) { print k " missing"; continue }
        split(want[k], w, " "); split(got[k], g, " ")
        for (j = 1; j <= 4; j++) {
          d = g[j] - w[j]; if (d < 0) d = -d; a = w[j] < 0 ? -w[j] : w[j]
          if (d > (j == 4 ? 1e-6 : 1e-8) * a) print m, s, k, j, g[j], w[j]
        }
      }
    }' "$REF/produc_coef.csv" <(tr -d '\r' < "$3"))
  if [ -z "$bad" ]; then pass; else fail "$1 $2: $bad"; fi
}

for fe in none region year twoway; do
  model=$([ $fe = none ] && echo ols || echo fe_$fe)
  for se in classic hc1 cluster cluster_hc0; do
    opt=(--se "$se"); [ $se = cluster_hc0 ] && opt=(--se cluster --cluster-type hc0)
    expect_exit 0 "$R" regress "${P[@]}" --fe $fe "${opt[@]}" --format csv -o "$TMP/c.csv"
    compare $model $se "$TMP/c.csv"
  done
done
expect_in "$TMP/c.csv" "term,estimate,std_error,t,p_value"

# Fit table (two-way): plm within R², lm dummy-variable R², F and df.
expect_exit 0 "$R" regress "${P[@]}" --fe twoway --table fit --format csv
expect_in "$TMP/out" "statistic,value"
expect_in "$TMP/out" "df_resid,748"
expect_in "$TMP/out" "r2_within,0.754957874509456"
expect_in "$TMP/out" "f,576.13409225311"
expect_exit 0 "$R" regress "${P[@]}" --table fit --format csv
expect_in "$TMP/out" "r2_within,"            # NA without fixed effects: empty CSV field
grep -qF "(Intercept)" "$TMP/out" && fail "fit table lists terms" || pass

# Both tables to a directory.
expect_exit 0 "$R" regress "${P[@]}" --table all --format csv -o "$TMP/dir/"
[ -s "$TMP/dir/coefficients.csv" ] && [ -s "$TMP/dir/fit.csv" ] && pass || fail "no table files"

# Missing values: rows dropped and counted.
awk -F, 'NR == 5 { $9 = "" } 1' OFS=, "$RC_TEST_DATA/produc/produc.csv" > "$TMP/miss.csv"
expect_exit 0 "$R" regress "$TMP/miss.csv" --region state --y 'log(gsp)' --x 'log(pcap),unemp' --table fit --format csv
expect_in "$TMP/err" "1 of 816 region-years dropped"
expect_in "$TMP/out" "n,815"

# Errors.
expect_exit 3 "$R" regress "${P[@]/unemp/unemp,log(pcap)}";   expect_in "$TMP/err" "collinear"
expect_exit 1 "$R" regress "$RC_TEST_DATA/produc/produc.csv" --region state --y gsp --x income
expect_in "$TMP/err" "income"
expect_exit 1 "$R" regress "${P[@]}" --fe twoways;              expect_in "$TMP/err" "twoways"
expect_exit 1 "$R" regress "${P[@]}" --se robust;               expect_in "$TMP/err" "robust"
expect_exit 1 "$R" regress "$RC_TEST_DATA/produc/produc.csv" --region state --y gsp
expect_in "$TMP/err" "--x"
awk -F, 'NR == 5 { $9 = "0" } 1' OFS=, "$RC_TEST_DATA/produc/produc.csv" > "$TMP/zero.csv"
expect_exit 2 "$R" regress "$TMP/zero.csv" --region state --y 'log(gsp)' --x unemp
expect_in "$TMP/err" "ALABAMA"
expect_exit 0 "$R" regress --help;                              expect_in "$TMP/out" "arellano"
finish
