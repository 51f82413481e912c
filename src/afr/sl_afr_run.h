/* sl_afr_run.h — one afr training and its three rankings, and the body
 * the Gaussian-set figures (afr Figs. 1 and 2) share.
 *
 * A run: build the all-spectral network (sl_afr.h) from the INIT stream of
 * (seed, index), train it with Adam and the given L2 on `train` (validation
 * set o->val if given), then on the test set: accuracy; the spectral score
 * λ̃ (free: read off the parameters); permutation importance and mean
 * absolute input gradient (src/nn/sl_importance.h), each timed. */
#ifndef SL_AFR_RUN_H
#define SL_AFR_RUN_H

#include "../core/sl_driver.h"
#include "sl_afr.h"
#include "../nn/sl_train.h"

typedef struct {
    double test_acc, test_loss;
    double train_loss, val_loss;
    int epochs_run;
    double t_train, t_spec, t_perm, t_grad;   /* seconds */
} sl_afr_result;

/* spec, perm, grad (d) receive the three rankings' scores; net_out (may be
 * NULL) the trained network (caller frees). xt (n_test, d) and yt the test
 * rows as floats (xt is restored after the permutations). */
sl_status sl_afr_run(sl_net *net_out, const sl_afr_arch *arch, const sl_train_opts *o, const sl_dataset *train,
                     float *xt, const int *yt, size_t n_test, uint64_t seed, uint64_t index, int perm_repeats,
                     int eval_batch, double *spec, double *perm, double *grad, sl_afr_result *res);

/* All rows of a data set as floats: x (n, d), y (n), malloc'ed. */
sl_status sl_afr_rows(const sl_dataset *ds, float **x, int **y);

/* Spearman rank correlation of |a| with b (d values; ties: average ranks). */
double sl_afr_spearman_abs(const double *a, const double *b, int d);

/* The driver body of afr Figs. 1 and 2 (config keys: sl_afr_config.h plus
 * runs, importance): every penalty setting × run, rows
 *   run SETTING r acc epochs rho_spec rho_perm rho_grad t_train t_perm t_grad zero_ratio pair_gap
 *   score SETTING r i truth spec perm grad
 *   feature SETTING i truth spec_mean spec_sd specn_mean specn_sd permn_mean permn_sd gradn_mean gradn_sd
 *   summary SETTING acc rho_spec rho_spec_sd rho_perm rho_perm_sd rho_grad rho_grad_sd zero_ratio_max
 *           pair_gap_max t_train t_perm t_grad separated
 * (…n: each run's scores divided by their largest magnitude; zero_ratio:
 * largest |λ̃| of a feature with truth 0 over the largest |λ̃|; pair_gap
 * (correlated set): largest | |λ̃_2k| − |λ̃_2k+1| | over the largest |λ̃|;
 * separated: fraction of runs where every feature with truth > 0 scores
 * above every feature with truth 0).
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one
 * (setting, run) training, p = setting · runs + run; its record holds the
 * run row's numbers and the three rankings' scores (%.17g), and every row
 * is built from the records. Run r's data set and initial network come from
 * the streams of (seed, r) only, so a slice draws the same ones. Cost
 * estimate: weights × (3 · epochs · training examples + test examples ·
 * (features · perm_repeats + 4)). */
sl_status sl_afr_gauss_figure(sl_driver *d);

/* The driver body of afr Figs. 5 and 6 (config: gauss as sl_afr_config.h,
 * n, histogram {bins, range}, scatter, features): generates n examples of
 * the gauss set from the DATA stream of (seed, 0) and writes rows
 *   hist feature class center density   (gnuplot index per feature and class)
 *   stats feature class mean sd truth
 *   scatter class x_a x_b               (the first `scatter` examples; a, b the
 *                                        first two listed features)
 *   corr class fraction_equal fraction_flipped   (x_b = x_a, x_b = −x_a) */
sl_status sl_afr_data_figure(sl_driver *d);

#endif
