/* sl_fpmode.h — flush-to-zero scopes for float32 training.
 *
 * An SSE/AVX operation whose operand or result is subnormal (|x| < 2^-126 in
 * float) takes a microcode assist on many x86 CPUs: on the Intel Xeon of
 * results/bench.txt about a hundred cycles where a normal operation takes one.
 * Training that drives values geometrically towards zero meets them in bulk:
 * Adam's and RMSprop's moments of parameters whose gradient is zero for many
 * steps, weights under an L2 penalty, squares of tiny gradients. afr's Gaussian
 * sets spent half their samples in the optimiser's step on them (perf) and
 * trained 2.5x slower than with them flushed; AMD's Zen cores pay far less.
 *
 * Inside a scope the two MXCSR modes TensorFlow and oneDNN use by default are
 * on: flush-to-zero (FTZ: a subnormal result is written as zero of its sign)
 * and denormals-are-zero (DAZ: a subnormal operand is read as zero). Both are
 * architectural x86-64 behaviour, identical on every vendor and model, so the
 * numbers stay a function of the inputs alone; they differ from IEEE gradual
 * underflow only where a value below 2^-126 (float) or 2^-1022 (double)
 * arises, and a driver that opens a scope opens it at every thread count.
 *
 * Threads: a thread created inside a scope inherits its creator's MXCSR, but
 * libgomp keeps a pool of threads made earlier; so begin and restore set the
 * mode on every thread of a team of omp_get_max_threads() (called from inside
 * a parallel region, nested regions being serial, that team is the caller
 * alone, and the caller's own work runs on it). The OpenBLAS kernels run on
 * the calling threads (sl_blas.h: one BLAS thread). x87 and libm's scalar
 * long double paths are not affected; the suite uses neither for its networks. */
#ifndef SL_FPMODE_H
#define SL_FPMODE_H

typedef struct {
    unsigned csr; /* the caller's MXCSR when the scope began */
} sl_fpmode;

/* Turn FTZ and DAZ on for the caller and the OpenMP pool; returns the mode to restore. */
sl_fpmode sl_fp_flush_begin(void);

/* Put the FTZ and DAZ bits of `prev` back on the caller and the OpenMP pool. */
void sl_fp_restore(sl_fpmode prev);

/* 1 if the calling thread flushes (both FTZ and DAZ on), else 0. */
int sl_fp_flushing(void);

#endif
