# nne thesis §3.3-3.4: diffusion maps (eigenvectors, Laplace-Beltrami
# eigenvalues, error and time against k, the epsilon sweep; first row) and
# SpectralNet at each kernel scale sigma^2 = F x epsilon of the run (F = 1 the
# thesis, e.g. 400 a scale at which it learns): loss and Grassmann distance
# per epoch (geodesic sqrt(sum theta^2), the thesis' form), eigenvectors,
# eigenvalues, error and time against k, orthogonality against the
# orthonormalisation batch.
dat = 'results/nne_eigen.dat'
rows(tag) = sprintf("< awk '$1==\"%s\"' %s", tag, dat)
sweep(n) = sprintf("< awk '$1==\"sweep\" && $2==%d' %s", n, dat)
kk = int(system(sprintf("awk '$1==\"eig\"' %s | wc -l", dat)))
ns = system(sprintf("awk '$1==\"sweep\" {print $2}' %s | uniq | tr '\\n' ' '", dat))
fs = system(sprintf("awk '$1==\"seig\" {print $2}' %s | uniq | tr '\\n' ' '", dat))
srows(tag, f) = sprintf("< awk '$1==\"%s\" && $2==\"%s\"' %s", tag, f, dat)
tk = int(system(sprintf("awk '$1==\"seig\" && $2==\"%s\"' %s | wc -l", word(fs.' 1', 1), dat)))
do for [term in 'pngcairo pdfcairo'] {
  if (term eq 'pngcairo') { set terminal pngcairo size 2200,2000 font ',11'; set output 'results/nne_eigen.png' } \
  else { set terminal pdfcairo size 15in,13.5in font ',9'; set output 'results/nne_eigen.pdf' }
  unset logscale
  set format x '%g'
  set format y '%g'
  set xrange [*:*]
  set yrange [*:*]
  set multiplot layout 4,4 title 'nne: diffusion maps (α = 1, datafold ε heuristic, untuned; top row) and SpectralNet (σ² = F·ε; F = 1 the thesis) on the unit circle'
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
  if (strlen(fs) > 0) {
  set multiplot next
  set multiplot next
  # ---- SpectralNet
  unset logscale
  set format x '%g'
  set format y '%g'
  set xtics auto
  set title sprintf('SpectralNet (k = %d): mean training loss per epoch', tk)
  set xlabel 'epoch'
  set ylabel 'loss'
  set xrange [0:*]
  set yrange [*:*]
  set logscale y
  set format y '10^{%L}'
  set key inside right top
  plot for [f in fs] srows('strain', f) using 3:4 with linespoints lw 2 pt 7 ps 0.5 title sprintf('F = %s', f)
  set title 'Grassmann distance √Σθ² (geodesic) of the embedding, per epoch'
  set ylabel 'distance'
  unset logscale y
  set format y '%g'
  set yrange [0:*]
  set key below
  plot for [f in fs] srows('strain', f) using 3:5 with linespoints lw 2 pt 7 ps 0.5 title sprintf('F = %s: to 1, cos, sin, …', f), \
       for [f in fs] srows('strain', f) using 3:7 with lines lw 2 dt 2 title sprintf('F = %s: to the diffusion map', f)
  set yrange [*:*]
  set key rmargin vertical
  do for [f in fs] {
    set title sprintf('SpectralNet eigenvectors q_0..q_{%d} against θ (F = %s)', (tk < 5 ? tk : 5) - 1, f)
    set xrange [0:2*pi]
    set xtics ('0' 0, 'π/2' pi/2, 'π' pi, '3π/2' 3*pi/2, '2π' 2*pi)
    set xlabel 'θ'
    set ylabel 'q_j'
    set key outside right
    plot for [j=0:(tk < 5 ? tk : 5)-1] srows('svec', f) using 3:(column(4+j)) with lines lw 2 title sprintf('q_%d', j)
  }
  set title 'SpectralNet μ_j (Rayleigh quotients) vs exact 0, 1, 1, 4, 4'
  set xrange [-0.5:tk-0.5]
  set xtics 1
  set xlabel 'j'
  set ylabel 'μ_j'
  set logscale y
  set format y '10^{%L}'
  set key inside left center vertical
  plot rows('eig') using 2:($5 > 0 ? $5 : 1/0) with points pt 6 ps 2 lw 2 lc rgb '#000000' title 'exact (μ > 0)', \
       rows('eig') using 2:($4 > 0 ? $4 : 1/0) with points pt 7 ps 1.2 lc rgb '#c0392b' title 'diffusion map', \
       for [f in fs] srows('seig', f) using 3:($5 > 0 ? $5 : 1/0) with points pt 5 ps 1.2 title sprintf('SpectralNet F = %s', f)
  set title 'error against k: SpectralNet (points) beside diffusion maps (lines)'
  set xrange [0:*]
  set xtics auto
  set xlabel 'k'
  set ylabel 'error'
  set key below
  plot rows('ek') using 2:3 with lines lw 2 lc rgb '#c0392b' title 'dmaps ‖μ − μ_{exact}‖', \
       rows('gk') using 2:3 with lines lw 2 lc rgb '#2e86c1' title 'dmaps Grassmann √Σθ²', \
       for [f in fs] srows('sk', f) using 3:4 with linespoints lw 2 pt 7 title sprintf('SpectralNet F = %s: ‖μ − μ_{exact}‖', f), \
       for [f in fs] srows('sk', f) using 3:5 with linespoints lw 2 pt 5 dt 2 title sprintf('SpectralNet F = %s: √Σθ²', f)
  set title 'time against k: set-up + solve (log scale)'
  set ylabel 'seconds'
  set key below
  plot rows('ek') using 2:7 with linespoints lw 2 pt 7 lc rgb '#c0392b' title 'diffusion maps (set-up + eigensolver)', \
       for [f in fs] srows('sk', f) using 3:11 with linespoints lw 2 pt 5 title sprintf('SpectralNet F = %s (set-up + training + embedding)', f), \
       for [f in fs] srows('sk', f) using 3:8 with lines lw 1 dt 2 title sprintf('SpectralNet F = %s set-up', f)
  set title sprintf('raw outputs ‖I − YᵀY/n‖_F vs orthonormalisation batch (k = %d)', tk)
  set xrange [*:*]
  set yrange [*:30]
  set logscale xy
  set format x '%g'
  set xlabel 'orthonormalisation batch m'
  set ylabel '‖I − YᵀY/n‖_F'
  set key inside right top
  plot for [f in fs] srows('so', f) using 3:4 with linespoints lw 2 pt 7 title sprintf('F = %s', f), \
       for [f in fs] srows('so', f) using 3:5 with linespoints lw 1 pt 5 dt 2 title sprintf('F = %s: Grassmann √Σθ²', f)
  }
  unset multiplot
  unset output
}
