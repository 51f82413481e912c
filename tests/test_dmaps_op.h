/* test_dmaps_op.h — the matrix the nne shift-invert solves factor, for the
 * solver tests (test_envsolve.c, test_sepchol.c): S of n points on the unit
 * circle drawn from r, squared sampling (rows of varying width), ε = 1e-4,
 * α = 1, kernel cut where exp(−r²/2ε) < 1e-8. Returns 1 on success. */
#ifndef TEST_DMAPS_OP_H
#define TEST_DMAPS_OP_H

#include <math.h>
#include <stdlib.h>

#include "nne/sl_dmaps.h"
#include "nne/sl_nne_data.h"

static inline int dmaps_test_operator(gsl_rng *r, int n, sl_csr *s)
{
    double *th = malloc((size_t)n * sizeof *th), *x = malloc(2 * (size_t)n * sizeof *x);
    int ok = th && x;
    if (ok) {
        sl_circle_sample(r, n, SL_CIRCLE_SQUARED, th, x);
        const double eps = 1e-4, cut = sqrt(2 * eps * log(1e8));
        ok = sl_dmaps_operator(x, n, 2, eps, cut, 1.0, s) == SL_OK;
    }
    free(th);
    free(x);
    return ok;
}

#endif
