/* sl_eigs.h — a few eigenpairs of a large symmetric operator, by ARPACK's
 * implicitly restarted Lanczos (dsaupd/dseupd), behind a matvec callback.
 *
 *   sl_eigs_ws ws;
 *   sl_eigs_ws_alloc(&ws, n, nev, 0);           // ncv = 0: a default
 *   sl_eigs_sym(&ws, n, matvec, ctx, nev, SL_EIGS_LA, 0, 0, NULL, lambda, v);
 *   sl_eigs_ws_free(&ws);
 *
 * The operator is only ever applied through the callback (reverse
 * communication), so it may be a CSR matrix (sl_csr_matvec), a product of
 * factors, or anything else symmetric. Shift-invert (ARPACK mode 3) takes a
 * second callback that solves (A − σI) y = x; it finds the eigenvalues
 * nearest σ fast when they are clustered relative to the spectrum's width.
 *
 * The start vector is a fixed pseudo-random vector (or ws->v0), so the same
 * call gives the same eigenpairs bit for bit. ARPACK keeps Fortran SAVE
 * state: call it from one thread at a time. */
#ifndef SL_EIGS_H
#define SL_EIGS_H

#include "../core/sl_error.h"

/* y (n) = Op x (n). Return SL_OK, or a failing status (with sl_fail) to stop. */
typedef sl_status (*sl_linop_fn)(void *ctx, int n, const double *x, double *y);

typedef enum {
    SL_EIGS_LA, /* largest algebraic, returned in descending order          */
    SL_EIGS_SA, /* smallest algebraic, returned in ascending order          */
    SL_EIGS_LM  /* largest magnitude, returned by descending |λ|;
                   with a shift: nearest σ, returned by ascending |λ − σ|   */
} sl_eigs_which;

typedef struct {
    double sigma;        /* shift σ                                */
    sl_linop_fn solve;   /* y = (A − σI)⁻¹ x                        */
    void *ctx;
} sl_eigs_shift;

typedef struct {
    int nmax, nev_max, ncv;
    double *resid;    /* (nmax): start vector, then residual           */
    double *v;        /* (nmax, ncv) column-major: Lanczos basis       */
    double *workd;    /* (3 nmax)                                      */
    double *workl;    /* (lworkl = ncv (ncv + 8))                      */
    double *d;        /* (ncv): Ritz values                            */
    int *select;      /* (ncv)                                         */
    int *order;       /* (ncv)                                         */
    int lworkl;
    const double *v0; /* optional start vector (n), NULL for the fixed one */
    /* statistics of the last sl_eigs_sym call */
    int iterations;   /* Lanczos restarts                               */
    int n_ops;        /* operator applications (matvec or solve)        */
    int nconv;        /* converged Ritz values                          */
} sl_eigs_ws;

/* Workspace for operators of dimension ≤ nmax and up to nev_max eigenpairs
 * with ncv Lanczos vectors (nev_max < ncv ≤ nmax; 0 picks
 * min(nmax, max(2 nev_max + 1, 20))). On failure *ws is zeroed. */
sl_status sl_eigs_ws_alloc(sl_eigs_ws *ws, int nmax, int nev_max, int ncv);
void sl_eigs_ws_free(sl_eigs_ws *ws); /* NULL-safe */

/* The nev eigenpairs of the symmetric operator `matvec` (dimension n) chosen
 * by `which`, to relative accuracy tol (0: machine precision) within
 * maxiter restarts (0: 1000). With `shift` (may be NULL) ARPACK iterates on
 * (A − σI)⁻¹ and `matvec` is not called (it may be NULL); `which` then
 * applies to 1/(λ − σ), so SL_EIGS_LM gives the eigenvalues nearest σ.
 * eigvals (nev) sorted as `which` says; eigvecs (n, nev) column-major,
 * orthonormal (eigvecs + j·n belongs to eigvals[j]), or NULL.
 * SL_EINVAL on bad dimensions (0 < nev < n, n ≤ nmax, nev ≤ nev_max);
 * SL_ENUMERIC if ARPACK stops without nev converged pairs (ws->nconv says
 * how many did; raise maxiter or ncv) or reports an error; a status from a
 * callback is passed on unchanged. */
sl_status sl_eigs_sym(sl_eigs_ws *ws, int n, sl_linop_fn matvec, void *ctx, int nev, sl_eigs_which which,
                      double tol, int maxiter, const sl_eigs_shift *shift, double *eigvals, double *eigvecs);

#endif
