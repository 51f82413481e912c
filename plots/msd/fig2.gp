# msd Fig. 2: heatmaps of Phi_k, Lambda_k, A_k and the retracted A_c for a
# small 3-layer example. Reads results/msd_fig2.dat (one index per matrix:
# Phi_1 Lambda_1 A_1 Phi_2 Lambda_2 A_2 A A_c).
dat = 'results/msd_fig2.dat'
names = "Φ_1 Λ_1 A_1 Φ_2 Λ_2 A_2 A=A_2A_1 A_c"
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1400,720 font ',11'; set output 'results/msd_fig2.png' } \
  else { set terminal pdfcairo size 9.5in,4.9in font ',9'; set output 'results/msd_fig2.pdf' }
  set multiplot layout 2,4 title 'msd Fig. 2: eigenvectors Φ_k, eigenvalues Λ_k, transfer matrices A_k = Φ_k Λ_k Φ_k^{-1}, and the retracted A_c'
  set palette defined (-1 '#2166ac', 0 'white', 1 '#b2182b')
  set cbrange [-1:1]
  set yrange [] reverse
  set size ratio -1
  set autoscale fix
  unset key
  set tics scale 0 font ',8'
  do for [k=0:7] {
    set title word(names, k+1)
    plot dat index k using 2:1:3 with image
  }
  unset multiplot
  unset output
}
