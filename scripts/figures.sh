#!/usr/bin/env bash
# figures.sh — regenerate every figure whose results are not current, with
# a plan, an estimate from the recorded wall times and a progress line each.
#
#   scripts/figures.sh [--quick] [--dry-run] [--force] [--out DIR] [--cores N] [KEY...]
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
# report's tables at the end. A figure whose config reads another's results
# (afr Figs. 4 and 7 read afr_fig3.dat) is stale when that one reruns or was
# written after it (header dates), and runs after it.
# Jobs run side by side as long as their threads (a threads= override, the
# config's `threads:`, else OPENBLAS_NUM_THREADS, else 2) fit in --cores
# (default: nproc), longest recorded first (no record: first); a driver's numbers do not depend
# on what runs beside it. The plan shows each job's start in the schedule
# the recorded wall times give. Env: BUILD (build), SL_EXPERIMENTS
# (experiments, where the configs are read; tests point it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/header.sh   # header FILE FIELD, recorded_overrides FILE
B=${BUILD:-build}
EXP=${SL_EXPERIMENTS:-experiments}
VARIANTS=$EXP/variants.txt
[ -r "$VARIANTS" ] || VARIANTS=/dev/null
quick=0 dry=0 force=0 out= cores=$(nproc)
keys=()
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --dry-run) dry=1 ;;
  --force) force=1 ;;
  --out) out=$2; shift ;;
  --cores) cores=$2; shift
    [[ $cores =~ ^[1-9][0-9]*$ ]] || { echo "figures.sh: --cores needs a positive integer, got '$cores'" >&2; exit 2; } ;;
  -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

# threads KEY's driver runs with (sl_driver.c): a threads= override, else
# the config's top-level `threads:`, else OPENBLAS_NUM_THREADS, else 2; a
# job takes that many of the --cores (at most all of them)
threads_of() {
  local t= s d
  while read -r s; do case $s in threads=*) t=${s#threads=} ;; esac; done < <(overrides_of "$1")
  d=$(driver_of "$1")
  [ -n "$t" ] || t=$(sed -n 's/^threads:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$EXP/$d.yaml" | head -1)
  [ -n "$t" ] || t=${OPENBLAS_NUM_THREADS:-2}
  [ "$t" -le "$cores" ] 2>/dev/null || t=$cores
  echo "$t"
}
# the figures whose results KEY's config reads (afr Figs. 4 and 7 read
# afr_fig3's scores): values naming OUT/NAME.dat, NAME a figure, in the
# config's lines but its `output:`, comments stripped
inputs_of() {
  local d p n
  d=$(driver_of "$1")
  sed -e 's/\(^\|[[:space:]]\)#.*//' -e '/^output:/d' "$EXP/$d.yaml" | grep -oE '[A-Za-z0-9_./-]+\.dat' | sort -u |
  while read -r p; do
    n=$(basename "$p" .dat)
    [ "$n" != "$1" ] && [ "$(dirname "$p")" -ef "$out" ] && [ -n "$(driver_of "$n")" ] && echo "$n"
  done
  return 0
}

core=$(scripts/srchash.sh core)
n_keys=${#keys[@]} unknown=0
declare -A why wall thr inputs
for k in "${keys[@]}"; do
  d=$(driver_of "$k")
  [ -n "$d" ] && [ -r "experiments/$d.c" ] && [ -r "$EXP/$d.yaml" ] \
    || { echo "figures.sh: no driver or config for '$k' (nor a variant in $EXP/variants.txt)" >&2; exit 2; }
  f=$out/$k.dat w=
  if [ ! -r "$f" ]; then w="no results file"
  elif ! grep -q '^# sources: ' "$f"; then w="no source hashes in its header (written before they were recorded)"
  else
    src=$(header "$f" sources)
    if [ "$(header "$f" config | sed 's/.* sha256=//')" != "$(sha256sum "$EXP/$d.yaml" | cut -c1-64)" ]; then w="config changed"
    elif [ "$(recorded_overrides "$f")" != "$(overrides_of "$k")" ]; then w="run with other overrides ($(header "$f" overrides))"
    elif [ "$(sed -E 's/^[^ ]+ sha256=([0-9a-f]+) .*/\1/' <<<"$src")" != "$(scripts/srchash.sh driver "$d")" ]; then w="driver source changed"
    elif [ "${src##* sha256=}" != "$core" ]; then w="library source (src/) changed"
    elif [ $force = 1 ]; then w="--force"
    fi
  fi
  why[$k]=$w
  wall[$k]=$( [ -r "$f" ] && header "$f" wall_time_s || true)
  thr[$k]=$(threads_of "$k")
  inputs[$k]=$(inputs_of "$k" | tr '\n' ' ')
done
# a figure that reads another's results is stale when that one reruns, or
# was written (header date, not file time) after it; until nothing changes
changed=1
while [ $changed = 1 ]; do
  changed=0
  for k in "${keys[@]}"; do
    [ -z "${why[$k]}" ] || continue
    for i in ${inputs[$k]}; do
      if [ -n "${why[$i]+x}" ] && [ -n "${why[$i]}" ]; then why[$k]="its input $i reruns"
      elif [ -r "$out/$i.dat" ] && [[ "$(header "$out/$i.dat" date)" > "$(header "$out/$k.dat" date)" ]]; then
        why[$k]="its input $i was written after it"
      fi
      [ -z "${why[$k]}" ] || { changed=1; break; }
    done
  done
done

# the run: longest recorded first (no record: first), each job started as soon as its threads
# fit in the free cores and the figures it reads (in this run) are done
run_keys=()
while read -r _ k; do run_keys+=("$k"); done < <(
  i=0; for k in "${keys[@]}"; do [ -z "${why[$k]}" ] || printf '%s %d %s\n' "${wall[$k]:-1e99}" $((i++)) "$k"; done |
  sort -k1,1gr -k2,2n | awk '{ print $2, $3 }')
n_run=${#run_keys[@]}
declare -A state  # pending, running, done, failed
for k in "${run_keys[@]}"; do state[$k]=pending; done
# next <free cores>: the first pending job that can start now, into $next
next() {
  local k i ok
  next=
  for k in "${run_keys[@]}"; do
    [ "${state[$k]}" = pending ] && [ "${thr[$k]}" -le "$1" ] || continue
    ok=1
    for i in ${inputs[$k]}; do [ "${state[$i]:-done}" = done ] || { ok=0; break; }; done
    [ $ok = 1 ] && { next=$k; return; }
  done
}
# the schedule from the recorded wall times (unknown: 0): start offsets, makespan
declare -A start_at
simulate() {
  local free=$cores t=0 k
  local -A endt=()
  while :; do
    while next "$free"; [ -n "$next" ]; do
      state[$next]=running; start_at[$next]=$t; free=$((free - thr[$next]))
      endt[$next]=$(awk -v a="$t" -v b="${wall[$next]:-0}" 'BEGIN { print a + b }')
    done
    [ ${#endt[@]} -gt 0 ] || break
    k=$(for j in "${!endt[@]}"; do echo "${endt[$j]} $j"; done | sort -g | head -1)
    t=${k%% *} k=${k#* }
    unset "endt[$k]"; state[$k]=done; free=$((free + thr[$k]))
  done
  makespan=$t
  for k in "${run_keys[@]}"; do state[$k]=pending; done
}
simulate
fmt_s() { awk -v s="$1" 'BEGIN { if (s < 0.5) s = 0; printf (s < 120 ? "%.0f s" : "%.1f min"), (s < 120 ? s : s / 60) }'; }  # sums of recorded times: no "-0 s"

est=0
printf '%-20s %-8s %10s %7s %9s  %s\n' figure status recorded threads starts why
for k in "${keys[@]}"; do
  w=${wall[$k]}
  if [ -n "${why[$k]}" ]; then
    if [ -n "$w" ]; then est=$(awk -v a="$est" -v b="$w" 'BEGIN { print a + b }'); else unknown=$((unknown + 1)); fi
  fi
  printf '%-20s %-8s %10s %7s %9s  %s\n' "$k" "$([ -n "${why[$k]}" ] && echo stale || echo current)" \
    "$([ -n "$w" ] && printf '%.0f s' "$w" || echo '?')" "${thr[$k]}" \
    "$([ -n "${why[$k]}" ] && printf '+%.0f s' "${start_at[$k]}" || echo -)" "${why[$k]:-config, overrides, driver and src/ hashes match}"
done
scale=$([ $quick = 1 ] && echo "smoke-test scale (experiments/quick.txt)" || echo "the paper's scale")
printf 'figures: %d of %d to run at %s into %s/ on %d cores, estimated %s from the recorded wall times (%s one after another)%s\n' \
  "$n_run" "$n_keys" "$scale" "$out" "$cores" "$(fmt_s "$makespan")" "$(fmt_s "$est")" \
  "$([ $unknown -gt 0 ] && echo " (+ $unknown without a record)")"
[ $dry = 1 ] && exit 0

# plot with the .gp scripts' fixed paths (results/KEY.dat -> results/KEY.png):
# from a folder where results/ is $out
plotdir=$(mktemp -d)
trap 'rm -rf "$plotdir"' EXIT
ln -s "$(cd "$out" && pwd)" "$plotdir/results"
ln -s "$PWD/plots" "$plotdir/plots"

# one figure: driver, `check --verify`, plot; the log in $B/figures-logs/KEY.log
run_one() {
  local k=$1 d f=$out/$1.dat log=$B/figures-logs/$1.log s args=()
  while read -r s; do [ -z "$s" ] || args+=(--set "$s"); done < <(overrides_of "$k")
  d=$(driver_of "$k")
  "$B/bin/$d" "$EXP/$d.yaml" "${args[@]}" --output "$f" >"$log" 2>&1 || { echo "driver failed" >>"$log"; return 1; }
  "$B/bin/check" --verify "$f" >>"$log" 2>&1 || return 1
  [ ! -r "plots/$k.gp" ] || (cd "$plotdir" && gnuplot "plots/$k.gp") >>"$log" 2>&1 || { echo "plot failed" >>"$log"; return 1; }
}

t0=$(date +%s) i=0 free=$cores failed=0 left=$est
declare -A pid_key=() t_start=() num=()
while :; do
  while [ $failed = 0 ] && next "$free" && [ -n "$next" ]; do
    k=$next i=$((i + 1))
    printf '[%d/%d] %s: running (%s; recorded %s; %d thread(s)) ...\n' "$i" "$n_run" "$k" "${why[$k]}" \
      "$([ -n "${wall[$k]}" ] && printf '%.0f s' "${wall[$k]}" || echo '?')" "${thr[$k]}"
    state[$k]=running free=$((free - thr[$k])) t_start[$k]=$(date +%s)
    run_one "$k" &
    pid_key[$!]=$k
    num[$k]=$i
  done
  [ ${#pid_key[@]} -gt 0 ] || break
  rc=0
  wait -n -p pid "${!pid_key[@]}" || rc=$?
  k=${pid_key[$pid]}
  unset "pid_key[$pid]"
  free=$((free + thr[$k])) now=$(date +%s)
  if [ $rc != 0 ]; then
    state[$k]=failed failed=1
    echo "figures: $k failed (log $B/figures-logs/$k.log):" >&2; tail -5 "$B/figures-logs/$k.log" >&2
    continue
  fi
  state[$k]=done
  if [ -n "${wall[$k]}" ]; then left=$(awk -v a="$left" -v b="${wall[$k]}" 'BEGIN { print a - b }'); else unknown=$((unknown - 1)); fi
  printf '[%d/%d] %s: done in %d s; %d s elapsed; recorded time of the figures not yet done: %s%s\n' "${num[$k]}" "$n_run" "$k" \
    $((now - t_start[$k])) $((now - t0)) "$(fmt_s "$left")" "$([ $unknown -gt 0 ] && echo " + $unknown without a record")"
done
# pending jobs left: a failure stopped the run, or inputs that read each other (a cycle) never became ready
pending=$(for k in "${run_keys[@]}"; do [ "${state[$k]}" != pending ] || printf '%s ' "$k"; done)
[ $failed = 0 ] || { echo "figures: stopped after a failure; figures not run: $pending" >&2; exit 1; }
[ -z "$pending" ] || { echo "figures: figures whose inputs never became ready (they read each other?): $pending" >&2; exit 1; }
if [ $quick = 0 ] && [ "$out" = results ] && [ $n_run -gt 0 ]; then scripts/report.sh; fi
echo "figures: $n_run run, $((n_keys - n_run)) current, in $(( $(date +%s) - t0 )) s"
