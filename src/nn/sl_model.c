#include "sl_model.h"
#include "../core/sl_rng.h"
#include "../core/sl_signal.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_mode_names[] = {"spectral_eig", "spectral_full", "direct_subset",
                                     "direct_full", NULL};

size_t sl_model_eig_count(const sl_arch *a)
{
    size_t n = 0;
    for (int l = 0; l < a->n_layers; l++) {
        unsigned g = l == 0 ? a->eig_groups_first : a->eig_groups;
        if (g & SL_G_LAMBDA_IN) n += (size_t)a->dims[l];
        if (g & SL_G_LAMBDA_OUT) n += (size_t)a->dims[l + 1];
    }
    return n;
}

sl_status sl_model_build(sl_net *net, sl_mode mode, const sl_arch *a,
                         gsl_rng *init_rng, gsl_rng *mask_rng)
{
    sl_layer L[SL_MAX_LAYERS];
    if (a->n_layers < 1 || a->n_layers > SL_MAX_LAYERS)
        return sl_fail(SL_EINVAL, "%d layers (1..%d)", a->n_layers, SL_MAX_LAYERS);
    for (int l = 0; l < a->n_layers; l++) {
        memset(&L[l], 0, sizeof L[l]);
        L[l].n_in = a->dims[l];
        L[l].n_out = a->dims[l + 1];
        L[l].act = a->acts[l];
        unsigned eig = (l == 0 ? a->eig_groups_first : a->eig_groups) & (SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT);
        switch (mode) {
        case SL_MODE_SPECTRAL_EIG:
            L[l].kind = SL_LAYER_SPECTRAL;
            L[l].train = eig;
            break;
        case SL_MODE_SPECTRAL_FULL:
            L[l].kind = SL_LAYER_SPECTRAL;
            L[l].train = eig | SL_G_PHI;
            break;
        case SL_MODE_DIRECT_SUBSET:
        case SL_MODE_DIRECT_FULL:
            L[l].kind = SL_LAYER_DENSE;
            L[l].has_bias = 1;
            L[l].train = SL_G_W | SL_G_BIAS;
            break;
        }
    }
    SL_TRY(sl_net_alloc(net, a->n_layers, L));
    sl_net_init(net, &a->init, init_rng);
    if (mode == SL_MODE_DIRECT_SUBSET) {
        sl_status st = sl_net_restrict_random(net, sl_model_eig_count(a), mask_rng);
        if (st != SL_OK) { sl_net_free(net); return st; }
    }
    return SL_OK;
}

/* One shard's share of a mini-batch: its rows, workspace and gradients. */
typedef struct {
    sl_net_ws ws;
    float *x;        /* (rows, d) gathered inputs */
    int *y;          /* (rows) labels */
    float *grads;    /* (n_params) dL_shard/dθ; net->grads itself when there is one shard */
    int rows;
    double loss;
    size_t correct;
} shard;

static void shard_free(shard *s)
{
    sl_net_ws_free(&s->ws);
    free(s->x); free(s->y);
}

static size_t count_correct(const float *probs, const int *y, int rows, int C)
{
    size_t correct = 0;
    for (int r = 0; r < rows; r++) {
        const float *p = probs + (size_t)r * C;
        int arg = 0;
        for (int c = 1; c < C; c++) if (p[c] > p[arg]) arg = c;
        correct += arg == y[r];
    }
    return correct;
}

/* Data parallelism with a fixed number of shards: each batch is cut into
 * o->shards contiguous parts whose gradients are computed independently
 * (single-threaded BLAS, one OpenMP thread per shard) and summed in shard
 * order, weighted by their row counts. The split, and so every bit of the
 * result, does not depend on how many threads execute the shards. */
sl_status sl_train(sl_net *net, const sl_dataset *train, const sl_train_opts *o,
                   gsl_rng *shuffle_rng, sl_progress *progress, double *final_loss)
{
    if (train->d != sl_net_n_in(net) || train->n_classes != sl_net_n_out(net))
        return sl_fail(SL_EINVAL, "network %d -> %d does not fit data %d -> %d classes",
                       sl_net_n_in(net), sl_net_n_out(net), train->d, train->n_classes);
    if (o->batch < 1 || o->epochs < 0) return sl_fail(SL_EINVAL, "batch %d, epochs %d", o->batch, o->epochs);
    const int B = o->batch, d = train->d, C = sl_net_n_out(net);
    const int S = o->shards < 1 ? 1 : o->shards > B ? B : o->shards;
    const size_t n = train->n, nb = (n + (size_t)B - 1) / (size_t)B;
    const int blas_threads = openblas_get_num_threads();
    const int threads = blas_threads < S ? blas_threads : S;

    shard *sh = calloc((size_t)S, sizeof *sh);
    sl_optim opt;
    sl_optim_defaults(&opt, o->optimiser, o->lr);
    sl_status st = sh ? sl_optim_alloc(&opt, net->n_params) : sl_fail(SL_ENOMEM, "shards");
    for (int s = 0; st == SL_OK && s < S; s++) {
        const int rows = (B + S - 1) / S;
        st = sl_net_ws_alloc_fused(&sh[s].ws, net, rows, o->fuse);
        sh[s].x = malloc((size_t)rows * (size_t)d * sizeof(float));
        sh[s].y = malloc((size_t)rows * sizeof(int));
        sh[s].grads = S == 1 ? net->grads : malloc(net->n_params * sizeof(float));
        if (st == SL_OK && (!sh[s].x || !sh[s].y || !sh[s].grads)) st = sl_fail(SL_ENOMEM, "shard buffers");
    }
    uint32_t *idx = malloc(n * sizeof *idx);
    if (st == SL_OK && !idx) st = sl_fail(SL_ENOMEM, "training buffers");
    for (size_t i = 0; st == SL_OK && i < n; i++) idx[i] = (uint32_t)i;
    if (threads > 1) openblas_set_num_threads(1);

    double epoch_loss = 0;
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
                const int lo = (int)((long)Bb * s / S), hi = (int)((long)Bb * (s + 1) / S);
                q->rows = hi - lo;
                q->loss = 0;
                q->correct = 0;
                if (q->rows == 0) continue;
                sl_dataset_batch(train, bidx + lo, (size_t)q->rows, q->x, q->y);
                memset(q->grads, 0, net->n_params * sizeof(float));
                sl_net_forward(net, &q->ws, q->x, q->rows);
                q->loss = sl_net_loss(net, &q->ws, q->y, q->rows, q->grads);
                q->correct = count_correct(q->ws.probs, q->y, q->rows, C);
            }
            double loss = 0;
            for (int s = 0; s < S; s++) {
                const shard *q = &sh[s];
                if (q->rows && !isfinite(q->loss)) {
                    int l = sl_net_first_nonfinite(net, &q->ws, q->rows);
                    if (l >= 0)
                        st = sl_fail(SL_ENUMERIC, "training diverged at epoch %d, batch %zu: loss is %g; "
                                     "first non-finite activations in layer %d (%s %d -> %d)",
                                     e + 1, b + 1, q->loss, l + 1, sl_layer_kind_names[net->layers[l].kind],
                                     net->layers[l].n_in, net->layers[l].n_out);
                    else
                        st = sl_fail(SL_ENUMERIC, "training diverged at epoch %d, batch %zu: loss is %g "
                                     "(activations finite: the softmax overflowed)", e + 1, b + 1, q->loss);
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
            epoch_loss += loss * Bb;
            seen += (size_t)Bb;
            sl_optim_step(&opt, net->params, net->grads, net->trainable);
#pragma omp parallel for num_threads(threads) schedule(static, 1)
            for (int s = 0; s < S; s++) sl_net_refresh(net, &sh[s].ws);
            if (sl_signal_pending()) {
                st = sl_fail(SL_EINTR, "interrupted by signal %d at epoch %d, batch %zu; "
                             "no results written", sl_signal_pending(), e + 1, b + 1);
                break;
            }
            sl_progress_update(progress, (long)(e * nb + b + 1), (long)(o->epochs * nb), e + 1,
                               epoch_loss / (double)seen, (double)correct / (double)seen);
        }
        epoch_loss /= (double)n;
    }
    if (threads > 1) openblas_set_num_threads(blas_threads);
    sl_progress_end(progress);
    if (final_loss) *final_loss = epoch_loss;
    free(idx);
    for (int s = 0; sh && s < S; s++) {
        shard_free(&sh[s]);
        if (S > 1) free(sh[s].grads);
    }
    free(sh);
    sl_optim_free(&opt);
    return st;
}

sl_status sl_evaluate(const sl_net *net, const sl_dataset *ds, int batch,
                      double *accuracy, double *loss)
{
    if (ds->d != sl_net_n_in(net)) return sl_fail(SL_EINVAL, "data/network width mismatch");
    sl_net_ws ws;
    SL_TRY(sl_net_ws_alloc(&ws, net, batch));
    const int d = ds->d, C = sl_net_n_out(net);
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
        total += sl_net_loss(net, &ws, y, Bb, NULL) * Bb;
        correct += count_correct(ws.probs, y, Bb, C);
    }
    *accuracy = (double)correct / (double)ds->n;
    if (loss) *loss = total / (double)ds->n;
    free(x); free(y); free(idx);
    sl_net_ws_free(&ws);
    return SL_OK;
}

sl_status sl_model_run(sl_net *out, sl_mode mode, const sl_arch *arch,
                       const sl_train_opts *o, const sl_dataset *train,
                       const sl_dataset *test, uint64_t seed, uint64_t index,
                       sl_run_result *res)
{
    memset(res, 0, sizeof *res);
    double t0 = sl_now();
    gsl_rng *ri = sl_rng_new(sl_seed_derive(seed, SL_STREAM_INIT, index));
    gsl_rng *rm = sl_rng_new(sl_seed_derive(seed, SL_STREAM_MASK, index));
    gsl_rng *rs = sl_rng_new(sl_seed_derive(seed, SL_STREAM_SHUFFLE, index));
    sl_net net, ret;
    memset(&net, 0, sizeof net);
    memset(&ret, 0, sizeof ret);
    sl_status st = ri && rm && rs ? SL_OK : sl_fail(SL_ENOMEM, "random generators");
    if (st == SL_OK) st = sl_model_build(&net, mode, arch, ri, rm);
    if (st == SL_OK) {
        char label[96];
        snprintf(label, sizeof label, "%s #%llu", sl_mode_names[mode], (unsigned long long)index);
        sl_progress p;
        sl_progress_init(&p, label);
        res->n_trainable = net.n_trainable;
        st = sl_train(&net, train, o, rs, &p, &res->train_loss);
    }
    if (st == SL_OK) st = sl_evaluate(&net, test, 1000, &res->test_acc, &res->test_loss);
    if (st == SL_OK) st = sl_net_retract(&net, &ret);
    if (st == SL_OK) st = sl_evaluate(&ret, test, 1000, &res->retracted_acc, NULL);
    sl_net_free(&ret);
    if (st == SL_OK && out) *out = net;
    else sl_net_free(&net);
    gsl_rng_free(ri); gsl_rng_free(rm); gsl_rng_free(rs);
    res->wall_s = sl_now() - t0;
    return st;
}
