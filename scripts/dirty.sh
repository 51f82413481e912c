#!/usr/bin/env bash
# dirty.sh — the tracked files outside results/ and paper/ that differ from
# HEAD, one per line (nothing: the tree is clean for a run). The rule of the
# results headers' "-dirty" (src/core/sl_results.c): earlier runs' outputs and
# the report do not change what a driver computes. Used by make figures and
# make labs (refuse to write committed results from such a tree) and the
# benches (their headers). Outside a git work tree: prints "(no git)".
cd "$(dirname "$0")/.."
git rev-parse --verify -q HEAD >/dev/null 2>&1 || { echo "(no git)"; exit 0; }
git diff --name-only HEAD -- . ':(exclude)results' ':(exclude)paper'
