# afr Fig. 3: MNIST 0/1 test accuracy as pixels are added by relevance
# (results/afr_fig3.dat: curve and top rows); inset: the 20 most relevant pixels.
if (!exists('dat')) dat = 'results/afr_fig3.dat'
if (!exists('out')) out = 'results/afr_fig3'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1000,640 font ',11'; set output out.'.png' } \
  else { set terminal pdfcairo size 6.5in,4.2in font ',9'; set output out.'.pdf' }
  set multiplot title 'afr Fig. 3: MNIST 0/1, accuracy with the k most relevant pixels (others fed as 0)'
  set origin 0,0; set size 1,0.95
  set logscale x
  set xlabel 'number of pixels k'
  set ylabel 'test accuracy'
  set yrange [0.4:1.01]
  set grid
  set key bottom right
  plot dat using (strcol(1) eq 'curve' ? $2 : NaN):6:7 with filledcurves lc rgb '#d5d8dc' notitle, \
       dat using (strcol(1) eq 'curve' ? $2 : NaN):($6-$7):($6+$7) with filledcurves lc rgb '#d5d8dc' title 'random orders (mean ± sd)', \
       dat using (strcol(1) eq 'curve' ? $2 : NaN):6 with lines lw 1.5 lc rgb 'gray40' notitle, \
       dat using (strcol(1) eq 'curve' ? $2 : NaN):4 with linespoints pt 5 ps 0.6 lw 1.5 lc rgb '#2e86c1' title 'permutation importance', \
       dat using (strcol(1) eq 'curve' ? $2 : NaN):5 with linespoints pt 9 ps 0.7 lw 1.5 lc rgb '#27ae60' title 'mean |input gradient|', \
       dat using (strcol(1) eq 'curve' ? $2 : NaN):3 with linespoints pt 7 ps 0.7 lw 2.5 lc rgb '#c0392b' title 'spectral |λ̃|'
  unset logscale x; unset grid; unset key
  set origin 0.50,0.25; set size 0.28,0.42
  set xrange [-0.5:27.5]; set yrange [27.5:-0.5]
  set xtics 0,7,27 font ',7'; set ytics 0,7,27 font ',7'
  unset xlabel; unset ylabel
  set title 'top-20 pixels' font ',9'
  set object 1 rect from -0.5,-0.5 to 27.5,27.5 fc rgb '#1b2631' behind
  plot dat using (strcol(1) eq 'top' ? $5 : NaN):4 with points pt 5 ps 0.9 lc rgb '#f4d03f'
  unset object 1
  unset multiplot
  unset output
}
