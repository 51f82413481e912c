#!/usr/bin/env bash
# Same bits at any thread count (issue 21, src/core/sl_blas.h): every driver
# at its smoke scale (experiments/KEY/quick.txt; a figure not listed at its
# config's scale), variants included (configs naming a shared driver), run at 1, 2
# and 4 threads — OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and the `threads`
# key all set — must give identical data lines. Comments (the header) and
# timing columns (wall_s, t_*; scripts/reproduce.sh --data) are left out.
# SL_THREAD_KEYS="k1 k2" restricts the keys (while iterating). Under the
# sanitizers (make sanitize) a few keys only: the plain build runs them all.
. "$(dirname "$0")/lib.sh"
if [ -z "${SL_THREAD_KEYS:-}" ] && nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_; then
  SL_THREAD_KEYS="msd_fig7 ops_composition nne_heat afr_fig1 erg_fig3"
fi

# every figure: experiments/KEY/NAME.yaml is figure KEY_NAME; its binary is
# what `check --driver` says (a variant names the driver it shares); its
# smoke-scale overrides are the "NAME KEY=VALUE" lines of experiments/KEY/quick.txt
# (one override each, taken as is: nothing is evaluated)
keys=()
for c in experiments/*/*.yaml; do
  p=${c#experiments/}; keys+=("${p%%/*}_$(basename "$c" .yaml):$c")
done
overrides() { # CONFIG
  local q name
  q=$(dirname "$1")/quick.txt name=$(basename "$1" .yaml)
  [ -r "$q" ] || return 0
  awk -v k="$name" '$1 == k { sub(/^[^ \t]+[ \t]+/, ""); print }' "$q"
}

start=$SECONDS
for kd in "${keys[@]}"; do
  key=${kd%%:*} cfg=${kd#*:}
  if [ -n "${SL_THREAD_KEYS:-}" ] && ! grep -qw -- "$key" <<<"$SL_THREAD_KEYS"; then continue; fi
  drv=$("$B/bin/check" --driver "$cfg") || { fail "$key: same bits at 1, 2 and 4 threads" "no driver for $cfg"; continue; }
  args=()
  while IFS= read -r o; do [ -n "$o" ] && args+=(--set "$o"); done < <(overrides "$cfg")
  ok=1 msg= t0=$SECONDS
  for t in 1 2 4; do
    if ! OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t "$B/bin/$drv" "$cfg" "${args[@]}" --set threads=$t \
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
