#!/usr/bin/env bash
# Coordinate benchmark end to end: `regcoord coordinate` on a generated panel of 3,000 regions ×
# 20 years × 30 indicators in 3 subsystems (60,000 region-years), pooled entropy weights, all four
# tables written as CSV to a directory; wall time and peak memory (GNU time). The kernels alone
# are timed by bench_coordinate. Usage: bench/bench_coordinate.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
mkdir -p "$out"
data=$out/indicators_3000x20x30.csv
system=$out/indicators_system.csv
[ -s "$data" ] && [ -s "$system" ] || python3 "$here/gen_indicator_panel.py" 3000 20 30 "$data" "$system"
echo "input: $(wc -l < "$data") lines, $(du -h "$data" | cut -f1)"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KiB peak RSS" \
    "$build/regcoord" coordinate "$data" --system "$system" --quiet -o "$out/coordinate/" 2>&1 | tail -1
done
