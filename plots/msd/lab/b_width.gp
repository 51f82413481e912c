# Lab msd-b: accuracy against the width N2 (msd Fig. 5 at lab scale). Reads results/labs/msd_b_width.dat.
dat = 'results/labs/msd_b_width.dat'; out = 'results/labs/msd_b_width'
ttl = 'Lab msd-b: width, 784 → N_2 → 10 (linear)'; xl = 'trained eigenvalues N_2 + 10 (log)'; xcol = 9
set logscale x
load 'plots/msd/lab/sweep.gp'
