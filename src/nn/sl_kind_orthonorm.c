/* The orthonormalisation layer kind "orthonorm" (n_in = n_out = k, no
 * parameters, batch-coupled): out = √B in L⁻ᵀ with L Lᵀ = inᵀ in on the
 * batch itself; backward through the Cholesky factor. See sl_orthonorm.h,
 * which also has the thesis' separate-batch scheme (sl_orthonorm_weights).
 * Scratch: L⁻¹ (k, k) and sym(GᵀQ) (k, k) floats, then 2k² doubles for the
 * factorisation (as 4k² floats). A batch whose inᵀin is not positive
 * definite gives NaN outputs (the trainer names the layer). */
#include "sl_layer_ops.h"
#include "sl_orthonorm.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

sl_status sl_orthonorm_weights(const float *y, int m, int k, double *work, float *w)
{
    if (m < k || k < 1) return sl_fail(SL_EINVAL, "orthonormalisation of %d rows in %d columns", m, k);
    double *g = work; /* (k, k) yᵀy, lower triangle → L → L⁻¹ */
    for (int a = 0; a < k; a++)
        for (int b = 0; b <= a; b++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += (double)y[(size_t)i * k + a] * y[(size_t)i * k + b];
            g[a * k + b] = s;
        }
    if (LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', k, g, k) != 0 || LAPACKE_dtrtri(LAPACK_ROW_MAJOR, 'L', 'N', k, g, k) != 0)
        return sl_fail(SL_ENUMERIC, "orthonormalisation: YᵀY (%d x %d, %d rows) is not positive definite", k, k, m);
    const double s = sqrt((double)m);
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) w[a * k + b] = b <= a ? (float)(s * g[a * k + b]) : 0.0f;
    return SL_OK;
}

static sl_status validate(const sl_layer *L, int index)
{
    if (L->n_in != L->n_out)
        return sl_fail(SL_EINVAL, "layer %d: orthonormalisation maps %d columns to themselves, not to %d", index, L->n_in,
                       L->n_out);
    return SL_OK;
}

static void layout(sl_layer *L) {}

static void init(const sl_layer *L, int index, float *p, const sl_init *in, gsl_rng *r) {}

/* L⁻¹, sym(GᵀQ), then 2k² doubles */
static size_t scratch(const sl_layer *L, int batch) { return (size_t)6 * L->n_out * L->n_out + 2; }

static void refresh(const sl_layer *L, const float *p, float *scr) {}

static double *dwork(const sl_layer *L, float *scr)
{
    const size_t k2 = (size_t)L->n_out * L->n_out;
    float *f = scr + 2 * k2;
    return (double *)(void *)(f + (((uintptr_t)f % sizeof(double)) ? 1 : 0));
}

static void forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r)
{
    const int k = L->n_out;
    float *linv = scr; /* (k, k) lower: √B L⁻¹ */
    memcpy(out, in, (size_t)B * k * sizeof(float));
    if (sl_orthonorm_weights(in, B, k, dwork(L, scr), linv) != SL_OK) {
        for (size_t i = 0; i < (size_t)B * k; i++) out[i] = NAN;
        return;
    }
    /* out (B, k) ← in · (√B L⁻¹)ᵀ */
    cblas_strmm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, B, k, 1.0f, linv, k, out, k);
}

static void backward(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                     const float *d, float *din, float *g, int B)
{
    if (!din) return;
    const int k = L->n_out;
    const float *linv = scr; /* √B L⁻¹ */
    float *m = scr + (size_t)k * k;
    /* m ← sym(dᵀ Q) / B, Q = out */
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, k, B, 1.0f, d, k, out, k, 0.0f, m, k);
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) {
            if (b > a) m[a * k + b] = m[b * k + a];
            m[a * k + b] /= (float)B;
        }
    /* din ← d − Q m, then din · (√B L⁻¹):  (√B G − Q sym(GᵀQ)/√B) L⁻¹ */
    memcpy(din, d, (size_t)B * k * sizeof(float));
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, k, k, -1.0f, out, k, m, k, 1.0f, din, k);
    cblas_strmm(CblasRowMajor, CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, B, k, 1.0f, linv, k, din, k);
}

const sl_layer_ops sl_kind_orthonorm = {
    .name = "orthonorm",
    .groups = 0,
    .batch_coupled = 1,
    .linear = 0,
    .validate = validate,
    .layout = layout,
    .init = init,
    .scratch = scratch,
    .refresh = refresh,
    .forward = forward,
    .backward = backward,
};
