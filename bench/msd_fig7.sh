#!/usr/bin/env bash
# Issue 3 bench: one epoch of the Fig. 7 network (N2 = 1000, eigenvalues
# only, batch 500) in speclab and in PyTorch (target: >= 3x faster), and the
# epoch's GEMM rate as a fraction of this machine's SGEMM peak, measured on
# the spot (target: >= 60%).
set -euo pipefail
B=${1:-build}
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
peak=$("$B"/bench/sgemm_peak 3000 | awk '/^gflops/ {print $2}')
ours=$("$B"/bench/bench_train bench/msd_fig7_epoch.yaml spectral_eig 3 | awk '/^seconds/ {print $2}')
theirs=$(cd bench && "${PYTHON:-/usr/bin/python3}" msd_fig7_torch.py 2 | awk '/^seconds/ {print $2}')
# GEMM FLOPs one epoch needs (60000 images): per image 2*(forward 784*1000 + 1000*120 + 120*10)
# + 2*(dW: 784*1000 + 1000*120 + 120*10) + 2*(dX: 1000*120 + 120*10; none into layer 1's input)
flops=$(awk 'BEGIN {n=60000; f=2*(784*1000+1000*120+120*10) + 2*(784*1000+1000*120+120*10) + 2*(1000*120+120*10); printf "%.0f", n*f}')
rate=$(awk -v f="$flops" -v t="$ours" 'BEGIN {printf "%.1f", f/t*1e-9}')
frac=$(awk -v r="$rate" -v p="$peak" 'BEGIN {printf "%.0f", 100*r/p}')
ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "%.1f", b/a}')
printf '%-44s %9s %9s %8s\n' "msd-fig7 epoch (N2=1000, eigenvalues only)" "speclab" "PyTorch" "ratio"
printf '%-44s %8.3fs %8.3fs %7sx   (target >= 3x)\n' "  time per epoch (best of 3)" "$ours" "$theirs" "$ratio"
printf '  GEMM rate %s GFLOP/s of a measured SGEMM peak %s GFLOP/s: %s%%   (target >= 60%%)\n' "$rate" "$peak" "$frac"
awk -v r="$ratio" -v f="$frac" 'BEGIN {exit !(r >= 3 && f >= 60)}' && echo "  verdict: targets met" || echo "  verdict: TARGET MISSED"
