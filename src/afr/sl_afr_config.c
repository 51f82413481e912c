#include "sl_afr_config.h"

#include <stdio.h>
#include <string.h>

const char *const sl_afr_gauss_kind_names[] = {"independent", "correlated", NULL};

/* one doc line per key read below (printed by the afr drivers' --help) */
static const sl_key_doc arch_docs[] = {
    {"init.phi", "eigenvector entries phi ~ U[lo, hi] at initialisation"},
    {"init.lambda_in", "input-node eigenvalues lambda ~ U[lo, hi] at initialisation ([1, 1]: ones)"},
    {NULL, NULL}};
static const sl_key_doc penalty_docs[] = {
    {"penalties", "penalty settings, each trained on the same data and initial networks (absent: train.l2)"},
    {"penalties.*.name", "name of the setting in the results rows (no spaces)"},
    {"penalties.*.lambda_in", "L2 weight on the input-node eigenvalues lambda_i (replaces train.l2.lambda_in)"},
    {"penalties.*.phi", "L2 weight on the eigenvector entries phi (replaces train.l2.phi; > 0: group lasso on columns)"},
    {NULL, NULL}};
static const sl_key_doc gauss_docs[] = {
    {"gauss.kind", "independent (class means apart by gaps) or correlated (sign-flipped pairs, Eq. 2-3)"},
    {"gauss.n_train", "training examples generated per run (the validation share is taken from them)"},
    {"gauss.n_test", "test examples generated per run"},
    {"gauss.sigma", "independent set: standard deviation of every feature"},
    {"gauss.gaps", "independent set: class-mean gap |mu1 - mu0| of each feature (0: identically distributed)"},
    {"gauss.p", "correlated set: sign-flip probability p_n of each pair for class 1"},
    {"gauss.noise", "correlated set: pure-noise N(0, 1) features after the pairs"},
    {NULL, NULL}};

sl_status sl_afr_arch_from_config(const sl_config *cfg, sl_afr_arch *a)
{
    memset(a, 0, sizeof *a);
    sl_config_docs(cfg, arch_docs);
    SL_TRY(sl_cfg_layers(cfg, "network.dims", &a->n_layers, a->dims, a->acts));
    double phi[2] = {-0.1, 0.1}, lam[2] = {1, 1};
    size_t n = 2;
    SL_TRY(sl_config_double_list(cfg, "init.phi", -100, 100, phi, 2, &n));
    if (n != 2) return sl_fail(SL_ECONFIG, "%s: init.phi needs [lo, hi]", sl_config_path(cfg));
    SL_TRY(sl_config_double_list(cfg, "init.lambda_in", -100, 100, lam, 2, &n));
    if (n != 2) return sl_fail(SL_ECONFIG, "%s: init.lambda_in needs [lo, hi]", sl_config_path(cfg));
    for (int k = 0; k < 2; k++) { a->phi[k] = (float)phi[k]; a->lambda[k] = (float)lam[k]; }
    return SL_OK;
}

sl_status sl_afr_settings_from_config(const sl_config *cfg, const sl_l2 *base, sl_afr_settings *s)
{
    size_t n = 0;
    memset(s, 0, sizeof *s);
    sl_config_docs(cfg, penalty_docs);
    SL_TRY(sl_config_seq_len(cfg, "penalties", &n));
    if (n > SL_AFR_MAX_SETTINGS)
        return sl_fail(SL_ECONFIG, "%s: at most %d penalties", sl_config_path(cfg), SL_AFR_MAX_SETTINGS);
    if (n == 0) {
        s->n = 1;
        snprintf(s->name[0], sizeof s->name[0], "config");
        s->l2[0] = *base;
        return SL_OK;
    }
    s->n = (int)n;
    for (size_t k = 0; k < n; k++) {
        char key[64];
        const char *name = NULL;
        double lam = 0, phi = 0;
        snprintf(key, sizeof key, "penalties.%zu.name", k);
        SL_TRY(sl_config_require(cfg, key));
        SL_TRY(sl_config_string(cfg, key, &name));
        if (strlen(name) >= sizeof s->name[k] || strchr(name, ' ') || !*name)
            return sl_fail(SL_ECONFIG, "%s: %s: a name of 1..31 characters without spaces", sl_config_path(cfg), key);
        snprintf(key, sizeof key, "penalties.%zu.lambda_in", k);
        SL_TRY(sl_config_double(cfg, key, 0, 1e6, &lam));
        snprintf(key, sizeof key, "penalties.%zu.phi", k);
        SL_TRY(sl_config_double(cfg, key, 0, 1e6, &phi));
        snprintf(s->name[k], sizeof s->name[k], "%s", name);
        s->l2[k] = *base;
        s->l2[k].c[SL_GI_LAMBDA_IN] = (float)lam;
        s->l2[k].c[SL_GI_PHI] = (float)phi;
    }
    return SL_OK;
}

sl_status sl_afr_gauss_from_config(const sl_config *cfg, sl_afr_gauss_spec *g)
{
    memset(g, 0, sizeof *g);
    int kind = SL_AFR_INDEPENDENT;
    g->n_train = 5000;
    g->n_test = 2000;
    g->sigma = 1;
    sl_config_docs(cfg, gauss_docs);
    SL_TRY(sl_config_require(cfg, "gauss.kind"));
    SL_TRY(sl_config_enum(cfg, "gauss.kind", sl_afr_gauss_kind_names, &kind));
    g->kind = (sl_afr_gauss_kind)kind;
    SL_TRY(sl_config_int(cfg, "gauss.n_train", 10, 10000000, &g->n_train));
    SL_TRY(sl_config_int(cfg, "gauss.n_test", 2, 10000000, &g->n_test));
    size_t n = 0;
    if (g->kind == SL_AFR_INDEPENDENT) {
        SL_TRY(sl_config_double(cfg, "gauss.sigma", 1e-6, 1e6, &g->sigma));
        SL_TRY(sl_config_require(cfg, "gauss.gaps"));
        SL_TRY(sl_config_double_list(cfg, "gauss.gaps", 0, 1e6, g->gap, SL_AFR_MAX_FEATURES, &n));
        g->d = (int)n;
    } else {
        long noise = 2;
        SL_TRY(sl_config_require(cfg, "gauss.p"));
        SL_TRY(sl_config_double_list(cfg, "gauss.p", 0, 1, g->p, SL_AFR_MAX_FEATURES / 2, &n));
        SL_TRY(sl_config_int(cfg, "gauss.noise", 0, SL_AFR_MAX_FEATURES / 2, &noise));
        g->n_pairs = (int)n;
        g->n_noise = (int)noise;
        g->d = 2 * g->n_pairs + g->n_noise;
    }
    if (g->d < 1) return sl_fail(SL_ECONFIG, "%s: the gauss set has no features", sl_config_path(cfg));
    return SL_OK;
}

sl_status sl_afr_gauss_generate(const sl_afr_gauss_spec *g, size_t n, gsl_rng *r, sl_dataset *ds)
{
    return g->kind == SL_AFR_INDEPENDENT ? sl_afr_gauss_indep(ds, n, g->d, g->gap, g->sigma, r)
                                         : sl_afr_gauss_corr(ds, n, g->n_pairs, g->p, g->n_noise, r);
}

void sl_afr_gauss_truth(const sl_afr_gauss_spec *g, double *truth)
{
    for (int i = 0; i < g->d; i++)
        truth[i] = g->kind == SL_AFR_INDEPENDENT ? g->gap[i] : i < 2 * g->n_pairs ? g->p[i / 2] : 0.0;
}
