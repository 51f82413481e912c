/* sl_clones.h — SL_CLONES before a function definition compiles it for
 * SSE2 (the build's baseline), AVX2 and AVX-512 (GCC target_clones; the
 * CPU picks one at run time). Only for element-by-element loops whose
 * every version performs the same IEEE operations in the same order:
 * -ffp-contract=off forbids FMA contraction and no -ffast-math allows
 * reassociation, so the results are bit for bit those of the baseline
 * (tests/test_nn.c compares). GCC on x86-64 only; off under sanitizers and
 * with -DSL_NO_CLONES.
 *
 * The same three versions written out, where a test must call each one
 * (target_clones' versions are local symbols): one always-inline loop body
 * inside a baseline function and inside functions marked
 * SL_CLONE_TARGET("avx2") and SL_CLONE_TARGET("avx512f"); the caller picks
 * the best with SL_CLONE_HAS("avx512f") / SL_CLONE_HAS("avx2"). Same rules;
 * where SL_CLONES is off, every version is the baseline. */
#ifndef SL_CLONES_H
#define SL_CLONES_H

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(SL_NO_CLONES)
#define SL_CLONES __attribute__((target_clones("default", "avx2", "avx512f")))
#define SL_CLONE_TARGET(isa) __attribute__((target(isa)))
#define SL_CLONE_HAS(isa) __builtin_cpu_supports(isa)
#else
#define SL_CLONES
#define SL_CLONE_TARGET(isa)
#define SL_CLONE_HAS(isa) 1
#endif

#endif
