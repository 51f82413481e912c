/* sl_spacing.h — nearest-neighbour spacings of eigenphases and the Wigner
 * surmises (β = 1, 2, 4), for checking the circular ensembles.
 *   P_1(s) = (π/2) s e^{−πs²/4}
 *   P_2(s) = (32/π²) s² e^{−4s²/π}
 *   P_4(s) = (2¹⁸/(3⁶π³)) s⁴ e^{−64s²/(9π)}
 * Eigenphases of a circular ensemble have a flat density, so unfolding is a
 * rescaling: s = n Δθ / 2π (mean spacing 1), wrap-around included. */
#ifndef SL_SPACING_H
#define SL_SPACING_H

#include <complex.h>
#include <stddef.h>
#include "../core/sl_error.h"

double sl_wigner_pdf(int beta, double s);
/* CDF by adaptive quadrature (GSL QAG) of the pdf. */
double sl_wigner_cdf(int beta, double s);

/* Unfolded spacings of one matrix's eigenvalues ev (n). With `pairs`, the
 * eigenphases are doubly degenerate and one of each pair is kept (n/2
 * spacings). Writes the spacings into s; returns their count. tmp (n) is
 * scratch. */
size_t sl_unfolded_spacings(const double complex *ev, int n, int pairs, double *s, double *tmp);

/* Kolmogorov–Smirnov distance sup |F_emp − F_β| of the sample s (n; sorted
 * in place). */
double sl_ks_wigner(double *s, size_t n, int beta);

#endif
