/* sl_ergodicity.h — spectral ergodicity (erg paper, Eqs. 1–3, and the
 * `bristol` code, IMPLEMENTATION-NOTES).
 *
 * Density: histogram of the eigenvalue arguments on the edges −π, −π + Δ,
 * …, the last edge below π (numpy's arange): K = ⌈2π/Δ⌉ − 1 bins, an
 * argument past the last edge is dropped; counts divided by the number of
 * matrices (not by the bin width).
 *   ρ_j(b_k)  density of matrix j;   ρ̄(b_k) = (1/M) Σ_j ρ_j(b_k)
 *   Ω^N(b_k) = Σ_j (ρ_j(b_k) − ρ̄(b_k))² / (M · N)       (Thirumalai–Mountain)
 *   D_KL(P‖Q) = Σ_k P_k log₂((P_k + ε)/(Q_k + ε)),  ε = 1e-9 (inside the ratio only)
 *   D_se(N_k) = D_KL(Ω^{N_k} ‖ Ω^{N_{k−1}}) + D_KL(Ω^{N_{k−1}} ‖ Ω^{N_k})   (bits)
 * The published notebook's Ω loop used the first matrix for every j; that
 * variant (SL_OMEGA_FIRST_MATRIX) gives Ω = (ρ_1 − ρ̄)² / N.
 * The notebook that printed the published D_se values (bristol,
 * works/spectralErgodicity/ergodicity_random_matrix_17a.ipynb, cell 51)
 * takes for that term the first N eigenvalues of the flat eigenvalue array
 * (`ix = np.arange(0, N) + N*0`), N the size label: all of matrix 1 for CUE
 * and COE, but only the first half (in LAPACK's zgeev order) of the 2N
 * eigenvalues of a CSE matrix, while ρ̄ counts all 2N. SL_OMEGA_NOTEBOOK
 * reproduces that: Ω = (ρ_1[first N] − ρ̄)² / N. */
#ifndef SL_ERGODICITY_H
#define SL_ERGODICITY_H

#include <complex.h>
#include <stddef.h>
#include "../core/sl_error.h"

typedef enum { SL_OMEGA_CORRECT = 0, SL_OMEGA_FIRST_MATRIX, SL_OMEGA_NOTEBOOK } sl_omega_variant;
extern const char *const sl_omega_names[]; /* "correct", "first_matrix", "notebook", NULL */

/* Number of bins of the grid for width delta. */
size_t sl_arg_bins(double delta);

/* Ω (K = sl_arg_bins(delta) bins) of M matrices with n_eig eigenvalues each
 * (ev: M × n_eig, matrix by matrix), N the size label dividing Ω; rho_bar
 * (K) receives the ensemble density ρ̄. */
sl_status sl_tm_omega(const double complex *ev, int M, int n_eig, int N, double delta,
                      sl_omega_variant v, double *omega, double *rho_bar);

/* The same Ω (SL_OMEGA_CORRECT) for real values, e.g. singular values of
 * trained layers: x (M, n), sample by sample, counted on K equal bins over
 * [lo, hi); a value below lo counts in the first bin, one at or above hi in
 * the last (clamped, not dropped, so every sample has n counts); ρ_j the
 * counts of sample j, ρ̄ (K) their mean, Ω (K) = Σ_j (ρ_j − ρ̄)² / (M · N). */
sl_status sl_tm_omega_real(const double *x, int M, int n, int N, double lo, double hi, size_t K,
                           double *omega, double *rho_bar);

/* Symmetric KL divergence in bits of p and q (n), ε inside the ratios. */
double sl_kl_symmetric_bits(const double *p, const double *q, size_t n, double eps);

#endif
