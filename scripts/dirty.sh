#!/usr/bin/env bash
# dirty.sh — the tracked files outside results/ and paper/ that differ from
# HEAD, one per line (nothing: the tree is clean for a run). The rule of the
# results headers' "-dirty" (src/core/sl_results.c): earlier runs' outputs and
# the report do not change what a driver computes. Used by make figures and
# make labs (refuse to write committed results from such a tree) and the
# benches (their headers). Outside a git work tree: prints "(no git)".
#
#   scripts/dirty.sh                       the list
#   scripts/dirty.sh --refuse WHO DEST HINT  exit 2 with "WHO: refusing to write DEST
#                                          from uncommitted changes", the files and
#                                          "WHO: HINT" when the list is not empty (or
#                                          cannot be made); exit 0 otherwise, and
#                                          always with SL_ALLOW_DIRTY=1
cd "$(dirname "$0")/.."
list() { git rev-parse --verify -q HEAD >/dev/null 2>&1 || { echo "(no git)"; return 0; }
         git diff --name-only HEAD -- . ':(exclude)results' ':(exclude)paper'; }
[ "${1:-}" = --refuse ] || { list; exit; }
[ "${SL_ALLOW_DIRTY:-0}" = 1 ] && exit 0
dirty=$(list) || dirty="(scripts/dirty.sh failed)"
[ -z "$dirty" ] && exit 0
echo "$2: refusing to write $3 from uncommitted changes (a result must be repeatable from a commit):" >&2
sed 's/^/  /' <<<"$dirty" >&2
echo "$2: $4" >&2
exit 2
