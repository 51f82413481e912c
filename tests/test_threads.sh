#!/usr/bin/env bash
# Same bits at any thread count (issue 21, src/core/sl_blas.h): every driver
# at its smoke scale (experiments/quick.txt; a driver not listed at its
# config's scale), and every variant (experiments/variants.txt), run at 1, 2
# and 4 threads — OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and the `threads`
# key all set — must give identical data lines. Comments (the header) and
# timing columns (wall_s, t_*; scripts/reproduce.sh --data) are left out.
# SL_THREAD_KEYS="k1 k2" restricts the keys (while iterating). Under the
# sanitizers (make sanitize) a few keys only: the plain build runs them all.
. "$(dirname "$0")/lib.sh"
EXP=experiments
if [ -z "${SL_THREAD_KEYS:-}" ] && nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_; then
  SL_THREAD_KEYS="msd_fig7 ops_composition nne_heat afr_fig1 erg_fig3"
fi

# the --set words of KEY: a variant's own, then its driver's quick ones
overrides() { # KEY DRIVER
  local line
  if [ "$1" != "$2" ]; then
    line=$(awk -v k="$1" '$1 == k { sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]*/, ""); print; exit }' "$EXP/variants.txt")
    [ -z "$line" ] || { eval "local v=($line)"; printf '%s\n' "${v[@]}"; }
  fi
  line=$(awk -v k="$2" '$1 == k { sub(/^[^ \t]+[ \t]*/, ""); print; exit }' "$EXP/quick.txt")
  [ -z "$line" ] || { eval "local a=($line)"; printf '%s\n' "${a[@]}"; }
}

keys=()
for c in "$EXP"/*.c; do k=$(basename "$c" .c); keys+=("$k:$k"); done
while read -r v d _; do
  case $v in ''|\#*) continue ;; esac
  keys+=("$v:$d")
done < "$EXP/variants.txt"

start=$SECONDS
for kd in "${keys[@]}"; do
  key=${kd%%:*} drv=${kd#*:}
  if [ -n "${SL_THREAD_KEYS:-}" ] && ! grep -qw -- "$key" <<<"$SL_THREAD_KEYS"; then continue; fi
  args=()
  while read -r o; do [ -n "$o" ] && args+=(--set "$o"); done < <(overrides "$key" "$drv")
  ok=1 msg= t0=$SECONDS
  for t in 1 2 4; do
    if ! OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t "$B/bin/$drv" "$EXP/$drv.yaml" "${args[@]}" --set threads=$t \
         --output "$T/$key.$t.dat" >"$T/$key.$t.log" 2>&1; then
      ok=0 msg="failed at $t threads: $(tail -2 "$T/$key.$t.log")"; break
    fi
    scripts/reproduce.sh --data "$T/$key.$t.dat" > "$T/$key.$t.data"
    if [ $t != 1 ] && ! cmp -s "$T/$key.1.data" "$T/$key.$t.data"; then
      ok=0 msg="$t threads vs 1: $(diff "$T/$key.1.data" "$T/$key.$t.data" | grep -c '^[<>]') lines differ: $(diff "$T/$key.1.data" "$T/$key.$t.data" | head -3 | tr '\n' ' ' | cut -c1-300)"
      break
    fi
  done
  n=$(grep -c . "$T/$key.1.data" 2>/dev/null)
  if [ $ok = 1 ] && [ "${n:-0}" -gt 0 ]; then
    pass "$key: identical data lines at 1, 2 and 4 threads ($n lines, $((SECONDS - t0)) s)"
  else
    fail "$key: same bits at 1, 2 and 4 threads" "${msg:-no data lines}"
  fi
  rm -f "$T/$key".*
done
echo "test_threads: $((SECONDS - start)) s"
