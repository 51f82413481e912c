# afr Fig. 2: relevance scores on the correlated-Gaussians set (results/afr_fig2.dat).
if (!exists('dat')) dat = 'results/afr_fig2.dat'
if (!exists('out')) out = 'results/afr_fig2'
fig = 'afr Fig. 2: correlated Gaussians, 4 pairs + 2 noise features'
xl = 'flip probability p of the pair (0: noise)'
load 'plots/afr/gauss.gp'
