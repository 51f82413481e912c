/* sl_envsolve.h — the solve of an envelope Cholesky factor (sl_envchol.h)
 * with AVX2 vectors where the CPU has them, bit for bit sl_envchol_solve:
 * its forward dot products keep four partial sums in a fixed order, which
 * are exactly the four lanes of one 256-bit register (products rounded,
 * then added; no FMA: this file is built without it and -ffp-contract=off),
 * and the backward sweep is elementwise (y_j −= z_i L_ij), the same at any
 * vector width. Without AVX2 it calls sl_envchol_solve.
 *
 * Why (nne bench, callgrind, N = 10,000 on the circle, 10 eigenpairs):
 * sl_envchol_solve took 44% (uniform) and 39% (squared sampling) of
 * bench_nne's instructions at about 9 instructions per envelope entry per
 * solve (the compiler's baseline x86-64 code: scalar or SSE2); ARPACK's
 * reverse communication hands over one vector at a time, so a blocked
 * multi-right-hand-side solve is not open to it. */
#ifndef SL_ENVSOLVE_H
#define SL_ENVSOLVE_H

#include "sl_envchol.h"

/* y (n) = B⁻¹ x (n), as sl_envchol_solve (same bits); x and y may alias. */
void sl_envchol_solve_fast(sl_envchol *f, const double *x, double *y);

/* 1 if sl_envchol_solve_fast uses its AVX2 path on this CPU */
int sl_envchol_solve_fast_avx2(void);

#endif
