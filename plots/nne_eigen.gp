# nne thesis §3.3-3.4 (diffusion-map part): eigenvectors, Laplace-Beltrami
# eigenvalues, error and time against k, and the epsilon sweep.
dat = 'results/nne_eigen.dat'
rows(tag) = sprintf("< awk '$1==\"%s\"' %s", tag, dat)
sweep(n) = sprintf("< awk '$1==\"sweep\" && $2==%d' %s", n, dat)
kk = int(system(sprintf("awk '$1==\"eig\"' %s | wc -l", dat)))
ns = system(sprintf("awk '$1==\"sweep\" {print $2}' %s | uniq | tr '\\n' ' '", dat))
do for [term in 'pngcairo pdfcairo'] {
  if (term eq 'pngcairo') { set terminal pngcairo size 1800,1000 font ',11'; set output 'results/nne_eigen.png' } \
  else { set terminal pdfcairo size 13in,7.2in font ',9'; set output 'results/nne_eigen.pdf' }
  unset logscale
  set format x '%g'
  set format y '%g'
  set xrange [*:*]
  set yrange [*:*]
  set multiplot layout 2,3 title 'nne: diffusion maps on the unit circle (α = 1, datafold ε heuristic, untuned)'
  set grid
  set title 'eigenvectors ψ_0..ψ_4 against θ (N = 10,000)'
  set xrange [0:2*pi]
  set xtics ('0' 0, 'π/2' pi/2, 'π' pi, '3π/2' 3*pi/2, '2π' 2*pi)
  set xlabel 'θ'
  set ylabel 'ψ_j'
  set key outside right
  plot for [j=0:4] rows('vec') using 2:(column(3+j)) with lines lw 2 title sprintf('ψ_%d', j)
  set title 'μ_j = −2 ln λ_j / ε against the exact 0, 1, 1, 4, 4, …'
  set xrange [-0.5:kk-0.5]
  set xtics 1
  set xlabel 'j'
  set ylabel 'μ_j'
  set key inside left top
  plot rows('eig') using 2:5 with points pt 6 ps 2 lw 2 lc rgb '#000000' title 'exact', \
       rows('eig') using 2:4 with points pt 7 ps 1.2 lc rgb '#c0392b' title 'diffusion map'
  set title 'error against k (Grassmann metrics for odd k: closed pairs)'
  set xlabel 'k'
  set ylabel 'error'
  set logscale y
  set format y '10^{%L}'
  set yrange [1e-16:*]
  set key inside right bottom
  plot rows('ek') using 2:3 with linespoints lw 2 pt 7 lc rgb '#c0392b' title '‖μ − μ_{exact}‖_2', \
       rows('gk') using 2:3 with linespoints lw 2 pt 5 lc rgb '#2e86c1' title 'Grassmann √Σθ²', \
       rows('gk') using 2:4 with linespoints lw 2 pt 9 lc rgb '#229954' title 'Σ sin²θ', \
       rows('gk') using 2:5 with linespoints lw 2 pt 13 lc rgb '#7d3c98' title 'projection error', \
       rows('ek') using 2:6 with linespoints lw 2 pt 3 lc rgb '#7f8c8d' title '‖I − ΨᵀΨ‖_F'
  unset logscale y
  set format y '%g'
  set title 'time against k (N = 10,000)'
  set ylabel 'seconds'
  set key inside left top
  set yrange [0:*]
  set xrange [0:*]
  plot rows('ek') using 2:4 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'set-up (ε heuristic + sparse kernel)', \
       rows('ek') using 2:5 with linespoints lw 2 pt 5 lc rgb '#2e86c1' title 'eigensolver (ARPACK shift-invert)'
  set yrange [*:*]
  set title 'ε sweep: bias of μ ≈ 1 (mean of the first pair, ± s.d.)'
  set xrange [*:*]
  set xtics auto
  set logscale xy
  set format x '10^{%L}'
  set format y '10^{%L}'
  set xlabel 'ε (each N: 1, 4, 16, 64 × heuristic)'
  set ylabel '|1 − μ|'
  set key inside left bottom
  plot for [n in ns] sweep(int(n)) using 4:(abs(1-$5)):6 with yerrorlines lw 2 title sprintf('N = %s', n)
  set title 'the same against points per kernel width N√ε'
  set xlabel 'N √ε'
  plot for [n in ns] sweep(int(n)) using ($2*sqrt($4)):(abs(1-$5)) with linespoints lw 2 pt 7 title sprintf('N = %s', n)
  unset multiplot
  unset output
}
