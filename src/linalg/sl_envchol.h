/* sl_envchol.h — solves with a sparse symmetric positive definite matrix:
 * reverse Cuthill–McKee reordering, then a Cholesky factor stored by rows
 * over the matrix's envelope (profile / skyline storage; Cholesky creates no
 * fill outside the envelope). The shift-invert solve of the sparse
 * eigensolver (sl_eigs.h) for graphs whose RCM profile is narrow: points
 * along curves, meshes of moderate size. A fill-reducing supernodal Cholesky
 * (CHOLMOD) would be the next step for wide profiles.
 *
 * The envelope, not a band: where the local degree varies (non-uniform
 * sampling) a band is as wide as the widest row everywhere, the envelope
 * only where it must be. LAPACK has no envelope Cholesky, so the loops are
 * ours (rows are short: BLAS call overhead dominated a ddot per entry): the
 * factor's and the forward solve's dot products in one fixed order (eight
 * partial sums, below), compiled for SSE2, AVX2 and AVX-512 with the same
 * bits (tests/test_sepchol.c compares the factor, tests/test_envsolve.c the
 * solve). sl_sepchol.h splits a matrix into two such envelopes and a
 * separator, factored and solved on two threads.
 *
 * Factors B = c·A + s·I for a symmetric CSR A (A is not kept). */
#ifndef SL_ENVCHOL_H
#define SL_ENVCHOL_H

#include <stddef.h>
#include "../core/sl_error.h"
#include "sl_csr.h"

typedef struct {
    int n;
    int *perm;      /* (n): perm[new] = old */
    int *first;     /* (n): first column of row i's envelope (new indices) */
    size_t *off;    /* (n + 1): row i holds L(i, first[i] .. i) at env[off[i] ..] */
    double *env;    /* (off[n]) */
    double *tmp;    /* (n) */
    int max_width;  /* max_i (i − first[i] + 1) */
} sl_envchol;

/* perm (n) ← reverse Cuthill–McKee order of the symmetric pattern of a
 * (perm[new] = old; each connected component from a pseudo-peripheral node,
 * neighbours by increasing degree, ties by index). */
sl_status sl_rcm_order(const sl_csr *a, int *perm);

/* perm (*m) ← reverse Cuthill–McKee order of the nodes v with in[v] ≠ 0
 * (in NULL: all): first one Cuthill–McKee sweep from the seeds (n_seeds,
 * in the order given; none: skipped), then every node not reached,
 * component by component from a pseudo-peripheral node; the whole reversed,
 * so the seeds come last. Edges to nodes outside the part are not followed. */
sl_status sl_rcm_order_part(const sl_csr *a, const char *in, const int *seeds, int n_seeds, int *perm, int *m);

/* lev (n) ← BFS levels from a pseudo-peripheral node of a's largest
 * connected component (the first of equals by lowest node), −1 outside it;
 * pos (n; NULL: not wanted) ← each node's place in that BFS, −1 outside;
 * *depth ← the largest level. */
sl_status sl_rcm_levels(const sl_csr *a, int *lev, int *pos, int *depth);

/* Factor B = c·a + s·I (a square and symmetric). SL_ENOMEM if the envelope
 * would exceed max_bytes (0: no limit), SL_ENUMERIC if B is not positive
 * definite. On failure *f is zeroed. */
sl_status sl_envchol_factor(sl_envchol *f, const sl_csr *a, double c, double s, size_t max_bytes);

/* y (n) = B⁻¹ x (n); x and y may alias. Compiled for SSE2, AVX2 and
 * AVX-512 (sl_clones.h), the CPU picking one: the forward dot products keep
 * eight partial sums, term k in sum k mod 8 (the tail too), added in a fixed
 * tree, which the vector versions hold in the lanes of one 512-bit or two
 * 256-bit registers (products rounded, then added; no FMA contraction),
 * and the backward sweep is elementwise (y_j −= z_i L_ij), so every version
 * gives the same bits (tests/test_envsolve.c). Why vectors: ARPACK's
 * reverse communication hands over one vector at a time, so the shift-invert
 * solves are not open to a blocked multi-right-hand-side solve, and in
 * baseline x86-64 code they took 39-44 % of the nne bench (callgrind,
 * N = 10,000 on the circle, 10 eigenpairs). */
void sl_envchol_solve(sl_envchol *f, const double *x, double *y);

/* Factor B[P, P] (B = c·a + s·I) for the m rows and columns P = perm
 * (perm[new] = old), in that order: no reordering; entries of a outside P
 * are ignored. f->perm copies perm. sl_envchol_factor is RCM, then this. */
sl_status sl_envchol_factor_order(sl_envchol *f, const sl_csr *a, double c, double s, const int *perm, int m,
                                  size_t max_bytes);

/* The two halves of the solve, in place on z (f->n) in the factor's order:
 * forward L z = z, backward Lᵀ z = z (same operations as sl_envchol_solve). */
void sl_envchol_forward(const sl_envchol *f, double *z);
void sl_envchol_backward(const sl_envchol *f, double *z);

void sl_envchol_free(sl_envchol *f); /* NULL-safe */

#endif
