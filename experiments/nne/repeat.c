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
 * A sweep (sl_task.h: --task I/N, --merge, --plan): a point is one run; its
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
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "core/sl_task.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_heat.h"
#include "nne/sl_nne_config.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "nne/sl_snet_config.h"

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
    sl_status st = sl_driver_begin(&d, argc, argv, "nne_repeat");
    if (st != SL_OK) return sl_driver_end(&d, st);
    d.task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    long n = 10000, k = 5, runs = 30, steps = 100;
    double tmax = 10, gc[SL_TRIG_MAX + 1] = {0}, gs[SL_TRIG_MAX + 1] = {0};
    size_t nc = 0, ns = 0;
    sl_dmaps_cfg dc;
    sl_snet_cfg sc;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) || (st = sl_config_int(d.cfg, "eigenpairs", 1, 16, &k)) ||
        (st = sl_config_int(d.cfg, "runs", 1, 10000, &runs)) ||
        (st = sl_config_double_list(d.cfg, "initial.cos", -1e6, 1e6, gc, SL_TRIG_MAX + 1, &nc)) ||
        (st = sl_config_double_list(d.cfg, "initial.sin", -1e6, 1e6, gs, SL_TRIG_MAX + 1, &ns)) ||
        (st = sl_config_double(d.cfg, "error.t_max", 0, 1e6, &tmax)) || (st = sl_config_int(d.cfg, "error.steps", 1, 100000, &steps)) ||
        (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &dc)) || (st = sl_snet_cfg_read(d.cfg, "snet", &sc)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    if (k >= n) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: eigenpairs (%ld) must be fewer than points (%ld)",
                                                 sl_config_path(d.cfg), k, n));
    sl_trig g = {0};
    g.m = (int)((nc > ns ? nc : ns) > 0 ? (nc > ns ? nc : ns) - 1 : 0);
    for (size_t m = 0; m < nc; m++) g.a[m] = gc[m];
    for (size_t m = 1; m < ns; m++) g.b[m] = gs[m];
    const int N = (int)n, K = (int)k;
    double *theta = malloc((size_t)N * sizeof *theta), *x = malloc((size_t)2 * N * sizeof *x),
           *g0 = malloc((size_t)N * sizeof *g0), *u = malloc((size_t)N * sizeof *u), *ue = malloc((size_t)N * sizeof *ue),
           *c = malloc((size_t)K * sizeof *c);
    if (!theta || !x || !g0 || !u || !ue || !c) st = sl_fail(SL_ENOMEM, "%ld points", n);
    gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0)), *rs = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 1));
    sl_dmaps_params p;
    sl_csr S = {0};
    sl_results *r = NULL;
    sl_task t = {0};
    double *cost = malloc((size_t)runs * sizeof *cost);
    if (st == SL_OK && !cost) st = sl_fail(SL_ENOMEM, "%ld runs", runs);
    for (long i = 0; st == SL_OK && i < runs; i++) cost[i] = (double)sc.p.epochs * (double)n;
    if (st == SL_OK) st = sl_task_init(&t, &d, (size_t)runs, cost);
    int any = 0;
    for (long i = 0; i < runs; i++) any |= sl_task_mine(&t, (size_t)i);
    /* the point set and kernel every run shares (not in a merge or a plan) */
    if (st == SL_OK && any) {
        sl_circle_sample(rd, N, SL_CIRCLE_UNIFORM, theta, x);
        st = sl_dmaps_cfg_params(&dc, x, N, 2, K, 1.0, rs, &p, NULL);
    }
    sc.p.k = K;
    if (st == SL_OK && any) sc.p.eps = p.eps * sc.eps_factor;
    if (st == SL_OK && any) st = sl_dmaps_operator(x, N, 2, sc.p.eps, p.cutoff * sqrt(sc.eps_factor), 0, &S);
    for (int i = 0; st == SL_OK && any && i < N; i++) g0[i] = sl_heat_exact(&g, theta[i], 0);
    char seeds[96];
    snprintf(seeds, sizeof seeds, "seed %llu (points, subsample; run i: init and batches streams i)", (unsigned long long)d.seed);
    for (int run = 0; st == SL_OK && run < runs; run++) {
        if (!sl_task_mine(&t, (size_t)run)) continue;
        gsl_rng *ri = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, (uint64_t)run)),
                *rb = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_SHUFFLE, (uint64_t)run));
        sl_snet_result sr = {0};
        st = sl_snet_train(x, N, 2, &sc.p, &S, ri, rb, NULL, NULL, &sr);
        if (st == SL_OK) st = sl_heat_coeffs(N, K, sr.q, g0, c);
        if (st == SL_OK) {
            double ee = 0, he = 0;
            for (int j = 0; j < K; j++) {
                const double m = (double)((j + 1) / 2);
                ee += (sr.mu[j] - m * m) * (sr.mu[j] - m * m);
            }
            for (long s = 0; s <= steps; s++) {
                const double tt = tmax * (double)s / (double)steps;
                sl_heat_eval(N, K, sr.q, c, sr.mu, tt, u);
                for (int i = 0; i < N; i++) ue[i] = sl_heat_exact(&g, theta[i], tt);
                he += sl_rms_diff(u, ue, N) / (double)(steps + 1);
            }
            char line[1024];
            int len = snprintf(line, sizeof line, "run %d %.6e %.6e", run, sqrt(ee), he);
            for (int j = 0; j < K; j++) len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", sr.mu[j]);
            snprintf(line + len, sizeof line - (size_t)len, " %d %.3f", sr.epochs_run, sr.t_train);
            FILE *f = sl_task_record_open(&t, (size_t)run);
            if (!f) st = sl_fail(SL_ENOMEM, "record");
            if (st == SL_OK) {
                const double eps = sc.p.eps;
                sl_task_rec_row(f, "%s", line);
                sl_task_put_doubles(f, "sigma2", &eps, 1);
                st = sl_task_record_close(&t);
            }
            fprintf(stderr, "%s: run %d/%ld: eigenvalue error %.3g, mean heat error %.3g (%d epochs, %.1f s)\n", d.name,
                    run + 1, runs, sqrt(ee), he, sr.epochs_run, sr.t_train);
        }
        sl_snet_result_free(&sr);
        gsl_rng_free(ri);
        gsl_rng_free(rb);
    }
    int finalise = 0;
    if (st == SL_OK) st = sl_task_collect(&t, seeds, &finalise);
    /* finalise: the rows from the records; σ² from them too (so a merge needs no kernel) */
    double eps = 0;
    for (long i = 0; st == SL_OK && finalise && i < runs; i++) {
        double e;
        st = sl_task_get_doubles(&t, (size_t)i, "sigma2", &e, 1);
        if (st == SL_OK && i > 0 && e != eps)
            st = sl_fail(SL_EFORMAT, "record of run %ld: sigma^2 %.17g, run 0's is %.17g", i, e, eps);
        eps = e;
    }
    if (st == SL_OK && finalise) st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds);
    if (st == SL_OK && finalise) {
        sl_results_comment(r, "unit circle, %d uniform points, %d SpectralNet outputs, sigma^2 = %.6g (datafold eps x %g)", N, K,
                           eps, sc.eps_factor);
        sl_results_comment(r, "SpectralNet: %d hidden ELU layers (%d, %d, %d), tanh, orthonormalisation %s; RMSProp lr %g, batch %d, "
                              "ortho batch %d, epochs %d, patience %d; dropout %g after each hidden layer (training only)",
                           sc.p.n_hidden, sc.p.hidden[0], sc.p.hidden[1], sc.p.hidden[2], sl_snet_ortho_names[sc.p.ortho],
                           sc.p.lr, sc.p.batch, sc.p.ortho_batch, sc.p.epochs, sc.p.patience, sc.p.dropout);
        sl_results_comment(r, "columns: run i eig_err heat_err mu_0..mu_%d epochs t_train", K - 1);
        char prov[256];
        sl_task_provenance(&t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
        for (long i = 0; st == SL_OK && i < runs; i++) st = sl_task_replay(&t, (size_t)i, r);
    }
    if (st == SL_OK && finalise) {
        st = sl_results_commit(r);
        r = NULL;
    }
    sl_results_discard(r);
    sl_task_free(&t);
    free(cost);
    sl_csr_free(&S);
    gsl_rng_free(rd);
    gsl_rng_free(rs);
    free(theta); free(x); free(g0); free(u); free(ue); free(c);
    return sl_driver_end(&d, st);
}
