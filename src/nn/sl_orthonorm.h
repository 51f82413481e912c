/* sl_orthonorm.h — SpectralNet's orthonormalisation (Shaham et al. 2018;
 * nne thesis §3.1 and Algorithm 2; IMPLEMENTATION-NOTES, nne): for Ỹ (m, k)
 * with Cholesky factor ỸᵀỸ = L Lᵀ, the map Y = √m Ỹ L⁻ᵀ gives YᵀY = m·I.
 *
 * Two ways to use it:
 *   - the thesis/Keras scheme (sl_orthonorm_weights): a frozen dense layer
 *     k → k without bias whose weights W = √m L⁻¹ (so out = in·Wᵀ) are
 *     fitted on a SEPARATE orthonormalisation batch before each gradient
 *     step; the gradient step treats W as a constant (no gradient flows
 *     through the Cholesky factor, and the layer is not batch-coupled);
 *   - the layer kind "orthonorm" (sl_kind_orthonorm.c): no parameters; each
 *     forward pass fits L on its OWN batch and returns Y = √B X L⁻ᵀ, so
 *     YᵀY = B·I on every batch, and the backward pass differentiates through
 *     the Cholesky factor (the QR backward of Walter & Lehmann with R = Lᵀ):
 *         dX = (√B G − Q sym(GᵀQ) / √B) L⁻¹,   Q = Y, G = dL/dY,
 *     sym(M) = tril(M) + tril(M, −1)ᵀ. It is batch-coupled: the trainer
 *     refuses data-parallel shards > 1 for it. */
#ifndef SL_ORTHONORM_H
#define SL_ORTHONORM_H

#include "../core/sl_error.h"

/* w (k, k) row-major ← √m L⁻¹ where L Lᵀ = yᵀy, y (m, k) row-major float;
 * so y·wᵀ has orthogonal columns of squared norm m. work (2 k²) doubles.
 * SL_ENUMERIC if yᵀy is not positive definite (rank-deficient outputs; the
 * thesis meets this beyond k = 11). */
sl_status sl_orthonorm_weights(const float *y, int m, int k, double *work, float *w);

#endif
