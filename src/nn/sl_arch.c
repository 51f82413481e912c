#include "sl_arch.h"
#include "../core/sl_rng.h"

#include <string.h>

const char *const sl_mode_names[] = {"spectral_eig", "spectral_full", "direct_subset",
                                     "direct_full", NULL};

size_t sl_arch_eig_count(const sl_arch *a)
{
    size_t n = 0;
    for (int l = 0; l < a->n_layers; l++) {
        unsigned g = l == 0 ? a->eig_groups_first : a->eig_groups;
        if (g & SL_G_LAMBDA_IN) n += (size_t)a->dims[l];
        if (g & SL_G_LAMBDA_OUT) n += (size_t)a->dims[l + 1];
    }
    return n;
}

sl_status sl_arch_build(sl_net *net, sl_mode mode, const sl_arch *a, gsl_rng *init_rng, gsl_rng *mask_rng)
{
    sl_layer L[SL_MAX_LAYERS];
    if (a->n_layers < 1 || a->n_layers > SL_MAX_LAYERS)
        return sl_fail(SL_EINVAL, "%d layers (1..%d)", a->n_layers, SL_MAX_LAYERS);
    for (int l = 0; l < a->n_layers; l++) {
        memset(&L[l], 0, sizeof L[l]);
        L[l].n_in = a->dims[l];
        L[l].n_out = a->dims[l + 1];
        L[l].act = a->acts[l];
        unsigned eig = (l == 0 ? a->eig_groups_first : a->eig_groups) & (SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT);
        switch (mode) {
        case SL_MODE_SPECTRAL_EIG:
            L[l].kind = SL_LAYER_SPECTRAL;
            L[l].train = eig;
            break;
        case SL_MODE_SPECTRAL_FULL:
            L[l].kind = SL_LAYER_SPECTRAL;
            L[l].train = eig | SL_G_PHI;
            break;
        case SL_MODE_DIRECT_SUBSET:
        case SL_MODE_DIRECT_FULL:
            L[l].kind = SL_LAYER_DENSE;
            L[l].has_bias = 1;
            L[l].train = SL_G_W | SL_G_BIAS;
            break;
        }
    }
    SL_TRY(sl_net_alloc(net, a->n_layers, L));
    sl_net_init(net, &a->init, init_rng);
    if (a->first_lambda_in_reset) {
        const sl_layer *F = &net->layers[0];
        for (size_t i = 0; i < F->gsize[SL_GI_LAMBDA_IN]; i++) net->params[F->goff[SL_GI_LAMBDA_IN] + i] = 1.0f;
    }
    if (mode == SL_MODE_DIRECT_SUBSET) {
        sl_status st = sl_net_restrict_random(net, sl_arch_eig_count(a), mask_rng);
        if (st != SL_OK) { sl_net_free(net); return st; }
    }
    return SL_OK;
}

sl_status sl_arch_init_net(sl_net *net, sl_mode mode, const sl_arch *arch, uint64_t seed, uint64_t index)
{
    gsl_rng *ri = sl_rng_new(sl_seed_derive(seed, SL_STREAM_INIT, index));
    gsl_rng *rm = sl_rng_new(sl_seed_derive(seed, SL_STREAM_MASK, index));
    sl_status st = ri && rm ? sl_arch_build(net, mode, arch, ri, rm) : sl_fail(SL_ENOMEM, "random generators");
    gsl_rng_free(ri);
    gsl_rng_free(rm);
    return st;
}
