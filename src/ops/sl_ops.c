#include "sl_ops.h"
#include "../linalg/sl_dmat.h"
#include "../linalg/sl_spec.h"
#include "../core/sl_rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_ops_build(sl_net *net, gsl_rng **shuffle, sl_mode mode, const sl_arch *arch, uint64_t seed,
                       uint64_t index)
{
    *shuffle = sl_rng_new(sl_seed_derive(seed, SL_STREAM_SHUFFLE, index));
    sl_status st = *shuffle ? sl_arch_init_net(net, mode, arch, seed, index) : sl_fail(SL_ENOMEM, "random generator");
    if (st != SL_OK) { gsl_rng_free(*shuffle); *shuffle = NULL; }
    return st;
}

sl_status sl_ops_setup_read(const sl_config *cfg, sl_ops_setup *s)
{
    memset(s, 0, sizeof *s);
    SL_TRY(sl_arch_from_config(cfg, &s->arch));
    SL_TRY(sl_train_opts_from_config(cfg, &s->opts));
    SL_TRY(sl_modes_from_config(cfg, "modes", s->modes, 4, &s->n_modes));
    return sl_data_spec_from_config(cfg, &s->data);
}

sl_status sl_ops_setup_load(sl_ops_setup *s)
{
    if (s->loaded) return SL_OK;
    SL_TRY(sl_data_load(&s->data, &s->train, &s->test));
    s->loaded = 1;
    return SL_OK;
}

void sl_ops_setup_free(sl_ops_setup *s)
{
    sl_dataset_free(&s->train);
    sl_dataset_free(&s->test);
    s->loaded = 0;
}

size_t sl_ops_matrix_size(const sl_arch *arch)
{
    size_t big = 0;
    for (int l = 0; l < arch->n_layers; l++) {
        const size_t a = (size_t)arch->dims[l + 1] * (size_t)arch->dims[l], b = (size_t)arch->dims[l + 1] * (size_t)arch->dims[0];
        if (a > big) big = a;
        if (b > big) big = b;
    }
    return big;
}

sl_status sl_ops_layer_matrix(const sl_net *net, int l, double *w)
{
    if (l < 0 || l >= net->n_layers) return sl_fail(SL_EINVAL, "layer %d of %d", l, net->n_layers);
    const sl_layer *L = &net->layers[l];
    const size_t n = (size_t)L->n_out * (size_t)L->n_in;
    float *f = malloc(n * sizeof *f);
    if (!f) return sl_fail(SL_ENOMEM, "layer %d weights", l);
    sl_status st = sl_net_layer_weights(net, l, f, NULL);
    for (size_t i = 0; st == SL_OK && i < n; i++) w[i] = f[i];
    free(f);
    return st;
}

sl_status sl_ops_product(const sl_net *net, int lo, int hi, double *c)
{
    if (lo < 0 || hi < lo || hi >= net->n_layers) return sl_fail(SL_EINVAL, "layers %d..%d of %d", lo, hi, net->n_layers);
    size_t cap = 0;
    for (int l = lo; l <= hi; l++) {
        size_t a = (size_t)net->layers[l].n_out * (size_t)net->layers[l].n_in;
        size_t b = (size_t)net->layers[l].n_out * (size_t)net->layers[lo].n_in;
        if (a > cap) cap = a;
        if (b > cap) cap = b;
    }
    double *w = malloc(cap * sizeof *w), *acc = malloc(cap * sizeof *acc), *tmp = malloc(cap * sizeof *tmp);
    sl_status st = w && acc && tmp ? SL_OK : sl_fail(SL_ENOMEM, "product of layers %d..%d", lo, hi);
    const int n0 = net->layers[lo].n_in;
    if (st == SL_OK) st = sl_ops_layer_matrix(net, lo, acc);
    for (int l = lo + 1; st == SL_OK && l <= hi; l++) {
        const sl_layer *L = &net->layers[l];
        st = sl_ops_layer_matrix(net, l, w);
        if (st != SL_OK) break;
        sl_dmat_mul(tmp, w, acc, L->n_out, L->n_in, n0);
        double *t = acc; acc = tmp; tmp = t;
    }
    if (st == SL_OK) memcpy(c, acc, (size_t)net->layers[hi].n_out * (size_t)n0 * sizeof *c);
    free(w); free(acc); free(tmp);
    return st;
}

sl_status sl_ops_rescale(sl_net *net, double s, double *scale)
{
    if (!(s > 0)) return sl_fail(SL_EINVAL, "rescale to bound %g", s);
    for (int l = 0; l < net->n_layers; l++)
        if (net->layers[l].act != SL_ACT_IDENTITY && net->layers[l].act != SL_ACT_RELU)
            return sl_fail(SL_EINVAL, "layer %d: rescaling needs positively homogeneous activations (identity, relu)", l + 1);
    double C = 1;
    sl_status st = SL_OK;
    for (int l = 0; st == SL_OK && l < net->n_layers; l++) {
        sl_layer *L = &net->layers[l];
        const int k = L->n_out < L->n_in ? L->n_out : L->n_in;
        double *w = malloc((size_t)L->n_out * (size_t)L->n_in * sizeof *w), *sv = malloc((size_t)k * sizeof *sv);
        st = w && sv ? sl_ops_layer_matrix(net, l, w) : sl_fail(SL_ENOMEM, "rescale buffers");
        if (st == SL_OK) st = sl_svd_values(w, L->n_out, L->n_in, sv);
        if (st == SL_OK) {
            const double c = sv[0] > s ? s / sv[0] : 1;
            C *= c;
            float *p = net->params;
            for (int g = 0; g < SL_N_GROUPS; g++) {
                const double f = g == SL_GI_BIAS ? C : (g == SL_GI_PHI ? 1 : c);
                for (size_t i = 0; i < L->gsize[g]; i++) p[L->goff[g] + i] = (float)(p[L->goff[g] + i] * f);
            }
        }
        free(w); free(sv);
    }
    if (scale) *scale = C;
    return st;
}

sl_status sl_clip_alloc(sl_clip *c, const sl_net *net, double s)
{
    memset(c, 0, sizeof *c);
    if (!(s > 0) || !isfinite(s)) return sl_fail(SL_EINVAL, "spectral-norm bound %g (must be > 0)", s);
    c->s = s;
    c->tol = 1e-6;
    c->maxit = 200;
    c->n_layers = net->n_layers;
    int wide = 1;
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        if (L->kind != SL_LAYER_DENSE && L->kind != SL_LAYER_SPECTRAL) {
            sl_clip_free(c);
            return sl_fail(SL_EINVAL, "layer %d (%s): no spectral-norm bound for this kind", l, sl_ops(L)->name);
        }
        if (L->n_out > wide) wide = L->n_out;
        c->v[l] = calloc((size_t)L->n_in, sizeof *c->v[l]);
        if (!c->v[l]) { sl_clip_free(c); return sl_fail(SL_ENOMEM, "clip vectors"); }
    }
    c->u = malloc((size_t)wide * sizeof *c->u);
    if (!c->u) { sl_clip_free(c); return sl_fail(SL_ENOMEM, "clip scratch"); }
    return SL_OK;
}

void sl_clip_free(sl_clip *c)
{
    if (!c) return;
    for (int l = 0; l < SL_MAX_LAYERS; l++) { free(c->v[l]); c->v[l] = NULL; }
    free(c->u);
    c->u = NULL;
}

static sl_status clip_dense(sl_clip *c, sl_net *net, int l)
{
    const sl_layer *L = &net->layers[l];
    float *w = net->params + L->goff[SL_GI_W];                          /* (n_out, n_in) */
    double sigma;
    SL_TRY(sl_power_norm(w, L->n_out, L->n_in, c->v[l], c->u, c->tol, c->maxit, &sigma, NULL));
    c->bound[l] = sigma;
    if (sigma > c->s) {
        const float f = (float)(c->s / sigma);
        for (size_t i = 0; i < (size_t)L->n_out * (size_t)L->n_in; i++) w[i] *= f;
        c->bound[l] = c->s;
        c->clipped[l]++;
    }
    return SL_OK;
}

static sl_status clip_spectral(sl_clip *c, sl_net *net, int l)
{
    const sl_layer *L = &net->layers[l];
    const int n = L->n_in, m = L->n_out;
    const float *phi = net->params + L->goff[SL_GI_PHI];               /* (m, n) */
    float *lin = net->params + L->goff[SL_GI_LAMBDA_IN];               /* (n) */
    float *lout = net->params + L->goff[SL_GI_LAMBDA_OUT];             /* (m) */
    if ((L->train & SL_G_PHI) || c->phi_norm[l] == 0)
        SL_TRY(sl_power_norm(phi, m, n, c->v[l], c->u, c->tol, c->maxit, &c->phi_norm[l], NULL));
    const double p = c->phi_norm[l];
    if (p == 0) { c->bound[l] = 0; return SL_OK; }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; i++) { lo = fmin(lo, lin[i]); hi = fmax(hi, lin[i]); }
    const double mid = 0.5 * (lo + hi);
    double r_in = 0.5 * (hi - lo), r_out = 0;
    for (int j = 0; j < m; j++) r_out = fmax(r_out, fabs(lout[j] - mid));
    if (p * (r_in + r_out) > c->s) {
        const double t = c->s / p - r_in;
        if (t >= 0) {
            for (int j = 0; j < m; j++) {
                double x = lout[j];
                if (x > mid + t) lout[j] = (float)(mid + t);
                else if (x < mid - t) lout[j] = (float)(mid - t);
            }
        } else {
            const double f = (c->s / p) / r_in;
            for (int i = 0; i < n; i++) lin[i] = (float)(mid + (lin[i] - mid) * f);
            for (int j = 0; j < m; j++) lout[j] = (float)mid;
        }
        c->clipped[l]++;
        /* the bound as it now stands, from the rounded float eigenvalues */
        lo = INFINITY; hi = -INFINITY;
        for (int i = 0; i < n; i++) { lo = fmin(lo, lin[i]); hi = fmax(hi, lin[i]); }
        r_in = fmax(hi - mid, mid - lo);
        r_out = 0;
        for (int j = 0; j < m; j++) r_out = fmax(r_out, fabs(lout[j] - mid));
    }
    c->bound[l] = p * (r_in + r_out);
    return SL_OK;
}

sl_status sl_clip_apply(sl_clip *c, sl_net *net)
{
    if (net->n_layers != c->n_layers) return sl_fail(SL_EINVAL, "clip for %d layers, network has %d", c->n_layers, net->n_layers);
    c->calls++;
    for (int l = 0; l < net->n_layers; l++)
        SL_TRY(net->layers[l].kind == SL_LAYER_DENSE ? clip_dense(c, net, l) : clip_spectral(c, net, l));
    return SL_OK;
}

sl_status sl_clip_hook(sl_net *net, void *ctx)
{
    return sl_clip_apply((sl_clip *)ctx, net);
}
