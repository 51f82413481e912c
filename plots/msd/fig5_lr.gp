# msd Fig. 5 setting at N2 = 5000, direct full over learning rates (results/msd_fig5_lr.dat).
key = 'msd_fig5_lr'
ttl = 'msd Fig. 5 setting, 784 → 5000 → 10, direct training of all weights'
xlab = 'AdaMax learning rate'
array M[1] = ['direct_full']
array A[1] = ['0']
array T[1] = ['direct, all weights']
load 'plots/msd/factor.gp'
