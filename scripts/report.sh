#!/usr/bin/env bash
# report.sh — regenerate the tables of the report (paper/README.md, the
# frame, and every paper/*/report.md, a paper's section) from results/*.dat,
# so that no number in the report's tables is typed by hand.
#
#   scripts/report.sh           rewrite the tables in place (atomically)
#   scripts/report.sh --check   exit 1 if any table differs from its results
#
# A table is a block of a report file between
#   <!-- table KIND FILE -->   and   <!-- /table -->
# KIND is
#   verdicts     FILE is a claims file (paper/KEY/claims.yaml): the verdict of
#                each of its claims from `check --tsv` (paper claims, then the
#                suite's own checks); needs build/bin/check (make all)
#   papers       FILE is the paper/ folder: one line per paper/*/report.md
#                (its first heading, linked)
#   anything else: a paper's own table, paper/*/tables/KIND.awk run on FILE
#                (a results file), printing markdown rows
# Env: REPORT (one report file instead of all of them).
set -euo pipefail
mode=${1:-write}

table() { # KIND FILE -> markdown on stdout
  local kind=$1 file=$2 prog
  [ -r "$file" ] || { echo "report.sh: $file (table $kind) missing; run its driver" >&2; return 1; }
  case $kind in
  verdicts)
    local check=${BUILD:-build}/bin/check rc=0 tsv
    [ -x "$check" ] || { echo "report.sh: $check missing; run 'make all'" >&2; return 1; }
    tsv=$("$check" --tsv "$file") || rc=$?
    [ $rc -le 1 ] || { echo "report.sh: $check --tsv $file failed" >&2; return 1; }
    awk -F'\t' 'NR > 1 {
           if (!hdr++) { print "| claim | kind | test | paper / notebook / reference | ours | verdict |"; print "|---|---|---|---|---|---|" }
           printf "| `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, ($8 == 1 ? $6 : "**" $6 "**")
         }' <<<"$tsv" ;;
  papers)
    local r
    for r in "$file"/*/report.md; do
      printf -- '- [%s](%s)\n' "$(sed -n '1{s/^#* *//;p}' "$r")" "${r#"$file"/}"
    done ;;
  *)
    prog=$(compgen -G "paper/*/tables/$kind.awk" | head -1) ||
      { echo "report.sh: unknown table kind '$kind' (no paper/*/tables/$kind.awk)" >&2; return 1; }
    awk -f "$prog" "$file" ;;
  esac
}

# update REPORT-FILE: its tables regenerated into a temporary file, then
# compared (--check) or moved into place
update() {
  local report=$1 out line in_table=0
  out=$(mktemp "${report}.XXXXXX")
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ ^\<!--\ table\ ([a-z0-9_]+)\ ([^ ]+)\ --\>$ ]]; then
      printf '%s\n' "$line" >>"$out"
      table "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" >>"$out" || { rm -f "$out"; return 1; }
      in_table=1
    elif [[ $line == '<!-- /table -->' ]]; then
      printf '%s\n' "$line" >>"$out"
      in_table=0
    elif [ $in_table = 0 ]; then
      printf '%s\n' "$line" >>"$out"
    fi
  done <"$report"
  [ $in_table = 0 ] || { rm -f "$out"; echo "report.sh: $report: a '<!-- table' block is not closed" >&2; return 1; }
  if [ "$mode" = --check ]; then
    if ! diff -u "$report" "$out" >&2; then
      rm -f "$out"
      echo "report.sh: the tables of $report differ from results/ (run 'make report')" >&2
      return 1
    fi
    rm -f "$out"
  else
    mv "$out" "$report"
  fi
}

if [ -n "${REPORT:-}" ]; then reports=("$REPORT"); else reports=(paper/README.md paper/*/report.md); fi
bad=0
for r in "${reports[@]}"; do update "$r" || bad=1; done
[ $bad = 0 ] || exit 1
if [ "$mode" = --check ]; then echo "report tables: up to date with results/ (${#reports[@]} files)"
else echo "report tables regenerated in ${reports[*]}"; fi
