/* sl_fpmode.c — flush-to-zero scopes (see sl_fpmode.h). */
#include "sl_fpmode.h"

#include <omp.h>
#include <pmmintrin.h> /* _MM_DENORMALS_ZERO_MASK */
#include <xmmintrin.h> /* _mm_getcsr, _MM_FLUSH_ZERO_MASK */

#define BOTH (_MM_FLUSH_ZERO_MASK | _MM_DENORMALS_ZERO_MASK)

/* set the FTZ and DAZ bits to `bits` on every thread of a full team, other MXCSR bits kept */
static void set_team(unsigned bits)
{
#pragma omp parallel num_threads(omp_get_max_threads())
    _mm_setcsr((_mm_getcsr() & ~BOTH) | bits);
}

sl_fpmode sl_fp_flush_begin(void)
{
    sl_fpmode prev = {_mm_getcsr()};
    set_team(BOTH);
    return prev;
}

void sl_fp_restore(sl_fpmode prev) { set_team(prev.csr & BOTH); }

int sl_fp_flushing(void) { return (_mm_getcsr() & BOTH) == BOTH; }
