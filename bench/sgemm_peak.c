/* sgemm_peak — the single-precision GEMM rate, measured on the spot: C = A·B
 * for square float matrices (default n = 3000) with the BLAS threads in
 * force (OPENBLAS_NUM_THREADS), best of 5. `sgemm_peak [--native] [N]`.
 *
 * By default the kernels are those speclab runs: the BLAS policy's core
 * (sl_blas.h: where OPENBLAS_CORETYPE is unset on an AVX2+FMA CPU, the
 * program re-executes with the Haswell kernels, for the same bits on every
 * x86-64 CPU), so that "% of peak" and the afr floor measure how well the
 * suite uses the BLAS it runs. --native keeps the kernels OpenBLAS picks
 * for this CPU itself (those the PyTorch and NumPy baselines run): the two
 * rates side by side are the price of the pinned kernels on this CPU.
 * Prints GFLOP/s, the threads, n, and the BLAS library and core (for the
 * benches' headers). */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_progress.h"

int main(int argc, char **argv)
{
    const int native = argc > 1 && strcmp(argv[1], "--native") == 0;
    if (!native) {
        sl_blas_init(argv); /* the pinned core, as the drivers (may re-execute) */
        /* ... but the threads asked for, not the drivers' single-threaded BLAS */
        const char *t = getenv("OPENBLAS_NUM_THREADS");
        openblas_set_num_threads(t && atoi(t) > 0 ? atoi(t) : openblas_get_num_procs());
    }
    int n = argc > 1 + native ? atoi(argv[1 + native]) : 3000;
    if (n < 64) n = 64;
    size_t nn = (size_t)n * (size_t)n;
    float *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b), *c = malloc(nn * sizeof *c);
    if (!a || !b || !c) return 1;
    for (size_t i = 0; i < nn; i++) { a[i] = (float)(i % 7) * 0.1f; b[i] = (float)(i % 5) * 0.2f; }
    double best = 1e300;
    for (int r = 0; r < 5; r++) {
        double t0 = sl_now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
        double t = sl_now() - t0;
        if (t < best) best = t;
    }
    char blas[256];
    sl_blas_describe(blas, sizeof blas); /* library and the core it runs, as results headers say */
    printf("gflops %.2f\nthreads %d\nn %d\nblas %s\n", 2.0 * n * (double)n * n / best * 1e-9, openblas_get_num_threads(), n, blas);
    free(a); free(b); free(c);
    return 0;
}
