/* afr_fig3 — afr Fig. 3 (and the trained network behind Figs. 4 and 7):
 * a 784-100-100-50-2 all-spectral network trained on MNIST digits 0 and 1;
 * test accuracy as pixels are added in order of |λ̃| (most relevant first;
 * excluded pixels are fed as zeros), beside the same curve for the orders
 * of permutation importance and mean |input gradient|, and for random
 * orders (mean ± sd); the 20 most relevant pixels on the 28 × 28 grid.
 * Rows:
 *   score i spec perm grad                       (784; afr_fig4/7 read spec)
 *   curve k acc_spec acc_perm acc_grad acc_rand_mean acc_rand_sd
 *   top rank i row col spec                      (the `top` most relevant pixels)
 *   at_top METHOD acc sd                         (accuracy with the `top` pixels; method spec,
 *                                                 perm, grad, random (sd over the orders))
 *   reach METHOD k                               (the smallest curve count within 0.01 of
 *                                                 the all-pixel accuracy; 0: never)
 *   summary acc_all acc_top_spec acc_top_perm acc_top_grad acc_top_rand acc_top_rand_sd
 *           t_train t_spec t_perm t_grad epochs val_loss test_loss */
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afr/sl_afr_config.h"
#include "afr/sl_afr_run.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "nn/sl_importance.h"

#define MAX_COUNTS 256

/* accuracy on the test rows keeping the first k features of order */
static sl_status acc_top(const sl_net *net, const float *x, const int *y, size_t n, int batch, const int *order,
                         int d, int k, uint8_t *keep, double *acc)
{
    memset(keep, 0, (size_t)d);
    for (int i = 0; i < k; i++) keep[order[i]] = 1;
    return sl_eval_rows(net, x, y, n, batch, keep, NULL, acc);
}

static const sl_key_doc docs[] = {
    {"data.classes", "the two MNIST digits kept (train and test)"},
    {"validation", "fraction of the training set held out for validation"},
    {"curve.counts", "numbers of pixels kept (most relevant first) at which the accuracy is measured"},
    {"curve.random_orders", "random pixel orders averaged for the reference curve"},
    {"top", "pixels in the inset and the at_top rows"},
    {"importance.perm_repeats", "permutations per pixel for permutation importance (averaged)"},
    {"importance.batch", "rows per forward pass when evaluating on the test set"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig3");
    if (st != SL_OK) return sl_driver_end(&d, st);
    sl_config_docs(d.cfg, docs);
    sl_afr_arch arch;
    sl_train_opts opts;
    sl_data_spec data;
    long classes[10] = {0, 1}, counts[MAX_COUNTS], n_random = 10, perm_repeats = 1, eval_batch = 500, top = 20;
    size_t n_classes = 2, n_counts = 0;
    double vfrac = 0.1;
    if ((st = sl_afr_arch_from_config(d.cfg, &arch)) || (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) ||
        (st = sl_config_int_list(d.cfg, "data.classes", 0, 9, classes, 10, &n_classes)) ||
        (st = sl_config_double(d.cfg, "validation", 0, 0.9, &vfrac)) ||
        (st = sl_config_require(d.cfg, "curve.counts")) ||
        (st = sl_config_int_list(d.cfg, "curve.counts", 1, 100000, counts, MAX_COUNTS, &n_counts)) ||
        (st = sl_config_int(d.cfg, "curve.random_orders", 1, 1000, &n_random)) ||
        (st = sl_config_int(d.cfg, "top", 1, 100000, &top)) ||
        (st = sl_config_int(d.cfg, "importance.perm_repeats", 1, 1000, &perm_repeats)) ||
        (st = sl_config_int(d.cfg, "importance.batch", 1, 100000, &eval_batch)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);

    sl_dataset all_tr = {0}, all_te = {0}, full = {0}, test = {0}, tr = {0}, val = {0};
    sl_net net = {0};
    sl_results *r = NULL;
    float *xt = NULL;
    int *yt = NULL, *order[3] = {0}, *rnd = NULL;
    double *sc[3] = {0}, *racc = NULL;
    uint8_t *keep = NULL;
    int cls[10];
    for (size_t k = 0; k < n_classes; k++) cls[k] = (int)classes[k];
    if ((st = sl_data_load(&data, &all_tr, &all_te)) ||
        (st = sl_dataset_select_classes(&full, &all_tr, cls, (int)n_classes)) ||
        (st = sl_dataset_select_classes(&test, &all_te, cls, (int)n_classes)))
        goto done;
    const int D = full.n_features;
    if (arch.dims[0] != D || arch.dims[arch.n_layers] != (int)n_classes) {
        st = sl_fail(SL_ECONFIG, "%s: network.dims must run from %d pixels to %zu classes", sl_config_path(d.cfg), D,
                     n_classes);
        goto done;
    }
    for (size_t k = 0; k < n_counts; k++)
        if (counts[k] > D) { st = sl_fail(SL_ECONFIG, "%s: curve.counts: %ld > %d pixels", sl_config_path(d.cfg), counts[k], D); goto done; }
    if (top > D) top = D;
    const size_t n_val = (size_t)((double)full.n * vfrac);
    if ((st = sl_dataset_split(&full, n_val, NULL, &tr, &val)) || (st = sl_afr_rows(&test, &xt, &yt))) goto done;
    opts.val = n_val ? &val : NULL;
    for (int m = 0; m < 3; m++) {
        sc[m] = malloc((size_t)D * sizeof *sc[m]);
        order[m] = malloc((size_t)D * sizeof *order[m]);
        if (!sc[m] || !order[m]) { st = sl_fail(SL_ENOMEM, "scores"); goto done; }
    }
    rnd = malloc((size_t)D * sizeof *rnd);
    keep = malloc((size_t)D);
    racc = malloc((size_t)n_random * sizeof *racc);
    if (!rnd || !keep || !racc) { st = sl_fail(SL_ENOMEM, "curve buffers"); goto done; }

    sl_afr_result ar;
    if ((st = sl_afr_run(&net, &arch, &opts, &tr, xt, yt, test.n, d.seed, 0, (int)perm_repeats, (int)eval_batch,
                         sc[0], sc[1], sc[2], &ar)))
        goto done;
    fprintf(stderr, "afr_fig3: test accuracy %.4f after %d epochs (%.1f s); permutation %.1f s, gradient %.2f s\n",
            ar.test_acc, ar.epochs_run, ar.t_train, ar.t_perm, ar.t_grad);
    for (int m = 0; m < 3; m++) sl_rank_by_magnitude(sc[m], D, order[m]);

    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, run 0; random orders: stream %d", (unsigned long long)d.seed, SL_STREAM_DATA);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto done;
    sl_results_comment(r, "MNIST digits %ld and %ld: %zu train (%zu of them validation), %zu test images", classes[0],
                       classes[1], full.n, n_val, test.n);
    sl_results_comment(r, "L2: lambda_in %g, phi %g (layers mask 0x%x); excluded pixels are fed as zeros",
                       opts.l2.c[SL_GI_LAMBDA_IN], opts.l2.c[SL_GI_PHI], opts.l2.layers);
    sl_results_comment(r, "columns: score i spec perm grad");
    for (int i = 0; i < D; i++) sl_results_row(r, "score %d %.8g %.8g %.8g", i, sc[0][i], sc[1][i], sc[2][i]);
    sl_results_blank(r, 2);

    gsl_rng *rr = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0));
    if (!rr) { st = sl_fail(SL_ENOMEM, "rng"); goto done; }
    /* random orders: n_random permutations, the same for every count */
    int *rorders = malloc((size_t)n_random * (size_t)D * sizeof *rorders);
    if (!rorders) { gsl_rng_free(rr); st = sl_fail(SL_ENOMEM, "orders"); goto done; }
    for (long q = 0; q < n_random; q++) {
        uint32_t *p = (uint32_t *)(rorders + (size_t)q * D);
        for (int i = 0; i < D; i++) p[i] = (uint32_t)i;
        sl_rng_shuffle(rr, p, (size_t)D);
    }
    gsl_rng_free(rr);
    double top_acc[3] = {0}, top_rand = 0, top_rand_sd = 0, acc_all = 0, curve_acc[MAX_COUNTS + 1][4];
    sl_results_comment(r, "columns: curve k acc_spec acc_perm acc_grad acc_rand_mean acc_rand_sd (%ld random orders)", n_random);
    long ks[MAX_COUNTS + 1];
    size_t nk = 0;
    for (size_t c = 0; c < n_counts; c++) ks[nk++] = counts[c];
    int has_top = 0;
    for (size_t c = 0; c < nk; c++) has_top |= ks[c] == top;
    if (!has_top) ks[nk++] = top;
    for (size_t c = 0; st == SL_OK && c < nk; c++) {
        const int k = (int)ks[c];
        double a[3], mean, sd;
        for (int m = 0; st == SL_OK && m < 3; m++) st = acc_top(&net, xt, yt, test.n, (int)eval_batch, order[m], D, k, keep, &a[m]);
        for (long q = 0; st == SL_OK && q < n_random; q++)
            st = acc_top(&net, xt, yt, test.n, (int)eval_batch, rorders + (size_t)q * D, D, k, keep, &racc[q]);
        if (st != SL_OK) break;
        mean = gsl_stats_mean(racc, 1, (size_t)n_random);
        sd = n_random > 1 ? gsl_stats_sd_m(racc, 1, (size_t)n_random, mean) : 0;
        if (k == top) { memcpy(top_acc, a, sizeof a); top_rand = mean; top_rand_sd = sd; }
        if (k == D) acc_all = a[0];
        for (int m = 0; m < 3; m++) curve_acc[c][m] = a[m];
        curve_acc[c][3] = mean;
        if (c < n_counts) sl_results_row(r, "curve %d %.6f %.6f %.6f %.6f %.6f", k, a[0], a[1], a[2], mean, sd);
    }
    free(rorders);
    if (st != SL_OK) goto done;
    acc_all = ar.test_acc;
    sl_results_blank(r, 2);
    sl_results_comment(r, "columns: at_top method acc sd  (the %ld most relevant pixels by each ranking)", top);
    static const char *const mname[4] = {"spec", "perm", "grad", "random"};
    for (int m = 0; m < 3; m++) sl_results_row(r, "at_top %s %.6f 0", mname[m], top_acc[m]);
    sl_results_row(r, "at_top random %.6f %.6f", top_rand, top_rand_sd);
    sl_results_blank(r, 2);
    sl_results_comment(r, "columns: reach method k  (fewest pixels of the curve within 0.01 of the all-pixel accuracy %.4f)", ar.test_acc);
    for (int m = 0; m < 4; m++) {
        long best = 0;
        for (size_t c = 0; c < n_counts; c++)
            if (curve_acc[c][m] >= ar.test_acc - 0.01 && (best == 0 || ks[c] < best)) best = ks[c];
        sl_results_row(r, "reach %s %ld", mname[m], best);
    }
    sl_results_blank(r, 2);
    sl_results_comment(r, "columns: top rank i row col spec (28 x 28 grid, row-major)");
    for (int k = 0; k < top; k++) {
        const int i = order[0][k];
        sl_results_row(r, "top %d %d %d %d %.8g", k + 1, i, i / 28, i % 28, sc[0][i]);
    }
    sl_results_blank(r, 2);
    sl_results_comment(r, "columns: summary acc_all acc_top_spec acc_top_perm acc_top_grad acc_top_rand acc_top_rand_sd "
                          "t_train t_spec t_perm t_grad epochs val_loss test_loss  (top = %ld pixels)", top);
    sl_results_row(r, "summary %.6f %.6f %.6f %.6f %.6f %.6f %.2f %.3g %.3f %.3f %d %.6g %.6g", acc_all, top_acc[0],
                   top_acc[1], top_acc[2], top_rand, top_rand_sd, ar.t_train, ar.t_spec, ar.t_perm, ar.t_grad,
                   ar.epochs_run, ar.val_loss, ar.test_loss);
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_net_free(&net);
    for (int m = 0; m < 3; m++) { free(sc[m]); free(order[m]); }
    free(rnd); free(keep); free(racc); free(xt); free(yt);
    sl_dataset_free(&all_tr); sl_dataset_free(&all_te); sl_dataset_free(&full); sl_dataset_free(&test);
    sl_dataset_free(&tr); sl_dataset_free(&val);
    return sl_driver_end(&d, st);
}
