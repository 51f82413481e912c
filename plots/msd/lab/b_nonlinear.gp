# Lab msd-b: the non-linear network (msd Fig. 7 at lab scale). Reads results/labs/msd_b_nonlinear.dat.
dat = 'results/labs/msd_b_nonlinear.dat'; out = 'results/labs/msd_b_nonlinear'
ttl = 'Lab msd-b: 784 → N_2 → 120 (ReLU) → 10'; xl = 'N_2'; xcol = 3
set xtics ('N_2 = 50' 0, 'N_2 = 500' 1)
set xrange [-0.3:1.3]
load 'plots/msd/lab/sweep.gp'
