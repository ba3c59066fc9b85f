#!/usr/bin/env bash
# End-to-end tests of `regcoord structure`: the worked example of
# ../shared/methods/07-structure.md §7 (values to 10 significant digits; R1's LQ, K_12 and the
# shift-share totals are REAT 3.0.3's per that file), identities on plm::Produc public capital,
# missing values, and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD

# The methods file's three regions × four industries, years 0 and 1 as 2000 and 2001.
cat > "$TMP/ex.csv" <<'EOF'
region,year,agri,manu,cons,serv
R1,2000,20,50,10,40
R2,2000,60,30,15,35
R3,2000,30,20,5,45
R1,2001,18,62,12,58
R2,2001,55,33,16,44
R3,2001,27,22,6,60
EOF
S=(structure "$TMP/ex.csv" --sectors agri,manu,cons,serv --format csv)

# check_csv FILE KEYCOLS VALCOL KEY EXPECTED — the row whose first KEYCOLS columns joined by
# ',' equal KEY has EXPECTED in column VALCOL (relative 1e-9).
check_csv() {
  local got
  got=$(awk -F, -v kc="$2" -v vc="$3" -v key="$4" -v want="$5" '
    NR > 1 { k = $1; for (c = 2; c <= kc; c++) k = k "," $c
      if (k == key) { d = $vc - want; if (d < 0) d = -d; s = want < 0 ? -want : want
        print (d <= 1e-9 * (s > 1e-300 ? s : 1) + 1e-12) ? "ok" : "bad " $vc } }' "$1")
  if [ "$got" = ok ]; then pass; else fail "$1: $4 → '${got:-missing}' (wanted $5)"; fi
}

expect_exit 0 "$R" "${S[@]}" --years 2000 --table lq -o "$TMP/lq.csv"
check_csv "$TMP/lq.csv" 3 5 "2000,R1,agri" 0.5454545455
check_csv "$TMP/lq.csv" 3 5 "2000,R2,agri" 1.402597403
check_csv "$TMP/lq.csv" 3 5 "2000,R3,serv" 1.35
check_csv "$TMP/lq.csv" 3 4 "2000,R2,manu" 0.2142857143
expect_exit 0 "$R" "${S[@]}" --years 2000 --table specialization -o "$TMP/ksi.csv"
check_csv "$TMP/ksi.csv" 3 4 "2000,R2,krugman_specialization" 0.4805194805
expect_exit 0 "$R" "${S[@]}" --years 2000 --table specialization --ksi-ref mean -o "$TMP/ksi.csv"
check_csv "$TMP/ksi.csv" 3 4 "2000,R3,krugman_specialization" 0.3214285714
expect_exit 0 "$R" "${S[@]}" --years 2000 --table pairs -o "$TMP/pairs.csv"
check_csv "$TMP/pairs.csv" 3 4 "2000,R1,R2" 0.5714285714
check_csv "$TMP/pairs.csv" 3 5 "2000,R2,R3" 0.9071396228
expect_exit 0 "$R" "${S[@]}" --years 2000 --table localization -o "$TMP/loc.csv"
check_csv "$TMP/loc.csv" 2 3 "2000,serv" 0.09722222222
expect_exit 0 "$R" "${S[@]}" --table shift -o "$TMP/shift.csv"
check_csv "$TMP/shift.csv" 4 6 "2000,2001,R1,total" 17.66666667
check_csv "$TMP/shift.csv" 4 7 "2000,2001,R1,total" 4.348484848
check_csv "$TMP/shift.csv" 4 8 "2000,2001,R1,total" 7.984848485
check_csv "$TMP/shift.csv" 4 9 "2000,2001,R1,total" 12.33333333
check_csv "$TMP/shift.csv" 4 10 "2000,2001,R1,total" 6.666666667
check_csv "$TMP/shift.csv" 4 11 "2000,2001,R1,total" 1.318181818
check_csv "$TMP/shift.csv" 4 5 "2000,2001,R1,total" 30
# Two years only: --dynamic equals the classic decomposition.
expect_exit 0 "$R" "${S[@]}" --table shift --dynamic -o "$TMP/dyn.csv"
check_csv "$TMP/dyn.csv" 4 7 "2000,2001,R1,total" 4.348484848
expect_in "$TMP/err" "Esteban-Marquillas columns are not computed"

# Real data: plm::Produc public capital (hwy + water + util) of 48 states. Every shift-share
# row adds up (change = NS + IM + RS, homothetic + allocation = RS), and the dynamic sums
# over 1970…1986 do too.
P=("$RC_TEST_DATA/produc/produc.csv" --region state --sectors hwy,water,util --format csv)
for extra in "" "--dynamic" "--exclude-self"; do
  # shellcheck disable=SC2086
  expect_exit 0 "$R" structure "${P[@]}" --table shift $extra -o "$TMP/ps.csv"
  bad=$(awk -F, 'NR > 1 { d = $5 - $6 - $7 - $8; if (d < 0) d = -d
      e = ($10 == "" ? 0 : $8 - $10 - $11); if (e < 0) e = -e
      s = $5 < 0 ? -$5 : $5; if (d > 1e-9 * (s + 1) || e > 1e-9 * (s + 1)) print $3, $4, d, e }' "$TMP/ps.csv")
  [ -z "$bad" ] && pass || fail "shift-share identities $extra: $bad"
done
expect_in "$TMP/ps.csv" "1970,1986,WYOMING,total,"
# Location quotients of 1986 recomputed from the raw file (awk, hwy/water/util columns 5-7),
# and the LQ-weighted identity Σ_i (E_i/E) LQ_ik = 1 for every sector.
expect_exit 0 "$R" structure "${P[@]}" --years 1986 --table lq -o "$TMP/plq.csv"
bad=$(awk -F, 'NR == FNR { gsub(/"/, ""); if ($2 == 1986) { for (k = 5; k <= 7; k++) {
      e[$1, k] = $k; Ei[$1] += $k; Ek[k] += $k; E += $k } } next }
  FNR > 1 { k = ($3 == "hwy" ? 5 : $3 == "water" ? 6 : 7)
    want = (e[$2, k] / Ei[$2]) / (Ek[k] / E); d = $5 - want; if (d < 0) d = -d
    if (d > 1e-12 * want) print $2, $3, $5, want
    w[$3] += Ei[$2] / E * $5; rows++ }
  END { for (s in w) { d = w[s] - 1; if (d < 0) d = -d; if (d > 1e-12) print "sum", s, w[s] }
        if (rows != 144) print "rows", rows }' "$RC_TEST_DATA/produc/produc.csv" "$TMP/plq.csv")
[ -z "$bad" ] && pass || fail "produc LQ: $bad"

# The long layout (state, year, sector, value) gives the very same tables as the columns.
awk -F, 'NR > 1 { gsub(/"/, ""); print $1 "," $2 ",hwy," $5; print $1 "," $2 ",water," $6; print $1 "," $2 ",util," $7 }
  BEGIN { print "state,year,sector,capital" }' "$RC_TEST_DATA/produc/produc.csv" > "$TMP/long.csv"
expect_exit 0 "$R" structure "${P[@]}" -o "$TMP/wide_out/"
expect_exit 0 "$R" structure "$TMP/long.csv" --region state --sector-col sector --value capital --format csv -o "$TMP/long_out/"
for t in lq specialization pairs localization shift; do
  cmp -s "$TMP/wide_out/$t.csv" "$TMP/long_out/$t.csv" && pass || fail "long layout differs in $t"
done
expect_exit 0 "$R" structure "$TMP/long.csv" --region state --sector-col sector --value capital --sectors util,hwy --years 1986 --table lq --format csv
expect_in "$TMP/out" "1986,ALABAMA,util,"
expect_exit 1 "$R" structure "$TMP/long.csv" --region state --sector-col sector;  expect_in "$TMP/err" "needs both --sector-col COL and --value VAR"
printf 'region,year,sector,v\nA,2000,x,1\nA,2000,x,2\n' > "$TMP/dup_long.csv"
expect_exit 2 "$R" structure "$TMP/dup_long.csv" --sector-col sector --value v
expect_in "$TMP/err" "dup_long.csv:3: sector 'x' of region 'A' in 2000 is given twice"

# Missing values: the region is dropped for that year and named; a negative is an error.
printf 'region,year,a,b\nA,2000,1,2\nB,2000,,3\nC,2000,3,1\nD,2000,2,2\n' > "$TMP/miss.csv"
expect_exit 0 "$R" structure "$TMP/miss.csv" --sectors a,b --table specialization
expect_in "$TMP/err" "2000: dropped 1 region(s) with a missing sector value: B"
printf 'region,year,a,b\nA,2000,1,2\nB,2000,-1,3\nC,2000,3,1\n' > "$TMP/neg.csv"
expect_exit 2 "$R" structure "$TMP/neg.csv" --sectors a,b
expect_in "$TMP/err" "'B' has a = -1 in 2000"
printf 'region,year,a,b\nA,2000,1,0\nB,2000,0,0\nC,2000,3,0\n' > "$TMP/zero.csv"
expect_exit 0 "$R" structure "$TMP/zero.csv" --sectors a,b --table lq
expect_in "$TMP/err" "left out 1 sector(s) with a zero total: b"
expect_in "$TMP/err" "dropped 1 region(s) whose sectors sum to 0: B"
# A sector new after the base year has no growth rate.
printf 'region,year,a,b\nA,2000,1,0\nB,2000,2,0\nA,2001,1,1\nB,2001,2,0\n' > "$TMP/new.csv"
expect_exit 2 "$R" structure "$TMP/new.csv" --sectors a,b --table shift
expect_in "$TMP/err" "sector b has no activity in 2000"
expect_exit 1 "$R" structure "$TMP/ex.csv";                            expect_in "$TMP/err" "needs --sectors"
expect_exit 1 "$R" structure "$TMP/ex.csv" --sectors agri,mining;      expect_in "$TMP/err" "mining"
expect_exit 1 "$R" structure "$TMP/ex.csv" --sectors agri --ksi-ref x; expect_in "$TMP/err" "--ksi-ref"
expect_exit 1 "$R" structure "$TMP/ex.csv" --sectors agri --table foo; expect_in "$TMP/err" "unknown table 'foo'"
expect_exit 1 "$R" structure "$TMP/ex.csv" --sectors agri,manu --base-year 2001 --end-year 2000
expect_exit 0 "$R" structure "$TMP/ex.csv" --sectors agri,manu,cons,serv --help
expect_in "$TMP/out" "Formulas: ../shared/methods/07-structure.md"
finish
