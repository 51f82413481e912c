# msd Fig. 6: deep linear networks (results/msd_fig6.dat).
key = 'msd_fig6'
ttl = 'msd Fig. 6: deep linear networks, ℓ = 3, 4, 5 (inset: A_c of 784-800-600-500-10)'
has_full_spectral = 0
load 'plots/msd_sweep.gp'
