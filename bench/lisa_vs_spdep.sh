#!/usr/bin/env bash
# LISA with 9,999 conditional permutations on the 3,107 US counties (queen, 4 islands) of
# ../shared/data/us_counties_elect80: regcoord (bench_lisa: 1 thread and all cores) against R
# spdep localmoran_perm (one core) on the same data in the same run, and the ratio. Then the
# China panel: local Moran, Gi and Gi* for all years with 99,999 permutations in one call.
# Usage: bench/lisa_vs_spdep.sh BUILD_DIR   (needs r-cran-spdep for the R part)
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
shared=${RC_SHARED:-$here/../../shared}
E=$shared/data/us_counties_elect80
if [ ! -f "$E/elect80.csv" ]; then echo "skipped: $E not found"; exit 0; fi
out=$(RC_SHARED=$shared "$build/bench_lisa" 9999 1 "$(nproc)")
echo "$out"
one=$(echo "$out" | awk '/^threads 1:/ { print $3 }')
if command -v Rscript >/dev/null && Rscript -e 'quit(status = !requireNamespace("spdep", quietly = TRUE))' 2>/dev/null; then
  r=$(Rscript - "$E" <<'RS'
suppressPackageStartupMessages(library(spdep))
dir <- commandArgs(TRUE)[1]
d <- read.csv(file.path(dir, "elect80.csv"), colClasses = c(FIPS = "character"))
nb <- read.gal(file.path(dir, "elect80_queen.gal"), region.id = d$FIPS)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
invisible(set.coresOption(1L))
t <- system.time(localmoran_perm(d$pc_income, lw, nsim = 9999, zero.policy = TRUE, iseed = 1))
cat(sprintf("%.3f\n", t[["elapsed"]]))
RS
)
  echo "R spdep localmoran_perm, 9999 permutations, 1 core: $r s"
  awk -v a="$one" -v b="$r" 'BEGIN { if (a > 0) printf "ratio spdep / regcoord (1 thread): %.1f\n", b / a }'
else
  echo "R spdep not installed (apt-get install r-cran-spdep): no ratio"
fi
C=$shared/data/china_provinces
if [ -f "$C/china_provinces_panel.csv" ]; then
  start=$(date +%s.%N)
  "$build/regcoord" spatial "$C/china_provinces_panel.csv" --value gdp_pc --local \
    --weights "gal:$C/geo/china_provinces_queen.gal" --permutations 99999 -q -o /dev/null --format csv --table local
  end=$(date +%s.%N)
  years=$(awk -F, 'NR == 1 { for (k = 1; k <= NF; k++) if ($k == "year") c = k; next } { print $c }' \
    "$C/china_provinces_panel.csv" | sort -u | wc -l)
  awk -v s="$start" -v e="$end" -v y="$years" 'BEGIN { printf "China, %d years x 31 provinces, local Moran + Gi + Gi*, 99,999 permutations, all cores: %.2f s\n", y, e - s }'
fi
