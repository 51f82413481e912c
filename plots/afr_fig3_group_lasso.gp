# afr Fig. 3 with the group lasso (L2 on phi too; experiments/variants.txt).
dat = 'results/afr_fig3_group_lasso.dat'
out = 'results/afr_fig3_group_lasso'
load 'plots/afr_fig3.gp'
