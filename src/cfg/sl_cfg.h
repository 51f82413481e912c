/* sl_cfg.h — config sections shared by drivers of several papers. The only
 * library code besides src/core that reads configs; generic modules (core,
 * data, linalg, nn, stats, rmt) never include it.
 *
 *   data:    {set: mnist|fashion-mnist, dir: data/mnist, train_limit: 0}
 *   network: {dims: [784, 10], acts: [identity]}     (one activation per layer)
 *   train:   {epochs: 20, batch: 500, optimiser: adamax|adam|adamw|rmsprop|sgd,
 *             lr: 0.03, shards: 2, fuse_linear: off|auto|on (sl_net.h; default off),
 *             loss: softmax_xent|mse, weight_decay: 0 (adamw; 0: its default 0.01),
 *             l2: {lambda_in: 0, lambda_out: 0, phi: 0, w: 0, bias: 0,
 *                  layers: [0]},   (the layers penalised, 0-based; absent: all)
 *             patience: 0}   (early stopping on a validation set the driver gives) 
 * Defaults are the msd paper's. */
#ifndef SL_CFG_H
#define SL_CFG_H

#include "../core/sl_config.h"
#include "../data/sl_dataset.h"
#include "../nn/sl_train.h"

/* The layer sizes listed at dims_key (required; e.g. network.dims or a
 * sweep's entry "sweep.3"): *n_layers = entries − 1, dims (n_layers + 1);
 * activations acts (n_layers) from network.acts (optional, all identity). */
sl_status sl_cfg_layers(const sl_config *cfg, const char *dims_key, int *n_layers, int *dims, sl_act *acts);

/* The train section. */
sl_status sl_train_opts_from_config(const sl_config *cfg, sl_train_opts *o);

/* The data section; read it with the other keys, load after
 * sl_driver_config_done so a misspelt key fails before any work. */
typedef struct {
    sl_data_name set;
    const char *dir;      /* owned by the config */
    long train_limit;     /* 0: all */
} sl_data_spec;
sl_status sl_data_spec_from_config(const sl_config *cfg, sl_data_spec *spec);
/* Loads the train and test splits. */
sl_status sl_data_load(const sl_data_spec *spec, sl_dataset *train, sl_dataset *test);

#endif
