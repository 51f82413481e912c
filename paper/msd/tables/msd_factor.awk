# msd_factor table (scripts/report.sh: <!-- table msd_factor FILE -->): summary rows of a factor
# sweep (msd_table1_batch, msd_fig5_a1, ...): one line per (value, training, network)
# a factor sweep: summary FACTOR mode arch n_trained mean_acc std_acc n ...; the factor's name
# from the columns line, the architectures from the '# arch' comments
/^# columns \(summary\):/ { fac = $5 }
/^# arch [0-9]+:/ { a = $3; sub(":", "", a); net[a] = $4 }
$1 == "summary" {
  if (!hdr++) { printf "| %s | training | network | test accuracy (mean ± std) | runs |\n", fac; print "|---|---|---|---:|---:|" }
  printf "| %s | %s | %s | %.2f ± %.2f %% | %d |\n", $2, $3, ($4 in net ? net[$4] : $4), 100 * $6, 100 * $7, $8
}
