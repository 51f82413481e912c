#include "sl_layer.h"
#include "../core/sl_clones.h"

#include "../linalg/sl_gemm.h"
#include <cblas.h>
#include <math.h>
#include <stdint.h>
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

/* ELU and tanh without a libm call, so that their loops run in SIMD lanes
 * with the same bits in every version (sl_clones.h); the selections are
 * integer masks on the bits, since a compare-and-branch on floats would
 * keep GCC from vectorising (the compare may trap). */

/* eˣ − 1 for x in [−32, 0], in double:
 *   x = k ln2 + r, k = round(x / ln2) (the 1.5·2⁵² shift), r = x − k ln2_hi
 *     − k ln2_lo (Cody–Waite: k ln2_hi exact and the first difference exact
 *     by Sterbenz for |k| ≤ 47), |r| ≤ ln2/2 (up to rounding);
 *   eʳ − 1 = r + r²/2! + … + r¹⁰/10! (Horner): truncation ≈ r¹¹/11!, below
 *     7·10⁻¹³ relative;
 *   eˣ − 1 = 2ᵏ (eʳ − 1) + (2ᵏ − 1): 2ᵏ from the shifted sum's low bits,
 *     both terms exact, one rounding. */
static inline __attribute__((always_inline)) double expm1_neg(double x)
{
    const double shift = 0x1.8p52, inv_ln2 = 0x1.71547652b82fep0;
    const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
    const double t = x * inv_ln2 + shift, k = t - shift;
    const double r = (x - k * ln2_hi) - k * ln2_lo;
    double p = 1.0 / 3628800;
    p = p * r + 1.0 / 362880;
    p = p * r + 1.0 / 40320;
    p = p * r + 1.0 / 5040;
    p = p * r + 1.0 / 720;
    p = p * r + 1.0 / 120;
    p = p * r + 1.0 / 24;
    p = p * r + 1.0 / 6;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r;
    uint64_t tb;
    memcpy(&tb, &t, sizeof tb);
    const uint64_t sb = (tb - 0x4338000000000000ULL + 1023u) << 52; /* (k + 1023) << 52 */
    double s;
    memcpy(&s, &sb, sizeof s);
    return s * p + (s - 1.0);
}

static inline __attribute__((always_inline)) float bits_f(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static inline __attribute__((always_inline)) uint32_t f_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* ELU: x for x ≥ 0 or NaN (the same bits: −0 stays −0), for x < 0
 * expm1_neg(x) rounded to float, x < −32 taken as −32 (eˣ − 1 rounds to −1
 * in float below −17.4). Against expm1 in double over every negative float
 * (2³¹, all three versions, measured once; tests/test_nn.c repeats it on a
 * sample): max error 0.500003 ulp (at x = −0.32146889); 11 results differ
 * from the correctly rounded float. */
static inline __attribute__((always_inline)) float elu1(float x)
{
    const uint32_t u = f_bits(x);
    /* all-ones masks: x in [−∞, −denorm_min]; x in [−∞, −32) */
    const uint32_t neg = 0u - (uint32_t)(u - 0x80000001u < 0x7f800000u);
    const uint32_t low = 0u - (uint32_t)(u - 0xc2000001u < 0xff800000u - 0xc2000000u);
    const float xc = bits_f((0xc2000000u & low) | (u & neg & ~low)); /* −32, x or +0 */
    const float y = (float)expm1_neg(xc);
    return bits_f((f_bits(y) & neg) | (u & ~neg));
}

/* tanh: sign(x) (−e)/(e + 2), e = expm1_neg(−2|x|), in double then rounded
 * to float (the division's condition number 2/(e + 2) ≤ 2 keeps the
 * relative error below 2·10⁻¹²); |x| > 16 taken as 16 (tanh rounds to ±1 in
 * float above 9.01); NaN kept, ±0 kept, ±∞ → ±1. Against tanh in double
 * over every positive float (2³¹, all three versions, measured once; the
 * sign is set on the bits, so negative x mirror them): max error
 * 0.500007 ulp (at x = 0.1709598); 23 results differ from the correctly
 * rounded float. */
static inline __attribute__((always_inline)) float tanh1(float x)
{
    const uint32_t u = f_bits(x), a = u & 0x7fffffffu;
    const uint32_t big = 0u - (uint32_t)(a > 0x41800000u), nan = 0u - (uint32_t)(a > 0x7f800000u); /* |x| > 16; NaN */
    const double e = expm1_neg(-2.0 * (double)bits_f((0x41800000u & big) | (a & ~big)));
    const uint32_t y = (f_bits((float)(-e / (e + 2.0))) & 0x7fffffffu) | (u & 0x80000000u);
    return bits_f((u & nan) | (y & ~nan));
}

static inline __attribute__((always_inline)) void act_loop(float *x, size_t n, sl_act act)
{
    if (act == SL_ACT_ELU)
        for (size_t i = 0; i < n; i++) x[i] = elu1(x[i]);
    else
        for (size_t i = 0; i < n; i++) x[i] = tanh1(x[i]);
}

static void act_base(float *x, size_t n, sl_act act) { act_loop(x, n, act); }
SL_CLONE_TARGET("avx2") static void act_avx2(float *x, size_t n, sl_act act) { act_loop(x, n, act); }
SL_CLONE_TARGET("avx512f") static void act_avx512f(float *x, size_t n, sl_act act) { act_loop(x, n, act); }

int sl_act_version(float *x, size_t n, sl_act act, int isa)
{
    if (act != SL_ACT_ELU && act != SL_ACT_TANH) return -1;
    switch (isa) {
    case 0: act_base(x, n, act); return 0;
    case 1: if (!SL_CLONE_HAS("avx2")) return -1; act_avx2(x, n, act); return 0;
    case 2: if (!SL_CLONE_HAS("avx512f")) return -1; act_avx512f(x, n, act); return 0;
    }
    return -1;
}

void sl_act_forward(float *x, size_t n, sl_act act)
{
    switch (act) {
    case SL_ACT_IDENTITY: break;
    case SL_ACT_RELU:
        for (size_t i = 0; i < n; i++) x[i] = x[i] > 0 ? x[i] : 0.0f;
        break;
    case SL_ACT_TANH:
    case SL_ACT_ELU:
        sl_act_version(x, n, act, SL_CLONE_HAS("avx512f") ? 2 : SL_CLONE_HAS("avx2") ? 1 : 0);
        break;
    }
}

SL_CLONES
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
    case SL_ACT_ELU: /* dx (y + 1) with y taken as +0 where y > 0: dx · 1 there, the same bits as a branch, and
                      * selected on the bits (a compare-and-branch on floats would keep the loop scalar) */
        for (size_t i = 0; i < n; i++) {
            uint32_t u;
            memcpy(&u, &y[i], sizeof u);
            const uint32_t pos = 0u - (uint32_t)(u - 1u < 0x7f800000u), v = u & ~pos; /* pos: y in (0, +∞] */
            float yc;
            memcpy(&yc, &v, sizeof yc);
            dx[i] *= yc + 1.0f;
        }
        break;
    }
}
