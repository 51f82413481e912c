#include "sl_envchol.h"

#include "../core/sl_clones.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sl_envchol_free(sl_envchol *f)
{
    if (!f) return;
    free(f->perm);
    free(f->first);
    free(f->off);
    free(f->env);
    free(f->tmp);
    memset(f, 0, sizeof *f);
}

/* BFS from root over nodes not yet ordered; visit order into q (*m nodes),
 * levels into lev; returns the depth */
static int bfs(const sl_csr *a, int root, const char *done, int *lev, int *q, int *m)
{
    int head = 0, tail = 0, depth = 0;
    q[tail++] = root;
    lev[root] = 0;
    while (head < tail) {
        int v = q[head++];
        for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++) {
            int w = a->col[t];
            if (done[w] || lev[w] >= 0) continue;
            lev[w] = lev[v] + 1;
            if (lev[w] > depth) depth = lev[w];
            q[tail++] = w;
        }
    }
    *m = tail;
    return depth;
}

static int before(const int *deg, int a, int b) { return deg[a] < deg[b] || (deg[a] == deg[b] && a < b); }

/* sort p (m) by (degree, index): a merge sort through scratch s (m) */
static void sort_by_degree(int *p, int *s, int m, const int *deg)
{
    if (m < 2) return;
    if (m <= 16) {
        for (int u = 1; u < m; u++) {
            int w = p[u], k = u;
            while (k > 0 && before(deg, w, p[k - 1])) { p[k] = p[k - 1]; k--; }
            p[k] = w;
        }
        return;
    }
    int h = m / 2;
    sort_by_degree(p, s, h, deg);
    sort_by_degree(p + h, s, m - h, deg);
    int i = 0, j = h, k = 0;
    while (i < h && j < m) s[k++] = before(deg, p[j], p[i]) ? p[j++] : p[i++];
    while (i < h) s[k++] = p[i++];
    while (j < m) s[k++] = p[j++];
    memcpy(p, s, (size_t)m * sizeof *p);
}

/* a minimum-degree node of the BFS level structure from s, moved to a
 * minimum-degree node of the last level while the eccentricity grows
 * (George & Liu's pseudo-peripheral node); lev must be −1 on entry and is
 * left so */
static int pseudo_peripheral(const sl_csr *a, int s, const char *done, const int *deg, int *lev, int *q)
{
    int m = 0;
    bfs(a, s, done, lev, q, &m);
    int root = s;
    for (int t = 0; t < m; t++)
        if (before(deg, q[t], root)) root = q[t];
    for (int t = 0; t < m; t++) lev[q[t]] = -1;
    int ecc = bfs(a, root, done, lev, q, &m);
    for (int it = 0; it < 16; it++) {
        int cand = -1;
        for (int t = 0; t < m; t++)
            if (lev[q[t]] == ecc && (cand < 0 || before(deg, q[t], cand))) cand = q[t];
        for (int t = 0; t < m; t++) lev[q[t]] = -1;
        int e2 = bfs(a, cand, done, lev, q, &m);
        if (e2 <= ecc) break;
        root = cand;
        ecc = e2;
    }
    for (int t = 0; t < m; t++) lev[q[t]] = -1;
    return root;
}

/* Cuthill–McKee: perm[head .. tail) are placed (and done); append their
 * unplaced neighbours, by increasing degree, until none is left; returns
 * the new tail */
static int cuthill_mckee(const sl_csr *a, char *done, const int *deg, int *perm, int head, int tail, int *scratch)
{
    while (head < tail) {
        int v = perm[head++], first = tail;
        for (size_t t = a->row_ptr[v]; t < a->row_ptr[v + 1]; t++) {
            int w = a->col[t];
            if (!done[w]) {
                done[w] = 1;
                perm[tail++] = w;
            }
        }
        sort_by_degree(perm + first, scratch, tail - first, deg);
    }
    return tail;
}

sl_status sl_rcm_order_part(const sl_csr *a, const char *in, const int *seeds, int n_seeds, int *perm, int *m)
{
    if (a->n_rows != a->n_cols) return sl_fail(SL_EINVAL, "RCM: matrix %d x %d is not square", a->n_rows, a->n_cols);
    const int n = a->n_rows;
    int *deg = malloc((size_t)n * sizeof *deg), *lev = malloc((size_t)n * sizeof *lev),
        *q = malloc((size_t)n * sizeof *q), *scratch = malloc((size_t)n * sizeof *scratch);
    char *done = malloc((size_t)n);
    if (!deg || !lev || !q || !scratch || !done) {
        free(deg); free(lev); free(q); free(scratch); free(done);
        return sl_fail(SL_ENOMEM, "RCM ordering of %d nodes", n);
    }
    for (int i = 0; i < n; i++) {
        deg[i] = 0;
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) deg[i] += a->col[t] != i;
        lev[i] = -1;
        done[i] = in && !in[i]; /* outside the part: never visited */
    }
    int placed = 0;
    if (n_seeds > 0) { /* one sweep from the seeds, in the caller's order */
        for (int t = 0; t < n_seeds; t++)
            if (!done[seeds[t]]) {
                done[seeds[t]] = 1;
                perm[placed++] = seeds[t];
            }
        placed = cuthill_mckee(a, done, deg, perm, 0, placed, scratch);
    }
    for (int s = 0; s < n; s++) {
        if (done[s]) continue;
        /* s's component from a pseudo-peripheral node */
        int root = pseudo_peripheral(a, s, done, deg, lev, q);
        perm[placed] = root;
        done[root] = 1;
        placed = cuthill_mckee(a, done, deg, perm, placed, placed + 1, scratch);
    }
    for (int i = 0; i < placed / 2; i++) {
        int t = perm[i];
        perm[i] = perm[placed - 1 - i];
        perm[placed - 1 - i] = t;
    }
    *m = placed;
    free(deg); free(lev); free(q); free(scratch); free(done);
    return SL_OK;
}

sl_status sl_rcm_order(const sl_csr *a, int *perm)
{
    int m;
    return sl_rcm_order_part(a, NULL, NULL, 0, perm, &m);
}

sl_status sl_rcm_levels(const sl_csr *a, int *lev, int *pos, int *depth)
{
    if (a->n_rows != a->n_cols) return sl_fail(SL_EINVAL, "RCM: matrix %d x %d is not square", a->n_rows, a->n_cols);
    const int n = a->n_rows;
    int *deg = malloc((size_t)n * sizeof *deg), *q = malloc((size_t)n * sizeof *q);
    char *done = calloc((size_t)n, 1);
    if (!deg || !q || !done) {
        free(deg); free(q); free(done);
        return sl_fail(SL_ENOMEM, "level structure of %d nodes", n);
    }
    for (int i = 0; i < n; i++) {
        deg[i] = 0;
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++) deg[i] += a->col[t] != i;
        lev[i] = -1;
    }
    /* the largest component (the first by lowest node among equals) */
    int best = -1, best_m = 0;
    for (int s = 0; s < n; s++) {
        if (lev[s] >= 0 || done[s]) continue;
        int m = 0;
        bfs(a, s, done, lev, q, &m);
        for (int t = 0; t < m; t++) done[q[t]] = 1;
        if (m > best_m) { best = s; best_m = m; }
    }
    for (int i = 0; i < n; i++) { lev[i] = -1; done[i] = 0; }
    *depth = 0;
    if (best >= 0) {
        int root = pseudo_peripheral(a, best, done, deg, lev, q), m = 0;
        *depth = bfs(a, root, done, lev, q, &m);
        if (pos) {
            for (int i = 0; i < n; i++) pos[i] = -1;
            for (int t = 0; t < m; t++) pos[q[t]] = t;
        }
    } else if (pos)
        for (int i = 0; i < n; i++) pos[i] = -1;
    free(deg); free(q); free(done);
    return SL_OK;
}

/* Σ a_i b_i over m terms in eight partial sums: term k goes to lane k mod 8
 * (the tail too, so that a short row is a few independent adds, not one
 * chain), the lanes summed in a fixed tree. The same result on every run and
 * in every clone (the vector versions hold the lanes in the lanes of one or
 * two registers, without reassociation); eight lanes, not four, halve the
 * chain of dependent adds that bounds the forward solve, where each row's
 * dot waits for the previous row's result. */
static inline double dot(const double *a, const double *b, int m)
{
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= m; i += 8)
        for (int l = 0; l < 8; l++) s[l] += a[i + l] * b[i + l];
    for (int l = 0; i + l < m; l++) s[l] += a[i + l] * b[i + l];
    return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

SL_CLONES
sl_status sl_envchol_factor_order(sl_envchol *f, const sl_csr *a, double c, double s, const int *perm, int m,
                                  size_t max_bytes)
{
    memset(f, 0, sizeof *f);
    if (a->n_rows != a->n_cols || m < 0 || m > a->n_rows)
        return sl_fail(SL_EINVAL, "envelope Cholesky: matrix %d x %d, %d rows", a->n_rows, a->n_cols, m);
    const int n = m, na = a->n_rows;
    f->n = n;
    f->perm = malloc(((size_t)n + 1) * sizeof *f->perm);
    f->first = malloc(((size_t)n + 1) * sizeof *f->first);
    f->off = malloc(((size_t)n + 1) * sizeof *f->off);
    f->tmp = malloc(((size_t)n + 1) * sizeof *f->tmp);
    int *iperm = malloc((size_t)na * sizeof *iperm);
    sl_status st = SL_OK;
    if (!f->perm || !f->first || !f->off || !f->tmp || !iperm) st = sl_fail(SL_ENOMEM, "envelope Cholesky of dimension %d", n);
    if (st == SL_OK) {
        memcpy(f->perm, perm, (size_t)n * sizeof *perm);
        for (int i = 0; i < na; i++) iperm[i] = -1;
        for (int i = 0; i < n; i++) iperm[f->perm[i]] = i;
        for (int i = 0; i < n; i++) f->first[i] = i;
        for (int i = 0; i < n; i++) {
            const int io = f->perm[i];
            for (size_t t = a->row_ptr[io]; t < a->row_ptr[io + 1]; t++) {
                int j = iperm[a->col[t]];
                if (j >= 0 && j < f->first[i]) f->first[i] = j;
            }
        }
        f->off[0] = 0;
        for (int i = 0; i < n; i++) {
            int w = i - f->first[i] + 1;
            if (w > f->max_width) f->max_width = w;
            f->off[i + 1] = f->off[i] + (size_t)w;
        }
        const size_t bytes = f->off[n] * sizeof(double);
        if (max_bytes && bytes > max_bytes)
            st = sl_fail(SL_ENOMEM, "envelope Cholesky: the envelope of a %d x %d matrix needs %.0f MB (limit %.0f MB)",
                         n, n, bytes / 1e6, max_bytes / 1e6);
        /* malloc, then zeroed row by row: not calloc (nor malloc + one
         * memset, which the compiler turns into calloc): a fresh mapping
         * first read (+= below) maps the shared zero page and the first
         * write then faults again, with a TLB flush on every CPU running
         * our threads (bench_nne's perf profile: 11% of the run) */
        else if (!(f->env = malloc((f->off[n] + 1) * sizeof *f->env)))
            st = sl_fail(SL_ENOMEM, "envelope Cholesky: %.0f MB", bytes / 1e6);
        else
            for (int i = 0; i < n; i++) memset(f->env + f->off[i], 0, (f->off[i + 1] - f->off[i]) * sizeof *f->env);
    }
    if (st != SL_OK) {
        free(iperm);
        sl_envchol_free(f);
        return st;
    }
    /* lower triangle of B in the new order */
    for (int i = 0; i < n; i++) {
        const int io = f->perm[i];
        for (size_t t = a->row_ptr[io]; t < a->row_ptr[io + 1]; t++) {
            int j = iperm[a->col[t]];
            if (j >= 0 && j <= i) f->env[f->off[i] + (size_t)(j - f->first[i])] += c * a->val[t];
        }
    }
    for (int i = 0; i < n; i++) f->env[f->off[i + 1] - 1] += s;
    free(iperm);
    /* row-oriented Cholesky: L_ij = (B_ij − Σ_k L_ik L_jk) / L_jj over the
     * common envelope, L_ii = √(B_ii − Σ_k L_ik²); the sums as in the solve
     * (dot: eight partial sums, the same bits in every clone) */
    for (int i = 0; i < n; i++) {
        const int fi = f->first[i];
        double *li = f->env + f->off[i] - fi; /* li[j] = L(i, j) for j ≥ fi */
        for (int j = fi; j < i; j++) {
            const int fj = f->first[j], lo = fi > fj ? fi : fj;
            const double *lj = f->env + f->off[j] - fj;
            li[j] = (li[j] - dot(li + lo, lj + lo, j - lo)) / lj[j];
        }
        double dd = li[i] - dot(li + fi, li + fi, i - fi);
        if (!(dd > 0)) {
            sl_envchol_free(f);
            return sl_fail(SL_ENUMERIC, "envelope Cholesky: matrix not positive definite (pivot %d of %d: %g)", i, n, dd);
        }
        li[i] = sqrt(dd);
    }
    return SL_OK;
}

sl_status sl_envchol_factor(sl_envchol *f, const sl_csr *a, double c, double s, size_t max_bytes)
{
    memset(f, 0, sizeof *f);
    if (a->n_rows != a->n_cols || a->n_rows < 1)
        return sl_fail(SL_EINVAL, "envelope Cholesky: matrix %d x %d is not square", a->n_rows, a->n_cols);
    int *perm = malloc((size_t)a->n_rows * sizeof *perm);
    if (!perm) return sl_fail(SL_ENOMEM, "envelope Cholesky of dimension %d", a->n_rows);
    sl_status st = sl_rcm_order(a, perm);
    if (st == SL_OK) st = sl_envchol_factor_order(f, a, c, s, perm, a->n_rows, max_bytes);
    free(perm);
    return st;
}

SL_CLONES
void sl_envchol_forward(const sl_envchol *f, double *z)
{
    const int n = f->n;
    for (int i = 0; i < n; i++) { /* L z = b */
        const int fi = f->first[i];
        const double *li = f->env + f->off[i] - fi;
        z[i] = (z[i] - dot(li + fi, z + fi, i - fi)) / li[i];
    }
}

SL_CLONES
void sl_envchol_backward(const sl_envchol *f, double *z)
{
    for (int i = f->n - 1; i >= 0; i--) { /* Lᵀ z = y, by columns of Lᵀ = rows of L */
        const int fi = f->first[i];
        const double *li = f->env + f->off[i] - fi;
        const double zi = (z[i] /= li[i]);
        for (int j = fi; j < i; j++) z[j] -= zi * li[j];
    }
}

void sl_envchol_solve(sl_envchol *f, const double *x, double *y)
{
    const int n = f->n;
    double *z = f->tmp;
    for (int i = 0; i < n; i++) z[i] = x[f->perm[i]];
    sl_envchol_forward(f, z);
    sl_envchol_backward(f, z);
    for (int i = 0; i < n; i++) y[f->perm[i]] = z[i];
}
