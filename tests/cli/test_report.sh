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
expect_exit 0 "$R" report "${US[@]}" --group census_region -o "$TMP/us.html" --charts "$TMP/charts"
for id in data disparity methods; do expect_in "$TMP/us.html" "<section id=\"$id\">"; done
for chart in disparity_indices theil_decomposition dagum_decomposition lorenz; do
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

# China with population weights: the weighted series equal the command's.
P="$RC_SHARED/data/china_provinces/china_provinces_panel.csv"
if have_shared data/china_provinces/china_provinces_panel.csv; then
  expect_exit 0 "$R" report "$P" --value gdp_pc --pop pop --group group -o "$TMP/cn.html"
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
else
  echo "skipping the Chromium render: chromium not installed"
fi
finish
