/* sl_ops.h — the ops essay's probes on real networks: the layers of a
 * network as double matrices, their composed linear operator, and a hard
 * bound on each layer's spectral norm applied during training.
 *
 * Spectral-norm bound s (ops-constraint; "bounded spectral norm … is a hard
 * constraint, not a soft bias"), a projection after every optimiser step
 * (sl_train_opts.after_step = sl_clip_hook):
 *   dense layer     σ = ‖W‖₂ by power iteration (warm-started from the last
 *                   step's vector); if σ > s, W ← (s/σ) W. Power iteration
 *                   approaches σ from below, so the achieved ‖W‖₂ may exceed
 *                   s by its tolerance; the drivers measure it by SVD.
 *   spectral layer  W = φ ⊙ (λ_in,i − λ_out,j) = φ D_in − D_out φ
 *                   (sl_layer.h). For any c,
 *                     W = φ (D_in − cI) − (D_out − cI) φ,
 *                   so ‖W‖₂ ≤ ‖φ‖₂ (r_in + r_out) with r_in = max_i |λ_in,i − c|,
 *                   r_out = max_j |λ_out,j − c|. We take c the midpoint of
 *                   λ_in's range (λ_in ≡ 1 in the hidden layers of msd's
 *                   networks: r_in = 0) and bound THE EIGENVALUES: if
 *                   ‖φ‖₂ (r_in + r_out) > s, each λ_out,j is clamped to
 *                   [c − t, c + t], t = s/‖φ‖₂ − r_in (if t < 0, λ_in is
 *                   shrunk towards c to radius s/‖φ‖₂ and λ_out set to c).
 *                   φ is untouched. This guarantees ‖W‖₂ ≤ s (up to the
 *                   power iteration's tolerance on ‖φ‖₂) but is not tight:
 *                   the achieved ‖W‖₂ is measured, not assumed. */
#ifndef SL_OPS_H
#define SL_OPS_H

#include <stdint.h>
#include "../cfg/sl_arch_config.h"
#include "../core/sl_error.h"
#include "../nn/sl_arch.h"
#include "../nn/sl_net.h"

/* What every ops sweep trains: the network (config section network, read by
 * sl_arch_from_config), its training (train), the modes compared (modes) and
 * the data set (data). */
typedef struct {
    sl_arch arch;
    sl_train_opts opts;
    sl_mode modes[4];
    size_t n_modes;
    sl_data_spec data;
    sl_dataset train, test;   /* after sl_ops_setup_load */
    int loaded;
} sl_ops_setup;

/* Read the four sections from cfg (before sl_driver_config_done). */
sl_status sl_ops_setup_read(const sl_config *cfg, sl_ops_setup *s);
/* Load the data set once (later calls return at once): call only where a
 * training runs, so a merge, a plan or a slice without one loads nothing. */
sl_status sl_ops_setup_load(sl_ops_setup *s);
void sl_ops_setup_free(sl_ops_setup *s);

/* The largest matrix sl_ops_layer_matrix or sl_ops_product(net, 0, l, …)
 * writes for this architecture (entries): a buffer for either. */
size_t sl_ops_matrix_size(const sl_arch *arch);

/* The network of `mode` over arch (src/nn/sl_arch.h), its parameters and
 * subset drawn from the streams (seed, SL_STREAM_INIT / SL_STREAM_MASK,
 * index); *shuffle ← a new generator of (seed, SL_STREAM_SHUFFLE, index) for
 * its training (caller frees both). */
sl_status sl_ops_build(sl_net *net, gsl_rng **shuffle, sl_mode mode, const sl_arch *arch, uint64_t seed,
                       uint64_t index);

/* w (n_out, n_in) ← layer l's effective weights, in double. */
sl_status sl_ops_layer_matrix(const sl_net *net, int l, double *w);

/* c (n_out of hi, n_in of lo) ← W_hi ⋯ W_lo in double (lo ≤ hi), ignoring
 * activations in between: the network's composed linear operator when they
 * are identities (a retracted run), its linearisation otherwise. */
sl_status sl_ops_product(const sl_net *net, int lo, int hi, double *c);

/* Rescale a trained network into the bound without changing what it
 * classifies: with c_l = min(1, s/‖W_l‖₂) (‖·‖₂ by SVD), W_l ← c_l W_l
 * (spectral: λ_in, λ_out ← c_l λ, which scales W = φ D_in − D_out φ by
 * c_l), and each bias b_l ← C_l b_l, C_l = c_1 ⋯ c_l. ReLU and the
 * identity are positively homogeneous, so the output becomes C_L times the
 * original: the same argmax, every layer within s. *scale (may be NULL)
 * receives C_L. SL_EINVAL for other activations. */
sl_status sl_ops_rescale(sl_net *net, double s, double *scale);

typedef struct {
    double s;                       /* the bound */
    double tol;                     /* power iteration: relative change of σ */
    int maxit;                      /* … and most iterations per call */
    int n_layers;
    double *v[SL_MAX_LAYERS];       /* (n_in) warm-start vectors (dense: W; spectral: φ) */
    double *u;                      /* (widest n_out) scratch */
    double bound[SL_MAX_LAYERS];    /* after the last call: the guaranteed bound
                                       (dense: min(σ, s); spectral: ‖φ‖₂ (r_in + r_out)) */
    double phi_norm[SL_MAX_LAYERS]; /* spectral: the last ‖φ‖₂ (0: not yet computed) */
    long clipped[SL_MAX_LAYERS];    /* calls that changed the layer */
    long calls;
} sl_clip;

/* A clip of bound s > 0 for net's layers (power iteration tol 1e-6, at most
 * 200 iterations per call). */
sl_status sl_clip_alloc(sl_clip *c, const sl_net *net, double s);
void sl_clip_free(sl_clip *c); /* NULL-safe */

/* Project every layer of net onto the bound (see above). The caller
 * refreshes workspaces afterwards (the trainer does after its hook). */
sl_status sl_clip_apply(sl_clip *c, sl_net *net);

/* sl_train_opts.after_step adapter; ctx is an sl_clip. */
sl_status sl_clip_hook(sl_net *net, void *ctx);

#endif
