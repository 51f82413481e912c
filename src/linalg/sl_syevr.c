#include "sl_syevr.h"

#include <lapacke.h>
#include <stdlib.h>
#include <string.h>

/* Spare column plus PAD behind every LAPACK buffer: OpenBLAS' gemv kernels
 * read a column of their operand even when asked for zero columns (see
 * src/rmt/sl_circular.c). LAPACK runs column-major on our own buffers. */
enum { PAD = 64 };

void sl_syevr_ws_free(sl_syevr_ws *ws)
{
    if (!ws) return;
    free(ws->a);
    free(ws->work);
    free(ws->iwork);
    free(ws->isuppz);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

sl_status sl_syevr_ws_alloc(sl_syevr_ws *ws, int nmax)
{
    memset(ws, 0, sizeof *ws);
    if (nmax < 1) return sl_fail(SL_EINVAL, "syevr workspace: dimension %d < 1", nmax);
    const size_t n = (size_t)nmax;
    /* workspace query at nmax (LAPACK's needs grow with n) */
    double wq = 0, dummy = 0;
    lapack_int iq = 0, m = 0, sup[2];
    lapack_int info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, 'V', 'A', 'L', nmax, &dummy, nmax, 0, 0, 0, 0, 0, &m,
                                          &dummy, &dummy, nmax, sup, &wq, -1, &iq, -1);
    ws->lwork = info == 0 && (int)wq > 26 * nmax ? (int)wq : 26 * nmax;
    ws->liwork = info == 0 && iq > 10 * nmax ? (int)iq : 10 * nmax;
    ws->nmax = nmax;
    ws->a = malloc((n * n + n + PAD) * sizeof *ws->a);
    ws->work = malloc(((size_t)ws->lwork + PAD) * sizeof *ws->work);
    ws->iwork = malloc(((size_t)ws->liwork + PAD) * sizeof *ws->iwork);
    ws->isuppz = malloc((2 * n + PAD) * sizeof *ws->isuppz);
    ws->w = malloc((n + PAD) * sizeof *ws->w);
    if (!ws->a || !ws->work || !ws->iwork || !ws->isuppz || !ws->w) {
        sl_syevr_ws_free(ws);
        return sl_fail(SL_ENOMEM, "syevr workspace for dimension %d", nmax);
    }
    return SL_OK;
}

sl_status sl_syevr(sl_syevr_ws *ws, int n, const double *a, int lo, int hi, double *w, double *z)
{
    if (n < 1 || n > ws->nmax)
        return sl_fail(SL_EINVAL, "syevr: dimension %d outside the workspace's [1, %d]", n, ws->nmax);
    if (lo < 0 || hi > n || lo >= hi)
        return sl_fail(SL_EINVAL, "syevr: eigenpair range [%d, %d) not inside [0, %d)", lo, hi, n);
    memcpy(ws->a, a, (size_t)n * n * sizeof *a);
    const char range = (lo == 0 && hi == n) ? 'A' : 'I';
    lapack_int m = 0;
    double zdummy = 0;
    lapack_int info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, z ? 'V' : 'N', range, 'L', n, ws->a, n, 0, 0, lo + 1, hi,
                                          0, &m, ws->w, z ? z : &zdummy, n, ws->isuppz, ws->work, ws->lwork, ws->iwork,
                                          ws->liwork);
    if (info < 0) return sl_fail(SL_EINVAL, "dsyevr: argument %d invalid", (int)-info);
    if (info > 0 || m != hi - lo)
        return sl_fail(SL_ENUMERIC, "dsyevr failed (info %d, %d of %d eigenpairs)", (int)info, (int)m, hi - lo);
    memcpy(w, ws->w, (size_t)m * sizeof *w);
    return SL_OK;
}
