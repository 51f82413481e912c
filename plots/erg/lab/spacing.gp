# Lab erg: level repulsion, spacing histograms of the Haar circular ensembles
# against the Wigner surmises. Reads results/labs/erg_spacing.dat.
dat = 'results/labs/erg_spacing.dat'
h(e) = sprintf("< awk '$1==\"hist\" && $2==\"%s\"' %s", e, dat)
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1300,460 font ',11'; set output 'results/labs/erg_spacing.png' } \
  else { set terminal pdfcairo size 9in,3.2in font ',9'; set output 'results/labs/erg_spacing.pdf' }
  set multiplot layout 1,3 title 'Lab erg: nearest-neighbour spacings vs the Wigner surmises (P_β(s) ∝ s^β at small s)'
  set xlabel 's (unfolded)'; set ylabel 'P(s)'
  set grid; set key top right
  set xrange [0:3.5]
  do for [k=1:3] {
    e = word('COE CUE CSE', k); b = word('1 2 4', k)
    set title e.' (β = '.b.')'
    plot h(e) using 3:4 with boxes fs solid 0.35 lc rgb '#5d6d7e' title 'speclab', \
         h(e) using 3:(k==1 ? $5 : k==2 ? $6 : $7) with lines lw 2.5 lc rgb '#c0392b' title 'Wigner β = '.b, \
         h(e) using 3:(exp(-$3)) with lines lw 1.5 dt 2 lc rgb 'black' title 'Poisson e^{-s}'
  }
  unset multiplot
  unset output
}
