/* test_stats — src/stats/sl_dist.c and src/rmt/sl_spacing.c against closed
 * forms and an independent brute-force implementation: two-sample KS on hand
 * examples (ties included) and against an O(n·m) definition, one-sample KS on
 * quantile samples (D = 1/(2n) exactly), density histograms by hand, the
 * Wigner surmises' normalisation and unit mean, their CDFs against the closed
 * forms for β = 1 and 2, and unfolded spacings of equally spaced phases. */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_integration.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_erf.h>

#include "core/sl_blas.h"
#include "rmt/sl_spacing.h"
#include "stats/sl_dist.h"
#include "sl_test.h"

/* sup over x of |F_a(x) - F_b(x)|, F(x) = #{samples <= x} / n, evaluated at every sample point. */
static double ks_brute(const double *a, size_t na, const double *b, size_t nb)
{
    double d = 0;
    for (size_t k = 0; k < na + nb; k++) {
        const double x = k < na ? a[k] : b[k - na];
        size_t ca = 0, cb = 0;
        for (size_t i = 0; i < na; i++) ca += a[i] <= x;
        for (size_t j = 0; j < nb; j++) cb += b[j] <= x;
        d = fmax(d, fabs((double)ca / na - (double)cb / nb));
    }
    return d;
}

static void test_ks_two_sample(void)
{
    const double a[3] = {3, 1, 2}, b[3] = {1.5, 3.5, 2.5};
    double D = -1;
    sl_ks_statistic(a, 3, b, 3, &D);
    SL_CHECK(fabs(D - 1.0 / 3) < 1e-15, "ks: interleaved samples, D = 1/3", "%.17g", D);
    const double c[2] = {0, 1}, e[2] = {2, 3};
    sl_ks_statistic(c, 2, e, 2, &D);
    SL_CHECK(D == 1, "ks: disjoint samples, D = 1", "%g", D);
    const double t1[3] = {1, 1, 2}, t2[3] = {1, 2, 2};
    sl_ks_statistic(t1, 3, t2, 3, &D);
    SL_CHECK(fabs(D - 1.0 / 3) < 1e-15, "ks: ties counted on both sides (F_a(1) = 2/3, F_b(1) = 1/3)", "%.17g", D);
    const double u[4] = {0.5, 0.1, 0.9, 0.3}, v[2] = {0.2, 0.95};
    sl_ks_statistic(u, 4, v, 2, &D);
    /* F_u - F_v at 0.1: 1/4; 0.2: 1/4 - 1/2; 0.3: 1/2 - 1/2; 0.5: 3/4 - 1/2; 0.9: 1 - 1/2 = 1/2 */
    SL_CHECK(fabs(D - 0.5) < 1e-15 && a[0] == 3 && u[0] == 0.5, "ks: unequal sizes by hand, D = 1/2; inputs untouched", "%.17g", D);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3);
    double worst = 0;
    for (int trial = 0; trial < 20; trial++) {
        size_t na = 5 + gsl_rng_uniform_int(r, 60), nb = 5 + gsl_rng_uniform_int(r, 60);
        double x[70], y[70];
        for (size_t i = 0; i < na; i++) x[i] = floor(gsl_rng_uniform(r) * 20) / 4; /* many ties */
        for (size_t j = 0; j < nb; j++) y[j] = floor((gsl_rng_uniform(r) + 0.1 * trial / 20) * 20) / 4;
        sl_ks_statistic(x, na, y, nb, &D);
        worst = fmax(worst, fabs(D - ks_brute(x, na, y, nb)));
    }
    SL_CHECK(worst < 1e-15, "ks: equals the brute-force definition on 20 random samples with ties", "max diff %.3g", worst);
    gsl_rng_free(r);
    SL_CHECK(sl_ks_statistic(a, 0, b, 3, &D) == SL_EINVAL, "ks: an empty sample is an error", "?");
}

static double F_uniform(double x, void *p) { (void)p; return x < 0 ? 0 : x > 1 ? 1 : x; }

static double F_wigner1(double s, void *p) { (void)p; return 1 - exp(-M_PI * s * s / 4); }

static void test_ks_one_sample(void)
{
    double x[3] = {0.9, 0.1, 0.5}, D = -1;
    sl_ks_cdf(x, 3, F_uniform, NULL, &D);
    /* max over i of (i+1)/n - x_i and x_i - i/n: 1/3 - 0.1 and 0.9 - 2/3 */
    SL_CHECK(fabs(D - (1.0 / 3 - 0.1)) < 1e-15, "ks one-sample: uniform, three points by hand", "%.17g", D);
    double one[1] = {0.3};
    sl_ks_cdf(one, 1, F_uniform, NULL, &D);
    SL_CHECK(fabs(D - 0.7) < 1e-15, "ks one-sample: one point at 0.3 gives 0.7 (the step above)", "%.17g", D);
    double high[2] = {0.9, 0.8};
    sl_ks_cdf(high, 2, F_uniform, NULL, &D);
    /* the supremum is the step below the first point: F(0.8) - 0 = 0.8 (above it: |1/2 - 0.8|) */
    SL_CHECK(fabs(D - 0.8) < 1e-15, "ks one-sample: the gap below a point counts (0.8, 0.9 give 0.8)", "%.17g", D);
    /* quantile midpoints of the beta = 1 surmise: D = 1/(2n) exactly */
    enum { N = 400 };
    double s[N], s2[N];
    for (int i = 0; i < N; i++) s[N - 1 - i] = sqrt(-4 / M_PI * log(1 - (i + 0.5) / N)); /* reversed: sorts */
    memcpy(s2, s, sizeof s);
    sl_ks_cdf(s, N, F_wigner1, NULL, &D);
    SL_CHECK(fabs(D - 0.5 / N) < 1e-12, "ks one-sample: quantile sample of the surmise, D = 1/(2n)", "%.17g", D);
    double Dw = sl_ks_wigner(s2, N, 1), Dw2;
    memcpy(s2, s, sizeof s);
    Dw2 = sl_ks_wigner(s2, N, 2);
    SL_CHECK(fabs(Dw - 0.5 / N) < 1e-9 && Dw2 > 0.05, "ks against Wigner: 1/(2n) for its own beta (quadrature CDF), far for beta = 2",
             "D1 %.3g, D2 %.3g", Dw, Dw2);
}

static void test_density(void)
{
    const double x[5] = {0.1, 0.2, 0.6, 5, -0.5};
    double c[2], d[2];
    sl_status st = sl_density(x, 5, 0, 1, 2, c, d);
    /* width 1/2: 2 / (5 · 0.5) and 1 / (5 · 0.5); the two outside are counted in n only */
    SL_CHECK(st == SL_OK && fabs(c[0] - 0.25) < 1e-15 && fabs(c[1] - 0.75) < 1e-15 && fabs(d[0] - 0.8) < 1e-15 &&
                 fabs(d[1] - 0.4) < 1e-15,
             "density: by hand (counts / (n width), outside values ignored)", "c %g %g d %g %g", c[0], c[1], d[0], d[1]);
    const double edge[3] = {0, 0.5, 1};
    sl_density(edge, 3, 0, 1, 2, c, d);
    SL_CHECK(fabs(d[0] - 2.0 / 3) < 1e-15 && fabs(d[1] - 2.0 / 3) < 1e-15,
             "density: bins are [lo, hi): 0.5 in the second bin, 1 outside", "%g %g", d[0], d[1]);
    SL_CHECK(sl_density(x, 5, 1, 1, 2, c, d) == SL_EINVAL && sl_density(x, 5, 0, 1, 0, c, d) == SL_EINVAL,
             "density: empty range or no bins is an error", "?");
}

static double moment_fn(double s, void *p)
{
    const int *q = p;
    return pow(s, q[1]) * sl_wigner_pdf(q[0], s);
}

static void test_wigner(void)
{
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(500);
    const int betas[3] = {1, 2, 4};
    double worst = 0;
    for (int k = 0; k < 3; k++)
        for (int m = 0; m < 2; m++) {
            int q[2] = {betas[k], m};
            gsl_function f = {moment_fn, q};
            double r = 0, err;
            gsl_integration_qagiu(&f, 0, 1e-13, 1e-12, 500, w, &r, &err);
            worst = fmax(worst, fabs(r - 1));
        }
    gsl_integration_workspace_free(w);
    SL_CHECK(worst < 1e-10, "Wigner surmises (beta 1, 2, 4): unit mass and unit mean spacing", "max error %.3g", worst);
    SL_CHECK(fabs(sl_wigner_pdf(1, 1) - M_PI / 2 * exp(-M_PI / 4)) < 1e-15 &&
                 fabs(sl_wigner_pdf(2, 1) - 32 / (M_PI * M_PI) * exp(-4 / M_PI)) < 1e-15 &&
                 fabs(sl_wigner_pdf(4, 1) - 262144.0 / (729 * M_PI * M_PI * M_PI) * exp(-64 / (9 * M_PI))) < 1e-15,
             "Wigner pdfs at s = 1 by hand", "%.17g %.17g %.17g", sl_wigner_pdf(1, 1), sl_wigner_pdf(2, 1),
             sl_wigner_pdf(4, 1));
    double e1 = 0, e2 = 0, prev4 = 0;
    int mono4 = 1;
    for (double s = 0.05; s < 4; s += 0.05) {
        e1 = fmax(e1, fabs(sl_wigner_cdf(1, s) - (1 - exp(-M_PI * s * s / 4))));
        e2 = fmax(e2, fabs(sl_wigner_cdf(2, s) - (gsl_sf_erf(2 * s / sqrt(M_PI)) - 4 * s / M_PI * exp(-4 * s * s / M_PI))));
        double c4 = sl_wigner_cdf(4, s);
        mono4 &= c4 > prev4;
        prev4 = c4;
    }
    SL_CHECK(e1 < 1e-12 && e2 < 1e-12, "Wigner CDFs (quadrature) equal the closed forms for beta = 1, 2",
             "max error %.3g, %.3g", e1, e2);
    SL_CHECK(mono4 && fabs(sl_wigner_cdf(4, 6) - 1) < 1e-12 && sl_wigner_cdf(4, -1) == 0,
             "Wigner CDF beta = 4 rises from 0 to 1", "F(6) = %.17g", sl_wigner_cdf(4, 6));
}

static void test_spacings(void)
{
    enum { N = 24 };
    double complex ev[2 * N];
    double s[2 * N], tmp[2 * N];
    for (int k = 0; k < N; k++) ev[k] = cexp(I * (0.3 + 2 * M_PI * ((k * 7) % N) / N)); /* shuffled order */
    size_t m = sl_unfolded_spacings(ev, N, 0, s, tmp);
    double e = 0;
    for (size_t i = 0; i < m; i++) e = fmax(e, fabs(s[i] - 1));
    SL_CHECK(m == N && e < 1e-12, "spacings: equally spaced phases unfold to 1 (wrap-around included)", "m %zu, err %.3g", m, e);
    for (int k = 0; k < N; k++) ev[N + k] = ev[k]; /* doubly degenerate */
    m = sl_unfolded_spacings(ev, 2 * N, 1, s, tmp);
    e = 0;
    for (size_t i = 0; i < m; i++) e = fmax(e, fabs(s[i] - 1));
    SL_CHECK(m == N && e < 1e-12, "spacings: pairs keep one of each, spacings 1", "m %zu, err %.3g", m, e);
    double complex three[3] = {cexp(-2.0 * I), cexp(I * (-2.0 + M_PI / 2)), cexp(I * (-2.0 + M_PI))};
    m = sl_unfolded_spacings(three, 3, 0, s, tmp);
    /* gaps pi/2, pi/2, pi; unfolded by 3/(2 pi): 0.75, 0.75, 1.5 */
    SL_CHECK(m == 3 && fabs(s[0] - 0.75) < 1e-12 && fabs(s[1] - 0.75) < 1e-12 && fabs(s[2] - 1.5) < 1e-12,
             "spacings: three phases by hand (0.75, 0.75, 1.5)", "%g %g %g", s[0], s[1], s[2]);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    test_ks_two_sample();
    test_ks_one_sample();
    test_density();
    test_wigner();
    test_spacings();
    return sl_test_done();
}
