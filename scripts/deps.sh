#!/usr/bin/env bash
# Install the Debian packages speclab needs, only those missing. Idempotent.
# SL_EXTRA_PKGS adds packages needed on demand only: texlive-* and pandoc (make
# paper, make labs-pdf: paper/make_paper.sh, paper/md2tex.sh), valgrind, clang.
set -euo pipefail
pkgs=(libgsl-dev liblapacke-dev libopenblas-dev libyaml-dev zlib1g-dev gnuplot-nox
      dataset-fashion-mnist nodejs npm libarpack2-dev)
[ -n "${SL_EXTRA_PKGS:-}" ] && pkgs+=($SL_EXTRA_PKGS)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm may come from outside Debian (e.g. a preinstalled node): accept them.
if command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -ra missing <<<"${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "speclab: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "speclab: cannot install ${missing[*]}: not root and no password-less sudo." >&2
  echo "         Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/speclab-apt.log 2>&1; then
  $SUDO apt-get update -q >/tmp/speclab-apt.log 2>&1 || true
  if ! $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/speclab-apt.log 2>&1; then
    echo "speclab: apt-get install ${missing[*]} failed; see /tmp/speclab-apt.log" >&2
    tail -5 /tmp/speclab-apt.log >&2
    exit 1
  fi
fi
