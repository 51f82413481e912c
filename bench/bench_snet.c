/* bench_snet — one SpectralNet training epoch (sl_snet.h, the thesis'
 * Table 2 network: dense 128, 64, 32 ELU with dropout 0.2, dense k tanh,
 * separate-batch orthonormalisation; RMSProp, batch 256, orthonormalisation
 * batch 512; the full-data loss for early stopping at the end of the epoch)
 * on n points uniform on the unit circle, σ² = datafold's ε:
 * `bench_snet [n] [k] [reps]`. Prints "seconds <best of reps> eps <σ²>".
 * sl_snet_train runs on one BLAS thread (see its wrapper). */
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_rng.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    sl_mem_init();      /* as the drivers: freed buffers stay with the process */
    const int n = argc > 1 ? atoi(argv[1]) : 10000, k = argc > 2 ? atoi(argv[2]) : 5, reps = argc > 3 ? atoi(argv[3]) : 3;
    if (n < 600 || k < 1 || k > 16 || reps < 1) {
        fprintf(stderr, "usage: bench_snet [n >= 600] [k 1..16] [reps >= 1]\n");
        return 2;
    }
    gsl_rng *r = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 0)), *rs = sl_rng_new(sl_seed_derive(1, SL_STREAM_DATA, 1));
    double *theta = malloc((size_t)n * sizeof *theta), *x = malloc((size_t)2 * n * sizeof *x), cut, eps;
    sl_circle_sample(r, n, SL_CIRCLE_UNIFORM, theta, x);
    sl_status st = sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, rs, &cut, &eps);
    sl_snet_params p = {.k = k, .n_hidden = 3, .hidden = {128, 64, 32}, .epochs = 1, .batch = 256, .ortho_batch = 512,
                        .patience = 0, .lr = 1e-4f, .dropout = 0.2f, .eps = eps, .ortho = SL_SNET_SEPARATE};
    double best = 1e300;
    for (int t = 0; st == SL_OK && t < reps; t++) {
        gsl_rng *ri = sl_rng_new(sl_seed_derive(1, SL_STREAM_INIT, (uint64_t)t)),
                *rb = sl_rng_new(sl_seed_derive(1, SL_STREAM_SHUFFLE, (uint64_t)t));
        sl_snet_result res = {0};
        st = sl_snet_train(x, n, 2, &p, NULL, ri, rb, NULL, NULL, &res);
        if (st == SL_OK && res.t_train < best) best = res.t_train;
        if (st == SL_OK) fprintf(stderr, "bench_snet: epoch %.3f s, loss %.4g\n", res.t_train, res.final_loss);
        sl_snet_result_free(&res);
        gsl_rng_free(ri);
        gsl_rng_free(rb);
    }
    free(theta); free(x);
    gsl_rng_free(r);
    gsl_rng_free(rs);
    if (st != SL_OK) {
        fprintf(stderr, "bench_snet: %s\n", sl_errmsg());
        return 1;
    }
    printf("seconds %.4f eps %.6g\n", best, eps);
    return 0;
}
