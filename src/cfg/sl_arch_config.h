/* sl_arch_config.h — the network section of an sl_arch (src/nn/sl_arch.h)
 * and a list of its training modes (read by the drivers of several papers;
 * data, train and the layer list: sl_cfg.h).
 *
 *   network: {dims: [784, 10], acts: [identity],     (a sweep gives dims per entry)
 *             eig_groups_first: [lambda_in, lambda_out], eig_groups: [lambda_out],
 *             hidden_lambda_in: one|random,      λ_in of layers 2.. set to 1 (default) or drawn
 *             first_lambda_in: random|one}       λ_in of the first layer drawn (default) or set to 1
 *   init:    {phi: [-0.5, 0.5], lambda: [-0.01, 0.01]}
 */
#ifndef SL_ARCH_CONFIG_H
#define SL_ARCH_CONFIG_H

#include "sl_cfg.h"
#include "../nn/sl_arch.h"

/* Both parts below, the layer sizes from network.dims. */
sl_status sl_arch_from_config(const sl_config *cfg, sl_arch *arch);
/* Only the parts shared by every layer list (eigenvalue groups, init). */
sl_status sl_arch_common_from_config(const sl_config *cfg, sl_arch *arch);
/* n_layers, dims and acts: the layer sizes listed at dims_key (required;
 * network.dims, or a sweep's entry "sweep.3"), activations from network.acts
 * (optional, all identity; one per layer). */
sl_status sl_arch_layers_from_config(const sl_config *cfg, const char *dims_key, sl_arch *arch);
/* A `modes:` list of sl_mode names. */
sl_status sl_modes_from_config(const sl_config *cfg, const char *key, sl_mode *modes,
                               size_t max, size_t *n);

#endif
