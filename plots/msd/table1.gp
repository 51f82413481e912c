# msd perceptron table: test accuracy of the four trainings, ours (mean ± std
# over the runs) beside the paper's values. Reads results/msd_table1.dat.
dat = 'results/msd_table1.dat'
paper_mean(m) = m eq 'spectral_eig' ? 82 : m eq 'direct_subset' ? 79 : m eq 'direct_full' ? 92.7 : 92.5
paper_err(m)  = m eq 'spectral_eig' ? 2  : m eq 'direct_subset' ? 3  : m eq 'direct_full' ? 0.1  : 0.2
modes = 'spectral_eig direct_subset direct_full spectral_full'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,560 font ',11'; set output 'results/msd_table1.png' } \
  else { set terminal pdfcairo size 6in,3.7in font ',9'; set output 'results/msd_table1.pdf' }
  set title 'msd perceptron 784 → 10 on MNIST: test accuracy (mean ± std over runs)'
  set ylabel 'test accuracy (%)'
  set yrange [70:96]
  set xrange [-0.6:3.6]
  set xtics ("spectral:\neigenvalues only (794)" 0, "direct:\nrandom 794 weights" 1, "direct:\nall weights + bias" 2, "spectral: eigenvalues\n+ eigenvectors" 3)
  set grid ytics
  set bmargin 5
  set key bottom right
  plot for [i=1:4] dat using (i-1-0.12):(strcol(1) eq 'summary' && strcol(2) eq word(modes,i) ? 100*$3 : NaN):(100*$4) \
         with yerrorbars pt 7 ps 1.3 lc rgb '#c0392b' title (i==1 ? 'speclab' : ''), \
       for [i=1:4] '+' using (i-1+0.12):(paper_mean(word(modes,i))):(paper_err(word(modes,i))) every ::0::0 \
         with yerrorbars pt 5 ps 1.2 lc rgb 'black' title (i==1 ? 'paper' : ''), \
       dat using (strcol(1) eq 'run' ? (strcol(2) eq 'spectral_eig' ? 0 : strcol(2) eq 'direct_subset' ? 1 : strcol(2) eq 'direct_full' ? 2 : 3) - 0.25 : NaN):(100*$4) \
         with points pt 1 lc rgb '#e59866' title 'single runs'
  unset output
}
