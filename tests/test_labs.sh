#!/usr/bin/env bash
# The teaching labs (scripts/lab.sh, README "Teaching") and the template
# driver (experiments/template/): the template trains on a Gaussian set and
# on MNIST and refuses bad input; labs are discovered from paper/*/lab*.md;
# every lab config and exercise is one its driver accepts (--help); every
# handout's prose has no typed number; the handout PDF's LaTeX builds; the
# Markdown converter (paper/md2tex.sh, pandoc) renders what the handouts use.
# Prints PASS/FAIL lines (counted by tests/run.sh).
. "$(dirname "$0")/lib.sh"

# ---- the template driver: a separable Gaussian set is learnt from the eigenvalues alone
cat >"$T/g.yaml" <<'Y'
driver: template_train
seed: 3
output: results-scratch/unused.dat
source: gauss
gauss: {kind: independent, n_train: 2000, n_test: 1000, sigma: 1.0, gaps: [0, 2.0, 0, 3.0]}
network: {dims: [4, 2], acts: [identity]}
eigenvectors: 0
train: {epochs: 5, batch: 50, optimiser: adam, lr: 0.05, shards: 1}
Y
if "$B/bin/template_train" "$T/g.yaml" --output "$T/g.dat" 2>"$T/err"; then
  acc=$(awk '$1 == "result" { print $5 }' "$T/g.dat")
  n=$(awk '$1 == "result" { print $3 }' "$T/g.dat")
  awk -v a="$acc" 'BEGIN { exit !(a > 0.85) }' && [ "$n" = 6 ] \
    && pass "template: eigenvalues only (6 trained) learn a separable Gaussian set (accuracy $acc > 0.85)" \
    || fail "template gauss" "accuracy '$acc', trained '$n' (want > 0.85 and 6)"
  # the same set with identically distributed classes (gaps 0): chance, so the test above can fail
  "$B/bin/template_train" "$T/g.yaml" --set 'gauss.gaps=[0, 0, 0, 0]' --output "$T/g0.dat" 2>/dev/null
  acc0=$(awk '$1 == "result" { print $5 }' "$T/g0.dat")
  awk -v a="$acc0" 'BEGIN { exit !(a < 0.6) }' && pass "template: no signal, chance accuracy ($acc0)" \
    || fail "template null set" "accuracy '$acc0' on identically distributed classes"
else fail "template gauss runs" "$(cat "$T/err")"; fi
"$B/bin/template_train" experiments/template/conf/train.yaml --set data.train_limit=1000 --set train.epochs=1 \
  --set 'network.dims=[784, 10]' --set 'network.acts=[identity]' --output "$T/m.dat" 2>"$T/err" \
  && "$B/bin/check" --verify "$T/m.dat" >/dev/null && [ "$(awk '$1 == "result" { print $2 }' "$T/m.dat")" = images ] \
  && pass "template: the shipped config (MNIST) runs and writes a valid results file" || fail "template mnist" "$(cat "$T/err")"
expect_fail "template: an unknown source is refused" "source" \
  "$B/bin/template_train" "$T/g.yaml" --set source=cifar --output "$T/x.dat"
expect_fail "template: a network not matching the data is refused" "" \
  "$B/bin/template_train" "$T/g.yaml" --set 'network.dims=[5, 2]' --output "$T/x.dat"
"$B/bin/template_train" --help experiments/template/conf/train.yaml >"$T/help" 2>&1 && ! grep -q UNDOCUMENTED "$T/help" \
  && pass "template: --help documents every key" || fail "template --help" "$(tail -3 "$T/help")"

# ---- labs: discovered from the handouts; every config and exercise accepted by its driver
list=$(scripts/lab.sh list | cut -d'|' -f1 | tr '\n' ' ')
want=$(for f in paper/*/lab.md paper/*/lab-*.md; do [ -e "$f" ] || continue; k=$(basename "$(dirname "$f")"); b=$(basename "$f" .md)
         [[ $b == *-claims ]] && continue; [ "$b" = lab ] && echo "$k" || echo "$k-${b#lab-}"; done | tr '\n' ' ')
[ -n "$list" ] && [ "$list" = "$want" ] && pass "lab.sh list: every handout is a lab ($list)" || fail "lab list" "'$list' vs '$want'"
for cfg in experiments/*/lab/*.yaml; do
  drv=$("$B/bin/check" --driver "$cfg")
  "$B/bin/$drv" --help "$cfg" >"$T/h" 2>&1 && ! grep -q UNDOCUMENTED "$T/h" && pass "lab config $cfg: --help" \
    || fail "lab config $cfg --help" "$(tail -2 "$T/h")"
done
for ex in experiments/*/lab/exercises.txt; do
  k=$(basename "$(dirname "$(dirname "$ex")")")
  while read -r e name over; do
    [[ $e == \#* || -z $e ]] && continue
    cfg=experiments/$k/lab/$name.yaml
    # --help validates the value of a key the driver reads, and lists the key: an unknown one is not listed
    drv=$("$B/bin/check" --driver "$cfg" 2>/dev/null) && "$B/bin/$drv" --help "$cfg" --set "$over" >"$T/h" 2>"$T/e" \
      && grep -q "^  ${over%%=*} " "$T/h" \
      && pass "exercise $k $e: $name --set $over accepted" || fail "exercise $k $e" "$cfg --set $over: $(cat "$T/e")"
  done <"$ex"
done
expect_fail "lab.sh: an unknown lab is refused with the list" "no lab 'xyz'" scripts/lab.sh run xyz
expect_fail "lab.sh: an unknown exercise is refused" "no exercise 'ex99'" scripts/lab.sh run erg --ex ex99
expect_fail "lab.sh: a paper key with labs lab-X.md runs each of them (msd -> msd-a first)" "msd-a has no exercise 'ex99'" \
  scripts/lab.sh run msd --ex ex99
for h in paper/*/lab.md paper/*/lab-*.md; do
  [[ $h == *-claims* ]] || [ ! -e "$h" ] && continue
  c=${h%.md}-claims.yaml
  [ -r "$c" ] && pass "$h has its claims $c" || fail "$h claims" "no $c"
  out=$(NUMBERS_BASELINE=/dev/null scripts/numbers.sh --check "$h" 2>&1) && pass "$h: no typed number in its prose" \
    || fail "$h numbers" "$out"
done
# the handout PDF's LaTeX (pdflatex itself: make labs-pdf)
out=$(BUILD="$T/b" NO_PDF=1 paper/make_labs.sh 2>&1) && grep -q 'includegraphics' "$T/b/paper-labs/body.tex" \
  && pass "make_labs.sh: the handouts' LaTeX with their figures" || fail "make_labs.sh" "$out"
# the Markdown converter (pandoc, paper/md2tex.sh): what the report and the
# handouts use comes out as LaTeX — numbered lists, literal underscores, a
# generated value at the start of a line, figures, tables, code that breaks
if command -v pandoc >/dev/null; then
  cat >"$T/m.md" <<'M'
# a title line (dropped)
## Lab x — w_ji = λ_i φ_ji
Findings:
- a bullet
1. **First.** `make lab-x EX=ex1`
2. Second, λ̃_i = λ_i ‖φ_{·i}‖₂ and
<!--v results/x.dat a : one acc %.2f-->0.75<!--/v--> % kept.

![fig](../../results/msd_fig5.png)
![lab](../../results/labs/msd_a_hist.png)

| a | b |
|---|--:|
| `x_y` | 1 |
M
  out=$(paper/md2tex.sh "$T/m.md" p- 2>&1); g() { grep -qF -- "$1" <<<"$out"; }
  if g '\section{Lab x --- w\_ji = λ\_i φ\_ji}\label{p-' && ! g 'a title line' && g '\begin{itemize}' \
     && g '\begin{enumerate}' && g '\item' && g '\textbf{First.} \texttt{make lab-\codebreak{}x EX=\codebreak{}ex1}' \
     && g 'λ̃\_i = λ\_i ‖φ\_\{·i\}‖₂' && g '0.75 \% kept.' && g '\speclabfigure{msd_fig5}' \
     && g '{results/labs/msd_a_hist.pdf}' && g '\begin{longtable}[]{@{}lr@{}}' && g '\texttt{x\_\codebreak{}y} & 1'; then
    pass "md2tex.sh: lists, literal underscores, generated values, figures, tables and code as LaTeX"
  else fail "md2tex.sh" "$out"; fi
else echo "md2tex.sh: skipped: pandoc is not installed (make paper / make labs-pdf install it)"; fi

# make labs writes the committed lab results: refused from uncommitted changes,
# before any run (a scratch repository holding lab.sh, dirty.sh and an edited file)
R=$T/repo; mkdir -p "$R/scripts"; cp scripts/lab.sh scripts/dirty.sh "$R/scripts/"; echo a >"$R/f"
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" -c user.name=t -c user.email=t@t commit -qm t
echo b >>"$R/f"
out=$("$R/scripts/lab.sh" all 2>&1); rc=$?
[ $rc = 2 ] && grep -q '^labs: refusing to write results/labs/ from uncommitted changes' <<<"$out" && grep -qx '  f' <<<"$out" \
  && pass "labs: results/labs/ from uncommitted changes refused, the files named" || fail "labs dirty refused" "rc=$rc $out"
