#include "sl_ci.h"
#include "../core/sl_rng.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

int sl_region_has(sl_region r, double x)
{
    int above = r.lo_open ? x > r.lo : x >= r.lo;
    int below = r.hi_open ? x < r.hi : x <= r.hi;
    return above && below;
}

static double mean_of(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += v[i];
    return s / (double)n;
}

static double var_of(const double *v, size_t n, double m)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m);
    return n > 1 ? s / (double)(n - 1) : 0;
}

static int cmp_double(const void *p, const void *q)
{
    double a = *(const double *)p, b = *(const double *)q;
    return (a > b) - (a < b);
}

/* x on a (na) and b (nb, may be 0) */
static double stat(const double *a, size_t na, const double *b, size_t nb, double ref)
{
    return mean_of(a, na) - (nb ? mean_of(b, nb) : ref);
}

static int t_interval(double level, const double *a, size_t na, const double *b, size_t nb, double x, double *lo,
                      double *hi)
{
    double va = var_of(a, na, mean_of(a, na)) / (double)na, se2 = va, df = (double)na - 1;
    if (nb) {
        double vb = var_of(b, nb, mean_of(b, nb)) / (double)nb;
        se2 = va + vb;
        double den = va * va / ((double)na - 1) + vb * vb / ((double)nb - 1);
        df = den > 0 ? se2 * se2 / den : (double)(na + nb - 2);
    }
    double q = se2 > 0 ? gsl_cdf_tdist_Pinv(0.5 + level / 2, df) : 0;
    *lo = x - q * sqrt(se2);
    *hi = x + q * sqrt(se2);
    return 0;
}

static int boot_interval(double level, long draws, uint64_t seed, const double *a, size_t na, const double *b,
                         size_t nb, double ref, double *lo, double *hi)
{
    gsl_rng *r = sl_rng_new(seed);
    double *xs = malloc((size_t)draws * sizeof *xs);
    if (!r || !xs) { if (r) gsl_rng_free(r); free(xs); return -1; }
    for (long d = 0; d < draws; d++) {
        double sa = 0, sb = 0;
        for (size_t i = 0; i < na; i++) sa += a[gsl_rng_uniform_int(r, na)];
        for (size_t i = 0; i < nb; i++) sb += b[gsl_rng_uniform_int(r, nb)];
        xs[d] = sa / (double)na - (nb ? sb / (double)nb : ref);
    }
    qsort(xs, (size_t)draws, sizeof *xs, cmp_double);
    double alpha = (1 - level) / 2;
    long ilo = (long)floor(alpha * (double)(draws - 1)), ihi = (long)ceil((1 - alpha) * (double)(draws - 1));
    *lo = xs[ilo];
    *hi = xs[ihi];
    gsl_rng_free(r);
    free(xs);
    return 0;
}

int sl_ci_verdict(int method, double level, long draws, uint64_t seed, const double *a, size_t na,
                  const double *b, size_t nb, double ref, sl_region r, sl_ci_result *out)
{
    if (na < 2 || nb == 1 || !(level > 0 && level < 1)) return -1;
    out->x = stat(a, na, b, nb, ref);
    int rc = method == SL_CI_BOOTSTRAP
                 ? boot_interval(level, draws, seed, a, na, b, nb, ref, &out->ci_lo, &out->ci_hi)
                 : t_interval(level, a, na, b, nb, out->x, &out->ci_lo, &out->ci_hi);
    if (rc) return rc;
    int in_lo = sl_region_has(r, out->ci_lo), in_hi = sl_region_has(r, out->ci_hi);
    /* the region is an interval, so both ends inside means the whole CI is */
    int misses = (r.hi_open ? out->ci_lo >= r.hi : out->ci_lo > r.hi) ||
                 (r.lo_open ? out->ci_hi <= r.lo : out->ci_hi < r.lo);
    out->verdict = in_lo && in_hi ? SL_VERDICT_MATCH : misses ? SL_VERDICT_MISMATCH : SL_VERDICT_UNDECIDED;
    size_t ha = (na + 1) / 2, hb = (nb + 1) / 2;
    out->half[0] = stat(a, ha, b, hb, ref);
    out->half[1] = stat(a + ha, na - ha, b + hb, nb - hb, ref);
    out->split_disagrees = 0;
    if (out->verdict != SL_VERDICT_UNDECIDED)
        for (int h = 0; h < 2; h++)
            if (sl_region_has(r, out->half[h]) != (out->verdict == SL_VERDICT_MATCH)) out->split_disagrees = 1;
    if (out->split_disagrees) out->verdict = SL_VERDICT_UNDECIDED;
    out->n_needed = -1;
    if (out->verdict == SL_VERDICT_UNDECIDED) {
        /* the per-realisation spread, with n realisations on each side */
        double s2 = var_of(a, na, mean_of(a, na)) + (nb ? var_of(b, nb, mean_of(b, nb)) : 0);
        double margin = fmin(fabs(out->x - r.lo), fabs(out->x - r.hi));
        if (s2 > 0 && margin > 0 && isfinite(margin))
            for (long n = 2; n <= 100000; n++)
                if (gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(n - 1)) * sqrt(s2 / (double)n) < margin) {
                    out->n_needed = n;
                    break;
                }
    }
    return 0;
}
