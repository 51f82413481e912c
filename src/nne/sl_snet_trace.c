#include "sl_snet_trace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sl_snet_trace_free(sl_snet_trace *t)
{
    if (!t) return;
    sl_subspace_ws_free(&t->ws);
    free(t->epoch); free(t->loss); free(t->geodesic); free(t->sin2);
    memset(t, 0, sizeof *t);
}

sl_status sl_snet_trace_alloc(sl_snet_trace *t, int n, int k, int max_epochs, const double *ref0, const double *ref1)
{
    memset(t, 0, sizeof *t);
    if (n < 1 || k < 1 || k > n || max_epochs < 0 || !ref0)
        return sl_fail(SL_EINVAL, "SpectralNet trace: %d points, k %d, %d epochs%s", n, k, max_epochs,
                       ref0 ? "" : ", no reference subspace");
    const size_t cap = max_epochs > 0 ? (size_t)max_epochs : 1;
    t->n = n; t->k = k; t->cap = (int)cap;
    t->ref[0] = ref0; t->ref[1] = ref1;
    t->epoch = malloc(cap * sizeof *t->epoch);
    t->loss = malloc(cap * sizeof *t->loss);
    t->geodesic = malloc(cap * SL_SNET_TRACE_REFS * sizeof *t->geodesic);
    t->sin2 = malloc(cap * SL_SNET_TRACE_REFS * sizeof *t->sin2);
    sl_status st = (!t->epoch || !t->loss || !t->geodesic || !t->sin2) ? sl_fail(SL_ENOMEM, "SpectralNet trace") : SL_OK;
    if (st == SL_OK) st = sl_subspace_ws_alloc(&t->ws, n, k);
    if (st != SL_OK) sl_snet_trace_free(t);
    return st;
}

sl_status sl_snet_trace_epoch(void *ctx, int epoch, double loss, const double *q)
{
    sl_snet_trace *t = ctx;
    if (t->count >= t->cap) return sl_fail(SL_EINVAL, "SpectralNet trace: more than %d epochs", t->cap);
    const int i = t->count, k = t->k;
    double *ang = malloc((size_t)k * sizeof *ang);
    if (!ang) return sl_fail(SL_ENOMEM, "SpectralNet trace");
    sl_status st = SL_OK;
    for (int r = 0; r < SL_SNET_TRACE_REFS; r++) {
        double *g = t->geodesic + (size_t)i * SL_SNET_TRACE_REFS + r, *s = t->sin2 + (size_t)i * SL_SNET_TRACE_REFS + r;
        *g = *s = NAN;
        if (!t->ref[r] || st != SL_OK) continue;
        st = sl_principal_angles(&t->ws, t->n, k, q, t->ref[r], ang);
        if (st == SL_OK) {
            *g = sl_grassmann_geodesic(ang, k);
            *s = sl_grassmann_sin2(ang, k);
        }
    }
    free(ang);
    if (st != SL_OK) return st;
    t->epoch[i] = epoch;
    t->loss[i] = loss;
    t->count++;
    return SL_OK;
}
