#include "sl_dist.h"

#include <gsl/gsl_histogram.h>
#include <math.h>
#include <gsl/gsl_sort.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_ks_statistic(const double *a, size_t na, const double *b, size_t nb, double *D)
{
    if (!na || !nb) return sl_fail(SL_EINVAL, "KS statistic of an empty sample");
    double *sa = malloc(na * sizeof *sa), *sb = malloc(nb * sizeof *sb);
    if (!sa || !sb) { free(sa); free(sb); return sl_fail(SL_ENOMEM, "KS statistic"); }
    memcpy(sa, a, na * sizeof *sa);
    memcpy(sb, b, nb * sizeof *sb);
    gsl_sort(sa, 1, na);
    gsl_sort(sb, 1, nb);
    size_t i = 0, j = 0;
    double d = 0;
    while (i < na && j < nb) {
        double x = sa[i] <= sb[j] ? sa[i] : sb[j];
        while (i < na && sa[i] <= x) i++;
        while (j < nb && sb[j] <= x) j++;
        double diff = (double)i / (double)na - (double)j / (double)nb;
        if (diff < 0) diff = -diff;
        if (diff > d) d = diff;
    }
    free(sa);
    free(sb);
    *D = d;
    return SL_OK;
}

sl_status sl_ks_cdf(double *x, size_t n, double (*F)(double x, void *params), void *params, double *D)
{
    if (!n) return sl_fail(SL_EINVAL, "KS statistic of an empty sample");
    gsl_sort(x, 1, n);
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        const double f = F(x[i], params);
        d = fmax(d, fmax(fabs((double)(i + 1) / n - f), fabs(f - (double)i / n)));
    }
    *D = d;
    return SL_OK;
}

sl_status sl_density(const double *x, size_t n, double lo, double hi, size_t n_bins,
                     double *centers, double *density)
{
    if (!n_bins || !(hi > lo)) return sl_fail(SL_EINVAL, "histogram range [%g, %g) with %zu bins", lo, hi, n_bins);
    gsl_histogram *h = gsl_histogram_alloc(n_bins);
    if (!h) return sl_fail(SL_ENOMEM, "histogram");
    gsl_histogram_set_ranges_uniform(h, lo, hi);
    for (size_t i = 0; i < n; i++) gsl_histogram_increment(h, x[i]); /* outside: ignored */
    const double width = (hi - lo) / (double)n_bins;
    for (size_t k = 0; k < n_bins; k++) {
        double a, b;
        gsl_histogram_get_range(h, k, &a, &b);
        centers[k] = 0.5 * (a + b);
        density[k] = gsl_histogram_get(h, k) / ((double)n * width);
    }
    gsl_histogram_free(h);
    return SL_OK;
}
