#!/usr/bin/env bash
# Reader benchmark: load a 1,000,000-row long panel (generated, 25,000 regions × 40 years,
# 3 numeric columns + a text group) with `regcoord describe`, reporting wall time and peak
# memory (GNU time's maximum resident set size). Usage: bench/bench_read.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"
data=$out/long_1M.csv
[ -s "$data" ] || python3 "$here/gen_long_panel.py" 1000000 "$data"
echo "input: $(wc -l < "$data") lines, $(du -h "$data" | cut -f1)"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KiB peak RSS" \
    "$build/regcoord" describe "$data" --format csv -o "$out/describe.csv" 2>&1 | tail -1
done
