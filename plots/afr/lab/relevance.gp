# Lab afr: relevance scores against the class-mean gap at lab scale (afr Fig. 1's plot, plots/afr/gauss.gp).
dat = 'results/labs/afr_relevance.dat'
out = 'results/labs/afr_relevance'
fig = 'Lab afr: independent Gaussians, 20 features'
xl = 'class-mean gap |Δμ|'
settings = 'lambda_only group_lasso'
load 'plots/afr/gauss.gp'
