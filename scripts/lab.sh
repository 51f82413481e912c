#!/usr/bin/env bash
# lab.sh — the teaching labs (README, "Teaching"). A lab is a handout
# paper/KEY/lab.md or paper/KEY/lab-X.md (lab id KEY or KEY-X), found like
# the rest of a paper: no list of labs anywhere.
#   experiments/KEY/lab/NAME.yaml     its lab-scale configs (`driver:` names the
#                                     binary); lab KEY-X owns those named X_*.yaml,
#                                     lab KEY every one. Not figures: figure
#                                     discovery reads experiments/KEY/*.yaml only.
#   experiments/KEY/lab/exercises.txt "EX NAME OVERRIDE" lines: exercise EX
#                                     (ex1, ex2, ...) reruns config NAME with the
#                                     override(s) into results/labs/KEY_NAME_EX.dat
#   experiments/KEY/lab/quick.txt     "NAME OVERRIDE": smoke scale (CI)
#   plots/KEY/lab/NAME.gp             reads results/labs/KEY_NAME.dat, writes .png/.pdf
#   paper/KEY/lab[-X]-claims.yaml       what the lab's runs and each exercise are expected
#   (lab KEY-X: lab-X-claims.yaml)    to show, every claim with a control; checked by
#                                     `make labs` (not by `make check`: results/labs/)
#
#   scripts/lab.sh list                         every lab: id, title
#   (run KEY, KEY a paper with labs lab-X.md only, runs each of them)
#   scripts/lab.sh run LAB [--ex EX|--all] [--only NAME] [--quick] [--set K=V]...
#        the lab's configs (--ex: exercise EX only; --all: configs and every
#        exercise; --only: config NAME only) into results/labs/; --quick into
#        results-quick/labs/; --set (the student's own change) into
#        results-scratch/labs/
#   scripts/lab.sh check LAB     its claims (check on paper/KEY/lab[-X]-claims.yaml: lab-a-claims.yaml for lab msd-a)
#   scripts/lab.sh fill LAB      its handout's <!--v ...--> numbers from results/labs/
#   scripts/lab.sh all [--quick] every lab with every exercise, then (not --quick)
#        each lab's claims checked and its handout filled (`make labs`);
#        without --quick refused while tracked files outside results/ and
#        paper/ differ from HEAD (SL_ALLOW_DIRTY=1 overrides)
# Env: BUILD (build), SL_LOG (a file for the drivers' output).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}

labs() { # every lab id, from the handouts
  local f k b
  for f in paper/*/lab.md paper/*/lab-*.md; do
    [ -e "$f" ] || continue
    k=$(basename "$(dirname "$f")"); b=$(basename "$f" .md)
    if [ "$b" = lab ]; then echo "$k"; else echo "$k-${b#lab-}"; fi
  done
}
handout() { local k=${1%%-*}; [[ $1 == *-* ]] && echo "paper/$k/lab-${1#*-}.md" || echo "paper/$k/lab.md"; }
claims() { local h; h=$(handout "$1"); echo "${h%.md}-claims.yaml"; }
configs() { # LAB -> its config names (NAME of experiments/KEY/lab/NAME.yaml)
  local k=${1%%-*} p="" c
  [[ $1 == *-* ]] && p="${1#*-}_"
  for c in experiments/"$k"/lab/"$p"*.yaml; do [ -e "$c" ] && basename "$c" .yaml; done
}
lines() { # FILE NAME [EX] -> the overrides of NAME (of exercise EX) in FILE, one a line
  [ -r "$1" ] || return 0
  if [ $# -eq 2 ]; then awk -v n="$2" '$1 == n { sub(/^[^ ]+ /, ""); print }' "$1"
  else awk -v n="$2" -v e="$3" '$1 == e && $2 == n { sub(/^[^ ]+ [^ ]+ /, ""); print }' "$1"; fi
}
valid() { # LAB
  [[ $1 =~ ^[a-z0-9]+(-[a-z])?$ ]] && [ -r "$(handout "$1")" ] ||
    { echo "lab: no lab '$1' (labs: $(labs | tr '\n' ' '))" >&2; exit 2; }
}

# one run: NAME (config) SUFFIX (""/_exN) OUT extra-args...
one() {
  local k=$1 name=$2 sfx=$3 out=$4; shift 4
  local cfg=experiments/$k/lab/$name.yaml id=${k}_$name$sfx drv
  drv=$("$B/bin/check" --driver "$cfg")
  [ -x "$B/bin/$drv" ] || { echo "lab: $cfg names driver $drv: no $B/bin/$drv (make all)" >&2; exit 2; }
  mkdir -p "$out"
  local t0=$SECONDS
  echo "lab: $id: build/bin/$drv $cfg $* --output $out/$id.dat"
  if [ -n "${SL_LOG:-}" ]; then "$B/bin/$drv" "$cfg" "$@" --output "$out/$id.dat" >>"$SL_LOG" 2>&1
  else "$B/bin/$drv" "$cfg" "$@" --output "$out/$id.dat" >/dev/null; fi
  "$B/bin/check" --verify "$out/$id.dat" >/dev/null
  echo "lab: $id: $((SECONDS - t0)) s"
  local gp=plots/$k/lab/$name.gp
  [ -z "$sfx" ] && [ -r "$gp" ] || return 0
  # the plot scripts read and write results/labs/ID.*: from a folder where that is OUT
  local d; d=$(mktemp -d)
  mkdir -p "$d/results"
  ln -s "$(cd "$out" && pwd)" "$d/results/labs"
  ln -s "$PWD/plots" "$d/plots"
  (cd "$d" && gnuplot "$gp") || { rm -rf "$d"; echo "lab: plot $gp failed" >&2; exit 1; }
  rm -rf "$d"
  echo "lab: $id: figure $out/$id.png"
}

run() {
  local lab=$1; shift
  valid "$lab"
  local k=${lab%%-*} ex="" all=0 quick=0 only="" sets=() name o e
  while [ $# -gt 0 ]; do
    case $1 in
      --ex) ex=$2; shift ;;
      --all) all=1 ;;
      --only) only=$2; shift ;;
      --quick) quick=1 ;;
      --set) sets+=(--set "$2"); shift ;;
      *) echo "lab: unknown argument '$1'" >&2; exit 2 ;;
    esac; shift
  done
  local out=results/labs
  [ $quick = 1 ] && out=results-quick/labs
  [ ${#sets[@]} -gt 0 ] && out=results-scratch/labs
  local exf=experiments/$k/lab/exercises.txt qf=experiments/$k/lab/quick.txt
  local names; names=$(configs "$lab")
  [ -n "$names" ] || { echo "lab: $lab has no configs experiments/$k/lab/*.yaml" >&2; exit 2; }
  if [ -n "$ex" ]; then
    grep -q "^$ex " "$exf" 2>/dev/null || { echo "lab: $lab has no exercise '$ex' in $exf" >&2; exit 2; }
  fi
  if [ -n "$only" ]; then
    grep -qx "$only" <<<"$names" || { echo "lab: $lab has no config '$only' (its configs: $(echo $names))" >&2; exit 2; }
    names=$only
  fi
  for name in $names; do
    local q=()
    if [ $quick = 1 ]; then while IFS= read -r o; do q+=(--set "$o"); done < <(lines "$qf" "$name"); fi
    [ -n "$ex" ] || one "$k" "$name" "" "$out" "${q[@]}" "${sets[@]}"
    [ -n "$ex" ] || [ $all = 1 ] || continue
    for e in $(awk -v n="$name" '$2 == n { print $1 }' "$exf" 2>/dev/null | sort -u); do
      [ -z "$ex" ] || [ "$e" = "$ex" ] || continue
      local v=()
      while IFS= read -r o; do v+=(--set "$o"); done < <(lines "$exf" "$name" "$e")
      one "$k" "$name" "_$e" "$out" "${q[@]}" "${v[@]}" "${sets[@]}"
    done
  done
  [ "$out" = results/labs ] || echo "lab: $lab written to $out/ (the handout and its checks read results/labs/)"
}

case ${1:-} in
list)
  for l in $(labs); do printf '%s|%s\n' "$l" "$(sed -n '1{s/^#* *//;p}' "$(handout "$l")")"; done ;;
run) shift; [ $# -ge 1 ] || { echo "usage: scripts/lab.sh run LAB [--ex EX|--all] [--quick] [--set K=V]..." >&2; exit 2; }
  # a paper key whose labs are lab-X.md (msd): every one of them
  if [[ $1 =~ ^[a-z0-9]+$ ]] && [ ! -e "paper/$1/lab.md" ] && subs=$(labs | grep "^$1-") && [ -n "$subs" ]; then
    k=$1; shift
    for l in $subs; do
      if [ $# -gt 0 ]; then run "$l" "$@"; else run "$l"; fi
    done
  else run "$@"; fi ;;
check)
  # its claims, strictly (each with a control, none undecided), and its
  # prose: every number generated (<!--v ...-->) or in `code` (scripts/numbers.sh)
  valid "${2:-}"; c=$(claims "$2")
  [ -r "$c" ] || { echo "lab: $2 has no $c" >&2; exit 1; }
  "$B/bin/check" --strict "$c"
  NUMBERS_BASELINE=/dev/null scripts/numbers.sh --check "$(handout "$2")" >/dev/null ;;
fill)
  valid "${2:-}"; REPORT=$(handout "$2") scripts/report.sh ;;
all)
  quick=${2:-}; bad=0
  # the committed lab results come from committed code only (as make figures)
  if [ -z "$quick" ]; then
    scripts/dirty.sh --refuse labs results/labs/ \
      "commit them first (QUICK=1 writes results-quick/labs/; SL_ALLOW_DIRTY=1 overrides)" || exit 2
  fi
  for l in $(labs); do
    t0=$SECONDS
    run "$l" --all $quick
    echo "lab: $l: ran in $((SECONDS - t0)) s"
    [ -z "$quick" ] || continue
    "$0" check "$l" || bad=1
    "$0" fill "$l" || bad=1
  done
  [ $bad = 0 ] || { echo "labs: some lab's claims fail (above)" >&2; exit 1; }
  echo "labs: every lab ran$([ -n "$quick" ] && echo ' at smoke scale (results-quick/labs/; claims not checked)' || echo ', its claims hold and its handout is filled')" ;;
*) echo "usage: scripts/lab.sh list | run LAB [--ex EX|--all] [--quick] [--set K=V]... | check LAB | fill LAB" >&2; exit 2 ;;
esac
