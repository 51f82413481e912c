#!/usr/bin/env bash
# run_figure.sh — one figure: its driver on its config, `check --verify` on
# the results, its plot (PNG and PDF beside the data). The one place that
# does it: `make KEY-NAME`, `make plot-KEY-NAME` and the figure graph
# (scripts/figures.mk, `make figures`) call it.
#
#   scripts/run_figure.sh [OPTION]... ID OUTDIR [--set K=V]...
#     --quick        add the figure's smoke-scale overrides (experiments/KEY/quick.txt)
#     --plot-only    only check and draw the results there
#     --want DIR     write the figure's want stamp DIR/ID.txt instead of running
#                    (`check --want`: current or stale, from the header only);
#                    --input ID2 (the stamp DIR/ID2.txt of a figure it reads, in
#                    the same run), --after FILE (results it reads, by date only), --force
#     --job DIR      a run of the figure graph: progress lines, the driver's
#                    output in $BUILD/figures-logs/ID.log, its tail on failure
#
# ID is KEY_NAME: config experiments/KEY/NAME.yaml (its `driver:`, else the
# binary KEY_NAME: `check --driver`), results OUTDIR/ID.dat, plot
# plots/KEY/NAME.gp (drawn from a folder where results/ is OUTDIR, as the
# plot scripts read results/ID.dat). Env: BUILD (build), SL_EXPERIMENTS
# (experiments), SL_LOG (a file for the driver's output instead of the terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
EXP=${SL_EXPERIMENTS:-experiments}
plot_only=0 quick=0 want= job= force=() inputs=()
while [ $# -gt 0 ]; do
  case $1 in
  --plot-only) plot_only=1 ;;
  --quick) quick=1 ;;
  --want) want=$2; shift ;;
  --job) job=$2; shift ;;
  --force) force=(--force) ;;
  --input) inputs+=(--input "$2"); shift ;;
  --after) inputs+=(--after "$2"); shift ;;
  -*) echo "run_figure: unknown option '$1'" >&2; exit 2 ;;
  *) break ;;
  esac
  shift
done
[ $# -ge 2 ] || { echo "usage: scripts/run_figure.sh [--quick] [--plot-only | --want DIR [--force] [--input ID]... | --job DIR] KEY_NAME OUTDIR [--set K=V]..." >&2; exit 2; }
id=$1 out=$2; shift 2
[[ $id =~ ^[a-z0-9]+_[a-z0-9_]+$ ]] || { echo "run_figure: '$id' is not a figure id KEY_NAME" >&2; exit 2; }
key=${id%%_*} name=${id#*_}
cfg=$EXP/$key/$name.yaml
[ -r "$cfg" ] || { echo "run_figure: no config $cfg for figure $id" >&2; exit 2; }
# smoke scale: the lines "NAME OVERRIDE" of quick.txt, each override as it is (nothing evaluated)
sets=("$@")
if [ $quick = 1 ] && [ -r "$EXP/$key/quick.txt" ]; then
  while read -r n o; do [ "$n" != "$name" ] || sets+=(--set "$o"); done < <(grep -v '^[[:space:]]*\(#\|$\)' "$EXP/$key/quick.txt")
fi

if [ -n "$want" ]; then
  args=()
  for s in "${sets[@]}"; do [ "$s" = --set ] || args+=(--set "$s"); done
  for ((i = 0; i < ${#inputs[@]}; i += 2)); do
    if [ "${inputs[i]}" = --input ]; then args+=(--input "$want/${inputs[i+1]}.txt"); else args+=("${inputs[@]:i:2}"); fi
  done
  exec "$B/bin/check" --want "$want/$id.txt" "$out/$id.dat" "$cfg" "$B" "${force[@]}" "${args[@]}"
fi
if [ -n "$job" ]; then
  # one job of `make figures`: a progress line, the run with its output in a log
  log=$B/figures-logs/$id.log
  mkdir -p "$B/figures-logs"
  rec=$([ -r "$out/$id.dat" ] && "$B/bin/check" --field "$out/$id.dat" run_time_s 2>/dev/null || true)
  rec=$([ -n "$rec" ] && printf '%.0f s' "$rec" || echo '?')
  why=$(tail -1 "$job/$id.txt"); why=${why#stale: }
  t=$(date +%s)
  echo "figures: $id: running ($why; recorded $rec) ..."
  if ! (BUILD=$B SL_EXPERIMENTS=$EXP SL_LOG=$log scripts/run_figure.sh $([ $quick = 0 ] || echo --quick) "$id" "$out" "$@" >"$log.run" 2>&1); then
    cat "$log.run" >>"$log"; rm -f "$log.run"
    echo "figures: $id failed (log $log):" >&2; tail -5 "$log" >&2
    exit 1
  fi
  cat "$log.run" >>"$log"; rm -f "$log.run"
  echo "figures: $id: done in $(( $(date +%s) - t )) s; $(( $(date +%s) - ${SL_T0:-$t} )) s elapsed"
  exit 0
fi

mkdir -p "$out"
if [ $plot_only = 0 ]; then
  drv=$("$B/bin/check" --driver "$cfg")
  [ -x "$B/bin/$drv" ] || { echo "run_figure: $cfg names driver $drv: no $B/bin/$drv (make all)" >&2; exit 2; }
  if [ -n "${SL_LOG:-}" ]; then "$B/bin/$drv" "$cfg" "${sets[@]}" --output "$out/$id.dat" >"$SL_LOG" 2>&1
  else "$B/bin/$drv" "$cfg" "${sets[@]}" --output "$out/$id.dat"; fi
fi
"$B/bin/check" --verify "$out/$id.dat"
gp=plots/$key/$name.gp
[ -r "$gp" ] || { echo "run_figure: $id: no plot $gp (data only)"; exit 0; }
if [ "$(cd "$out" && pwd -P)" = "$(pwd -P)/results" ]; then gnuplot "$gp"
else
  # the plot scripts read and write results/ID.*: from a folder where results/ is OUTDIR
  d=$(mktemp -d)
  trap 'rm -rf "$d"' EXIT
  ln -s "$(cd "$out" && pwd)" "$d/results"
  ln -s "$PWD/plots" "$d/plots"
  (cd "$d" && gnuplot "$gp")
fi
[ $plot_only = 1 ] || [ "$out" != results ] ||
  echo "$id: done; 'make report' refreshes the tables of the report (paper/*/report.md)"
[ "$out" = results ] || echo "$id: written to $out/ (not results/: make check, the report and the PDF read only results/)"
