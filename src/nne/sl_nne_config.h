/* sl_nne_config.h — the diffusion-map keys every nne driver reads, under
 * one mapping (usually `dmaps:`):
 *
 *   k_nn: 25          datafold's heuristic: k-th nearest neighbour (self included)
 *   subsample: 1000   … over at most this many points
 *   kernel_tol: 1e-8  ε = cut-off² / (−ln kernel_tol)
 *   alpha: 1          α-normalisation (1 Laplace–Beltrami, 0 graph Laplacian)
 *   shift: 1.0001     ARPACK shift-invert σ (> 1; datafold's 1.1 converges far
 *                     slower here, same eigenpairs; 0 = regular mode)
 *   solver: sparse    sparse (ARPACK) | dense (dsyevr, small n only) */
#ifndef SL_NNE_CONFIG_H
#define SL_NNE_CONFIG_H

#include <gsl/gsl_rng.h>
#include "../core/sl_config.h"
#include "sl_dmaps.h"

typedef struct {
    long k_nn, subsample;
    double kernel_tol, alpha, shift;
    int solver; /* sl_dmaps_solver */
} sl_dmaps_cfg;

/* Read the keys under `prefix` (e.g. "dmaps"); absent keys keep the defaults above. */
sl_status sl_dmaps_cfg_read(const sl_config *cfg, const char *prefix, sl_dmaps_cfg *c);

/* Parameters for k eigenpairs of x (n, d): the scale heuristic on a
 * subsample drawn from r, then ε multiplied by eps_factor (1: the heuristic
 * as is) with the cut-off following (kernel_tol kept). *eps_heuristic (or
 * NULL) receives the unscaled ε. */
sl_status sl_dmaps_cfg_params(const sl_dmaps_cfg *c, const double *x, int n, int d, int k, double eps_factor,
                              gsl_rng *r, sl_dmaps_params *p, double *eps_heuristic);

#endif
