/* The spectral layer kind (msd Eq. 1, sl_layer.h): groups φ (n_out, n_in),
 * λ_in (n_in), λ_out (n_out) in this order; the effective W = φ ⊙ (λ_in,i −
 * λ_out,j) is cached in the workspace (scratch: W (n_out, n_in), a dL/dW
 * buffer (n_out, n_in), Wᵀ (n_in, n_out), one flag per input column, and a
 * "Wᵀ is stale" flag).
 *
 * Sparse inputs (MNIST pixels: ~80 % zeros), for a layer with sparse_in set: when at most a quarter of a
 * batch's inputs are non-zero, the forward pass sums rows of Wᵀ over the
 * non-zero entries only (out_b = Σ_{i: x_bi ≠ 0} x_bi Wᵀ_i), and the
 * backward pass forms dL/dW only in the columns some example touches
 * (dWᵀ_i = Σ_b x_bi d_b) and applies the chain rule there — the other
 * columns' dL/dW is exactly zero. Same sums as the dense products, in
 * another order (tests/test_afr.c compares the two). Wᵀ is rebuilt lazily
 * on the first sparse forward after a parameter change. */
#include "sl_layer_ops.h"
#include "../core/sl_rng.h"

#include "../linalg/sl_gemm.h"
#include <cblas.h>

static size_t nm(const sl_layer *L) { return (size_t)L->n_in * (size_t)L->n_out; }

static void layout(sl_layer *L)
{
    L->gsize[SL_GI_PHI] = nm(L);
    L->gsize[SL_GI_LAMBDA_IN] = (size_t)L->n_in;
    L->gsize[SL_GI_LAMBDA_OUT] = (size_t)L->n_out;
}

static void init(const sl_layer *L, int index, float *p, const sl_init *in, gsl_rng *r)
{
    sl_rng_uniform_f(r, p + L->goff[SL_GI_PHI], nm(L), in->phi[0], in->phi[1]);
    float *lin = p + L->goff[SL_GI_LAMBDA_IN];
    if (index == 0 ? in->first_lambda_in_one : in->hidden_lambda_in_one)
        for (int i = 0; i < L->n_in; i++) lin[i] = 1.0f;
    else
        sl_rng_uniform_f(r, lin, (size_t)L->n_in, in->lambda_in[0], in->lambda_in[1]);
    sl_rng_uniform_f(r, p + L->goff[SL_GI_LAMBDA_OUT], (size_t)L->n_out, in->lambda_out[0], in->lambda_out[1]);
}

static size_t scratch(const sl_layer *L, int batch) { return 3 * nm(L) + (size_t)L->n_in + 1; }

/* scratch regions */
static float *s_dw(const sl_layer *L, float *scr) { return scr + nm(L); }
static float *s_wt(const sl_layer *L, float *scr) { return scr + 2 * nm(L); }
static float *s_touch(const sl_layer *L, float *scr) { return scr + 3 * nm(L); }
static float *s_stale(const sl_layer *L, float *scr) { return scr + 3 * nm(L) + L->n_in; }

/* Does L take the sparse path: asked to, and at most a quarter of x (B, n) non-zero? */
static int sparse_enough(const sl_layer *L, const float *x, size_t len)
{
    if (!L->sparse_in) return 0;
    size_t nz = 0;
    for (size_t k = 0; k < len; k++) nz += x[k] != 0.0f;
    return len >= 256 && 4 * nz <= len;
}

static void weights_into(const sl_layer *L, const float *p, float *w)
{
    sl_spectral_weights(w, p + L->goff[SL_GI_PHI], p + L->goff[SL_GI_LAMBDA_IN], p + L->goff[SL_GI_LAMBDA_OUT],
                        L->n_in, L->n_out);
}

static void refresh(const sl_layer *L, const float *p, float *scr)
{
    weights_into(L, p, scr);
    *s_stale(L, scr) = 1.0f;
}

static const float *weights(const sl_layer *L, const float *p, const float *scr) { return scr; }

static const float *bias(const sl_layer *L, const float *p) { return NULL; }

static void forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r)
{
    const int n = L->n_in, m = L->n_out;
    if (!sparse_enough(L, in, (size_t)B * (size_t)n)) {
        sl_linear_forward(out, in, scr, NULL, B, n, m);
        return;
    }
    float *wt = s_wt(L, scr);
    if (*s_stale(L, scr) != 0.0f) {
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) wt[(size_t)i * m + j] = scr[(size_t)j * n + i];
        *s_stale(L, scr) = 0.0f;
    }
    for (int b = 0; b < B; b++) {
        const float *x = in + (size_t)b * n;
        float *restrict o = out + (size_t)b * m;
        for (int j = 0; j < m; j++) o[j] = 0.0f;
        for (int i = 0; i < n; i++) {
            const float xi = x[i];
            if (xi == 0.0f) continue;
            const float *restrict w = wt + (size_t)i * m;
            for (int j = 0; j < m; j++) o[j] += xi * w[j];
        }
    }
}

/* The sparse backward's parameter gradients: dWᵀ in the touched columns,
 * then the chain rule of sl_spectral_backward restricted to them. */
static void sparse_grad(const sl_layer *L, const float *p, float *scr, const float *in, const float *d, float *g,
                        int B)
{
    const int n = L->n_in, m = L->n_out;
    float *dwt = s_dw(L, scr), *touch = s_touch(L, scr);
    for (int i = 0; i < n; i++) touch[i] = 0.0f;
    for (int b = 0; b < B; b++) {
        const float *x = in + (size_t)b * n, *restrict db = d + (size_t)b * m;
        for (int i = 0; i < n; i++) {
            const float xi = x[i];
            if (xi == 0.0f) continue;
            float *restrict w = dwt + (size_t)i * m;
            if (touch[i] == 0.0f) {
                touch[i] = 1.0f;
                for (int j = 0; j < m; j++) w[j] = xi * db[j];
            } else {
                for (int j = 0; j < m; j++) w[j] += xi * db[j];
            }
        }
    }
    const unsigned t = L->train;
    const float *phi = p + L->goff[SL_GI_PHI], *lin = p + L->goff[SL_GI_LAMBDA_IN], *lout = p + L->goff[SL_GI_LAMBDA_OUT];
    float *gphi = t & SL_G_PHI ? g + L->goff[SL_GI_PHI] : NULL;
    float *glin = t & SL_G_LAMBDA_IN ? g + L->goff[SL_GI_LAMBDA_IN] : NULL;
    float *glout = t & SL_G_LAMBDA_OUT ? g + L->goff[SL_GI_LAMBDA_OUT] : NULL;
    for (int i = 0; i < n; i++) {
        if (touch[i] == 0.0f) continue;
        const float *w = dwt + (size_t)i * m;
        float acc = 0.0f;
        for (int j = 0; j < m; j++) {
            const float dwji = w[j], f = phi[(size_t)j * n + i];
            if (gphi) gphi[(size_t)j * n + i] += dwji * (lin[i] - lout[j]);
            if (glout) glout[j] -= dwji * f;
            acc += dwji * f;
        }
        if (glin) glin[i] += acc;
    }
}

/* dW (n_out, n_in) → the trained groups (sl_spectral_backward) */
static void chain(const sl_layer *L, const float *p, const float *dw, float *g)
{
    const unsigned t = L->train;
    sl_spectral_backward(t & SL_G_PHI ? g + L->goff[SL_GI_PHI] : NULL,
                         t & SL_G_LAMBDA_IN ? g + L->goff[SL_GI_LAMBDA_IN] : NULL,
                         t & SL_G_LAMBDA_OUT ? g + L->goff[SL_GI_LAMBDA_OUT] : NULL, dw, p + L->goff[SL_GI_PHI],
                         p + L->goff[SL_GI_LAMBDA_IN], p + L->goff[SL_GI_LAMBDA_OUT], L->n_in, L->n_out);
}

static void backward(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                     const float *d, float *din, float *g, int B)
{
    const int n = L->n_in, m = L->n_out;
    float *dw = s_dw(L, scr);
    if (L->train && sparse_enough(L, in, (size_t)B * (size_t)n)) {
        sparse_grad(L, p, scr, in, d, g, B);
    } else if (L->train) {
        sl_linear_backward(NULL, dw, NULL, d, in, NULL, B, n, m, 0);
        chain(L, p, dw, g);
    }
    if (din) sl_linear_backward(din, NULL, NULL, d, NULL, scr, B, n, m, 0);
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

static void fused_grad(const sl_layer *L, const float *p, float *scr, const float *P, const float *R,
                       const float *s, int mh, float *fscr, float *g)
{
    const int n = L->n_in, m = L->n_out;
    if (P && !(L->train & SL_G_PHI)) {
        /* eigenvalues only: contract dW = Pᵀ R (P = Q_{l+1}, (m_hi, m)) with φ
         * without forming it (sl_layer.h's chain rule):
         *   dλ_out,j −= Σ_k P_kj (R φᵀ)_kj      dλ_in,i += Σ_k R_ki (P φ)_ki */
        const float *phi = p + L->goff[SL_GI_PHI];
        float *T = fscr, *acc = fscr + (size_t)mh * (size_t)(n > m ? n : m);
        if (L->train & SL_G_LAMBDA_OUT) {
            /* T (m_hi, m) = R (m_hi, n) · φᵀ (n, m) */
            sl_gemm(CblasNoTrans, CblasTrans, mh, m, n, 1.0f, R, n, phi, n, 0.0f, T, m);
            column_dots(acc, P, T, mh, m);
            float *gl = g + L->goff[SL_GI_LAMBDA_OUT];
            for (int j = 0; j < m; j++) gl[j] -= acc[j];
        }
        if (L->train & SL_G_LAMBDA_IN) {
            /* T (m_hi, n) = P (m_hi, m) · φ (m, n) */
            sl_gemm(CblasNoTrans, CblasNoTrans, mh, n, m, 1.0f, P, m, phi, n, 0.0f, T, n);
            column_dots(acc, R, T, mh, n);
            float *gl = g + L->goff[SL_GI_LAMBDA_IN];
            for (int i = 0; i < n; i++) gl[i] += acc[i];
        }
        return;
    }
    /* dW (m, n) = Pᵀ (m, m_hi) · R (m_hi, n); R itself when the layer closes the run */
    const float *dw = R;
    if (P) {
        sl_gemm(CblasTrans, CblasNoTrans, m, n, mh, 1.0f, P, m, R, n, 0.0f, scr + nm(L), n);
        dw = scr + nm(L);
    }
    chain(L, p, dw, g);
}

static int fused_grad_products(const sl_layer *L)
{
    const unsigned t = L->train;
    return t & SL_G_PHI ? 1 : !!(t & SL_G_LAMBDA_IN) + !!(t & SL_G_LAMBDA_OUT);
}

const sl_layer_ops sl_kind_spectral = {
    .name = "spectral",
    .groups = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | SL_G_PHI,
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
