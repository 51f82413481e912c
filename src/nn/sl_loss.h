/* sl_loss.h — losses on a network's output batch, separate from
 * backpropagation: a loss returns L and writes dL/d(output) (B, C), from
 * which sl_net_backward starts.
 *
 *   softmax cross-entropy (categorical CE of softmax(out), labels):
 *     p = softmax(z),  L = −(1/B) Σ_b log p_{b, y_b},  dL/dz = (p − onehot(y)) / B
 *   mean squared error (Keras' mse, targets t (B, C) or one-hot labels):
 *     L = (1/(B C)) Σ_b Σ_c (z_bc − t_bc)²,  dL/dz = 2 (z − t) / (B C)
 *   caller-supplied: a function receiving the whole output batch (losses
 *     that couple the examples of a batch, e.g. nne's SpectralNet loss). */
#ifndef SL_LOSS_H
#define SL_LOSS_H

#include <stddef.h>
#include <stdint.h>

/* What a batch is compared with; each pointer may be NULL if the loss does
 * not need it. */
typedef struct {
    const int *labels;       /* (B) class labels 0..C−1 */
    const float *targets;    /* (B, C) target vectors */
    const uint32_t *index;   /* (B) the examples' indices in their data set */
} sl_loss_batch;

/* out (B, C); scratch (B, C) floats the loss may use (softmax: the
 * probabilities); dout (B, C) ← dL/d out unless NULL. Returns L. */
typedef double (*sl_loss_fn)(void *ctx, const float *out, const sl_loss_batch *y, int B, int C,
                             float *scratch, float *dout);

typedef enum { SL_LOSS_SOFTMAX_XENT = 0, SL_LOSS_MSE, SL_LOSS_CUSTOM } sl_loss_kind;
extern const char *const sl_loss_names[]; /* "softmax_xent", "mse", NULL (custom is not a config choice) */

typedef struct {
    sl_loss_kind kind;
    sl_loss_fn fn;       /* SL_LOSS_CUSTOM only */
    void *ctx;           /* passed to fn */
} sl_loss;

/* Evaluate loss on out (B, C) against y; see sl_loss_fn. */
double sl_loss_eval(const sl_loss *loss, const float *out, const sl_loss_batch *y, int B, int C,
                    float *scratch, float *dout);

/* Softmax cross-entropy over C classes: probs (B, C) receives p (may alias
 * neither input); dlogits may be NULL. Returns L (double). Accurate even
 * when p_y underflows (log p_y from the logits). */
double sl_loss_softmax_xent(float *probs, float *dlogits, const float *logits, const int *labels, int B, int C);

/* Mean squared error against targets (B, C), or, if targets is NULL, the
 * one-hot vectors of labels. dout may be NULL. */
double sl_loss_mse(float *dout, const float *out, const float *targets, const int *labels, int B, int C);

#endif
