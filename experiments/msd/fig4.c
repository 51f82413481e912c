/* msd_fig4 — msd Fig. 4: the distribution of a trained perceptron's weights
 * W (10 × 784), spectral training of the eigenvalues only against direct
 * training of all weights (and of a random subset of N1+N2 weights, which
 * the paper reports as "very different", data not shown).
 * Results: `hist mode center density` rows per mode (gnuplot index 0..),
 * `stats mode mean sd min max` and `ks mode_a mode_b D` rows. */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "cfg/sl_arch_config.h"
#include "msd/sl_model.h"
#include "stats/sl_dist.h"

#define MAX_MODES 4

static const sl_key_doc docs[] = {
    {"seeds", "runs per training mode, weights pooled"},
    {"histogram.bins", "bins of the weight histogram"},
    {"histogram.range", "histogram on [-range, range) (0: the largest |w|)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig4");
    if (st != SL_OK) return sl_driver_end(&d, st);

    sl_arch arch;
    sl_train_opts opts;
    sl_data_spec data;
    sl_mode modes[MAX_MODES];
    size_t n_modes = 0;
    long n_seeds = 1, bins = 80;
    double range = 0;
    sl_dataset train = {0}, test = {0};
    sl_config_docs(d.cfg, docs);
    sl_results *r = NULL;
    double *w[MAX_MODES] = {0}, *centers = NULL, *dens = NULL;
    size_t nw[MAX_MODES] = {0};
    float *wl = NULL;
    if ((st = sl_arch_from_config(d.cfg, &arch)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_modes_from_config(d.cfg, "modes", modes, MAX_MODES, &n_modes)) ||
        (st = sl_config_int(d.cfg, "seeds", 1, 64, &n_seeds)) ||
        (st = sl_config_int(d.cfg, "histogram.bins", 4, 100000, &bins)) ||
        (st = sl_config_double(d.cfg, "histogram.range", 0, 1e6, &range)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) ||
        (st = sl_driver_config_done(&d)) ||
        (st = sl_data_load(&data, &train, &test)))
        goto done;
    if (arch.n_layers != 1) {
        st = sl_fail(SL_ECONFIG, "%s: Fig. 4 is about a perceptron: network.dims needs two sizes",
                     sl_config_path(d.cfg));
        goto done;
    }
    const size_t nm = (size_t)arch.dims[0] * (size_t)arch.dims[1];
    wl = malloc(nm * sizeof *wl);
    centers = malloc((size_t)bins * sizeof *centers);
    dens = malloc((size_t)bins * sizeof *dens);
    if (!wl || !centers || !dens) { st = sl_fail(SL_ENOMEM, "weights"); goto done; }

    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d.seed, n_seeds - 1);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds)))
        goto done;
    sl_results_comment(r, "weights of the trained %d -> %d perceptron, pooled over %ld run(s) per mode",
                       arch.dims[0], arch.dims[1], n_seeds);

    double maxabs = 0;
    for (size_t m = 0; m < n_modes; m++) {
        w[m] = malloc((size_t)n_seeds * nm * sizeof(double));
        if (!w[m]) { st = sl_fail(SL_ENOMEM, "weights"); goto done; }
        for (long s = 0; s < n_seeds; s++) {
            sl_net net;
            sl_run_result res;
            if ((st = sl_model_run(&net, modes[m], &arch, &opts, &train, &test, d.seed, (uint64_t)s, &res)))
                goto done;
            sl_net_layer_weights(&net, 0, wl, NULL);
            for (size_t i = 0; i < nm; i++) {
                w[m][nw[m]++] = wl[i];
                if (fabs(wl[i]) > maxabs) maxabs = fabs(wl[i]);
            }
            sl_results_comment(r, "%s run %ld: test accuracy %.4f, %zu trained parameters",
                               sl_mode_names[modes[m]], s, res.test_acc, res.n_trainable);
            sl_net_free(&net);
        }
    }
    if (range <= 0) range = maxabs;
    sl_results_comment(r, "histogram: %ld bins on [-%g, %g), density = count / (n * width)", bins, range, range);
    sl_results_comment(r, "columns: hist mode center density | stats mode mean sd min max | ks mode_a mode_b D");
    for (size_t m = 0; m < n_modes; m++) {
        if ((st = sl_density(w[m], nw[m], -range, range, (size_t)bins, centers, dens))) goto done;
        for (long k = 0; k < bins; k++)
            sl_results_row(r, "hist %s %.6g %.6g", sl_mode_names[modes[m]], centers[k], dens[k]);
        sl_results_blank(r, 2);
    }
    for (size_t m = 0; m < n_modes; m++) {
        double mean = gsl_stats_mean(w[m], 1, nw[m]), mn, mx;
        gsl_stats_minmax(&mn, &mx, w[m], 1, nw[m]);
        sl_results_row(r, "stats %s %.6g %.6g %.6g %.6g", sl_mode_names[modes[m]], mean,
                       gsl_stats_sd_m(w[m], 1, nw[m], mean), mn, mx);
    }
    for (size_t a = 0; a < n_modes; a++)
        for (size_t b = a + 1; b < n_modes; b++) {
            double D;
            if ((st = sl_ks_statistic(w[a], nw[a], w[b], nw[b], &D))) goto done;
            sl_results_row(r, "ks %s %s %.5f", sl_mode_names[modes[a]], sl_mode_names[modes[b]], D);
        }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    for (size_t m = 0; m < MAX_MODES; m++) free(w[m]);
    free(wl); free(centers); free(dens);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
