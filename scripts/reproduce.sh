#!/usr/bin/env bash
# reproduce.sh [KEY...] — rerun each results file the way its header says it
# was made (driver, config, --set overrides, threads; output to a
# temporary file) and compare the data lines with results/KEY.dat: the same
# config and seed must give the same numbers, bit for bit. No KEY: every
# figure (experiments/*/*.yaml) whose results record a wall time under
# REPRODUCE_MAX_S (60) seconds. The header is read by `check --field` and
# `check --overrides` (C): nothing in it is evaluated, and an overrides line
# a driver would not write (`$(...)`) is refused before anything runs. Header lines (date, wall time, commit) are not compared, nor
# the timing columns the header declares (named wall_s or t_*: t_train,
# t_spec, ...). A results file whose config has changed since (SHA-256 in
# its header) is refused: it is stale, not irreproducible. Before running
# anything, every file's recorded BLAS library and core (`# blas:`) must be
# what runs here (`check --blas`): otherwise the bits are not expected to
# match, and reproduce says so instead of reporting differing data. Exit 1
# if any differ.
#
#   scripts/reproduce.sh --data FILE    print FILE's compared data lines
#                                       (timing columns as "-")
# Env: BUILD (build), SL_RESULTS (results: where KEY.dat is read).
# Results whose config path no longer exists (made before the per-paper
# layout, experiments/KEY_NAME.yaml) are refused as stale, with that reason.
set -euo pipefail
B=${BUILD:-build}
R=${SL_RESULTS:-results}
CHECK=$B/bin/check
field() { "$CHECK" --field "$1" "$2" 2>/dev/null || true; }

# data lines of $1 without the timing columns that $2's header declares.
# Declarations: "# columns (run): run a b wall_s" or "# columns: run a b t_x",
# several kinds per line separated by "|"; the first word names the kind
# (the data line's first field); name_0..name_4 stands for five columns;
# a word starting with "(" ends the list.
data() {
  awk 'function declare(spec,   segs, ns, s, w, nw, j, pos, kind, lo, hi) {
         ns = split(spec, segs, /\|/)
         for (s = 1; s <= ns; s++) {
           if ((nw = split(segs[s], w, " ")) < 1) continue
           kind = w[1]; pos = 1
           for (j = 2; j <= nw; j++) {
             if (w[j] ~ /^\(/) break
             if (w[j] ~ /_[0-9]+\.\.[A-Za-z0-9_]*_[0-9]+$/) {
               lo = w[j]; sub(/\.\..*/, "", lo); sub(/.*_/, "", lo)
               hi = w[j]; sub(/.*_/, "", hi)
               pos += hi - lo + 1; continue
             }
             pos++
             if (w[j] == "wall_s" || w[j] ~ /^t_/) drop[kind] = drop[kind] " " pos
           }
         }
       }
       FNR == NR {
         if ($1 == "#" && ($2 == "columns" || $2 == "columns:")) {
           line = $0; sub(/^#[ \t]*columns[^:]*:[ \t]*/, "", line); declare(line)
         }
         next
       }
       /^#/ { next }
       { if ($1 in drop) { n = split(drop[$1], d, " "); for (i = 1; i <= n; i++) $(d[i]) = "-" }
         print }' "$2" "$1"
}
if [ "${1:-}" = --data ]; then
  [ -r "${2:-}" ] || { echo "reproduce: --data needs a readable file" >&2; exit 2; }
  data "$2" "$2"; exit 0
fi
[ -x "$CHECK" ] || { echo "reproduce: $CHECK missing (make all)" >&2; exit 2; }
keys=("$@")
if [ ${#keys[@]} = 0 ]; then
  for c in experiments/*/*.yaml; do
    k=${c#experiments/}; k=${k%.yaml}; k=${k/\//_}
    w=$( [ -r "$R/$k.dat" ] && field "$R/$k.dat" run_time_s || true)  # no results yet: not listed (a merge of slices: their sum)
    [ -n "$w" ] && awk -v w="$w" -v m="${REPRODUCE_MAX_S:-60}" 'BEGIN { exit !(w < m) }' && keys+=("$k")
  done
  [ ${#keys[@]} -gt 0 ] || { echo "reproduce: no results under ${REPRODUCE_MAX_S:-60} s in $R/" >&2; exit 1; }
fi
refs=()
for key in "${keys[@]}"; do [ -r "$R/$key.dat" ] && refs+=("$R/$key.dat"); done
if [ ${#refs[@]} -gt 0 ] && ! "$CHECK" --blas "${refs[@]}"; then
  echo "reproduce: refused: results made with another BLAS library or core (or not recorded) are not expected to match bit for bit here; nothing was run" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
for key in "${keys[@]}"; do
  ref=$R/$key.dat
  [ -r "$ref" ] || { echo "reproduce: $key: no $ref" >&2; bad=1; continue; }
  drv=$(field "$ref" driver) cfgline=$(field "$ref" config) thr=$(field "$ref" threads)
  cfg=${cfgline%% *} sha=${cfgline##*sha256=}
  [[ $thr =~ ^[0-9]+$ ]] || thr=
  if [ -n "$cfg" ] && [ ! -r "$cfg" ]; then
    echo "reproduce: $key: $ref was made from $cfg, which no longer exists (made before the per-paper layout?): the results are stale; rerun them (make figures KEYS_FIG=$key)" >&2
    bad=1; continue
  fi
  if [[ ! $drv =~ ^[a-z0-9_]+$ ]] || [ ! -x "$B/bin/$drv" ] || [ ! -r "$cfg" ]; then
    echo "reproduce: $key: $ref names driver '$drv' and config '$cfg'; need $B/bin/$drv and the config" >&2; bad=1; continue
  fi
  if [ "$(sha256sum "$cfg" | cut -c1-64)" != "$sha" ]; then
    echo "reproduce: $key: $cfg changed since $ref was made (sha256 differs): the results are stale; rerun them (make figures KEYS_FIG=$key)" >&2
    bad=1; continue
  fi
  args=()
  if ! "$CHECK" --overrides "$ref" >"$tmp/$key.over" 2>"$tmp/$key.err"; then
    echo "reproduce: $key: $(cat "$tmp/$key.err"); not run" >&2; bad=1; continue
  fi
  while IFS= read -r -d '' o; do args+=(--set "$o"); done <"$tmp/$key.over"
  if ! OPENBLAS_NUM_THREADS=${thr:-2} "$B/bin/$drv" "$cfg" "${args[@]}" --output "$tmp/$key.dat" >"$tmp/$key.log" 2>&1; then
    echo "reproduce: $key: driver failed:" >&2; tail -5 "$tmp/$key.log" >&2; bad=1; continue
  fi
  if diff <(data "$ref" "$ref") <(data "$tmp/$key.dat" "$ref") >"$tmp/$key.diff"; then
    echo "$key: $(grep -vc '^#' "$ref") data lines identical to $ref"
  else
    echo "$key: DIFFERS from $ref ($(grep -c '^[<>]' "$tmp/$key.diff") lines):"; head -6 "$tmp/$key.diff"; bad=1
  fi
done
exit $bad
