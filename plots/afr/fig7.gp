# afr Fig. 7: (a) histogram of the 784 normalised relevance scores of the
# MNIST 0/1 network; (b) the scores on the 28 x 28 grid (results/afr_fig7.dat).
if (!exists('dat')) dat = 'results/afr_fig7.dat'
if (!exists('out')) out = 'results/afr_fig7'
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1100,460 font ',10'; set output out.'.png' } \
  else { set terminal pdfcairo size 8in,3.4in font ',8'; set output out.'.pdf' }
  set multiplot layout 1,2 title 'afr Fig. 7: MNIST 0/1 relevance scores |λ̃_i| / max |λ̃|'
  set title '(a) distribution of the 784 scores'
  set xlabel '|λ̃_i| / max |λ̃|'; set ylabel 'density'
  set style fill solid 0.6

  plot dat index 0 using 2:($3 > 0 ? $3 : NaN) with boxes lc rgb '#2e86c1' notitle

  set title '(b) scores on the pixel grid'
  unset xlabel; unset ylabel
  set xrange [-0.5:27.5]; set yrange [27.5:-0.5]
  set size ratio 1
  set palette defined (0 '#30123b', 0.25 '#4686fb', 0.5 '#1ae4b6', 0.75 '#faba39', 1 '#f9fb0e')
  set cbrange [0:1]
  plot dat index 1 using 3:2:4 with image notitle
  unset multiplot
  unset output
}
