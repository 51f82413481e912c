#!/usr/bin/env bash
# reproduce.sh KEY... — rerun each figure's driver on its committed config
# (output redirected to a temporary file) and compare the data lines with
# results/KEY.dat: same config and seed must give the same numbers, bit for
# bit. Header lines (date, wall time, commit) are not compared, nor the
# per-run wall-time columns the header declares (`wall_s`). Exit 1 if any
# differ.
set -euo pipefail
B=${BUILD:-build}
[ $# -gt 0 ] || { echo "usage: scripts/reproduce.sh KEY... (e.g. msd_table1 erg_fig1)" >&2; exit 2; }
# data lines of $1 without the wall_s columns its `# columns (...): KIND ...` lines name
data() {
  awk 'FNR == NR {
         if ($1 == "#" && $2 == "columns") {
           for (k = 3; k <= NF && $k !~ /:$/; k++) {}
           for (i = k + 2; i <= NF; i++) if ($i == "wall_s") drop[$(k + 1)] = i - k
         }
         next
       }
       /^#/ { next }
       { if ($1 in drop) $drop[$1] = "-"; print }' "$2" "$1"
}
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
  if diff <(data "$ref" "$ref") <(data "$tmp/$key.dat" "$ref") >"$tmp/$key.diff"; then
    echo "$key: $(grep -vc '^#' "$ref") data lines identical to $ref"
  else
    echo "$key: DIFFERS from $ref ($(grep -c '^[<>]' "$tmp/$key.diff") lines):"; head -6 "$tmp/$key.diff"; bad=1
  fi
done
exit $bad
