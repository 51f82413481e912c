/* bench_nne — diffusion maps (α = 1, datafold's ε heuristic, shift-invert at
 * σ = 1.1) of n points on the unit circle, k eigenpairs:
 * `bench_nne uniform|squared [n] [k] [reps]`. Prints "<sampling> seconds
 * mu_1 … mu_k" with the best-of-reps total time (scale + kernel + eigs).
 * SL_BENCH_MALLOC=glibc: without the memory policy (sl_mem.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_progress.h"
#include "core/sl_rng.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_data.h"

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    /* as the drivers: freed buffers stay with the process; SL_BENCH_MALLOC=glibc
     * leaves glibc's defaults, for bench/nne.sh to show what the policy gains */
    const char *policy = getenv("SL_BENCH_MALLOC");
    if (!policy || strcmp(policy, "glibc") != 0) sl_mem_init();
    const int sq = argc > 1 && strcmp(argv[1], "squared") == 0;
    const int n = argc > 2 ? atoi(argv[2]) : 10000, k = argc > 3 ? atoi(argv[3]) : 10,
              reps = argc > 4 ? atoi(argv[4]) : 3;
    const double sigma = argc > 5 ? atof(argv[5]) : 1.1;
    gsl_rng *r = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 0));
    double *theta = malloc((size_t)n * sizeof *theta), *x = malloc((size_t)2 * n * sizeof *x);
    sl_circle_sample(r, n, sq ? SL_CIRCLE_SQUARED : SL_CIRCLE_UNIFORM, theta, x);
    double best = 1e300;
    sl_dmaps_result res = {0};
    for (int t = 0; t < reps; t++) {
        sl_dmaps_result_free(&res);
        gsl_rng *rs = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 1));
        double t0 = sl_now(), cut, eps;
        sl_status st = sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, rs, &cut, &eps);
        sl_dmaps_params p = {eps, cut, 1.0, k, sigma, 0, SL_DMAPS_SPARSE};
        if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &res);
        double el = sl_now() - t0;
        gsl_rng_free(rs);
        if (st != SL_OK) { fprintf(stderr, "bench_nne: %s\n", sl_errmsg()); return 1; }
        if (el < best) best = el;
        fprintf(stderr, "bench_nne: eps %.4g nnz %zu factor %zu width %d separator %d ops %d kernel %.3fs eig %.3fs\n", eps,
                res.nnz, res.env, res.max_width, res.n_sep, res.n_ops, res.t_kernel, res.t_eig);
    }
    printf("%s %.4f", sq ? "squared" : "uniform", best);
    for (int j = 0; j < k; j++) printf(" %.4f", res.mu[j]);
    printf("\n");
    sl_dmaps_result_free(&res);
    free(theta); free(x);
    gsl_rng_free(r);
    return 0;
}
