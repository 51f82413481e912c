#include "sl_heat.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double sl_heat_exact(const sl_trig *g, double theta, double t)
{
    double u = g->a[0];
    for (int m = 1; m <= g->m; m++) u += exp(-(double)m * m * t) * (g->a[m] * cos(m * theta) + g->b[m] * sin(m * theta));
    return u;
}

sl_status sl_heat_coeffs(int n, int k, const double *v, const double *g, double *c)
{
    if (k < 1 || n < k) return sl_fail(SL_EINVAL, "heat coefficients: %d basis vectors of length %d", k, n);
    enum { PAD = 64 }; /* see src/linalg/sl_syevr.c */
    double *a = malloc(((size_t)n * k + n + PAD) * sizeof *a), *b = malloc(((size_t)n + PAD) * sizeof *b);
    if (!a || !b) {
        free(a); free(b);
        return sl_fail(SL_ENOMEM, "heat coefficients");
    }
    memcpy(a, v, (size_t)n * k * sizeof *a);
    memcpy(b, g, (size_t)n * sizeof *b);
    lapack_int info = LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', n, k, 1, a, n, b, n);
    if (info == 0) memcpy(c, b, (size_t)k * sizeof *c);
    free(a); free(b);
    if (info > 0) return sl_fail(SL_ENUMERIC, "heat coefficients: basis is rank deficient (R(%d,%d) = 0)", (int)info, (int)info);
    if (info < 0) return sl_fail(SL_EINVAL, "dgels: argument %d invalid", (int)-info);
    return SL_OK;
}

void sl_heat_eval(int n, int k, const double *v, const double *c, const double *mu, double t, double *u)
{
    memset(u, 0, (size_t)n * sizeof *u);
    for (int j = 0; j < k; j++) {
        const double w = c[j] * exp(-mu[j] * t);
        for (int i = 0; i < n; i++) u[i] += w * v[(size_t)j * n + i];
    }
}

double sl_rms_diff(const double *a, const double *b, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return sqrt(s / n);
}
