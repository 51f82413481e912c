# erg_fig3 table (scripts/report.sh: <!-- table erg_fig3 FILE -->): dse rows of erg_fig3.dat: D_se
# (bits) per construction, ensemble and N_k
$1 == "dse" {
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
}
