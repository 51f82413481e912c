# msd_sweep table (scripts/report.sh: <!-- table msd_sweep FILE -->): summary rows of
# msd_fig{5,6,7}.dat: one line per network, mean ± std of the test accuracy for each training mode
/^# arch [0-9]+:/ { a = $3; sub(":", "", a); net[a] = $4 }
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
}
