#include "sl_optim.h"

#include <math.h>
#include <stdlib.h>

const char *const sl_optim_names[] = {"adamax", "adam", "rmsprop", "sgd", NULL};

void sl_optim_defaults(sl_optim *o, sl_optim_kind kind, float lr)
{
    o->kind = kind;
    o->lr = lr;
    o->beta1 = 0.9f;
    o->beta2 = kind == SL_OPT_RMSPROP ? 0.9f : 0.999f;
    o->eps = 1e-7f;
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

void sl_optim_step(sl_optim *o, float *p, const float *g, const uint8_t *mask)
{
    const size_t n = o->n;
    const float b1 = o->beta1, b2 = o->beta2, eps = o->eps, lr = o->lr;
    float *m = o->m, *v = o->v;
    o->t++;
    switch (o->kind) {
    case SL_OPT_ADAMAX: {
        const float step = lr / (float)(1.0 - pow(b1, (double)o->t));
        for (size_t i = 0; i < n; i++) {
            if (mask && !mask[i]) continue;
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            const float a = fabsf(g[i]), u = b2 * v[i];
            v[i] = u > a ? u : a;
            p[i] -= step * m[i] / (v[i] + eps);
        }
        break;
    }
    case SL_OPT_ADAM: {
        const float c1 = (float)(1.0 - pow(b1, (double)o->t));
        const float c2 = (float)(1.0 - pow(b2, (double)o->t));
        for (size_t i = 0; i < n; i++) {
            if (mask && !mask[i]) continue;
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (m[i] / c1) / (sqrtf(v[i] / c2) + eps);
        }
        break;
    }
    case SL_OPT_RMSPROP:
        for (size_t i = 0; i < n; i++) {
            if (mask && !mask[i]) continue;
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * g[i] / (sqrtf(v[i]) + eps);
        }
        break;
    case SL_OPT_SGD:
        for (size_t i = 0; i < n; i++) {
            if (mask && !mask[i]) continue;
            p[i] -= lr * g[i];
        }
        break;
    }
}
