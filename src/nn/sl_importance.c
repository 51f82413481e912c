#include "sl_importance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_eval_rows(const sl_net *net, const float *x, const int *y, size_t n, int batch,
                       const uint8_t *keep, double *loss, double *acc)
{
    const int d = sl_net_n_in(net), C = sl_net_n_out(net);
    if (batch < 1 || n == 0) return sl_fail(SL_EINVAL, "evaluation of %zu rows in batches of %d", n, batch);
    sl_net_ws ws;
    SL_TRY(sl_net_ws_alloc(&ws, net, batch));
    float *xb = keep ? malloc((size_t)batch * (size_t)d * sizeof *xb) : NULL;
    if (keep && !xb) { sl_net_ws_free(&ws); return sl_fail(SL_ENOMEM, "evaluation buffer"); }
    double total = 0;
    size_t correct = 0;
    for (size_t s = 0; s < n; s += (size_t)batch) {
        const int B = (int)(s + (size_t)batch <= n ? (size_t)batch : n - s);
        const float *in = x + s * (size_t)d;
        if (keep) {
            for (int b = 0; b < B; b++)
                for (int i = 0; i < d; i++) xb[(size_t)b * d + i] = keep[i] ? in[(size_t)b * d + i] : 0.0f;
            in = xb;
        }
        sl_net_forward(net, &ws, in, B);
        total += sl_net_loss(net, &ws, y + s, B, NULL) * B;
        for (int b = 0; b < B; b++) {
            const float *p = ws.probs + (size_t)b * C;
            int arg = 0;
            for (int c = 1; c < C; c++) if (p[c] > p[arg]) arg = c;
            correct += arg == y[s + (size_t)b];
        }
    }
    if (loss) *loss = total / (double)n;
    if (acc) *acc = (double)correct / (double)n;
    free(xb);
    sl_net_ws_free(&ws);
    return SL_OK;
}

sl_status sl_perm_importance(const sl_net *net, float *x, const int *y, size_t n, int batch,
                             int repeats, gsl_rng *rng, double *imp)
{
    const int d = sl_net_n_in(net);
    if (repeats < 1) return sl_fail(SL_EINVAL, "permutation importance with %d repeats", repeats);
    double base;
    SL_TRY(sl_eval_rows(net, x, y, n, batch, NULL, &base, NULL));
    float *col = malloc(n * sizeof *col);
    uint32_t *perm = malloc(n * sizeof *perm);
    if (!col || !perm) { free(col); free(perm); return sl_fail(SL_ENOMEM, "permutation buffers"); }
    sl_status st = SL_OK;
    for (int i = 0; st == SL_OK && i < d; i++) {
        for (size_t k = 0; k < n; k++) col[k] = x[k * (size_t)d + i];
        double sum = 0;
        for (int r = 0; st == SL_OK && r < repeats; r++) {
            for (size_t k = 0; k < n; k++) perm[k] = (uint32_t)k;
            for (size_t k = n - 1; k > 0; k--) { /* Fisher–Yates */
                size_t j = gsl_rng_uniform_int(rng, k + 1);
                uint32_t t = perm[k]; perm[k] = perm[j]; perm[j] = t;
            }
            for (size_t k = 0; k < n; k++) x[k * (size_t)d + i] = col[perm[k]];
            double L;
            st = sl_eval_rows(net, x, y, n, batch, NULL, &L, NULL);
            sum += L - base;
        }
        for (size_t k = 0; k < n; k++) x[k * (size_t)d + i] = col[k];
        imp[i] = sum / repeats;
    }
    free(col);
    free(perm);
    return st;
}

sl_status sl_grad_importance(const sl_net *net, const float *x, const int *y, size_t n, int batch, double *imp)
{
    const int d = sl_net_n_in(net), C = sl_net_n_out(net);
    if (batch < 1 || n == 0 || C < 2) return sl_fail(SL_EINVAL, "gradient importance: %zu rows, %d classes", n, C);
    sl_net_ws ws;
    SL_TRY(sl_net_ws_alloc(&ws, net, batch));
    float *dx = malloc((size_t)batch * (size_t)d * sizeof *dx);
    if (!dx) { sl_net_ws_free(&ws); return sl_fail(SL_ENOMEM, "gradient buffer"); }
    for (int i = 0; i < d; i++) imp[i] = 0;
    sl_status st = SL_OK;
    for (size_t s = 0; st == SL_OK && s < n; s += (size_t)batch) {
        const int B = (int)(s + (size_t)batch <= n ? (size_t)batch : n - s);
        sl_net_forward(net, &ws, x + s * (size_t)d, B);
        const float *z = ws.act[net->n_layers];
        for (int b = 0; b < B; b++) {
            const int yb = y[s + (size_t)b];
            int other = -1;
            for (int c = 0; c < C; c++)
                if (c != yb && (other < 0 || z[(size_t)b * C + c] > z[(size_t)b * C + other])) other = c;
            float *g = ws.dout + (size_t)b * C;
            for (int c = 0; c < C; c++) g[c] = c == yb ? 1.0f : c == other ? -1.0f : 0.0f;
        }
        st = sl_net_input_grad(net, &ws, ws.dout, B, dx);
        for (int b = 0; st == SL_OK && b < B; b++)
            for (int i = 0; i < d; i++) imp[i] += fabs(dx[(size_t)b * d + i]);
    }
    for (int i = 0; i < d; i++) imp[i] /= (double)n;
    free(dx);
    sl_net_ws_free(&ws);
    return st;
}

static int by_magnitude(const void *a, const void *b, void *key)
{
    const double *score = key;
    const int i = *(const int *)a, j = *(const int *)b;
    const double u = fabs(score[i]), v = fabs(score[j]);
    return u > v ? -1 : u < v ? 1 : (i > j) - (i < j);
}

void sl_rank_by_magnitude(const double *score, int d, int *order)
{
    for (int i = 0; i < d; i++) order[i] = i;
    qsort_r(order, (size_t)d, sizeof *order, by_magnitude, (void *)score);
}
