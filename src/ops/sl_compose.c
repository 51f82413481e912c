#include "sl_compose.h"
#include "../linalg/sl_dmat.h"
#include "../linalg/sl_spec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double rel_l1(const double *x, const double *y, int n)
{
    double d = 0, sx = 0, sy = 0;
    for (int i = 0; i < n; i++) { d += fabs(x[i] - y[i]); sx += fabs(x[i]); sy += fabs(y[i]); }
    double den = fmax(sx, sy);
    return den > 0 ? d / den : 0;
}

sl_status sl_compose_eig(const double *a, const double *b, int n, double complex *ev,
                         double complex *prod, double *dist)
{
    if (n < 1) return sl_fail(SL_EINVAL, "composition of %d x %d matrices", n, n);
    const size_t nn = (size_t)n * (size_t)n;
    double complex *va = malloc(nn * sizeof *va), *vb = malloc(nn * sizeof *vb);
    double complex *ea = malloc((size_t)n * sizeof *ea), *eb = malloc((size_t)n * sizeof *eb);
    double complex *p = malloc((size_t)n * sizeof *p);
    double *ba = malloc(nn * sizeof *ba), *cost = malloc(nn * sizeof *cost);
    int *perm = malloc((size_t)n * sizeof *perm);
    sl_status st = va && vb && ea && eb && p && ba && cost && perm ? SL_OK : sl_fail(SL_ENOMEM, "composition of size %d", n);
    if (st == SL_OK) st = sl_eig_general(a, n, ea, va);
    if (st == SL_OK) st = sl_eig_general(b, n, eb, vb);
    if (st == SL_OK) {
        sl_dmat_mul(ba, b, a, n, n, n);
        st = sl_eig_general(ba, n, ev, NULL);
    }
    if (st == SL_OK) {
        /* cost_ij = 1 − |⟨v_i, w_j⟩| (columns of va, vb) */
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double complex d = 0;
                for (int k = 0; k < n; k++) d += conj(va[(size_t)k * n + i]) * vb[(size_t)k * n + j];
                cost[(size_t)i * n + j] = 1 - cabs(d);
            }
        st = sl_assign_min(cost, n, perm, NULL);
    }
    if (st == SL_OK) {
        for (int i = 0; i < n; i++) p[i] = ea[i] * eb[perm[i]];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) cost[(size_t)i * n + j] = cabs(ev[i] - p[j]);
        st = sl_assign_min(cost, n, perm, NULL);
    }
    if (st == SL_OK) {
        double d = 0, se = 0, sp = 0;
        for (int i = 0; i < n; i++) {
            prod[i] = p[perm[i]];
            d += cabs(ev[i] - prod[i]);
            se += cabs(ev[i]);
            sp += cabs(prod[i]);
        }
        double den = fmax(se, sp);
        *dist = den > 0 ? d / den : 0;
    }
    free(va); free(vb); free(ea); free(eb); free(p); free(ba); free(cost); free(perm);
    return st;
}

sl_status sl_compose_sv(const double *const *w, const int *dims, int L, double *s, double *prod,
                        int *r_out, double *dist)
{
    if (L < 1) return sl_fail(SL_EINVAL, "composition of %d factors", L);
    int r = dims[0], big = dims[0];
    for (int l = 1; l <= L; l++) {
        if (dims[l] < 1) return sl_fail(SL_EINVAL, "factor dimension %d", dims[l]);
        if (dims[l] < r) r = dims[l];
        if (dims[l] > big) big = dims[l];
    }
    const size_t cap = (size_t)big * (size_t)dims[0];
    double *acc = malloc(cap * sizeof *acc), *tmp = malloc(cap * sizeof *tmp), *sv = malloc((size_t)big * sizeof *sv);
    sl_status st = acc && tmp && sv ? SL_OK : sl_fail(SL_ENOMEM, "composition buffers");
    for (int i = 0; st == SL_OK && i < r; i++) prod[i] = 1;
    /* acc (dims[l+1], dims[0]) = w[l] ⋯ w[0] */
    if (st == SL_OK) memcpy(acc, w[0], (size_t)dims[1] * (size_t)dims[0] * sizeof *acc);
    for (int l = 0; st == SL_OK && l < L; l++) {
        if (l > 0) {
            sl_dmat_mul(tmp, w[l], acc, dims[l + 1], dims[l], dims[0]);
            double *t = acc; acc = tmp; tmp = t;
        }
        st = sl_svd_values(w[l], dims[l + 1], dims[l], sv);
        for (int i = 0; st == SL_OK && i < r; i++) prod[i] *= sv[i];
    }
    if (st == SL_OK) st = sl_svd_values(acc, dims[L], dims[0], sv);
    if (st == SL_OK) {
        memcpy(s, sv, (size_t)r * sizeof *s);
        *r_out = r;
        *dist = rel_l1(s, prod, r);
    }
    free(acc); free(tmp); free(sv);
    return st;
}

sl_status sl_commutator_rel(const double *a, const double *b, int n, double *rel)
{
    const size_t nn = (size_t)n * (size_t)n;
    double *ab = malloc(nn * sizeof *ab), *ba = malloc(nn * sizeof *ba);
    if (!ab || !ba) { free(ab); free(ba); return sl_fail(SL_ENOMEM, "commutator of size %d", n); }
    sl_dmat_mul(ab, a, b, n, n, n);
    sl_dmat_mul(ba, b, a, n, n, n);
    double c = 0, fa = 0, fb = 0;
    for (size_t i = 0; i < nn; i++) { c += (ab[i] - ba[i]) * (ab[i] - ba[i]); fa += a[i] * a[i]; fb += b[i] * b[i]; }
    *rel = fa > 0 && fb > 0 ? sqrt(c) / sqrt(fa * fb) : 0;
    free(ab); free(ba);
    return SL_OK;
}
