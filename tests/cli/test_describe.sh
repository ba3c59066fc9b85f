#!/usr/bin/env bash
# End-to-end tests of `regcoord describe` and of the common CLI behaviour (help, usage
# errors, exit codes, formats, atomic output) on bundled and shared data.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
US="$RC_TEST_DATA/us_income/usjoin.csv"
BAD="$RC_TEST_DATA/reader"

# Help and version.
expect_exit 0 "$R" --help;               expect_in "$TMP/out" "describe"
expect_exit 0 "$R" --version;            expect_in "$TMP/out" "regcoord "
expect_exit 0 "$R" describe --help;      expect_in "$TMP/out" "Examples:"
expect_exit 1 "$R" frobnicate;           expect_in "$TMP/err" "unknown command 'frobnicate'"
expect_exit 1 "$R";
expect_exit 1 "$R" describe;             expect_in "$TMP/err" "needs a data file"
expect_exit 1 "$R" describe "$US" --wide; expect_in "$TMP/err" "--wide needs a value"
expect_exit 1 "$R" describe "$US" --bogus; expect_in "$TMP/err" "unknown option '--bogus'"
expect_exit 1 "$R" describe "$US" --format xml; expect_in "$TMP/err" "unknown format 'xml'"
expect_exit 1 "$R" describe "$US" --wide pcincome --years 2000:1990

# The bundled US incomes (wide) with census regions.
expect_exit 0 "$R" describe "$US" --wide pcincome --region STATE_FIPS \
    --regions "$RC_TEST_DATA/us_income/us48_census_regions.csv"
expect_in "$TMP/out" "48 regions, 81 years (1929–2009), 1 numeric variable"
expect_in "$TMP/out" "census_region: South (16), West (11), Northeast (9), Midwest (12)"
expect_in "$TMP/out" "no missing values"

# Bad inputs: exit 2, the message names file and line.
expect_exit 2 "$R" describe "$BAD/empty.csv";        expect_in "$TMP/err" "empty.csv: the file is empty"
expect_exit 2 "$R" describe "$BAD/header_only.csv";  expect_in "$TMP/err" "no data rows"
expect_exit 2 "$R" describe "$BAD/duplicate.csv";    expect_in "$TMP/err" "duplicate.csv:5: region 'A' in 2000 appears twice"
expect_exit 2 "$R" describe "$BAD/nonnumeric.csv";   expect_in "$TMP/err" "nonnumeric.csv:3: column 'pop': \"n/a\" is not a number"
expect_exit 0 "$R" describe "$BAD/nonnumeric.csv" --na n/a
expect_exit 2 "$R" describe "$BAD/ragged.csv";       expect_in "$TMP/err" "ragged.csv:3: 4 fields"
expect_exit 2 "$R" describe "$BAD/nonint_year.csv";  expect_in "$TMP/err" "nonint_year.csv:3: column 'year'"
expect_exit 2 "$R" describe "$BAD/does_not_exist.csv"; expect_in "$TMP/err" "cannot open"
expect_exit 1 "$R" describe "$BAD/one_region.csv" --region nope; expect_in "$TMP/err" "no column 'nope'"
expect_exit 0 "$R" describe "$BAD/bom_crlf.csv";     expect_in "$TMP/out" "2 regions, 2 years"
expect_exit 0 "$R" describe "$BAD/chinese.csv";      expect_in "$TMP/out" "group: 东部 (2), 西部 (1)"
expect_exit 0 "$R" describe "$BAD/one_region.csv";   expect_in "$TMP/out" "1 region, 3 years"
expect_exit 0 "$R" describe "$BAD/cross_section.csv"; expect_in "$TMP/out" "a cross-section"

# Output files: formats from the extension, atomic (a failed run leaves no file).
expect_exit 0 "$R" describe "$US" --wide pcincome -o "$TMP/s.json"
expect_in "$TMP/s.json" '"variable": "pcincome", "count": 3888, "missing": 0'
expect_exit 0 "$R" describe "$US" --wide pcincome -o "$TMP/s.xlsx"
[ -s "$TMP/s.xlsx" ] && pass || fail "no xlsx written"
expect_exit 2 "$R" describe "$BAD/ragged.csv" -o "$TMP/r.csv"
[ ! -e "$TMP/r.csv" ] && pass || fail "a failed run left $TMP/r.csv"
[ -z "$(ls "$TMP" | grep XXXX)" ] && pass || fail "temporary file left"

# The shared China panel: 31 regions, 43 years; CSV and JSON give the same numbers.
P=china_provinces/china_provinces_panel.csv
if have_shared "data/$P"; then
  expect_exit 0 "$R" describe "$RC_SHARED/data/$P"
  expect_in "$TMP/out" "31 regions, 43 years (1978–2020)"
  expect_exit 0 "$R" describe "$RC_SHARED/data/$P" --format csv; cp "$TMP/out" "$TMP/c.csv"
  expect_in "$TMP/c.csv" "gdp_pc,1302,31,"
  expect_exit 0 "$R" describe "$RC_SHARED/data/$P" --format json; cp "$TMP/out" "$TMP/c.json"
  # Same numbers: turn the JSON rows back into CSV lines and compare.
  sed -n 's/^ {"variable": "\([^"]*\)", "count": \([0-9]*\), "missing": \([0-9]*\), "min": \([^,]*\), "mean": \([^,]*\), "max": \([^}]*\)}.*/\1,\2,\3,\4,\5,\6/p' "$TMP/c.json" > "$TMP/j.csv"
  tail -n +2 "$TMP/c.csv" | tr -d '\r' > "$TMP/c2.csv"
  cmp -s "$TMP/j.csv" "$TMP/c2.csv" && pass || fail "CSV and JSON differ"
  # Missing counts equal those of the file itself (count empty gdp_pc fields with awk).
  want=$(awk -F, 'NR>1 && $11=="" {n++} END {print n+0}' "$RC_SHARED/data/$P")
  expect_in "$TMP/c.csv" "gdp_pc,$((1333 - want)),$want,"
else
  echo "skipping China checks: $RC_SHARED/data/$P absent"
fi
finish
