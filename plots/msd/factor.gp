# Shared body of the msd training-factor sweeps (src/msd/sl_sweep.c, config
# `factor`): test accuracy (mean ± std over runs, summary rows `summary VALUE
# mode arch ...`) against the factor's values, one curve per (mode, arch).
# Loaded by msd_table1_batch.gp etc., which set `key`, `ttl`, `xlab`, the
# arrays M (modes), A (arch indices, as text) and T (titles) of the curves,
# and optionally `extra` (gnuplot commands run before plotting).
dat = 'results/'.key.'.dat'
rows(mode, arch) = sprintf("< awk '$1==\"summary\" && $3==\"%s\" && $4==\"%s\"' %s", mode, arch, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 900,600 font ',11'; set output 'results/'.key.'.png' } \
  else { set terminal pdfcairo size 6in,4in font ',9'; set output 'results/'.key.'.pdf' }
  set title ttl
  set xlabel xlab
  set ylabel 'test accuracy (%)'
  set offsets 0.3, 0.3, 0, 0
  set key inside bottom right samplen 2 box opaque
  set grid
  if (exists("extra")) { eval extra }
  # x: the value's position in factor.values, labelled with the value (the
  # first, invisible plot); the curves slightly apart so their bars show
  plot rows(M[1], A[1]) using 0:(NaN):xtic(2) notitle, \
       for [i = 1:|M|] rows(M[i], A[i]) using ($0 + 0.04 * (i - (|M| + 1) / 2.0)):(100*$6):(100*$7) \
       with yerrorlines lw 2 pt 7 title T[i]
  unset output
  reset
}
