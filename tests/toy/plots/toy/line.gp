# toy Fig. 1: the line of results/toy_line.dat.
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 400,300; set output 'results/toy_line.png' } \
  else { set terminal pdfcairo size 4in,3in; set output 'results/toy_line.pdf' }
  plot "< awk '$1 == \"pt\"' results/toy_line.dat" using 2:3 with linespoints title 'y = 2 x + 1'
  unset output
}
