#include "sl_sweep.h"
#include "../core/sl_results.h"
#include "../core/sl_task.h"
#include "../stats/sl_dist.h"
#include "sl_model_config.h"

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

/* One training of the sweep: a point of the slicing (sl_task.h). */
typedef struct {
    size_t value;         /* index in factor.values (0 without a factor) */
    int arch;
    size_t mode;
    long run;
    double cost;          /* arch weights × epochs: the slicing's estimate, and to start the longest first */
    sl_run_result res;
    size_t test_n;        /* images in the test set */
    sl_status st;
    char err[512];        /* sl_errmsg() of a failed run */
    double *inset;        /* (n_inset) retracted A_c entries (floats), inset runs only; else NULL */
    size_t n_inset;
    double *inset0;       /* (n_inset0) the same at initialisation, before training */
    size_t n_inset0;
} task;

static double arch_weights(const sl_arch *a)
{
    double w = 0;
    for (int l = 0; l < a->n_layers; l++) w += (double)a->dims[l] * a->dims[l + 1];
    return w;
}

/* Largest first; ties in sweep order, so the schedule is a pure function of the config. */
static int by_cost(const void *pa, const void *pb)
{
    const task *a = *(task *const *)pa, *b = *(task *const *)pb;
    if (a->cost != b->cost) return a->cost < b->cost ? 1 : -1;
    return a < b ? -1 : a > b;
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

static void run_task(const sweep_cfg *s, const sl_driver *d, const sl_dataset *train, const sl_dataset *test,
                     task *t)
{
    sl_net net;
    sl_arch arch;
    sl_train_opts opts;
    task_setup(s, t, &arch, &opts);
    const int keep = is_inset(s, t);
    /* streams: (seed, arch, run) so adding an architecture leaves the others' numbers alone,
     * and every factor value starts from the same draws */
    const uint64_t index = (uint64_t)t->arch * 1000u + (uint64_t)t->run;
    t->test_n = test->n;
    t->st = sl_model_run(keep ? &net : NULL, s->modes[t->mode], &arch, &opts, train, test, d->seed, index, &t->res);
    if (t->st == SL_OK && keep) {
        t->st = retracted_entries(&net, &t->inset, &t->n_inset);
        sl_net_free(&net);
        /* the same network before training: the paper's "modest modulation of the initially assigned profile" */
        if (t->st == SL_OK) t->st = sl_model_init_net(&net, s->modes[t->mode], &arch, d->seed, index);
        if (t->st == SL_OK) {
            t->st = retracted_entries(&net, &t->inset0, &t->n_inset0);
            sl_net_free(&net);
        }
    }
    if (t->st != SL_OK) {
        snprintf(t->err, sizeof t->err, "%s", sl_errmsg());
        return;
    }
    char fx[48] = "";
    if (s->factor >= 0) snprintf(fx, sizeof fx, "%s %s, ", factor_keys[s->factor], s->value_text[t->value]);
    fprintf(stderr, "%s: %sarch %d %s run %ld: test accuracy %.2f%% (retracted %.2f%%), %zu trained, %.1f s\n",
            d->name, fx, t->arch, sl_mode_names[s->modes[t->mode]], t->run, 100 * t->res.test_acc,
            100 * t->res.retracted_acc, t->res.n_trainable, t->res.wall_s);
}

/* ---------------------------------------------------------------- records
 * A point's record (sl_task.h), every number at round-trip precision:
 *   run N_TRAINED TEST_ACC RETRACTED_ACC TRAIN_LOSS WALL_S     (%.17g; wall %.2f)
 *   test_n N                                                   images in the test set
 *   inset N E_0 … E_{N−1}          inset runs: the retracted A_c entries (floats, %.9g: exact)
 *   inset_init N E_0 … E_{N−1}     inset runs: the same at initialisation */

static void write_floats(FILE *f, const char *kind, const double *x, size_t n)
{
    fprintf(f, "%s %zu", kind, n);
    for (size_t i = 0; i < n; i++) fprintf(f, " %.9g", x[i]);
    fputc('\n', f);
}

static sl_status write_record(sl_task *tk, size_t p, const task *t)
{
    FILE *f = sl_task_record_open(tk, p);
    if (!f) return sl_fail(SL_ENOMEM, "record of point %zu", p);
    fprintf(f, "run %zu %.17g %.17g %.17g %.2f\n", t->res.n_trainable, t->res.test_acc, t->res.retracted_acc,
            t->res.train_loss, t->res.wall_s);
    fprintf(f, "test_n %zu\n", t->test_n);
    if (t->inset) write_floats(f, "inset", t->inset, t->n_inset);
    if (t->inset0) write_floats(f, "inset_init", t->inset0, t->n_inset0);
    return sl_task_record_close(tk);
}

/* "N E_0 … E_{N−1}\n" at s into a new array (each entry read as the float it was). */
static sl_status parse_floats(const char *s, size_t p, const char *kind, double **out, size_t *n)
{
    char *e;
    const unsigned long long len = strtoull(s, &e, 10);
    if (e == s || len == 0 || len > (1ull << 32))
        return sl_fail(SL_EFORMAT, "record of point %zu: %s line without a count", p, kind);
    double *x = malloc((size_t)len * sizeof *x);
    if (!x) return sl_fail(SL_ENOMEM, "record of point %zu: %llu %s entries", p, len, kind);
    for (size_t i = 0; i < len; i++) {
        char *e2;
        x[i] = strtof(e, &e2);
        if (e2 == e) {
            free(x);
            return sl_fail(SL_EFORMAT, "record of point %zu: %s has %zu of %llu entries", p, kind, i, len);
        }
        e = e2;
    }
    if (*e != '\n') { free(x); return sl_fail(SL_EFORMAT, "record of point %zu: %s has more than %llu entries", p, kind, len); }
    free(*out);
    *out = x;
    *n = (size_t)len;
    return SL_OK;
}

/* Point p's record into t (res, test_n, inset); want_inset: it must carry the inset line. */
static sl_status parse_record(const char *rec, size_t p, int want_inset, task *t)
{
    int have_run = 0, have_n = 0;
    if (!rec) return sl_fail(SL_EFORMAT, "point %zu has no record", p);
    for (const char *s = rec; *s;) {
        const char *eol = strchr(s, '\n');
        if (!eol) return sl_fail(SL_EFORMAT, "record of point %zu: unterminated line", p);
        if (strncmp(s, "run ", 4) == 0) {
            char *e;
            t->res.n_trainable = strtoul(s + 4, &e, 10);
            t->res.test_acc = strtod(e, &e);
            t->res.retracted_acc = strtod(e, &e);
            t->res.train_loss = strtod(e, &e);
            t->res.wall_s = strtod(e, &e);
            if (e != eol) return sl_fail(SL_EFORMAT, "record of point %zu: malformed run line", p);
            have_run = 1;
        } else if (strncmp(s, "test_n ", 7) == 0) {
            char *e;
            t->test_n = strtoul(s + 7, &e, 10);
            if (e != eol || t->test_n == 0) return sl_fail(SL_EFORMAT, "record of point %zu: malformed test_n line", p);
            have_n = 1;
        } else if (strncmp(s, "inset ", 6) == 0) {
            SL_TRY(parse_floats(s + 6, p, "inset", &t->inset, &t->n_inset));
        } else if (strncmp(s, "inset_init ", 11) == 0) {
            SL_TRY(parse_floats(s + 11, p, "inset_init", &t->inset0, &t->n_inset0));
        } else {
            return sl_fail(SL_EFORMAT, "record of point %zu: unknown line '%.20s'", p, s);
        }
        s = eol + 1;
    }
    if (!have_run || !have_n) return sl_fail(SL_EFORMAT, "record of point %zu: no %s line", p, have_run ? "test_n" : "run");
    if (want_inset && (!t->inset || !t->inset0))
        return sl_fail(SL_EFORMAT, "record of point %zu: the inset run has no %s line", p, t->inset ? "inset_init" : "inset");
    return SL_OK;
}

sl_status sl_sweep_main(sl_driver *d, const char *what)
{
    sweep_cfg s;
    d->task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_status st = read_cfg(d->cfg, &s);
    if (st == SL_OK) st = sl_driver_config_done(d);
    if (st != SL_OK) return st;

    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    sl_task tk = {0};
    double *centers = NULL, *dens = NULL;
    const size_t n_block = (size_t)s.n_arch * s.n_modes * (size_t)s.seeds;   /* points per factor value */
    const size_t n_tasks = s.n_values * n_block;
    task *tasks = calloc(n_tasks, sizeof *tasks);
    task **order = calloc(n_tasks, sizeof *order);
    double *cost = calloc(n_tasks, sizeof *cost);
    if (!tasks || !order || !cost) { st = sl_fail(SL_ENOMEM, "%zu sweep runs", n_tasks); goto done; }

    /* the points in file order: k = ((v·n_arch + a)·n_modes + m)·seeds + j (v = 0 without a factor) */
    size_t k = 0;
    for (size_t v = 0; v < s.n_values; v++)
    for (int a = 0; a < s.n_arch; a++)
        for (size_t m = 0; m < s.n_modes; m++)
            for (long j = 0; j < s.seeds; j++, k++) {
                tasks[k].value = v;
                tasks[k].arch = a;
                tasks[k].mode = m;
                tasks[k].run = j;
                tasks[k].cost = cost[k] = arch_weights(&s.arch[a]) * s.opts.epochs;
            }
    if ((st = sl_task_init(&tk, d, n_tasks, cost))) goto done;
    size_t n_mine = 0;
    for (size_t p = 0; p < n_tasks; p++)
        if (sl_task_mine(&tk, p)) order[n_mine++] = &tasks[p];
    if (n_mine && (st = sl_data_load(&s.data, &train, &test))) goto done;
    qsort(order, n_mine, sizeof *order, by_cost);

    /* Runs in parallel (BLAS single-threaded: sl_blas.h). A failure (divergence, signal)
     * stops the runs not yet started; the first failure in file order is reported. */
    {
        const int nt = d->threads < 1 ? 1 : d->threads;
        int failed = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
        for (size_t i = 0; i < n_mine; i++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop) { order[i]->st = SL_EINTR; snprintf(order[i]->err, sizeof order[i]->err, "not run"); continue; }
            run_task(&s, d, &train, &test, order[i]);
            if (order[i]->st != SL_OK) {
#pragma omp atomic write
                failed = 1;
            }
        }
        for (size_t i = 0; i < n_tasks && failed; i++)
            if (tasks[i].st != SL_OK && strcmp(tasks[i].err, "not run") != 0) {
                st = sl_fail(tasks[i].st, "%s", tasks[i].err);
                goto done;
            }
    }
    /* the records, serially (sl_task_record_open is not thread-safe); the
     * results file is then built from the records alone, in a whole run as in a merge */
    for (size_t p = 0; p < n_tasks; p++) {
        if (!sl_task_mine(&tk, p)) continue;
        if ((st = write_record(&tk, p, &tasks[p]))) goto done;
        free(tasks[p].inset);
        free(tasks[p].inset0);
        tasks[p].inset = tasks[p].inset0 = NULL;
    }

    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld per architecture", (unsigned long long)d->seed, s.seeds - 1);
    int finalise;
    if ((st = sl_task_collect(&tk, seeds, &finalise)) || !finalise) goto done;

    /* finalise */
    for (size_t p = 0; p < n_tasks; p++) {
        if ((st = parse_record(sl_task_record(&tk, p), p, is_inset(&s, &tasks[p]), &tasks[p]))) goto done;
        if (tasks[p].test_n != tasks[0].test_n) {
            st = sl_fail(SL_EFORMAT, "record of point %zu: test set of %zu images, point 0's has %zu", p,
                         tasks[p].test_n, tasks[0].test_n);
            goto done;
        }
    }
    if ((st = sl_results_open(&r, d->output, d->name, sl_config_path(d->cfg), sl_config_hash(d->cfg), seeds)))
        goto done;
    sl_results_comment(r, "%s", what);
    sl_results_comment(r, "%d epochs, batch %d, %s lr %g, %d shards, linear runs fused: %s; test set %zu images",
                       s.opts.epochs, s.opts.batch, sl_optim_names[s.opts.optimiser], (double)s.opts.lr,
                       s.opts.shards, sl_fuse_names[s.opts.fuse], tasks[0].test_n);
    for (int a = 0; a < s.n_arch; a++) {
        char dt[128];
        dims_text(&s.arch[a], dt, sizeof dt);
        sl_results_comment(r, "arch %d: %s (spectral_eig trains %zu)", a, dt, sl_model_eig_count(&s.arch[a]));
    }
    /* with a factor, every row carries its value right after the row kind */
    char fcol[40] = "";
    if (s.factor >= 0) {
        char vals[MAX_VALUES * 33] = "";
        for (size_t v = 0; v < s.n_values; v++)
            snprintf(vals + strlen(vals), sizeof vals - strlen(vals), " %s", s.value_text[v]);
        sl_results_comment(r, "factor: %s =%s (%s per run; every row carries the value in the column after its "
                              "kind; the same random streams for every value)", factor_keys[s.factor], vals,
                           s.factor == FACTOR_FIRST_LAMBDA_IN ? "the first layer's lambda_in drawn, or drawn and then set to 1"
                                                              : s.factor == FACTOR_BATCH ? "train.batch" : "train.lr");
        snprintf(fcol, sizeof fcol, " %s", factor_keys[s.factor]);
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
    {
        char prov[256];
        sl_task_provenance(&tk, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
    }

    /* fv(v): the value column of block v ("" without a factor) */
    char fv[MAX_VALUES][40];
    for (size_t v = 0; v < s.n_values; v++)
        snprintf(fv[v], sizeof fv[v], "%s%s", s.factor >= 0 ? " " : "", s.factor >= 0 ? s.value_text[v] : "");
    k = 0;
    for (size_t v = 0; v < s.n_values; v++)
    for (int a = 0; a < s.n_arch; a++)
        for (size_t m = 0; m < s.n_modes; m++) {
            double acc[MAX_SEEDS], racc[MAX_SEEDS], rdiff = 0;
            size_t n_tr = 0;
            for (long j = 0; j < s.seeds; j++, k++) {
                const sl_run_result *res = &tasks[k].res;
                acc[j] = res->test_acc;
                racc[j] = res->retracted_acc;
                n_tr = res->n_trainable;
                rdiff = fmax(rdiff, fabs(res->retracted_acc - res->test_acc));
                sl_results_row(r, "run%s %s %d %zu %ld %.4f %.4f %.5f %.2f", fv[v], sl_mode_names[s.modes[m]], a,
                               res->n_trainable, j, res->test_acc, res->retracted_acc, res->train_loss, res->wall_s);
            }
            const size_t n = (size_t)s.seeds;
            const double mean = gsl_stats_mean(acc, 1, n);
            const double sd = n > 1 ? gsl_stats_sd_m(acc, 1, n, mean) : 0;
            sl_results_row(r, "summary%s %s %d %zu %.4f %.4f %zu %.4f %zu %.4f", fv[v], sl_mode_names[s.modes[m]], a, n_tr,
                           mean, sd, n, rdiff, sl_model_eig_count(&s.arch[a]), gsl_stats_mean(racc, 1, n));
        }
    if (s.inset_arch >= 0) {
        /* the inset samples: run 0 of arch inset_arch, one per (value, mode), in mode order */
        const task *insv[MAX_VALUES][MAX_MODES];
        for (size_t v = 0; v < s.n_values; v++)
            for (size_t m = 0; m < s.n_modes; m++)
                insv[v][m] = &tasks[v * n_block + ((size_t)s.inset_arch * s.n_modes + m) * (size_t)s.seeds];
        double range = s.inset_range;
        for (size_t v = 0; v < s.n_values && s.inset_range <= 0; v++)
            for (size_t m = 0; m < s.n_modes; m++)
                for (size_t i = 0; i < insv[v][m]->n_inset; i++) range = fmax(range, fabs(insv[v][m]->inset[i]));
        centers = malloc((size_t)s.inset_bins * sizeof *centers);
        dens = malloc((size_t)s.inset_bins * sizeof *dens);
        if (!centers || !dens) { st = sl_fail(SL_ENOMEM, "inset"); goto done; }
        sl_results_comment(r, "inset: arch %ld, %ld bins on [-%g, %g)", s.inset_arch, s.inset_bins, range, range);
        for (size_t v = 0; v < s.n_values; v++) {
            const task *const *ins = insv[v];
            for (size_t m = 0; m < s.n_modes; m++) {
                if ((st = sl_density(ins[m]->inset, ins[m]->n_inset, -range, range, (size_t)s.inset_bins, centers, dens)))
                    goto done;
                for (long b = 0; b < s.inset_bins; b++)
                    sl_results_row(r, "inset%s %s %.6g %.6g", fv[v], sl_mode_names[s.modes[m]], centers[b], dens[b]);
            }
            for (size_t m = 0; m < s.n_modes; m++) {
                if ((st = sl_density(ins[m]->inset0, ins[m]->n_inset0, -range, range, (size_t)s.inset_bins, centers,
                                     dens)))
                    goto done;
                for (long b = 0; b < s.inset_bins; b++)
                    sl_results_row(r, "inset_init%s %s %.6g %.6g", fv[v], sl_mode_names[s.modes[m]], centers[b], dens[b]);
            }
            for (size_t m0 = 0; m0 < s.n_modes; m0++)
                for (size_t m = m0 + 1; m < s.n_modes; m++) {
                    double D;
                    if ((st = sl_ks_statistic(ins[m0]->inset, ins[m0]->n_inset, ins[m]->inset, ins[m]->n_inset, &D)))
                        goto done;
                    sl_results_row(r, "ks%s %s %s %.5f", fv[v], sl_mode_names[s.modes[m0]], sl_mode_names[s.modes[m]], D);
                }
            for (size_t m = 0; m < s.n_modes; m++) {
                double D;
                if ((st = sl_ks_statistic(ins[m]->inset, ins[m]->n_inset, ins[m]->inset0, ins[m]->n_inset0, &D)))
                    goto done;
                sl_results_row(r, "ks_init%s %s %.5f", fv[v], sl_mode_names[s.modes[m]], D);
            }
        }
    }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_task_free(&tk);
    for (size_t i = 0; tasks && i < n_tasks; i++) {
        free(tasks[i].inset);
        free(tasks[i].inset0);
    }
    free(tasks);
    free(order);
    free(cost);
    free(centers);
    free(dens);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return st;
}
