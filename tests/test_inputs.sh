#!/usr/bin/env bash
# Every input is checked before any work (issue 22): for each figure's config
# with inputs (the data folder `data.dir`, the results file a figure reads,
# `scores:`), pointing the input at a missing path, or at a corrupt file,
# fails within a second with a clear error naming it and a non-zero exit,
# and writes no results. Inputs are found from the configs (every
# experiments/*/*.yaml), so a new figure with a data folder is covered.
# PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
C=$B/bin/check
# name, message fragment, command...: non-zero exit, the fragment, no results
# file, within a second of wall time. A corrupt data file is found by its
# SHA-256 over the whole file (47 MB), work the run does first in any case:
# for it the bound is CPU time (user + sys, so a loaded machine does not fail
# the test) and 5 s, since that checksum alone costs about 0.5 s at -O3 and
# 1.7 s under ASan+UBSan (make sanitize), while the training every one of these
# configs starts with costs minutes: a driver that checked its data after any
# work still fails the bound.
fast_fail() {
  local name=$1 frag=$2; shift 2
  local out rc t real cpu lim=wall limit=1000
  [[ $name != *corrupt* ]] || { lim=cpu; limit=5000; }
  rm -f "$T/out.dat"
  TIMEFORMAT='%R %U %S'
  { time timeout 60 "$@" --output "$T/out.dat" >"$T/log" 2>&1; } 2>"$T/time"; rc=$?
  out=$(cat "$T/log"); t=$(tail -1 "$T/time")
  real=$(awk '{ printf "%d", $1 * 1000 }' <<<"$t"); cpu=$(awk '{ printf "%d", ($2 + $3) * 1000 }' <<<"$t")
  ms=$([ $lim = wall ] && echo "$real" || echo "$cpu")
  if [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ "$ms" -lt "$limit" ] && grep -qF -- "$frag" <<<"$out" && [ ! -e "$T/out.dat" ]; then
    pass "$name: fails in $ms ms ($lim)"
  else fail "$name" "rc=$rc in $ms ms $lim (want non-zero in < $limit ms, naming '$frag'): $(tail -2 <<<"$out")"; fi
}
# a corrupt copy of the MNIST folder: one image file with a byte changed (its SHA-256 no longer matches)
mkdir -p "$T/badmnist"
for f in data/mnist/*; do ln -s "$PWD/$f" "$T/badmnist/$(basename "$f")"; done
img=$(ls data/mnist/ | grep -m1 'train-images')
rm "$T/badmnist/$img"; cp "data/mnist/$img" "$T/badmnist/$img"; chmod u+w "$T/badmnist/$img"
printf '\x01' | dd of="$T/badmnist/$img" bs=1 seek=2000 conv=notrunc status=none
# a results file that is not one (the header a driver writes is missing)
printf 'not a results file\n1 2 3\n' >"$T/bad.dat"
n=0
for cfg in experiments/*/*.yaml; do
  drv=$("$C" --driver "$cfg") || { fail "$cfg: driver" "check --driver failed"; continue; }
  id=${cfg#experiments/}; id=${id%.yaml}; id=${id/\//_}
  if grep -qE '^data:|^  dir:' "$cfg"; then
    n=$((n + 1))
    fast_fail "$id: a missing data folder (--set data.dir=$T/none)" "$T/none" "$B/bin/$drv" "$cfg" --set "data.dir=$T/none"
    fast_fail "$id: a data folder with a corrupt file" "$img" "$B/bin/$drv" "$cfg" --set "data.dir=$T/badmnist"
  fi
  if grep -qE '^scores:' "$cfg"; then
    n=$((n + 1))
    fast_fail "$id: a missing results file it reads (--set scores=$T/none.dat)" "$T/none.dat" "$B/bin/$drv" "$cfg" --set "scores=$T/none.dat"
    fast_fail "$id: a file it reads that is not a results file" "$T/bad.dat" "$B/bin/$drv" "$cfg" --set "scores=$T/bad.dat"
  fi
done
[ $n -ge 20 ] && pass "inputs found in $n configs" || fail "inputs found" "only $n configs with inputs (expected >= 20)"
