/* sl_heat.h — the heat equation u_t = u_θθ on the unit circle (nne thesis
 * §3.5, eqs. 3.3–3.5): the exact Fourier solution of a trigonometric
 * initial condition, and the spectral solution from k computed eigenpairs
 * (ψ_j, μ_j): u(t) = Σ_j c_j e^{−μ_j t} ψ_j with c the least-squares
 * coefficients of g in the basis ψ (the thesis' numpy.linalg.lstsq). */
#ifndef SL_HEAT_H
#define SL_HEAT_H

#include "../core/sl_error.h"

enum { SL_TRIG_MAX = 16 };

/* g(θ) = a[0] + Σ_{m=1}^{M} a[m] cos mθ + b[m] sin mθ */
typedef struct {
    int m;                    /* highest frequency M ≤ SL_TRIG_MAX */
    double a[SL_TRIG_MAX + 1];
    double b[SL_TRIG_MAX + 1];
} sl_trig;

/* Exact solution at (θ, t): every mode m decays as e^{−m² t}; t = 0 is g. */
double sl_heat_exact(const sl_trig *g, double theta, double t);

/* c (k) = argmin ‖g − V c‖₂ for v (n, k) column-major, g (n); LAPACK dgels.
 * SL_ENUMERIC if V is rank deficient. */
sl_status sl_heat_coeffs(int n, int k, const double *v, const double *g, double *c);

/* u (n) = Σ_j c_j e^{−μ_j t} v_j. */
void sl_heat_eval(int n, int k, const double *v, const double *c, const double *mu, double t, double *u);

/* Root mean square of a − b over n entries. */
double sl_rms_diff(const double *a, const double *b, int n);

#endif
