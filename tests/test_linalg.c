/* test_linalg — CSR matrices against dense arithmetic; the ARPACK eigensolver
 * against closed forms (the cycle graph's Laplacian, 2 − 2cos(2πk/n)) and
 * against LAPACK's dsyevr; dsyevr itself by A·v = λv and VᵀV = I. Residual
 * tolerances are on the n·ε·‖A‖ scale. */
#include <cblas.h>
#include <float.h>
#include <omp.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "linalg/sl_csr.h"
#include "linalg/sl_eigs.h"
#include "linalg/sl_envchol.h"
#include "linalg/sl_gemm.h"
#include "linalg/sl_subspace.h"
#include "linalg/sl_syevr.h"
#include "sl_test.h"

static const double EPS = DBL_EPSILON;

static sl_status csr_op(void *ctx, int n, const double *x, double *y)
{
    return sl_csr_matvec((const sl_csr *)ctx, x, (size_t)n, y, (size_t)n);
}

/* max_j ‖A v_j − λ_j v_j‖₂ for dense row-major a (n, n), v (n, k) column-major */
static double residual(const double *a, int n, const double *lam, const double *v, int k)
{
    double worst = 0;
    for (int j = 0; j < k; j++) {
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < n; l++) s += a[(size_t)i * n + l] * v[(size_t)j * n + l];
            s -= lam[j] * v[(size_t)j * n + i];
            s2 += s * s;
        }
        worst = fmax(worst, sqrt(s2));
    }
    return worst;
}

/* max |VᵀV − I| for v (n, k) column-major */
static double orth_error(const double *v, int n, int k)
{
    double e = 0;
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += v[(size_t)a * n + i] * v[(size_t)b * n + i];
            e = fmax(e, fabs(s - (a == b)));
        }
    return e;
}

/* the cycle graph's Laplacian: 2 on the diagonal, −1 to both neighbours */
static void cycle_laplacian(sl_csr *l, int n)
{
    int *ri = malloc(3 * (size_t)n * sizeof *ri), *ci = malloc(3 * (size_t)n * sizeof *ci);
    double *v = malloc(3 * (size_t)n * sizeof *v);
    for (int i = 0; i < n; i++) {
        ri[3 * i] = ri[3 * i + 1] = ri[3 * i + 2] = i;
        ci[3 * i] = i; v[3 * i] = 2;
        ci[3 * i + 1] = (i + 1) % n; v[3 * i + 1] = -1;
        ci[3 * i + 2] = (i + n - 1) % n; v[3 * i + 2] = -1;
    }
    sl_csr_from_coo(l, n, n, 3 * (size_t)n, ri, ci, v);
    free(ri); free(ci); free(v);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void test_csr(void)
{
    gsl_rng *r = sl_rng_new(11);
    const int m = 37, n = 23;
    const size_t nt = 400; /* many duplicates: 851 cells */
    int *ri = malloc(nt * sizeof *ri), *ci = malloc(nt * sizeof *ci);
    double *v = malloc(nt * sizeof *v), *dense = calloc((size_t)m * n, sizeof *dense),
           *back = malloc((size_t)m * n * sizeof *back);
    for (size_t t = 0; t < nt; t++) {
        ri[t] = (int)gsl_rng_uniform_int(r, m);
        ci[t] = (int)gsl_rng_uniform_int(r, n);
        v[t] = sl_rng_gaussian(r, 1);
        dense[(size_t)ri[t] * n + ci[t]] += v[t];
    }
    sl_csr a, at;
    sl_status st = sl_csr_from_coo(&a, m, n, nt, ri, ci, v);
    SL_CHECK(st == SL_OK, "CSR from COO builds", "%s", sl_errmsg());
    int sorted = 1;
    for (int i = 0; i < m; i++)
        for (size_t t = a.row_ptr[i] + 1; t < a.row_ptr[i + 1]; t++) sorted &= a.col[t] > a.col[t - 1];
    SL_CHECK(sorted && a.row_ptr[m] == a.nnz, "CSR columns strictly increasing in each row (duplicates merged)",
             "not sorted or row_ptr[m] %zu != nnz %zu", a.row_ptr[m], a.nnz);
    sl_csr_to_dense(&a, back);
    double d = 0;
    for (size_t t = 0; t < (size_t)m * n; t++) d = fmax(d, fabs(back[t] - dense[t]));
    SL_CHECK(d < 1e-14, "CSR from COO sums duplicates (equals dense accumulation)", "max diff %.3g", d);

    double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)m * sizeof *y), *yd = malloc((size_t)m * sizeof *yd);
    double *xt = malloc((size_t)m * sizeof *xt), *yt = malloc((size_t)n * sizeof *yt), *ytd = malloc((size_t)n * sizeof *yt);
    for (int j = 0; j < n; j++) x[j] = sl_rng_gaussian(r, 1);
    for (int i = 0; i < m; i++) xt[i] = sl_rng_gaussian(r, 1);
    for (int i = 0; i < m; i++) {
        yd[i] = 0;
        for (int j = 0; j < n; j++) yd[i] += dense[(size_t)i * n + j] * x[j];
    }
    for (int j = 0; j < n; j++) {
        ytd[j] = 0;
        for (int i = 0; i < m; i++) ytd[j] += dense[(size_t)i * n + j] * xt[i];
    }
    sl_csr_matvec(&a, x, n, y, m);
    SL_CHECK(sl_test_max_rel(y, yd, m, 1) < 1e-13, "CSR matvec equals the dense product", "rel %.3g",
             sl_test_max_rel(y, yd, m, 1));
    sl_csr_matvec_t(&a, xt, m, yt, n);
    SL_CHECK(sl_test_max_rel(yt, ytd, n, 1) < 1e-13, "CSR transposed matvec equals the dense Aᵀx", "rel %.3g",
             sl_test_max_rel(yt, ytd, n, 1));
    sl_csr_transpose(&at, &a);
    double *yt2 = malloc((size_t)n * sizeof *yt2);
    sl_csr_matvec(&at, xt, m, yt2, n);
    SL_CHECK(at.n_rows == n && at.n_cols == m && sl_test_max_rel(yt2, ytd, n, 1) < 1e-13,
             "CSR transpose: (Aᵀ) x equals the dense Aᵀx", "rel %.3g", sl_test_max_rel(yt2, ytd, n, 1));

    SL_CHECK(sl_csr_matvec(&a, x, n + 1, y, m) == SL_EINVAL && sl_csr_matvec(&a, x, n, y, n) == SL_EINVAL &&
                 sl_csr_matvec_t(&a, xt, n, yt, n) == SL_EINVAL,
             "CSR matvec with mismatched dimensions returns SL_EINVAL", "%s", sl_errmsg());
    ri[5] = m;
    sl_csr bad;
    SL_CHECK(sl_csr_from_coo(&bad, m, n, nt, ri, ci, v) == SL_EINVAL && bad.row_ptr == NULL,
             "CSR from a triplet outside the matrix returns SL_EINVAL", "%s", sl_errmsg());

    /* symmetric part's asymmetry is 0, a random matrix's is not */
    sl_csr c;
    cycle_laplacian(&c, 9);
    SL_CHECK(sl_csr_asymmetry(&c) == 0 && sl_csr_asymmetry(&a) == INFINITY, "CSR asymmetry: 0 for the cycle Laplacian",
             "%g", sl_csr_asymmetry(&c));
    sl_csr_free(&c);
    sl_csr_free(&a); sl_csr_free(&at);
    free(ri); free(ci); free(v); free(dense); free(back); free(x); free(y); free(yd); free(xt); free(yt); free(ytd);
    free(yt2);
    gsl_rng_free(r);
}

static void test_syevr(void)
{
    gsl_rng *r = sl_rng_new(12);
    const int n = 80;
    double *a = malloc((size_t)n * n * sizeof *a), *w = malloc((size_t)n * sizeof *w),
           *z = malloc((size_t)n * n * sizeof *z), *w2 = malloc((size_t)n * sizeof *w2),
           *z2 = malloc((size_t)n * n * sizeof *z2);
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++) a[(size_t)i * n + j] = a[(size_t)j * n + i] = sl_rng_gaussian(r, 1);
    double norm = 0, trace = 0;
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += fabs(a[(size_t)i * n + j]);
        norm = fmax(norm, s);
        trace += a[(size_t)i * n + i];
    }
    sl_syevr_ws ws;
    sl_syevr_ws_alloc(&ws, n);
    sl_status st = sl_syevr(&ws, n, a, 0, n, w, z);
    double res = residual(a, n, w, z, n), orth = orth_error(z, n, n), sum = 0;
    int asc = 1;
    for (int j = 0; j < n; j++) sum += w[j];
    for (int j = 1; j < n; j++) asc &= w[j] >= w[j - 1];
    SL_CHECK(st == SL_OK && res < 10 * n * EPS * norm, "syevr: ‖Av − λv‖ < 10 n ε ‖A‖ (all pairs)",
             "%s residual %.3g, bound %.3g", sl_errmsg(), res, 10 * n * EPS * norm);
    SL_CHECK(orth < 10 * n * EPS, "syevr: ‖VᵀV − I‖ < 10 n ε", "%.3g", orth);
    SL_CHECK(asc && fabs(sum - trace) < 10 * n * EPS * norm, "syevr: ascending eigenvalues summing to the trace",
             "ascending %d, sum %.15g trace %.15g", asc, sum, trace);
    st = sl_syevr(&ws, n, a, 10, 17, w2, z2);
    double dw = 0, dz = 0;
    for (int j = 0; j < 7; j++) {
        dw = fmax(dw, fabs(w2[j] - w[10 + j]));
        double c = 0;
        for (int i = 0; i < n; i++) c += z2[(size_t)j * n + i] * z[(size_t)(10 + j) * n + i];
        dz = fmax(dz, 1 - fabs(c));
    }
    SL_CHECK(st == SL_OK && dw < 10 * n * EPS * norm && dz < 1e-10,
             "syevr: an index range gives the same pairs as the full problem", "dλ %.3g, 1-|cos| %.3g", dw, dz);
    SL_CHECK(sl_syevr(&ws, n + 1, a, 0, n + 1, w, z) == SL_EINVAL && sl_syevr(&ws, n, a, 5, 5, w, z) == SL_EINVAL,
             "syevr: dimension beyond the workspace or an empty range returns SL_EINVAL", "%s", sl_errmsg());
    sl_syevr_ws_free(&ws);
    free(a); free(w); free(z); free(w2); free(z2);
    gsl_rng_free(r);
}

/* (L − σI)⁻¹ x by a dense Cholesky factor, an independent route to the shift */
typedef struct {
    int n;
    double *f; /* (n, n) Cholesky factor of L − σI */
} chol_ctx;

static sl_status chol_solve(void *ctx, int n, const double *x, double *y)
{
    chol_ctx *c = ctx;
    memcpy(y, x, (size_t)n * sizeof *y);
    return LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', n, 1, c->f, n, y, n) ? sl_fail(SL_ENUMERIC, "dpotrs") : SL_OK;
}

static void test_cycle(void)
{
    const int n = 200, nev = 6;
    sl_csr l;
    cycle_laplacian(&l, n);
    double *dense = malloc((size_t)n * n * sizeof *dense);
    sl_csr_to_dense(&l, dense);
    double exact[200];
    for (int k = 0; k < n; k++) exact[k] = 2 - 2 * cos(2 * M_PI * k / n);
    qsort(exact, n, sizeof *exact, cmp_double);
    const double norm = 4, tol = 10 * n * EPS * norm;

    sl_eigs_ws ws;
    sl_eigs_ws_alloc(&ws, n, nev, 40);
    double lam[6], *v = malloc((size_t)n * nev * sizeof *v);

    /* regular mode, smallest algebraic: the eigenvalues are clustered
     * (gaps ~1e-3 in a spectrum of width 4), many restarts */
    sl_status st = sl_eigs_sym(&ws, n, csr_op, &l, nev, SL_EIGS_SA, 0, 5000, NULL, lam, v);
    double dl = 0;
    for (int j = 0; j < nev; j++) dl = fmax(dl, fabs(lam[j] - exact[j]));
    double res = residual(dense, n, lam, v, nev), orth = orth_error(v, n, nev);
    SL_CHECK(st == SL_OK && dl < tol, "eigs SA: cycle graph n=200, 6 smallest = 2 − 2cos(2πk/n) (pairs double)",
             "%s; max |λ − exact| %.3g (bound %.3g), %d restarts", sl_errmsg(), dl, tol, ws.iterations);
    SL_CHECK(res < tol && orth < 10 * n * EPS, "eigs SA: ‖Av − λv‖ < 10 n ε ‖A‖ and ‖VᵀV − I‖ < 10 n ε",
             "residual %.3g orth %.3g", res, orth);
    int its_regular = ws.n_ops;

    /* shift-invert just below 0 (L − σI positive definite) */
    const double sigma = -0.01;
    chol_ctx cc = {n, malloc((size_t)n * n * sizeof(double))};
    memcpy(cc.f, dense, (size_t)n * n * sizeof(double));
    for (int i = 0; i < n; i++) cc.f[(size_t)i * n + i] -= sigma;
    LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', n, cc.f, n);
    sl_eigs_shift sh = {sigma, chol_solve, &cc};
    double lam2[6], *v2 = malloc((size_t)n * nev * sizeof *v2);
    st = sl_eigs_sym(&ws, n, NULL, NULL, nev, SL_EIGS_LM, 0, 0, &sh, lam2, v2);
    dl = 0;
    for (int j = 0; j < nev; j++) dl = fmax(dl, fabs(lam2[j] - exact[j]));
    res = residual(dense, n, lam2, v2, nev);
    orth = orth_error(v2, n, nev);
    SL_CHECK(st == SL_OK && dl < tol && res < tol && orth < 10 * n * EPS,
             "eigs shift-invert σ = −0.01: same 6 pairs, residual and orthogonality at n ε scale",
             "%s; dλ %.3g res %.3g orth %.3g", sl_errmsg(), dl, res, orth);
    SL_CHECK(ws.n_ops < its_regular, "eigs shift-invert needs fewer operator applications than regular mode",
             "%d vs %d", ws.n_ops, its_regular);

    /* largest algebraic: 4 (k = n/2, simple), then pairs */
    st = sl_eigs_sym(&ws, n, csr_op, &l, nev, SL_EIGS_LA, 0, 5000, NULL, lam, v);
    dl = 0;
    for (int j = 0; j < nev; j++) dl = fmax(dl, fabs(lam[j] - exact[n - 1 - j]));
    res = residual(dense, n, lam, v, nev);
    SL_CHECK(st == SL_OK && dl < tol && res < tol, "eigs LA: 6 largest of the cycle Laplacian, descending",
             "%s; dλ %.3g res %.3g", sl_errmsg(), dl, res);

    /* the same call twice gives the same bits (fixed start vector) */
    double lam3[6], *v3 = malloc((size_t)n * nev * sizeof *v3);
    sl_eigs_sym(&ws, n, csr_op, &l, nev, SL_EIGS_LA, 0, 5000, NULL, lam3, v3);
    SL_CHECK(!memcmp(lam, lam3, sizeof lam) && !memcmp(v, v3, (size_t)n * nev * sizeof *v),
             "eigs: repeated call reproduces eigenpairs bit for bit", "differ");

    /* one restart is not enough: a status, not garbage */
    st = sl_eigs_sym(&ws, n, csr_op, &l, nev, SL_EIGS_SA, 0, 1, NULL, lam, v);
    SL_CHECK(st == SL_ENUMERIC && ws.nconv < nev, "eigs: no convergence within maxiter returns SL_ENUMERIC",
             "status %d, nconv %d: %s", (int)st, ws.nconv, sl_errmsg());
    SL_CHECK(sl_eigs_sym(&ws, n + 1, csr_op, &l, nev, SL_EIGS_SA, 0, 0, NULL, lam, v) == SL_EINVAL &&
                 sl_eigs_sym(&ws, n, csr_op, &l, nev + 1, SL_EIGS_SA, 0, 0, NULL, lam, v) == SL_EINVAL,
             "eigs: dimension beyond the workspace, or too many eigenpairs, returns SL_EINVAL", "%s", sl_errmsg());
    sl_csr l2;
    cycle_laplacian(&l2, n - 1); /* operator of the wrong size: the callback's status comes back */
    SL_CHECK(sl_eigs_sym(&ws, n, csr_op, &l2, nev, SL_EIGS_SA, 0, 0, NULL, lam, v) == SL_EINVAL,
             "eigs: a failing matvec (dimension mismatch) stops the iteration with its status", "%s", sl_errmsg());
    sl_csr_free(&l2);
    sl_eigs_ws_free(&ws);
    sl_csr_free(&l);
    free(dense); free(v); free(v2); free(v3); free(cc.f);
}

static void test_random_spd(void)
{
    /* random sparse SPD: S symmetric with ~2% density, A = S + (Gershgorin bound + 1) I, vs dsyevr */
    gsl_rng *r = sl_rng_new(13);
    const int n = 300, nev = 8;
    const size_t half = (size_t)(0.01 * n * n), nt = 2 * half + (size_t)n;
    int *ri = malloc(nt * sizeof *ri), *ci = malloc(nt * sizeof *ci);
    double *val = malloc(nt * sizeof *val), *rowsum = calloc((size_t)n, sizeof *rowsum);
    for (size_t t = 0; t < half; t++) {
        int i = (int)gsl_rng_uniform_int(r, n), j = (int)gsl_rng_uniform_int(r, n);
        double x = sl_rng_gaussian(r, 1);
        ri[2 * t] = ci[2 * t + 1] = i;
        ci[2 * t] = ri[2 * t + 1] = j;
        val[2 * t] = val[2 * t + 1] = x;
        rowsum[i] += fabs(x);
        rowsum[j] += fabs(x);
    }
    double shift = 0;
    for (int i = 0; i < n; i++) shift = fmax(shift, rowsum[i]);
    for (int i = 0; i < n; i++) {
        ri[2 * half + i] = ci[2 * half + i] = i;
        val[2 * half + i] = shift + 1;
    }
    sl_csr b;
    sl_csr_from_coo(&b, n, n, nt, ri, ci, val);
    double *bd = NULL, *a = malloc((size_t)n * n * sizeof *a);
    sl_csr_to_dense(&b, a);
    sl_csr as;
    sl_csr_from_dense(&as, n, n, a);
    double density = (double)as.nnz / ((double)n * n), norm = 0;
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += fabs(a[(size_t)i * n + j]);
        norm = fmax(norm, s);
    }
    sl_syevr_ws dws;
    sl_syevr_ws_alloc(&dws, n);
    double *w = malloc((size_t)n * sizeof *w), *z = malloc((size_t)n * n * sizeof *z);
    sl_syevr(&dws, n, a, 0, n, w, z);
    sl_eigs_ws ws;
    sl_eigs_ws_alloc(&ws, n, nev, 0);
    double lam[8], *v = malloc((size_t)n * nev * sizeof *v);
    for (int pass = 0; pass < 2; pass++) {
        sl_eigs_which wh = pass ? SL_EIGS_SA : SL_EIGS_LA;
        sl_status st = sl_eigs_sym(&ws, n, csr_op, &as, nev, wh, 0, 0, NULL, lam, v);
        double dl = 0, dv = 0;
        for (int j = 0; j < nev; j++) {
            int k = pass ? j : n - 1 - j;
            dl = fmax(dl, fabs(lam[j] - w[k]));
            double c = 0;
            for (int i = 0; i < n; i++) c += v[(size_t)j * n + i] * z[(size_t)k * n + i];
            dv = fmax(dv, 1 - fabs(c));
        }
        char name[160];
        snprintf(name, sizeof name,
                 "eigs %s on random sparse SPD n=300 (density %.3f): 8 pairs equal dsyevr's (λ to 10nε‖A‖, |cos| to 1e-10)",
                 pass ? "SA" : "LA", density);
        SL_CHECK(st == SL_OK && dl < 10 * n * EPS * norm && dv < 1e-10, name, "%s; dλ %.3g, 1-|cos| %.3g",
                 sl_errmsg(), dl, dv);
    }
    sl_eigs_ws_free(&ws);
    sl_syevr_ws_free(&dws);
    sl_csr_free(&b); sl_csr_free(&as);
    free(ri); free(ci); free(val); free(bd); free(rowsum); free(a); free(w); free(z); free(v);
    gsl_rng_free(r);
}

/* a random sparse SPD matrix (Gershgorin-shifted symmetric, ~2% density), CSR and dense */
static void random_spd(gsl_rng *r, int n, sl_csr *a, double *dense)
{
    const size_t half = (size_t)(0.01 * n * n) + 1, nt = 2 * half + (size_t)n;
    int *ri = malloc(nt * sizeof *ri), *ci = malloc(nt * sizeof *ci);
    double *val = malloc(nt * sizeof *val), *rowsum = calloc((size_t)n, sizeof *rowsum);
    for (size_t t = 0; t < half; t++) {
        int i = (int)gsl_rng_uniform_int(r, n), j = (int)gsl_rng_uniform_int(r, n);
        double x = sl_rng_gaussian(r, 1);
        ri[2 * t] = ci[2 * t + 1] = i;
        ci[2 * t] = ri[2 * t + 1] = j;
        val[2 * t] = val[2 * t + 1] = x;
        rowsum[i] += fabs(x);
        rowsum[j] += fabs(x);
    }
    double shift = 0;
    for (int i = 0; i < n; i++) shift = fmax(shift, rowsum[i]);
    for (int i = 0; i < n; i++) {
        ri[2 * half + i] = ci[2 * half + i] = i;
        val[2 * half + i] = shift + 0.1;
    }
    sl_csr_from_coo(a, n, n, nt, ri, ci, val);
    sl_csr_to_dense(a, dense);
    free(ri); free(ci); free(val); free(rowsum);
}

static void test_envchol(void)
{
    gsl_rng *r = sl_rng_new(14);
    const int n = 250;
    sl_csr a;
    double *dense = malloc((size_t)n * n * sizeof *dense), *b = malloc((size_t)n * sizeof *b),
           *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * sizeof *y);
    random_spd(r, n, &a, dense);
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: B = A; pass 1: B = 1.5·I − A/(2‖A‖) (the shift-invert form c·A + s·I, c < 0) */
        double c = 1, s = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double rs = 0;
            for (int j = 0; j < n; j++) rs += fabs(dense[(size_t)i * n + j]);
            norm = fmax(norm, rs);
        }
        if (pass) { c = -0.5 / norm; s = 1.5; }
        double *bd = malloc((size_t)n * n * sizeof *bd);
        for (size_t t = 0; t < (size_t)n * n; t++) bd[t] = c * dense[t];
        for (int i = 0; i < n; i++) bd[(size_t)i * n + i] += s;
        for (int i = 0; i < n; i++) b[i] = sl_rng_gaussian(r, 1);
        memcpy(y, b, (size_t)n * sizeof *y);
        LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', n, 1, bd, n, y, 1); /* dense oracle */
        sl_envchol f;
        sl_status st = sl_envchol_factor(&f, &a, c, s, 0);
        if (st == SL_OK) sl_envchol_solve(&f, b, x);
        char name[128];
        snprintf(name, sizeof name, "envelope Cholesky solve of %s equals LAPACK dposv (rel 1e-10)",
                 pass ? "1.5 I - A/(2|A|)" : "sparse SPD A");
        SL_CHECK(st == SL_OK && sl_test_max_rel(x, y, n, 1e-3) < 1e-10, name, "%s; rel %.3g", sl_errmsg(),
                 st == SL_OK ? sl_test_max_rel(x, y, n, 1e-3) : -1.0);
        sl_envchol_free(&f);
        free(bd);
    }
    sl_envchol f;
    SL_CHECK(sl_envchol_factor(&f, &a, -1, 0, 0) == SL_ENUMERIC && f.env == NULL,
             "envelope Cholesky of a negative definite matrix returns SL_ENUMERIC", "%s", sl_errmsg());
    sl_csr_free(&a);

    /* RCM finds the ring in a randomly relabelled cycle graph: envelope width ≤ 3 */
    const int m = 300;
    int *lab = malloc((size_t)m * sizeof *lab), *ri = malloc(3 * (size_t)m * sizeof *ri),
        *ci = malloc(3 * (size_t)m * sizeof *ci);
    double *v = malloc(3 * (size_t)m * sizeof *v);
    for (int i = 0; i < m; i++) lab[i] = i;
    for (int i = m - 1; i > 0; i--) {
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1), t = lab[i];
        lab[i] = lab[j]; lab[j] = t;
    }
    for (int i = 0; i < m; i++) {
        int p = lab[i], q1 = lab[(i + 1) % m], q2 = lab[(i + m - 1) % m];
        ri[3 * i] = ri[3 * i + 1] = ri[3 * i + 2] = p;
        ci[3 * i] = p; v[3 * i] = 2.5;
        ci[3 * i + 1] = q1; v[3 * i + 1] = -1;
        ci[3 * i + 2] = q2; v[3 * i + 2] = -1;
    }
    sl_csr_from_coo(&a, m, m, 3 * (size_t)m, ri, ci, v);
    sl_status st = sl_envchol_factor(&f, &a, 1, 0, 0);
    SL_CHECK(st == SL_OK && f.max_width <= 3, "RCM on a relabelled cycle graph: envelope rows at most 3 wide",
             "%s; width %d", sl_errmsg(), f.max_width);
    sl_envchol_free(&f);
    sl_csr_free(&a);
    free(lab); free(ri); free(ci); free(v);
    free(dense); free(b); free(x); free(y);
    gsl_rng_free(r);
}

static void test_subspace(void)
{
    gsl_rng *r = sl_rng_new(15);
    const int n = 60, k = 5;
    sl_subspace_ws ws;
    sl_subspace_ws_alloc(&ws, n, k);
    double *a = malloc((size_t)n * k * sizeof *a), *b = calloc((size_t)n * k, sizeof *b), th[5];
    for (size_t t = 0; t < (size_t)n * k; t++) a[t] = sl_rng_gaussian(r, 1);
    /* b = a·M for a random M: the same subspace, another basis */
    double mix[25];
    for (int t = 0; t < 25; t++) mix[t] = sl_rng_gaussian(r, 1);
    for (int j = 0; j < k; j++)
        for (int l = 0; l < k; l++)
            for (int i = 0; i < n; i++) b[(size_t)j * n + i] += a[(size_t)l * n + i] * mix[l * k + j];
    sl_status st = sl_principal_angles(&ws, n, k, a, b, th);
    double g = sl_grassmann_geodesic(th, k);
    SL_CHECK(st == SL_OK && g < 1e-12, "principal angles: Grassmann distance 0 (to 1e-12) for one subspace, two bases",
             "%s; %.3g", sl_errmsg(), g);
    /* b = e_0..e_{k-m-1} and e_k..e_{k+m-1}, a = e_0..e_{k-1}: m right angles */
    const int m = 2;
    memset(a, 0, (size_t)n * k * sizeof *a);
    memset(b, 0, (size_t)n * k * sizeof *b);
    for (int j = 0; j < k; j++) {
        a[(size_t)j * n + j] = 1;
        b[(size_t)j * n + (j < k - m ? j : j + m)] = 1 + j; /* scaled: not orthonormal */
    }
    st = sl_principal_angles(&ws, n, k, a, b, th);
    g = sl_grassmann_geodesic(th, k);
    double s2 = sl_grassmann_sin2(th, k);
    SL_CHECK(st == SL_OK && fabs(g - sqrt(m) * M_PI / 2) < 1e-14 && fabs(s2 - m) < 1e-14,
             "Grassmann distances: pi/2 per orthogonal direction (geodesic sqrt(2) pi/2, sum sin^2 = 2)",
             "geodesic %.17g, sin2 %.17g", g, s2);
    /* one angle t between span{e0} and span{cos t e0 + sin t e1}, including tiny t */
    double worst = 0;
    const double ts[4] = {1e-9, 0.3, 1.2, M_PI / 2 - 1e-9};
    for (int q = 0; q < 4; q++) {
        double u[3] = {1, 0, 0}, w[3] = {cos(ts[q]), sin(ts[q]), 0}, t1;
        sl_principal_angles(&ws, 3, 1, u, w, &t1);
        worst = fmax(worst, fabs(t1 - ts[q]) / ts[q]);
    }
    SL_CHECK(worst < 1e-12, "principal angle equals the angle between two lines (1e-9 .. pi/2, relative 1e-12)",
             "worst rel %.3g", worst);
    double e;
    st = sl_projection_error(&ws, n, k, a, b, &e);
    SL_CHECK(st == SL_OK && fabs(e - m) < 1e-14, "projection error counts the orthogonal columns (2)", "%.17g", e);
    double o = sl_orthogonality(n, k, b); /* diag(1..5)² − I: ‖·‖_F = √(0+9+64+225+576) */
    SL_CHECK(fabs(o - sqrt(9.0 + 64 + 225 + 576)) < 1e-12, "orthogonality defect |I - VtV|_F of scaled unit columns",
             "%.17g", o);
    for (int j = 0; j < k; j++) a[(size_t)j * n] = 1; /* rank 1 */
    for (int j = 0; j < k; j++)
        for (int i = 1; i < n; i++) a[(size_t)j * n + i] = 0;
    SL_CHECK(sl_principal_angles(&ws, n, k, a, b, th) == SL_ENUMERIC, "principal angles of a rank-deficient basis: SL_ENUMERIC",
             "%s", sl_errmsg());
    sl_subspace_ws_free(&ws);
    free(a); free(b);
    gsl_rng_free(r);
}

/* sl_gemm: the same bits at 1, 2, 3 and 4 OpenMP threads, and within float
 * rounding of one plain cblas_sgemm, for every transpose pair, padded leading
 * dimensions, alpha/beta, and shapes whose last blocks are ragged in M and N
 * (M = 2 SL_GEMM_MB + 76, N = 2 SL_GEMM_NB + 88), or a narrow one cut in
 * smaller row blocks (500 x 100: four of 128 rows, the last 116). */
static void test_gemm(int M, int N, int K)
{
    gsl_rng *r = sl_rng_new(20261205);
    const int pad = 3;
    const size_t na = (size_t)(M + pad) * (K + pad), nbm = (size_t)(K + pad) * (N + pad), nc = (size_t)M * (N + pad);
    float *a = malloc(na * sizeof *a), *b = malloc(nbm * sizeof *b), *c0 = malloc(nc * sizeof *c0);
    float *c = malloc(nc * sizeof *c), *ref = malloc(nc * sizeof *ref), *cinit = malloc(nc * sizeof *cinit);
    for (size_t i = 0; i < na; i++) a[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (size_t i = 0; i < nbm; i++) b[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (size_t i = 0; i < nc; i++) cinit[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    const int saved = omp_get_max_threads();
    for (int t = 0; t < 4; t++) {
        const CBLAS_TRANSPOSE ta = t & 1 ? CblasTrans : CblasNoTrans, tb = t & 2 ? CblasTrans : CblasNoTrans;
        const int lda = (ta == CblasNoTrans ? K : M) + pad, ldb = (tb == CblasNoTrans ? N : K) + pad, ldc = N + pad;
        const float alpha = 0.75f, beta = t < 2 ? 0.0f : -0.5f;
        memcpy(ref, cinit, nc * sizeof *ref);
        cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, alpha, a, lda, b, ldb, beta, ref, ldc);
        int same = 1;
        double worst = 0;
        for (int th = 1; th <= 4; th++) {
            omp_set_num_threads(th);
            float *out = th == 1 ? c0 : c;
            memcpy(out, cinit, nc * sizeof *out);
            sl_gemm(ta, tb, M, N, K, alpha, a, lda, b, ldb, beta, out, ldc);
            if (th > 1) same &= memcmp(c, c0, nc * sizeof *c) == 0;
        }
        /* |error| <= K eps (|alpha| sum |a||b| + |beta c|) <= K eps (K + 1) for entries in [-1, 1] */
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++) {
                const double e = fabs((double)c0[(size_t)i * ldc + j] - ref[(size_t)i * ldc + j]);
                if (e > worst) worst = e;
            }
        int pads = 1; /* the padding columns of C are never written */
        for (int i = 0; i < M; i++)
            for (int j = N; j < ldc; j++) pads &= c0[(size_t)i * ldc + j] == cinit[(size_t)i * ldc + j];
        char name[64];
        snprintf(name, sizeof name, "sl_gemm %c%c %dx%dx%d", ta == CblasTrans ? 'T' : 'N', tb == CblasTrans ? 'T' : 'N', M, N, K);
        char nm[160];
        snprintf(nm, sizeof nm, "%s: same bits at 1, 2, 3, 4 threads", name);
        SL_CHECK(same, nm, "differs between thread counts");
        snprintf(nm, sizeof nm, "%s: agrees with cblas_sgemm to float rounding", name);
        SL_CHECK(worst <= K * (K + 1.0) * FLT_EPSILON, nm, "max |diff| %.3g", worst);
        snprintf(nm, sizeof nm, "%s: leaves C's padding alone", name);
        SL_CHECK(pads, nm, "a padding column was written");
    }
    omp_set_num_threads(saved);
    free(a); free(b); free(c0); free(c); free(ref); free(cinit);
    gsl_rng_free(r);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    test_gemm(2 * SL_GEMM_MB + 76, 2 * SL_GEMM_NB + 88, 37);
    test_gemm(500, 100, 97);
    test_envchol();
    test_subspace();
    test_csr();
    test_syevr();
    test_cycle();
    test_random_spd();
    return sl_test_done();
}
