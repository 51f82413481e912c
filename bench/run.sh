#!/usr/bin/env bash
# `make bench`: every bench/*.sh, each timing speclab beside its baseline on
# this machine, printing both times and the ratio against the issue's target.
set -u
B=${1:-build}
cd "$(dirname "$0")/.."
# Debian's python3 (not a pyenv one): the baselines use its python3-torch/numpy
export PYTHON=/usr/bin/python3
"$PYTHON" -c 'import torch, numpy' 2>/dev/null || SL_EXTRA_PKGS="python3-torch python3-numpy" scripts/deps.sh
"$PYTHON" -c 'import scipy' 2>/dev/null || SL_EXTRA_PKGS="python3-scipy" scripts/deps.sh  # bench/nne.sh
# everything printed also goes to results/bench.txt (written when complete)
out=results/bench.txt
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
. bench/header.sh
t0=$(date +%s)
main() {
bench_header "$B" "make bench: speclab beside each baseline"
for s in bench/*.sh; do
  case $(basename "$s") in run.sh | ab.sh | header.sh | native.sh) continue ;; esac   # ab.sh: make bench-ab; header.sh, native.sh: sourced
  echo; echo "== $(basename "$s" .sh)"
  bash "$s" "$B" || echo "  (bench $(basename "$s") failed)"
done
}
main 2>&1 | tee "$tmp"
bench_wall "$tmp" "$t0"
chmod 644 "$tmp"; mv "$tmp" "$out"; trap - EXIT   # (mktemp makes it 0600)
