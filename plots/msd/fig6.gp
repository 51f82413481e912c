# msd Fig. 6: deep linear networks (results/msd_fig6.dat).
key = 'msd_fig6'
ttl = 'msd Fig. 6: deep linear networks, ℓ = 3, 4, 5 (inset: A_c of 784-800-600-500-10)'
has_full_spectral = 1
# the paper's three groups: ℓ = 3 (N2 = 20 ... 800), ℓ = 4 (N2 = 800, N3 = 100 ... 600), ℓ = 5
extra = "set arrow from 860, graph 0 to 860, graph 1 nohead dt 2 lc rgb 'gray40'; \
         set arrow from 1660, graph 0 to 1660, graph 1 nohead dt 2 lc rgb 'gray40'; \
         set label 'ℓ = 3' at 400, graph 0.58 center; set label 'ℓ = 4' at 1180, graph 0.58 center; \
         set label 'ℓ = 5' at 2300, graph 0.58 center"
load 'plots/msd/sweep.gp'
