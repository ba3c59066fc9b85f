#!/usr/bin/env bash
# End-to-end tests of `regcoord linkage`: the worked example of ../shared/methods/06-linkage.md
# §6 (planar coordinates and a from,to,value distance table), the China 2019 network against
# R igraph 1.3.5 (tests/reference/linkage, made by make_reference.R) to 1e-10, table
# identities, missing values and errors.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
REF=$(dirname "$0")/../reference/linkage

# near FILE KEYCOLS VALCOL KEY EXPECTED TOL — the row whose first KEYCOLS columns joined by ','
# equal KEY has EXPECTED in column VALCOL (relative TOL; "" = an empty cell, i.e. not defined).
near() {
  local got
  got=$(awk -F, -v kc="$2" -v vc="$3" -v key="$4" -v want="$5" -v tol="$6" '
    { sub(/\r$/, "") }
    NR > 1 { k = $1; for (c = 2; c <= kc; c++) k = k "," $c
      if (k != key) next
      if (want == "") { print ($vc == "" ? "ok" : "bad " $vc); next }
      d = $vc - want; if (d < 0) d = -d; s = want < 0 ? -want : want
      print ($vc != "" && d <= tol * (s > 1e-300 ? s : 1)) ? "ok" : "bad " $vc }' "$1")
  if [ "$got" = ok ]; then pass; else fail "$1: $4 col $3 → '${got:-missing}' (wanted $5)"; fi
}

# The five cities, P in 10^4 persons, G in 10^8 yuan, coordinates in km.
cat > "$TMP/cities.csv" <<'EOF'
region,year,pop,gdp
A,2020,900,9000
B,2020,500,4200
C,2020,300,2100
D,2020,650,5200
E,2020,200,1100
EOF
cat > "$TMP/xy.csv" <<'EOF'
region,x,y
A,0,0
B,120,40
C,200,-30
D,60,150
E,260,120
EOF
X=(linkage "$TMP/cities.csv" --mass gdp,pop --geo "$TMP/xy.csv" --planar --format csv)
expect_exit 0 "$R" "${X[@]}" --table matrix -o "$TMP/m.csv"
near "$TMP/m.csv" 3 4 "2020,A,B" 175.7521928 1e-9
near "$TMP/m.csv" 3 4 "2020,E,D" 3.681277176 1e-9
near "$TMP/m.csv" 3 5 "2020,A,E" 0.04006168083 1e-9
near "$TMP/m.csv" 3 6 "2020,C,B" 1 0
near "$TMP/m.csv" 3 6 "2020,C,A" 0 0
# Memberships of every row sum to 1; 10 links (density 0.5).
bad=$(awk -F, 'NR > 1 { s[$2] += $5; l += $6 } END { for (r in s) { d = s[r] - 1; if (d < 0) d = -d; if (d > 1e-12) print r, s[r] }
  if (l != 10) print "links", l }' "$TMP/m.csv")
[ -z "$bad" ] && pass || fail "membership/links: $bad"
expect_exit 0 "$R" "${X[@]}" --table nodes -o "$TMP/n.csv"
near "$TMP/n.csv" 2 3 "2020,A" 362.1028695 1e-9
near "$TMP/n.csv" 2 6 "2020,B" 0.75 1e-12
near "$TMP/n.csv" 2 7 "2020,E" 0 0
near "$TMP/n.csv" 2 8 "2020,E" 0.6666666667 1e-9
near "$TMP/n.csv" 2 9 "2020,E" "" 0
near "$TMP/n.csv" 2 10 "2020,B" 0.5 1e-12
near "$TMP/n.csv" 2 11 "2020,B" 0.8320502943 1e-9
near "$TMP/n.csv" 2 11 "2020,C" 0.2773500981 1e-9
near "$TMP/n.csv" 2 12 "2020,A" 1 0
expect_in "$TMP/err" "2020: closeness_in not defined (empty) for 1 region(s) that no region reaches: E"
expect_exit 0 "$R" "${X[@]}" --table network -o "$TMP/s.csv"
near "$TMP/s.csv" 2 3 "2020,density" 0.5 1e-15
near "$TMP/s.csv" 2 3 "2020,strong_components" 2 0
# Field strength with poles A and D, Z = G / max G: B and C to A, E to D.
expect_exit 0 "$R" "${X[@]}" --table field --poles A,D -o "$TMP/f.csv"
near "$TMP/f.csv" 3 4 "2020,B,A" 6.25e-05 1e-9
near "$TMP/f.csv" 3 4 "2020,E,D" 1.412659603e-05 1e-9
near "$TMP/f.csv" 3 5 "2020,E,D" 1 0
near "$TMP/f.csv" 3 5 "2020,C,A" 1 0
near "$TMP/f.csv" 3 6 "2020,B,A" 1.698317308 1e-9
expect_exit 0 "$R" "${X[@]}" --table poles --poles A,D -o "$TMP/p.csv"
near "$TMP/p.csv" 2 3 "2020,A" 1 0
near "$TMP/p.csv" 2 6 "2020,A" 2 0
near "$TMP/p.csv" 2 6 "2020,D" 1 0
# Summed field strength over B, C, E (methods file E values): A 9.91449997e-05, D 6.203883948e-05.
near "$TMP/p.csv" 2 7 "2020,A" 9.91449997e-05 1e-9
near "$TMP/p.csv" 2 7 "2020,D" 6.203883948e-05 1e-9
near "$TMP/p.csv" 2 8 "2020,D" 2 0
# The same network from a distance table (methods file distances, one direction each).
cat > "$TMP/dist.csv" <<'EOF'
from,to,value
A,B,126.4911064
A,C,202.2374842
A,D,161.5549442
A,E,286.3564213
B,C,106.3014581
B,D,125.2996409
B,E,161.2451550
C,D,228.0350850
C,E,161.5549442
D,E,202.2374842
EOF
expect_exit 0 "$R" linkage "$TMP/cities.csv" --mass gdp,pop --distances "$TMP/dist.csv" --table matrix --format csv -o "$TMP/m2.csv"
near "$TMP/m2.csv" 3 4 "2020,D,B" 93.87367825 1e-9
cmp -s <(cut -d, -f1-3,6 "$TMP/m.csv") <(cut -d, -f1-3,6 "$TMP/m2.csv") && pass || fail "links differ between --geo and --distances"
# Classic gravity is symmetric: R_AB = R_BA = R_AB + R_BA of the modified model.
expect_exit 0 "$R" "${X[@]}" --table matrix --gravity classic -o "$TMP/mc.csv"
near "$TMP/mc.csv" 3 4 "2020,B,A" 257.76988279 1e-9
# --symmetrise mean: (R_AB + R_BA)/2 both ways; --beta 1: R_AB · D_AB; --quality pop: Z = P.
expect_exit 0 "$R" "${X[@]}" --table matrix --symmetrise mean -o "$TMP/ms.csv"
near "$TMP/ms.csv" 3 4 "2020,A,B" 128.884941395 1e-9
near "$TMP/ms.csv" 3 4 "2020,B,A" 128.884941395 1e-9
expect_exit 0 "$R" "${X[@]}" --table matrix --beta 1 -o "$TMP/mb.csv"
near "$TMP/mb.csv" 3 4 "2020,A,B" 22231.0893195 1e-9
expect_exit 0 "$R" "${X[@]}" --table field --poles A,D --quality pop -o "$TMP/fq.csv"
near "$TMP/fq.csv" 3 4 "2020,B,A" 0.05625 1e-9
near "$TMP/fq.csv" 3 4 "2020,B,D" 0.04140127386 1e-9
# global:0.5 — the median of the 20 strengths, exactly 10 links.
expect_exit 0 "$R" "${X[@]}" --table network --threshold global:0.5 -o "$TMP/sg.csv"
near "$TMP/sg.csv" 2 3 "2020,links" 10 0
expect_exit 0 "$R" "${X[@]}" --table network --threshold topk:1 -o "$TMP/s1.csv"
expect_in "$TMP/err" "coreness did not converge"   # a star: no finite optimum, noted not fatal
near "$TMP/s1.csv" 2 3 "2020,core_fit" "" 0
near "$TMP/s1.csv" 2 3 "2020,links" 5 0

# China 2019 against R igraph 1.3.5 (1e-10).
P="$RC_SHARED/data/china_provinces"
if have_shared data/china_provinces/china_provinces_panel.csv; then
  C=(linkage "$P/china_provinces_panel.csv" --mass gdp,pop --geo "$P/geo/china_provinces_centroids.csv" --format csv)
  expect_exit 0 "$R" "${C[@]}" --years 2019 --table nodes -o "$TMP/cn.csv"
  bad=$(awk -F, 'NR == FNR { if (FNR > 1) for (c = 2; c <= 8; c++) ref[$1, c] = $c; next }
    FNR > 1 { # reference columns 2..8 = total_out,total_in,out_degree,in_degree,closeness_out,closeness_in,betweenness
      split("3 4 6 7 8 9 10", col, " ")
      for (c = 2; c <= 8; c++) { got = $(col[c - 1]); want = ref[$2, c]
        if (want == "NaN") { if (got != "") print $2, c, got; continue }
        d = got - want; if (d < 0) d = -d; s = want < 0 ? -want : want
        if (got == "" || d > 1e-10 * (s > 0 ? s : 1e-5)) print $2, c, got, want } n++ }
    END { if (n != 31) print "rows", n }' "$REF/china_2019_nodes.csv" "$TMP/cn.csv")
  [ -z "$bad" ] && pass || fail "China 2019 nodes vs R igraph: $bad"
  expect_exit 0 "$R" "${C[@]}" --years 2019 --table network -o "$TMP/cs.csv"
  bad=$(awk -F, 'NR == FNR { if (FNR > 1) ref[$1] = $2; next }
    FNR > 1 && ($2 in ref) { d = $3 - ref[$2]; if (d < 0) d = -d; if (d > 1e-10 * ref[$2]) print $2, $3, ref[$2]; n++ }
    END { if (n != 7) print "matched", n }' "$REF/china_2019_network.csv" "$TMP/cs.csv")
  [ -z "$bad" ] && pass || fail "China 2019 network vs R igraph: $bad"
  # Every year with data (1978-2019); 2020 has no population and is skipped with a note.
  expect_exit 0 "$R" "${C[@]}" --table network -o "$TMP/all.csv"
  [ "$(grep -c ',density,' "$TMP/all.csv")" -eq 42 ] && pass || fail "years of the panel"
  expect_in "$TMP/err" "2020: no region has both masses, year skipped"
  # Missing coordinates are named.
  grep -v '^650000' "$P/geo/china_provinces_centroids.csv" > "$TMP/cent.csv"
  expect_exit 2 "$R" linkage "$P/china_provinces_panel.csv" --mass gdp,pop --geo "$TMP/cent.csv" --years 2019
  expect_in "$TMP/err" "1 region(s) of the panel have no coordinates"
  expect_in "$TMP/err" "650000"
else
  echo "skip: ../shared absent, China checks not run"
fi

# Missing masses: left out of that year's network and named.
printf 'region,year,pop,gdp\nA,2020,900,9000\nB,2020,,4200\nC,2020,300,2100\nD,2020,650,5200\nE,2020,200,1100\n' > "$TMP/miss.csv"
expect_exit 0 "$R" linkage "$TMP/miss.csv" --mass gdp,pop --geo "$TMP/xy.csv" --planar --table network
expect_in "$TMP/err" "2020: left out 1 region(s) with a missing mass: B"
printf 'region,year,pop,gdp\nA,2020,900,9000\nB,2020,-5,4200\nC,2020,300,2100\n' > "$TMP/neg.csv"
expect_exit 2 "$R" linkage "$TMP/neg.csv" --mass gdp,pop --geo "$TMP/xy.csv" --planar
expect_in "$TMP/err" "'B' has pop = -5 in 2020"
printf 'region,year,pop,gdp\nA,2020,900,0\nB,2020,5,0\nC,2020,300,2100\n' > "$TMP/zero.csv"
expect_exit 2 "$R" linkage "$TMP/zero.csv" --mass gdp,pop --geo "$TMP/xy.csv" --planar
expect_in "$TMP/err" "'A' and 'B' both have gdp = 0 in 2020"
expect_exit 0 "$R" linkage "$TMP/zero.csv" --mass gdp,pop --geo "$TMP/xy.csv" --planar --gravity classic --poles C --table nodes
expect_in "$TMP/err" "membership not defined (empty) for 3 region(s) of zero outward linkage (a zero mass): A, B, C"
printf 'region,x,y\nA,0,0\nB,0,0\nC,1,1\nD,2,2\nE,3,1\n' > "$TMP/dup.csv"
expect_exit 2 "$R" "${X[@]/$TMP\/xy.csv/$TMP/dup.csv}"
expect_in "$TMP/err" "regions A and B have the same point"
expect_exit 2 "$R" linkage "$TMP/cities.csv" --mass gdp,pop --geo "$TMP/xy.csv"
expect_in "$TMP/err" "not longitude/latitude"
head -8 "$TMP/dist.csv" > "$TMP/dist_short.csv"
expect_exit 2 "$R" linkage "$TMP/cities.csv" --mass gdp,pop --distances "$TMP/dist_short.csv"
expect_in "$TMP/err" "no distance between C and D"
expect_exit 2 "$R" "${X[@]}" --poles A,Z
expect_in "$TMP/err" "growth pole 'Z' is not among the regions of 2020"
expect_exit 1 "$R" linkage "$TMP/cities.csv" --mass gdp,pop;                     expect_in "$TMP/err" "exactly one of --geo"
expect_exit 1 "$R" linkage "$TMP/cities.csv" --geo "$TMP/xy.csv";               expect_in "$TMP/err" "needs --mass"
expect_exit 1 "$R" "${X[@]}" --mass gdp;                                         expect_in "$TMP/err" "two variables"
expect_exit 1 "$R" "${X[@]}" --threshold median;                                 expect_in "$TMP/err" "--threshold"
expect_exit 1 "$R" "${X[@]}" --table edges;                                      expect_in "$TMP/err" "unknown table 'edges'"
expect_exit 1 "$R" "${X[@]}" --gravity newton;                                   expect_in "$TMP/err" "--gravity"
expect_exit 1 "$R" "${X[@]}" --poles top:0;                                      expect_in "$TMP/err" "top:K"
# --geo also takes a geometry file: polygon centroids of the bundled US states (ids "09" = 9).
expect_exit 0 "$R" linkage "$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS \
  --mass pcincome,pcincome --geo "$RC_TEST_DATA/us_income/us48.shp" --years 2009 --table network --format csv -q
expect_in "$TMP/out" "2009,regions,48"
expect_exit 2 "$R" linkage "$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS \
  --mass pcincome,pcincome --geo "$RC_TEST_DATA/weights/grid2x2.geojson" --years 2009
expect_in "$TMP/err" "have no feature in"
expect_exit 0 "$R" linkage --help
expect_in "$TMP/out" "Formulas: ../shared/methods/06-linkage.md"
finish
