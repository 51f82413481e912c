/* test_sepchol — the two-block separator Cholesky (linalg/sl_sepchol.h)
 * and the envelope factor it is built from (linalg/sl_envchol.h):
 *   - solves against LAPACK dposv (the dense oracle) on a relabelled
 *     k-neighbour ring, two rings (a second component), a random sparse
 *     band, a complete graph (no separator) and n = 1, 2, 3;
 *   - the split: the separator really separates (no entry couples block 0
 *     with block 1), it is small, the blocks are balanced;
 *   - the same bits on one thread and on two (n above the parallel
 *     threshold), and the envelope factor bit for bit a plain factor written
 *     here (the order of operations the header promises, whichever clone);
 *   - a matrix whose blocks are positive definite but whose whole is not:
 *     SL_ENUMERIC from the separator, *f zeroed. */
#include <lapacke.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "linalg/sl_sepchol.h"
#include "sl_test.h"
#include "test_dmaps_op.h"
#include "test_envdot.h"

/* ring of m nodes (labels lab), each joined to its h nearest on each side
 * with weight −1, diagonal dia; appended from node `base` into the triplets */
static size_t ring(int m, int h, int base, const int *lab, double dia, int *ri, int *ci, double *v, size_t nt)
{
    for (int i = 0; i < m; i++) {
        ri[nt] = ci[nt] = base + lab[i];
        v[nt++] = dia;
        for (int d = 1; d <= h; d++)
            for (int s = -1; s <= 1; s += 2) {
                ri[nt] = base + lab[i];
                ci[nt] = base + lab[((i + s * d) % m + m) % m];
                v[nt++] = -1;
            }
    }
    return nt;
}

static void shuffle(gsl_rng *r, int *lab, int m)
{
    for (int i = 0; i < m; i++) lab[i] = i;
    for (int i = m - 1; i > 0; i--) {
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1), t = lab[i];
        lab[i] = lab[j]; lab[j] = t;
    }
}

/* max relative difference of the sepchol solve of c·a + s·I from dposv */
static double versus_dposv(gsl_rng *r, const sl_csr *a, double c, double s, sl_sepchol *f)
{
    const int n = a->n_rows;
    double *d = calloc((size_t)n * n, sizeof *d), *b = malloc(n * sizeof *b), *x = malloc(n * sizeof *x),
           *y = malloc(n * sizeof *y);
    sl_csr_to_dense(a, d);
    for (size_t t = 0; t < (size_t)n * n; t++) d[t] *= c;
    for (int i = 0; i < n; i++) d[(size_t)i * n + i] += s;
    for (int i = 0; i < n; i++) b[i] = sl_rng_gaussian(r, 1);
    memcpy(y, b, n * sizeof *y);
    double err = -1;
    if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', n, 1, d, n, y, 1) == 0 && sl_sepchol_factor(f, a, c, s, 0) == SL_OK) {
        sl_sepchol_solve(f, b, x);
        err = sl_test_max_rel(x, y, n, 1e-3);
        sl_sepchol_solve(f, b, b); /* in place: the same */
        if (memcmp(x, b, n * sizeof *x)) err = 1;
    }
    free(d); free(b); free(x); free(y);
    return err;
}

/* no stored entry joins block 0 to block 1 (rows of a, by block) */
static int separates(const sl_sepchol *f, const sl_csr *a)
{
    int *blk = malloc(a->n_rows * sizeof *blk), ok = 1;
    for (int i = 0; i < a->n_rows; i++) blk[i] = 2;
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < f->blk[p].n; i++) blk[f->blk[p].perm[i]] = p;
    int cover = f->blk[0].n + f->blk[1].n + f->ns == a->n_rows;
    for (int k = 0; k < f->ns; k++) cover &= blk[f->sep[k]] == 2;
    for (int i = 0; i < a->n_rows; i++)
        for (size_t t = a->row_ptr[i]; t < a->row_ptr[i + 1]; t++)
            ok &= !(blk[i] < 2 && blk[a->col[t]] < 2 && blk[i] != blk[a->col[t]]);
    free(blk);
    return ok && cover;
}

static void test_graphs(void)
{
    gsl_rng *r = sl_rng_new(41);
    const int m = 600, h = 4;
    int *lab = malloc(2 * m * sizeof *lab), *ri = malloc(2 * (size_t)m * (2 * h + 1) * sizeof *ri),
        *ci = malloc(2 * (size_t)m * (2 * h + 1) * sizeof *ci);
    double *v = malloc(2 * (size_t)m * (2 * h + 1) * sizeof *v);
    sl_csr a;
    sl_sepchol f;

    /* one relabelled ring: a separator of 2 h nodes, halves within 2 h */
    shuffle(r, lab, m);
    size_t nt = ring(m, h, 0, lab, 2 * h + 0.5, ri, ci, v, 0);
    sl_csr_from_coo(&a, m, m, nt, ri, ci, v);
    double err = versus_dposv(r, &a, 1, 0, &f);
    SL_CHECK(err >= 0 && err < 1e-10, "sepchol: ring of 600 (4 neighbours a side) equals LAPACK dposv (rel 1e-10)",
             "rel %.3g; %s", err, sl_errmsg());
    SL_CHECK(err >= 0 && separates(&f, &a) && f.ns == 2 * h && abs(f.blk[0].n - f.blk[1].n) <= 2 * h,
             "sepchol: ring: the separator (8 nodes) splits it into halves with no entry between them",
             "ns %d, blocks %d %d", f.ns, f.blk[0].n, f.blk[1].n);
    sl_sepchol_free(&f);
    /* shift-invert form 1.5 I − A/(2|A|), c < 0 */
    err = versus_dposv(r, &a, -0.5 / (4 * h + 0.5), 1.5, &f);
    SL_CHECK(err >= 0 && err < 1e-10, "sepchol: ring, c < 0 (the shift-invert form) equals dposv", "rel %.3g", err);
    sl_sepchol_free(&f);
    sl_csr_free(&a);

    /* two rings, 600 and 300 nodes: the second component joins the smaller block */
    int *lab2 = lab + m;
    shuffle(r, lab2, m / 2);
    nt = ring(m, h, 0, lab, 2 * h + 0.5, ri, ci, v, 0);
    nt = ring(m / 2, h, m, lab2, 2 * h + 0.5, ri, ci, v, nt);
    sl_csr_from_coo(&a, m + m / 2, m + m / 2, nt, ri, ci, v);
    err = versus_dposv(r, &a, 1, 0, &f);
    SL_CHECK(err >= 0 && err < 1e-10 && separates(&f, &a) && f.ns == 2 * h &&
                 abs(f.blk[0].n - f.blk[1].n) >= m / 2 - 2 * h,
             "sepchol: two rings: the second component in one block, solve equals dposv",
             "rel %.3g, ns %d, blocks %d %d", err, f.ns, f.blk[0].n, f.blk[1].n);
    sl_sepchol_free(&f);
    sl_csr_free(&a);

    /* a complete graph (depth 1): no separator, one block */
    const int k = 40;
    double *dense = calloc((size_t)k * k, sizeof *dense);
    for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++) dense[(size_t)i * k + j] = i == j ? k : -0.5 + 0.01 * ((i * 7 + j * 7) % 5);
    sl_csr_from_dense(&a, k, k, dense);
    err = versus_dposv(r, &a, 1, 0, &f);
    SL_CHECK(err >= 0 && err < 1e-10 && f.ns == 0 && f.blk[1].n == 0 && f.blk[0].n == k,
             "sepchol: complete graph of 40: no separator, one envelope block, equals dposv", "rel %.3g, ns %d", err, f.ns);
    sl_sepchol_free(&f);
    sl_csr_free(&a);
    free(dense);

    /* n = 1, 2, 3 (a path) */
    int small_ok = 0;
    for (int n = 1; n <= 3; n++) {
        double d3[9] = {0};
        for (int i = 0; i < n; i++) {
            d3[i * n + i] = 3;
            if (i + 1 < n) d3[i * n + i + 1] = d3[(i + 1) * n + i] = -1;
        }
        sl_csr_from_dense(&a, n, n, d3);
        err = versus_dposv(r, &a, 1, 0.5, &f);
        small_ok += err >= 0 && err < 1e-12 && separates(&f, &a);
        sl_sepchol_free(&f);
        sl_csr_free(&a);
    }
    SL_CHECK(small_ok == 3, "sepchol: n = 1, 2, 3 solve exactly enough (rel 1e-12)", "%d of 3", small_ok);

    /* blocks positive definite, the whole not: 2(1 − 1e-5) I − adjacency of a
     * cycle of 1000 (its least eigenvalue −2e-5; the two paths' are > 0) */
    shuffle(r, lab, 1000); /* lab holds 2 m = 1200 */
    nt = ring(1000, 1, 0, lab, 2 * (1 - 1e-5), ri, ci, v, 0);
    sl_csr_from_coo(&a, 1000, 1000, nt, ri, ci, v);
    sl_status st = sl_sepchol_factor(&f, &a, 1, 0, 0);
    SL_CHECK(st == SL_ENUMERIC && strstr(sl_errmsg(), "separator") && f.blk[0].env == NULL && f.ls == NULL,
             "sepchol: indefinite whole, definite blocks: SL_ENUMERIC from the separator, factor zeroed", "%d %s", st,
             sl_errmsg());
    st = sl_sepchol_factor(&f, &a, -1, 0, 0);
    SL_CHECK(st == SL_ENUMERIC && f.blk[0].env == NULL, "sepchol: negative definite: SL_ENUMERIC from a block",
             "%d %s", st, sl_errmsg());
    sl_csr_free(&a);
    free(lab); free(ri); free(ci); free(v);
    gsl_rng_free(r);
}

/* L of B = c·a + s·I in f's order and envelope, one scalar operation at a
 * time, its dots test_envdot.h's (the order sl_envchol.h promises) */
static int factor_same_bits(const sl_envchol *f, const sl_csr *a, double c, double s)
{
    const int n = f->n, na = a->n_rows;
    int *ip = malloc(na * sizeof *ip);
    double *env = calloc(f->off[n] + 1, sizeof *env);
    for (int i = 0; i < na; i++) ip[i] = -1;
    for (int i = 0; i < n; i++) ip[f->perm[i]] = i;
    for (int i = 0; i < n; i++)
        for (size_t t = a->row_ptr[f->perm[i]]; t < a->row_ptr[f->perm[i] + 1]; t++) {
            const int j = ip[a->col[t]];
            if (j >= 0 && j <= i) env[f->off[i] + j - f->first[i]] += c * a->val[t];
        }
    for (int i = 0; i < n; i++) env[f->off[i + 1] - 1] += s;
    for (int i = 0; i < n; i++) {
        double *li = env + f->off[i] - f->first[i];
        for (int j = f->first[i]; j < i; j++) {
            const int lo = f->first[i] > f->first[j] ? f->first[i] : f->first[j];
            const double *lj = env + f->off[j] - f->first[j];
            li[j] = (li[j] - env_ref_dot(li + lo, lj + lo, j - lo)) / lj[j];
        }
        li[i] = sqrt(li[i] - env_ref_dot(li + f->first[i], li + f->first[i], i - f->first[i]));
    }
    const int same = memcmp(env, f->env, f->off[n] * sizeof *env) == 0;
    free(ip); free(env);
    return same;
}

/* σI − S of 3000 points on the circle (squared sampling): above the
 * parallel threshold; one thread and two give the same bits */
static void test_threads(void)
{
    gsl_rng *r = sl_rng_new(42);
    const int n = 3000;
    double *b = malloc(n * sizeof *b), *u = malloc(n * sizeof *u), *w = malloc(n * sizeof *w);
    sl_csr s;
    sl_sepchol f1, f2;
    int ok = dmaps_test_operator(r, n, &s);
    for (int i = 0; i < n; i++) b[i] = sl_rng_gaussian(r, 1);
    const int before = omp_get_max_threads();
    omp_set_num_threads(1);
    ok = ok && sl_sepchol_factor(&f1, &s, -1.0, 1.0001, 0) == SL_OK;
    if (ok) sl_sepchol_solve(&f1, b, u);
    omp_set_num_threads(2);
    ok = ok && sl_sepchol_factor(&f2, &s, -1.0, 1.0001, 0) == SL_OK;
    if (ok) sl_sepchol_solve(&f2, b, w);
    omp_set_num_threads(before);
    int same = ok && memcmp(u, w, n * sizeof *u) == 0;
    for (int p = 0; ok && p < 2; p++)
        same = same && f1.blk[p].n == f2.blk[p].n &&
               memcmp(f1.blk[p].env, f2.blk[p].env, f1.blk[p].off[f1.blk[p].n] * sizeof(double)) == 0;
    /* a BFS level on the circle: two arcs, each within one node's kernel radius */
    int maxdeg = 0;
    for (int i = 0; ok && i < n; i++)
        if ((int)(s.row_ptr[i + 1] - s.row_ptr[i]) > maxdeg) maxdeg = (int)(s.row_ptr[i + 1] - s.row_ptr[i]);
    SL_CHECK(same && f1.ns > 0 && f1.ns <= 2 * maxdeg && separates(&f1, &s),
             "sepchol: diffusion-map operator of 3000 points: factor and solve bit for bit the same on 1 and 2 threads",
             "ok %d, ns %d, max degree %d", ok, ok ? f1.ns : -1, maxdeg);
    SL_CHECK(ok && factor_same_bits(&f1.blk[0], &s, -1.0, 1.0001) && factor_same_bits(&f1.blk[1], &s, -1.0, 1.0001),
             "envchol: the factor (this CPU's clone) bit for bit the plain factor, both blocks", "ok %d", ok);
    if (ok) {
        sl_sepchol_free(&f1);
        sl_sepchol_free(&f2);
        sl_csr_free(&s);
    }
    free(b); free(u); free(w);
    gsl_rng_free(r);
}

int main(void)
{
    sl_blas_init(NULL);
    test_graphs();
    test_threads();
    return sl_test_done();
}
