#!/usr/bin/env bash
# Issue 2 bench: one msd-table1 training run (eigenvalues only, 20 epochs,
# batch 500) in speclab and in PyTorch, side by side, same threads (2) and
# precision (float32). Target: speclab at least 10x faster.
set -euo pipefail
B=${1:-build}
. bench/native.sh
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
ours=$("$B"/bench/bench_train experiments/msd/table1.yaml spectral_eig 3)
theirs=$(cd bench && "${PYTHON:-/usr/bin/python3}" msd_table1_torch.py 2)
t1=$(awk '/^seconds/ {print $2}' <<<"$ours"); a1=$(awk '/^accuracy/ {print $2}' <<<"$ours")
t2=$(awk '/^seconds/ {print $2}' <<<"$theirs"); a2=$(awk '/^accuracy/ {print $2}' <<<"$theirs")
ratio=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.1f", b / a}')
printf '%-44s %9s %9s %8s\n' "msd-table1 training (spectral_eig, 20 ep)" "speclab" "PyTorch" "ratio"
printf '%-44s %8.3fs %8.3fs %7sx   (target >= 10x)\n' "  time (best of 3 runs each)" "$t1" "$t2" "$ratio"
printf '%-44s %9s %9s\n' "  test accuracy" "$a1" "$a2"
nc=$(native_core "$B")
[ -z "$nc" ] || native_line "$nc" "$(OPENBLAS_CORETYPE=$nc "$B"/bench/bench_train experiments/msd/table1.yaml spectral_eig 3 | awk '/^seconds/ {print $2}')" "$t2"
awk -v r="$ratio" 'BEGIN {exit !(r >= 10)}' && echo "  verdict: target met" || echo "  verdict: TARGET MISSED"
