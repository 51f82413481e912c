#include "sl_subspace.h"

#include <cblas.h>
#include <float.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { PAD = 64 }; /* spare column + entries behind LAPACK buffers, see sl_syevr.c */

void sl_subspace_ws_free(sl_subspace_ws *ws)
{
    if (!ws) return;
    free(ws->q1); free(ws->q2); free(ws->m); free(ws->p); free(ws->s); free(ws->tau); free(ws->work);
    memset(ws, 0, sizeof *ws);
}

sl_status sl_subspace_ws_alloc(sl_subspace_ws *ws, int nmax, int kmax)
{
    memset(ws, 0, sizeof *ws);
    if (nmax < 1 || kmax < 1 || kmax > nmax)
        return sl_fail(SL_EINVAL, "subspace workspace: need 1 <= k (%d) <= n (%d)", kmax, nmax);
    const size_t nk = (size_t)nmax * kmax + nmax + PAD, kk = (size_t)kmax * kmax + kmax + PAD;
    ws->nmax = nmax;
    ws->kmax = kmax;
    ws->q1 = malloc(nk * sizeof *ws->q1);
    ws->q2 = malloc(nk * sizeof *ws->q2);
    ws->p = malloc(nk * sizeof *ws->p);
    ws->m = malloc(kk * sizeof *ws->m);
    ws->s = malloc(((size_t)kmax + PAD) * sizeof *ws->s);
    ws->tau = malloc(((size_t)kmax + PAD) * sizeof *ws->tau);
    if (!ws->q1 || !ws->q2 || !ws->p || !ws->m || !ws->s || !ws->tau) {
        sl_subspace_ws_free(ws);
        return sl_fail(SL_ENOMEM, "subspace workspace n %d, k %d", nmax, kmax);
    }
    return SL_OK;
}

/* q (n, k) ← an orthonormal basis of span(a) by Householder QR */
static sl_status orthonormalise(sl_subspace_ws *ws, int n, int k, const double *a, double *q)
{
    memcpy(q, a, (size_t)n * k * sizeof *q);
    lapack_int info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, n, k, q, n, ws->tau);
    if (info) return sl_fail(SL_ENUMERIC, "dgeqrf failed (%d)", (int)info);
    double rmax = 0;
    for (int j = 0; j < k; j++) rmax = fmax(rmax, fabs(q[(size_t)j * n + j]));
    for (int j = 0; j < k; j++)
        if (!(fabs(q[(size_t)j * n + j]) > n * DBL_EPSILON * rmax))
            return sl_fail(SL_ENUMERIC, "subspace basis of %d vectors is rank deficient (column %d)", k, j);
    info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, n, k, k, q, n, ws->tau);
    return info ? sl_fail(SL_ENUMERIC, "dorgqr failed (%d)", (int)info) : SL_OK;
}

/* singular values (descending) of the column-major (m, k) matrix a (destroyed) */
static sl_status singular_values(int m, int k, double *a, double *s)
{
    double dummy = 0, *superb = malloc(((size_t)k + PAD) * sizeof *superb);
    if (!superb) return sl_fail(SL_ENOMEM, "SVD");
    lapack_int info = LAPACKE_dgesvd(LAPACK_COL_MAJOR, 'N', 'N', m, k, a, m, s, &dummy, 1, &dummy, 1, superb);
    free(superb);
    return info ? sl_fail(SL_ENUMERIC, "dgesvd failed (%d)", (int)info) : SL_OK;
}

sl_status sl_principal_angles(sl_subspace_ws *ws, int n, int k, const double *a, const double *b, double *theta)
{
    if (n < 1 || k < 1 || k > n || n > ws->nmax || k > ws->kmax)
        return sl_fail(SL_EINVAL, "principal angles: n %d, k %d outside the workspace (%d, %d)", n, k, ws->nmax,
                       ws->kmax);
    SL_TRY(orthonormalise(ws, n, k, a, ws->q1));
    SL_TRY(orthonormalise(ws, n, k, b, ws->q2));
    /* m = Q1ᵀ Q2 (k, k); p = Q2 − Q1 m (n, k) */
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, k, k, n, 1.0, ws->q1, n, ws->q2, n, 0.0, ws->m, k);
    memcpy(ws->p, ws->q2, (size_t)n * k * sizeof *ws->p);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, k, k, -1.0, ws->q1, n, ws->m, k, 1.0, ws->p, n);
    double *cosv = malloc(((size_t)k + PAD) * sizeof *cosv);
    if (!cosv) return sl_fail(SL_ENOMEM, "principal angles");
    sl_status st = singular_values(k, k, ws->m, cosv);
    if (st == SL_OK) st = singular_values(n, k, ws->p, ws->s);
    for (int i = 0; st == SL_OK && i < k; i++) {
        double s = ws->s[k - 1 - i], c = cosv[i]; /* sines ascending, cosines descending */
        theta[i] = s < M_SQRT1_2 ? asin(s) : acos(fmin(c, 1.0));
    }
    free(cosv);
    return st;
}

double sl_grassmann_geodesic(const double *theta, int k)
{
    double s = 0;
    for (int i = 0; i < k; i++) s += theta[i] * theta[i];
    return sqrt(s);
}

double sl_grassmann_sin2(const double *theta, int k)
{
    double s = 0;
    for (int i = 0; i < k; i++) s += sin(theta[i]) * sin(theta[i]);
    return s;
}

sl_status sl_projection_error(sl_subspace_ws *ws, int n, int k, const double *q, const double *w, double *err)
{
    if (n < 1 || k < 1 || k > n || n > ws->nmax || k > ws->kmax)
        return sl_fail(SL_EINVAL, "projection error: n %d, k %d outside the workspace (%d, %d)", n, k, ws->nmax,
                       ws->kmax);
    SL_TRY(orthonormalise(ws, n, k, q, ws->q1));
    double e = 0;
    for (int j = 0; j < k; j++) {
        const double *wj = w + (size_t)j * n;
        double nrm = cblas_dnrm2(n, wj, 1);
        if (!(nrm > 0)) return sl_fail(SL_EINVAL, "projection error: column %d is zero", j);
        /* r = w/‖w‖ − Q Qᵀ w/‖w‖ */
        cblas_dgemv(CblasColMajor, CblasTrans, n, k, 1.0 / nrm, ws->q1, n, wj, 1, 0.0, ws->s, 1);
        double *r = ws->p;
        for (int i = 0; i < n; i++) r[i] = wj[i] / nrm;
        cblas_dgemv(CblasColMajor, CblasNoTrans, n, k, -1.0, ws->q1, n, ws->s, 1, 1.0, r, 1);
        double rn = cblas_dnrm2(n, r, 1);
        e += rn * rn;
    }
    *err = e;
    return SL_OK;
}

double sl_orthogonality(int n, int k, const double *v)
{
    double s = 0;
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) {
            double g = cblas_ddot(n, v + (size_t)a * n, 1, v + (size_t)b * n, 1) - (a == b);
            s += g * g;
        }
    return sqrt(s);
}
