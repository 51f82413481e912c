#include "sl_optim.h"
#include "../core/sl_clones.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_optim_names[] = {"adamax", "adam", "rmsprop", "sgd", "adamw", NULL};

void sl_optim_defaults(sl_optim *o, sl_optim_kind kind, float lr)
{
    o->kind = kind;
    o->lr = lr;
    o->beta1 = 0.9f;
    o->beta2 = kind == SL_OPT_RMSPROP ? 0.9f : 0.999f;
    o->eps = 1e-7f;
    o->weight_decay = kind == SL_OPT_ADAMW ? 0.01f : 0.0f;
    o->t = 0;
    o->n = 0;
    o->m = o->v = NULL;
}

sl_status sl_optim_alloc(sl_optim *o, size_t n)
{
    o->n = n;
    o->t = 0;
    o->m = calloc(n ? n : 1, sizeof *o->m);
    o->v = calloc(n ? n : 1, sizeof *o->v);
    if (!o->m || !o->v) {
        sl_optim_free(o);
        return sl_fail(SL_ENOMEM, "optimiser state for %zu parameters", n);
    }
    return SL_OK;
}

void sl_optim_free(sl_optim *o)
{
    if (!o) return;
    free(o->m);
    free(o->v);
    o->m = o->v = NULL;
}

/* One optimiser step on the contiguous entries [lo, hi) (all trainable),
 * gradient g + 2cθ when c ≠ 0 (the L2 penalty's, added as sl_l2_penalty
 * does: g + (2c)θ). Branch-free loops the compiler vectorises; each entry
 * sees the same float operations as an element-by-element loop. */
#define G_L2(i) (c != 0.0f ? g[i] + c2x * p[i] : g[i])
SL_CLONES
static void step_range(const sl_optim *o, float *restrict p, const float *restrict g, float *restrict m,
                       float *restrict v, size_t lo, size_t hi, float k1, float k2, float c)
{
    const float b1 = o->beta1, b2 = o->beta2, eps = o->eps, lr = o->lr, c2x = 2.0f * c;
    switch (o->kind) {
    case SL_OPT_ADAMAX: /* k1 = lr / (1 − β1ᵗ) */
        for (size_t i = lo; i < hi; i++) {
            const float gi = G_L2(i);
            m[i] = b1 * m[i] + (1 - b1) * gi;
            const float a = fabsf(gi), u = b2 * v[i];
            v[i] = u > a ? u : a;
            p[i] -= k1 * m[i] / (v[i] + eps);
        }
        break;
    case SL_OPT_ADAM: /* k1 = 1 − β1ᵗ, k2 = 1 − β2ᵗ */
        for (size_t i = lo; i < hi; i++) {
            const float gi = G_L2(i);
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] -= lr * (m[i] / k1) / (sqrtf(v[i] / k2) + eps);
        }
        break;
    case SL_OPT_ADAMW: { /* k1 = 1 − β1ᵗ, k2 = 1 − β2ᵗ */
        const float decay = lr * o->weight_decay;
        for (size_t i = lo; i < hi; i++) {
            const float gi = G_L2(i);
            p[i] -= decay * p[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] -= lr * (m[i] / k1) / (sqrtf(v[i] / k2) + eps);
        }
        break;
    }
    case SL_OPT_RMSPROP:
        for (size_t i = lo; i < hi; i++) {
            const float gi = G_L2(i);
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] -= lr * gi / (sqrtf(v[i]) + eps);
        }
        break;
    case SL_OPT_SGD:
        for (size_t i = lo; i < hi; i++) p[i] -= lr * G_L2(i);
        break;
    }
}
#undef G_L2

/* acc[i mod 8] += c θ_i² over [lo, hi) (the penalty's partial sums, as sl_l2_penalty forms them) */
SL_CLONES
static void penalty_range(double acc[8], const float *restrict p, size_t lo, size_t hi, float c)
{
    size_t i = lo;
    for (; i < hi && (i & 7u); i++) acc[i & 7u] += (double)c * (double)p[i] * (double)p[i];
    for (; i + 8 <= hi; i += 8)
        for (int k = 0; k < 8; k++) acc[k] += (double)c * (double)p[i + k] * (double)p[i + k];
    for (; i < hi; i++) acc[i & 7u] += (double)c * (double)p[i] * (double)p[i];
}

static void bias_terms(sl_optim *o, float *k1, float *k2)
{
    o->t++;
    *k1 = *k2 = 0;
    if (o->kind == SL_OPT_ADAMAX) *k1 = o->lr / (float)(1.0 - pow(o->beta1, (double)o->t));
    if (o->kind == SL_OPT_ADAM || o->kind == SL_OPT_ADAMW) {
        *k1 = (float)(1.0 - pow(o->beta1, (double)o->t));
        *k2 = (float)(1.0 - pow(o->beta2, (double)o->t));
    }
}

void sl_optim_step(sl_optim *o, float *p, const float *g, const uint8_t *mask)
{
    const size_t n = o->n;
    float k1, k2;
    bias_terms(o, &k1, &k2);
    if (!mask) {
        step_range(o, p, g, o->m, o->v, 0, n, k1, k2, 0.0f);
        return;
    }
    /* the trainable entries come in runs (a group, a layer, or single
     * weights of a random subset): find each run, step it */
    for (size_t i = 0; i < n;) {
        for (uint64_t w; i + 8 <= n; i += 8) { /* skip frozen entries 8 at a time */
            memcpy(&w, mask + i, 8);
            if (w) break;
        }
        while (i < n && !mask[i]) i++;
        size_t hi = i;
        while (hi < n && mask[hi]) hi++;
        if (hi > i) step_range(o, p, g, o->m, o->v, i, hi, k1, k2, 0.0f);
        i = hi;
    }
}

size_t sl_optim_runs(const uint8_t *mask, const float *coef, size_t n, sl_optim_run *runs, size_t cap)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        if (mask && !mask[i]) { i++; continue; }
        const float c = coef ? coef[i] : 0.0f;
        size_t hi = i + 1;
        while (hi < n && (!mask || mask[hi]) && (coef ? coef[hi] : 0.0f) == c) hi++;
        if (runs && count < cap) runs[count] = (sl_optim_run){i, hi, c};
        count++;
        i = hi;
    }
    return count;
}

double sl_optim_step_runs(sl_optim *o, float *p, const float *g, const sl_optim_run *runs, size_t n_runs)
{
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (size_t r = 0; r < n_runs; r++)
        if (runs[r].c != 0.0f) penalty_range(acc, p, runs[r].lo, runs[r].hi, runs[r].c);
    float k1, k2;
    bias_terms(o, &k1, &k2);
    for (size_t r = 0; r < n_runs; r++) step_range(o, p, g, o->m, o->v, runs[r].lo, runs[r].hi, k1, k2, runs[r].c);
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}
