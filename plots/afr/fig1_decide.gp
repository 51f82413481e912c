# afr Fig. 1, the deciding run (results/afr_fig1_decide.dat): the same panels as
# Fig. 1 for its two settings, over the deciding run's realisations.
if (!exists('dat')) dat = 'results/afr_fig1_decide.dat'
if (!exists('out')) out = 'results/afr_fig1_decide'
fig = 'afr Fig. 1, the deciding run: independent Gaussians, 20 features'
xl = 'class-mean gap |Δμ|'
if (!exists('settings')) settings = 'lambda_only group_lasso'
load 'plots/afr/gauss.gp'
