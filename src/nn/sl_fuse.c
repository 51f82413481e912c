/* Fused linear runs: which runs to fuse (a FLOP model), their buffers and
 * passes. The algebra is in sl_net.h; the kinds' shares of the gradient are
 * their fused_grad operations. */
#include "sl_fuse.h"

#include "../linalg/sl_gemm.h"
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_fuse_names[] = {"off", "auto", "on", NULL};

static size_t n_weights(const sl_layer *L) { return (size_t)L->n_in * (size_t)L->n_out; }

/* FLOPs of one training step on B examples through layers lo..hi, layer by
 * layer (*plain) and fused (*fused): forward, the dW of trained layers, and
 * the input gradients the layers below need (need_din). */
static void run_flops(const sl_net *net, const int *need_din, int lo, int hi, double B,
                      double *plain, double *fused)
{
    const double mh = net->layers[hi].n_out, n0 = net->layers[lo].n_in;
    int top = -1; /* highest trained layer of the run */
    for (int l = lo; l <= hi; l++)
        if (net->layers[l].train) top = l;
    double p = 0, f = 0;
    for (int l = lo; l <= hi; l++) {
        const sl_layer *L = &net->layers[l];
        const double w = (double)n_weights(L);
        p += 2 * B * w;                                  /* forward */
        if (L->train) p += 2 * B * w;                    /* dW */
        if (need_din[l]) p += 2 * B * w;                 /* dL/d input */
        if (l < hi) {
            f += 2 * mh * w;                             /* Q_l = Q_{l+1} W_l */
            if (l < top) f += 2 * mh * w;                /* R_{l+1} = R_l W_lᵀ */
            if (L->train) f += 2 * mh * w * sl_ops(L)->fused_grad_products(L); /* dW_l = Q_{l+1}ᵀ R_l, or contractions */
        }
    }
    f += 2 * B * mh * n0;                                /* x Q_loᵀ */
    if (top >= 0) f += 2 * B * mh * n0;                  /* R_lo = Dᵀ x */
    if (need_din[lo]) f += 2 * B * mh * n0;              /* D Q_lo */
    *plain = p;
    *fused = f;
}

sl_status sl_fuse_plan(sl_net_ws *ws, const sl_net *net, int batch, sl_fuse fuse)
{
    const int nl = net->n_layers;
    for (int l = 0; l < SL_MAX_LAYERS; l++) ws->fuse_hi[l] = ws->fuse_lo[l] = -1;
    for (int lo = 0, hi = 0; fuse != SL_FUSE_OFF && lo < nl; lo = hi + 1) {
        hi = sl_net_linear_run_end(net, lo);
        if (hi == lo) continue;
        double plain, fused;
        run_flops(net, ws->need_din, lo, hi, (double)batch, &plain, &fused);
        if (fuse == SL_FUSE_ON || fused < plain) {
            ws->fuse_hi[lo] = hi;
            ws->fuse_lo[hi] = lo;
        }
    }
    int ok = 1;
    for (int lo = 0; lo < nl; lo++) {
        const int hi = ws->fuse_hi[lo];
        if (hi < 0) continue;
        const size_t mh = (size_t)net->layers[hi].n_out;
        size_t wide = 0;
        for (int l = lo; l <= hi; l++) {
            const size_t sz = mh * (size_t)net->layers[l].n_in * sizeof(float);
            if (l < hi) {
                ws->chain[l] = malloc(sz);
                ok &= ws->chain[l] != NULL;
            }
            ws->rmat[l] = malloc(sz);
            ok &= ws->rmat[l] != NULL;
            if ((size_t)net->layers[l].n_in > wide) wide = (size_t)net->layers[l].n_in;
            if ((size_t)net->layers[l].n_out > wide) wide = (size_t)net->layers[l].n_out;
        }
        ws->cbias[lo] = malloc(mh * sizeof(float));
        ws->dsum[lo] = malloc(mh * sizeof(float));
        ws->fscr[lo] = malloc((mh + 1) * wide * sizeof(float));
        ok &= ws->cbias[lo] && ws->dsum[lo] && ws->fscr[lo];
    }
    return ok ? SL_OK : sl_fail(SL_ENOMEM, "fused-run buffers for batch %d", batch);
}

void sl_fuse_free(sl_net_ws *ws)
{
    for (int l = 0; l < SL_MAX_LAYERS; l++) {
        free(ws->chain[l]);
        free(ws->rmat[l]);
        free(ws->cbias[l]);
        free(ws->dsum[l]);
        free(ws->fscr[l]);
    }
}

double sl_net_ws_step_flops(const sl_net *net, const sl_net_ws *ws, int B)
{
    double total = 0;
    for (int l = 0; l < net->n_layers; l++) {
        if (!sl_ops(&net->layers[l])->linear) continue;
        const int hi = ws->fuse_hi[l] >= 0 ? ws->fuse_hi[l] : l;
        double plain, fused;
        run_flops(net, ws->need_din, l, hi, (double)B, &plain, &fused);
        total += hi > l ? fused : plain;
        l = hi;
    }
    return total;
}

static const float *layer_w(const sl_net *net, const sl_net_ws *ws, int l)
{
    const sl_layer *L = &net->layers[l];
    return sl_ops(L)->weights(L, net->params, ws->scr[l]);
}

static const float *layer_b(const sl_net *net, int l)
{
    const sl_layer *L = &net->layers[l];
    return sl_ops(L)->bias(L, net->params);
}

/* Q_{l+1} of a fused run ending at hi, for lo ≤ l < hi: the map (m_hi, m_l)
 * from layer l's output to the run's output. */
static const float *chain_after(const sl_net *net, const sl_net_ws *ws, int l, int hi)
{
    return l + 1 == hi ? layer_w(net, ws, hi) : ws->chain[l + 1];
}

void sl_fuse_refresh(const sl_net *net, sl_net_ws *ws)
{
    for (int lo = 0; lo < net->n_layers; lo++) {
        const int hi = ws->fuse_hi[lo];
        if (hi < 0) continue;
        const int mh = net->layers[hi].n_out;
        float *c = ws->cbias[lo];
        const float *bh = layer_b(net, hi);
        for (int k = 0; k < mh; k++) c[k] = bh ? bh[k] : 0.0f;
        for (int l = hi - 1; l >= lo; l--) {
            const sl_layer *L = &net->layers[l];
            const float *Qn = chain_after(net, ws, l, hi), *b = layer_b(net, l);
            /* Q_l (m_hi, n_l) = Q_{l+1} (m_hi, m_l) · W_l (m_l, n_l) */
            sl_gemm(CblasNoTrans, CblasNoTrans, mh, L->n_in, L->n_out, 1.0f, Qn,
                        L->n_out, layer_w(net, ws, l), L->n_in, 0.0f, ws->chain[l], L->n_in);
            if (b) cblas_sgemv(CblasRowMajor, CblasNoTrans, mh, L->n_out, 1.0f, Qn, L->n_out, b, 1, 1.0f, c, 1);
        }
    }
}

void sl_fuse_forward(const sl_net *net, sl_net_ws *ws, int lo, int B)
{
    const int hi = ws->fuse_hi[lo];
    const sl_layer *L = &net->layers[lo], *H = &net->layers[hi];
    sl_linear_forward(ws->act[hi + 1], ws->act[lo], ws->chain[lo], ws->cbias[lo], B, L->n_in, H->n_out);
    sl_act_forward(ws->act[hi + 1], (size_t)B * (size_t)H->n_out, H->act);
}

void sl_fuse_backward(const sl_net *net, sl_net_ws *ws, int lo, int hi, const float *d, int B, float *g)
{
    const int mh = net->layers[hi].n_out, n0 = net->layers[lo].n_in;
    int top = -1;
    for (int l = lo; l <= hi; l++)
        if (net->layers[l].train) top = l;
    if (top < 0) return;
    float *s = ws->dsum[lo]; /* (m_hi) Σ_b d */
    for (int k = 0; k < mh; k++) s[k] = 0;
    for (int r = 0; r < B; r++)
        for (int k = 0; k < mh; k++) s[k] += d[(size_t)r * (size_t)mh + (size_t)k];
    /* R_lo (m_hi, n_lo) = dᵀ (m_hi, B) · x (B, n_lo) */
    sl_gemm(CblasTrans, CblasNoTrans, mh, n0, B, 1.0f, d, mh, ws->act[lo], n0, 0.0f,
                ws->rmat[lo], n0);
    for (int l = lo; l <= top; l++) {
        const sl_layer *L = &net->layers[l];
        const int n = L->n_in;
        if (l > lo) { /* R_l (m_hi, n_l) = R_{l−1} W_{l−1}ᵀ + s b_{l−1}ᵀ */
            const sl_layer *P = &net->layers[l - 1];
            const float *bp = layer_b(net, l - 1);
            sl_gemm(CblasNoTrans, CblasTrans, mh, n, P->n_in, 1.0f, ws->rmat[l - 1], P->n_in,
                        layer_w(net, ws, l - 1), P->n_in, 0.0f, ws->rmat[l], n);
            if (bp) cblas_sger(CblasRowMajor, mh, n, 1.0f, s, 1, bp, 1, ws->rmat[l], n);
        }
        if (!L->train) continue;
        sl_ops(L)->fused_grad(L, net->params, ws->scr[l], l < hi ? chain_after(net, ws, l, hi) : NULL, ws->rmat[l],
                              s, mh, ws->fscr[lo], g);
    }
}
