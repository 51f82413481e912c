#include "sl_gemm.h"

#include <stddef.h>

void sl_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int M, int N, int K, float alpha,
             const float *A, int lda, const float *B, int ldb, float beta, float *C, int ldc)
{
    const int bn = (N + SL_GEMM_NB - 1) / SL_GEMM_NB;
    int mb = SL_GEMM_MB;
    while (mb > SL_GEMM_MB_MIN && (long)((M + mb - 1) / mb) * bn < SL_GEMM_PIECES) mb /= 2;
    const int bm = (M + mb - 1) / mb;
    if ((long)M * N * K < SL_GEMM_SMALL || bm * bn <= 1) {
        cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int q = 0; q < bm * bn; q++) {
        const int i0 = q / bn * mb, j0 = q % bn * SL_GEMM_NB;
        const int mq = M - i0 < mb ? M - i0 : mb;
        const int nq = N - j0 < SL_GEMM_NB ? N - j0 : SL_GEMM_NB;
        /* rows i0.. of op(A): rows of A, or its columns when transposed; likewise columns j0.. of op(B) */
        const float *a = A + (ta == CblasNoTrans ? (size_t)i0 * lda : (size_t)i0);
        const float *b = B + (tb == CblasNoTrans ? (size_t)j0 : (size_t)j0 * ldb);
        cblas_sgemm(CblasRowMajor, ta, tb, mq, nq, K, alpha, a, lda, b, ldb, beta,
                    C + (size_t)i0 * ldc + j0, ldc);
    }
}
