#include "sl_sweep.h"
#include "../core/sl_sweep_run.h"
#include "../stats/sl_dist.h"
#include "../cfg/sl_arch_config.h"
#include "sl_model.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARCH 32
#define MAX_SEEDS 32
#define MAX_MODES 4
#define MAX_VALUES 16

/* The optional training factor (config `factor`): train.batch, train.lr or
 * the first layer's λ_in, one value per block of the sweep. */
typedef enum { FACTOR_NONE = -1, FACTOR_BATCH, FACTOR_LR, FACTOR_FIRST_LAMBDA_IN } factor_key;
static const char *const factor_keys[] = {"batch", "lr", "first_lambda_in", NULL};
static const char *const lambda_in_values[] = {"random", "one", NULL};

typedef struct {
    int n_arch;
    sl_arch arch[MAX_ARCH];
    sl_mode modes[MAX_MODES];
    size_t n_modes;
    long seeds;
    long inset_arch, inset_bins;
    double inset_range;
    sl_train_opts opts;
    sl_data_spec data;
    int factor;                       /* factor_key */
    size_t n_values;                  /* 1 without a factor */
    double value[MAX_VALUES];         /* batch, lr, or 0/1 (first_lambda_in random/one) */
    char value_text[MAX_VALUES][32];  /* the value as rows show it */
} sweep_cfg;

static const sl_key_doc sweep_docs[] = {
    {"sweep", "the architectures, one list of layer sizes each (784, ..., 10)"},
    {"sweep.*", "layer sizes N1 .. Nl of one architecture"},
    {"seeds", "independent runs per architecture and training"},
    {"inset.arch", "index into sweep of the network whose retracted first layer the inset shows"},
    {"inset.bins", "histogram bins of the inset"},
    {"inset.range", "inset histogram on [-range, range] (0: the largest |entry|)"},
    {"factor.key", "optional training-factor axis: batch, lr or first_lambda_in (every value x arch x mode x run)"},
    {"factor.values", "the values of factor.key, one sweep each"},
    {NULL, NULL}};

static sl_status read_factor(const sl_config *cfg, sweep_cfg *s)
{
    s->factor = FACTOR_NONE;
    s->n_values = 1;
    if (!sl_config_has(cfg, "factor")) return SL_OK;
    SL_TRY(sl_config_require(cfg, "factor.key"));
    SL_TRY(sl_config_require(cfg, "factor.values"));
    SL_TRY(sl_config_enum(cfg, "factor.key", factor_keys, &s->factor));
    size_t n = 0;
    switch ((factor_key)s->factor) {
    case FACTOR_BATCH: {
        long v[MAX_VALUES];
        SL_TRY(sl_config_int_list(cfg, "factor.values", 1, 1000000, v, MAX_VALUES, &n));
        for (size_t i = 0; i < n; i++) {
            s->value[i] = (double)v[i];
            snprintf(s->value_text[i], sizeof s->value_text[i], "%ld", v[i]);
        }
        break;
    }
    case FACTOR_LR:
        SL_TRY(sl_config_double_list(cfg, "factor.values", 1e-12, 100, s->value, MAX_VALUES, &n));
        for (size_t i = 0; i < n; i++) snprintf(s->value_text[i], sizeof s->value_text[i], "%g", s->value[i]);
        break;
    case FACTOR_FIRST_LAMBDA_IN: {
        int v[MAX_VALUES];
        if (sl_config_has(cfg, "network.first_lambda_in"))
            return sl_fail(SL_ECONFIG, "%s: factor first_lambda_in sets network.first_lambda_in per run; "
                                       "remove network.first_lambda_in", sl_config_path(cfg));
        SL_TRY(sl_config_enum_list(cfg, "factor.values", lambda_in_values, v, MAX_VALUES, &n));
        for (size_t i = 0; i < n; i++) {
            s->value[i] = v[i];
            snprintf(s->value_text[i], sizeof s->value_text[i], "%s", lambda_in_values[v[i]]);
        }
        break;
    }
    default:
        break;
    }
    if (n < 1) return sl_fail(SL_ECONFIG, "%s: factor.values: give 1..%d values", sl_config_path(cfg), MAX_VALUES);
    s->n_values = n;
    return SL_OK;
}

static sl_status read_cfg(const sl_config *cfg, sweep_cfg *s)
{
    sl_config_docs(cfg, sweep_docs);
    memset(s, 0, sizeof *s);
    size_t n = 0;
    SL_TRY(sl_config_require(cfg, "sweep"));
    SL_TRY(sl_config_seq_len(cfg, "sweep", &n));
    if (n < 1 || n > MAX_ARCH)
        return sl_fail(SL_ECONFIG, "%s: sweep needs 1..%d architectures, has %zu", sl_config_path(cfg), MAX_ARCH, n);
    s->n_arch = (int)n;
    /* eigenvalue groups, init and network.acts are shared; each sweep entry gives its layer sizes */
    sl_arch base;
    memset(&base, 0, sizeof base);
    SL_TRY(sl_arch_common_from_config(cfg, &base));
    for (int a = 0; a < s->n_arch; a++) {
        char key[32];
        snprintf(key, sizeof key, "sweep.%d", a); /* documented as sweep.* */
        s->arch[a] = base;
        SL_TRY(sl_arch_layers_from_config(cfg, key, &s->arch[a]));
    }
    SL_TRY(sl_modes_from_config(cfg, "modes", s->modes, MAX_MODES, &s->n_modes));
    s->seeds = 5;
    SL_TRY(sl_config_int(cfg, "seeds", 1, MAX_SEEDS, &s->seeds));
    s->inset_arch = -1;
    s->inset_bins = 100;
    s->inset_range = 0;
    SL_TRY(sl_config_int(cfg, "inset.arch", 0, s->n_arch - 1, &s->inset_arch));
    SL_TRY(sl_config_int(cfg, "inset.bins", 4, 100000, &s->inset_bins));
    SL_TRY(sl_config_double(cfg, "inset.range", 0, 1e6, &s->inset_range));
    SL_TRY(sl_train_opts_from_config(cfg, &s->opts));
    SL_TRY(sl_data_spec_from_config(cfg, &s->data));
    return read_factor(cfg, s);
}

/* Entries of the first layer of the retracted network (A_c for a linear net). */
static sl_status retracted_entries(const sl_net *net, double **out, size_t *n)
{
    sl_net ret;
    SL_TRY(sl_net_retract(net, &ret));
    const sl_layer *L = &ret.layers[0];
    *n = (size_t)L->n_in * (size_t)L->n_out;
    *out = malloc(*n * sizeof **out);
    if (!*out) { sl_net_free(&ret); return sl_fail(SL_ENOMEM, "inset"); }
    for (size_t i = 0; i < *n; i++) (*out)[i] = ret.params[L->goff[SL_GI_W] + i];
    sl_net_free(&ret);
    return SL_OK;
}

static void dims_text(const sl_arch *a, char *buf, size_t len)
{
    size_t o = 0;
    for (int i = 0; i <= a->n_layers && o < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%d", i ? "-" : "", a->dims[i]);
}

/* One training of the sweep: a point of the slicing (sl_sweep_run.h). */
typedef struct {
    size_t value;         /* index in factor.values (0 without a factor) */
    int arch;
    size_t mode;
    long run;
    sl_run_result res;    /* from the point's record */
    size_t test_n;        /* images in the test set */
    double *inset;        /* (n_inset) retracted A_c entries (floats), inset runs only; else NULL */
    size_t n_inset;
    double *inset0;       /* (n_inset0) the same at initialisation, before training */
    size_t n_inset0;
} task;

typedef struct {
    const sl_driver *d;
    const char *what;
    sweep_cfg s;
    task *tasks;          /* (n_values · n_arch · n_modes · seeds) in point order */
    sl_dataset train, test;
} sweep;

static double arch_weights(const sl_arch *a)
{
    double w = 0;
    for (int l = 0; l < a->n_layers; l++) w += (double)a->dims[l] * a->dims[l + 1];
    return w;
}

static int is_inset(const sweep_cfg *s, const task *t) { return t->arch == s->inset_arch && t->run == 0; }

/* The architecture and training options of t: the config's, with the factor's value. */
static void task_setup(const sweep_cfg *s, const task *t, sl_arch *arch, sl_train_opts *o)
{
    *arch = s->arch[t->arch];
    *o = s->opts;
    switch ((factor_key)s->factor) {
    case FACTOR_BATCH: o->batch = (int)s->value[t->value]; break;
    case FACTOR_LR: o->lr = (float)s->value[t->value]; break;
    case FACTOR_FIRST_LAMBDA_IN: arch->first_lambda_in_reset = s->value[t->value] != 0; break;
    default: break;
    }
}

static sl_status load(void *ctx)
{
    sweep *w = ctx;
    return sl_data_load(&w->s.data, &w->train, &w->test);
}

/* Point p: one training; thread-safe (the points run side by side).
 * Its record, every number at round-trip precision (sl_task_put_doubles):
 *   run N_TRAINED TEST_ACC RETRACTED_ACC TRAIN_LOSS WALL_S
 *   test_n N                       images in the test set
 *   inset …, inset_init …          inset runs: the retracted A_c entries, after
 *                                  training and at initialisation */
static sl_status run_point(void *ctx, size_t p, FILE *rec)
{
    const sweep *w = ctx;
    const sweep_cfg *s = &w->s;
    const task *t = &w->tasks[p];
    sl_net net;
    sl_arch arch;
    sl_train_opts opts;
    sl_run_result res;
    double *ins = NULL, *ins0 = NULL;
    size_t n_ins = 0, n_ins0 = 0;
    task_setup(s, t, &arch, &opts);
    const int keep = is_inset(s, t);
    /* streams: (seed, arch, run) so adding an architecture leaves the others' numbers alone,
     * and every factor value starts from the same draws */
    const uint64_t index = (uint64_t)t->arch * 1000u + (uint64_t)t->run;
    sl_status st = sl_model_run(keep ? &net : NULL, s->modes[t->mode], &arch, &opts, &w->train, &w->test, w->d->seed,
                                index, &res);
    if (st == SL_OK && keep) {
        st = retracted_entries(&net, &ins, &n_ins);
        sl_net_free(&net);
        /* the same network before training: the paper's "modest modulation of the initially assigned profile" */
        if (st == SL_OK) st = sl_arch_init_net(&net, s->modes[t->mode], &arch, w->d->seed, index);
        if (st == SL_OK) {
            st = retracted_entries(&net, &ins0, &n_ins0);
            sl_net_free(&net);
        }
    }
    if (st == SL_OK) {
        const double run[5] = {(double)res.n_trainable, res.test_acc, res.retracted_acc, res.train_loss, res.wall_s},
                     tn = (double)w->test.n;
        sl_task_put_doubles(rec, "run", run, 5);
        sl_task_put_doubles(rec, "test_n", &tn, 1);
        if (ins) sl_task_put_doubles(rec, "inset", ins, n_ins);
        if (ins0) sl_task_put_doubles(rec, "inset_init", ins0, n_ins0);
        char fx[48] = "";
        if (s->factor >= 0) snprintf(fx, sizeof fx, "%s %s, ", factor_keys[s->factor], s->value_text[t->value]);
        fprintf(stderr, "%s: %sarch %d %s run %ld: test accuracy %.2f%% (retracted %.2f%%), %zu trained, %.1f s\n",
                w->d->name, fx, t->arch, sl_mode_names[s->modes[t->mode]], t->run, 100 * res.test_acc,
                100 * res.retracted_acc, res.n_trainable, res.wall_s);
    }
    free(ins);
    free(ins0);
    return st;
}

/* Every point's record into its task (res, test_n, inset); then the header. */
static sl_status header(void *ctx, const sl_task *tk, sl_results *r)
{
    sweep *w = ctx;
    const sweep_cfg *s = &w->s;
    task *tasks = w->tasks;
    for (size_t p = 0; p < tk->n_points; p++) {
        task *t = &tasks[p];
        double run[5], tn;
        SL_TRY(sl_task_get_doubles(tk, p, "run", run, 5));
        SL_TRY(sl_task_get_doubles(tk, p, "test_n", &tn, 1));
        t->res = (sl_run_result){.n_trainable = (size_t)run[0], .test_acc = run[1], .retracted_acc = run[2],
                                 .train_loss = run[3], .wall_s = run[4]};
        t->test_n = (size_t)tn;
        if (is_inset(s, t)) {
            SL_TRY(sl_task_get_array(tk, p, "inset", &t->inset, &t->n_inset));
            SL_TRY(sl_task_get_array(tk, p, "inset_init", &t->inset0, &t->n_inset0));
        }
        if (t->test_n != tasks[0].test_n)
            return sl_fail(SL_EFORMAT, "record of point %zu: test set of %zu images, point 0's has %zu", p, t->test_n,
                           tasks[0].test_n);
    }
    sl_results_comment(r, "%s", w->what);
    sl_results_comment(r, "%d epochs, batch %d, %s lr %g, %d shards, linear runs fused: %s; test set %zu images",
                       s->opts.epochs, s->opts.batch, sl_optim_names[s->opts.optimiser], (double)s->opts.lr,
                       s->opts.shards, sl_fuse_names[s->opts.fuse], tasks[0].test_n);
    for (int a = 0; a < s->n_arch; a++) {
        char dt[128];
        dims_text(&s->arch[a], dt, sizeof dt);
        sl_results_comment(r, "arch %d: %s (spectral_eig trains %zu)", a, dt, sl_arch_eig_count(&s->arch[a]));
    }
    /* with a factor, every row carries its value right after the row kind */
    char fcol[40] = "";
    if (s->factor >= 0) {
        char vals[MAX_VALUES * 33] = "";
        for (size_t v = 0; v < s->n_values; v++)
            snprintf(vals + strlen(vals), sizeof vals - strlen(vals), " %s", s->value_text[v]);
        sl_results_comment(r, "factor: %s =%s (%s per run; every row carries the value in the column after its "
                              "kind; the same random streams for every value)", factor_keys[s->factor], vals,
                           s->factor == FACTOR_FIRST_LAMBDA_IN ? "the first layer's lambda_in drawn, or drawn and then set to 1"
                                                              : s->factor == FACTOR_BATCH ? "train.batch" : "train.lr");
        snprintf(fcol, sizeof fcol, " %s", factor_keys[s->factor]);
    }
    sl_results_comment(r, "columns (run): run%s mode arch n_trained seed test_acc retracted_acc train_loss wall_s", fcol);
    sl_results_comment(r, "columns (summary): summary%s mode arch n_trained mean_acc std_acc n "
                          "max_abs_retraction_diff x retracted_mean", fcol);
    sl_results_comment(r, "columns (inset): inset%s mode center density   (entries of the retracted A_c, run 0)", fcol);
    sl_results_comment(r, "columns (ks): ks%s mode_a mode_b D   (KS distance between the inset samples, every pair "
                          "of modes)", fcol);
    sl_results_comment(r, "columns (inset_init): inset_init%s mode center density   (the same A_c of run 0 at "
                          "initialisation, before training; the inset's bins)", fcol);
    sl_results_comment(r, "columns (ks_init): ks_init%s mode D   (KS distance between the trained and the initial A_c "
                          "entries of run 0)", fcol);
    return SL_OK;
}

/* with a factor, every row carries its value right after the row kind */
static sl_status rows(void *ctx, const sl_task *tk, sl_results *r)
{
    sweep *w = ctx;
    const sweep_cfg *s = &w->s;
    const task *tasks = w->tasks;
    const size_t n_block = (size_t)s->n_arch * s->n_modes * (size_t)s->seeds;   /* points per factor value */
    double *centers = NULL, *dens = NULL;
    sl_status st = SL_OK;
    /* fv(v): the value column of block v ("" without a factor) */
    char fv[MAX_VALUES][40];
    for (size_t v = 0; v < s->n_values; v++)
        snprintf(fv[v], sizeof fv[v], "%s%s", s->factor >= 0 ? " " : "", s->factor >= 0 ? s->value_text[v] : "");
    size_t k = 0;
    for (size_t v = 0; v < s->n_values; v++)
    for (int a = 0; a < s->n_arch; a++)
        for (size_t m = 0; m < s->n_modes; m++) {
            double acc[MAX_SEEDS], racc[MAX_SEEDS], rdiff = 0;
            size_t n_tr = 0;
            for (long j = 0; j < s->seeds; j++, k++) {
                const sl_run_result *res = &tasks[k].res;
                acc[j] = res->test_acc;
                racc[j] = res->retracted_acc;
                n_tr = res->n_trainable;
                rdiff = fmax(rdiff, fabs(res->retracted_acc - res->test_acc));
                sl_results_row(r, "run%s %s %d %zu %ld %.4f %.4f %.5f %.2f", fv[v], sl_mode_names[s->modes[m]], a,
                               res->n_trainable, j, res->test_acc, res->retracted_acc, res->train_loss, res->wall_s);
            }
            const size_t n = (size_t)s->seeds;
            const double mean = gsl_stats_mean(acc, 1, n);
            const double sd = n > 1 ? gsl_stats_sd_m(acc, 1, n, mean) : 0;
            sl_results_row(r, "summary%s %s %d %zu %.4f %.4f %zu %.4f %zu %.4f", fv[v], sl_mode_names[s->modes[m]], a, n_tr,
                           mean, sd, n, rdiff, sl_arch_eig_count(&s->arch[a]), gsl_stats_mean(racc, 1, n));
        }
    if (s->inset_arch >= 0) {
        /* the inset samples: run 0 of arch inset_arch, one per (value, mode), in mode order */
        const task *insv[MAX_VALUES][MAX_MODES];
        for (size_t v = 0; v < s->n_values; v++)
            for (size_t m = 0; m < s->n_modes; m++)
                insv[v][m] = &tasks[v * n_block + ((size_t)s->inset_arch * s->n_modes + m) * (size_t)s->seeds];
        double range = s->inset_range;
        for (size_t v = 0; v < s->n_values && s->inset_range <= 0; v++)
            for (size_t m = 0; m < s->n_modes; m++)
                for (size_t i = 0; i < insv[v][m]->n_inset; i++) range = fmax(range, fabs(insv[v][m]->inset[i]));
        centers = malloc((size_t)s->inset_bins * sizeof *centers);
        dens = malloc((size_t)s->inset_bins * sizeof *dens);
        if (!centers || !dens) { st = sl_fail(SL_ENOMEM, "inset"); goto done; }
        sl_results_comment(r, "inset: arch %ld, %ld bins on [-%g, %g)", s->inset_arch, s->inset_bins, range, range);
        for (size_t v = 0; v < s->n_values; v++) {
            const task *const *ins = insv[v];
            for (size_t m = 0; m < s->n_modes; m++) {
                if ((st = sl_density(ins[m]->inset, ins[m]->n_inset, -range, range, (size_t)s->inset_bins, centers, dens)))
                    goto done;
                for (long b = 0; b < s->inset_bins; b++)
                    sl_results_row(r, "inset%s %s %.6g %.6g", fv[v], sl_mode_names[s->modes[m]], centers[b], dens[b]);
            }
            for (size_t m = 0; m < s->n_modes; m++) {
                if ((st = sl_density(ins[m]->inset0, ins[m]->n_inset0, -range, range, (size_t)s->inset_bins, centers,
                                     dens)))
                    goto done;
                for (long b = 0; b < s->inset_bins; b++)
                    sl_results_row(r, "inset_init%s %s %.6g %.6g", fv[v], sl_mode_names[s->modes[m]], centers[b], dens[b]);
            }
            for (size_t m0 = 0; m0 < s->n_modes; m0++)
                for (size_t m = m0 + 1; m < s->n_modes; m++) {
                    double D;
                    if ((st = sl_ks_statistic(ins[m0]->inset, ins[m0]->n_inset, ins[m]->inset, ins[m]->n_inset, &D)))
                        goto done;
                    sl_results_row(r, "ks%s %s %s %.5f", fv[v], sl_mode_names[s->modes[m0]], sl_mode_names[s->modes[m]], D);
                }
            for (size_t m = 0; m < s->n_modes; m++) {
                double D;
                if ((st = sl_ks_statistic(ins[m]->inset, ins[m]->n_inset, ins[m]->inset0, ins[m]->n_inset0, &D)))
                    goto done;
                sl_results_row(r, "ks_init%s %s %.5f", fv[v], sl_mode_names[s->modes[m]], D);
            }
        }
    }
done:
    free(centers);
    free(dens);
    return st;
}

sl_status sl_sweep_main(sl_driver *d, const char *what)
{
    sweep w = {.d = d, .what = what};
    sweep_cfg *s = &w.s;
    d->task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_status st = read_cfg(d->cfg, s);
    if (st == SL_OK) st = sl_driver_config_done(d);
    if (st != SL_OK) return st;
    const size_t n_tasks = s->n_values * (size_t)s->n_arch * s->n_modes * (size_t)s->seeds;
    w.tasks = calloc(n_tasks, sizeof *w.tasks);
    double *cost = calloc(n_tasks, sizeof *cost);
    /* the points in file order: k = ((v·n_arch + a)·n_modes + m)·seeds + j (v = 0 without a factor);
     * cost: the architecture's weights × epochs */
    size_t k = 0;
    for (size_t v = 0; w.tasks && cost && v < s->n_values; v++)
        for (int a = 0; a < s->n_arch; a++)
            for (size_t m = 0; m < s->n_modes; m++)
                for (long j = 0; j < s->seeds; j++, k++) {
                    w.tasks[k] = (task){.value = v, .arch = a, .mode = m, .run = j};
                    cost[k] = arch_weights(&s->arch[a]) * s->opts.epochs;
                }
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld per architecture", (unsigned long long)d->seed, s->seeds - 1);
    /* the runs execute `threads` at a time, one BLAS thread each */
    const sl_sweep_spec spec = {.n_points = n_tasks, .cost = cost, .parallel = 1, .seeds = seeds, .ctx = &w,
                                .prepare = load, .compute = run_point, .header = header, .rows = rows};
    st = w.tasks && cost ? sl_sweep_run(d, &spec) : sl_fail(SL_ENOMEM, "%zu sweep runs", n_tasks);
    for (size_t i = 0; w.tasks && i < n_tasks; i++) {
        free(w.tasks[i].inset);
        free(w.tasks[i].inset0);
    }
    free(w.tasks);
    free(cost);
    sl_dataset_free(&w.train);
    sl_dataset_free(&w.test);
    return st;
}
