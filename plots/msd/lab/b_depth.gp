# Lab msd-b: accuracy against depth (msd Fig. 6 at lab scale). Reads results/labs/msd_b_depth.dat.
dat = 'results/labs/msd_b_depth.dat'; out = 'results/labs/msd_b_depth'
ttl = 'Lab msd-b: depth, 784 → 200 (→ 100 (→ 50)) → 10 (linear)'; xl = 'network'; xcol = 3
set xtics ('784-200-10' 0, '784-200-100-10' 1, '784-200-100-50-10' 2)
set xrange [-0.3:2.3]
load 'plots/msd/lab/sweep.gp'
