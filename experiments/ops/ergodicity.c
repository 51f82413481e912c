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
 *
 * A sweep (sl_task.h: --task I/N, --merge, --plan): a point is one member's
 * training, (mode, width, member), p = (mode · widths + w) · members + j,
 * and one more, the CUE surrogate (p = modes · widths · members). A
 * training's record holds its test accuracy and its layer's scaled singular
 * values before and after training (%.17g); the surrogate's, its rows as
 * written. Ω, D_se and the densities are computed from the records, in a
 * whole run as in a merge. Member j of width w draws from the streams of
 * (seed, 1000 w + j) only; the surrogate from (seed, ENSEMBLE, 0). Cost
 * estimate: a training, multiply-adds of the weights, 3 per training example
 * and epoch (MNIST's 60000 images, or data.train_limit); the surrogate,
 * 20 N³ per CUE matrix. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "core/sl_task.h"
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
    d.task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_arch arch = {0};
    sl_train_opts opts;
    sl_mode modes[4];
    size_t n_modes = 0, n_w = 0;
    long widths[MAX_W], members = 8, layer = 1, bins = 40;
    double range = 4, cue_delta = 0.1;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    sl_task t = {0};
    double *cost = NULL;
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
    if ((st = sl_driver_config_done(&d))) goto done;
    /* the points: the trainings (mode m, width w, member j), then the CUE surrogate */
    const size_t n_train_pts = n_modes * n_w * (size_t)members, P = n_train_pts + 1;
    if (!(cost = malloc(P * sizeof *cost))) { st = sl_fail(SL_ENOMEM, "costs"); goto done; }
    {
        const double n_img = data.train_limit > 0 && data.train_limit < 60000 ? (double)data.train_limit : 60000;
        double cue = 0;
        for (size_t p = 0; p < n_train_pts; p++) {
            sl_arch a = arch;
            a.dims[1] = (int)widths[p / (size_t)members % n_w];
            double wts = 0;
            for (int l = 0; l < a.n_layers; l++) wts += (double)a.dims[l] * a.dims[l + 1];
            cost[p] = wts * 3 * n_img * opts.epochs;
        }
        for (size_t w = 0; w < n_w; w++) cue += 20.0 * (double)members * pow((double)widths[w], 3);
        cost[n_train_pts] = cue;
    }
    if ((st = sl_task_init(&t, &d, P, cost))) goto done;
    int any = 0;
    for (size_t p = 0; p < n_train_pts; p++) any |= sl_task_mine(&t, p);
    if (any && (st = sl_data_load(&data, &train, &test))) goto done;
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, runs 1000 w + j; CUE stream %d", (unsigned long long)d.seed, SL_STREAM_ENSEMBLE);

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
    /* the trainings: each member's scaled singular values before and after, and its accuracy */
    for (size_t p = 0; st == SL_OK && p < n_train_pts; p++) {
        if (!sl_task_mine(&t, p)) continue;
        const size_t m = p / ((size_t)members * n_w), w = p / (size_t)members % n_w;
        const long j = (long)(p % (size_t)members);
        sl_arch a = arch;
        a.dims[1] = (int)widths[w];
        sl_net net;
        gsl_rng *rs = NULL;
        if ((st = sl_ops_build(&net, &rs, modes[m], &a, d.seed, 1000 * (uint64_t)w + (uint64_t)j))) break;
        const sl_layer *Lq = &net.layers[layer - 1];
        const int k = Lq->n_out < Lq->n_in ? Lq->n_out : Lq->n_in;
        st = scaled_sv(&net, (int)layer - 1, wm, x[0]);
        if (st == SL_OK) st = sl_train(&net, &train, &opts, rs, NULL, NULL);
        double acc = 0;
        if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &acc, NULL);
        if (st == SL_OK) st = scaled_sv(&net, (int)layer - 1, wm, x[1]);
        gsl_rng_free(rs);
        sl_net_free(&net);
        FILE *f = st == SL_OK ? sl_task_record_open(&t, p) : NULL;
        if (st == SL_OK && !f) st = sl_fail(SL_ENOMEM, "record");
        if (st == SL_OK) {
            const double tn = (double)train.n;
            sl_task_put_doubles(f, "acc", &acc, 1);
            sl_task_put_doubles(f, "train_n", &tn, 1);   /* for the header: a merge loads no data */
            for (int s = 0; s < 2; s++) sl_task_put_doubles(f, stage[s], x[s], (size_t)k);
            st = sl_task_record_close(&t);
        }
        if (st == SL_OK)
            fprintf(stderr, "%s N = %ld member %ld: test accuracy %.2f%%\n", sl_mode_names[modes[m]], widths[w], j, 100 * acc);
    }
    /* erg's surrogate: M CUE matrices of each size; its rows need no other point */
    if (st == SL_OK && sl_task_mine(&t, n_train_pts)) {
        sl_circular_ws cws;
        gsl_rng *g = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_ENSEMBLE, 0));
        FILE *f = sl_task_record_open(&t, n_train_pts);
        st = f ? SL_OK : sl_fail(SL_ENOMEM, "record");
        if (st == SL_OK) st = g ? sl_circular_ws_alloc(&cws, (int)wmax) : sl_fail(SL_ENOMEM, "rng");
        for (size_t w = 0; st == SL_OK && w < n_w; w++) {
            const int N = (int)widths[w];
            for (long j = 0; st == SL_OK && j < members; j++)
                st = sl_circular_eigvals(&cws, SL_CUE, &sl_cons_haar, N, g, ev + (size_t)j * N);
            if (st == SL_OK) st = sl_tm_omega(ev, (int)members, N, N, cue_delta, SL_OMEGA_CORRECT, om[0][w], rho);
            double sum = 0;
            for (size_t b = 0; b < Kc; b++) sum += om[0][w][b];
            if (st == SL_OK) sl_task_rec_row(f, "omega cue - %d %.6g -1", N, sum);
            if (st == SL_OK && w > 0)
                sl_task_rec_row(f, "dse cue - %ld %d %.6g", widths[w - 1], N, sl_kl_symmetric_bits(om[0][w], om[0][w - 1], Kc, KL_EPS));
        }
        if (g && f) sl_circular_ws_free(&cws);
        gsl_rng_free(g);
        if (f) {
            const sl_status cs = sl_task_record_close(&t);
            if (st == SL_OK) st = cs;
        }
    }
    int finalise = 0;
    if (st == SL_OK) st = sl_task_collect(&t, seeds, &finalise);
    if (st != SL_OK || !finalise) goto freeall;

    /* finalise: Ω, D_se and the densities from the records alone, in a whole run as in a merge */
    double train_n = 0;
    if ((st = sl_task_get_doubles(&t, 0, "train_n", &train_n, 1))) goto freeall;
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto freeall;
    sl_results_comment(r, "ops ergodicity: network 784 -> N -> %d -> %d (N = network.dims[1] per width), layer %ld, "
                          "M = %ld members per width; %d epochs, batch %d, %s lr %g, %zu training images",
                       arch.dims[2], arch.dims[3], layer, members, opts.epochs, opts.batch,
                       sl_optim_names[opts.optimiser], (double)opts.lr, (size_t)train_n);
    sl_results_comment(r, "x = sigma / rms(sigma), %ld bins on [0, %g) (clamped); CUE: phases, bin width %g; KL eps %g",
                       bins, range, cue_delta, KL_EPS);
    sl_results_comment(r, "columns (omega): omega mode stage N sum_omega mean_test_acc   (cue: mean_test_acc -1)");
    sl_results_comment(r, "columns (dse): dse mode stage N_prev N dse_bits");
    sl_results_comment(r, "columns (density): density mode stage N center rho   (largest N; rho integrates to 1 over the range)");

    {
        char prov[256];
        sl_task_provenance(&t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
    }
    for (size_t m = 0; st == SL_OK && m < n_modes; m++) {
        const char *mn = sl_mode_names[modes[m]];
        for (size_t w = 0; st == SL_OK && w < n_w; w++) {
            /* layer `layer` of this width is dims[layer] x dims[layer − 1] */
            int dl[SL_MAX_LAYERS + 1];
            memcpy(dl, arch.dims, sizeof dl);
            dl[1] = (int)widths[w];
            const int k = dl[layer] < dl[layer - 1] ? dl[layer] : dl[layer - 1];
            double acc_sum = 0;
            for (long j = 0; st == SL_OK && j < members; j++) {
                const size_t p = (m * n_w + w) * (size_t)members + (size_t)j;
                double acc;
                st = sl_task_get_doubles(&t, p, "acc", &acc, 1);
                for (int s = 0; st == SL_OK && s < 2; s++) st = sl_task_get_doubles(&t, p, stage[s], x[s] + (size_t)j * k, (size_t)k);
                acc_sum += acc;
            }
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
    if (st == SL_OK) st = sl_task_replay(&t, n_train_pts, r);
    if (st == SL_OK) { st = sl_results_commit(r); r = NULL; }
freeall:
    free(wm); free(x[0]); free(x[1]); free(rho); free(ev);
    for (int s = 0; s < 2; s++) for (size_t w = 0; w < MAX_W; w++) free(om[s][w]);
done:
    sl_results_discard(r);
    sl_task_free(&t);
    free(cost);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
