/* sl_dmaps.h — diffusion maps (Coifman & Lafon 2006) as datafold implements
 * them (nne thesis §2.2–2.3; IMPLEMENTATION-NOTES, nne):
 *
 *   K_ij = exp(−r_ij² / (2ε)) for r_ij ≤ cut-off (sparse, from a k-d tree
 *          radius search; never an N × N dense matrix on the sparse path)
 *   q = K·1,  K⁽α⁾_ij = K_ij / (q_i^α q_j^α)   (α = 1: Laplace–Beltrami,
 *                                              α = 0: graph Laplacian)
 *   d = K⁽α⁾·1,  S = D^{-1/2} K⁽α⁾ D^{-1/2}     (symmetric conjugate of the
 *                                              Markov matrix P = D⁻¹K⁽α⁾)
 *   S φ = λ φ for the k largest λ, ψ = D^{-1/2} φ with unit columns,
 *   μ = −2 ln λ / ε                           (Laplace–Beltrami eigenvalues:
 *                                              0, 1, 1, 4, 4, … on the unit circle)
 *
 * The k largest λ sit in a cluster near 1 (1 − λ ≈ εμ/2), so the sparse
 * path runs ARPACK in shift-invert mode at σ > 1, as datafold does through
 * SciPy (σ = 1.1), with (σI − S) factored by one level of dissection over two envelope
 * Cholesky blocks (sl_sepchol.h); σ = 0 selects ARPACK's regular mode (largest algebraic).
 * The dense path (dsyevr on the same S) is the small-N oracle. */
#ifndef SL_DMAPS_H
#define SL_DMAPS_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include "../core/sl_error.h"
#include "../linalg/sl_csr.h"

typedef enum { SL_DMAPS_SPARSE, SL_DMAPS_DENSE } sl_dmaps_solver;

typedef struct {
    double eps;      /* kernel scale ε: exp(−r²/(2ε))                    */
    double cutoff;   /* pairs farther apart are dropped (∞: none)        */
    double alpha;    /* α-normalisation, in [0, 1]                       */
    int k;           /* eigenpairs, 1 ≤ k < n                            */
    double sigma;    /* shift-invert shift (> 1), 0 for regular mode      */
    double tol;      /* ARPACK tolerance, 0 for machine precision         */
    sl_dmaps_solver solver;
} sl_dmaps_params;

typedef struct {
    int n, k;
    double *lambda;   /* (k) eigenvalues of S (= of P), descending       */
    double *mu;       /* (k) −2 ln λ / ε                                  */
    double *psi;      /* (n, k) column-major: eigenvectors of P, unit 2-norm,
                         sign: largest-magnitude entry positive          */
    double *dhalf;    /* (n) d_i^{1/2} (ψ_j ∝ φ_j / dhalf)               */
    size_t nnz;       /* stored kernel entries                           */
    size_t env;       /* entries of the Cholesky factor (shift-invert)    */
    int max_width;    /* widest envelope row of its two blocks            */
    int n_sep;        /* rows of its separator (sl_sepchol.h)             */
    int n_ops;        /* ARPACK operator applications                     */
    double t_kernel;  /* seconds: neighbour search, kernel, normalisation */
    double t_eig;     /* seconds: factorisation and eigensolver           */
} sl_dmaps_result;

/* datafold's scale heuristic: cut-off = the largest distance, over a random
 * subsample of min(n, n_sub) points, from a sampled point to its k_nn-th
 * nearest neighbour among all n points (the point itself counts as the
 * first); ε = cut-off² / (−ln tol). Defaults in the thesis: k_nn = 25,
 * n_sub = 1000, tol = 1e-8. */
sl_status sl_dmaps_scale(const double *x, int n, int d, int k_nn, int n_sub, double tol, gsl_rng *r,
                         double *cutoff, double *eps);

/* Diffusion maps of the points x (n, d) row-major. res is allocated here
 * (sl_dmaps_result_free). SL_EINVAL on bad parameters; SL_ENUMERIC if a
 * point has no kernel mass or the eigensolver fails. */
sl_status sl_dmaps(const double *x, int n, int d, const sl_dmaps_params *p, sl_dmaps_result *res);

void sl_dmaps_result_free(sl_dmaps_result *res); /* NULL-safe */

/* The operator alone: s ← S = D^{-1/2} K⁽α⁾ D^{-1/2} (n, n) of the points x
 * (n, d) in their own order, with the kernel of sl_dmaps (ε, cut-off, α);
 * SpectralNet's eigenvalues are Rayleigh quotients on it (sl_snet.h).
 * *s is allocated here (sl_csr_free). */
sl_status sl_dmaps_operator(const double *x, int n, int d, double eps, double cutoff, double alpha, sl_csr *s);

/* Spectral clustering (thesis Algorithm 1, Shi–Malik form): the diffusion
 * map with p (p->k = n_clusters eigenvectors, usually α = 0), then k-means
 * (k-means++ seeding, n_init restarts) on the rows of ψ (n, k).
 * label (n) ∈ [0, n_clusters). */
sl_status sl_spectral_cluster(const double *x, int n, int d, const sl_dmaps_params *p, int n_init, gsl_rng *r,
                              int *label);

#endif
