# afr Fig. 6: components 4 and 5 of the correlated-Gaussians set: per-class
# histograms and the scatter of x_5 against x_4 (results/afr_fig6.dat).
if (!exists('dat')) dat = 'results/afr_fig6.dat'
if (!exists('out')) out = 'results/afr_fig6'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1200,420 font ',10'; set output out.'.png' } \
  else { set terminal pdfcairo size 9in,3.2in font ',8'; set output out.'.pdf' }
  set multiplot layout 1,3 title 'afr Fig. 6: correlated Gaussians, the pair (x_4, x_5) (red: class 0, blue: class 1)'
  set key top right
  do for [f=4:5] {
    set title sprintf('x_%d', f)
    set xlabel sprintf('x_%d', f); set ylabel 'density'
    plot dat using (strcol(1) eq 'hist' && $2 == f && $3 == 0 ? $4 : NaN):5 with steps lw 2 lc rgb '#c0392b' title 'class 0', \
         dat using (strcol(1) eq 'hist' && $2 == f && $3 == 1 ? $4 : NaN):5 with steps lw 2 lc rgb '#2e86c1' title 'class 1'
  }
  set title 'x_5 against x_4'
  set xlabel 'x_4'; set ylabel 'x_5'
  set size ratio 1
  plot dat using (strcol(1) eq 'scatter' && $2 == 0 ? $3 : NaN):4 with points pt 7 ps 0.5 lc rgb '#c0392b' title 'class 0', \
       dat using (strcol(1) eq 'scatter' && $2 == 1 ? $3 : NaN):4 with points pt 6 ps 0.5 lc rgb '#2e86c1' title 'class 1'
  unset multiplot
  unset output
}
