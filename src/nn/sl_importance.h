/* sl_importance.h — standard, post-hoc rankings of a trained classifier's
 * input features (the baselines beside afr's spectral score), and its
 * accuracy on inputs with features removed.
 *
 * Data are float rows x (n, d) with labels y (n); the network's softmax
 * cross-entropy is the loss. Nothing here prints or reads configs.
 *
 *   permutation importance (Breiman 2001):
 *     imp_i = (1/R) Σ_r [ L(x with column i permuted by permutation r) − L(x) ]
 *     (mean loss over the n examples; a loss rather than an accuracy: near
 *     100 % accuracy an accuracy drop is 0 for most features)
 *   mean absolute input gradient (saliency, Simonyan et al. 2014):
 *     imp_i = (1/n) Σ_b | ∂(z_{b,y_b} − z_{b,c_b}) / ∂x_{b,i} |,
 *     z the network's output (logits), c_b the highest-scoring other class
 *     (for two classes the logit margin; the softmax loss gradient would
 *     vanish on confidently classified examples) */
#ifndef SL_IMPORTANCE_H
#define SL_IMPORTANCE_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "sl_net.h"

/* Mean softmax cross-entropy and accuracy of net on x (n, d), y (n), in
 * batches of `batch`; keep (d) or NULL: features with keep[i] == 0 are fed
 * as zeros. loss and acc may be NULL. */
sl_status sl_eval_rows(const sl_net *net, const float *x, const int *y, size_t n, int batch,
                       const uint8_t *keep, double *loss, double *acc);

/* imp (d) ← permutation importance with `repeats` permutations per feature
 * drawn from rng. x (n, d) is modified during the call and restored. */
sl_status sl_perm_importance(const sl_net *net, float *x, const int *y, size_t n, int batch,
                             int repeats, gsl_rng *rng, double *imp);

/* imp (d) ← mean absolute input gradient of the logit margin. */
sl_status sl_grad_importance(const sl_net *net, const float *x, const int *y, size_t n, int batch, double *imp);

/* order (d) ← feature indices by decreasing |score| (ties: lower index first). */
void sl_rank_by_magnitude(const double *score, int d, int *order);

#endif
