#!/usr/bin/env bash
# End-to-end tests of `regcoord haken`: the methods/05 worked example, China's national
# aggregates against an independent base-R lm(y ~ 0 + …) computation
# (tests/reference/haken/make_reference.R), stages, per-region runs and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/haken

# col FILE NAME — print column NAME of a CSV (header row names it), one value per line.
col() { tr -d '\r' < "$1" | awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }'; }
# cell FILE Q1 Q2 NAME — column NAME of the pairs row (q1, q2).
cell() { tr -d '\r' < "$1" | awk -F, -v a="$2" -v b="$3" -v n="$4" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
  $(h["q1"]) == a && $(h["q2"]) == b { print $(h[n]) }'; }
close_to() { # close_to GOT WANT TOL WHAT
  if awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b;
       exit !(a != "" && d <= t * s) }'; then pass; else fail "$4: '$1' vs '$2'"; fi
}

# methods/05 §4: three indices over 12 years, one region.
{ echo "region,year,X1,X2,X3"
  paste -d, <(seq 2001 2012) \
    <(tr ' ' '\n' <<< "0.300000 0.324183 0.350687 0.377761 0.405032 0.433771 0.465731 0.501569 0.540281 0.580156 0.620354 0.661666") \
    <(tr ' ' '\n' <<< "0.100000 0.077081 0.072038 0.076028 0.086185 0.100662 0.117448 0.135249 0.154437 0.176714 0.203640 0.235400") \
    <(tr ' ' '\n' <<< "0.50 0.48 0.53 0.51 0.56 0.55 0.60 0.58 0.63 0.62 0.66 0.65") | sed 's/^/A,/'
} > "$TMP/we.csv"
expect_exit 0 "$R" haken "$TMP/we.csv" --vars X1,X2,X3 --format csv -o "$TMP/we/"
P=$TMP/we/pairs.csv
[ "$(col "$P" holds | paste -sd ' ')" = "1 0 0 0 0 0" ] && pass || fail "holds column: $(col "$P" holds | paste -sd ' ')"
[ "$(col "$P" order_parameter | paste -sd ' ')" = "1 1 0 0 0 0" ] && pass || fail "order parameter not X1"
expect_in "$TMP/err" "order parameter X1"
close_to "$(cell "$P" X1 X2 lambda1)" -0.08258295963 1e-9 "λ1"
close_to "$(cell "$P" X1 X2 a)" 0.0696822105 1e-9 "a"
close_to "$(cell "$P" X1 X2 p_beta12)" 0.01447299886 1e-9 "p(a)"
close_to "$(cell "$P" X1 X2 lambda2)" 0.5859887549 1e-9 "λ2"
close_to "$(cell "$P" X1 X2 p_beta22)" 4.585949363e-10 1e-9 "p(b)"
close_to "$(cell "$P" X1 X2 r2_eq2)" 0.9999164953 1e-9 "R² eq 2"
close_to "$(cell "$P" X1 X2 cubic)" 0.04649191253 1e-9 "ab/λ2"
close_to "$(cell "$P" X1 X2 v_q4)" 0.01162297813 1e-9 "V quartic"
close_to "$(cell "$P" X1 X2 q_star)" 1.332774011 1e-9 "q*"
[ "$(cell "$P" X1 X2 star_stable),$(cell "$P" X1 X2 zero_stable)" = "1,0" ] && pass || fail "stability"
[ "$(cell "$P" X3 X2 reason)" = "lambda2 <= 0" ] && pass || fail "reason X3,X2"
close_to "$(cell "$P" X2 X3 lambda1)" 0.5964006682 1e-9 "λ1 (X2, X3)"
close_to "$(awk -F, '$5 == 2012 { print $7 }' "$TMP/we/potential.csv")" -0.0158497 1e-5 "V(X1(12))"
[ "$(wc -l < "$TMP/we/potential.csv")" -eq 13 ] && pass || fail "potential rows (held pair only)"
expect_exit 0 "$R" haken "$TMP/we.csv" --vars X1,X2 --adiabatic-ratio 10 --table pairs --format csv
expect_in "$TMP/out" "|lambda2| <= r|lambda1|"
expect_in "$TMP/err" "no order parameter"
expect_exit 0 "$R" haken "$TMP/we.csv" --vars X1,X2,X3 --potential all --table potential --format csv
[ "$(wc -l < "$TMP/out")" -eq 73 ] && pass || fail "potential all: $(wc -l < "$TMP/out") lines"

# China, national per-person aggregates 1998–2017, each divided by its first value.
CN=$RC_SHARED/data/china_provinces/china_provinces_panel.csv
if have_shared data/china_provinces/china_provinces_panel.csv; then
  expect_exit 0 "$R" haken "$CN" --national --vars gdp/pop,fai/pop,trade_kusd/pop --years 1998:2017 \
      --haken-scale first --table pairs --format csv -o "$TMP/cn.csv"
  bad=$(awk -F, 'NR == FNR { if (FNR > 1) want[$1 "|" $2 "|" $3] = $4; next }
    FNR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
    { for (i = 5; i <= 28; i++) got[$3 "|" $4 "|" h[i]] = $i }
    END { n = 0; for (k in want) { n++; d = got[k] - want[k]; if (d < 0) d = -d; s = want[k] < 0 ? -want[k] : want[k]
          if (!(k in got) || d > 1e-8 * s) print k, got[k], want[k] }
          if (n != 144) print "reference rows: " n }' "$REF/china_national_first.csv" <(tr -d '\r' < "$TMP/cn.csv"))
  [ -z "$bad" ] && pass || fail "China national vs R: $bad"
  expect_exit 0 "$R" haken "$CN" --national --vars gdp/pop,fai/pop --stages 1998:2007,2008:2017 --table pairs --format csv
  expect_in "$TMP/out" "national,1998:2007,gdp/pop,fai/pop,"
  expect_in "$TMP/out" "national,2008:2017,fai/pop,gdp/pop,"
  # Every province on its own: 31 × 2 rows; the years without fai are trimmed.
  expect_exit 0 "$R" haken "$CN" --vars gdp_pc,fai/pop --table pairs --format csv
  [ "$(($(wc -l < "$TMP/out") - 1))" -eq 62 ] && pass || fail "per-region rows"
  expect_in "$TMP/out" "440000,1978:2020,gdp_pc,fai/pop,"
  expect_exit 1 "$R" haken "$CN" --region-id 999999 --vars gdp_pc,fai; expect_in "$TMP/err" "999999"
  expect_exit 0 "$R" haken "$CN" --region-id 440000 --vars gdp_pc,fai/pop --years 1998:2017 --table pairs --format csv
  [ "$(($(wc -l < "$TMP/out") - 1))" -eq 2 ] && pass || fail "one region: 2 rows"
  expect_in "$TMP/out" "440000,1998:2017,gdp_pc,fai/pop,"
  expect_exit 1 "$R" haken "$CN" --region-id 440000 --national --vars gdp_pc,fai
  expect_exit 1 "$R" haken "$CN" --national --vars gdp_pc,income; expect_in "$TMP/err" "income"
fi

# Errors.
expect_exit 1 "$R" haken "$TMP/we.csv" --vars X1;                  expect_in "$TMP/err" "2 to 64"
expect_exit 1 "$R" haken "$TMP/we.csv";                            expect_in "$TMP/err" "--vars"
expect_exit 1 "$R" haken "$TMP/we.csv" --vars X1,X2 --haken-scale log
awk -F, 'NR == 6 { $4 = "" } 1' OFS=, "$TMP/we.csv" > "$TMP/gap.csv"
expect_exit 2 "$R" haken "$TMP/gap.csv" --vars X1,X2;              expect_in "$TMP/err" "missing in 2005"
expect_exit 2 "$R" haken "$TMP/we.csv" --vars X1,X2 --years 2001:2003; expect_in "$TMP/err" "at least 4 periods"
expect_exit 0 "$R" haken --help;                                    expect_in "$TMP/out" "adiabatic"
finish
