/* nne_eigen — thesis §3.3–3.4 (Figs. 3.12–3.18, 3.21, 3.22) on N points
 * uniform on the unit circle: diffusion maps (α = 1, datafold's ε heuristic,
 * not tuned) and SpectralNet (thesis Table 2, src/nne/sl_snet.h).
 * Diffusion maps:
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
 * SpectralNet, once per kernel scale σ² = F · ε (F in snet_sweep.eps_factors:
 * 1 is the thesis' σ² = ε, with which our network does not learn — see
 * paper/nne/report.md, "Finding"; a larger F is a scale at which it does),
 * every training on the same points with the same seeds:
 *   - a traced training with k = trace_k outputs and the snet: ortho_batch:
 *     per epoch the mean training loss and the Grassmann distances (both
 *     forms) of the embedding to the exact eigenfunctions and to the
 *     diffusion map's eigenvectors (Figs. 3.14, 3.15); then its
 *     eigenvectors against θ (Fig. 3.22) and its μ (Rayleigh quotients on
 *     the α = 0 kernel operator, Figs. 3.16–3.17);
 *   - k = each of snet_sweep.k (Fig. 3.18, 3.12): the errors as for the
 *     diffusion maps, set-up (scale heuristic + the full kernel operator for
 *     the Rayleigh quotients), training and embedding time;
 *   - the orthonormalisation batch = each of snet_sweep.ortho_batches with
 *     k = trace_k (Fig. 3.13): ‖I − YᵀY/n‖_F of the raw outputs on all n
 *     points, Grassmann distances, eigenvalue error.
 *   The traced training is also the k = trace_k point of the k sweep and
 *   the ortho_batch point of the batch sweep (not trained twice).
 *
 * Rows: eig j lambda mu mu_exact | vec theta psi_0..psi_4
 *       | ek k eig_err t_setup t_eig orth t_total
 *       | gk k geodesic sin2 proj_err
 *       | sweep n factor eps mu12_mean mu12_sd mu34_mean mu34_sd nnz samples
 *       | strain factor epoch loss geodesic sin2 geodesic_dmaps sin2_dmaps
 *       | seig factor j lambda mu mu_exact | svec factor theta q_0..q_4
 *       | sk factor k eig_err geodesic sin2 proj_err t_setup t_train t_embed t_total orth_raw epochs
 *       | so factor ortho_batch orth_raw geodesic sin2 eig_err t_train epochs */
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
#include "nne/sl_snet.h"
#include "nne/sl_snet_config.h"
#include "nne/sl_snet_trace.h"

static const sl_key_doc docs[] = {
    {"points", "points uniform on the unit circle"},
    {"k_max", "eigenpairs computed; errors and timings for k = 1..k_max"},
    {"plot_every", "write every n-th point (by angle) in the eigenvector rows"},
    {"sweep.points", "point counts N of the epsilon-convergence sweep"},
    {"sweep.eps_factors", "epsilon = factor x datafold's heuristic epsilon(N), one run per factor"},
    {"sweep.samples", "independent point sets per (N, factor)"},
    {"snet_sweep.eps_factors", "SpectralNet kernel sigma^2 = factor x datafold's epsilon, every SpectralNet row once per "
                               "factor (1: the thesis; [] : no SpectralNet rows)"},
    {"snet_sweep.trace_k", "outputs of the traced training (loss and Grassmann distance per epoch, eigenvectors, "
                           "eigenvalues); at most k_max"},
    {"snet_sweep.k", "outputs k of the error/time-vs-k trainings (odd k: closed cos/sin pairs)"},
    {"snet_sweep.ortho_batches", "orthonormalisation batch sizes of the orthogonality trainings (k = trace_k)"},
    {NULL, NULL}};

/* what one SpectralNet training is scored by */
typedef struct {
    double eig_err, geodesic, sin2, proj_err, t_setup, t_train, t_embed, orth_raw;
    int epochs;
} snet_score;

typedef struct {
    const sl_dmaps_cfg *dc;
    const sl_snet_cfg *sc;
    const double *x, *ex; /* (N, 2) row-major; (N, kx) exact eigenfunctions, column-major */
    int n;
    uint64_t seed;
    sl_subspace_ws *ws;
} snet_ctx;

/* One training with k outputs, orthonormalisation batch ob, σ² = factor · ε
 * (same point set, scale subsample, init and batch streams for every call).
 * The set-up time covers the scale heuristic and the kernel operator for the
 * Rayleigh quotients. keep (or NULL) receives the result (caller frees). */
static sl_status snet_run(const snet_ctx *c, double factor, int k, int ob, sl_snet_trace *tr, sl_snet_result *keep,
                          snet_score *out)
{
    const int n = c->n;
    sl_snet_params sp = c->sc->p;
    sl_dmaps_params p;
    sl_snet_result res = {0};
    sl_csr S = {0};
    double ang[16];
    const double t0 = sl_now();
    gsl_rng *rs = sl_rng_new(sl_seed_derive(c->seed, SL_STREAM_DATA, 1));
    gsl_rng *ri = sl_rng_new(sl_seed_derive(c->seed, SL_STREAM_INIT, 0)), *rb = sl_rng_new(sl_seed_derive(c->seed, SL_STREAM_SHUFFLE, 0));
    sl_status st = sl_dmaps_cfg_params(c->dc, c->x, n, 2, k, 1.0, rs, &p, NULL);
    sp.k = k;
    sp.ortho_batch = ob;
    sp.eps = p.eps * factor;
    if (st == SL_OK) st = sl_dmaps_operator(c->x, n, 2, sp.eps, p.cutoff * sqrt(factor), 0, &S);
    memset(out, 0, sizeof *out);
    out->t_setup = sl_now() - t0;
    if (st == SL_OK) st = sl_snet_train(c->x, n, 2, &sp, &S, ri, rb, tr ? sl_snet_trace_epoch : NULL, tr, &res);
    if (st == SL_OK) {
        double e = 0;
        for (int j = 0; j < k; j++) e += (res.mu[j] - sl_circle_mu(j)) * (res.mu[j] - sl_circle_mu(j));
        out->eig_err = sqrt(e);
        out->t_train = res.t_train;
        out->t_embed = res.t_embed;
        out->orth_raw = res.orth_raw;
        out->epochs = res.epochs_run;
        st = sl_principal_angles(c->ws, n, k, res.q, c->ex, ang);
    }
    if (st == SL_OK) {
        out->geodesic = sl_grassmann_geodesic(ang, k);
        out->sin2 = sl_grassmann_sin2(ang, k);
        st = sl_projection_error(c->ws, n, k, res.q, c->ex, &out->proj_err);
    }
    if (st == SL_OK)
        fprintf(stderr, "nne_eigen: SpectralNet x%g k %2d ortho batch %4d: eigenvalue error %.4g, Grassmann %.4g, "
                        "|I - Y'Y/n| %.3g, %d epochs, %.2f s\n", factor, k, ob, out->eig_err, out->geodesic, out->orth_raw,
                out->epochs, out->t_train);
    if (st == SL_OK && keep) *keep = res;
    else sl_snet_result_free(&res);
    sl_csr_free(&S);
    gsl_rng_free(rs); gsl_rng_free(ri); gsl_rng_free(rb);
    return st;
}

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "nne_eigen");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long n = 10000, kmax = 11, every = 10, samples = 3, sweep_n[16] = {1000, 2000, 5000, 10000, 20000};
    long snet_k[16] = {1, 3, 5, 7, 9, 11}, snet_ob[16] = {64, 128, 256, 512, 1024}, trace_k = 5;
    double factors[16] = {1, 4, 16, 64}, snet_f[8] = {1, 400};
    size_t n_sn = 5, n_f = 4, n_sk = 6, n_sob = 5, n_sf = 2;
    sl_dmaps_cfg dc;
    sl_snet_cfg sc;
    sl_config_docs(d.cfg, docs);
    if (sl_config_has(d.cfg, "snet.eps_factor"))
        return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: snet.eps_factor: nne_eigen trains at every factor of "
                                                     "snet_sweep.eps_factors; set those instead", sl_config_path(d.cfg)));
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) || (st = sl_config_int(d.cfg, "k_max", 1, 64, &kmax)) ||
        (st = sl_config_int(d.cfg, "plot_every", 1, 1000000, &every)) ||
        (st = sl_config_int_list(d.cfg, "sweep.points", 10, 10000000, sweep_n, 16, &n_sn)) ||
        (st = sl_config_double_list(d.cfg, "sweep.eps_factors", 1e-3, 1e6, factors, 16, &n_f)) ||
        (st = sl_config_int(d.cfg, "sweep.samples", 1, 1000, &samples)) || (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &dc)) ||
        (st = sl_snet_cfg_read(d.cfg, "snet", &sc)) ||
        (st = sl_config_double_list(d.cfg, "snet_sweep.eps_factors", 1e-6, 1e6, snet_f, 8, &n_sf)) ||
        (st = sl_config_int(d.cfg, "snet_sweep.trace_k", 1, 16, &trace_k)) ||
        (st = sl_config_int_list(d.cfg, "snet_sweep.k", 1, 16, snet_k, 16, &n_sk)) ||
        (st = sl_config_int_list(d.cfg, "snet_sweep.ortho_batches", 16, 1000000, snet_ob, 16, &n_sob)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    const int N = (int)n, K = (int)kmax, TK = (int)trace_k;
    if (K >= N) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: k_max must be below points", sl_config_path(d.cfg)));
    if (n_sf && TK > K)
        return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: snet_sweep.trace_k (%d) must be at most k_max (%d): the "
                                                     "trace compares with the diffusion map's first trace_k eigenvectors",
                                         sl_config_path(d.cfg), TK, K));
    int KX = K; /* exact eigenfunctions needed: k_max and every SpectralNet k */
    for (size_t a = 0; a < n_sk; a++) KX = (int)snet_k[a] > KX ? (int)snet_k[a] : KX;
    if (KX >= N) return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: snet_sweep.k must be below points", sl_config_path(d.cfg)));
    double *theta = malloc((size_t)N * sizeof *theta), *x = malloc((size_t)2 * N * sizeof *x),
           *ex = malloc((size_t)N * KX * sizeof *ex), *psi_tk = malloc((size_t)N * TK * sizeof *psi_tk), ang[64];
    sl_angle_index *ord = malloc((size_t)N * sizeof *ord);
    sl_results *r = NULL;
    sl_subspace_ws ws = {0};
    if (!theta || !x || !ex || !ord || !psi_tk) st = sl_fail(SL_ENOMEM, "%d points", N);
    if (st == SL_OK) st = sl_subspace_ws_alloc(&ws, N, KX);
    char seeds[96];
    snprintf(seeds, sizeof seeds, "seed %llu (points, subsample, sweep samples, SpectralNet init and batches)",
             (unsigned long long)d.seed);
    if (st == SL_OK) st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds);
    gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, 0));
    if (st == SL_OK) {
        sl_circle_sample(rd, N, SL_CIRCLE_UNIFORM, theta, x);
        for (int j = 0; j < KX; j++)
            for (int i = 0; i < N; i++) ex[(size_t)j * N + i] = sl_circle_fn(j, theta[i]);
        sl_circle_order(ord, theta, N);
        sl_results_comment(r, "unit circle, %d points, theta uniform; alpha %g; shift %g; datafold heuristic k=%ld, "
                              "subsample %ld, tol %g (eps not tuned)", N, dc.alpha, dc.shift, dc.k_nn, dc.subsample, dc.kernel_tol);
        sl_results_comment(r, "Grassmann: geodesic = sqrt(sum theta_i^2) (thesis), sin2 = sum sin^2 theta_i (SpectralNet code); "
                              "proj_err = sum_j |(I - QQ^T) psi_j|^2 onto the exact eigenfunctions; orth = |I - Psi^T Psi|_F");
        sl_results_comment(r, "times in seconds; t_total = t_setup + t_eig (diffusion maps) or t_setup + t_train + t_embed "
                              "(SpectralNet); set-up = scale heuristic + kernel (SpectralNet: the full kernel operator for "
                              "its Rayleigh quotients)");
        if (n_sf)
            sl_results_comment(r, "SpectralNet: hidden %d layers (%d, %d, %d) ELU, tanh, orthonormalisation %s; RMSProp lr %g, "
                                  "batch %d, ortho batch %d (so rows: as listed), epochs %d, patience %d; dropout %g after each hidden "
                                  "layer (training only); "
                                  "sigma^2 = factor x eps (factor 1: the thesis); mu from Rayleigh quotients on the alpha = 0 "
                                  "kernel operator; the traced training (k = %d) is also the sk k = %d and so ortho_batch = %d row",
                               sc.p.n_hidden, sc.p.hidden[0], sc.p.hidden[1], sc.p.hidden[2], sl_snet_ortho_names[sc.p.ortho],
                               sc.p.lr, sc.p.batch, sc.p.ortho_batch, sc.p.epochs, sc.p.patience, sc.p.dropout, TK, TK,
                               sc.p.ortho_batch);
        sl_results_comment(r, "columns: eig j lambda mu mu_exact | vec theta psi_0..psi_4 | ek k eig_err t_setup t_eig orth t_total | "
                              "gk k geodesic sin2 proj_err | sweep n factor eps mu12_mean mu12_sd mu34_mean mu34_sd nnz samples | "
                              "strain factor epoch loss geodesic sin2 geodesic_dmaps sin2_dmaps | seig factor j lambda mu mu_exact | "
                              "svec factor theta q_0..q_4 | sk factor k eig_err geodesic sin2 proj_err t_setup t_train t_embed "
                              "t_total orth_raw epochs | so factor ortho_batch orth_raw geodesic sin2 eig_err t_train epochs");
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
        sl_results_row(r, "ek %d %.6g %.5f %.5f %.3e %.5f", k, sqrt(e), t_scale + res.t_kernel, res.t_eig,
                       sl_orthogonality(N, k, res.psi), t_scale + res.t_kernel + res.t_eig);
        if (k == TK) memcpy(psi_tk, res.psi, (size_t)N * TK * sizeof *psi_tk);
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
    /* SpectralNet, every row once per kernel scale factor */
    const snet_ctx sctx = {.dc = &dc, .sc = &sc, .x = x, .ex = ex, .n = N, .seed = d.seed, .ws = &ws};
    for (size_t f = 0; st == SL_OK && f < n_sf; f++) {
        const double F = snet_f[f];
        sl_snet_trace tr;
        sl_snet_result res = {0};
        snet_score s0, s;
        st = sl_snet_trace_alloc(&tr, N, TK, sc.p.epochs, ex, psi_tk);
        if (st == SL_OK) st = snet_run(&sctx, F, TK, sc.p.ortho_batch, &tr, &res, &s0);
        if (st == SL_OK) {
            for (int e = 0; e < tr.count; e++)
                sl_results_row(r, "strain %g %d %.8g %.6e %.6e %.6e %.6e", F, tr.epoch[e], tr.loss[e], tr.geodesic[2 * e],
                               tr.sin2[2 * e], tr.geodesic[2 * e + 1], tr.sin2[2 * e + 1]);
            for (int j = 0; j < TK; j++) {
                sl_results_row(r, "seig %g %d %.15g %.8g %g", F, j, res.lambda[j], res.mu[j], sl_circle_mu(j));
                fprintf(stderr, "nne_eigen: SpectralNet x%g: mu_%d = %.4f (exact %g)\n", F, j, res.mu[j], sl_circle_mu(j));
            }
            const int nv = TK < 5 ? TK : 5;
            for (int a = 0; a < N; a += (int)every) {
                int i = ord[a].i;
                char line[512];
                int len = snprintf(line, sizeof line, "svec %g %.6f", F, theta[i]);
                for (int j = 0; j < nv; j++) len += snprintf(line + len, sizeof line - (size_t)len, " %.6g", res.q[(size_t)j * N + i]);
                sl_results_row(r, "%s", line);
            }
        }
        sl_snet_result_free(&res);
        sl_snet_trace_free(&tr);
        for (size_t a = 0; st == SL_OK && a < n_sk; a++) {
            const int k = (int)snet_k[a];
            if (k == TK) s = s0;
            else st = snet_run(&sctx, F, k, sc.p.ortho_batch, NULL, NULL, &s);
            if (st == SL_OK)
                sl_results_row(r, "sk %g %d %.6g %.6e %.6e %.6e %.5f %.5f %.5f %.5f %.4e %d", F, k, s.eig_err, s.geodesic, s.sin2,
                               s.proj_err, s.t_setup, s.t_train, s.t_embed, s.t_setup + s.t_train + s.t_embed, s.orth_raw,
                               s.epochs);
        }
        for (size_t a = 0; st == SL_OK && a < n_sob; a++) {
            const int ob = (int)snet_ob[a];
            if (ob == sc.p.ortho_batch) s = s0;
            else st = snet_run(&sctx, F, TK, ob, NULL, NULL, &s);
            if (st == SL_OK)
                sl_results_row(r, "so %g %d %.4e %.6e %.6e %.6g %.5f %d", F, ob, s.orth_raw, s.geodesic, s.sin2, s.eig_err,
                               s.t_train, s.epochs);
        }
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
    free(theta); free(x); free(ex); free(ord); free(psi_tk);
    return sl_driver_end(&d, st);
}
