# ops-composition: the spectrum of composed layers against the products of the
# factors' spectra (src/ops/sl_compose.h), with the distance d of each case.
if (!exists('dat')) dat = 'results/ops_composition.dat'
if (!exists('out')) out = 'results/ops_composition'   # plots/ops/lab/composition.gp sets both
row(k, m, s, p) = sprintf("< awk '$1==\"%s\" && $2==\"%s\" && $3==\"%s\" && $4==\"%s\"' %s", k, m, s, p, dat)
dist(m, s, p, k) = system(sprintf("awk '$1==\"dist\" && $2==\"%s\" && $3==\"%s\" && $4==\"%s\" && $5==\"%s\" {printf \"%%.3f\", $7}' %s", m, s, p, k, dat))
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1500,520 font ',11'; set output out.'.png' } \
  else { set terminal pdfcairo size 10in,3.5in font ',8'; set output out.'.pdf' }
  set multiplot layout 1,3 title 'ops-composition: spectrum of the composed operator vs products of the factors'' spectra'
  set grid
  set key top left font ',9'
  set logscale xy
  set format xy '10^{%L}'
  set title 'eigenvalues of W3·W2 (64×64)'
  set xlabel '|λ_i(W3) λ_{π(i)}(W2)|  (eigenvector pairing)'
  set ylabel '|λ(W3 W2)|'
  plot x with lines lc rgb 'gray' dt 2 notitle, \
       row('eig','spectral_eig','init','W3W2') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 6 ps 0.5 lc rgb '#f1948a' title sprintf('spectral init, d = %s', dist('spectral_eig','init','W3W2','eig')), \
       row('eig','spectral_eig','trained','W3W2') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 7 ps 0.5 lc rgb '#c0392b' title sprintf('spectral trained, d = %s', dist('spectral_eig','trained','W3W2','eig')), \
       row('eig','direct_full','init','W3W2') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 4 ps 0.5 lc rgb '#85c1e9' title sprintf('direct init, d = %s', dist('direct_full','init','W3W2','eig')), \
       row('eig','direct_full','trained','W3W2') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 5 ps 0.5 lc rgb '#2e86c1' title sprintf('direct trained, d = %s', dist('direct_full','trained','W3W2','eig')), \
       row('eig','control_commuting','-','BA') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 2 ps 0.6 lc rgb '#229954' title sprintf('control: commuting, d = %s', dist('control_commuting','-','BA','eig')), \
       row('eig','control_gaussian','-','BA') using (abs($8+{0,1}*$9)):(abs($6+{0,1}*$7)) pt 1 ps 0.6 lc rgb '#7d3c98' title sprintf('control: Gaussian, d = %s', dist('control_gaussian','-','BA','eig'))
  set title 'singular values of W4·W3·W2·W1'
  set xlabel 'Π_l σ_i(W_l)'
  set ylabel 'σ_i(W4 W3 W2 W1)'
  plot x with lines lc rgb 'gray' dt 2 notitle, \
       row('sv','spectral_eig','init','chain') using 7:6 with linespoints pt 6 lc rgb '#f1948a' title sprintf('spectral init, d = %s', dist('spectral_eig','init','chain','sv')), \
       row('sv','spectral_eig','trained','chain') using 7:6 with linespoints pt 7 lc rgb '#c0392b' title sprintf('spectral trained, d = %s', dist('spectral_eig','trained','chain','sv')), \
       row('sv','direct_full','init','chain') using 7:6 with linespoints pt 4 lc rgb '#85c1e9' title sprintf('direct init, d = %s', dist('direct_full','init','chain','sv')), \
       row('sv','direct_full','trained','chain') using 7:6 with linespoints pt 5 lc rgb '#2e86c1' title sprintf('direct trained, d = %s', dist('direct_full','trained','chain','sv')), \
       row('sv','control_aligned','-','BA') using 7:6 every 4 pt 2 lc rgb '#229954' title sprintf('control: aligned bases (64), d = %s', dist('control_aligned','-','BA','sv'))
  unset logscale
  set format xy '%g'
  set title 'nilpotent control: eig(A) = eig(B) = {0}, products all 0'
  set xlabel 'Re λ(BA)'
  set ylabel 'Im λ(BA)'
  set size ratio -1
  plot row('eig','control_nilpotent','-','BA') using 6:7 pt 7 ps 0.5 lc rgb '#d35400' title sprintf('λ(BA), A strictly upper, B strictly lower; d = %s', dist('control_nilpotent','-','BA','eig')), \
       row('eig','control_nilpotent','-','BA') using 8:9 pt 2 ps 1.2 lc rgb 'black' title 'products'
  unset size
  unset multiplot
}
