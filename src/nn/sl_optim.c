#include "sl_optim.h"

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

/* One optimiser step on the contiguous entries [lo, hi) (all trainable):
 * branch-free loops the compiler vectorises; each entry sees the same
 * float operations as an element-by-element loop. */
static void step_range(const sl_optim *o, float *restrict p, const float *restrict g, float *restrict m,
                       float *restrict v, size_t lo, size_t hi, float c1, float c2)
{
    const float b1 = o->beta1, b2 = o->beta2, eps = o->eps, lr = o->lr;
    switch (o->kind) {
    case SL_OPT_ADAMAX: /* c1 = lr / (1 − β1ᵗ) */
        for (size_t i = lo; i < hi; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            const float a = fabsf(g[i]), u = b2 * v[i];
            v[i] = u > a ? u : a;
            p[i] -= c1 * m[i] / (v[i] + eps);
        }
        break;
    case SL_OPT_ADAM: /* c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ */
        for (size_t i = lo; i < hi; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (m[i] / c1) / (sqrtf(v[i] / c2) + eps);
        }
        break;
    case SL_OPT_ADAMW: { /* c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ */
        const float decay = lr * o->weight_decay;
        for (size_t i = lo; i < hi; i++) {
            p[i] -= decay * p[i];
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (m[i] / c1) / (sqrtf(v[i] / c2) + eps);
        }
        break;
    }
    case SL_OPT_RMSPROP:
        for (size_t i = lo; i < hi; i++) {
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * g[i] / (sqrtf(v[i]) + eps);
        }
        break;
    case SL_OPT_SGD:
        for (size_t i = lo; i < hi; i++) p[i] -= lr * g[i];
        break;
    }
}

void sl_optim_step(sl_optim *o, float *p, const float *g, const uint8_t *mask)
{
    const size_t n = o->n;
    o->t++;
    float c1 = 0, c2 = 0;
    if (o->kind == SL_OPT_ADAMAX) c1 = o->lr / (float)(1.0 - pow(o->beta1, (double)o->t));
    if (o->kind == SL_OPT_ADAM || o->kind == SL_OPT_ADAMW) {
        c1 = (float)(1.0 - pow(o->beta1, (double)o->t));
        c2 = (float)(1.0 - pow(o->beta2, (double)o->t));
    }
    if (!mask) {
        step_range(o, p, g, o->m, o->v, 0, n, c1, c2);
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
        if (hi > i) step_range(o, p, g, o->m, o->v, i, hi, c1, c2);
        i = hi;
    }
}
