#!/usr/bin/env bash
# Run every test binary in BUILD/tests and every tests/*.sh script; each prints
# PASS/FAIL lines. Ends with the line "N passed, N failed".
set -u
build=${1:-build}
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
crashed=0
for t in "$build"/tests/test_*; do
  [ -x "$t" ] && [ "${t%.d}" = "$t" ] && [ "${t%.o}" = "$t" ] || continue
  echo "== $(basename "$t")"
  "$t" 2>&1 | tee -a "$log" | grep -v '^PASS'
  rc=${PIPESTATUS[0]}
  if [ "$rc" -gt 1 ]; then echo "FAIL $(basename "$t"): exited with status $rc (crash?)" | tee -a "$log"; fi
done
for s in tests/test_*.sh; do
  [ -f "$s" ] || continue
  echo "== $(basename "$s")"
  BUILD="$build" bash "$s" 2>&1 | tee -a "$log" | grep -v '^PASS'
done
p=$(grep -c '^PASS' "$log"); f=$(grep -c '^FAIL' "$log")
echo "$p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
