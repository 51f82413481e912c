#!/usr/bin/env bash
# Provenance and safety (issue 22): a results header is data, read in C
# (check --field / --overrides), never evaluated; runs with SET= overrides
# go to a scratch folder, never to results/; a bad output path fails before
# any work; staleness is exact: an edit to a source no driver links stales
# nothing, an edit to a driver's source stales every figure whose config
# names that driver (in a scratch copy of the tree). PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
C=$B/bin/check

# ---- a header whose overrides line holds $(...): a clear error, nothing run
# (a results file this build writes, so that nothing else about it is refused first)
mkdir -p "$T/res"
"$B/bin/erg_spacing" experiments/erg/spacing.yaml --set matrices=20 --output "$T/res/erg_spacing.dat" >/dev/null 2>&1
sed -i "s|^# overrides: .*|# overrides: \$(touch $T/pwned) \`touch $T/pwned2\`|" "$T/res/erg_spacing.dat"
out=$(SL_RESULTS="$T/res" BUILD="$B" scripts/reproduce.sh erg_spacing 2>&1); rc=$?
[ $rc -ne 0 ] && grep -qF "reproduce: erg_spacing: check: overrides '\$(touch $T/pwned)" <<<"$out" && grep -qF "outside quotes is not something a driver writes" <<<"$out" \
  && grep -q 'not run' <<<"$out" && [ ! -e "$T/pwned" ] && [ ! -e "$T/pwned2" ] \
  && pass "reproduce: a header with \$(touch FILE) is refused with a clear error; FILE is not created, nothing runs" \
  || fail "reproduce \$(...) header" "rc=$rc $out $(ls "$T"/pwned* 2>&1)"
out=$("$C" --overrides "$T/res/erg_spacing.dat" 2>&1); rc=$?
[ $rc = 1 ] && grep -q "'\\$' outside quotes" <<<"$out" && pass "check --overrides refuses \$(...)" || fail "check --overrides \$(...)" "rc=$rc $out"

# ---- what a driver writes comes back word for word (quotes, parentheses, $, spaces), NUL-separated
"$B/bin/erg_scatter" experiments/erg/fig1.yaml --set matrices=2 --set "title=it's (a) \$test, [1, 2]" \
  --output "$T/q.dat" 2>/dev/null
mapfile -d '' got < <("$C" --overrides "$T/q.dat")
[ "${#got[@]}" = 2 ] && [ "${got[0]}" = "matrices=2" ] && [ "${got[1]}" = "title=it's (a) \$test, [1, 2]" ] \
  && [ "$("$C" --field "$T/q.dat" driver)" = erg_scatter ] \
  && pass "check --overrides returns the driver's --set options exactly (quote, parentheses, \$)" \
  || fail "check --overrides round trip" "$(grep '^# overrides' "$T/q.dat"); got ${#got[@]}: ${got[*]}"
expect_fail "check --field: a missing field is an error" "no '# nosuch:' line" "$C" --field "$T/q.dat" nosuch

# ---- SET= runs go to a scratch folder; results/ is left untouched
before=$(sha256sum results/erg_fig1.* | sha256sum)
out=$(make --no-print-directory BUILD="$B" erg-fig1 SET="matrices=2" SCRATCH="$T/scratch" 2>&1); rc=$?
after=$(sha256sum results/erg_fig1.* | sha256sum)
[ $rc = 0 ] && [ "$before" = "$after" ] && grep -qx '# overrides: matrices=2' "$T/scratch/erg_fig1.dat" && [ -s "$T/scratch/erg_fig1.png" ] \
  && grep -q 'not results/' <<<"$out" && pass "make KEY SET=...: written to the scratch folder, results/ untouched" \
  || fail "make SET= into scratch" "rc=$rc $(tail -3 <<<"$out")"

# ---- a bad output path fails before any work (msd_table1 would train for seconds first)
t0=$(date +%s%N)
out=$("$B/bin/msd_table1" experiments/msd/table1.yaml --set output=/nonexistent/x.dat 2>&1); rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $rc -ne 0 ] && [ $ms -lt 1000 ] && grep -q 'cannot write the results file /nonexistent/x.dat: folder /nonexistent' <<<"$out" \
  && pass "--set output=/nonexistent/x.dat fails in ${ms} ms, before any work" || fail "bad output path" "rc=$rc ${ms} ms: $out"
expect_fail "--output into a folder without write permission fails first" "cannot write the results file /proc/x.dat" \
  "$B/bin/erg_spacing" experiments/erg/spacing.yaml --output /proc/x.dat

# ---- exact staleness, in a scratch copy of the tree (its sources are edited)
S=$T/tree
mkdir -p "$S"
git ls-files -co --exclude-standard -z | xargs -0 cp -a --parents -t "$S" 2>/dev/null
[ -e data ] && cp -a data "$S/"
cp -a "$B" "$S/"
opt=()
nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_ && opt=(OPTFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined")
mk() { make -C "$S" --no-print-directory BUILD="$B" "${opt[@]}" "$@" >"$T/make.log" 2>&1 || { tail -5 "$T/make.log"; return 1; }; }
figs() { (cd "$S" && BUILD="$B" scripts/figures.sh --quick --out "$T/rq" "$@" nne_heat nne_heat_nonuniform erg_fig1 erg_spacing 2>&1); }
mk all && figs >"$T/figs.log" && grep -q '^figures: 0 of 4 to run' <<<"$(figs --dry-run)" \
  || { fail "staleness: scratch build and quick runs" "$(tail -5 "$T/figs.log")"; exit 0; }
sums() { cat "$S/$B"/gen/src/*.sha | sha256sum; }
s0=$(sums)
echo "/* a comment: no driver links this file */" >>"$S/src/report/sl_claims.c"
mk all && out=$(figs --dry-run)
! grep -qx 'src/report/sl_claims.c' "$S/$B"/gen/src/*.list && [ "$(sums)" = "$s0" ] && grep -q '^figures: 0 of 4 to run' <<<"$out" \
  && pass "staleness: a comment in src/report/sl_claims.c (linked by no driver) leaves every figure current" \
  || fail "staleness: unrelated edit" "$out"
sed -i '1s|^/\* nne_heat — |/* nne_heat — (edited) |' "$S/experiments/nne/heat.c"
mk all && out=$(figs --dry-run)
grep -qE '^nne_heat +stale .*the sources compiled into nne_heat changed' <<<"$out" \
  && grep -qE '^nne_heat_nonuniform +stale .*the sources compiled into nne_heat changed' <<<"$out" \
  && grep -qE '^erg_fig1 +current' <<<"$out" && grep -qE '^erg_spacing +current' <<<"$out" \
  && pass "staleness: an edit to experiments/nne/heat.c stales nne_heat and nne_heat_nonuniform, nothing else" \
  || fail "staleness: driver edit" "$out"
# a header of an included library file: only the drivers whose objects include it
echo "/* edited */" >>"$S/src/rmt/sl_spacing.h"
mk all && out=$(figs --dry-run)
grep -qE '^erg_spacing +stale .*the sources compiled into erg_spacing changed' <<<"$out" && grep -qE '^erg_fig1 +current' <<<"$out" \
  && pass "staleness: an edit to src/rmt/sl_spacing.h stales erg_spacing, not erg_fig1" || fail "staleness: header edit" "$out"
