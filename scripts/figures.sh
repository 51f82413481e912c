#!/usr/bin/env bash
# figures.sh — regenerate every figure whose results are not current, with
# a plan, an estimate from the recorded wall times and a progress line each.
#
#   scripts/figures.sh [--quick] [--dry-run] [--force] [--out DIR] [--cores N] [KEY...]
#
# A KEY is a figure KEY_NAME: a config experiments/KEY/NAME.yaml (found by
# name: every config is a figure; a variant is a config of its own whose
# `driver:` names the binary it shares), results OUT/KEY_NAME.dat, plot
# plots/KEY/NAME.gp (scripts/run_figure.sh runs driver, check, plot).
# --force runs the given KEYs even when current.
#
# A results file is current when its header records what would produce it
# now: the config's path and SHA-256, the expected overrides (none; with
# --quick those of experiments/KEY/quick.txt), the driver, and the SHA-256
# over exactly the sources compiled into the driver's binary (the build's
# $BUILD/gen/src/DRIVER.sha, scripts/srchash.sh binary). Headers are read by
# `check --field` / `--overrides` (C; nothing in them is evaluated). File
# times play no part. Results written before the per-paper layout or before
# per-binary source hashes are stale, with that reason.
# --quick: smoke-test scale into results-quick/, so committed results are
# never overwritten by quick runs. Full runs refresh the report's tables at
# the end. A figure whose config reads another's results (afr Figs. 4 and 7
# read afr_fig3.dat) is stale when that one reruns or was written after it
# (header dates), and runs after it.
# Jobs run side by side as long as their threads (a threads= override, the
# config's `threads:`, else OPENBLAS_NUM_THREADS, else 2) fit in --cores
# (default: nproc), longest recorded first (no record: first); a driver's numbers do not depend
# on what runs beside it. The plan shows each job's start in the schedule
# the recorded wall times give. Env: BUILD (build), SL_EXPERIMENTS
# (experiments, where the configs are read; tests point it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
EXP=${SL_EXPERIMENTS:-experiments}
CHECK=$B/bin/check
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
  -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "figures.sh: unknown option '$1'" >&2; exit 2 ;;
  *) keys+=("$1") ;;
  esac
  shift
done
[ -n "$out" ] || { [ $quick = 1 ] && out=results-quick || out=results; }
if [ ${#keys[@]} -eq 0 ]; then
  for c in "$EXP"/*/*.yaml; do k=${c#"$EXP"/}; k=${k%.yaml}; keys+=("${k/\//_}"); done
fi
[ -x "$CHECK" ] || { echo "figures.sh: $CHECK missing (make all)" >&2; exit 2; }
cfg_of() { local k=${1%%_*}; echo "$EXP/$k/${1#*_}.yaml"; }
# the binary of KEY: its config's `driver:`, else KEY itself (check --driver)
declare -A drv_cache
driver_of() {
  [ -n "${drv_cache[$1]+x}" ] || drv_cache[$1]=$("$CHECK" --driver "$(cfg_of "$1")" 2>/dev/null || true)
  echo "${drv_cache[$1]}"
}
mkdir -p "$out" "$B/figures-logs"

# expected overrides of KEY, one per line: with --quick the smoke-scale ones
# of experiments/KEY/quick.txt ("NAME OVERRIDE" lines, taken as they are)
overrides_of() {
  [ $quick = 1 ] || return 0
  local q=$EXP/${1%%_*}/quick.txt n o
  [ -r "$q" ] || return 0
  while read -r n o; do
    [ "$n" = "${1#*_}" ] && printf '%s\n' "$o"
  done < <(grep -v '^[[:space:]]*\(#\|$\)' "$q")
  return 0
}
# a header field of a results file (check --field: parsed in C)
field() { "$CHECK" --field "$1" "$2" 2>/dev/null || true; }

# threads KEY's driver runs with (sl_driver.c): a threads= override, else
# the config's top-level `threads:`, else OPENBLAS_NUM_THREADS, else 2; a
# job takes that many of the --cores (at most all of them)
threads_of() {
  local t= s d
  while read -r s; do case $s in threads=*) t=${s#threads=} ;; esac; done < <(overrides_of "$1")
  [ -n "$t" ] || t=$(sed -n 's/^threads:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$(cfg_of "$1")" | head -1)
  [ -n "$t" ] || t=${OPENBLAS_NUM_THREADS:-2}
  [ "$t" -le "$cores" ] 2>/dev/null || t=$cores
  echo "$t"
}
# the figures whose results KEY's config reads (afr Figs. 4 and 7 read
# afr_fig3's scores): values naming OUT/NAME.dat, NAME a figure, in the
# config's lines but its `output:`, comments stripped
inputs_of() {
  local p n
  sed -e 's/\(^\|[[:space:]]\)#.*//' -e '/^output:/d' "$(cfg_of "$1")" | grep -oE '[A-Za-z0-9_./-]+\.dat' | sort -u |
  while read -r p; do
    n=$(basename "$p" .dat)
    [ "$n" != "$1" ] && [ "$(dirname "$p")" -ef "$out" ] && [ -r "$(cfg_of "$n")" ] && echo "$n"
  done
  return 0
}

n_keys=${#keys[@]} unknown=0
declare -A why wall thr inputs
for k in "${keys[@]}"; do
  c=$(cfg_of "$k")
  [ -r "$c" ] || { echo "figures.sh: no config $c for figure '$k'" >&2; exit 2; }
  d=$(driver_of "$k")
  [ -n "$d" ] && [ -x "$B/bin/$d" ] || { echo "figures.sh: $c: no driver binary (${d:-its driver: key unreadable}; make all)" >&2; exit 2; }
  f=$out/$k.dat w=
  if [ ! -r "$f" ]; then w="no results file"
  else
    cfgline=$(field "$f" config) src=$(field "$f" sources)
    if [ "${cfgline%% *}" != "$c" ]; then w="made from config '${cfgline%% *}', not $c (before the per-paper layout?)"
    elif [ "${cfgline##* sha256=}" != "$(sha256sum "$c" | cut -c1-64)" ]; then w="config changed"
    elif ! rec=$("$CHECK" --overrides "$f" 2>&1 | tr '\0' '\n'); then w="unreadable overrides: $rec"
    elif [ "$rec" != "$(overrides_of "$k")" ]; then w="run with other overrides ($(field "$f" overrides))"
    elif [[ ! $src =~ ^binary\ ([a-z0-9_]+)\ sha256=([0-9a-f]{64})$ ]]; then
      w="no per-binary source hash in its header (made before they were recorded: one hash over all of src/)"
    elif [ "${BASH_REMATCH[1]}" != "$d" ]; then w="made by driver ${BASH_REMATCH[1]}, the config now names $d"
    elif [ "${BASH_REMATCH[2]}" != "$(cat "$B/gen/src/$d.sha" 2>/dev/null)" ]; then w="the sources compiled into $d changed"
    elif [ $force = 1 ]; then w="--force"
    fi
  fi
  why[$k]=$w
  wall[$k]=$( [ -r "$f" ] && field "$f" wall_time_s || true)
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
      elif [ -r "$out/$i.dat" ] && [[ "$(field "$out/$i.dat" date)" > "$(field "$out/$k.dat" date)" ]]; then
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
    "$([ -n "${why[$k]}" ] && printf '+%.0f s' "${start_at[$k]}" || echo -)" "${why[$k]:-config, overrides and sources match}"
done
scale=$([ $quick = 1 ] && echo "smoke-test scale (experiments/*/quick.txt)" || echo "the paper's scale")
printf 'figures: %d of %d to run at %s into %s/ on %d cores, estimated %s from the recorded wall times (%s one after another)%s\n' \
  "$n_run" "$n_keys" "$scale" "$out" "$cores" "$(fmt_s "$makespan")" "$(fmt_s "$est")" \
  "$([ $unknown -gt 0 ] && echo " (+ $unknown without a record)")"
[ $dry = 1 ] && exit 0

# one figure: scripts/run_figure.sh (driver, `check --verify`, plot); the log in $B/figures-logs/KEY.log
run_one() {
  local k=$1 log=$B/figures-logs/$1.log s args=()
  while read -r s; do [ -z "$s" ] || args+=(--set "$s"); done < <(overrides_of "$k")
  SL_LOG=$log SL_EXPERIMENTS=$EXP scripts/run_figure.sh "$k" "$out" "${args[@]}" >>"$log.run" 2>&1 ||
    { cat "$log.run" >>"$log"; rm -f "$log.run"; echo "failed" >>"$log"; return 1; }
  cat "$log.run" >>"$log"; rm -f "$log.run"
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
