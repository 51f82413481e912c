/* sl_dist.h — comparing empirical distributions (msd Figs. 4–7 insets). */
#ifndef SL_DIST_H
#define SL_DIST_H

#include <stddef.h>
#include "../core/sl_error.h"

/* Two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b| of samples
 * a (na) and b (nb). Sorts copies; a and b are untouched. */
sl_status sl_ks_statistic(const double *a, size_t na, const double *b, size_t nb, double *D);

/* One-sample Kolmogorov–Smirnov statistic D = sup |F_n − F| of the sample
 * x (n), sorted in place, against the continuous CDF F(x, params). */
sl_status sl_ks_cdf(double *x, size_t n, double (*F)(double x, void *params), void *params, double *D);

/* Density histogram on n_bins equal bins over [lo, hi): density[k] =
 * count_k / (n · Δ) (integrates to the fraction inside the range), with GSL
 * histograms; centers (n_bins) receive the bin centers. */
sl_status sl_density(const double *x, size_t n, double lo, double hi, size_t n_bins,
                     double *centers, double *density);

#endif
