/* sl_circular.h — circular random-matrix ensembles, in double complex over
 * LAPACKE, drawn by a pluggable construction.
 *
 * The construction here, sl_cons_haar, gives the textbook ensembles: CUE by
 * Mezzadri's method: QR of a complex Ginibre matrix Z (entries (g + i g')/√2),
 * U = Q · diag(r_ii / |r_ii|), Haar on U(N). COE = Uᵀ U, CSE = J Uᵀ Jᵀ U with
 * U a 2N CUE and J = I_N ⊗ [[0, 1], [−1, 0]] (matrix products): unitary,
 * eigenvalues on the unit circle, CSE's doubly degenerate. Other
 * constructions (erg's published one: src/erg/sl_bristol.h) are an
 * sl_construction defined where they are used.
 * A matrix of "size N" has N eigenvalues (CUE, COE) or 2N (CSE). */
#ifndef SL_CIRCULAR_H
#define SL_CIRCULAR_H

#include <complex.h>
#include <gsl/gsl_rng.h>
#include <lapacke.h>
#include "../core/sl_error.h"

typedef enum { SL_CUE = 0, SL_COE, SL_CSE } sl_ensemble;
extern const char *const sl_ensemble_names[];     /* "CUE", "COE", "CSE", NULL */

/* Eigenvalues per matrix of size n. */
int sl_circular_n_eig(sl_ensemble e, int n);

/* Scratch for matrices up to dimension nmax (2N for CSE). */
typedef struct {
    int nmax;
    double complex *a, *b, *c;   /* (nmax, nmax) scratch each */
    double complex *m;           /* (nmax, nmax) the drawn matrix (sl_circular_eigvals) */
    double complex *tau, *w;     /* (nmax) */
    double *lambda;              /* (nmax) Hermitian eigenvalues (zheevr for bristol, Cayley's zheevd) */
    double *rwork;               /* zheevr/zheevd: (1 + 24 nmax + 2 nmax²) + pad */
    double complex *work;        /* zheevr/zheevd/zgetri: (2 nmax + nmax²) + pad */
    lapack_int *iwork;           /* zheevr: 10 nmax + isuppz 2 nmax; zheevd, ipiv: less; + pad */
} sl_circular_ws;

sl_status sl_circular_ws_alloc(sl_circular_ws *ws, int nmax);
void sl_circular_ws_free(sl_circular_ws *ws); /* NULL-safe */

/* How the matrices of an ensemble are drawn, and their eigenvalues found.
 * Both functions may assume dim = sl_circular_n_eig(e, n) <= ws->nmax. */
typedef struct {
    const char *name;
    /* m (dim, dim) ← one matrix of ensemble e and size n, drawn from r; ws->a,
     * ws->b, ws->c are scratch (m is none of them) */
    sl_status (*matrix)(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *m);
    /* ev (dim) ← eigenvalues of one matrix drawn as `matrix` does (into ws->m) */
    sl_status (*eigvals)(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *ev);
} sl_construction;

extern const sl_construction sl_cons_haar; /* "haar" */

/* J_ij of J = I ⊗ [[0, 1], [−1, 0]]: J_{2k,2k+1} = 1, J_{2k+1,2k} = −1, else 0. */
double sl_symplectic_j(int i, int j);

/* Draw one matrix of (ensemble, construction, size n) into m (dim × dim,
 * row-major, dim = sl_circular_n_eig), using ws->a, ws->b, ws->c as
 * scratch (m must be none of them). */
sl_status sl_circular_matrix(sl_circular_ws *ws, sl_ensemble e, const sl_construction *c, int n,
                             gsl_rng *r, double complex *m);

/* Eigenvalues of one drawn matrix into ev (sl_circular_n_eig(e, n)), as the
 * construction finds them (Haar: sl_unitary_eigvals). */
sl_status sl_circular_eigvals(sl_circular_ws *ws, sl_ensemble e, const sl_construction *c, int n,
                              gsl_rng *r, double complex *ev);

/* Eigenvalues of a unitary u (n, n), unchanged, into ev, through the
 * Cayley transform A = i(I − U)(I + U)⁻¹ (Hermitian) and zheevd: several
 * times cheaper than zgeev and exactly on the unit circle. Uses ws->c,
 * ws->work, ws->rwork, ws->iwork, ws->lambda. The caller guarantees
 * unitarity (to rounding); tests compare with zgeev. */
sl_status sl_unitary_eigvals(sl_circular_ws *ws, const double complex *u, int n, double complex *ev);

/* General complex eigenvalues (LAPACKE_zgeev, no vectors) of a (n, n),
 * which is overwritten. */
sl_status sl_zeigvals(double complex *a, int n, double complex *ev);

/* The ensemble of M = n_chunks × per_chunk matrices: chunk k draws its
 * per_chunk matrices in order from a generator seeded with seeds[k], so the
 * eigenvalues ev (M × n_eig, matrix by matrix) are the same whatever the
 * number of workers (chunks run in `threads` worker processes; BLAS is
 * single-threaded, sl_blas.h). */
sl_status sl_circular_ensemble(sl_ensemble e, const sl_construction *c, int n,
                               const unsigned long *seeds, int n_chunks, int per_chunk,
                               int threads, double complex *ev);

#endif
