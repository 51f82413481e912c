# afr Fig. 1, the third look (results/afr_fig1_look3.dat): the same panels as
# Fig. 1 for the group lasso alone, over the third look's new realisations.
if (!exists('dat')) dat = 'results/afr_fig1_look3.dat'
if (!exists('out')) out = 'results/afr_fig1_look3'
fig = 'afr Fig. 1, the third look: independent Gaussians, 20 features'
xl = 'class-mean gap |Δμ|'
if (!exists('settings')) settings = 'group_lasso'
load 'plots/afr/gauss.gp'
