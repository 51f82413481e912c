#include "sl_net.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_layer_kind_names[] = {"spectral", "dense", NULL};
const char *const sl_group_names[] = {"lambda_in", "lambda_out", "phi", "w", "bias", NULL};
const char *const sl_fuse_names[] = {"off", "auto", "on", NULL};

static size_t layer_size(const sl_layer *L)
{
    size_t nm = (size_t)L->n_in * (size_t)L->n_out;
    if (L->kind == SL_LAYER_SPECTRAL) return nm + (size_t)L->n_in + (size_t)L->n_out;
    return nm + (L->has_bias ? (size_t)L->n_out : 0);
}

sl_status sl_net_alloc(sl_net *net, int n_layers, const sl_layer *layers)
{
    memset(net, 0, sizeof *net);
    if (n_layers < 1 || n_layers > SL_MAX_LAYERS)
        return sl_fail(SL_EINVAL, "a network has 1..%d layers, not %d", SL_MAX_LAYERS, n_layers);
    size_t off = 0;
    for (int l = 0; l < n_layers; l++) {
        sl_layer L = layers[l];
        if (L.n_in < 1 || L.n_out < 1)
            return sl_fail(SL_EINVAL, "layer %d has size %d -> %d", l, L.n_in, L.n_out);
        if (l > 0 && L.n_in != layers[l - 1].n_out)
            return sl_fail(SL_EINVAL, "layer %d takes %d inputs but layer %d gives %d",
                           l, L.n_in, l - 1, layers[l - 1].n_out);
        unsigned allowed = L.kind == SL_LAYER_SPECTRAL ? (SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | SL_G_PHI)
                                                       : (SL_G_W | SL_G_BIAS);
        if (L.train & ~allowed)
            return sl_fail(SL_EINVAL, "layer %d: a %s layer has no such trainable group", l,
                           sl_layer_kind_names[L.kind]);
        if (L.kind == SL_LAYER_SPECTRAL) L.has_bias = 0;
        if (L.kind == SL_LAYER_DENSE && !L.has_bias) L.train &= ~SL_G_BIAS;
        size_t nm = (size_t)L.n_in * (size_t)L.n_out;
        L.off_a = off;
        L.off_b = off + nm;
        L.off_c = L.kind == SL_LAYER_SPECTRAL ? off + nm + (size_t)L.n_in : 0;
        off += layer_size(&L);
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

static void mark(uint8_t *t, size_t off, size_t n, int on)
{
    memset(t + off, on ? 1 : 0, n);
}

static void reset_trainable(sl_net *net)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        size_t nm = (size_t)L->n_in * (size_t)L->n_out;
        if (L->kind == SL_LAYER_SPECTRAL) {
            mark(net->trainable, L->off_a, nm, L->train & SL_G_PHI);
            mark(net->trainable, L->off_b, (size_t)L->n_in, L->train & SL_G_LAMBDA_IN);
            mark(net->trainable, L->off_c, (size_t)L->n_out, L->train & SL_G_LAMBDA_OUT);
        } else {
            mark(net->trainable, L->off_a, nm, L->train & SL_G_W);
            if (L->has_bias) mark(net->trainable, L->off_b, (size_t)L->n_out, L->train & SL_G_BIAS);
        }
    }
    net->n_trainable = 0;
    for (size_t i = 0; i < net->n_params; i++) net->n_trainable += net->trainable[i];
}

static void uniform(gsl_rng *r, float *x, size_t n, double a, double b)
{
    for (size_t i = 0; i < n; i++) x[i] = (float)(a + (b - a) * gsl_rng_uniform(r));
}

void sl_net_init(sl_net *net, const sl_init *init, gsl_rng *rng)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        size_t nm = (size_t)L->n_in * (size_t)L->n_out;
        float *p = net->params;
        if (L->kind == SL_LAYER_SPECTRAL) {
            uniform(rng, p + L->off_a, nm, init->phi_lo, init->phi_hi);
            if (l > 0 && init->hidden_lambda_in_one)
                for (int i = 0; i < L->n_in; i++) p[L->off_b + (size_t)i] = 1.0f;
            else
                uniform(rng, p + L->off_b, (size_t)L->n_in, init->lambda_lo, init->lambda_hi);
            uniform(rng, p + L->off_c, (size_t)L->n_out, init->lambda_lo, init->lambda_hi);
        } else {
            double a = sqrt(6.0 / (L->n_in + L->n_out)); /* Glorot uniform */
            uniform(rng, p + L->off_a, nm, -a, a);
            if (L->has_bias) memset(p + L->off_b, 0, (size_t)L->n_out * sizeof(float));
        }
    }
    memset(net->grads, 0, net->n_params * sizeof(float));
    reset_trainable(net);
}

sl_status sl_net_restrict_random(sl_net *net, size_t count, gsl_rng *rng)
{
    size_t total = 0;
    for (int l = 0; l < net->n_layers; l++)
        if (net->layers[l].kind == SL_LAYER_DENSE)
            total += (size_t)net->layers[l].n_in * (size_t)net->layers[l].n_out;
    if (count > total)
        return sl_fail(SL_EINVAL, "cannot train %zu of %zu dense weights", count, total);
    /* Selection sampling (Knuth's Algorithm S) over the concatenated weights:
     * an exact uniform subset, in order, one pass. */
    size_t seen = 0, chosen = 0;
    for (int l = 0; l < net->n_layers; l++) {
        sl_layer *L = &net->layers[l];
        if (L->kind != SL_LAYER_DENSE) continue;
        size_t nm = (size_t)L->n_in * (size_t)L->n_out;
        for (size_t i = 0; i < nm; i++, seen++) {
            int take = (double)(total - seen) * gsl_rng_uniform(rng) < (double)(count - chosen);
            net->trainable[L->off_a + i] = (uint8_t)take;
            chosen += (size_t)take;
        }
        if (L->has_bias) mark(net->trainable, L->off_b, (size_t)L->n_out, 0);
        L->train = SL_G_W;
    }
    net->n_trainable = 0;
    for (size_t i = 0; i < net->n_params; i++) net->n_trainable += net->trainable[i];
    return SL_OK;
}

size_t sl_net_count_group(const sl_net *net, unsigned groups)
{
    size_t n = 0;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        if (L->kind != SL_LAYER_SPECTRAL) continue;
        if (groups & SL_G_LAMBDA_IN) n += (size_t)L->n_in;
        if (groups & SL_G_LAMBDA_OUT) n += (size_t)L->n_out;
        if (groups & SL_G_PHI) n += (size_t)L->n_in * (size_t)L->n_out;
    }
    return n;
}

void sl_net_layer_weights(const sl_net *net, int l, float *w, float *bias)
{
    const sl_layer *L = &net->layers[l];
    const float *p = net->params;
    if (L->kind == SL_LAYER_SPECTRAL)
        sl_spectral_weights(w, p + L->off_a, p + L->off_b, p + L->off_c, L->n_in, L->n_out);
    else
        memcpy(w, p + L->off_a, (size_t)L->n_in * (size_t)L->n_out * sizeof(float));
    if (bias) {
        if (L->kind == SL_LAYER_DENSE && L->has_bias)
            memcpy(bias, p + L->off_b, (size_t)L->n_out * sizeof(float));
        else
            memset(bias, 0, (size_t)L->n_out * sizeof(float));
    }
}

/* ---------------------------------------------------------------- passes */

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
        const double w = (double)n_weights(&net->layers[l]);
        p += 2 * B * w;                                  /* forward */
        if (net->layers[l].train) p += 2 * B * w;        /* dW */
        if (need_din[l]) p += 2 * B * w;                 /* dL/d input */
        if (l < hi) {
            f += 2 * mh * w;                             /* Q_l = Q_{l+1} W_l */
            if (l < top) f += 2 * mh * w;                /* R_{l+1} = R_l W_lᵀ */
            if (net->layers[l].train) {                  /* dW_l = Q_{l+1}ᵀ R_l, or its contractions */
                const unsigned t = net->layers[l].train;
                const int eig_only = net->layers[l].kind == SL_LAYER_SPECTRAL && !(t & SL_G_PHI);
                f += 2 * mh * w * (eig_only ? !!(t & SL_G_LAMBDA_IN) + !!(t & SL_G_LAMBDA_OUT) : 1);
            }
        }
    }
    f += 2 * B * mh * n0;                                /* x Q_loᵀ */
    if (top >= 0) f += 2 * B * mh * n0;                  /* R_lo = Dᵀ x */
    if (need_din[lo]) f += 2 * B * mh * n0;              /* D Q_lo */
    *plain = p;
    *fused = f;
}

/* The last layer of the maximal linear run starting at layer lo: the run
 * lo..hi has identity activations after lo … hi−1 (hi's own may be any).
 * The retraction multiplies these runs out; fused training trains through
 * their product. */
static int linear_run_end(const sl_net *net, int lo)
{
    int hi = lo;
    while (hi + 1 < net->n_layers && net->layers[hi].act == SL_ACT_IDENTITY) hi++;
    return hi;
}

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
    for (int l = 0; l < SL_MAX_LAYERS; l++) ws->fuse_hi[l] = ws->fuse_lo[l] = -1;
    for (int lo = 0, hi = 0; fuse != SL_FUSE_OFF && lo < nl; lo = hi + 1) {
        hi = linear_run_end(net, lo);
        if (hi == lo) continue;
        double plain, fused;
        run_flops(net, ws->need_din, lo, hi, (double)batch, &plain, &fused);
        if (fuse == SL_FUSE_ON || fused < plain) {
            ws->fuse_hi[lo] = hi;
            ws->fuse_lo[hi] = lo;
        }
    }
    for (int l = 0, run_end = -1; l < nl; l++) {
        const sl_layer *L = &net->layers[l];
        size_t nm = n_weights(L);
        if (ws->fuse_hi[l] >= 0) run_end = ws->fuse_hi[l];
        if (l >= run_end) { /* inside a fused run (lo ≤ l < hi) no activations are formed */
            ws->act[l + 1] = malloc((size_t)batch * (size_t)L->n_out * sizeof(float));
            ok &= ws->act[l + 1] != NULL;
        }
        if (L->kind == SL_LAYER_SPECTRAL) {
            ws->weff[l] = malloc(nm * sizeof(float));
            ws->dw[l] = malloc(nm * sizeof(float));
            ok &= ws->weff[l] && ws->dw[l];
        }
        if (L->n_out > width) width = L->n_out;
    }
    for (int lo = 0; lo < nl; lo++) {
        const int hi = ws->fuse_hi[lo];
        if (hi < 0) continue;
        const size_t mh = (size_t)net->layers[hi].n_out;
        for (int l = lo; l <= hi; l++) {
            const size_t sz = mh * (size_t)net->layers[l].n_in * sizeof(float);
            if (l < hi) {
                ws->chain[l] = malloc(sz);
                ok &= ws->chain[l] != NULL;
            }
            ws->rmat[l] = malloc(sz);
            ok &= ws->rmat[l] != NULL;
        }
        size_t wide = 0;
        for (int l = lo; l <= hi; l++) {
            if ((size_t)net->layers[l].n_in > wide) wide = (size_t)net->layers[l].n_in;
            if ((size_t)net->layers[l].n_out > wide) wide = (size_t)net->layers[l].n_out;
        }
        ws->cbias[lo] = malloc(mh * sizeof(float));
        ws->dsum[lo] = malloc(mh * sizeof(float));
        ws->fscr[lo] = malloc((mh + 1) * wide * sizeof(float));
        ok &= ws->cbias[lo] && ws->dsum[lo] && ws->fscr[lo];
    }
    for (int k = 0; k < 2; k++) {
        ws->dbuf[k] = malloc((size_t)batch * (size_t)width * sizeof(float));
        ok &= ws->dbuf[k] != NULL;
    }
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

double sl_net_ws_step_flops(const sl_net *net, const sl_net_ws *ws, int B)
{
    double total = 0;
    for (int l = 0; l < net->n_layers; l++) {
        const int hi = ws->fuse_hi[l] >= 0 ? ws->fuse_hi[l] : l;
        double plain, fused;
        run_flops(net, ws->need_din, l, hi, (double)B, &plain, &fused);
        total += hi > l ? fused : plain;
        l = hi;
    }
    return total;
}

void sl_net_ws_free(sl_net_ws *ws)
{
    if (!ws) return;
    for (int l = 0; l < SL_MAX_LAYERS; l++) {
        free(ws->act[l + 1]);
        free(ws->weff[l]);
        free(ws->dw[l]);
        free(ws->chain[l]);
        free(ws->rmat[l]);
        free(ws->cbias[l]);
        free(ws->dsum[l]);
        free(ws->fscr[l]);
    }
    free(ws->dbuf[0]);
    free(ws->dbuf[1]);
    free(ws->probs);
    memset(ws, 0, sizeof *ws);
}

static const float *layer_w(const sl_net *net, const sl_net_ws *ws, int l)
{
    const sl_layer *L = &net->layers[l];
    return L->kind == SL_LAYER_SPECTRAL ? ws->weff[l] : net->params + L->off_a;
}

static const float *layer_b(const sl_net *net, int l)
{
    const sl_layer *L = &net->layers[l];
    return L->kind == SL_LAYER_DENSE && L->has_bias ? net->params + L->off_b : NULL;
}

/* Q_{l+1} of a fused run ending at hi, for lo ≤ l < hi: the map (m_hi, m_l)
 * from layer l's output to the run's output. */
static const float *chain_after(const sl_net *net, const sl_net_ws *ws, int l, int hi)
{
    return l + 1 == hi ? layer_w(net, ws, hi) : ws->chain[l + 1];
}

void sl_net_refresh(const sl_net *net, sl_net_ws *ws)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        if (L->kind == SL_LAYER_SPECTRAL)
            sl_spectral_weights(ws->weff[l], net->params + L->off_a, net->params + L->off_b,
                                net->params + L->off_c, L->n_in, L->n_out);
    }
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
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, mh, L->n_in, L->n_out, 1.0f, Qn,
                        L->n_out, layer_w(net, ws, l), L->n_in, 0.0f, ws->chain[l], L->n_in);
            if (b) cblas_sgemv(CblasRowMajor, CblasNoTrans, mh, L->n_out, 1.0f, Qn, L->n_out, b, 1, 1.0f, c, 1);
        }
    }
}

void sl_net_forward(const sl_net *net, sl_net_ws *ws, const float *x, int B)
{
    ws->act[0] = (float *)x;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        const int hi = ws->fuse_hi[l];
        if (hi >= 0) { /* z_hi = x Q_loᵀ + c */
            const sl_layer *H = &net->layers[hi];
            sl_linear_forward(ws->act[hi + 1], ws->act[l], ws->chain[l], ws->cbias[l], B, L->n_in, H->n_out);
            sl_act_forward(ws->act[hi + 1], (size_t)B * (size_t)H->n_out, H->act);
            l = hi;
            continue;
        }
        sl_linear_forward(ws->act[l + 1], ws->act[l], layer_w(net, ws, l), layer_b(net, l), B, L->n_in,
                          L->n_out);
        sl_act_forward(ws->act[l + 1], (size_t)B * (size_t)L->n_out, L->act);
    }
}

/* acc (cols) ← the column sums of A ∘ B, A and B (rows, cols): acc_j = Σ_k A_kj B_kj. */
static void column_dots(float *restrict acc, const float *restrict A, const float *restrict B, int rows, int cols)
{
    for (int j = 0; j < cols; j++) acc[j] = 0;
    for (int k = 0; k < rows; k++) {
        const float *ak = A + (size_t)k * cols, *bk = B + (size_t)k * cols;
        for (int j = 0; j < cols; j++) acc[j] += ak[j] * bk[j];
    }
}

/* Backward through the fused run lo..hi (sl_net.h): d = dL/dz_hi (B, m_hi);
 * accumulates the trained groups' gradients into g (n_params). */
static void fused_backward(const sl_net *net, sl_net_ws *ws, int lo, int hi, const float *d, int B,
                           float *g)
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
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, mh, n0, B, 1.0f, d, mh, ws->act[lo], n0, 0.0f,
                ws->rmat[lo], n0);
    for (int l = lo; l <= top; l++) {
        const sl_layer *L = &net->layers[l];
        const int n = L->n_in, m = L->n_out;
        if (l > lo) { /* R_l (m_hi, n_l) = R_{l−1} W_{l−1}ᵀ + s b_{l−1}ᵀ */
            const sl_layer *P = &net->layers[l - 1];
            const float *bp = layer_b(net, l - 1);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, mh, n, P->n_in, 1.0f, ws->rmat[l - 1], P->n_in,
                        layer_w(net, ws, l - 1), P->n_in, 0.0f, ws->rmat[l], n);
            if (bp) cblas_sger(CblasRowMajor, mh, n, 1.0f, s, 1, bp, 1, ws->rmat[l], n);
        }
        if (!L->train) continue;
        const float *R = ws->rmat[l];
        if (L->kind == SL_LAYER_SPECTRAL && l < hi && !(L->train & SL_G_PHI)) {
            /* eigenvalues only: contract dW = Pᵀ R (P = Q_{l+1}, (m_hi, m)) with φ
             * without forming it (sl_layer.h's chain rule):
             *   dλ_out,j −= Σ_k P_kj (R φᵀ)_kj      dλ_in,i += Σ_k R_ki (P φ)_ki */
            const float *P = chain_after(net, ws, l, hi), *phi = net->params + L->off_a;
            float *T = ws->fscr[lo], *acc = ws->fscr[lo] + (size_t)mh * (size_t)(n > m ? n : m);
            if (L->train & SL_G_LAMBDA_OUT) {
                /* T (m_hi, m) = R (m_hi, n) · φᵀ (n, m) */
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, mh, m, n, 1.0f, R, n, phi, n, 0.0f, T, m);
                column_dots(acc, P, T, mh, m);
                for (int j = 0; j < m; j++) g[L->off_c + (size_t)j] -= acc[j];
            }
            if (L->train & SL_G_LAMBDA_IN) {
                /* T (m_hi, n) = P (m_hi, m) · φ (m, n) */
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, mh, n, m, 1.0f, P, m, phi, n, 0.0f, T, n);
                column_dots(acc, R, T, mh, n);
                for (int i = 0; i < n; i++) g[L->off_b + (size_t)i] += acc[i];
            }
        } else if (L->kind == SL_LAYER_SPECTRAL) {
            /* dW_l (m, n) = Q_{l+1}ᵀ (m, m_hi) · R_l (m_hi, n); R_hi itself at hi */
            const float *dw = R;
            if (l < hi) {
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, mh, 1.0f, chain_after(net, ws, l, hi),
                            m, R, n, 0.0f, ws->dw[l], n);
                dw = ws->dw[l];
            }
            sl_spectral_backward(L->train & SL_G_PHI ? g + L->off_a : NULL,
                                 L->train & SL_G_LAMBDA_IN ? g + L->off_b : NULL,
                                 L->train & SL_G_LAMBDA_OUT ? g + L->off_c : NULL,
                                 dw, net->params + L->off_a, net->params + L->off_b, net->params + L->off_c, n, m);
        } else if (l < hi) {
            const float *Qn = chain_after(net, ws, l, hi);
            if (L->train & SL_G_W)
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, mh, 1.0f, Qn, m, R, n, 1.0f,
                            g + L->off_a, n);
            if (L->train & SL_G_BIAS)
                cblas_sgemv(CblasRowMajor, CblasTrans, mh, m, 1.0f, Qn, m, s, 1, 1.0f, g + L->off_b, 1);
        } else {
            if (L->train & SL_G_W)
                for (size_t i = 0; i < (size_t)m * (size_t)n; i++) g[L->off_a + i] += R[i];
            if (L->train & SL_G_BIAS)
                for (int k = 0; k < m; k++) g[L->off_b + (size_t)k] += s[k];
        }
    }
}

double sl_net_loss(const sl_net *net, sl_net_ws *ws, const int *labels, int B, float *g)
{
    const int grad = g != NULL;
    const int nl = net->n_layers, C = sl_net_n_out(net);
    float *d = ws->dbuf[0];
    double loss = sl_softmax_xent(ws->probs, grad ? d : NULL, ws->act[nl], labels, B, C);
    if (!grad) return loss;
    int cur = 0;
    for (int l = nl - 1; l >= 0; l--) {
        const sl_layer *L = &net->layers[l];
        const int n = L->n_in, m = L->n_out;
        d = ws->dbuf[cur];
        sl_act_backward(d, ws->act[l + 1], (size_t)B * (size_t)m, L->act);
        const int lo = ws->fuse_lo[l];
        if (lo >= 0) {
            fused_backward(net, ws, lo, l, d, B, g);
            if (!ws->need_din[lo]) break;
            /* dL/dx (B, n_lo) = d (B, m_hi) · Q_lo (m_hi, n_lo) */
            sl_linear_backward(ws->dbuf[cur ^ 1], NULL, NULL, d, NULL, ws->chain[lo], B,
                               net->layers[lo].n_in, m, 0);
            cur ^= 1;
            l = lo;
            continue;
        }
        float *din = ws->need_din[l] ? ws->dbuf[cur ^ 1] : NULL;
        if (L->kind == SL_LAYER_SPECTRAL) {
            if (L->train) {
                sl_linear_backward(NULL, ws->dw[l], NULL, d, ws->act[l], NULL, B, n, m, 0);
                sl_spectral_backward(L->train & SL_G_PHI ? g + L->off_a : NULL,
                                     L->train & SL_G_LAMBDA_IN ? g + L->off_b : NULL,
                                     L->train & SL_G_LAMBDA_OUT ? g + L->off_c : NULL,
                                     ws->dw[l], net->params + L->off_a, net->params + L->off_b,
                                     net->params + L->off_c, n, m);
            }
        } else {
            sl_linear_backward(NULL, L->train & SL_G_W ? g + L->off_a : NULL,
                               L->train & SL_G_BIAS ? g + L->off_b : NULL, d, ws->act[l], NULL,
                               B, n, m, 1);
        }
        if (!din) break; /* nothing below trains */
        sl_linear_backward(din, NULL, NULL, d, NULL, layer_w(net, ws, l), B, n, m, 0);
        cur ^= 1;
    }
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

/* ---------------------------------------------------------------- retraction */

sl_status sl_net_retract(const sl_net *src, sl_net *dst)
{
    memset(dst, 0, sizeof *dst);
    sl_layer out[SL_MAX_LAYERS];
    int first[SL_MAX_LAYERS], nout = 0;
    for (int lo = 0; lo < src->n_layers; lo = linear_run_end(src, lo) + 1) {
        const int hi = linear_run_end(src, lo);
        sl_layer *o = &out[nout];
        first[nout++] = lo;
        memset(o, 0, sizeof *o);
        o->kind = SL_LAYER_DENSE;
        o->n_in = src->layers[lo].n_in;
        o->n_out = src->layers[hi].n_out;
        o->act = src->layers[hi].act;
        o->has_bias = 1;
    }
    SL_TRY(sl_net_alloc(dst, nout, out));

    /* Multiply each run out in double: A ← W_l A, c ← W_l c + b_l. */
    int maxw = 0;
    for (int l = 0; l < src->n_layers; l++) {
        if (src->layers[l].n_in > maxw) maxw = src->layers[l].n_in;
        if (src->layers[l].n_out > maxw) maxw = src->layers[l].n_out;
    }
    size_t sq = (size_t)maxw * (size_t)maxw;
    double *A = malloc(sq * sizeof(double)), *T = malloc(sq * sizeof(double));
    double *Wd = malloc(sq * sizeof(double));
    double *c = malloc((size_t)maxw * sizeof(double)), *ct = malloc((size_t)maxw * sizeof(double));
    float *w = malloc(sq * sizeof(float)), *b = malloc((size_t)maxw * sizeof(float));
    if (!A || !T || !Wd || !c || !ct || !w || !b) {
        free(A); free(T); free(Wd); free(c); free(ct); free(w); free(b);
        sl_net_free(dst);
        return sl_fail(SL_ENOMEM, "retraction workspace");
    }
    for (int k = 0; k < nout; k++) {
        int lo = first[k], hi = k + 1 < nout ? first[k + 1] : src->n_layers;
        int rows = 0, cols = src->layers[lo].n_in;
        for (int l = lo; l < hi; l++) {
            const sl_layer *L = &src->layers[l];
            sl_net_layer_weights(src, l, w, b);
            for (size_t i = 0; i < (size_t)L->n_in * (size_t)L->n_out; i++) Wd[i] = w[i];
            if (l == lo) {
                memcpy(A, Wd, (size_t)L->n_out * (size_t)L->n_in * sizeof(double));
                for (int j = 0; j < L->n_out; j++) c[j] = b[j];
            } else {
                /* T (n_out, cols) = W (n_out, n_in) · A (n_in, cols) */
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, L->n_out, cols, L->n_in,
                            1.0, Wd, L->n_in, A, cols, 0.0, T, cols);
                memcpy(A, T, (size_t)L->n_out * (size_t)cols * sizeof(double));
                cblas_dgemv(CblasRowMajor, CblasNoTrans, L->n_out, L->n_in, 1.0, Wd, L->n_in,
                            c, 1, 0.0, ct, 1);
                for (int j = 0; j < L->n_out; j++) c[j] = ct[j] + b[j];
            }
            rows = L->n_out;
        }
        const sl_layer *D = &dst->layers[k];
        for (size_t i = 0; i < (size_t)rows * (size_t)cols; i++) dst->params[D->off_a + i] = (float)A[i];
        for (int j = 0; j < rows; j++) dst->params[D->off_b + j] = (float)c[j];
    }
    free(A); free(T); free(Wd); free(c); free(ct); free(w); free(b);
    return SL_OK;
}
