#!/usr/bin/env bash
# The bench programs keep their whole command line through the BLAS policy's
# re-exec (sl_blas.h: where OPENBLAS_CORETYPE is unset the program runs again
# from main's argv with the Haswell kernels). bench_train hands the driver a
# shortened argv (program and config); the policy must act on main's, or the
# re-executed program loses MODE and REPEATS and stops with its usage line.
# Where the environment presets OPENBLAS_CORETYPE (kept, never unset) there
# is no re-exec and this checks the arguments alone. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
if ! make -s "$B/bench/bench_train" BUILD="$B" >"$T/make.log" 2>&1; then
  fail "bench_train builds" "$(tail -3 "$T/make.log")"; exit 0
fi
out=$(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$B/bench/bench_train" experiments/msd/table1.yaml spectral_eig 1 2>&1); rc=$?
table1=$out   # its shape line and FLOP count serve the gemm_shapes check below
if [ $rc -eq 0 ] && grep -q '^seconds [0-9]' <<<"$out" && grep -q '^accuracy 0\.[0-9]' <<<"$out"; then
  pass "bench_train CONFIG MODE REPEATS runs (OPENBLAS_CORETYPE ${OPENBLAS_CORETYPE:-unset: through the re-exec})"
else
  fail "bench_train CONFIG MODE REPEATS" "rc=$rc: $out"
fi
expect_fail "bench_train: an unknown mode is named" "unknown mode nosuch" "$B/bench/bench_train" experiments/msd/table1.yaml nosuch 1
# bench/native.sh's labelled line: the ratio is baseline / ours, and a value
# that is not a core name (a script's variable overwritten) is refused
out=$(. bench/native.sh; native_line SkylakeX 0.5 2.0 uniform)
[ "$out" = "  (speclab on the baselines' kernels, OPENBLAS_CORETYPE=SkylakeX, other bits than the suite's: 0.500s, 4.0x uniform)" ] \
  && pass "native_line: labelled line, ratio baseline / ours" || fail "native_line" "$out"
out=$(. bench/native.sh; native_line 984737 0.5 2.0); rc=$?
[ $rc -ne 0 ] && grep -q "not an OpenBLAS core name" <<<"$out" && pass "native_line: a number is not a core name" \
  || fail "native_line refuses a non-name" "rc=$rc: $out"
# bench/gemm_shapes (the products of an epoch alone): the FLOPs it counts are
# those of bench_train's layer-by-layer count, batch by batch with a ragged
# last batch, and bench_train's shape line hands it that epoch
if make -s "$B/bench/gemm_shapes" BUILD="$B" >"$T/make.log" 2>&1; then
  # 10 examples in batches 4, 4, 2; widths 3 -> 5 -> 2: forward + weights 4·b·15
  # (layer 0, no input gradient) and 6·b·10 (layer 1): 120 per example
  out=$(OMP_NUM_THREADS=1 "$B/bench/gemm_shapes" 10 4 3 5 2 2>&1)
  [ "$(awk '/^gemm_flops/ {print $2}' <<<"$out")" = 1200 ] && pass "gemm_shapes: FLOPs of a ragged epoch" \
    || fail "gemm_shapes FLOPs (want 1200)" "$out"
  expect_fail "gemm_shapes: a width that is not positive is refused" "is not positive" "$B/bench/gemm_shapes" 10 4 3 0 2
  expect_fail "gemm_shapes: too few arguments give the usage" "usage: gemm_shapes" "$B/bench/gemm_shapes" 10 4 3
  # table1's config: gemm_flops_layerwise (whole training) = epochs × one epoch's products by its shape line
  read -r -a shape <<<"$(awk '/^shape/ {$1 = ""; print}' <<<"$table1")"
  ep=$(sed -n 's/.*epochs: *\([0-9]*\).*/\1/p' experiments/msd/table1.yaml | head -1)
  want=$(awk '/^gemm_flops_layerwise/ {print $2}' <<<"$table1")
  got=$(OMP_NUM_THREADS=1 "$B/bench/gemm_shapes" "${shape[@]}" 2>&1 | awk -v e="$ep" '/^gemm_flops/ {printf "%.6g", $2 * e}')
  [ ${#shape[@]} -ge 4 ] && [ -n "$want" ] && [ "$got" = "$want" ] \
    && pass "bench_train's shape line: gemm_shapes counts its layer-by-layer FLOPs ($ep epochs)" \
    || fail "bench_train shape -> gemm_shapes FLOPs" "shape '${shape[*]}', epochs '$ep': $got vs $want"
else
  fail "gemm_shapes builds" "$(tail -3 "$T/make.log")"
fi
# bench/figures.sh: the target is met only by a measured run of every figure
# declared now within 35 min; a fast run of fewer figures does not meet it
n=$(BUILD=$B scripts/figures.sh --dry-run --force 2>&1 | sed -n 's/^figures: [0-9]* of \([0-9]*\) to run.*/\1/p')
rec() { printf '# make figures: test record\n# commit: 0123456789ab\n# date: 2026-01-01T00:00:00Z\n# wall_time_s: %s\n# figures: %s\n# cores: 2\n' "$1" "$2" >"$T/run.txt"; }
rec 1800 "$n"; out=$(FIGURES_RUN=$T/run.txt bash bench/figures.sh "$B" 2>&1)
grep -q "target (<= 35 min, every figure, one run) met" <<<"$out" && pass "bench/figures.sh: 30 min for all $n figures meets the target" \
  || fail "bench/figures.sh, all figures in 30 min" "$out"
rec 1800 $((n - 1)); out=$(FIGURES_RUN=$T/run.txt bash bench/figures.sh "$B" 2>&1)
grep -q "NOT met" <<<"$out" && pass "bench/figures.sh: a run of fewer figures than declared does not meet it" \
  || fail "bench/figures.sh, fewer figures" "$out"
rec 2200 "$n"; out=$(FIGURES_RUN=$T/run.txt bash bench/figures.sh "$B" 2>&1)
grep -q "NOT met" <<<"$out" && grep -q "measured: 37 min for $n figures" <<<"$out" \
  && pass "bench/figures.sh: 37 min does not meet it" || fail "bench/figures.sh, 37 min" "$out"
