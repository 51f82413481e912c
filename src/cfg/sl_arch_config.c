#include "sl_arch_config.h"

#include <string.h>

/* one doc line per key read below (printed by every driver's --help) */
static const sl_key_doc arch_docs[] = {
    {"network.eig_groups", "eigenvalue groups trained in layers 2.. (lambda_in: source nodes, lambda_out: destination)"},
    {"network.eig_groups_first", "eigenvalue groups trained in the first layer (default: as network.eig_groups)"},
    {"network.hidden_lambda_in", "source eigenvalues of layers 2..: 'one' (fixed to 1, paper Fig. 2) or 'random'"},
    {"network.first_lambda_in", "source (input) eigenvalues of the first layer when not trained: 'random' "
                                "(kept at their initial draw) or 'one'"},
    {"init.phi", "[lo, hi]: eigenvector entries drawn uniformly (paper: [-0.5, 0.5])"},
    {"init.lambda", "[lo, hi]: eigenvalues drawn uniformly (paper: [-0.01, 0.01])"},
    {"modes", "trainings to run: spectral eigenvalues (+ eigenvectors), direct random subset, direct all"},
    {NULL, NULL}};

static unsigned groups_from(const int *g, size_t n)
{
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++) bits |= 1u << g[i];
    return bits;
}

sl_status sl_arch_common_from_config(const sl_config *cfg, sl_arch *a)
{
    static const char *const eig_names[] = {"lambda_in", "lambda_out", NULL};
    static const char *const lin_names[] = {"random", "one", NULL};
    int g[2] = {1, 0};
    size_t ng = 1;
    sl_config_docs(cfg, arch_docs);
    SL_TRY(sl_config_enum_list(cfg, "network.eig_groups", eig_names, g, 2, &ng));
    a->eig_groups = groups_from(g, ng);
    a->eig_groups_first = a->eig_groups;
    SL_TRY(sl_config_enum_list(cfg, "network.eig_groups_first", eig_names, g, 2, &ng));
    a->eig_groups_first = groups_from(g, ng);
    int lin = 1, first = 0;
    SL_TRY(sl_config_enum(cfg, "network.hidden_lambda_in", lin_names, &lin));
    SL_TRY(sl_config_enum(cfg, "network.first_lambda_in", lin_names, &first));

    double phi[2] = {-0.5, 0.5}, lam[2] = {-0.01, 0.01};
    size_t n2 = 2;
    SL_TRY(sl_config_double_list(cfg, "init.phi", -100, 100, phi, 2, &n2));
    if (n2 != 2 || phi[0] > phi[1])
        return sl_fail(SL_ECONFIG, "%s: init.phi must be [lo, hi] with lo <= hi", sl_config_path(cfg));
    SL_TRY(sl_config_double_list(cfg, "init.lambda", -100, 100, lam, 2, &n2));
    if (n2 != 2 || lam[0] > lam[1])
        return sl_fail(SL_ECONFIG, "%s: init.lambda must be [lo, hi] with lo <= hi", sl_config_path(cfg));
    a->init.phi[0] = (float)phi[0];
    a->init.phi[1] = (float)phi[1];
    a->init.lambda_in[0] = a->init.lambda_out[0] = (float)lam[0];
    a->init.lambda_in[1] = a->init.lambda_out[1] = (float)lam[1];
    a->init.hidden_lambda_in_one = lin;
    a->init.first_lambda_in_one = first;
    a->first_lambda_in_reset = 0; /* a sweep factor (src/msd/sl_sweep.h), never a config key */
    return SL_OK;
}

sl_status sl_arch_layers_from_config(const sl_config *cfg, const char *dims_key, sl_arch *a)
{
    return sl_cfg_layers(cfg, dims_key, &a->n_layers, a->dims, a->acts);
}

sl_status sl_arch_from_config(const sl_config *cfg, sl_arch *a)
{
    memset(a, 0, sizeof *a);
    SL_TRY(sl_arch_common_from_config(cfg, a));
    return sl_arch_layers_from_config(cfg, "network.dims", a);
}

sl_status sl_modes_from_config(const sl_config *cfg, const char *key, sl_mode *modes,
                               size_t max, size_t *n)
{
    int m[8];
    if (max > 8) max = 8;
    sl_config_docs(cfg, arch_docs);
    SL_TRY(sl_config_require(cfg, key));
    SL_TRY(sl_config_enum_list(cfg, key, sl_mode_names, m, max, n));
    for (size_t i = 0; i < *n; i++) modes[i] = (sl_mode)m[i];
    return SL_OK;
}
