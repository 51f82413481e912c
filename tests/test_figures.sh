#!/usr/bin/env bash
# The figure graph (make figures: scripts/figures.sh, scripts/figures.mk):
# staleness from results headers only (check --want), exactly the stale
# figures and the figures reading their results rerun, whatever the file
# times (a fresh clone's), jobs side by side as their threads fit, the plan
# and its estimate, failures. Scratch configs and results folders only.
# PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
# ---- current figures skipped, a changed config reruns (hashes, not file times)
# (configs in a scratch experiments folder: $T/exp/erg/fig1.yaml is figure erg_fig1)
mkdir -p "$T/exp/erg" "$T/res"
cp experiments/erg/fig1.yaml experiments/erg/fig2.yaml "$T/exp/erg/"
fig() { SL_EXPERIMENTS="$T/exp" BUILD="$B" scripts/figures.sh --out "$T/res" "$@" erg_fig1 erg_fig2 2>&1; }
out=$(fig)
grep -q '^figures: 2 of 2 to run' <<<"$out" && grep -q '^figures: erg_fig2: done' <<<"$out" && [ -s "$T/res/erg_fig1.png" ] \
  && [ -s "$T/res/erg_fig2.pdf" ] && pass "figures.sh: missing results run, with a plan line and progress lines, plots drawn" \
  || fail "figures.sh first run" "$out"
out=$(fig)
grep -q '^figures: 0 of 2 to run' <<<"$out" && grep -q '^erg_fig1 *current' <<<"$out" \
  && pass "figures.sh: current figures are skipped" || fail "figures.sh skips current" "$out"
# --touch: the plan as if a file had changed (both figures current here): a file
# their driver compiles makes both stale, saying so; a file it does not, none
out=$(fig --dry-run --touch src/erg/sl_erg_scatter.c)
grep -q '^erg_fig1 *stale .*--touch: its driver compiles src/erg/sl_erg_scatter.c' <<<"$out" \
  && grep -q '^erg_fig2 *stale .*--touch' <<<"$out" && grep -q '^figures: 2 of 2 to run' <<<"$out" \
  && pass "figures.sh --touch: the figures whose driver compiles the file are stale, with the reason" \
  || fail "figures.sh --touch a compiled file" "$out"
out=$(fig --dry-run --touch src/nne/sl_snet.c)
grep -q '^figures: 0 of 2 to run' <<<"$out" && pass "figures.sh --touch: a file the driver does not compile changes nothing" \
  || fail "figures.sh --touch another file" "$out"
expect_fail "figures.sh --touch plans only" "--touch plans only" fig --touch src/erg/sl_erg_scatter.c
expect_fail "figures.sh --touch: a missing file is refused" "no such file" fig --dry-run --touch src/erg/nosuch.c
touch -d '2000-01-01' "$T/exp/erg/fig1.yaml" "$T/res/erg_fig1.dat"; touch "$T/exp/erg/fig2.yaml"
out=$(fig --dry-run)
grep -q '^figures: 0 of 2 to run' <<<"$out" && pass "figures.sh: file times play no part (touch changes nothing)" \
  || fail "figures.sh ignores times" "$out"
echo "# a changed comment" >> "$T/exp/erg/fig1.yaml"
out=$(fig --dry-run)
grep -q '^erg_fig1 *stale .*config changed' <<<"$out" && grep -q '^erg_fig2 *current' <<<"$out" \
  && grep -q '^figures: 1 of 2 to run' <<<"$out" && pass "figures.sh: a changed config makes its figure stale, not the others" \
  || fail "figures.sh stale config" "$out"
out=$(fig)
grep -q '^figures: erg_fig1: done' <<<"$out" && ! grep -q 'erg_fig2: running' <<<"$out" \
  && [ "$(fig --dry-run | tail -1 | cut -d' ' -f2-4)" = "0 of 2" ] && pass "figures.sh: reruns exactly the stale figure, then all current" \
  || fail "figures.sh reruns stale" "$out"
"$B/bin/erg_scatter" "$T/exp/erg/fig2.yaml" --set matrices=2 --output "$T/res/erg_fig2.dat" 2>/dev/null
sed -i 's/^\(# sources: binary erg_scatter sha256=\).*/\1'"$(printf '0%.0s' {1..64})"'/' "$T/res/erg_fig1.dat"
out=$(fig --dry-run)
grep -q '^erg_fig2 *stale .*run with other overrides (matrices=2)' <<<"$out" && grep -q '^erg_fig1 *stale .*the sources compiled into erg_scatter changed' <<<"$out" \
  && pass "figures.sh: results run with --set, or from other sources, are stale" || fail "figures.sh overrides/sources stale" "$out"
# results of the layout before this one (config experiments/erg_fig1.yaml, one hash over all of src/): stale, saying why
# (made here from a fresh file: the committed results move on to the new layout)
sed -i -e "s|^# config: .*|# config: experiments/erg_fig1.yaml sha256=$(printf '1%.0s' {1..64})|" \
       -e "s|^# sources: .*|# sources: experiments/erg_fig1.c sha256=$(printf '2%.0s' {1..64}) src sha256=$(printf '3%.0s' {1..64})|" "$T/res/erg_fig1.dat"
out=$(fig --dry-run)
grep -q "^erg_fig1 *stale .*made from config 'experiments/erg_fig1.yaml', not $T/exp/erg/fig1.yaml (before the per-paper layout?)" <<<"$out" \
  && pass "figures.sh: results from before the per-paper layout are stale, with the reason" || fail "figures.sh old layout" "$out"
sed -i "s|^# config: experiments/erg_fig1.yaml sha256=[0-9a-f]*|# config: $T/exp/erg/fig1.yaml sha256=$(sha256sum "$T/exp/erg/fig1.yaml" | cut -c1-64)|" "$T/res/erg_fig1.dat"
out=$(fig --dry-run)
grep -q '^erg_fig1 *stale .*no per-binary source hash in its header' <<<"$out" \
  && pass "figures.sh: results with the old single src/ hash are stale, with the reason" || fail "figures.sh old src hash" "$out"
# a header whose overrides line a driver would not write: refused by the C reader, nothing evaluated
rm -f "$T/pwned"
sed -i "s|^# overrides: .*|# overrides: \$(touch $T/pwned)|; s|^# sources: .*|# sources: binary erg_scatter sha256=$(cat "$B/gen/src/erg_scatter.sha")|" "$T/res/erg_fig1.dat"
out=$(fig --dry-run)
grep -q "^erg_fig1 *stale .*unreadable overrides: check: overrides '\$(touch $T/pwned)': '\\$' outside quotes" <<<"$out" && [ ! -e "$T/pwned" ] \
  && pass "figures.sh: an overrides line with \$(...) is refused with the reason, nothing run" || fail "figures.sh \$(...) overrides" "$out; $(ls "$T/pwned" 2>&1)"

# variants are configs of their own naming the binary they share: a figure like any other
{ sed 's|^output:.*|output: results/erg_fig2_small.dat|; s/^matrices:.*/matrices: 2/; s/^ensembles:.*/ensembles: [CUE]/' experiments/erg/fig2.yaml; } > "$T/exp/erg/fig2_small.yaml"
vfig() { SL_EXPERIMENTS="$T/exp" BUILD="$B" scripts/figures.sh --out "$T/res" "$@" 2>&1; }
out=$(vfig erg_fig2_small)
grep -q '^figures: erg_fig2_small: done' <<<"$out" && grep -q '^# driver: erg_scatter$' "$T/res/erg_fig2_small.dat" \
  && grep -q '^# overrides: none$' "$T/res/erg_fig2_small.dat" \
  && pass "figures.sh: a variant config runs the binary it names into its own results file" || fail "figures.sh variant run" "$out"
out=$(vfig --dry-run erg_fig2_small)
grep -q '^erg_fig2_small *current' <<<"$out" && pass "figures.sh: a variant run from its config is current" \
  || fail "figures.sh variant current" "$out"
mkdir -p "$T/exp/msd"; cp experiments/msd/fig5.yaml "$T/exp/msd/"
out=$(vfig --dry-run); grep -q '^erg_fig2_small ' <<<"$out" && grep -q '^msd_fig5 ' <<<"$out" && pass "figures.sh: every config in the folders is a figure" \
  || fail "figures.sh lists all configs" "$out"
out=$(vfig --dry-run --force erg_fig2_small)
grep -q '^erg_fig2_small *stale .*--force' <<<"$out" && pass "figures.sh --force: a current figure reruns" || fail "figures.sh --force" "$out"
sed -i 's/^matrices:.*/matrices: 3/' "$T/exp/erg/fig2_small.yaml"
out=$(vfig --dry-run erg_fig2_small)
grep -q '^erg_fig2_small *stale .*config changed' <<<"$out" && pass "figures.sh: a variant whose config changed is stale" \
  || fail "figures.sh variant config changed" "$out"
# quick scale: experiments/KEY/quick.txt, one override per line, as it is (no quoting, nothing evaluated)
printf 'fig2_small matrices=2\nfig2_small ensembles=[CUE, COE]\n' > "$T/exp/erg/quick.txt"
out=$(vfig --quick --out "$T/resq" erg_fig2_small)
grep -q '^figures: erg_fig2_small: done' <<<"$out" && grep -q "^# overrides: matrices=2 'ensembles=\[CUE, COE\]'$" "$T/resq/erg_fig2_small.dat" \
  && out=$(vfig --quick --out "$T/resq" --dry-run erg_fig2_small) && grep -q '^erg_fig2_small *current' <<<"$out" \
  && pass "figures.sh --quick: a figure's quick.txt lines are its overrides; then current" || fail "figures.sh quick" "$out"

# ---- jobs side by side: two one-thread figures share 2 cores, never more than --cores
mkdir -p "$T/exp1/erg" "$T/res1"
for k in fig1 fig2; do { cat "experiments/erg/$k.yaml"; echo "threads: 1"; } > "$T/exp1/erg/$k.yaml"; done
pfig() { SL_EXPERIMENTS="$T/exp1" BUILD="$B" scripts/figures.sh --out "$T/res1" "$@" erg_fig1 erg_fig2 2>&1; }
out=$(pfig --cores 2)
# both start before either finishes (the progress lines' order)
first_done=$(grep -n ': done in' <<<"$out" | head -1 | cut -d: -f1)
second_run=$(grep -n ': running' <<<"$out" | sed -n 2p | cut -d: -f1)
[ -n "$first_done" ] && [ -n "$second_run" ] && [ "$second_run" -lt "$first_done" ] && grep -q '^figures: 2 run' <<<"$out" \
  && grep -q '^# threads: 1$' "$T/res1/erg_fig2.dat" && pass "figures.sh: one-thread figures run side by side on 2 cores" \
  || fail "figures.sh side by side" "$out"
# a run of every figure is recorded as one: wall time, cores, the run's own CPU time
f=$T/res1/figures-run.txt
fld() { "$B/bin/check" --field "$f" "$1" 2>/dev/null; }
[ "$(fld figures)" = 2 ] && [ "$(fld cores)" = 2 ] && [ "$(fld openblas_coretype)" = "${OPENBLAS_CORETYPE:-unset}" ] \
  && awk -v w="$(fld wall_time_s)" -v c="$(fld cpu_s_run)" -v o="$(fld cpu_s_other)" 'BEGIN {exit !(w >= 0 && c > 0 && o >= 0)}' \
  && pass "figures.sh: a run of every figure writes OUT/figures-run.txt (wall time, cores, CPU time of the run and of the rest)" \
  || fail "figures.sh run record" "$(cat "$f" 2>&1)"
# its commit and machine lines are the bench's (scripts/provenance.sh, as bench/header.sh writes them)
mkdir -p "$T/fakeb/bench" && printf '#!/bin/sh\necho blas stub\n' >"$T/fakeb/bench/sgemm_peak" && chmod +x "$T/fakeb/bench/sgemm_peak"
bh=$(. bench/header.sh && bench_header "$T/fakeb" t)
[ "$(fld machine)" = "$(sed -n 's/^# machine: //p' <<<"$bh")" ] && [ "$(fld commit)" = "$(sed -n 's/^# commit: //p' <<<"$bh")" ] \
  && grep -q ' cores, .* GiB, ' <<<"$(fld machine)" \
  && pass "figures.sh: the run record's commit and machine lines are the bench header's (scripts/provenance.sh)" \
  || fail "figures.sh run record provenance" "$(fld machine) | $(fld commit) | $bh"
out=$(pfig --cores 1 --force)
[ "$(grep -E ': (running|done in)' <<<"$out" | sed -E 's/.*: (running|done in).*/\1/' | tr '\n' ' ')" = "running done in running done in " ] \
  && pass "figures.sh --cores 1: one job at a time" || fail "figures.sh --cores 1" "$out"
{ grep -v '^threads:' "$T/exp1/erg/fig2.yaml" | sed 's|^output:.*|output: results/erg_fig2_t2.dat|'; echo "threads: 2"; } > "$T/exp1/erg/fig2_t2.yaml"
rm -f "$T/res1/figures-run.txt"
out=$(SL_EXPERIMENTS="$T/exp1" BUILD="$B" scripts/figures.sh --out "$T/res1" --cores 2 --force erg_fig2_t2 erg_fig1 2>&1)
[ ! -e "$T/res1/figures-run.txt" ] && pass "figures.sh: a run of some figures writes no run record" || fail "figures.sh partial run record" "$out"
[ "$(grep -E ': (running|done in)' <<<"$out" | sed -E 's/.*: (running|done in).*/\1/' | tr '\n' ' ')" = "running done in running done in " ] \
  && grep -q '^# threads: 2$' "$T/res1/erg_fig2_t2.dat" && pass "figures.sh: a two-thread figure fills 2 cores, nothing runs beside it" \
  || fail "figures.sh two threads alone" "$out"
sed -i 's/^# wall_time_s: .*/# wall_time_s: 300/' "$T/res1/erg_fig2_t2.dat"; sed -i 's/^# wall_time_s: .*/# wall_time_s: 100/' "$T/res1/erg_fig1.dat"
out=$(SL_EXPERIMENTS="$T/exp1" BUILD="$B" scripts/figures.sh --out "$T/res1" --cores 2 --force --dry-run erg_fig2_t2 erg_fig1 2>&1)
rm -f "$T/exp1/erg/fig2_t2.yaml"
grep -qE '^erg_fig2_t2 +stale +300 s +2 +\+0 s' <<<"$out" && grep -qE '^erg_fig1 +stale +100 s +1 +\+300 s' <<<"$out" \
  && pass "figures.sh: the plan starts a one-thread job only when the two-thread one ends" || fail "figures.sh plan two threads" "$out"
out=$(pfig --cores 0 2>&1); [ $? -ne 0 ] && grep -q -- "--cores needs a positive integer" <<<"$out" \
  && pass "figures.sh: --cores 0 refused" || fail "figures.sh --cores 0" "$out"
# the plan's schedule: recorded wall times, longest first, threads packed into the cores
for k in erg_fig1 erg_fig2; do sed -i 's/^# wall_time_s: .*/# wall_time_s: 100/' "$T/res1/$k.dat"; done
sed -i 's/^# wall_time_s: .*/# wall_time_s: 300/' "$T/res1/erg_fig2.dat"
out=$(pfig --dry-run --force --cores 2)
grep -qE '^erg_fig1 +stale +100 s +1 +\+0 s' <<<"$out" && grep -qE '^erg_fig2 +stale +300 s +1 +\+0 s' <<<"$out" \
  && grep -q 'estimated 5.0 min from the recorded wall times (6.7 min one after another)' <<<"$out" \
  && pass "figures.sh: the plan schedules one-thread jobs together (makespan 300 s, not 400 s)" || fail "figures.sh plan schedule" "$out"
out=$(pfig --dry-run --force --cores 1)
grep -qE '^erg_fig2 +stale +300 s +1 +\+0 s' <<<"$out" && grep -qE '^erg_fig1 +stale +100 s +1 +\+300 s' <<<"$out" \
  && pass "figures.sh: on one core the longest runs first, the next when it ends" || fail "figures.sh plan one core" "$out"

# a failing job: reported with its log, nothing more is started, exit status non-zero
{ sed 's|^output:.*|output: results/erg_fig1_bad.dat|; s/^size:.*/size: 0/' "$T/exp1/erg/fig1.yaml"; } > "$T/exp1/erg/fig1_bad.yaml"
out=$(SL_EXPERIMENTS="$T/exp1" BUILD="$B" scripts/figures.sh --out "$T/res1" --cores 1 --force erg_fig1_bad erg_fig2 2>&1); rc=$?
rm -f "$T/exp1/erg/fig1_bad.yaml"
[ $rc -ne 0 ] && grep -q '^figures: erg_fig1_bad failed (log ' <<<"$out" && grep -q "size" <<<"$out" \
  && grep -q '^figures: stopped after a failure; figures not run: .*erg_fig2' <<<"$out" && [ ! -e "$T/res1/erg_fig1_bad.dat" ] \
  && pass "figures.sh: a failing figure is reported with its log, nothing more starts, exit non-zero" \
  || fail "figures.sh failure" "rc=$rc $out"

# ---- a figure reading another's results (afr Fig. 7 reads afr_fig3's scores)
mkdir -p "$T/exp2/afr" "$T/res2"
cp experiments/afr/fig3.yaml "$T/exp2/afr/"
sed "s|results/afr_fig3.dat|$T/res2/afr_fig3.dat|" experiments/afr/fig7.yaml > "$T/exp2/afr/fig7.yaml"
cp results/afr_fig3.dat "$T/res2/"
dfig() { SL_EXPERIMENTS="$T/exp2" BUILD="$B" scripts/figures.sh --out "$T/res2" "$@" 2>&1; }
out=$(dfig afr_fig7)
[ -s "$T/res2/afr_fig7.dat" ] && out=$(dfig --dry-run afr_fig7) && grep -qE '^afr_fig7 +current' <<<"$out" \
  && pass "figures.sh: a figure run after its input is current" || fail "figures.sh input current" "$out"
# an input written later (its header date; a test fixture, not a result)
sed -i 's/^# date: .*/# date: 2999-01-01T00:00:00Z/' "$T/res2/afr_fig3.dat"
out=$(dfig --dry-run afr_fig7)
grep -qE '^afr_fig7 +stale .*its input afr_fig3 was written after it' <<<"$out" \
  && pass "figures.sh: a figure is stale when its input was written after it" || fail "figures.sh input newer" "$out"
# an input that reruns makes its readers stale, and they start after it
echo "# changed" >> "$T/exp2/afr/fig3.yaml"
out=$(dfig --dry-run afr_fig3 afr_fig7)
s3=$(awk '$1 == "afr_fig3" {print $6}' <<<"$out" | tr -d '+'); s7=$(awk '$1 == "afr_fig7" {print $6}' <<<"$out" | tr -d '+')
w3=$(sed -n 's/^# wall_time_s: //p' "$T/res2/afr_fig3.dat")
grep -qE '^afr_fig3 +stale .*' <<<"$out" && grep -qE '^afr_fig7 +stale .*its input afr_fig3 reruns' <<<"$out" \
  && awk -v a="$s7" -v b="$s3" -v w="$w3" 'BEGIN { exit !(a >= b + w - 1) }' \
  && pass "figures.sh: a rerunning input makes its readers stale; they start after it ends" || fail "figures.sh input reruns" "$out"

# two figures reading each other's results never become ready: refused, not silently skipped
mkdir -p "$T/exp4/erg" "$T/res4"
{ cat experiments/erg/fig1.yaml; echo "input: $T/res4/erg_fig2.dat"; } > "$T/exp4/erg/fig1.yaml"
{ cat experiments/erg/fig2.yaml; echo "input: $T/res4/erg_fig1.dat"; } > "$T/exp4/erg/fig2.yaml"
out=$(SL_EXPERIMENTS="$T/exp4" BUILD="$B" scripts/figures.sh --out "$T/res4" erg_fig1 erg_fig2 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q '^figures: figures whose inputs never become ready (they read each other): erg_fig1 erg_fig2' <<<"$out" && ! grep -q ': running' <<<"$out" \
  && pass "figures.sh: figures reading each other are refused, not skipped" || fail "figures.sh cycle" "rc=$rc $out"

# ---- the make graph: exactly the stale figures and those reading their results rerun
# (a chain erg_fig1 -> erg_fig2 -> erg_fig2b: a config naming another's results file
# in a value is a reader of it, as afr Figs. 4 and 7 read afr_fig3.dat; erg_spacing stands apart)
G=$T/graph; mkdir -p "$G/exp/erg" "$G/res"
sed 's/^matrices:.*/matrices: 2/' experiments/erg/fig1.yaml >"$G/exp/erg/fig1.yaml"
sed "s/^matrices:.*/matrices: 2/; s|^title: .*|title: \"reads $G/res/erg_fig1.dat\"|" experiments/erg/fig2.yaml >"$G/exp/erg/fig2.yaml"
sed "s/^matrices:.*/matrices: 2/; s|^title: .*|title: \"reads $G/res/erg_fig2.dat\"|; s|^output:.*|output: results/erg_fig2b.dat|" experiments/erg/fig2.yaml >"$G/exp/erg/fig2b.yaml"
sed 's/^matrices:.*/matrices: 5/' experiments/erg/spacing.yaml >"$G/exp/erg/spacing.yaml"
gfig() { SL_EXPERIMENTS="$G/exp" BUILD="$B" scripts/figures.sh --out "$G/res" "$@" 2>&1; }
ran() { grep -o '^figures: [a-z0-9_]*: running' <<<"$1" | cut -d' ' -f2 | tr -d : | sort | tr '\n' ' '; }
out=$(gfig)
[ "$(ran "$out")" = "erg_fig1 erg_fig2 erg_fig2b erg_spacing " ] && [ "$(grep -n 'erg_fig1: done' <<<"$out" | cut -d: -f1)" -lt "$(grep -n 'erg_fig2: running' <<<"$out" | cut -d: -f1)" ] \
  && [ "$(grep -n 'erg_fig2: done' <<<"$out" | cut -d: -f1)" -lt "$(grep -n 'erg_fig2b: running' <<<"$out" | cut -d: -f1)" ] \
  && pass "graph: first run makes all four, each reader after the figure it reads" || fail "graph first run" "$out"
out=$(gfig); [ -z "$(ran "$out")" ] && pass "graph: then nothing reruns" || fail "graph nothing" "$out"
echo "# edited" >>"$G/exp/erg/fig1.yaml"
out=$(gfig --dry-run)
grep -qE '^erg_fig2b +stale .*its input erg_fig2 reruns' <<<"$out" && grep -qE '^erg_spacing +current' <<<"$out" \
  && out=$(gfig) && [ "$(ran "$out")" = "erg_fig1 erg_fig2 erg_fig2b " ] \
  && pass "graph: a changed config reruns its figure and the figures reading it, transitively, nothing else" || fail "graph config edit" "$out"
echo "# edited" >>"$G/exp/erg/fig2.yaml"
out=$(gfig); [ "$(ran "$out")" = "erg_fig2 erg_fig2b " ] && pass "graph: a changed reader reruns with its own readers, not what it reads" \
  || fail "graph middle edit" "$out"
# a fresh clone: arbitrary file times (results older than their configs, inputs newer
# than their readers) and no stamps: nothing current reruns
rm -rf "$B"/want/*graph_res
touch -d '2001-01-01' "$G"/res/*; touch -d '2020-01-01' "$G"/exp/erg/* "$G/res/erg_fig1.dat" "$G/res/erg_fig2.dat"
out=$(gfig); [ -z "$(ran "$out")" ] && grep -q '^figures: 0 of 4 to run' <<<"$out" \
  && pass "graph: with a fresh clone's file times and no stamps, nothing current reruns" || fail "graph fresh clone" "$out"
# make alone agrees: the stamps just written leave make nothing to do
W=$(ls -d "$B"/want/*graph_res 2>/dev/null | head -1)
out=$(make -q -f scripts/figures.mk W="$W" OUT="$G/res" B="$B" EXP="$G/exp" results 2>&1); rc=$?
[ -n "$W" ] && [ $rc = 0 ] && pass "graph: make -q on the stamps: everything up to date" || fail "graph make -q" "rc=$rc W=$W $out"
# a results file older than its stamp's decision: an edit after the run (header hash) reruns it even with an old time
sed -i 's/^\(# config: .* sha256=\).*/\10000000000000000000000000000000000000000000000000000000000000000/' "$G/res/erg_spacing.dat"
touch -d '2030-01-01' "$G/res/erg_spacing.dat"
out=$(gfig); [ "$(ran "$out")" = "erg_spacing " ] && pass "graph: a header that no longer matches reruns even when the results file looks newest" \
  || fail "graph future mtime" "$out"

# results/ only from committed code: in a repository whose tracked files differ
# from HEAD, a run into results/ is refused before any work, naming the files;
# committed, it runs. (A scratch repository holding this tree's scripts, plots,
# configs, report and results: the report is refreshed after a run.)
R=$T/repo; mkdir -p "$R"
cp -r scripts plots experiments paper results "$R/"
Babs=$(realpath "$B")
gitr() { git -C "$R" -c user.name=t -c user.email=t@t "$@"; }
gitr init -q && gitr add -A && gitr commit -qm t
echo "# edited" >>"$R/experiments/erg/fig1.yaml"
rfig() { ( cd "$R" && BUILD="$Babs" scripts/figures.sh erg_fig1 2>&1 ); }
out=$(rfig); rc=$?
[ $rc = 2 ] && grep -q '^figures: refusing to write results/ from uncommitted changes' <<<"$out" \
  && grep -q '^  experiments/erg/fig1.yaml$' <<<"$out" && gitr diff --quiet HEAD -- results \
  && pass "figures.sh: results/ from uncommitted changes refused before any work, the files named" \
  || fail "figures.sh dirty refused" "rc=$rc $out"
gitr commit -qam t2
out=$(rfig); rc=$?
[ $rc = 0 ] && grep -q "^# commit: $(gitr rev-parse --short=12 HEAD)\$" "$R/results/erg_fig1.dat" \
  && pass "figures.sh: committed, the same run writes results/ with a clean commit in the header" || fail "figures.sh clean run" "rc=$rc $out"
