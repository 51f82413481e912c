# msd Fig. 5 setting, first-layer lambda_in random vs 1 (results/msd_fig5_a1.dat).
key = 'msd_fig5_a1'
ttl = 'msd Fig. 5 setting (784 → N_2 → 10), eigenvalue training: λ_{in} of A_1'
xlab = 'first layer λ_{in} (random U[-0.01, 0.01], or set to 1)'
array M[2] = ['spectral_eig', 'spectral_eig']
array A[2] = ['0', '1']
array T[2] = ['spectral eigenvalues, N_2 = 100', 'spectral eigenvalues, N_2 = 1000']
load 'plots/msd/factor.gp'
