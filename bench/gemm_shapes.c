/* gemm_shapes — the matrix products of one training epoch of a layered
 * network alone, at the shapes the suite trains, through the layer routines
 * the training calls (sl_linear_forward / sl_linear_backward without bias:
 * sl_gemm's fixed blocks, single-threaded BLAS each, bits independent of the
 * thread count; src/linalg/sl_gemm.h) with the pinned kernels (sl_blas.h):
 * how long the BLAS the suite runs needs for the products a layer-by-layer
 * epoch performs, before anything else the epoch does.
 *
 *   gemm_shapes EXAMPLES BATCH D0 D1 ... DL
 *
 * For every batch (EXAMPLES / BATCH of BATCH rows, then the rest), every
 * layer l (n = D(l), m = D(l+1)):
 *   forward   out (B, m) = in (B, n) · Wᵀ                 2·B·n·m
 *   weights   dW (m, n)  = dout (B, m)ᵀ · in (B, n)        2·B·n·m
 *   inputs    din (B, n) = dout (B, m) · W (m, n)          2·B·n·m, not for l = 0
 * the FLOPs bench_afr and bench_train count as gemm_flops. Operands hold
 * fixed values (the time does not depend on them). OpenMP threads as
 * OMP_NUM_THREADS (sl_gemm shares its blocks among them), BLAS single-threaded.
 * Prints "seconds <best of 7>", "gemm_flops <f>", "threads <t>". */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_blas.h"
#include "core/sl_progress.h"
#include "nn/sl_layer.h"

enum { MAX_LAYERS = 16 };

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    const int L = argc - 4;
    if (argc < 5 || L > MAX_LAYERS) {
        fprintf(stderr, "usage: gemm_shapes EXAMPLES BATCH D0 D1 ... DL (1..%d layers)\n", MAX_LAYERS);
        return 2;
    }
    const long N = atol(argv[1]);
    const int B = atoi(argv[2]);
    int d[MAX_LAYERS + 1], dmax = 0;
    for (int l = 0; l <= L; l++) {
        d[l] = atoi(argv[3 + l]);
        if (d[l] < 1) { fprintf(stderr, "gemm_shapes: width %s is not positive\n", argv[3 + l]); return 2; }
        if (d[l] > dmax) dmax = d[l];
    }
    if (N < 1 || B < 1) { fprintf(stderr, "gemm_shapes: EXAMPLES and BATCH must be positive\n"); return 2; }
    /* in, dout, out, din: (B, dmax); W, dW: (dmax, dmax) */
    const size_t act = (size_t)B * dmax, par = (size_t)dmax * dmax;
    float *in = malloc(act * sizeof *in), *dout = malloc(act * sizeof *dout), *out = malloc(act * sizeof *out),
          *din = malloc(act * sizeof *din), *w = malloc(par * sizeof *w), *dw = malloc(par * sizeof *dw);
    if (!in || !dout || !out || !din || !w || !dw) { fprintf(stderr, "gemm_shapes: out of memory\n"); return 1; }
    for (size_t i = 0; i < act; i++) { in[i] = (float)(i % 7) * 0.1f; dout[i] = (float)(i % 5) * 0.01f; }
    for (size_t i = 0; i < par; i++) w[i] = (float)(i % 11) * 0.02f;
    double best = 1e300, flops = 0;
    for (int r = 0; r < 7; r++) {
        flops = 0;
        const double t0 = sl_now();
        for (long e = 0; e < N; e += B) {
            const int b = N - e < B ? (int)(N - e) : B;
            for (int l = 0; l < L; l++) {
                const int n = d[l], m = d[l + 1];
                sl_linear_forward(out, in, w, NULL, b, n, m);
                sl_linear_backward(l > 0 ? din : NULL, dw, NULL, dout, in, w, b, n, m, 0);
                flops += (l > 0 ? 6.0 : 4.0) * b * n * m;
            }
        }
        const double t = sl_now() - t0;
        if (t < best) best = t;
    }
    printf("seconds %.5f\ngemm_flops %.6g\nthreads %d\n", best, flops, omp_get_max_threads());
    free(in); free(dout); free(out); free(din); free(w); free(dw);
    return 0;
}
