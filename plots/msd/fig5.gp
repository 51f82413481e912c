# msd Fig. 5: wide linear network 784 -> N2 -> 10 (results/msd_fig5.dat).
key = 'msd_fig5'
ttl = 'msd Fig. 5: wide linear network 784 → N_2 → 10 (inset: A_c at N_2 = 1000)'
has_full_spectral = 1
load 'plots/msd/sweep.gp'
