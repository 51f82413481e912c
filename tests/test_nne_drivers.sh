#!/usr/bin/env bash
# nne drivers: thread-count independence and bad input. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
strip() { grep -vE '^# (date|wall_time_s|threads|config|kernel nnz)' "$1" | grep -v '^ek '; }

sed -e "s|results/nne_heat_nonuniform.dat|$T/a.dat|" -e 's/^points: 10000/points: 3000/' \
  experiments/nne_heat_nonuniform.yaml > "$T/h.yaml"
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 "$B"/bin/nne_heat_nonuniform "$T/h.yaml" 2>/dev/null
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$B"/bin/nne_heat_nonuniform "$T/h.yaml" --output "$T/b.dat" 2>/dev/null
if [ -s "$T/a.dat" ] && diff <(strip "$T/a.dat") <(strip "$T/b.dat") >/dev/null; then
  pass "nne_heat_nonuniform: identical data lines with 2 threads and 1"
else fail "nne_heat_nonuniform: identical data lines with 2 threads and 1" "$(diff <(strip "$T/a.dat") <(strip "$T/b.dat") | head -4)"; fi

sed 's/shift: 1.0001/shift: 0.5/' "$T/h.yaml" > "$T/bad1.yaml"
expect_fail "nne: a shift-invert shift below 1 is a config error" "must be 0 (regular mode) or > 1" \
  "$B"/bin/nne_heat_nonuniform "$T/bad1.yaml"
sed 's/^eigenpairs: 7/eigenpairz: 7/' "$T/h.yaml" > "$T/bad2.yaml"
expect_fail "nne: a misspelt key is an error" "unknown key 'eigenpairz'" "$B"/bin/nne_heat_nonuniform "$T/bad2.yaml"
sed 's/solver: sparse/solver: magic/' "$T/h.yaml" > "$T/bad3.yaml"
expect_fail "nne: an unknown solver names the choices" "sparse, dense" "$B"/bin/nne_heat_nonuniform "$T/bad3.yaml"
sed -e "s|results/nne_clusters.dat|$T/c.dat|" -e 's/factor: \[0.2, 0.5\]/factor: [0.2]/' experiments/nne_clusters.yaml > "$T/bad4.yaml"
expect_fail "nne_clusters: factor and noise lists of different lengths" "same length" "$B"/bin/nne_clusters "$T/bad4.yaml"
