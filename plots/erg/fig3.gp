# erg Fig. 3: log10 D_se(N_k) over consecutive sizes for CUE, COE, CSE;
# published construction (bristol, notebook's Omega loop) beside the
# published values, and the Haar ensembles with the paper's Omega.
dat = 'results/erg_fig3.dat'
row(c, e, o) = sprintf("< awk '$1==\"dse\" && $2==\"%s\" && $3==\"%s\" && $4==\"%s\"' %s", c, e, o, dat)
# the published values (bits; IMPLEMENTATION-NOTES), one block per ensemble
$paper << EOD
0 43.70
1 40.94
2 35.47
3 32.70
4 29.46


0 42.88
1 40.35
2 36.29
3 33.18
4 29.65


0 41.98
1 39.13
2 32.25
3 27.57
4 24.47
EOD
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1200,560 font ',11'; set output 'results/erg_fig3.png' } \
  else { set terminal pdfcairo size 8in,3.8in font ',9'; set output 'results/erg_fig3.pdf' }
  set multiplot layout 1,2 title 'erg Fig. 3: approach to spectral ergodicity, D_{se}(N_k) in bits'
  set xtics ('64-128' 0, '128-256' 1, '256-512' 2, '512-768' 3, '768-1024' 4)
  set xrange [-0.3:4.3]
  set ylabel 'log_{10} D_{se}'
  set grid
  set key top right
  set title 'published construction (bristol), the notebook''s Ω loop'
  plot row('bristol','CUE','notebook') using ($0):8 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'CUE', \
       row('bristol','COE','notebook') using ($0):8 with linespoints lw 2 pt 5 lc rgb '#2e86c1' title 'COE', \
       row('bristol','CSE','notebook') using ($0):8 with linespoints lw 2 pt 9 lc rgb '#229954' title 'CSE', \
       row('bristol','CSE','first_matrix') using ($0):8 with linespoints lw 1 dt 2 pt 9 lc rgb '#229954' title 'CSE, all 2N eigenvalues', \
       $paper using 1:(log10($2)) index 0 with points pt 6 ps 1.5 lc rgb '#c0392b' title 'notebook CUE', \
       $paper using 1:(log10($2)) index 1 with points pt 4 ps 1.5 lc rgb '#2e86c1' title 'notebook COE', \
       $paper using 1:(log10($2)) index 2 with points pt 8 ps 1.5 lc rgb '#229954' title 'notebook CSE'
  set title 'Haar ensembles (Mezzadri), the paper''s Ω'
  plot row('haar','CUE','correct') using ($0):8 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'CUE', \
       row('haar','COE','correct') using ($0):8 with linespoints lw 2 pt 5 lc rgb '#2e86c1' title 'COE', \
       row('haar','CSE','correct') using ($0):8 with linespoints lw 2 pt 9 lc rgb '#229954' title 'CSE'
  unset multiplot
  unset output
}
