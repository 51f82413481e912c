/* test_nn — the network core against independent computations:
 * central-difference gradients for every layer kind, activation and group;
 * the spectral layer against the explicit Φ Λ Φ⁻¹ (inverse from LAPACKE);
 * retraction; optimiser first steps by hand; NaN reporting. */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_rng.h"
#include "nn/sl_model.h"
#include "nn/sl_net.h"
#include "nn/sl_optim.h"
#include "sl_test.h"

enum { B = 6 };

static double loss_at(sl_net *net, sl_net_ws *ws, const float *x, const int *y)
{
    sl_net_refresh(net, ws);
    sl_net_forward(net, ws, x, B);
    return sl_net_loss(net, ws, y, B, NULL);
}

/* Directional central difference on the parameters in [off, off+n):
 * direction d_i = g_i u_i with u_i ~ U[0.5, 1.5] (so the derivative Σ g_i² u_i
 * is far from zero and every component's sign and size matter). */
static void gradcheck(const char *name, sl_net *net, const float *x, const int *y, size_t off, size_t n,
                      gsl_rng *r)
{
    sl_net_ws ws;
    if (sl_net_ws_alloc(&ws, net, B) != SL_OK) { SL_CHECK(0, name, "alloc"); return; }
    memset(net->grads, 0, net->n_params * sizeof(float));
    sl_net_forward(net, &ws, x, B);
    sl_net_loss(net, &ws, y, B, net->grads);
    double *dir = malloc(n * sizeof *dir), gd = 0, gnorm = 0;
    float *save = malloc(n * sizeof *save);
    memcpy(save, net->params + off, n * sizeof *save);
    for (size_t i = 0; i < n; i++) {
        double g = net->grads[off + i];
        dir[i] = g * (0.5 + gsl_rng_uniform(r));
        gd += g * dir[i];
        gnorm += dir[i] * dir[i];
    }
    /* a small step: a ReLU kink inside [−ε, ε] would spoil the difference */
    double eps = 1e-3 / sqrt(gnorm > 0 ? gnorm : 1), lp, lm;
    for (size_t i = 0; i < n; i++) net->params[off + i] = (float)(save[i] + eps * dir[i]);
    lp = loss_at(net, &ws, x, y);
    for (size_t i = 0; i < n; i++) net->params[off + i] = (float)(save[i] - eps * dir[i]);
    lm = loss_at(net, &ws, x, y);
    memcpy(net->params + off, save, n * sizeof *save);
    double fd = (lp - lm) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-6);
    SL_CHECK(gnorm > 0 && rel < 2e-2, name, "analytic %.6g, central difference %.6g (rel %.2g)", gd, fd, rel);
    printf("   %-48s rel diff %.2e\n", name, rel);
    free(dir);
    free(save);
    sl_net_ws_free(&ws);
}

static void check_net(const char *tag, const sl_layer *layers, int nl, gsl_rng *r)
{
    sl_net net;
    if (sl_net_alloc(&net, nl, layers) != SL_OK) { SL_CHECK(0, tag, "%s", sl_errmsg()); return; }
    sl_init init = {-0.5f, 0.5f, -0.8f, 0.8f, 0};
    sl_net_init(&net, &init, r);
    for (size_t i = 0; i < net.n_params; i++) net.params[i] += (float)(0.1 * gsl_rng_uniform(r)); /* biases ≠ 0 */
    int n0 = layers[0].n_in, C = layers[nl - 1].n_out;
    float x[B * 16];
    int y[B];
    for (int i = 0; i < B * n0; i++) x[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, (unsigned long)C);
    char name[160];
    for (int l = 0; l < nl; l++) {
        const sl_layer *L = &net.layers[l];
        size_t nm = (size_t)L->n_in * (size_t)L->n_out;
        if (L->kind == SL_LAYER_SPECTRAL) {
            snprintf(name, sizeof name, "grad %s layer %d phi", tag, l);
            gradcheck(name, &net, x, y, L->off_a, nm, r);
            snprintf(name, sizeof name, "grad %s layer %d lambda_in", tag, l);
            gradcheck(name, &net, x, y, L->off_b, (size_t)L->n_in, r);
            snprintf(name, sizeof name, "grad %s layer %d lambda_out", tag, l);
            gradcheck(name, &net, x, y, L->off_c, (size_t)L->n_out, r);
        } else {
            snprintf(name, sizeof name, "grad %s layer %d w", tag, l);
            gradcheck(name, &net, x, y, L->off_a, nm, r);
            snprintf(name, sizeof name, "grad %s layer %d bias", tag, l);
            gradcheck(name, &net, x, y, L->off_b, (size_t)L->n_out, r);
        }
    }
    sl_net_free(&net);
}

static void test_gradients(gsl_rng *r)
{
    unsigned S = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | SL_G_PHI, D = SL_G_W | SL_G_BIAS;
    sl_layer a[3] = {{SL_LAYER_SPECTRAL, 7, 5, SL_ACT_TANH, S, 0, 0, 0, 0},
                     {SL_LAYER_SPECTRAL, 5, 4, SL_ACT_RELU, S, 0, 0, 0, 0},
                     {SL_LAYER_SPECTRAL, 4, 3, SL_ACT_IDENTITY, S, 0, 0, 0, 0}};
    check_net("spectral tanh/relu/identity", a, 3, r);
    sl_layer b[3] = {{SL_LAYER_DENSE, 7, 5, SL_ACT_RELU, D, 1, 0, 0, 0},
                     {SL_LAYER_DENSE, 5, 4, SL_ACT_TANH, D, 1, 0, 0, 0},
                     {SL_LAYER_DENSE, 4, 3, SL_ACT_IDENTITY, D, 1, 0, 0, 0}};
    check_net("dense relu/tanh/identity", b, 3, r);
    sl_layer c[2] = {{SL_LAYER_DENSE, 7, 5, SL_ACT_IDENTITY, D, 1, 0, 0, 0},
                     {SL_LAYER_SPECTRAL, 5, 3, SL_ACT_TANH, S, 0, 0, 0, 0}};
    check_net("dense+spectral", c, 2, r);
}

/* The spectral layer is the sub-diagonal block of A = Φ Λ Φ⁻¹ (msd Eq. 1),
 * with Φ⁻¹ from an LU factorisation, not from 2I − Φ; the diagonal blocks are
 * diag(λ_in) and diag(λ_out) (the self-loops). */
static void test_spectral_matrix(gsl_rng *r)
{
    for (int trial = 0; trial < 3; trial++) {
        int n = 3 + trial * 4, m = 2 + trial * 3, N = n + m;
        float *phi = malloc((size_t)(m * n) * sizeof(float)), *lin = malloc((size_t)n * sizeof(float));
        float *lout = malloc((size_t)m * sizeof(float)), *w = malloc((size_t)(m * n) * sizeof(float));
        double *P = calloc((size_t)(N * N), sizeof(double)), *Pi = calloc((size_t)(N * N), sizeof(double));
        double *A = calloc((size_t)(N * N), sizeof(double));
        lapack_int *ipiv = malloc((size_t)N * sizeof(lapack_int));
        sl_rng_uniform_f(r, phi, (size_t)(m * n), -0.5f, 0.5f);
        sl_rng_uniform_f(r, lin, (size_t)n, -1, 1);
        sl_rng_uniform_f(r, lout, (size_t)m, -1, 1);
        for (int i = 0; i < N; i++) P[i * N + i] = 1;
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) P[(n + j) * N + i] = phi[j * n + i];
        memcpy(Pi, P, (size_t)(N * N) * sizeof(double));
        int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, N, N, Pi, N, ipiv);
        if (!info) info = LAPACKE_dgetri(LAPACK_ROW_MAJOR, N, Pi, N, ipiv);
        /* A = Φ Λ Φ⁻¹ */
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double s = 0;
                for (int q = 0; q < N; q++) {
                    double lam = q < n ? lin[q] : lout[q - n];
                    s += P[i * N + q] * lam * Pi[q * N + k];
                }
                A[i * N + k] = s;
            }
        sl_spectral_weights(w, phi, lin, lout, n, m);
        double err = 0, diag = 0, upper = 0;
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) err = fmax(err, fabs(A[(n + j) * N + i] - w[j * n + i]));
        for (int i = 0; i < N; i++) {
            diag = fmax(diag, fabs(A[i * N + i] - (i < n ? lin[i] : lout[i - n])));
            for (int k = 0; k < N; k++)
                if (k != i && !(i >= n && k < n)) upper = fmax(upper, fabs(A[i * N + k]));
        }
        char name[96];
        snprintf(name, sizeof name, "spectral layer = block of Phi Lambda Phi^-1 (n=%d, m=%d)", n, m);
        SL_CHECK(info == 0 && err < 1e-6 && diag < 1e-12 && upper < 1e-12, name,
                 "info %d, block err %.2g, diag err %.2g, off-block %.2g", info, err, diag, upper);
        free(phi); free(lin); free(lout); free(w); free(P); free(Pi); free(A); free(ipiv);
    }
}

static double max_rel_outputs(sl_net *a, sl_net *b, const float *x, int nb)
{
    sl_net_ws wa, wb;
    sl_net_ws_alloc(&wa, a, nb);
    sl_net_ws_alloc(&wb, b, nb);
    sl_net_forward(a, &wa, x, nb);
    sl_net_forward(b, &wb, x, nb);
    int C = sl_net_n_out(a);
    double scale = 0, err = 0;
    for (int i = 0; i < nb * C; i++) {
        scale = fmax(scale, fabs(wa.act[a->n_layers][i]));
        err = fmax(err, fabs(wa.act[a->n_layers][i] - wb.act[b->n_layers][i]));
    }
    sl_net_ws_free(&wa);
    sl_net_ws_free(&wb);
    return err / scale;
}

static void test_retraction(gsl_rng *r)
{
    sl_layer lin[3] = {{SL_LAYER_SPECTRAL, 12, 9, SL_ACT_IDENTITY, 0, 0, 0, 0, 0},
                       {SL_LAYER_SPECTRAL, 9, 7, SL_ACT_IDENTITY, 0, 0, 0, 0, 0},
                       {SL_LAYER_SPECTRAL, 7, 4, SL_ACT_IDENTITY, 0, 0, 0, 0, 0}};
    sl_layer mix[3] = {{SL_LAYER_SPECTRAL, 12, 9, SL_ACT_IDENTITY, 0, 0, 0, 0, 0},
                       {SL_LAYER_DENSE, 9, 7, SL_ACT_RELU, 0, 1, 0, 0, 0},
                       {SL_LAYER_SPECTRAL, 7, 4, SL_ACT_IDENTITY, 0, 0, 0, 0, 0}};
    const sl_layer *cases[2] = {lin, mix};
    const int expect_layers[2] = {1, 2};
    const char *names[2] = {"retraction: linear spectral chain = one matrix A_c",
                            "retraction: linear layer folded into the next (Fig. 7 style)"};
    float x[20 * 12];
    for (int i = 0; i < 20 * 12; i++) x[i] = (float)gsl_rng_uniform(r);
    for (int k = 0; k < 2; k++) {
        sl_net net, ret;
        sl_init init = {-0.5f, 0.5f, -1, 1, 0};
        sl_net_alloc(&net, 3, cases[k]);
        sl_net_init(&net, &init, r);
        for (size_t i = 0; i < net.n_params; i++) net.params[i] += 0.05f; /* nonzero dense bias */
        sl_status st = sl_net_retract(&net, &ret);
        double e = st == SL_OK ? max_rel_outputs(&net, &ret, x, 20) : 1;
        SL_CHECK(st == SL_OK && ret.n_layers == expect_layers[k] && e < 1e-5, names[k],
                 "layers %d, max rel output diff %.2g", ret.n_layers, e);
        sl_net_free(&net);
        sl_net_free(&ret);
    }
}

static void test_optimisers(void)
{
    const float g1[3] = {0.1f, -0.2f, 0.0f}, g2[3] = {-0.3f, 0.05f, 0.4f};
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    const uint8_t mask[3] = {1, 1, 1};
    for (int k = 0; k < 3; k++) {
        sl_optim o;
        sl_optim_defaults(&o, (sl_optim_kind)k, (float)lr);
        sl_optim_alloc(&o, 3);
        float p[3] = {1, -2, 0.5f};
        double q[3] = {1, -2, 0.5}, m[3] = {0}, v[3] = {0};
        const float *gs[2] = {g1, g2};
        for (int t = 1; t <= 2; t++) {
            sl_optim_step(&o, p, gs[t - 1], mask);
            for (int i = 0; i < 3; i++) {
                double g = gs[t - 1][i];
                if (k == SL_OPT_ADAMAX) {
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = fmax(b2 * v[i], fabs(g));
                    q[i] -= lr / (1 - pow(b1, t)) * m[i] / (v[i] + eps);
                } else if (k == SL_OPT_ADAM) {
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    q[i] -= lr * (m[i] / (1 - pow(b1, t))) / (sqrt(v[i] / (1 - pow(b2, t))) + eps);
                } else {
                    v[i] = 0.9 * v[i] + 0.1 * g * g;
                    q[i] -= lr * g / (sqrt(v[i]) + eps);
                }
            }
        }
        double err = 0;
        for (int i = 0; i < 3; i++) err = fmax(err, fabs(p[i] - q[i]));
        char name[64];
        snprintf(name, sizeof name, "optimiser %s: two steps match the formula", sl_optim_names[k]);
        SL_CHECK(err < 1e-6, name, "max err %.2g", err);
        sl_optim_free(&o);
    }
    sl_optim o;
    sl_optim_defaults(&o, SL_OPT_ADAMAX, 0.1f);
    sl_optim_alloc(&o, 3);
    float p[3] = {1, 2, 3};
    const uint8_t frozen[3] = {0, 1, 0};
    sl_optim_step(&o, p, g1, frozen);
    SL_CHECK(p[0] == 1 && p[2] == 3 && p[1] != 2, "optimiser: masked parameters never move", "%g %g %g",
             p[0], p[1], p[2]);
    sl_optim_free(&o);
}

static void test_loss(void)
{
    const float z[3] = {0, logf(2), logf(3)};
    const int y = 2;
    float p[3], d[3];
    double L = sl_softmax_xent(p, d, z, &y, 1, 3);
    SL_CHECK(fabs(L + log(0.5)) < 1e-6 && fabs(p[0] - 1.0 / 6) < 1e-6 && fabs(d[2] + 0.5) < 1e-6,
             "softmax cross-entropy by hand", "L %.8g p0 %.8g d2 %.8g", L, p[0], d[2]);
    const float big[3] = {1000, 0, -1000};
    const int y0 = 2;
    L = sl_softmax_xent(p, NULL, big, &y0, 1, 3);
    SL_CHECK(isfinite(L) && fabs(L - 2000) < 1e-3, "softmax cross-entropy stable for huge logits", "%g", L);
}

static void test_nan_report(gsl_rng *r)
{
    sl_dataset ds = {0};
    ds.n = 200; ds.d = 10; ds.n_classes = 10;
    ds.x = malloc(ds.n * 10);
    ds.y = malloc(ds.n);
    for (size_t i = 0; i < ds.n * 10; i++) ds.x[i] = (uint8_t)gsl_rng_uniform_int(r, 256);
    for (size_t i = 0; i < ds.n; i++) ds.y[i] = (uint8_t)gsl_rng_uniform_int(r, 10);
    sl_arch a;
    memset(&a, 0, sizeof a);
    a.n_layers = 2; a.dims[0] = 10; a.dims[1] = 30; a.dims[2] = 10;
    a.acts[0] = SL_ACT_IDENTITY; a.acts[1] = SL_ACT_IDENTITY;
    a.init = (sl_init){-0.5f, 0.5f, -0.01f, 0.01f, 0};
    sl_net net;
    sl_model_build(&net, SL_MODE_DIRECT_FULL, &a, r, r);
    sl_train_opts o = {5, 50, SL_OPT_SGD, 1e30f, 2, SL_FUSE_OFF};
    sl_status st = sl_train(&net, &ds, &o, r, NULL, NULL);
    SL_CHECK(st == SL_ENUMERIC && strstr(sl_errmsg(), "epoch 1") && strstr(sl_errmsg(), "batch 2") &&
             strstr(sl_errmsg(), "layer"),
             "training stops on NaN/Inf naming epoch, batch and layer", "%d %s", st, sl_errmsg());
    sl_net_free(&net);
    sl_dataset_free(&ds);
}

int main(void)
{
    gsl_rng *r = sl_rng_new(12345);
    test_gradients(r);
    test_spectral_matrix(r);
    test_retraction(r);
    test_optimisers();
    test_loss();
    test_nan_report(r);
    gsl_rng_free(r);
    return sl_test_done();
}
