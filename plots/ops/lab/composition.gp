# Lab ops: the composition figure at lab scale (plots/ops/composition.gp).
dat = 'results/labs/ops_composition.dat'
out = 'results/labs/ops_composition'
load 'plots/ops/composition.gp'
