#!/usr/bin/env bash
# scripts/cluster.sh — run a sweep figure on Slurm: an array job of TASKS
# slices and a merge-and-plot job that starts when all of them succeeded.
#
#   scripts/cluster.sh submit KEY     (make cluster-KEY)
#   scripts/cluster.sh status KEY     (make cluster-status-KEY)
#
# KEY is the figure (erg_fig3: experiments/erg/fig3.yaml; its driver from the config). Settings, from the environment (the make
# targets pass their variables through):
#   TASKS=8            number of slices (the array is 0..TASKS-1)
#   SLURM_OPTS=""      extra sbatch options for both jobs, e.g.
#                      "--partition=short --time=1:00:00 --account=proj42 --mem=4G"
#   CPUS=1             CPUs per slice (--cpus-per-task; BLAS threads of the slice)
#   SETUP=""           shell lines run first in each job, e.g. "module load gsl openblas"
#   SLICES=""          resubmit only these slices (e.g. 3,5) of the last submission,
#                      with its driver snapshot, plus a new merge job
#   DRY_RUN=1          print the slice plan, the sbatch scripts and commands; submit nothing
#   CONFIG=experiments/K/NAME.yaml (KEY = K_NAME)   OUTPUT=results/KEY.dat
#   CLUSTER_DIR=BUILD/cluster     work directory (partials, logs, snapshot) is CLUSTER_DIR/KEY;
#                      it must be on a file system the compute nodes share
#   PLOT=1             the merge job draws plots/K/NAME.gp (if gnuplot is there)
#   BUILD=build
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
cmd=${1:-}; KEY=${2:-}
die() { echo "cluster: $*" >&2; exit 1; }
[ -n "$cmd" ] && [ -n "$KEY" ] || die "usage: scripts/cluster.sh submit|status KEY (e.g. erg_fig3)"
BUILD=${BUILD:-build}
CONFIG=${CONFIG:-experiments/${KEY%%_*}/${KEY#*_}.yaml}
PLOTGP=plots/${KEY%%_*}/${KEY#*_}.gp
OUTPUT=${OUTPUT:-results/$KEY.dat}
CLUSTER_DIR=${CLUSTER_DIR:-$BUILD/cluster}
case $CLUSTER_DIR in /*) ;; *) CLUSTER_DIR=$ROOT/$CLUSTER_DIR ;; esac
WORK=$CLUSTER_DIR/$KEY
SLURM_OPTS=${SLURM_OPTS:-}
CPUS=${CPUS:-1}
SETUP=${SETUP:-}
SLICES=${SLICES:-}
DRY_RUN=${DRY_RUN:-}
PLOT=${PLOT:-1}
[ "$DRY_RUN" = 0 ] && DRY_RUN=

# The commit label every job stamps into its provenance: taken once, here,
# by the library that stamps it (check --commit: sl_prov_commit), so slices
# and merge agree.
commit_label() { "$BUILD/bin/check" --commit; }

# Queued jobs among the given ids (array elements included).
queued() { [ $# -gt 0 ] && command -v squeue >/dev/null && squeue -h -r -j "$(IFS=,; echo "$*")" -o '%i %T %r' 2>/dev/null || true; }

fill() { # template → stdout, placeholders replaced
  local t
  t=$(<"$1")
  t=${t//@KEY@/"$KEY"}; t=${t//@DRIVER@/"$DRIVER"}; t=${t//@ARRAY@/"$ARRAY"}; t=${t//@CPUS@/"$CPUS"}; t=${t//@WORK@/"$WORK"}
  t=${t//@ROOT@/"$ROOT"}; t=${t//@TASKS@/"$TASKS"}; t=${t//@SETUP@/"$SETUP"}; t=${t//@COMMIT@/"$COMMIT"}
  t=${t//@CONFIG@/"$CONFIG"}; t=${t//@OUTPUT@/"$OUTPUT"}; t=${t//@PLOT@/"$PLOTLINE"}
  printf '%s\n' "$t"
}

submit() {
  [ -f "$CONFIG" ] || die "no config $CONFIG (KEY is a figure: experiments/K/NAME.yaml is K_NAME)"
  DRIVER=$("$BUILD/bin/check" --driver "$CONFIG") || die "$CONFIG: no driver"
  local drv=$BUILD/bin/$DRIVER
  [ -x "$drv" ] || die "no driver $drv (run make)"
  local resub=
  if [ -n "$SLICES" ]; then
    [ -f "$WORK/submit.env" ] || die "SLICES=$SLICES: no earlier submission in $WORK to resubmit slices of"
    resub=1
    # the earlier submission fixes everything but the slices
    # shellcheck disable=SC1091
    . "$WORK/submit.env"
    drv=$WORK/bin/$DRIVER
    ARRAY=$SLICES
    for i in ${SLICES//,/ }; do
      [[ $i =~ ^[0-9]+$ ]] && [ "$i" -lt "$TASKS" ] || die "SLICES=$SLICES: '$i' is not a slice of 0..$((TASKS - 1))"
    done
  else
    TASKS=${TASKS:-8}
    [[ $TASKS =~ ^[0-9]+$ ]] && [ "$TASKS" -ge 1 ] || die "TASKS=$TASKS: need a positive number of slices"
    ARRAY=0-$((TASKS - 1))
    COMMIT=$(commit_label)
  fi
  # the plan doubles as the check that the driver slices (and that the config is valid)
  local plan
  plan=$("$drv" "$CONFIG" --plan "$TASKS" 2>&1) || die "$plan"
  PLOTLINE=
  if [ "$PLOT" = 1 ] && [ -f "$PLOTGP" ]; then
    if [ "$OUTPUT" = "results/$KEY.dat" ]; then
      PLOTLINE="if command -v gnuplot >/dev/null; then gnuplot $PLOTGP; else echo \"speclab: no gnuplot on this node: run 'make plot-${KEY//_/-}' where there is one\"; fi"
    else
      PLOTLINE="# (no plot: $PLOTGP reads results/$KEY.dat, the output is $OUTPUT)"
    fi
  fi

  if [ -n "$DRY_RUN" ]; then
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    fill scripts/slurm/slice.sbatch >"$tmp/slices.sbatch"
    fill scripts/slurm/merge.sbatch >"$tmp/merge.sbatch"
    echo "$plan"
    echo "==== $WORK/slices.sbatch"; cat "$tmp/slices.sbatch"
    echo "==== $WORK/merge.sbatch"; cat "$tmp/merge.sbatch"
    echo "==== would run (dry run: nothing submitted)"
    echo "sbatch --parsable $SLURM_OPTS $WORK/slices.sbatch        # -> SLICES_JOB"
    echo "sbatch --parsable --dependency=afterok:SLICES_JOB $SLURM_OPTS $WORK/merge.sbatch"
    return 0
  fi

  command -v sbatch >/dev/null || die "sbatch not found: this is not a Slurm login node (DRY_RUN=1 prints the scripts; 'make slices-${KEY//_/-}' runs the slices here)"
  mkdir -p "$WORK/logs" "$WORK/bin"
  local old_slices= old_merge=
  [ -f "$WORK/jobs" ] && read -r old_slices old_merge <"$WORK/jobs" || true
  if [ -z "$resub" ]; then
    local q
    q=$(queued $old_slices $old_merge)
    [ -z "$q" ] || die "jobs of the earlier submission in $WORK are still queued (scancel them, or wait):
$q"
    # a fresh submission: new snapshot of the driver and checker, no old partials or logs
    rm -f "$WORK"/"$KEY".dat.part-* "$WORK"/logs/*
    cp "$drv" "$WORK/bin/$DRIVER.new" && mv "$WORK/bin/$DRIVER.new" "$WORK/bin/$DRIVER"
    cp "$BUILD/bin/check" "$WORK/bin/check.new" && mv "$WORK/bin/check.new" "$WORK/bin/check"
    printf 'TASKS=%q\nCOMMIT=%q\nCONFIG=%q\nOUTPUT=%q\n' "$TASKS" "$COMMIT" "$CONFIG" "$OUTPUT" >"$WORK/submit.env"
    echo "$plan" >"$WORK/plan.txt"
  else
    for i in ${SLICES//,/ }; do rm -f "$WORK/$KEY.dat.part-$i-of-$TASKS" "$WORK/logs/slice-$i.out"; done
    # the earlier merge job waits for slices that failed: it would never start
    if [ -n "$old_merge" ] && [ -n "$(queued "$old_merge")" ]; then
      scancel "$old_merge" && echo "cluster: cancelled the earlier merge job $old_merge"
    fi
  fi
  fill scripts/slurm/slice.sbatch >"$WORK/slices.sbatch"
  fill scripts/slurm/merge.sbatch >"$WORK/merge.sbatch"
  local sj mj
  # shellcheck disable=SC2086
  sj=$(sbatch --parsable $SLURM_OPTS "$WORK/slices.sbatch") || die "sbatch of the slices failed"
  sj=${sj%%;*}
  # shellcheck disable=SC2086
  mj=$(sbatch --parsable --dependency=afterok:"$sj" $SLURM_OPTS "$WORK/merge.sbatch") || {
    scancel "$sj"; die "sbatch of the merge job failed; cancelled the slices ($sj)"; }
  mj=${mj%%;*}
  echo "$sj $mj" >"$WORK/jobs"
  echo "cluster: $KEY: slices job $sj (array $ARRAY of 0..$((TASKS - 1))), merge job $mj (afterok:$sj)"
  echo "cluster: logs in $WORK/logs/; progress: make cluster-status-${KEY//_/-}; result: $OUTPUT"
}

status() {
  [ -f "$WORK/submit.env" ] || die "nothing submitted for $KEY in $WORK"
  # shellcheck disable=SC1091
  . "$WORK/submit.env"
  local sj= mj= missing=() q
  [ -f "$WORK/jobs" ] && read -r sj mj <"$WORK/jobs"
  q=$(queued $sj $mj)
  echo "$KEY: $TASKS slices in $WORK (commit $COMMIT), slices job ${sj:-?}, merge job ${mj:-?}"
  for ((i = 0; i < TASKS; i++)); do
    local f=$WORK/$KEY.dat.part-$i-of-$TASKS log=$WORK/logs/slice-$i.out st
    st=$(awk -v id="${sj}_$i" '$1 == id {print $2}' <<<"$q")
    if [ -f "$f" ]; then echo "  slice $i: done"
    elif [ -n "$st" ]; then echo "  slice $i: ${st,,}"
    else
      missing+=("$i")
      if [ -f "$log" ]; then echo "  slice $i: FAILED: $(grep -v '^speclab:' "$log" | tail -2 | tr '\n' ' ')"
      else echo "  slice $i: missing (never ran)"; fi
    fi
  done
  local ms
  ms=$(awk -v id="$mj" '$1 == id {print $2, $3}' <<<"$q")
  if [ -n "$ms" ]; then echo "  merge: ${ms,,}"
  elif [ -f "$WORK/logs/merge.out" ]; then echo "  merge: $(tail -1 "$WORK/logs/merge.out")"
  else echo "  merge: not run"; fi
  if [ ${#missing[@]} -gt 0 ]; then
    local list
    list=$(IFS=,; echo "${missing[*]}")
    echo "resubmit the missing slices (same driver snapshot, new merge job): make cluster-${KEY//_/-} SLICES=$list"
  fi
}

case $cmd in
  submit) submit ;;
  status) status ;;
  *) die "unknown command '$cmd': submit or status" ;;
esac
