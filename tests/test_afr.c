/* test_afr — the afr paper's pieces and the generic ones added for it:
 * the data generators' statistics against their definitions (within
 * sampling error), the relevance score against its formula on a hand-built
 * layer and against the column norms of W, central-difference gradients
 * (random directions) of loss + L2 penalty (λ and φ, first layer only),
 * the sparse-input path of the spectral layer against the dense one, the
 * input gradient against central differences, and the importance rankings
 * on a network that provably ignores a feature. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "afr/sl_afr.h"
#include "afr/sl_afr_run.h"
#include "core/sl_rng.h"
#include "nn/sl_importance.h"
#include "nn/sl_net.h"
#include "sl_test.h"

static void test_indep(gsl_rng *r)
{
    enum { N = 40000, D = 4 };
    const double gap[D] = {0, 0.5, 1.0, 2.0}, sigma = 1.5;
    sl_dataset ds = {0};
    if (sl_afr_gauss_indep(&ds, N, D, gap, sigma, r) != SL_OK) { SL_CHECK(0, "indep: generate", "%s", sl_errmsg()); return; }
    int ok = ds.n == N && ds.n_features == D && ds.n_classes == 2;
    double worst = 0;
    for (int c = 0; c < 2; c++)
        for (int i = 0; i < D; i++) {
            double s = 0, s2 = 0;
            size_t m = 0;
            for (size_t k = 0; k < ds.n; k++) {
                if (ds.y[k] != c) continue;
                const double v = ds.xf[k * D + i];
                s += v; s2 += v * v; m++;
            }
            ok &= m == N / 2;
            const double mean = s / m, sd = sqrt(s2 / m - mean * mean), want = (c ? 0.5 : -0.5) * gap[i];
            const double zm = fabs(mean - want) / (sigma / sqrt(m)), zs = fabs(sd - sigma) / (sigma / sqrt(2.0 * m));
            if (zm > worst) worst = zm;
            if (zs > worst) worst = zs;
        }
    SL_CHECK(ok && worst < 4.5, "indep: class means ∓gap/2 and sd sigma within sampling error, classes balanced",
             "largest z %.2f (ok %d)", worst, ok);
    sl_dataset_free(&ds);
}

static void test_corr(gsl_rng *r)
{
    enum { N = 40000, P = 3, NOISE = 2, D = 2 * P + NOISE };
    const double p[P] = {0.0, 0.3, 1.0};
    sl_dataset ds = {0};
    if (sl_afr_gauss_corr(&ds, N, P, p, NOISE, r) != SL_OK) { SL_CHECK(0, "corr: generate", "%s", sl_errmsg()); return; }
    size_t unequal0 = 0, odd = 0, flips[P] = {0}, n1 = 0;
    for (size_t k = 0; k < ds.n; k++) {
        const float *x = ds.xf + k * D;
        if (ds.y[k] == 1) n1++;
        for (int q = 0; q < P; q++) {
            if (ds.y[k] == 0) unequal0 += x[2 * q + 1] != x[2 * q];
            else if (x[2 * q + 1] == -x[2 * q]) flips[q]++;
            else odd += x[2 * q + 1] != x[2 * q];
        }
    }
    double worst = 0;
    for (int q = 0; q < P; q++) {
        const double rate = (double)flips[q] / n1, se = sqrt(fmax(p[q] * (1 - p[q]), 1e-12) / n1);
        const double z = p[q] == 0 || p[q] == 1 ? (rate == p[q] ? 0 : 99) : fabs(rate - p[q]) / se;
        if (z > worst) worst = z;
    }
    SL_CHECK(unequal0 == 0 && odd == 0, "corr: class 0 pairs equal; class 1 pairs equal or sign-flipped",
             "%zu unequal class-0 pairs, %zu class-1 pairs neither", unequal0, odd);
    SL_CHECK(worst < 4.5, "corr: class-1 flip rates p within sampling error (p = 0 and 1 exact)", "largest z %.2f", worst);
    /* every feature N(0, 1) in both classes (the pairs are invisible feature by feature) */
    double zmax = 0;
    for (int i = 0; i < D; i++)
        for (int c = 0; c < 2; c++) {
            double s = 0, s2 = 0;
            size_t m = 0;
            for (size_t k = 0; k < ds.n; k++)
                if (ds.y[k] == c) { const double v = ds.xf[k * D + i]; s += v; s2 += v * v; m++; }
            const double mean = s / m, sd = sqrt(s2 / m - mean * mean);
            zmax = fmax(zmax, fmax(fabs(mean) * sqrt(m), fabs(sd - 1) * sqrt(2.0 * m)));
        }
    SL_CHECK(zmax < 4.5, "corr: every feature N(0,1) in each class within sampling error", "largest z %.2f", zmax);
    sl_dataset ds2 = {0};
    const double bad = 1.5;
    SL_CHECK(sl_afr_gauss_corr(&ds2, 10, 1, &bad, 0, r) == SL_EINVAL, "corr: p outside [0, 1] refused", "accepted");
    sl_dataset_free(&ds);
    sl_dataset_free(&ds2);
}

/* a small afr network: n → 6 → 5 → 3, ReLU; random φ, λ */
static sl_status small_net(sl_net *net, int n, gsl_rng *r)
{
    sl_afr_arch a = {3, {n, 6, 5, 3}, {SL_ACT_RELU, SL_ACT_RELU, SL_ACT_IDENTITY}, {-0.6f, 0.6f}, {0.5f, 1.5f}};
    return sl_afr_build(net, &a, r);
}

static void test_score(gsl_rng *r)
{
    sl_net net;
    if (small_net(&net, 4, r) != SL_OK) { SL_CHECK(0, "score: build", "%s", sl_errmsg()); return; }
    const sl_layer *L = &net.layers[0];
    /* hand-built first layer: φ (6, 4) rows j, columns i; λ = (2, −1, 0, 0.5) */
    const float lam[4] = {2, -1, 0, 0.5f};
    float *phi = net.params + L->goff[SL_GI_PHI];
    for (int j = 0; j < 6; j++)
        for (int i = 0; i < 4; i++) phi[j * 4 + i] = (float)((i + 1) * (j % 2 ? -1 : 1)) * 0.5f; /* |φ_ji| = (i+1)/2 */
    memcpy(net.params + L->goff[SL_GI_LAMBDA_IN], lam, sizeof lam);
    double s[4], w[24];
    float wf[24];
    sl_afr_scores(&net, s);
    /* by the formula: λ_i sqrt(Σ_j φ_ji²) = λ_i (i+1)/2 · sqrt(6) */
    double err = 0, err_w = 0;
    for (int i = 0; i < 4; i++) err = fmax(err, fabs(s[i] - lam[i] * (i + 1) * 0.5 * sqrt(6.0)));
    sl_net_layer_weights(&net, 0, wf, NULL);
    for (int k = 0; k < 24; k++) w[k] = wf[k];
    for (int i = 0; i < 4; i++) {
        double c = 0;
        for (int j = 0; j < 6; j++) c += w[j * 4 + i] * w[j * 4 + i];
        err_w = fmax(err_w, fabs(fabs(s[i]) - sqrt(c)));
    }
    SL_CHECK(err < 1e-6, "score: lambda_i * ||phi_.i||_2 on a hand-built layer", "max error %.3g", err);
    SL_CHECK(err_w < 1e-5, "score: |score_i| = norm of column i of the effective W (lambda_out = 0)", "max error %.3g", err_w);
    int frozen_out = 1;
    for (int l = 0; l < net.n_layers; l++) {
        const sl_layer *M = &net.layers[l];
        for (size_t k = 0; k < M->gsize[SL_GI_LAMBDA_OUT]; k++)
            frozen_out &= net.params[M->goff[SL_GI_LAMBDA_OUT] + k] == 0 && !net.trainable[M->goff[SL_GI_LAMBDA_OUT] + k];
    }
    SL_CHECK(frozen_out, "build: destination eigenvalues 0 and frozen in every layer", "not so");
    sl_net_free(&net);
}

/* loss + penalty at the current parameters */
static double objective(sl_net *net, sl_net_ws *ws, const float *x, const int *y, int B, const float *coef)
{
    sl_net_refresh(net, ws);
    sl_net_forward(net, ws, x, B);
    return sl_net_loss(net, ws, y, B, NULL) + sl_l2_penalty(net->params, coef, net->trainable, net->n_params, NULL);
}

/* central difference of loss + L2 along random directions, dense or sparse input */
static void gradcheck_l2(gsl_rng *r, int sparse)
{
    enum { B = 8, N = 40 };
    sl_net net;
    if (small_net(&net, N, r) != SL_OK) { SL_CHECK(0, "l2 grad: build", "%s", sl_errmsg()); return; }
    net.layers[0].sparse_in = sparse;
    float x[B * N];
    int y[B];
    for (int k = 0; k < B * N; k++) x[k] = sparse && gsl_rng_uniform(r) < 0.85 ? 0.0f : (float)(2 * gsl_rng_uniform(r) - 1);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, 3);
    sl_l2 l2 = {{0}, 1u};                 /* first layer only */
    l2.c[SL_GI_LAMBDA_IN] = 0.3f;
    l2.c[SL_GI_PHI] = 0.2f;
    float *coef = malloc(net.n_params * sizeof *coef);
    sl_net_l2_coeffs(&net, &l2, coef);
    int mask_ok = 1;
    for (int l = 0; l < net.n_layers; l++)
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            for (size_t k = 0; k < net.layers[l].gsize[gi]; k++)
                mask_ok &= coef[net.layers[l].goff[gi] + k] == (l == 0 ? l2.c[gi] : 0.0f);
    if (!sparse) SL_CHECK(mask_ok, "l2 layers mask: coefficients only in the listed layers", "mismatch");
    sl_net_ws ws;
    sl_net_ws_alloc(&ws, &net, B);
    double worst = 0;
    for (int t = 0; t < 3; t++) {
        memset(net.grads, 0, net.n_params * sizeof(float));
        sl_net_refresh(&net, &ws);
        sl_net_forward(&net, &ws, x, B);
        sl_net_loss(&net, &ws, y, B, net.grads);
        sl_l2_penalty(net.params, coef, net.trainable, net.n_params, net.grads);
        double *dir = malloc(net.n_params * sizeof *dir), gd = 0;
        float *save = malloc(net.n_params * sizeof *save);
        memcpy(save, net.params, net.n_params * sizeof *save);
        for (size_t i = 0; i < net.n_params; i++) {
            dir[i] = net.trainable[i] ? 2 * gsl_rng_uniform(r) - 1 : 0;
            gd += net.grads[i] * dir[i];
        }
        const double eps = 1e-3;
        double f[2];
        for (int k = 0; k < 2; k++) {
            for (size_t i = 0; i < net.n_params; i++) net.params[i] = (float)(save[i] + (k ? -eps : eps) * dir[i]);
            f[k] = objective(&net, &ws, x, y, B, coef);
        }
        memcpy(net.params, save, net.n_params * sizeof *save);
        const double fd = (f[0] - f[1]) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-6);
        worst = fmax(worst, rel);
        free(dir); free(save);
    }
    SL_CHECK(worst < 1e-2, sparse ? "l2 grad: loss + L2(lambda, phi; layer 0) = central difference, sparse input path"
                                  : "l2 grad: loss + L2(lambda, phi; layer 0) = central difference, 3 random directions",
             "worst rel %.3g", worst);
    free(coef);
    sl_net_ws_free(&ws);
    sl_net_free(&net);
}

/* the sparse path computes the same forward values and gradients as the dense one */
static void test_sparse_path(gsl_rng *r)
{
    enum { B = 16, N = 64 };
    sl_net net;
    if (small_net(&net, N, r) != SL_OK) { SL_CHECK(0, "sparse: build", "%s", sl_errmsg()); return; }
    float x[B * N];
    int y[B];
    for (int k = 0; k < B * N; k++) x[k] = gsl_rng_uniform(r) < 0.8 ? 0.0f : (float)gsl_rng_uniform(r);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, 3);
    float *g[2], out[2][B * 3];
    for (int s = 0; s < 2; s++) {
        net.layers[0].sparse_in = s;
        sl_net_ws ws;
        sl_net_ws_alloc(&ws, &net, B);
        g[s] = calloc(net.n_params, sizeof(float));
        sl_net_forward(&net, &ws, x, B);
        memcpy(out[s], ws.act[net.n_layers], sizeof out[s]);
        sl_net_loss(&net, &ws, y, B, g[s]);
        sl_net_ws_free(&ws);
    }
    double eo = 0, eg = 0, gmax = 0;
    for (int k = 0; k < B * 3; k++) eo = fmax(eo, fabs(out[0][k] - out[1][k]));
    for (size_t k = 0; k < net.n_params; k++) { eg = fmax(eg, fabs(g[0][k] - g[1][k])); gmax = fmax(gmax, fabs(g[0][k])); }
    SL_CHECK(eo < 1e-5 && eg < 1e-5 * fmax(gmax, 1) && gmax > 0,
             "sparse input path: same outputs and gradients as the dense product", "out %.3g, grad %.3g (max %.3g)", eo, eg, gmax);
    free(g[0]); free(g[1]);
    sl_net_free(&net);
}

static void test_input_grad(gsl_rng *r)
{
    enum { B = 5, N = 7 };
    sl_net net;
    if (small_net(&net, N, r) != SL_OK) { SL_CHECK(0, "input grad: build", "%s", sl_errmsg()); return; }
    float x[B * N], xp[B * N], dx[B * N], dout[B * 3];
    for (int k = 0; k < B * N; k++) x[k] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (int k = 0; k < B * 3; k++) dout[k] = (float)(2 * gsl_rng_uniform(r) - 1);
    sl_net_ws ws;
    sl_net_ws_alloc(&ws, &net, B);
    sl_net_forward(&net, &ws, x, B);
    sl_status st = sl_net_input_grad(&net, &ws, dout, B, dx);
    /* f(x) = Σ dout ⊙ output(x): directional derivative along a random u */
    double u[B * N], gd = 0, f[2];
    for (int k = 0; k < B * N; k++) { u[k] = 2 * gsl_rng_uniform(r) - 1; gd += dx[k] * u[k]; }
    const double eps = 1e-3;
    for (int s = 0; s < 2; s++) {
        for (int k = 0; k < B * N; k++) xp[k] = (float)(x[k] + (s ? -eps : eps) * u[k]);
        sl_net_forward(&net, &ws, xp, B);
        f[s] = 0;
        for (int k = 0; k < B * 3; k++) f[s] += dout[k] * ws.act[net.n_layers][k];
    }
    const double fd = (f[0] - f[1]) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-6);
    SL_CHECK(st == SL_OK && rel < 1e-2, "sl_net_input_grad = central difference along a random direction",
             "analytic %.6g, difference %.6g (rel %.2g)", gd, fd, rel);
    sl_net_ws_free(&ws);
    sl_net_free(&net);
}

/* A network whose first layer ignores feature 2 (λ_2 = 0): its permutation
 * importance and input gradient are exactly 0, its spectral score 0; the
 * others are not. Ranking by magnitude puts it last. */
static void test_importance(gsl_rng *r)
{
    enum { N = 5, M = 300 };
    sl_net net;
    if (small_net(&net, N, r) != SL_OK) { SL_CHECK(0, "importance: build", "%s", sl_errmsg()); return; }
    net.params[net.layers[0].goff[SL_GI_LAMBDA_IN] + 2] = 0;
    float *x = malloc(M * N * sizeof *x);
    int *y = malloc(M * sizeof *y);
    for (int k = 0; k < M * N; k++) x[k] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (int k = 0; k < M; k++) y[k] = (int)gsl_rng_uniform_int(r, 3);
    double perm[N], grad[N], spec[N];
    float *x0 = malloc(M * N * sizeof *x0);
    memcpy(x0, x, M * N * sizeof *x);
    sl_status st = sl_perm_importance(&net, x, y, M, 64, 3, r, perm);
    if (st == SL_OK) st = sl_grad_importance(&net, x, y, M, 64, grad);
    if (st == SL_OK) st = sl_afr_scores(&net, spec);
    int others = 1;
    for (int i = 0; i < N; i++) if (i != 2) others &= perm[i] != 0 && grad[i] > 0 && spec[i] != 0;
    SL_CHECK(st == SL_OK && perm[2] == 0 && grad[2] == 0 && spec[2] == 0 && others,
             "importance: an ignored feature scores exactly 0 by all three rankings, the others not",
             "perm %.3g grad %.3g spec %.3g", perm[2], grad[2], spec[2]);
    SL_CHECK(memcmp(x, x0, M * N * sizeof *x) == 0, "importance: permutation leaves the data as it was", "changed");
    int order[N];
    sl_rank_by_magnitude(grad, N, order);
    int sorted = order[N - 1] == 2;
    for (int k = 1; k < N; k++) sorted &= fabs(grad[order[k - 1]]) >= fabs(grad[order[k]]);
    SL_CHECK(sorted, "rank_by_magnitude: decreasing |score|, the ignored feature last", "order wrong");
    /* masked evaluation: keeping every feature equals no mask; dropping the ignored one changes nothing */
    uint8_t keep[N] = {1, 1, 1, 1, 1};
    double l0, l1, l2v;
    sl_eval_rows(&net, x, y, M, 64, NULL, &l0, NULL);
    sl_eval_rows(&net, x, y, M, 64, keep, &l1, NULL);
    keep[2] = 0;
    sl_eval_rows(&net, x, y, M, 64, keep, &l2v, NULL);
    keep[2] = 1; keep[0] = 0;
    double l3;
    sl_eval_rows(&net, x, y, M, 64, keep, &l3, NULL);
    SL_CHECK(l0 == l1 && l0 == l2v && l3 != l0, "eval_rows: masked features fed as zeros (ignored one: no change)",
             "%.9g %.9g %.9g %.9g", l0, l1, l2v, l3);
    const double a[4] = {0.1, -0.5, 2, 1}, b[4] = {1, 2, 4, 3};
    SL_CHECK(fabs(sl_afr_spearman_abs(a, b, 4) - 1) < 1e-12, "spearman of |a| with b: 1 for the same order", "%g",
             sl_afr_spearman_abs(a, b, 4));
    free(x); free(x0); free(y);
    sl_net_free(&net);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    gsl_rng *r = sl_rng_new(20240603);
    test_indep(r);
    test_corr(r);
    test_score(r);
    gradcheck_l2(r, 0);
    gradcheck_l2(r, 1);
    test_sparse_path(r);
    test_input_grad(r);
    test_importance(r);
    gsl_rng_free(r);
    return sl_test_done();
}
