#!/usr/bin/env bash
# End-to-end tests of `regcoord report`: sections present, self-contained (no external
# resources), embedded CSV identical to the command-line output, and a headless Chromium
# render without console errors (skipped when chromium is not installed).
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
US=("$RC_TEST_DATA/us_income/usjoin.csv" --wide pcincome --region STATE_FIPS
    --regions "$RC_TEST_DATA/us_income/us48_census_regions.csv")

# embedded ID FILE — the CSV block data-ID of a report, CRLF removed.
embedded() {
  awk -v id="data-$1" '$0 ~ "<script type=\"text/csv\" id=\"" id "\">" { on = 1; next }
                      on && /^<\/script>/ { exit } on' "$2" | tr -d '\r'
}

expect_exit 1 "$R" report "${US[@]}";   expect_in "$TMP/err" "needs -o FILE.html"
expect_exit 0 "$R" report "${US[@]}" --group census_region --geo "$RC_TEST_DATA/us_income/us48.shp" \
    --permutations 99 -o "$TMP/us.html" --charts "$TMP/charts"
for id in data disparity convergence spatial drivers methods; do expect_in "$TMP/us.html" "<section id=\"$id\">"; done
for chart in disparity_indices theil_decomposition dagum_decomposition lorenz sigma beta markov club_paths club_map kuznets moran_path \
             moran_scatter lisa_map gi_star_map; do
  expect_in "$TMP/us.html" "id=\"data-$chart\""
  [ -s "$TMP/charts/$chart.svg" ] && pass || fail "--charts did not write $chart.svg"
done
# Self-contained: no external scripts, stylesheets, images or fonts.
if grep -Eq '<script[^>]+src=|<link[^>]+href=|<img[^>]+src="?https?:|url\(https?:|@import' "$TMP/us.html"; then
  fail "the report loads external resources"
else pass; fi

# The numbers of the report are those of `regcoord disparity`.
embedded disparity_indices "$TMP/us.html" > "$TMP/emb.csv"
expect_exit 0 "$R" disparity "${US[@]}" --group census_region --stat theil_t,gini --format csv
tr -d '\r' < "$TMP/out" > "$TMP/cmd.csv"
cmp -s "$TMP/emb.csv" "$TMP/cmd.csv" && pass || fail "embedded disparity data differ from the command: $(diff "$TMP/emb.csv" "$TMP/cmd.csv" | head -5)"
embedded summary "$TMP/us.html" > "$TMP/emb2.csv"
expect_exit 0 "$R" describe "${US[@]}" --format csv
tr -d '\r' < "$TMP/out" > "$TMP/cmd2.csv"
cmp -s "$TMP/emb2.csv" "$TMP/cmd2.csv" && pass || fail "embedded summary differs from describe"

# Maps: a non-empty path for each of the 48 states (ids "09" in the shapefile = 9 in the CSV).
for map in lisa_map gi_star_map club_map; do
  paths=$(grep -o '<path class="region"[^>]* d="M[^"]*' "$TMP/charts/$map.svg" | wc -l)
  [ "$paths" -ge 48 ] && pass || fail "$map drew $paths region paths (48 states)"
  if grep -q 'fill="url(#nodata)"' "$TMP/charts/$map.svg"; then fail "$map has regions without data"; else pass; fi
done
# The spatial numbers are those of `regcoord spatial` (Moran path over the same years).
embedded moran_path "$TMP/us.html" > "$TMP/emb4.csv"
expect_exit 0 "$R" spatial "${US[@]}" --weights "queen:$RC_TEST_DATA/us_income/us48.shp" --geo-id STATE_FIPS \
    --permutations 99 --global --table moran_path --format csv -q
tr -d '\r' < "$TMP/out" > "$TMP/cmd4.csv"
cmp -s "$TMP/emb4.csv" "$TMP/cmd4.csv" && pass || fail "embedded Moran path differs from spatial: $(diff "$TMP/emb4.csv" "$TMP/cmd4.csv" | head -3)"
embedded lisa_map "$TMP/us.html" > "$TMP/emb5.csv"
expect_exit 0 "$R" spatial "${US[@]}" --weights "queen:$RC_TEST_DATA/us_income/us48.shp" --geo-id STATE_FIPS \
    --permutations 99 --local --stat local_moran --years 2009 --format csv -q
tr -d '\r' < "$TMP/out" > "$TMP/cmd5.csv"
cmp -s "$TMP/emb5.csv" "$TMP/cmd5.csv" && pass || fail "embedded LISA table differs from spatial: $(diff "$TMP/emb5.csv" "$TMP/cmd5.csv" | head -3)"
# A state missing from the geometry is listed in the report and left out of the maps.
{ cat "$RC_TEST_DATA/us_income/usjoin.csv"; tail -1 "$RC_TEST_DATA/us_income/usjoin.csv" | sed 's/^"Wyoming",56,/"Atlantis",99,/'; } > "$TMP/us49.csv"
expect_exit 0 "$R" report "$TMP/us49.csv" --wide pcincome --region STATE_FIPS --geo "$RC_TEST_DATA/us_income/us48.shp" \
    --permutations 9 --years 2000:2009 -o "$TMP/us2.html" -q
expect_in "$TMP/us2.html" "Years 2000–2009"
expect_in "$TMP/us2.html" "Regions without geometry, left out: Atlantis."

# China with population weights: the weighted series equal the command's.
P="$RC_SHARED/data/china_provinces/china_provinces_panel.csv"
if have_shared data/china_provinces/china_provinces_panel.csv; then
  G="$RC_SHARED/data/china_provinces/geo/china_provinces_31.geojson"
  SYS=$(dirname "$0")/../../examples/china_two_subsystems.csv
  expect_exit 0 "$R" report "$P" --value gdp_pc --pop pop --group group --geo "$G" -o "$TMP/cn.html" \
      --charts "$TMP/cncharts" --system "$SYS"
  expect_in "$TMP/cn.html" '<section id="coordination">'
  # The coordination numbers of the report are those of `regcoord coordinate` (last year).
  embedded coordination_table "$TMP/cn.html" > "$TMP/emb6.csv"
  expect_exit 0 "$R" coordinate "$P" --system "$SYS" --table coordination --format csv -q
  tr -d '\r' < "$TMP/out" > "$TMP/cmd6.csv"
  last=$(awk -F, 'NR > 1 { y = $1 } END { print y }' "$TMP/cmd6.csv")
  awk -F, -v y="$last" 'NR == 1 || $1 == y' "$TMP/cmd6.csv" > "$TMP/cmd6last.csv"
  cmp -s "$TMP/emb6.csv" "$TMP/cmd6last.csv" && pass || fail "embedded coordination differs: $(diff "$TMP/emb6.csv" "$TMP/cmd6last.csv" | head -3)"
  expect_in "$TMP/cn.html" '<section id="drivers">'
  expect_in "$TMP/cn.html" '<section id="convergence">'
  embedded sigma "$TMP/cn.html" > "$TMP/emb8.csv"
  expect_exit 0 "$R" convergence "$P" --value gdp_pc --pop pop --format csv -q
  tr -d '\r' < "$TMP/out" | awk -F, 'NR == 1 || $2 == "sigma_sd_log" || $2 == "sigma_cv"' > "$TMP/cmd8.csv"
  cmp -s "$TMP/emb8.csv" "$TMP/cmd8.csv" && pass || fail "embedded sigma path differs: $(diff "$TMP/emb8.csv" "$TMP/cmd8.csv" | head -3)"
  for chart in beta markov kuznets coordination_mean; do
    [ -s "$TMP/cncharts/$chart.svg" ] && pass || fail "China report lacks chart $chart"
  done
  embedded kuznets "$TMP/cn.html" > "$TMP/emb7.csv"
  expect_exit 0 "$R" kuznets "$P" --value gdp_pc --pop pop --table series --format csv -q
  tr -d '\r' < "$TMP/out" > "$TMP/cmd7.csv"
  cmp -s "$TMP/emb7.csv" "$TMP/cmd7.csv" && pass || fail "embedded Kuznets series differ: $(diff "$TMP/emb7.csv" "$TMP/cmd7.csv" | head -3)"
  for map in lisa_map gi_star_map coordination_map; do
    paths=$(grep -o '<path class="region"[^>]* d="M[^"]*' "$TMP/cncharts/$map.svg" | wc -l)
    [ "$paths" -ge 31 ] && pass || fail "China $map drew $paths region paths"
  done
  expect_in "$TMP/cn.html" "Weights: queen:"
  embedded theil_decomposition "$TMP/cn.html" > "$TMP/emb3.csv"
  expect_exit 0 "$R" disparity "$P" --value gdp_pc --pop pop --group group \
      --stat theil_t_w_between,theil_t_w_within --format csv -q
  tr -d '\r' < "$TMP/out" > "$TMP/cmd3.csv"
  cmp -s "$TMP/emb3.csv" "$TMP/cmd3.csv" && pass || fail "embedded Theil decomposition differs"
fi

# Rendering in headless Chromium: no console errors, and every chart drew its series.
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ]; then
  flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
         --disable-background-networking --disable-component-update --disable-sync
         --user-data-dir="$TMP/chrome" --enable-logging=stderr --v=0)
  timeout 120 "$CHROME" "${flags[@]}" --screenshot="$TMP/us.png" --window-size=1100,3000 \
      "file://$TMP/us.html" 2> "$TMP/chrome.log" >/dev/null
  [ -s "$TMP/us.png" ] && pass || fail "no screenshot"
  if grep -q "CONSOLE" "$TMP/chrome.log"; then fail "console messages: $(grep CONSOLE "$TMP/chrome.log" | head -3)"; else pass; fi
  timeout 120 "$CHROME" "${flags[@]}" --dump-dom "file://$TMP/us.html" > "$TMP/dom.html" 2>/dev/null
  series=$(grep -o 'class="series"[^>]* d="M[^"]*"' "$TMP/dom.html" | wc -l)
  [ "$series" -ge 9 ] && pass || fail "only $series chart series rendered"
  regions=$(grep -o '<path class="region"[^>]* d="M[^"]*"' "$TMP/dom.html" | wc -l)
  [ "$regions" -ge $((3 * 48)) ] && pass || fail "only $regions map regions rendered (3 maps × 48 states)"
  for id in data disparity convergence spatial drivers methods; do expect_in "$TMP/dom.html" "<section id=\"$id\">"; done
  if [ -s "$TMP/cn.html" ]; then
    timeout 120 "$CHROME" "${flags[@]}" --screenshot="$TMP/cn.png" --window-size=1100,3000 \
        "file://$TMP/cn.html" 2> "$TMP/chrome2.log" >/dev/null
    [ -s "$TMP/cn.png" ] && pass || fail "no screenshot of the China report"
    if grep -q "CONSOLE" "$TMP/chrome2.log"; then fail "console messages (China): $(grep CONSOLE "$TMP/chrome2.log" | head -3)"; else pass; fi
    timeout 120 "$CHROME" "${flags[@]}" --dump-dom "file://$TMP/cn.html" > "$TMP/dom2.html" 2>/dev/null
    regions=$(grep -o '<path class="region"[^>]* d="M[^"]*"' "$TMP/dom2.html" | wc -l)
    [ "$regions" -ge $((4 * 31)) ] && pass || fail "only $regions map regions rendered in the China report"
    expect_in "$TMP/dom2.html" '<section id="coordination">'
  fi
else
  echo "skipping the Chromium render: chromium not installed"
fi
finish
