/* test_snet — the SpectralNet half of the nne thesis: the orthonormalisation
 * (separate-batch weights and the batch-coupled kind) gives YᵀY = m·I; the
 * kind's gradient through the Cholesky factor against central differences
 * along random directions (and differs from the frozen-weights gradient, so
 * the check can fail); the trainer refuses shards > 1 for it; the
 * SpectralNet loss against its closed form (two points) and its gradient
 * against central differences; sl_dmaps_operator against sl_dmaps' spectrum;
 * Rayleigh quotients of exact eigenvectors; a short SpectralNet training on
 * the circle finds a subspace near the low Fourier modes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "data/sl_dataset.h"
#include "linalg/sl_subspace.h"
#include "nn/sl_net.h"
#include "nn/sl_orthonorm.h"
#include "nn/sl_train.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "sl_test.h"

static double gram_defect(const float *y, int m, int k) /* max |YᵀY/m − I| */
{
    double worst = 0;
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += (double)y[(size_t)i * k + a] * y[(size_t)i * k + b];
            worst = fmax(worst, fabs(s / m - (a == b)));
        }
    return worst;
}

static void test_orthonorm_gram(void)
{
    gsl_rng *r = sl_rng_new(3);
    const int m = 512, k = 6;
    float *y = malloc((size_t)m * k * sizeof *y), *out = malloc((size_t)m * k * sizeof *out), w[36];
    double work[72];
    for (int i = 0; i < m * k; i++) y[i] = (float)(gsl_rng_uniform(r) - 0.3 + 0.5 * (i % k)); /* correlated columns */
    sl_status st = sl_orthonorm_weights(y, m, k, work, w);
    sl_linear_forward(out, y, w, NULL, m, k, k);
    double e1 = gram_defect(out, m, k), e0 = gram_defect(y, m, k);
    SL_CHECK(st == SL_OK && e1 < 1e-4 && e0 > 0.1, "orthonorm_weights_gram", "max|YᵀY/m − I| %.2e (input %.2e)", e1, e0);
    int upper0 = 1;
    for (int a = 0; a < k; a++) for (int b = a + 1; b < k; b++) upper0 &= w[a * k + b] == 0;
    SL_CHECK(upper0, "orthonorm_weights_lower", "W = √m L⁻¹ is lower triangular");
    /* the kind in a network: dense 3 → 6 then orthonorm, on a batch of 300 */
    sl_layer ls[2] = {{.kind = SL_LAYER_DENSE, .n_in = 3, .n_out = k, .act = SL_ACT_TANH, .train = SL_G_W | SL_G_BIAS, .has_bias = 1},
                      {.kind = SL_LAYER_ORTHONORM, .n_in = k, .n_out = k}};
    sl_net net;
    sl_net_ws ws;
    sl_init init;
    memset(&init, 0, sizeof init);
    const int B = 300;
    float *x = malloc((size_t)B * 3 * sizeof *x);
    for (int i = 0; i < B * 3; i++) x[i] = (float)gsl_rng_uniform(r);
    st = sl_net_alloc(&net, 2, ls);
    if (st == SL_OK) { sl_net_init(&net, &init, r); st = sl_net_ws_alloc(&ws, &net, B); }
    if (st == SL_OK) { sl_net_refresh(&net, &ws); sl_net_forward(&net, &ws, x, B); }
    double e2 = st == SL_OK ? gram_defect(ws.act[2], B, k) : 1;
    SL_CHECK(st == SL_OK && e2 < 1e-4 && sl_net_batch_coupled(&net), "orthonorm_kind_gram", "max|YᵀY/B − I| %.2e", e2);
    /* the trainer refuses data-parallel shards for the coupled kind */
    int *lab = calloc(B, sizeof *lab);
    sl_dataset ds = {0};
    sl_status st2 = sl_dataset_from_floats(&ds, x, lab, B, 3, 1);
    sl_train_opts o = {.epochs = 1, .batch = 100, .optimiser = SL_OPT_SGD, .lr = 0.1f, .shards = 2,
                       .loss = {SL_LOSS_MSE, NULL, NULL}};
    if (st2 == SL_OK) st2 = sl_train(&net, &ds, &o, r, NULL, NULL);
    SL_CHECK(st2 == SL_EINVAL || st2 == SL_ECONFIG || (st2 != SL_OK && strstr(sl_errmsg(), "shards")), "orthonorm_refuses_shards",
             "status %d: %s", st2, sl_errmsg());
    sl_dataset_free(&ds);
    free(lab); free(x); free(y); free(out);
    sl_net_ws_free(&ws);
    sl_net_free(&net);
    gsl_rng_free(r);
}

/* f(X) = Σ C ⊙ orthonorm(X) + ½ Σ D ⊙ orthonorm(X)² in double from the float layer */
static double f_of(const sl_layer_ops *ops, const sl_layer *L, float *scr, const float *x, float *y, const double *c,
                   const double *dd, int n)
{
    ops->forward(L, NULL, scr, x, y, n / L->n_in, NULL);
    double f = 0;
    for (int i = 0; i < n; i++) f += c[i] * y[i] + 0.5 * dd[i] * (double)y[i] * y[i];
    return f;
}

static void test_orthonorm_grad(void)
{
    gsl_rng *r = sl_rng_new(5);
    const int B = 20, k = 4, n = B * k;
    sl_layer L = {.kind = SL_LAYER_ORTHONORM, .n_in = k, .n_out = k};
    const sl_layer_ops *ops = &sl_kind_orthonorm;
    float *scr = malloc(ops->scratch(&L, 80 / k) * sizeof *scr), x[80], xp[80], y[80], g[80], din[80], din0[80], w[16];
    double c[80], dd[80], v[80], work[32];
    for (int i = 0; i < n; i++) {
        x[i] = (float)(gsl_rng_uniform(r) * 2 - 1 + (i % k == 0 ? 1.5 : 0));
        c[i] = gsl_rng_uniform(r) - 0.5;
        dd[i] = gsl_rng_uniform(r);
    }
    f_of(ops, &L, scr, x, y, c, dd, n);
    for (int i = 0; i < n; i++) g[i] = (float)(c[i] + dd[i] * y[i]);
    ops->backward(&L, NULL, scr, x, y, g, din, NULL, B);
    /* the frozen-weights gradient (no flow through L): G (√B L⁻¹) */
    sl_orthonorm_weights(x, B, k, work, w);
    for (int b = 0; b < B; b++)
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) s += g[b * k + j] * w[j * k + i];
            din0[b * k + i] = (float)s;
        }
    double worst = 0, differ = 0;
    for (int t = 0; t < 6; t++) {
        double nv = 0, an = 0, an0 = 0;
        for (int i = 0; i < n; i++) { v[i] = gsl_rng_uniform(r) * 2 - 1; nv += v[i] * v[i]; }
        for (int i = 0; i < n; i++) { v[i] /= sqrt(nv); an += din[i] * v[i]; an0 += din0[i] * v[i]; }
        const double h = 2e-3;
        for (int i = 0; i < n; i++) xp[i] = (float)(x[i] + h * v[i]);
        double fp = f_of(ops, &L, scr, xp, y, c, dd, n);
        for (int i = 0; i < n; i++) xp[i] = (float)(x[i] - h * v[i]);
        double fm = f_of(ops, &L, scr, xp, y, c, dd, n);
        const double fd = (fp - fm) / (2 * h);
        worst = fmax(worst, fabs(fd - an) / (fabs(fd) + 1e-2));
        differ = fmax(differ, fabs(fd - an0) / (fabs(fd) + 1e-2));
    }
    SL_CHECK(worst < 5e-3, "orthonorm_kind_grad_fd", "6 random directions: worst relative error %.2e", worst);
    SL_CHECK(differ > 5e-2, "orthonorm_grad_not_frozen", "frozen-weights gradient is off by %.2e (the test can fail)", differ);
    free(scr);
    gsl_rng_free(r);
}

static void test_loss(void)
{
    /* two points at distance r: W = [[1, w], [w, 1]], d = 1 + w, L = 2 w ‖y1 − y2‖² / (1 + w) / (2·2) */
    const double x[4] = {0, 0, 0.3, 0.4}, eps = 0.02;
    float out[4] = {0.5f, -0.25f, -0.1f, 0.7f}, dout[4], scr[4];
    uint32_t idx[2] = {0, 1};
    sl_loss_batch yb = {NULL, NULL, idx};
    sl_snet_loss_ctx c = {.x = x, .d = 2, .eps = eps};
    SL_CHECK(sl_snet_loss_ctx_alloc(&c, 2) == SL_OK, "snet_loss_alloc", "scratch for 2");
    double L = sl_snet_loss(&c, out, &yb, 2, 2, scr, dout);
    sl_snet_loss_ctx_free(&c);
    const double w = exp(-0.25 / (2 * eps)), dy = (0.5 + 0.1) * (0.5 + 0.1) + (-0.25 - 0.7) * (-0.25 - 0.7);
    const double ref = 2 * w * dy / (1 + w) / 4;
    SL_CHECK(fabs(L - ref) < 1e-6 * ref, "snet_loss_two_points", "L %.8g, closed form %.8g", L, ref);
    /* gradient on a random batch of 40 points in the plane */
    gsl_rng *r = sl_rng_new(8);
    enum { B = 40, C = 3 };
    double xs[B * 2], v[B * C];
    float y[B * C], yp[B * C], g[B * C], s2[B * C];
    uint32_t id[B];
    for (int i = 0; i < B; i++) { xs[2 * i] = gsl_rng_uniform(r); xs[2 * i + 1] = gsl_rng_uniform(r); id[i] = (uint32_t)(B - 1 - i); }
    for (int i = 0; i < B * C; i++) y[i] = (float)(gsl_rng_uniform(r) * 2 - 1);
    sl_loss_batch yb2 = {NULL, NULL, id};
    sl_snet_loss_ctx c2 = {.x = xs, .d = 2, .eps = 0.01};
    SL_CHECK(sl_snet_loss_ctx_alloc(&c2, B) == SL_OK, "snet_loss_alloc", "scratch for %d", B);
    sl_snet_loss(&c2, y, &yb2, B, C, s2, g);
    double worst = 0;
    for (int t = 0; t < 5; t++) {
        double nv = 0, an = 0;
        for (int i = 0; i < B * C; i++) { v[i] = gsl_rng_uniform(r) * 2 - 1; nv += v[i] * v[i]; }
        for (int i = 0; i < B * C; i++) { v[i] /= sqrt(nv); an += g[i] * v[i]; }
        const double h = 1e-2;
        for (int i = 0; i < B * C; i++) yp[i] = (float)(y[i] + h * v[i]);
        double fp = sl_snet_loss(&c2, yp, &yb2, B, C, s2, NULL);
        for (int i = 0; i < B * C; i++) yp[i] = (float)(y[i] - h * v[i]);
        double fm = sl_snet_loss(&c2, yp, &yb2, B, C, s2, NULL);
        worst = fmax(worst, fabs((fp - fm) / (2 * h) - an) / (fabs(an) + 1e-3));
    }
    SL_CHECK(worst < 2e-3, "snet_loss_grad_fd", "5 random directions: worst relative error %.2e", worst);
    sl_snet_loss_ctx_free(&c2);
    gsl_rng_free(r);
}

static double sq(double v) { return v * v; }

/* the dense B × B loop the sparse loss must equal bit for bit: every pair
 * through exp (no cut), all zeros added */
static double loss_dense(const double *xs, const uint32_t *id, int B, int C, double eps, const float *y, float *g)
{
    double *rs = malloc((size_t)B * sizeof *rs), L = 0;
#define W(i, j) ((i) == (j) ? 1.0f : (float)exp(-(sq(xs[2 * id[i]] - xs[2 * id[j]]) + sq(xs[2 * id[i] + 1] - xs[2 * id[j] + 1])) / (2 * eps)))
    for (int i = 0; i < B; i++) {
        double s = 0;
        for (int j = 0; j < B; j++) s += W(i, j);
        rs[i] = (float)(1 / sqrt(s));
    }
    for (int i = 0; i < B; i++)
        for (int a = 0; a < C; a++) {
            const double zi = (double)y[i * C + a] * rs[i];
            double gg = 0;
            for (int j = 0; j < B; j++) {
                const double wij = W(i, j), diff = zi - (double)y[j * C + a] * rs[j];
                L += wij * diff * diff;
                gg += wij * diff;
            }
            g[i * C + a] = (float)(2.0 / B * gg * rs[i]);
        }
#undef W
    free(rs);
    return L / (2.0 * B);
}

/* The loss builds the affinity sparse (sorted by the first coordinate,
 * pairs only within the cut, rows put in column order): bit for bit the
 * dense loop, on batches whose affinity is mostly zeros, mostly nonzero,
 * with pairs just either side of the cut, in the plane (the second
 * coordinate decides), with ties in the first coordinate and a point twice. */
static void test_loss_sparse_exact(void)
{
    enum { B = 64, C = 3, N = 2 * B };
    gsl_rng *r = sl_rng_new(12);
    double xs[N * 2];
    float y[B * C], g[B * C], gref[B * C], s2[B];
    uint32_t id[B];
    for (int i = 0; i < B * C; i++) y[i] = (float)(gsl_rng_uniform(r) * 2 - 1);
    sl_snet_loss_ctx c = {.x = xs, .d = 2};
    SL_CHECK(sl_snet_loss_ctx_alloc(&c, B) == SL_OK, "snet_loss_alloc", "scratch for %d", B);
    int bad = 0, cases = 0;
    for (int e = 0; e < 7; e++, cases++) {
        for (int i = 0; i < N; i++) { xs[2 * i] = gsl_rng_uniform(r); xs[2 * i + 1] = e < 3 ? 0 : gsl_rng_uniform(r); }
        for (int i = 0; i < B; i++) id[i] = (uint32_t)(e < 3 ? i : (i * 37 + 5) % N);
        c.eps = (double[]){1e-4, 1.0, 1e-3, 1e-3, 1e-2, 3e-4, 1e-3}[e];
        if (e == 2) /* the pair (0, 1) at q = 103.9 and (0, 2) at 104.1 */
            xs[2] = xs[0] + sqrt(2 * 103.9 * 1e-3), xs[4] = xs[0] + sqrt(2 * 104.1 * 1e-3);
        if (e == 5) /* ties: first coordinates on a grid of 8 values */
            for (int i = 0; i < N; i++) xs[2 * i] = floor(xs[2 * i] * 8) / 8;
        if (e == 6) id[7] = id[3]; /* a point twice in the batch */
        const double L = sl_snet_loss(&c, y, &(sl_loss_batch){NULL, NULL, id}, B, C, s2, g);
        const double Lr = loss_dense(xs, id, B, C, c.eps, y, gref);
        bad += memcmp(&L, &Lr, sizeof L) != 0 || memcmp(g, gref, sizeof g) != 0;
    }
    SL_CHECK(bad == 0, "snet_loss_sparse_exact", "%d of %d batches differ from the dense loop", bad, cases);
    sl_snet_loss_ctx_free(&c);
    gsl_rng_free(r);
}

static void test_operator_and_train(void)
{
    gsl_rng *r = sl_rng_new(11);
    const int n = 1500, k = 3;
    double *th = malloc(n * sizeof *th), *x = malloc(2 * n * sizeof *x), *sv = malloc(n * sizeof *sv);
    sl_circle_sample(r, n, SL_CIRCLE_UNIFORM, th, x);
    const double eps = 2e-3, cut = sqrt(2 * eps * log(1e8));
    sl_dmaps_params p = {eps, cut, 0, k, 1.0001, 0, SL_DMAPS_SPARSE};
    sl_dmaps_result dm = {0};
    sl_csr S = {0};
    sl_status st = sl_dmaps(x, n, 2, &p, &dm);
    if (st == SL_OK) st = sl_dmaps_operator(x, n, 2, eps, cut, 0, &S);
    /* φ_j = d^{1/2} ψ_j normalised are eigenvectors of S: Rayleigh quotient = λ_j, residual small */
    double worst = 1, res = 1;
    if (st == SL_OK) {
        worst = 0; res = 0;
        for (int j = 0; j < k; j++) {
            double *phi = malloc(n * sizeof *phi), nn = 0, rq = 0, rr = 0;
            for (int i = 0; i < n; i++) { phi[i] = dm.psi[(size_t)j * n + i] * dm.dhalf[i]; nn += phi[i] * phi[i]; }
            for (int i = 0; i < n; i++) phi[i] /= sqrt(nn);
            sl_csr_matvec(&S, phi, n, sv, n);
            for (int i = 0; i < n; i++) rq += phi[i] * sv[i];
            for (int i = 0; i < n; i++) rr += (sv[i] - rq * phi[i]) * (sv[i] - rq * phi[i]);
            worst = fmax(worst, fabs(rq - dm.lambda[j]));
            res = fmax(res, sqrt(rr));
            free(phi);
        }
    }
    SL_CHECK(st == SL_OK && worst < 1e-10 && res < 1e-7 && sl_csr_asymmetry(&S) < 1e-15, "dmaps_operator_rayleigh",
             "|q Sq − λ| %.2e, residual %.2e", worst, res);
    /* a short SpectralNet training (both modes): the subspace of its 3 outputs near {1, cos θ, sin θ}. The
     * separate-batch mode trains 30 epochs: after 15, 2 of 8 seed pairs (s, s + 1), s = 1..8, were still far
     * from the subspace (sin² > 0.3) with libm's tanhf (s = 2, 8) and 2 with sl_layer.c's tanh (s = 1, 6: this
     * test's seeds); after 30 epochs, none (max 0.10) */
    for (int mode = 0; mode < 2; mode++) {
        sl_snet_params sp = {.k = k, .n_hidden = 3, .hidden = {64, 32, 16}, .epochs = mode == SL_SNET_SEPARATE ? 30 : 15,
                             .batch = 256, .ortho_batch = 512,
                             .patience = 0, .lr = 1e-3f, .eps = 0.02, .ortho = (sl_snet_ortho)mode};
        sl_snet_result sr = {0};
        gsl_rng *ri = sl_rng_new(1), *rb = sl_rng_new(2);
        sl_status s2 = st == SL_OK ? sl_snet_train(x, n, 2, &sp, &S, ri, rb, NULL, NULL, &sr) : st;
        double *ex = malloc((size_t)n * k * sizeof *ex), ang[3] = {9, 9, 9};
        for (int i = 0; i < n; i++) { ex[i] = 1; ex[n + i] = cos(th[i]); ex[2 * n + i] = sin(th[i]); }
        sl_subspace_ws sw = {0};
        if (s2 == SL_OK) s2 = sl_subspace_ws_alloc(&sw, n, k);
        if (s2 == SL_OK) s2 = sl_principal_angles(&sw, n, k, sr.q, ex, ang);
        double sin2 = sl_grassmann_sin2(ang, k), orth = s2 == SL_OK ? sl_orthogonality(n, k, sr.q) : 1;
        SL_CHECK(s2 == SL_OK && sin2 < 0.2 && orth < 1e-10 && sr.mu[0] <= sr.mu[1] && sr.mu[1] <= sr.mu[2],
                 mode ? "snet_train_circle_batch" : "snet_train_circle_separate",
                 "Σsin²θ %.3g to {1, cos, sin}, ‖I − QᵀQ‖ %.1e, μ %.3g %.3g %.3g (%s)", sin2, orth,
                 s2 == SL_OK ? sr.mu[0] : NAN, s2 == SL_OK ? sr.mu[1] : NAN, s2 == SL_OK ? sr.mu[2] : NAN,
                 s2 == SL_OK ? "ok" : sl_errmsg());
        sl_subspace_ws_free(&sw);
        sl_snet_result_free(&sr);
        gsl_rng_free(ri); gsl_rng_free(rb);
        free(ex);
    }
    sl_csr_free(&S);
    sl_dmaps_result_free(&dm);
    free(th); free(x); free(sv);
    gsl_rng_free(r);
}

/* SpectralNet with dropout: reproducible from its seeds, different from the
 * same training without dropout, and a rate outside [0, 1) refused. */
static void test_snet_dropout(void)
{
    gsl_rng *r = sl_rng_new(13);
    const int n = 800, k = 2;
    double *th = malloc(n * sizeof *th), *x = malloc(2 * n * sizeof *x);
    sl_circle_sample(r, n, SL_CIRCLE_UNIFORM, th, x);
    sl_snet_params sp = {.k = k, .n_hidden = 2, .hidden = {16, 8}, .epochs = 2, .batch = 128, .ortho_batch = 256,
                         .patience = 0, .lr = 1e-3f, .eps = 0.02, .dropout = 0.2f, .ortho = SL_SNET_SEPARATE};
    sl_snet_result a = {0}, b = {0}, c = {0};
    sl_status st[3];
    for (int t = 0; t < 3; t++) {
        gsl_rng *ri = sl_rng_new(1), *rb = sl_rng_new(2);
        sp.dropout = t < 2 ? 0.2f : 0.0f;
        st[t] = sl_snet_train(x, n, 2, &sp, NULL, ri, rb, NULL, NULL, t == 0 ? &a : t == 1 ? &b : &c);
        gsl_rng_free(ri); gsl_rng_free(rb);
    }
    const int ok = st[0] == SL_OK && st[1] == SL_OK && st[2] == SL_OK;
    SL_CHECK(ok && memcmp(a.q, b.q, (size_t)n * k * sizeof *a.q) == 0 && memcmp(a.q, c.q, (size_t)n * k * sizeof *a.q) != 0,
             "snet_dropout_reproducible", "same seeds same embedding, dropout 0 another (%s)", ok ? "ok" : sl_errmsg());
    sl_snet_result_free(&a); sl_snet_result_free(&b); sl_snet_result_free(&c);
    sp.dropout = 1.0f;
    gsl_rng *ri = sl_rng_new(1), *rb = sl_rng_new(2);
    sl_status s1 = sl_snet_train(x, n, 2, &sp, NULL, ri, rb, NULL, NULL, &a);
    SL_CHECK(s1 == SL_EINVAL && strstr(sl_errmsg(), "dropout"), "snet_dropout_rate_checked", "%d %s", s1, sl_errmsg());
    gsl_rng_free(ri); gsl_rng_free(rb); gsl_rng_free(r);
    free(th); free(x);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    test_orthonorm_gram();
    test_orthonorm_grad();
    test_loss();
    test_loss_sparse_exact();
    test_operator_and_train();
    test_snet_dropout();
    return sl_test_done();
}
