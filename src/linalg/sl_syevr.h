/* sl_syevr.h — dense symmetric eigenproblems over LAPACK dsyevr (MRRR):
 * all eigenpairs, or those with indices in a range. The small-N route of the
 * spectral methods and the oracle the sparse solver (sl_eigs.h) is tested
 * against.
 *
 * Eigenvectors are returned as columns of a column-major (n, m) block:
 * z + j·n is the eigenvector of w[j]; eigenvalues ascending. */
#ifndef SL_SYEVR_H
#define SL_SYEVR_H

#include "../core/sl_error.h"

typedef struct {
    int nmax;
    double *a;     /* (nmax, nmax) + spare column: a copy dsyevr may destroy */
    double *work;  /* (lwork) */
    int *iwork;    /* (liwork) */
    int *isuppz;   /* (2 nmax) */
    double *w;     /* (nmax): dsyevr's W has n entries whatever the range */
    int lwork, liwork;
} sl_syevr_ws;

/* Workspace for dimensions up to nmax. On failure *ws is zeroed. */
sl_status sl_syevr_ws_alloc(sl_syevr_ws *ws, int nmax);
void sl_syevr_ws_free(sl_syevr_ws *ws); /* NULL-safe */

/* Eigenpairs lo ≤ j < hi (0-based, ascending order; lo = 0, hi = n for all)
 * of the symmetric a (n, n) (only its lower triangle is read, in column-major
 * terms, i.e. the upper triangle of a row-major matrix; a is not modified).
 * w (hi − lo) ascending, z (n, hi − lo) column-major or NULL for eigenvalues
 * only. SL_EINVAL on bad dimensions, SL_ENUMERIC if LAPACK fails. */
sl_status sl_syevr(sl_syevr_ws *ws, int n, const double *a, int lo, int hi, double *w, double *z);

#endif
