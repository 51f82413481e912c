#include "sl_dmat.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>

sl_status sl_dmat_inverse(double *a, int n)
{
    lapack_int *ipiv = malloc((size_t)n * sizeof *ipiv);
    if (!ipiv) return sl_fail(SL_ENOMEM, "pivots for a %d x %d inverse", n, n);
    lapack_int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, a, n, ipiv);
    if (info == 0) info = LAPACKE_dgetri(LAPACK_ROW_MAJOR, n, a, n, ipiv);
    free(ipiv);
    if (info > 0) return sl_fail(SL_ENUMERIC, "matrix %d x %d is singular (U(%d,%d) = 0)", n, n, (int)info, (int)info);
    if (info < 0) return sl_fail(SL_EINVAL, "LAPACKE argument %d invalid", (int)-info);
    return SL_OK;
}

void sl_dmat_mul(double *c, const double *a, const double *b, int m, int k, int n)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
}

double sl_dmat_maxdiff(const double *a, const double *b, size_t n)
{
    double d = 0;
    for (size_t i = 0; i < n; i++) d = fmax(d, fabs(a[i] - b[i]));
    return d;
}
