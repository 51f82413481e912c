#!/usr/bin/env bash
# The committed papers' claims (paper/*/claims.yaml on results/): every tested
# claim names a control (a null it must fail on) or is a sanity check (holds
# by construction, with its reason), and none passes its control. Fails when a
# control is removed from a claim, or breaks (void, or data it cannot find).
# PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
[ -x "$B/bin/check" ] || { fail "claims (paper): $B/bin/check missing" "run make all"; exit 0; }
out=$("$B/bin/check" paper 2>&1); rc=$?
sum=$(grep '^controls:' <<<"$out")
if [[ $sum =~ ^controls:\ ([0-9]+)\ of\ ([0-9]+)\ tested ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]; then
  pass "claims (paper): every tested claim names a control (${BASH_REMATCH[1]}; sanity checks apart)"
else fail "claims (paper): every tested claim names a control" "$sum"; fi
if [ $rc -eq 0 ] && ! grep -q 'VOID\|HAS NO VALID DATA' <<<"$out"; then pass "claims (paper): no claim passes its control, every control has data or is pending"
else fail "claims (paper): controls" "rc=$rc $(grep 'VOID\|NO VALID\|MISMATCH\|UNDECIDED' <<<"$out" | head -5)"; fi
# the rule the two checks above rest on: a claim without a control is listed by --strict
nc=$("$B/bin/check" --strict paper 2>&1 | grep -c 'NO CONTROL')
[ "$nc" = 0 ] && pass "claims (paper): check --strict lists no claim without a control" || fail "claims (paper): --strict" "$nc claims without a control"
