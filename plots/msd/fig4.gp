# msd Fig. 4: distribution of the trained perceptron's weights. Reads
# results/msd_fig4.dat (rows: hist MODE CENTER DENSITY).
dat = 'results/msd_fig4.dat'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,560 font ',11'; set output 'results/msd_fig4.png' } \
  else { set terminal pdfcairo size 6in,3.7in font ',9'; set output 'results/msd_fig4.pdf' }
  set title 'msd Fig. 4: weights of the trained 784 → 10 perceptron'
  set xlabel 'weight w_{ji}'
  set ylabel 'density'
  set key top right
  set grid
  plot dat using (strcol(1) eq 'hist' && strcol(2) eq 'spectral_eig' ? $3 : NaN):4 with lines lw 2.5 lc rgb '#c0392b' \
         title 'spectral, eigenvalues only (794 trained)', \
       dat using (strcol(1) eq 'hist' && strcol(2) eq 'direct_full' ? $3 : NaN):4 with lines lw 2.5 lc rgb 'black' \
         title 'direct space, all 7850 trained', \
       dat using (strcol(1) eq 'hist' && strcol(2) eq 'direct_subset' ? $3 : NaN):4 with lines lw 1.5 dt 2 lc rgb '#2e86c1' \
         title 'direct space, random 794 trained'
  unset output
}
