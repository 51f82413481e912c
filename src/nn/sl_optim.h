/* sl_optim.h — first-order optimisers over one flat parameter block.
 *
 * An optimiser is a loop over n floats; `mask` (n) selects the trainable
 * entries (0: frozen, its state and value untouched). Step t starts at 1.
 *   AdaMax (Kingma & Ba, as in Keras/TF, the paper's optimiser):
 *     m ← β1 m + (1−β1) g;  u ← max(β2 u, |g|);  θ ← θ − lr/(1−β1ᵗ) · m/(u+ε)
 *   Adam:    m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;
 *            θ ← θ − lr · m̂/(√v̂ + ε),  m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ)
 *   AdamW (Loshchilov & Hutter, decoupled weight decay wd, as PyTorch):
 *            θ ← θ − lr · wd · θ, then the Adam step
 *   RMSProp: v ← ρ v + (1−ρ) g²;  θ ← θ − lr · g/(√v + ε)
 *   SGD:     θ ← θ − lr g
 * An L2 penalty (coupled: through the gradient) is sl_l2_penalty (sl_net.h),
 * or folded into the step: sl_optim_step_runs.
 *
 * The loops are compiled for SSE2, AVX2 and AVX-512 (GCC target_clones,
 * picked at run time by the CPU): the same IEEE operations element by
 * element in every version (no FMA contraction, no reassociation), so the
 * results are bit for bit those of the plain loop. */
#ifndef SL_OPTIM_H
#define SL_OPTIM_H

#include <stddef.h>
#include <stdint.h>
#include "../core/sl_error.h"

typedef enum { SL_OPT_ADAMAX = 0, SL_OPT_ADAM, SL_OPT_RMSPROP, SL_OPT_SGD, SL_OPT_ADAMW } sl_optim_kind;
extern const char *const sl_optim_names[]; /* "adamax", "adam", "rmsprop", "sgd", "adamw", NULL */

typedef struct {
    sl_optim_kind kind;
    float lr, beta1, beta2, eps;  /* beta2 is ρ for RMSProp */
    float weight_decay;           /* AdamW's wd (decoupled); ignored by the others */
    long t;                       /* steps taken */
    size_t n;
    float *m, *v;                 /* (n) moment estimates, owned */
} sl_optim;

/* Defaults per kind: Keras' β1 0.9, β2 0.999, ε 1e-7; RMSProp ρ 0.9; AdamW wd 0.01 (PyTorch). */
void sl_optim_defaults(sl_optim *o, sl_optim_kind kind, float lr);

/* Allocate the state for n parameters (zeroed); t = 0. */
sl_status sl_optim_alloc(sl_optim *o, size_t n);
void sl_optim_free(sl_optim *o); /* NULL-safe */

/* One step on params (n) with grads (n); mask (n) or NULL for all. */
void sl_optim_step(sl_optim *o, float *params, const float *grads, const uint8_t *mask);

/* A run [lo, hi) of trainable entries sharing one L2 coefficient c (0: none). */
typedef struct {
    size_t lo, hi;
    float c;
} sl_optim_run;

/* The maximal runs of trainable entries (mask (n), NULL: all) with equal
 * coefficient (coef (n), NULL: all 0), in index order, into runs (capacity
 * cap; NULL to count only). Returns the number of runs (may exceed cap). */
size_t sl_optim_runs(const uint8_t *mask, const float *coef, size_t n, sl_optim_run *runs, size_t cap);

/* One step on the runs' entries only (the rest untouched), each gradient
 * g + 2cθ: the L2 penalty folded into the step, the same float operations
 * and result as sl_l2_penalty (grads += 2cθ) followed by sl_optim_step, in
 * one pass over memory. Returns the penalty Σ cθ² before the step (double;
 * eight partial sums by index mod 8, summed pairwise). */
double sl_optim_step_runs(sl_optim *o, float *params, const float *grads, const sl_optim_run *runs, size_t n_runs);

#endif
