#!/usr/bin/env bash
# ab.sh — speclab against an earlier speclab, side by side: did a change make
# us slower? `make bench` compares us with PyTorch/NumPy/SciPy, and those
# ratios move by 20-40 % between days on shared virtual machines (the
# baseline's time moves as much as ours), so a ratio lower than a committed
# results/bench.txt does not say whether our code got slower. This script
# answers that: it builds REF in a temporary worktree and runs our side of
# each bench at REF and at the working tree, alternately, ROUNDS times (so
# both see the same machine state), and prints the best time of each side
# and REF/HEAD (above 1: HEAD is faster).
#
#   bench/ab.sh REF [ROUNDS] [BUILD]        (make bench-ab REF=... ROUNDS=...)
#
# Config paths are looked up in either layout (experiments/KEY/FIG.yaml, or
# experiments/KEY_FIG.yaml before the paper-folder layout); a bench whose
# binary or config REF lacks is skipped with a note. Threads as `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bench/ab.sh REF [ROUNDS] [BUILD]}
rounds=${2:-12}
B=${3:-build}
export OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
refsha=$(git rev-parse --verify -q "$ref^{commit}") || { echo "ab.sh: $ref is not a commit" >&2; exit 2; }
wt=$(mktemp -d /tmp/speclab-ab.XXXXXX)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"' EXIT
git worktree add -q --detach "$wt" "$refsha"
[ -e "$wt/data" ] || ln -s "$PWD/data" "$wt/data"
bins="bench_train bench_afr bench_erg bench_nne bench_snet"
make -s "$B/bench/sgemm_peak" >/dev/null   # the header names the BLAS core through it
for t in $bins; do
  [ -e "$wt/bench/$t.c" ] && make -s -C "$wt" "build/bench/$t" >/dev/null
  make -s "$B/bench/$t" >/dev/null
done

# cfg DIR KEY FIG: the config of KEY's FIG in the tree at DIR, either layout
cfg() { for c in "$1/experiments/$2/$3.yaml" "$1/experiments/$2_$3.yaml"; do
          [ -e "$c" ] && { echo "${c#"$1"/}"; return; }; done; }
# seconds of one run: a bench line, an awk program that prints its seconds
declare -a name prog cmd
add() { name+=("$1"); prog+=("$2"); cmd+=("$3"); }
add "msd table1 training (bench_train)"  '/^seconds/ {print $2}' 'bench_train @msd:table1 spectral_eig 3'
add "msd Fig. 7 epoch (bench_train)"     '/^seconds/ {print $2}' 'bench_train bench/msd_fig7_epoch.yaml spectral_eig 3'
add "afr Fig. 3 epoch (bench_afr)"       '/^seconds/ {print $2; exit}' 'bench_afr @afr:fig3 3'
add "erg CUE, 1024 (bench_erg)"          '$1 == "CUE" {print $2}' 'bench_erg bristol 1024'
add "erg COE, 1024 (bench_erg)"          '$1 == "COE" {print $2}' 'bench_erg bristol 1024'
add "erg CSE, 1024 (bench_erg)"          '$1 == "CSE" {print $2}' 'bench_erg bristol 1024'
add "nne dmaps uniform (bench_nne)"      '{print $2}' 'bench_nne uniform 10000 10 3 1.0001'
add "nne dmaps squared (bench_nne)"      '{print $2}' 'bench_nne squared 10000 10 3 1.0001'
add "SpectralNet epoch (bench_snet, 1 thread)" '{print $2}' 'OMP1 bench_snet 10000 5 3'

# run DIR BUILD I: the output of bench I's command in the tree at DIR, or "-"
# where it cannot run there (no config or binary)
run() {
  local d=$1 b=$2 words=() w env=()
  for w in ${cmd[$3]}; do
    case $w in
      OMP1) env=(OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1) ;;
      @*) k=${w#@}; c=$(cfg "$d" "${k%%:*}" "${k#*:}"); [ -n "$c" ] || { echo -; return; }; words+=("$c") ;;
      *) words+=("$w") ;;
    esac
  done
  [ -x "$d/$b/bench/${words[0]}" ] || { echo -; return; }
  (cd "$d" && env "${env[@]}" "$b/bench/${words[0]}" "${words[@]:1}" 2>/dev/null || true)
}
# secs OUTPUT I: bench I's seconds in OUTPUT, or "-"
secs() { local x=; [ "$1" = - ] || x=$(awk "${prog[$2]}" <<<"$1" | sed -n 1p); echo "${x:--}"; }
# best: lines "REF HEAD" (seconds or "-") -> the smallest of each column ("-" where none)
best() { awk -f bench/best.awk; }
# paired: lines "REF HEAD" (seconds of one round) -> median ratio, its 95 % interval, verdict
paired() { awk -f bench/paired.awk; }

. bench/header.sh
table() {
bench_header "$B" "make bench-ab: speclab (HEAD, the commit below) against speclab at REF, side by side"
echo "# ref: ${refsha:0:12} ($ref)"
echo "# rounds: $rounds (each side alternately, REF first; best time of each; REF/HEAD > 1: HEAD faster)"
echo "# paired: the median of the rounds' REF/HEAD ratios (round r's REF run beside its HEAD run) with its"
echo "#   distribution-free 95 % interval (order statistics, binomial ranks); verdict: slower when the interval"
echo "#   lies below 1, faster when above, within noise when it holds 1, undecided when the rounds are too few (< 6)"
printf '%-42s %10s %10s %8s %8s %-17s %s\n' "bench" "REF s" "HEAD s" "REF/HEAD" "median" "95 % interval" "verdict"
declare -a outa outh
for i in "${!name[@]}"; do
  # benches sharing a command (the three erg ensembles) share its runs
  if [ "$i" = 0 ] || [ "${cmd[$i]}" != "${cmd[$((i - 1))]}" ]; then
    echo "bench-ab: ${cmd[$i]} ..." >&2
    for ((r = 0; r < rounds; r++)); do outa[$r]=$(run "$wt" build "$i"); outh[$r]=$(run . "$B" "$i"); done
  fi
  pairs=
  for ((r = 0; r < rounds; r++)); do pairs+="$(secs "${outa[$r]}" "$i") $(secs "${outh[$r]}" "$i")"$'\n'; done
  read -r bref bhead <<<"$(best <<<"$pairs")"
  if [ "$bref" = - ] || [ "$bhead" = - ]; then
    printf '%-42s %10s %10s %8s\n' "${name[$i]}" "$bref" "$bhead" "(skipped: not in both trees)"
  else
    printf '%-42s %10.4f %10.4f %8.2f %s\n' "${name[$i]}" "$bref" "$bhead" "$(awk -v a="$bref" -v b="$bhead" 'BEGIN {print a / b}')" \
      "$(paired <<<"$pairs")"
  fi
done
}
t0=$(date +%s) o=$(mktemp)
trap 'rm -f "$o"; git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"' EXIT
table >"$o"
bench_wall "$o" "$t0"
cat "$o"
