#include "sl_afr_run.h"
#include "sl_afr_config.h"
#include "../core/sl_progress.h"
#include "../core/sl_results.h"
#include "../core/sl_rng.h"
#include "../core/sl_task.h"
#include "../nn/sl_importance.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_afr_rows(const sl_dataset *ds, float **x, int **y)
{
    *x = malloc((ds->n ? ds->n : 1) * (size_t)ds->n_features * sizeof **x);
    *y = malloc((ds->n ? ds->n : 1) * sizeof **y);
    uint32_t *idx = malloc((ds->n ? ds->n : 1) * sizeof *idx);
    if (!*x || !*y || !idx) {
        free(*x); free(*y); free(idx);
        *x = NULL; *y = NULL;
        return sl_fail(SL_ENOMEM, "%zu rows", ds->n);
    }
    for (size_t i = 0; i < ds->n; i++) idx[i] = (uint32_t)i;
    sl_dataset_batch(ds, idx, ds->n, *x, *y);
    free(idx);
    return SL_OK;
}

double sl_afr_spearman_abs(const double *a, const double *b, int d)
{
    double *u = malloc(4 * (size_t)d * sizeof *u);
    if (!u) return NAN;
    for (int i = 0; i < d; i++) { u[i] = fabs(a[i]); u[d + i] = b[i]; }
    double rho = gsl_stats_spearman(u, 1, u + d, 1, (size_t)d, u + 2 * d);
    free(u);
    return rho;
}

sl_status sl_afr_run(sl_net *net_out, const sl_afr_arch *arch, const sl_train_opts *o, const sl_dataset *train,
                     float *xt, const int *yt, size_t n_test, uint64_t seed, uint64_t index, int perm_repeats,
                     int eval_batch, double *spec, double *perm, double *grad, sl_afr_result *res)
{
    memset(res, 0, sizeof *res);
    gsl_rng *ri = sl_rng_new(sl_seed_derive(seed, SL_STREAM_INIT, index));
    gsl_rng *rs = sl_rng_new(sl_seed_derive(seed, SL_STREAM_SHUFFLE, index));
    gsl_rng *rp = sl_rng_new(sl_seed_derive(seed, SL_STREAM_MASK, index)); /* permutations */
    sl_net net;
    memset(&net, 0, sizeof net);
    sl_status st = ri && rs && rp ? SL_OK : sl_fail(SL_ENOMEM, "random generators");
    if (st == SL_OK) st = sl_afr_build(&net, arch, ri);
    if (st == SL_OK) {
        char label[64];
        snprintf(label, sizeof label, "afr run %llu", (unsigned long long)index);
        sl_progress p;
        sl_progress_init(&p, label);
        sl_train_report rep;
        double t0 = sl_now();
        st = sl_train(&net, train, o, rs, &p, &rep);
        res->t_train = sl_now() - t0;
        res->train_loss = rep.final_loss;
        res->val_loss = rep.val_loss;
        res->epochs_run = rep.epochs_run;
    }
    if (st == SL_OK) st = sl_eval_rows(&net, xt, yt, n_test, eval_batch, NULL, &res->test_loss, &res->test_acc);
    if (st == SL_OK) {
        double t0 = sl_now();
        st = sl_afr_scores(&net, spec);
        res->t_spec = sl_now() - t0;
    }
    if (st == SL_OK && perm) {
        double t0 = sl_now();
        st = sl_perm_importance(&net, xt, yt, n_test, eval_batch, perm_repeats, rp, perm);
        res->t_perm = sl_now() - t0;
    }
    if (st == SL_OK && grad) {
        double t0 = sl_now();
        st = sl_grad_importance(&net, xt, yt, n_test, eval_batch, grad);
        res->t_grad = sl_now() - t0;
    }
    if (st == SL_OK && net_out) *net_out = net;
    else sl_net_free(&net);
    gsl_rng_free(ri); gsl_rng_free(rs); gsl_rng_free(rp);
    return st;
}

static double maxabs(const double *x, int d)
{
    double m = 0;
    for (int i = 0; i < d; i++) if (fabs(x[i]) > m) m = fabs(x[i]);
    return m;
}

static void mean_sd(const double *x, size_t stride, size_t n, double *mean, double *sd)
{
    *mean = gsl_stats_mean(x, stride, n);
    *sd = n > 1 ? gsl_stats_sd_m(x, stride, n, *mean) : 0;
}

static const sl_key_doc gauss_fig_docs[] = {
    {"runs", "independent realisations (data set and initial network) per penalty setting"},
    {"validation", "fraction of the training set held out for validation"},
    {"importance.perm_repeats", "permutations per feature for permutation importance (averaged)"},
    {"importance.batch", "rows per forward pass when evaluating on the test set"},
    {NULL, NULL}};

#define NRUN_COLS 12
enum { RC_ACC, RC_EPOCHS, RC_RHO_SPEC, RC_RHO_PERM, RC_RHO_GRAD, RC_TTRAIN, RC_TPERM, RC_TGRAD, RC_ZERO, RC_PAIR,
       RC_SEP, RC_TSPEC };

/* The slicing's cost estimate of one training: multiply-adds of the weights
 * W, 3 per example and epoch (forward, two backward products), and on the
 * test set one forward pass per permutation and feature plus the gradient
 * importance (forward and backward). Every point of a figure costs the same
 * (early stopping aside). */
static double point_cost(const sl_afr_arch *a, size_t n_train, long epochs, size_t n_test, int d, long perm_repeats)
{
    double w = 0;
    for (int l = 0; l < a->n_layers; l++) w += (double)a->dims[l] * a->dims[l + 1];
    return w * (3.0 * (double)n_train * (double)epochs + (double)n_test * ((double)d * (double)perm_repeats + 4));
}

sl_status sl_afr_gauss_figure(sl_driver *d)
{
    sl_afr_arch arch;
    sl_train_opts opts;
    sl_afr_settings set;
    sl_afr_gauss_spec g;
    long runs = 10, perm_repeats = 3, eval_batch = 500;
    double vfrac = 0.1;
    sl_status st;
    d->task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_config_docs(d->cfg, gauss_fig_docs);
    if ((st = sl_afr_arch_from_config(d->cfg, &arch)) || (st = sl_train_opts_from_config(d->cfg, &opts)) ||
        (st = sl_afr_settings_from_config(d->cfg, &opts.l2, &set)) || (st = sl_afr_gauss_from_config(d->cfg, &g)) ||
        (st = sl_config_int(d->cfg, "runs", 1, 1000, &runs)) ||
        (st = sl_config_double(d->cfg, "validation", 0, 0.9, &vfrac)) ||
        (st = sl_config_int(d->cfg, "importance.perm_repeats", 1, 1000, &perm_repeats)) ||
        (st = sl_config_int(d->cfg, "importance.batch", 1, 100000, &eval_batch)) ||
        (st = sl_driver_config_done(d)))
        return st;
    if (arch.dims[0] != g.d || arch.dims[arch.n_layers] != 2)
        return sl_fail(SL_ECONFIG, "%s: network.dims must run from the %d features of the gauss set to 2 classes",
                       sl_config_path(d->cfg), g.d);
    const int D = g.d;
    const size_t R = (size_t)runs, S = (size_t)set.n;
    const size_t n_val = (size_t)((double)g.n_train * vfrac);
    double truth[SL_AFR_MAX_FEATURES];
    sl_afr_gauss_truth(&g, truth);
    double *sc = malloc(S * R * 3 * (size_t)D * sizeof *sc);   /* [s][r][method][i] */
    double *rc = malloc(S * R * NRUN_COLS * sizeof *rc);        /* [s][r][col] */
    double *cost = malloc(S * R * sizeof *cost);
    sl_task t = {0};
    if (!sc || !rc || !cost) { free(sc); free(rc); free(cost); return sl_fail(SL_ENOMEM, "score tables"); }
#define SC(s, r, m) (sc + (((s) * R + (r)) * 3 + (m)) * (size_t)D)
#define RC(s, r) (rc + ((s) * R + (r)) * NRUN_COLS)
    static const char *const method_kind[3] = {"spec", "perm", "grad"};
    sl_results *res = NULL;
    /* the points: (setting s, run r), p = s·R + r (row order) */
    for (size_t p = 0; p < S * R; p++)
        cost[p] = point_cost(&arch, (size_t)g.n_train - n_val, opts.epochs, (size_t)g.n_test, D, perm_repeats);
    st = sl_task_init(&t, d, S * R, cost);
    for (size_t r = 0; st == SL_OK && r < R; r++) {
        int any = 0;
        for (size_t s = 0; s < S; s++) any |= sl_task_mine(&t, s * R + r);
        if (!any) continue;
        /* one data set per run, shared by every penalty setting */
        gsl_rng *rd = sl_rng_new(sl_seed_derive(d->seed, SL_STREAM_DATA, r));
        sl_dataset full = {0}, test = {0}, tr = {0}, val = {0};
        float *xt = NULL;
        int *yt = NULL;
        st = rd ? SL_OK : sl_fail(SL_ENOMEM, "rng");
        if (st == SL_OK) st = sl_afr_gauss_generate(&g, (size_t)g.n_train, rd, &full);
        if (st == SL_OK) st = sl_afr_gauss_generate(&g, (size_t)g.n_test, rd, &test);
        if (st == SL_OK) st = sl_dataset_split(&full, n_val, NULL, &tr, &val);
        if (st == SL_OK) st = sl_afr_rows(&test, &xt, &yt);
        for (size_t s = 0; st == SL_OK && s < S; s++) {
            if (!sl_task_mine(&t, s * R + r)) continue;
            sl_train_opts o = opts;
            o.l2 = set.l2[s];
            o.val = n_val ? &val : NULL;
            sl_afr_result ar;
            double *sp = SC(s, r, 0), *pe = SC(s, r, 1), *gr = SC(s, r, 2);
            st = sl_afr_run(NULL, &arch, &o, &tr, xt, yt, test.n, d->seed, r, (int)perm_repeats, (int)eval_batch,
                            sp, pe, gr, &ar);
            if (st != SL_OK) break;
            double *q = RC(s, r), m = maxabs(sp, D), zero = 0, pair = 0, min_rel = INFINITY, max_irr = 0;
            for (int i = 0; i < D; i++) {
                if (truth[i] == 0 && fabs(sp[i]) > zero) zero = fabs(sp[i]);
                if (truth[i] > 0 && fabs(sp[i]) < min_rel) min_rel = fabs(sp[i]);
                if (truth[i] == 0 && fabs(sp[i]) > max_irr) max_irr = fabs(sp[i]);
            }
            for (int k = 0; g.kind == SL_AFR_CORRELATED && k < g.n_pairs; k++) {
                double gap = fabs(fabs(sp[2 * k]) - fabs(sp[2 * k + 1]));
                if (gap > pair) pair = gap;
            }
            q[RC_ACC] = ar.test_acc;
            q[RC_EPOCHS] = ar.epochs_run;
            q[RC_RHO_SPEC] = sl_afr_spearman_abs(sp, truth, D);
            q[RC_RHO_PERM] = sl_afr_spearman_abs(pe, truth, D);
            q[RC_RHO_GRAD] = sl_afr_spearman_abs(gr, truth, D);
            q[RC_TTRAIN] = ar.t_train;
            q[RC_TPERM] = ar.t_perm;
            q[RC_TGRAD] = ar.t_grad;
            q[RC_TSPEC] = ar.t_spec;
            q[RC_ZERO] = m > 0 ? zero / m : NAN;
            q[RC_PAIR] = g.kind == SL_AFR_CORRELATED && m > 0 ? pair / m : 0;
            q[RC_SEP] = min_rel > max_irr;
            /* the record: the run's columns and its three rankings' scores */
            FILE *f = sl_task_record_open(&t, s * R + r);
            if (!f) { st = sl_fail(SL_ENOMEM, "record"); break; }
            sl_task_put_doubles(f, "run", q, NRUN_COLS);
            for (int k = 0; k < 3; k++) sl_task_put_doubles(f, method_kind[k], SC(s, r, k), (size_t)D);
            if ((st = sl_task_record_close(&t))) break;
            fprintf(stderr, "%s: %s run %zu: test acc %.4f, rho spec %.3f perm %.3f grad %.3f, zero ratio %.3g, "
                    "train %.1fs\n", d->name, set.name[s], r, ar.test_acc, q[RC_RHO_SPEC], q[RC_RHO_PERM],
                    q[RC_RHO_GRAD], q[RC_ZERO], ar.t_train);
        }
        free(xt); free(yt);
        sl_dataset_free(&full); sl_dataset_free(&test); sl_dataset_free(&tr); sl_dataset_free(&val);
        if (rd) gsl_rng_free(rd);
    }
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d->seed, runs - 1);
    int finalise = 0;
    if (st == SL_OK) st = sl_task_collect(&t, seeds, &finalise);
    /* finalise: the tables from the records alone, in a whole run as in a merge */
    for (size_t p = 0; st == SL_OK && finalise && p < S * R; p++) {
        st = sl_task_get_doubles(&t, p, "run", RC(p / R, p % R), NRUN_COLS);
        for (int k = 0; st == SL_OK && k < 3; k++) st = sl_task_get_doubles(&t, p, method_kind[k], SC(p / R, p % R, k), (size_t)D);
    }
    if (st == SL_OK && finalise) st = sl_results_open(&res, d->output, d->name, sl_config_path(d->cfg), sl_config_hash(d->cfg), seeds);
    if (st == SL_OK && finalise) {
        sl_results_comment(res, "%s Gaussian set, %d features, %ld train (%.0f%% validation) / %ld test examples",
                           sl_afr_gauss_kind_names[g.kind], D, g.n_train, 100 * vfrac, g.n_test);
        sl_results_comment(res, "network %d", arch.dims[0]);
        char prov[256];
        sl_task_provenance(&t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(res, "%s", prov);
        for (size_t s = 0; s < S; s++)
            sl_results_comment(res, "setting %s: L2 lambda_in %g, phi %g (layers mask 0x%x, 0 = all)", set.name[s],
                               set.l2[s].c[SL_GI_LAMBDA_IN], set.l2[s].c[SL_GI_PHI], set.l2[s].layers);
        sl_results_comment(res, "columns: run setting r acc epochs rho_spec rho_perm rho_grad t_train t_perm t_grad "
                                "zero_ratio pair_gap separated t_spec");
        for (size_t s = 0; s < S; s++)
            for (size_t r = 0; r < R; r++) {
                const double *q = RC(s, r);
                sl_results_row(res, "run %s %zu %.6f %d %.6f %.6f %.6f %.3f %.4f %.4f %.6g %.6g %d %.3g", set.name[s], r,
                               q[RC_ACC], (int)q[RC_EPOCHS], q[RC_RHO_SPEC], q[RC_RHO_PERM], q[RC_RHO_GRAD],
                               q[RC_TTRAIN], q[RC_TPERM], q[RC_TGRAD], q[RC_ZERO], q[RC_PAIR], (int)q[RC_SEP],
                               q[RC_TSPEC]);
            }
        sl_results_blank(res, 2);
        sl_results_comment(res, "columns: score setting r i truth spec perm grad");
        for (size_t s = 0; s < S; s++)
            for (size_t r = 0; r < R; r++)
                for (int i = 0; i < D; i++)
                    sl_results_row(res, "score %s %zu %d %.6g %.8g %.8g %.8g", set.name[s], r, i, truth[i],
                                   SC(s, r, 0)[i], SC(s, r, 1)[i], SC(s, r, 2)[i]);
        sl_results_blank(res, 2);
        sl_results_comment(res, "columns: feature setting i truth spec_mean spec_sd specn_mean specn_sd permn_mean "
                                "permn_sd gradn_mean gradn_sd   (n: each run divided by its largest magnitude)");
        double *col = malloc(4 * R * sizeof *col);
        if (!col) st = sl_fail(SL_ENOMEM, "columns");
        for (size_t s = 0; st == SL_OK && s < S; s++) {
            for (int i = 0; i < D; i++) {
                double ms[4][2];
                for (size_t r = 0; r < R; r++) {
                    col[r] = SC(s, r, 0)[i];
                    for (int m = 0; m < 3; m++) {
                        const double mx = maxabs(SC(s, r, m), D);
                        col[(size_t)(m + 1) * R + r] = mx > 0 ? fabs(SC(s, r, m)[i]) / mx : 0;
                    }
                }
                for (int m = 0; m < 4; m++) mean_sd(col + (size_t)m * R, 1, R, &ms[m][0], &ms[m][1]);
                sl_results_row(res, "feature %s %d %.6g %.6g %.6g %.6g %.6g %.6g %.6g %.6g %.6g", set.name[s], i,
                               truth[i], ms[0][0], ms[0][1], ms[1][0], ms[1][1], ms[2][0], ms[2][1], ms[3][0], ms[3][1]);
            }
            sl_results_blank(res, 2);
        }
        free(col);
        sl_results_comment(res, "columns: summary setting acc rho_spec rho_spec_sd rho_perm rho_perm_sd rho_grad "
                                "rho_grad_sd zero_ratio_max pair_gap_max t_train t_perm t_grad separated t_spec");
        for (size_t s = 0; st == SL_OK && s < S; s++) {
            double m[NRUN_COLS][2], zmax = 0, pmax = 0;
            for (int c = 0; c < NRUN_COLS; c++) mean_sd(RC(s, 0) + c, NRUN_COLS, R, &m[c][0], &m[c][1]);
            for (size_t r = 0; r < R; r++) {
                if (RC(s, r)[RC_ZERO] > zmax) zmax = RC(s, r)[RC_ZERO];
                if (RC(s, r)[RC_PAIR] > pmax) pmax = RC(s, r)[RC_PAIR];
            }
            sl_results_row(res, "summary %s %.6f %.6f %.6f %.6f %.6f %.6f %.6f %.6g %.6g %.3f %.4f %.4f %.3f %.3g",
                           set.name[s], m[RC_ACC][0], m[RC_RHO_SPEC][0], m[RC_RHO_SPEC][1], m[RC_RHO_PERM][0],
                           m[RC_RHO_PERM][1], m[RC_RHO_GRAD][0], m[RC_RHO_GRAD][1], zmax, pmax, m[RC_TTRAIN][0],
                           m[RC_TPERM][0], m[RC_TGRAD][0], m[RC_SEP][0], m[RC_TSPEC][0]);
        }
    }
    if (st == SL_OK && finalise) { st = sl_results_commit(res); res = NULL; }
    sl_results_discard(res);
    sl_task_free(&t);
    free(sc); free(rc); free(cost);
    return st;
#undef SC
#undef RC
}
