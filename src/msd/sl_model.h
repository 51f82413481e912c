/* sl_model.h — the four ways the msd paper trains a network of given layer
 * sizes (src/nn/sl_train.h trains them).
 *
 *   spectral_eig    spectral layers; only eigenvalues train (the groups in
 *                   eig_groups_first for the first layer, eig_groups for the
 *                   rest: the perceptron table trains λ_in and λ_out,
 *                   Figs. 5–7 the destination eigenvalues λ_out)
 *   spectral_full   spectral layers; eigenvalues and eigenvectors φ train
 *   direct_subset   dense layers with bias; a fixed random subset of as
 *                   many weights as spectral_eig trains; biases frozen
 *                   (IMPLEMENTATION-NOTES: untrained weights keep their
 *                   initial values)
 *   direct_full     dense layers; all weights and biases train */
#ifndef SL_MODEL_H
#define SL_MODEL_H

#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "../data/sl_dataset.h"
#include "../nn/sl_net.h"
#include "../nn/sl_train.h"

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
sl_status sl_model_build(sl_net *net, sl_mode mode, const sl_arch *arch,
                         gsl_rng *init_rng, gsl_rng *mask_rng);

/* Number of parameters spectral_eig trains on arch (N2 + N3 … in Figs. 5–7). */
size_t sl_model_eig_count(const sl_arch *arch);

/* The network run (seed, index) of sl_model_run starts training from: built
 * and initialised with the streams derived from (seed, index) (init: draws,
 * mask: the direct_subset choice). Caller frees net. */
sl_status sl_model_init_net(sl_net *net, sl_mode mode, const sl_arch *arch, uint64_t seed, uint64_t index);

/* One complete run: build `mode` on arch with the streams derived from
 * (seed, index) (sl_model_init_net), train, evaluate on test, retract and
 * evaluate again. */
typedef struct {
    double test_acc, test_loss;   /* extended network on the test set          */
    double retracted_acc;         /* the retracted network on the test set      */
    double train_loss;            /* mean loss over the last epoch              */
    size_t n_trainable;
    double wall_s;
} sl_run_result;

/* If net is not NULL it receives the trained network (caller frees). */
sl_status sl_model_run(sl_net *net, sl_mode mode, const sl_arch *arch,
                       const sl_train_opts *o, const sl_dataset *train,
                       const sl_dataset *test, uint64_t seed, uint64_t index,
                       sl_run_result *res);

#endif
