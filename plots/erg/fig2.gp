# erg Fig. 2: CUE (top) and COE (bottom) eigenvalues, Haar (left) vs the
# published bristol construction (right). Reads results/erg_fig2.dat.
dat = 'results/erg_fig2.dat'
pts(c, e) = sprintf("< awk '$1==\"ev\" && $2==\"%s\" && $3==\"%s\"' %s", c, e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1000,1000 font ',11'; set output 'results/erg_fig2.png' } \
  else { set terminal pdfcairo size 7in,7in font ',9'; set output 'results/erg_fig2.pdf' }
  set multiplot layout 2,2 title 'erg Fig. 2: CUE (a) and COE (b) eigenvalues (N = 64, 10 matrices)'
  set size ratio -1
  set xlabel 'Re λ'; set ylabel 'Im λ'
  set grid
  unset key
  set xrange [-1.2:1.2]; set yrange [-1.2:1.2]
  set title '(a) Haar CUE'
  plot pts('haar','CUE') using 5:6 with points pt 7 ps 0.4 lc rgb '#c0392b'
  set title '(a) published (bristol) CUE'
  plot pts('bristol','CUE') using 5:6 with points pt 7 ps 0.4 lc rgb '#2e86c1'
  set title '(b) Haar COE = U^T U'
  plot pts('haar','COE') using 5:6 with points pt 7 ps 0.4 lc rgb '#c0392b'
  set title '(b) published (bristol) COE = U^T ∘ U (elementwise)'
  set autoscale xy
  plot pts('bristol','COE') using 5:6 with points pt 7 ps 0.4 lc rgb '#2e86c1'
  unset multiplot
  unset output
}
