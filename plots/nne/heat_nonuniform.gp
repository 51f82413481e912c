# nne thesis §3.5, non-uniform sampling θ = 2π x²: the nne_heat plot on its own data.
key = 'nne_heat_nonuniform'
load 'plots/nne/heat.gp'
