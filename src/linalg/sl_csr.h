/* sl_csr.h — compressed sparse row matrices (double).
 *
 * Row i holds the entries col[row_ptr[i] .. row_ptr[i+1]) with values val[…],
 * columns strictly increasing within a row (no duplicates). An sl_csr owns its
 * three arrays; sl_csr_free releases them and zeroes the struct. */
#ifndef SL_CSR_H
#define SL_CSR_H

#include <stddef.h>
#include "../core/sl_error.h"

typedef struct {
    int n_rows, n_cols;
    size_t nnz;
    size_t *row_ptr; /* (n_rows + 1) */
    int *col;        /* (nnz), increasing within each row */
    double *val;     /* (nnz) */
} sl_csr;

/* a ← the (n_rows, n_cols) matrix with entries (ri[t], ci[t]) += v[t],
 * t < nnz (COO triplets, any order). Duplicates are summed in input order
 * (so the result is the same bit for bit whatever the machine); explicit zeros
 * are kept. SL_EINVAL if an index lies outside the matrix. On failure *a is
 * zeroed. */
sl_status sl_csr_from_coo(sl_csr *a, int n_rows, int n_cols, size_t nnz,
                          const int *ri, const int *ci, const double *v);

/* a ← a dense (n_rows, n_cols) row-major matrix's non-zero entries. */
sl_status sl_csr_from_dense(sl_csr *a, int n_rows, int n_cols, const double *d);

/* d (n_rows, n_cols) row-major ← a. */
void sl_csr_to_dense(const sl_csr *a, double *d);

/* at ← aᵀ (n_cols, n_rows), columns sorted. */
sl_status sl_csr_transpose(sl_csr *at, const sl_csr *a);

/* y (ny) = A x (nx). SL_EINVAL unless nx = n_cols and ny = n_rows. Rows are
 * independent, so the result does not depend on the number of threads. */
sl_status sl_csr_matvec(const sl_csr *a, const double *x, size_t nx, double *y, size_t ny);

/* y (ny) = Aᵀ x (nx). SL_EINVAL unless nx = n_rows and ny = n_cols.
 * Serial scatter (for repeated products, transpose once and use matvec). */
sl_status sl_csr_matvec_t(const sl_csr *a, const double *x, size_t nx, double *y, size_t ny);

/* max |a_ij − a_ji| over stored entries (∞ if a is not square). */
double sl_csr_asymmetry(const sl_csr *a);

void sl_csr_free(sl_csr *a); /* NULL-safe */

#endif
