#include "sl_net.h"
#include "sl_fuse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The kinds; a new kind adds its enum value (sl_layer_ops.h) and its line here. */
const sl_layer_ops *const sl_layer_kinds[SL_LAYER_N_KINDS] = {&sl_kind_spectral, &sl_kind_dense, &sl_kind_orthonorm,
                                                              &sl_kind_dropout};
const char *const sl_layer_kind_names[] = {"spectral", "dense", "orthonorm", "dropout", NULL};
const char *const sl_group_names[] = {"lambda_in", "lambda_out", "phi", "w", "bias", NULL};

/* Group order inside a layer's block: spectral φ, λ_in, λ_out; dense w, b. */
static const int group_order[SL_N_GROUPS] = {SL_GI_PHI, SL_GI_W, SL_GI_LAMBDA_IN, SL_GI_BIAS, SL_GI_LAMBDA_OUT};

sl_status sl_net_alloc(sl_net *net, int n_layers, const sl_layer *layers)
{
    memset(net, 0, sizeof *net);
    if (n_layers < 1 || n_layers > SL_MAX_LAYERS)
        return sl_fail(SL_EINVAL, "a network has 1..%d layers, not %d", SL_MAX_LAYERS, n_layers);
    size_t off = 0;
    for (int l = 0; l < n_layers; l++) {
        sl_layer L = layers[l];
        if (!L.ops && (unsigned)L.kind >= SL_LAYER_N_KINDS)
            return sl_fail(SL_EINVAL, "layer %d: unknown kind %d", l, L.kind);
        const sl_layer_ops *ops = sl_ops(&L);
        if (L.n_in < 1 || L.n_out < 1)
            return sl_fail(SL_EINVAL, "layer %d has size %d -> %d", l, L.n_in, L.n_out);
        if (l > 0 && L.n_in != layers[l - 1].n_out)
            return sl_fail(SL_EINVAL, "layer %d takes %d inputs but layer %d gives %d",
                           l, L.n_in, l - 1, layers[l - 1].n_out);
        if (L.train & ~ops->groups)
            return sl_fail(SL_EINVAL, "layer %d: a %s layer has no such trainable group", l, ops->name);
        if (ops->validate) SL_TRY(ops->validate(&L, l));
        if (!(ops->groups & SL_G_BIAS)) L.has_bias = 0;
        memset(L.gsize, 0, sizeof L.gsize);
        memset(L.goff, 0, sizeof L.goff);
        ops->layout(&L);
        L.off = off;
        for (int k = 0; k < SL_N_GROUPS; k++) {
            const int gi = group_order[k];
            if (!L.gsize[gi]) { L.train &= ~(1u << gi); continue; }
            L.goff[gi] = off;
            off += L.gsize[gi];
        }
        L.n_params = off - L.off;
        net->layers[l] = L;
    }
    net->n_layers = n_layers;
    net->n_params = off;
    net->params = calloc(off, sizeof(float));
    net->grads = calloc(off, sizeof(float));
    net->trainable = calloc(off, 1);
    if (!net->params || !net->grads || !net->trainable) {
        sl_net_free(net);
        return sl_fail(SL_ENOMEM, "network with %zu parameters", off);
    }
    return SL_OK;
}

void sl_net_free(sl_net *net)
{
    if (!net) return;
    free(net->params);
    free(net->grads);
    free(net->trainable);
    memset(net, 0, sizeof *net);
}

int sl_net_n_in(const sl_net *net) { return net->layers[0].n_in; }
int sl_net_n_out(const sl_net *net) { return net->layers[net->n_layers - 1].n_out; }

int sl_net_batch_coupled(const sl_net *net)
{
    for (int l = 0; l < net->n_layers; l++)
        if (sl_ops(&net->layers[l])->batch_coupled) return 1;
    return 0;
}

int sl_net_stochastic(const sl_net *net)
{
    for (int l = 0; l < net->n_layers; l++)
        if (sl_ops(&net->layers[l])->stochastic) return 1;
    return 0;
}

static void count_trainable(sl_net *net)
{
    net->n_trainable = 0;
    for (size_t i = 0; i < net->n_params; i++) net->n_trainable += net->trainable[i];
}

static void reset_trainable(sl_net *net)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            if (L->gsize[gi]) memset(net->trainable + L->goff[gi], (L->train >> gi) & 1u, L->gsize[gi]);
    }
    count_trainable(net);
}

void sl_net_init(sl_net *net, const sl_init *init, gsl_rng *rng)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        sl_ops(L)->init(L, l, net->params, init, rng);
    }
    memset(net->grads, 0, net->n_params * sizeof(float));
    reset_trainable(net);
}

sl_status sl_net_restrict_random(sl_net *net, size_t count, gsl_rng *rng)
{
    size_t total = sl_net_count_group(net, SL_G_W);
    if (count > total)
        return sl_fail(SL_EINVAL, "cannot train %zu of %zu dense weights", count, total);
    /* Selection sampling (Knuth's Algorithm S) over the concatenated weights:
     * an exact uniform subset, in order, one pass. */
    size_t seen = 0, chosen = 0;
    for (int l = 0; l < net->n_layers; l++) {
        sl_layer *L = &net->layers[l];
        const size_t nw = L->gsize[SL_GI_W];
        if (!nw) continue;
        for (size_t i = 0; i < nw; i++, seen++) {
            int take = (double)(total - seen) * gsl_rng_uniform(rng) < (double)(count - chosen);
            net->trainable[L->goff[SL_GI_W] + i] = (uint8_t)take;
            chosen += (size_t)take;
        }
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            if (gi != SL_GI_W && L->gsize[gi]) memset(net->trainable + L->goff[gi], 0, L->gsize[gi]);
        L->train = SL_G_W;
    }
    count_trainable(net);
    return SL_OK;
}

size_t sl_net_count_group(const sl_net *net, unsigned groups)
{
    size_t n = 0;
    for (int l = 0; l < net->n_layers; l++)
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            if (groups & (1u << gi)) n += net->layers[l].gsize[gi];
    return n;
}

sl_status sl_net_layer_weights(const sl_net *net, int l, float *w, float *bias)
{
    const sl_layer *L = &net->layers[l];
    const sl_layer_ops *ops = sl_ops(L);
    if (!ops->linear) return sl_fail(SL_EINVAL, "layer %d (%s) is not linear: no weight matrix", l, ops->name);
    ops->weights_into(L, net->params, w);
    if (bias) {
        const float *b = ops->bias(L, net->params);
        if (b) memcpy(bias, b, (size_t)L->n_out * sizeof(float));
        else memset(bias, 0, (size_t)L->n_out * sizeof(float));
    }
    return SL_OK;
}

int sl_net_linear_run_end(const sl_net *net, int lo)
{
    int hi = lo;
    if (!sl_ops(&net->layers[lo])->linear) return lo;
    while (hi + 1 < net->n_layers && net->layers[hi].act == SL_ACT_IDENTITY && sl_ops(&net->layers[hi + 1])->linear)
        hi++;
    return hi;
}

/* ---------------------------------------------------------------- L2 */

void sl_net_l2_coeffs(const sl_net *net, const sl_l2 *l2, float *coef)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        const int on = !l2->layers || (l < 32 && (l2->layers >> l) & 1u);
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            for (size_t i = 0; i < L->gsize[gi]; i++) coef[L->goff[gi] + i] = on ? l2->c[gi] : 0.0f;
    }
}

double sl_l2_penalty(const float *params, const float *coef, const uint8_t *mask, size_t n, float *grads)
{
    /* branch-free so that it vectorises: a frozen entry counts with c = 0;
     * eight partial sums in a fixed order (same result on every machine) */
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) {
            const float c = mask && !mask[i + k] ? 0.0f : coef[i + k], p = params[i + k];
            acc[k] += (double)c * (double)p * (double)p;
            if (grads && c != 0.0f) grads[i + k] += 2.0f * c * p;
        }
    for (; i < n; i++) {
        const float c = mask && !mask[i] ? 0.0f : coef[i], p = params[i];
        acc[i & 7u] += (double)c * (double)p * (double)p;
        if (grads && c != 0.0f) grads[i] += 2.0f * c * p;
    }
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* ---------------------------------------------------------------- passes */

sl_status sl_net_ws_alloc(sl_net_ws *ws, const sl_net *net, int batch)
{
    return sl_net_ws_alloc_fused(ws, net, batch, SL_FUSE_OFF);
}

sl_status sl_net_ws_alloc_fused(sl_net_ws *ws, const sl_net *net, int batch, sl_fuse fuse)
{
    memset(ws, 0, sizeof *ws);
    ws->batch = batch;
    const int nl = net->n_layers;
    int width = net->layers[0].n_in;
    int ok = 1, below = 0;
    for (int l = 0; l < nl; l++) {
        ws->need_din[l] = below;
        below |= net->layers[l].train != 0;
    }
    sl_status st = sl_fuse_plan(ws, net, batch, fuse);
    if (st != SL_OK) {
        sl_net_ws_free(ws);
        return st;
    }
    for (int l = 0, run_end = -1; l < nl; l++) {
        const sl_layer *L = &net->layers[l];
        if (ws->fuse_hi[l] >= 0) run_end = ws->fuse_hi[l];
        if (l >= run_end) { /* inside a fused run (lo ≤ l < hi) no activations are formed */
            ws->act[l + 1] = malloc((size_t)batch * (size_t)L->n_out * sizeof(float));
            ok &= ws->act[l + 1] != NULL;
        }
        const size_t ns = sl_ops(L)->scratch(L, batch);
        if (ns) {
            ws->scr[l] = malloc(ns * sizeof(float));
            ok &= ws->scr[l] != NULL;
        }
        if (L->n_out > width) width = L->n_out;
    }
    for (int k = 0; k < 2; k++) {
        ws->dbuf[k] = malloc((size_t)batch * (size_t)width * sizeof(float));
        ok &= ws->dbuf[k] != NULL;
    }
    ws->dout = ws->dbuf[0];
    ws->probs = malloc((size_t)batch * (size_t)sl_net_n_out(net) * sizeof(float));
    ok &= ws->probs != NULL;
    if (!ok) {
        sl_net_ws_free(ws);
        return sl_fail(SL_ENOMEM, "workspace for batch %d", batch);
    }
    sl_net_refresh(net, ws);
    return SL_OK;
}

int sl_net_ws_fused_runs(const sl_net_ws *ws)
{
    int n = 0;
    for (int l = 0; l < SL_MAX_LAYERS; l++) n += ws->fuse_hi[l] >= 0;
    return n;
}

void sl_net_ws_free(sl_net_ws *ws)
{
    if (!ws) return;
    for (int l = 0; l < SL_MAX_LAYERS; l++) {
        free(ws->act[l + 1]);
        free(ws->scr[l]);
    }
    sl_fuse_free(ws);
    free(ws->dbuf[0]);
    free(ws->dbuf[1]);
    free(ws->probs);
    memset(ws, 0, sizeof *ws);
}

void sl_net_refresh(const sl_net *net, sl_net_ws *ws)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        sl_ops(L)->refresh(L, net->params, ws->scr[l]);
    }
    sl_fuse_refresh(net, ws);
}

void sl_net_forward(const sl_net *net, sl_net_ws *ws, const float *x, int B)
{
    ws->act[0] = (float *)x;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        const int hi = ws->fuse_hi[l];
        if (hi >= 0) {
            sl_fuse_forward(net, ws, l, B);
            l = hi;
            continue;
        }
        sl_ops(L)->forward(L, net->params, ws->scr[l], ws->act[l], ws->act[l + 1], B, ws->rng);
        sl_act_forward(ws->act[l + 1], (size_t)B * (size_t)L->n_out, L->act);
    }
}

sl_status sl_net_input_grad(const sl_net *net, sl_net_ws *ws, const float *dout, int B, float *dx)
{
    if (sl_net_ws_fused_runs(ws)) return sl_fail(SL_EINVAL, "input gradient needs a layer-by-layer workspace");
    if (B > ws->batch) return sl_fail(SL_EINVAL, "batch %d beyond the workspace's %d", B, ws->batch);
    const int nl = net->n_layers;
    if (dout != ws->dbuf[0])
        memcpy(ws->dbuf[0], dout, (size_t)B * (size_t)sl_net_n_out(net) * sizeof(float));
    int cur = 0;
    for (int l = nl - 1; l >= 0; l--) {
        sl_layer L = net->layers[l];
        L.train = 0; /* no parameter gradient */
        float *d = ws->dbuf[cur];
        sl_act_backward(d, ws->act[l + 1], (size_t)B * (size_t)L.n_out, L.act);
        float *din = l > 0 ? ws->dbuf[cur ^ 1] : dx;
        sl_ops(&L)->backward(&L, net->params, ws->scr[l], ws->act[l], ws->act[l + 1], d, din, NULL, B);
        cur ^= 1;
    }
    return SL_OK;
}

void sl_net_backward(const sl_net *net, sl_net_ws *ws, const float *dout, int B, float *g)
{
    const int nl = net->n_layers;
    if (dout != ws->dbuf[0])
        memcpy(ws->dbuf[0], dout, (size_t)B * (size_t)sl_net_n_out(net) * sizeof(float));
    int cur = 0;
    for (int l = nl - 1; l >= 0; l--) {
        const sl_layer *L = &net->layers[l];
        float *d = ws->dbuf[cur];
        sl_act_backward(d, ws->act[l + 1], (size_t)B * (size_t)L->n_out, L->act);
        const int lo = ws->fuse_lo[l];
        if (lo >= 0) {
            sl_fuse_backward(net, ws, lo, l, d, B, g);
            if (!ws->need_din[lo]) break;
            /* dL/dx (B, n_lo) = d (B, m_hi) · Q_lo (m_hi, n_lo) */
            sl_linear_backward(ws->dbuf[cur ^ 1], NULL, NULL, d, NULL, ws->chain[lo], B,
                               net->layers[lo].n_in, L->n_out, 0);
            cur ^= 1;
            l = lo;
            continue;
        }
        float *din = ws->need_din[l] ? ws->dbuf[cur ^ 1] : NULL;
        sl_ops(L)->backward(L, net->params, ws->scr[l], ws->act[l], ws->act[l + 1], d, din, g, B);
        if (!din) break; /* nothing below trains */
        cur ^= 1;
    }
}

double sl_net_loss(const sl_net *net, sl_net_ws *ws, const int *labels, int B, float *g)
{
    const int C = sl_net_n_out(net);
    double loss = sl_loss_softmax_xent(ws->probs, g ? ws->dout : NULL, ws->act[net->n_layers], labels, B, C);
    if (g) sl_net_backward(net, ws, ws->dout, B, g);
    return loss;
}

int sl_net_first_nonfinite(const sl_net *net, const sl_net_ws *ws, int B)
{
    for (int l = 0; l < net->n_layers; l++) {
        const float *a = ws->act[l + 1];
        if (!a) continue; /* inside a fused run */
        size_t n = (size_t)B * (size_t)net->layers[l].n_out;
        for (size_t i = 0; i < n; i++)
            if (!isfinite(a[i])) return l;
    }
    return -1;
}
