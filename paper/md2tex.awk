# md2tex.awk — the markdown of paper/README.md as LaTeX, for paper/speclab.tex.
# Handles what the report uses: ## / ### headings, paragraphs, * / - lists,
# pipe tables (alignment from the |---:| row), `code`, **bold**, *italic*,
# images ![x](../results/KEY.png) and <!-- ... --> markers. Each image line
# becomes \speclabfigure{KEY} (defined by the generated figures file: the
# vector PDF, its provenance and its verdict table).
# Variables: skip_to (a heading prefix; lines before the first heading that
# starts with it are dropped).
function esc(s,    out, i, c, n, parts, code) {
  # split on backticks: odd parts are code
  n = split(s, parts, "`")
  out = ""
  for (i = 1; i <= n; i++) {
    c = parts[i]
    gsub(/\\/, "\\textbackslash{}", c)
    gsub(/[&%$#_{}]/, "\\\\&", c)
    gsub(/~/, "\\textasciitilde{}", c)
    gsub(/\^/, "\\textasciicircum{}", c)
    if (i % 2 == 0) out = out "\\texttt{" c "}"
    else {
      while (match(c, /\*\*[^*]+\*\*/)) c = substr(c, 1, RSTART - 1) "\\textbf{" substr(c, RSTART + 2, RLENGTH - 4) "}" substr(c, RSTART + RLENGTH)
      while (match(c, /\*[^* ][^*]*\*/)) c = substr(c, 1, RSTART - 1) "\\emph{" substr(c, RSTART + 1, RLENGTH - 2) "}" substr(c, RSTART + RLENGTH)
      gsub(/<=/, "\\ensuremath{\\le}", c); gsub(/>=/, "\\ensuremath{\\ge}", c)
      gsub(/</, "\\textless{}", c); gsub(/>/, "\\textgreater{}", c)
      gsub(/\|/, "\\textbar{}", c)
      out = out c
    }
  }
  return out
}
function flush_par() { if (par != "") { print esc(par); print ""; par = "" } }
function end_list() { if (in_list) { print "\\end{itemize}"; print ""; in_list = 0 } }
function cells(line, arr,    n, i) {
  sub(/^ *\| */, "", line); sub(/ *\| *$/, "", line)
  n = split(line, arr, / *\| */)
  return n
}
function end_table(    i, j, spec, n, c, line) {
  if (!in_table) return
  spec = ""
  for (j = 1; j <= ncols; j++) spec = spec (align[j] == "r" ? "r" : "l")
  print "\\begin{center}\\small"
  if (ncols >= 6) print "\\resizebox{\\linewidth}{!}{%"
  print "\\begin{tabular}{" spec "}\\toprule"
  for (i = 1; i <= nrows; i++) {
    n = cells(rows[i], c)
    line = ""
    for (j = 1; j <= n; j++) line = line (j > 1 ? " & " : "") esc(c[j])
    print line " \\\\" (i == 1 ? "\\midrule" : "")
  }
  print "\\bottomrule\\end{tabular}" (ncols >= 6 ? "}" : "")
  print "\\end{center}"; print ""
  in_table = 0; nrows = 0
}
BEGIN { started = (skip_to == "") }
{
  line = $0
  if (!started) { if (index(line, skip_to) == 1) started = 1; else next }
  if (line ~ /^<!--.*-->$/) next
  gsub(/<!--v [^>]*-->/, "", line); gsub(/<!--\/v-->/, "", line) # generated values: keep the value
  if (line ~ /^\|/) {
    flush_par(); end_list()
    if (line ~ /^\|[-:| ]+\|$/) {
      ncols = cells(line, a)
      for (j = 1; j <= ncols; j++) align[j] = (a[j] ~ /:$/) ? "r" : "l"
      next
    }
    in_table = 1; rows[++nrows] = line; next
  }
  end_table()
  if (match(line, /^!\[[^]]*\]\(\.\.\/(\.\.\/)?results\/[a-z0-9_]+\.png\)$/)) {
    flush_par(); end_list()
    k = line; sub(/^.*results\//, "", k); sub(/\.png\)$/, "", k)
    print "\\speclabfigure{" k "}"; print ""; next
  }
  if (line ~ /^## /) { flush_par(); end_list(); print "\\section{" esc(substr(line, 4)) "}"; print ""; next }
  if (line ~ /^### /) { flush_par(); end_list(); print "\\subsection{" esc(substr(line, 5)) "}"; print ""; next }
  if (line ~ /^# /) next
  if (line ~ /^[*-] /) {
    flush_par()
    if (!in_list) { print "\\begin{itemize}"; in_list = 1 }
    else print esc(item)
    item = ""
    print "\\item"
    par_item = 1; item = substr(line, 3); next
  }
  if (line ~ /^ *$/) {
    if (in_list && item != "") { print esc(item); item = "" }
    flush_par(); next
  }
  if (in_list && line ~ /^  /) { sub(/^ +/, "", line); item = item " " line; next }
  if (in_list) { if (item != "") print esc(item); item = ""; end_list() }
  par = par (par == "" ? "" : " ") line
}
END { end_table(); if (in_list && item != "") print esc(item); end_list(); flush_par() }
