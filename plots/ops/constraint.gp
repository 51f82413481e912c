# ops-constraint: msd Fig. 7 network trained with every layer's spectral norm
# held to s: test accuracy, achieved norms (SVD) and the linearised network's
# norm against s; dashed: the unbounded run (s = 0 rows).
dat = 'results/ops_constraint.dat'
run(m) = sprintf("< awk '$1==\"run\" && $2==\"%s\" && $3>0' %s", m, dat)
free(m, c) = real(system(sprintf("awk '$1==\"run\" && $2==\"%s\" && $3==0 {print $%d}' %s", m, c, dat)))
lay(m, l) = sprintf("< awk '$1==\"layer\" && $2==\"%s\" && $3>0 && $4==%d' %s", m, l, dat)
resc(m) = sprintf("< awk '$1==\"rescaled\" && $2==\"%s\"' %s", m, dat)
lin(m) = sprintf("< awk '$1==\"lin\" && $2==\"%s\" && $3>0' %s", m, dat)
col(i) = word('#2e86c1 #229954 #7d3c98', i)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1500,520 font ',11'; set output 'results/ops_constraint.png' } \
  else { set terminal pdfcairo size 10in,3.5in font ',8'; set output 'results/ops_constraint.pdf' }
  set multiplot layout 1,3 title 'ops-constraint: msd Fig. 7 network 784→100→120(ReLU)→10, every layer held to ‖W‖_2 ≤ s'
  set grid
  set logscale x 2
  set xlabel 'bound s'
  set key bottom right font ',9'
  set title 'test accuracy (dashed: no bound); trained with the bound vs rescaled'
  set yrange [0:1]
  plot run('spectral_eig') using 3:4 with linespoints pt 7 lc rgb '#c0392b' title 'spectral (eigenvalues)', \
       free('spectral_eig', 4) with lines dt 2 lc rgb '#c0392b' notitle, \
       run('direct_full') using 3:4 with linespoints pt 5 lc rgb '#2e86c1' title 'direct (all weights)', \
       free('direct_full', 4) with lines dt 2 lc rgb '#2e86c1' notitle, \
       resc('spectral_eig') using 3:4 with points pt 6 ps 1.4 lc rgb '#c0392b' title 'spectral, free net rescaled into s', \
       resc('direct_full') using 3:4 with points pt 4 ps 1.4 lc rgb '#2e86c1' title 'direct, free net rescaled into s'
  set autoscale y
  set logscale y 2
  set key top left
  set title 'achieved ‖W_l‖_2 after training (SVD)'
  set ylabel '‖W_l‖_2'
  plot x with lines lc rgb 'gray' dt 2 title 's', \
       for [l = 1:3] lay('spectral_eig', l) using 3:5 with linespoints pt 7 lc rgb col(l) title sprintf('spectral W%d', l), \
       for [l = 1:3] lay('direct_full', l) using 3:5 with linespoints pt 4 dt 3 lc rgb col(l) title sprintf('direct W%d', l)
  set logscale y 10
  set format y '10^{%L}'
  set title 'linearised network W3·W2·W1 (bound s^3)'
  set ylabel '‖W3 W2 W1‖_2'
  plot x**3 with lines lc rgb 'gray' dt 2 title 's^3', \
       lin('spectral_eig') using 3:4 with linespoints pt 7 lc rgb '#c0392b' title 'spectral', \
       lin('direct_full') using 3:4 with linespoints pt 5 lc rgb '#2e86c1' title 'direct'
  unset multiplot
}
