#!/usr/bin/env bash
# make_paper.sh — build paper/speclab.pdf (`make paper`) from paper/speclab.tex,
# the report's prose (a section per paper from paper/KEY/report.md, the closing
# sections from paper/README.md; Markdown converted by pandoc: paper/md2tex.sh), the committed
# results and their headers, and the claims checker's verdicts (`check --tsv
# paper`: every paper/KEY/claims.yaml) — no number is typed into the document.
# Papers are the folders paper/*/ that hold a report.md; no list of them here.
# Generated files go to $BUILD/paper/; LaTeX (Debian texlive) and pandoc are
# installed when missing. Env: BUILD (build), CLAIMS_TSV (a verdict table to use
# instead of running the checker: id kind test paper ours verdict expect ok text).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
header() { "$B/bin/check" --field "$1" "$2" 2>/dev/null || true; }   # a results header field, read in C
G=$B/paper
mkdir -p "$G"
command -v pdflatex >/dev/null ||
  SL_EXTRA_PKGS="texlive-latex-base texlive-latex-recommended texlive-fonts-recommended" scripts/deps.sh

# ---- verdicts, from the checker
tsv=$G/claims.tsv
if [ -n "${CLAIMS_TSV:-}" ]; then cp "$CLAIMS_TSV" "$tsv"
elif ! "$B/bin/check" --tsv paper >"$tsv" 2>"$G/check.err"; then
  echo "make_paper: '$B/bin/check --tsv paper' failed:" >&2; head -3 "$G/check.err" >&2
  echo "make_paper: (a checker without --tsv predates the claims-checker rewrite; CLAIMS_TSV=FILE supplies the table)" >&2
  exit 1
fi
sed -i '1{/^id\t/d}' "$tsv"   # the checker's header line: not a claim
[ -s "$tsv" ] || { echo "make_paper: no verdicts in $tsv" >&2; exit 1; }

tex() { # escape text for LaTeX
  sed -e 's/\\/\\textbackslash{}/g' -e 's/[&%$#_{}]/\\&/g' -e 's/~/\\textasciitilde{}/g' -e 's/\^/\\textasciicircum{}/g' \
      -e 's/</\\textless{}/g' -e 's/>/\\textgreater{}/g'
}
# the `note:` of every claim in paper/*/claims.yaml (folded scalars joined), as "id<TAB>note"
notes() {
  awk '/^  - id: / { id = $3; innote = 0; next }
       innote && match($0, /^ +/) && RLENGTH > nind { sub(/^ +/, ""); note[id] = note[id] (note[id] == "" ? "" : " ") $0; next }
       { innote = 0 }
       /^    note: / { v = $0; sub(/^    note: */, "", v)
                       if (v ~ /^[>|]-?$/) { innote = 1; nind = 4 } else { gsub(/^"|"$/, "", v); note[id] = v } }
       END { for (i in note) print i "\t" note[i] }' paper/*/claims.yaml
}
notes >"$G/notes.tsv"

# ---- one file per figure: the vector PDF, provenance, verdicts, notes
: >"$G/figures.tex"
# the declared figures only (experiments/KEY/NAME.yaml -> results/KEY_NAME.dat)
for c in experiments/*/*.yaml; do
  k=${c#experiments/}; k=${k%.yaml}; k=${k/\//_}
  dat=results/$k.dat
  [ -r "$dat" ] || continue
  src_c=${c%.yaml}.c
  h() { header "$dat" "$1"; }
  cfg=$(h config); cfgpath=${cfg%% *}; cfgsha=${cfg##*sha256=}
  over=$(h overrides); src=$(h sources)
  prefix=$(sed 's/_/./' <<<"$k").
  # what the figure is: its own driver's top comment, up to a "Rows:"/"Results:"
  # line; a figure sharing a driver: its config's leading comment
  if [ -r "$src_c" ]; then
    about=$(awk 'NR == 1 { sub(/^\/\* [a-z0-9_]+ — /, "") }
                 { end = sub(/ *\*\/.*/, ""); sub(/^ \* ?/, ""); if ($0 ~ /^(Rows|Results|Checks)/) exit
                   s = s (s == "" ? "" : " ") $0; if (end) exit }
                 END { print s }' "$src_c")
  else
    about=$(awk '!/^#/ { exit } { sub(/^# ?/, ""); s = s (s == "" ? "" : " ") $0 } END { print s }' "$c")
  fi
  d=$(h driver)
  {
    echo "\\begin{figure}[htbp]\\centering"
    if [ -r "results/$k.pdf" ]; then echo "\\includegraphics[width=\\linewidth,height=0.42\\textheight,keepaspectratio]{results/$k.pdf}"
    else echo "\\fbox{results/$k.pdf missing: run make plot-$(tr _ - <<<"$k")}"; fi
    echo "\\caption{Ours: $(tex <<<"$about")}\\label{fig:$k}"
    echo "\\end{figure}"
    echo "\\begin{provenance}"
    echo "\\textbf{Provenance.} Results \\texttt{$(tex <<<"$dat")}, config \\texttt{$(tex <<<"$cfgpath")} (SHA-256 \\texttt{${cfgsha:0:12}}),"
    echo "seeds: $(h seeds | tex); commit \\texttt{$(h commit | tex)}, $(h date | tex), wall time $(printf '%.0f' "$(h wall_time_s)") s on $(h threads) worker threads, BLAS $( [ -n "$(h blas)" ] && h blas | tex || echo "not recorded");"
    echo "overrides: $( [ -n "$over" ] && tex <<<"$over" || echo 'none recorded') ; sources: $( [ -n "$src" ] && tex <<<"$(sed -E 's/sha256=([0-9a-f]{12})[0-9a-f]*/sha256=\1/g' <<<"$src")" || echo 'not recorded (run before source hashes were kept)')."
    echo "Rerun: \\texttt{make $(tr _ - <<<"$k")} (\\texttt{build/bin/$(tex <<<"$d") $(tex <<<"$cfgpath")$( [ -n "$over" ] && [ "$over" != none ] && tex <<<" --set $over")})."
    echo "\\end{provenance}"
    if grep -q "^${prefix//./\\.}" "$tsv"; then
      echo "\\begin{center}\\footnotesize"
      echo "\\begin{tabular}{p{0.47\\linewidth}p{0.14\\linewidth}p{0.12\\linewidth}p{0.17\\linewidth}}\\toprule"
      echo "claim & paper & ours & verdict \\\\\\midrule"
      awk -F'\t' -v p="$prefix" 'index($1, p) == 1 { printf "%s%s\t%s\t%s\t%s\t%s\n", $9, ($2 == "suite" ? " (suite check)" : ""), $4, $5, $6, ($8 == "ok" ? "" : " (UNEXPECTED)") }' "$tsv" |
        tex | awk -F'\t' '{ v = $4 $5; if (v ~ /^match/) v = "\\textcolor{ok}{" v "}"; else v = "\\textcolor{bad}{" v "}"; print $1 " & " $2 " & " $3 " & " v " \\\\" }'
      echo "\\bottomrule\\end{tabular}\\end{center}"
      awk -F'\t' -v p="$prefix" 'index($1, p) == 1 && $6 ~ /mismatch/ { print $1 }' "$tsv" | while read -r id; do
        n=$(awk -F'\t' -v i="$id" '$1 == i { print $2 }' "$G/notes.tsv")
        [ -n "$n" ] && echo "\\noindent\\textbf{Mismatch \\texttt{$(tex <<<"$id")}.} $(tex <<<"$n")\\par\\smallskip"
      done
    else
      echo "\\noindent\\emph{No claim of the paper is checked on this figure (a teaching or beyond-the-paper figure).}\\par"
    fi
  } >"$G/fig-$k.tex"
  echo "\\expandafter\\def\\csname speclabfig@$k\\endcsname{\\input{$G/fig-$k.tex}}" >>"$G/figures.tex"
done

# ---- the report's prose: one section per paper (paper/KEY/report.md), each
# followed by its figures that the text does not show; the papers' list; the
# closing sections of paper/README.md (after its generated list of papers)
: >"$G/report.tex"
: >"$G/papers.md"
for r in paper/*/report.md; do
  key=$(basename "$(dirname "$r")")
  paper/md2tex.sh "$r" "$key-" >>"$G/report.tex"
  sed -n '1{s/^#* */- /;p}' "$r" >>"$G/papers.md"
  more=$(for t in "$G"/fig-"${key}"_*.tex; do
           [ -e "$t" ] || continue
           k=${t#"$G"/fig-}; k=${k%.tex}
           grep -qE "^!\[[^]]*\]\((\.\./)+results/$k\.png\)$" "$r" || echo "$k"
         done)
  if [ -n "$more" ]; then
    echo "\subsection{The other figures of $key}"
    for k in $more; do echo "\speclabfigure{$k}"; done
  fi >>"$G/report.tex"
done
paper/md2tex.sh "$G/papers.md" papers- >"$G/papers.tex"
awk 'f; /^<!-- table papers / { p = 1 } p && /^<!-- \/table -->$/ { f = 1 }' paper/README.md |
  paper/md2tex.sh - closing- >"$G/closing.tex"

# ---- every claim, for the appendix
{
  echo "\\begin{longtable}{p{0.40\\linewidth}p{0.07\\linewidth}p{0.20\\linewidth}p{0.23\\linewidth}}\\toprule"
  echo "claim & kind & expected & verdict \\\\\\midrule\\endhead"
  awk -F'\t' '{ printf "%s\t%s\t%s\t%s%s\n", $1, $2, $7, $6, ($8 == "ok" ? "" : " (UNEXPECTED)") }' "$tsv" | tex |
    awk -F'\t' '{ printf "\\texttt{%s} & %s & %s & %s \\\\\n", $1, $2, $3, $4 }'
  echo "\\bottomrule\\end{longtable}"
  awk -F'\t' '{ n++; if ($6 ~ /^match/) m++; else if ($6 ~ /mismatch/) x++; if ($8 != "ok") u++ }
    END { printf "\\noindent %d claims: %d match, %d mismatch (each explained in \\texttt{paper/KEY/claims.yaml} and above)%s.\\par\n", n, m, x, (u ? sprintf(", %d not as expected", u) : "") }' "$tsv"
} >"$G/claims.tex"

# ---- every non-ASCII character must be declared in the skeleton (else pdflatex stops obscurely)
declared=$(grep -o 'DeclareUnicodeCharacter{[0-9A-F]*}' paper/speclab.tex | sed 's/.*{\(.*\)}/\1/'; printf '%s\n' 00E9 00E8 00FC 00F6 00E4)
missing=$(cat "$G"/*.tex | perl -CSD -ne 'printf "%04X\n", ord for /[^\x00-\x7f]/g' | sort -u | grep -vxF -f <(echo "$declared") || true)
if [ -n "$missing" ]; then
  echo "make_paper: characters without a \\DeclareUnicodeCharacter in paper/speclab.tex: $(for c in $missing; do printf "U+%s " "$c"; done)" >&2
  exit 1
fi

# ---- LaTeX, twice (contents and references)
for pass in 1 2; do
  if ! pdflatex -interaction=nonstopmode -halt-on-error -output-directory "$G" -jobname=speclab "\def\gendir{$G}\input{paper/speclab.tex}" >"$G/latex.log" 2>&1; then
    echo "make_paper: pdflatex failed (log $G/latex.log):" >&2
    grep -A3 '^!' "$G/latex.log" | head -12 >&2
    exit 1
  fi
done
cp "$G/speclab.pdf" paper/speclab.pdf
echo "paper/speclab.pdf: $(sed -n 's/^Output written on .* (\([0-9]* pages\).*/\1/p' "$G/latex.log"), $(awk -F'\t' 'END { print NR }' "$tsv") claims, $(ls "$G"/fig-*.tex | wc -l) figures"
