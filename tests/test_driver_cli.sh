#!/usr/bin/env bash
# Drivers that explain themselves: --help on every driver, --set overrides
# (same validation and messages as the file, recorded in the header), the
# provenance hashes, and make figures' current/stale decision.
# Prints PASS/FAIL lines (counted by tests/run.sh).
. "$(dirname "$0")/lib.sh"
# run a command; the first stderr line must be exactly $2 and the exit status non-zero
expect_msg() { # name, exact message, command...
  local name=$1 msg=$2; shift 2
  local out rc
  out=$("$@" 2>&1 >/dev/null); rc=$?
  if [ $rc -ne 0 ] && [ "$(head -1 <<<"$out")" = "$msg" ]; then pass "$name"; else fail "$name" "rc=$rc, got: $out; want: $msg"; fi
}

# ---- --help on every driver and every figure's config: exit 0, every key of the config listed, each with a doc line
for src in experiments/*/*.c; do
  k=${src#experiments/}; k=${k%.c}; k=${k/\//_}
  if [ -r "${src%.c}.yaml" ]; then
    "$B/bin/$k" --help >/dev/null 2>"$T/err" && pass "$k --help (its own config by default) exits 0" \
      || fail "$k --help exits 0" "$(cat "$T/err")"
  fi
done
for cfg in experiments/*/*.yaml; do
  k=$("$B/bin/check" --driver "$cfg")
  out=$("$B/bin/$k" --help "$cfg" 2>"$T/err"); rc=$?
  if [ $rc -ne 0 ]; then fail "$k --help $cfg exits 0" "rc=$rc $(cat "$T/err")"; continue; fi
  # every key path of the config (list indices as '*'), from an independent YAML reader
  keys=$(python3 -c '
import sys, yaml
def walk(v, p):
    if isinstance(v, dict):
        for k, x in v.items(): yield from walk(x, p + [str(k)])
    else:
        yield ".".join(p)
    if isinstance(v, list) and v and isinstance(v[0], list): yield ".".join(p + ["*"])
for k in walk(yaml.safe_load(open(sys.argv[1])), []): print(k)' "$cfg" | sort -u)
  listed=$(awk '/^config keys/ {on = 1; next} /^example/ {on = 0} on && /^  [^ ]/ {print $1}' <<<"$out" | sort -u)
  missing=$(comm -23 <(echo "$keys") <(echo "$listed") | tr '\n' ' ')
  if [ -z "$missing" ] && ! grep -q UNDOCUMENTED <<<"$out" && grep -q "^example" <<<"$out" \
     && grep -q "build/bin/$k $cfg" <<<"$out"; then
    pass "$k --help $cfg: every config key ($(wc -w <<<"$keys")) listed with type and doc line, an example"
  else fail "$k --help $cfg lists every key" "missing: $missing; $(grep UNDOCUMENTED -B2 <<<"$out" | head -3)"; fi
done
# a config shared by figures names its binary; another binary refuses it before any work
expect_msg "a config of another driver is refused" \
  "msd_table1: config error: experiments/msd/fig5.yaml is a config of driver msd_sweep, not msd_table1 (run build/bin/msd_sweep experiments/msd/fig5.yaml)" \
  "$B/bin/msd_table1" experiments/msd/fig5.yaml
out=$("$B/bin/msd_table1" --help)
grep -A2 '^  train.epochs ' <<<"$out" | tr '\n' ' ' | tr -s ' ' | grep -q "integer \[0, 100000\] default: 20; here: 20 passes over the training set" \
  && pass "--help shows type, range, default, value and doc of train.epochs" \
  || fail "--help train.epochs block" "$(grep -A2 '^  train.epochs ' <<<"$out")"

# a key read without a doc line makes --help fail (exit 3), so `make test` catches it
cat > "$T/undoc.c" <<'C'
#include "core/sl_driver.h"
int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "undoc");
    long x = 1;
    if (st == SL_OK) st = sl_config_int(d.cfg, "mystery", 0, 9, &x);
    if (st == SL_OK) st = sl_driver_config_done(&d);
    return sl_driver_end(&d, st);
}
C
printf 'seed: 1\noutput: x.dat\nmystery: 3\n' > "$T/undoc.yaml"
san=; nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
if cc $san -std=c11 -D_GNU_SOURCE -Isrc -I/usr/include/x86_64-linux-gnu/openblas-pthread "$T/undoc.c" -o "$T/undoc" \
     "$B/libspeclab.a" -lgsl -llapacke -lopenblas -lyaml -lz -lm -fopenmp -pthread 2>"$T/cc.log"; then
  out=$("$T/undoc" --help "$T/undoc.yaml" 2>&1); rc=$?
  [ $rc -eq 3 ] && grep -q "mystery .*UNDOCUMENTED" <<<"$(tr -s ' \n' ' ' <<<"$out")" \
    && pass "an undocumented key fails --help (exit 3) and is named" || fail "undocumented key" "rc=$rc $out"
else fail "undocumented key test compiles" "$(head -3 "$T/cc.log")"; fi

# ---- --set: same data as editing the file, recorded in the header
sed "s|^output:.*|output: $T/file.dat|; s/^matrices: 10/matrices: 3/; s/^size: 64/size: 16/" experiments/erg/fig2.yaml > "$T/edited.yaml"
"$B/bin/erg_scatter" experiments/erg/fig2.yaml --set matrices=3 --set size=16 --output "$T/set.dat" 2>/dev/null
"$B/bin/erg_scatter" "$T/edited.yaml" 2>/dev/null
if [ -s "$T/set.dat" ] && diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/file.dat") >/dev/null \
   && [ "$(grep -vc '^#' "$T/set.dat")" -lt "$(grep -vc '^#' results/erg_fig2.dat)" ]; then
  pass "--set matrices=3 size=16: the same data lines as the edited config, fewer than the default"
else fail "--set equals editing the file" "$(diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/file.dat") | head -3)"; fi
grep -qx '# overrides: matrices=3 size=16' "$T/set.dat" && grep -qx '# overrides: none' "$T/file.dat" \
  && pass "the overrides are recorded in the header ('none' without --set)" || fail "overrides in header" "$(grep overrides "$T"/*.dat)"
# reproducible from the header alone: rerun with the recorded config and overrides
cfg=$("$B/bin/check" --field "$T/set.dat" config); cfg=${cfg%% *}
args=(); while IFS= read -r -d '' o; do args+=(--set "$o"); done < <("$B/bin/check" --overrides "$T/set.dat")
"$B/bin/erg_scatter" "$cfg" "${args[@]}" --output "$T/again.dat" 2>/dev/null
diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/again.dat") >/dev/null \
  && pass "a run is reproduced from its header's config and overrides" || fail "rerun from header" "differs"
"$B/bin/msd_fig2" experiments/msd/fig2.yaml --set 'dims=[5, 3, 2]' --set 'lambda=[-0.5, 0.5]' --output "$T/f2.dat" 2>/dev/null
grep -qx "# overrides: 'dims=\[5, 3, 2\]' 'lambda=\[-0.5, 0.5\]'" "$T/f2.dat" && grep -q 'index: Phi_1 (10 x 10)' "$T/f2.dat" \
  && pass "--set takes flow sequences (dims=[5, 3, 2]); shell-quoted in the header" || fail "--set flow sequence" "$(grep -E 'overrides|Phi_1' "$T/f2.dat")"
"$B/bin/erg_scatter" experiments/erg/fig2.yaml --set matrices=3 --set matrices=2 --output "$T/twice.dat" 2>/dev/null
[ "$(grep -c '^ev haar CUE' "$T/twice.dat")" = 128 ] && pass "the last --set of a key wins" || fail "repeated --set" "$(grep -c '^ev haar CUE' "$T/twice.dat")"

# provenance: the sources line holds the hash make figures compares (the build's, per binary)
src_line="# sources: binary erg_scatter sha256=$(cat "$B/gen/src/erg_scatter.sha")"
grep -qxF "$src_line" "$T/set.dat" && pass "header records the SHA-256 over the sources compiled into the binary (as the build computed it)" \
  || fail "sources line" "$(grep '^# sources' "$T/set.dat") vs $src_line"

# ---- bad overrides: non-zero exit, the same message as the same mistake in the file
D="$B/bin/erg_scatter"
bad() { # name, key, value, file line (yaml) whose error must match after the location
  local name=$1 kv=$2 yaml=$3
  sed "s|^output:.*|output: $T/bad.dat|" experiments/erg/fig2.yaml | grep -v "^${kv%%=*}:" > "$T/bad.yaml"
  printf '%s\n' "$yaml" >> "$T/bad.yaml"
  local fmsg smsg
  fmsg=$("$D" "$T/bad.yaml" 2>&1 >/dev/null | head -1 | sed -E "s|^erg_scatter: ([a-z/ ]+): $T/bad.yaml:[0-9]+:[0-9]+: |\1: |")
  expect_msg "$name: --set names itself, same message as the file" \
    "erg_scatter: ${fmsg%%: *}: --set $kv: ${fmsg#*: }" "$D" experiments/erg/fig2.yaml --set "$kv"
}
bad "unknown key" "matrixes=3" "matrixes: 3"
bad "wrong type" "matrices=many" "matrices: many"
bad "out of range" "matrices=0" "matrices: 0"
bad "not a number" "size=1.5" "size: 1.5"
bad "unknown choice" "ensembles=[GUE]" "ensembles: [GUE]"
bad "list where a value is expected" "size=[1, 2]" "size: [1, 2]"
expect_msg "exact message for a wrong type" \
  "erg_scatter: config error: --set matrices=many: key 'matrices': expected an integer, got 'many'" \
  "$D" experiments/erg/fig2.yaml --set matrices=many
expect_msg "malformed value" \
  "erg_scatter: format error: --set size=[1,: malformed YAML value: did not find expected node content while parsing a flow node" \
  "$D" experiments/erg/fig2.yaml --set 'size=[1,'
expect_msg "no '='" "erg_scatter: invalid argument: --set size: expected KEY=VALUE (e.g. --set train.epochs=2)" \
  "$D" experiments/erg/fig2.yaml --set size
expect_msg "--set without argument" "erg_scatter: invalid argument: --set needs KEY=VALUE (e.g. --set train.epochs=2)" \
  "$D" experiments/erg/fig2.yaml --set
expect_msg "a key below a scalar" \
  "erg_scatter: config error: --set size.x=1: key 'size.x': 'x' is a scalar at experiments/erg/fig2.yaml:6:7, expected a mapping" \
  "$D" experiments/erg/fig2.yaml --set size.x=1
expect_msg "a nested unknown key" "erg_scatter: config error: --set histogram.bins=3: unknown key 'histogram'" \
  "$D" experiments/erg/fig2.yaml --set histogram.bins=3
expect_msg "unknown option" "erg_scatter: invalid argument: unknown option '--sett' (see erg_scatter --help)" \
  "$D" experiments/erg/fig2.yaml --sett size=3
[ ! -e "$T/bad.dat" ] && pass "no results written by a rejected run" || fail "rejected run wrote results" "$T/bad.dat"

# ---- make figures: current figures skipped, a changed config reruns (hashes, not file times)
# (configs in a scratch experiments folder: $T/exp/erg/fig1.yaml is figure erg_fig1)
mkdir -p "$T/exp/erg" "$T/res"
cp experiments/erg/fig1.yaml experiments/erg/fig2.yaml "$T/exp/erg/"
fig() { SL_EXPERIMENTS="$T/exp" BUILD="$B" scripts/figures.sh --out "$T/res" "$@" erg_fig1 erg_fig2 2>&1; }
out=$(fig)
grep -q '^figures: 2 of 2 to run' <<<"$out" && grep -q '^\[2/2\] erg_fig2: done' <<<"$out" && [ -s "$T/res/erg_fig1.png" ] \
  && [ -s "$T/res/erg_fig2.pdf" ] && pass "figures.sh: missing results run, with a plan line and progress lines, plots drawn" \
  || fail "figures.sh first run" "$out"
out=$(fig)
grep -q '^figures: 0 of 2 to run' <<<"$out" && grep -q '^erg_fig1 *current' <<<"$out" \
  && pass "figures.sh: current figures are skipped" || fail "figures.sh skips current" "$out"
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
grep -q '^\[1/1\] erg_fig1: done' <<<"$out" && ! grep -q 'erg_fig2: running' <<<"$out" \
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
grep -q '^\[1/1\] erg_fig2_small: done' <<<"$out" && grep -q '^# driver: erg_scatter$' "$T/res/erg_fig2_small.dat" \
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
grep -q '^\[1/1\] erg_fig2_small: done' <<<"$out" && grep -q "^# overrides: matrices=2 'ensembles=\[CUE, COE\]'$" "$T/resq/erg_fig2_small.dat" \
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
out=$(pfig --cores 1 --force)
[ "$(grep -E ': (running|done in)' <<<"$out" | sed -E 's/.*: (running|done in).*/\1/' | tr '\n' ' ')" = "running done in running done in " ] \
  && pass "figures.sh --cores 1: one job at a time" || fail "figures.sh --cores 1" "$out"
{ grep -v '^threads:' "$T/exp1/erg/fig2.yaml" | sed 's|^output:.*|output: results/erg_fig2_t2.dat|'; echo "threads: 2"; } > "$T/exp1/erg/fig2_t2.yaml"
out=$(SL_EXPERIMENTS="$T/exp1" BUILD="$B" scripts/figures.sh --out "$T/res1" --cores 2 --force erg_fig2_t2 erg_fig1 2>&1)
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
  && grep -q '^figures: stopped after a failure; figures not run: erg_fig2' <<<"$out" && [ ! -e "$T/res1/erg_fig1_bad.dat" ] \
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
[ $rc -ne 0 ] && grep -q '^figures: figures whose inputs never became ready .*: erg_fig1 erg_fig2' <<<"$out" && ! grep -q ': running' <<<"$out" \
  && pass "figures.sh: figures reading each other are refused, not skipped" || fail "figures.sh cycle" "rc=$rc $out"

# ---- the README gallery shows every figure (every config), with its make target (generated from the folders)
targets=$(make -pRrq : 2>/dev/null | sed -n 's/^\([a-z0-9][a-z0-9-]*\):.*/\1/p' | sort -u)
for c in experiments/*/*.yaml; do
  k=${c#experiments/}; k=${k%.yaml}; k=${k/\//_}
  grep -qE "^\| !\[\]\(results/$k\.png\) \| .+ \| \`make $(tr _ - <<<"$k")\` \|$" README.md || { fail "README gallery has $k" "no gallery row"; continue; }
  grep -qx "$(tr _ - <<<"$k")" <<<"$targets" && pass "README gallery: $k with its target" || fail "gallery target of $k" "no Makefile target"
done
