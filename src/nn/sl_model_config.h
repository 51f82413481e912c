/* sl_model_config.h — the config sections the msd drivers share.
 *
 *   data:    {set: mnist|fashion-mnist, dir: data/mnist, train_limit: 0}
 *   network: {dims: [784, 10], acts: [identity],     (a sweep gives dims per entry)
 *             eig_groups_first: [lambda_in, lambda_out], eig_groups: [lambda_out],
 *             hidden_lambda_in: one|random}
 *   init:    {phi: [-0.5, 0.5], lambda: [-0.01, 0.01]}
 *   train:   {epochs: 20, batch: 500, optimiser: adamax, lr: 0.03, shards: 2,
 *             fuse_linear: off|auto|on}     (sl_net.h; default off)
 */
#ifndef SL_MODEL_CONFIG_H
#define SL_MODEL_CONFIG_H

#include "../core/sl_config.h"
#include "../data/sl_dataset.h"
#include "sl_model.h"

/* Both parts below, the layer sizes from network.dims. */
sl_status sl_arch_from_config(const sl_config *cfg, sl_arch *arch);
/* Only the parts shared by every layer list (eigenvalue groups, init). */
sl_status sl_arch_common_from_config(const sl_config *cfg, sl_arch *arch);
/* n_layers, dims and acts: the layer sizes listed at dims_key (required;
 * network.dims, or a sweep's entry "sweep.3"), activations from network.acts
 * (optional, all identity; one per layer). */
sl_status sl_arch_layers_from_config(const sl_config *cfg, const char *dims_key, sl_arch *arch);
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
/* A `modes:` list of sl_mode names. */
sl_status sl_modes_from_config(const sl_config *cfg, const char *key, sl_mode *modes,
                               size_t max, size_t *n);

#endif
