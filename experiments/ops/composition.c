/* ops_composition — ops essay: "the eigenvalues of W₁W₂ are not simply
 * products of eigenvalues of W₁ and W₂". On an msd linear network with
 * square hidden blocks, at initialisation and after training (each mode),
 * the spectrum of every composed pair (and of the whole chain) beside the
 * products of the factors' spectra (src/ops/sl_compose.h: eigenvalues
 * paired through eigenvectors for square blocks, singular values in
 * descending order for any), with the distance between the two. Controls
 * of the same size: a commuting simultaneously diagonalisable pair (the
 * products must be exact), a nilpotent pair (they cannot be), a singular
 * chain with aligned bases (exact) and a Gaussian pair (a generic baseline).
 * Rows:
 *   eig  mode stage pair i re_ev im_ev re_prod im_prod
 *   sv   mode stage pair i s prod
 *   dist mode stage pair kind n distance commutator   (commutator: ‖ab − ba‖_F/(‖a‖_F‖b‖_F), or -1)
 *
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one mode's
 * training (p = mode) and one more, the controls (p = modes); each record is
 * the point's rows (and its accuracy comment) as written, and the results
 * file is built from the records. A mode's network draws from the streams
 * of (seed, 0), the controls from (seed, DATA, 0). Cost estimate: a
 * training, multiply-adds of the weights, 3 per training example and epoch
 * (MNIST's 60000 images, or data.train_limit); the controls, 4 pairs of
 * about 100 control_n³. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_rng.h"
#include "core/sl_sweep_run.h"
#include "linalg/sl_dmat.h"
#include "linalg/sl_spec.h"
#include "ops/sl_compose.h"
#include "ops/sl_ops.h"

/* the pair (a, b) = (w[lo], w[lo+1]) or any two square matrices: eig and sv rows */
static sl_status pair_rows(FILE *f, const char *mode, const char *stage, const char *pair,
                           const double *a, const double *b, const int *dims, int square)
{
    const int n = dims[0];
    int big = dims[0] > dims[1] ? dims[0] : dims[1];
    if (dims[2] > big) big = dims[2];
    double *s = malloc((size_t)big * sizeof *s), *p = malloc((size_t)big * sizeof *p), dist, comm = -1;
    double complex *ev = malloc((size_t)n * sizeof *ev), *pr = malloc((size_t)n * sizeof *pr);
    int rr;
    sl_status st = s && p && ev && pr ? SL_OK : sl_fail(SL_ENOMEM, "pair buffers");
    if (st == SL_OK && square) {
        st = sl_compose_eig(a, b, n, ev, pr, &dist);
        if (st == SL_OK) st = sl_commutator_rel(a, b, n, &comm);
        for (int i = 0; st == SL_OK && i < n; i++)
            sl_task_rec_row(f, "eig %s %s %s %d %.10g %.10g %.10g %.10g", mode, stage, pair, i, creal(ev[i]), cimag(ev[i]),
                           creal(pr[i]), cimag(pr[i]));
        if (st == SL_OK) sl_task_rec_row(f, "dist %s %s %s eig %d %.6g %.6g", mode, stage, pair, n, dist, comm);
    }
    const double *w[2] = {a, b};
    if (st == SL_OK) st = sl_compose_sv(w, dims, 2, s, p, &rr, &dist);
    for (int i = 0; st == SL_OK && i < rr; i++) sl_task_rec_row(f, "sv %s %s %s %d %.10g %.10g", mode, stage, pair, i, s[i], p[i]);
    if (st == SL_OK) sl_task_rec_row(f, "dist %s %s %s sv %d %.6g %.6g", mode, stage, pair, rr, dist, comm);
    free(s); free(p); free(ev); free(pr);
    return st;
}

/* every consecutive pair of the network's layers, and the whole chain (sv) */
static sl_status net_rows(FILE *f, const sl_net *net, const char *mode, const char *stage)
{
    const int L = net->n_layers;
    double *w[SL_MAX_LAYERS] = {0};
    int dims[SL_MAX_LAYERS + 1];
    sl_status st = SL_OK;
    for (int l = 0; st == SL_OK && l < L; l++) {
        dims[l] = net->layers[l].n_in;
        dims[l + 1] = net->layers[l].n_out;
        w[l] = malloc((size_t)dims[l] * (size_t)dims[l + 1] * sizeof *w[l]);
        st = w[l] ? sl_ops_layer_matrix(net, l, w[l]) : sl_fail(SL_ENOMEM, "layer matrices");
    }
    for (int l = 0; st == SL_OK && l + 1 < L; l++) {
        char pair[32];
        snprintf(pair, sizeof pair, "W%dW%d", l + 2, l + 1);
        const int square = dims[l] == dims[l + 1] && dims[l + 1] == dims[l + 2];
        st = pair_rows(f, mode, stage, pair, w[l], w[l + 1], dims + l, square);
    }
    if (st == SL_OK && L > 2) {
        int big = 0;
        for (int l = 0; l <= L; l++) if (dims[l] > big) big = dims[l];
        double *s = malloc((size_t)big * sizeof *s), *p = malloc((size_t)big * sizeof *p), dist;
        int rr;
        st = s && p ? sl_compose_sv((const double *const *)w, dims, L, s, p, &rr, &dist) : sl_fail(SL_ENOMEM, "chain");
        for (int i = 0; st == SL_OK && i < rr; i++) sl_task_rec_row(f, "sv %s %s chain %d %.10g %.10g", mode, stage, i, s[i], p[i]);
        if (st == SL_OK) sl_task_rec_row(f, "dist %s %s chain sv %d %.6g -1", mode, stage, rr, dist);
        free(s); free(p);
    }
    for (int l = 0; l < L; l++) free(w[l]);
    return st;
}

/* the controls, n × n */
static sl_status control_rows(FILE *f, int n, gsl_rng *g)
{
    const size_t nn = (size_t)n * (size_t)n;
    double *v = malloc(nn * sizeof *v), *vi = malloc(nn * sizeof *vi), *t = malloc(nn * sizeof *t);
    double *a = malloc(nn * sizeof *a), *b = malloc(nn * sizeof *b), *d = calloc(nn, sizeof *d);
    sl_status st = v && vi && t && a && b && d ? SL_OK : sl_fail(SL_ENOMEM, "control buffers");
    const int dims[3] = {n, n, n};
    /* commuting: a = V diag(α) V⁻¹, b = V diag(β) V⁻¹, α, β independent U[−1, 1] */
    for (size_t i = 0; st == SL_OK && i < nn; i++) v[i] = sl_rng_gaussian(g, 1.0);
    if (st == SL_OK) { memcpy(vi, v, nn * sizeof *v); st = sl_dmat_inverse(vi, n); }
    if (st == SL_OK) {
        for (int i = 0; i < n; i++) d[(size_t)i * n + i] = 2 * gsl_rng_uniform(g) - 1;
        sl_dmat_mul(t, v, d, n, n, n); sl_dmat_mul(a, t, vi, n, n, n);
        for (int i = 0; i < n; i++) d[(size_t)i * n + i] = 2 * gsl_rng_uniform(g) - 1;
        sl_dmat_mul(t, v, d, n, n, n); sl_dmat_mul(b, t, vi, n, n, n);
        st = pair_rows(f, "control_commuting", "-", "BA", a, b, dims, 1);
    }
    /* nilpotent: a strictly upper, b strictly lower triangular, Gaussian entries */
    if (st == SL_OK) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double x = sl_rng_gaussian(g, 1.0 / sqrt(n)), y = sl_rng_gaussian(g, 1.0 / sqrt(n));
                a[(size_t)i * n + j] = j > i ? x : 0;
                b[(size_t)i * n + j] = j < i ? y : 0;
            }
        st = pair_rows(f, "control_nilpotent", "-", "BA", a, b, dims, 1);
    }
    /* aligned singular bases: a = V diag(α), b = diag(β) Vᵀ with V orthogonal
     * (Q of the QR of v): the right singular vectors of b are the left ones of a */
    if (st == SL_OK) {
        memcpy(t, v, nn * sizeof *v);
        st = sl_qr_q(t, n);
        for (int i = 0; st == SL_OK && i < n; i++) {
            const double al = 2.0 * (n - i) / n, be = 1.0 + (double)(n - i) / n;   /* descending */
            for (int k = 0; k < n; k++) {
                a[(size_t)k * n + i] = t[(size_t)k * n + i] * al;          /* column i of V times α_i */
                b[(size_t)i * n + k] = be * t[(size_t)k * n + i];          /* row i of Vᵀ times β_i  */
            }
        }
        if (st == SL_OK) st = pair_rows(f, "control_aligned", "-", "BA", a, b, dims, 0);
    }
    /* Gaussian pair, entries N(0, 1/n) */
    if (st == SL_OK) {
        for (size_t i = 0; i < nn; i++) { a[i] = sl_rng_gaussian(g, 1.0 / sqrt(n)); b[i] = sl_rng_gaussian(g, 1.0 / sqrt(n)); }
        st = pair_rows(f, "control_gaussian", "-", "BA", a, b, dims, 1);
    }
    free(v); free(vi); free(t); free(a); free(b); free(d);
    return st;
}

typedef struct {
    const sl_driver *d;
    sl_ops_setup o;
    long control_n;
} compo;

/* point p < modes: mode p's network at initialisation and after training;
 * p = modes: the controls (no data set needed) */
static sl_status point(void *ctx, size_t p, FILE *f)
{
    compo *q = ctx;
    if (p == q->o.n_modes) {
        gsl_rng *g = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_DATA, 0));
        sl_status st = g ? control_rows(f, (int)q->control_n, g) : sl_fail(SL_ENOMEM, "rng");
        gsl_rng_free(g);
        return st;
    }
    SL_TRY(sl_ops_setup_load(&q->o));
    sl_net net;
    gsl_rng *rs = NULL;
    SL_TRY(sl_ops_build(&net, &rs, q->o.modes[p], &q->o.arch, q->d->seed, 0));
    const char *mn = sl_mode_names[q->o.modes[p]];
    sl_status st = net_rows(f, &net, mn, "init");
    sl_progress pr;
    sl_progress_init(&pr, mn);
    if (st == SL_OK) st = sl_train(&net, &q->o.train, &q->o.opts, rs, &pr, NULL);
    double acc = 0;
    if (st == SL_OK) st = sl_evaluate(&net, &q->o.test, 1000, &acc, NULL);
    if (st == SL_OK) {
        sl_task_rec_comment(f, "%s: test accuracy after training %.4f", mn, acc);
        fprintf(stderr, "%s: test accuracy %.2f%%\n", mn, 100 * acc);
        st = net_rows(f, &net, mn, "trained");
    }
    gsl_rng_free(rs);
    sl_net_free(&net);
    return st;
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const compo *q = ctx;
    char dims[128] = "";
    for (int l = 0; l <= q->o.arch.n_layers; l++)
        snprintf(dims + strlen(dims), sizeof dims - strlen(dims), l ? " -> %d" : "%d", q->o.arch.dims[l]);
    sl_results_comment(r, "ops composition: network %s (linear), %d epochs, batch %d, %s lr %g; controls %ld x %ld",
                       dims, q->o.opts.epochs, q->o.opts.batch, sl_optim_names[q->o.opts.optimiser], (double)q->o.opts.lr,
                       q->control_n, q->control_n);
    sl_results_comment(r, "pair WbWa: the composed operator of layers a then b; chain: all layers");
    sl_results_comment(r, "columns (eig): eig mode stage pair i re_ev im_ev re_prod im_prod   (prod matched to ev)");
    sl_results_comment(r, "columns (sv): sv mode stage pair i s prod   (descending)");
    sl_results_comment(r, "columns (dist): dist mode stage pair kind n distance commutator   (commutator -1: not square)");
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"control_n", "size of the control matrices (commuting diagonalisable pair, nilpotent pair, random pair)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_sweep_begin(&d, argc, argv, "ops_composition");
    if (st != SL_OK) return sl_driver_end(&d, st);
    compo q = {.d = &d, .control_n = 64};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_ops_setup_read(d.cfg, &q.o)) || (st = sl_config_int(d.cfg, "control_n", 2, 2000, &q.control_n)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    /* the points: each mode's training, then the controls */
    const size_t P = q.o.n_modes + 1;
    double cost[5];
    const double n_img = q.o.data.train_limit > 0 && q.o.data.train_limit < 60000 ? (double)q.o.data.train_limit : 60000;
    double w = 0;
    for (int l = 0; l < q.o.arch.n_layers; l++) w += (double)q.o.arch.dims[l] * q.o.arch.dims[l + 1];
    for (size_t m = 0; m < q.o.n_modes; m++) cost[m] = w * 3 * n_img * q.o.opts.epochs;
    cost[q.o.n_modes] = 400.0 * pow((double)q.control_n, 3);
    char seeds[96];
    snprintf(seeds, sizeof seeds, "base %llu, run 0 per mode; controls stream %d", (unsigned long long)d.seed, SL_STREAM_DATA);
    const sl_sweep_spec spec = {.n_points = P, .cost = cost, .seeds = seeds, .ctx = &q, .compute = point, .header = header};
    st = sl_sweep_run(&d, &spec);
    sl_ops_setup_free(&q.o);
    return sl_driver_end(&d, st);
}
