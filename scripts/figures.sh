#!/usr/bin/env bash
# figures.sh — `make figures`: regenerate every figure whose results are not
# current, through the figure graph scripts/figures.mk (make -j), with a
# plan and an estimate from the recorded wall times first.
#
#   scripts/figures.sh [--quick] [--dry-run] [--force] [--out DIR] [--cores N] [KEY...]
#
# A KEY is a figure KEY_NAME: a config experiments/KEY/NAME.yaml (every
# config is a figure; a variant names the binary it shares with `driver:`),
# results OUT/KEY_NAME.dat, plot plots/KEY/NAME.gp (scripts/run_figure.sh
# runs driver, check, plot). --force reruns the given KEYs even when current.
#
# Staleness is decided from results headers only (file times play no part):
# `check --want` (src/report/sl_want.h) compares the header with the config's
# path and SHA-256, the expected overrides (none; with --quick those of
# experiments/KEY/quick.txt), the driver and the SHA-256 over exactly the
# sources compiled into it ($BUILD/gen/src/DRIVER.sha), and writes a stamp
# $BUILD/want/OUT/KEY.txt dated so that make reruns exactly the stale ones.
# A figure whose config reads another's results (afr Figs. 4 and 7 read
# afr_fig3.dat) runs after it when both are asked for and is stale when that
# one is, or was written (header dates) after it; figures reading each other
# are refused.
# Threads: a job's threads are a threads= override, the config's `threads:`,
# else OPENBLAS_NUM_THREADS, else 2 (as sl_driver.c). make counts jobs, not
# threads, so the stale figures run in passes by thread count, most first,
# each pass `make -j (cores / threads)`: never more threads than --cores
# (default nproc). Within a pass, longest recorded first. The plan shows each
# job's start in the schedule the recorded wall times give.
# --dry-run: the plan only (the run list is `make -n`'s). --touch FILE
# (repeatable; with --dry-run only): the plan as if FILE had changed, the
# cost of an edit before it is made: the figures whose drivers compile FILE
# ($BUILD/gen/src/DRIVER.list) are stale, and those reading their results. Full runs into
# results/ refresh the report's tables at the end, and are refused while
# tracked files outside results/ and paper/ differ from HEAD (SL_ALLOW_DIRTY=1
# overrides; the headers then say -dirty). Env: BUILD (build),
# SL_EXPERIMENTS (experiments, where the configs are read; tests point it elsewhere).
# A run of every figure at full scale leaves OUT/figures-run.txt: its wall
# time, cores, and the CPU seconds the rest of the machine used meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
EXP=${SL_EXPERIMENTS:-experiments}
CHECK=$B/bin/check
. scripts/provenance.sh   # prov_commit, prov_machine: as results/bench.txt
quick=0 dry=0 force=0 out= cores=$(nproc)
keys=() touch=()
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --dry-run) dry=1 ;;
  --force) force=1 ;;
  --out) out=$2; shift ;;
  --touch) [ $# -ge 2 ] || { echo "figures.sh: --touch needs a file" >&2; exit 2; }
    f=$(realpath -m --relative-to=. "$2")
    [ -f "$f" ] || { echo "figures.sh: --touch $2: no such file" >&2; exit 2; }
    touch+=("$f"); shift ;;
  --cores) cores=$2; shift
    [[ $cores =~ ^[1-9][0-9]*$ ]] || { echo "figures.sh: --cores needs a positive integer, got '$cores'" >&2; exit 2; } ;;
  -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "figures.sh: unknown option '$1'" >&2; exit 2 ;;
  *) keys+=("$1") ;;
  esac
  shift
done
[ ${#touch[@]} -eq 0 ] || [ $dry = 1 ] || { echo "figures.sh: --touch plans only (with --dry-run)" >&2; exit 2; }
[ -n "$out" ] || { [ $quick = 1 ] && out=results-quick || out=results; }
cfgs=("$EXP"/*/*.yaml)   # every config is a figure
if [ ${#keys[@]} -eq 0 ]; then
  for c in "${cfgs[@]}"; do k=${c#"$EXP"/}; k=${k%.yaml}; keys+=("${k/\//_}"); done
fi
[ -x "$CHECK" ] || { echo "figures.sh: $CHECK missing (make all)" >&2; exit 2; }
cfg_of() { local k=${1%%_*}; echo "$EXP/$k/${1#*_}.yaml"; }
mkdir -p "$out"
# the stamps of OUT: one folder per results folder
r=$(realpath -m --relative-to=. "$out"); [[ $r != ../* ]] || r=$(realpath -m "$out")
W=$B/want/$(tr '/' '_' <<<"${r#/}")
mkdir -p "$W"

# threads KEY's driver runs with (sl_driver.c): a threads= override, else the
# config's top-level `threads:`, else OPENBLAS_NUM_THREADS, else 2; at most --cores
threads_of() {
  local t= n o
  if [ $quick = 1 ] && [ -r "$EXP/${1%%_*}/quick.txt" ]; then
    while read -r n o; do [ "$n" = "${1#*_}" ] && [[ $o == threads=* ]] && t=${o#threads=}; done <"$EXP/${1%%_*}/quick.txt"
  fi
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

# the graph: the given figures; an input among them is an edge (it runs
# first), one outside is compared by its header date only
declare -A inputs sel driver
for k in "${keys[@]}"; do sel[$k]=1; done
all=("${keys[@]}")
for k in "${keys[@]}"; do
  c=$(cfg_of "$k")
  [ -r "$c" ] || { echo "figures.sh: no config $c for figure '$k'" >&2; exit 2; }
  d=$("$CHECK" --driver "$c" 2>/dev/null || true)
  [ -n "$d" ] && [ -x "$B/bin/$d" ] || { echo "figures.sh: $c: no driver binary (${d:-its driver: key unreadable}; make all)" >&2; exit 2; }
  inputs[$k]=$(inputs_of "$k" | tr '\n' ' ')
  driver[$k]=$d
done
# --touch: the figures whose drivers compile a touched file, forced below
declare -A touched_by
forced=()
for k in "${keys[@]}"; do
  for f in ${touch[@]+"${touch[@]}"}; do
    l=$B/gen/src/${driver[$k]}.list
    [ -r "$l" ] || { echo "figures.sh: $l missing (make all)" >&2; exit 2; }
    if grep -qxF -- "$f" "$l"; then touched_by[$k]=$f; forced+=("$k"); break; fi
  done
done
edges=$(for k in "${all[@]}"; do echo "$k $k"; for i in ${inputs[$k]}; do [ -z "${sel[$i]+x}" ] || echo "$i $k"; done; done)
if ! tsort <<<"$edges" >/dev/null 2>&1; then
  echo "figures: figures whose inputs never become ready (they read each other): $(for k in "${all[@]}"; do [ -z "${inputs[$k]}" ] || printf '%s ' "$k"; done)" >&2
  exit 1
fi
{
  echo "# generated by scripts/figures.sh: the figures and what each reads"
  echo "FIGS := ${all[*]}"
  for k in "${all[@]}"; do for i in ${inputs[$k]}; do
    if [ -n "${sel[$i]+x}" ]; then
      echo "\$(W)/$k.txt: \$(W)/$i.txt"
      echo "\$(OUT)/$k.dat: | \$(OUT)/$i.dat"
    else echo "\$(W)/$k.txt: AFTER += --after \$(OUT)/$i.dat"; fi
  done; done
} >"$W/graph.mk"
mk=(env -u MAKEFLAGS -u MFLAGS make --no-print-directory -s -f scripts/figures.mk W="$W" OUT="$out" B="$B" EXP="$EXP" $([ $quick = 0 ] || echo QUICK=1))

# every stamp, in graph order (check --want: the header decides)
"${mk[@]}" PHASE=want $([ $force = 0 ] || echo FORCE_ALL=1) ${forced[@]+FORCE_FIGS="${forced[*]}"} wants
declare -A why wall thr run
for k in "${all[@]}"; do
  w=$(tail -1 "$W/$k.txt"); [ "$w" = current ] && why[$k]= || why[$k]=${w#stale: }
  [ -z "${touched_by[$k]+x}" ] || why[$k]="--touch: its driver compiles ${touched_by[$k]}"
  wall[$k]=$([ -r "$out/$k.dat" ] && "$CHECK" --field "$out/$k.dat" run_time_s 2>/dev/null || true)
  thr[$k]=$(threads_of "$k")
done
# what make would run: `make -n` over the given figures (their stale inputs come with them)
targets=(); for k in "${keys[@]}"; do targets+=("$out/$k.dat"); done
plan=$("${mk[@]}" -n "${targets[@]}") || { echo "figures.sh: make -n failed" >&2; exit 2; }
while read -r k; do [ -z "$k" ] || run[$k]=1; done < <(sed -n "s|.* --job $W \([a-z0-9_]*\) .*|\1|p" <<<"$plan")
# the passes: thread counts, most first; in each, longest recorded first (no
# record: first), a figure after the figures it reads (they join its pass)
declare -A pass_of
order=()
emit() { # KEY PASS
  local i
  [ -z "${pass_of[$1]+x}" ] || return 0
  pass_of[$1]=$2
  for i in ${inputs[$1]}; do [ -z "${run[$i]+x}" ] || emit "$i" "$2"; done
  order+=("$1")
}
while read -r t _ _ k; do emit "$k" "$t"; done < <(
  i=0; for k in "${all[@]}"; do [ -z "${run[$k]+x}" ] || printf '%s %s %d %s\n' "${thr[$k]}" "${wall[$k]:-1e99}" $((i++)) "$k"; done |
  sort -k1,1nr -k2,2gr -k3,3n)
n_run=${#order[@]} n_keys=${#keys[@]}

# the schedule the recorded wall times give (unknown: 0): per pass, each job on
# the slot free first, after the figures it reads; a pass starts when the last ends
declare -A start_at end_at
t_pass=0 makespan=0 pt=
for k in "${order[@]}"; do
  if [ "${pass_of[$k]}" != "$pt" ]; then
    pt=${pass_of[$k]} t_pass=$makespan slots=()
    for ((s = 0; s < cores / pt; s++)); do slots+=("$t_pass"); done
  fi
  best=0
  for s in "${!slots[@]}"; do awk -v a="${slots[$s]}" -v b="${slots[$best]}" 'BEGIN { exit !(a < b) }' && best=$s; done
  st=${slots[$best]}
  for i in ${inputs[$k]}; do [ -z "${end_at[$i]+x}" ] || st=$(awk -v a="$st" -v b="${end_at[$i]}" 'BEGIN { print (a > b ? a : b) }'); done
  start_at[$k]=$st end_at[$k]=$(awk -v a="$st" -v b="${wall[$k]:-0}" 'BEGIN { print a + b }')
  slots[$best]=${end_at[$k]}
  makespan=$(awk -v a="$makespan" -v b="${end_at[$k]}" 'BEGIN { print (a > b ? a : b) }')
done
fmt_s() { awk -v s="$1" 'BEGIN { if (s < 0.5) s = 0; printf (s < 120 ? "%.0f s" : "%.1f min"), (s < 120 ? s : s / 60) }'; }

est=0 unknown=0
printf '%-20s %-8s %10s %7s %9s  %s\n' figure status recorded threads starts why
for k in "${keys[@]}" $(for k in "${!run[@]}"; do [[ " ${keys[*]} " == *" $k "* ]] || echo "$k"; done); do
  w=${wall[$k]} r=${run[$k]+x}
  if [ -n "$r" ]; then
    if [ -n "$w" ]; then est=$(awk -v a="$est" -v b="$w" 'BEGIN { print a + b }'); else unknown=$((unknown + 1)); fi
  fi
  printf '%-20s %-8s %10s %7s %9s  %s\n' "$k" "$([ -n "$r" ] && echo stale || echo current)" \
    "$([ -n "$w" ] && printf '%.0f s' "$w" || echo '?')" "${thr[$k]}" \
    "$([ -n "$r" ] && printf '+%.0f s' "${start_at[$k]}" || echo -)" "${why[$k]:-config, overrides, sources and inputs match}"
done
scale=$([ $quick = 1 ] && echo "smoke-test scale (experiments/*/quick.txt)" || echo "the paper's scale")
printf 'figures: %d of %d to run at %s into %s/ on %d cores, estimated %s from the recorded wall times (%s one after another)%s\n' \
  "$n_run" "$n_keys" "$scale" "$out" "$cores" "$(fmt_s "$makespan")" "$(fmt_s "$est")" \
  "$([ $unknown -gt 0 ] && echo " (+ $unknown without a record)")"
[ $dry = 1 ] && exit 0

# the declared figures' results come from committed code only: a header says
# "-dirty" when tracked files outside results/ and paper/ differ from HEAD
# (sl_results.c), and such a run cannot be repeated from any commit
if [ $quick = 0 ] && [ "$out" -ef results ] && [ $n_run -gt 0 ] && [ -z "${SL_COMMIT:-}" ]; then
  scripts/dirty.sh --refuse figures results/ \
    "commit them first; or run into a scratch folder (SET=... or --out DIR); SL_ALLOW_DIRTY=1 overrides (headers then say -dirty)" || exit 2
fi

# the run: one `make -j` per pass
export SL_T0=$(date +%s)
t0=$SL_T0 i=0
# what the rest of the machine did meanwhile: the machine's busy CPU time
# (/proc/stat) over the run, less this run's own (its children's, `times`)
# (user, nice, system, irq, softirq; steal, the hypervisor's, apart)
busy() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8; exit}' /proc/stat; }
steal() { awk '$1 == "cpu" {print $9; exit}' /proc/stat; }
busy0=$(busy) steal0=$(steal) load0=$(cut -d' ' -f1 /proc/loadavg) date0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
while [ $i -lt $n_run ]; do
  t=${pass_of[${order[$i]}]} targets=()
  while [ $i -lt $n_run ] && [ "${pass_of[${order[$i]}]}" = "$t" ]; do targets+=("$out/${order[$i]}.dat"); i=$((i + 1)); done
  if ! "${mk[@]}" -j $((cores / t)) "${targets[@]}"; then
    echo "figures: stopped after a failure; figures not run: $(for k in "${order[@]}"; do [ "$out/$k.dat" -nt "$W/$k.txt" ] || printf '%s ' "$k"; done)" >&2
    exit 1
  fi
done
wall=$(( $(date +%s) - t0 ))
# a run of every figure at the paper's scale is recorded as one
# (OUT/figures-run.txt, a provenance header only; the README's timing of
# `make figures FORCE=1` reads it): its wall time, and the CPU seconds the
# rest of the machine used meanwhile (0 on an idle machine)
if [ $quick = 0 ] && [ $n_run -eq ${#cfgs[@]} ]; then
  rec=$(mktemp "$out/figures-run.txt.XXXXXX")
  times >"$rec"   # in this shell (a $(...) subshell has no children): its children's user and system time last
  hz=$(getconf CLK_TCK) own=$(tail -1 "$rec" | awk '{
    s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += 60 * a[1] + a[2] } print s }')
  {
    echo "# make figures: one run of every figure at the paper's scale into $out/ (scripts/figures.sh)"
    echo "# commit: $(prov_commit)"
    echo "# date: $date0"
    echo "# wall_time_s: $wall"
    echo "# figures: $n_run"
    echo "# cores: $cores"
    echo "# machine: $(prov_machine)"
    echo "# openblas_coretype: ${OPENBLAS_CORETYPE:-unset}"
    echo "# load_at_start: $load0"
    echo "# cpu_s_run: $own"
    echo "# cpu_s_other: $(awk -v b0="$busy0" -v b1="$(busy)" -v hz="$hz" -v own="$own" 'BEGIN {
      o = (b1 - b0) / hz - own; printf "%.0f", o < 0 ? 0 : o }')"
    echo "# cpu_s_steal: $(awk -v a="$steal0" -v b="$(steal)" -v hz="$hz" 'BEGIN {printf "%.0f", (b - a) / hz}')"
  } >"$rec"
  chmod 644 "$rec"; mv -f "$rec" "$out/figures-run.txt"
fi
if [ $quick = 0 ] && [ "$out" = results ] && [ $n_run -gt 0 ]; then scripts/report.sh; fi
echo "figures: $n_run run, $((n_keys - n_run)) current, in $wall s"
