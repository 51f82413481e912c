/* test_nn — the network core against independent computations:
 * central-difference gradients for every layer kind, activation and group;
 * the spectral layer against the explicit Φ Λ Φ⁻¹ (inverse from LAPACKE);
 * retraction; optimiser first steps by hand; NaN reporting; ELU against
 * expm1 in double; dropout masks' statistics. */
#include <lapacke.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "nn/sl_arch.h"
#include "nn/sl_loss.h"
#include "nn/sl_train.h"
#include "nn/sl_net.h"
#include "nn/sl_optim.h"
#include "sl_test.h"

/* a layer description (offsets are filled in by sl_net_alloc) */
#define LY(k, i, o, a, t, b) ((sl_layer){.kind = (k), .n_in = (i), .n_out = (o), .act = (a), .train = (t), .has_bias = (b)})

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
    sl_init init = {{-0.5f, 0.5f}, {-0.8f, 0.8f}, {-0.8f, 0.8f}, 0, 0};
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
        for (int gi = 0; gi < SL_N_GROUPS; gi++) {
            if (!L->gsize[gi]) continue;
            snprintf(name, sizeof name, "grad %s layer %d %s", tag, l, sl_group_names[gi]);
            gradcheck(name, &net, x, y, L->goff[gi], L->gsize[gi], r);
        }
    }
    sl_net_free(&net);
}

static void test_gradients(gsl_rng *r)
{
    unsigned S = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | SL_G_PHI, D = SL_G_W | SL_G_BIAS;
    sl_layer a[3] = {LY(SL_LAYER_SPECTRAL, 7, 5, SL_ACT_TANH, S, 0),
                     LY(SL_LAYER_SPECTRAL, 5, 4, SL_ACT_RELU, S, 0),
                     LY(SL_LAYER_SPECTRAL, 4, 3, SL_ACT_IDENTITY, S, 0)};
    check_net("spectral tanh/relu/identity", a, 3, r);
    sl_layer b[3] = {LY(SL_LAYER_DENSE, 7, 5, SL_ACT_RELU, D, 1),
                     LY(SL_LAYER_DENSE, 5, 4, SL_ACT_TANH, D, 1),
                     LY(SL_LAYER_DENSE, 4, 3, SL_ACT_IDENTITY, D, 1)};
    check_net("dense relu/tanh/identity", b, 3, r);
    sl_layer c[2] = {LY(SL_LAYER_DENSE, 7, 5, SL_ACT_IDENTITY, D, 1),
                     LY(SL_LAYER_SPECTRAL, 5, 3, SL_ACT_TANH, S, 0)};
    check_net("dense+spectral", c, 2, r);
    sl_layer e[3] = {LY(SL_LAYER_DENSE, 7, 5, SL_ACT_ELU, D, 1),
                     LY(SL_LAYER_SPECTRAL, 5, 4, SL_ACT_ELU, S, 0),
                     LY(SL_LAYER_DENSE, 4, 3, SL_ACT_IDENTITY, D, 1)};
    check_net("dense/spectral ELU", e, 3, r);
}

/* float ulp at |v| (v a double): 2^(e − 23) for |v| in [2^e, 2^(e+1)), 2⁻¹⁴⁹ below the normals */
static double float_ulp(double v)
{
    int e;
    v = fabs(v);
    if (v < 0x1p-126) return 0x1p-149;
    frexp(v, &e);
    return ldexp(1.0, e - 24);
}

/* ELU and tanh (sl_layer.c, no libm) against expm1 and tanh in double:
 * every 8191st float bit pattern (half a million, both signs, all binades),
 * then every float in ranges where the kernel changes regime or the
 * exhaustive run found its worst case, then NaN, ±0, ±∞ and large values.
 * Max error within the bound (the exhaustive runs over all 2³¹ floats of
 * the relevant sign, sl_layer.c: ELU 0.500003, tanh 0.500007 ulp); values
 * the function keeps (NaN, ±0, ELU's x > 0) kept bit for bit; tanh odd bit
 * for bit; the baseline, AVX2 and AVX-512F versions bit for bit equal
 * (those the CPU has), and sl_act_forward equal to them. */
typedef struct {
    sl_act act;
    const char *name;
    double bound;
    float lo[4], hi[4]; /* dense ranges [lo, hi], lo and hi of one sign */
} act_case;

static void test_act_exact(const act_case *c)
{
    enum { STRIDE = 8191 };
    size_t n_dense = 0;
    uint32_t ua[4], ub[4];
    for (int b = 0; b < 4; b++) {
        uint32_t p, q;
        memcpy(&p, &c->lo[b], 4); memcpy(&q, &c->hi[b], 4);
        ua[b] = p < q ? p : q; ub[b] = p < q ? q : p;
        n_dense += ub[b] - ua[b] + 1;
    }
    const float special[] = {0.0f, -0.0f, NAN, -NAN, INFINITY, -INFINITY, 1e-40f, -1e-40f, 0.5f, 3.0f, 1e30f, -1e30f,
                             16.0f, -16.0f, 17.0f, -32.0f, -33.0f};
    const size_t n_stride = (size_t)(0x100000000ULL / STRIDE), n_sp = sizeof special / sizeof special[0];
    const size_t n = n_stride + n_dense + n_sp;
    float *x = malloc(n * sizeof *x), *y[5];
    for (int v = 0; v < 5; v++) y[v] = malloc(n * sizeof(float));
    size_t m = 0;
    for (size_t i = 0; i < n_stride; i++) {
        const uint32_t u = (uint32_t)(i * STRIDE);
        memcpy(&x[m++], &u, 4);
    }
    for (int b = 0; b < 4; b++)
        for (uint64_t u = ua[b]; u <= ub[b]; u++) {
            const uint32_t w = (uint32_t)u;
            memcpy(&x[m++], &w, 4);
        }
    for (size_t i = 0; i < n_sp; i++) x[m++] = special[i];
    int have[3];
    for (int v = 0; v < 3; v++) {
        memcpy(y[v], x, n * sizeof *x);
        have[v] = sl_act_version(y[v], n, c->act, v) == 0;
    }
    memcpy(y[3], x, n * sizeof *x);
    sl_act_forward(y[3], n, c->act);
    for (size_t i = 0; i < n; i++) y[4][i] = -x[i];
    sl_act_version(y[4], n, c->act, 0);
    const int elu = c->act == SL_ACT_ELU;
    double worst = 0;
    float at = 0;
    size_t bad_kept = 0, bad_odd = 0, tested = 0;
    for (size_t i = 0; i < n; i++) {
        const float xi = x[i], yi = y[0][i];
        uint32_t bx, by, bm;
        memcpy(&bx, &xi, 4); memcpy(&by, &yi, 4); memcpy(&bm, &y[4][i], 4);
        if (!elu) bad_odd += bm != (by ^ 0x80000000u);
        if (isnan(xi) || xi == 0 || (elu && xi > 0)) { /* kept */
            bad_kept += bx != by;
            continue;
        }
        const double ref = elu ? expm1((double)xi) : tanh((double)xi), err = fabs((double)yi - ref) / float_ulp(ref);
        tested++;
        if (!(err <= worst)) { worst = err; at = xi; }
    }
    char name[160];
    snprintf(name, sizeof name, "%s: within %g ulp of the double reference; NaN, +-0%s kept%s", c->name, c->bound,
             elu ? ", x > 0" : "", elu ? "" : "; odd bit for bit");
    SL_CHECK(worst <= c->bound && bad_kept == 0 && bad_odd == 0, name,
             "max %.7f ulp at x = %.9g over %zu floats; %zu kept values changed, %zu not odd", worst, (double)at, tested,
             bad_kept, bad_odd);
    printf("   %s: max error %.7f ulp at x = %.9g (%zu floats)\n", c->name, worst, (double)at, tested);
    const char *isa[3] = {"baseline", "AVX2", "AVX-512F"};
    for (int v = 1; v < 3; v++) {
        snprintf(name, sizeof name, "%s: the %s version bit for bit the baseline", c->name, isa[v]);
        if (!have[v]) { printf("   %s: skipped, this CPU lacks it\n", name); continue; }
        SL_CHECK(memcmp(y[v], y[0], n * sizeof(float)) == 0, name, "differs");
    }
    snprintf(name, sizeof name, "%s: sl_act_forward bit for bit the baseline version", c->name);
    SL_CHECK(have[0] && memcmp(y[3], y[0], n * sizeof(float)) == 0, name, "differs");
    if (elu) {
        /* backward: dx · f'(x) through y = f(x), 1 for y > 0 and y + 1 else, the branch written out */
        size_t bad_back = 0;
        for (size_t i = 0; i < n; i++) y[1][i] = (float)(i % 7) - 3.0f + 0.01f * (float)(i % 13);
        memcpy(y[2], y[1], n * sizeof(float));
        memcpy(y[3], y[0], n * sizeof(float));
        memcpy(y[3] + n - n_sp, special, n_sp * sizeof(float)); /* NaN, ±0, ±∞ as y too */
        sl_act_backward(y[2], y[3], n, SL_ACT_ELU);
        for (size_t i = 0; i < n; i++) {
            const float want = y[1][i] * (y[3][i] > 0 ? 1.0f : y[3][i] + 1.0f);
            bad_back += memcmp(&want, &y[2][i], 4) != 0;
        }
        SL_CHECK(bad_back == 0, "ELU backward: dx (y > 0 ? 1 : y + 1) bit for bit, NaN and infinities included",
                 "%zu differ", bad_back);
    }
    free(x);
    for (int v = 0; v < 5; v++) free(y[v]);
}

static void test_act_exact_all(void)
{
    /* ELU: k of the range reduction changes at −ln2/2; the exhaustive worst case; eˣ − 1 starts to round to −1;
     * the smallest subnormals. tanh: k changes at ln2/4; the worst case; tanh starts to round to 1; the clamp at 16 */
    const act_case c[2] = {
        {SL_ACT_ELU, "ELU", 0.50001, {-0.3470f, -0.32147f, -17.5f, -0x1p-133f}, {-0.3460f, -0.32146f, -17.3f, -0x1p-149f}},
        {SL_ACT_TANH, "tanh", 0.50002, {0.1730f, 0.170959f, 9.0f, 15.9f}, {0.1736f, 0.170961f, 9.1f, 16.1f}},
    };
    for (int i = 0; i < 2; i++) test_act_exact(&c[i]);
    float z = 1.0f;
    SL_CHECK(sl_act_version(&z, 1, SL_ACT_RELU, 0) == -1 && z == 1.0f, "act versions: only ELU and tanh have them", "%g", z);
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
    sl_layer lin[3] = {LY(SL_LAYER_SPECTRAL, 12, 9, SL_ACT_IDENTITY, 0, 0),
                       LY(SL_LAYER_SPECTRAL, 9, 7, SL_ACT_IDENTITY, 0, 0),
                       LY(SL_LAYER_SPECTRAL, 7, 4, SL_ACT_IDENTITY, 0, 0)};
    sl_layer mix[3] = {LY(SL_LAYER_SPECTRAL, 12, 9, SL_ACT_IDENTITY, 0, 0),
                       LY(SL_LAYER_DENSE, 9, 7, SL_ACT_RELU, 0, 1),
                       LY(SL_LAYER_SPECTRAL, 7, 4, SL_ACT_IDENTITY, 0, 0)};
    const sl_layer *cases[2] = {lin, mix};
    const int expect_layers[2] = {1, 2};
    const char *names[2] = {"retraction: linear spectral chain = one matrix A_c",
                            "retraction: linear layer folded into the next (Fig. 7 style)"};
    float x[20 * 12];
    for (int i = 0; i < 20 * 12; i++) x[i] = (float)gsl_rng_uniform(r);
    for (int k = 0; k < 2; k++) {
        sl_net net, ret;
        sl_init init = {{-0.5f, 0.5f}, {-1, 1}, {-1, 1}, 0, 0};
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

/* The L2 penalty folded into the step over trainable runs (what sl_train
 * does) against the two-pass path (sl_l2_penalty adding 2cθ to the gradient,
 * then sl_optim_step with the mask) and against a scalar float loop written
 * here: the same parameters and moments bit for bit (so also in whichever
 * vector version, SSE2 / AVX2 / AVX-512, the CPU runs), the same penalty;
 * frozen entries untouched. n = 1003 (not a multiple of 8 or 16). */
static void test_step_runs(gsl_rng *r)
{
    enum { N = 1003 };
    static float p0[N], g[N], coef[N], pa[N], pb[N], pc[N], ga[N], mc[N], vc[N];
    static uint8_t mask[N];
    for (int i = 0; i < N; i++) {
        p0[i] = (float)(2 * gsl_rng_uniform(r) - 1);
        g[i] = (float)(gsl_rng_uniform(r) - 0.5);
        mask[i] = (i / 37) % 4 != 1 && !(i % 11 == 0 && i > 500); /* blocks and single frozen entries */
        coef[i] = i < 300 ? 0.0f : i < 700 ? 1e-3f : 0.25f;          /* three L2 groups */
    }
    size_t nr = sl_optim_runs(mask, coef, N, NULL, 0);
    sl_optim_run *runs = malloc(nr * sizeof *runs);
    sl_optim_runs(mask, coef, N, runs, nr);
    int runs_ok = nr > 3;
    for (size_t k = 0; k < nr; k++) {
        for (size_t i = runs[k].lo; i < runs[k].hi; i++) runs_ok &= mask[i] && coef[i] == runs[k].c;
        if (k) runs_ok &= runs[k].lo >= runs[k - 1].hi;
    }
    size_t covered = 0, trainable = 0;
    for (size_t k = 0; k < nr; k++) covered += runs[k].hi - runs[k].lo;
    for (int i = 0; i < N; i++) trainable += mask[i];
    SL_CHECK(runs_ok && covered == trainable, "sl_optim_runs: disjoint runs cover exactly the trainable entries, "
             "one coefficient each", "%zu runs, %zu of %zu", nr, covered, trainable);
    const sl_optim_kind kinds[5] = {SL_OPT_ADAMAX, SL_OPT_ADAM, SL_OPT_ADAMW, SL_OPT_RMSPROP, SL_OPT_SGD};
    for (int k = 0; k < 5; k++) {
        sl_optim a, b;
        sl_optim_defaults(&a, kinds[k], 0.01f);
        sl_optim_defaults(&b, kinds[k], 0.01f);
        sl_optim_alloc(&a, N);
        sl_optim_alloc(&b, N);
        memcpy(pa, p0, sizeof pa); memcpy(pb, p0, sizeof pb); memcpy(pc, p0, sizeof pc);
        memset(mc, 0, sizeof mc); memset(vc, 0, sizeof vc);
        int same = 1, frozen = 1;
        double worst = 0;
        for (int t = 1; t <= 3; t++) {
            memcpy(ga, g, sizeof ga);
            const double pen_a = sl_l2_penalty(pa, coef, mask, N, ga);
            sl_optim_step(&a, pa, ga, mask);
            const double pen_b = sl_optim_step_runs(&b, pb, g, runs, nr);
            worst = fmax(worst, fabs(pen_a - pen_b) / pen_a);
            /* the scalar reference, float by float as sl_optim.h states it */
            const float b1 = b.beta1, b2 = b.beta2, eps = b.eps, lr = b.lr;
            const float k1 = kinds[k] == SL_OPT_ADAMAX ? lr / (float)(1.0 - pow(b1, t)) : (float)(1.0 - pow(b1, t));
            const float k2 = (float)(1.0 - pow(b2, t));
            for (int i = 0; i < N; i++) {
                if (!mask[i]) continue;
                const float gi = coef[i] != 0.0f ? g[i] + 2.0f * coef[i] * pc[i] : g[i];
                switch (kinds[k]) {
                case SL_OPT_ADAMAX: {
                    mc[i] = b1 * mc[i] + (1 - b1) * gi;
                    const float u = b2 * vc[i];
                    vc[i] = u > fabsf(gi) ? u : fabsf(gi);
                    pc[i] -= k1 * mc[i] / (vc[i] + eps);
                    break;
                }
                case SL_OPT_ADAMW:
                    pc[i] -= lr * b.weight_decay * pc[i];
                    /* fall through */
                case SL_OPT_ADAM:
                    mc[i] = b1 * mc[i] + (1 - b1) * gi;
                    vc[i] = b2 * vc[i] + (1 - b2) * gi * gi;
                    pc[i] -= lr * (mc[i] / k1) / (sqrtf(vc[i] / k2) + eps);
                    break;
                case SL_OPT_RMSPROP:
                    vc[i] = b2 * vc[i] + (1 - b2) * gi * gi;
                    pc[i] -= lr * gi / (sqrtf(vc[i]) + eps);
                    break;
                case SL_OPT_SGD:
                    pc[i] -= lr * gi;
                    break;
                }
            }
            same &= !memcmp(pa, pb, sizeof pa) && !memcmp(a.m, b.m, sizeof pa) && !memcmp(a.v, b.v, sizeof pa) &&
                    !memcmp(pb, pc, sizeof pb) && !memcmp(b.m, mc, sizeof mc) && !memcmp(b.v, vc, sizeof vc);
        }
        for (int i = 0; i < N; i++) frozen &= mask[i] || (pb[i] == p0[i] && b.m[i] == 0 && b.v[i] == 0);
        char name[128];
        snprintf(name, sizeof name, "optimiser %s: L2 folded into the step over runs = two passes = scalar loop, "
                 "bit for bit; frozen untouched", sl_optim_names[kinds[k]]);
        SL_CHECK(same && frozen && worst < 1e-14, name, "same %d frozen %d penalty rel diff %.2g", same, frozen, worst);
        sl_optim_free(&a);
        sl_optim_free(&b);
    }
    free(runs);
}

static void test_loss(void)
{
    const float z[3] = {0, logf(2), logf(3)};
    const int y = 2;
    float p[3], d[3];
    double L = sl_loss_softmax_xent(p, d, z, &y, 1, 3);
    SL_CHECK(fabs(L + log(0.5)) < 1e-6 && fabs(p[0] - 1.0 / 6) < 1e-6 && fabs(d[2] + 0.5) < 1e-6,
             "softmax cross-entropy by hand", "L %.8g p0 %.8g d2 %.8g", L, p[0], d[2]);
    const float big[3] = {1000, 0, -1000};
    const int y0 = 2;
    L = sl_loss_softmax_xent(p, NULL, big, &y0, 1, 3);
    SL_CHECK(isfinite(L) && fabs(L - 2000) < 1e-3, "softmax cross-entropy stable for huge logits", "%g", L);
}


/* MSE by hand, and its dout against central differences along a random direction. */
static void test_mse(gsl_rng *r)
{
    const float z[4] = {1, 2, 0.5f, -1}, t[4] = {0, 2, 1, 1};
    float d[4];
    double L = sl_loss_mse(d, z, t, NULL, 2, 2);
    /* ((1)^2 + 0 + (0.5)^2 + (2)^2) / 4 = 5.25 / 4; dout = 2 (z − t) / 4 */
    SL_CHECK(fabs(L - 5.25 / 4) < 1e-7 && fabs(d[0] - 0.5) < 1e-7 && fabs(d[3] + 1.0) < 1e-7,
             "mse by hand", "L %.8g d0 %.8g d3 %.8g", L, d[0], d[3]);
    const int y[2] = {1, 0};
    double Lh = sl_loss_mse(NULL, z, NULL, y, 2, 2);
    /* one-hot targets (0,1), (1,0): (1 + 1 + 0.25 + 1) / 4 */
    SL_CHECK(fabs(Lh - 3.25 / 4) < 1e-7, "mse against one-hot labels", "L %.8g", Lh);
    enum { NB = 5, NC = 3 };
    float o[NB * NC], tt[NB * NC], g[NB * NC], op[NB * NC], om[NB * NC];
    double dir[NB * NC], gd = 0, scale = 0;
    for (int i = 0; i < NB * NC; i++) {
        o[i] = (float)(2 * gsl_rng_uniform(r) - 1);
        tt[i] = (float)gsl_rng_uniform(r);
        dir[i] = 2 * gsl_rng_uniform(r) - 1;
    }
    sl_loss_mse(g, o, tt, NULL, NB, NC);
    for (int i = 0; i < NB * NC; i++) {
        gd += g[i] * dir[i];
        scale += fabs(g[i] * dir[i]);
    }
    const double eps = 0.25; /* a quadratic: the central difference is exact up to rounding */
    for (int i = 0; i < NB * NC; i++) {
        op[i] = (float)(o[i] + eps * dir[i]);
        om[i] = (float)(o[i] - eps * dir[i]);
    }
    double fd = (sl_loss_mse(NULL, op, tt, NULL, NB, NC) - sl_loss_mse(NULL, om, tt, NULL, NB, NC)) / (2 * eps);
    SL_CHECK(fabs(fd - gd) < 1e-5 * scale, "mse gradient = central difference",
             "analytic %.6g, difference %.6g", gd, fd);
}

/* A caller-supplied loss sees the whole batch with its example indices; one
 * that computes MSE trains exactly as the built-in MSE. */
typedef struct { const sl_dataset *ds; long calls, bad_index; } mse_ctx;
static double custom_mse(void *ctx, const float *out, const sl_loss_batch *y, int nb, int C, float *scratch,
                         float *dout)
{
    mse_ctx *c = ctx;
    c->calls++;
    for (int b = 0; b < nb; b++)
        if (!y->index || y->index[b] >= c->ds->n || c->ds->y[y->index[b]] != y->labels[b]) c->bad_index++;
    return sl_loss_mse(dout, out, NULL, y->labels, nb, C);
}

static sl_status train_small(sl_net *net, const sl_dataset *ds, const sl_train_opts *o, uint64_t seed,
                             sl_train_report *rep)
{
    sl_layer L[2] = {LY(SL_LAYER_DENSE, ds->n_features, 6, SL_ACT_TANH, SL_G_W | SL_G_BIAS, 1),
                     LY(SL_LAYER_SPECTRAL, 6, ds->n_classes, SL_ACT_IDENTITY,
                        SL_G_PHI | SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT, 0)};
    SL_TRY(sl_net_alloc(net, 2, L));
    gsl_rng *r = sl_rng_new(seed);
    sl_init init = {{-0.5f, 0.5f}, {-0.5f, 0.5f}, {-0.5f, 0.5f}, 0, 0};
    sl_net_init(net, &init, r);
    sl_status st = sl_train(net, ds, o, r, NULL, rep);
    gsl_rng_free(r);
    return st;
}

/* n points of d features in k Gaussian blobs (a synthetic float data set). */
static sl_status blobs(sl_dataset *ds, size_t n, int d, int k, gsl_rng *r)
{
    float *x = malloc(n * (size_t)d * sizeof *x);
    int *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
        y[i] = (int)(i % (size_t)k);
        for (int j = 0; j < d; j++) x[i * (size_t)d + (size_t)j] = (float)((j % k == y[i]) * 2.0 + sl_rng_gaussian(r, 0.5));
    }
    sl_status st = sl_dataset_from_floats(ds, x, y, n, d, k);
    free(x);
    free(y);
    return st;
}

/* sl_train's step written out plainly (softmax cross-entropy, no penalty, no
 * hooks): shuffle, cut each batch into S shards, refresh every shard's
 * workspace from the current parameters, gather, forward, backward, sum the
 * shards' gradients weighted by their rows, step. */
static sl_status train_reference(sl_net *net, const sl_dataset *ds, const sl_train_opts *o, gsl_rng *r)
{
    const int bs = o->batch, S = o->shards, d = ds->n_features, rows = (bs + S - 1) / S;
    const size_t n = ds->n, np = net->n_params;
    sl_net_ws ws[2];
    float *x = malloc((size_t)rows * (size_t)d * sizeof *x), *g = malloc(2 * np * sizeof *g);
    int *y = malloc((size_t)rows * sizeof *y);
    uint32_t *idx = malloc(n * sizeof *idx);
    sl_optim opt;
    sl_optim_defaults(&opt, o->optimiser, o->lr);
    sl_optim_run runs[16];
    const size_t n_runs = sl_optim_runs(net->trainable, NULL, np, runs, 16);
    SL_TRY(sl_optim_alloc(&opt, np));
    for (int s = 0; s < S; s++) SL_TRY(sl_net_ws_alloc(&ws[s], net, rows));
    for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
    for (int e = 0; e < o->epochs; e++) {
        sl_rng_shuffle(r, idx, n);
        for (size_t b = 0; b * (size_t)bs < n; b++) {
            const int Bb = (int)((b + 1) * (size_t)bs <= n ? (size_t)bs : n - b * (size_t)bs);
            for (int s = 0; s < S; s++) {
                const int lo = (int)((long)Bb * s / S), hi = (int)((long)Bb * (s + 1) / S);
                float *gs = g + (size_t)s * np;
                memset(gs, 0, np * sizeof *gs);
                sl_net_refresh(net, &ws[s]);
                sl_dataset_batch(ds, idx + b * (size_t)bs + lo, (size_t)(hi - lo), x, y);
                sl_net_forward(net, &ws[s], x, hi - lo);
                sl_net_loss(net, &ws[s], y, hi - lo, gs);
            }
            for (size_t i = 0; i < np; i++) {
                net->grads[i] = (float)((long)Bb / S) / (float)Bb * g[i];
                for (int s = 1; s < S; s++) {
                    const int rs = (int)((long)Bb * (s + 1) / S - (long)Bb * s / S);
                    net->grads[i] += (float)rs / (float)Bb * g[(size_t)s * np + i];
                }
            }
            sl_optim_step_runs(&opt, net->params, net->grads, runs, n_runs);
        }
    }
    for (int s = 0; s < S; s++) sl_net_ws_free(&ws[s]);
    sl_optim_free(&opt);
    free(x); free(g); free(y); free(idx);
    return n_runs <= 16 ? SL_OK : sl_fail(SL_EINVAL, "too many runs");
}

/* The trainer (its refreshes inside the shards' parallel region) against the plain loop, bit for bit. */
static void test_train_reference(void)
{
    gsl_rng *rd = sl_rng_new(31);
    sl_dataset ds;
    if (blobs(&ds, 150, 7, 3, rd) != SL_OK) { SL_CHECK(0, "trainer vs reference: data", "%s", sl_errmsg()); return; }
    for (int S = 1; S <= 2; S++) {
        sl_train_opts o = {.epochs = 3, .batch = 32, .optimiser = SL_OPT_ADAM, .lr = 0.05f, .shards = S};
        sl_net a, b;
        sl_status sa = train_small(&a, &ds, &o, 9, NULL);
        sl_layer L[2] = {a.layers[0], a.layers[1]};
        sl_status sb = sl_net_alloc(&b, 2, L);
        if (sb == SL_OK) {
            gsl_rng *r = sl_rng_new(9);
            sl_init init = {{-0.5f, 0.5f}, {-0.5f, 0.5f}, {-0.5f, 0.5f}, 0, 0};
            sl_net_init(&b, &init, r);
            sb = train_reference(&b, &ds, &o, r);
            gsl_rng_free(r);
        }
        const int same = sa == SL_OK && sb == SL_OK && memcmp(a.params, b.params, a.n_params * sizeof(float)) == 0;
        SL_CHECK(same, S == 1 ? "sl_train: the plain step loop's parameters bit for bit (1 shard)"
                              : "sl_train: the plain step loop's parameters bit for bit (2 shards)",
                 "status %d %d", sa, sb);
        sl_net_free(&a);
        if (sb == SL_OK || b.params) sl_net_free(&b);
    }
    sl_dataset_free(&ds);
    gsl_rng_free(rd);
}

static void test_custom_loss(gsl_rng *r)
{
    sl_dataset ds;
    if (blobs(&ds, 120, 5, 3, r) != SL_OK) { SL_CHECK(0, "custom loss: data", "%s", sl_errmsg()); return; }
    mse_ctx ctx = {&ds, 0, 0};
    sl_train_opts a = {.epochs = 3, .batch = 32, .optimiser = SL_OPT_ADAM, .lr = 0.01f, .shards = 2};
    sl_train_opts b = a;
    a.loss.kind = SL_LOSS_MSE;
    b.loss = (sl_loss){SL_LOSS_CUSTOM, custom_mse, &ctx};
    sl_net na, nb;
    sl_train_report ra, rb;
    sl_status sa = train_small(&na, &ds, &a, 77, &ra), sb = train_small(&nb, &ds, &b, 77, &rb);
    int same = sa == SL_OK && sb == SL_OK && memcmp(na.params, nb.params, na.n_params * sizeof(float)) == 0;
    SL_CHECK(same && ra.final_loss == rb.final_loss && ctx.calls > 0 && ctx.bad_index == 0,
             "custom loss (MSE through a function pointer) trains as the built-in MSE, with the batch's indices",
             "status %d %d, same %d, losses %.8g %.8g, calls %ld, wrong indices %ld", sa, sb, same, ra.final_loss,
             rb.final_loss, ctx.calls, ctx.bad_index);
    double acc = 0;
    sl_evaluate_loss(&na, &ds, 50, &a.loss, &acc, NULL);
    SL_CHECK(ra.final_loss < 0.2 && acc > 0.6, "mse training separates Gaussian blobs", "loss %.4g, accuracy %.3f",
             ra.final_loss, acc);
    sl_net_free(&na);
    sl_net_free(&nb);

    /* early stopping: on random labels the validation loss rises once the
     * network memorises its training set; patience 2 stops 2 epochs after the best */
    sl_dataset noise, tr, va;
    float xn[60 * 5];
    int yn[60];
    for (int i = 0; i < 60 * 5; i++) xn[i] = (float)sl_rng_gaussian(r, 1);
    for (int i = 0; i < 60; i++) yn[i] = (int)gsl_rng_uniform_int(r, 3);
    sl_dataset_from_floats(&noise, xn, yn, 60, 5, 3);
    sl_dataset_split(&noise, 20, NULL, &tr, &va);
    sl_train_opts c = {.epochs = 400, .batch = 8, .optimiser = SL_OPT_ADAM, .lr = 0.05f, .shards = 1};
    c.val = &va;
    c.patience = 2;
    sl_net nc;
    sl_train_report rc;
    sl_status sc = train_small(&nc, &tr, &c, 5, &rc);
    SL_CHECK(sc == SL_OK && rc.epochs_run < 400 && rc.epochs_run == rc.best_epoch + 2 && rc.val_loss > rc.best_val_loss,
             "early stopping: stops `patience` epochs after the best validation loss",
             "status %d, epochs %d, best epoch %d, val %.4g best %.4g", sc, rc.epochs_run, rc.best_epoch, rc.val_loss,
             rc.best_val_loss);
    sl_dataset_free(&noise);
    sl_net_free(&nc);
    sl_dataset_free(&tr);
    sl_dataset_free(&va);
    sl_dataset_free(&ds);
}

/* Per-group L2: loss + c·Σθ² against central differences along a random
 * direction over the trainable entries; frozen entries get no penalty. */
static void test_l2(gsl_rng *r)
{
    sl_layer L[2] = {LY(SL_LAYER_SPECTRAL, 6, 5, SL_ACT_TANH, SL_G_PHI | SL_G_LAMBDA_IN, 0),
                     LY(SL_LAYER_DENSE, 5, 4, SL_ACT_IDENTITY, SL_G_W | SL_G_BIAS, 1)};
    sl_net net;
    if (sl_net_alloc(&net, 2, L) != SL_OK) { SL_CHECK(0, "l2: alloc", "%s", sl_errmsg()); return; }
    sl_init init = {{-0.5f, 0.5f}, {-0.8f, 0.8f}, {-0.8f, 0.8f}, 0, 0};
    sl_net_init(&net, &init, r);
    for (size_t i = 0; i < net.n_params; i++) net.params[i] += (float)(0.1 * gsl_rng_uniform(r));
    sl_l2 l2 = {{0.3f, 0.7f, 0.05f, 0.2f, 0.4f}, 0};
    float *coef = malloc(net.n_params * sizeof *coef);
    sl_net_l2_coeffs(&net, &l2, coef);
    int coef_ok = 1;
    for (int l = 0; l < 2; l++)
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            for (size_t i = 0; i < net.layers[l].gsize[gi]; i++) coef_ok &= coef[net.layers[l].goff[gi] + i] == l2.c[gi];
    SL_CHECK(coef_ok, "l2: each parameter gets its group's coefficient", "mismatch");
    float x[B * 6];
    int y[B];
    for (int i = 0; i < B * 6; i++) x[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, 4);
    sl_net_ws ws;
    sl_net_ws_alloc(&ws, &net, B);
    memset(net.grads, 0, net.n_params * sizeof(float));
    sl_net_forward(&net, &ws, x, B);
    sl_net_loss(&net, &ws, y, B, net.grads);
    sl_l2_penalty(net.params, coef, net.trainable, net.n_params, net.grads);
    double *dir = malloc(net.n_params * sizeof *dir), gd = 0;
    float *save = malloc(net.n_params * sizeof *save);
    memcpy(save, net.params, net.n_params * sizeof *save);
    size_t frozen_grad = 0;
    for (size_t i = 0; i < net.n_params; i++) {
        dir[i] = net.trainable[i] ? 2 * gsl_rng_uniform(r) - 1 : 0;
        gd += net.grads[i] * dir[i];
        frozen_grad += !net.trainable[i] && net.grads[i] != 0;
    }
    double f[2];
    const double eps = 1e-3;
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < net.n_params; i++) net.params[i] = (float)(save[i] + (k ? -eps : eps) * dir[i]);
        f[k] = loss_at(&net, &ws, x, y) + sl_l2_penalty(net.params, coef, net.trainable, net.n_params, NULL);
    }
    memcpy(net.params, save, net.n_params * sizeof *save);
    double fd = (f[0] - f[1]) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-6);
    SL_CHECK(rel < 1e-2 && frozen_grad == 0 && net.n_trainable < net.n_params,
             "l2: gradient of loss + per-group penalty = central difference (trainable entries only)",
             "analytic %.6g, difference %.6g (rel %.2g), frozen with gradient %zu", gd, fd, rel, frozen_grad);
    /* the penalty itself: Σ c θ² over trainable entries, by hand */
    double by_hand = 0;
    for (size_t i = 0; i < net.n_params; i++)
        if (net.trainable[i]) by_hand += (double)coef[i] * save[i] * save[i];
    double pen = sl_l2_penalty(net.params, coef, net.trainable, net.n_params, NULL);
    SL_CHECK(fabs(pen - by_hand) < 1e-9 * fmax(by_hand, 1), "l2: penalty = sum of c theta^2 over trainable entries",
             "%.10g vs %.10g", pen, by_hand);
    free(dir); free(save); free(coef);
    sl_net_ws_free(&ws);
    sl_net_free(&net);
}

static void test_adamw(void)
{
    const float g[2][3] = {{0.1f, -0.2f, 0.0f}, {-0.3f, 0.05f, 0.4f}};
    const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7, wd = 0.1;
    sl_optim o;
    sl_optim_defaults(&o, SL_OPT_ADAMW, (float)lr);
    o.weight_decay = (float)wd;
    sl_optim_alloc(&o, 3);
    float p[3] = {1, -2, 0.5f};
    double q[3] = {1, -2, 0.5}, m[3] = {0}, v[3] = {0};
    for (int t = 1; t <= 2; t++) {
        sl_optim_step(&o, p, g[t - 1], NULL);
        for (int i = 0; i < 3; i++) {
            q[i] -= lr * wd * q[i];
            m[i] = b1 * m[i] + (1 - b1) * g[t - 1][i];
            v[i] = b2 * v[i] + (1 - b2) * g[t - 1][i] * g[t - 1][i];
            q[i] -= lr * (m[i] / (1 - pow(b1, t))) / (sqrt(v[i] / (1 - pow(b2, t))) + eps);
        }
    }
    double err = 0;
    for (int i = 0; i < 3; i++) err = fmax(err, fabs(p[i] - q[i]));
    /* the third entry has zero gradient at step 1: only the decay moves it then */
    SL_CHECK(err < 1e-6, "optimiser adamw: two steps match the formula (decoupled decay)", "max err %.2g", err);
    sl_optim_free(&o);
}

static void test_datasets(gsl_rng *r)
{
    enum { N = 30, D = 4 };
    float x[N * D];
    int y[N];
    for (int i = 0; i < N * D; i++) x[i] = (float)i;
    for (int i = 0; i < N; i++) y[i] = i % 5;
    sl_dataset ds, sel, a, b, a2, b2;
    sl_status st = sl_dataset_from_floats(&ds, x, y, N, D, 5);
    x[0] = -1; /* copied: the set keeps 0 */
    float xb[2 * D];
    int yb[2];
    const uint32_t pick[2] = {7, 0};
    if (st == SL_OK) sl_dataset_batch(&ds, pick, 2, xb, yb);
    SL_CHECK(st == SL_OK && ds.n == N && ds.n_features == D && ds.n_classes == 5 && xb[0] == 28 && xb[D] == 0 &&
             yb[0] == 2 && yb[1] == 0, "dataset from floats: copies, shape from the data, gathers rows", "%s",
             sl_errmsg());
    int bad[1] = {5};
    SL_CHECK(sl_dataset_from_floats(&sel, x, bad, 1, D, 5) == SL_EINVAL, "dataset from floats: label out of range refused",
             "accepted");
    const int cls[2] = {3, 1};
    st = sl_dataset_select_classes(&sel, &ds, cls, 2);
    int ok = st == SL_OK && sel.n == 12 && sel.n_classes == 2;
    for (size_t i = 0; ok && i < sel.n; i++) {
        const int orig = (int)sel.xf[i * D] / D; /* feature 0 of row k is k·D */
        ok &= (y[orig] == 3 && sel.y[i] == 0) || (y[orig] == 1 && sel.y[i] == 1);
        if (i) ok &= sel.xf[i * D] > sel.xf[(i - 1) * D]; /* original order kept */
    }
    SL_CHECK(ok, "dataset: select classes keeps those examples in order, relabelled by list position", "n %zu", sel.n);
    gsl_rng *r1 = sl_rng_new(9), *r2 = sl_rng_new(9);
    sl_dataset_split(&ds, 3, NULL, &a, &b);
    ok = a.n == N - 3 && b.n == 3 && b.xf[0] == (N - 3) * D && a.xf[D] == D;
    sl_dataset_split(&ds, 10, r1, &a2, &b2);
    double sum = 0;
    for (size_t i = 0; i < a2.n; i++) sum += a2.xf[i * D];
    for (size_t i = 0; i < b2.n; i++) sum += b2.xf[i * D];
    sl_dataset c2, d2;
    sl_dataset_split(&ds, 10, r2, &c2, &d2);
    ok &= a2.n == 20 && b2.n == 10 && sum == D * (N * (N - 1) / 2) &&
          memcmp(b2.xf, d2.xf, 10 * D * sizeof(float)) == 0 && memcmp(b2.y, d2.y, 10 * sizeof(int32_t)) == 0;
    SL_CHECK(ok, "dataset: split keeps every example once, last n_b held out (Keras), seeded permutation repeats",
             "sizes %zu %zu %zu %zu", a.n, b.n, a2.n, b2.n);
    gsl_rng_free(r1); gsl_rng_free(r2);
    sl_dataset_free(&a); sl_dataset_free(&b); sl_dataset_free(&a2); sl_dataset_free(&b2);
    sl_dataset_free(&c2); sl_dataset_free(&d2); sl_dataset_free(&sel); sl_dataset_free(&ds);
    (void)r;
}

/* Init ranges per group: the afr parametrisation w_ji = λ_in,i φ_ji is the
 * spectral layer with λ_out = 0 (range [0, 0]) and not trained; first_lambda_in_one
 * sets the first layer's λ_in to 1 without moving the draws before it. */
static void test_init_groups(void)
{
    sl_layer L[2] = {LY(SL_LAYER_SPECTRAL, 6, 4, SL_ACT_RELU, SL_G_PHI | SL_G_LAMBDA_IN, 0),
                     LY(SL_LAYER_SPECTRAL, 4, 2, SL_ACT_IDENTITY, SL_G_LAMBDA_OUT, 0)};
    sl_net a, b;
    sl_net_alloc(&a, 2, L);
    sl_net_alloc(&b, 2, L);
    sl_init ia = {{-0.5f, 0.5f}, {-1, 1}, {0, 0}, 0, 0}, ib = ia;
    ib.first_lambda_in_one = 1;
    gsl_rng *r1 = sl_rng_new(4), *r2 = sl_rng_new(4);
    sl_net_init(&a, &ia, r1);
    sl_net_init(&b, &ib, r2);
    float w[24];
    sl_net_layer_weights(&a, 0, w, NULL);
    const float *phi = a.params + a.layers[0].goff[SL_GI_PHI], *lin = a.params + a.layers[0].goff[SL_GI_LAMBDA_IN];
    int ok = a.trainable[a.layers[0].goff[SL_GI_LAMBDA_OUT]] == 0;
    for (int j = 0; j < 4; j++) {
        ok &= a.params[a.layers[0].goff[SL_GI_LAMBDA_OUT] + (size_t)j] == 0;
        for (int i = 0; i < 6; i++) ok &= w[j * 6 + i] == lin[i] * phi[j * 6 + i];
    }
    SL_CHECK(ok, "init per group: lambda_out [0, 0] gives w_ji = lambda_in,i phi_ji (afr), lambda_out frozen", "no");
    int one = 1;
    for (int i = 0; i < 6; i++) one &= b.params[b.layers[0].goff[SL_GI_LAMBDA_IN] + (size_t)i] == 1.0f;
    one &= memcmp(a.params + a.layers[0].goff[SL_GI_PHI], b.params + b.layers[0].goff[SL_GI_PHI], 24 * sizeof(float)) == 0;
    SL_CHECK(one, "init: first_lambda_in one sets the first layer's lambda_in to 1, phi draws unchanged", "no");
    gsl_rng_free(r1); gsl_rng_free(r2);
    sl_net_free(&a); sl_net_free(&b);
}

/* A batch-coupled kind written in this file alone (no core edit): centring
 * over the batch, out_bj = in_bj − (1/B) Σ_b' in_b'j, din = d − mean_b d.
 * The loss of one example then depends on the whole batch. */
static void center_layout(sl_layer *L) {}
static void center_init(const sl_layer *L, int index, float *p, const sl_init *in, gsl_rng *r) {}
static size_t center_scratch(const sl_layer *L, int batch) { return 0; }
static void center_refresh(const sl_layer *L, const float *p, float *scr) {}
static void center_rows(const float *in, float *out, int nb, int n)
{
    for (int j = 0; j < n; j++) {
        float mean = 0;
        for (int b = 0; b < nb; b++) mean += in[(size_t)b * n + j];
        mean /= (float)nb;
        for (int b = 0; b < nb; b++) out[(size_t)b * n + j] = in[(size_t)b * n + j] - mean;
    }
}
static void center_forward(const sl_layer *L, const float *p, float *scr, const float *in, float *out, int nb, gsl_rng *r)
{
    center_rows(in, out, nb, L->n_in);
}
static void center_backward(const sl_layer *L, const float *p, float *scr, const float *in, const float *out,
                            const float *d, float *din, float *g, int nb)
{
    if (din) center_rows(d, din, nb, L->n_in);
}
static const sl_layer_ops center_kind = {
    .name = "center", .groups = 0, .batch_coupled = 1, .linear = 0, .layout = center_layout,
    .init = center_init, .scratch = center_scratch, .refresh = center_refresh, .forward = center_forward,
    .backward = center_backward,
};

static void test_batch_coupled(gsl_rng *r)
{
    const unsigned D = SL_G_W | SL_G_BIAS;
    sl_layer L[3] = {LY(SL_LAYER_DENSE, 7, 5, SL_ACT_TANH, D, 1), LY(SL_LAYER_DENSE, 5, 5, SL_ACT_IDENTITY, 0, 0),
                     LY(SL_LAYER_SPECTRAL, 5, 3, SL_ACT_IDENTITY, SL_G_PHI | SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT, 0)};
    L[1].ops = &center_kind;
    check_net("batch-centring layer between dense and spectral", L, 3, r);

    sl_dataset ds;
    if (blobs(&ds, 60, 7, 3, r) != SL_OK) { SL_CHECK(0, "batch coupled: data", "%s", sl_errmsg()); return; }
    sl_net net;
    sl_net_alloc(&net, 3, L);
    sl_init init = {{-0.5f, 0.5f}, {-0.5f, 0.5f}, {-0.5f, 0.5f}, 0, 0};
    sl_net_init(&net, &init, r);
    sl_train_opts o = {.epochs = 2, .batch = 20, .optimiser = SL_OPT_ADAM, .lr = 0.01f, .shards = 2};
    sl_status s2 = sl_train(&net, &ds, &o, r, NULL, NULL);
    o.shards = 1;
    sl_status s1 = sl_train(&net, &ds, &o, r, NULL, NULL);
    SL_CHECK(s2 == SL_EINVAL && s1 == SL_OK, "trainer refuses data-parallel shards for a batch-coupled layer",
             "shards 2: %d, shards 1: %d", s2, s1);
    sl_net ret;
    SL_CHECK(sl_net_retract(&net, &ret) == SL_EINVAL, "retraction refuses a layer that is not linear", "accepted");
    sl_net_free(&net);
    /* fused runs stop at a kind that is not linear */
    sl_layer F[5] = {LY(SL_LAYER_DENSE, 7, 6, SL_ACT_IDENTITY, D, 1), LY(SL_LAYER_DENSE, 6, 5, SL_ACT_IDENTITY, D, 1),
                     LY(SL_LAYER_DENSE, 5, 5, SL_ACT_IDENTITY, 0, 0), LY(SL_LAYER_DENSE, 5, 4, SL_ACT_IDENTITY, D, 1),
                     LY(SL_LAYER_DENSE, 4, 3, SL_ACT_IDENTITY, D, 1)};
    F[2].ops = &center_kind;
    sl_net_alloc(&net, 5, F);
    sl_net_init(&net, &init, r);
    sl_net_ws wf, wp;
    sl_net_ws_alloc_fused(&wf, &net, 9, SL_FUSE_ON);
    sl_net_ws_alloc(&wp, &net, 9);
    float x[9 * 7], *gf = calloc(net.n_params, sizeof *gf), *gp = calloc(net.n_params, sizeof *gp);
    int y[9];
    for (int i = 0; i < 9 * 7; i++) x[i] = (float)gsl_rng_uniform(r);
    for (int b = 0; b < 9; b++) y[b] = b % 3;
    sl_net_forward(&net, &wf, x, 9);
    sl_net_loss(&net, &wf, y, 9, gf);
    sl_net_forward(&net, &wp, x, 9);
    sl_net_loss(&net, &wp, y, 9, gp);
    double err = 0, scale = 0;
    for (size_t i = 0; i < net.n_params; i++) {
        err = fmax(err, fabs(gf[i] - gp[i]));
        scale = fmax(scale, fabs(gp[i]));
    }
    SL_CHECK(sl_net_ws_fused_runs(&wf) == 2 && wf.fuse_hi[0] == 1 && wf.fuse_hi[3] == 4 && err < 1e-5 * scale,
             "fused runs stop at a layer that is not linear, same gradients", "runs %d, rel err %.2g",
             sl_net_ws_fused_runs(&wf), err / scale);
    free(gf); free(gp);
    sl_net_ws_free(&wf);
    sl_net_ws_free(&wp);
    sl_net_free(&net);
    sl_dataset_free(&ds);
}

static void test_nan_report(gsl_rng *r)
{
    sl_dataset ds = {0};
    ds.n = 200; ds.n_features = 10; ds.n_classes = 10;
    ds.x8 = malloc(ds.n * 10);
    ds.y = malloc(ds.n * sizeof *ds.y);
    for (size_t i = 0; i < ds.n * 10; i++) ds.x8[i] = (uint8_t)gsl_rng_uniform_int(r, 256);
    for (size_t i = 0; i < ds.n; i++) ds.y[i] = (uint8_t)gsl_rng_uniform_int(r, 10);
    sl_arch a;
    memset(&a, 0, sizeof a);
    a.n_layers = 2; a.dims[0] = 10; a.dims[1] = 30; a.dims[2] = 10;
    a.acts[0] = SL_ACT_IDENTITY; a.acts[1] = SL_ACT_IDENTITY;
    a.init = (sl_init){{-0.5f, 0.5f}, {-0.01f, 0.01f}, {-0.01f, 0.01f}, 0, 0};
    sl_net net;
    sl_arch_build(&net, SL_MODE_DIRECT_FULL, &a, r, r);
    sl_train_opts o = {.epochs = 5, .batch = 50, .optimiser = SL_OPT_SGD, .lr = 1e30f, .shards = 2, .fuse = SL_FUSE_OFF};
    sl_status st = sl_train(&net, &ds, &o, r, NULL, NULL);
    SL_CHECK(st == SL_ENUMERIC && strstr(sl_errmsg(), "epoch 1") && strstr(sl_errmsg(), "batch 2") &&
             strstr(sl_errmsg(), "layer"),
             "training stops on NaN/Inf naming epoch, batch and layer", "%d %s", st, sl_errmsg());
    sl_net_free(&net);
    sl_dataset_free(&ds);
}

/* ---------------------------------------------------------------- dropout */

#define DROP(n, p) ((sl_layer){.kind = SL_LAYER_DROPOUT, .n_in = (n), .n_out = (n), .rate = (p)})

/* The masks' generator over many forwards of a (401, 51) batch (an odd
 * count T: the last element takes half a draw): each mask is the one
 * sl_kind_dropout.c defines (key from two draws of the stream; element e <
 * T/2 the low half of sl_splitmix64_at(key, e), element T/2 + e its high
 * half, against ⌈(1 − p) 2³²⌉); the keep fraction within 4 binomial sd of
 * 1 − p; pairs kept together with probability (1 − p)², within 4 sd: the
 * two halves of one draw (e, T/2 + e), neighbours (e, e + 1), rows (e,
 * e + n) and the same element in consecutive forwards. */
static void test_dropout_masks(void)
{
    enum { ROWS = 401, N = 51, F = 60 };
    const size_t T = (size_t)ROWS * N;
    const float p = 0.2f;
    sl_layer L = DROP(N, p);
    const sl_layer_ops *ops = &sl_kind_dropout;
    float *scr = malloc(ops->scratch(&L, ROWS) * sizeof *scr), *in = malloc(T * sizeof *in),
          *out = malloc(T * sizeof *out);
    unsigned char *prev = malloc(T);
    for (size_t i = 0; i < T; i++) in[i] = 1.0f;
    gsl_rng *r = sl_rng_new(sl_seed_derive(7, SL_STREAM_MASK, 0));
    const double keep = 1.0 - (double)p;
    const uint64_t thr = (uint64_t)ceil(ldexp(keep, 32));
    size_t kept = 0, defined = 0, both[4] = {0}, pairs[4] = {0};
    for (int f = 0; f < F; f++) {
        gsl_rng *c = gsl_rng_clone(r);
        const uint64_t hi = gsl_rng_get(c) & 0xffffffffu, key = hi << 32 | (gsl_rng_get(c) & 0xffffffffu);
        gsl_rng_free(c);
        ops->forward(&L, NULL, scr, in, out, ROWS, r);
        const float *m = scr + 1;
        const size_t h = T / 2;
        for (size_t e = 0; e < T; e++) {
            const uint64_t z = sl_splitmix64_at(key, e < h ? e : e - h), half = e >= h && e < 2 * h ? z >> 32 : z & 0xffffffffu;
            const int k = m[e] != 0.0f;
            defined += k == (half < thr);
            kept += (size_t)k;
            if (e < h) { pairs[0]++; both[0] += (size_t)(k && m[h + e] != 0.0f); }
            if (e + 1 < T) { pairs[1]++; both[1] += (size_t)(k && m[e + 1] != 0.0f); }
            if (e + N < T) { pairs[2]++; both[2] += (size_t)(k && m[e + N] != 0.0f); }
            if (f > 0) { pairs[3]++; both[3] += (size_t)(k && prev[e]); }
            prev[e] = (unsigned char)k;
        }
    }
    SL_CHECK(defined == T * F, "dropout masks: element e (T/2 + e) is the low (high) half of splitmix64(key, e) < ceil((1-p) 2^32)",
             "%zu of %zu elements", T * F - defined, T * F);
    const double frac = (double)kept / (double)(T * F), sd = sqrt(keep * (1 - keep) / (double)(T * F));
    SL_CHECK(fabs(frac - keep) < 4 * sd, "dropout masks: keep fraction within 4 binomial sd of 1 - p over 1.2M draws",
             "%.5f (expected %.2f +- %.5f)", frac, keep, 4 * sd);
    const char *what[4] = {"two halves of one draw", "neighbours (e, e + 1)", "rows (e, e + n)", "consecutive forwards"};
    const double q = keep * keep;
    for (int j = 0; j < 4; j++) {
        const double fj = (double)both[j] / (double)pairs[j], sdj = sqrt(q * (1 - q) / (double)pairs[j]);
        char name[128];
        snprintf(name, sizeof name, "dropout masks: %s kept together with probability (1-p)^2 (4 sd)", what[j]);
        SL_CHECK(fabs(fj - q) < 4 * sdj, name, "%.5f (expected %.4f +- %.5f)", fj, q, 4 * sdj);
    }
    gsl_rng_free(r);
    free(scr); free(in); free(out); free(prev);
}

/* The kind alone on a (rows, n) batch: the keep fraction, the kept values
 * (exactly in/(1 − p)), the mean output against the input, evaluation mode. */
static void test_dropout_kind(gsl_rng *r)
{
    enum { ROWS = 400, N = 50 };
    const size_t T = (size_t)ROWS * N;
    const float p = 0.3f;
    sl_layer L = DROP(N, p);
    const sl_layer_ops *ops = &sl_kind_dropout;
    float *scr = malloc(ops->scratch(&L, ROWS) * sizeof *scr), *in = malloc(T * sizeof *in), *out = malloc(T * sizeof *out),
          *d = malloc(T * sizeof *d), *din = malloc(T * sizeof *din);
    for (size_t i = 0; i < T; i++) in[i] = (float)(0.5 + gsl_rng_uniform(r));
    ops->forward(&L, NULL, scr, in, out, ROWS, NULL);
    SL_CHECK(memcmp(in, out, T * sizeof *in) == 0, "dropout: evaluation mode (no stream) is the identity", "differs");
    for (size_t i = 0; i < T; i++) d[i] = (float)(gsl_rng_uniform(r) - 0.5);
    ops->backward(&L, NULL, scr, in, out, d, din, NULL, ROWS);
    SL_CHECK(memcmp(d, din, T * sizeof *d) == 0, "dropout: backward after an evaluation forward is the identity", "differs");

    ops->forward(&L, NULL, scr, in, out, ROWS, r);
    const float scale = (float)(1.0 / (1.0 - (double)p));
    size_t kept = 0, bad = 0;
    double mean_ratio = 0;
    for (size_t i = 0; i < T; i++) {
        if (out[i] != 0.0f) {
            kept++;
            bad += out[i] != in[i] * scale;
        }
        mean_ratio += (double)out[i] / (double)in[i] / (double)T;
    }
    /* keep fraction ~ Binomial(T, 1 − p)/T: sd √(p(1 − p)/T) = 0.0032 here; 4 sd */
    const double frac = (double)kept / (double)T, sd = sqrt((double)p * (1 - p) / (double)T);
    SL_CHECK(fabs(frac - (1 - p)) < 4 * sd && bad == 0, "dropout: keep fraction 1 - p within 4 sd, kept units scaled by 1/(1-p)",
             "keep %.4f (expected %.2f +- %.4f), %zu kept values not in/(1-p)", frac, 1 - p, 4 * sd, bad);
    /* inverted scaling: E[out/in] = 1, sd of one ratio √(p/(1 − p)) */
    const double sdm = sqrt((double)p / (1 - p) / (double)T);
    SL_CHECK(fabs(mean_ratio - 1) < 4 * sdm, "dropout: mean of output / input is 1 within 4 sd (inverted scaling)",
             "%.5f (+- %.4f)", mean_ratio, 4 * sdm);
    /* backward multiplies by the same mask */
    ops->backward(&L, NULL, scr, in, out, d, din, NULL, ROWS);
    size_t badb = 0;
    for (size_t i = 0; i < T; i++) badb += din[i] != d[i] * (out[i] != 0.0f ? scale : 0.0f);
    SL_CHECK(badb == 0, "dropout: backward multiplies by the forward's mask", "%zu entries differ", badb);
    /* same seed → same mask */
    gsl_rng *a = sl_rng_new(77), *b = sl_rng_new(77);
    ops->forward(&L, NULL, scr, in, out, ROWS, a);
    memcpy(din, out, T * sizeof *out);
    ops->forward(&L, NULL, scr, in, out, ROWS, b);
    int same = memcmp(din, out, T * sizeof *out) == 0;
    ops->forward(&L, NULL, scr, in, out, ROWS, b);
    SL_CHECK(same && memcmp(din, out, T * sizeof *out) != 0, "dropout: same seed same mask, the next draw another",
             "same %d", same);
    gsl_rng_free(a); gsl_rng_free(b);
    sl_layer bad1 = DROP(N, 1.0f), bad2 = {.kind = SL_LAYER_DROPOUT, .n_in = 4, .n_out = 5, .rate = 0.1f};
    sl_net net;
    sl_status s1 = sl_net_alloc(&net, 1, &bad1), s2 = sl_net_alloc(&net, 1, &bad2);
    SL_CHECK(s1 == SL_EINVAL && s2 == SL_EINVAL, "dropout: rate 1 and n_in != n_out refused", "%d %d", s1, s2);
    free(scr); free(in); free(out); free(d); free(din);
}

/* Central differences along random directions for every group of a network
 * with dropout between its layers, in training mode with the masks held
 * fixed (the stream restored before each forward pass). */
static double loss_masked(sl_net *net, sl_net_ws *ws, const gsl_rng *saved, const float *x, const int *y, float *g)
{
    gsl_rng_memcpy(ws->rng, saved);
    sl_net_refresh(net, ws);
    sl_net_forward(net, ws, x, B);
    return sl_net_loss(net, ws, y, B, g);
}

static void test_dropout_gradients(gsl_rng *r)
{
    const unsigned D = SL_G_W | SL_G_BIAS, S = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | SL_G_PHI;
    sl_layer L[5] = {LY(SL_LAYER_DENSE, 7, 8, SL_ACT_ELU, D, 1), DROP(8, 0.5f), LY(SL_LAYER_SPECTRAL, 8, 6, SL_ACT_TANH, S, 0),
                     DROP(6, 0.25f), LY(SL_LAYER_DENSE, 6, 3, SL_ACT_IDENTITY, D, 1)};
    sl_net net;
    sl_net_ws ws;
    if (sl_net_alloc(&net, 5, L) != SL_OK || sl_net_ws_alloc(&ws, &net, B) != SL_OK) {
        SL_CHECK(0, "dropout gradients: alloc", "%s", sl_errmsg());
        return;
    }
    sl_init init = {{-0.5f, 0.5f}, {-0.8f, 0.8f}, {-0.8f, 0.8f}, 0, 0};
    sl_net_init(&net, &init, r);
    for (size_t i = 0; i < net.n_params; i++) net.params[i] += (float)(0.1 * gsl_rng_uniform(r));
    float x[B * 7];
    int y[B];
    for (int i = 0; i < B * 7; i++) x[i] = (float)(2 * gsl_rng_uniform(r) - 1);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, 3);
    ws.rng = sl_rng_new(2024);
    gsl_rng *saved = gsl_rng_clone(ws.rng);
    memset(net.grads, 0, net.n_params * sizeof(float));
    loss_masked(&net, &ws, saved, x, y, net.grads);
    size_t dropped = 0;
    for (int b = 0; b < B * 8; b++) dropped += ws.act[2][b] == 0.0f;
    /* the same masks in evaluation would give a different gradient: the check can fail */
    float *g_eval = calloc(net.n_params, sizeof *g_eval);
    gsl_rng *keep = ws.rng;
    ws.rng = NULL;
    sl_net_forward(&net, &ws, x, B);
    sl_net_loss(&net, &ws, y, B, g_eval);
    ws.rng = keep;
    double gdiff = 0;
    for (size_t i = 0; i < net.layers[0].n_params; i++) gdiff = fmax(gdiff, fabs(g_eval[i] - net.grads[i]));
    SL_CHECK(dropped > 0 && gdiff > 1e-4, "dropout gradients: masks drop units and change the gradient",
             "%zu dropped, max grad change %.2g", dropped, gdiff);
    float *g = malloc(net.n_params * sizeof *g);
    memcpy(g, net.grads, net.n_params * sizeof *g);
    char name[128];
    for (int l = 0; l < net.n_layers; l++) {
        const sl_layer *Ly = &net.layers[l];
        for (int gi = 0; gi < SL_N_GROUPS; gi++) {
            if (!Ly->gsize[gi]) continue;
            const size_t off = Ly->goff[gi], n = Ly->gsize[gi];
            double *dir = malloc(n * sizeof *dir), gd = 0, norm = 0;
            float *save = malloc(n * sizeof *save);
            memcpy(save, net.params + off, n * sizeof *save);
            for (size_t i = 0; i < n; i++) { /* a random direction, not aligned with the gradient */
                dir[i] = gsl_rng_uniform(r) - 0.5;
                gd += g[off + i] * dir[i];
                norm += dir[i] * dir[i];
            }
            const double eps = 1e-3 / sqrt(norm);
            for (size_t i = 0; i < n; i++) net.params[off + i] = (float)(save[i] + eps * dir[i]);
            const double lp = loss_masked(&net, &ws, saved, x, y, NULL);
            for (size_t i = 0; i < n; i++) net.params[off + i] = (float)(save[i] - eps * dir[i]);
            const double lm = loss_masked(&net, &ws, saved, x, y, NULL);
            memcpy(net.params + off, save, n * sizeof *save);
            const double fd = (lp - lm) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-3);
            snprintf(name, sizeof name, "grad with dropout masks held: layer %d %s", l, sl_group_names[gi]);
            SL_CHECK(rel < 2e-2, name, "analytic %.6g, central difference %.6g (rel %.2g)", gd, fd, rel);
            printf("   %-48s rel diff %.2e\n", name, rel);
            free(dir); free(save);
        }
    }
    free(g); free(g_eval);
    gsl_rng_free(ws.rng);
    gsl_rng_free(saved);
    ws.rng = NULL;
    sl_net_ws_free(&ws);
    sl_net_free(&net);
}

/* Training: p = 0 is bit for bit the network without the layer; p > 0 is
 * reproducible from its stream and needs one. */
static sl_status train_drop(sl_net *net, const sl_dataset *ds, int with_layer, float p, int shards, uint64_t dseed,
                            int give_rng)
{
    const unsigned D = SL_G_W | SL_G_BIAS;
    sl_layer L[3] = {LY(SL_LAYER_DENSE, ds->n_features, 8, SL_ACT_ELU, D, 1), DROP(8, p),
                     LY(SL_LAYER_DENSE, 8, ds->n_classes, SL_ACT_IDENTITY, D, 1)};
    if (!with_layer) L[1] = L[2];
    SL_TRY(sl_net_alloc(net, with_layer ? 3 : 2, L));
    gsl_rng *r = sl_rng_new(31), *rd = sl_rng_new(dseed);
    sl_init init = {{-0.5f, 0.5f}, {-0.5f, 0.5f}, {-0.5f, 0.5f}, 0, 0};
    sl_net_init(net, &init, r);
    sl_train_opts o = {.epochs = 3, .batch = 16, .optimiser = SL_OPT_ADAM, .lr = 0.01f, .shards = shards, .val = ds,
                       .dropout_rng = give_rng ? rd : NULL};
    sl_status st = sl_train(net, ds, &o, r, NULL, NULL);
    gsl_rng_free(r); gsl_rng_free(rd);
    return st;
}

static void test_dropout_training(gsl_rng *r)
{
    sl_dataset ds;
    if (blobs(&ds, 90, 5, 3, r) != SL_OK) { SL_CHECK(0, "dropout training: data", "%s", sl_errmsg()); return; }
    for (int shards = 1; shards <= 2; shards++) {
        sl_net a, b;
        sl_status sa = train_drop(&a, &ds, 0, 0, shards, 5, 0), sb = train_drop(&b, &ds, 1, 0.0f, shards, 5, 1);
        SL_CHECK(sa == SL_OK && sb == SL_OK && a.n_params == b.n_params &&
                     memcmp(a.params, b.params, a.n_params * sizeof(float)) == 0,
                 shards == 1 ? "dropout p = 0 trains bit for bit as no dropout layer" :
                               "dropout p = 0 trains bit for bit as no dropout layer (2 shards)",
                 "status %d %d", sa, sb);
        sl_net_free(&a); sl_net_free(&b);
        sl_net c, e, f;
        sl_status sc = train_drop(&c, &ds, 1, 0.3f, shards, 5, 1), se = train_drop(&e, &ds, 1, 0.3f, shards, 5, 1),
                  sf = train_drop(&f, &ds, 1, 0.3f, shards, 6, 1);
        int same = sc == SL_OK && se == SL_OK && memcmp(c.params, e.params, c.n_params * sizeof(float)) == 0;
        int other = sf == SL_OK && memcmp(c.params, f.params, c.n_params * sizeof(float)) != 0;
        SL_CHECK(same && other, shards == 1 ? "dropout p = 0.3: same stream seed same training, another seed another" :
                                              "dropout p = 0.3, 2 shards: same stream seed same training, another seed another",
                 "same %d other %d", same, other);
        sl_net_free(&c); sl_net_free(&e); sl_net_free(&f);
    }
    /* 2 shards on 1 and on 2 OpenMP threads: each shard draws its masks from its own stream */
    sl_net t1, t2;
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    sl_status s1 = train_drop(&t1, &ds, 1, 0.3f, 2, 5, 1);
    omp_set_num_threads(2);
    sl_status s2 = train_drop(&t2, &ds, 1, 0.3f, 2, 5, 1);
    omp_set_num_threads(threads);
    SL_CHECK(s1 == SL_OK && s2 == SL_OK && memcmp(t1.params, t2.params, t1.n_params * sizeof(float)) == 0,
             "dropout p = 0.3, 2 shards: the same bits on 1 and 2 OpenMP threads", "status %d %d", s1, s2);
    sl_net_free(&t1); sl_net_free(&t2);
    sl_net g;
    sl_status sg = train_drop(&g, &ds, 1, 0.3f, 1, 5, 0);
    SL_CHECK(sg == SL_EINVAL && strstr(sl_errmsg(), "dropout"), "trainer refuses a dropout network without a stream",
             "%d %s", sg, sl_errmsg());
    sl_net_free(&g);
    sl_dataset_free(&ds);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    gsl_rng *r = sl_rng_new(12345);
    test_gradients(r);
    test_act_exact_all();
    test_spectral_matrix(r);
    test_retraction(r);
    test_optimisers();
    test_step_runs(r);
    test_loss();
    test_nan_report(r);
    test_mse(r);
    test_custom_loss(r);
    test_train_reference();
    test_l2(r);
    test_adamw();
    test_datasets(r);
    test_init_groups();
    test_batch_coupled(r);
    test_dropout_kind(r);
    test_dropout_masks();
    test_dropout_gradients(r);
    test_dropout_training(r);
    gsl_rng_free(r);
    return sl_test_done();
}
