#include "sl_net.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_layer_kind_names[] = {"spectral", "dense", NULL};
const char *const sl_group_names[] = {"lambda_in", "lambda_out", "phi", "w", "bias", NULL};

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

sl_status sl_net_ws_alloc(sl_net_ws *ws, const sl_net *net, int batch)
{
    memset(ws, 0, sizeof *ws);
    ws->batch = batch;
    int width = net->layers[0].n_in;
    int ok = 1, below = 0;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        size_t nm = (size_t)L->n_in * (size_t)L->n_out;
        ws->act[l + 1] = malloc((size_t)batch * (size_t)L->n_out * sizeof(float));
        ok &= ws->act[l + 1] != NULL;
        if (L->kind == SL_LAYER_SPECTRAL) {
            ws->weff[l] = malloc(nm * sizeof(float));
            ws->dw[l] = malloc(nm * sizeof(float));
            ok &= ws->weff[l] && ws->dw[l];
        }
        ws->need_din[l] = below;
        below |= L->train != 0;
        if (L->n_out > width) width = L->n_out;
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

void sl_net_ws_free(sl_net_ws *ws)
{
    if (!ws) return;
    for (int l = 0; l < SL_MAX_LAYERS; l++) {
        free(ws->act[l + 1]);
        free(ws->weff[l]);
        free(ws->dw[l]);
    }
    free(ws->dbuf[0]);
    free(ws->dbuf[1]);
    free(ws->probs);
    memset(ws, 0, sizeof *ws);
}

void sl_net_refresh(const sl_net *net, sl_net_ws *ws)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        if (L->kind == SL_LAYER_SPECTRAL)
            sl_spectral_weights(ws->weff[l], net->params + L->off_a, net->params + L->off_b,
                                net->params + L->off_c, L->n_in, L->n_out);
    }
}

static const float *layer_w(const sl_net *net, const sl_net_ws *ws, int l)
{
    const sl_layer *L = &net->layers[l];
    return L->kind == SL_LAYER_SPECTRAL ? ws->weff[l] : net->params + L->off_a;
}

void sl_net_forward(const sl_net *net, sl_net_ws *ws, const float *x, int B)
{
    ws->act[0] = (float *)x;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        const float *b = L->kind == SL_LAYER_DENSE && L->has_bias ? net->params + L->off_b : NULL;
        sl_linear_forward(ws->act[l + 1], ws->act[l], layer_w(net, ws, l), b, B, L->n_in, L->n_out);
        sl_act_forward(ws->act[l + 1], (size_t)B * (size_t)L->n_out, L->act);
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
    for (int l = 0; l < src->n_layers; l++) {
        if (l == 0 || src->layers[l - 1].act != SL_ACT_IDENTITY) first[nout++] = l;
        sl_layer *o = &out[nout - 1];
        memset(o, 0, sizeof *o);
        o->kind = SL_LAYER_DENSE;
        o->n_in = src->layers[first[nout - 1]].n_in;
        o->n_out = src->layers[l].n_out;
        o->act = src->layers[l].act;
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
