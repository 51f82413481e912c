/* sl_net.h — a feed-forward network of layers (kinds: sl_layer_ops.h) whose
 * parameters, gradients and trainable-mask each live in one flat block.
 *
 * Layer l's parameters are its groups at layers[l].goff[·] (order per kind:
 * spectral φ, λ_in, λ_out; dense w, b). net->trainable (n_params) is 1 for
 * every entry the optimiser may move: the union of each layer's trained
 * groups, optionally thinned to a random subset of dense weights
 * (sl_net_restrict_random).
 *
 * A training step (llm.c's shape; nothing allocates after the workspace):
 *     sl_net_forward(net, ws, x, B);                  output ws->act[L] (B, n_out)
 *     L = sl_loss_eval(loss, ws->act[L], y, B, C, ws->probs, ws->dout);
 *     sl_net_backward(net, ws, ws->dout, B, grads);   from dL/d(output)
 * Implementation: sl_net.c (layout, init, plain passes), sl_fuse.c (fused
 * linear runs and their FLOP model), sl_retract.c (retraction). */
#ifndef SL_NET_H
#define SL_NET_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "sl_layer.h"
#include "sl_layer_ops.h"
#include "sl_loss.h"

#define SL_MAX_LAYERS 16

typedef struct {
    int n_layers;
    sl_layer layers[SL_MAX_LAYERS];
    size_t n_params;
    float *params;      /* (n_params) owned */
    float *grads;       /* (n_params) owned */
    uint8_t *trainable; /* (n_params) owned */
    size_t n_trainable;
} sl_net;

/* Allocate a network from layer descriptions (kind, n_in, n_out, act, train,
 * has_bias; offsets are filled in). Consecutive layers must chain. */
sl_status sl_net_alloc(sl_net *net, int n_layers, const sl_layer *layers);
void sl_net_free(sl_net *net); /* NULL-safe */

/* Draw every parameter from `rng` (layer by layer, each kind's init); reset
 * trainable[] from the groups. */
void sl_net_init(sl_net *net, const sl_init *init, gsl_rng *rng);

/* Keep `count` trainable dense weights chosen uniformly at random (without
 * replacement) among all weights (group w) of the network; every other
 * parameter of those layers (other weights, biases) becomes frozen.
 * SL_EINVAL if count exceeds the number of such weights. */
sl_status sl_net_restrict_random(sl_net *net, size_t count, gsl_rng *rng);

/* Number of parameters in the given groups (SL_G_* bits) over all layers. */
size_t sl_net_count_group(const sl_net *net, unsigned groups);

/* Effective weight matrix w (n_out, n_in) of a linear layer l (spectral:
 * Eq. 1; dense: a copy), and its bias (n_out) or zeros. bias may be NULL.
 * SL_EINVAL for a kind that is not linear. */
sl_status sl_net_layer_weights(const sl_net *net, int l, float *w, float *bias);

int sl_net_n_in(const sl_net *net);
int sl_net_n_out(const sl_net *net);
/* Does any layer couple the rows of a batch (sl_layer_ops.batch_coupled)? */
int sl_net_batch_coupled(const sl_net *net);
/* Does any layer draw random numbers in training (sl_layer_ops.stochastic: dropout)? */
int sl_net_stochastic(const sl_net *net);

/* ---------------------------------------------------------------- L2 penalty */

/* Per-group L2 coefficients (Keras' convention: penalty c·Σθ², gradient 2cθ). */
typedef struct {
    float c[SL_N_GROUPS]; /* indexed by SL_GI_*: lambda_in, lambda_out, phi, w, bias */
    unsigned layers;      /* bit l set: layer l is penalised; 0: every layer */
} sl_l2;

/* coef (n_params) ← the coefficient of each parameter's group (0 in layers
 * that l2->layers leaves out). */
void sl_net_l2_coeffs(const sl_net *net, const sl_l2 *l2, float *coef);

/* Penalty Σ_i coef_i θ_i² over the trainable entries (mask, or all if NULL)
 * returned; if grads is not NULL adds 2 coef_i θ_i to it (same entries). */
double sl_l2_penalty(const float *params, const float *coef, const uint8_t *mask, size_t n, float *grads);

/* ---------------------------------------------------------------- passes */

/* Fused linear runs ("training through the retraction", msd Sec. II.A).
 * A run of linear layers lo..hi whose activations after lo … hi−1 are the
 * identity computes the same function as the single layer
 *     z_hi = x Q_loᵀ + c,   Q_l = W_hi W_hi−1 ⋯ W_l  (m_hi, n_l),
 *     c = b_hi + Σ_{l<hi} Q_{l+1} b_l,
 * and, with D = dL/dz_hi (B, m_hi) and R_l = Dᵀ·(input of layer l) (m_hi, n_l),
 *     R_lo = Dᵀ x,   R_{l+1} = R_l W_lᵀ + (Σ_b D) b_lᵀ,
 *     dL/dW_l = Q_{l+1}ᵀ R_l  (Q_{hi+1} = I),   dL/db_l = Q_{l+1}ᵀ Σ_b D,
 *     dL/dx = D Q_lo.
 * Every product then has m_hi (10 for an output layer) rows instead of B:
 * cheaper whenever m_hi is small beside the batch. Same function and
 * gradients as layer by layer, up to float rounding (tests/test_sweep.c). */
typedef enum {
    SL_FUSE_OFF = 0,  /* layer by layer (every intermediate activation formed) */
    SL_FUSE_AUTO,     /* fuse each maximal run where it needs fewer FLOPs      */
    SL_FUSE_ON        /* fuse every run of two or more layers                 */
} sl_fuse;
extern const char *const sl_fuse_names[]; /* "off", "auto", "on", NULL */

/* Scratch for a forward/backward pass on up to `batch` examples. */
typedef struct {
    int batch;
    gsl_rng *rng;                  /* borrowed: training mode, stochastic kinds (dropout) draw from it;
                                      NULL (as allocated): evaluation, every kind deterministic */
    float *act[SL_MAX_LAYERS + 1]; /* act[l+1] (batch, n_out of layer l); act[0] borrowed input;
                                      NULL inside a fused run (lo ≤ l < hi) */
    float *scr[SL_MAX_LAYERS];     /* each layer's scratch (its kind's scratch(L) floats; spectral: W, dW) */
    float *dbuf[2];                /* (batch, max width) ping-pong for dL/dact */
    float *dout;                   /* = dbuf[0]: (batch, n_out) where a loss may write dL/d(output) */
    float *probs;                  /* (batch, n_out) loss scratch (softmax probabilities) */
    int need_din[SL_MAX_LAYERS];   /* does any layer below l train? */
    /* fused runs (see above); lo, hi index layers */
    int fuse_hi[SL_MAX_LAYERS];    /* at a fused run's first layer lo: its last layer hi; else −1 */
    int fuse_lo[SL_MAX_LAYERS];    /* at a fused run's last layer hi: lo; else −1 */
    float *chain[SL_MAX_LAYERS];   /* Q_l (m_hi, n_l) for lo ≤ l < hi (Q_hi is W_hi itself) */
    float *rmat[SL_MAX_LAYERS];    /* R_l (m_hi, n_l) for lo ≤ l ≤ hi */
    float *cbias[SL_MAX_LAYERS];   /* at lo: c (m_hi) */
    float *dsum[SL_MAX_LAYERS];    /* at lo: Σ_b D (m_hi) */
    float *fscr[SL_MAX_LAYERS];    /* at lo: scratch (m_hi + 1, widest layer of the run) */
} sl_net_ws;

/* Layer by layer (SL_FUSE_OFF). */
sl_status sl_net_ws_alloc(sl_net_ws *ws, const sl_net *net, int batch);
/* With fused linear runs as `fuse` says; the AUTO choice counts the FLOPs of
 * one training step (forward and the backward products the trained groups
 * need) on `batch` examples each way. */
sl_status sl_net_ws_alloc_fused(sl_net_ws *ws, const sl_net *net, int batch, sl_fuse fuse);
void sl_net_ws_free(sl_net_ws *ws); /* NULL-safe */
/* Number of fused runs in ws. */
int sl_net_ws_fused_runs(const sl_net_ws *ws);
/* Matrix-product FLOPs (2·m·n·k each) of one training step with ws's plan
 * on B examples: sl_net_refresh (the fused products Q), sl_net_forward and
 * sl_net_backward (only the products the trained groups need). Layers of a
 * kind that is not linear are not counted. */
double sl_net_ws_step_flops(const sl_net *net, const sl_net_ws *ws, int B);

/* Rebuild each layer's cached scratch (spectral: effective weights) and the
 * fused runs' products Q and biases c from the parameters; call after every
 * parameter change (the trainer does it after each step). */
void sl_net_refresh(const sl_net *net, sl_net_ws *ws);

/* Forward x (B, n_in) → output ws->act[L] (B, n_out), after the last
 * layer's activation. x must outlive the backward pass (borrowed as act[0]).
 * In training mode (ws->rng set) dropout layers draw fresh masks, which the
 * next sl_net_backward uses; in evaluation they are the identity. */
void sl_net_forward(const sl_net *net, sl_net_ws *ws, const float *x, int B);

/* Back-propagate dout = dL/d(output) (B, n_out) of the last forward pass and
 * accumulate dL/dθ into grads (n_params; zero it first; it may be net->grads
 * or a per-shard buffer). dout may be ws->dout (then it is overwritten);
 * any other buffer is copied there first and left unchanged. */
void sl_net_backward(const sl_net *net, sl_net_ws *ws, const float *dout, int B, float *grads);

/* Convenience: softmax cross-entropy of the last forward pass against
 * labels (B): probabilities into ws->probs, mean loss returned; if grads
 * is not NULL, back-propagates into it (sl_net_backward). */
double sl_net_loss(const sl_net *net, sl_net_ws *ws, const int *labels, int B, float *grads);

/* dx (B, n_in) ← dL/dx for the last forward pass, given dout = dL/d(output)
 * (B, n_out): back-propagation through every layer to the input, no
 * parameter gradient formed (feature attributions: sl_importance.h). ws must
 * be layer by layer (sl_net_ws_alloc); SL_EINVAL for a workspace with fused
 * runs. dout may be ws->dout. */
sl_status sl_net_input_grad(const sl_net *net, sl_net_ws *ws, const float *dout, int B, float *dx);

/* First layer whose activations in the last forward pass contain NaN/Inf,
 * or −1 (inside a fused run only the run's last layer is formed). */
int sl_net_first_nonfinite(const sl_net *net, const sl_net_ws *ws, int B);

/* ---------------------------------------------------------------- retraction */

/* The retracted network (msd Sec. II.A, Fig. 2b): every run of layers whose
 * activations are identity is multiplied out into the next layer, so
 * f(W_k … W_1 x) becomes f(A_c x) with A_c = W_k ⋯ W_1 (products in double)
 * and the biases carried through. `dst` is a fresh network of dense layers
 * (frozen). The retracted net computes the same function. SL_EINVAL if a
 * layer's kind is not linear. */
sl_status sl_net_retract(const sl_net *src, sl_net *dst);

/* The last layer of the maximal linear run starting at layer lo: layers
 * lo..hi are of linear kinds with identity activations after lo … hi−1
 * (hi's own may be any). The retraction multiplies these runs out; fused
 * training trains through their product. */
int sl_net_linear_run_end(const sl_net *net, int lo);

#endif
