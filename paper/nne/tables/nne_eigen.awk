# nne_eigen table (scripts/report.sh: <!-- table nne_eigen FILE -->): nne_eigen.dat at k = the
# traced SpectralNet's outputs: μ_j, eigenvalue error, Grassmann distance, time and orthogonality
# of the diffusion maps and of SpectralNet at each σ² = F·ε
# k = the number of seig rows per factor (the traced training); diffusion maps from eig/ek/gk at that k
$1 == "seig" { if (!($2 in fseen)) { fseen[$2] = 1; fs[nf++] = $2 } mu[$2, $3] = $5; nk[$2]++ }
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
}
