# header.sh — sourced by bench/run.sh and bench/ab.sh: the provenance block of
# results/bench.txt and results/bench-ab.txt. bench_header BUILD TITLE prints
#   # TITLE, then commit (with "-dirty" by scripts/dirty.sh), date, machine,
#   threads, BLAS library and core, seeds, config;
# the caller adds "# wall_time_s:" when the run is over (bench_wall FILE T0).
bench_header() {
  local b=$1 cpu
  cpu() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'; }
  echo "# $2"
  echo "# commit: $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$([ -z "$(scripts/dirty.sh)" ] || echo -dirty)"
  echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  # the CPU as OpenBLAS sees it: its kernels, and so the ratios, differ between e.g. Zen 3 and Zen 4
  echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(cpu 'model name') (family $(cpu 'cpu family'), model $(cpu 'model[[:space:]]*:'), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo 'AVX2, no AVX-512'))"
  echo "# threads: OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=2 unless a line says otherwise"
  echo "# blas: $("$b"/bench/sgemm_peak 64 | sed -n 's/^blas //p') (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
  echo "# seeds: fixed in each bench program (bench/*.c, bench/*.py)"
  echo "# config: bench/*.sh and the configs they name, at the commit above"
}
# bench_wall FILE T0: "# wall_time_s: now − T0" inserted after FILE's "# date:" line
bench_wall() { sed -i "/^# date: /a # wall_time_s: $(( $(date +%s) - $2 ))" "$1"; }
