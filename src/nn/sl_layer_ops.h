/* sl_layer_ops.h — a layer of a network, and the table of operations every
 * layer kind implements (one file per kind: sl_kind_spectral.c,
 * sl_kind_dense.c, sl_kind_orthonorm.c, sl_kind_dropout.c). The network code never dispatches on the kind otherwise.
 * Adding a kind: write its file (in src/nn for a generic kind, or in a
 * paper's folder) defining an sl_layer_ops, and set sl_layer.ops to it; a
 * kind that configs name by string also gets an enum value and its entry in
 * sl_layer_kinds (sl_net.c).
 *
 * Parameters of a layer live in the network's flat block in groups (SL_G_*),
 * in the order the kind's layout sets; the activation is a per-layer
 * attribute applied by the network after the kind's forward.
 *
 * Training and evaluation differ only through the random stream a forward
 * pass receives (sl_net_ws.rng): a stochastic kind (dropout) draws from it
 * in training and is deterministic when it is NULL (evaluation). */
#ifndef SL_LAYER_OPS_H
#define SL_LAYER_OPS_H

#include <stddef.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "sl_layer.h"

typedef enum { SL_LAYER_SPECTRAL = 0, SL_LAYER_DENSE, SL_LAYER_ORTHONORM, SL_LAYER_DROPOUT, SL_LAYER_N_KINDS } sl_layer_kind;
extern const char *const sl_layer_kind_names[]; /* "spectral", "dense", "orthonorm", "dropout", NULL */

/* Parameter groups: index SL_GI_*, bit SL_G_* = 1 << index. */
enum { SL_GI_LAMBDA_IN = 0, SL_GI_LAMBDA_OUT, SL_GI_PHI, SL_GI_W, SL_GI_BIAS, SL_N_GROUPS };
enum {
    SL_G_LAMBDA_IN = 1u << SL_GI_LAMBDA_IN,   /* spectral λ_in (source-node eigenvalues)       */
    SL_G_LAMBDA_OUT = 1u << SL_GI_LAMBDA_OUT, /* spectral λ_out (destination-node eigenvalues) */
    SL_G_PHI = 1u << SL_GI_PHI,               /* spectral φ (eigenvector block)                */
    SL_G_W = 1u << SL_GI_W,                   /* dense weights                                 */
    SL_G_BIAS = 1u << SL_GI_BIAS              /* dense bias                                    */
};
extern const char *const sl_group_names[]; /* "lambda_in", "lambda_out", "phi", "w", "bias", NULL */

typedef struct sl_layer_ops sl_layer_ops;

typedef struct {
    sl_layer_kind kind;          /* a built-in kind, unless ops is set */
    const sl_layer_ops *ops;     /* NULL: sl_layer_kinds[kind] */
    int n_in, n_out;
    sl_act act;
    unsigned train;              /* SL_G_* bits */
    int has_bias;                /* dense only */
    int sparse_in;               /* spectral only: sum over the non-zero inputs when at most a
                                    quarter of a batch's inputs are non-zero (sl_kind_spectral.c;
                                    MNIST pixels); 0: always the dense product */
    float rate;                  /* dropout only: probability p of dropping a unit, 0 ≤ p < 1 */
    /* filled by sl_net_alloc: */
    size_t off, n_params;        /* the layer's parameters [off, off + n_params) */
    size_t goff[SL_N_GROUPS];    /* offset of each group in the network's block */
    size_t gsize[SL_N_GROUPS];   /* its number of entries; 0: the kind has no such group */
} sl_layer;

/* Initialisation ranges per group (uniform [lo, hi]; msd paper: φ ~
 * U[−0.5, 0.5], λ ~ U[−0.01, 0.01]). A range [0, 0] sets the group to 0
 * (the afr parametrisation w_ji = λ_in,i φ_ji is the spectral layer with
 * lambda_out [0, 0] and not trained). Dense weights are Glorot-uniform,
 * biases zero (Keras defaults). */
typedef struct {
    float phi[2];
    float lambda_in[2];
    float lambda_out[2];
    /* λ_in set to 1 instead of drawn: of the first layer (first_lambda_in_one),
     * of the layers after the first (hidden_lambda_in_one; the msd paper's
     * Fig. 2 builds Λ_k, k ≥ 2, from the identity). Nothing is drawn for
     * them, so the other draws do not move. */
    int first_lambda_in_one;
    int hidden_lambda_in_one;
} sl_init;

/* The operations of a kind. Pointers: p the network's parameter block (the
 * kind reads its groups at L->goff), scr the layer's scratch in a workspace
 * (scratch(L) floats), g (n_params of the network) gradients to accumulate
 * into (+=; only the groups in L->train). Nothing here allocates. */
struct sl_layer_ops {
    const char *name;
    unsigned groups;      /* SL_G_* bits the kind has */
    int batch_coupled;    /* an output row depends on other rows of the batch: the
                             trainer refuses data-parallel shards > 1 for it */
    int linear;           /* out = in · Wᵀ + b with W = weights(): fusable, retractable */

    int stochastic;       /* forward draws from its stream in training (dropout): the
                             trainer then needs a stream (sl_train_opts.dropout_rng) */

    /* NULL, or: SL_EINVAL (message naming layer `index`) if L's sizes or
     * options do not suit the kind; sl_net_alloc calls it */
    sl_status (*validate)(const sl_layer *L, int index);
    /* gsize[] of L from its sizes (and has_bias) */
    void (*layout)(sl_layer *L);
    /* draw L's parameters; index is the layer's position in the network */
    void (*init)(const sl_layer *L, int index, float *p, const sl_init *init, gsl_rng *r);
    /* floats of scratch for batches of up to `batch` rows */
    size_t (*scratch)(const sl_layer *L, int batch);
    /* after a parameter change: rebuild what scr caches from p */
    void (*refresh)(const sl_layer *L, const float *p, float *scr);
    /* out (B, n_out) from in (B, n_in), before the activation; r the
     * training stream (a stochastic kind draws from it), NULL in evaluation */
    void (*forward)(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int B, gsl_rng *r);
    /* d (B, n_out) = dL/d(pre-activation output), out (B, n_out) the forward's
     * output after the activation: accumulate the trained groups into g;
     * din (B, n_in) ← dL/d in unless NULL */
    void (*backward)(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                     const float *d, float *din, float *g, int B);

    /* linear kinds only (NULL otherwise) */
    const float *(*weights)(const sl_layer *L, const float *p, const float *scr); /* (n_out, n_in) */
    const float *(*bias)(const sl_layer *L, const float *p);                      /* (n_out) or NULL */
    void (*weights_into)(const sl_layer *L, const float *p, float *w);            /* copy of W */
    /* inside a fused run (sl_fuse.c): with P = Q_{l+1} (mh, n_out) (NULL when the
     * layer closes the run: P = I), R (mh, n_in) and s = Σ_b D (mh), accumulate
     * the trained groups' share of dW = Pᵀ R, db = Pᵀ s; fscr scratch of
     * (mh + 1) · max(n_in, n_out) floats */
    void (*fused_grad)(const sl_layer *L, const float *p, float *scr, const float *P, const float *R,
                       const float *s, int mh, float *fscr, float *g);
    /* number of (mh × n_in × n_out) products fused_grad performs when P != NULL
     * (for the FLOP model) */
    int (*fused_grad_products)(const sl_layer *L);
};

extern const sl_layer_ops sl_kind_spectral, sl_kind_dense, sl_kind_orthonorm, sl_kind_dropout; /* orthonorm: sl_orthonorm.h */
extern const sl_layer_ops *const sl_layer_kinds[SL_LAYER_N_KINDS];

static inline const sl_layer_ops *sl_ops(const sl_layer *L) { return L->ops ? L->ops : sl_layer_kinds[L->kind]; }

#endif
