/* sl_clones.h — SL_CLONES before a function definition compiles it for
 * SSE2 (the build's baseline), AVX2 and AVX-512 (GCC target_clones; the
 * CPU picks one at run time). Only for element-by-element loops whose
 * every version performs the same IEEE operations in the same order:
 * -ffp-contract=off forbids FMA contraction and no -ffast-math allows
 * reassociation, so the results are bit for bit those of the baseline
 * (tests/test_nn.c compares). GCC on x86-64 only; off under sanitizers and
 * with -DSL_NO_CLONES. */
#ifndef SL_CLONES_H
#define SL_CLONES_H

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(SL_NO_CLONES)
#define SL_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
#else
#define SL_CLONES
#endif

#endif
