#include "sl_spacing.h"
#include "../stats/sl_dist.h"

#include <gsl/gsl_integration.h>
#include <gsl/gsl_sort.h>
#include <math.h>

double sl_wigner_pdf(int beta, double s)
{
    switch (beta) {
    case 1: return M_PI / 2 * s * exp(-M_PI * s * s / 4);
    case 2: return 32 / (M_PI * M_PI) * s * s * exp(-4 * s * s / M_PI);
    case 4: return pow(2, 18) / (pow(3, 6) * pow(M_PI, 3)) * pow(s, 4) * exp(-64 * s * s / (9 * M_PI));
    }
    return NAN;
}

static double pdf_fn(double s, void *p) { return sl_wigner_pdf(*(int *)p, s); }

double sl_wigner_cdf(int beta, double s)
{
    if (s <= 0) return 0;
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
    gsl_function f = {pdf_fn, &beta};
    double r = NAN, err;
    if (w) gsl_integration_qag(&f, 0, s, 1e-12, 1e-10, 200, GSL_INTEG_GAUSS41, w, &r, &err);
    gsl_integration_workspace_free(w);
    return r;
}

size_t sl_unfolded_spacings(const double complex *ev, int n, int pairs, double *s, double *tmp)
{
    for (int i = 0; i < n; i++) tmp[i] = carg(ev[i]);
    gsl_sort(tmp, 1, (size_t)n);
    const int step = pairs ? 2 : 1, m = n / step;
    for (int i = 0; i < m; i++) tmp[i] = tmp[i * step];
    for (int i = 0; i < m; i++) {
        double next = i + 1 < m ? tmp[i + 1] : tmp[0] + 2 * M_PI;
        s[i] = (next - tmp[i]) * m / (2 * M_PI);
    }
    return (size_t)m;
}

static double cdf_fn(double s, void *p) { return sl_wigner_cdf(*(int *)p, s); }

double sl_ks_wigner(double *s, size_t n, int beta)
{
    double d = NAN;
    sl_ks_cdf(s, n, cdf_fn, &beta, &d); /* fails only on n = 0: NaN */
    return d;
}
