# ops-drift: spectral norm, stable rank and condition number per epoch of each
# layer and of the composed linear operators, msd Fig. 7 network, per mode.
if (!exists('dat')) dat = 'results/ops_drift.dat'
if (!exists('out')) out = 'results/ops_drift'   # plots/ops/lab/drift.gp sets both
st(m, o) = sprintf("< awk '$1==\"stats\" && $2==\"%s\" && $3==0 && $5==\"%s\"' %s", m, o, dat)
ac(m) = sprintf("< awk '$1==\"acc\" && $2==\"%s\" && $3==0' %s", m, dat)
modes = 'spectral_eig spectral_full direct_full'
ops = '1 2 3 run lin'
opname(i) = word('W1 W2 W3 W2·W1 W3·W2·W1', i)
col(i) = word('#2e86c1 #229954 #7d3c98 #c0392b #d35400', i)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1500,1000 font ',11'; set output out.'.png' } \
  else { set terminal pdfcairo size 10in,6.7in font ',8'; set output out.'.pdf' }
  set multiplot layout 3,4 title 'ops-drift: msd Fig. 7 network 784→100→120(ReLU)→10 over training (epoch 0 = initialisation)'
  set grid
  set xlabel 'epoch'
  do for [m = 1:3] {
    set key top left font ',8'
    set logscale y
    set title sprintf('%s: spectral norm', word(modes, m)) noenhanced
    plot for [i = 1:5] st(word(modes, m), word(ops, i)) using 4:6 with linespoints pt 7 ps 0.5 lc rgb col(i) title opname(i)
    set title sprintf('%s: stable rank', word(modes, m)) noenhanced
    plot for [i = 1:5] st(word(modes, m), word(ops, i)) using 4:7 with linespoints pt 7 ps 0.5 lc rgb col(i) title opname(i)
    set title sprintf('%s: condition number', word(modes, m)) noenhanced
    plot for [i = 1:5] st(word(modes, m), word(ops, i)) using 4:8 with linespoints pt 7 ps 0.5 lc rgb col(i) title opname(i)
    unset logscale y
    set key bottom right
    set title sprintf('%s: test accuracy', word(modes, m)) noenhanced
    plot ac(word(modes, m)) using 4:5 with linespoints pt 7 ps 0.5 lc rgb 'black' notitle
  }
  unset multiplot
}
