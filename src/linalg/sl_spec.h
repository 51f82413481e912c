/* sl_spec.h — spectral quantities of dense matrices: singular values,
 * general eigenvalues and eigenvectors (LAPACKE), the spectral norm by power
 * iteration, stable rank and condition number, and the linear assignment
 * problem used to pair two spectra.
 *
 * Matrices are row-major. These are analysis routines (called a few times
 * per epoch, not in a forward/backward pass): the LAPACK ones allocate a
 * copy of their input and LAPACK's workspace themselves. */
#ifndef SL_SPEC_H
#define SL_SPEC_H

#include <complex.h>
#include <stddef.h>
#include "../core/sl_error.h"

/* s (min(m, n)) ← singular values of a (m, n), descending (dgesdd, no vectors). */
sl_status sl_svd_values(const double *a, int m, int n, double *s);

/* ev (n) ← eigenvalues of a general real a (n, n) (dgeev); if vr is not
 * NULL, vr (n, n) receives the right eigenvectors as COLUMNS, column j the
 * unit-2-norm eigenvector of ev[j] (complex-conjugate pairs unpacked). */
sl_status sl_eig_general(const double *a, int n, double complex *ev, double complex *vr);

/* ‖a‖₂ = σ_max of a float matrix a (m, n) by power iteration on aᵀa in double:
 * v ← aᵀ(a v)/‖·‖, σ = ‖a v‖, from the start vector v (n) (updated in place,
 * so a caller can warm-start the next call; an all-zero v becomes
 * (1, …, 1)/√n), until the relative change of σ is below tol or maxit
 * iterations. u (m) is scratch. Power iteration approaches σ_max from below.
 * *iters (may be NULL) receives the iterations used. */
sl_status sl_power_norm(const float *a, int m, int n, double *v, double *u, double tol, int maxit,
                        double *sigma, int *iters);

/* From singular values s (k), descending:
 *   stable rank  Σ σ_i² / σ_1²   (1 ≤ srank ≤ rank; 0 for the zero matrix)
 *   condition    σ_1 / σ_k       (INFINITY if σ_k = 0) */
double sl_stable_rank(const double *s, int k);
double sl_condition(const double *s, int k);

/* The summary of a (m, n) the ops probes draw: ‖a‖₂, stable rank,
 * condition number σ_1/σ_k over its first k singular values (k ≤ min(m, n);
 * 0: min(m, n); a product of factors has rank ≤ its narrowest factor, so
 * its condition number is taken over that many), Frobenius norm. */
typedef struct {
    double norm2, stable_rank, cond, fro;
} sl_spec_stats;
sl_status sl_spec_stats_of(const double *a, int m, int n, int k, sl_spec_stats *st);

/* a (n, n) ← the orthogonal factor Q of its QR decomposition (dgeqrf +
 * dorgqr); of a Gaussian a, a Haar-distributed orthogonal matrix up to
 * column signs. */
sl_status sl_qr_q(double *a, int n);

/* Linear assignment: perm (n) ← the permutation minimising Σ_i cost[i, perm[i]]
 * over cost (n, n) (Hungarian method with potentials, O(n³)); *total (may be
 * NULL) ← that minimum. Costs must be finite. */
sl_status sl_assign_min(const double *cost, int n, int *perm, double *total);

#endif
