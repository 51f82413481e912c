#!/usr/bin/env bash
# afr bench (issue 11): one training epoch of the afr MNIST 0/1 network
# (784-100-100-50-2, every layer spectral with lambda_out = 0, lambda and phi
# trained, L2 on the first layer, Adam, batch 32: experiments/afr/fig3.yaml)
# in speclab and in idiomatic PyTorch, same threads. Target: >= 5x.
set -euo pipefail
B=${1:-build}
T=${AFR_THREADS:-1}
export OPENBLAS_NUM_THREADS=$T OMP_NUM_THREADS=$T
ours=$("$B"/bench/bench_afr experiments/afr/fig3.yaml 3 | awk '/^seconds/ {print $2}')
theirs=$(cd bench && "${PYTHON:-/usr/bin/python3}" afr_torch.py "$T" 32 | awk '/^seconds/ {print $2}')
ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')
printf '%-48s %9s %9s %7s\n' "afr-fig3 epoch (MNIST 0/1, batch 32, $T thread(s))" speclab PyTorch ratio
printf '  %-46s %8.3fs %8.3fs %6sx   (target >= 5x)\n' "seconds per epoch (best of 3)" "$ours" "$theirs" "$ratio"
awk -v r="$ratio" 'BEGIN {exit !(r >= 5)}' && echo "  verdict: target met" || echo "  verdict: target NOT met"
