# provenance.sh — sourced by the scripts that write a provenance block of
# their own (the C drivers' headers come from src/core/sl_results.c):
# scripts/figures.sh (results/figures-run.txt) and bench/header.sh
# (results/bench.txt, results/bench-ab.txt), so both say the same about the
# commit and the machine. Run from the repository's top folder.
#   prov_commit   the 12-digit commit, "-dirty" appended when tracked files
#                 outside results/ and paper/ differ from it (scripts/dirty.sh);
#                 "unknown" outside a git checkout
#   prov_machine  "N cores, M GiB, MODEL (family F, model M, AVX-512 | AVX2, no
#                 AVX-512)": the CPU as OpenBLAS sees it (its kernels, and so
#                 timings and ratios, differ between e.g. Zen 3 and Zen 4)
prov_commit() {
  echo "$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$([ -z "$(scripts/dirty.sh)" ] || echo -dirty)"
}
prov_machine() {
  local f
  f() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'; }
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(f 'model name') (family $(f 'cpu family'), model $(f 'model[[:space:]]*:'), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo 'AVX2, no AVX-512'))"
}
