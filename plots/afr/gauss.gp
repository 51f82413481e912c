# Shared body of afr Figs. 1 and 2 (loaded by afr_fig1.gp / afr_fig2.gp,
# which set dat, out, fig, xl and may set settings). Rows: sl_afr_run.h. One row of panels per
# penalty setting: (a) scores per feature, mean ± sd over the runs;
# (b) scores against the ground truth; (c) the three rankings, each run
# normalised to its largest magnitude, against the ground truth.
if (!exists('settings')) settings = 'lambda_only group_lasso'
stats dat using (strcol(1) eq 'run' ? $3 : NaN) nooutput   # the run count from the data, not the caller
fig = sprintf('%s, %d runs', fig, STATS_max + 1)
nrow = words(settings)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1400,410 * nrow font ',10'; set output out.'.png' } \
  else { set terminal pdfcairo size 10,2.95 * nrow font ',8'; set output out.'.pdf' }
  set multiplot layout nrow,3 title fig
  set grid
  set termoption noenhanced
  set offsets graph 0.03, graph 0.03, 0, 0   # points at the ends of the x range drawn whole
  do for [s in settings] {
    set xrange [*:*]; set yrange [*:*]
    # the summary's mean rho of each ranking; NaN (drawn as nan) where a run's ranking is undefined (e.g. all input
    # gradients zero), for which stats finds no valid point and leaves STATS_mean unset
    array rho[3]
    do for [k = 1:3] {
      undefine STATS_*
      stats dat using (strcol(1) eq 'summary' && strcol(2) eq s ? column(2 + 2 * k) : NaN) nooutput
      rho[k] = exists('STATS_mean') ? STATS_mean : NaN
    }
    rs = rho[1]; rp = rho[2]; rg = rho[3]
    stats dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $5 + $6 : NaN) nooutput
    yhi = STATS_max
    stats dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $5 - $6 : NaN) nooutput
    ylo = STATS_min < 0 ? STATS_min : 0
    set yrange [ylo - 0.05 * (yhi - ylo) : yhi + 0.1 * (yhi - ylo)]
    set title sprintf('(a) %s: score per feature (mean ± sd)', s)
    set xlabel 'input feature i'
    set ylabel 'score λ_i |φ_.i|'
    set key top left
    plot dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $3 : NaN):5:6 with yerrorbars pt 7 ps 0.8 lc rgb '#c0392b' title 'λ̃ (spectral)'
    set title sprintf('(b) %s: Spearman ρ(|λ̃|, truth) = %.3f', s, rs)
    set xlabel xl
    plot dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $4 : NaN):5:6 with yerrorbars pt 7 ps 0.8 lc rgb '#c0392b' title 'λ̃ (spectral)'
    set title sprintf('(c) %s: ρ spectral %.3f, perm. %.3f, grad. %.3f', s, rs, rp, rg)
    set ylabel 'score / largest score (mean over runs)'
    set yrange [-0.02:1.1]
    plot dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $4 - 0.01 : NaN):7 with points pt 7 ps 0.9 lc rgb '#c0392b' title '|λ̃|', \
         dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $4 : NaN):9 with points pt 5 ps 0.8 lc rgb '#2e86c1' title 'permutation', \
         dat using (strcol(1) eq 'feature' && strcol(2) eq s ? $4 + 0.01 : NaN):11 with points pt 9 ps 0.9 lc rgb '#27ae60' title '|input gradient|'
  }
  unset multiplot
  unset output
}
