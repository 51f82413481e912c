# Lab ops: the drift figure at lab scale (plots/ops/drift.gp).
dat = 'results/labs/ops_drift.dat'
out = 'results/labs/ops_drift'
load 'plots/ops/drift.gp'
