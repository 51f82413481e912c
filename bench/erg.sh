#!/usr/bin/env bash
# Issue 4 bench: CUE/COE/CSE generation + eigenvalues at N = 1024, 4 matrices
# per ensemble; speclab (both constructions) beside NumPy (the published
# construction), 2 threads each. Target (issue 25): speclab's bristol at least
# 5x faster for every ensemble.
set -euo pipefail
B=${1:-build}
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
ours=$("$B"/bench/bench_erg bristol 1024)
haar=$("$B"/bench/bench_erg haar 1024)
theirs=$(cd bench && "${PYTHON:-/usr/bin/python3}" erg_numpy.py)
printf '%-36s %10s %10s %10s %8s\n' "N = 1024, 4 matrices" "NumPy" "speclab" "(haar)" "ratio"
ok=1
for e in CUE COE CSE; do
  a=$(awk -v e=$e '$1==e {print $2}' <<<"$theirs"); b=$(awk -v e=$e '$1==e {print $2}' <<<"$ours")
  h=$(awk -v e=$e '$1==e {print $2}' <<<"$haar")
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1f", a/b}')
  awk -v r="$r" 'BEGIN {exit !(r >= 5)}' || ok=0
  printf '%-36s %9.2fs %9.2fs %9.2fs %7sx\n' "  $e (published construction)" "$a" "$b" "$h" "$r"
done
[ $ok = 1 ] && echo "  verdict: target (>= 5x) met" || echo "  verdict: TARGET MISSED (>= 5x for every ensemble)"
echo "  (CSE: eigenvalues read off U, the 2N x 2N matrix not formed; COE: zgeev of Uᵀ∘U, a complex symmetric non-normal matrix, is the floor)"
