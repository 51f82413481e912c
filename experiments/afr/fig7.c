/* afr_fig7 — afr Fig. 7 (Appendix D): the distribution of the 784 relevance
 * scores of the MNIST 0/1 network (normalised to their largest magnitude,
 * |λ̃_i| / max |λ̃|) and the 28 × 28 map of them, from afr_fig3's `score`
 * rows (run make afr-fig3 first).
 * Rows: hist center density | pix row col value | summary n frac_below_1pct
 * frac_below_5pct frac_below_10pct median frac_inactive frac_below_1pct_active
 * frac_inactive: the share of pixels zero in at least 99 % of the training
 * images of the config's classes (before afr_fig3's validation split), which
 * the L2 penalty zeroes whatever their relevance; frac_below_1pct_active: the
 * share below 1 % among the other pixels (the controls of the Fig. 7 claims,
 * paper/afr/claims.yaml). */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "afr/sl_afr.h"
#include "cfg/sl_cfg.h"
#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "stats/sl_dist.h"

static const sl_key_doc docs[] = {
    {"scores", "afr_fig3 results file whose score rows are histogrammed"},
    {"bins", "bins of the histogram of normalised scores on [0, 1]"},
    {"data.set", "the training images whose pixel activity is counted (afr_fig3's data)"},
    {"data.dir", "their folder"},
    {"data.classes", "the digits kept (afr_fig3's classes)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig7");
    if (st != SL_OK) return sl_driver_end(&d, st);
    sl_config_docs(d.cfg, docs);
    const char *scores = "results/afr_fig3.dat";
    long bins = 50;
    sl_data_spec data;
    long classes[10];
    size_t n_classes = 0;
    if ((st = sl_config_string(d.cfg, "scores", &scores)) || (st = sl_config_int(d.cfg, "bins", 2, 10000, &bins)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) || (st = sl_config_require(d.cfg, "data.classes")) ||
        (st = sl_config_int_list(d.cfg, "data.classes", 0, 9, classes, 10, &n_classes)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    /* the scores first: a missing or malformed afr_fig3.dat fails before the data load */
    double s[784], v[784], sorted[784], centers[10000], dens[10000], mx = 0;
    sl_results *r = NULL;
    if ((st = sl_afr_read_scores(scores, "score", s, 784))) return sl_driver_end(&d, st);
    /* pixel activity of the training images: the control of the Fig. 7 claims */
    double inactive[784];
    {
        sl_dataset tr = {0}, te = {0}, sel = {0};
        int cls[10];
        for (size_t k = 0; k < n_classes; k++) cls[k] = (int)classes[k];
        if ((st = sl_data_load(&data, &tr, &te)) || (st = sl_dataset_select_classes(&sel, &tr, cls, (int)n_classes)))
            goto data_done;
        if (sel.n_features != 784 || !sel.x8 || sel.n == 0) {
            st = sl_fail(SL_EFORMAT, "afr_fig7: the training images are not 784 8-bit pixels");
            goto data_done;
        }
        for (int i = 0; i < 784; i++) {
            size_t nz = 0;
            for (size_t e = 0; e < sel.n; e++) nz += sel.x8[e * 784 + (size_t)i] != 0;
            inactive[i] = (double)nz < 0.01 * (double)sel.n; /* zero in at least 99 % of the images */
        }
    data_done:
        sl_dataset_free(&tr); sl_dataset_free(&te); sl_dataset_free(&sel);
        if (st != SL_OK) return sl_driver_end(&d, st);
    }
    for (int i = 0; i < 784; i++) if (fabs(s[i]) > mx) mx = fabs(s[i]);
    if (!(mx > 0)) return sl_driver_end(&d, sl_fail(SL_EFORMAT, "%s: every score is zero", scores));
    for (int i = 0; i < 784; i++) v[i] = sorted[i] = fabs(s[i]) / mx;
    gsl_sort(sorted, 1, 784);
    size_t below[3] = {0}, n_inactive = 0, below_active = 0;
    const double th[3] = {0.01, 0.05, 0.10};
    for (int i = 0; i < 784; i++) {
        for (int k = 0; k < 3; k++) below[k] += v[i] < th[k];
        n_inactive += inactive[i] != 0;
        below_active += inactive[i] == 0 && v[i] < th[0];
    }
    /* the top bin is closed: a score of exactly 1 falls in the last bin */
    if ((st = sl_density(v, 784, 0.0, 1.0 + 1e-9, (size_t)bins, centers, dens))) return sl_driver_end(&d, st);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), "none (reads scores)")))
        return sl_driver_end(&d, st);
    sl_results_comment(r, "scores from %s, normalised: |score| / max |score| (max %.6g)", scores, mx);
    sl_results_comment(r, "columns: hist center density");
    for (long k = 0; k < bins; k++) sl_results_row(r, "hist %.6g %.6g", centers[k], dens[k]);
    sl_results_blank(r, 2);
    sl_results_comment(r, "columns: pix row col value");
    for (int i = 0; i < 784; i++) {
        sl_results_row(r, "pix %d %d %.6g", i / 28, i % 28, v[i]);
        if (i % 28 == 27) sl_results_blank(r, 1);
    }
    sl_results_blank(r, 1);
    sl_results_comment(r, "inactive pixels: zero in at least 99 %% of the training images of the classes (%zu of 784)",
                       n_inactive);
    sl_results_comment(r, "columns: summary n frac_below_1pct frac_below_5pct frac_below_10pct median frac_inactive "
                          "frac_below_1pct_active");
    sl_results_row(r, "summary 784 %.6f %.6f %.6f %.6g %.6f %.6f", below[0] / 784.0, below[1] / 784.0, below[2] / 784.0,
                   gsl_stats_median_from_sorted_data(sorted, 1, 784), n_inactive / 784.0,
                   n_inactive < 784 ? (double)below_active / (double)(784 - n_inactive) : 0.0);
    st = sl_results_commit(r);
    return sl_driver_end(&d, st);
}
