/* sl_subspace.h — distances between k-dimensional subspaces of R^n, each
 * given by k spanning columns (column-major (n, k), not necessarily
 * orthonormal): principal angles, two Grassmann distances, a projection
 * error and the orthogonality defect.
 *
 * Principal angles θ_1 ≤ … ≤ θ_k: orthonormalise both bases (QR), then
 * cos θ are the singular values of Q1ᵀQ2 and sin θ those of
 * (I − Q1Q1ᵀ)Q2; each angle is taken from whichever is better conditioned
 * (sines below 1/√2), so θ = 0 is found to ε, not √ε. */
#ifndef SL_SUBSPACE_H
#define SL_SUBSPACE_H

#include "../core/sl_error.h"

typedef struct {
    int nmax, kmax;
    double *q1, *q2;   /* (nmax, kmax) + pad */
    double *m, *p;     /* (kmax, kmax), (nmax, kmax) */
    double *s, *tau, *work;
    int lwork;
} sl_subspace_ws;

sl_status sl_subspace_ws_alloc(sl_subspace_ws *ws, int nmax, int kmax);
void sl_subspace_ws_free(sl_subspace_ws *ws); /* NULL-safe */

/* theta (k) ← principal angles between span(a) and span(b), ascending, in
 * [0, π/2]; a, b (n, k) column-major. SL_ENUMERIC if a basis is rank
 * deficient (a zero pivot in its QR). */
sl_status sl_principal_angles(sl_subspace_ws *ws, int n, int k, const double *a, const double *b, double *theta);

/* Geodesic Grassmann distance √Σθ² (the thesis' formula). */
double sl_grassmann_geodesic(const double *theta, int k);
/* Chordal (projection) form Σ sin²θ (SpectralNet's code; = ‖P1 − P2‖_F² / 2). */
double sl_grassmann_sin2(const double *theta, int k);

/* Projection error Σ_j ‖(I − QQᵀ) w_j/‖w_j‖‖² of the columns of w (n, k)
 * onto span(q) (n, k), q orthonormalised first. */
sl_status sl_projection_error(sl_subspace_ws *ws, int n, int k, const double *q, const double *w, double *err);

/* Orthogonality defect ‖I − VᵀV‖_F of v (n, k) as given (no normalisation). */
double sl_orthogonality(int n, int k, const double *v);

#endif
