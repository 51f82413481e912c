#include "sl_bristol.h"

#include <lapacke.h>
#include <math.h>

const char *const sl_erg_construction_names[] = {"haar", "bristol", NULL};

/* Bristol's CUE, U = V diag(ph), kept factored: z (n, n; ws->b, column j =
 * conj of H's j-th eigenvector) and the phases ph (n; ws->w), so that
 * u_ij = conj(z_ji) ph_j (bristol_u). Uses ws->c as scratch. The COE and
 * CSE read the entries of U they need straight from z (no n × n copy). */
static sl_status bristol_vectors(sl_circular_ws *ws, int n, gsl_rng *r)
{
    /* draw order as bristol: the n phases, then A, then B */
    for (int j = 0; j < n; j++) {
        double th = 1.0 + (2 * M_PI - 1.0) * gsl_rng_uniform(r);
        ws->w[j] = cos(th) + I * sin(th);
    }
    double complex *h = ws->c;
    const size_t nn = (size_t)n * (size_t)n;
    for (size_t i = 0; i < nn; i++) h[i] = gsl_rng_uniform(r);         /* A */
    for (size_t i = 0; i < nn; i++) h[i] += I * gsl_rng_uniform(r);    /* + iB */
    /* (M + M^H)/2, in square tiles so that the transposed reads stay in cache */
    enum { TB = 32 };
    for (int i0 = 0; i0 < n; i0 += TB)
        for (int j0 = i0; j0 < n; j0 += TB)
            for (int i = i0; i < i0 + TB && i < n; i++)
                for (int j = j0 > i ? j0 : i; j < j0 + TB && j < n; j++) {
                    double complex x = h[(size_t)i * n + j], y = h[(size_t)j * n + i];
                    h[(size_t)i * n + j] = 0.5 * (x + conj(y));
                    h[(size_t)j * n + i] = 0.5 * (y + conj(x));
                }
    /* Column-major, h holds Hᵀ = conj(H) (H is Hermitian): its eigenvectors
     * are the conjugates of H's, returned as the columns of z, and the
     * eigenvalues are the same (ascending, as numpy's eigh; numpy's eig
     * order is LAPACK's too for these matrices). zheevr (MRRR) computes all
     * n vectors about twice as fast as zheevd here. Own, padded work arrays
     * (padded by sl_circular_ws_alloc, src/rmt/sl_circular.c); the vectors' phases are fixed below, so the solver's
     * phase convention does not matter. */
    double complex *z = ws->b;
    lapack_int found = 0, *isuppz = ws->iwork + 10 * (size_t)n;
    const lapack_int lwork = 2 * n + n * n, lrwork = 1 + 24 * n + 2 * n * n, liwork = 10 * n;
    lapack_int info = LAPACKE_zheevr_work(LAPACK_COL_MAJOR, 'V', 'A', 'U', n, h, n, 0, 0, 0, 0, 0, &found,
                                          ws->lambda, z, n, isuppz, ws->work, lwork, ws->rwork, lrwork,
                                          ws->iwork, liwork);
    if (info || found != n) return sl_fail(SL_ENUMERIC, "zheevr failed (%d, %d of %d vectors)", (int)info, (int)found, n);
    for (int j = 0; j < n; j++) {
        const double complex *vbar = z + (size_t)j * n; /* conj of H's j-th eigenvector */
        /* numpy's eig (zgeev) makes each eigenvector's largest component
         * real: the first component of largest cabs. |v|² (re² + im², within
         * 2 ulp of the exact square) screens out components more than 1e-9
         * below the best so far, whose cabs (within 1 ulp) cannot beat it:
         * the same choice as cabs on every component, without most hypot calls */
        int imax = 0;
        double best = -1, best2 = -1;
        for (int i = 0; i < n; i++) {
            const double re = creal(vbar[i]), im = cimag(vbar[i]), s2 = re * re + im * im;
            if (s2 < best2 * (1 - 1e-9)) continue;
            double m = cabs(vbar[i]);
            if (m > best) { best = m; best2 = s2; imax = i; }
        }
        ws->w[j] = vbar[imax] / best * ws->w[j]; /* = conj(v_imax)/|v_imax| · phase */
    }
    return SL_OK;
}

/* u_ij of bristol's U from the factors of bristol_vectors (z (n, n), ph (n)) */
static inline double complex bristol_u(const double complex *z, const double complex *ph, size_t n, size_t i,
                                       size_t j)
{
    return conj(z[j * n + i]) * ph[j];
}

/* u (n, n) ← bristol's CUE: phases times the eigenvectors of a Hermitian
 * matrix with uniform [0, 1) entries. Uses ws->b, ws->c as scratch. */
static sl_status cue_bristol(sl_circular_ws *ws, int n, gsl_rng *r, double complex *u)
{
    SL_TRY(bristol_vectors(ws, n, r));
    /* u_ij = v_i^(j) · ph_j: a conjugating transpose of z, in column blocks so
     * that both the reads and the writes stay in cache */
    enum { JB = 16 };
    for (int j0 = 0; j0 < n; j0 += JB) {
        const int j1 = j0 + JB < n ? j0 + JB : n;
        for (int i = 0; i < n; i++)
            for (int j = j0; j < j1; j++) u[(size_t)i * n + j] = bristol_u(ws->b, ws->w, (size_t)n, (size_t)i, (size_t)j);
    }
    return SL_OK;
}

/* (J ∘ Uᵀ ∘ J ∘ U)_ij, with u_ji and u_ij given */
static inline double complex cse_entry_of(double complex uji, double complex uij, size_t i, size_t j)
{
    double z = sl_symplectic_j((int)i, (int)j);
    return z * uji * z * uij;
}

/* (J ∘ Uᵀ ∘ J ∘ U)_ij of u (d, d) */
static inline double complex cse_entry(const double complex *u, size_t d, size_t i, size_t j)
{
    return cse_entry_of(u[j * d + i], u[i * d + j], i, j);
}

static sl_status bristol_matrix(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *m)
{
    const int dim = sl_circular_n_eig(e, n);
    const size_t d = (size_t)dim;
    if (e == SL_COE) { /* Uᵀ ∘ U, from the factors of U, in square tiles (cache) */
        SL_TRY(bristol_vectors(ws, dim, r));
        const double complex *z = ws->b, *ph = ws->w;
        enum { TB = 32 };
        for (size_t i0 = 0; i0 < d; i0 += TB)
            for (size_t j0 = 0; j0 < d; j0 += TB)
                for (size_t i = i0; i < i0 + TB && i < d; i++)
                    for (size_t j = j0; j < j0 + TB && j < d; j++)
                        m[i * d + j] = bristol_u(z, ph, d, j, i) * bristol_u(z, ph, d, i, j);
        return SL_OK;
    }
    double complex *u = e == SL_CUE ? m : ws->a;
    SL_TRY(cue_bristol(ws, dim, r, u));
    if (e == SL_CSE) /* (J ∘ Uᵀ ∘ J) ∘ U */
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < d; j++) m[i * d + j] = cse_entry(u, d, i, j);
    return SL_OK;
}

static sl_status bristol_eigvals(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *ev)
{
    const int dim = sl_circular_n_eig(e, n);
    double complex *m = ws->m;
    if (e == SL_CSE) {
        /* the matrix is 2 × 2 blocks [[0, p], [p, 0]] (J's pattern): only U is
         * drawn, kept factored, and p read off its two entries, eigenvalues
         * ±p (test_rmt: equal to zgeev's) */
        SL_TRY(bristol_vectors(ws, dim, r));
        const size_t d = (size_t)dim;
        for (int k = 0; k < n; k++) {
            const size_t i = (size_t)(2 * k), j = i + 1;
            double complex p = cse_entry_of(bristol_u(ws->b, ws->w, d, j, i), bristol_u(ws->b, ws->w, d, i, j), i, j);
            ev[2 * k] = p;
            ev[2 * k + 1] = -p;
        }
        return SL_OK;
    }
    SL_TRY(bristol_matrix(ws, e, n, r, m));
    /* the CUE is unitary (Hermitian eigenvectors times phases); the COE is not */
    if (e == SL_CUE) return sl_unitary_eigvals(ws, m, dim, ev);
    return sl_zeigvals(m, dim, ev);
}

const sl_construction sl_cons_bristol = {"bristol", bristol_matrix, bristol_eigvals};
const sl_construction *const sl_erg_constructions[] = {&sl_cons_haar, &sl_cons_bristol};
