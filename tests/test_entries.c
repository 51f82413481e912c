/* test_entries — the spectral layer's formulas and the optimiser step, entry
 * by entry, against independent double-precision computations:
 *   W = the (out, in) block of Φ Λ Φ⁻¹ built as explicit matrices;
 *   every entry of dφ, dλ_in, dλ_out against central differences of a loss
 *   that is linear in W (so the differences are exact up to rounding): a
 *   gradient entry that is wrongly zero, or has the wrong sign, fails;
 *   AdaMax / Adam steps against the formulas of sl_optim.h, with Keras'
 *   constants, bias correction, and frozen entries untouched. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "nn/sl_layer.h"
#include "nn/sl_optim.h"
#include "sl_test.h"

enum { N_IN = 5, N_OUT = 4, NT = N_IN + N_OUT };

static void fill(gsl_rng *r, float *x, int n, double a, double b)
{
    for (int i = 0; i < n; i++) x[i] = (float)(a + (b - a) * gsl_rng_uniform(r));
}

/* L = Σ c_ji W_ji in double, W from sl_spectral_weights */
static double loss(const float *phi, const float *lin, const float *lout, const double *c)
{
    float w[N_OUT * N_IN];
    sl_spectral_weights(w, phi, lin, lout, N_IN, N_OUT);
    double s = 0;
    for (int k = 0; k < N_OUT * N_IN; k++) s += c[k] * w[k];
    return s;
}

static void test_spectral(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 41);
    float phi[N_OUT * N_IN], lin[N_IN], lout[N_OUT], w[N_OUT * N_IN];
    fill(r, phi, N_OUT * N_IN, -0.5, 0.5);
    fill(r, lin, N_IN, -1, 1);
    fill(r, lout, N_OUT, -1, 1);
    sl_spectral_weights(w, phi, lin, lout, N_IN, N_OUT);
    /* Φ = [[I, 0], [φ, I]], Λ = diag(λ_in, λ_out), Φ⁻¹ = [[I, 0], [−φ, I]] (so Φ Φ⁻¹ = I, checked) */
    double P[NT][NT] = {{0}}, Pi[NT][NT] = {{0}}, L[NT][NT] = {{0}}, T[NT][NT], A[NT][NT], id = 0;
    for (int k = 0; k < NT; k++) { P[k][k] = Pi[k][k] = 1; L[k][k] = k < N_IN ? lin[k] : lout[k - N_IN]; }
    for (int j = 0; j < N_OUT; j++)
        for (int i = 0; i < N_IN; i++) { P[N_IN + j][i] = phi[j * N_IN + i]; Pi[N_IN + j][i] = -phi[j * N_IN + i]; }
    for (int a = 0; a < NT; a++)
        for (int b = 0; b < NT; b++) {
            double s = 0, q = 0;
            for (int k = 0; k < NT; k++) { s += P[a][k] * L[k][b]; q += P[a][k] * Pi[k][b]; }
            T[a][b] = s;
            id = fmax(id, fabs(q - (a == b)));
        }
    double err = 0;
    for (int a = 0; a < NT; a++)
        for (int b = 0; b < NT; b++) {
            double s = 0;
            for (int k = 0; k < NT; k++) s += T[a][k] * Pi[k][b];
            A[a][b] = s;
        }
    for (int j = 0; j < N_OUT; j++)
        for (int i = 0; i < N_IN; i++) err = fmax(err, fabs(w[j * N_IN + i] - A[N_IN + j][i]));
    SL_CHECK(id < 1e-15 && err < 1e-6, "spectral weights are the (out, in) block of Phi Lambda Phi^-1", "max err %.3g", err);

    double c[N_OUT * N_IN];
    float dw[N_OUT * N_IN], dphi[N_OUT * N_IN], dlin[N_IN], dlout[N_OUT];
    for (int k = 0; k < N_OUT * N_IN; k++) { c[k] = gsl_rng_uniform(r) - 0.5; dw[k] = (float)c[k]; }
    memset(dphi, 0, sizeof dphi); memset(dlin, 0, sizeof dlin); memset(dlout, 0, sizeof dlout);
    sl_spectral_backward(dphi, dlin, dlout, dw, phi, lin, lout, N_IN, N_OUT);
    const float h = 1.0f / 64; /* exact in float: the perturbation itself adds no rounding */
    double worst[3] = {0, 0, 0};
    float *groups[3] = {phi, lin, lout}, *grads[3] = {dphi, dlin, dlout};
    const int sizes[3] = {N_OUT * N_IN, N_IN, N_OUT};
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < sizes[g]; k++) {
            const float keep = groups[g][k];
            groups[g][k] = keep + h;
            double up = loss(phi, lin, lout, c);
            groups[g][k] = keep - h;
            double dn = loss(phi, lin, lout, c);
            groups[g][k] = keep;
            double fd = (up - dn) / (2 * h);
            worst[g] = fmax(worst[g], fabs(fd - grads[g][k]) / (fabs(fd) + 1e-3));
        }
    SL_CHECK(worst[0] < 1e-4, "spectral backward: every entry of dphi equals its central difference", "rel %.3g", worst[0]);
    SL_CHECK(worst[1] < 1e-4, "spectral backward: every entry of dlambda_in equals its central difference", "rel %.3g", worst[1]);
    SL_CHECK(worst[2] < 1e-4, "spectral backward: every entry of dlambda_out equals its central difference", "rel %.3g", worst[2]);
    /* accumulation: a second call adds the same again; NULL groups are left alone */
    float dphi2[N_OUT * N_IN];
    memcpy(dphi2, dphi, sizeof dphi);
    sl_spectral_backward(dphi2, NULL, NULL, dw, phi, lin, lout, N_IN, N_OUT);
    double acc = 0;
    for (int k = 0; k < N_OUT * N_IN; k++) acc = fmax(acc, fabs(dphi2[k] - 2 * dphi[k]));
    SL_CHECK(acc < 1e-6, "spectral backward accumulates into its outputs", "%.3g", acc);
    gsl_rng_free(r);
}

static void test_optim(void)
{
    enum { N = 6, STEPS = 4 };
    sl_optim o;
    sl_optim_defaults(&o, SL_OPT_ADAMAX, 0.03f);
    SL_CHECK(o.beta1 == 0.9f && o.beta2 == 0.999f && o.eps == 1e-7f && o.lr == 0.03f,
             "optimiser defaults are Keras' (beta1 0.9, beta2 0.999, eps 1e-7)", "%g %g %g", o.beta1, o.beta2, o.eps);
    for (int kind = SL_OPT_ADAMAX; kind <= SL_OPT_ADAM; kind++) {
        sl_optim_defaults(&o, (sl_optim_kind)kind, 0.03f);
        o.eps = 1e-3f; /* large enough to matter: its placement is tested */
        if (sl_optim_alloc(&o, N) != SL_OK) { SL_CHECK(0, "optimiser alloc", "%s", sl_errmsg()); return; }
        float p[N] = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f};
        const uint8_t mask[N] = {1, 1, 0, 1, 1, 1};
        double rp[N], m[N] = {0}, v[N] = {0};
        for (int i = 0; i < N; i++) rp[i] = p[i];
        double err = 0;
        for (int t = 1; t <= STEPS; t++) {
            float g[N];
            for (int i = 0; i < N; i++) g[i] = (float)(0.01 * (i + 1) * (t % 2 ? 1 : -0.5) + 0.002 * t);
            sl_optim_step(&o, p, g, mask);
            for (int i = 0; i < N; i++) {
                if (!mask[i]) continue;
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                if (kind == SL_OPT_ADAMAX) {
                    v[i] = fmax(0.999 * v[i], fabs(g[i]));
                    rp[i] -= 0.03 / (1 - pow(0.9, t)) * m[i] / (v[i] + 1e-3);
                } else {
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    rp[i] -= 0.03 * (m[i] / (1 - pow(0.9, t))) / (sqrt(v[i] / (1 - pow(0.999, t))) + 1e-3);
                }
            }
            for (int i = 0; i < N; i++) err = fmax(err, fabs(p[i] - rp[i]));
        }
        char name[96];
        snprintf(name, sizeof name, "%s: %d steps equal the formula (bias correction, eps placement); frozen entry untouched",
                 sl_optim_names[kind], STEPS);
        SL_CHECK(err < 2e-6 && p[2] == 0.3f, name, "max err %.3g", err);
        sl_optim_free(&o);
    }
}

int main(void)
{
    test_spectral();
    test_optim();
    return sl_test_done();
}
