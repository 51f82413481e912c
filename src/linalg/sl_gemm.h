/* sl_gemm.h — single-precision GEMM whose bits do not depend on the thread count.
 *
 *   C (M, N; ldc) = alpha op(A) op(B) + beta C      row-major, as cblas_sgemm
 *   op(A): (M, K), op(B): (K, N)
 *
 * C is cut into blocks of SL_GEMM_MB (or fewer, below) rows by SL_GEMM_NB
 * columns (the last ones ragged); each block is one single-threaded cblas_sgemm over the
 * whole K with the same arguments, and the blocks are shared out among the
 * OpenMP threads. The split depends on M and N only, never on the thread
 * count, and K (the summed dimension) is never split, so every element is
 * the same dot product in the same order at 1, 2 or 64 threads. Products
 * under SL_GEMM_SMALL multiply-adds are one call. Inside an active parallel
 * region (training shards, sweep runs) the blocks run on the calling thread.
 * Requires the process's BLAS to be single-threaded (sl_blas.h). */
#ifndef SL_GEMM_H
#define SL_GEMM_H

#include <cblas.h>

/* 512 rows hold a batch of 500 whole (its rows of A packed once); 256-column
 * blocks give a 1000-wide layer four pieces. Single-threaded, the blocks run
 * at ~95 % of one whole call (Zen 3/5, batch 500, widths 784..5000). When
 * that makes fewer than SL_GEMM_PIECES blocks (a narrow layer: 500 x 100),
 * the row block halves, down to SL_GEMM_MB_MIN: a choice made from M and N
 * alone. */
#define SL_GEMM_MB 512
#define SL_GEMM_NB 256
#define SL_GEMM_MB_MIN 64
#define SL_GEMM_PIECES 4
#define SL_GEMM_SMALL (1L << 22)

void sl_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int M, int N, int K, float alpha,
             const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc);

#endif
