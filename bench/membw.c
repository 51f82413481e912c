/* membw — the machine's single-thread memory bandwidth, measured on the
 * spot: a[i] = b[i] + s·c[i] over three float arrays of 32 Mi elements
 * (384 MiB, far beyond any cache), best of 5; counts the three streams
 * (two read, one written). Prints "gbytes <GB/s>". The afr bench's floor
 * charges the optimiser's pass over the parameters at this rate. */
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_progress.h"

int main(void)
{
    const size_t n = (size_t)32 << 20;
    float *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
    if (!a || !b || !c) return 1;
    for (size_t i = 0; i < n; i++) { a[i] = 0; b[i] = (float)(i % 7); c[i] = (float)(i % 5); }
    double best = 1e300;
    for (int r = 0; r < 5; r++) {
        const float s = 0.5f + (float)r;
        double t0 = sl_now();
        for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
        double t = sl_now() - t0;
        if (t < best) best = t;
    }
    volatile float sink = a[n / 3]; /* the loop's result is used */
    (void)sink;
    printf("gbytes %.2f\n", 3.0 * (double)n * sizeof(float) / best * 1e-9);
    free(a); free(b); free(c);
    return 0;
}
