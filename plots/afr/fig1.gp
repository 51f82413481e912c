# afr Fig. 1: relevance scores on the independent-Gaussians set (results/afr_fig1.dat).
if (!exists('dat')) dat = 'results/afr_fig1.dat'
if (!exists('out')) out = 'results/afr_fig1'
stats dat using (strcol(1) eq 'run' ? $3 : NaN) nooutput
fig = sprintf('afr Fig. 1: independent Gaussians, 20 features, %d runs', STATS_max + 1)
xl = 'class-mean gap |Δμ|'
if (!exists('settings')) settings = 'lambda_only group_lasso group_lasso_3e-2'
load 'plots/afr/gauss.gp'
