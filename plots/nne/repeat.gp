# nne thesis Figs. 3.19-3.20: SpectralNet trained with one setting many times:
# eigenvalue error and mean heat-solution error of every run.
dat = 'results/nne_repeat.dat'
rows = sprintf("< awk '$1==\"run\"' %s", dat)
do for [term in 'pngcairo pdfcairo'] {
  if (term eq 'pngcairo') { set terminal pngcairo size 1200,500 font ',11'; set output 'results/nne_repeat.png' } \
  else { set terminal pdfcairo size 9in,3.8in font ',9'; set output 'results/nne_repeat.pdf' }
  set multiplot layout 1,2 title 'nne-repeat: SpectralNet trained repeatedly with one setting (thesis Table 2, σ² = ε)'
  set grid
  set logscale y
  set format y '10^{%L}'
  set xlabel 'run'
  set key off
  set title 'eigenvalue error ‖μ − (0, 1, 1, 4, 4)‖₂'
  plot rows using 2:3 with linespoints pt 7 lc rgb '#7d3c98'
  set title 'heat-solution RMS error, mean over t in [0, 10]'
  plot rows using 2:4 with linespoints pt 7 lc rgb '#c0392b'
  unset multiplot
  unset output
  unset logscale
}
