/* sl_nne_data.h — the point sets of the nne thesis (§3.3–3.5). */
#ifndef SL_NNE_DATA_H
#define SL_NNE_DATA_H

#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"

typedef enum {
    SL_CIRCLE_UNIFORM, /* θ uniform on [0, 2π)                     */
    SL_CIRCLE_SQUARED  /* θ = 2π x², x uniform on [0, 1) (§3.5)     */
} sl_circle_sampling;

/* n points on the unit circle: theta (n), x (n, 2) row-major (cos θ, sin θ). */
void sl_circle_sample(gsl_rng *r, int n, sl_circle_sampling how, double *theta, double *x);

/* Two concentric circles like scikit-learn's make_circles: n/2 (floor) points
 * on the unit circle (label 0) and the rest on the circle of radius `factor`
 * (label 1), equally spaced angles, shuffled, then N(0, noise²) added to
 * every coordinate. x (n, 2) row-major, label (n). */
sl_status sl_make_circles(gsl_rng *r, int n, double factor, double noise, double *x, int *label);

/* The Laplace–Beltrami spectrum of the unit circle: μ_j = 0, 1, 1, 4, 4, 9, …
 * and the j-th eigenfunction at θ: 1, cos θ, sin θ, cos 2θ, sin 2θ, … */
double sl_circle_mu(int j);
double sl_circle_fn(int j, double theta);

/* Points ordered by angle (for plots along the circle): fill a[i] = {θ_i, i}
 * and sort a (n) by θ. */
typedef struct {
    double theta;
    int i;
} sl_angle_index;
void sl_circle_order(sl_angle_index *a, const double *theta, int n);

#endif
