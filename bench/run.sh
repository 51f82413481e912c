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
main() {
# "-dirty" by the results headers' rule (src/core/sl_results.c): sources differ from HEAD
echo "# make bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':(exclude)results' ':(exclude)paper' 2>/dev/null || echo -dirty)"
# the CPU as OpenBLAS sees it: vendor name, family/model and whether it has
# AVX-512 (its kernels, and so the ratios, differ between e.g. Zen 3 and Zen 4)
cpu() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(cpu 'model name') (family $(cpu 'cpu family'), model $(cpu 'model[[:space:]]*:'), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo 'AVX2, no AVX-512'))"
for s in bench/*.sh; do
  case $(basename "$s") in run.sh | ab.sh) continue ;; esac   # ab.sh: make bench-ab
  echo; echo "== $(basename "$s" .sh)"
  bash "$s" "$B" || echo "  (bench $(basename "$s") failed)"
done
}
main 2>&1 | tee "$tmp"
mv "$tmp" "$out"; trap - EXIT
