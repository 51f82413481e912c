# Lab msd-a: the trained perceptron's weights (msd Fig. 4 at lab scale).
# Reads results/labs/msd_a_hist.dat (rows: hist MODE CENTER DENSITY).
dat = 'results/labs/msd_a_hist.dat'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,560 font ',11'; set output 'results/labs/msd_a_hist.png' } \
  else { set terminal pdfcairo size 6in,3.7in font ',9'; set output 'results/labs/msd_a_hist.pdf' }
  set title 'Lab msd-a: weights of the trained 784 → 10 perceptron'
  set xlabel 'weight w_{ji}'
  set ylabel 'density'
  set key top right
  set grid
  plot dat using (strcol(1) eq 'hist' && strcol(2) eq 'spectral_eig' ? $3 : NaN):4 with lines lw 2.5 lc rgb '#c0392b' \
         title 'spectral, eigenvalues only', \
       dat using (strcol(1) eq 'hist' && strcol(2) eq 'direct_full' ? $3 : NaN):4 with lines lw 2.5 lc rgb 'black' \
         title 'direct space, all weights', \
       dat using (strcol(1) eq 'hist' && strcol(2) eq 'direct_subset' ? $3 : NaN):4 with lines lw 1.5 dt 2 lc rgb '#2e86c1' \
         title 'direct space, as many random weights'
  unset output
}
