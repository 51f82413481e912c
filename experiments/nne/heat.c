/* nne_heat — thesis §3.5 (Figs. 3.21, 3.23–3.25; non-uniform: 3.26, 3.28,
 * 3.29): the heat equation u_t = u_θθ on the unit circle from k diffusion-map
 * eigenpairs (α = 1, datafold's ε heuristic), u(t) = Σ c_j e^{−μ_j t} ψ_j,
 * against the exact Fourier solution. Beside the diffusion-map solution,
 * the same eigenvectors with the exact eigenvalues m² (0, 1, 1, 4, 4, …),
 * which separates the eigenvalue bias of the heuristic ε from the
 * eigenvector error. The same driver runs nne_heat_nonuniform (its config,
 * experiments/nne/heat_nonuniform.yaml, names this driver).
 *
 * SpectralNet (thesis Table 2; src/nne/sl_snet.h): k outputs trained on the
 * same points with σ² = ε, rescaled to orthonormal columns, eigenvalues from
 * Rayleigh quotients on the full kernel (α = 0, the operator its loss
 * targets), u = Σ c_j e^{−μ_j t} q_j with its own least-squares c.
 *
 * Rows: eig j lambda mu mu_exact lambda_snet mu_snet | coef j c_j c_snet
 *       | vec theta psi_0 … psi_{k-1} q_0 … q_{k-1}
 *       | sol t theta u_exact u_dmaps u_dmaps_exactmu u_snet
 *       | err t rms_dmaps rms_dmaps_exactmu rms_snet rms_zero
 *         (rms_zero: the zero function's RMS error, the exact solution's RMS:
 *         the negative control of the error claims, paper/nne/claims.yaml) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_heat.h"
#include "nne/sl_nne_config.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "nne/sl_snet_config.h"


static const sl_key_doc docs[] = {
    {"points", "points on the unit circle"},
    {"sampling", "uniform angles, or squared: theta = 2 pi x^2 with x uniform (thesis' non-uniform set)"},
    {"eigenpairs", "diffusion-map eigenpairs used for the solution"},
    {"initial.cos", "initial condition g: coefficient of cos(m theta), m = 0, 1, ..."},
    {"initial.sin", "initial condition g: coefficient of sin(m theta), m = 0, 1, ..."},
    {"snapshots", "times t at which the solutions are written"},
    {"error.t_max", "the error over time is sampled on [0, t_max]"},
    {"error.steps", "number of times sampled on [0, t_max]"},
    {"plot_every", "write every n-th point (by angle) in the solution rows"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "nne_heat");
    if (st != SL_OK) return sl_driver_end(&d, st);
    static const char *const samplings[] = {"uniform", "squared", NULL};
    long n = 10000, k = 5, every = 10, steps = 100;
    int sampling = 0;
    double tmax = 10, snaps[8] = {0, 10, 70}, gc[SL_TRIG_MAX + 1] = {0}, gs[SL_TRIG_MAX + 1] = {0};
    size_t nsnap = 3, nc = 0, ns = 0;
    sl_dmaps_cfg dc;
    sl_snet_cfg sc;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) || (st = sl_config_enum(d.cfg, "sampling", samplings, &sampling)) ||
        (st = sl_config_int(d.cfg, "eigenpairs", 1, 64, &k)) ||
        (st = sl_config_double_list(d.cfg, "initial.cos", -1e6, 1e6, gc, SL_TRIG_MAX + 1, &nc)) ||
        (st = sl_config_double_list(d.cfg, "initial.sin", -1e6, 1e6, gs, SL_TRIG_MAX + 1, &ns)) ||
        (st = sl_config_double_list(d.cfg, "snapshots", 0, 1e6, snaps, 8, &nsnap)) ||
        (st = sl_config_double(d.cfg, "error.t_max", 0, 1e6, &tmax)) || (st = sl_config_int(d.cfg, "error.steps", 1, 100000, &steps)) ||
        (st = sl_config_int(d.cfg, "plot_every", 1, 1000000, &every)) || (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &dc)) || (st = sl_snet_cfg_read(d.cfg, "snet", &sc)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    if (k >= n) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: eigenpairs (%ld) must be fewer than points (%ld)",
                                                 sl_config_path(d.cfg), k, n));
    sl_trig g = {0};
    g.m = (int)((nc > ns ? nc : ns) > 0 ? (nc > ns ? nc : ns) - 1 : 0);
    for (size_t m = 0; m < nc; m++) g.a[m] = gc[m];
    for (size_t m = 1; m < ns; m++) g.b[m] = gs[m]; /* sin 0θ = 0: initial.sin[0] is ignored */

    const int N = (int)n, K = (int)k;
    double *theta = malloc((size_t)N * sizeof *theta), *x = malloc((size_t)2 * N * sizeof *x),
           *g0 = malloc((size_t)N * sizeof *g0), *u = malloc((size_t)N * sizeof *u), *u2 = malloc((size_t)N * sizeof *u2),
           *ue = malloc((size_t)N * sizeof *ue), *c = malloc((size_t)K * sizeof *c), *mu_ex = malloc((size_t)K * sizeof *mu_ex),
           *cs = malloc((size_t)K * sizeof *cs), *us = malloc((size_t)N * sizeof *us);
    sl_angle_index *ord = malloc((size_t)N * sizeof *ord);
    sl_results *r = NULL;
    sl_dmaps_result res = {0};
    sl_snet_result sr = {0};
    sl_csr S = {0};
    if (!theta || !x || !g0 || !u || !u2 || !ue || !c || !mu_ex || !ord || !cs || !us) st = sl_fail(SL_ENOMEM, "%ld points", n);
    gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0)), *rs = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 1));
    double eps_h = 0;
    sl_dmaps_params p;
    if (st == SL_OK) {
        sl_circle_sample(rd, N, sampling ? SL_CIRCLE_SQUARED : SL_CIRCLE_UNIFORM, theta, x);
        st = sl_dmaps_cfg_params(&dc, x, N, 2, K, 1.0, rs, &p, &eps_h);
    }
    if (st == SL_OK) st = sl_dmaps(x, N, 2, &p, &res);
    if (st == SL_OK) {
        for (int i = 0; i < N; i++) g0[i] = sl_heat_exact(&g, theta[i], 0);
        for (int j = 0; j < K; j++) mu_ex[j] = sl_circle_mu(j);
        st = sl_heat_coeffs(N, K, res.psi, g0, c);
    }
    /* SpectralNet on the same points, σ² = ε (× eps_factor), Rayleigh quotients on the α = 0 operator */
    sc.p.k = K;
    sc.p.eps = p.eps * sc.eps_factor;
    gsl_rng *ri = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, 0)), *rb = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_SHUFFLE, 0));
    if (st == SL_OK) st = sl_dmaps_operator(x, N, 2, sc.p.eps, p.cutoff * sqrt(sc.eps_factor), 0, &S);
    if (st == SL_OK) st = sl_snet_train(x, N, 2, &sc.p, &S, ri, rb, NULL, NULL, &sr);
    if (st == SL_OK) st = sl_heat_coeffs(N, K, sr.q, g0, cs);
    char seeds[64];
    snprintf(seeds, sizeof seeds, "seed %llu (points, subsample, SpectralNet init and batches)", (unsigned long long)d.seed);
    if (st == SL_OK) st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds);
    if (st == SL_OK) {
        sl_results_comment(r, "unit circle, %d points, theta %s; %d eigenpairs; alpha %g; shift %g", N,
                           sampling ? "= 2 pi x^2, x uniform" : "uniform", K, p.alpha, p.sigma);
        sl_results_comment(r, "datafold heuristic (k=%ld, subsample %ld, tol %g): cut-off %.6g, eps %.6g (not tuned)",
                           dc.k_nn, dc.subsample, dc.kernel_tol, p.cutoff, p.eps);
        sl_results_comment(r, "kernel nnz %zu, Cholesky factor %zu entries (two envelope blocks, widest row %d; "
                              "separator %d rows), %d shift-invert solves; kernel %.3f s, eigensolver %.3f s",
                           res.nnz, res.env, res.max_width, res.n_sep, res.n_ops, res.t_kernel, res.t_eig);
        sl_results_comment(r, "SpectralNet: hidden %d layers (%d, %d, %d) ELU, tanh, orthonormalisation %s; RMSProp lr %g, "
                              "batch %d, ortho batch %d, epochs %d (ran %d, patience %d); sigma^2 = %.6g; "
                              "dropout %g after each hidden layer (training only)",
                           sc.p.n_hidden, sc.p.hidden[0], sc.p.hidden[1], sc.p.hidden[2], sl_snet_ortho_names[sc.p.ortho],
                           sc.p.lr, sc.p.batch, sc.p.ortho_batch, sc.p.epochs, sr.epochs_run, sc.p.patience, sc.p.eps,
                           sc.p.dropout);
        sl_results_comment(r, "SpectralNet: final loss %.6g, raw orthogonality |I - Y'Y/n|_F %.3g (times: stderr and wall_time_s)",
                           sr.final_loss, sr.orth_raw);
        sl_results_comment(r, "columns: eig j lambda mu mu_exact lambda_snet mu_snet | coef j c c_snet | vec theta psi_0..psi_%d "
                              "q_0..q_%d | sol t theta u_exact u_dmaps u_dmaps_exactmu u_snet | "
                              "err t rms_dmaps rms_dmaps_exactmu rms_snet rms_zero", K - 1, K - 1);
        for (int j = 0; j < K; j++) {
            sl_results_row(r, "eig %d %.15g %.8g %g %.15g %.8g", j, res.lambda[j], res.mu[j], mu_ex[j], sr.lambda[j], sr.mu[j]);
            fprintf(stderr, "%s: mu_%d = %.4f, SpectralNet %.4f (exact %g)\n", d.name, j, res.mu[j], sr.mu[j], mu_ex[j]);
        }
        for (int j = 0; j < K; j++) sl_results_row(r, "coef %d %.10g %.10g", j, c[j], cs[j]);
        sl_circle_order(ord, theta, N);
        char line[2048];
        for (int a = 0; a < N; a += (int)every) {
            int i = ord[a].i, len = snprintf(line, sizeof line, "vec %.6f", theta[i]);
            for (int j = 0; j < K && len < (int)sizeof line - 32; j++)
                len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", res.psi[(size_t)j * N + i]);
            for (int j = 0; j < K && len < (int)sizeof line - 32; j++)
                len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", sr.q[(size_t)j * N + i]);
            sl_results_row(r, "%s", line);
        }
        for (size_t s = 0; s < nsnap; s++) {
            sl_heat_eval(N, K, res.psi, c, res.mu, snaps[s], u);
            sl_heat_eval(N, K, res.psi, c, mu_ex, snaps[s], u2);
            sl_heat_eval(N, K, sr.q, cs, sr.mu, snaps[s], us);
            for (int a = 0; a < N; a += (int)every) {
                int i = ord[a].i;
                sl_results_row(r, "sol %g %.6f %.8g %.8g %.8g %.8g", snaps[s], theta[i], sl_heat_exact(&g, theta[i], snaps[s]),
                               u[i], u2[i], us[i]);
            }
        }
        for (long s = 0; s <= steps; s++) {
            double t = tmax * (double)s / (double)steps;
            sl_heat_eval(N, K, res.psi, c, res.mu, t, u);
            sl_heat_eval(N, K, res.psi, c, mu_ex, t, u2);
            sl_heat_eval(N, K, sr.q, cs, sr.mu, t, us);
            for (int i = 0; i < N; i++) ue[i] = sl_heat_exact(&g, theta[i], t);
            double e1 = sl_rms_diff(u, ue, N), e2 = sl_rms_diff(u2, ue, N), e3 = sl_rms_diff(us, ue, N);
            double e0 = 0; /* the zero function's error: the control */
            for (int i = 0; i < N; i++) e0 += ue[i] * ue[i];
            e0 = sqrt(e0 / N);
            sl_results_row(r, "err %.6g %.6e %.6e %.6e %.6e", t, e1, e2, e3, e0);
            if (s == steps / 10 || s == steps)
                fprintf(stderr, "%s: t = %g: rms error %.3e (exact mu: %.3e), SpectralNet %.3e\n", d.name, t, e1, e2, e3);
        }
        fprintf(stderr, "%s: eps %.4g, nnz %zu, kernel %.3f s, eigensolver %.3f s (%d solves)\n", d.name, p.eps,
                res.nnz, res.t_kernel, res.t_eig, res.n_ops);
        fprintf(stderr, "%s: SpectralNet %d epochs, %.2f s training, %.3f s embedding, raw orthogonality %.3g\n", d.name,
                sr.epochs_run, sr.t_train, sr.t_embed, sr.orth_raw);
        st = sl_results_commit(r);
        r = NULL;
    }
    sl_results_discard(r);
    sl_dmaps_result_free(&res);
    sl_snet_result_free(&sr);
    sl_csr_free(&S);
    gsl_rng_free(ri);
    gsl_rng_free(rb);
    gsl_rng_free(rd);
    gsl_rng_free(rs);
    free(theta); free(x); free(g0); free(u); free(u2); free(ue); free(c); free(mu_ex); free(ord); free(cs); free(us);
    return sl_driver_end(&d, st);
}
