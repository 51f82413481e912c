#!/usr/bin/env bash
# numbers.sh — find numbers typed into the report's prose (issue 23: every number
# in the prose is generated from results or quoted from a paper with its location).
#
#   scripts/numbers.sh [FILE...]          list bare numbers: FILE:LINE: NUMBER | context
#   scripts/numbers.sh --count [FILE...]  FILE COUNT per file
#   scripts/numbers.sh --check            the counts of paper/README.md and paper/*/report.md
#                                         against paper/numbers.baseline: fail when a file has
#                                         more bare numbers than its baseline (a number typed
#                                         into prose), or fewer (lower the baseline: it only
#                                         goes down)
#
# The rule. Prose is every line outside generated tables (<!-- table ... --> ...
# <!-- /table --> and any line starting with '|'), fenced code and comment lines.
# In prose a number (digits, with decimals, exponent or thousands commas) is bare
# unless it is
#   - a generated value: <!--v SPEC-->VALUE<!--/v--> (scripts/report.sh fills it);
#   - inside `code` or a link target ](...);
#   - inside a double-quoted span ("..." or “...”) followed within 80 characters
#     by a location: §, Sec., Section, Fig., Figs., Figure, Table, Eq., Appendix,
#     Algorithm, Chapter, p. or line (a quotation of the paper with its place);
#   - a reference: after Fig./Figs./Figure(s), Table(s), Sec./Section(s), §, Eq.,
#     Appendix, Algorithm, Chapter, p./pp., paper, issue (with chained ranges
#     and lists: "Figs. 3.19–3.20", "Secs. 3, 4");
#   - part of a name: touching a letter or '_' (W3, x_0, mu_4, 1e-3 in an id, 3D),
#     or joined to a word before it by '-' or ':' (AVX-512, arXiv:2406.01183);
#   - an ordered-list marker "N." at the start of a line, or an enumerator "(N)".
#   - a date (YYYY-MM-DD) or a citation's year ("et al. 2021"): provenance, not
#     a measured or configured quantity.
# Settings of a run are generated too: <!--v RESULTS @KEY : FORMAT-->, and the
# fields of results headers (wall times): <!--v RESULTS... #FIELD : AGG FORMAT-->
# (scripts/report.sh lists the forms).
set -euo pipefail
mode=list
case ${1:-} in --count) mode=count; shift ;; --check) mode=check; shift ;; esac
baseline=${NUMBERS_BASELINE:-paper/numbers.baseline}
if [ $# -eq 0 ]; then set -- paper/README.md paper/*/report.md; fi

scan() { # FILE... -> FILE:LINE: NUMBER | context
  # paragraphs are joined (a quotation may span lines); spans that do not count
  # are blanked to the same length, so positions map back to their lines
  awk '
    function blank(n,   b) { b = ""; while (n-- > 0) b = b " "; return b }
    function wipe(s, re) {
      while (match(s, re)) s = substr(s, 1, RSTART - 1) blank(RLENGTH) substr(s, RSTART + RLENGTH)
      return s
    }
    function quotes(s,   out, q, rest, loc) {
      out = ""
      while (match(s, /"[^"]*"|“[^”]*”/)) {
        q = substr(s, RSTART, RLENGTH); rest = substr(s, RSTART + RLENGTH)
        loc = substr(rest, 1, 80)
        if (loc ~ /(§|Sec\.|Section|Fig\.|Figs\.|Figure|Table|Eq\.|Appendix|Algorithm|Chapter|p\. ?[0-9]|line [0-9])/)
          q = blank(length(q))
        else q = "\001" substr(q, 2)   # an unlocated quote: its numbers count (not matched again)
        out = out substr(s, 1, RSTART - 1) q
        s = rest
      }
      return out s
    }
    function flush(   s, i, ln, tok, before, after, prev, named, isref, chained, ref, at) {
      if (np == 0) return
      s = para
      s = wipe(s, "<!--v [^>]*-->[^<]*<!--/v-->")
      s = wipe(s, "`[^`]*`")
      s = wipe(s, "\\]\\([^)]*\\)")
      s = wipe(s, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]")   # a date (when a run was made)
      s = wipe(s, "et al\\.,? [0-9][0-9][0-9][0-9]")              # the year of a citation
      s = quotes(s)
      s = wipe(s, "\\([0-9]\\)")
      at = 0; ref = 0
      while (match(s, /[0-9]+([.,][0-9]+)*([eE][-+]?[0-9]+)?/)) {
        tok = substr(s, RSTART, RLENGTH); before = substr(s, 1, RSTART - 1); after = substr(s, RSTART + RLENGTH, 1)
        prev = substr(before, length(before), 1)
        pos = at + RSTART
        at += RSTART + RLENGTH - 1
        s = substr(s, RSTART + RLENGTH)
        sub(/[.,]$/, "", tok)
        named = prev ~ /[A-Za-z_]/ || after ~ /[A-Za-z_]/ || before ~ /[A-Za-z][-:]$/
        isref = before ~ /(Fig\.|Figs\.|Figures?|Tables?|Sec\.|Secs\.|Sections?|§|Eqs?\.|Appendix|Algorithm|Chapter|pp?\.|paper|issue) *$/
        chained = ref && before ~ /^ *(–|—|\/|,|-|and|to) *$/
        ref = isref || chained
        if (named || ref) continue
        for (i = np; i > 1 && start[i] > pos; i--) ;
        ln = lineno[i]
        printf "%s:%d: %s | %s\n", fname, ln, tok, substr(text[i], 1, 140)
      }
      np = 0; para = ""
    }
    FNR == 1 { flush(); fname = FILENAME; in_table = 0; in_code = 0 }
    /^<!-- table / { flush(); in_table = 1; next }
    /^<!-- \/table -->/ { in_table = 0; next }
    /^```/ { flush(); in_code = !in_code; next }
    in_table || in_code { next }
    /^\|/ || /^<!--.*-->$/ || /^[ \t]*$/ || /^#/ { flush(); if ($0 !~ /^#/) next }
    {
      line = $0
      np++; start[np] = length(para) + (np > 1 ? 2 : 1); lineno[np] = FNR
      ctx = line; gsub(/<!--v [^>]*-->/, "", ctx); gsub(/<!--\/v-->/, "", ctx); text[np] = ctx
      if (match(line, /^ *[0-9]+\. /)) { line = blank(RLENGTH) substr(line, RLENGTH + 1) }
      para = para (np > 1 ? " " : "") line
      if ($0 ~ /^#/) flush()
    }
    END { flush() }' "$@"
}

case $mode in
list) scan "$@" ;;
count) for f in "$@"; do printf '%s %d\n' "$f" "$(scan "$f" | wc -l)"; done ;;
check)
  [ -r "$baseline" ] || { echo "numbers.sh: $baseline missing" >&2; exit 1; }
  bad=0
  for f in "$@"; do
    n=$(scan "$f" | wc -l)
    b=$(awk -v f="$f" '$1 == f { print $2 }' "$baseline")
    [ -n "$b" ] || b=0
    if [ "$n" -gt "$b" ]; then
      echo "numbers.sh: $f has $n bare numbers in its prose, baseline $b: generate the new ones (<!--v ...-->) or quote them with their location; list: scripts/numbers.sh $f" >&2
      bad=1
    elif [ "$n" -lt "$b" ]; then
      echo "numbers.sh: $f has $n bare numbers, fewer than its baseline $b: lower it in $baseline" >&2
      bad=1
    fi
  done
  [ $bad = 0 ] && echo "report prose: no bare number beyond $baseline"
  exit $bad ;;
esac
