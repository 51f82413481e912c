/* nne_eigen — the diffusion-map half of thesis §3.3–3.4 (Figs. 3.12,
 * 3.17, 3.18, 3.21) on N points uniform on the unit circle, α = 1,
 * datafold's ε heuristic (not tuned):
 *   - eigenvectors ψ_0..ψ_4 against θ, and μ_j = −2 ln λ_j / ε beside the
 *     Laplace–Beltrami eigenvalues 0, 1, 1, 4, 4, 9, 9, …;
 *   - for k = 1..k_max: eigenvalue error ‖μ − μ_exact‖₂, set-up (scale +
 *     kernel) and eigensolver time; for odd k (subspaces closed under the
 *     cos/sin pairs) the principal angles to the exact eigenfunctions
 *     1, cos θ, sin θ, …: geodesic Grassmann distance √Σθ², Σ sin²θ,
 *     projection error; the orthogonality defect ‖I − ΨᵀΨ‖_F;
 *   - the ε sweep: N × (ε = factor · heuristic ε(N)), several samples each,
 *     mean μ of the first two pairs against 1 and 4. The heuristic keeps
 *     ~25 neighbours per cut-off whatever N, so its bias does not vanish
 *     with N; larger ε per point shrinks it until the O(ε) bias appears.
 * SpectralNet: its rows (same columns, method "spectralnet") go here once
 * src/nn supports it.
 *
 * Rows: eig j lambda mu mu_exact | vec theta psi_0..psi_4
 *       | ek k eig_err t_setup t_eig orth
 *       | gk k geodesic sin2 proj_err
 *       | sweep n factor eps mu12_mean mu12_sd mu34_mean mu34_sd nnz samples */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_progress.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "linalg/sl_subspace.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_config.h"
#include "nne/sl_nne_data.h"

static const sl_key_doc docs[] = {
    {"points", "points uniform on the unit circle"},
    {"k_max", "eigenpairs computed; errors and timings for k = 1..k_max"},
    {"plot_every", "write every n-th point (by angle) in the eigenvector rows"},
    {"sweep.points", "point counts N of the epsilon-convergence sweep"},
    {"sweep.eps_factors", "epsilon = datafold's heuristic epsilon / factor, one run per factor"},
    {"sweep.samples", "independent point sets per (N, factor)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "nne_eigen");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long n = 10000, kmax = 11, every = 10, samples = 3, sweep_n[16] = {1000, 2000, 5000, 10000, 20000};
    double factors[16] = {1, 4, 16, 64};
    size_t n_sn = 5, n_f = 4;
    sl_dmaps_cfg dc;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) || (st = sl_config_int(d.cfg, "k_max", 1, 64, &kmax)) ||
        (st = sl_config_int(d.cfg, "plot_every", 1, 1000000, &every)) ||
        (st = sl_config_int_list(d.cfg, "sweep.points", 10, 10000000, sweep_n, 16, &n_sn)) ||
        (st = sl_config_double_list(d.cfg, "sweep.eps_factors", 1e-3, 1e6, factors, 16, &n_f)) ||
        (st = sl_config_int(d.cfg, "sweep.samples", 1, 1000, &samples)) || (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &dc)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    const int N = (int)n, K = (int)kmax;
    if (K >= N) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: k_max must be below points", sl_config_path(d.cfg)));
    double *theta = malloc((size_t)N * sizeof *theta), *x = malloc((size_t)2 * N * sizeof *x),
           *ex = malloc((size_t)N * K * sizeof *ex), ang[64];
    sl_angle_index *ord = malloc((size_t)N * sizeof *ord);
    sl_results *r = NULL;
    sl_subspace_ws ws = {0};
    if (!theta || !x || !ex || !ord) st = sl_fail(SL_ENOMEM, "%d points", N);
    if (st == SL_OK) st = sl_subspace_ws_alloc(&ws, N, K);
    char seeds[64];
    snprintf(seeds, sizeof seeds, "seed %llu (points, subsample, sweep samples)", (unsigned long long)d.seed);
    if (st == SL_OK) st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds);
    gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0));
    if (st == SL_OK) {
        sl_circle_sample(rd, N, SL_CIRCLE_UNIFORM, theta, x);
        for (int j = 0; j < K; j++)
            for (int i = 0; i < N; i++) ex[(size_t)j * N + i] = sl_circle_fn(j, theta[i]);
        sl_circle_order(ord, theta, N);
        sl_results_comment(r, "unit circle, %d points, theta uniform; alpha %g; shift %g; datafold heuristic k=%ld, "
                              "subsample %ld, tol %g (eps not tuned)", N, dc.alpha, dc.shift, dc.k_nn, dc.subsample, dc.kernel_tol);
        sl_results_comment(r, "Grassmann: geodesic = sqrt(sum theta_i^2) (thesis), sin2 = sum sin^2 theta_i (SpectralNet code); "
                              "proj_err = sum_j |(I - QQ^T) psi_j|^2 onto the exact eigenfunctions; orth = |I - Psi^T Psi|_F");
        sl_results_comment(r, "SpectralNet: no rows yet (added once src/nn supports it)");
        sl_results_comment(r, "columns: eig j lambda mu mu_exact | vec theta psi_0..psi_4 | ek k eig_err t_setup t_eig orth | "
                              "gk k geodesic sin2 proj_err | sweep n factor eps mu12_mean mu12_sd mu34_mean mu34_sd nnz samples");
    }
    /* error, subspace metrics and time against k (each k a fresh run, as the thesis times it) */
    for (int k = 1; st == SL_OK && k <= K; k++) {
        gsl_rng *rs = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 1));
        sl_dmaps_params p;
        sl_dmaps_result res;
        double t0 = sl_now();
        st = sl_dmaps_cfg_params(&dc, x, N, 2, k, 1.0, rs, &p, NULL);
        double t_scale = sl_now() - t0;
        gsl_rng_free(rs);
        if (st == SL_OK) st = sl_dmaps(x, N, 2, &p, &res);
        if (st != SL_OK) break;
        double e = 0;
        for (int j = 0; j < k; j++) e += (res.mu[j] - sl_circle_mu(j)) * (res.mu[j] - sl_circle_mu(j));
        sl_results_row(r, "ek %d %.6g %.5f %.5f %.3e", k, sqrt(e), t_scale + res.t_kernel, res.t_eig,
                       sl_orthogonality(N, k, res.psi));
        if (k % 2 == 1) {
            double pe = 0;
            st = sl_principal_angles(&ws, N, k, res.psi, ex, ang);
            if (st == SL_OK) st = sl_projection_error(&ws, N, k, ex, res.psi, &pe);
            if (st == SL_OK)
                sl_results_row(r, "gk %d %.6e %.6e %.6e", k, sl_grassmann_geodesic(ang, k), sl_grassmann_sin2(ang, k), pe);
        }
        if (k == K) {
            for (int j = 0; j < K; j++) {
                sl_results_row(r, "eig %d %.15g %.8g %g", j, res.lambda[j], res.mu[j], sl_circle_mu(j));
                fprintf(stderr, "nne_eigen: mu_%d = %.4f (exact %g)\n", j, res.mu[j], sl_circle_mu(j));
            }
            const int nv = K < 5 ? K : 5;
            for (int a = 0; a < N; a += (int)every) {
                int i = ord[a].i;
                char line[512];
                int len = snprintf(line, sizeof line, "vec %.6f", theta[i]);
                for (int j = 0; j < nv; j++) len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", res.psi[(size_t)j * N + i]);
                sl_results_row(r, "%s", line);
            }
            fprintf(stderr, "nne_eigen: k = %d: eps %.4g, set-up %.3f s, eigensolver %.3f s\n", k, p.eps, t_scale + res.t_kernel,
                    res.t_eig);
        }
        sl_dmaps_result_free(&res);
    }
    /* ε sweep: mean μ of the first two pairs over `samples` point sets */
    for (size_t a = 0; st == SL_OK && a < n_sn; a++) {
        const int m = (int)sweep_n[a];
        double *th = malloc((size_t)m * sizeof *th), *xs = malloc((size_t)2 * m * sizeof *xs);
        if (!th || !xs) st = sl_fail(SL_ENOMEM, "sweep with %d points", m);
        for (size_t b = 0; st == SL_OK && b < n_f; b++) {
            double s12 = 0, q12 = 0, s34 = 0, q34 = 0, eps = 0;
            size_t nnz = 0;
            for (long s = 0; st == SL_OK && s < samples; s++) {
                gsl_rng *rp = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 1000 + 100 * a + (uint64_t)s));
                sl_circle_sample(rp, m, SL_CIRCLE_UNIFORM, th, xs);
                sl_dmaps_params p;
                sl_dmaps_result res;
                st = sl_dmaps_cfg_params(&dc, xs, m, 2, 5, factors[b], rp, &p, NULL);
                gsl_rng_free(rp);
                if (st == SL_OK) st = sl_dmaps(xs, m, 2, &p, &res);
                if (st != SL_OK) break;
                double m12 = (res.mu[1] + res.mu[2]) / 2, m34 = (res.mu[3] + res.mu[4]) / 2;
                s12 += m12; q12 += m12 * m12; s34 += m34; q34 += m34 * m34;
                eps += p.eps / samples;
                nnz = res.nnz;
                sl_dmaps_result_free(&res);
            }
            if (st != SL_OK) break;
            const double ns = (double)samples, a12 = s12 / ns, a34 = s34 / ns;
            const double sd12 = samples > 1 ? sqrt(fmax(q12 / ns - a12 * a12, 0) * ns / (ns - 1)) : 0;
            const double sd34 = samples > 1 ? sqrt(fmax(q34 / ns - a34 * a34, 0) * ns / (ns - 1)) : 0;
            sl_results_row(r, "sweep %d %g %.6e %.6f %.6f %.6f %.6f %zu %ld", m, factors[b], eps, a12, sd12, a34, sd34, nnz,
                           samples);
            fprintf(stderr, "nne_eigen: sweep N %6d, eps %.3e (x%g): mu(1) %.4f +- %.4f, mu(4) %.4f +- %.4f\n", m, eps,
                    factors[b], a12, sd12, a34, sd34);
        }
        free(th); free(xs);
    }
    if (st == SL_OK) {
        st = sl_results_commit(r);
        r = NULL;
    }
    sl_results_discard(r);
    sl_subspace_ws_free(&ws);
    gsl_rng_free(rd);
    free(theta); free(x); free(ex); free(ord);
    return sl_driver_end(&d, st);
}
