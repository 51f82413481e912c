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
