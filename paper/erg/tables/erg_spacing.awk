# erg_spacing table (scripts/report.sh: <!-- table erg_spacing FILE -->): ks rows of
# erg_spacing.dat: KS distance to each surmise
$1 == "ks" { if (!($2 in seen)) { seen[$2] = 1; ens[n++] = $2 } d[$2, $3] = $4; if (!best[$2] || $4 < d[$2, best[$2]]) best[$2] = $3 }
END {
  print "| ensemble | β = 1 | β = 2 | β = 4 |"; print "|---|---:|---:|---:|"
  for (i = 0; i < n; i++) {
    e = ens[i]; printf "| %s |", e
    for (b = 1; b <= 4; b *= 2) printf (b == best[e] ? " **%.4f** |" : " %.4f |"), d[e, b]
    printf "\n"
  }
}
