/* sl_snet_config.h — the SpectralNet keys the nne drivers read, under one
 * mapping (usually `snet:`); defaults are the thesis' Table 2 and §3.1–3.3:
 *
 *   hidden: [128, 64, 32]   ELU hidden layers (Fig. 3.5)
 *   epochs: 70   batch: 256   ortho_batch: 512   patience: 30   lr: 1.0e-4
 *   dropout: 0.2            after each hidden layer, training only (§3.3; sl_snet.h)
 *   orthonorm: separate     separate (thesis, Algorithm 2) | batch (coupled kind)
 *   eps_factor: 1           σ² = eps_factor · ε of the diffusion maps (thesis: 1) */
#ifndef SL_SNET_CONFIG_H
#define SL_SNET_CONFIG_H

#include "../core/sl_config.h"
#include "sl_snet.h"

typedef struct {
    sl_snet_params p; /* k and eps are set by the driver */
    double eps_factor;
} sl_snet_cfg;

sl_status sl_snet_cfg_read(const sl_config *cfg, const char *prefix, sl_snet_cfg *c);

#endif
