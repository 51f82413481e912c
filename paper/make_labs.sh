#!/usr/bin/env bash
# make_labs.sh — paper/labs.pdf (`make labs-pdf`): every lab handout
# (paper/KEY/lab.md, paper/KEY/lab-X.md: found like the papers, no list here)
# through the report's pipeline: the preamble of paper/speclab.tex, the prose
# by pandoc (paper/md2tex.sh: lists, tables, code), each figure as the vector PDF beside its data in
# results/labs/, pdflatex (Debian texlive and pandoc, installed when missing). The
# handouts' numbers are the generated values `make labs` filled in.
# Generated files go to $BUILD/paper-labs/ (labs.tex is kept for reading
# when pdflatex cannot run). Env: BUILD (build), NO_PDF=1 (stop at the .tex).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD:-build}
G=$B/paper-labs
mkdir -p "$G"

handouts=$(ls paper/*/lab.md paper/*/lab-*.md 2>/dev/null | grep -v -- '-claims' || true)
[ -n "$handouts" ] || { echo "make_labs: no handout paper/*/lab*.md" >&2; exit 1; }

# the preamble of the report (packages, colours, the characters it declares)
sed '/^\\input{\\gendir\/figures.tex}/,$d' paper/speclab.tex >"$G/labs.tex"
cat >>"$G/labs.tex" <<'EOF'
% characters of the handouts beyond the report's
\DeclareUnicodeCharacter{2016}{\ensuremath{\|}}
\DeclareUnicodeCharacter{0304}{\ensuremath{\bar{}}}
\DeclareUnicodeCharacter{00B9}{\ensuremath{^{1}}}
\DeclareUnicodeCharacter{00B2}{\ensuremath{^{2}}}
\DeclareUnicodeCharacter{00B3}{\ensuremath{^{3}}}
\DeclareUnicodeCharacter{2076}{\ensuremath{^{6}}}
\DeclareUnicodeCharacter{2074}{\ensuremath{^{4}}}
\DeclareUnicodeCharacter{2078}{\ensuremath{^{8}}}
\DeclareUnicodeCharacter{2081}{\ensuremath{_{1}}}
\DeclareUnicodeCharacter{2082}{\ensuremath{_{2}}}
\DeclareUnicodeCharacter{2084}{\ensuremath{_{4}}}
\DeclareUnicodeCharacter{03C1}{\ensuremath{\rho}}
\DeclareUnicodeCharacter{0394}{\ensuremath{\Delta}}
\DeclareUnicodeCharacter{2297}{\ensuremath{\otimes}}
\DeclareUnicodeCharacter{2299}{\ensuremath{\odot}}
\DeclareUnicodeCharacter{03A3}{\ensuremath{\Sigma}}
\DeclareUnicodeCharacter{2207}{\ensuremath{\nabla}}
\DeclareUnicodeCharacter{2202}{\ensuremath{\partial}}
\DeclareUnicodeCharacter{03B1}{\ensuremath{\alpha}}
\DeclareUnicodeCharacter{03C3}{\ensuremath{\sigma}}
\DeclareUnicodeCharacter{03C8}{\ensuremath{\psi}}
\DeclareUnicodeCharacter{2211}{\ensuremath{\sum}}
\DeclareUnicodeCharacter{221A}{\ensuremath{\surd}}
\DeclareUnicodeCharacter{2260}{\ensuremath{\ne}}
\DeclareUnicodeCharacter{2026}{\ldots}
\DeclareUnicodeCharacter{2013}{--}
\DeclareUnicodeCharacter{207D}{\ensuremath{^{(}}}
\DeclareUnicodeCharacter{207E}{\ensuremath{^{)}}}
\DeclareUnicodeCharacter{207B}{\ensuremath{^{-}}}
\DeclareUnicodeCharacter{2070}{\ensuremath{^{0}}}
\DeclareUnicodeCharacter{2014}{---}
\title{speclab labs: from one spectral layer to each paper's finding}
\author{the speclab project}
\date{\today}
\begin{document}
\maketitle
\noindent Each lab: what you will learn, the theory with the place of every
formula in the code, the commands, the figures, exercises (predict, change
one setting, run, explain) and their solutions. Every number in a solution
is generated from the lab's runs (\texttt{make labs}, which also checks each
exercise's expected observation against a control).
\tableofcontents
EOF
for h in $handouts; do
  # an image line ![](../../results/labs/ID.png) becomes the figure's vector PDF (paper/speclab.lua)
  id=${h#paper/}; id=${id%.md}
  paper/md2tex.sh "$h" "${id/\//-}-"
  echo '\clearpage'
done >"$G/body.tex"
echo '\input{'"$G"'/body.tex}' >>"$G/labs.tex"
echo '\end{document}' >>"$G/labs.tex"
for f in $(grep -o 'results/labs/[a-z0-9_]*\.pdf' "$G/body.tex"); do
  [ -r "$f" ] || { echo "make_labs: $f missing: run 'make labs' (or make lab-ID)" >&2; exit 1; }
done

# every non-ASCII character must be declared (else pdflatex stops obscurely)
declared=$(grep -o 'DeclareUnicodeCharacter{[0-9A-F]*}' "$G/labs.tex" | sed 's/.*{\(.*\)}/\1/'; printf '%s\n' 00E9 00E8 00FC 00F6 00E4 00E0)
missing=$(perl -CSD -ne 'printf "%04X\n", ord for /[^\x00-\x7f]/g' "$G/body.tex" | sort -u | grep -vxF -f <(echo "$declared") || true)
[ -z "$missing" ] || { echo "make_labs: undeclared characters: $(for c in $missing; do printf "U+%s " "$c"; done)(add them above)" >&2; exit 1; }
[ "${NO_PDF:-0}" = 1 ] && { echo "make_labs: $G/labs.tex (NO_PDF=1: no pdflatex)"; exit 0; }

command -v pdflatex >/dev/null ||
  SL_EXTRA_PKGS="texlive-latex-base texlive-latex-recommended texlive-fonts-recommended" scripts/deps.sh
for pass in 1 2; do
  if ! pdflatex -interaction=nonstopmode -halt-on-error -output-directory "$G" "$G/labs.tex" >"$G/latex.log" 2>&1; then
    echo "make_labs: pdflatex failed (log $G/latex.log):" >&2
    grep -A3 '^!' "$G/latex.log" | head -12 >&2
    exit 1
  fi
done
cp "$G/labs.pdf" paper/labs.pdf
echo "paper/labs.pdf: $(sed -n 's/^Output written on .* (\([0-9]* pages\).*/\1/p' "$G/latex.log"), $(wc -w <<<"$handouts") labs"
