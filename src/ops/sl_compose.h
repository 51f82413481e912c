/* sl_compose.h — the spectrum of a composed operator beside the products of
 * its factors' spectra (ops essay: "the eigenvalues of W₁W₂ are not simply
 * products of eigenvalues of W₁ and W₂").
 *
 * Eigenvalues (square factors). Two spectra have no canonical pairing, so
 * the products are formed the way they would be exact: through shared
 * eigenvectors. With a = V diag(α) V⁻¹ and b = W diag(β) W⁻¹, the
 * eigenvector v_i of a is paired with the eigenvector w_π(i) of b that the
 * assignment maximising Σ_i |⟨v_i, w_π(i)⟩| (unit vectors) gives, and
 * prod_i = α_i β_π(i). If a and b commute and are simultaneously
 * diagonalisable with simple spectra, v_i ∥ w_π(i), so prod is exactly the
 * spectrum of ba (with eigenvector v_i); otherwise nothing ties them. The
 * products are then matched to eig(ba) by the assignment minimising
 * Σ |ev_i − prod_i|, and
 *     dist = Σ_i |ev_i − prod_i| / max(Σ |ev_i|, Σ |prod_i|)   ∈ [0, 2]
 * (0 when both are zero). dist = 0 for commuting, simultaneously
 * diagonalisable factors; dist > 0 says the eigenvector-paired products are
 * not the spectrum. (Another pairing may still be: upper-triangular factors,
 * which neither commute nor share eigenvectors, multiply their eigenvalues
 * along the diagonal. The determinant always multiplies: Π|ev| = Π|prod|.)
 *
 * Singular values (any shapes). For a chain w_L ⋯ w_1 the products are
 * taken in descending order, prod_i = Π_l σ_i(w_l), i < r = min of all
 * dimensions; they are exact when consecutive factors' singular bases line
 * up (right singular vectors of w_{l+1} = left ones of w_l, in order), and
 * in general an upper bound in the log-majorisation sense (Horn):
 * Π_{i≤k} σ_i(w_L ⋯ w_1) ≤ Π_{i≤k} prod_i for every k. Same dist over the
 * first r values. */
#ifndef SL_COMPOSE_H
#define SL_COMPOSE_H

#include <complex.h>
#include "../core/sl_error.h"

/* a, b (n, n): ev (n) ← eig(b·a), prod (n) ← the paired products, matched
 * to ev (prod[i] beside ev[i]); *dist as above. */
sl_status sl_compose_eig(const double *a, const double *b, int n, double complex *ev,
                         double complex *prod, double *dist);

/* w[l] (dims[l+1], dims[l]), l < L: s (r) ← the top r singular values of
 * w[L−1] ⋯ w[0], prod (r) ← Π_l σ_i(w[l]); *r = min(dims); *dist as above.
 * s and prod must hold min(dims) values. */
sl_status sl_compose_sv(const double *const *w, const int *dims, int L, double *s, double *prod,
                        int *r, double *dist);

/* ‖ab − ba‖_F / (‖a‖_F ‖b‖_F) of a, b (n, n); 0 for commuting factors. */
sl_status sl_commutator_rel(const double *a, const double *b, int n, double *rel);

#endif
