# afr Fig. 4: four MNIST test images (top) and the same images masked to the
# 20 most relevant pixels (bottom). results/afr_fig4.dat: pixel rows, index = image.
if (!exists('dat')) dat = 'results/afr_fig4.dat'
if (!exists('out')) out = 'results/afr_fig4'
# the label of each image, read before any range is set (stats honours them)
array lab[4]
do for [k=0:3] { stats dat index k using 3 nooutput; lab[k + 1] = int(STATS_min) }
do for [t in 'pngcairo pdfcairo'] {
  if (t eq 'pngcairo') { set terminal pngcairo size 1000,560 font ',10'; set output out.'.png' } \
  else { set terminal pdfcairo size 6.5in,3.6in font ',8'; set output out.'.pdf' }
  set multiplot layout 2,4 title 'afr Fig. 4: test images, original (top) and masked to the top-20 pixels (bottom)'
  set palette gray
  set cbrange [0:1]
  unset colorbox
  set xrange [-0.5:27.5]; set yrange [27.5:-0.5]
  unset xtics; unset ytics
  set size ratio 1
  do for [k=0:3] {
    set title sprintf('digit %d', lab[k + 1])
    plot dat index k using 5:4:6 with image notitle
  }
  do for [k=0:3] {
    set title 'masked'
    plot dat index k using 5:4:7 with image notitle
  }
  unset multiplot
  unset output
}
