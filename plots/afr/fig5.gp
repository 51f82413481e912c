# afr Fig. 5: per-class distributions of the 20 components of the
# independent-Gaussians set (results/afr_fig5.dat: hist rows, index 2i = class 0, 2i+1 = class 1).
if (!exists('dat')) dat = 'results/afr_fig5.dat'
if (!exists('out')) out = 'results/afr_fig5'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1400,1000 font ',9'; set output out.'.png' } \
  else { set terminal pdfcairo size 10in,7in font ',7'; set output out.'.pdf' }
  set multiplot layout 4,5 title 'afr Fig. 5: independent Gaussians, per-class distribution of each component (red: class 0, blue: class 1)'
  unset key
  set xtics 2
  do for [i=0:19] {
    stats dat using (strcol(1) eq 'stats' && $2 == i && $3 == 0 ? $6 : NaN) nooutput
    set title sprintf('x_{%d}, |Δμ| = %.1f', i, STATS_mean)
    plot dat index 2*i using 4:5 with filledcurves y1=0 fs transparent solid 0.4 lc rgb '#c0392b', \
         dat index 2*i+1 using 4:5 with filledcurves y1=0 fs transparent solid 0.4 lc rgb '#2e86c1'
  }
  unset multiplot
  unset output
}
