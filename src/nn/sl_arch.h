/* sl_arch.h — a network of given layer sizes in one of four training modes,
 * the comparison the msd paper makes and the ops essay probes further
 * (src/nn/sl_train.h trains them):
 *
 *   spectral_eig    spectral layers; only eigenvalues train (the groups in
 *                   eig_groups_first for the first layer, eig_groups for the
 *                   rest: e.g. λ_in and λ_out, or the destination
 *                   eigenvalues λ_out only)
 *   spectral_full   spectral layers; eigenvalues and eigenvectors φ train
 *   direct_subset   dense layers with bias; a fixed random subset of as
 *                   many weights as spectral_eig trains; biases frozen
 *                   (untrained weights keep their initial values)
 *   direct_full     dense layers; all weights and biases train */
#ifndef SL_ARCH_H
#define SL_ARCH_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "sl_net.h"

typedef enum { SL_MODE_SPECTRAL_EIG = 0, SL_MODE_SPECTRAL_FULL, SL_MODE_DIRECT_SUBSET,
               SL_MODE_DIRECT_FULL } sl_mode;
extern const char *const sl_mode_names[]; /* "spectral_eig", "spectral_full", "direct_subset", "direct_full", NULL */

typedef struct {
    int n_layers;
    int dims[SL_MAX_LAYERS + 1];   /* node counts N1 … N_ℓ */
    sl_act acts[SL_MAX_LAYERS];    /* activation after each layer */
    unsigned eig_groups_first;     /* eigenvalue groups trained in layer 0 */
    unsigned eig_groups;           /* … in later layers */
    sl_init init;
    /* λ_in of the first (spectral) layer drawn as usual, then set to 1: every
     * other initial value is the one of the drawn λ_in (init.first_lambda_in_one
     * draws nothing for it, which moves every later draw) */
    int first_lambda_in_reset;
} sl_arch;

/* Build and initialise the network of `mode` over `arch`. The random subset
 * of direct_subset has the size spectral_eig would train (counted on arch).
 * init_rng draws parameters, mask_rng the subset. */
sl_status sl_arch_build(sl_net *net, sl_mode mode, const sl_arch *arch, gsl_rng *init_rng, gsl_rng *mask_rng);

/* Number of parameters spectral_eig trains on arch (N2 + N3 … for λ_out only). */
size_t sl_arch_eig_count(const sl_arch *arch);

/* The network run (seed, index) starts training from: sl_arch_build with
 * the streams (seed, SL_STREAM_INIT, index) (draws) and (seed,
 * SL_STREAM_MASK, index) (the direct_subset choice). Caller frees net. */
sl_status sl_arch_init_net(sl_net *net, sl_mode mode, const sl_arch *arch, uint64_t seed, uint64_t index);

#endif
