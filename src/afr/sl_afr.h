/* sl_afr.h — what only the afr paper uses (Chicchi et al., "Automatic input
 * feature relevance via spectral neural networks", arXiv:2406.01183).
 *
 * The network: every layer is the core's spectral layer (src/nn, Eq. 1 of
 * the paper) with the destination eigenvalues λ_out fixed at 0 and not
 * trained, so w_ji = λ_i φ_ji; the input-node eigenvalues λ_i (group
 * lambda_in) and the eigenvectors φ train. The L2 penalty is the core's
 * per-group one (train.l2.{lambda_in, phi}, train.l2.layers).
 *
 * The relevance score of input feature i (the paper's Appendix A, its
 * "eigenvalue"): λ̃_i = λ_i ‖φ_{·i}‖₂, the eigenvalue times the L2 norm of the
 * eigenvector entries leaving input node i — which is ± the norm of column
 * i of the effective first-layer W.
 *
 * The data sets (two classes, labels alternate 0, 1, 0, … so both classes
 * have n/2 examples):
 *   independent Gaussians: x_i ~ N(∓gap_i/2, σ²) for class 0 / 1 (the class
 *     means of feature i are gap_i apart; gap_i = 0: identically distributed)
 *   correlated Gaussians (Eq. 2–3): for pair k < n_pairs, x_{2k} ~ N(0, 1),
 *     x_{2k+1} = x_{2k} for class 0 and, for class 1, −x_{2k} with
 *     probability p_k (else x_{2k}); then n_noise features N(0, 1). */
#ifndef SL_AFR_H
#define SL_AFR_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "../data/sl_dataset.h"
#include "../nn/sl_net.h"

/* ---------------------------------------------------------------- data sets */

/* n examples of d features; gap (d) ≥ 0, sigma > 0. */
sl_status sl_afr_gauss_indep(sl_dataset *ds, size_t n, int d, const double *gap, double sigma, gsl_rng *r);

/* n examples of 2 n_pairs + n_noise features; p (n_pairs) in [0, 1]. */
sl_status sl_afr_gauss_corr(sl_dataset *ds, size_t n, int n_pairs, const double *p, int n_noise, gsl_rng *r);

/* ---------------------------------------------------------------- network */

typedef struct {
    int n_layers;
    int dims[SL_MAX_LAYERS + 1];  /* node counts, input first */
    sl_act acts[SL_MAX_LAYERS];   /* activation after each layer */
    float phi[2];                 /* φ ~ U[phi[0], phi[1]] */
    float lambda[2];              /* λ_in ~ U[lambda[0], lambda[1]] (ones: [1, 1]) */
} sl_afr_arch;

/* Build and initialise (from rng) the all-spectral network of arch. */
sl_status sl_afr_build(sl_net *net, const sl_afr_arch *arch, gsl_rng *rng);

/* score (n_in of layer 0) ← λ̃_i = λ_i ‖φ_{·i}‖₂ of the first layer, which
 * must be spectral (SL_EINVAL otherwise). */
sl_status sl_afr_scores(const sl_net *net, double *score);

/* ---------------------------------------------------------------- scores file */

/* Read the `score i value` rows of a results file written by afr_fig3
 * (its header verified first) into score (d); every i in 0..d−1 exactly
 * once, else SL_EFORMAT naming the file. */
sl_status sl_afr_read_scores(const char *path, const char *tag, double *score, int d);

#endif
