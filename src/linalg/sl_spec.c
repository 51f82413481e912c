#include "sl_spec.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_svd_values(const double *a, int m, int n, double *s)
{
    if (m < 1 || n < 1) return sl_fail(SL_EINVAL, "singular values of a %d x %d matrix", m, n);
    double *c = malloc((size_t)m * (size_t)n * sizeof *c);
    if (!c) return sl_fail(SL_ENOMEM, "copy of a %d x %d matrix", m, n);
    memcpy(c, a, (size_t)m * (size_t)n * sizeof *c);
    /* the row-major a (m, n) is the column-major aᵀ (n, m): same singular values */
    lapack_int info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'N', n, m, c, n, s, NULL, 1, NULL, 1);
    free(c);
    if (info > 0) return sl_fail(SL_ENUMERIC, "dgesdd did not converge on a %d x %d matrix", m, n);
    if (info < 0) return sl_fail(SL_EINVAL, "dgesdd argument %d invalid", (int)-info);
    return SL_OK;
}

sl_status sl_eig_general(const double *a, int n, double complex *ev, double complex *vr)
{
    if (n < 1) return sl_fail(SL_EINVAL, "eigenvalues of a %d x %d matrix", n, n);
    const size_t nn = (size_t)n * (size_t)n;
    double *c = malloc(nn * sizeof *c), *wr = malloc((size_t)n * sizeof *wr), *wi = malloc((size_t)n * sizeof *wi);
    double *v = vr ? malloc(nn * sizeof *v) : NULL;
    sl_status st = c && wr && wi && (v || !vr) ? SL_OK : sl_fail(SL_ENOMEM, "eigenproblem of size %d", n);
    if (st == SL_OK) {
        memcpy(c, a, nn * sizeof *c);
        lapack_int info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', vr ? 'V' : 'N', n, c, n, wr, wi, NULL, 1,
                                        v, vr ? n : 1);
        if (info > 0) st = sl_fail(SL_ENUMERIC, "dgeev did not converge on a %d x %d matrix", n, n);
        else if (info < 0) st = sl_fail(SL_EINVAL, "dgeev argument %d invalid", (int)-info);
    }
    for (int j = 0; st == SL_OK && j < n; j++) ev[j] = wr[j] + I * wi[j];
    /* dgeev: a real eigenvalue's vector is column j; a pair (wi[j] > 0) has
     * columns j, j+1 = re, im of the vector of ev[j]; ev[j+1]'s is its conjugate. */
    for (int j = 0; st == SL_OK && vr && j < n; j++) {
        if (wi[j] == 0) {
            for (int i = 0; i < n; i++) vr[(size_t)i * n + j] = v[(size_t)i * n + j];
        } else {
            for (int i = 0; i < n; i++) {
                double re = v[(size_t)i * n + j], im = v[(size_t)i * n + j + 1];
                vr[(size_t)i * n + j] = re + I * im;
                vr[(size_t)i * n + j + 1] = re - I * im;
            }
            j++;
        }
    }
    /* dgeev normalises to unit 2-norm already; renormalise against rounding */
    for (int j = 0; st == SL_OK && vr && j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += creal(vr[(size_t)i * n + j] * conj(vr[(size_t)i * n + j]));
        s = sqrt(s);
        if (s > 0) for (int i = 0; i < n; i++) vr[(size_t)i * n + j] /= s;
    }
    free(c); free(wr); free(wi); free(v);
    return st;
}

sl_status sl_power_norm(const float *a, int m, int n, double *v, double *u, double tol, int maxit,
                        double *sigma, int *iters)
{
    if (m < 1 || n < 1 || maxit < 1) return sl_fail(SL_EINVAL, "power iteration on a %d x %d matrix, %d iterations", m, n, maxit);
    double nv = 0;
    for (int j = 0; j < n; j++) nv += v[j] * v[j];
    if (!(nv > 0) || !isfinite(nv)) {
        for (int j = 0; j < n; j++) v[j] = 1.0 / sqrt((double)n);
    } else {
        nv = sqrt(nv);
        for (int j = 0; j < n; j++) v[j] /= nv;
    }
    double s = 0, prev = 0;
    int it = 0;
    while (it < maxit) {
        it++;
        /* u = a v, σ = ‖u‖ */
        double nu = 0;
        for (int i = 0; i < m; i++) {
            const float *row = a + (size_t)i * n;
            double acc = 0;
            for (int j = 0; j < n; j++) acc += (double)row[j] * v[j];
            u[i] = acc;
            nu += acc * acc;
        }
        s = sqrt(nu);
        if (s == 0) break;                     /* v in the null space (a = 0, or an unlucky v) */
        /* v = aᵀ u / ‖aᵀ u‖ */
        for (int j = 0; j < n; j++) v[j] = 0;
        for (int i = 0; i < m; i++) {
            const float *row = a + (size_t)i * n;
            const double ui = u[i];
            for (int j = 0; j < n; j++) v[j] += (double)row[j] * ui;
        }
        double w = 0;
        for (int j = 0; j < n; j++) w += v[j] * v[j];
        w = sqrt(w);
        if (w == 0) break;
        for (int j = 0; j < n; j++) v[j] /= w;
        if (it > 1 && fabs(s - prev) <= tol * s) break;
        prev = s;
    }
    if (!isfinite(s)) return sl_fail(SL_ENUMERIC, "power iteration: non-finite norm (matrix %d x %d)", m, n);
    *sigma = s;
    if (iters) *iters = it;
    return SL_OK;
}

double sl_stable_rank(const double *s, int k)
{
    if (k < 1 || !(s[0] > 0)) return 0;
    double f = 0;
    for (int i = 0; i < k; i++) f += s[i] * s[i];
    return f / (s[0] * s[0]);
}

double sl_condition(const double *s, int k)
{
    if (k < 1) return NAN;
    return s[k - 1] > 0 ? s[0] / s[k - 1] : INFINITY;
}

sl_status sl_spec_stats_of(const double *a, int m, int n, int kc, sl_spec_stats *st)
{
    const int k = m < n ? m : n;
    if (kc < 0 || kc > k) return sl_fail(SL_EINVAL, "condition over %d of %d singular values", kc, k);
    if (kc == 0) kc = k;
    double *s = malloc((size_t)(k > 0 ? k : 1) * sizeof *s);
    if (!s) return sl_fail(SL_ENOMEM, "singular values");
    sl_status r = sl_svd_values(a, m, n, s);
    if (r == SL_OK) {
        double f = 0;
        for (int i = 0; i < k; i++) f += s[i] * s[i];
        st->norm2 = s[0];
        st->stable_rank = sl_stable_rank(s, k);
        st->cond = sl_condition(s, kc);
        st->fro = sqrt(f);
    }
    free(s);
    return r;
}

sl_status sl_qr_q(double *a, int n)
{
    double *tau = malloc((size_t)(n > 0 ? n : 1) * sizeof *tau);
    if (!tau) return sl_fail(SL_ENOMEM, "QR of size %d", n);
    lapack_int info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, n, n, a, n, tau);
    if (info == 0) info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, n, n, n, a, n, tau);
    free(tau);
    return info == 0 ? SL_OK : sl_fail(SL_EINVAL, "QR of a %d x %d matrix: LAPACK info %d", n, n, (int)info);
}

/* Hungarian method with row/column potentials (the O(n³) shortest
 * augmenting path form): rows are added one at a time; p[j] is the row
 * assigned to column j (1-based, 0 = free column). */
sl_status sl_assign_min(const double *cost, int n, int *perm, double *total)
{
    if (n < 1) return sl_fail(SL_EINVAL, "assignment of size %d", n);
    for (size_t i = 0; i < (size_t)n * (size_t)n; i++)
        if (!isfinite(cost[i])) return sl_fail(SL_EINVAL, "assignment cost %zu is not finite", i);
    const size_t n1 = (size_t)n + 1;
    double *u = calloc(n1, sizeof *u), *vv = calloc(n1, sizeof *vv), *minv = malloc(n1 * sizeof *minv);
    int *p = calloc(n1, sizeof *p), *way = calloc(n1, sizeof *way);
    char *used = malloc(n1);
    if (!u || !vv || !minv || !p || !way || !used) {
        free(u); free(vv); free(minv); free(p); free(way); free(used);
        return sl_fail(SL_ENOMEM, "assignment of size %d", n);
    }
#define C(i, j) cost[(size_t)((i) - 1) * (size_t)n + (size_t)((j) - 1)]
    for (int i = 1; i <= n; i++) {
        p[0] = i;
        int j0 = 0;
        for (int j = 0; j <= n; j++) { minv[j] = INFINITY; used[j] = 0; }
        do {
            used[j0] = 1;
            int i0 = p[j0], j1 = 0;
            double delta = INFINITY;
            for (int j = 1; j <= n; j++) {
                if (used[j]) continue;
                double cur = C(i0, j) - u[i0] - vv[j];
                if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                if (minv[j] < delta) { delta = minv[j]; j1 = j; }
            }
            for (int j = 0; j <= n; j++) {
                if (used[j]) { u[p[j]] += delta; vv[j] -= delta; }
                else minv[j] -= delta;
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            int j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    double t = 0;
    for (int j = 1; j <= n; j++) {
        perm[p[j] - 1] = j - 1;
        t += C(p[j], j);
    }
#undef C
    if (total) *total = t;
    free(u); free(vv); free(minv); free(p); free(way); free(used);
    return SL_OK;
}
