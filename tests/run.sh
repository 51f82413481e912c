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
  one=$(mktemp)
  "$t" 2>&1 | tee "$one" | grep -v '^PASS'
  rc=${PIPESTATUS[0]}
  cat "$one" >> "$log"
  # status 1 with FAIL lines is a counted failure; anything else non-zero, or
  # no check at all, is a failure of its own
  if [ "$rc" -gt 1 ] || { [ "$rc" -eq 1 ] && ! grep -q '^FAIL' "$one"; }; then
    echo "FAIL $(basename "$t"): exited with status $rc (crash?)" | tee -a "$log"
  elif ! grep -q '^PASS' "$one"; then echo "FAIL $(basename "$t"): ran no check" | tee -a "$log"; fi
  rm -f "$one"
done
for s in tests/test_*.sh; do
  [ -f "$s" ] || continue
  echo "== $(basename "$s")"
  BUILD="$build" bash "$s" 2>&1 | tee -a "$log" | grep -v '^PASS'
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || echo "FAIL $(basename "$s"): exited with status $rc" | tee -a "$log"
done
p=$(grep -c '^PASS' "$log"); f=$(grep -c '^FAIL' "$log")
echo "$p passed, $f failed"
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
