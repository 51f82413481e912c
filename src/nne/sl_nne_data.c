#include "sl_nne_data.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../core/sl_rng.h"

void sl_circle_sample(gsl_rng *r, int n, sl_circle_sampling how, double *theta, double *x)
{
    for (int i = 0; i < n; i++) {
        double u = gsl_rng_uniform(r);
        theta[i] = 2 * M_PI * (how == SL_CIRCLE_SQUARED ? u * u : u);
        x[2 * i] = cos(theta[i]);
        x[2 * i + 1] = sin(theta[i]);
    }
}

sl_status sl_make_circles(gsl_rng *r, int n, double factor, double noise, double *x, int *label)
{
    if (n < 2 || !(factor > 0 && factor < 1) || !(noise >= 0))
        return sl_fail(SL_EINVAL, "make_circles: n %d, factor %g (in (0, 1)), noise %g", n, factor, noise);
    const int n_out = n / 2, n_in = n - n_out;
    for (int i = 0; i < n_out; i++) {
        double t = 2 * M_PI * i / n_out;
        x[2 * i] = cos(t);
        x[2 * i + 1] = sin(t);
        label[i] = 0;
    }
    for (int i = 0; i < n_in; i++) {
        double t = 2 * M_PI * i / n_in;
        x[2 * (n_out + i)] = factor * cos(t);
        x[2 * (n_out + i) + 1] = factor * sin(t);
        label[n_out + i] = 1;
    }
    for (int i = n - 1; i > 0; i--) { /* Fisher–Yates */
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1);
        double t0 = x[2 * i], t1 = x[2 * i + 1];
        x[2 * i] = x[2 * j]; x[2 * i + 1] = x[2 * j + 1];
        x[2 * j] = t0; x[2 * j + 1] = t1;
        int l = label[i]; label[i] = label[j]; label[j] = l;
    }
    for (int i = 0; i < 2 * n; i++) x[i] += sl_rng_gaussian(r, noise);
    return SL_OK;
}

double sl_circle_mu(int j) { return (double)((j + 1) / 2) * ((j + 1) / 2); }

double sl_circle_fn(int j, double th)
{
    const int m = (j + 1) / 2;
    return j == 0 ? 1.0 : (j % 2 ? cos(m * th) : sin(m * th));
}

static int by_theta(const void *a, const void *b)
{
    const double x = ((const sl_angle_index *)a)->theta, y = ((const sl_angle_index *)b)->theta;
    return (x > y) - (x < y);
}

void sl_circle_order(sl_angle_index *a, const double *theta, int n)
{
    for (int i = 0; i < n; i++) a[i] = (sl_angle_index){theta[i], i};
    qsort(a, (size_t)n, sizeof *a, by_theta);
}
