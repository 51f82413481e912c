#!/usr/bin/env bash
# bench/paired.awk, the verdict of make bench-ab (bench/ab.sh): the median of
# the rounds' REF/HEAD ratios with its sign-test 95 % interval (binomial
# ranks), checked on known inputs against the ranks worked out in the comments. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
got() { awk -f bench/paired.awk; }
# ratios 1.01 .. 1.20 in shuffled order: n = 20, P(B <= 5) = 0.0207 <= 0.025 < P(B <= 6) = 0.0577,
# so k = 6: the interval is [q_(6), q_(15)] = [1.06, 1.15], median (1.10 + 1.11) / 2
out=$(for i in 7 3 19 1 12 20 5 14 9 2 16 11 4 18 8 13 6 17 10 15; do echo "$(awk -v i=$i 'BEGIN {print 1 + i / 100}') 1"; done | got)
[ "$out" = "    1.10 [ 1.060,  1.150] HEAD faster" ] && pass "paired: n = 20 interval is the 6th and 15th ratio, median of the middle two" || fail "paired n=20" "$out"
# n = 6: P(B = 0) = 1/64 <= 0.025 < 7/64, k = 1: the extremes
out=$(printf '2 1\n1 1.25\n1 1.1\n1 1.2\n1 1.05\n1 1.3\n' | got)
[ "$out" = "    0.87 [ 0.769,  2.000] within noise" ] && pass "paired: n = 6 interval is the extremes; holding 1 is within noise" || fail "paired n=6" "$out"
out=$(printf '1 1.25\n1 1.1\n1 1.2\n1 1.05\n1 1.3\n1 1.02\n' | got)
case $out in *"HEAD slower") pass "paired: every round slower is HEAD slower" ;; *) fail "paired slower" "$out" ;; esac
# n = 5 cannot give a 95 % interval (P(B = 0) = 1/32 > 0.025)
out=$(printf '1 2\n1 2\n1 2\n1 2\n1 2\n' | got)
case $out in *"undecided (too few rounds)") pass "paired: 5 rounds are undecided, even all slower" ;; *) fail "paired n=5" "$out" ;; esac
# a round missing one side (a bench that failed) is left out, not read as 0
out=$(printf '1 1\n 1\n1 1\n1 1\n1 1\n1 1\n1 1\n' | got)
case $out in *"within noise") pass "paired: rounds with both sides only" ;; *) fail "paired missing" "$out" ;; esac
# bench/best.awk, the best of each side: a blank line (the here-string's last
# newline, as ab.sh feeds it) is not a round; it read as 0 and emptied the
# best, so every bench printed "skipped: not in both trees"
out=$(printf '0.6 0.7\n0.5 0.9\n\n' | awk -f bench/best.awk)
[ "$out" = "0.5 0.7" ] && pass "best.awk: the smallest of each side, a blank line ignored" || fail "best.awk blank line" "$out"
out=$(printf -- '- 0.7\n- 0.6\n' | awk -f bench/best.awk)
[ "$out" = "- 0.6" ] && pass "best.awk: a side that never ran is '-'" || fail "best.awk missing side" "$out"
