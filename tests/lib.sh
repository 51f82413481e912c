# tests/lib.sh — what every shell test starts with (source it first):
# the repository root as working directory, B = the build folder, T = a
# scratch folder removed on exit, and the PASS/FAIL line helpers that
# tests/run.sh counts.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
B=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
expect_fail() { # name, expected message fragment, command...: must exit non-zero and print the fragment
  local name=$1 frag=$2; shift 2
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$frag" <<<"$out"; then pass "$name"; else fail "$name" "rc=$rc, output: $out"; fi
}
