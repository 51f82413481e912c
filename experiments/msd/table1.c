/* msd_table1 — the perceptron table of msd Sec. III: a 784 → 10 perceptron
 * trained four ways (spectral eigenvalues only; direct space, random subset
 * of N1+N2 weights; direct space, all weights and bias; spectral eigenvalues
 * and eigenvectors), `seeds` runs each; test accuracy mean ± std.
 * Results: one `run` row per training, one `summary` row per mode. */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "cfg/sl_arch_config.h"
#include "msd/sl_model.h"

#define MAX_SEEDS 64

static const sl_key_doc docs[] = {
    {"seeds", "independent runs per training mode"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_table1");
    if (st != SL_OK) return sl_driver_end(&d, st);

    sl_arch arch;
    sl_train_opts opts;
    sl_mode modes[8];
    size_t n_modes = 0;
    long n_seeds = 5;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_arch_from_config(d.cfg, &arch)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_modes_from_config(d.cfg, "modes", modes, 8, &n_modes)) ||
        (st = sl_config_int(d.cfg, "seeds", 1, MAX_SEEDS, &n_seeds)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) ||
        (st = sl_driver_config_done(&d)) ||
        (st = sl_data_load(&data, &train, &test)))
        goto done;

    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d.seed, n_seeds - 1);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds)))
        goto done;
    sl_results_comment(r, "msd perceptron %d -> %d, %d epochs, batch %d, %s lr %g; test set %zu images",
                       arch.dims[0], arch.dims[1], opts.epochs, opts.batch,
                       sl_optim_names[opts.optimiser], (double)opts.lr, test.n);
    sl_results_comment(r, "columns (run rows): run mode seed test_acc test_loss retracted_acc train_loss n_trainable wall_s");
    sl_results_comment(r, "columns (summary rows): summary mode mean_acc std_acc n_runs n_trainable max_abs_retraction_diff");

    for (size_t m = 0; m < n_modes; m++) {
        double acc[MAX_SEEDS], retract_diff = 0;
        size_t n_tr = 0;
        for (long s = 0; s < n_seeds; s++) {
            sl_run_result res;
            if ((st = sl_model_run(NULL, modes[m], &arch, &opts, &train, &test, d.seed, (uint64_t)s, &res)))
                goto done;
            acc[s] = res.test_acc;
            if (fabs(res.retracted_acc - res.test_acc) > retract_diff)
                retract_diff = fabs(res.retracted_acc - res.test_acc);
            n_tr = res.n_trainable;
            sl_results_row(r, "run %s %ld %.4f %.5f %.4f %.5f %zu %.2f", sl_mode_names[modes[m]], s,
                           res.test_acc, res.test_loss, res.retracted_acc, res.train_loss,
                           res.n_trainable, res.wall_s);
            fprintf(stderr, "%s seed %ld: test accuracy %.2f%% (%zu trained, %.1f s)\n",
                    sl_mode_names[modes[m]], s, 100 * res.test_acc, res.n_trainable, res.wall_s);
        }
        double mean = gsl_stats_mean(acc, 1, (size_t)n_seeds);
        double sd = n_seeds > 1 ? gsl_stats_sd_m(acc, 1, (size_t)n_seeds, mean) : 0;
        sl_results_row(r, "summary %s %.4f %.4f %ld %zu %.4f", sl_mode_names[modes[m]], mean, sd, n_seeds, n_tr,
                       retract_diff);
    }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
