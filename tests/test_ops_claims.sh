#!/usr/bin/env bash
# ops drivers and their claims: every row kind a driver writes has a
# `# columns (KIND):` line without a repeated name, and every ops claim
# (paper/ops/claims.yaml) finds its rows and columns in
# small runs of the drivers (verdicts at this scale are not tested). A few
# seconds. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
small="--set data.train_limit=1000"
run() { # driver, overrides...
  local d=$1; shift
  if "$B/bin/$d" "experiments/ops/${d#ops_}.yaml" $small "$@" --output "$T/$d.dat" >"$T/$d.log" 2>&1; then return 0; fi
  fail "$d: small run" "$(tail -3 "$T/$d.log")"
  return 1
}
run ops_composition --set train.epochs=1
run ops_drift --set train.epochs=10 --set seeds=2   # the claims compare epoch 0 with epoch 10 over the seeds
run ops_constraint --set 'bounds=[0.0625, 16]' --set train.epochs=1
run ops_ergodicity --set 'widths=[16, 32, 64]' --set members=3 --set train.epochs=1

# every data row's kind declared once, with distinct column names
for d in ops_composition ops_drift ops_constraint ops_ergodicity; do
  f="$T/$d.dat"
  [ -s "$f" ] || continue
  why=$(awk '
    /^# columns \(/ { k = $3; sub(/^\(/, "", k); sub(/\):$/, "", k); n[k]++
                      delete seen; for (i = 4; i <= NF && $i !~ /^\(/; i++) { if (seen[$i]++) print "repeated column " $i " for " k }
                      if ($4 != k) print "first name of " k " is " $4; next }
    /^#/ || NF == 0 { next }
    { used[$1] = 1 }
    END { for (k in used) if (n[k] != 1) print "row kind " k " declared " n[k] + 0 " times" }' "$f")
  if [ -z "$why" ]; then pass "$d: every row kind declares its columns once, names distinct"
  else fail "$d: every row kind declares its columns once, names distinct" "$why"; fi
done

claims=paper/ops/claims.yaml
sed "s|results/ops_|$T/ops_|" "$claims" > "$T/claims.yaml"
want=$(grep -c '^  - id: ops\.' "$claims")
"$B"/bin/check --tsv "$T/claims.yaml" ops. > "$T/check.tsv" 2>"$T/check.err"
rc=$?
got=$(tail -n +2 "$T/check.tsv" | grep -c '^ops\.')
nodata=$(grep -F 'NO VALID DATA' "$T/check.tsv" | cut -f1,6 | head -5)
if [ "$rc" -le 1 ] && [ "$want" -gt 0 ] && [ "$got" -eq "$want" ] && [ -z "$nodata" ]; then
  pass "ops claims: all $want parse and evaluate on small runs of the drivers"
else
  fail "ops claims: all parse and evaluate on small runs of the drivers" \
    "check rc=$rc, $got of $want claims; $nodata $(cat "$T/check.err")"
fi
