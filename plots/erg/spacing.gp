# Beyond the erg paper: spacing distributions of the Haar ensembles against
# the Wigner surmises. Reads results/erg_spacing.dat.
dat = 'results/erg_spacing.dat'
h(e) = sprintf("< awk '$1==\"hist\" && $2==\"%s\"' %s", e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1300,460 font ',11'; set output 'results/erg_spacing.png' } \
  else { set terminal pdfcairo size 9in,3.2in font ',9'; set output 'results/erg_spacing.pdf' }
  set multiplot layout 1,3 title 'Nearest-neighbour spacings of the Haar circular ensembles vs Wigner surmises'
  set xlabel 's (unfolded)'; set ylabel 'P(s)'
  set grid; set key top right
  set xrange [0:3.5]
  do for [k=1:3] {
    e = word('COE CUE CSE', k); b = word('1 2 4', k)
    set title e.' (β = '.b.')'
    plot h(e) using 3:4 with boxes fs solid 0.35 lc rgb '#5d6d7e' title 'speclab', \
         h(e) using 3:(k==1 ? $5 : k==2 ? $6 : $7) with lines lw 2.5 lc rgb '#c0392b' title 'Wigner β = '.b
  }
  unset multiplot
  unset output
}
