#!/usr/bin/env bash
# Run every benchmark: the compiled bench_* programs of BUILD_DIR and the bench/*.sh
# scripts (which may also time the peer tools on the same data). Usage: bench/run.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
for prog in "$build"/bench_*; do
  [ -x "$prog" ] || continue
  echo "== $(basename "$prog")"
  "$prog"
done
for script in "$here"/bench_*.sh "$here"/*_vs_*.sh; do
  [ -f "$script" ] || continue
  echo "== $(basename "$script")"
  bash "$script" "$build"
done
