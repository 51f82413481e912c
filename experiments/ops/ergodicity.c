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
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one member's
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
#include "core/sl_rng.h"
#include "core/sl_sweep_run.h"
#include "linalg/sl_spec.h"
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

static const char *const stage[2] = {"init", "trained"};

typedef struct {
    const sl_driver *d;
    sl_ops_setup o;
    size_t n_w, n_train_pts, K, Kc;
    long widths[MAX_W], wmax, members, layer, bins;
    double range, cue_delta;
} ergo;

/* A training point, (mode m, width w, member j): its accuracy and the
 * layer's scaled singular values before and after training. */
static sl_status train_point(ergo *q, size_t p, FILE *f)
{
    const size_t m = p / ((size_t)q->members * q->n_w), w = p / (size_t)q->members % q->n_w;
    const long j = (long)(p % (size_t)q->members);
    SL_TRY(sl_ops_setup_load(&q->o));
    sl_arch a = q->o.arch;
    a.dims[1] = (int)q->widths[w];
    sl_net net;
    gsl_rng *rs = NULL;
    SL_TRY(sl_ops_build(&net, &rs, q->o.modes[m], &a, q->d->seed, 1000 * (uint64_t)w + (uint64_t)j));
    const sl_layer *Lq = &net.layers[q->layer - 1];
    const int k = Lq->n_out < Lq->n_in ? Lq->n_out : Lq->n_in;
    double *wm = malloc((size_t)Lq->n_out * (size_t)Lq->n_in * sizeof *wm), *x[2] = {malloc((size_t)k * sizeof(double)),
                                                                                    malloc((size_t)k * sizeof(double))};
    sl_status st = wm && x[0] && x[1] ? scaled_sv(&net, (int)q->layer - 1, wm, x[0]) : sl_fail(SL_ENOMEM, "buffers");
    if (st == SL_OK) st = sl_train(&net, &q->o.train, &q->o.opts, rs, NULL, NULL);
    double acc = 0;
    if (st == SL_OK) st = sl_evaluate(&net, &q->o.test, 1000, &acc, NULL);
    if (st == SL_OK) st = scaled_sv(&net, (int)q->layer - 1, wm, x[1]);
    if (st == SL_OK) {
        const double tn = (double)q->o.train.n;
        sl_task_put_doubles(f, "acc", &acc, 1);
        sl_task_put_doubles(f, "train_n", &tn, 1);   /* for the header: a merge loads no data */
        for (int s = 0; s < 2; s++) sl_task_put_doubles(f, stage[s], x[s], (size_t)k);
        fprintf(stderr, "%s N = %ld member %ld: test accuracy %.2f%%\n", sl_mode_names[q->o.modes[m]], q->widths[w], j, 100 * acc);
    }
    gsl_rng_free(rs);
    sl_net_free(&net);
    free(wm); free(x[0]); free(x[1]);
    return st;
}

/* erg's surrogate: M CUE matrices of each size; its rows need no other point */
static sl_status cue_point(ergo *q, FILE *f)
{
    sl_circular_ws cws;
    gsl_rng *g = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_ENSEMBLE, 0));
    double complex *ev = malloc((size_t)q->members * (size_t)q->wmax * sizeof *ev);
    double *om[MAX_W] = {0}, *rho = malloc(q->Kc * sizeof *rho);
    sl_status st = g && ev && rho ? SL_OK : sl_fail(SL_ENOMEM, "buffers");
    for (size_t w = 0; st == SL_OK && w < q->n_w; w++)
        if (!(om[w] = malloc(q->Kc * sizeof(double)))) st = sl_fail(SL_ENOMEM, "buffers");
    const int ws = st == SL_OK && sl_circular_ws_alloc(&cws, (int)q->wmax) == SL_OK;
    if (st == SL_OK && !ws) st = sl_fail(SL_ENOMEM, "workspace");
    for (size_t w = 0; st == SL_OK && w < q->n_w; w++) {
        const int N = (int)q->widths[w];
        for (long j = 0; st == SL_OK && j < q->members; j++)
            st = sl_circular_eigvals(&cws, SL_CUE, &sl_cons_haar, N, g, ev + (size_t)j * N);
        if (st == SL_OK) st = sl_tm_omega(ev, (int)q->members, N, N, q->cue_delta, SL_OMEGA_CORRECT, om[w], rho);
        double sum = 0;
        for (size_t b = 0; st == SL_OK && b < q->Kc; b++) sum += om[w][b];
        if (st == SL_OK) sl_task_rec_row(f, "omega cue - %d %.6g -1", N, sum);
        if (st == SL_OK && w > 0)
            sl_task_rec_row(f, "dse cue - %ld %d %.6g", q->widths[w - 1], N, sl_kl_symmetric_bits(om[w], om[w - 1], q->Kc, KL_EPS));
    }
    if (ws) sl_circular_ws_free(&cws);
    gsl_rng_free(g);
    free(ev); free(rho);
    for (size_t w = 0; w < MAX_W; w++) free(om[w]);
    return st;
}

static sl_status point(void *ctx, size_t p, FILE *f)
{
    ergo *q = ctx;
    return p < q->n_train_pts ? train_point(q, p, f) : cue_point(q, f);
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const ergo *q = ctx;
    double train_n = 0;
    SL_TRY(sl_task_get_doubles(t, 0, "train_n", &train_n, 1));
    sl_results_comment(r, "ops ergodicity: network 784 -> N -> %d -> %d (N = network.dims[1] per width), layer %ld, "
                          "M = %ld members per width; %d epochs, batch %d, %s lr %g, %zu training images",
                       q->o.arch.dims[2], q->o.arch.dims[3], q->layer, q->members, q->o.opts.epochs, q->o.opts.batch,
                       sl_optim_names[q->o.opts.optimiser], (double)q->o.opts.lr, (size_t)train_n);
    sl_results_comment(r, "x = sigma / rms(sigma), %ld bins on [0, %g) (clamped); CUE: phases, bin width %g; KL eps %g",
                       q->bins, q->range, q->cue_delta, KL_EPS);
    sl_results_comment(r, "columns (omega): omega mode stage N sum_omega mean_test_acc   (cue: mean_test_acc -1)");
    sl_results_comment(r, "columns (dse): dse mode stage N_prev N dse_bits");
    sl_results_comment(r, "columns (density): density mode stage N center rho   (largest N; rho integrates to 1 over the range)");
    return SL_OK;
}

/* Ω, D_se and the densities of the trainings from their records; then the surrogate's rows */
static sl_status rows(void *ctx, const sl_task *t, sl_results *r)
{
    const ergo *q = ctx;
    const size_t K = q->K;
    double *x[2] = {malloc((size_t)q->members * (size_t)q->wmax * sizeof(double)),
                    malloc((size_t)q->members * (size_t)q->wmax * sizeof(double))};
    double *om[2][MAX_W] = {{0}}, *rho = malloc(K * sizeof *rho);
    sl_status st = x[0] && x[1] && rho ? SL_OK : sl_fail(SL_ENOMEM, "buffers");
    for (int s = 0; s < 2; s++)
        for (size_t w = 0; st == SL_OK && w < q->n_w; w++)
            if (!(om[s][w] = malloc(K * sizeof(double)))) st = sl_fail(SL_ENOMEM, "buffers");
    for (size_t m = 0; st == SL_OK && m < q->o.n_modes; m++) {
        const char *mn = sl_mode_names[q->o.modes[m]];
        for (size_t w = 0; st == SL_OK && w < q->n_w; w++) {
            /* layer `layer` of this width is dims[layer] x dims[layer − 1] */
            int dl[SL_MAX_LAYERS + 1];
            memcpy(dl, q->o.arch.dims, sizeof dl);
            dl[1] = (int)q->widths[w];
            const int k = dl[q->layer] < dl[q->layer - 1] ? dl[q->layer] : dl[q->layer - 1];
            double acc_sum = 0;
            for (long j = 0; st == SL_OK && j < q->members; j++) {
                const size_t p = (m * q->n_w + w) * (size_t)q->members + (size_t)j;
                double acc;
                st = sl_task_get_doubles(t, p, "acc", &acc, 1);
                for (int s = 0; st == SL_OK && s < 2; s++) st = sl_task_get_doubles(t, p, stage[s], x[s] + (size_t)j * k, (size_t)k);
                acc_sum += acc;
            }
            for (int s = 0; st == SL_OK && s < 2; s++) {
                st = sl_tm_omega_real(x[s], (int)q->members, k, k, 0, q->range, K, om[s][w], rho);
                double sum = 0;
                for (size_t b = 0; b < K; b++) sum += om[s][w][b];
                if (st == SL_OK) sl_results_row(r, "omega %s %s %ld %.6g %.4f", mn, stage[s], q->widths[w], sum, acc_sum / q->members);
                if (st == SL_OK && w > 0)
                    sl_results_row(r, "dse %s %s %ld %ld %.6g", mn, stage[s], q->widths[w - 1], q->widths[w],
                                   sl_kl_symmetric_bits(om[s][w], om[s][w - 1], K, KL_EPS));
                if (st == SL_OK && q->widths[w] == q->wmax)
                    for (size_t b = 0; b < K; b++)
                        sl_results_row(r, "density %s %s %ld %.5f %.6g", mn, stage[s], q->widths[w], (b + 0.5) * q->range / K,
                                       rho[b] / k / (q->range / K));
            }
        }
    }
    if (st == SL_OK) st = sl_task_replay(t, q->n_train_pts, r);
    free(x[0]); free(x[1]); free(rho);
    for (int s = 0; s < 2; s++) for (size_t w = 0; w < MAX_W; w++) free(om[s][w]);
    return st;
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
    sl_status st = sl_sweep_begin(&d, argc, argv, "ops_ergodicity");
    if (st != SL_OK) return sl_driver_end(&d, st);
    ergo q = {.d = &d, .members = 8, .layer = 1, .bins = 40, .range = 4, .cue_delta = 0.1};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_ops_setup_read(d.cfg, &q.o)) ||
        (st = sl_config_int_list(d.cfg, "widths", 1, 4096, q.widths, MAX_W, &q.n_w)) ||
        (st = sl_config_int(d.cfg, "members", 2, MAX_M, &q.members)) ||
        (st = sl_config_int(d.cfg, "layer", 1, SL_MAX_LAYERS, &q.layer)) ||
        (st = sl_config_int(d.cfg, "density.bins", 2, 10000, &q.bins)) ||
        (st = sl_config_double(d.cfg, "density.range", 1e-6, 1e6, &q.range)) ||
        (st = sl_config_double(d.cfg, "cue_delta", 1e-4, 3, &q.cue_delta)))
        return sl_driver_end(&d, st);
    if (q.n_w < 2 || q.layer > q.o.arch.n_layers || q.o.arch.n_layers < 2)
        return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: need at least 2 widths and layer <= %d", sl_config_path(d.cfg),
                                         q.o.arch.n_layers));
    if ((st = sl_driver_config_done(&d))) return sl_driver_end(&d, st);
    q.K = (size_t)q.bins;
    q.Kc = sl_arg_bins(q.cue_delta);
    for (size_t w = 0; w < q.n_w; w++) if (q.widths[w] > q.wmax) q.wmax = q.widths[w];
    /* the points: the trainings (mode m, width w, member j), then the CUE surrogate */
    q.n_train_pts = q.o.n_modes * q.n_w * (size_t)q.members;
    const size_t P = q.n_train_pts + 1;
    double *cost = malloc(P * sizeof *cost);
    if (!cost) return sl_driver_end(&d, sl_fail(SL_ENOMEM, "costs"));
    const double n_img = q.o.data.train_limit > 0 && q.o.data.train_limit < 60000 ? (double)q.o.data.train_limit : 60000;
    double cue = 0;
    for (size_t p = 0; p < q.n_train_pts; p++) {
        sl_arch a = q.o.arch;
        a.dims[1] = (int)q.widths[p / (size_t)q.members % q.n_w];
        double wts = 0;
        for (int l = 0; l < a.n_layers; l++) wts += (double)a.dims[l] * a.dims[l + 1];
        cost[p] = wts * 3 * n_img * q.o.opts.epochs;
    }
    for (size_t w = 0; w < q.n_w; w++) cue += 20.0 * (double)q.members * pow((double)q.widths[w], 3);
    cost[q.n_train_pts] = cue;
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, runs 1000 w + j; CUE stream %d", (unsigned long long)d.seed, SL_STREAM_ENSEMBLE);
    const sl_sweep_spec spec = {.n_points = P, .cost = cost, .seeds = seeds, .ctx = &q,
                                .compute = point, .header = header, .rows = rows};
    st = sl_sweep_run(&d, &spec);
    free(cost);
    sl_ops_setup_free(&q.o);
    return sl_driver_end(&d, st);
}
