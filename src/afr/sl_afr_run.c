#include "sl_afr_run.h"
#include "sl_afr_config.h"
#include "../core/sl_fpmode.h"
#include "../core/sl_progress.h"
#include "../core/sl_rng.h"
#include "../core/sl_sweep_run.h"
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
        /* training flushes subnormals (sl_fpmode.h): the penalised weights and Adam's moments
         * of the irrelevant features decay into them, 2.5x the time on an Intel Xeon */
        sl_fpmode fp = sl_fp_flush_begin();
        st = sl_train(&net, train, o, rs, &p, &rep);
        sl_fp_restore(fp);
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

static const char *const method_kind[3] = {"spec", "perm", "grad"};

typedef struct {
    const sl_driver *d;
    sl_afr_arch arch;
    sl_train_opts opts;
    sl_afr_settings set;
    sl_afr_gauss_spec g;
    long runs, perm_repeats, eval_batch;
    double vfrac;
    size_t n_val;
    double truth[SL_AFR_MAX_FEATURES];
    double *sc;   /* (S, R, 3, D) the rankings' scores, from the records */
    double *rc;   /* (S, R, NRUN_COLS) the run columns, from the records */
    /* the data set of run `cur` (-1: none), shared by every penalty setting */
    long cur;
    sl_dataset full, test, tr, val;
    float *xt;    /* (n_test, D) */
    int *yt;      /* (n_test) */
} gauss_fig;

#define SC(q, s, r, m) ((q)->sc + ((((s) * (size_t)(q)->runs + (r)) * 3 + (m)) * (size_t)(q)->g.d))
#define RC(q, s, r) ((q)->rc + ((s) * (size_t)(q)->runs + (r)) * NRUN_COLS)

static void drop_data(gauss_fig *q)
{
    free(q->xt); free(q->yt);
    q->xt = NULL; q->yt = NULL;
    sl_dataset_free(&q->full); sl_dataset_free(&q->test); sl_dataset_free(&q->tr); sl_dataset_free(&q->val);
    q->cur = -1;
}

/* run r's data set: the DATA stream of (seed, r) only */
static sl_status data_of_run(gauss_fig *q, long r)
{
    if (q->cur == r) return SL_OK;
    drop_data(q);
    gsl_rng *rd = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_DATA, (uint64_t)r));
    sl_status st = rd ? SL_OK : sl_fail(SL_ENOMEM, "rng");
    if (st == SL_OK) st = sl_afr_gauss_generate(&q->g, (size_t)q->g.n_train, rd, &q->full);
    if (st == SL_OK) st = sl_afr_gauss_generate(&q->g, (size_t)q->g.n_test, rd, &q->test);
    if (st == SL_OK) st = sl_dataset_split(&q->full, q->n_val, NULL, &q->tr, &q->val);
    if (st == SL_OK) st = sl_afr_rows(&q->test, &q->xt, &q->yt);
    if (rd) gsl_rng_free(rd);
    if (st == SL_OK) q->cur = r;
    return st;
}

/* point p = (setting s, run r), p = s·R + r: one training; its record holds
 * the run's columns and its three rankings' scores */
static sl_status gauss_point(void *ctx, size_t p, FILE *f)
{
    gauss_fig *q = ctx;
    const size_t R = (size_t)q->runs, s = p / R, r = p % R;
    const int D = q->g.d;
    SL_TRY(data_of_run(q, (long)r));
    sl_train_opts o = q->opts;
    o.l2 = q->set.l2[s];
    o.val = q->n_val ? &q->val : NULL;
    sl_afr_result ar;
    double sco[3][SL_AFR_MAX_FEATURES], *sp = sco[0], qc[NRUN_COLS];
    SL_TRY(sl_afr_run(NULL, &q->arch, &o, &q->tr, q->xt, q->yt, q->test.n, q->d->seed, r, (int)q->perm_repeats,
                      (int)q->eval_batch, sco[0], sco[1], sco[2], &ar));
    const double *truth = q->truth;
    double m = maxabs(sp, D), zero = 0, pair = 0, min_rel = INFINITY, max_irr = 0;
    for (int i = 0; i < D; i++) {
        if (truth[i] == 0 && fabs(sp[i]) > zero) zero = fabs(sp[i]);
        if (truth[i] > 0 && fabs(sp[i]) < min_rel) min_rel = fabs(sp[i]);
        if (truth[i] == 0 && fabs(sp[i]) > max_irr) max_irr = fabs(sp[i]);
    }
    for (int k = 0; q->g.kind == SL_AFR_CORRELATED && k < q->g.n_pairs; k++) {
        double gap = fabs(fabs(sp[2 * k]) - fabs(sp[2 * k + 1]));
        if (gap > pair) pair = gap;
    }
    qc[RC_ACC] = ar.test_acc;
    qc[RC_EPOCHS] = ar.epochs_run;
    qc[RC_RHO_SPEC] = sl_afr_spearman_abs(sp, truth, D);
    qc[RC_RHO_PERM] = sl_afr_spearman_abs(sco[1], truth, D);
    qc[RC_RHO_GRAD] = sl_afr_spearman_abs(sco[2], truth, D);
    qc[RC_TTRAIN] = ar.t_train;
    qc[RC_TPERM] = ar.t_perm;
    qc[RC_TGRAD] = ar.t_grad;
    qc[RC_TSPEC] = ar.t_spec;
    qc[RC_ZERO] = m > 0 ? zero / m : NAN;
    qc[RC_PAIR] = q->g.kind == SL_AFR_CORRELATED && m > 0 ? pair / m : 0;
    qc[RC_SEP] = min_rel > max_irr;
    sl_task_put_doubles(f, "run", qc, NRUN_COLS);
    for (int k = 0; k < 3; k++) sl_task_put_doubles(f, method_kind[k], sco[k], (size_t)D);
    fprintf(stderr, "%s: %s run %zu: test acc %.4f, rho spec %.3f perm %.3f grad %.3f, zero ratio %.3g, "
            "train %.1fs\n", q->d->name, q->set.name[s], r, ar.test_acc, qc[RC_RHO_SPEC], qc[RC_RHO_PERM],
            qc[RC_RHO_GRAD], qc[RC_ZERO], ar.t_train);
    return SL_OK;
}

static sl_status gauss_header(void *ctx, const sl_task *t, sl_results *res)
{
    gauss_fig *q = ctx;
    const size_t R = (size_t)q->runs, S = (size_t)q->set.n;
    const int D = q->g.d;
    /* the tables from the records alone, in a whole run as in a merge */
    for (size_t p = 0; p < S * R; p++) {
        SL_TRY(sl_task_get_doubles(t, p, "run", RC(q, p / R, p % R), NRUN_COLS));
        for (int k = 0; k < 3; k++) SL_TRY(sl_task_get_doubles(t, p, method_kind[k], SC(q, p / R, p % R, k), (size_t)D));
    }
    sl_results_comment(res, "%s Gaussian set, %d features, %ld train (%.0f%% validation) / %ld test examples",
                       sl_afr_gauss_kind_names[q->g.kind], D, q->g.n_train, 100 * q->vfrac, q->g.n_test);
    sl_results_comment(res, "network %d", q->arch.dims[0]);
    for (size_t s = 0; s < S; s++)
        sl_results_comment(res, "setting %s: L2 lambda_in %g, phi %g (layers mask 0x%x, 0 = all)", q->set.name[s],
                           q->set.l2[s].c[SL_GI_LAMBDA_IN], q->set.l2[s].c[SL_GI_PHI], q->set.l2[s].layers);
    return SL_OK;
}

static sl_status gauss_rows(void *ctx, const sl_task *t, sl_results *res)
{
    gauss_fig *q = ctx;
    const size_t R = (size_t)q->runs, S = (size_t)q->set.n;
    const int D = q->g.d;
    const double *truth = q->truth;
    sl_results_comment(res, "columns: run setting r acc epochs rho_spec rho_perm rho_grad t_train t_perm t_grad "
                            "zero_ratio pair_gap separated t_spec");
    for (size_t s = 0; s < S; s++)
        for (size_t r = 0; r < R; r++) {
            const double *qc = RC(q, s, r);
            sl_results_row(res, "run %s %zu %.6f %d %.6f %.6f %.6f %.3f %.4f %.4f %.6g %.6g %d %.3g", q->set.name[s], r,
                           qc[RC_ACC], (int)qc[RC_EPOCHS], qc[RC_RHO_SPEC], qc[RC_RHO_PERM], qc[RC_RHO_GRAD],
                           qc[RC_TTRAIN], qc[RC_TPERM], qc[RC_TGRAD], qc[RC_ZERO], qc[RC_PAIR], (int)qc[RC_SEP],
                           qc[RC_TSPEC]);
        }
    sl_results_blank(res, 2);
    sl_results_comment(res, "columns: score setting r i truth spec perm grad");
    for (size_t s = 0; s < S; s++)
        for (size_t r = 0; r < R; r++)
            for (int i = 0; i < D; i++)
                sl_results_row(res, "score %s %zu %d %.6g %.8g %.8g %.8g", q->set.name[s], r, i, truth[i],
                               SC(q, s, r, 0)[i], SC(q, s, r, 1)[i], SC(q, s, r, 2)[i]);
    sl_results_blank(res, 2);
    sl_results_comment(res, "columns: feature setting i truth spec_mean spec_sd specn_mean specn_sd permn_mean "
                            "permn_sd gradn_mean gradn_sd   (n: each run divided by its largest magnitude)");
    double *col = malloc(4 * R * sizeof *col);
    if (!col) return sl_fail(SL_ENOMEM, "columns");
    for (size_t s = 0; s < S; s++) {
        for (int i = 0; i < D; i++) {
            double ms[4][2];
            for (size_t r = 0; r < R; r++) {
                col[r] = SC(q, s, r, 0)[i];
                for (int m = 0; m < 3; m++) {
                    const double mx = maxabs(SC(q, s, r, m), D);
                    col[(size_t)(m + 1) * R + r] = mx > 0 ? fabs(SC(q, s, r, m)[i]) / mx : 0;
                }
            }
            for (int m = 0; m < 4; m++) mean_sd(col + (size_t)m * R, 1, R, &ms[m][0], &ms[m][1]);
            sl_results_row(res, "feature %s %d %.6g %.6g %.6g %.6g %.6g %.6g %.6g %.6g %.6g", q->set.name[s], i,
                           truth[i], ms[0][0], ms[0][1], ms[1][0], ms[1][1], ms[2][0], ms[2][1], ms[3][0], ms[3][1]);
        }
        sl_results_blank(res, 2);
    }
    free(col);
    sl_results_comment(res, "columns: summary setting acc rho_spec rho_spec_sd rho_perm rho_perm_sd rho_grad "
                            "rho_grad_sd zero_ratio_max pair_gap_max t_train t_perm t_grad separated t_spec");
    for (size_t s = 0; s < S; s++) {
        double m[NRUN_COLS][2], zmax = 0, pmax = 0;
        for (int c = 0; c < NRUN_COLS; c++) mean_sd(RC(q, s, 0) + c, NRUN_COLS, R, &m[c][0], &m[c][1]);
        for (size_t r = 0; r < R; r++) {
            if (RC(q, s, r)[RC_ZERO] > zmax) zmax = RC(q, s, r)[RC_ZERO];
            if (RC(q, s, r)[RC_PAIR] > pmax) pmax = RC(q, s, r)[RC_PAIR];
        }
        sl_results_row(res, "summary %s %.6f %.6f %.6f %.6f %.6f %.6f %.6f %.6g %.6g %.3f %.4f %.4f %.3f %.3g",
                       q->set.name[s], m[RC_ACC][0], m[RC_RHO_SPEC][0], m[RC_RHO_SPEC][1], m[RC_RHO_PERM][0],
                       m[RC_RHO_PERM][1], m[RC_RHO_GRAD][0], m[RC_RHO_GRAD][1], zmax, pmax, m[RC_TTRAIN][0],
                       m[RC_TPERM][0], m[RC_TGRAD][0], m[RC_SEP][0], m[RC_TSPEC][0]);
    }
    return SL_OK;
}

sl_status sl_afr_gauss_figure(sl_driver *d)
{
    gauss_fig q = {.d = d, .runs = 10, .perm_repeats = 3, .eval_batch = 500, .vfrac = 0.1, .cur = -1};
    sl_status st;
    d->task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_config_docs(d->cfg, gauss_fig_docs);
    if ((st = sl_afr_arch_from_config(d->cfg, &q.arch)) || (st = sl_train_opts_from_config(d->cfg, &q.opts)) ||
        (st = sl_afr_settings_from_config(d->cfg, &q.opts.l2, &q.set)) || (st = sl_afr_gauss_from_config(d->cfg, &q.g)) ||
        (st = sl_config_int(d->cfg, "runs", 1, 1000, &q.runs)) ||
        (st = sl_config_double(d->cfg, "validation", 0, 0.9, &q.vfrac)) ||
        (st = sl_config_int(d->cfg, "importance.perm_repeats", 1, 1000, &q.perm_repeats)) ||
        (st = sl_config_int(d->cfg, "importance.batch", 1, 100000, &q.eval_batch)) ||
        (st = sl_driver_config_done(d)))
        return st;
    if (q.arch.dims[0] != q.g.d || q.arch.dims[q.arch.n_layers] != 2)
        return sl_fail(SL_ECONFIG, "%s: network.dims must run from the %d features of the gauss set to 2 classes",
                       sl_config_path(d->cfg), q.g.d);
    const int D = q.g.d;
    const size_t R = (size_t)q.runs, S = (size_t)q.set.n;
    q.n_val = (size_t)((double)q.g.n_train * q.vfrac);
    sl_afr_gauss_truth(&q.g, q.truth);
    q.sc = malloc(S * R * 3 * (size_t)D * sizeof *q.sc);
    q.rc = malloc(S * R * NRUN_COLS * sizeof *q.rc);
    double *cost = malloc(S * R * sizeof *cost);
    size_t *order = malloc(S * R * sizeof *order);
    /* the points: (setting s, run r), p = s·R + r (row order); computed run by
     * run, so each run's data set is drawn once for every setting */
    for (size_t p = 0; cost && order && p < S * R; p++) {
        cost[p] = point_cost(&q.arch, (size_t)q.g.n_train - q.n_val, q.opts.epochs, (size_t)q.g.n_test, D, q.perm_repeats);
        order[p] = (p % S) * R + p / S;
    }
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d->seed, q.runs - 1);
    const sl_sweep_spec spec = {.n_points = S * R, .cost = cost, .order = order, .seeds = seeds, .ctx = &q,
                                .compute = gauss_point, .header = gauss_header, .rows = gauss_rows};
    st = q.sc && q.rc && cost && order ? sl_sweep_run(d, &spec) : sl_fail(SL_ENOMEM, "score tables");
    drop_data(&q);
    free(q.sc); free(q.rc); free(cost); free(order);
    return st;
}
