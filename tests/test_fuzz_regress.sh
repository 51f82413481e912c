#!/usr/bin/env bash
# Replay every kept fuzz input (tests/fuzz/regress/TARGET/*) through its
# target: inputs that once crashed must now be handled.
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
for dir in tests/fuzz/regress/*/; do
  t=$(basename "$dir")
  files=("$dir"*)
  [ -e "${files[0]}" ] || continue
  "$B/fuzz/replay_$t" "${files[@]}"
  rc=$?
  [ $rc -le 1 ] || echo "FAIL fuzz regression $t: replay exited with status $rc (crash)"
done
