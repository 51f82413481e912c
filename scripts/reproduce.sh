#!/usr/bin/env bash
# reproduce.sh KEY... — rerun each figure's driver on its committed config
# (output redirected to a temporary file) and compare the data lines with
# results/KEY.dat: same config and seed must give the same numbers, bit for
# bit. Header lines (date, wall time, commit) are not compared. Exit 1 if
# any differ.
set -euo pipefail
B=${BUILD:-build}
[ $# -gt 0 ] || { echo "usage: scripts/reproduce.sh KEY... (e.g. msd_table1 erg_fig1)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
for key in "$@"; do
  cfg=experiments/$key.yaml ref=results/$key.dat
  [ -r "$cfg" ] && [ -r "$ref" ] || { echo "reproduce: $key: need $cfg and $ref" >&2; bad=1; continue; }
  sed -E "s#^output:.*#output: $tmp/$key.dat#" "$cfg" >"$tmp/$key.yaml"
  if ! "$B/bin/$key" "$tmp/$key.yaml" >"$tmp/$key.log" 2>&1; then
    echo "reproduce: $key: driver failed:" >&2; tail -5 "$tmp/$key.log" >&2; bad=1; continue
  fi
  if diff <(grep -v '^#' "$ref") <(grep -v '^#' "$tmp/$key.dat") >"$tmp/$key.diff"; then
    echo "$key: $(grep -vc '^#' "$ref") data lines identical to $ref"
  else
    echo "$key: DIFFERS from $ref ($(grep -c '^[<>]' "$tmp/$key.diff") lines):"; head -6 "$tmp/$key.diff"; bad=1
  fi
done
exit $bad
