/* sl_blas.h — the process's BLAS policy: the same bits at any thread count
 * and on any x86-64 CPU with AVX2 and FMA.
 *
 * OpenBLAS (DYNAMIC_ARCH) picks its kernels when it loads, from the CPU or
 * from the OPENBLAS_CORETYPE environment variable, and its threaded GEMM
 * splits the summed dimension by thread count: both change the rounding.
 * So, first thing in main (sl_driver_begin does it for the drivers):
 *   - if OPENBLAS_CORETYPE is unset (or empty) and the CPU has AVX2 and FMA,
 *     set it to Haswell and re-execute the program (/proc/self/exe, same
 *     argv) so OpenBLAS loads with those kernels; a type the environment
 *     names is kept (never unset) and recorded;
 *   - every BLAS/LAPACK call runs on one thread (openblas_set_num_threads(1)
 *     for the whole process);
 *   - parallel work uses OpenMP threads over splits fixed by the problem
 *     (training shards, sweep runs, fixed GEMM blocks: sl_gemm.h), never by
 *     the thread count, so the thread count changes speed only.
 * The results header records the library and the core that ran
 * (sl_blas_describe); `check --blas FILE` compares it with this process's. */
#ifndef SL_BLAS_H
#define SL_BLAS_H

#include <stddef.h>
#include "sl_error.h"

#define SL_BLAS_CORE "Haswell"          /* the kernels pinned on AVX2+FMA CPUs */
#define SL_BLAS_GUARD "SL_BLAS_REEXEC"  /* set before the re-exec: never twice */

typedef enum {
    SL_BLAS_KEEP,    /* run with the kernels OpenBLAS loaded */
    SL_BLAS_REEXEC   /* set OPENBLAS_CORETYPE=SL_BLAS_CORE and re-execute */
} sl_blas_action;

/* The decision, pure: coretype is getenv("OPENBLAS_CORETYPE"), guard
 * getenv(SL_BLAS_GUARD) (non-NULL: this process is already the re-exec),
 * avx2_fma whether the CPU has both. */
sl_blas_action sl_blas_decide(const char *coretype, const char *guard, int avx2_fma);

/* Apply the policy (may not return: re-exec with the same argv, which must
 * be main's, NULL-terminated; argv NULL: no re-exec, for test programs).
 * If the exec fails the process goes on with the kernels it has; the header
 * records them. Only the first call in a process acts. */
void sl_blas_init(char **argv);

/* OpenMP worker threads for the fixed splits (>= 1); results do not depend on it. */
void sl_blas_workers(int n);

/* The OpenMP worker threads in force (the header's `# threads:`). */
int sl_blas_workers_now(void);

/* "OpenBLAS 0.3.21 ... core=Haswell": openblas_get_config() and
 * openblas_get_corename() of this process, into buf (cap bytes). */
void sl_blas_describe(char *buf, size_t cap);

/* Compare the `# blas: ` line of a results file with sl_blas_describe:
 * SL_OK when equal; otherwise a message naming what differs (the core, the
 * library, or that the file records none). */
sl_status sl_blas_check_file(const char *path);

#endif
