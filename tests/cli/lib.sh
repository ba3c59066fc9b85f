# lib.sh — helpers for the command-line tests (sourced by tests/cli/test_*.sh).
# Environment (set by CTest): REGCOORD (the binary), RC_TEST_DATA, RC_TEST_REF, RC_SHARED.
set -u
: "${REGCOORD:?REGCOORD must name the regcoord binary}"
: "${RC_TEST_DATA:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" && pwd)}"
: "${RC_SHARED:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_exit CODE CMD… — run CMD, stdout to $TMP/out, stderr to $TMP/err; check the exit code.
expect_exit() {
  local want=$1; shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got (wanted $want): $*"; sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2
  else pass; fi
}

# expect_in FILE TEXT — FILE contains TEXT (fixed string).
expect_in() {
  if grep -qF -- "$2" "$1"; then pass; else fail "'$2' not in $1: $(head -c 300 "$1")"; fi
}

# have_shared REL — the shared data file exists (tests needing it skip otherwise).
have_shared() { [ -e "$RC_SHARED/$1" ]; }

finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# expect_values REF OUT TOL — every line "year,statistic,value" of REF (header skipped) has a
# row in OUT (a CSV with columns year,group,statistic,value; group 'all') whose value agrees to
# relative tolerance TOL.
expect_values() {
  local ref=$1 out=$2 tol=$3 bad
  bad=$(awk -F, -v tol="$tol" '
    NR == FNR { if (FNR > 1) want[$1 "," $2] = $3; next }
    FNR > 1 && $2 == "all" { got[$1 "," $3] = $4 }
    END {
      for (k in want) {
        if (!(k in got)) { print k " missing"; continue }
        d = got[k] - want[k]; if (d < 0) d = -d
        s = want[k] < 0 ? -want[k] : want[k]
        if (d > tol * s) print k ": " got[k] " vs " want[k]
      }
    }' "$ref" <(tr -d '\r' < "$out"))
  if [ -z "$bad" ]; then pass; else fail "values differ from $ref: $bad"; fi
}
