#!/usr/bin/env bash
# Adding a paper is adding its folders: a scratch copy of the tree gets a toy
# paper (tests/toy/: src/toy/, experiments/toy/, plots/toy/, paper/toy/ with
# one claim) and nothing else; then the toy library builds into the library
# and its driver into build/bin/toy_line, `make list` shows toy-line, `make
# toy-line` runs it and draws its plot, `make report` fills its verdict table
# and lists it among the papers, `make check` checks its claim, and `make
# paper` puts its section and figure into the PDF (skipped, saying so, when
# pdflatex is absent). No tracked file is edited by hand: the only tracked
# file that changes is the generated list of papers in paper/README.md.
# About a minute (the copy relinks every driver). PASS/FAIL lines.
. "$(dirname "$0")/lib.sh"
S=$T/tree
mkdir -p "$S"
# the working tree as it is (tracked and new files), its build and data
git ls-files -co --exclude-standard -z | xargs -0 cp -a --parents -t "$S" 2>/dev/null
[ -e data ] && cp -a data "$S/"
cp -a "$B" "$S/"
git -C "$S" init -q && git -C "$S" add -A && git -C "$S" -c user.name=t -c user.email=t@t commit -qm base \
  || { fail "toy paper: scratch copy" "git init/commit failed"; exit 0; }
# the toy paper: its folders, nothing else
cp -a tests/toy/src tests/toy/experiments tests/toy/plots tests/toy/paper "$S/"
opt=()   # the same flags as the build copied (sanitizers in build-san)
nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_ && opt=(OPTFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined")
mk() { make -C "$S" --no-print-directory BUILD="$B" "${opt[@]}" "$@"; }

if mk -j2 all >"$T/all.log" 2>&1 && [ -x "$S/$B/bin/toy_line" ] && ar t "$S/$B/libspeclab.a" | grep -qx sl_toy.o \
   && grep -qx 'src/toy/sl_toy.c' "$S/$B/gen/src/toy_line.list"; then
  pass "toy paper: src/toy/ enters the library, experiments/toy/line.c builds build/bin/toy_line (its sources listed)"
else fail "toy paper builds" "$(tail -5 "$T/all.log")"; exit 0; fi
out=$(mk list 2>&1)
grep -qE '^  toy-line +toy Fig. 1: a straight line' <<<"$out" && pass "toy paper: make list shows toy-line with its config's first line" \
  || fail "toy paper in make list" "$(tail -5 <<<"$out")"
if mk toy-line >"$T/run.log" 2>&1 && "$S/$B/bin/check" --verify "$S/results/toy_line.dat" && [ -s "$S/results/toy_line.png" ] \
   && [ -s "$S/results/toy_line.pdf" ] && grep -q '^pt 4 9$' "$S/results/toy_line.dat"; then
  pass "toy paper: make toy-line runs its driver and plot into results/"
else fail "toy paper runs" "$(tail -5 "$T/run.log")"; fi
if mk report >"$T/report.log" 2>&1 && grep -q '^| `toy.line.last` | paper | within mean | paper 9 | 9 | match |$' "$S/paper/toy/report.md" \
   && grep -qF -- '- [toy — A toy paper (added by tests/test_toy_paper.sh)](toy/report.md)' "$S/paper/README.md"; then
  pass "toy paper: make report fills its verdict table and lists it among the papers"
else fail "toy paper reported" "$(tail -5 "$T/report.log"; grep -A3 'table verdicts' "$S/paper/toy/report.md")"; fi
out=$(mk check 2>&1); rc=$?
[ $rc = 0 ] && grep -qE '^toy\.line\.last +\| within mean .*\| match$' <<<"$out" \
  && pass "toy paper: make check checks its claim (and every other paper's, as before)" || fail "toy paper checked" "rc=$rc $(tail -8 <<<"$out")"
# a wrong number in its claim is caught: the toy paper is checked, not just listed
sed -i 's/paper: 9$/paper: 10/' "$S/paper/toy/claims.yaml"
out=$(cd "$S" && "$B/bin/check" paper toy. 2>&1); rc=$?
sed -i 's/paper: 10$/paper: 9/' "$S/paper/toy/claims.yaml"
[ $rc = 1 ] && grep -q 'toy.line.last .*MISMATCH' <<<"$out" && pass "toy paper: a wrong claim fails the check" \
  || fail "toy paper wrong claim" "rc=$rc $out"
if command -v pdflatex >/dev/null; then
  if mk paper >"$T/paper.log" 2>&1 && [ -s "$S/paper/speclab.pdf" ] && grep -q 'section{toy' "$S/$B/paper/report.tex" \
     && grep -q 'speclabfigure{toy_line}' "$S/$B/paper/report.tex" && grep -q 'results/toy_line.pdf' "$S/$B/paper/fig-toy_line.tex"; then
    pass "toy paper: make paper puts its section, figure and verdicts into the PDF"
  else fail "toy paper in the PDF" "$(tail -5 "$T/paper.log")"; fi
else echo "toy paper: the PDF part is skipped: pdflatex is not installed (make paper installs it)"; fi
# nothing edited by hand: tracked files changed only where generated (the papers
# list; in README.md only <!--v--> values, e.g. the number of results files)
changed=$(git -C "$S" status --porcelain --untracked-files=no | awk '{print $2}' | grep -v '^results/' | grep -vx README.md | tr '\n' ' ')
added=$(git -C "$S" diff -U0 -- paper/README.md | grep -E '^[-+]' | grep -vE '^(\+\+\+|---) ' | tr '\n' ' ')
unvalued() { sed -E 's/(<!--v [^>]*-->)[^<]*(<!--\/v-->)/\1\2/g'; }
readme=$(diff <(git -C "$S" show HEAD:README.md | unvalued) <(unvalued <"$S/README.md"))
[ "$changed" = "paper/README.md " ] && [ "$added" = "+- [toy — A toy paper (added by tests/test_toy_paper.sh)](toy/report.md) " ] && [ -z "$readme" ] \
  && pass "toy paper: no other file edited (the list of papers in paper/README.md and README.md's values are generated)" || fail "toy paper: other files" "changed: $changed; $added; README.md: $readme"
