# msd perceptron table over batch sizes (results/msd_table1_batch.dat); the paper's values dashed.
key = 'msd_table1_batch'
ttl = 'msd perceptron 784 → 10: accuracy vs batch size (20 epochs, AdaMax lr 0.03)'
xlab = 'batch size'
array M[2] = ['direct_full', 'spectral_full']
array A[2] = ['0', '0']
array T[2] = ['direct, all weights', 'spectral, eigenvalues + eigenvectors']
extra = "set arrow from graph 0, first 92.7 to graph 1, first 92.7 nohead dt 2 lc rgb 'black'; \
         set arrow from graph 0, first 92.5 to graph 1, first 92.5 nohead dt 3 lc rgb 'gray40'; \
         set label 'paper: direct full 92.7 %' at graph 0.02, first 92.74 font ',8'; \
         set label 'paper: spectral full 92.5 %' at graph 0.02, first 92.46 font ',8'"
load 'plots/msd/factor.gp'
