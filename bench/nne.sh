#!/usr/bin/env bash
# Issue 12 bench: diffusion maps of 10,000 points on the unit circle, 10
# eigenpairs (alpha = 1, datafold's epsilon heuristic), uniform and
# non-uniform (theta = 2 pi x^2) sampling; speclab (k-d tree, CSR kernel,
# ARPACK shift-invert with a two-block separator Cholesky over RCM
# envelopes, the blocks on two threads: sl_sepchol.h) beside SciPy (cKDTree,
# scipy.sparse, eigsh shift-invert with SuperLU), 2 threads each. SciPy runs
# with datafold's shift 1.1 and with speclab's 1.0001 (same eigenpairs; the
# shift only changes how fast ARPACK converges). Target: >= 5x; the verdict
# names both baselines (the one with speclab's shift is the stricter).
# Then one SpectralNet training epoch beside PyTorch (report only; below).
set -euo pipefail
B=${1:-build}
. bench/native.sh
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
ncore=$(native_core "$B")
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c 'import scipy' 2>/dev/null || SL_EXTRA_PKGS="python3-scipy" scripts/deps.sh
printf '%-34s %12s %12s %10s %8s %8s\n' "N = 10000, k = 10" "SciPy s=1.1" "SciPy s=ours" "speclab" "ratio" "(ours)"
ok=1; ok2=1
log=$(mktemp); trap 'rm -f "$log"' EXIT
declare -A ops tpol
for how in uniform squared; do
  ours=$("$B"/bench/bench_nne $how 10000 10 3 1.0001 2>"$log")
  ops[$how]=$(sed -n 's/.* ops \([0-9]*\) .*/\1/p' "$log" | tail -1)
  a=$(cd bench && "$PY" nne_scipy.py $how 1.1 | awk '{print $2}')
  a2=$(cd bench && "$PY" nne_scipy.py $how 1.0001 | awk '{print $2}')
  b=$(awk '{print $2}' <<<"$ours")
  tpol[$how]=$b
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1f", a/b}')
  r2=$(awk -v a="$a2" -v b="$b" 'BEGIN {printf "%.1f", a/b}')
  awk -v r="$r" 'BEGIN {exit !(r >= 5)}' || ok=0
  awk -v r="$r2" 'BEGIN {exit !(r >= 5)}' || ok2=0
  printf '%-34s %11.2fs %11.2fs %9.2fs %7sx %7sx\n' "  $how sampling" "$a" "$a2" "$b" "$r" "$r2"
  echo "    speclab mu: $(cut -d' ' -f3- <<<"$ours")"
  [ -z "$ncore" ] || native_line "$ncore" "$(OPENBLAS_CORETYPE=$ncore "$B"/bench/bench_nne $how 10000 10 3 1.0001 2>/dev/null | awk '{print $2}')" "$a2" "$how, SciPy at our shift"
done
[ $ok = 1 ] && echo "  verdict: target (>= 5x) met against SciPy with datafold's shift 1.1" || echo "  verdict: TARGET MISSED against SciPy with datafold's shift 1.1"
[ $ok2 = 1 ] && echo "  verdict: target (>= 5x) met against SciPy with speclab's shift" || echo "  verdict: TARGET MISSED against SciPy with speclab's shift (same algorithm class: SuperLU vs the separator / envelope Cholesky)"
echo "  (envelope Cholesky: its storage written before it is read, no zero-page double faults)"
# the memory policy (sl_mem.h), measured here: the same bench with glibc's defaults beside the run above
g=""
for how in uniform squared; do
  t0=$(SL_BENCH_MALLOC=glibc "$B"/bench/bench_nne $how 10000 10 3 1.0001 2>/dev/null | awk '{print $2}')
  g+=$(printf ' %s %.3fs -> %.3fs;' "$how" "$t0" "${tpol[$how]}")   # with the policy: the run above
done
echo "  gain (issue 25): freed buffers stay with the process (sl_mem.h), best of 3, glibc's defaults -> the policy:${g%;} [perf: comments in bench/nne.sh]"
# recorded once (not measured by this run): perf record, bench_nne uniform, 30 reps, 2026-12-06: with glibc's defaults
# the kernel's page-fault handler (pvm_irq_enable) took 14-17 % of the samples, most under the kernel's copy into a
# fresh CSR and the envelope factor's first writes; with the policy 3 %
echo "  gain (issue 25): the shift-invert solves in vector lanes, bit for bit the scalar solve (sl_envchol_solve, target clones): [callgrind counts: comments in bench/nne.sh]"
# recorded once (not measured by this run): callgrind (AVX2 version), bench_nne at shift 1.0001: solves 285M -> 197M instructions (uniform), 553M -> 323M (squared)
# recorded once (not measured by this run): (hand-written AVX2 intrinsics gave 190M / 306M: 2-5 % fewer, not worth a second copy of the solve)
# recorded once (not measured by this run): perf on the Xeon, uniform: the forward solve 18.6 % of samples, twice
# the backward sweep (each row's dot waits on the previous row: a chain of dependent adds); eight partial sums, paired
# bench_nne at 7470adf vs 67aa9d5, 8 rounds alternating: squared 0.128 -> 0.094 s (1.31-1.45x), uniform 1.04x (0.97-1.10)
echo "  gain (issue 25): the envelope factor's and forward solve's dots in eight partial sums, was four (half the chain of dependent adds per row): [paired runs: comments in bench/nne.sh]"
echo "  gain (issue 25): the kernel in one pass of radius queries (was a counting pass, then the same queries again): [callgrind counts: comments in bench/nne.sh]"
# recorded once (not measured by this run): callgrind: kernel 134M -> 90M (uniform), 369M -> 256M (squared); whole bench_nne run 642M -> 503M, 1415M -> 1055M

# Issue 25: CHOLMOD (Debian's SuiteSparse) against the envelope Cholesky on
# the same B = sigma I - S and the same number of solves as ARPACK made
# above (bench/cholmod/nne_cholmod.c, built here only: speclab does not link
# CHOLMOD). The faster one is what speclab should use; today the envelope,
# in speclab as two envelope blocks and a separator on two threads
# (sl_sepchol.h): timed here on one thread and on two (its gain line).
if [ ! -f /usr/include/suitesparse/cholmod.h ]; then SL_EXTRA_PKGS="libsuitesparse-dev" scripts/deps.sh || true; fi
if [ -f /usr/include/suitesparse/cholmod.h ]; then
  ev=$(mktemp)
  if cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -I/usr/include/x86_64-linux-gnu/openblas-pthread -fopenmp bench/cholmod/nne_cholmod.c \
       -o "$ev" "$B"/libspeclab.a -lcholmod -larpack -lgsl -llapacke -lopenblas -lyaml -lz -lm 2>/dev/null; then
    echo "  sparse direct solver, factor + ARPACK's solves, 1 thread (best of 3): envelope Cholesky vs CHOLMOD supernodal"
    g=""
    for how in uniform squared; do
      read -r _ te ne _ tc nc err _ ts1 ts2 nsep errs < <(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$ev" $how 10000 1.0001 "${ops[$how]}")
      printf '    %-8s %3s solves: envelope %.3fs (%s entries)  CHOLMOD %.3fs (nnz(L) %s)  max |x_env - x_chol| %s  -> %s\n' \
        "$how" "${ops[$how]}" "$te" "$ne" "$tc" "$nc" "$err" "$(awk -v a="$te" -v b="$tc" 'BEGIN {print (a <= b ? "envelope faster" : "CHOLMOD faster")}')"
      printf '    %-8s separator Cholesky (%s entries, max |x_sep - x_chol| %s): 1 thread %.3fs, 2 threads %.3fs\n' \
        "" "$nsep" "$errs" "$ts1" "$ts2"
      g+=$(printf ' %s %.3fs -> %.3fs;' "$how" "$te" "$ts2")
    done
    echo "  gain (issue 25): the shift-invert solves as two envelope blocks and a separator, one block per thread (sl_sepchol.h), factor + solves, envelope on 1 thread -> separator on 2:${g%;}"
  else
    echo "  (CHOLMOD evaluation: bench/cholmod/nne_cholmod.c did not build)"
  fi
  rm -f "$ev"
else
  echo "  (CHOLMOD evaluation skipped: libsuitesparse-dev not installed)"
fi

# SpectralNet: one training epoch on 10,000 circle points (k = 5, sigma^2 =
# datafold's eps), speclab (bench_snet) beside PyTorch (nne_snet_torch.py),
# both on one thread (sl_snet_train runs on one BLAS thread). Target (issue
# 25): >= 5x.
if "$PY" -c 'import torch' 2>/dev/null; then
  read -r _ s_ours _ eps < <(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$B"/bench/bench_snet 10000 5 3 2>/dev/null)
  s_torch=$(cd bench && OMP_NUM_THREADS=1 "$PY" nne_snet_torch.py 1 10000 5 "$eps" | awk '{print $2}')
  r=$(awk -v a="$s_ours" -v b="$s_torch" 'BEGIN {printf "%.1f", b / a}')
  printf 'SpectralNet epoch: speclab %.3fs, PyTorch %.3fs, ratio %sx   (N = 10000, k = 5, batch 256, ortho batch 512, 1 thread; target >= 5x)\n' \
    "$s_ours" "$s_torch" "$r"
  [ -z "$ncore" ] || native_line "$ncore" "$(OPENBLAS_CORETYPE=$ncore OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$B"/bench/bench_snet 10000 5 3 2>/dev/null | awk '{print $2}')" "$s_torch" "SpectralNet"
  echo "  (the loss sums over the batch affinity's nonzeros only, exp skipped where it rounds to 0: same bits)"
  echo "  gain (issue 25): the batch affinity built sparse (sorted by the first coordinate, pairs within the exp cut only)"
  echo "  gain (issue 25): dropout masks from a counter-based SplitMix64 (two decisions per 64-bit mix, SIMD lanes)"
  echo "  gain (issue 25): ELU and tanh without libm (double range reduction + degree-10 Taylor, <= 0.500007 ulp, SIMD lanes)"
  echo "  gain (issue 25): the loss's sort a merge sort in the loss's own buffer (qsort malloc'd one per call)"
  echo "  gain (issue 25): training flushes subnormals (sl_fpmode.h: FTZ and DAZ in sl_snet_train's sl_train) [perf, paired runs: comments in bench/nne.sh]"
  echo "  [callgrind counts of each gain: comments in bench/nne.sh]"
  # recorded once (not measured by this run): subnormals, Intel Xeon (AVX-512, 2 cores), bench_snet 10000 5 3 on one thread,
  # alternating, before the scope existed: IEEE 0.0500, 0.0485 s; FTZ+DAZ (preloaded) 0.0371, 0.0380 s (1.3x)
  # recorded once (not measured by this run): callgrind, bench_snet: sl_snet_loss 158M -> 33M instructions, sl_snet_train 1366M -> 1240M (sparse affinity)
  # recorded once (not measured by this run): dropout 459M -> 56M instructions, activations 379M -> 134M, sl_snet_loss 33M -> 29M, sl_snet_train 1240M -> 572M
  # recorded once (not measured by this run): what is left (perf, the epoch): sgemm ~45%, ELU ~20%, dropout masks ~10%, the loss ~9%,
  # recorded once (not measured by this run): first-touch page faults of the trainer's fresh buffers ~6%
  awk -v r="$r" 'BEGIN {exit !(r >= 5)}' && echo "  verdict: SpectralNet target met" || echo "  verdict: SpectralNet TARGET MISSED"
else
  echo "SpectralNet epoch: PyTorch not available (Debian python3-torch); speclab $("$B"/bench/bench_snet 10000 5 3 2>/dev/null | awk '{print $2}')s"
fi
