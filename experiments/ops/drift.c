/* ops_drift — ops essay: "a network that maintains bounded spectral norm at
 * initialization may develop pathological spectral structure during
 * training". The msd Fig. 7 network 784 → N2 (linear) → 120 (ReLU) → 10,
 * trained in each mode; after initialisation (epoch 0) and every epoch,
 * for each layer and for the composed linear operators: the spectral norm,
 * stable rank, condition number and Frobenius norm.
 * Operators: layer l (1-based); "run" = W2·W1, the composed linear operator
 * the retraction forms (its condition number over its first min(N2, …)
 * singular values: rank ≤ N2); "lin" = W3·W2·W1, the network's
 * linearisation with the ReLU replaced by the identity (over 10).
 * Rows:
 *   stats mode seed epoch op norm2 stable_rank cond fro
 *   acc   mode seed epoch test_acc test_loss
 *
 * A sweep (sl_task.h: --task I/N, --merge, --plan): a point is one training,
 * (mode, seed), p = mode · seeds + seed; its record is its rows as written,
 * and the results file is built from the records. Its streams are those of
 * (seed, run) only. Cost estimate: the same for every point (one training
 * of the same network, with the same per-epoch spectra). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_task.h"
#include "linalg/sl_spec.h"
#include "msd/sl_model_config.h"
#include "ops/sl_ops.h"

typedef struct {
    FILE *rec;        /* the point's record (sl_task_record_open) */
    const char *mode;
    long seed;
    const sl_dataset *test;
    double *buf;      /* (largest operator) */
} drift_ctx;

static sl_status op_row(drift_ctx *c, int epoch, const char *op, const double *a, int m, int n, int k)
{
    sl_spec_stats s;
    SL_TRY(sl_spec_stats_of(a, m, n, k, &s));
    sl_task_rec_row(c->rec, "stats %s %ld %d %s %.6g %.6g %.6g %.6g", c->mode, c->seed, epoch, op, s.norm2, s.stable_rank,
                   s.cond, s.fro);
    return SL_OK;
}

static sl_status record(sl_net *net, int epoch, void *ctx)
{
    drift_ctx *c = ctx;
    const int L = net->n_layers;
    int narrow = net->layers[0].n_in;
    for (int l = 0; l < L; l++) {
        const sl_layer *Ly = &net->layers[l];
        if (Ly->n_out < narrow) narrow = Ly->n_out;
        char op[8];
        snprintf(op, sizeof op, "%d", l + 1);
        SL_TRY(sl_ops_layer_matrix(net, l, c->buf));
        SL_TRY(op_row(c, epoch, op, c->buf, Ly->n_out, Ly->n_in, 0));
        if (l >= 1) {
            SL_TRY(sl_ops_product(net, 0, l, c->buf));
            SL_TRY(op_row(c, epoch, l == L - 1 ? "lin" : l == 1 ? "run" : "prod", c->buf, Ly->n_out, net->layers[0].n_in, narrow));
        }
    }
    double acc, loss;
    SL_TRY(sl_evaluate(net, c->test, 1000, &acc, &loss));
    sl_task_rec_row(c->rec, "acc %s %ld %d %.4f %.5f", c->mode, c->seed, epoch, acc, loss);
    fprintf(stderr, "%s seed %ld epoch %d: test accuracy %.2f%%\n", c->mode, c->seed, epoch, 100 * acc);
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"seeds", "independent trainings per mode"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "ops_drift");
    if (st != SL_OK) return sl_driver_end(&d, st);
    d.task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_arch arch;
    sl_train_opts opts;
    sl_mode modes[4];
    size_t n_modes = 0;
    long n_seeds = 1;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    double *buf = NULL, *cost = NULL;
    sl_task t = {0};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_arch_from_config(d.cfg, &arch)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_modes_from_config(d.cfg, "modes", modes, 4, &n_modes)) ||
        (st = sl_config_int(d.cfg, "seeds", 1, 16, &n_seeds)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) ||
        (st = sl_driver_config_done(&d)))
        goto done;
    /* the points: (mode m, seed s), p = m · seeds + s, all of the same cost */
    const size_t P = n_modes * (size_t)n_seeds;
    if (!(cost = malloc(P * sizeof *cost))) { st = sl_fail(SL_ENOMEM, "costs"); goto done; }
    for (size_t p = 0; p < P; p++) cost[p] = 1;
    if ((st = sl_task_init(&t, &d, P, cost))) goto done;
    int any = 0;
    for (size_t p = 0; p < P; p++) any |= sl_task_mine(&t, p);
    if (any && (st = sl_data_load(&data, &train, &test))) goto done;
    size_t big = 0;
    for (int l = 0; l < arch.n_layers; l++) {
        size_t a = (size_t)arch.dims[l + 1] * (size_t)arch.dims[l], b = (size_t)arch.dims[l + 1] * (size_t)arch.dims[0];
        if (a > big) big = a;
        if (b > big) big = b;
    }
    if (!(buf = malloc(big * sizeof *buf))) { st = sl_fail(SL_ENOMEM, "operator buffer"); goto done; }
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d.seed, n_seeds - 1);
    for (size_t m = 0; st == SL_OK && m < n_modes; m++)
        for (long s = 0; st == SL_OK && s < n_seeds; s++) {
            const size_t pt = m * (size_t)n_seeds + (size_t)s;
            if (!sl_task_mine(&t, pt)) continue;
            sl_net net;
            gsl_rng *rs = NULL;
            if ((st = sl_ops_build(&net, &rs, modes[m], &arch, d.seed, (uint64_t)s))) break;
            drift_ctx c = {sl_task_record_open(&t, pt), sl_mode_names[modes[m]], s, &test, buf};
            st = c.rec ? record(&net, 0, &c) : sl_fail(SL_ENOMEM, "record");
            sl_train_opts o = opts;
            o.after_epoch = record;
            o.hook_ctx = &c;
            sl_progress p;
            sl_progress_init(&p, c.mode);
            if (st == SL_OK) st = sl_train(&net, &train, &o, rs, &p, NULL);
            if (c.rec) {
                const sl_status cs = sl_task_record_close(&t);
                if (st == SL_OK) st = cs;
            }
            gsl_rng_free(rs);
            sl_net_free(&net);
        }
    int finalise = 0;
    if (st == SL_OK) st = sl_task_collect(&t, seeds, &finalise);
    if (st != SL_OK || !finalise) goto done;

    /* finalise: the rows from the records alone, in a whole run as in a merge */
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto done;
    sl_results_comment(r, "ops drift: msd Fig. 7 network %d -> %d -> %d -> %d, %d epochs, batch %d, %s lr %g",
                       arch.dims[0], arch.dims[1], arch.dims[2], arch.dims[3], opts.epochs, opts.batch,
                       sl_optim_names[opts.optimiser], (double)opts.lr);
    sl_results_comment(r, "op: layer 1..L; run = W2 W1 (the retracted linear operator); lin = W3 W2 W1 (ReLU as identity); "
                          "their cond over the narrowest factor's singular values");
    sl_results_comment(r, "columns (stats): stats mode seed epoch op norm2 stable_rank cond fro");
    sl_results_comment(r, "columns (acc): acc mode seed epoch test_acc test_loss");
    {
        char prov[256];
        sl_task_provenance(&t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
    }
    for (size_t p = 0; st == SL_OK && p < P; p++) st = sl_task_replay(&t, p, r);
    if (st == SL_OK) { st = sl_results_commit(r); r = NULL; }
done:
    free(buf); free(cost);
    sl_results_discard(r);
    sl_task_free(&t);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
