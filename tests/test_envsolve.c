/* test_envsolve — the envelope-Cholesky solve (linalg/sl_envchol.h, built
 * for SSE2, AVX2 and AVX-512; this CPU runs a vector version) against a
 * plain solve written here and compiled for the baseline (bit for bit: the
 * order of operations the header promises) and LAPACK dposv (the dense
 * oracle), on random sparse SPD matrices whose envelope rows have every
 * width modulo 4 (the vector tails), and on the shifted diffusion-map
 * operator σI − S the nne solver factors. */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "linalg/sl_envchol.h"
#include "sl_test.h"
#include "test_dmaps_op.h"
#include "test_envdot.h"

/* the solve as sl_envchol.h specifies it, one scalar operation at a time:
 * forward dots as test_envdot.h's; backward sweep y_j −= z_i L_ij */
static void plain_solve(const sl_envchol *f, const double *x, double *y)
{
    const int n = f->n;
    double *z = malloc(n * sizeof *z);
    for (int i = 0; i < n; i++) z[i] = x[f->perm[i]];
    for (int i = 0; i < n; i++) {
        const double *li = f->env + f->off[i] - f->first[i];
        const int fi = f->first[i];
        z[i] = (z[i] - env_ref_dot(li + fi, z + fi, i - fi)) / li[i];
    }
    for (int i = n - 1; i >= 0; i--) {
        const double *li = f->env + f->off[i] - f->first[i];
        z[i] /= li[i];
        for (int j = f->first[i]; j < i; j++) z[j] -= z[i] * li[j];
    }
    for (int i = 0; i < n; i++) y[f->perm[i]] = z[i];
    free(z);
}

/* random sparse symmetric A (n, n): a band of random half-width ≤ 9 per
 * row, entries kept with probability 0.6, made diagonally dominant; dense
 * copy too */
static void random_spd(gsl_rng *r, int n, sl_csr *a, double *dense)
{
    memset(dense, 0, (size_t)n * n * sizeof *dense);
    for (int i = 0; i < n; i++) {
        const int w = (int)gsl_rng_uniform_int(r, 10);
        for (int j = i - w; j < i; j++)
            if (j >= 0 && gsl_rng_uniform(r) < 0.6) dense[(size_t)i * n + j] = dense[(size_t)j * n + i] = gsl_rng_uniform(r) - 0.5;
    }
    for (int i = 0; i < n; i++) {
        double s = 1;
        for (int j = 0; j < n; j++) s += fabs(dense[(size_t)i * n + j]);
        dense[(size_t)i * n + i] = s;
    }
    sl_csr_from_dense(a, n, n, dense);
}

static void test_random(void)
{
    gsl_rng *r = sl_rng_new(25);
    const int n = 300;
    double *dense = malloc((size_t)n * n * sizeof *dense), *b = malloc(n * sizeof *b), *x = malloc(n * sizeof *x),
           *xf = malloc(n * sizeof *xf), *y = malloc(n * sizeof *y);
    int same = 0, close = 0, widths = 0;
    for (int t = 0; t < 4; t++) {
        sl_csr a;
        random_spd(r, n, &a, dense);
        for (int i = 0; i < n; i++) b[i] = sl_rng_gaussian(r, 1);
        memcpy(y, b, n * sizeof *y);
        LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', n, 1, dense, n, y, 1);
        sl_envchol f;
        if (sl_envchol_factor(&f, &a, 1, 0, 0) == SL_OK) {
            int seen = 0; /* row lengths modulo 4 present: the tails are exercised */
            for (int i = 0; i < n; i++) seen |= 1 << ((i - f.first[i]) % 4);
            widths += seen == 15;
            plain_solve(&f, b, x);
            sl_envchol_solve(&f, b, xf);
            same += memcmp(x, xf, n * sizeof *x) == 0;
            close += sl_test_max_rel(xf, y, n, 1e-3) < 1e-10;
            memcpy(xf, b, n * sizeof *xf); /* in place */
            sl_envchol_solve(&f, xf, xf);
            same += memcmp(x, xf, n * sizeof *x) == 0;
        }
        sl_envchol_free(&f);
        sl_csr_free(&a);
    }
    SL_CHECK(widths == 4, "envsolve_tails", "%d of 4 matrices have rows of every length mod 4", widths);
    SL_CHECK(same == 8, "envsolve_same_bits", "%d of 8 solves bit for bit the plain solve", same);
    SL_CHECK(close == 4, "envsolve_dposv", "%d of 4 solves within 1e-10 of LAPACK dposv", close);
    free(dense); free(b); free(x); free(xf); free(y);
    gsl_rng_free(r);
}

/* σI − S of 3000 points on the circle (squared sampling: rows of varying width) */
static void test_dmaps_operator(void)
{
    gsl_rng *r = sl_rng_new(26);
    const int n = 3000;
    double *b = malloc(n * sizeof *b), *u = malloc(n * sizeof *u), *v = malloc(n * sizeof *v);
    sl_csr s;
    sl_envchol f;
    int ok = dmaps_test_operator(r, n, &s) && sl_envchol_factor(&f, &s, -1.0, 1.0001, 0) == SL_OK;
    if (ok) {
        for (int i = 0; i < n; i++) b[i] = sl_rng_gaussian(r, 1);
        plain_solve(&f, b, u);
        sl_envchol_solve(&f, b, v);
        ok = memcmp(u, v, n * sizeof *u) == 0 && f.max_width > 8;
        sl_envchol_free(&f);
        sl_csr_free(&s);
    }
    SL_CHECK(ok, "envsolve_dmaps_same_bits", "shifted diffusion-map operator: the solve bit for bit the plain one");
    free(b); free(u); free(v);
    gsl_rng_free(r);
}

int main(void)
{
    sl_blas_init(NULL);
    /* the suite's CPUs have AVX2 (README: same bits on any AVX2+FMA CPU):
     * the comparisons below test a vector version against the plain order */
    SL_CHECK(__builtin_cpu_supports("avx2"), "envsolve_avx2_path", "this CPU runs a vector version");
    test_random();
    test_dmaps_operator();
    return sl_test_done();
}
