/* sl_net.h — a feed-forward network of spectral and dense layers whose
 * parameters, gradients and trainable-mask each live in one flat block.
 *
 * Parameter layout per layer (offsets into net->params):
 *   spectral: φ (n_out, n_in), λ_in (n_in), λ_out (n_out)
 *   dense:    w (n_out, n_in), b (n_out) if has_bias
 * net->trainable (n_params) is 1 for every entry the optimiser may move:
 * the union of each layer's trained groups, optionally thinned to a random
 * subset of dense weights (sl_net_restrict_random). */
#ifndef SL_NET_H
#define SL_NET_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "sl_layer.h"

#define SL_MAX_LAYERS 16

typedef enum { SL_LAYER_SPECTRAL = 0, SL_LAYER_DENSE } sl_layer_kind;
extern const char *const sl_layer_kind_names[]; /* "spectral", "dense", NULL */

/* Trainable groups. */
enum {
    SL_G_LAMBDA_IN = 1u << 0,  /* spectral λ_in (source-node eigenvalues)      */
    SL_G_LAMBDA_OUT = 1u << 1, /* spectral λ_out (destination-node eigenvalues)*/
    SL_G_PHI = 1u << 2,        /* spectral φ (eigenvector block)               */
    SL_G_W = 1u << 3,          /* dense weights                                */
    SL_G_BIAS = 1u << 4        /* dense bias                                   */
};
extern const char *const sl_group_names[]; /* "lambda_in", "lambda_out", "phi", "w", "bias", NULL */

typedef struct {
    sl_layer_kind kind;
    int n_in, n_out;
    sl_act act;
    unsigned train;   /* SL_G_* bits */
    int has_bias;     /* dense only */
    size_t off_a;     /* spectral: φ; dense: w      */
    size_t off_b;     /* spectral: λ_in; dense: b   */
    size_t off_c;     /* spectral: λ_out            */
} sl_layer;

typedef struct {
    int n_layers;
    sl_layer layers[SL_MAX_LAYERS];
    size_t n_params;
    float *params;      /* (n_params) owned */
    float *grads;       /* (n_params) owned */
    uint8_t *trainable; /* (n_params) owned */
    size_t n_trainable;
} sl_net;

/* Initialisation ranges (msd paper: φ ~ U[−0.5, 0.5], λ ~ U[−0.01, 0.01]).
 * Dense weights are Glorot-uniform, biases zero (Keras defaults). */
typedef struct {
    float phi_lo, phi_hi;
    float lambda_lo, lambda_hi;
    /* λ_in of spectral layers after the first: the paper's Fig. 2 builds Λ_k
     * (k ≥ 2) from the identity, so these source eigenvalues are 1 (1) —
     * or drawn like the others (0). */
    int hidden_lambda_in_one;
} sl_init;

/* Allocate a network from layer descriptions (kind, n_in, n_out, act, train,
 * has_bias; offsets are filled in). Consecutive layers must chain. */
sl_status sl_net_alloc(sl_net *net, int n_layers, const sl_layer *layers);
void sl_net_free(sl_net *net); /* NULL-safe */

/* Draw every parameter from `rng`; reset trainable[] from the groups. */
void sl_net_init(sl_net *net, const sl_init *init, gsl_rng *rng);

/* Keep `count` trainable dense weights chosen uniformly at random (without
 * replacement) among all dense weights of the network; every other
 * parameter of dense layers (other weights, biases) becomes frozen.
 * SL_EINVAL if count exceeds the number of dense weights. */
sl_status sl_net_restrict_random(sl_net *net, size_t count, gsl_rng *rng);

/* Number of parameters in the trained groups of spectral layers. */
size_t sl_net_count_group(const sl_net *net, unsigned groups);

/* Effective weight matrix w (n_out, n_in) of layer l (spectral: Eq. 1;
 * dense: a copy), and its bias (n_out) or zeros. bias may be NULL. */
void sl_net_layer_weights(const sl_net *net, int l, float *w, float *bias);

int sl_net_n_in(const sl_net *net);
int sl_net_n_out(const sl_net *net);

/* ---------------------------------------------------------------- passes */

/* Fused linear runs ("training through the retraction", msd Sec. II.A).
 * A run of layers lo..hi whose activations after lo … hi−1 are the identity
 * computes the same function as the single layer
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
    float *act[SL_MAX_LAYERS + 1]; /* act[l+1] (batch, n_out of layer l); act[0] borrowed input;
                                      NULL inside a fused run (lo ≤ l < hi) */
    float *weff[SL_MAX_LAYERS];    /* spectral: effective W (n_out, n_in); NULL for dense */
    float *dw[SL_MAX_LAYERS];      /* spectral: dL/dW scratch (n_out, n_in) */
    float *dbuf[2];                /* (batch, max width) ping-pong for dL/dact */
    float *probs;                  /* (batch, n_classes) */
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
 * sl_net_loss with gradients (only the products the trained groups need). */
double sl_net_ws_step_flops(const sl_net *net, const sl_net_ws *ws, int B);

/* Rebuild the spectral layers' effective weights (and the fused runs'
 * products Q and biases c) from the parameters; call after every parameter
 * change (the trainer does it after each step). */
void sl_net_refresh(const sl_net *net, sl_net_ws *ws);

/* Forward x (B, n_in) → logits ws->act[L] (B, n_out). x must outlive the
 * backward pass (it is borrowed as act[0]). */
void sl_net_forward(const sl_net *net, sl_net_ws *ws, const float *x, int B);

/* Softmax cross-entropy of the last forward pass against labels (B):
 * probabilities into ws->probs, mean loss returned; if grads (n_params) is
 * not NULL, back-propagates and accumulates dL/dθ into it (zero it first;
 * it may be net->grads or a per-shard buffer). */
double sl_net_loss(const sl_net *net, sl_net_ws *ws, const int *labels, int B, float *grads);

/* First layer whose activations in the last forward pass contain NaN/Inf,
 * or −1 (inside a fused run only the run's last layer is formed). */
int sl_net_first_nonfinite(const sl_net *net, const sl_net_ws *ws, int B);

/* ---------------------------------------------------------------- retraction */

/* The retracted network (msd Sec. II.A, Fig. 2b): every run of layers whose
 * activations are identity is multiplied out into the next layer, so
 * f(W_k … W_1 x) becomes f(A_c x) with A_c = W_k ⋯ W_1 (products in double)
 * and the biases carried through. `dst` is a fresh network of dense layers
 * (frozen). The retracted net computes the same function. */
sl_status sl_net_retract(const sl_net *src, sl_net *dst);

#endif
