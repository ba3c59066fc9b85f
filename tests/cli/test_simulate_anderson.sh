#!/usr/bin/env bash
# `regcoord simulate` with "solver": {"anderson": m} (design §7.1 step 5): on a slow case the
# same path in fewer iterations per period; bad values exit 2 naming the file and the key and
# write nothing.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD

# A slow case: 64 regions on a racetrack, costly trade (tau 0.5, sigma 10, mu 0.8), shocks
# and migration for 5 periods. Measured: 587 580 740 725 765 iterations plain, 83 90 88 90
# 116 with anderson 5; wages agree to 5.7e-9 in logs (tol 1e-10, the plain iteration
# contracting at about 0.97 per step).
scenario() {
  cat > "$TMP/$1.json" <<EOF
{"format": "regcoord-scenario/1", "seed": 3, "periods": {"count": 5},
 "regions": {"generator": "racetrack", "n": 64, "perturbation": "sin"},
 "geography": {"type": "racetrack", "tau": 0.5}, "model": {"sigma": 10, "mu": 0.8},
 "shocks": {"sd": 0.05, "rho": 0.5}, "migration": {"gamma": 1}, "solver": {"anderson": $2}}
EOF
}
scenario plain 0
scenario aa 5
expect_exit 0 "$R" simulate "$TMP/plain.json" -o "$TMP/p0.csv" --summary "$TMP/s0.csv"
expect_exit 0 "$R" simulate "$TMP/aa.json" -o "$TMP/p5.csv" --summary "$TMP/s5.csv"

# iterations per period (column found by name; stage_name is quoted and holds a comma)
iters() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "iterations") c = i; next }
           { gsub(/"[^"]*"/, "S"); print $c }' "$1"
}
paste -d' ' <(iters "$TMP/s0.csv") <(iters "$TMP/s5.csv") > "$TMP/its"
[ "$(wc -l < "$TMP/its")" -eq 5 ] && pass || fail "iterations: $(cat "$TMP/its")"
bad=$(awk '!($1 > 500 && $2 * 4 < $1) { print }' "$TMP/its")
[ -z "$bad" ] && pass || fail "anderson 5 not faster on the slow case (plain, anderson): $bad"

# the same path: wages agree to 1e-7 in logs in every region and period
bad=$(awk -F, 'NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) if ($i == "wage") c = i }
                          else w[FNR] = $c; next }
               FNR > 1 { d = log($c) - log(w[FNR]); if (d < 0) d = -d; if (d > 1e-7) print FNR ": " d }' \
          "$TMP/p0.csv" "$TMP/p5.csv" | head -3)
[ -z "$bad" ] && [ "$(wc -l < "$TMP/p5.csv")" -eq 321 ] && pass || fail "wages differ: $bad"

# bad values: exit 2, the message names the file and solver.anderson, no output
for v in -1 2.5 21 '"5"'; do
  scenario "bad" "$v"
  rm -f "$TMP/bad.csv"
  expect_exit 2 "$R" simulate "$TMP/bad.json" -o "$TMP/bad.csv"
  expect_in "$TMP/err" "bad.json"
  expect_in "$TMP/err" "solver.anderson"
  [ ! -e "$TMP/bad.csv" ] && pass || fail "output written for anderson $v"
done

finish
