#!/usr/bin/env bash
# The sweep drivers beyond erg Fig. 3 and the msd sweep (tests/test_slices.sh)
# in slices (src/core/sl_task.h): afr Figs. 1-2 (a point per (penalty,
# realisation)), nne_repeat (a run), ops_constraint (a (mode, bound)),
# ops_ergodicity (a (mode, width, member) and the CUE surrogate), ops_drift
# (a (mode, seed)) and ops_composition (a mode, and the controls), each on
# its small config in tests/cluster/. For each: the partials merged (in
# another order) give the whole run's data lines bit for bit, wall-time
# columns blanked (afr: t_train t_perm t_grad t_spec; nne_repeat: t_train;
# ops: none); a partial of another config is refused; the cluster dry run
# plans its points. Prints PASS/FAIL lines (counted by tests/run.sh).
. "$(dirname "$0")/lib.sh"
export SL_COMMIT=testcommit   # one label for every run here (the tree may be dirty while testing)
export OPENBLAS_NUM_THREADS=1

# data lines with the wall-time columns blanked
nowall() {
  case $1 in
    afr_fig*) awk '/^#/ {next} $1 == "run" {$9 = $10 = $11 = $15 = "-"} $1 == "summary" {$12 = $13 = $14 = $16 = "-"} {print}' "$2" ;;
    nne_repeat) awk '/^#/ {next} $1 == "run" {$NF = "-"} {print}' "$2" ;;
    *) grep -v '^#' "$2" ;;
  esac
}

# KEY slices points rows: the whole run, the slices (in parallel, two at a time), the merge
declare -A NS=([afr_fig1]=4 [afr_fig2]=4 [nne_repeat]=3 [ops_constraint]=2 [ops_ergodicity]=2 [ops_drift]=2 [ops_composition]=2)
declare -A NP=([afr_fig1]=6 [afr_fig2]=6 [nne_repeat]=4 [ops_constraint]=6 [ops_ergodicity]=13 [ops_drift]=6 [ops_composition]=3)
# non-blank data rows of the whole run
declare -A NR=([afr_fig1]=88 [afr_fig2]=88 [nne_repeat]=4 [ops_constraint]=36 [ops_ergodicity]=55 [ops_drift]=108 [ops_composition]=335)
KEYS="afr_fig1 afr_fig2 nne_repeat ops_constraint ops_ergodicity ops_drift ops_composition"
# the binary of each test config (its `driver:`: afr Figs. 1-2 share afr_gauss)
declare -A DRV
for k in $KEYS; do DRV[$k]=$("$B/bin/check" --driver "tests/cluster/$k.yaml"); done

run_all() { # every run of KEY, in the background; writes $T/KEY/…
  local k=$1 n=${NS[$1]} c=tests/cluster/$1.yaml d=$T/$1
  mkdir -p "$d"
  sed 's/^seed: \(.*\)/seed: \1   # edited: another config/' "$c" > "$d/other.yaml"
  "$B/bin/${DRV[$k]}" "$c" --output "$d/whole.dat" 2>"$d/whole.err"
  for ((i = 0; i < n; i++)); do "$B/bin/${DRV[$k]}" "$c" --task $i/$n --output "$d/s.dat" 2>>"$d/slices.err"; done
  # a partial of another config: slice n-1 of n; for the ops drivers, whose
  # slices load MNIST (a second each), an empty slice P of P+1 instead (the
  # config hash is checked before the slicing)
  "$B/bin/${DRV[$k]}" "$d/other.yaml" --task "$(foreign_slice "$k")" --output "$d/o.dat" 2>>"$d/slices.err"
}
foreign_slice() { case $1 in ops_*) echo "${NP[$1]}/$((${NP[$1]} + 1))" ;; *) echo "$((${NS[$1]} - 1))/${NS[$1]}" ;; esac; }
pids=()
for k in $KEYS; do
  run_all "$k" &
  pids+=($!)
  # two drivers at a time (the machine has two cores)
  if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait

for k in $KEYS; do
  n=${NS[$k]} c=tests/cluster/$k.yaml d=$T/$k
  parts=()
  for ((i = n - 1; i >= 0; i--)); do parts+=("$d/s.dat.part-$i-of-$n"); done   # reversed: order does not matter
  # the merge needs no data set: run it where data/mnist does not resolve
  KA=$(cd "$B/bin" && pwd)/${DRV[$k]}
  CA=$(pwd)/$c
  (cd "$T" && "$KA" "$CA" --output "$d/merged.dat" --merge "${parts[@]}" 2>"$d/merge.err")
  rows=$(nowall "$k" "$d/whole.dat" 2>/dev/null | grep -c .)
  if [ -s "$d/merged.dat" ] && [ "$rows" -eq "${NR[$k]}" ] && cmp -s <(nowall "$k" "$d/merged.dat") <(nowall "$k" "$d/whole.dat"); then
    pass "$k: ${NP[$k]} points in $n slices merged (without the data set) = the whole run's ${NR[$k]} data lines, bit for bit (wall times aside)"
  else
    fail "$k: merged == whole" "rows $rows; $(cat "$d/whole.err" "$d/slices.err" "$d/merge.err" 2>/dev/null | grep -iv 'epoch\|accuracy\|run\|done\|written' | head -3) $(diff <(nowall "$k" "$d/merged.dat") <(nowall "$k" "$d/whole.dat") 2>&1 | head -4)"
  fi
  grep -q "^# merged from $n partials (${NP[$k]} points" "$d/merged.dat" 2>/dev/null && "$B/bin/check" --verify "$d/merged.dat" \
    && pass "$k: the merged file says so in its header and verifies" || fail "$k: merged header" "$(head -20 "$d/merged.dat" 2>&1)"
  # every other header line as in the whole run (the wall time, date and config path aside)
  cmp -s <(grep '^#' "$d/whole.dat" | grep -v '^# \(date\|wall_time_s\|config\):') \
         <(grep '^#' "$d/merged.dat" | grep -v '^# \(date\|wall_time_s\|config\|merged from\)') \
    && pass "$k: the merged header's comments are the whole run's" \
    || fail "$k: merged header comments" "$(diff <(grep '^#' "$d/whole.dat") <(grep '^#' "$d/merged.dat") | head -6)"
  other=("${parts[@]}")
  fs=$(foreign_slice "$k")
  other[0]=$d/o.dat.part-${fs%/*}-of-${fs#*/}
  expect_fail "$k: a partial of another config is refused" "foreign partial: its config has SHA-256" \
    "$B/bin/${DRV[$k]}" "$c" --output "$d/x.dat" --merge "${other[@]}"
  expect_fail "$k: a missing slice is named" "missing partials: 1 of $n slices absent (slice 0)" \
    "$B/bin/${DRV[$k]}" "$c" --output "$d/x.dat" --merge "${parts[@]:0:$((n - 1))}"
  [ ! -e "$d/x.dat" ] && pass "$k: a refused merge writes nothing" || fail "$k: a refused merge writes nothing" "x.dat exists"
  out=$(DRY_RUN=1 TASKS=$n CONFIG="$c" OUTPUT="$d/cl.dat" CLUSTER_DIR="$d/cl" BUILD="$B" scripts/cluster.sh submit "$k" 2>&1)
  grep -q "^${DRV[$k]}: ${NP[$k]} points in $n slices" <<<"$out" && grep -q "^#SBATCH --array=0-$((n - 1))$" <<<"$out" && [ ! -e "$d/cl" ] \
    && pass "$k: cluster dry run plans ${NP[$k]} points in $n slices, submits nothing" || fail "$k: cluster dry run" "$out"
done

# the afr records carry the scores at round-trip precision; the ops_ergodicity
# surrogate is a point of its own
grep -q '^rec [0-9]* spec 10 ' "$T"/afr_fig1/s.dat.part-0-of-4 && pass "afr: a record holds the 10 spectral scores" \
  || fail "afr: records" "$(grep -m2 '^rec' "$T"/afr_fig1/s.dat.part-0-of-4)"
[ "$(cat "$T"/ops_ergodicity/s.dat.part-*-of-2 | grep -c '^rec 12 row omega cue')" -eq 2 ] \
  && pass "ops_ergodicity: the CUE surrogate is point 12, in one slice" || fail "ops_ergodicity: CUE point" "none"

# a driver with one computation refuses --task (afr Fig. 3's random orders are not trainings)
expect_fail "afr_fig3 has no independent points: --task is refused" "apply to sweep drivers; afr_fig3 has no independent points" \
  "$B/bin/afr_fig3" experiments/afr/fig3.yaml --task 0/2 --output "$T/a3.dat"
