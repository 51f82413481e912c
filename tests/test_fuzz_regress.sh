#!/usr/bin/env bash
# Replay every kept fuzz input (tests/fuzz/regress/TARGET/*) through its
# target: inputs that once crashed must now be handled. The targets check the
# parsers' invariants and abort on a violation, so a non-zero exit (crash,
# abort, sanitizer report, unreadable input) fails.
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
status=0
for dir in tests/fuzz/regress/*/; do
  t=$(basename "$dir")
  files=("$dir"*)
  [ -e "${files[0]}" ] || continue
  out=$("$B/fuzz/replay_$t" "${files[@]}" 2>&1); rc=$?
  if [ $rc -eq 0 ] && grep -q "^replayed ${#files[@]} inputs" <<<"$out"; then
    echo "PASS fuzz regression $t: ${#files[@]} kept inputs handled"
  else
    echo "FAIL fuzz regression $t: replay exited with status $rc: $(tail -3 <<<"$out")"; status=1
  fi
done
exit $status
