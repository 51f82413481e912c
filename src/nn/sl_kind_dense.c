/* The dense layer kind: groups w (n_out, n_in) and, if has_bias, b (n_out).
 * Glorot-uniform weights, zero bias (Keras' defaults). No scratch. */
#include "sl_layer_ops.h"
#include "../core/sl_rng.h"

#include "../linalg/sl_gemm.h"
#include <cblas.h>
#include <math.h>
#include <string.h>

static size_t nm(const sl_layer *L) { return (size_t)L->n_in * (size_t)L->n_out; }

static void layout(sl_layer *L)
{
    L->gsize[SL_GI_W] = nm(L);
    L->gsize[SL_GI_BIAS] = L->has_bias ? (size_t)L->n_out : 0;
}

static void init(const sl_layer *L, int index, float *p, const sl_init *in, gsl_rng *r)
{
    const double a = sqrt(6.0 / (L->n_in + L->n_out)); /* Glorot uniform */
    sl_rng_uniform_f(r, p + L->goff[SL_GI_W], nm(L), -a, a);
    if (L->has_bias) memset(p + L->goff[SL_GI_BIAS], 0, (size_t)L->n_out * sizeof(float));
}

static size_t scratch(const sl_layer *L, int batch) { return 0; }

static void refresh(const sl_layer *L, const float *p, float *scr) {}

static const float *weights(const sl_layer *L, const float *p, const float *scr) { return p + L->goff[SL_GI_W]; }

static const float *bias(const sl_layer *L, const float *p) { return L->has_bias ? p + L->goff[SL_GI_BIAS] : NULL; }

static void weights_into(const sl_layer *L, const float *p, float *w)
{
    memcpy(w, p + L->goff[SL_GI_W], nm(L) * sizeof(float));
}

static void forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r)
{
    sl_linear_forward(out, in, p + L->goff[SL_GI_W], bias(L, p), B, L->n_in, L->n_out);
}

static void backward(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                     const float *d, float *din, float *g, int B)
{
    const int n = L->n_in, m = L->n_out;
    sl_linear_backward(NULL, L->train & SL_G_W ? g + L->goff[SL_GI_W] : NULL,
                       L->train & SL_G_BIAS ? g + L->goff[SL_GI_BIAS] : NULL, d, in, NULL, B, n, m, 1);
    if (din) sl_linear_backward(din, NULL, NULL, d, NULL, p + L->goff[SL_GI_W], B, n, m, 0);
}

static void fused_grad(const sl_layer *L, const float *p, float *scr, const float *P, const float *R,
                       const float *s, int mh, float *fscr, float *g)
{
    const int n = L->n_in, m = L->n_out;
    float *gw = g + L->goff[SL_GI_W], *gb = g + L->goff[SL_GI_BIAS];
    if (P) { /* dW (m, n) += Pᵀ R, db (m) += Pᵀ s */
        if (L->train & SL_G_W)
            sl_gemm(CblasTrans, CblasNoTrans, m, n, mh, 1.0f, P, m, R, n, 1.0f, gw, n);
        if (L->train & SL_G_BIAS) cblas_sgemv(CblasRowMajor, CblasTrans, mh, m, 1.0f, P, m, s, 1, 1.0f, gb, 1);
    } else {
        if (L->train & SL_G_W)
            for (size_t i = 0; i < (size_t)m * (size_t)n; i++) gw[i] += R[i];
        if (L->train & SL_G_BIAS)
            for (int k = 0; k < m; k++) gb[k] += s[k];
    }
}

static int fused_grad_products(const sl_layer *L) { return 1; }

const sl_layer_ops sl_kind_dense = {
    .name = "dense",
    .groups = SL_G_W | SL_G_BIAS,
    .batch_coupled = 0,
    .linear = 1,
    .layout = layout,
    .init = init,
    .scratch = scratch,
    .refresh = refresh,
    .forward = forward,
    .backward = backward,
    .weights = weights,
    .bias = bias,
    .weights_into = weights_into,
    .fused_grad = fused_grad,
    .fused_grad_products = fused_grad_products,
};
