/* nne_repeat — thesis Figs. 3.19–3.20: SpectralNet trained `runs` times with
 * one setting (Table 2) on one point set (N points uniform on the unit
 * circle, k outputs, σ² = ε of datafold's heuristic), each run with its own
 * initial weights and batch order: the spread of the eigenvalue error
 * ‖μ − μ_exact‖₂ (μ from Rayleigh quotients on the full kernel, exact 0, 1,
 * 1, 4, 4, …) and of the heat-solution error (RMS against the Fourier
 * solution of g, averaged over t on [0, t_max]).
 *
 * Rows: run i eig_err heat_err mu_0 … mu_{k-1} epochs t_train
 *
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one run; its
 * record is its row as written plus σ² (%.17g, for the header), and the
 * results file is built from the records. Every slice draws the same point
 * set and kernel (streams (seed, DATA, 0) and (seed, DATA, 1)); run i's
 * initial weights and batches come from (seed, INIT, i) and (seed,
 * SHUFFLE, i) only. Cost estimate: equal for every run (snet.epochs ×
 * points; early stopping aside). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_rng.h"
#include "core/sl_sweep_run.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_heat.h"
#include "nne/sl_nne_config.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "nne/sl_snet_config.h"

typedef struct {
    const sl_driver *d;
    int N, K;
    long runs, steps;
    double tmax;
    sl_trig g;
    sl_dmaps_cfg dc;
    sl_snet_cfg sc;
    double *theta, *x, *g0, *u, *ue, *c;   /* (N), (N, 2), (N), (N), (N), (K) */
    sl_csr S;                              /* the kernel every run shares */
} repeat;

/* the point set and kernel every run shares: streams (seed, DATA, 0) and (seed, DATA, 1) */
static sl_status prepare(void *ctx)
{
    repeat *q = ctx;
    gsl_rng *rd = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_DATA, 0)),
            *rs = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_DATA, 1));
    sl_dmaps_params p;
    sl_status st = rd && rs ? SL_OK : sl_fail(SL_ENOMEM, "rng");
    if (st == SL_OK) {
        sl_circle_sample(rd, q->N, SL_CIRCLE_UNIFORM, q->theta, q->x);
        st = sl_dmaps_cfg_params(&q->dc, q->x, q->N, 2, q->K, 1.0, rs, &p, NULL);
    }
    if (st == SL_OK) q->sc.p.eps = p.eps * q->sc.eps_factor;
    if (st == SL_OK) st = sl_dmaps_operator(q->x, q->N, 2, q->sc.p.eps, p.cutoff * sqrt(q->sc.eps_factor), 0, &q->S);
    for (int i = 0; st == SL_OK && i < q->N; i++) q->g0[i] = sl_heat_exact(&q->g, q->theta[i], 0);
    gsl_rng_free(rd);
    gsl_rng_free(rs);
    return st;
}

/* Run `run`: its row as written, and σ² (for the header: a merge builds no kernel) */
static sl_status one_run(void *ctx, size_t p, FILE *rec)
{
    repeat *q = ctx;
    const int run = (int)p, N = q->N, K = q->K;
    gsl_rng *ri = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_INIT, (uint64_t)run)),
            *rb = sl_rng_new(sl_seed_derive(q->d->seed, SL_STREAM_SHUFFLE, (uint64_t)run));
    sl_snet_result sr = {0};
    sl_status st = sl_snet_train(q->x, N, 2, &q->sc.p, &q->S, ri, rb, NULL, NULL, &sr);
    if (st == SL_OK) st = sl_heat_coeffs(N, K, sr.q, q->g0, q->c);
    if (st == SL_OK) {
        double ee = 0, he = 0;
        for (int j = 0; j < K; j++) {
            const double m = (double)((j + 1) / 2);
            ee += (sr.mu[j] - m * m) * (sr.mu[j] - m * m);
        }
        for (long s = 0; s <= q->steps; s++) {
            const double tt = q->tmax * (double)s / (double)q->steps;
            sl_heat_eval(N, K, sr.q, q->c, sr.mu, tt, q->u);
            for (int i = 0; i < N; i++) q->ue[i] = sl_heat_exact(&q->g, q->theta[i], tt);
            he += sl_rms_diff(q->u, q->ue, N) / (double)(q->steps + 1);
        }
        char line[1024];
        int len = snprintf(line, sizeof line, "run %d %.6e %.6e", run, sqrt(ee), he);
        for (int j = 0; j < K; j++) len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", sr.mu[j]);
        snprintf(line + len, sizeof line - (size_t)len, " %d %.3f", sr.epochs_run, sr.t_train);
        sl_task_rec_row(rec, "%s", line);
        sl_task_put_doubles(rec, "sigma2", &q->sc.p.eps, 1);
        fprintf(stderr, "%s: run %d/%ld: eigenvalue error %.3g, mean heat error %.3g (%d epochs, %.1f s)\n", q->d->name,
                run + 1, q->runs, sqrt(ee), he, sr.epochs_run, sr.t_train);
    }
    sl_snet_result_free(&sr);
    gsl_rng_free(ri);
    gsl_rng_free(rb);
    return st;
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const repeat *q = ctx;
    const sl_snet_params *sp = &q->sc.p;
    double eps = 0;
    for (long i = 0; i < q->runs; i++) {
        double e;
        SL_TRY(sl_task_get_doubles(t, (size_t)i, "sigma2", &e, 1));
        if (i > 0 && e != eps) return sl_fail(SL_EFORMAT, "record of run %ld: sigma^2 %.17g, run 0's is %.17g", i, e, eps);
        eps = e;
    }
    sl_results_comment(r, "unit circle, %d uniform points, %d SpectralNet outputs, sigma^2 = %.6g (datafold eps x %g)", q->N,
                       q->K, eps, q->sc.eps_factor);
    sl_results_comment(r, "SpectralNet: %d hidden ELU layers (%d, %d, %d), tanh, orthonormalisation %s; RMSProp lr %g, batch %d, "
                          "ortho batch %d, epochs %d, patience %d; dropout %g after each hidden layer (training only)",
                       sp->n_hidden, sp->hidden[0], sp->hidden[1], sp->hidden[2], sl_snet_ortho_names[sp->ortho],
                       sp->lr, sp->batch, sp->ortho_batch, sp->epochs, sp->patience, sp->dropout);
    sl_results_comment(r, "columns: run i eig_err heat_err mu_0..mu_%d epochs t_train", q->K - 1);
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"points", "points uniform on the unit circle"},
    {"eigenpairs", "SpectralNet outputs k"},
    {"runs", "independent trainings (thesis: 30)"},
    {"initial.cos", "heat initial condition g: coefficient of cos(m theta), m = 0, 1, ..."},
    {"initial.sin", "heat initial condition g: coefficient of sin(m theta), m = 0, 1, ..."},
    {"error.t_max", "the heat error is averaged over t on [0, t_max]"},
    {"error.steps", "number of times sampled on [0, t_max]"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_sweep_begin(&d, argc, argv, "nne_repeat");
    if (st != SL_OK) return sl_driver_end(&d, st);
    repeat q = {.d = &d, .runs = 30, .steps = 100, .tmax = 10};
    long n = 10000, k = 5;
    double gc[SL_TRIG_MAX + 1] = {0}, gs[SL_TRIG_MAX + 1] = {0};
    size_t nc = 0, ns = 0;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) || (st = sl_config_int(d.cfg, "eigenpairs", 1, 16, &k)) ||
        (st = sl_config_int(d.cfg, "runs", 1, 10000, &q.runs)) ||
        (st = sl_config_double_list(d.cfg, "initial.cos", -1e6, 1e6, gc, SL_TRIG_MAX + 1, &nc)) ||
        (st = sl_config_double_list(d.cfg, "initial.sin", -1e6, 1e6, gs, SL_TRIG_MAX + 1, &ns)) ||
        (st = sl_config_double(d.cfg, "error.t_max", 0, 1e6, &q.tmax)) ||
        (st = sl_config_int(d.cfg, "error.steps", 1, 100000, &q.steps)) ||
        (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &q.dc)) || (st = sl_snet_cfg_read(d.cfg, "snet", &q.sc)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    if (k >= n) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: eigenpairs (%ld) must be fewer than points (%ld)",
                                                 sl_config_path(d.cfg), k, n));
    q.g.m = (int)((nc > ns ? nc : ns) > 0 ? (nc > ns ? nc : ns) - 1 : 0);
    for (size_t m = 0; m < nc; m++) q.g.a[m] = gc[m];
    for (size_t m = 1; m < ns; m++) q.g.b[m] = gs[m];
    q.N = (int)n;
    q.K = (int)k;
    q.sc.p.k = q.K;
    const int N = q.N;
    q.theta = malloc((size_t)N * sizeof *q.theta);
    q.x = malloc((size_t)2 * N * sizeof *q.x);
    q.g0 = malloc((size_t)N * sizeof *q.g0);
    q.u = malloc((size_t)N * sizeof *q.u);
    q.ue = malloc((size_t)N * sizeof *q.ue);
    q.c = malloc((size_t)q.K * sizeof *q.c);
    /* the points: the runs, of equal cost (snet.epochs x points; early stopping aside) */
    double *cost = malloc((size_t)q.runs * sizeof *cost);
    if (!q.theta || !q.x || !q.g0 || !q.u || !q.ue || !q.c || !cost) st = sl_fail(SL_ENOMEM, "%ld points", n);
    for (long i = 0; st == SL_OK && i < q.runs; i++) cost[i] = (double)q.sc.p.epochs * (double)n;
    char seeds[96];
    snprintf(seeds, sizeof seeds, "seed %llu (points, subsample; run i: init and batches streams i)", (unsigned long long)d.seed);
    const sl_sweep_spec spec = {.n_points = (size_t)q.runs, .cost = cost, .seeds = seeds, .ctx = &q,
                                .prepare = prepare, .compute = one_run, .header = header};
    if (st == SL_OK) st = sl_sweep_run(&d, &spec);
    free(cost);
    sl_csr_free(&q.S);
    free(q.theta); free(q.x); free(q.g0); free(q.u); free(q.ue); free(q.c);
    return sl_driver_end(&d, st);
}
