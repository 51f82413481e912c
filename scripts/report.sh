#!/usr/bin/env bash
# report.sh — regenerate the tables of paper/README.md from results/*.dat,
# so that no number in the report's tables is typed by hand.
#
#   scripts/report.sh           rewrite the tables in place (atomically)
#   scripts/report.sh --check   exit 1 if any table differs from its results
#
# A table is a block of the report between
#   <!-- table KIND results/FILE.dat -->   and   <!-- /table -->
# KIND is one of:
#   msd_table1   summary rows of msd_table1.dat (training, trained, accuracy)
#   msd_sweep    summary rows of msd_fig{5,6,7}.dat: one line per network,
#                mean ± std of the test accuracy for each training mode
#   msd_factor   summary rows of a factor sweep (msd_table1_batch, msd_fig5_a1, ...):
#                one line per (value, training, network)
#   erg_fig3     dse rows of erg_fig3.dat: D_se (bits) per construction,
#                ensemble and N_k
#   erg_spacing  ks rows of erg_spacing.dat: KS distance to each surmise
#   nne_eigen    nne_eigen.dat at k = the traced SpectralNet's outputs: μ_j,
#                eigenvalue error, Grassmann distance, time and orthogonality
#                of the diffusion maps and of SpectralNet at each σ² = F·ε
#   verdicts_msd, verdicts_erg   FILE is the claims file: the verdict of every
#                msd. / erg. claim from `check --tsv` (paper claims, then the
#                suite's own checks); needs build/bin/check (make all)
set -euo pipefail
report=${REPORT:-paper/README.md}
mode=${1:-write}

table() { # KIND FILE -> markdown on stdout
  local kind=$1 file=$2
  [ -r "$file" ] || { echo "report.sh: $file (table $kind) missing; run its driver" >&2; return 1; }
  case $kind in
  msd_table1)
    awk '$1 == "summary" {
           name["spectral_eig"] = "spectral, eigenvalues only"; name["direct_subset"] = "direct, random subset"
           name["direct_full"] = "direct, all weights + bias"; name["spectral_full"] = "spectral, eigenvalues + eigenvectors"
           if (!hdr++) { print "| training | trained parameters | test accuracy (mean ± std) | runs |"; print "|---|---:|---:|---:|" }
           printf "| %s | %d | %.2f ± %.2f %% | %d |\n", ($2 in name ? name[$2] : $2), $6, 100 * $3, 100 * $4, $5
         }' "$file" ;;
  msd_sweep)
    awk '/^# arch [0-9]+:/ { a = $3; sub(":", "", a); net[a] = $4 }
         $1 == "summary" {
           if (!($3 in seen)) { seen[$3] = 1; order[n++] = $3 }
           if (!($2 in mseen)) { mseen[$2] = 1; modes[nm++] = $2 }
           v[$3, $2] = sprintf("%.1f ± %.1f %%", 100 * $5, 100 * $6); x[$3] = $9
           if ($2 == "direct_full") full[$3] = $4
         }
         END {
           name["spectral_eig"] = "spectral, eigenvalues"; name["direct_subset"] = "direct, random subset"
           name["direct_full"] = "direct, all weights"; name["spectral_full"] = "spectral, eigenvalues + eigenvectors"
           printf "| network | trained (spectral) |"
           for (m = 0; m < nm; m++) printf " %s |", name[modes[m]]
           printf " trained (all) |\n|---|---:|"
           for (m = 0; m < nm; m++) printf "---:|"
           printf "---:|\n"
           for (i = 0; i < n; i++) {
             a = order[i]; printf "| %s | %d |", net[a], x[a]
             for (m = 0; m < nm; m++) printf " %s |", v[a, modes[m]]
             printf " %d |\n", full[a]
           }
         }' "$file" ;;
  erg_fig3)
    awk '$1 == "dse" {
           k = $2 " " $3 " (" $4 ")"
           if (!(k in seen)) { seen[k] = 1; rows[n++] = k }
           if (!($5 in nseen)) { nseen[$5] = 1; sizes[ns++] = $5; nxt[$5] = $6 }
           v[k, $5] = sprintf("%.2f", $7)
         }
         END {
           printf "| construction, ensemble (Ω) |"
           for (s = 0; s < ns; s++) printf " %s→%s |", sizes[s], nxt[sizes[s]]
           printf "\n|---|"
           for (s = 0; s < ns; s++) printf "---:|"
           printf "\n"
           for (i = 0; i < n; i++) {
             printf "| %s |", rows[i]
             for (s = 0; s < ns; s++) printf " %s |", ((rows[i], sizes[s]) in v) ? v[rows[i], sizes[s]] : ""
             printf "\n"
           }
         }' "$file" ;;
  erg_spacing)
    awk '$1 == "ks" { if (!($2 in seen)) { seen[$2] = 1; ens[n++] = $2 } d[$2, $3] = $4; if (!best[$2] || $4 < d[$2, best[$2]]) best[$2] = $3 }
         END {
           print "| ensemble | β = 1 | β = 2 | β = 4 |"; print "|---|---:|---:|---:|"
           for (i = 0; i < n; i++) {
             e = ens[i]; printf "| %s |", e
             for (b = 1; b <= 4; b *= 2) printf (b == best[e] ? " **%.4f** |" : " %.4f |"), d[e, b]
             printf "\n"
           }
         }' "$file" ;;
  nne_eigen)
    # k = the number of seig rows per factor (the traced training); diffusion maps from eig/ek/gk at that k
    awk '$1 == "seig" { if (!($2 in fseen)) { fseen[$2] = 1; fs[nf++] = $2 } mu[$2, $3] = $5; nk[$2]++ }
         $1 == "eig" { dmu[$2] = $4; ex[$2] = $5 }
         $1 == "ek" { dek[$2] = $3; dt[$2] = $7; dor[$2] = $6 }
         $1 == "gk" { dg[$2] = $3 }
         $1 == "sk" { se[$2, $3] = $4; sg[$2, $3] = $5; st[$2, $3] = $11; so[$2, $3] = $12; sn[$2, $3] = $13 }
         END {
           k = nf ? nk[fs[0]] : 5
           printf "| method |"; for (j = 0; j < k; j++) printf " μ_%d |", j
           printf " ‖μ − μ_exact‖ | Grassmann √Σθ² | time (s) | orthogonality | epochs |\n|---|"
           for (j = 0; j < k; j++) printf "---:|"
           printf "---:|---:|---:|---:|---:|\n| exact |"
           for (j = 0; j < k; j++) printf " %g |", ex[j]
           printf " | | | | |\n| diffusion maps (datafold ε) |"
           for (j = 0; j < k; j++) printf " %.4g |", dmu[j] == 0 ? 0 : dmu[j]
           printf " %.3g | %s | %.2f | %.2g (ΨᵀΨ) | |\n", dek[k], (k in dg) ? sprintf("%.3g", dg[k]) : "", dt[k], dor[k]
           for (i = 0; i < nf; i++) {
             f = fs[i]; printf "| SpectralNet σ² = %s·ε%s |", f, f == 1 ? " (thesis)" : ""
             for (j = 0; j < k; j++) printf " %.4g |", mu[f, j]
             printf " %.3g | %.3g | %.2f | %.2g (YᵀY/n) | %d |\n", se[f, k], sg[f, k], st[f, k], so[f, k], sn[f, k]
           }
         }' "$file" ;;
  msd_factor)
    # a factor sweep: summary FACTOR mode arch n_trained mean_acc std_acc n ...; the factor's name
    # from the columns line, the architectures from the '# arch' comments
    awk '/^# columns \(summary\):/ { fac = $5 }
         /^# arch [0-9]+:/ { a = $3; sub(":", "", a); net[a] = $4 }
         $1 == "summary" {
           if (!hdr++) { printf "| %s | training | network | test accuracy (mean ± std) | runs |\n", fac; print "|---|---|---|---:|---:|" }
           printf "| %s | %s | %s | %.2f ± %.2f %% | %d |\n", $2, $3, ($4 in net ? net[$4] : $4), 100 * $6, 100 * $7, $8
         }' "$file" ;;
  verdicts_msd|verdicts_erg|verdicts_afr|verdicts_nne|verdicts_ops)
    local check=${BUILD:-build}/bin/check rc=0 tsv
    [ -x "$check" ] || { echo "report.sh: $check missing; run 'make all'" >&2; return 1; }
    tsv=$("$check" --tsv "$file" "${kind#verdicts_}.") || rc=$?
    [ $rc -le 1 ] || { echo "report.sh: $check --tsv $file failed" >&2; return 1; }
    awk -F'\t' 'NR > 1 {
           if (!hdr++) { print "| claim | kind | test | paper / notebook / reference | ours | verdict |"; print "|---|---|---|---|---|---|" }
           printf "| `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, ($8 == 1 ? $6 : "**" $6 "**")
         }' <<<"$tsv" ;;
  *) echo "report.sh: unknown table kind '$kind'" >&2; return 1 ;;
  esac
}

out=$(mktemp "${report}.XXXXXX")
trap 'rm -f "$out"' EXIT
in_table=0
while IFS= read -r line || [ -n "$line" ]; do
  if [[ $line =~ ^\<!--\ table\ ([a-z0-9_]+)\ ([^ ]+)\ --\>$ ]]; then
    printf '%s\n' "$line" >>"$out"
    table "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" >>"$out"
    in_table=1
  elif [[ $line == '<!-- /table -->' ]]; then
    printf '%s\n' "$line" >>"$out"
    in_table=0
  elif [ $in_table = 0 ]; then
    printf '%s\n' "$line" >>"$out"
  fi
done <"$report"
[ $in_table = 0 ] || { echo "report.sh: $report: a '<!-- table' block is not closed" >&2; exit 1; }

if [ "$mode" = --check ]; then
  if ! diff -u "$report" "$out" >&2; then
    echo "report.sh: the tables of $report differ from results/ (run 'make report')" >&2
    exit 1
  fi
  echo "report tables: up to date with results/"
else
  mv "$out" "$report"
  trap - EXIT
  echo "report tables regenerated in $report"
fi
