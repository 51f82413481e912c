#!/usr/bin/env bash
# A sweep in slices (src/core/sl_task.h) through a real driver, erg_fig3 on
# a small config: --task I/N partials merged give the whole run's data lines
# bit for bit; the merge refuses missing, duplicated and foreign partials;
# the local parallel path (scripts/slices.mk, make -j) and the cluster
# dry run. Prints PASS/FAIL lines (counted by tests/run.sh).
. "$(dirname "$0")/lib.sh"
data() { grep -v '^#' "$1"; }
D="$B/bin/erg_fig3"
C=tests/cluster/erg_fig3.yaml
export SL_COMMIT=testcommit   # one label for every run here (the tree may be dirty while testing)

"$D" "$C" --output "$T/whole.dat" 2>/dev/null
for i in 0 1 2 3; do OPENBLAS_NUM_THREADS=1 "$D" "$C" --task $i/4 --output "$T/s.dat" 2>/dev/null; done
P=("$T"/s.dat.part-{0,1,2,3}-of-4)
if ls "${P[@]}" >/dev/null 2>&1; then pass "--task I/N writes OUTPUT.part-I-of-N"; else fail "--task I/N writes OUTPUT.part-I-of-N" "$(ls "$T")"; fi
grep -q '^# task: 2/4$' "${P[2]}" && grep -q '^# points: [0-9]* of 24:' "${P[2]}" && grep -q '^# commit: testcommit$' "${P[2]}" \
  && grep -q "^# config: $C sha256=" "${P[2]}" && "$B"/bin/check --verify "${P[2]}" \
  && pass "a partial carries provenance, its slice and points, and verifies" || fail "partial provenance" "$(head -12 "${P[2]}")"
"$D" "$C" --output "$T/merged.dat" --merge "${P[3]}" "${P[1]}" "${P[0]}" "${P[2]}" 2>/dev/null
if [ -s "$T/merged.dat" ] && [ "$(data "$T/whole.dat" | wc -l)" -eq 108 ] && cmp -s <(data "$T/merged.dat") <(data "$T/whole.dat"); then
  pass "merged partials (in any order): the whole run's 108 data lines (2 constructions x 3 ensembles x 3 pairs x 3 Omega x 2 bin widths), bit for bit"
else fail "merged == whole run" "$(diff <(data "$T/merged.dat") <(data "$T/whole.dat") | head -4)"; fi
grep -q '^# merged from 4 partials' "$T/merged.dat" && "$B"/bin/check --verify "$T/merged.dat" \
  && pass "the merged file says so in its header and verifies" || fail "merged header" "$(head -14 "$T/merged.dat")"
# run_time_s (what a rerun costs, check --field): the slices' wall times summed for a merge, wall_time_s otherwise
sum=$(for p in "${P[@]}"; do "$B"/bin/check --field "$p" wall_time_s; done | awk '{ s += $1 } END { printf "%.1f", s }')
rt=$("$B"/bin/check --field "$T/merged.dat" run_time_s) ; mw=$("$B"/bin/check --field "$T/merged.dat" wall_time_s)
ww=$("$B"/bin/check --field "$T/whole.dat" wall_time_s); wr=$("$B"/bin/check --field "$T/whole.dat" run_time_s)
awk -v a="$rt" -v b="$sum" 'BEGIN { exit !(a - b <= 0.051 && b - a <= 0.051) }' && [ "$wr" = "$ww" ] \
  && pass "run_time_s: a merge's is its slices' wall times summed ($rt s = $sum s; its wall_time_s, the merge's, $mw s); a whole run's is its wall_time_s" \
  || fail "run_time_s" "merged $rt vs slices' sum $sum; whole $wr vs $ww"
sed 's/wall times sum to [0-9.]* s)/wall times sum to ? s)/' "$T/merged.dat" >"$T/badmerge.dat"
expect_fail "run_time_s: a merge line without the slices' time is refused" "gives no slices' wall time" \
  "$B"/bin/check --field "$T/badmerge.dat" run_time_s
# a different slicing, same numbers
for i in 0 1 2 3 4 5 6; do "$D" "$C" --task $i/7 --output "$T/t.dat" 2>/dev/null; done
"$D" "$C" --output "$T/merged7.dat" --merge "$T"/t.dat.part-*-of-7 2>/dev/null
cmp -s <(data "$T/merged7.dat") <(data "$T/whole.dat") && pass "7 slices: the same data lines" \
  || fail "7 slices: the same data lines" "differ"
# a different number of BLAS/worker threads in the slices: the same numbers
OPENBLAS_NUM_THREADS=2 "$D" "$C" --task 3/4 --output "$T/u.dat" 2>/dev/null
# (the Ω lines; the note lines carry wall times)
cmp -s <(grep '^rec [0-9]* omega' "$T/u.dat.part-3-of-4") <(grep '^rec [0-9]* omega' "${P[3]}") \
  && [ "$(grep -c '^rec [0-9]* omega' "${P[3]}")" -gt 0 ] && pass "a slice's records do not depend on the thread count" \
  || fail "a slice's records do not depend on the thread count" "differ"

expect_fail "merge: a missing slice is named, with the fix" "missing partials: 1 of 4 slices absent (slice 2)" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[0]}" "${P[1]}" "${P[3]}"
expect_fail "merge: a duplicated slice is refused" "slice 1/4 given twice" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[@]}" "${P[1]}"
sed 's/per_chunk: 3/per_chunk: 3   # edited/' "$C" > "$T/other.yaml"
"$D" "$T/other.yaml" --task 1/4 --output "$T/o.dat" 2>/dev/null
expect_fail "merge: a partial of another config is refused" "foreign partial: its config has SHA-256" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[0]}" "$T/o.dat.part-1-of-4" "${P[2]}" "${P[3]}"
SL_COMMIT=0123abcd4567 "$D" "$C" --task 1/4 --output "$T/c.dat" 2>/dev/null
expect_fail "merge: a partial of another commit is refused" "foreign partial: made at commit 0123abcd4567, this build is testcommit" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[0]}" "$T/c.dat.part-1-of-4" "${P[2]}" "${P[3]}"
expect_fail "merge: partials of different slicings are refused" "partials of different slicings" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[0]}" "$T/t.dat.part-1-of-7" "${P[2]}" "${P[3]}"
head -c 3000 "${P[1]}" > "$T/trunc.part"
expect_fail "merge: a truncated partial is refused" "cannot merge: $T/trunc.part" \
  "$D" "$C" --output "$T/x.dat" --merge "${P[0]}" "$T/trunc.part" "${P[2]}" "${P[3]}"
expect_fail "merge: a whole results file is not a partial" "not a partial results file" \
  "$D" "$C" --output "$T/x.dat" --merge "$T/whole.dat"
[ ! -e "$T/x.dat" ] && pass "a refused merge writes nothing" || fail "a refused merge writes nothing" "x.dat exists"
expect_fail "--task on a driver without a sweep is refused" "apply to sweep drivers; erg_scatter has no independent points" \
  "$B"/bin/erg_scatter experiments/erg/fig1.yaml --task 0/2 --output "$T/e1.dat"
expect_fail "--task I/N: I must be below N" "--task expects I/N with 1 <= N <= 100000 and 0 <= I < N" \
  "$D" "$C" --task 4/4 --output "$T/x.dat"
expect_fail "--task with --merge is refused" "exclude each other" "$D" "$C" --task 0/4 --merge "${P[0]}"

plan=$("$D" "$C" --plan 4 2>/dev/null)
n=$(grep '^slice ' <<<"$plan" | sed 's/.*points//' | tr ' ' '\n' | grep -c .)
u=$(grep '^slice ' <<<"$plan" | sed 's/.*points//' | tr ' ' '\n' | grep . | sort -n | uniq | wc -l)
[ "$(grep -c '^slice ' <<<"$plan")" -eq 4 ] && [ "$n" -eq 24 ] && [ "$u" -eq 24 ] \
  && pass "--plan 4: four slices, each of the 24 points in exactly one" || fail "--plan" "$plan"
grep -qF "slice 1/4 (points $(sed -n 's/^slice 1: .*points //p' <<<"$plan" | wc -w) of 24: $(sed -n 's/^slice 1: .*points //p' <<<"$plan"))" \
  <("$D" "$C" --task 1/4 --output "$T/p.dat" 2>&1) && pass "--plan shows the points --task computes" \
  || fail "--plan shows the points --task computes" "$plan"

# the local parallel path: make -j over the slices, then the merge
if make --no-print-directory -s -f scripts/slices.mk -j2 KEY=erg_fig3 TASKS=3 B="$B" CONFIG="$C" DIR="$T/sl" \
     OUTPUT="$T/local.dat" >/dev/null 2>&1 && cmp -s <(data "$T/local.dat") <(data "$T/whole.dat"); then
  pass "make -j2 -f scripts/slices.mk (3 slices here): the whole run's data lines"
else fail "slices.mk" "$(ls "$T/sl" 2>&1)"; fi

# the cluster submission, dry: the plan, both sbatch scripts, the commands
out=$(DRY_RUN=1 TASKS=3 CONFIG="$C" OUTPUT="$T/cl.dat" CLUSTER_DIR="$T/cl" SLURM_OPTS="--partition=short --time=0:10:00" \
      BUILD="$B" scripts/cluster.sh submit erg_fig3 2>&1)
grep -q '^#SBATCH --array=0-2$' <<<"$out" && grep -q -- "--task \"\${SLURM_ARRAY_TASK_ID}/3\"" <<<"$out" \
  && grep -q -- '--dependency=afterok:SLICES_JOB --partition=short --time=0:10:00' <<<"$out" \
  && grep -q -- "--merge '$T/cl/erg_fig3/erg_fig3.dat'.part-\*-of-3" <<<"$out" && [ ! -e "$T/cl" ] \
  && pass "cluster dry run: array 0-2 of slices, a merge job after it, nothing submitted" || fail "cluster dry run" "$out"
expect_fail "cluster: a driver that does not slice is refused before submitting" "apply to sweep drivers" \
  env DRY_RUN=1 CLUSTER_DIR="$T/cl" BUILD="$B" scripts/cluster.sh submit erg_fig1

# The msd sweep (src/msd/sl_sweep.c, Figs. 5-7) in slices: a tiny config (2 architectures x 3 modes x
# 2 runs, 1 epoch on 1500 images); the merge of 3 slices gives the whole run's data lines (wall times
# aside), and the merge needs no data set.
M="$B/bin/msd_sweep"
cat > "$T/msd.yaml" <<Y
seed: 17
output: $T/msd.dat
driver: msd_sweep
title: a test sweep
seeds: 2
modes: [spectral_eig, direct_subset, direct_full]
sweep: [[784, 20, 10], [784, 40, 10]]
inset: {arch: 1, bins: 12, range: 0}
data: {set: mnist, dir: data/mnist, train_limit: 1500}
network: {eig_groups_first: [lambda_out], eig_groups: [lambda_out], hidden_lambda_in: one}
train: {epochs: 1, batch: 500, optimiser: adamax, lr: 0.03, shards: 1, fuse_linear: auto}
Y
nowall() { awk '$1 == "run" { $NF = "-" } !/^#/' "$1"; }
"$M" "$T/msd.yaml" 2>/dev/null
for i in 0 1 2; do OPENBLAS_NUM_THREADS=1 "$M" "$T/msd.yaml" --task $i/3 --output "$T/ms.dat" 2>/dev/null; done
MA=$(cd "$(dirname "$M")" && pwd)/msd_sweep   # run from $T, where data/mnist does not resolve
(cd "$T" && "$MA" "$T/msd.yaml" --output "$T/msd_merged.dat" --merge "$T"/ms.dat.part-{2,0,1}-of-3 2>/dev/null)
if [ -s "$T/msd_merged.dat" ] && [ "$(nowall "$T/msd.dat" | grep -c '^run ')" -eq 12 ] \
   && [ "$(nowall "$T/msd.dat" | grep -c '^inset ')" -eq 36 ] && cmp -s <(nowall "$T/msd_merged.dat") <(nowall "$T/msd.dat"); then
  pass "msd sweep: 3 slices merged (without the data set) = the whole run's data lines (12 runs, 3 insets)"
else fail "msd sweep: merged == whole" "$(diff <(nowall "$T/msd_merged.dat") <(nowall "$T/msd.dat") 2>&1 | head -4)"; fi
grep -q '^rec [0-9]* inset 7840 ' "$T/ms.dat.part-0-of-3" "$T/ms.dat.part-1-of-3" "$T/ms.dat.part-2-of-3" \
  && pass "msd sweep: the inset runs' records carry the 784 x 10 retracted A_c" || fail "msd sweep: inset records" "none"
expect_fail "msd sweep: a missing slice is named" "missing partials: 1 of 3 slices absent (slice 1)" \
  "$M" "$T/msd.yaml" --output "$T/x.dat" --merge "$T"/ms.dat.part-{0,2}-of-3
out=$(DRY_RUN=1 TASKS=3 CONFIG="$T/msd.yaml" OUTPUT="$T/mcl.dat" CLUSTER_DIR="$T/mcl" BUILD="$B" scripts/cluster.sh submit msd_fig7 2>&1)
grep -q '^msd_sweep: 12 points in 3 slices' <<<"$out" && grep -q '^#SBATCH --array=0-2$' <<<"$out" && [ ! -e "$T/mcl" ] \
  && pass "msd sweep: cluster dry run plans 12 points in 3 slices" || fail "msd cluster dry run" "$out"
# a factor sweep (rows carry the value): slices merged = whole
sed -e "s#output: .*#output: $T/msdf.dat#" -e 's/seeds: 2/seeds: 1/' "$T/msd.yaml" > "$T/msdf.yaml"
echo "factor: {key: lr, values: [0.03, 0.01]}" >> "$T/msdf.yaml"
"$M" "$T/msdf.yaml" 2>/dev/null
for i in 0 1; do "$M" "$T/msdf.yaml" --task $i/2 --output "$T/mf.dat" 2>/dev/null; done
"$M" "$T/msdf.yaml" --output "$T/msdf_merged.dat" --merge "$T"/mf.dat.part-{0,1}-of-2 2>/dev/null
[ -s "$T/msdf_merged.dat" ] && [ "$(nowall "$T/msdf.dat" | grep -c '^run 0.01 ')" -eq 6 ] \
  && cmp -s <(nowall "$T/msdf_merged.dat") <(nowall "$T/msdf.dat") \
  && pass "msd factor sweep (lr 0.03, 0.01): 2 slices merged = the whole run's data lines" \
  || fail "msd factor sweep: merged == whole" "$(diff <(nowall "$T/msdf_merged.dat") <(nowall "$T/msdf.dat") 2>&1 | head -4)"
