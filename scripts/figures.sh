#!/usr/bin/env bash
# figures.sh — regenerate every figure whose results are not current, with
# a plan, an estimate from the recorded wall times and a progress line each.
#
#   scripts/figures.sh [--quick] [--dry-run] [--force] [--out DIR] [KEY...]
#
# A KEY is a driver (experiments/KEY.c with experiments/KEY.yaml) or a
# variant listed in experiments/variants.txt: a driver's config run with
# fixed --set overrides into results/KEY.dat (recorded in its header), drawn
# by plots/KEY.gp (if there is one). --force runs the given KEYs even when
# current.
#
# A results file is current when its header records what would produce it
# now: the config's SHA-256, the driver source's SHA-256 and the library
# sources' SHA-256 (scripts/srchash.sh; compiled into the drivers), and the
# expected overrides (none; with --quick those of experiments/quick.txt).
# File times play no part (a fresh clone's say nothing). Anything else is
# stale and reruns: driver, `check --verify`, plot (PNG + PDF beside the data).
# --quick: smoke-test scale (experiments/quick.txt) into results-quick/, so
# committed results are never overwritten by quick runs. Full runs refresh the
# report's tables at the end. Env: BUILD (build), SL_EXPERIMENTS (experiments,
# where the configs are read; tests point it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
EXP=${SL_EXPERIMENTS:-experiments}
VARIANTS=$EXP/variants.txt
[ -r "$VARIANTS" ] || VARIANTS=/dev/null
quick=0 dry=0 force=0 out=
keys=()
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --dry-run) dry=1 ;;
  --force) force=1 ;;
  --out) out=$2; shift ;;
  -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "figures.sh: unknown option '$1'" >&2; exit 2 ;;
  *) keys+=("$1") ;;
  esac
  shift
done
[ -n "$out" ] || { [ $quick = 1 ] && out=results-quick || out=results; }
if [ ${#keys[@]} -eq 0 ]; then
  for c in experiments/*.c; do keys+=("$(basename "$c" .c)"); done
  while read -r v _; do keys+=("$v"); done < <(grep -v '^[[:space:]]*\(#\|$\)' "$VARIANTS")
fi
# the driver of KEY: itself, or a variant's (experiments/variants.txt)
driver_of() {
  if [ -r "experiments/$1.c" ]; then echo "$1"; return; fi
  awk -v k="$1" '$1 == k { print $2; exit }' "$VARIANTS"
}
mkdir -p "$out" "$B/figures-logs"

# expected overrides of KEY, one per line: a variant's own (experiments/
# variants.txt), then with --quick the driver's smoke-scale ones (quick.txt)
overrides_of() {
  local line drv
  drv=$(driver_of "$1")
  if [ "$drv" != "$1" ]; then
    line=$(awk -v k="$1" '$1 == k { sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]*/, ""); print; exit }' "$VARIANTS")
    [ -z "$line" ] || { eval "local v=($line)"; printf '%s\n' "${v[@]}"; }
  fi
  [ $quick = 1 ] || return 0
  line=$(awk -v k="$drv" '$1 == k { sub(/^[^ \t]+[ \t]*/, ""); print; exit }' experiments/quick.txt)
  [ -n "$line" ] || return 0
  eval "local a=($line)"
  printf '%s\n' "${a[@]}"
}
# a header's overrides, one per line
recorded_overrides() {
  local o
  o=$(sed -n 's/^# overrides: //p' "$1" | head -1)
  [ "$o" = none ] || [ -z "$o" ] && return 0
  eval "local a=($o)"
  printf '%s\n' "${a[@]}"
}
header() { sed -n "s/^# $2: //p" "$1" | head -1; }

core=$(scripts/srchash.sh core)
n_keys=${#keys[@]} n_run=0 est=0 unknown=0
run_keys=() reasons=()
printf '%-20s %-8s %10s  %s\n' figure status recorded why
for k in "${keys[@]}"; do
  d=$(driver_of "$k")
  [ -n "$d" ] && [ -r "experiments/$d.c" ] && [ -r "$EXP/$d.yaml" ] \
    || { echo "figures.sh: no driver or config for '$k' (nor a variant in $EXP/variants.txt)" >&2; exit 2; }
  f=$out/$k.dat why=
  if [ ! -r "$f" ]; then why="no results file"
  elif ! grep -q '^# sources: ' "$f"; then why="no source hashes in its header (written before they were recorded)"
  else
    src=$(header "$f" sources)
    if [ "$(header "$f" config | sed 's/.* sha256=//')" != "$(sha256sum "$EXP/$d.yaml" | cut -c1-64)" ]; then why="config changed"
    elif [ "$(recorded_overrides "$f")" != "$(overrides_of "$k")" ]; then why="run with other overrides ($(header "$f" overrides))"
    elif [ "$(sed -E 's/^[^ ]+ sha256=([0-9a-f]+) .*/\1/' <<<"$src")" != "$(scripts/srchash.sh driver "$d")" ]; then why="driver source changed"
    elif [ "${src##* sha256=}" != "$core" ]; then why="library source (src/) changed"
    elif [ $force = 1 ]; then why="--force"
    fi
  fi
  wall=$( [ -r "$f" ] && header "$f" wall_time_s || true)
  if [ -n "$why" ]; then
    run_keys+=("$k"); reasons+=("$why")
    if [ -n "$wall" ]; then est=$(awk -v a="$est" -v b="$wall" 'BEGIN { print a + b }'); else unknown=$((unknown + 1)); fi
  fi
  printf '%-20s %-8s %10s  %s\n' "$k" "$([ -n "$why" ] && echo stale || echo current)" \
    "$([ -n "$wall" ] && printf '%.0f s' "$wall" || echo '?')" "${why:-config, overrides, driver and src/ hashes match}"
done
n_run=${#run_keys[@]}
scale=$([ $quick = 1 ] && echo "smoke-test scale (experiments/quick.txt)" || echo "the paper's scale")
printf 'figures: %d of %d to run at %s into %s/, estimated %s from the recorded wall times%s\n' \
  "$n_run" "$n_keys" "$scale" "$out" "$(awk -v s="$est" 'BEGIN { printf (s < 120 ? "%.0f s" : "%.1f min"), (s < 120 ? s : s / 60) }')" \
  "$([ $unknown -gt 0 ] && echo " (+ $unknown without a record)")"
[ $dry = 1 ] && exit 0

# plot with the .gp scripts' fixed paths (results/KEY.dat -> results/KEY.png):
# from a folder where results/ is $out
plotdir=$(mktemp -d)
trap 'rm -rf "$plotdir"' EXIT
ln -s "$(cd "$out" && pwd)" "$plotdir/results"
ln -s "$PWD/plots" "$plotdir/plots"

t0=$(date +%s) done_est=0 i=0
for k in "${run_keys[@]}"; do
  i=$((i + 1))
  f=$out/$k.dat log=$B/figures-logs/$k.log
  mapfile -t sets < <(overrides_of "$k")
  args=()
  for s in "${sets[@]}"; do args+=(--set "$s"); done
  rec=$( [ -r "$f" ] && header "$f" wall_time_s || true)
  printf '[%d/%d] %s: running (%s; recorded %s) ...\n' "$i" "$n_run" "$k" "${reasons[$((i - 1))]}" \
    "$([ -n "$rec" ] && printf '%.0f s' "$rec" || echo '?')"
  t1=$(date +%s)
  d=$(driver_of "$k")
  if ! "$B/bin/$d" "$EXP/$d.yaml" "${args[@]}" --output "$f" >"$log" 2>&1; then
    echo "figures: $k failed (log $log):" >&2; tail -5 "$log" >&2; exit 1
  fi
  "$B/bin/check" --verify "$f" >/dev/null
  [ ! -r "plots/$k.gp" ] || (cd "$plotdir" && gnuplot "plots/$k.gp") >>"$log" 2>&1 || { echo "figures: plot of $k failed (log $log)" >&2; tail -5 "$log" >&2; exit 1; }
  now=$(date +%s)
  if [ -n "$rec" ]; then est=$(awk -v a="$est" -v b="$rec" 'BEGIN { print a - b }'); else unknown=$((unknown - 1)); fi
  printf '[%d/%d] %s: done in %d s; %d s elapsed, about %s left%s\n' "$i" "$n_run" "$k" $((now - t1)) $((now - t0)) \
    "$(awk -v s="$est" 'BEGIN { printf (s < 120 ? "%.0f s" : "%.1f min"), (s < 120 ? s : s / 60) }')" \
    "$([ $unknown -gt 0 ] && echo " + $unknown without a record")"
done
if [ $quick = 0 ] && [ "$out" = results ] && [ $n_run -gt 0 ]; then scripts/report.sh; fi
echo "figures: $n_run run, $((n_keys - n_run)) current, in $(( $(date +%s) - t0 )) s"
