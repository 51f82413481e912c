# header.sh — sourced by bench/run.sh and bench/ab.sh: the provenance block of
# results/bench.txt and results/bench-ab.txt. bench_header BUILD TITLE prints
#   # TITLE, then commit (with "-dirty" by scripts/dirty.sh), date, machine,
#   threads, BLAS library and core, seeds, config;
# the caller adds "# wall_time_s:" when the run is over (bench_wall FILE T0).
# Commit and machine lines: scripts/provenance.sh (as results/figures-run.txt).
. scripts/provenance.sh
bench_header() {
  local b=$1
  echo "# $2"
  echo "# commit: $(prov_commit)"
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(prov_machine)"
  echo "# threads: OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=2 unless a line says otherwise"
  echo "# blas: $("$b"/bench/sgemm_peak 64 | sed -n 's/^blas //p') (speclab: sl_blas.h's policy; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
  echo "# blas (baselines: the kernels OpenBLAS picks for this CPU, as a NumPy or PyTorch linked to Debian's OpenBLAS loads them): $("$b"/bench/sgemm_peak --native 64 | sed -n 's/^blas //p')"
  echo "# seeds: fixed in each bench program (bench/*.c, bench/*.py)"
  echo "# config: bench/*.sh and the configs they name, at the commit above"
}
# bench_wall FILE T0: "# wall_time_s: now − T0" inserted after FILE's "# date:" line
bench_wall() { sed -i "/^# date: /a # wall_time_s: $(( $(date +%s) - $2 ))" "$1"; }
