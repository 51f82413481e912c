# ops-ergodicity: erg's spectral ergodicity on trained layers: sum of the
# Thirumalai-Mountain Omega and D_se(N_k) of the first layer's scaled
# singular values over M independently trained networks, per width N,
# beside the same layers at initialisation and erg's CUE surrogate.
dat = 'results/ops_ergodicity.dat'
om(m, s) = sprintf("< awk '$1==\"omega\" && $2==\"%s\" && $3==\"%s\"' %s", m, s, dat)
ds(m, s) = sprintf("< awk '$1==\"dse\" && $2==\"%s\" && $3==\"%s\"' %s", m, s, dat)
de(m, s) = sprintf("< awk '$1==\"density\" && $2==\"%s\" && $3==\"%s\"' %s", m, s, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1500,520 font ',11'; set output 'results/ops_ergodicity.png' } \
  else { set terminal pdfcairo size 10in,3.5in font ',8'; set output 'results/ops_ergodicity.pdf' }
  set multiplot layout 1,3 title 'ops-ergodicity: spectral ergodicity of trained layers (first layer N×784, M independent networks per N)'
  set grid
  set logscale x 2
  set key top right font ',9'
  set title 'Σ_k Ω^N(b_k): spread of members around the ensemble density'
  set xlabel 'width N'
  set logscale y
  plot om('spectral_eig','init') using 4:5 with linespoints pt 6 lc rgb '#f1948a' title 'spectral, init', \
       om('spectral_eig','trained') using 4:5 with linespoints pt 7 lc rgb '#c0392b' title 'spectral, trained', \
       om('direct_full','init') using 4:5 with linespoints pt 4 lc rgb '#85c1e9' title 'direct, init', \
       om('direct_full','trained') using 4:5 with linespoints pt 5 lc rgb '#2e86c1' title 'direct, trained', \
       om('cue','-') using 4:5 with linespoints pt 2 lc rgb '#229954' title 'CUE (erg surrogate, phases)'
  set title 'D_{se}(N_k) = KL_{sym}(Ω^{N_k} ‖ Ω^{N_{k-1}}), bits'
  set xlabel 'N_k'
  plot ds('spectral_eig','init') using 5:6 with linespoints pt 6 lc rgb '#f1948a' title 'spectral, init', \
       ds('spectral_eig','trained') using 5:6 with linespoints pt 7 lc rgb '#c0392b' title 'spectral, trained', \
       ds('direct_full','init') using 5:6 with linespoints pt 4 lc rgb '#85c1e9' title 'direct, init', \
       ds('direct_full','trained') using 5:6 with linespoints pt 5 lc rgb '#2e86c1' title 'direct, trained', \
       ds('cue','-') using 5:6 with linespoints pt 2 lc rgb '#229954' title 'CUE'
  unset logscale
  set title 'ensemble density of σ/rms(σ), largest N'
  set xlabel 'σ / rms(σ)'
  plot de('spectral_eig','init') using 5:6 with steps lc rgb '#f1948a' title 'spectral, init', \
       de('spectral_eig','trained') using 5:6 with steps lw 2 lc rgb '#c0392b' title 'spectral, trained', \
       de('direct_full','init') using 5:6 with steps lc rgb '#85c1e9' title 'direct, init', \
       de('direct_full','trained') using 5:6 with steps lw 2 lc rgb '#2e86c1' title 'direct, trained'
  unset multiplot
}
