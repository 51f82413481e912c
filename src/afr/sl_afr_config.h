/* sl_afr_config.h — the config sections only the afr drivers read (train
 * and the layer list: src/cfg/sl_cfg.h).
 *
 *   network:  {dims: [20, 100, 100, 50, 2], acts: [relu, relu, relu, identity]}
 *   init:     {phi: [-0.1, 0.1], lambda_in: [1, 1]}
 *   penalties:                      optional; each entry overrides train.l2's
 *     - {name: lambda_only, lambda_in: 1e-3, phi: 0}      lambda_in and phi
 *     - {name: group_lasso, lambda_in: 1e-3, phi: 1e-3}
 *   gauss:    {kind: independent, n_train: 5000, n_test: 2000, sigma: 1, gaps: [...]}
 *             {kind: correlated,  n_train: 5000, n_test: 2000, p: [...], noise: 2}
 *   validation: 0.1                 fraction of the training set held out
 *   importance: {perm_repeats: 3, batch: 500}
 */
#ifndef SL_AFR_CONFIG_H
#define SL_AFR_CONFIG_H

#include "../cfg/sl_cfg.h"
#include "sl_afr.h"

sl_status sl_afr_arch_from_config(const sl_config *cfg, sl_afr_arch *arch);

#define SL_AFR_MAX_SETTINGS 4
typedef struct {
    int n;
    char name[SL_AFR_MAX_SETTINGS][32];
    sl_l2 l2[SL_AFR_MAX_SETTINGS];
} sl_afr_settings;
/* From `penalties` (or one setting "config" with train.l2 when absent);
 * base is train.l2 (its layers mask is kept). */
sl_status sl_afr_settings_from_config(const sl_config *cfg, const sl_l2 *base, sl_afr_settings *s);

#define SL_AFR_MAX_FEATURES 64
typedef enum { SL_AFR_INDEPENDENT = 0, SL_AFR_CORRELATED } sl_afr_gauss_kind;
extern const char *const sl_afr_gauss_kind_names[]; /* "independent", "correlated", NULL */
typedef struct {
    sl_afr_gauss_kind kind;
    long n_train, n_test;
    double sigma;                       /* independent */
    int d;                              /* features */
    double gap[SL_AFR_MAX_FEATURES];    /* independent: class-mean gaps (d) */
    int n_pairs, n_noise;               /* correlated */
    double p[SL_AFR_MAX_FEATURES];      /* correlated: flip probabilities (n_pairs) */
} sl_afr_gauss_spec;
sl_status sl_afr_gauss_from_config(const sl_config *cfg, sl_afr_gauss_spec *g);
/* Generate n examples of the set g describes. */
sl_status sl_afr_gauss_generate(const sl_afr_gauss_spec *g, size_t n, gsl_rng *r, sl_dataset *ds);
/* truth (d) ← the known relevance of each feature: |Δμ| (independent), p of
 * its pair, 0 for noise (correlated). */
void sl_afr_gauss_truth(const sl_afr_gauss_spec *g, double *truth);

#endif
