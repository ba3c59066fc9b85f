#!/usr/bin/env bash
# End-to-end tests of `regcoord weights` (build, show, convert) and `regcoord spatial` on
# weights built from geometry: summaries, files equal to the references, errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
SHP=$RC_TEST_DATA/us_income/us48.shp
REF=$(dirname "$0")/../reference
US=("$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS)

# build → GAL equal (as neighbour sets) to libpysal's Queen on the same shapefile.
expect_exit 0 "$R" weights build "queen:$SHP" --geo-id STATE_FIPS -o "$TMP/q.gal" --format csv
expect_in "$TMP/out" "regions,48"
expect_in "$TMP/out" "links,214"
expect_in "$TMP/out" "islands,0"
expect_in "$TMP/out" "components,1"
canon() { # GAL → sorted "id: n1 n2 …" lines
  awk 'NR == 1 { next } (NR % 2) == 0 { id = $1; next } { n = split($0, a, " "); s = "";
       for (k = 1; k <= n; k++) b[k] = a[k]; asort(b); for (k = 1; k <= n; k++) s = s " " b[k];
       delete b; print id ":" s }' "$1" | sort
}
if diff <(canon "$TMP/q.gal") <(canon "$REF/weights/us48_queen.gal") >/dev/null; then pass; else fail "queen GAL differs from libpysal's"; fi
expect_in "$TMP/q.gal" "0 48 q STATE_FIPS"

# show on a file; convert GAL → GWT → GAL keeps the neighbours.
expect_exit 0 "$R" weights show "$REF/weights/us48_knn4_arc.gal" --format csv
expect_in "$TMP/out" "links,192"
expect_exit 0 "$R" weights convert "$TMP/q.gal" "$TMP/q.gwt"
expect_exit 0 "$R" weights convert "$TMP/q.gwt" "$TMP/q2.gal"
if diff <(canon "$TMP/q.gal") <(canon "$TMP/q2.gal") >/dev/null; then pass; else fail "GAL → GWT → GAL changed the neighbours"; fi

# knn from centroids (great-circle, lon/lat shapefile) equals libpysal KNN(radius=6371).
expect_exit 0 "$R" weights build knn:4 --geo "$SHP" --geo-id STATE_FIPS -o "$TMP/k.gal"
if diff <(canon "$TMP/k.gal") <(canon "$REF/weights/us48_knn4_arc.gal") >/dev/null; then pass; else fail "knn:4 differs from libpysal's"; fi
expect_exit 0 "$R" weights build knn:4 --geo "$SHP" --geo-id STATE_FIPS --symmetrize --format csv
expect_in "$TMP/out" "symmetric,1"

# Errors: usage (1) and input (2), never a half-written file.
expect_exit 1 "$R" weights;                        expect_in "$TMP/err" "usage"
expect_exit 1 "$R" weights frobnicate x;           expect_in "$TMP/err" "unknown action 'frobnicate'"
expect_exit 1 "$R" weights build knn:4;            expect_in "$TMP/err" "--geo FILE"
expect_exit 1 "$R" weights build hex:2;            expect_in "$TMP/err" "expected gal:FILE"
expect_exit 2 "$R" weights show "$RC_TEST_DATA/weights/bad_unknown.gal"
expect_in "$TMP/err" "bad_unknown.gal:3: neighbour 'zz'"
expect_exit 2 "$R" weights build "queen:$SHP" --geo-id NOPE; expect_in "$TMP/err" "no field 'NOPE'"
expect_exit 1 "$R" weights build "queen:$SHP" --geo-id STATE_FIPS -o "$TMP/q.txt"
[ ! -e "$TMP/q.txt" ] && pass || fail "a refused output file was written"

# spatial with weights built on the fly: Moran's I of 2009 equals spdep's (1e-10), the same
# numbers for any thread count.
expect_exit 0 "$R" spatial "${US[@]}" --weights "queen:$SHP" --geo-id STATE_FIPS --years 2009 \
  --global --table global --permutations 999 --seed 3 --threads 1 --format csv -o "$TMP/g1.csv"
want=$(awk -F, '$1 == "moran" { print $2 }' "$REF/spatial/us_states_2009_global.csv")
got=$(awk -F, '$2 == "moran" { print $3 }' "$TMP/g1.csv")
awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-10 * b) }' && pass || fail "moran $got vs spdep $want"
expect_exit 0 "$R" spatial "${US[@]}" --weights "queen:$SHP" --geo-id STATE_FIPS --years 2009 \
  --global --table global --permutations 999 --seed 3 --threads 2 --format csv -o "$TMP/g2.csv"
cmp -s "$TMP/g1.csv" "$TMP/g2.csv" && pass || fail "spatial output depends on --threads"
expect_exit 0 "$R" spatial "${US[@]}" --weights knn:5 --geo "$SHP" --geo-id STATE_FIPS --years 2009 --local \
  --permutations 99 --format csv -o "$TMP/l.csv"
expect_in "$TMP/l.csv" "year,region,statistic,value,z_sim,p_sim,quadrant,cluster"
[ "$(grep -c ',local_moran,' "$TMP/l.csv")" -eq 48 ] && pass || fail "local_moran rows != 48"

# ids on one side only: an error naming them, or a warning with --drop-unmatched.
head -40 "$RC_TEST_DATA/us_income/usjoin.csv" > "$TMP/part.csv"
expect_exit 2 "$R" spatial "$TMP/part.csv" --wide pcincome --region STATE_FIPS --weights "queen:$SHP" \
  --geo-id STATE_FIPS --years 2009
expect_in "$TMP/err" "only in the weights"
expect_exit 0 "$R" spatial "$TMP/part.csv" --wide pcincome --region STATE_FIPS --weights "queen:$SHP" \
  --geo-id STATE_FIPS --years 2009 --drop-unmatched --global
expect_in "$TMP/err" "--drop-unmatched"

# China: Hainan is an island; --islands error refuses, drop leaves it out.
if have_shared data/china_provinces/china_provinces_panel.csv; then
  C=$RC_SHARED/data/china_provinces
  expect_exit 0 "$R" weights build "queen:$C/geo/china_provinces_31.geojson" --format csv
  expect_in "$TMP/out" "links,136"
  expect_in "$TMP/out" "460000"
  expect_exit 2 "$R" spatial "$C/china_provinces_panel.csv" --value gdp_pc --years 2019 \
    --weights "queen:$C/geo/china_provinces_31.geojson" --islands error
  expect_in "$TMP/err" "460000"
  expect_exit 0 "$R" spatial "$C/china_provinces_panel.csv" --value gdp_pc --years 2019 \
    --weights "queen:$C/geo/china_provinces_31.geojson" --islands drop --global --format csv
  expect_in "$TMP/out" "2019,30,0,"
fi
finish
