#!/usr/bin/env bash
# The whole report on the China panel (31 provinces × 1978–2019: disparity with groups and
# population, spatial statistics with 999 permutations and maps, coordination) and on the
# bundled US states, and the simulated study of examples/china31.json against its baseline:
# wall time of `regcoord report`, best of 3.
# Usage: bench/bench_report.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
shared=${RC_SHARED:-$here/../../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
best() { # best of 3 wall times of the command, in seconds
  local b=999 s e t
  for _ in 1 2 3; do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }; e=$(date +%s.%N)
    t=$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')
    b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (t < a ? t : a) }')
  done
  echo "$b"
}
C=$shared/data/china_provinces
if [ -f "$C/china_provinces_panel.csv" ]; then
  t=$(best "$build/regcoord" report "$C/china_provinces_panel.csv" --value gdp_pc --pop pop --group group \
      --geo "$C/geo/china_provinces_31.geojson" --system "$here/../examples/china_two_subsystems.csv" \
      --permutations 999 -q -o "$tmp/china.html")
  echo "report, China 31 provinces x 42 years, 999 permutations: $t s"
fi
if [ -f "$C/geo/china_provinces_31.geojson" ]; then
  # the simulated study: no DATA, the scenario against its market-only baseline, maps
  t=$(best "$build/regcoord" report --scenario "$here/../examples/china31.json" \
      --baseline "$here/../examples/china31_baseline.json" --geo "$C/geo/china_provinces_31.geojson" \
      --geo-id region_id --permutations 999 -q -o "$tmp/sim.html")
  echo "report, simulated China 31 provinces x 36 periods with a baseline, 999 permutations: $t s"
fi
D=$here/../tests/data/us_income
t=$(best "$build/regcoord" report "$D/usjoin.csv" --wide pcincome --region STATE_FIPS \
    --regions "$D/us48_census_regions.csv" --group census_region --geo "$D/us48.shp" -q -o "$tmp/us.html")
echo "report, US 48 states x 81 years, 999 permutations: $t s"
