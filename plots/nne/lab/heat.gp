# Lab nne: the heat equation on the circle at lab scale (the figure of nne §3.5, plots/nne/heat.gp).
key = 'labs/nne_heat'
load 'plots/nne/heat.gp'
