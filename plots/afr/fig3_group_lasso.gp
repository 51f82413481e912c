# afr Fig. 3 with the group lasso (L2 on phi too; the config experiments/afr/fig3_group_lasso.yaml).
dat = 'results/afr_fig3_group_lasso.dat'
out = 'results/afr_fig3_group_lasso'
load 'plots/afr/fig3.gp'
