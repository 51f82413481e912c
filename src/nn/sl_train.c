#include "sl_train.h"
#include "../core/sl_rng.h"
#include "../core/sl_signal.h"

#include <omp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One shard's share of a mini-batch: its rows, workspace and gradients. */
typedef struct {
    sl_net_ws ws;    /* ws.rng: the dropout stream (training mode) */
    float *x;        /* (rows, d) gathered inputs */
    int *y;          /* (rows) labels */
    float *grads;    /* (n_params) dL_shard/dθ; net->grads itself when there is one shard */
    int rows;
    double loss;
    size_t correct;
} shard;

static void shard_free(shard *s, int own_rng)
{
    if (own_rng && s->ws.rng) gsl_rng_free(s->ws.rng);
    sl_net_ws_free(&s->ws);
    free(s->x); free(s->y);
}

/* Rows whose largest entry of p (rows, C) is at the label. */
static size_t count_correct(const float *p0, const int *y, int rows, int C)
{
    size_t correct = 0;
    for (int r = 0; r < rows; r++) {
        const float *p = p0 + (size_t)r * C;
        int arg = 0;
        for (int c = 1; c < C; c++) if (p[c] > p[arg]) arg = c;
        correct += arg == y[r];
    }
    return correct;
}

/* Loss of the last forward pass in ws against the batch; with grads, back-propagates into it. */
static double batch_loss(const sl_net *net, sl_net_ws *ws, const sl_loss *loss, const int *y, const uint32_t *idx,
                         int B, float *grads, size_t *correct)
{
    const int C = sl_net_n_out(net);
    const float *out = ws->act[net->n_layers];
    const sl_loss_batch yb = {y, NULL, idx};
    double L = sl_loss_eval(loss, out, &yb, B, C, ws->probs, grads ? ws->dout : NULL);
    if (grads) sl_net_backward(net, ws, ws->dout, B, grads);
    if (correct) *correct = count_correct(loss->kind == SL_LOSS_SOFTMAX_XENT ? ws->probs : out, y, B, C);
    return L;
}

static sl_status check_shapes(const sl_net *net, const sl_dataset *ds, const sl_loss *loss)
{
    if (ds->n_features != sl_net_n_in(net) ||
        (loss->kind != SL_LOSS_CUSTOM && ds->n_classes != sl_net_n_out(net)))
        return sl_fail(SL_EINVAL, "network %d -> %d does not fit data %d -> %d classes", sl_net_n_in(net),
                       sl_net_n_out(net), ds->n_features, ds->n_classes);
    return SL_OK;
}

/* Data parallelism with a fixed number of shards: each batch is cut into
 * o->shards contiguous parts whose gradients are computed independently
 * (single-threaded BLAS, sl_blas.h; one OpenMP thread per shard) and summed in shard
 * order, weighted by their row counts. The split, and so every bit of the
 * result, does not depend on how many threads execute the shards. A layer
 * that couples the rows of a batch would make the shards' sum wrong: such
 * networks must train with one shard. */
sl_status sl_train(sl_net *net, const sl_dataset *train, const sl_train_opts *o,
                   gsl_rng *shuffle_rng, sl_progress *progress, sl_train_report *report)
{
    SL_TRY(check_shapes(net, train, &o->loss));
    if (o->val) SL_TRY(check_shapes(net, o->val, &o->loss));
    if (o->batch < 1 || o->epochs < 0) return sl_fail(SL_EINVAL, "batch %d, epochs %d", o->batch, o->epochs);
    const int B = o->batch, d = train->n_features;
    const int S = o->shards < 1 ? 1 : o->shards > B ? B : o->shards;
    if (S > 1 && sl_net_batch_coupled(net))
        return sl_fail(SL_EINVAL, "a layer of this network couples the examples of a batch: "
                       "data-parallel shards (%d) would sum wrong gradients; train with shards: 1", S);
    const int stochastic = sl_net_stochastic(net);
    if (stochastic && !o->dropout_rng)
        return sl_fail(SL_EINVAL, "the network has a dropout layer but the trainer got no dropout stream");
    const size_t n = train->n, nb = (n + (size_t)B - 1) / (size_t)B;
    const int workers = omp_get_max_threads();
    const int threads = workers < S ? workers : S;

    shard *sh = calloc((size_t)S, sizeof *sh);
    int penalised = 0;
    for (int gi = 0; gi < SL_N_GROUPS; gi++) penalised |= o->l2.c[gi] != 0;
    float *coef = penalised ? malloc(net->n_params * sizeof *coef) : NULL;
    sl_optim_run *runs = NULL; /* the trainable runs with their L2 coefficient: the step touches only these */
    size_t n_runs = 0;
    sl_optim opt;
    sl_optim_defaults(&opt, o->optimiser, o->lr);
    if (o->weight_decay > 0) opt.weight_decay = o->weight_decay;
    sl_status st = sh && (coef || !penalised) ? sl_optim_alloc(&opt, net->n_params) : sl_fail(SL_ENOMEM, "shards");
    for (int s = 0; st == SL_OK && s < S; s++) {
        const int rows = (B + S - 1) / S;
        st = sl_net_ws_alloc_fused(&sh[s].ws, net, rows, o->fuse);
        sh[s].x = malloc((size_t)rows * (size_t)d * sizeof(float));
        sh[s].y = malloc((size_t)rows * sizeof(int));
        sh[s].grads = S == 1 ? net->grads : malloc(net->n_params * sizeof(float));
        if (st == SL_OK && (!sh[s].x || !sh[s].y || !sh[s].grads)) st = sl_fail(SL_ENOMEM, "shard buffers");
        if (st == SL_OK && stochastic) {
            sh[s].ws.rng = S == 1 ? o->dropout_rng : sl_rng_new(gsl_rng_get(o->dropout_rng));
            if (!sh[s].ws.rng) st = sl_fail(SL_ENOMEM, "dropout stream");
        }
    }
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (st == SL_OK && !idx) st = sl_fail(SL_ENOMEM, "training buffers");
    for (size_t i = 0; st == SL_OK && i < n; i++) idx[i] = (uint32_t)i;
    if (coef) sl_net_l2_coeffs(net, &o->l2, coef);
    if (st == SL_OK) {
        n_runs = sl_optim_runs(net->trainable, coef, net->n_params, NULL, 0);
        runs = malloc((n_runs ? n_runs : 1) * sizeof *runs);
        if (!runs) st = sl_fail(SL_ENOMEM, "trainable runs");
        else sl_optim_runs(net->trainable, coef, net->n_params, runs, n_runs);
    }

    sl_train_report rep = {0, 0, NAN, INFINITY, 0};
    double epoch_loss = 0;
    int waited = 0, stale = 0; /* stale: the parameters moved since the workspaces were refreshed */
    for (int e = 0; st == SL_OK && e < o->epochs; e++) {
        sl_rng_shuffle(shuffle_rng, idx, n);
        epoch_loss = 0;
        size_t correct = 0, seen = 0;
        for (size_t b = 0; b < nb; b++) {
            const int Bb = (int)((b + 1) * (size_t)B <= n ? (size_t)B : n - b * (size_t)B);
            const uint32_t *bidx = idx + b * (size_t)B;
#pragma omp parallel for num_threads(threads) schedule(static, 1)
            for (int s = 0; s < S; s++) {
                shard *q = &sh[s];
                if (stale) sl_net_refresh(net, &q->ws); /* the last step's parameters, in this region */
                const int lo = (int)((long)Bb * s / S), hi = (int)((long)Bb * (s + 1) / S);
                q->rows = hi - lo;
                q->loss = 0;
                q->correct = 0;
                if (q->rows == 0) continue;
                sl_dataset_batch(train, bidx + lo, (size_t)q->rows, q->x, q->y);
                memset(q->grads, 0, net->n_params * sizeof(float));
                sl_net_forward(net, &q->ws, q->x, q->rows);
                q->loss = batch_loss(net, &q->ws, &o->loss, q->y, bidx + lo, q->rows, q->grads, &q->correct);
            }
            stale = 0;
            double loss = 0;
            for (int s = 0; s < S; s++) {
                const shard *q = &sh[s];
                if (q->rows && !isfinite(q->loss)) {
                    int l = sl_net_first_nonfinite(net, &q->ws, q->rows);
                    if (l >= 0)
                        st = sl_fail(SL_ENUMERIC, "training diverged at epoch %d, batch %zu: loss is %g; "
                                     "first non-finite activations in layer %d (%s %d -> %d)",
                                     e + 1, b + 1, q->loss, l + 1, sl_ops(&net->layers[l])->name,
                                     net->layers[l].n_in, net->layers[l].n_out);
                    else
                        st = sl_fail(SL_ENUMERIC, "training diverged at epoch %d, batch %zu: loss is %g "
                                     "(activations finite: the loss overflowed)", e + 1, b + 1, q->loss);
                    break;
                }
                loss += q->loss * q->rows / Bb;
                correct += q->correct;
            }
            if (st != SL_OK) break;
            /* dL/dθ = Σ_s (rows_s / B) dL_s/dθ, in shard order (one shard: already in net->grads) */
            if (S > 1) {
                const float w0 = (float)sh[0].rows / (float)Bb;
                float *restrict g = net->grads;
                const float *restrict g0 = sh[0].grads;
                for (size_t i = 0; i < net->n_params; i++) g[i] = w0 * g0[i];
                for (int s = 1; s < S; s++) {
                    if (!sh[s].rows) continue;
                    const float ws = (float)sh[s].rows / (float)Bb;
                    const float *restrict gs = sh[s].grads;
                    for (size_t i = 0; i < net->n_params; i++) g[i] += ws * gs[i];
                }
            }
            /* the L2 penalty (gradient 2cθ) is folded into the step, over the trainable runs only */
            loss += sl_optim_step_runs(&opt, net->params, net->grads, runs, n_runs);
            stale = 1;
            epoch_loss += loss * Bb;
            seen += (size_t)Bb;
            if (o->after_step && (st = o->after_step(net, o->hook_ctx)) != SL_OK) break;
            if (sl_signal_pending()) {
                st = sl_fail(SL_EINTR, "interrupted by signal %d at epoch %d, batch %zu; "
                             "no results written", sl_signal_pending(), e + 1, b + 1);
                break;
            }
            sl_progress_update(progress, (long)(e * nb + b + 1), (long)(o->epochs * nb), e + 1,
                               epoch_loss / (double)seen, (double)correct / (double)seen);
        }
        epoch_loss /= (double)n;
        if (st != SL_OK) break;
        rep.epochs_run = e + 1;
        if (o->after_epoch && (st = o->after_epoch(net, e + 1, o->hook_ctx)) != SL_OK) break;
        if (o->val) {
            st = sl_evaluate_loss(net, o->val, B, &o->loss, NULL, &rep.val_loss);
            if (st != SL_OK) break;
            if (rep.val_loss < rep.best_val_loss) {
                rep.best_val_loss = rep.val_loss;
                rep.best_epoch = e + 1;
                waited = 0;
            } else if (o->patience > 0 && ++waited >= o->patience) {
                break;
            }
        }
    }
    sl_progress_end(progress);
    rep.final_loss = epoch_loss;
    if (report) *report = rep;
    free(idx);
    free(coef);
    free(runs);
    for (int s = 0; sh && s < S; s++) {
        shard_free(&sh[s], S > 1);
        if (S > 1) free(sh[s].grads);
    }
    free(sh);
    sl_optim_free(&opt);
    return st;
}

sl_status sl_evaluate_loss(const sl_net *net, const sl_dataset *ds, int batch, const sl_loss *loss,
                           double *acc_out, double *loss_out)
{
    const sl_loss xent = {SL_LOSS_SOFTMAX_XENT, NULL, NULL};
    if (!loss) loss = &xent;
    SL_TRY(check_shapes(net, ds, loss));
    if (batch < 1) return sl_fail(SL_EINVAL, "evaluation batch %d", batch);
    sl_net_ws ws;
    SL_TRY(sl_net_ws_alloc(&ws, net, batch));
    const int d = ds->n_features;
    float *x = malloc((size_t)batch * (size_t)d * sizeof *x);
    int *y = malloc((size_t)batch * sizeof *y);
    uint32_t *idx = malloc((size_t)batch * sizeof *idx);
    if (!x || !y || !idx) {
        free(x); free(y); free(idx); sl_net_ws_free(&ws);
        return sl_fail(SL_ENOMEM, "evaluation buffers");
    }
    size_t correct = 0;
    double total = 0;
    for (size_t s = 0; s < ds->n; s += (size_t)batch) {
        int Bb = (int)(s + (size_t)batch <= ds->n ? (size_t)batch : ds->n - s);
        for (int i = 0; i < Bb; i++) idx[i] = (uint32_t)(s + (size_t)i);
        sl_dataset_batch(ds, idx, (size_t)Bb, x, y);
        sl_net_forward(net, &ws, x, Bb);
        size_t c = 0;
        total += batch_loss(net, &ws, loss, y, idx, Bb, NULL, &c) * Bb;
        correct += c;
    }
    if (acc_out) *acc_out = (double)correct / (double)ds->n;
    if (loss_out) *loss_out = total / (double)ds->n;
    free(x); free(y); free(idx);
    sl_net_ws_free(&ws);
    return SL_OK;
}

sl_status sl_evaluate(const sl_net *net, const sl_dataset *ds, int batch, double *accuracy, double *loss)
{
    return sl_evaluate_loss(net, ds, batch, NULL, accuracy, loss);
}
