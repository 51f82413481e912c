#!/usr/bin/env bash
# Driver-level behaviour: reproducibility, bad input, interruption, claims.
# Prints PASS/FAIL lines (counted by tests/run.sh).
set -u
cd "$(dirname "$0")/.."
B=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass() { echo "PASS $1"; }
failed=0
fail() { echo "FAIL $1: $2"; failed=1; }
expect_fail() { # name, expected message fragment, command...
  local name=$1 frag=$2; shift 2
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$frag" <<<"$out"; then pass "$name"; else fail "$name" "rc=$rc, output: $out"; fi
}

cat > "$T/tiny.yaml" <<'Y'
seed: 7
output: OUT
seeds: 2
modes: [spectral_eig, direct_subset]
data: {set: mnist, dir: data/mnist, train_limit: 3000}
network: {dims: [784, 10], acts: [identity], eig_groups_first: [lambda_in, lambda_out]}
train: {epochs: 2, batch: 500, optimiser: adamax, lr: 0.03}
Y
sed "s|OUT|$T/a.dat|" "$T/tiny.yaml" > "$T/a.yaml"
"$B"/bin/msd_table1 "$T/a.yaml" 2>/dev/null
OPENBLAS_NUM_THREADS=1 "$B"/bin/msd_table1 "$T/a.yaml" --output "$T/b.dat" 2>/dev/null
strip() { grep -vE '^# (date|wall_time_s|threads|config):' "$1" | awk '!/^run/ {print; next} {$NF=""; print}'; }
if [ -s "$T/a.dat" ] && diff <(strip "$T/a.dat") <(strip "$T/b.dat") >/dev/null; then
  pass "same config and seed: identical data lines (2 threads vs 1)"
else fail "same config and seed: identical data lines" "$(diff <(strip "$T/a.dat") <(strip "$T/b.dat") | head -5)"; fi
sed 's/seed: 7/seed: 8/' "$T/a.yaml" > "$T/c.yaml"
"$B"/bin/msd_table1 "$T/c.yaml" --output "$T/c.dat" 2>/dev/null
if ! diff <(strip "$T/a.dat") <(strip "$T/c.dat") >/dev/null; then pass "a different seed gives different numbers"
else fail "a different seed gives different numbers" "identical"; fi
grep -q '^# commit: ' "$T/a.dat" && grep -q '^# seeds: base 7' "$T/a.dat" && grep -q "^# config: $T/a.yaml sha256=" "$T/a.dat" \
  && pass "results carry provenance (config hash, seeds, commit)" || fail "results carry provenance" "$(head -12 "$T/a.dat")"

printf 'seed: 7\noutput: x\ntrain: {epochs: 2\n' > "$T/bad1.yaml"
expect_fail "malformed YAML: file:line:column" "$T/bad1.yaml:4:1: malformed YAML" "$B"/bin/msd_table1 "$T/bad1.yaml"
sed 's/^seeds: 2/seeds: 2\nepochz: 3/' "$T/a.yaml" > "$T/bad2.yaml"
expect_fail "unknown key: file:line and key" "$T/bad2.yaml:4:1: unknown key 'epochz'" "$B"/bin/msd_table1 "$T/bad2.yaml"
sed 's/lr: 0.03/lr: fast/' "$T/a.yaml" > "$T/bad3.yaml"
expect_fail "wrong type: key named" "key 'train.lr': expected a finite number" "$B"/bin/msd_table1 "$T/bad3.yaml"
sed 's/epochs: 2/epochs: -2/' "$T/a.yaml" > "$T/bad4.yaml"
expect_fail "out-of-range value" "key 'train.epochs': -2 is out of range" "$B"/bin/msd_table1 "$T/bad4.yaml"
sed 's/spectral_eig, direct_subset/spectral_eig, spectral_magic/' "$T/a.yaml" > "$T/bad5.yaml"
expect_fail "unknown mode lists the choices" "'spectral_magic' is not one of: spectral_eig" "$B"/bin/msd_table1 "$T/bad5.yaml"
expect_fail "missing config file" "cannot open config $T/none.yaml" "$B"/bin/msd_table1 "$T/none.yaml"
expect_fail "usage without a config" "usage: msd_table1 CONFIG.yaml" "$B"/bin/msd_table1

sed "s|dir: data/mnist|dir: $T/nodata|" "$T/a.yaml" > "$T/bad6.yaml"
expect_fail "missing data file names the file and 'make data'" "$T/nodata/train-images-idx3-ubyte[.gz] not found; run 'make data'" "$B"/bin/msd_table1 "$T/bad6.yaml"
mkdir -p "$T/corrupt" && cp data/mnist/* "$T/corrupt/"
printf '\x07' | dd of="$T/corrupt/train-labels-idx1-ubyte" bs=1 seek=100 conv=notrunc 2>/dev/null
sed "s|dir: data/mnist|dir: $T/corrupt|" "$T/a.yaml" > "$T/bad7.yaml"
expect_fail "corrupt data file: checksum" "train-labels-idx1-ubyte: SHA-256" "$B"/bin/msd_table1 "$T/bad7.yaml"
head -c 1000 data/mnist/t10k-labels-idx1-ubyte > "$T/corrupt/t10k-labels-idx1-ubyte"
cp data/mnist/train-labels-idx1-ubyte "$T/corrupt/"
expect_fail "truncated data file" "t10k-labels-idx1-ubyte: IDX header promises 10000 bytes" "$B"/bin/msd_table1 "$T/bad7.yaml"

# Interrupted run: no results file, no temporary, a message saying what it was doing.
sed -e "s|OUT|$T/int.dat|" -e 's/epochs: 2/epochs: 200/' -e 's/train_limit: 3000/train_limit: 0/' "$T/tiny.yaml" > "$T/int.yaml"
"$B"/bin/msd_table1 "$T/int.yaml" > "$T/int.out" 2>&1 &
pid=$!; sleep 2; kill -TERM $pid; wait $pid; rc=$?
if [ $rc -ne 0 ] && [ ! -e "$T/int.dat" ] && ! ls "$T" | grep -q 'tmp\.' && grep -q "interrupted by signal 15 at epoch" "$T/int.out"; then
  pass "SIGTERM: clean stop, no results file, says where"
else fail "SIGTERM: clean stop" "rc=$rc $(cat "$T/int.out")"; fi
echo "old" > "$T/keep.dat"
sed -e "s|$T/int.dat|$T/keep.dat|" "$T/int.yaml" > "$T/keep.yaml"
"$B"/bin/msd_table1 "$T/keep.yaml" >/dev/null 2>&1 &
pid=$!; sleep 2; kill -INT $pid; wait $pid
[ "$(cat "$T/keep.dat")" = old ] && pass "SIGINT: an existing results file is left intact" || fail "SIGINT keeps old file" "changed"

# Unwritable results folder.
sed "s|OUT|/proc/speclab/x.dat|" "$T/tiny.yaml" | sed 's/train_limit: 3000/train_limit: 500/; s/seeds: 2/seeds: 1/' > "$T/ro.yaml"
expect_fail "unwritable results folder: clear error" "cannot write the results file /proc/speclab/x.dat" "$B"/bin/msd_table1 "$T/ro.yaml"

# Full disk, simulated by a file-size limit: the write fails with a clear
# error and the previous results file survives.
echo "previous" > "$T/full.dat"
sed "s|OUT|$T/full.dat|" "$T/tiny.yaml" | sed 's/train_limit: 3000/train_limit: 500/; s/seeds: 2/seeds: 1/' > "$T/full.yaml"
out=$( (ulimit -f 0; "$B"/bin/msd_table1 "$T/full.yaml") 2>&1 ); rc=$?
if [ $rc -ne 0 ] && grep -q "writing results file .* failed: File too large" <<<"$out" && [ "$(cat "$T/full.dat")" = previous ] \
   && ! ls "$T" | grep -q 'full.dat.tmp'; then pass "full disk: clear error, old results kept, no temporary left"
else fail "full disk" "rc=$rc $out"; fi
"$B"/bin/check --verify "$T/a.dat" && head -n -1 "$T/a.dat" > "$T/edited.dat" && ! "$B"/bin/check --verify "$T/edited.dat" 2>/dev/null \
  && pass "plot guard: check --verify refuses a truncated results file" || fail "plot guard" "verify accepted a truncated file"

# Sweep drivers (Figs. 5-7): a tiny non-linear sweep; every run's retracted
# network must score exactly as the extended one, and each (mode, arch) gets a summary.
cat > "$T/sweep.yaml" <<Y
seed: 5
output: $T/sweep.dat
title: a test sweep
seeds: 2
modes: [spectral_eig, direct_subset, spectral_full]
sweep: [[784, 30, 20, 10], [784, 60, 20, 10]]
inset: {arch: 1, bins: 20}
data: {set: mnist, dir: data/mnist, train_limit: 2000}
network: {acts: [identity, relu, identity], eig_groups_first: [lambda_out], eig_groups: [lambda_out]}
train: {epochs: 1, batch: 250, optimiser: adamax, lr: 0.01}
Y
if "$B"/bin/msd_sweep "$T/sweep.yaml" 2>/dev/null && "$B"/bin/check --verify "$T/sweep.dat"; then
  runs=$(awk '$1=="run"' "$T/sweep.dat" | wc -l); sums=$(awk '$1=="summary"' "$T/sweep.dat" | wc -l)
  bad=$(awk '$1=="run" && $6 != $7' "$T/sweep.dat" | wc -l)
  ntr=$(awk '$1=="run" && $2=="spectral_eig" && $3==0 {print $4; exit}' "$T/sweep.dat")
  [ "$runs" = 12 ] && [ "$sums" = 6 ] && [ "$bad" = 0 ] && [ "$ntr" = 60 ] \
    && pass "sweep: retracted = extended accuracy for every run; N2+N3+N4 eigenvalues trained" \
    || fail "sweep" "runs=$runs summaries=$sums mismatched=$bad n_trained=$ntr"
  awk '$1=="inset"' "$T/sweep.dat" | grep -q . && pass "sweep: inset histogram written" || fail "sweep: inset" "none"
else fail "sweep driver runs" "$("$B"/bin/msd_sweep "$T/sweep.yaml" 2>&1 | tail -2)"; fi
sed -e 's/acts: \[identity, relu, identity\], //' -e 's/sweep: .*/sweep: [[784, 20, 10], [784, 20, 15, 10]]/' "$T/sweep.yaml" > "$T/deep.yaml"
"$B"/bin/msd_sweep "$T/deep.yaml" --output "$T/deep.dat" 2>/dev/null && [ "$(awk '$1=="run" && $6 != $7' "$T/deep.dat" | wc -l)" = 0 ] \
  && pass "sweep: mixed depths (Fig. 6), linear chains retract exactly" || fail "sweep: mixed depths" "$(tail -3 "$T/deep.dat")"

# The claims checker (every test kind, corrupted results, mismatches whose
# observed test no longer holds): tests/test_claims.c.

exit $failed
