# paired.awk — is HEAD slower than REF? Input: one line per round, "REF_SECONDS
# HEAD_SECONDS" of the two runs made side by side in that round (bench/ab.sh).
# Output: the median of the rounds' ratios REF/HEAD, its distribution-free 95 %
# interval and a verdict.
#
# The interval is [q_(k), q_(n+1-k)] of the sorted ratios, k the largest rank
# with P(Binomial(n, 1/2) <= k - 1) <= 0.025: it holds the population median
# with probability >= 95 % whatever the ratios' distribution (the sign test's
# interval; rounds need only be independent). Verdict: "HEAD slower" when the
# interval lies below 1, "HEAD faster" above 1, "within noise" when it holds 1,
# "undecided" when fewer than 6 rounds cannot give a 95 % interval at all.
NF == 2 && $1 > 0 && $2 > 0 { q[++n] = $1 / $2 }
END {
  if (n == 0) { print "-"; exit }
  for (i = 2; i <= n; i++) { v = q[i]; for (j = i - 1; j >= 1 && q[j] > v; j--) q[j + 1] = q[j]; q[j + 1] = v }
  med = (n % 2) ? q[(n + 1) / 2] : (q[n / 2] + q[n / 2 + 1]) / 2
  k = 0; c = 0; p = 0.5 ^ n                 # p = P(B = j), c = P(B <= j)
  for (j = 0; j < n; j++) { c += p; if (c > 0.025) break; k = j + 1; p = p * (n - j) / (j + 1) }
  if (k == 0) { printf "%8.2f %-17s %s\n", med, "-", "undecided (too few rounds)"; exit }
  lo = q[k]; hi = q[n + 1 - k]
  v = (hi < 1) ? "HEAD slower" : (lo > 1) ? "HEAD faster" : "within noise"
  printf "%8.2f [%6.3f, %6.3f] %s\n", med, lo, hi, v
}
