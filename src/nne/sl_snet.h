/* sl_snet.h — SpectralNet (Shaham et al. 2018) as the nne thesis trains it
 * (§2.4, §3.1, Algorithm 2, Table 2; IMPLEMENTATION-NOTES, nne), on the
 * core's layers:
 *
 *   x (n, d) → dense h1 ELU → [dropout] → dense h2 ELU → [dropout] → dense h3 ELU
 *            → [dropout] → dense k tanh → orthonormalisation k → k
 *                                               (outputs with YᵀY = m·I)
 *
 * Dropout (rate p, thesis §3.3: "dropout to be 0.2"; Table 2 omits it): the
 * thesis does not say where. Our choice: after each hidden ELU layer, none
 * after the tanh layer — where SpectralNet's own make_layer_list puts its
 * optional Dropout (after every layer of the architecture list, which the
 * tanh and orthonormalisation layers are appended to). Inverted dropout in
 * training (src/nn/sl_kind_dropout.c), identity in evaluation (the
 * full-data loss for early stopping, the embedding). The orthonormalisation
 * batch is propagated in training mode (dropout on), as SpectralNet's Keras
 * code does (its Orthonorm input runs in the training phase). Masks come
 * from a stream seeded from r_batch (one draw, only when p > 0: p = 0 trains
 * exactly as a network without dropout layers). Doubt: the thesis
 * grid-searched "learning rate, patience, dropout and number of epochs";
 * SpectralNet's code builds its spectral net without dropout (the dropout
 * argument of make_layer_list left at 0) but has a learning-rate "drop"
 * factor with a patience (spec_drop, 0.1 in its configs) — the thesis'
 * 0.2 may be that factor; we implement dropout as the text says.
 *
 * Orthonormalisation (sl_orthonorm.h), two modes:
 *   SL_SNET_SEPARATE (the thesis, Algorithm 2): before every gradient step a
 *     separate random batch of ortho_batch points is propagated and the last
 *     layer's weights set to √m L⁻¹ (Cholesky of ỸᵀỸ on that batch); the
 *     gradient step treats them as constants (no gradient through them);
 *   SL_SNET_BATCH: the batch-coupled "orthonorm" kind on the training batch
 *     itself, differentiated through the Cholesky factor.
 * Loss on a mini-batch of m points (normalised Laplacian of the Gaussian
 * affinity W_ij = exp(−‖x_i − x_j‖² / (2ε)) over ALL pairs of the batch,
 * σ² = ε of the diffusion maps so both methods share the kernel; the thesis
 * names no nearest-neighbour sparsification):
 *   L = Σ_ij W_ij ‖y_i/√d_i − y_j/√d_j‖² / (2m),  d_i = Σ_j W_ij
 * (SpectralNet's code divides by 2m; the thesis writes 1/m² — a constant
 * factor RMSProp ignores up to its ε). RMSProp (ρ 0.9, Keras' ε), Glorot
 * init. Early stopping: the loss over the whole data set (batches in data
 * order) is evaluated after each epoch; training stops after `patience`
 * epochs without a lower one.
 *
 * After training all n points are propagated; the outputs are rescaled to
 * orthonormal columns (Cholesky QR in double: Q = Y L⁻ᵀ, ‖q_j‖ = 1);
 * eigenvalue estimates are Rayleigh quotients λ_j = q_jᵀ S q_j on the full
 * kernel operator S = D^{-1/2} K D^{-1/2} (α = 0: the operator the loss
 * targets; sl_dmaps_operator), μ_j = −2 ln λ_j / ε; columns are sorted by
 * μ ascending, sign: largest-magnitude entry positive. */
#ifndef SL_SNET_H
#define SL_SNET_H

#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "../linalg/sl_csr.h"
#include "../nn/sl_loss.h"

typedef enum { SL_SNET_SEPARATE = 0, SL_SNET_BATCH } sl_snet_ortho;
extern const char *const sl_snet_ortho_names[]; /* "separate", "batch", NULL */

enum { SL_SNET_MAX_HIDDEN = 8 };

typedef struct {
    int k;                                /* outputs (eigenvectors), 1..16  */
    int n_hidden;                         /* hidden layers (thesis: 3)      */
    int hidden[SL_SNET_MAX_HIDDEN];       /* their widths (128, 64, 32)     */
    int epochs, batch, ortho_batch;       /* 70, 256, 512                   */
    int patience;                         /* 30; 0: never stop early        */
    float lr;                             /* RMSProp, 1e-4                  */
    float dropout;                        /* rate after each hidden layer, [0, 1) (0.2) */
    double eps;                           /* kernel scale ε = σ²            */
    sl_snet_ortho ortho;
} sl_snet_params;

/* Called after every epoch (1-based) with the mean training loss and the
 * current embedding of all n points, orthonormal columns q (n, k)
 * column-major in the network's order (not sorted). */
typedef sl_status (*sl_snet_epoch_fn)(void *ctx, int epoch, double loss, const double *q);

typedef struct {
    int n, k, epochs_run;
    double *q;        /* (n, k) column-major: orthonormal columns, sorted by mu */
    double *lambda;   /* (k) Rayleigh quotients on S (NaN when no S given) */
    double *mu;       /* (k) −2 ln λ / ε, ascending */
    double orth_raw;  /* ‖I − YᵀY/n‖_F of the raw outputs Y on all n points */
    double final_loss;
    double t_train;   /* seconds: training */
    double t_embed;   /* seconds: propagation, rescaling and Rayleigh quotients */
} sl_snet_result;

/* Train on x (n, d) row-major (double; the network runs in float32):
 * r_init draws the initial weights, r_batch shuffles and draws the
 * orthonormalisation batches. S (n, n) or NULL (then λ, μ are NaN and
 * columns stay in network order). on_epoch may be NULL. res is allocated
 * here (sl_snet_result_free). SL_EINVAL on bad parameters, SL_ENUMERIC if
 * training diverges or an orthonormalisation batch is rank-deficient. */
sl_status sl_snet_train(const double *x, int n, int d, const sl_snet_params *p, const sl_csr *S, gsl_rng *r_init,
                        gsl_rng *r_batch, sl_snet_epoch_fn on_epoch, void *ctx, sl_snet_result *res);

void sl_snet_result_free(sl_snet_result *res); /* NULL-safe */

/* The loss alone (for tests and the trainer): ctx is an sl_snet_loss_ctx,
 * its scratch from sl_snet_loss_ctx_alloc. The batch affinity is built
 * sparse: the batch sorted by the first coordinate, each point paired only
 * with those whose first-coordinate gap alone keeps exp(−q) above the cut
 * (q > 104: rounds to float 0), each row's nonzeros put in column order by
 * two counting sorts — the sums then add the same terms in the same order as
 * the dense B × B loop, so the loss and gradient are bit for bit the dense
 * loop's (test_snet: snet_loss_sparse_exact), in O(B log B + nnz(W)·C)
 * instead of O(B²). */
typedef struct {
    const double *x;  /* (n, d) the data set the batch indices point into */
    int d;
    double eps;
    int max_batch;
    double sum;       /* Σ loss·B over the batches since the last reset (training statistics) */
    long count;       /* Σ B */
    /* scratch (sl_snet_loss_ctx_alloc), (max_batch²) each (nnz(W) ≤ max_batch²):
     * W's pairs (rows pr, columns pc, values pv) as found, then sorted by
     * column (sr, sc, sv), then by row back into pc, pv: row i's nonzeros in
     * column order are pc, pv [wp[i], wp[i + 1]) */
    int *pr, *pc, *sr, *sc;
    float *pv, *sv;
    int *wp, *cnt;    /* (max_batch + 1) row starts; counting-sort buckets */
    void *key;        /* (2 max_batch) batch positions sorted by the first coordinate; the sort's buffer */
} sl_snet_loss_ctx;

/* Scratch for batches of up to max_batch points (the other fields are the
 * caller's). SL_ENOMEM on failure (then nothing is held). */
sl_status sl_snet_loss_ctx_alloc(sl_snet_loss_ctx *c, int max_batch);
void sl_snet_loss_ctx_free(sl_snet_loss_ctx *c); /* NULL-safe */

/* sl_loss_fn: out (B, C), y->index (B) required. */
double sl_snet_loss(void *ctx, const float *out, const sl_loss_batch *y, int B, int C, float *scratch, float *dout);

/* q (n, k) column-major ← y (n, k) row-major float with orthonormal columns
 * (Cholesky QR in double; work (k²) doubles). SL_ENUMERIC if rank-deficient. */
sl_status sl_snet_orthonormalise(const float *y, int n, int k, double *work, double *q);

#endif
