#!/usr/bin/env bash
# Coverage tables (scripts/report.sh, table kind `coverage`): every statement of
# paper/KEY/coverage.txt appears with its claims' verdict (match, mismatch, or
# not checkable with the reason); a statement naming an unknown claim, or with
# neither a claim nor a reason, fails the report; every paper has a coverage
# table in its report. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
mkdir -p "$T/paper/x"
printf '# speclab-results v1\n# driver: test\n# commit: 0123456789ab\n# rows: 2\n# columns: v name val\nv a 1\nv b 2\n' >"$T/r.dat"
cat >"$T/paper/x/claims.yaml" <<EOC
claims:
  - {id: x.ok, kind: paper, text: t, results: $T/r.dat, row: [v, a], column: val, aggregate: mean, test: at_least, threshold: 1, control: {transform: zero}}
  - {id: x.off, kind: paper, text: t, results: $T/r.dat, row: [v, b], column: val, aggregate: mean, test: at_most, threshold: 1, expect: mismatch, note: n, observed: {test: at_least, value: 2}}
EOC
cov() { printf '%s\n' "$@" >"$T/paper/x/coverage.txt"; }
rep() { printf '# x\n\n<!-- table coverage %s -->\n<!-- /table -->\n' "$T/paper/x/coverage.txt" >"$T/paper/x/report.md"
        REPORT="$T/paper/x/report.md" scripts/report.sh 2>&1; }
cov '# a comment' 'Sec. 1 | holds | x.ok |' 'Fig. 2 | fails | x.off x.ok |' 'Fig. 3 | a prospect | - | no experiment'
out=$(rep)
r=$(cat "$T/paper/x/report.md")
if grep -q '| Sec. 1 | holds | `x.ok` | match |' <<<"$r" && grep -q '| Fig. 2 | fails | `x.off` `x.ok` | mismatch (1 of 2 claims); 1 match |' <<<"$r" \
   && grep -q '| Fig. 3 | a prospect | — | not checkable: no experiment |' <<<"$r" && grep -q '^3 statements: 2 with claims (1 with a mismatch' <<<"$r"; then
  pass "coverage: each statement with its claims' verdict, mismatches and not-checkable ones listed"
else fail "coverage: each statement with its claims' verdict" "$out $r"; fi
# a statement tested only by sanity checks (true by construction) is not counted as a match
cat >>"$T/paper/x/claims.yaml" <<EOC
  - {id: x.san, kind: sanity, text: t, results: $T/r.dat, row: [v, a], column: val, aggregate: max, test: at_most, threshold: 1, note: by construction}
EOC
cov 'Sec. 1 | a theorem | x.san |' 'Sec. 2 | holds | x.ok x.san |'
out=$(rep)
r=$(cat "$T/paper/x/report.md")
if grep -q '| Sec. 1 | a theorem | `x.san` | holds by construction (sanity checks: no evidence) |' <<<"$r" \
   && grep -q '| Sec. 2 | holds | `x.ok` `x.san` | match (and 1 sanity check, by construction) |' <<<"$r" \
   && grep -q '^2 statements: 1 with claims (0 with a mismatch, 0 undecided), 0 not checkable, 1 true by construction' <<<"$r"; then
  pass "coverage: a statement with only sanity checks reads 'holds by construction', not match"
else fail "coverage: sanity checks" "$out $r"; fi
cov 'Sec. 1 | holds | x.nosuch |'
out=$(rep); rc=$?
[ $rc -ne 0 ] && grep -q "no claim x.nosuch" <<<"$out" && pass "coverage: an unknown claim id fails the report" || fail "coverage: unknown id" "rc=$rc $out"
cov 'Sec. 1 | nothing said | - |'
out=$(rep); rc=$?
[ $rc -ne 0 ] && grep -q "needs the reason" <<<"$out" && pass "coverage: a statement without a claim needs its reason" || fail "coverage: no reason" "rc=$rc $out"
cov 'Sec. 1 | two fields'
out=$(rep); rc=$?
[ $rc -ne 0 ] && grep -q "want WHERE" <<<"$out" && pass "coverage: a malformed line fails" || fail "coverage: malformed" "rc=$rc $out"
# every paper's report has its coverage table, from its own coverage file
miss=""
for d in paper/*/; do
  k=$(basename "$d")
  [ -f "$d/claims.yaml" ] || continue
  { [ -f "$d/coverage.txt" ] && grep -qF "<!-- table coverage paper/$k/coverage.txt -->" "$d/report.md"; } || miss+=" $k"
done
[ -z "$miss" ] && pass "coverage: every paper has a coverage table in its report" || fail "coverage: missing for" "$miss"
