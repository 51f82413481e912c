# nne thesis §3.3, Figs. 3.8-3.9: SpectralNet, spectral clustering and k-means on concentric circles.
dat = 'results/nne_clusters.dat'
pts(s) = sprintf("< awk '$1==\"pt\" && $2==%d' %s", s, dat)
acc(s, m) = real(system(sprintf("awk '$1==\"acc\" && $2==%d && $5==\"%s\" {print $6}' %s", s, m, dat)))
par(s, c) = system(sprintf("awk '$1==\"acc\" && $2==%d {print $%d; exit}' %s", s, c, dat))
set palette defined (0 '#2e86c1', 1 '#c0392b')
unset colorbox
do for [term in 'pngcairo pdfcairo'] {
  if (term eq 'pngcairo') { set terminal pngcairo size 1700,1150 font ',11'; set output 'results/nne_clusters.png' } \
  else { set terminal pdfcairo size 12in,8in font ',9'; set output 'results/nne_clusters.pdf' }
  set multiplot layout 2,3 title "nne: SpectralNet (k = 2, σ² = datafold ε, then k-means) vs spectral clustering (diffusion map α = 0, datafold ε) vs k-means, n = 1500"
  set size ratio -1
  set grid
  do for [s=0:1] {
    set title sprintf("factor %s, noise %s: SpectralNet, accuracy %.3f", par(s, 3), par(s, 4), acc(s, 'snet'))
    plot pts(s) using 3:4:8 with points pt 7 ps 0.5 palette notitle
    set title sprintf("factor %s, noise %s: spectral clustering, accuracy %.3f", par(s, 3), par(s, 4), acc(s, 'spectral'))
    plot pts(s) using 3:4:6 with points pt 7 ps 0.5 palette notitle
    set title sprintf("factor %s, noise %s: k-means, accuracy %.3f", par(s, 3), par(s, 4), acc(s, 'kmeans'))
    plot pts(s) using 3:4:7 with points pt 7 ps 0.5 palette notitle
  }
  unset multiplot
  unset output
}
