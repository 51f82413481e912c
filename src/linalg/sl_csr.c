#include "sl_csr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sl_csr_free(sl_csr *a)
{
    if (!a) return;
    free(a->row_ptr);
    free(a->col);
    free(a->val);
    memset(a, 0, sizeof *a);
}

static sl_status csr_alloc(sl_csr *a, int n_rows, int n_cols, size_t nnz)
{
    memset(a, 0, sizeof *a);
    a->n_rows = n_rows;
    a->n_cols = n_cols;
    a->nnz = nnz;
    a->row_ptr = calloc((size_t)n_rows + 1, sizeof *a->row_ptr);
    a->col = malloc((nnz ? nnz : 1) * sizeof *a->col);
    a->val = malloc((nnz ? nnz : 1) * sizeof *a->val);
    if (!a->row_ptr || !a->col || !a->val) {
        sl_csr_free(a);
        return sl_fail(SL_ENOMEM, "CSR matrix %d x %d with %zu entries", n_rows, n_cols, nnz);
    }
    return SL_OK;
}

/* one entry of a row being sorted: column, then input position (stable) */
typedef struct {
    int col;
    size_t pos;
} entry;

static int cmp_entry(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    if (a->col != b->col) return (a->col > b->col) - (a->col < b->col);
    return (a->pos > b->pos) - (a->pos < b->pos);
}

sl_status sl_csr_from_coo(sl_csr *a, int n_rows, int n_cols, size_t nnz,
                          const int *ri, const int *ci, const double *v)
{
    memset(a, 0, sizeof *a);
    if (n_rows < 0 || n_cols < 0) return sl_fail(SL_EINVAL, "CSR: negative dimension %d x %d", n_rows, n_cols);
    for (size_t t = 0; t < nnz; t++)
        if (ri[t] < 0 || ri[t] >= n_rows || ci[t] < 0 || ci[t] >= n_cols)
            return sl_fail(SL_EINVAL, "CSR: triplet %zu at (%d, %d) outside a %d x %d matrix", t, ri[t], ci[t],
                           n_rows, n_cols);
    size_t *start = calloc((size_t)n_rows + 1, sizeof *start);
    entry *e = malloc((nnz ? nnz : 1) * sizeof *e);
    if (!start || !e) {
        free(start); free(e);
        return sl_fail(SL_ENOMEM, "CSR from %zu triplets", nnz);
    }
    /* counting sort by row keeps input order within a row */
    for (size_t t = 0; t < nnz; t++) start[ri[t] + 1]++;
    for (int i = 0; i < n_rows; i++) start[i + 1] += start[i];
    size_t *fill = malloc(((size_t)n_rows + 1) * sizeof *fill);
    if (!fill) {
        free(start); free(e);
        return sl_fail(SL_ENOMEM, "CSR from %zu triplets", nnz);
    }
    memcpy(fill, start, ((size_t)n_rows + 1) * sizeof *fill);
    for (size_t t = 0; t < nnz; t++) e[fill[ri[t]]++] = (entry){ci[t], t};
    free(fill);
    /* sort each row by column (ties by input position), count distinct columns */
    size_t distinct = 0;
    for (int i = 0; i < n_rows; i++) {
        size_t lo = start[i], hi = start[i + 1];
        qsort(e + lo, hi - lo, sizeof *e, cmp_entry);
        for (size_t t = lo; t < hi; t++) distinct += (t == lo || e[t].col != e[t - 1].col);
    }
    sl_status st = csr_alloc(a, n_rows, n_cols, distinct);
    if (st != SL_OK) {
        free(start); free(e);
        return st;
    }
    size_t k = 0;
    for (int i = 0; i < n_rows; i++) {
        a->row_ptr[i] = k;
        for (size_t t = start[i]; t < start[i + 1]; t++) {
            if (t > start[i] && e[t].col == e[t - 1].col) {
                a->val[k - 1] += v[e[t].pos];
            } else {
                a->col[k] = e[t].col;
                a->val[k] = v[e[t].pos];
                k++;
            }
        }
    }
    a->row_ptr[n_rows] = k;
    free(start);
    free(e);
    return SL_OK;
}

sl_status sl_csr_from_dense(sl_csr *a, int n_rows, int n_cols, const double *d)
{
    memset(a, 0, sizeof *a);
    if (n_rows < 0 || n_cols < 0) return sl_fail(SL_EINVAL, "CSR: negative dimension %d x %d", n_rows, n_cols);
    size_t nnz = 0, nn = (size_t)n_rows * (size_t)n_cols;
    for (size_t t = 0; t < nn; t++) nnz += d[t] != 0;
    SL_TRY(csr_alloc(a, n_rows, n_cols, nnz));
    size_t k = 0;
    for (int i = 0; i < n_rows; i++) {
        a->row_ptr[i] = k;
        for (int j = 0; j < n_cols; j++) {
            double x = d[(size_t)i * n_cols + j];
            if (x != 0) {
                a->col[k] = j;
                a->val[k++] = x;
            }
        }
    }
    a->row_ptr[n_rows] = k;
    return SL_OK;
}

void sl_csr_to_dense(const sl_csr *a, double *d)
{
    memset(d, 0, (size_t)a->n_rows * (size_t)a->n_cols * sizeof *d);
    for (int i = 0; i < a->n_rows; i++)
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) d[(size_t)i * a->n_cols + a->col[t]] = a->val[t];
}

sl_status sl_csr_transpose(sl_csr *at, const sl_csr *a)
{
    SL_TRY(csr_alloc(at, a->n_cols, a->n_rows, a->nnz));
    /* counting sort by column; rows visited in order, so columns of aᵀ come out sorted */
    for (size_t t = 0; t < a->nnz; t++) at->row_ptr[a->col[t] + 1]++;
    for (int j = 0; j < a->n_cols; j++) at->row_ptr[j + 1] += at->row_ptr[j];
    size_t *fill = malloc(((size_t)a->n_cols + 1) * sizeof *fill);
    if (!fill) {
        sl_csr_free(at);
        return sl_fail(SL_ENOMEM, "CSR transpose");
    }
    memcpy(fill, at->row_ptr, ((size_t)a->n_cols + 1) * sizeof *fill);
    for (int i = 0; i < a->n_rows; i++)
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) {
            size_t k = fill[a->col[t]]++;
            at->col[k] = i;
            at->val[k] = a->val[t];
        }
    free(fill);
    return SL_OK;
}

sl_status sl_csr_matvec(const sl_csr *a, const double *x, size_t nx, double *y, size_t ny)
{
    if (nx != (size_t)a->n_cols || ny != (size_t)a->n_rows)
        return sl_fail(SL_EINVAL, "CSR matvec: A is %d x %d, x has %zu entries, y %zu", a->n_rows, a->n_cols, nx, ny);
    const int n = a->n_rows;
#pragma omp parallel for schedule(static) if (a->nnz > 200000)
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) s += a->val[t] * x[a->col[t]];
        y[i] = s;
    }
    return SL_OK;
}

sl_status sl_csr_matvec_t(const sl_csr *a, const double *x, size_t nx, double *y, size_t ny)
{
    if (nx != (size_t)a->n_rows || ny != (size_t)a->n_cols)
        return sl_fail(SL_EINVAL, "CSR matvec_t: A is %d x %d, x has %zu entries, y %zu", a->n_rows, a->n_cols, nx,
                       ny);
    memset(y, 0, ny * sizeof *y);
    for (int i = 0; i < a->n_rows; i++)
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) y[a->col[t]] += a->val[t] * x[i];
    return SL_OK;
}

double sl_csr_asymmetry(const sl_csr *a)
{
    if (a->n_rows != a->n_cols) return INFINITY;
    sl_csr at;
    if (sl_csr_transpose(&at, a) != SL_OK) return NAN;
    double m = 0;
    for (int i = 0; i < a->n_rows; i++) {
        /* merge row i of a with row i of aᵀ (both sorted) */
        size_t p = a->row_ptr[i], pe = a->row_ptr[i + 1], q = at.row_ptr[i], qe = at.row_ptr[i + 1];
        while (p < pe || q < qe) {
            if (q >= qe || (p < pe && a->col[p] < at.col[q])) m = fmax(m, fabs(a->val[p++]));
            else if (p >= pe || at.col[q] < a->col[p]) m = fmax(m, fabs(at.val[q++]));
            else m = fmax(m, fabs(a->val[p++] - at.val[q++]));
        }
    }
    sl_csr_free(&at);
    return m;
}
