/* sl_sepchol.h — solves with a sparse symmetric positive definite matrix
 * on two threads: one level of dissection over the envelope Cholesky
 * (sl_envchol.h).
 *
 * A level set S of the matrix graph's BFS level structure (from a
 * pseudo-peripheral node, the level that best halves the rest) separates
 * the nodes before it (block 0) from those after it (block 1); other
 * connected components join the smaller block. With the rows ordered
 * [block 0, block 1, S],
 *
 *     B = | B00   0   B0Sᵀ |      L = | L0   0   0  |
 *         |  0   B11  B1Sᵀ |          | 0    L1  0  |
 *         | B0S  B1S  BSS  |          | W0   W1  LS |
 *
 * L0 and L1 are envelope Cholesky factors of the blocks, each block in
 * reverse Cuthill–McKee order from its nodes next to S (sl_rcm_order_part:
 * those come last, so Wp = BpS Lp⁻ᵀ is non-zero only on that tail), and LS
 * the dense Cholesky factor (LAPACK) of the Schur complement
 * BSS − W0 W0ᵀ − W1 W1ᵀ. The two blocks are factored, and in every solve
 * swept forward and backward, one per OpenMP thread; only the small
 * separator is serial. The split is the graph's, not the thread count's:
 * the same bits on one thread or two (tests/test_sepchol.c).
 *
 * Why: the nne diffusion maps' shift-invert solves (ARPACK hands over one
 * vector at a time) are a chain of short dot products along an envelope;
 * on one thread (perf, bench_nne uniform, 30 runs, 2026-12-06) the solve
 * took 33 % of both threads' samples and the factor 5 %, about two thirds
 * of the main thread's, while the second thread waited. Where no useful
 * separator exists (depth < 2, or S larger than n/4 or 2048 rows) block 1
 * and S are empty and this is the envelope Cholesky of the whole matrix. */
#ifndef SL_SEPCHOL_H
#define SL_SEPCHOL_H

#include <stddef.h>
#include "../core/sl_error.h"
#include "sl_csr.h"
#include "sl_envchol.h"

typedef struct {
    int n;
    sl_envchol blk[2]; /* the two blocks; blk[p].perm maps its rows to a's */
    int ns;            /* rows of the separator */
    int *sep;          /* (ns): the separator's rows of a */
    int tail[2];       /* Wp's columns: the last tail[p] rows of block p */
    double *w[2];      /* (ns, tail[p]) row-major: Wp on the tail */
    double *ls;        /* (ns, ns) row-major, lower: LS */
    double *zs;        /* (ns) */
} sl_sepchol;

/* Factor B = c·a + s·I (a square and symmetric; pattern symmetric).
 * SL_ENOMEM if the envelopes would exceed max_bytes (0: no limit),
 * SL_ENUMERIC if B is not positive definite. On failure *f is zeroed. */
sl_status sl_sepchol_factor(sl_sepchol *f, const sl_csr *a, double c, double s, size_t max_bytes);

/* y (n) = B⁻¹ x (n); x and y may alias. */
void sl_sepchol_solve(sl_sepchol *f, const double *x, double *y);

/* stored entries: both envelopes, W0, W1 and LS's lower triangle */
size_t sl_sepchol_entries(const sl_sepchol *f);

void sl_sepchol_free(sl_sepchol *f); /* NULL-safe */

#endif
