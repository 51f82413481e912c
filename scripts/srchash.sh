#!/usr/bin/env bash
# srchash.sh — the SHA-256s a results header records, computed one way for
# the build (compiled into the drivers) and for `make figures` (to compare).
#
#   scripts/srchash.sh core              over every library source src/**/*.[ch] (paths and bytes)
#   scripts/srchash.sh driver KEY        of experiments/KEY.c
#   scripts/srchash.sh config KEY        of experiments/KEY.yaml
#   scripts/srchash.sh header FILE.c     C header for a driver: SL_DRIVER_HASH and
#                                        SL_DRIVER_ABOUT (the file's top comment)
set -euo pipefail
cd "$(dirname "$0")/.."
sha() { sha256sum "$@" | cut -c1-64; }
case ${1:-} in
core)   find src -type f \( -name '*.c' -o -name '*.h' \) -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha ;;
driver) sha "experiments/$2.c" ;;
config) sha "experiments/$2.yaml" ;;
header)
  echo "#define SL_DRIVER_HASH \"$(sha "$2")\""
  # the top /* ... */ comment, without the leading "NAME — ", as one C string
  awk 'NR == 1 && !/^\/\*/ { exit }
       { line = $0; done = sub(/\*\/.*$/, "", line)
         sub(/^\/\* */, "", line); sub(/^ \* ?/, "", line); sub(/^ \*$/, "", line)
         if (NR == 1) sub(/^[a-z0-9_]+ — /, "", line)
         gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line)
         if (line != "" || !done) text = text line "\\n"
         if (done) exit }
       END { printf "#define SL_DRIVER_ABOUT \"%s\"\n", text }' "$2" ;;
*) echo "usage: scripts/srchash.sh core | driver KEY | config KEY | header FILE.c" >&2; exit 2 ;;
esac
