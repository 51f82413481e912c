# Shared by the msd-b lab plots: test accuracy (mean ± std over seeds) of the
# four trainings against the architecture of a sweep. Set before loading:
# dat (results file), out (without extension), ttl, xl (x-axis label), xcol
# (the summary column plotted on x: 3 arch index, 9 x).
s(m) = sprintf("< awk '$1==\"summary\" && $2==\"%s\"' %s", m, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,560 font ',11'; set output out.'.png' } \
  else { set terminal pdfcairo size 6in,3.7in font ',9'; set output out.'.pdf' }
  set title ttl
  set xlabel xl
  set ylabel 'test accuracy'
  set key bottom right
  set grid
  plot s('spectral_eig') using xcol:5:6 with yerrorlines lw 2 pt 7 lc rgb '#c0392b' title 'spectral, eigenvalues', \
       s('spectral_full') using xcol:5:6 with yerrorlines lw 2 pt 9 lc rgb '#8e44ad' title 'spectral, eigenvalues + eigenvectors', \
       s('direct_full') using xcol:5:6 with yerrorlines lw 2 pt 5 lc rgb 'black' title 'direct, all weights', \
       s('direct_subset') using xcol:5:6 with yerrorlines lw 1.5 dt 2 pt 6 lc rgb '#2e86c1' title 'direct, as many random weights'
  unset output
}
