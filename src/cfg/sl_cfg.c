#include "sl_cfg.h"

#include <stdio.h>
#include <string.h>

/* one doc line per key read below (printed by every driver's --help) */
static const sl_key_doc layer_docs[] = {
    {"network.dims", "layer sizes N1 .. Nl (input 784 for MNIST, output 10)"},
    {"network.acts", "activation of each layer (one per layer; default identity)"},
    {"sweep.*", "one architecture per entry: its layer sizes N1 .. Nl"},
    {NULL, NULL}};
static const sl_key_doc train_docs[] = {
    {"train.epochs", "passes over the training set"},
    {"train.batch", "mini-batch size"},
    {"train.lr", "learning rate of the optimiser"},
    {"train.optimiser", "optimiser (msd paper: adamax)"},
    {"train.shards", "data-parallel shards per batch (fixed, so results do not depend on threads)"},
    {"train.fuse_linear", "train runs of linear layers through their product: off, on, or auto (when fewer FLOPs)"},
    {"train.loss", "loss on the network's output (softmax cross-entropy or mean squared error)"},
    {"train.weight_decay", "decoupled weight decay (adamw)"},
    {"train.l2.lambda_in", "L2 penalty c * sum(theta^2) on the source-node eigenvalues"},
    {"train.l2.lambda_out", "L2 penalty c * sum(theta^2) on the destination-node eigenvalues"},
    {"train.l2.phi", "L2 penalty c * sum(theta^2) on the eigenvector entries"},
    {"train.l2.w", "L2 penalty c * sum(theta^2) on dense weights"},
    {"train.l2.bias", "L2 penalty c * sum(theta^2) on dense biases"},
    {"train.l2.layers", "layers (0-based) the L2 penalties apply to; empty: every layer"},
    {"train.patience", "early stopping: epochs without a better validation loss (0: off)"},
    {NULL, NULL}};
static const sl_key_doc data_docs[] = {
    {"data.set", "data set"},
    {"data.dir", "folder of the IDX files (default: data/mnist or data/fashion-mnist)"},
    {"data.train_limit", "use only the first N training images (0: all); for quick runs"},
    {NULL, NULL}};

sl_status sl_cfg_layers(const sl_config *cfg, const char *dims_key, int *n_layers, int *dims_out, sl_act *acts_out)
{
    long dims[SL_MAX_LAYERS + 1];
    size_t nd = 0, na = 0;
    int acts[SL_MAX_LAYERS];
    for (int l = 0; l < SL_MAX_LAYERS; l++) acts[l] = SL_ACT_IDENTITY;
    sl_config_docs(cfg, layer_docs);
    SL_TRY(sl_config_require(cfg, dims_key));
    SL_TRY(sl_config_int_list(cfg, dims_key, 1, 100000, dims, SL_MAX_LAYERS + 1, &nd));
    SL_TRY(sl_config_enum_list(cfg, "network.acts", sl_act_names, acts, SL_MAX_LAYERS, &na));
    if (nd < 2)
        return sl_fail(SL_ECONFIG, "%s: %s needs at least two layer sizes", sl_config_path(cfg), dims_key);
    if (na && na != nd - 1)
        return sl_fail(SL_ECONFIG, "%s: network.acts has %zu entries for the %zu layers of %s",
                       sl_config_path(cfg), na, nd - 1, dims_key);
    *n_layers = (int)nd - 1;
    for (size_t i = 0; i < nd; i++) dims_out[i] = (int)dims[i];
    for (int l = 0; l < *n_layers; l++) acts_out[l] = (sl_act)acts[l];
    return SL_OK;
}

sl_status sl_train_opts_from_config(const sl_config *cfg, sl_train_opts *o)
{
    long epochs = 20, batch = 500, shards = 2;
    double lr = 0.03;
    int opt = SL_OPT_ADAMAX;
    sl_config_docs(cfg, train_docs);
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
    int loss = SL_LOSS_SOFTMAX_XENT;
    SL_TRY(sl_config_enum(cfg, "train.loss", sl_loss_names, &loss));
    memset(&o->loss, 0, sizeof o->loss);
    o->loss.kind = (sl_loss_kind)loss;
    double wd = 0;
    SL_TRY(sl_config_double(cfg, "train.weight_decay", 0, 100, &wd));
    o->weight_decay = (float)wd;
    for (int gi = 0; gi < SL_N_GROUPS; gi++) {
        char key[64];
        double c = 0;
        snprintf(key, sizeof key, "train.l2.%s", sl_group_names[gi]);
        SL_TRY(sl_config_double(cfg, key, 0, 1e6, &c));
        o->l2.c[gi] = (float)c;
    }
    long layers[32];
    size_t n_layers = 0;
    SL_TRY(sl_config_int_list(cfg, "train.l2.layers", 0, 31, layers, 32, &n_layers));
    o->l2.layers = 0;
    for (size_t i = 0; i < n_layers; i++) o->l2.layers |= 1u << layers[i];
    long patience = 0;
    SL_TRY(sl_config_int(cfg, "train.patience", 0, 100000, &patience));
    o->patience = (int)patience;
    o->val = NULL;
    o->after_step = NULL;
    o->after_epoch = NULL;
    o->hook_ctx = NULL;
    return SL_OK;
}

sl_status sl_data_spec_from_config(const sl_config *cfg, sl_data_spec *spec)
{
    int set = SL_DATA_MNIST;
    spec->dir = NULL;
    spec->train_limit = 0;
    sl_config_docs(cfg, data_docs);
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

