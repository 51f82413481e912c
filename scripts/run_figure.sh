#!/usr/bin/env bash
# run_figure.sh — one figure: its driver on its config, `check --verify` on
# the results, its plot (PNG and PDF beside the data). The one place that
# does it: `make KEY-NAME`, `make plot-KEY-NAME` and scripts/figures.sh call it.
#
#   scripts/run_figure.sh [--plot-only] ID OUTDIR [--set K=V]...
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
plot_only=0
[ "${1:-}" != --plot-only ] || { plot_only=1; shift; }
[ $# -ge 2 ] || { echo "usage: scripts/run_figure.sh [--plot-only] KEY_NAME OUTDIR [--set K=V]..." >&2; exit 2; }
id=$1 out=$2; shift 2
[[ $id =~ ^[a-z0-9]+_[a-z0-9_]+$ ]] || { echo "run_figure: '$id' is not a figure id KEY_NAME" >&2; exit 2; }
key=${id%%_*} name=${id#*_}
cfg=$EXP/$key/$name.yaml
[ -r "$cfg" ] || { echo "run_figure: no config $cfg for figure $id" >&2; exit 2; }
mkdir -p "$out"
if [ $plot_only = 0 ]; then
  drv=$("$B/bin/check" --driver "$cfg")
  [ -x "$B/bin/$drv" ] || { echo "run_figure: $cfg names driver $drv: no $B/bin/$drv (make all)" >&2; exit 2; }
  if [ -n "${SL_LOG:-}" ]; then "$B/bin/$drv" "$cfg" "$@" --output "$out/$id.dat" >"$SL_LOG" 2>&1
  else "$B/bin/$drv" "$cfg" "$@" --output "$out/$id.dat"; fi
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
