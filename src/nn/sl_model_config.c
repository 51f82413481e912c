#include "sl_model_config.h"

#include <string.h>

/* one doc line per key read below (printed by every driver's --help) */
static const sl_key_doc arch_docs[] = {
    {"network.eig_groups", "eigenvalue groups trained in layers 2.. (lambda_in: source nodes, lambda_out: destination)"},
    {"network.eig_groups_first", "eigenvalue groups trained in the first layer (default: as network.eig_groups)"},
    {"network.hidden_lambda_in", "source eigenvalues of layers 2..: 'one' (fixed to 1, paper Fig. 2) or 'random'"},
    {"init.phi", "[lo, hi]: eigenvector entries drawn uniformly (paper: [-0.5, 0.5])"},
    {"init.lambda", "[lo, hi]: eigenvalues drawn uniformly (paper: [-0.01, 0.01])"},
    {"network.dims", "layer sizes N1 .. Nl (input 784 for MNIST, output 10)"},
    {"network.acts", "activation of each layer (one per layer; default identity)"},
    {"train.epochs", "passes over the training set"},
    {"train.batch", "mini-batch size"},
    {"train.lr", "learning rate of the optimiser"},
    {"train.optimiser", "optimiser (paper: adamax)"},
    {"train.shards", "data-parallel shards per batch (fixed, so results do not depend on threads)"},
    {"train.fuse_linear", "train runs of linear layers through their product: off, on, or auto (when fewer FLOPs)"},
    {"data.set", "data set"},
    {"data.dir", "folder of the IDX files (default: data/mnist or data/fashion-mnist)"},
    {"data.train_limit", "use only the first N training images (0: all); for quick runs"},
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
    int lin = 1;
    SL_TRY(sl_config_enum(cfg, "network.hidden_lambda_in", lin_names, &lin));

    double phi[2] = {-0.5, 0.5}, lam[2] = {-0.01, 0.01};
    size_t n2 = 2;
    SL_TRY(sl_config_double_list(cfg, "init.phi", -100, 100, phi, 2, &n2));
    if (n2 != 2 || phi[0] > phi[1])
        return sl_fail(SL_ECONFIG, "%s: init.phi must be [lo, hi] with lo <= hi", sl_config_path(cfg));
    SL_TRY(sl_config_double_list(cfg, "init.lambda", -100, 100, lam, 2, &n2));
    if (n2 != 2 || lam[0] > lam[1])
        return sl_fail(SL_ECONFIG, "%s: init.lambda must be [lo, hi] with lo <= hi", sl_config_path(cfg));
    a->init.phi_lo = (float)phi[0];
    a->init.phi_hi = (float)phi[1];
    a->init.lambda_lo = (float)lam[0];
    a->init.lambda_hi = (float)lam[1];
    a->init.hidden_lambda_in_one = lin;
    return SL_OK;
}

sl_status sl_arch_layers_from_config(const sl_config *cfg, const char *dims_key, sl_arch *a)
{
    long dims[SL_MAX_LAYERS + 1];
    size_t nd = 0, na = 0;
    int acts[SL_MAX_LAYERS];
    for (int l = 0; l < SL_MAX_LAYERS; l++) acts[l] = SL_ACT_IDENTITY;
    sl_config_docs(cfg, arch_docs);
    SL_TRY(sl_config_require(cfg, dims_key));
    SL_TRY(sl_config_int_list(cfg, dims_key, 1, 100000, dims, SL_MAX_LAYERS + 1, &nd));
    SL_TRY(sl_config_enum_list(cfg, "network.acts", sl_act_names, acts, SL_MAX_LAYERS, &na));
    if (nd < 2)
        return sl_fail(SL_ECONFIG, "%s: %s needs at least two layer sizes", sl_config_path(cfg), dims_key);
    if (na && na != nd - 1)
        return sl_fail(SL_ECONFIG, "%s: network.acts has %zu entries for the %zu layers of %s",
                       sl_config_path(cfg), na, nd - 1, dims_key);
    a->n_layers = (int)nd - 1;
    for (size_t i = 0; i < nd; i++) a->dims[i] = (int)dims[i];
    for (int l = 0; l < a->n_layers; l++) a->acts[l] = (sl_act)acts[l];
    return SL_OK;
}

sl_status sl_arch_from_config(const sl_config *cfg, sl_arch *a)
{
    memset(a, 0, sizeof *a);
    SL_TRY(sl_arch_common_from_config(cfg, a));
    return sl_arch_layers_from_config(cfg, "network.dims", a);
}

sl_status sl_train_opts_from_config(const sl_config *cfg, sl_train_opts *o)
{
    long epochs = 20, batch = 500, shards = 2;
    double lr = 0.03;
    int opt = SL_OPT_ADAMAX;
    sl_config_docs(cfg, arch_docs);
    SL_TRY(sl_config_int(cfg, "train.epochs", 0, 100000, &epochs));
    SL_TRY(sl_config_int(cfg, "train.batch", 1, 1000000, &batch));
    SL_TRY(sl_config_double(cfg, "train.lr", 1e-12, 100, &lr));
    SL_TRY(sl_config_enum(cfg, "train.optimiser", sl_optim_names, &opt));
    SL_TRY(sl_config_int(cfg, "train.shards", 1, 64, &shards));
    int fuse = SL_FUSE_OFF;
    SL_TRY(sl_config_enum(cfg, "train.fuse_linear", sl_fuse_names, &fuse));
    o->fuse = (sl_fuse)fuse;
    o->shards = (int)shards;
    o->epochs = (int)epochs;
    o->batch = (int)batch;
    o->lr = (float)lr;
    o->optimiser = (sl_optim_kind)opt;
    return SL_OK;
}

sl_status sl_data_spec_from_config(const sl_config *cfg, sl_data_spec *spec)
{
    int set = SL_DATA_MNIST;
    sl_config_docs(cfg, arch_docs);
    spec->dir = NULL;
    spec->train_limit = 0;
    SL_TRY(sl_config_enum(cfg, "data.set", sl_data_names, &set));
    spec->set = (sl_data_name)set;
    spec->dir = set == SL_DATA_FASHION ? "data/fashion-mnist" : "data/mnist";
    SL_TRY(sl_config_string(cfg, "data.dir", &spec->dir));
    SL_TRY(sl_config_int(cfg, "data.train_limit", 0, 100000000, &spec->train_limit));
    return SL_OK;
}

sl_status sl_data_load(const sl_data_spec *spec, sl_dataset *train, sl_dataset *test)
{
    SL_TRY(sl_dataset_load(train, spec->set, spec->dir, "train"));
    sl_status st = sl_dataset_load(test, spec->set, spec->dir, "test");
    if (st != SL_OK) { sl_dataset_free(train); return st; }
    if (spec->train_limit > 0) sl_dataset_truncate(train, (size_t)spec->train_limit);
    return SL_OK;
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
