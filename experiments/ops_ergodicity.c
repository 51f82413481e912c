/* ops_ergodicity — the bridge from the ops essay to erg: spectral
 * ergodicity of real trained layers. For each width N of the msd Fig. 7
 * network 784 → N (linear) → 120 (ReLU) → 10 and each mode, M networks
 * are trained independently (different seeds); the singular values of one
 * layer of each, scaled by their root mean square (x = σ/√⟨σ²⟩, so widths
 * compare), give M densities; erg's Thirumalai–Mountain Ω (sl_ergodicity.h,
 * on real values) measures how far the members' densities stay from their
 * ensemble average, and D_se(N_k) = KL_sym(Ω^{N_k} ‖ Ω^{N_{k−1}}) (bits) how
 * fast that changes with width — erg Fig. 3's quantity. Beside them: the
 * same layers at initialisation (random matrices of the same shape), and
 * erg's surrogate, M CUE matrices of size N (eigenvalue phases, bin width
 * cue_delta).
 * Rows:
 *   omega   mode stage N sum_omega mean_test_acc        (stage init | trained; mode cue: stage -)
 *   dse     mode stage N_prev N dse_bits
 *   density mode stage N center rho                    (largest width only; a density)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "linalg/sl_spec.h"
#include "msd/sl_model_config.h"
#include "ops/sl_ops.h"
#include "rmt/sl_circular.h"
#include "rmt/sl_ergodicity.h"

#define MAX_W 12
#define MAX_M 64
#define KL_EPS 1e-9

/* x (k) ← σ (k) of layer l, scaled by √⟨σ²⟩ */
static sl_status scaled_sv(const sl_net *net, int l, double *w, double *x)
{
    const sl_layer *L = &net->layers[l];
    const int k = L->n_out < L->n_in ? L->n_out : L->n_in;
    SL_TRY(sl_ops_layer_matrix(net, l, w));
    SL_TRY(sl_svd_values(w, L->n_out, L->n_in, x));
    double ms = 0;
    for (int i = 0; i < k; i++) ms += x[i] * x[i];
    ms = sqrt(ms / k);
    for (int i = 0; i < k; i++) x[i] = ms > 0 ? x[i] / ms : 0;
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"widths", "layer widths N (the first layer is N x 784), increasing"},
    {"members", "independently trained networks per width (the ensemble size M)"},
    {"layer", "which layer's singular values enter the densities (1 = the first)"},
    {"density.bins", "histogram bins of the singular-value densities"},
    {"density.range", "histogram range [0, range) of the singular values"},
    {"cue_delta", "bin width (radians) of the CUE surrogate's eigenphase densities"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "ops_ergodicity");
    if (st != SL_OK) return sl_driver_end(&d, st);
    sl_arch arch;
    sl_train_opts opts;
    sl_mode modes[4];
    size_t n_modes = 0, n_w = 0;
    long widths[MAX_W], members = 8, layer = 1, bins = 40;
    double range = 4, cue_delta = 0.1;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_arch_common_from_config(d.cfg, &arch)) ||
        (st = sl_cfg_layers(d.cfg, "network.dims", &arch.n_layers, arch.dims, arch.acts)) ||
        (st = sl_config_int_list(d.cfg, "widths", 1, 4096, widths, MAX_W, &n_w)) ||
        (st = sl_config_int(d.cfg, "members", 2, MAX_M, &members)) ||
        (st = sl_config_int(d.cfg, "layer", 1, SL_MAX_LAYERS, &layer)) ||
        (st = sl_config_int(d.cfg, "density.bins", 2, 10000, &bins)) ||
        (st = sl_config_double(d.cfg, "density.range", 1e-6, 1e6, &range)) ||
        (st = sl_config_double(d.cfg, "cue_delta", 1e-4, 3, &cue_delta)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_modes_from_config(d.cfg, "modes", modes, 4, &n_modes)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)))
        goto done;
    if (n_w < 2 || layer > arch.n_layers || arch.n_layers < 2) {
        st = sl_fail(SL_ECONFIG, "%s: need at least 2 widths and layer <= %d", sl_config_path(d.cfg), arch.n_layers);
        goto done;
    }
    if ((st = sl_driver_config_done(&d)) || (st = sl_data_load(&data, &train, &test))) goto done;
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, runs 1000 w + j; CUE stream %d", (unsigned long long)d.seed, SL_STREAM_ENSEMBLE);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto done;
    sl_results_comment(r, "ops ergodicity: network 784 -> N -> %d -> %d (N = network.dims[1] per width), layer %ld, "
                          "M = %ld members per width; %d epochs, batch %d, %s lr %g, %zu training images",
                       arch.dims[2], arch.dims[3], layer, members, opts.epochs, opts.batch,
                       sl_optim_names[opts.optimiser], (double)opts.lr, train.n);
    sl_results_comment(r, "x = sigma / rms(sigma), %ld bins on [0, %g) (clamped); CUE: phases, bin width %g; KL eps %g",
                       bins, range, cue_delta, KL_EPS);
    sl_results_comment(r, "columns (omega): omega mode stage N sum_omega mean_test_acc   (cue: mean_test_acc -1)");
    sl_results_comment(r, "columns (dse): dse mode stage N_prev N dse_bits");
    sl_results_comment(r, "columns (density): density mode stage N center rho   (largest N; rho integrates to 1 over the range)");

    const size_t K = (size_t)bins;
    const size_t Kc = sl_arg_bins(cue_delta);
    const size_t Kmax = K > Kc ? K : Kc;
    long wmax = 0;
    for (size_t w = 0; w < n_w; w++) if (widths[w] > wmax) wmax = widths[w];
    const size_t wbuf = (size_t)(wmax > 784 ? wmax : 784) * (size_t)(wmax > 120 ? wmax : 120);
    double *wm = malloc(wbuf * sizeof *wm);
    double *x[2] = {malloc((size_t)members * (size_t)wmax * sizeof(double)), malloc((size_t)members * (size_t)wmax * sizeof(double))};
    double *om[2][MAX_W], *rho = malloc(Kmax * sizeof *rho);
    double complex *ev = malloc((size_t)members * (size_t)wmax * sizeof *ev);
    for (int s = 0; s < 2; s++) for (size_t w = 0; w < MAX_W; w++) om[s][w] = malloc(Kmax * sizeof(double));
    if (!wm || !x[0] || !x[1] || !rho || !ev || !om[1][MAX_W - 1]) { st = sl_fail(SL_ENOMEM, "buffers"); goto freeall; }
    static const char *const stage[2] = {"init", "trained"};
    for (size_t m = 0; st == SL_OK && m < n_modes; m++) {
        const char *mn = sl_mode_names[modes[m]];
        for (size_t w = 0; st == SL_OK && w < n_w; w++) {
            sl_arch a = arch;
            a.dims[1] = (int)widths[w];
            const sl_layer *Lq = NULL;
            int k = 0;
            double acc_sum = 0;
            for (long j = 0; st == SL_OK && j < members; j++) {
                sl_net net;
                gsl_rng *rs = NULL;
                if ((st = sl_ops_build(&net, &rs, modes[m], &a, d.seed, 1000 * (uint64_t)w + (uint64_t)j))) break;
                Lq = &net.layers[layer - 1];
                k = Lq->n_out < Lq->n_in ? Lq->n_out : Lq->n_in;
                st = scaled_sv(&net, (int)layer - 1, wm, x[0] + (size_t)j * k);
                if (st == SL_OK) st = sl_train(&net, &train, &opts, rs, NULL, NULL);
                double acc = 0;
                if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &acc, NULL);
                acc_sum += acc;
                if (st == SL_OK) st = scaled_sv(&net, (int)layer - 1, wm, x[1] + (size_t)j * k);
                gsl_rng_free(rs);
                sl_net_free(&net);
            }
            fprintf(stderr, "%s N = %ld: mean test accuracy %.2f%%\n", mn, widths[w], 100 * acc_sum / members);
            for (int s = 0; st == SL_OK && s < 2; s++) {
                st = sl_tm_omega_real(x[s], (int)members, k, k, 0, range, K, om[s][w], rho);
                double sum = 0;
                for (size_t b = 0; b < K; b++) sum += om[s][w][b];
                if (st == SL_OK) sl_results_row(r, "omega %s %s %ld %.6g %.4f", mn, stage[s], widths[w], sum, acc_sum / members);
                if (st == SL_OK && w > 0)
                    sl_results_row(r, "dse %s %s %ld %ld %.6g", mn, stage[s], widths[w - 1], widths[w],
                                   sl_kl_symmetric_bits(om[s][w], om[s][w - 1], K, KL_EPS));
                if (st == SL_OK && widths[w] == wmax)
                    for (size_t b = 0; b < K; b++)
                        sl_results_row(r, "density %s %s %ld %.5f %.6g", mn, stage[s], widths[w], (b + 0.5) * range / K,
                                       rho[b] / k / (range / K));
            }
        }
    }
    /* erg's surrogate: M CUE matrices of each size */
    {
        sl_circular_ws cws;
        gsl_rng *g = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_ENSEMBLE, 0));
        if (st == SL_OK) st = g ? sl_circular_ws_alloc(&cws, (int)wmax) : sl_fail(SL_ENOMEM, "rng");
        for (size_t w = 0; st == SL_OK && w < n_w; w++) {
            const int N = (int)widths[w];
            for (long j = 0; st == SL_OK && j < members; j++)
                st = sl_circular_eigvals(&cws, SL_CUE, &sl_cons_haar, N, g, ev + (size_t)j * N);
            if (st == SL_OK) st = sl_tm_omega(ev, (int)members, N, N, cue_delta, SL_OMEGA_CORRECT, om[0][w], rho);
            double sum = 0;
            for (size_t b = 0; b < Kc; b++) sum += om[0][w][b];
            if (st == SL_OK) sl_results_row(r, "omega cue - %d %.6g -1", N, sum);
            if (st == SL_OK && w > 0)
                sl_results_row(r, "dse cue - %ld %d %.6g", widths[w - 1], N, sl_kl_symmetric_bits(om[0][w], om[0][w - 1], Kc, KL_EPS));
        }
        if (g) sl_circular_ws_free(&cws);
        gsl_rng_free(g);
    }
    if (st == SL_OK) { st = sl_results_commit(r); r = NULL; }
freeall:
    free(wm); free(x[0]); free(x[1]); free(rho); free(ev);
    for (int s = 0; s < 2; s++) for (size_t w = 0; w < MAX_W; w++) free(om[s][w]);
done:
    sl_results_discard(r);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
