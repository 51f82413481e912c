# nne thesis §3.5: heat equation on the unit circle from diffusion-map
# eigenpairs. Also drawn for the non-uniform run: plots/nne/heat_nonuniform.gp
# sets `key` and loads this file.
if (!exists("key")) key = 'nne_heat'
dat = 'results/'.key.'.dat'
rows(tag) = sprintf("< awk '$1==\"%s\"' %s", tag, dat)
sol(t) = sprintf("< awk '$1==\"sol\" && $2==%s' %s", t, dat)
name = system('echo '.key.' | tr _ -')
k = int(system(sprintf("awk '$1==\"eig\"' %s | wc -l", dat)))
do for [term in 'pngcairo pdfcairo'] {
  if (term eq 'pngcairo') { set terminal pngcairo size 1400,1000 font ',11'; set output 'results/'.key.'.png' } \
  else { set terminal pdfcairo size 10in,7.2in font ',9'; set output 'results/'.key.'.pdf' }
  unset logscale
  set format y '%g'
  set offsets 0, 0, 0, 0
  set multiplot layout 2,2 title sprintf('%s: heat equation u_t = u_{θθ} on the unit circle, %d eigenpairs: diffusion maps (datafold ε, untuned) and SpectralNet (σ² = ε)', name, k)
  set grid
  set xrange [0:2*pi]
  set xtics ('0' 0, 'π/2' pi/2, 'π' pi, '3π/2' 3*pi/2, '2π' 2*pi)
  set xlabel 'θ'
  set title 'eigenvectors ψ_j of the Markov matrix (unit norm) against θ'
  set key outside right
  set ylabel 'ψ_j'
  plot for [j=0:k-1] rows('vec') using 2:(column(3+j)) with lines lw 2 title sprintf('ψ_%d', j)
  set title 'solutions at t = 0, 10, 70: exact (lines), diffusion map (dots), SpectralNet (squares)'
  set ylabel 'u(t, θ)'
  plot sol('0') using 3:4 with lines lw 2 lc rgb '#c0392b' title 'exact t=0', \
       sol('0') every 20 using 3:5 with points pt 7 ps 0.5 lc rgb '#c0392b' title 'dmaps t=0', \
       sol('10') using 3:4 with lines lw 2 lc rgb '#2e86c1' title 'exact t=10', \
       sol('10') every 20 using 3:5 with points pt 7 ps 0.5 lc rgb '#2e86c1' title 'dmaps t=10', \
       sol('70') using 3:4 with lines lw 2 lc rgb '#229954' title 'exact t=70', \
       sol('70') every 20 using 3:5 with points pt 7 ps 0.5 lc rgb '#229954' title 'dmaps t=70', \
       sol('0') every 20 using 3:7 with points pt 4 ps 0.5 lc rgb '#c0392b' title 'SpectralNet t=0', \
       sol('10') every 20 using 3:7 with points pt 4 ps 0.5 lc rgb '#2e86c1' title 'SpectralNet t=10', \
       sol('70') every 20 using 3:7 with points pt 4 ps 0.5 lc rgb '#229954' title 'SpectralNet t=70'
  set title 'RMS error against the exact solution'
  set key inside right top
  set xrange [*:*]
  set xtics auto
  set xlabel 't'
  set ylabel 'RMS error'
  set logscale y
  set format y '10^{%L}'
  set yrange [1e-8:*]
  plot rows('err') using 2:3 with lines lw 2 lc rgb '#c0392b' title 'diffusion map (μ from −2 ln λ/ε)', \
       rows('err') using 2:4 with lines lw 2 dt 2 lc rgb '#2e86c1' title 'same ψ, exact μ = m²', \
       rows('err') using 2:5 with lines lw 2 lc rgb '#7d3c98' title 'SpectralNet (Rayleigh μ)'
  unset logscale y
  set yrange [*:*]
  set format y '%g'
  set logscale y
  set title 'Laplace–Beltrami eigenvalues μ_j = −2 ln λ_j / ε (log scale; exact μ_0 = 0 not drawn)'
  set xlabel 'j'
  set ylabel 'μ_j'
  set xrange [-0.5:k-0.5]
  set xtics 1
  set key inside left top
  set offsets graph 0, graph 0, graph 0.1, graph 0.05
  plot rows('eig') using 2:5 with points pt 6 ps 2 lw 2 lc rgb '#000000' title 'exact 0, 1, 1, 4, 4, …', \
       rows('eig') using 2:4 with points pt 7 ps 1.2 lc rgb '#c0392b' title 'diffusion map', \
       rows('eig') using 2:7 with points pt 5 ps 1.2 lc rgb '#7d3c98' title 'SpectralNet (Rayleigh quotient)'
  unset multiplot
  unset output
}
