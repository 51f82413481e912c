# erg Fig. 1: CSE eigenvalues in the complex plane, Haar (left) vs the
# published bristol construction (right). Reads results/erg_fig1.dat.
dat = 'results/erg_fig1.dat'
pts(c, e) = sprintf("< awk '$1==\"ev\" && $2==\"%s\" && $3==\"%s\"' %s", c, e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1100,540 font ',11'; set output 'results/erg_fig1.png' } \
  else { set terminal pdfcairo size 7.5in,3.7in font ',9'; set output 'results/erg_fig1.pdf' }
  set multiplot layout 1,2 title 'erg Fig. 1: CSE eigenvalues (N = 64, 10 matrices)'
  set size ratio -1
  set xlabel 'Re λ'; set ylabel 'Im λ'
  set grid
  unset key
  set title 'Haar CSE = J U^T J^T U: unit circle, doubly degenerate'
  set xrange [-1.2:1.2]; set yrange [-1.2:1.2]
  plot pts('haar','CSE') using 5:6 with points pt 7 ps 0.4 lc rgb '#c0392b'
  set title 'published (bristol) CSE, elementwise products: ±p_k near 0'
  set autoscale xy
  plot pts('bristol','CSE') using 5:6 with points pt 7 ps 0.4 lc rgb '#2e86c1'
  unset multiplot
  unset output
}
