#!/usr/bin/env bash
# nne drivers: thread-count independence and bad input. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
strip() { grep -vE '^# (date|wall_time_s|threads|config|kernel nnz)' "$1" | grep -v '^ek '; }

sed -e "s|results/nne_heat_nonuniform.dat|$T/a.dat|" -e 's/^points: 10000/points: 3000/' \
  experiments/nne/heat_nonuniform.yaml > "$T/h.yaml"
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 "$B"/bin/nne_heat "$T/h.yaml" 2>/dev/null
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$B"/bin/nne_heat "$T/h.yaml" --output "$T/b.dat" 2>/dev/null
if [ -s "$T/a.dat" ] && diff <(strip "$T/a.dat") <(strip "$T/b.dat") >/dev/null; then
  pass "nne_heat_nonuniform: identical data lines with 2 threads and 1"
else fail "nne_heat_nonuniform: identical data lines with 2 threads and 1" "$(diff <(strip "$T/a.dat") <(strip "$T/b.dat") | head -4)"; fi

sed 's/shift: 1.0001/shift: 0.5/' "$T/h.yaml" > "$T/bad1.yaml"
expect_fail "nne: a shift-invert shift below 1 is a config error" "must be 0 (regular mode) or > 1" \
  "$B"/bin/nne_heat "$T/bad1.yaml"
sed 's/^eigenpairs: 7/eigenpairz: 7/' "$T/h.yaml" > "$T/bad2.yaml"
expect_fail "nne: a misspelt key is an error" "unknown key 'eigenpairz'" "$B"/bin/nne_heat "$T/bad2.yaml"
sed 's/solver: sparse/solver: magic/' "$T/h.yaml" > "$T/bad3.yaml"
expect_fail "nne: an unknown solver names the choices" "sparse, dense" "$B"/bin/nne_heat "$T/bad3.yaml"
sed -e "s|results/nne_clusters.dat|$T/c.dat|" -e 's/factor: \[0.2, 0.5\]/factor: [0.2]/' experiments/nne/clusters.yaml > "$T/bad4.yaml"
expect_fail "nne_clusters: factor and noise lists of different lengths" "same length" "$B"/bin/nne_clusters "$T/bad4.yaml"

# nne_eigen with SpectralNet rows at two scales, tiny: every row kind present, labelled by the factor
sed -e "s|results/nne_eigen.dat|$T/e.dat|" -e 's/^points: 10000/points: 600/' -e 's/^k_max: 11/k_max: 5/' \
    -e 's/^  points: \[.*\]/  points: [300]/' -e 's/^  samples: 3 /  samples: 1 /' -e 's/epochs: 70/epochs: 3/' \
    -e 's/^  k: \[.*\]/  k: [1, 3]/' -e 's/^  ortho_batches: \[.*\]/  ortho_batches: [64, 512]/' \
    experiments/nne/eigen.yaml > "$T/e.yaml"
if "$B"/bin/nne_eigen "$T/e.yaml" 2>"$T/e.err"; then
  got=$(for f in 1 400; do for r in strain seig sk so; do printf '%s/%s:%s ' $r $f "$(awk -v r=$r -v f=$f '$1 == r && $2 == f' "$T/e.dat" | wc -l)"; done; done)
  want="strain/1:3 seig/1:5 sk/1:2 so/1:2 strain/400:3 seig/400:5 sk/400:2 so/400:2 "
  # the traced training (k = 5, ortho batch 512) is the so row at 512: same orthogonality
  same=$(awk '$1 == "so" && $2 == 1 && $3 == 512 {print $4}' "$T/e.dat")
  [ "$got" = "$want" ] && [ -n "$same" ] && grep -q "^# columns: .*| sk factor k eig_err" "$T/e.dat" \
    && pass "nne_eigen: SpectralNet rows per scale (trace per epoch, 5 eigenvalues, k sweep, batch sweep)" \
    || fail "nne_eigen: SpectralNet rows per scale" "got $got; want $want"
else fail "nne_eigen: small run" "$(tail -3 "$T/e.err")"; fi
expect_fail "nne_eigen: snet.eps_factor is refused (the factors are snet_sweep.eps_factors)" "set those instead" \
  "$B"/bin/nne_eigen "$T/e.yaml" --set snet.eps_factor=400
expect_fail "nne_eigen: trace_k above k_max is refused" "must be at most k_max" \
  "$B"/bin/nne_eigen "$T/e.yaml" --set snet_sweep.trace_k=7
