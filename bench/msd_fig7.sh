#!/usr/bin/env bash
# Issue 3 bench: one training epoch of the msd Fig. 7 network (784 -> 1000
# linear -> 120 ReLU -> 10, eigenvalues only, batch 500, AdaMax) in speclab
# and in PyTorch, 2 threads each, float32. Targets: speclab at least 3x
# faster; its matrix products run at >= 60% of this machine's SGEMM peak
# (issue 3), >= 80% layer by layer (issue 25), the peak measured here on the
# spot (n = 3000, same threads).
#
# speclab trains the linear layer through its product with the next one
# (sl_net.h, fuse_linear: auto), which needs 2.6x fewer FLOPs than the
# layer-by-layer epoch PyTorch computes; the GEMM rate counts only the
# products speclab performs. The layer-by-layer speclab epoch is shown too.
set -euo pipefail
B=${1:-build}
. bench/native.sh
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
cfg=bench/msd_fig7_epoch.yaml
lw=$(mktemp --suffix=.yaml)
trap 'rm -f "$lw"' EXIT
sed 's/fuse_linear: auto/fuse_linear: off/' "$cfg" > "$lw"

peak=$("$B"/bench/sgemm_peak 3000 | awk '/^gflops/ {print $2}')
ours=$("$B"/bench/bench_train "$cfg" spectral_eig 3)
layer=$("$B"/bench/bench_train "$lw" spectral_eig 3)
theirs=$(cd bench && "${PYTHON:-/usr/bin/python3}" msd_fig7_torch.py 2 | awk '/^seconds/ {print $2}')
peak2=$("$B"/bench/sgemm_peak 3000 | awk '/^gflops/ {print $2}')   # again: the machine may be shared
peak=$(awk -v a="$peak" -v b="$peak2" 'BEGIN {print (a > b ? a : b)}')

get() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
t1=$(get seconds "$ours"); f1=$(get gemm_flops "$ours")
t2=$(get seconds "$layer"); f2=$(get gemm_flops "$layer")
rate() { awk -v f="$1" -v t="$2" 'BEGIN {printf "%.1f", f / t * 1e-9}'; }
r1=$(rate "$f1" "$t1"); r2=$(rate "$f2" "$t2")
pct() { awk -v r="$1" -v p="$peak" 'BEGIN {printf "%.0f", 100 * r / p}'; }
ratio=$(awk -v a="$t1" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')

printf '%-46s %9s %11s %9s\n' "msd-fig7 epoch (N2=1000, eigenvalues only)" "seconds" "GEMM GFLOP" "GFLOP/s"
printf '  %-44s %8.3fs %11.1f %9s  (%s%% of peak)\n' "speclab (linear layer fused, as the figures)" "$t1" \
  "$(awk -v f="$f1" 'BEGIN {print f * 1e-9}')" "$r1" "$(pct "$r1")"
printf '  %-44s %8.3fs %11.1f %9s  (%s%% of peak)\n' "speclab, layer by layer" "$t2" \
  "$(awk -v f="$f2" 'BEGIN {print f * 1e-9}')" "$r2" "$(pct "$r2")"
printf '  %-44s %8.3fs %11.1f\n' "PyTorch $("${PYTHON:-/usr/bin/python3}" -c 'import torch; print(torch.__version__)') (layer by layer)" \
  "$theirs" "$(awk -v f="$f2" 'BEGIN {print f * 1e-9}')"
printf '  SGEMM peak (n = 3000, 2 threads, best of 2 x 5): %s GFLOP/s with the kernels speclab runs (core=%s)\n' "$peak" "$(pinned_core "$B")"
# the kernels OpenBLAS picks for this CPU itself (the baselines'): where they
# differ from the pinned ones (sl_blas.h), their rate is the price of the same
# bits on every x86-64 CPU, printed beside, not the yardstick of the target
nc=$(native_core "$B")
if [ -n "$nc" ]; then
  np=$("$B"/bench/sgemm_peak --native 3000 | awk '/^gflops/ {print $2}')
  printf '  (OpenBLAS'"'"'s own kernels for this CPU, core=%s, as the baselines run: %s GFLOP/s; layer by layer at %s%% of that)\n' \
    "$nc" "$np" "$(awk -v r="$r2" -v p="$np" 'BEGIN {printf "%.0f", 100 * r / p}')"
fi
# what the 80 % target leaves room for: the layer-by-layer epoch's products
# alone at its shapes (bench/gemm_shapes: sl_gemm's fixed blocks, one BLAS
# thread each, the pinned kernels, as the training calls them)
read -r -a shape <<<"$(awk '/^shape/ {$1 = ""; print}' <<<"$layer")"
gs=$("$B"/bench/gemm_shapes "${shape[@]}")
g=$(get seconds "$gs"); gr=$(rate "$(get gemm_flops "$gs")" "$g")
printf '  %-44s %8.3fs %11.1f %9s  (%s%% of peak: the ceiling of the layer-by-layer rate; the rest of that epoch %.3fs)\n' \
  "its products alone, at these shapes" "$g" "$(awk -v f="$(get gemm_flops "$gs")" 'BEGIN {print f * 1e-9}')" "$gr" \
  "$(pct "$gr")" "$(awk -v a="$t2" -v b="$g" 'BEGIN {print a - b}')"
ratio2=$(awk -v a="$t2" -v b="$theirs" 'BEGIN {printf "%.1f", b / a}')
printf '  layer by layer (the FLOPs PyTorch performs): %sx PyTorch (target >= 3x), %s%% of peak (targets: issue 3 >= 60%%, issue 25 >= 80%%)\n' \
  "$ratio2" "$(pct "$r2")"
printf '  fused (as the figures train): %sx PyTorch, %s%% of peak on %sx fewer FLOPs\n' \
  "$ratio" "$(pct "$r1")" "$(awk -v a="$f2" -v b="$f1" 'BEGIN {printf "%.1f", a / b}')"
if [ -n "$nc" ]; then
  native_line "$nc" "$(OPENBLAS_CORETYPE=$nc "$B"/bench/bench_train "$cfg" spectral_eig 3 | awk '/^seconds/ {print $2}')" "$theirs" "fused"
  native_line "$nc" "$(OPENBLAS_CORETYPE=$nc "$B"/bench/bench_train "$lw" spectral_eig 3 | awk '/^seconds/ {print $2}')" "$theirs" "layer by layer"
fi
# The GEMM-rate target measures how well the products use BLAS, so it is
# judged on the layer-by-layer epoch (same products as PyTorch); the fused
# epoch must in addition be the faster of the two in wall time.
awk -v r="$ratio2" -v f="$(pct "$r2")" -v t1="$t1" -v t2="$t2" 'BEGIN {exit !(r >= 3 && f >= 60 && t1 <= t2)}' \
  && echo "  verdict: issue 3's targets met" || echo "  verdict: issue 3's targets MISSED"
awk -v f="$(pct "$r2")" 'BEGIN {exit !(f >= 80)}' \
  && echo "  verdict: issue 25's target (>= 80% of peak layer by layer) met" \
  || echo "  verdict: issue 25's target (>= 80% of peak layer by layer) NOT met"
