/* The dropout layer kind "dropout" (n_in = n_out, no parameters, rate p in
 * sl_layer.rate): inverted dropout (Srivastava et al. 2014; Keras' Dropout).
 *
 *   training (forward given a stream r):  out = in ⊙ m,  m_bj = 1/(1 − p) with
 *     probability 1 − p (u_bj < 1 − p), else 0 — so E[out] = in;
 *   evaluation (r NULL) or p = 0:          out = in, nothing drawn;
 *   backward:                              din = d ⊙ m of the last forward
 *                                          (d itself after an identity forward).
 *
 * The uniforms: two 32-bit draws from r make a key; of the (batch, n)
 * mask's T elements, in row-major order, element e < ⌊T/2⌋ takes u_e =
 * (32 bits)/2³² from the low half of z_e = sl_splitmix64_at(key, e), element
 * ⌊T/2⌋ + e the high half of z_e (and an odd last element the low half of
 * z_⌊T/2⌋). One 64-bit mix for two decisions instead of one MT19937 draw
 * each: the mask costs a few integer operations per element, in SIMD lanes
 * (SL_CLONES; halves apart, not side by side, spare the lanes a shuffle),
 * and its bits depend on r's state alone, never on the CPU or the thread
 * count. The keep probability is ⌈(1 − p) 2³²⌉ / 2³², as u < 1 − p with
 * 32-bit u.
 *
 * Scratch: one flag (1: the last forward drew a mask) then the mask m
 * (batch, n) floats. */
#include "sl_layer_ops.h"
#include "../core/sl_clones.h"
#include "../core/sl_rng.h"

#include <math.h>
#include <string.h>

static sl_status validate(const sl_layer *L, int index)
{
    if (L->n_in != L->n_out)
        return sl_fail(SL_EINVAL, "layer %d: dropout maps %d units to themselves, not to %d", index, L->n_in, L->n_out);
    if (!(L->rate >= 0.0f && L->rate < 1.0f))
        return sl_fail(SL_EINVAL, "layer %d: dropout rate %g outside [0, 1)", index, (double)L->rate);
    return SL_OK;
}

static void layout(sl_layer *L) {}

static void init(const sl_layer *L, int index, float *p, const sl_init *in, gsl_rng *r) {}

static size_t scratch(const sl_layer *L, int batch) { return 1 + (size_t)batch * (size_t)L->n_out; }

static void refresh(const sl_layer *L, const float *p, float *scr) {}

/* mask (n) = scale where u_e < thr / 2³², else 0 (u_e as above); out = in ⊙ mask */
SL_CLONES
static void masked(float *mask, float *out, const float *in, size_t n, uint64_t key, uint64_t thr, float scale)
{
    const size_t m = n / 2;
    for (size_t e = 0; e < m; e++) {
        const uint64_t z = sl_splitmix64_at(key, e);
        mask[e] = (z & 0xffffffffu) < thr ? scale : 0.0f;
        mask[m + e] = (z >> 32) < thr ? scale : 0.0f;
    }
    if (n & 1) mask[n - 1] = (sl_splitmix64_at(key, m) & 0xffffffffu) < thr ? scale : 0.0f;
    for (size_t i = 0; i < n; i++) out[i] = in[i] * mask[i];
}

static void forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r)
{
    const size_t n = (size_t)B * (size_t)L->n_out;
    if (!r || L->rate == 0.0f) {
        scr[0] = 0.0f;
        memcpy(out, in, n * sizeof(float));
        return;
    }
    const double keep = 1.0 - (double)L->rate;
    const uint64_t hi = gsl_rng_get(r) & 0xffffffffu; /* two statements: a fixed order of draws */
    const uint64_t key = hi << 32 | (gsl_rng_get(r) & 0xffffffffu);
    masked(scr + 1, out, in, n, key, (uint64_t)ceil(ldexp(keep, 32)), (float)(1.0 / keep));
    scr[0] = 1.0f;
}

static void backward(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                     const float *d, float *din, float *g, int B)
{
    if (!din) return;
    const size_t n = (size_t)B * (size_t)L->n_out;
    if (scr[0] == 0.0f) {
        memcpy(din, d, n * sizeof(float));
        return;
    }
    const float *mask = scr + 1;
    for (size_t i = 0; i < n; i++) din[i] = d[i] * mask[i];
}

const sl_layer_ops sl_kind_dropout = {
    .name = "dropout",
    .groups = 0,
    .batch_coupled = 0,
    .linear = 0,
    .stochastic = 1,
    .validate = validate,
    .layout = layout,
    .init = init,
    .scratch = scratch,
    .refresh = refresh,
    .forward = forward,
    .backward = backward,
};
