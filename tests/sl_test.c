#include "sl_test.h"

#include <math.h>
#include <stdarg.h>

int sl_test_failed;

void sl_test_result(int ok, const char *name, const char *fmt, ...)
{
    if (ok) {
        printf("PASS %s\n", name);
    } else {
        va_list ap;
        printf("FAIL %s: ", name);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
        sl_test_failed++;
    }
    fflush(stdout);
}

int sl_test_done(void) { return sl_test_failed ? 1 : 0; }

double sl_test_max_rel(const double *a, const double *b, size_t n, double floor)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]) / (fabs(b[i]) + floor);
        if (!(d <= m)) m = d; /* NaN propagates as failure */
    }
    return m;
}
