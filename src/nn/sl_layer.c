#include "sl_layer.h"
#include "../core/sl_clones.h"

#include "../linalg/sl_gemm.h"
#include <cblas.h>
#include <math.h>
#include <string.h>

const char *const sl_act_names[] = {"identity", "relu", "tanh", "elu", NULL};

SL_CLONES
void sl_spectral_weights(float *w, const float *phi, const float *lambda_in,
                         const float *lambda_out, int n, int m)
{
    for (int j = 0; j < m; j++) {
        const float lo = lambda_out[j];
        const float *p = phi + (size_t)j * n;
        float *wj = w + (size_t)j * n;
        for (int i = 0; i < n; i++) wj[i] = p[i] * (lambda_in[i] - lo);
    }
}

SL_CLONES
void sl_spectral_backward(float *dphi, float *dlambda_in, float *dlambda_out,
                          const float *dw, const float *phi, const float *lambda_in,
                          const float *lambda_out, int n, int m)
{
    for (int j = 0; j < m; j++) {
        const float *g = dw + (size_t)j * n, *p = phi + (size_t)j * n;
        if (dphi) {
            float *dp = dphi + (size_t)j * n;
            const float lo = lambda_out[j];
            for (int i = 0; i < n; i++) dp[i] += g[i] * (lambda_in[i] - lo);
        }
        if (dlambda_in)
            for (int i = 0; i < n; i++) dlambda_in[i] += g[i] * p[i];
        if (dlambda_out) {
            float s = 0;
            for (int i = 0; i < n; i++) s += g[i] * p[i];
            dlambda_out[j] -= s;
        }
    }
}

void sl_linear_forward(float *out, const float *in, const float *w, const float *b,
                       int B, int n, int m)
{
    sl_gemm(CblasNoTrans, CblasTrans, B, m, n,
                1.0f, in, n, w, n, 0.0f, out, m);
    if (b)
        for (int r = 0; r < B; r++) {
            float *o = out + (size_t)r * m;
            for (int j = 0; j < m; j++) o[j] += b[j];
        }
}

void sl_linear_backward(float *din, float *dw, float *db, const float *dout,
                        const float *in, const float *w, int B, int n, int m,
                        int accumulate_dw)
{
    if (dw)
        sl_gemm(CblasTrans, CblasNoTrans, m, n, B,
                    1.0f, dout, m, in, n, accumulate_dw ? 1.0f : 0.0f, dw, n);
    if (db)
        for (int r = 0; r < B; r++) {
            const float *d = dout + (size_t)r * m;
            for (int j = 0; j < m; j++) db[j] += d[j];
        }
    if (din)
        sl_gemm(CblasNoTrans, CblasNoTrans, B, n, m,
                    1.0f, dout, m, w, n, 0.0f, din, n);
}

void sl_act_forward(float *x, size_t n, sl_act act)
{
    switch (act) {
    case SL_ACT_IDENTITY: break;
    case SL_ACT_RELU:
        for (size_t i = 0; i < n; i++) x[i] = x[i] > 0 ? x[i] : 0.0f;
        break;
    case SL_ACT_TANH:
        for (size_t i = 0; i < n; i++) x[i] = tanhf(x[i]);
        break;
    case SL_ACT_ELU:
        for (size_t i = 0; i < n; i++) x[i] = x[i] > 0 ? x[i] : expm1f(x[i]);
        break;
    }
}

void sl_act_backward(float *dx, const float *y, size_t n, sl_act act)
{
    switch (act) {
    case SL_ACT_IDENTITY: break;
    case SL_ACT_RELU:
        for (size_t i = 0; i < n; i++) dx[i] = y[i] > 0 ? dx[i] : 0.0f;
        break;
    case SL_ACT_TANH:
        for (size_t i = 0; i < n; i++) dx[i] *= 1.0f - y[i] * y[i];
        break;
    case SL_ACT_ELU:
        for (size_t i = 0; i < n; i++) dx[i] *= y[i] > 0 ? 1.0f : y[i] + 1.0f;
        break;
    }
}
