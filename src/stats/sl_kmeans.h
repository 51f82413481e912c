/* sl_kmeans.h — k-means (Lloyd's iterations) with k-means++ seeding
 * (Arthur & Vassilvitskii 2007): the first centre uniform, each next one a
 * point drawn with probability ∝ its squared distance to the nearest centre.
 * Best of n_init seedings by inertia Σ_i ‖x_i − c_label(i)‖². */
#ifndef SL_KMEANS_H
#define SL_KMEANS_H

#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"

/* x (n, d) row-major; label (n) ∈ [0, k); centers (k, d) row-major or NULL;
 * *inertia or NULL. Iterations stop when no label changes or after
 * max_iter. A cluster that empties is re-seeded at the point farthest from
 * its centre. SL_EINVAL if k < 1 or k > n. */
sl_status sl_kmeans(const double *x, int n, int d, int k, int n_init, int max_iter, gsl_rng *r, int *label,
                    double *centers, double *inertia);

/* Fraction of points whose label matches the truth under the best one-to-one
 * relabelling (k ≤ 8: all permutations). */
double sl_cluster_accuracy(const int *label, const int *truth, int n, int k);

#endif
