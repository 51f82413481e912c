#include "sl_ergodicity.h"

#include <gsl/gsl_histogram.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_omega_names[] = {"correct", "first_matrix", "notebook", NULL};

size_t sl_arg_bins(double delta)
{
    /* edges −π + kΔ < π, k = 0..L−1; bins = L − 1 */
    size_t L = (size_t)ceil(2 * M_PI / delta);
    while (L > 1 && -M_PI + (double)(L - 1) * delta >= M_PI) L--;
    return L - 1;
}

/* h ← histogram of the arguments of ev[0..n); numpy's last bin is closed,
 * arguments past the last edge are dropped. */
static void arg_histogram(gsl_histogram *h, const double complex *ev, int n)
{
    gsl_histogram_reset(h);
    const double top = h->range[h->n];
    for (int i = 0; i < n; i++) {
        double a = carg(ev[i]);
        if (a == top) a = nextafter(top, -INFINITY);
        gsl_histogram_increment(h, a);
    }
}

sl_status sl_tm_omega(const double complex *ev, int M, int n_eig, int N, double delta,
                      sl_omega_variant v, double *omega, double *rho_bar)
{
    if (M < 1 || n_eig < 1 || N < 1 || !(delta > 0) || (v == SL_OMEGA_NOTEBOOK && N > n_eig))
        return sl_fail(SL_EINVAL, "TM omega of %d matrices x %d eigenvalues, delta %g", M, n_eig, delta);
    const size_t K = sl_arg_bins(delta);
    gsl_histogram *h = gsl_histogram_alloc(K);
    if (!h) return sl_fail(SL_ENOMEM, "histogram of %zu bins", K);
    gsl_histogram_set_ranges_uniform(h, -M_PI, -M_PI + (double)K * delta);
    /* ρ̄ = (1/M) Σ_j ρ_j */
    memset(rho_bar, 0, K * sizeof *rho_bar);
    for (int j = 0; j < M; j++) {
        arg_histogram(h, ev + (size_t)j * n_eig, n_eig);
        for (size_t k = 0; k < K; k++) rho_bar[k] += h->bin[k];
    }
    for (size_t k = 0; k < K; k++) rho_bar[k] /= M;
    /* Ω = Σ_j (ρ_j − ρ̄)² / (M N): accumulate per matrix */
    memset(omega, 0, K * sizeof *omega);
    for (int j = 0; j < M; j++) {
        const int src = v == SL_OMEGA_CORRECT ? j : 0;
        arg_histogram(h, ev + (size_t)src * n_eig, v == SL_OMEGA_NOTEBOOK ? N : n_eig);
        for (size_t k = 0; k < K; k++) {
            double d = h->bin[k] - rho_bar[k];
            omega[k] += d * d;
        }
    }
    for (size_t k = 0; k < K; k++) omega[k] /= (double)M * (double)N;
    gsl_histogram_free(h);
    return SL_OK;
}

/* counts (K) of x (n) on K bins over [lo, hi), clamped at both ends */
static void real_counts(const double *x, int n, double lo, double hi, size_t K, double *counts)
{
    memset(counts, 0, K * sizeof *counts);
    const double w = (hi - lo) / (double)K;
    for (int i = 0; i < n; i++) {
        double b = floor((x[i] - lo) / w);
        size_t k = !(b > 0) ? 0 : b >= (double)K ? K - 1 : (size_t)b;
        counts[k] += 1;
    }
}

sl_status sl_tm_omega_real(const double *x, int M, int n, int N, double lo, double hi, size_t K,
                           double *omega, double *rho_bar)
{
    if (M < 1 || n < 1 || N < 1 || K < 1 || !(hi > lo))
        return sl_fail(SL_EINVAL, "TM omega of %d samples x %d values on %zu bins over [%g, %g)", M, n, K, lo, hi);
    for (size_t i = 0; i < (size_t)M * (size_t)n; i++)
        if (!isfinite(x[i])) return sl_fail(SL_EINVAL, "TM omega: value %zu is not finite", i);
    double *c = malloc(K * sizeof *c);
    if (!c) return sl_fail(SL_ENOMEM, "histogram of %zu bins", K);
    memset(rho_bar, 0, K * sizeof *rho_bar);
    for (int j = 0; j < M; j++) {
        real_counts(x + (size_t)j * n, n, lo, hi, K, c);
        for (size_t k = 0; k < K; k++) rho_bar[k] += c[k];
    }
    for (size_t k = 0; k < K; k++) rho_bar[k] /= M;
    memset(omega, 0, K * sizeof *omega);
    for (int j = 0; j < M; j++) {
        real_counts(x + (size_t)j * n, n, lo, hi, K, c);
        for (size_t k = 0; k < K; k++) omega[k] += (c[k] - rho_bar[k]) * (c[k] - rho_bar[k]);
    }
    for (size_t k = 0; k < K; k++) omega[k] /= (double)M * (double)N;
    free(c);
    return SL_OK;
}

double sl_kl_symmetric_bits(const double *p, const double *q, size_t n, double eps)
{
    double a = 0, b = 0;
    for (size_t k = 0; k < n; k++) {
        a += p[k] * log2((p[k] + eps) / (q[k] + eps));
        b += q[k] * log2((q[k] + eps) / (p[k] + eps));
    }
    return a + b;
}
