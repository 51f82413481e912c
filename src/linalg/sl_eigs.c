#include "sl_eigs.h"

#include <arpack/arpack.h> /* arpack-ng's ISO C binding: dsaupd_c, dseupd_c */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sl_signal.h"

void sl_eigs_ws_free(sl_eigs_ws *ws)
{
    if (!ws) return;
    free(ws->resid);
    free(ws->v);
    free(ws->workd);
    free(ws->workl);
    free(ws->d);
    free(ws->select);
    free(ws->order);
    memset(ws, 0, sizeof *ws);
}

sl_status sl_eigs_ws_alloc(sl_eigs_ws *ws, int nmax, int nev_max, int ncv)
{
    memset(ws, 0, sizeof *ws);
    if (nmax < 2 || nev_max < 1 || nev_max >= nmax)
        return sl_fail(SL_EINVAL, "eigs workspace: need 0 < nev (%d) < n (%d)", nev_max, nmax);
    if (ncv == 0) {
        ncv = 2 * nev_max + 1 > 20 ? 2 * nev_max + 1 : 20;
        if (ncv > nmax) ncv = nmax;
    }
    if (ncv <= nev_max || ncv > nmax)
        return sl_fail(SL_EINVAL, "eigs workspace: need nev (%d) < ncv (%d) <= n (%d)", nev_max, ncv, nmax);
    const size_t n = (size_t)nmax, m = (size_t)ncv;
    ws->nmax = nmax;
    ws->nev_max = nev_max;
    ws->ncv = ncv;
    ws->lworkl = ncv * (ncv + 8);
    ws->resid = malloc(n * sizeof *ws->resid);
    ws->v = malloc(n * m * sizeof *ws->v);
    ws->workd = malloc(3 * n * sizeof *ws->workd);
    ws->workl = malloc((size_t)ws->lworkl * sizeof *ws->workl);
    ws->d = malloc(m * sizeof *ws->d);
    ws->select = calloc(m, sizeof *ws->select); /* dseupd reads it as workspace under HOWMNY = "A" */
    ws->order = malloc(m * sizeof *ws->order);
    if (!ws->resid || !ws->v || !ws->workd || !ws->workl || !ws->d || !ws->select || !ws->order) {
        sl_eigs_ws_free(ws);
        return sl_fail(SL_ENOMEM, "eigs workspace: n %d, ncv %d", nmax, ncv);
    }
    return SL_OK;
}

/* fixed start vector: SplitMix64 of the index, uniform in [-1, 1) */
static double start_entry(uint64_t i)
{
    uint64_t z = (i + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-52 - 1.0;
}

/* sort key: smaller comes first */
typedef struct {
    const double *d;
    sl_eigs_which which;
    int shifted;
    double sigma;
} sort_ctx;

static double sort_key(const sort_ctx *c, double x)
{
    if (c->shifted && c->which == SL_EIGS_LM) return fabs(x - c->sigma);
    switch (c->which) {
    case SL_EIGS_LA: return -x;
    case SL_EIGS_SA: return x;
    default: return -fabs(x);
    }
}

static const char *which_name(sl_eigs_which w)
{
    return w == SL_EIGS_LA ? "LA" : w == SL_EIGS_SA ? "SA" : "LM";
}

sl_status sl_eigs_sym(sl_eigs_ws *ws, int n, sl_linop_fn matvec, void *ctx, int nev, sl_eigs_which which,
                      double tol, int maxiter, const sl_eigs_shift *shift, double *eigvals, double *eigvecs)
{
    ws->iterations = ws->n_ops = ws->nconv = 0;
    if (n < 2 || n > ws->nmax)
        return sl_fail(SL_EINVAL, "eigs: dimension %d outside the workspace's [2, %d]", n, ws->nmax);
    if (nev < 1 || nev > ws->nev_max || nev >= n)
        return sl_fail(SL_EINVAL, "eigs: %d eigenpairs asked, need 0 < nev <= %d and nev < n = %d", nev, ws->nev_max,
                       n);
    if (which != SL_EIGS_LA && which != SL_EIGS_SA && which != SL_EIGS_LM)
        return sl_fail(SL_EINVAL, "eigs: unknown spectrum selection %d", (int)which);
    if (shift ? !shift->solve : !matvec) return sl_fail(SL_EINVAL, "eigs: no operator callback");
    if (!(tol >= 0)) return sl_fail(SL_EINVAL, "eigs: tolerance %g < 0", tol);
    const int ncv = ws->ncv < n ? ws->ncv : n;
    if (ncv <= nev) return sl_fail(SL_EINVAL, "eigs: ncv %d must exceed nev %d", ncv, nev);
    const int lworkl = ncv * (ncv + 8);
    for (int i = 0; i < n; i++) ws->resid[i] = ws->v0 ? ws->v0[i] : start_entry((uint64_t)i);

    const char *wh = which_name(which);
    a_int ido = 0, info = 1, iparam[11] = {0}, ipntr[11] = {0};
    iparam[0] = 1;                        /* exact shifts */
    iparam[2] = maxiter > 0 ? maxiter : 1000;
    iparam[6] = shift ? 3 : 1;            /* mode 3: shift-invert; 1: regular */
    for (;;) {
        dsaupd_c(&ido, "I", n, wh, nev, tol, ws->resid, ncv, ws->v, n, iparam, ipntr, ws->workd, ws->workl, lworkl,
                 &info);
        if (ido != -1 && ido != 1 && ido != 2) break;
        const double *x = ws->workd + ipntr[0] - 1;
        double *y = ws->workd + ipntr[1] - 1;
        if (ido == 2) { /* B x with B = I (not asked for with bmat 'I', handled anyway) */
            memcpy(y, x, (size_t)n * sizeof *y);
            continue;
        }
        sl_status st = shift ? shift->solve(shift->ctx, n, x, y) : matvec(ctx, n, x, y);
        ws->n_ops++;
        if (st != SL_OK) return st;
        if (sl_signal_pending())
            return sl_fail(SL_EINTR, "interrupted by signal %d in the Lanczos iteration (%d operator applications)",
                           sl_signal_pending(), ws->n_ops);
    }
    ws->iterations = iparam[2];
    ws->nconv = iparam[4];
    if (info == 1 || info == 3 || (info == 0 && iparam[4] < nev))
        return sl_fail(SL_ENUMERIC,
                       "ARPACK dsaupd: %d of %d eigenpairs (%s) converged after %d restarts (n %d, ncv %d, tol %g)%s",
                       (int)iparam[4], nev, wh, (int)iparam[2], n, ncv, tol,
                       info == 3 ? "; no shifts could be applied: raise ncv" : "; raise maxiter or ncv");
    if (info != 0) return sl_fail(SL_ENUMERIC, "ARPACK dsaupd failed with info %d (n %d, nev %d, ncv %d)", (int)info,
                                  n, nev, ncv);

    /* Ritz vectors into eigvecs (n, nev) directly, then sorted in place
     * through the Lanczos basis (no longer needed) as scratch */
    const a_int rvec = eigvecs != NULL;
    double zdummy = 0;
    dseupd_c(rvec, "A", ws->select, ws->d, eigvecs ? eigvecs : &zdummy, n, shift ? shift->sigma : 0, "I", n, wh, nev,
             tol, ws->resid, ncv, ws->v, n, iparam, ipntr, ws->workd, ws->workl, lworkl, &info);
    if (info != 0) return sl_fail(SL_ENUMERIC, "ARPACK dseupd failed with info %d (n %d, nev %d)", (int)info, n, nev);

    sort_ctx c = {ws->d, which, shift != NULL, shift ? shift->sigma : 0};
    int *o = ws->order;
    for (int j = 0; j < nev; j++) o[j] = j;
    for (int j = 1; j < nev; j++) { /* insertion sort, stable */
        int t = o[j], k = j;
        while (k > 0 && sort_key(&c, ws->d[o[k - 1]]) > sort_key(&c, ws->d[t])) { o[k] = o[k - 1]; k--; }
        o[k] = t;
    }
    for (int j = 0; j < nev; j++) eigvals[j] = ws->d[o[j]];
    if (eigvecs) {
        memcpy(ws->v, eigvecs, (size_t)n * nev * sizeof *eigvecs);
        for (int j = 0; j < nev; j++)
            memcpy(eigvecs + (size_t)j * n, ws->v + (size_t)o[j] * n, (size_t)n * sizeof *eigvecs);
    }
    return SL_OK;
}
