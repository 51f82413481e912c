/* nne_cholmod — issue 25's evaluation of CHOLMOD (Debian's SuiteSparse)
 * against speclab's RCM envelope Cholesky and its two-block separator
 * Cholesky (sl_sepchol.h, what sl_dmaps uses) for the diffusion-map
 * shift-invert solves: the operator S of n points on the unit circle
 * (α = 1, datafold's ε, as bench_nne), B = σI − S factored by each, then
 * `nsolve` solves (bench_nne's ARPACK operator count). Best of 3; CHOLMOD
 * and the envelope on one thread, the separator Cholesky on one and on two.
 * `nne_cholmod uniform|squared n sigma nsolve`; prints
 * "envelope <s> <entries> cholmod <s> <nnz(L)> <max |x_env − x_chol|>
 *  separator <s, 1 thread> <s, 2 threads> <entries> <max |x_sep − x_chol|>".
 * Built by bench/nne.sh only (cc ... -lcholmod), not by make: speclab does
 * not link CHOLMOD unless this shows it faster. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <suitesparse/cholmod.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_progress.h"
#include "core/sl_rng.h"
#include <omp.h>

#include "linalg/sl_envchol.h"
#include "linalg/sl_sepchol.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_data.h"

int main(int argc, char **argv)
{
    sl_blas_init(argv);
    sl_mem_init();      /* as the drivers: freed buffers stay with the process */
    if (argc < 5) {
        fprintf(stderr, "usage: nne_cholmod uniform|squared n sigma nsolve\n");
        return 2;
    }
    const int sq = strcmp(argv[1], "squared") == 0, n = atoi(argv[2]), nsolve = atoi(argv[4]);
    const double sigma = atof(argv[3]);
    gsl_rng *r = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 0)), *rs = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 1));
    double *theta = malloc(n * sizeof *theta), *x = malloc(2 * (size_t)n * sizeof *x), cut, eps;
    double *b = malloc(n * sizeof *b), *ye = malloc(n * sizeof *ye), *ys = malloc(n * sizeof *ys);
    sl_circle_sample(r, n, sq ? SL_CIRCLE_SQUARED : SL_CIRCLE_UNIFORM, theta, x);
    sl_csr s;
    if (sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, rs, &cut, &eps) != SL_OK || sl_dmaps_operator(x, n, 2, eps, cut, 1.0, &s) != SL_OK) {
        fprintf(stderr, "nne_cholmod: %s\n", sl_errmsg());
        return 1;
    }
    for (int i = 0; i < n; i++) b[i] = (double)(i % 7) - 3;
    double te = 1e300, tc = 1e300, ts[2] = {1e300, 1e300}, lnz = 0, err = 0, err_s = 0;
    size_t entries = 0, entries_s = 0;
    for (int rep = 0; rep < 3; rep++) {
        for (int th = 1; th <= 2; th++) {
            omp_set_num_threads(th);
            double t0 = sl_now();
            sl_sepchol g;
            if (sl_sepchol_factor(&g, &s, -1.0, sigma, 0) != SL_OK) return 1;
            for (int k = 0; k < nsolve; k++) sl_sepchol_solve(&g, b, ys);
            ts[th - 1] = fmin(ts[th - 1], sl_now() - t0);
            entries_s = sl_sepchol_entries(&g);
            sl_sepchol_free(&g);
        }
        omp_set_num_threads(1);
        double t0 = sl_now();
        sl_envchol f;
        if (sl_envchol_factor(&f, &s, -1.0, sigma, 0) != SL_OK) return 1;
        for (int k = 0; k < nsolve; k++) sl_envchol_solve(&f, b, ye);
        te = fmin(te, sl_now() - t0);
        entries = f.off[n];
        sl_envchol_free(&f);
        /* CHOLMOD, supernodal (its default choice here), its default ordering
         * (AMD; METIS where built in); the symmetric matrix whole, stype 1 */
        cholmod_common c;
        cholmod_start(&c);
        t0 = sl_now();
        cholmod_sparse *A = cholmod_allocate_sparse(n, n, s.nnz, 1, 1, 1, CHOLMOD_REAL, &c);
        int *Ap = A->p, *Ai = A->i;
        double *Ax = A->x;
        for (int i = 0; i <= n; i++) Ap[i] = (int)s.row_ptr[i];
        for (int i = 0; i < n; i++)
            for (size_t t = s.row_ptr[i]; t < s.row_ptr[i + 1]; t++) {
                Ai[t] = s.col[t];
                Ax[t] = (s.col[t] == i ? sigma : 0) - s.val[t];
            }
        cholmod_factor *L = cholmod_analyze(A, &c);
        cholmod_factorize(A, L, &c);
        cholmod_dense *B = cholmod_allocate_dense(n, 1, n, CHOLMOD_REAL, &c), *X = NULL;
        memcpy(B->x, b, n * sizeof *b);
        for (int k = 0; k < nsolve; k++) {
            if (X) cholmod_free_dense(&X, &c);
            X = cholmod_solve(CHOLMOD_A, L, B, &c);
        }
        tc = fmin(tc, sl_now() - t0);
        lnz = c.lnz;
        err = err_s = 0;
        for (int i = 0; i < n; i++) {
            err = fmax(err, fabs(((double *)X->x)[i] - ye[i]));
            err_s = fmax(err_s, fabs(((double *)X->x)[i] - ys[i]));
        }
        cholmod_free_dense(&X, &c); cholmod_free_dense(&B, &c); cholmod_free_factor(&L, &c); cholmod_free_sparse(&A, &c);
        cholmod_finish(&c);
    }
    printf("envelope %.4f %zu cholmod %.4f %.0f %.2e separator %.4f %.4f %zu %.2e\n", te, entries, tc, lnz, err, ts[0], ts[1],
           entries_s, err_s);
    sl_csr_free(&s);
    free(theta); free(x); free(b); free(ye); free(ys);
    gsl_rng_free(r); gsl_rng_free(rs);
    return 0;
}
