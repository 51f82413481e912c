/* sl_train.h — mini-batch training and evaluation of a network on a
 * labelled data set (sl_dataset.h), with any loss of sl_loss.h.
 *
 * A zero sl_train_opts beside epochs/batch/optimiser/lr is the msd
 * behaviour: softmax cross-entropy, no penalty, no validation. */
#ifndef SL_TRAIN_H
#define SL_TRAIN_H

#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"
#include "../core/sl_progress.h"
#include "../data/sl_dataset.h"
#include "sl_loss.h"
#include "sl_net.h"
#include "sl_optim.h"

typedef struct {
    int epochs;
    int batch;
    sl_optim_kind optimiser;
    float lr;
    int shards;      /* each batch is split into this many data-parallel shards
                        (fixed: results do not depend on the thread count);
                        networks with a batch-coupled layer need 1 */
    sl_fuse fuse;    /* runs of linear layers through their product (sl_net.h);
                        evaluation is always layer by layer */
    sl_loss loss;    /* zero: softmax cross-entropy */
    float weight_decay;          /* AdamW's decoupled decay (0: the optimiser's default) */
    sl_l2 l2;                    /* per-group L2 penalty coefficients (all 0: none) */
    const sl_dataset *val;       /* validation set evaluated after every epoch, or NULL */
    int patience;                /* with val: stop after this many epochs without a lower
                                    validation loss (0: never stop early) */
    gsl_rng *dropout_rng;        /* the training stream of stochastic layers (dropout masks);
                                    required when the network has one, NULL otherwise. One
                                    shard draws from it directly; S > 1 shards each draw from
                                    their own stream seeded from it (S draws at the start), so
                                    results do not depend on the thread count. Evaluation
                                    (val, sl_evaluate*) never draws. */
    /* Hooks (NULL: none). after_step runs after every optimiser step, before
     * the workspaces are refreshed, so it may change parameters (a
     * projection, e.g. a spectral-norm bound); after_epoch runs after every
     * epoch (1-based) with the network as it stands. A non-OK status stops
     * training with that status. */
    sl_status (*after_step)(sl_net *net, void *ctx);
    sl_status (*after_epoch)(sl_net *net, int epoch, void *ctx);
    void *hook_ctx;
} sl_train_opts;

typedef struct {
    double final_loss;     /* mean training loss (penalty included) of the last epoch */
    int epochs_run;
    double val_loss;       /* validation loss after the last epoch (NAN without val) */
    double best_val_loss;  /* lowest validation loss, and its epoch (1-based) */
    int best_epoch;
} sl_train_report;

/* Mini-batch training on `train` (shuffled each epoch by shuffle_rng, the
 * last batch may be short). Stops with SL_ENUMERIC naming epoch, batch and
 * the first layer with non-finite activations if the loss is NaN/Inf, and
 * with SL_EINTR on SIGINT/SIGTERM. progress and report may be NULL. With
 * softmax cross-entropy or MSE the data's n_classes must equal the
 * network's outputs. */
sl_status sl_train(sl_net *net, const sl_dataset *train, const sl_train_opts *o,
                   gsl_rng *shuffle_rng, sl_progress *progress, sl_train_report *report);

/* Accuracy (fraction of examples whose largest output — softmax
 * probability for cross-entropy — is the label) and mean loss on ds, in
 * batches of `batch`; loss NULL: softmax cross-entropy. acc_out and
 * loss_out may be NULL. */
sl_status sl_evaluate_loss(const sl_net *net, const sl_dataset *ds, int batch, const sl_loss *loss,
                           double *acc_out, double *loss_out);

/* sl_evaluate_loss with softmax cross-entropy. */
sl_status sl_evaluate(const sl_net *net, const sl_dataset *ds, int batch, double *accuracy, double *loss);

#endif
