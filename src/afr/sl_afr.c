#include "sl_afr.h"
#include "../core/sl_results.h"
#include "../core/sl_rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_afr_gauss_indep(sl_dataset *ds, size_t n, int d, const double *gap, double sigma, gsl_rng *r)
{
    if (n < 2 || d < 1 || !(sigma > 0)) return sl_fail(SL_EINVAL, "independent Gaussians: n %zu, d %d, sigma %g", n, d, sigma);
    float *x = malloc(n * (size_t)d * sizeof *x);
    int *y = malloc(n * sizeof *y);
    if (!x || !y) { free(x); free(y); return sl_fail(SL_ENOMEM, "independent Gaussians (%zu x %d)", n, d); }
    for (size_t k = 0; k < n; k++) {
        y[k] = (int)(k % 2);
        const double s = y[k] ? 0.5 : -0.5;
        for (int i = 0; i < d; i++) x[k * (size_t)d + i] = (float)(s * gap[i] + sl_rng_gaussian(r, sigma));
    }
    sl_status st = sl_dataset_from_floats(ds, x, y, n, d, 2);
    free(x); free(y);
    return st;
}

sl_status sl_afr_gauss_corr(sl_dataset *ds, size_t n, int n_pairs, const double *p, int n_noise, gsl_rng *r)
{
    const int d = 2 * n_pairs + n_noise;
    if (n < 2 || n_pairs < 0 || n_noise < 0 || d < 1)
        return sl_fail(SL_EINVAL, "correlated Gaussians: n %zu, %d pairs, %d noise features", n, n_pairs, n_noise);
    for (int k = 0; k < n_pairs; k++)
        if (!(p[k] >= 0 && p[k] <= 1)) return sl_fail(SL_EINVAL, "correlated Gaussians: p[%d] = %g", k, p[k]);
    float *x = malloc(n * (size_t)d * sizeof *x);
    int *y = malloc(n * sizeof *y);
    if (!x || !y) { free(x); free(y); return sl_fail(SL_ENOMEM, "correlated Gaussians (%zu x %d)", n, d); }
    for (size_t e = 0; e < n; e++) {
        float *xe = x + e * (size_t)d;
        y[e] = (int)(e % 2);
        for (int k = 0; k < n_pairs; k++) {
            const double a = sl_rng_gaussian(r, 1.0);
            const double u = gsl_rng_uniform(r); /* drawn for both classes: streams stay aligned */
            xe[2 * k] = (float)a;
            xe[2 * k + 1] = (float)(y[e] == 1 && u < p[k] ? -a : a);
        }
        for (int i = 2 * n_pairs; i < d; i++) xe[i] = (float)sl_rng_gaussian(r, 1.0);
    }
    sl_status st = sl_dataset_from_floats(ds, x, y, n, d, 2);
    free(x); free(y);
    return st;
}

sl_status sl_afr_build(sl_net *net, const sl_afr_arch *a, gsl_rng *rng)
{
    if (a->n_layers < 1 || a->n_layers > SL_MAX_LAYERS)
        return sl_fail(SL_EINVAL, "%d layers (1..%d)", a->n_layers, SL_MAX_LAYERS);
    sl_layer L[SL_MAX_LAYERS];
    for (int l = 0; l < a->n_layers; l++) {
        memset(&L[l], 0, sizeof L[l]);
        L[l].kind = SL_LAYER_SPECTRAL;
        L[l].n_in = a->dims[l];
        L[l].n_out = a->dims[l + 1];
        L[l].act = a->acts[l];
        L[l].train = SL_G_LAMBDA_IN | SL_G_PHI; /* λ_out stays 0 */
        L[l].sparse_in = 0; /* dense BLAS: on MNIST 0/1 (batch 32) faster than the sparse-input
                               path, whose transposed weights and strided chain rule cost more
                               than the ~80 % zeros save (measured with bench/afr.sh) */
    }
    SL_TRY(sl_net_alloc(net, a->n_layers, L));
    sl_init init = {{a->phi[0], a->phi[1]}, {a->lambda[0], a->lambda[1]}, {0.0f, 0.0f}, 0, 0};
    sl_net_init(net, &init, rng);
    return SL_OK;
}

sl_status sl_afr_scores(const sl_net *net, double *score)
{
    const sl_layer *L = &net->layers[0];
    if (L->kind != SL_LAYER_SPECTRAL) return sl_fail(SL_EINVAL, "relevance scores need a spectral first layer");
    const float *phi = net->params + L->goff[SL_GI_PHI];       /* (n_out, n_in) */
    const float *lambda = net->params + L->goff[SL_GI_LAMBDA_IN]; /* (n_in) */
    for (int i = 0; i < L->n_in; i++) {
        double s2 = 0;
        for (int j = 0; j < L->n_out; j++) {
            const double f = phi[(size_t)j * L->n_in + i];
            s2 += f * f;
        }
        score[i] = lambda[i] * sqrt(s2);
    }
    return SL_OK;
}

sl_status sl_afr_read_scores(const char *path, const char *tag, double *score, int d)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open scores file %s; run the driver that writes it (make afr-fig3) first", path);
    fclose(f);
    SL_TRY(sl_results_verify(path));
    f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open %s", path);
    char *seen = calloc((size_t)d, 1), line[512];
    if (!seen) { fclose(f); return sl_fail(SL_ENOMEM, "scores"); }
    const size_t tl = strlen(tag);
    int count = 0;
    sl_status st = SL_OK;
    while (st == SL_OK && fgets(line, sizeof line, f)) {
        if (strncmp(line, tag, tl) != 0 || line[tl] != ' ') continue;
        int i;
        double v;
        if (sscanf(line + tl, "%d %lf", &i, &v) != 2 || i < 0 || i >= d || seen[i] || !isfinite(v))
            st = sl_fail(SL_EFORMAT, "%s: malformed or repeated '%s' row: %.60s", path, tag, line);
        else {
            seen[i] = 1;
            score[i] = v;
            count++;
        }
    }
    fclose(f);
    free(seen);
    if (st == SL_OK && count != d)
        st = sl_fail(SL_EFORMAT, "%s: %d '%s' rows, expected %d (run the driver that writes it first)", path, count, tag, d);
    return st;
}
