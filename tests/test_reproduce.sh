#!/usr/bin/env bash
# make reproduce (scripts/reproduce.sh): which columns it leaves out (timing
# columns only, in every header style the drivers write), and a rerun from
# a results header alone: identical lines pass, a changed number fails, a
# changed config is refused as stale.
. "$(dirname "$0")/lib.sh"

# ---- compared lines: wall_s and t_* columns blanked, every other kept
cat > "$T/cols.dat" <<'DAT'
# columns (run): run mode seed acc wall_s
# columns: fit k loss t_train acc t_spec   (t_*: seconds)
# columns: eig j mu | rep i mu_0..mu_3 epochs t_total | sol t u
run spectral 3 0.91 12.5
fit 2 0.33 40.1 0.95 0.7
eig 1 2.5
rep 0 1 2 3 4 17 9.9
sol 0.5 0.25
DAT
got=$(scripts/reproduce.sh --data "$T/cols.dat")
want='run spectral 3 0.91 -
fit 2 0.33 - 0.95 -
eig 1 2.5
rep 0 1 2 3 4 17 -
sol 0.5 0.25'
[ "$got" = "$want" ] && pass "reproduce compares all but the timing columns (wall_s, t_*; ranges name_0..name_3 count 4; '|' separates kinds)" \
  || fail "reproduce's compared columns" "got: $(tr '\n' '/' <<<"$got")"

# ---- a rerun from the header: driver, config and overrides as recorded
mkdir -p "$T/res"
"$B/bin/erg_scatter" experiments/erg/fig2.yaml --set matrices=3 --set size=16 --output "$T/res/small.dat" 2>/dev/null
out=$(SL_RESULTS="$T/res" scripts/reproduce.sh small 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q 'small: [0-9]* data lines identical' <<<"$out" \
  && pass "reproduce reruns a results file from its header (overrides matrices=3 size=16) and finds it identical" \
  || fail "reproduce from the header" "rc=$rc $out"
# a changed number (the last field of the third data line) must be found
awk '!/^#/ && ++n == 3 { $NF = $NF "1" } { print }' "$T/res/small.dat" > "$T/res/bad.dat"
out=$(SL_RESULTS="$T/res" scripts/reproduce.sh bad 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q 'bad: DIFFERS' <<<"$out" && pass "reproduce reports a changed number (exit 1)" || fail "reproduce finds a change" "rc=$rc $out"
# a header naming a config with another SHA-256: stale, refused
sed 's/^\(# config: [^ ]* sha256=\).*/\10000000000000000000000000000000000000000000000000000000000000000/' "$T/res/small.dat" > "$T/res/stale.dat"
expect_fail "reproduce refuses results whose config changed since (stale)" "changed since" env SL_RESULTS="$T/res" scripts/reproduce.sh stale

# ---- the BLAS core and library: the header names them; another core, another
# library or none recorded is refused before anything runs (doctored copies)
grep -q "^# blas: OpenBLAS .* core=$("$B/bin/check" --blas /dev/null 2>&1 | sed -n 's/.*core=\([A-Za-z0-9_]*\)).*/\1/p')\$" "$T/res/small.dat" \
  && pass "the results header names the BLAS library and the core that ran" \
  || fail "header names the core" "$(grep '^# blas' "$T/res/small.dat")"
sed 's/^\(# blas: .* core=\).*/\1NotThisCore/' "$T/res/small.dat" > "$T/res/core.dat"
out=$(SL_RESULTS="$T/res" scripts/reproduce.sh small core 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q 'made with BLAS core NotThisCore' <<<"$out" && grep -q 'nothing was run' <<<"$out" \
  && ! grep -q 'identical\|DIFFERS' <<<"$out" \
  && pass "reproduce refuses a results file made on another BLAS core, before running anything" \
  || fail "reproduce refuses another core" "rc=$rc $out"
sed 's/^# blas: OpenBLAS [^ ]*/# blas: OpenBLAS 9.9.9/' "$T/res/small.dat" > "$T/res/lib.dat"
expect_fail "reproduce refuses a results file made with another BLAS library" "library 'OpenBLAS 9.9.9" \
  env SL_RESULTS="$T/res" scripts/reproduce.sh lib
grep -v '^# blas: ' "$T/res/small.dat" > "$T/res/old.dat"
"$B/bin/check" --verify "$T/res/old.dat" >/dev/null 2>&1 && pass "check --verify accepts an older results file without a '# blas:' line" \
  || fail "check --verify on an older file" "$("$B/bin/check" --verify "$T/res/old.dat" 2>&1)"
expect_fail "reproduce refuses a results file that records no BLAS core" "records no BLAS" \
  env SL_RESULTS="$T/res" scripts/reproduce.sh old

# ---- no key (make reproduce's default): every figure whose results record a
# wall time under REPRODUCE_MAX_S; here the one results file present
mkdir -p "$T/def"
cp "$T/res/small.dat" "$T/def/erg_fig2.dat"
out=$(SL_RESULTS="$T/def" scripts/reproduce.sh 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q '^erg_fig2: [0-9]* data lines identical' <<<"$out" && [ "$(grep -c 'identical' <<<"$out")" = 1 ] \
  && pass "reproduce without a key reruns the figures recorded under a minute (here the one present) and finds them identical" \
  || fail "reproduce without a key" "rc=$rc $out"
