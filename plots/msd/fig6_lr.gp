# msd Fig. 6's l = 5 network over learning rates (results/msd_fig6_lr.dat).
key = 'msd_fig6_lr'
ttl = 'msd Fig. 6, ℓ = 5 network 784-800-600-500-10'
xlab = 'AdaMax learning rate'
array M[2] = ['spectral_eig', 'direct_subset']
array A[2] = ['0', '0']
array T[2] = ['spectral, eigenvalues', 'direct, same number of random weights']
load 'plots/msd/factor.gp'
