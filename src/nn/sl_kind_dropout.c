/* The dropout layer kind "dropout" (n_in = n_out, no parameters, rate p in
 * sl_layer.rate): inverted dropout (Srivastava et al. 2014; Keras' Dropout).
 *
 *   training (forward given a stream r):  out = in ⊙ m,  m_bj = 1/(1 − p) with
 *     probability 1 − p (u_bj < 1 − p, u = gsl_rng_uniform drawn row by row),
 *     else 0 — so E[out] = in;
 *   evaluation (r NULL) or p = 0:          out = in, nothing drawn;
 *   backward:                              din = d ⊙ m of the last forward
 *                                          (d itself after an identity forward).
 *
 * Scratch: one flag (1: the last forward drew a mask) then the mask m
 * (batch, n) floats. */
#include "sl_layer_ops.h"

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

static void forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r)
{
    const size_t n = (size_t)B * (size_t)L->n_out;
    float *mask = scr + 1;
    if (!r || L->rate == 0.0f) {
        scr[0] = 0.0f;
        memcpy(out, in, n * sizeof(float));
        return;
    }
    const double keep = 1.0 - (double)L->rate;
    const float scale = (float)(1.0 / keep);
    for (size_t i = 0; i < n; i++) {
        mask[i] = gsl_rng_uniform(r) < keep ? scale : 0.0f;
        out[i] = in[i] * mask[i];
    }
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
