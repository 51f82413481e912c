#include "sl_dmaps.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sl_progress.h"
#include "../linalg/sl_sepchol.h"
#include "../linalg/sl_csr.h"
#include "../linalg/sl_eigs.h"
#include "../linalg/sl_syevr.h"
#include "../stats/sl_kmeans.h"
#include "../stats/sl_knn.h"

void sl_dmaps_result_free(sl_dmaps_result *res)
{
    if (!res) return;
    free(res->lambda);
    free(res->mu);
    free(res->psi);
    free(res->dhalf);
    memset(res, 0, sizeof *res);
}

sl_status sl_dmaps_scale(const double *x, int n, int d, int k_nn, int n_sub, double tol, gsl_rng *r,
                         double *cutoff, double *eps)
{
    if (n < 2 || k_nn < 1 || k_nn > n || n_sub < 1 || !(tol > 0 && tol < 1))
        return sl_fail(SL_EINVAL, "diffusion-map scale: n %d, k %d, subsample %d, tolerance %g", n, k_nn, n_sub, tol);
    sl_kdtree t;
    SL_TRY(sl_kdtree_build(&t, x, n, d, 0));
    const int m = n_sub < n ? n_sub : n;
    int *perm = malloc((size_t)n * sizeof *perm), *idx = malloc((size_t)k_nn * sizeof *idx);
    double *dist = malloc((size_t)k_nn * sizeof *dist);
    if (!perm || !idx || !dist) {
        free(perm); free(idx); free(dist);
        sl_kdtree_free(&t);
        return sl_fail(SL_ENOMEM, "diffusion-map scale");
    }
    /* a uniform subsample: the first m of a Fisher–Yates shuffle */
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = 0; i < m; i++) {
        int j = i + (int)gsl_rng_uniform_int(r, (unsigned long)(n - i));
        int s = perm[i]; perm[i] = perm[j]; perm[j] = s;
    }
    double c = 0;
    sl_status st = SL_OK;
    for (int i = 0; i < m && st == SL_OK; i++) {
        st = sl_kdtree_knn(&t, x + (size_t)perm[i] * d, k_nn, idx, dist);
        c = fmax(c, dist[k_nn - 1]);
    }
    free(perm); free(idx); free(dist);
    sl_kdtree_free(&t);
    if (st != SL_OK) return st;
    if (!(c > 0)) return sl_fail(SL_ENUMERIC, "diffusion-map scale: %d-th neighbour distance is 0 (duplicate points)", k_nn);
    *cutoff = c;
    *eps = c * c / -log(tol);
    return SL_OK;
}

/* rows lo..hi−1 of the kernel into a block of its own: their entries one
 * after another (col, val, len; grown by doubling, so a handful of
 * reallocs per block), each row's count in cnt[i] */
typedef struct {
    int *col;
    double *val;
    size_t len, cap;
} kblock;

static sl_status kernel_rows(const sl_kdtree *t, double eps, double cutoff, int lo, int hi, size_t *cnt, kblock *b)
{
    size_t qcap = 256;
    int *idx = malloc(qcap * sizeof *idx);
    double *dist = malloc(qcap * sizeof *dist);
    sl_status st = idx && dist ? SL_OK : SL_ENOMEM;
    for (int i = lo; i < hi && st == SL_OK; i++) {
        size_t c;
        sl_kdtree_radius(t, t->x + (size_t)i * t->d, cutoff, idx, dist, qcap, &c);
        if (c > qcap) { /* a row longer than the query buffers: grow them, ask again */
            qcap = 2 * c;
            int *ni = realloc(idx, qcap * sizeof *idx);
            if (ni) idx = ni;
            double *nd = realloc(dist, qcap * sizeof *dist);
            if (nd) dist = nd;
            if (!ni || !nd) { st = SL_ENOMEM; break; }
            sl_kdtree_radius(t, t->x + (size_t)i * t->d, cutoff, idx, dist, qcap, &c);
        }
        if (b->len + c > b->cap) {
            size_t cap = 2 * (b->len + c);
            int *nc = realloc(b->col, cap * sizeof *nc);
            if (nc) b->col = nc;
            double *nv = realloc(b->val, cap * sizeof *nv);
            if (nv) b->val = nv;
            if (!nc || !nv) { st = SL_ENOMEM; break; }
            b->cap = cap;
        }
        for (size_t a = 0; a < c; a++) {
            b->col[b->len + a] = idx[a];
            b->val[b->len + a] = exp(-dist[a] * dist[a] / (2 * eps));
        }
        b->len += c;
        cnt[i] = c;
    }
    free(idx);
    free(dist);
    return st;
}

/* the Gaussian kernel of all pairs within the cut-off, CSR (n, n), in one
 * pass of radius queries: rows in NBLK fixed blocks shared out among the
 * OpenMP threads (each row's entries do not depend on the split, and the
 * split not on the thread count), each block into its own buffer, then the
 * blocks copied into place. Issue 25: the earlier two passes (the rows'
 * counts, then the rows written in place) asked every query twice; callgrind
 * on bench_nne: the counting pass was 53M of 547M instructions (uniform),
 * 131M of 1167M (squared). */
static sl_status kernel(const sl_kdtree *t, double eps, double cutoff, sl_csr *k)
{
    memset(k, 0, sizeof *k);
    const int n = t->n;
    enum { NBLK = 16 };
    const int nb = NBLK > n ? n : NBLK;
    k->n_rows = k->n_cols = n;
    k->row_ptr = malloc(((size_t)n + 1) * sizeof *k->row_ptr);
    if (!k->row_ptr) return sl_fail(SL_ENOMEM, "kernel of %d points", n);
    k->row_ptr[0] = 0;
    kblock blk[NBLK] = {{0}};
    sl_status bs[NBLK];
#pragma omp parallel for schedule(dynamic, 1)
    for (int q = 0; q < nb; q++)
        bs[q] = kernel_rows(t, eps, cutoff, (int)((long)n * q / nb), (int)((long)n * (q + 1) / nb), k->row_ptr + 1, &blk[q]);
    sl_status st = SL_OK;
    for (int q = 0; q < nb; q++)
        if (bs[q] != SL_OK) st = bs[q];
    size_t nnz = 0;
    if (st == SL_OK) {
        for (int i = 0; i < n; i++) k->row_ptr[i + 1] += k->row_ptr[i];
        nnz = k->nnz = k->row_ptr[n];
        k->col = malloc((nnz ? nnz : 1) * sizeof *k->col);
        k->val = malloc((nnz ? nnz : 1) * sizeof *k->val);
        if (!k->col || !k->val) st = SL_ENOMEM;
    }
    for (int q = 0; q < nb; q++) {
        if (st == SL_OK) {
            const size_t at = k->row_ptr[(long)n * q / nb];
            if (blk[q].len) {
                memcpy(k->col + at, blk[q].col, blk[q].len * sizeof *k->col);
                memcpy(k->val + at, blk[q].val, blk[q].len * sizeof *k->val);
            }
        }
        free(blk[q].col);
        free(blk[q].val);
    }
    if (st != SL_OK) {
        sl_csr_free(k);
        return sl_fail(SL_ENOMEM, "kernel with %zu entries (cut-off %g)", nnz, cutoff);
    }
    return SL_OK;
}

typedef struct {
    sl_sepchol f;
} si_ctx;

/* y = (S − σI)⁻¹ x = −(σI − S)⁻¹ x */
static sl_status si_solve(void *ctx, int n, const double *x, double *y)
{
    si_ctx *c = ctx;
    sl_sepchol_solve(&c->f, x, y); /* two blocks on two threads, vector lanes (sl_sepchol.h) */
    for (int i = 0; i < n; i++) y[i] = -y[i];
    return SL_OK;
}

static sl_status csr_op(void *ctx, int n, const double *x, double *y)
{
    return sl_csr_matvec((const sl_csr *)ctx, x, (size_t)n, y, (size_t)n);
}

/* The shift-invert solver: the two-block separator Cholesky (sl_sepchol.h):
 * two RCM envelope Cholesky factors (sl_envchol.h, solves in vector lanes)
 * on two threads and a small dense separator. Before it, the one envelope
 * of the whole matrix on one thread; bench/cholmod/nne_cholmod.c times both
 * (factor + 78 solves, uniform: 0.033-0.034 s -> 0.022-0.030 s on 2 cores,
 * runs of 2026-12-06; make bench prints its own). Issue 25 asked for CHOLMOD (SuiteSparse,
 * supernodal, AMD ordering) where it beats it; bench/cholmod/nne_cholmod.c
 * measures both on this problem (make bench, nne). On the circle (a curve:
 * RCM leaves a narrow envelope) CHOLMOD's fill is only 8-25% smaller
 * (N = 10,000: 292k vs 388k uniform, 985k vs 1065k squared) while its
 * analysis costs about as much as its factorisation; callgrind, factor + the
 * 78 / 66 solves ARPACK makes: envelope 336M vs CHOLMOD 432M instructions
 * (uniform), 912M vs 1089M (squared); wall time likewise on 2026-12-05
 * (envelope 0.12 s vs 0.34 s uniform, 0.36 s vs 1.03 s squared). So the
 * envelope stays and speclab does not link CHOLMOD. */
static sl_status eigen_sparse(const sl_csr *s, const sl_dmaps_params *p, sl_dmaps_result *res, double *phi)
{
    const int n = s->n_rows, k = p->k;
    sl_eigs_ws ws;
    SL_TRY(sl_eigs_ws_alloc(&ws, n, k, 0));
    sl_status st;
    if (p->sigma > 0) {
        si_ctx c;
        st = sl_sepchol_factor(&c.f, s, -1.0, p->sigma, (size_t)4 << 30);
        if (st == SL_OK) {
            res->env = sl_sepchol_entries(&c.f);
            res->max_width = c.f.blk[0].max_width > c.f.blk[1].max_width ? c.f.blk[0].max_width : c.f.blk[1].max_width;
            res->n_sep = c.f.ns;
            sl_eigs_shift sh = {p->sigma, si_solve, &c};
            st = sl_eigs_sym(&ws, n, NULL, NULL, k, SL_EIGS_LM, p->tol, 0, &sh, res->lambda, phi);
        }
        sl_sepchol_free(&c.f);
    } else {
        st = sl_eigs_sym(&ws, n, csr_op, (void *)s, k, SL_EIGS_LA, p->tol, 100000, NULL, res->lambda, phi);
    }
    res->n_ops = ws.n_ops;
    sl_eigs_ws_free(&ws);
    return st;
}

static sl_status eigen_dense(const sl_csr *s, const sl_dmaps_params *p, sl_dmaps_result *res, double *phi)
{
    const int n = s->n_rows, k = p->k;
    double *a = malloc((size_t)n * n * sizeof *a), *w = malloc((size_t)k * sizeof *w),
           *z = malloc((size_t)n * k * sizeof *z);
    sl_syevr_ws ws = {0};
    sl_status st = (!a || !w || !z) ? sl_fail(SL_ENOMEM, "dense diffusion map of %d points", n) : SL_OK;
    if (st == SL_OK) st = sl_syevr_ws_alloc(&ws, n);
    if (st == SL_OK) {
        sl_csr_to_dense(s, a);
        st = sl_syevr(&ws, n, a, n - k, n, w, z);
    }
    for (int j = 0; st == SL_OK && j < k; j++) { /* ascending → descending */
        res->lambda[j] = w[k - 1 - j];
        memcpy(phi + (size_t)j * n, z + (size_t)(k - 1 - j) * n, (size_t)n * sizeof *phi);
    }
    sl_syevr_ws_free(&ws);
    free(a); free(w); free(z);
    return st;
}

sl_status sl_dmaps(const double *x, int n, int d, const sl_dmaps_params *p, sl_dmaps_result *res)
{
    memset(res, 0, sizeof *res);
    if (n < 3 || d < 1 || p->k < 1 || p->k >= n)
        return sl_fail(SL_EINVAL, "diffusion maps: %d eigenpairs of %d points in dimension %d", p->k, n, d);
    if (!(p->eps > 0) || !(p->cutoff > 0) || !(p->alpha >= 0 && p->alpha <= 1) || !(p->sigma == 0 || p->sigma > 1))
        return sl_fail(SL_EINVAL, "diffusion maps: need ε > 0 (%g), cut-off > 0 (%g), α in [0, 1] (%g), σ = 0 or > 1 (%g)",
                       p->eps, p->cutoff, p->alpha, p->sigma);
    const int k = p->k;
    res->n = n;
    res->k = k;
    res->lambda = malloc((size_t)k * sizeof *res->lambda);
    res->mu = malloc((size_t)k * sizeof *res->mu);
    res->psi = malloc((size_t)n * k * sizeof *res->psi);
    res->dhalf = malloc((size_t)n * sizeof *res->dhalf);
    double *q = malloc((size_t)n * sizeof *q);
    if (!res->lambda || !res->mu || !res->psi || !res->dhalf || !q) {
        free(q);
        sl_dmaps_result_free(res);
        return sl_fail(SL_ENOMEM, "diffusion maps of %d points", n);
    }
    double t0 = sl_now();
    /* work in the k-d tree's order (kernel rows come out sorted, neighbours
     * close in memory); ψ and d^{1/2} are mapped back at the end */
    sl_csr s = {0};
    sl_kdtree tree;
    double *xs = malloc((size_t)n * d * sizeof *xs), *psi = malloc((size_t)n * k * sizeof *psi),
           *dh = malloc((size_t)n * sizeof *dh);
    int *perm = malloc((size_t)n * sizeof *perm);
    sl_status st = (!xs || !psi || !dh || !perm) ? sl_fail(SL_ENOMEM, "diffusion maps of %d points", n) : SL_OK;
    if (st == SL_OK) st = sl_kdtree_build(&tree, x, n, d, 0);
    if (st == SL_OK) {
        sl_kdtree_reorder(&tree, xs, perm);
        st = kernel(&tree, p->eps, p->cutoff, &s);
        sl_kdtree_free(&tree);
    }
    if (st == SL_OK) {
        res->nnz = s.nnz;
        /* α-normalisation by q^α, then the symmetric conjugate by d^{1/2};
         * products of the two row factors are commutative, so S stays
         * exactly symmetric */
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (size_t t = s.row_ptr[i]; t < s.row_ptr[i + 1]; t++) sum += s.val[t];
            q[i] = p->alpha == 0 ? 1.0 : pow(sum, p->alpha);
        }
        for (int i = 0; i < n; i++)
            for (size_t t = s.row_ptr[i]; t < s.row_ptr[i + 1]; t++) s.val[t] /= q[i] * q[s.col[t]];
        for (int i = 0; i < n && st == SL_OK; i++) {
            double sum = 0;
            for (size_t t = s.row_ptr[i]; t < s.row_ptr[i + 1]; t++) sum += s.val[t];
            if (!(sum > 0)) st = sl_fail(SL_ENUMERIC, "diffusion maps: point %d has no kernel mass", perm[i]);
            dh[i] = sqrt(sum);
        }
        for (int i = 0; i < n && st == SL_OK; i++)
            for (size_t t = s.row_ptr[i]; t < s.row_ptr[i + 1]; t++) s.val[t] /= dh[i] * dh[s.col[t]];
    }
    double t1 = sl_now();
    res->t_kernel = t1 - t0;
    if (st == SL_OK) st = p->solver == SL_DMAPS_DENSE ? eigen_dense(&s, p, res, psi) : eigen_sparse(&s, p, res, psi);
    res->t_eig = sl_now() - t1;
    for (int i = 0; st == SL_OK && i < n; i++) {
        res->dhalf[perm[i]] = dh[i];
        for (int j = 0; j < k; j++) res->psi[(size_t)j * n + perm[i]] = psi[(size_t)j * n + i];
    }
    sl_csr_free(&s);
    free(q); free(xs); free(psi); free(dh); free(perm);
    for (int j = 0; st == SL_OK && j < k; j++) {
        double *v = res->psi + (size_t)j * n, nrm = 0, big = 0;
        for (int i = 0; i < n; i++) {
            v[i] /= res->dhalf[i];
            nrm += v[i] * v[i];
            if (fabs(v[i]) > fabs(big)) big = v[i];
        }
        const double sc = (big < 0 ? -1 : 1) / sqrt(nrm);
        for (int i = 0; i < n; i++) v[i] *= sc;
        res->mu[j] = -2 * log(res->lambda[j]) / p->eps;
    }
    if (st != SL_OK) sl_dmaps_result_free(res);
    return st;
}

sl_status sl_spectral_cluster(const double *x, int n, int d, const sl_dmaps_params *p, int n_init, gsl_rng *r,
                              int *label)
{
    sl_dmaps_result res;
    SL_TRY(sl_dmaps(x, n, d, p, &res));
    const int k = p->k;
    double *y = malloc((size_t)n * k * sizeof *y); /* (n, k) row-major embedding */
    if (!y) {
        sl_dmaps_result_free(&res);
        return sl_fail(SL_ENOMEM, "spectral clustering of %d points", n);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < k; j++) y[(size_t)i * k + j] = res.psi[(size_t)j * n + i];
    sl_status st = sl_kmeans(y, n, k, k, n_init, 300, r, label, NULL, NULL);
    free(y);
    sl_dmaps_result_free(&res);
    return st;
}

sl_status sl_dmaps_operator(const double *x, int n, int d, double eps, double cutoff, double alpha, sl_csr *s)
{
    memset(s, 0, sizeof *s);
    if (n < 2 || d < 1 || !(eps > 0) || !(cutoff > 0) || !(alpha >= 0 && alpha <= 1))
        return sl_fail(SL_EINVAL, "kernel operator: %d points, dimension %d, ε %g, cut-off %g, α %g", n, d, eps, cutoff,
                       alpha);
    sl_csr t = {0};
    sl_kdtree tree;
    double *xs = malloc((size_t)n * d * sizeof *xs), *q = malloc((size_t)n * sizeof *q);
    int *perm = malloc((size_t)n * sizeof *perm), *ri = NULL, *ci = NULL;
    sl_status st = (!xs || !q || !perm) ? sl_fail(SL_ENOMEM, "kernel operator of %d points", n) : SL_OK;
    if (st == SL_OK) st = sl_kdtree_build(&tree, x, n, d, 0);
    if (st == SL_OK) {
        sl_kdtree_reorder(&tree, xs, perm);
        st = kernel(&tree, eps, cutoff, &t);
        sl_kdtree_free(&tree);
    }
    /* the same normalisation as sl_dmaps: by q^α, then by d^{1/2} on both sides */
    for (int pass = 0; pass < 2 && st == SL_OK; pass++) {
        for (int i = 0; i < n && st == SL_OK; i++) {
            double sum = 0;
            for (size_t u = t.row_ptr[i]; u < t.row_ptr[i + 1]; u++) sum += t.val[u];
            if (!(sum > 0)) st = sl_fail(SL_ENUMERIC, "kernel operator: point %d has no kernel mass", perm[i]);
            q[i] = pass == 0 ? (alpha == 0 ? 1.0 : pow(sum, alpha)) : sqrt(sum);
        }
        for (int i = 0; st == SL_OK && i < n; i++)
            for (size_t u = t.row_ptr[i]; u < t.row_ptr[i + 1]; u++) t.val[u] /= q[i] * q[t.col[u]];
    }
    if (st == SL_OK) { /* back to the points' own order */
        ri = malloc(t.nnz * sizeof *ri);
        ci = malloc(t.nnz * sizeof *ci);
        if (!ri || !ci) st = sl_fail(SL_ENOMEM, "kernel operator: %zu entries", t.nnz);
        for (int i = 0; st == SL_OK && i < n; i++)
            for (size_t u = t.row_ptr[i]; u < t.row_ptr[i + 1]; u++) {
                ri[u] = perm[i];
                ci[u] = perm[t.col[u]];
            }
        if (st == SL_OK) st = sl_csr_from_coo(s, n, n, t.nnz, ri, ci, t.val);
    }
    sl_csr_free(&t);
    free(xs); free(q); free(perm); free(ri); free(ci);
    return st;
}
