# msd_table1 table (scripts/report.sh: <!-- table msd_table1 FILE -->): summary rows of
# msd_table1.dat (training, trained, accuracy)
$1 == "summary" {
  name["spectral_eig"] = "spectral, eigenvalues only"; name["direct_subset"] = "direct, random subset"
  name["direct_full"] = "direct, all weights + bias"; name["spectral_full"] = "spectral, eigenvalues + eigenvectors"
  if (!hdr++) { print "| training | trained parameters | test accuracy (mean ± std) | runs |"; print "|---|---:|---:|---:|" }
  printf "| %s | %d | %.2f ± %.2f %% | %d |\n", ($2 in name ? name[$2] : $2), $6, 100 * $3, 100 * $4, $5
}
