#!/usr/bin/env bash
# End-to-end tests of migration caps and group metrics in `regcoord simulate` (design §2.6
# U4–U5, §3.7): the megacity example holds its metropolis at the cap where the uncapped run
# absorbs everyone; bad caps and group metrics exit 2 naming the file and the key; a cap that
# natural growth breaks stops the run with nothing written.
source "$(dirname "$0")/lib.sh"
R=$REGCOORD
EX=$(cd "$(dirname "$0")/../../examples" && pwd)
MC=$EX/megacity_caps.json

# urban of the metropolis (panel CSV on stdin): "max last"
metro() { awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
  $1 == "metropolis" { u = $h["urban"]; if (u > m) m = u; last = u } END { print m, last }'; }

# With the cap of 0.16 the metropolis never passes it and ends at it; without it (the same
# file, caps removed) it holds every urban worker (Σ urban = 0.4 + rural moves) at the end.
expect_exit 0 "$R" simulate "$MC" -o "$TMP/capped.csv"
set -- $(metro < "$TMP/capped.csv")
[ "$1" = 0.16 ] && [ "$2" = 0.16 ] && pass || fail "capped metropolis: max $1, last $2"
sed 's/, "caps": {"metropolis": 0.16}//' "$MC" > "$TMP/free.json"
grep -q '"caps"' "$TMP/free.json" && fail "caps not removed from the copy" || pass
expect_exit 0 "$R" simulate "$TMP/free.json" -o "$TMP/free.csv"
set -- $(metro < "$TMP/free.csv")
awk -v u="$2" 'BEGIN { exit !(u > 0.4) }' && pass || fail "uncapped metropolis ends at $2"
# Same numbers for any thread count with caps too.
expect_exit 0 "$R" simulate "$MC" --threads 2 -o "$TMP/capped2.csv"
cmp -s "$TMP/capped.csv" "$TMP/capped2.csv" && pass || fail "threads change the capped run"

# Bad caps: exit 2, the file and the region named, nothing written.
bad() { sed "s/\"caps\": {\"metropolis\": 0.16}/\"caps\": $1/" "$MC" > "$TMP/bad.json"; }
bad '{"capital": 0.16}'
expect_exit 2 "$R" simulate "$TMP/bad.json" -o "$TMP/bad.csv"
expect_in "$TMP/err" "bad.json: migration.caps: no region 'capital' in the scenario"
[ ! -e "$TMP/bad.csv" ] && pass || fail "output written for a bad cap"
bad '{"metropolis": -0.1}'
expect_exit 2 "$R" simulate "$TMP/bad.json"
expect_in "$TMP/err" "bad.json: migration.caps.metropolis must be a finite number > 0"
bad '{"metropolis": 0.1}'
expect_exit 2 "$R" simulate "$TMP/bad.json"
expect_in "$TMP/err" "region 'metropolis' starts with urban = 0.12, above its cap migration.caps.metropolis = 0.1"

# Every region capped and population growth: the run stops after period 1, nothing written.
bad '{"metropolis": 0.12, "north": 0.07, "south": 0.07, "east": 0.07, "west": 0.07}, "congestion": 0'
sed -i 's/"rural_urban": {"speed": 0.05}/"rural_urban": {"speed": 0.05}, "population": {"growth": 0.01}/' "$TMP/bad.json"
expect_exit 2 "$R" simulate "$TMP/bad.json" -o "$TMP/grow.csv"
expect_in "$TMP/err" "after period 1: every region is at its migration cap"
[ ! -e "$TMP/grow.csv" ] && pass || fail "partial panel written after the caps failed"

# Group metrics: a rule on the periphery's mean real income fires at the first period where
# the population-weighted mean of the group's real_income (computed here from the panel)
# reaches 1.
sed 's/"rural_urban": {"speed": 0.05}/"rural_urban": {"speed": 0.05}, "governance": [{"id": "g", "when": {"metric": "group:periphery:real_income", "op": ">=", "value": 1}, "then": [{"param": "shocks.sd", "op": "mul", "value": 1}], "max_fires": 1}]/' \
  "$MC" > "$TMP/gov.json"
expect_exit 0 "$R" simulate "$TMP/gov.json" -o "$TMP/gp.csv" --summary "$TMP/gs.csv"
want=$(awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
  $2 == "periphery" { p[$3] += $h["pop"]; py[$3] += $h["pop"] * $h["real_income"] }
  END { for (t = 0; t in p; t++) if (py[t] / p[t] >= 1) { print t; exit } }' "$TMP/gp.csv")
got=$(awk -F, '{ sub(/\r$/, "") } $NF == "g" { print $1; exit }' "$TMP/gs.csv")
[ -n "$want" ] && [ "$want" -gt 0 ] && [ "$want" = "$got" ] && pass || fail "group rule: expected at ${want:-never}, fired at ${got:-never}"
sed 's/group:periphery:real_income/group:suburbs:real_income/' "$TMP/gov.json" > "$TMP/bad.json"
expect_exit 2 "$R" simulate "$TMP/bad.json"
expect_in "$TMP/err" "bad.json: governance[0]: metric 'group:suburbs:real_income': no region has group 'suburbs'"
sed 's/group:periphery:real_income/group:periphery:income/' "$TMP/gov.json" > "$TMP/bad.json"
expect_exit 2 "$R" simulate "$TMP/bad.json"
expect_in "$TMP/err" "unknown column 'income' for a group (within the group: mean_real_income,"

finish
