# Lab erg: eigenvalues in the complex plane, Haar (top) vs the published
# construction (bottom). Reads results/labs/erg_scatter.dat.
dat = 'results/labs/erg_scatter.dat'
pts(c, e) = sprintf("< awk '$1==\"ev\" && $2==\"%s\" && $3==\"%s\"' %s", c, e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1200,800 font ',11'; set output 'results/labs/erg_scatter.png' } \
  else { set terminal pdfcairo size 8in,5.4in font ',9'; set output 'results/labs/erg_scatter.pdf' }
  set multiplot layout 2,3 title 'Lab erg: circular-ensemble eigenvalues, Haar (top) and published (bottom)'
  set size ratio -1
  set xlabel 'Re λ'; set ylabel 'Im λ'
  set grid
  unset key
  do for [i=1:2] {
    do for [j=1:3] {
      cc = word('haar bristol', i); ee = word('CUE COE CSE', j); col = word('#c0392b #2e86c1', i)
      set title cc.' '.ee
      plot pts(cc, ee) using 5:6 with points pt 7 ps 0.4 lc rgb col
    }
  }
  unset multiplot
  unset output
}
