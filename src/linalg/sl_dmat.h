/* sl_dmat.h — small dense double matrices over LAPACKE (row-major). */
#ifndef SL_DMAT_H
#define SL_DMAT_H

#include <stddef.h>
#include "../core/sl_error.h"

/* a (n, n) ← a⁻¹ by LU with partial pivoting (dgetrf + dgetri).
 * SL_ENUMERIC if a is singular. */
sl_status sl_dmat_inverse(double *a, int n);

/* c (m, n) = a (m, k) · b (k, n). */
void sl_dmat_mul(double *c, const double *a, const double *b, int m, int k, int n);

/* max |a_i − b_i| over n entries. */
double sl_dmat_maxdiff(const double *a, const double *b, size_t n);

#endif
