/* The body of afr Figs. 5 and 6 (sl_afr_run.h). */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sl_afr_config.h"
#include "sl_afr_run.h"
#include "../core/sl_results.h"
#include "../core/sl_rng.h"
#include "../stats/sl_dist.h"

static const sl_key_doc docs[] = {
    {"n", "examples generated (labels alternate, so n/2 per class)"},
    {"histogram.bins", "bins of each per-class histogram"},
    {"histogram.range", "histograms on [-range, range)"},
    {"scatter", "examples written as scatter points (first two listed features)"},
    {"features", "features to histogram (0-based; empty: all)"},
    {NULL, NULL}};

sl_status sl_afr_data_figure(sl_driver *dp)
{
    sl_driver d = *dp;
    sl_status st;
    sl_afr_gauss_spec g;
    long n = 20000, bins = 40, n_scatter = 400, feats[SL_AFR_MAX_FEATURES];
    size_t n_feats = 0;
    double range = 5;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_afr_gauss_from_config(d.cfg, &g)) || (st = sl_config_int(d.cfg, "n", 10, 10000000, &n)) ||
        (st = sl_config_int(d.cfg, "histogram.bins", 2, 10000, &bins)) ||
        (st = sl_config_double(d.cfg, "histogram.range", 1e-6, 1e6, &range)) ||
        (st = sl_config_int(d.cfg, "scatter", 0, 100000, &n_scatter)) ||
        (st = sl_config_int_list(d.cfg, "features", 0, SL_AFR_MAX_FEATURES - 1, feats, SL_AFR_MAX_FEATURES, &n_feats)) ||
        (st = sl_driver_config_done(dp)))
        return st;
    if (n_feats == 0) for (int i = 0; i < g.d; i++) feats[n_feats++] = i;
    for (size_t k = 0; k < n_feats; k++)
        if (feats[k] >= g.d) return (sl_fail(SL_ECONFIG, "%s: features: %ld beyond the %d features", sl_config_path(d.cfg), feats[k], g.d));
    gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0));
    sl_dataset ds = {0};
    float *x = NULL;
    int *y = NULL;
    double *col = malloc((size_t)n * sizeof *col), *centers = malloc((size_t)bins * sizeof *centers),
           *dens = malloc((size_t)bins * sizeof *dens);
    sl_results *r = NULL;
    if (!rd || !col || !centers || !dens) { st = sl_fail(SL_ENOMEM, "buffers"); goto done; }
    if ((st = sl_afr_gauss_generate(&g, (size_t)n, rd, &ds)) || (st = sl_afr_rows(&ds, &x, &y))) goto done;
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, data stream 0", (unsigned long long)d.seed);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto done;
    sl_results_comment(r, "%s Gaussian set, %ld examples (half per class), %d features", sl_afr_gauss_kind_names[g.kind], n, g.d);
    sl_results_comment(r, "columns: hist feature class center density   (%ld bins on [-%g, %g))", bins, range, range);
    double truth[SL_AFR_MAX_FEATURES];
    sl_afr_gauss_truth(&g, truth);
    double stats[SL_AFR_MAX_FEATURES][2][2];
    for (size_t k = 0; st == SL_OK && k < n_feats; k++)
        for (int c = 0; st == SL_OK && c < 2; c++) {
            size_t m = 0;
            for (long e = 0; e < n; e++) if (y[e] == c) col[m++] = x[(size_t)e * g.d + feats[k]];
            stats[k][c][0] = gsl_stats_mean(col, 1, m);
            stats[k][c][1] = gsl_stats_sd_m(col, 1, m, stats[k][c][0]);
            if ((st = sl_density(col, m, -range, range, (size_t)bins, centers, dens))) break;
            for (long b = 0; b < bins; b++) sl_results_row(r, "hist %ld %d %.6g %.6g", feats[k], c, centers[b], dens[b]);
            sl_results_blank(r, 2);
        }
    if (st != SL_OK) goto done;
    sl_results_comment(r, "columns: stats feature class mean sd truth   (truth: |gap| or p of the pair)");
    for (size_t k = 0; k < n_feats; k++)
        for (int c = 0; c < 2; c++)
            sl_results_row(r, "stats %ld %d %.6f %.6f %.6g", feats[k], c, stats[k][c][0], stats[k][c][1], truth[feats[k]]);
    sl_results_blank(r, 2);
    if (n_feats >= 2) {
        const long a = feats[0], b = feats[1];
        sl_results_comment(r, "columns: scatter class x_%ld x_%ld  (first %ld examples)", a, b, n_scatter);
        for (int c = 0; c < 2; c++) {
            for (long e = 0; e < n && e < n_scatter; e++)
                if (y[e] == c) sl_results_row(r, "scatter %d %.6g %.6g", c, x[(size_t)e * g.d + a], x[(size_t)e * g.d + b]);
            sl_results_blank(r, 2);
        }
        sl_results_comment(r, "columns: corr class fraction_equal fraction_flipped  (x_%ld = x_%ld, = -x_%ld)", b, a, a);
        for (int c = 0; c < 2; c++) {
            size_t eq = 0, fl = 0, m = 0;
            for (long e = 0; e < n; e++) {
                if (y[e] != c) continue;
                const float u = x[(size_t)e * g.d + a], v = x[(size_t)e * g.d + b];
                m++;
                eq += v == u;
                fl += v == -u && u != 0;
            }
            sl_results_row(r, "corr %d %.6f %.6f", c, (double)eq / m, (double)fl / m);
        }
    }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    free(col); free(centers); free(dens); free(x); free(y);
    sl_dataset_free(&ds);
    if (rd) gsl_rng_free(rd);
    return st;
}
