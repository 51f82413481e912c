#include "sl_snet_config.h"

#include <stdio.h>
#include <string.h>

static const sl_key_doc snet_docs[] = {
    {"snet.hidden", "SpectralNet: widths of the ELU hidden layers (thesis Fig. 3.5: 128, 64, 32)"},
    {"snet.epochs", "SpectralNet: epochs (thesis Table 2: 70)"},
    {"snet.batch", "SpectralNet: mini-batch size of the gradient steps (Table 2: 256)"},
    {"snet.ortho_batch", "SpectralNet: batch size of the orthonormalisation step (Table 2: 512)"},
    {"snet.patience", "SpectralNet: stop after this many epochs without a lower full-data loss (thesis: 30; 0 never)"},
    {"snet.lr", "SpectralNet: RMSProp learning rate (Table 2: 1e-4)"},
    {"snet.dropout", "SpectralNet: dropout rate after each hidden layer, in training only (thesis 3.3: 0.2; 0: none)"},
    {"snet.orthonorm", "separate: weights fitted on their own batch, no gradient through them (thesis); "
                       "batch: the batch-coupled layer, gradient through the Cholesky factor"},
    {"snet.eps_factor", "SpectralNet kernel: sigma^2 = eps_factor x the diffusion maps' epsilon (thesis: 1)"},
    {NULL, NULL}};

sl_status sl_snet_cfg_read(const sl_config *cfg, const char *prefix, sl_snet_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->p = (sl_snet_params){.n_hidden = 3, .hidden = {128, 64, 32}, .epochs = 70, .batch = 256, .ortho_batch = 512,
                            .patience = 30, .lr = 1e-4f, .ortho = SL_SNET_SEPARATE};
    c->eps_factor = 1;
    char key[128];
    long v;
    double lr = c->p.lr;
    sl_config_docs(cfg, snet_docs);
#define KEY(name) (snprintf(key, sizeof key, "%s.%s", prefix, name), key)
    {
        long h[SL_SNET_MAX_HIDDEN] = {128, 64, 32};
        size_t nh = 3;
        SL_TRY(sl_config_int_list(cfg, KEY("hidden"), 1, 4096, h, SL_SNET_MAX_HIDDEN, &nh));
        c->p.n_hidden = (int)nh;
        for (size_t i = 0; i < nh; i++) c->p.hidden[i] = (int)h[i];
    }
    v = c->p.epochs; SL_TRY(sl_config_int(cfg, KEY("epochs"), 0, 100000, &v)); c->p.epochs = (int)v;
    v = c->p.batch; SL_TRY(sl_config_int(cfg, KEY("batch"), 16, 4096, &v)); c->p.batch = (int)v;
    v = c->p.ortho_batch; SL_TRY(sl_config_int(cfg, KEY("ortho_batch"), 16, 1000000, &v)); c->p.ortho_batch = (int)v;
    v = c->p.patience; SL_TRY(sl_config_int(cfg, KEY("patience"), 0, 100000, &v)); c->p.patience = (int)v;
    SL_TRY(sl_config_double(cfg, KEY("lr"), 1e-8, 1, &lr));
    c->p.lr = (float)lr;
    double drop = 0.2;
    SL_TRY(sl_config_double(cfg, KEY("dropout"), 0, 0.99, &drop));
    c->p.dropout = (float)drop;
    int o = 0;
    SL_TRY(sl_config_enum(cfg, KEY("orthonorm"), sl_snet_ortho_names, &o));
    c->p.ortho = (sl_snet_ortho)o;
    SL_TRY(sl_config_double(cfg, KEY("eps_factor"), 1e-6, 1e6, &c->eps_factor));
#undef KEY
    return SL_OK;
}
