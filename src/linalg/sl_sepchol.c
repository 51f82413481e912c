#include "sl_sepchol.h"

#include <cblas.h>
#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEP_MAX = 2048, PAR_MIN_N = 2048 }; /* the largest separator; the smallest n solved on two threads */

void sl_sepchol_free(sl_sepchol *f)
{
    if (!f) return;
    sl_envchol_free(&f->blk[0]);
    sl_envchol_free(&f->blk[1]);
    free(f->sep);
    free(f->w[0]);
    free(f->w[1]);
    free(f->ls);
    free(f->zs);
    memset(f, 0, sizeof *f);
}

size_t sl_sepchol_entries(const sl_sepchol *f)
{
    size_t e = (size_t)f->ns * ((size_t)f->ns + 1) / 2;
    for (int p = 0; p < 2; p++) e += (f->blk[p].off ? f->blk[p].off[f->blk[p].n] : 0) + (size_t)f->ns * f->tail[p];
    return e;
}

/* part (n) ← 0 or 1 (the blocks) or 2 (the separator): the level m of the
 * level structure that minimises the larger side's work (the first such
 * m), if it is a useful separator; every other component, in order of its
 * lowest node, to the block with less work so far. A row's work: its
 * stored entries (an envelope row is about as wide as the row's degree
 * times the fronts the ordering carries: on a curve two, either block).
 * lev, q: scratch (n); pos (n) ← the nodes' places in the BFS
 * (sl_rcm_levels). */
static sl_status split(const sl_csr *a, signed char *part, int *lev, int *pos, int *q)
{
    const int n = a->n_rows;
    int depth;
    SL_TRY(sl_rcm_levels(a, lev, pos, &depth));
    int *cnt = calloc((size_t)depth + 2, sizeof *cnt);
    long *wt = calloc((size_t)depth + 2, sizeof *wt);
    if (!cnt || !wt) {
        free(cnt); free(wt);
        return sl_fail(SL_ENOMEM, "separator of %d nodes", n);
    }
    for (int i = 0; i < n; i++)
        if (lev[i] >= 0) {
            cnt[lev[i]]++;
            wt[lev[i]] += (long)(a->row_ptr[i + 1] - a->row_ptr[i]);
        }
    int m = -1;
    long best = -1, total = 0, before = wt[0], size[2] = {0, 0};
    for (int l = 0; l <= depth; l++) total += wt[l];
    for (int l = 1; l < depth; l++) { /* before = Σ wt[< l] */
        const long after = total - before - wt[l];
        long worst = before > after ? before : after;
        if (best < 0 || worst < best) { best = worst; m = l; }
        before += wt[l];
    }
    if (m > 0 && (cnt[m] > SEP_MAX || 4L * cnt[m] > n)) m = -1;
    free(cnt);
    free(wt);
    for (int i = 0; i < n; i++) {
        part[i] = lev[i] < 0 ? -1 : m < 0 ? 0 : lev[i] < m ? 0 : lev[i] == m ? 2 : 1;
        if (part[i] == 0 || part[i] == 1) size[(int)part[i]] += (long)(a->row_ptr[i + 1] - a->row_ptr[i]);
    }
    for (int s = 0; s < n; s++) { /* the other components */
        if (part[s] >= 0) continue;
        const int p = size[1] < size[0];
        int head = 0, tail = 0;
        q[tail++] = s;
        part[s] = (signed char)p;
        while (head < tail) {
            const int v = q[head++];
            size[p] += (long)(a->row_ptr[v + 1] - a->row_ptr[v]);
            for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++)
                if (part[a->col[t]] < 0) {
                    part[a->col[t]] = (signed char)p;
                    q[tail++] = a->col[t];
                }
        }
    }
    return SL_OK;
}

/* the separator's rows: Wp on block p's tail (dense triangular solve with
 * the tail of Lp), then the Schur complement and its Cholesky factor */
static sl_status separator(sl_sepchol *f, const sl_csr *a, double c, double s, const signed char *part, int *loc)
{
    const int ns = f->ns;
    for (int k = 0; k < ns; k++) loc[f->sep[k]] = k;
    if (!(f->ls = calloc((size_t)ns * ns, sizeof *f->ls)) || !(f->zs = malloc((size_t)ns * sizeof *f->zs)))
        return sl_fail(SL_ENOMEM, "separator of %d rows", ns);
    for (int k = 0; k < ns; k++) { /* BSS */
        const int v = f->sep[k];
        for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++)
            if (part[a->col[t]] == 2) f->ls[(size_t)k * ns + loc[a->col[t]]] += c * a->val[t];
        f->ls[(size_t)k * ns + k] += s;
    }
    for (int p = 0; p < 2; p++) {
        const sl_envchol *b = &f->blk[p];
        for (int i = 0; i < b->n; i++) loc[b->perm[i]] = i;
        int t0 = b->n; /* the first row of block p next to S */
        for (int k = 0; k < ns; k++) {
            const int v = f->sep[k];
            for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++)
                if (part[a->col[t]] == p && loc[a->col[t]] < t0) t0 = loc[a->col[t]];
        }
        const int nt = f->tail[p] = b->n - t0;
        if (nt == 0) continue;
        double *lt = calloc((size_t)nt * nt, sizeof *lt), *w = f->w[p] = calloc((size_t)ns * nt, sizeof *w);
        if (!lt || !w) {
            free(lt);
            return sl_fail(SL_ENOMEM, "separator coupling %d x %d", ns, nt);
        }
        for (int i = t0; i < b->n; i++) /* Lp[t0:, t0:] */
            for (int j = b->first[i] > t0 ? b->first[i] : t0; j <= i; j++)
                lt[(size_t)(i - t0) * nt + (j - t0)] = b->env[b->off[i] + (size_t)(j - b->first[i])];
        for (int k = 0; k < ns; k++) { /* BpS on the tail */
            const int v = f->sep[k];
            for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++)
                if (part[a->col[t]] == p) w[(size_t)k * nt + (loc[a->col[t]] - t0)] += c * a->val[t];
        }
        /* Wp Ltᵀ = BpS: W ← W Lt⁻ᵀ; then LS·LSᵀ ← BSS − Wp Wpᵀ */
        cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, ns, nt, 1.0, lt, nt, w, nt);
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, ns, nt, -1.0, w, nt, 1.0, f->ls, ns);
        free(lt);
    }
    const lapack_int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', ns, f->ls, ns);
    if (info != 0)
        return sl_fail(SL_ENUMERIC, "separator Cholesky: matrix not positive definite (separator pivot %d of %d)", (int)info, ns);
    return SL_OK;
}

sl_status sl_sepchol_factor(sl_sepchol *f, const sl_csr *a, double c, double s, size_t max_bytes)
{
    memset(f, 0, sizeof *f);
    if (a->n_rows != a->n_cols || a->n_rows < 1)
        return sl_fail(SL_EINVAL, "separator Cholesky: matrix %d x %d is not square", a->n_rows, a->n_cols);
    const int n = f->n = a->n_rows;
    signed char *part = malloc((size_t)n); /* −1: not yet placed (plain char may be unsigned) */
    char *in = malloc((size_t)n);
    int *lev = malloc((size_t)n * sizeof *lev), *q = malloc((size_t)n * sizeof *q), *pos = malloc((size_t)n * sizeof *pos),
        *perm[2] = {malloc((size_t)n * sizeof(int)), malloc((size_t)n * sizeof(int))}, m[2] = {0, 0};
    f->sep = malloc((size_t)n * sizeof *f->sep);
    sl_status st = part && in && lev && q && pos && perm[0] && perm[1] && f->sep ? SL_OK : sl_fail(SL_ENOMEM, "separator Cholesky of dimension %d", n);
    if (st == SL_OK) st = split(a, part, lev, pos, q);
    if (st == SL_OK) {
        for (int i = 0; i < n; i++)
            if (part[i] == 2) f->sep[f->ns++] = i;
        for (int i = 0; i < n; i++) lev[i] = -1; /* lev[place in the BFS] = node */
        for (int i = 0; i < n; i++)
            if (pos[i] >= 0) lev[pos[i]] = i;
        /* each block in RCM order from its nodes next to S (those last),
         * taken in the BFS's order (the level structure's locality); then
         * its envelope factor: one block per thread */
        for (int i = 0; i < n; i++) in[i] = part[i];
        for (int k = 0; k < f->ns; k++) {
            const int v = f->sep[k];
            for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++)
                if (in[a->col[t]] < 2) in[a->col[t]] = (char)(3 + part[a->col[t]]); /* a seed of its block */
        }
        int nseed[2] = {0, 0}, *seeds[2] = {q, perm[1]}; /* block 1's seeds in perm[1]: copied before it is ordered there */
        for (int t = 0; t < n && lev[t] >= 0; t++)
            if (in[lev[t]] >= 3) {
                const int p = in[lev[t]] - 3;
                seeds[p][nseed[p]++] = lev[t];
            }
        sl_status bs[2];
        char msg[2][256];
#pragma omp parallel for schedule(static) if (n >= PAR_MIN_N)
        for (int p = 0; p < 2; p++) {
            char *inp = malloc((size_t)n);
            int *sp = malloc(((size_t)nseed[p] + 1) * sizeof *sp);
            bs[p] = inp && sp ? SL_OK : sl_fail(SL_ENOMEM, "separator Cholesky: block %d", p);
            if (bs[p] == SL_OK) {
                memcpy(sp, seeds[p], (size_t)nseed[p] * sizeof *sp);
                for (int i = 0; i < n; i++) inp[i] = in[i] == p || in[i] == 3 + p;
            }
            if (bs[p] == SL_OK) bs[p] = sl_rcm_order_part(a, inp, sp, nseed[p], perm[p], &m[p]);
            if (bs[p] == SL_OK) bs[p] = sl_envchol_factor_order(&f->blk[p], a, c, s, perm[p], m[p], max_bytes);
            snprintf(msg[p], sizeof msg[p], "%s", bs[p] == SL_OK ? "" : sl_errmsg());
            free(inp);
            free(sp);
        }
        for (int p = 0; p < 2 && st == SL_OK; p++)
            if (bs[p] != SL_OK) st = sl_fail(bs[p], "%s", msg[p]);
        if (st == SL_OK && max_bytes && sl_sepchol_entries(f) * sizeof(double) > max_bytes)
            st = sl_fail(SL_ENOMEM, "separator Cholesky: %.0f MB (limit %.0f MB)", sl_sepchol_entries(f) * 8 / 1e6,
                         max_bytes / 1e6);
    }
    if (st == SL_OK && f->ns > 0) st = separator(f, a, c, s, part, q);
    free(part); free(in); free(lev); free(q); free(pos); free(perm[0]); free(perm[1]);
    if (st != SL_OK) sl_sepchol_free(f);
    return st;
}

void sl_sepchol_solve(sl_sepchol *f, const double *x, double *y)
{
    const int ns = f->ns;
    /* forward: the blocks, then the separator's rows */
#pragma omp parallel for schedule(static) if (f->n >= PAR_MIN_N)
    for (int p = 0; p < 2; p++) {
        const sl_envchol *b = &f->blk[p];
        for (int i = 0; i < b->n; i++) b->tmp[i] = x[b->perm[i]];
        sl_envchol_forward(b, b->tmp);
    }
    if (ns > 0) {
        for (int k = 0; k < ns; k++) f->zs[k] = x[f->sep[k]];
        for (int p = 0; p < 2; p++)
            if (f->tail[p])
                cblas_dgemv(CblasRowMajor, CblasNoTrans, ns, f->tail[p], -1.0, f->w[p], f->tail[p],
                            f->blk[p].tmp + f->blk[p].n - f->tail[p], 1, 1.0, f->zs, 1);
        cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, ns, f->ls, ns, f->zs, 1);
        cblas_dtrsv(CblasRowMajor, CblasLower, CblasTrans, CblasNonUnit, ns, f->ls, ns, f->zs, 1);
    }
    /* backward: the blocks' tails take Wpᵀ zS, then each block */
#pragma omp parallel for schedule(static) if (f->n >= PAR_MIN_N)
    for (int p = 0; p < 2; p++) {
        const sl_envchol *b = &f->blk[p];
        if (ns > 0 && f->tail[p])
            cblas_dgemv(CblasRowMajor, CblasTrans, ns, f->tail[p], -1.0, f->w[p], f->tail[p], f->zs, 1, 1.0,
                        b->tmp + b->n - f->tail[p], 1);
        sl_envchol_backward(b, b->tmp);
        for (int i = 0; i < b->n; i++) y[b->perm[i]] = b->tmp[i];
    }
    for (int k = 0; k < ns; k++) y[f->sep[k]] = f->zs[k];
}
