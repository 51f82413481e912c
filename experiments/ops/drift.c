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
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one training,
 * (mode, seed), p = mode · seeds + seed; its record is its rows as written,
 * and the results file is built from the records. Its streams are those of
 * (seed, run) only. Cost estimate: the same for every point (one training
 * of the same network, with the same per-epoch spectra). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_sweep_run.h"
#include "linalg/sl_spec.h"
#include "ops/sl_ops.h"

typedef struct {
    FILE *rec;        /* the point's record */
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

typedef struct {
    const sl_driver *d;
    sl_ops_setup o;
    long n_seeds;
} drift;

/* point p = (mode m, seed s), p = m · seeds + s: its rows after initialisation and every epoch */
static sl_status point(void *ctx, size_t p, FILE *rec)
{
    drift *q = ctx;
    const size_t m = p / (size_t)q->n_seeds;
    const long s = (long)(p % (size_t)q->n_seeds);
    SL_TRY(sl_ops_setup_load(&q->o));
    sl_net net;
    gsl_rng *rs = NULL;
    drift_ctx c = {rec, sl_mode_names[q->o.modes[m]], s, &q->o.test, malloc(sl_ops_matrix_size(&q->o.arch) * sizeof(double))};
    if (!c.buf) return sl_fail(SL_ENOMEM, "operator buffer");
    sl_status st = sl_ops_build(&net, &rs, q->o.modes[m], &q->o.arch, q->d->seed, (uint64_t)s);
    if (st == SL_OK) {
        st = record(&net, 0, &c);
        sl_train_opts o = q->o.opts;
        o.after_epoch = record;
        o.hook_ctx = &c;
        sl_progress pr;
        sl_progress_init(&pr, c.mode);
        if (st == SL_OK) st = sl_train(&net, &q->o.train, &o, rs, &pr, NULL);
        gsl_rng_free(rs);
        sl_net_free(&net);
    }
    free(c.buf);
    return st;
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const drift *q = ctx;
    const sl_arch *a = &q->o.arch;
    sl_results_comment(r, "ops drift: msd Fig. 7 network %d -> %d -> %d -> %d, %d epochs, batch %d, %s lr %g",
                       a->dims[0], a->dims[1], a->dims[2], a->dims[3], q->o.opts.epochs, q->o.opts.batch,
                       sl_optim_names[q->o.opts.optimiser], (double)q->o.opts.lr);
    sl_results_comment(r, "op: layer 1..L; run = W2 W1 (the retracted linear operator); lin = W3 W2 W1 (ReLU as identity); "
                          "their cond over the narrowest factor's singular values");
    sl_results_comment(r, "columns (stats): stats mode seed epoch op norm2 stable_rank cond fro");
    sl_results_comment(r, "columns (acc): acc mode seed epoch test_acc test_loss");
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"seeds", "independent trainings per mode"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_sweep_begin(&d, argc, argv, "ops_drift");
    if (st != SL_OK) return sl_driver_end(&d, st);
    drift q = {.d = &d, .n_seeds = 1};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_ops_setup_read(d.cfg, &q.o)) || (st = sl_config_int(d.cfg, "seeds", 1, 16, &q.n_seeds)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    /* the points: (mode m, seed s), p = m · seeds + s, all of the same cost */
    const size_t P = q.o.n_modes * (size_t)q.n_seeds;
    double *cost = malloc(P * sizeof *cost);
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, runs 0..%ld", (unsigned long long)d.seed, q.n_seeds - 1);
    for (size_t p = 0; cost && p < P; p++) cost[p] = 1;
    const sl_sweep_spec spec = {.n_points = P, .cost = cost, .seeds = seeds, .ctx = &q,
                                .compute = point, .header = header};
    st = cost ? sl_sweep_run(&d, &spec) : sl_fail(SL_ENOMEM, "costs");
    free(cost);
    sl_ops_setup_free(&q.o);
    return sl_driver_end(&d, st);
}
