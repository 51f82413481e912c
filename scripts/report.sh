#!/usr/bin/env bash
# report.sh — regenerate the tables of the report (paper/README.md, the
# frame, and every paper/*/report.md, a paper's section) and the values of
# their prose and of README.md from results/*.dat, so that no number in
# them is typed by hand.
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
#   coverage     FILE is paper/KEY/coverage.txt: every statement of the paper's
#                experimental sections with its claims' verdict, or why it is
#                not checkable (format in the coverage case below)
#   papers       FILE is the paper/ folder: one line per paper/*/report.md
#                (its first heading, linked)
#   anything else: a paper's own table, paper/*/tables/KIND.awk run on FILE
#                (a results file), printing markdown rows
# A value in the prose is generated too: <!--v SPEC-->VALUE<!--/v--> where SPEC is
#   FILE KIND [FIELD ...] : AGG COLUMN [xSCALE] FORMAT
# the rows of results FILE whose leading fields match KIND FIELD ... ("*" any),
# their COLUMN (by the file's `# columns` names for KIND; A/B: the ratio of two
# columns of each row) combined by AGG (one:
# exactly one row; min, max, mean, rms, count), times SCALE, printed with the printf
# FORMAT (the rest of the spec), e.g.
#   <!--v results/nne_eigen.dat sk * * : max t_train %.0f-->11<!--/v--> s
# FILE KIND FIELD ... / KIND FIELD ... : AGG COLUMN ... combines the ratios of
# the first selection's rows to the second's, paired in file order (the
# same number of rows), e.g. the smallest ratio of two tables' columns:
#   <!--v results/erg_fig3.dat dse haar CSE correct / dse haar CUE correct : min D_se_bits %.1f-->4.3<!--/v-->
# or, for a setting of the run, FILE @KEY : FORMAT: config key KEY (dotted; a
# list element KEY.N) of the effective configuration that wrote FILE (its
# `# config:` file, unchanged since the run, with its `# overrides:`; `check
# --config-value`), e.g. <!--v results/msd_fig7.dat @train.batch : %d-->500<!--/v-->
# (FILE @KEY : xSCALE FORMAT scales it: x100 for a per cent).
# or, for a field of the results files' provenance headers (wall_time_s,
# threads, rows...; run_time_s: a merge's slices' times summed, sl_header.h), FILE... #FIELD : AGG [xSCALE|/DIV] FORMAT: the field of
# each FILE (`check --field`: read as data, never run), combined by AGG (one,
# min, max, mean, sum, count of files; a FILE with *, ? or [...] is every file
# it matches),
# e.g. the minutes of three runs together:
#   <!--v results/msd_fig5.dat results/msd_fig6.dat #wall_time_s : sum /60 %.0f-->38<!--/v-->
# VALUE is rewritten on every run (scripts/numbers.sh accepts it as generated).
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
  coverage)
    # FILE: paper/KEY/coverage.txt, one statement a line:
    #   WHERE | STATEMENT | CLAIM-ID ... | REASON
    # claim ids (space-separated; '-' for none) and the reason it is not checkable
    # (required when there is no claim). The verdict column combines the claims'
    # verdicts from `check --tsv` (every claim must exist).
    local check=${BUILD:-build}/bin/check rc=0 tsv dir
    [ -x "$check" ] || { echo "report.sh: $check missing; run 'make all'" >&2; return 1; }
    dir=$(dirname "$(dirname "$file")")
    tsv=$("$check" --tsv "$dir") || rc=$?
    [ $rc -le 1 ] || { echo "report.sh: $check --tsv $dir failed" >&2; return 1; }
    awk -F'\t' -v cov="$file" '
      function trim(x) { gsub(/^[ \t]+|[ \t]+$/, "", x); return x }
      NR == FNR { if (FNR > 1) { v[$1] = $6; ok[$1] = $8; kd[$1] = $2 } next }
      /^#/ || /^[ \t]*$/ { next }
      { n = split($0, f, "|")
        if (n != 4) { printf "report.sh: %s:%d: want WHERE | STATEMENT | CLAIMS | REASON\n", cov, FNR > "/dev/stderr"; bad = 1; next }
        where = trim(f[1]); st = trim(f[2]); ids = trim(f[3]); why = trim(f[4])
        if (!hdr++) { print "| where | statement | claims | verdict |"; print "|---|---|---|---|" }
        if (ids == "-" || ids == "") {
          if (why == "") { printf "report.sh: %s:%d: a statement without a claim needs the reason\n", cov, FNR > "/dev/stderr"; bad = 1 }
          printf "| %s | %s | — | not checkable: %s |\n", where, st, why; nu++; next }
        m = split(ids, id, " "); verdict = ""; cl = ""; nm = 0; nmm = 0; nbad = 0; nun = 0; nut = 0; nsan = 0
        for (i = 1; i <= m; i++) {
          if (!(id[i] in v)) { printf "report.sh: %s:%d: no claim %s\n", cov, FNR, id[i] > "/dev/stderr"; bad = 1; continue }
          cl = cl (i > 1 ? " " : "") "`" id[i] "`"
          w = v[id[i]]; sub(/[ ;(].*/, "", w)
          if (ok[id[i]] != 1) nbad++
          else if (kd[id[i]] == "sanity") nsan++
          else if (w == "match") nm++
          else if (w == "undecided") nun++
          else if (w == "untestable") nut++
          else nmm++
        }
        verdict = ""
        if (nbad) verdict = "**FAILS (see the verdicts)**"
        else if (nsan == m) verdict = "holds by construction (sanity checks: no evidence)"
        else if (nm + nsan == m) verdict = "match" (nsan ? " (and " nsan " sanity check" (nsan > 1 ? "s" : "") ", by construction)" : "")
        else {
          if (nmm) verdict = "mismatch" (nmm < m ? " (" nmm " of " m " claims)" : "")
          if (nun) verdict = verdict (verdict ? "; " : "") "undecided (" nun " of " m ", as claims.yaml records: its undecided_pending says why)"
          if (nut) verdict = verdict (verdict ? "; " : "") "untestable as stated (" nut " of " m ")"
          if (nm && verdict) verdict = verdict "; " nm " match"
          if (nsan) verdict = verdict "; " nsan " by construction (sanity)"
        }
        if (why != "") verdict = verdict "; " why
        printf "| %s | %s | %s | %s |\n", where, st, cl, verdict
        if (nsan == m) ns++; else nc++
        if (nmm || nbad) nx++; if (nun) ny++ }
      END { if (hdr) printf "\n%d statements: %d with claims (%d with a mismatch, %d undecided), %d not checkable%s.\n", nc + nu + ns, nc, nx, ny, nu,
                            ns ? sprintf(", %d true by construction (sanity checks only)", ns) : ""
            exit bad }' <(printf '%s\n' "$tsv") "$file" ;;
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

header_value() { # SPEC FIELD FMT FILE... -> AGG of header field FIELD over FILE...
  # read by `check --field` (the C header reader: the file is data, never run)
  local spec=$1 field=$2 rest=$3 check=${BUILD:-build}/bin/check f g v vals=() files=()
  shift 3
  [ -x "$check" ] || { echo "report.sh: $check missing; run 'make all'" >&2; return 1; }
  for g in "$@"; do # a pattern (*, ?, [...]) names every file it matches, at least one
    if [[ $g == *[*?[]* ]]; then
      mapfile -t -O "${#files[@]}" files < <(compgen -G "$g" | LC_ALL=C sort)
      [ "$(compgen -G "$g" | head -1)" ] || { echo "report.sh: value '$spec': no file matches $g" >&2; return 1; }
    else files+=("$g"); fi
  done
  for f in "${files[@]}"; do
    [ -r "$f" ] || { echo "report.sh: value '$spec': $f missing" >&2; return 1; }
    v=$("$check" --field "$f" "$field") || { echo "report.sh: value '$spec' failed" >&2; return 1; }
    [[ $v =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || { echo "report.sh: value '$spec': $f's '$field' is '$v', not a number" >&2; return 1; }
    vals+=("$v")
  done
  printf '%s\n' "${vals[@]}" | awk -v rest="$rest" '
    BEGIN { n = split(rest, R, " "); agg = R[1]; k = 2; scale = 1
            if (R[2] ~ /^x[0-9.e+-]+$/) { scale = substr(R[2], 2) + 0; k = 3 }
            else if (R[2] ~ /^\/[0-9.e+-]+$/) { scale = 1 / substr(R[2], 2); k = 3 }
            fmt = ""; for (i = k; i <= n; i++) fmt = fmt (i > k ? " " : "") R[i]
            if (agg !~ /^(one|min|max|mean|sum|count)$/ || fmt == "") { print "bad AGG [xSCALE|/DIV] FORMAT after #FIELD" > "/dev/stderr"; exit 2 } }
    { v = $1 + 0; cnt++; sum += v; if (cnt == 1 || v < mn) mn = v; if (cnt == 1 || v > mx) mx = v }
    END { if (agg == "one" && cnt != 1) { print cnt " files (one wanted)" > "/dev/stderr"; exit 2 }
          x = agg == "min" ? mn : agg == "max" ? mx : agg == "mean" ? sum / cnt : agg == "count" ? cnt : sum
          printf fmt, x * (agg == "count" ? 1 : scale) }' || { echo "report.sh: value '$spec' failed" >&2; return 1; }
}

value() { # SPEC -> the value on stdout
  local spec=$1 sel fmt file
  sel=${spec%% : *}
  fmt=${spec#* : }
  [ "$sel" != "$spec" ] || { echo "report.sh: value '$spec': no ' : ' between rows and AGG COLUMN FORMAT" >&2; return 1; }
  read -r -a s <<<"$sel"
  if [[ ${s[-1]} == '#'* && ${#s[@]} -ge 2 ]]; then # FILE... #FIELD : AGG [xSCALE|/DIV] FORMAT — header fields
    header_value "$spec" "${s[-1]#\#}" "$fmt" "${s[@]:0:${#s[@]}-1}"
    return
  fi
  file=${s[0]}
  [ -r "$file" ] || { echo "report.sh: value '$spec': $file missing" >&2; return 1; }
  if [[ ${s[1]:-} == @* && ${#s[@]} -eq 2 ]]; then # FILE @KEY : FORMAT — the run's effective config
    local check=${BUILD:-build}/bin/check cv
    cv=$("$check" --config-value "$file" "${s[1]#@}") || { echo "report.sh: value '$spec' failed" >&2; return 1; }
    [[ $cv =~ ^-?[0-9.]+([eE][-+]?[0-9]+)?$ ]] || { echo "report.sh: value '$spec': '$cv' is not a number" >&2; return 1; }
    if [[ $fmt =~ ^x([0-9.eE+-]+)\ (.*)$ ]]; then # FILE @KEY : xSCALE FORMAT
      fmt=${BASH_REMATCH[2]}
      cv=$(awk -v a="$cv" -v s="${BASH_REMATCH[1]}" 'BEGIN { printf "%.15g", a * s }')
    fi
    # shellcheck disable=SC2059 # the format is the spec's
    printf "$fmt" "$cv"
    return
  fi
  local sel2=""
  if [[ $sel == *' / '* ]]; then # FILE KIND F... / KIND G... : the rows of the first over the rows of the second, paired in file order
    sel2=${sel#* / }; sel=${sel%% / *}; read -r -a s <<<"$sel"
  fi
  awk -v sel="${s[*]:1}" -v sel2="$sel2" -v rest="$fmt" '
    function add(v) { cnt++; sum += v; sq += v * v; if (cnt == 1 || v < mn) mn = v; if (cnt == 1 || v > mx) mx = v }
    function match_(P, np,   i) { for (i = 1; i <= np; i++) if (P[i] != "*" && $i != P[i]) return 0; return 1 }
    BEGIN { ns = split(sel, S, " "); n = split(rest, R, " "); agg = R[1]; col = R[2]; k = 3; scale = 1
            ns2 = split(sel2, S2, " ")
            if (ns2 && S2[1] != S[1]) { print "the two row selections of a ratio are of one kind" > "/dev/stderr"; exit 2 }
            if (R[3] ~ /^x[0-9.e+-]+$/) { scale = substr(R[3], 2) + 0; k = 4 }
            fmt = ""; for (i = k; i <= n; i++) fmt = fmt (i > k ? " " : "") R[i]
            if (agg !~ /^(one|min|max|mean|rms|count)$/ || col == "" || fmt == "") { print "bad AGG COLUMN FORMAT" > "/dev/stderr"; exit 2 } }
    /^# columns/ { line = $0; sub(/^# columns[^:]*:/, "", line); m = split(line, seg, "|")
                   nc = split(col, C, "/")
                   for (g = 1; g <= m; g++) { nw = split(seg[g], w, " "); if (w[1] != S[1]) continue
                     for (c = 1; c <= nw && w[c] !~ /^\(/; c++) { if (w[c] == C[1]) ci = c; if (nc == 2 && w[c] == C[2]) cj = c } } next }
    /^#/ { next }
    { a = match_(S, ns); b = ns2 && match_(S2, ns2)
      if (!a && !b) next
      if (!ci || (nc == 2 && !cj)) { print "no column " col " for " S[1] " rows" > "/dev/stderr"; exit 2 }
      v = nc == 2 ? $ci / $cj : $ci + 0
      if (!ns2) add(v)
      else { if (a) A[++na] = v; if (b) B[++nb] = v } }
    END { if (ns2) {
            if (na != nb) { print na " rows over " nb " rows (pairs wanted)" > "/dev/stderr"; exit 2 }
            for (i = 1; i <= na; i++) add(A[i] / B[i]) }
          if (!cnt) { print "no rows match" > "/dev/stderr"; exit 2 }
          if (agg == "one" && cnt != 1) { print cnt " rows match (one wanted)" > "/dev/stderr"; exit 2 }
          x = agg == "min" ? mn : agg == "max" ? mx : agg == "count" ? cnt : agg == "mean" ? sum / cnt : agg == "rms" ? sqrt(sq / cnt) : sum
          printf fmt, x * (agg == "count" ? 1 : scale) }' "$file" || { echo "report.sh: value '$spec' failed" >&2; return 1; }
}

fill() { # a prose line -> the same with every <!--v SPEC-->VALUE<!--/v--> recomputed
  local line=$1 out="" v
  while [[ $line == *'<!--v '* ]]; do
    out+=${line%%'<!--v '*}
    line=${line#*'<!--v '}
    if [[ $out == *'`' ]]; then out+='<!--v '; continue; fi # `<!--v ...` in a code span: the syntax shown, not a value
    local spec=${line%%'-->'*}
    line=${line#*'-->'}
    [[ $line == *'<!--/v-->'* ]] || { echo "report.sh: a '<!--v' value is not closed by '<!--/v-->'" >&2; return 1; }
    line=${line#*'<!--/v-->'}
    v=$(value "$spec") || return 1
    out+="<!--v $spec-->$v<!--/v-->"
  done
  printf '%s\n' "$out$line"
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
    elif [ $in_table = 0 ] && [[ $line == *'<!--v '* ]]; then
      fill "$line" >>"$out" || { rm -f "$out"; echo "report.sh: $report: $line" >&2; return 1; }
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

# README.md (the repository's) has generated values too (the runs' wall times)
if [ -n "${REPORT:-}" ]; then reports=("$REPORT"); else reports=(paper/README.md paper/*/report.md README.md); fi
bad=0
for r in "${reports[@]}"; do update "$r" || bad=1; done
[ $bad = 0 ] || exit 1
if [ "$mode" = --check ]; then echo "report tables: up to date with results/ (${#reports[@]} files)"
else echo "report tables regenerated in ${reports[*]}"; fi
