/* sl_sweep.h — what the msd figure drivers (Figs. 5–7) share: train a list
 * of architectures × training modes × seeds and write one results file.
 *
 * Config (beside the sections of src/cfg/sl_arch_config.h, whose network.dims is
 * replaced by each entry of `sweep`):
 *   sweep:  a list of layer-size lists, e.g. [[784, 20, 10], [784, 100, 10]]
 *   modes:  [spectral_eig, direct_subset, direct_full]
 *   seeds:  5                                    runs per (architecture, mode)
 *   inset:  {arch: 6, bins: 100, range: 0.5}     distribution of the entries of
 *           the retracted A_c (first layer of the retracted network) of
 *           architecture `arch` (index in sweep), run 0, for each mode; range
 *           0: the largest |entry|; omit the section for no inset
 *   factor: {key: batch|lr|first_lambda_in, values: [...]}   optional: run
 *           every (value, arch, mode, run); batch and lr replace train.batch
 *           and train.lr; first_lambda_in random|one keeps the first layer's
 *           input eigenvalues λ_in at their random initial values or sets
 *           them to 1 after drawing them (sl_arch.first_lambda_in_reset, so
 *           every other initial value is the same; network.first_lambda_in
 *           must then be absent). The streams of a run do not depend on the
 *           value: differences between values are the factor's alone.
 *
 * The runs are independent and execute `threads` at a time (single-threaded
 * BLAS inside each); each run's random streams come from (seed, arch, run)
 * and its batch shards are fixed by the config, so every data line is the
 * same for any thread count. Rows (documented again in the file's header):
 *   run     mode arch n_trained seed test_acc retracted_acc train_loss wall_s
 *   summary mode arch n_trained mean_acc std_acc n max_abs_retraction_diff x retracted_mean
 *   inset      mode center density      (entries of the retracted A_c, run 0)
 *   inset_init mode center density      (the same network at initialisation, before
 *                                        training: same streams, same bins)
 *   ks         mode_a mode_b D          (two-sample KS distance of the inset samples,
 *                                        every pair of modes a < b in `modes` order)
 *   ks_init    mode D                   (KS distance between the trained and the
 *                                        initial A_c entries)
 * With a factor every row carries the value right after its kind (`run
 * VALUE mode arch …`, `summary VALUE …`, `inset VALUE …`, `ks VALUE …`; the
 * columns lines name it); without one the rows are as above.
 * `arch` is the index in `sweep`; x is the figure's abscissa, the number of
 * parameters spectral_eig trains on that architecture (N2 + N3 + …).
 *
 * A sweep on src/core/sl_sweep_run.h (--task I/N, --merge, --plan): a point
 * is one run, k = ((value·n_arch + arch)·n_modes + mode)·seeds + run (value
 * 0 without a factor), cost estimate: the architecture's weights × epochs.
 * Each run's numbers go into its record (%.17g, the inset runs' retracted
 * A_c entries too) and the results file is built from the records only, in
 * a whole run as in a merge, so the merged data lines are the whole run's.
 * A merge loads no data set. */
#ifndef SL_SWEEP_H
#define SL_SWEEP_H

#include "../core/sl_driver.h"

/* Read the sweep keys from d->cfg (then sl_driver_config_done), run
 * everything, write d->output. `what` is a one-line description for the
 * header. On failure (a run diverging, SIGINT) no results file is written
 * and the first failure's message is kept. */
sl_status sl_sweep_main(sl_driver *d, const char *what);

#endif
