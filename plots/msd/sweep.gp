# Shared body of msd Figs. 5-7 (loaded by msd_fig5.gp etc., which set `key`, optionally `keypos`,
# `ttl`, `has_full_spectral` and optionally `extra`, gnuplot commands run
# before the main panel): test accuracy (mean ± std over runs, summary rows)
# against the number of parameters spectral training adjusts (N2 + N3 + ...,
# log x; every curve is drawn at its architecture's spectral count, as in the
# paper); inset: density of the entries of the retracted A_c (inset rows),
# spectral eigenvalues vs direct full.
dat = 'results/'.key.'.dat'
rows(kind, mode) = sprintf("< awk '$1==\"%s\" && $2==\"%s\"' %s", kind, mode, dat)
if (!exists("keypos")) keypos = 'at graph 0.02, graph 0.87 left'
# the fourth curve (Fig. 7), a macro so that Figs. 5-6 plot nothing empty
full = has_full_spectral ? ", rows('summary','spectral_full') using 9:(100*$5):(100*$6) with yerrorlines lw 2 pt 11 lc rgb '#229954' title 'spectral, eigenvalues + eigenvectors'" : ""
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1000,640 font ',11'; set output 'results/'.key.'.png' } \
  else { set terminal pdfcairo size 6.5in,4.2in font ',9'; set output 'results/'.key.'.pdf' }
  set multiplot title ttl
  set origin 0,0; set size 1,0.96
  set logscale x
  set xlabel 'trained parameters of the spectral network (N_2 + N_3 + ...)'
  set ylabel 'test accuracy (%)'
  set yrange [0:100]
  set key @keypos Left reverse samplen 2 box opaque
  set grid
  if (exists("extra")) { eval extra }
  plot rows('summary','spectral_eig') using 9:(100*$5):(100*$6) with yerrorlines lw 2 pt 7 lc rgb '#c0392b' title 'spectral, eigenvalues', \
       rows('summary','direct_subset') using 9:(100*$5):(100*$6) with yerrorlines lw 2 pt 5 lc rgb '#2e86c1' title 'direct, same number of random weights', \
       rows('summary','direct_full') using 9:(100*$5):(100*$6) with yerrorlines lw 2 pt 9 lc rgb 'black' title 'direct, all weights' \
       @full
  unset arrow; unset label
  # inset
  set origin 0.6,0.13; set size 0.37,0.4
  unset logscale x
  set xlabel 'entry of retracted A_c' font ',9'
  set ylabel 'density' font ',9'
  set tics font ',8'
  set autoscale y
  unset yrange
  unset grid
  set key default
  set key inside top right font ',8' samplen 2
  set object 1 rectangle from graph 0,0 to graph 1,1 behind fc rgb 'white' fs solid noborder
  plot rows('inset','spectral_eig') using 3:4 with lines lw 2 lc rgb '#c0392b' title 'spectral', \
       rows('inset','direct_full') using 3:4 with lines lw 2 lc rgb 'black' title 'direct full'
  unset object 1
  unset multiplot
  unset output
  reset
}
