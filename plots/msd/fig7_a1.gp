# msd Fig. 7 setting, first-layer lambda_in random vs 1 (results/msd_fig7_a1.dat).
key = 'msd_fig7_a1'
ttl = 'msd Fig. 7 setting (784 → N_2 → 120 (ReLU) → 10): λ_{in} of A_1'
xlab = 'first layer λ_{in} (random U[-0.01, 0.01], or set to 1)'
array M[4] = ['spectral_eig', 'spectral_eig', 'spectral_full', 'spectral_full']
array A[4] = ['0', '1', '0', '1']
array T[4] = ['eigenvalues, N_2 = 100', 'eigenvalues, N_2 = 1000', 'eigenvalues + eigenvectors, N_2 = 100', 'eigenvalues + eigenvectors, N_2 = 1000']
load 'plots/msd/factor.gp'
