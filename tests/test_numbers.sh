#!/usr/bin/env bash
# The report's prose has no typed numbers (scripts/numbers.sh): a bare number is
# flagged, and each exception of the rule (generated value, quote with its
# location, reference, table, code, name, list marker) is not; the --check
# ratchet fails on one more bare number and on one fewer, and on a number
# typed into a committed report; scripts/report.sh fills <!--v SPEC--> values
# from results rows, run settings (@KEY) and header fields (#FIELD, e.g.
# wall_time_s) and refuses a bad spec; the committed report is within its
# baseline. PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
N=scripts/numbers.sh
flagged() { # name, text, expected tokens (space-separated, in order; empty: none)
  local got
  printf '%s\n' "$2" >"$T/r.md"
  got=$($N "$T/r.md" | sed -E 's/^[^:]*:[0-9]+: ([^ ]*) \|.*/\1/' | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" = "$3" ]; then pass "numbers: $1"; else fail "numbers: $1" "flagged '$got', want '$3'"; fi
}
flagged "a bare number in prose is flagged" "The error is 0.013 at t = 0." "0.013 0"
flagged "a generated value is not" 'The error is <!--v results/x.dat err 0 : one rms %g-->0.013<!--/v--> here.' ""
flagged "a quotation with its location is not" 'The thesis: "estimated with 10^-3 precision" (§3.4).' ""
flagged "a quotation without a location is" 'The thesis: "estimated with 10^-3 precision".' "10 3"
flagged "references to figures, tables, sections, equations are not" "As Fig. 3.8, Figs. 3.19–3.20, Table 2, Sec. 3 and Eq. 5 show; §3.3." ""
flagged "a generated table and a table row are not" $'<!-- table verdicts x -->\n| 1 | 2 |\n<!-- /table -->\n| 3 |' ""
flagged "code and names are not" 'The `--set snet.dropout=0` run, W3, x_0, mu_4 and 3D.' ""
flagged "list markers and enumerators are not, the rest of the line is" $'1. first (2) second 7 runs' "7"
flagged "a date and a citation's year are not; a number beside them is" "Runs of 2026-12-02 (Giambagli et al. 2021) took 38 minutes in 2026." "38 2026"
flagged "a number joined to a word before it is a name; a count before a word is not" "AVX-512 and arXiv:2406.01183 give a 3-dimensional output." "3"
# the ratchet
printf 'one 1 bare\n' >"$T/a.md"
printf '%s 1\n' "$T/a.md" >"$T/base"
if NUMBERS_BASELINE="$T/base" $N --check "$T/a.md" >/dev/null 2>&1; then pass "numbers: --check passes at the baseline"
else fail "numbers: --check passes at the baseline" "$(NUMBERS_BASELINE="$T/base" $N --check "$T/a.md" 2>&1)"; fi
printf 'one 1 bare and 2 more\n' >"$T/a.md"
expect_fail "numbers: --check fails on a number typed into prose" "generate the new ones" env NUMBERS_BASELINE="$T/base" $N --check "$T/a.md"
printf 'none\n' >"$T/a.md"
expect_fail "numbers: --check fails when the baseline can be lowered" "lower it" env NUMBERS_BASELINE="$T/base" $N --check "$T/a.md"
# report.sh fills values from results
refused() { # name, message fragment, SPEC: scripts/report.sh refuses the value <!--v SPEC-->
  printf 'x <!--v %s-->?<!--/v-->\n' "$3" >"$T/p/r.md"
  expect_fail "$1" "$2" env REPORT="$T/p/r.md" scripts/report.sh
}
filled() { # name, grep pattern: scripts/report.sh fills $T/p/r.md into a text matching it
  REPORT="$T/p/r.md" scripts/report.sh >/dev/null 2>&1
  if grep -q -- "$2" "$T/p/r.md"; then pass "$1"; else fail "$1" "$(cat "$T/p/r.md")"; fi
}
mkdir -p "$T/p"
printf '# columns: err t rms\nerr 0 0.0130\nerr 1 0.0257\n' >"$T/x.dat"
printf 'At t = 0 it is <!--v %s err 0 : one rms %%.3f-->?<!--/v--> and at most <!--v %s err * : max rms x100 %%.1f-->?<!--/v--> %%.\n' "$T/x.dat" "$T/x.dat" >"$T/p/r.md"
filled "report.sh: <!--v--> values filled from results" '-->0.013<!--/v--> and at most <!--v [^>]*-->2.6<!--/v-->'
printf '# columns: acc t rms   (t -1: rms unset)\nacc 0 0.5\n' >"$T/c.dat"
printf 'x <!--v %s acc 0 : one rms %%g-->?<!--/v-->\n' "$T/c.dat" >"$T/p/r.md"
filled "report.sh: a column named again in the columns line's note is its first place" '-->0.5<!--/v-->'
printf '# columns: d set n v\nd a 1 2\nd b 1 1\nd a 2 6\nd b 2 2\nd c 1 5\n' >"$T/d.dat"
printf 'x <!--v %s d a / d b : min v %%g-->?<!--/v--> <!--v %s d a / d b : max v %%g-->?<!--/v-->\n' "$T/d.dat" "$T/d.dat" >"$T/p/r.md"
filled "report.sh: KIND A / KIND B values are ratios of rows paired in file order" '-->2<!--/v--> <!--v [^>]*-->3<!--/v-->'
refused "report.sh: a ratio of unequal row counts fails" "pairs wanted" "$T/d.dat d a / d * : min v %g"
refused "report.sh: a value spec matching two rows for 'one' fails" "one wanted" "$T/x.dat err * : one rms %g"
refused "report.sh: a value spec naming no column fails" "no column" "$T/x.dat err 0 : one nosuch %g"
# settings of the run: FILE @KEY from its config (sha256 checked) with its overrides
printf 'train:\n  lr: 0.03\n  batch: 500\nnet: {dims: [784, 10]}\n' >"$T/c.yaml"
mkres() { printf '# speclab-results v1\n# config: %s sha256=%s\n# overrides: %s\n# columns: err t rms\nerr 0 1\n' \
            "$T/c.yaml" "$(sha256sum "$T/c.yaml" | cut -c1-64)" "$1" >"$T/y.dat"; }
mkres 'train.lr=0.5'
printf 'lr <!--v %s @train.lr : %%g-->?<!--/v--> batch <!--v %s @train.batch : %%d-->?<!--/v--> in <!--v %s @net.dims.0 : %%d-->?<!--/v-->\n' "$T/y.dat" "$T/y.dat" "$T/y.dat" >"$T/p/r.md"
filled "report.sh: @KEY values come from the run's config with its overrides" '-->0.5<!--/v--> batch <!--v [^>]*-->500<!--/v--> in <!--v [^>]*-->784<!--/v-->'
refused "report.sh: @KEY naming a list fails" "is a list" "$T/y.dat @net.dims : %d"
printf 'train: {lr: 0.03, batch: 400}\nnet: {dims: [784, 10]}\n' >"$T/c.yaml"
refused "report.sh: @KEY refuses a config changed since the run" "changed since the run" "$T/y.dat @train.batch : %d"
# a number typed into the committed report fails its baseline
f=paper/msd/report.md
cp "$f" "$T/rep.md"; awk -v f="$f" -v t="$T/rep.md" '$1 == f { print t, $2 }' paper/numbers.baseline >"$T/base"
printf '\nThe run took 12 minutes.\n' >>"$T/rep.md"
expect_fail "numbers: a bare number added to $f fails make check" "generate the new ones" env NUMBERS_BASELINE="$T/base" $N --check "$T/rep.md"
# FILE... #FIELD: a field of the results headers, read by `check --field` (data, never run)
hdr() { printf '# speclab-results v1\n# threads: %s\n# wall_time_s: %s\n# columns: err t rms\nerr 0 1\n' "$2" "$3" >"$1"; }
hdr "$T/h1.dat" 2 1629.037; hdr "$T/h2.dat" 1 642.082
printf 'took <!--v %s #wall_time_s : one %%.0f-->?<!--/v--> s; both <!--v %s %s #wall_time_s : sum /60 %%.1f-->?<!--/v--> min on <!--v %s %s #threads : max %%d-->?<!--/v--> threads\n' \
  "$T/h1.dat" "$T/h1.dat" "$T/h2.dat" "$T/h1.dat" "$T/h2.dat" >"$T/p/r.md"
filled "report.sh: #FIELD values are the results headers' fields" '-->1629<!--/v--> s; both <!--v [^>]*-->37.9<!--/v--> min on <!--v [^>]*-->2<!--/v--> threads'
printf 'n <!--v %s #wall_time_s : count %%d-->?<!--/v--> in <!--v %s #wall_time_s : sum %%.0f-->?<!--/v--> s; the syntax: `<!--v FILE #FIELD : one %%g-->`\n' "$T/h[12].dat" "$T/h*.dat" >"$T/p/r.md"
filled "report.sh: #FIELD over a file pattern (count, sum); \`<!--v\` in a code span is left as written" '-->2<!--/v--> in <!--v [^>]*-->2271<!--/v--> s; the syntax: `<!--v FILE #FIELD : one %g-->`$'
refused "report.sh: a #FIELD pattern matching no file fails" "no file matches" "$T/none*.dat #threads : sum %g"
refused "report.sh: #FIELD absent from the header fails" "no '# nosuch:' line" "$T/h1.dat #nosuch : one %g"
refused "report.sh: #FIELD 'one' over two files fails" "one wanted" "$T/h1.dat $T/h2.dat #threads : one %g"
hdr "$T/h3.dat" 1 "\$(touch $T/ran)"
refused "report.sh: a #FIELD that is not a number is refused" "not a number" "$T/h3.dat #wall_time_s : one %g"
if [ -e "$T/ran" ]; then fail "report.sh: a header field is never run" "$T/ran exists"; else pass "report.sh: a header field is never run"; fi
# the committed report
if out=$($N --check 2>&1); then pass "numbers: the report's prose is within paper/numbers.baseline"
else fail "numbers: the report's prose is within paper/numbers.baseline" "$out"; fi
