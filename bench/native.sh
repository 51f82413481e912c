# native.sh — sourced by the bench scripts. speclab pins OpenBLAS's kernels
# (sl_blas.h: Haswell's where the environment names none, for the same bits
# on every x86-64 CPU); the baselines run the kernels OpenBLAS picks for this
# CPU. Where the two differ (an AVX-512 CPU with OPENBLAS_CORETYPE unset),
# each bench also times speclab on the baselines' kernels, as a reader's
# yardstick of how much of a ratio is the pinned kernels and how much the
# code: a labelled line beside the verdict, never the verdict (other bits
# than the suite's results).
# pinned_core B: the core speclab runs here (sl_blas.h's policy).
pinned_core() { "$1"/bench/sgemm_peak 64 | sed -n 's/.*core=//p'; }
# native_core B: the core OpenBLAS picks here, or nothing when speclab runs it too.
native_core() {
  local n
  n=$("$1"/bench/sgemm_peak --native 64 | sed -n 's/.*core=//p')
  [ "$n" = "$(pinned_core "$1")" ] || echo "$n"
}
# native_line CORE OURS_S BASE_S [WHAT]: the labelled line; CORE must be a
# core name (a letter, then letters and digits), so that a script whose
# variable another command overwrote says so instead of printing a wrong line
native_line() {
  [[ $1 =~ ^[A-Za-z][A-Za-z0-9]*$ ]] || { echo "  (native_line: '$1' is not an OpenBLAS core name)"; return 1; }
  printf '  (speclab on the baselines'"'"' kernels, OPENBLAS_CORETYPE=%s, other bits than the suite'"'"'s: %.3fs, %sx%s)\n' \
    "$1" "$2" "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.1f", b / a}')" "${4:+ $4}"
}
