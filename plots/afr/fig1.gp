# afr Fig. 1: relevance scores on the independent-Gaussians set (results/afr_fig1.dat).
if (!exists('dat')) dat = 'results/afr_fig1.dat'
if (!exists('out')) out = 'results/afr_fig1'
fig = 'afr Fig. 1: independent Gaussians, 20 features'
xl = 'class-mean gap |Δμ|'
if (!exists('settings')) settings = 'lambda_only group_lasso group_lasso_3e-2'
load 'plots/afr/gauss.gp'
