# afr Fig. 2 on a correlated set without a p = 1 pair (p = 0.2, 0.4, 0.6,
# 0.8; the config experiments/afr/fig2_partial.yaml): no single pair separates the classes.
dat = 'results/afr_fig2_partial.dat'
out = 'results/afr_fig2_partial'
fig = 'afr Fig. 2, set without p = 1: pairs with p = 0.2, 0.4, 0.6, 0.8 + 2 noise features'
xl = 'flip probability p of the pair (0: noise)'
load 'plots/afr/gauss.gp'
