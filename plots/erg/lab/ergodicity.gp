# Lab erg: approach to spectral ergodicity, D_se between consecutive sizes
# for the Haar CUE, COE, CSE. Reads results/labs/erg_ergodicity.dat.
dat = 'results/labs/erg_ergodicity.dat'
row(e) = sprintf("< awk '$1==\"dse\" && $2==\"haar\" && $3==\"%s\" && $4==\"correct\"' %s", e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,560 font ',11'; set output 'results/labs/erg_ergodicity.png' } \
  else { set terminal pdfcairo size 6in,3.7in font ',9'; set output 'results/labs/erg_ergodicity.pdf' }
  set title 'Lab erg: approach to spectral ergodicity (Haar ensembles)'
  set xlabel 'N (the larger of two consecutive sizes)'
  set ylabel 'D_{se} (bits)'
  set logscale x 2
  set grid
  set key top right
  plot row('CUE') using 6:7 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'CUE', \
       row('COE') using 6:7 with linespoints lw 2 pt 5 lc rgb '#2e86c1' title 'COE', \
       row('CSE') using 6:7 with linespoints lw 2 pt 9 lc rgb '#229954' title 'CSE'
  unset output
}
