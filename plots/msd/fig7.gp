# msd Fig. 7: non-linear 784 -> N2 -> 120 (ReLU) -> 10 (results/msd_fig7.dat).
key = 'msd_fig7'
ttl = 'msd Fig. 7: 784 → N_2 (linear) → 120 (ReLU) → 10 (inset: linear layer retracted, N_2 = 1000)'
has_full_spectral = 1
keypos = 'at graph 0.02, graph 0.36 left'   # below the curves
load 'plots/msd/sweep.gp'
