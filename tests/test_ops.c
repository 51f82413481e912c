/* test_ops — the ops probes' numerics against independent computations:
 * singular values against the eigenvalues of aᵀa (dsyev), power-iteration
 * norms and stable ranks against the SVD, eigenpairs by their residual, the
 * assignment solver against brute force, composition distances on pairs of
 * known spectra (commuting diagonalisable: eigenvalues multiply; nilpotent:
 * they do not; aligned singular bases; Horn's inequalities), the
 * spectral-norm clip (the bound holds after the projection, alone and inside
 * training), and the real-valued Ω against the erg circular one. */
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_rng.h"
#include "linalg/sl_dmat.h"
#include "linalg/sl_spec.h"
#include "nn/sl_net.h"
#include "nn/sl_train.h"
#include "ops/sl_compose.h"
#include "ops/sl_ops.h"
#include "rmt/sl_ergodicity.h"
#include "sl_test.h"

#define LY(k, i, o, a, t, b) ((sl_layer){.kind = (k), .n_in = (i), .n_out = (o), .act = (a), .train = (t), .has_bias = (b)})

/* max that propagates NaN (fmax would drop it and let a broken check pass) */
static double worse(double w, double e) { return e <= w ? w : e; }

static void gauss(gsl_rng *r, double *a, size_t n)
{
    for (size_t i = 0; i < n; i++) a[i] = sl_rng_gaussian(r, 1.0);
}

/* q (n, n) orthogonal: QR of a Gaussian matrix */
static void orthogonal(gsl_rng *r, double *q, int n)
{
    double *tau = malloc((size_t)n * sizeof *tau);
    gauss(r, q, (size_t)n * n);
    LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, n, n, q, n, tau);
    LAPACKE_dorgqr(LAPACK_ROW_MAJOR, n, n, n, q, n, tau);
    free(tau);
}

/* σ_max by SVD of a float matrix */
static double svd_norm_f(const float *a, int m, int n)
{
    double *d = malloc((size_t)m * n * sizeof *d), *s = malloc((size_t)(m < n ? m : n) * sizeof *s);
    for (size_t i = 0; i < (size_t)m * n; i++) d[i] = a[i];
    double x = sl_svd_values(d, m, n, s) == SL_OK ? s[0] : NAN;
    free(d); free(s);
    return x;
}

static void test_svd_and_norms(gsl_rng *r)
{
    const int m = 37, n = 23;
    double *a = malloc(m * n * sizeof *a), *ata = calloc(n * n, sizeof *ata), *s = malloc(n * sizeof *s);
    double *w = malloc(n * sizeof *w);
    gauss(r, a, m * n);
    int ok = sl_svd_values(a, m, n, s) == SL_OK;
    /* independent: eigenvalues of aᵀa (dsyev, ascending) are σ² */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            for (int k = 0; k < m; k++) ata[i * n + j] += a[k * n + i] * a[k * n + j];
    ok = ok && LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'N', 'U', n, ata, n, w) == 0;
    double worst = 0;
    for (int i = 0; ok && i < n; i++) worst = worse(worst, fabs(s[i] * s[i] - w[n - 1 - i]) / (w[n - 1] + 1e-300));
    SL_CHECK(ok && worst < 1e-12, "svd values = sqrt(eig(a^T a))", "max rel diff %.2e", worst);

    /* stable rank = ‖a‖_F² / σ_max², condition = σ_max/σ_min */
    double fro = 0;
    for (int i = 0; i < m * n; i++) fro += a[i] * a[i];
    double sr = sl_stable_rank(s, n);
    SL_CHECK(fabs(sr - fro / (s[0] * s[0])) < 1e-12 * sr && sr >= 1 && sr <= n, "stable rank = |a|_F^2/sigma_max^2",
             "srank %.6f vs %.6f", sr, fro / (s[0] * s[0]));
    sl_spec_stats stt;
    ok = sl_spec_stats_of(a, m, n, 0, &stt) == SL_OK;
    SL_CHECK(ok && stt.norm2 == s[0] && fabs(stt.fro - sqrt(fro)) < 1e-12 * stt.fro &&
             fabs(stt.cond - s[0] / s[n - 1]) < 1e-12 * stt.cond, "spec stats agree with the SVD", "cond %.4f", stt.cond);
    sl_spec_stats st5;
    ok = sl_spec_stats_of(a, m, n, 5, &st5) == SL_OK;
    SL_CHECK(ok && st5.cond == s[0] / s[4], "condition over the first k singular values", "%g", st5.cond);
    {
        double q[49], e = 0;
        gauss(r, q, 49);
        ok = sl_qr_q(q, 7) == SL_OK;
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++) {
                double dot = 0;
                for (int k = 0; k < 7; k++) dot += q[k * 7 + i] * q[k * 7 + j];
                e = worse(e, fabs(dot - (i == j)));
            }
        SL_CHECK(ok && e < 1e-14, "QR factor is orthogonal", "max |QtQ - I| %.2e", e);
    }
    double z[4] = {2, 1, 0, 0};
    SL_CHECK(isinf(sl_condition(z, 4)) && sl_stable_rank(z, 4) == 1.25, "condition of a singular matrix is inf",
             "%g %g", sl_condition(z, 4), sl_stable_rank(z, 4));

    /* power iteration against the SVD, several random shapes (float input) */
    double wrst = 0;
    for (int t = 0; t < 6; t++) {
        int mm = 5 + (int)gsl_rng_uniform_int(r, 120), nn = 5 + (int)gsl_rng_uniform_int(r, 120);
        float *f = malloc((size_t)mm * nn * sizeof *f);
        double *v = calloc(nn, sizeof *v), *u = malloc(mm * sizeof *u), sig;
        for (int i = 0; i < mm * nn; i++) f[i] = (float)sl_rng_gaussian(r, 1.0);
        ok = sl_power_norm(f, mm, nn, v, u, 1e-13, 100000, &sig, NULL) == SL_OK;
        double ref = svd_norm_f(f, mm, nn);
        wrst = worse(wrst, ok ? fabs(sig - ref) / ref : 1);
        free(f); free(v); free(u);
    }
    SL_CHECK(wrst < 1e-6, "power-iteration norm = SVD sigma_max (6 random shapes)", "max rel diff %.2e", wrst);
    /* it approaches from below after few iterations */
    {
        float f[12];
        double v[4] = {0}, u[3], sig;
        for (int i = 0; i < 12; i++) f[i] = (float)sl_rng_gaussian(r, 1.0);
        sl_power_norm(f, 3, 4, v, u, 0, 2, &sig, NULL);
        SL_CHECK(sig <= svd_norm_f(f, 3, 4) * (1 + 1e-12), "power iteration from below", "%g vs %g", sig, svd_norm_f(f, 3, 4));
    }
    free(a); free(ata); free(s); free(w);
}

static void test_eig(gsl_rng *r)
{
    const int n = 30;
    double *a = malloc(n * n * sizeof *a);
    double complex *ev = malloc(n * sizeof *ev), *vr = malloc(n * n * sizeof *vr);
    gauss(r, a, n * n);
    int ok = sl_eig_general(a, n, ev, vr) == SL_OK, ncomplex = 0;
    double worst = 0;
    for (int j = 0; ok && j < n; j++) {
        ncomplex += cimag(ev[j]) != 0;
        double res = 0, nv = 0;
        for (int i = 0; i < n; i++) {
            double complex s = 0;
            for (int k = 0; k < n; k++) s += a[i * n + k] * vr[k * n + j];
            res += pow(cabs(s - ev[j] * vr[i * n + j]), 2);
            nv += pow(cabs(vr[i * n + j]), 2);
        }
        worst = worse(worst, sqrt(res));
        worst = worse(worst, fabs(nv - 1));
    }
    SL_CHECK(ok && worst < 1e-12 && ncomplex > 0, "eigenpairs: |a v - lambda v| and |v| = 1 (incl. complex pairs)",
             "worst %.2e, %d complex", worst, ncomplex);
    free(a); free(ev); free(vr);
}

static void perm_best(const double *c, int n, int *p, int k, int *used, double acc, double *best)
{
    if (k == n) { if (acc < *best) *best = acc; return; }
    for (int j = 0; j < n; j++)
        if (!used[j]) { used[j] = 1; perm_best(c, n, p, k + 1, used, acc + c[k * n + j], best); used[j] = 0; }
}

static void test_assign(gsl_rng *r)
{
    double worst = 0;
    int valid = 1;
    for (int t = 0; t < 20; t++) {
        const int n = 1 + t % 7;
        double c[49], total, best = INFINITY;
        int perm[7], p[7], used[7] = {0}, seen[7] = {0};
        for (int i = 0; i < n * n; i++) c[i] = t % 2 ? gsl_rng_uniform(r) : (double)gsl_rng_uniform_int(r, 4);
        sl_assign_min(c, n, perm, &total);
        perm_best(c, n, p, 0, used, 0, &best);
        double sum = 0;
        for (int i = 0; i < n; i++) { valid &= perm[i] >= 0 && perm[i] < n && !seen[perm[i]]; seen[perm[i]] = 1; sum += c[i * n + perm[i]]; }
        worst = worse(worst, fabs(total - best) + fabs(sum - total));
    }
    SL_CHECK(valid && worst < 1e-12, "assignment = brute-force minimum (n = 1..7, ties included)", "worst %.2e", worst);
}

static void test_compose(gsl_rng *r)
{
    const int n = 12;
    double *v = malloc(n * n * sizeof *v), *vi = malloc(n * n * sizeof *vi), *t = malloc(n * n * sizeof *t);
    double *a = malloc(n * n * sizeof *a), *b = malloc(n * n * sizeof *b), *d = calloc(n * n, sizeof *d);
    double complex *ev = malloc(n * sizeof *ev), *pr = malloc(n * sizeof *pr);
    double dist, comm;
    /* commuting, simultaneously diagonalisable: a = V diag(α) V⁻¹, b = V diag(β) V⁻¹,
     * α, β in unrelated orders (a sort-by-modulus pairing would fail) */
    gauss(r, v, n * n);
    memcpy(vi, v, n * n * sizeof *v);
    int ok = sl_dmat_inverse(vi, n) == SL_OK;
    for (int i = 0; i < n; i++) d[i * n + i] = 0.5 + gsl_rng_uniform(r) * 2;
    sl_dmat_mul(t, v, d, n, n, n); sl_dmat_mul(a, t, vi, n, n, n);
    for (int i = 0; i < n; i++) d[i * n + i] = (gsl_rng_uniform(r) - 0.5) * 4;
    sl_dmat_mul(t, v, d, n, n, n); sl_dmat_mul(b, t, vi, n, n, n);
    ok = ok && sl_compose_eig(a, b, n, ev, pr, &dist) == SL_OK && sl_commutator_rel(a, b, n, &comm) == SL_OK;
    SL_CHECK(ok && dist < 1e-9 && comm < 1e-12, "commuting diagonalisable pair: eigenvalues multiply",
             "dist %.2e, commutator %.2e", dist, comm);

    /* commuting with complex eigenvalues: blocks x I + y J (J a quarter turn) commute */
    memset(d, 0, n * n * sizeof *d);
    double *d2 = calloc(n * n, sizeof *d2);
    for (int k = 0; k < n; k += 2) {
        double x = gsl_rng_uniform(r) + 0.2, y = gsl_rng_uniform(r) + 0.2, x2 = gsl_rng_uniform(r) - 0.5, y2 = gsl_rng_uniform(r) + 0.1;
        d[k * n + k] = d[(k + 1) * n + k + 1] = x; d[k * n + k + 1] = -y; d[(k + 1) * n + k] = y;
        d2[k * n + k] = d2[(k + 1) * n + k + 1] = x2; d2[k * n + k + 1] = -y2; d2[(k + 1) * n + k] = y2;
    }
    sl_dmat_mul(t, v, d, n, n, n); sl_dmat_mul(a, t, vi, n, n, n);
    sl_dmat_mul(t, v, d2, n, n, n); sl_dmat_mul(b, t, vi, n, n, n);
    ok = sl_compose_eig(a, b, n, ev, pr, &dist) == SL_OK;
    SL_CHECK(ok && dist < 1e-9 && fabs(cimag(ev[0])) > 0, "commuting pair with complex spectra: eigenvalues multiply", "dist %.2e", dist);
    free(d2);

    /* nilpotent pair: eig(a) = eig(b) = {0, 0} but eig(ba) = {1, 0}: dist exactly 1 */
    double na[4] = {0, 1, 0, 0}, nb[4] = {0, 0, 1, 0};
    double complex e2[2], p2[2];
    ok = sl_compose_eig(na, nb, 2, e2, p2, &dist) == SL_OK;
    SL_CHECK(ok && fabs(dist - 1) < 1e-12 && cabs(p2[0]) + cabs(p2[1]) < 1e-12, "nilpotent pair: eigenvalues do not multiply",
             "dist %.3g", dist);

    /* a generic Gaussian pair: far from the products */
    gauss(r, a, n * n); gauss(r, b, n * n);
    ok = sl_compose_eig(a, b, n, ev, pr, &dist) == SL_OK && sl_commutator_rel(a, b, n, &comm) == SL_OK;
    double det_ab = 1, det_p = 1;       /* the determinant always multiplies: Π ev = Π prod */
    for (int i = 0; i < n; i++) { det_ab *= cabs(ev[i]); det_p *= cabs(pr[i]); }
    SL_CHECK(ok && dist > 0.1 && comm > 0.1 && fabs(det_ab - det_p) < 1e-9 * det_p,
             "generic pair: products are not the spectrum, |det| still multiplies", "dist %.3f, comm %.3f", dist, comm);

    /* singular values: aligned chain u diag(α) vᵀ, v diag(β) wᵀ → exact; random → Horn */
    const int m1 = 9, k1 = 7, n1 = 11;       /* a (k1, n1), b (m1, k1) */
    double *U = malloc(m1 * m1 * sizeof *U), *V = malloc(k1 * k1 * sizeof *V), *W = malloc(n1 * n1 * sizeof *W);
    double *A = calloc(k1 * n1, sizeof *A), *Bm = calloc(m1 * k1, sizeof *Bm);
    orthogonal(r, U, m1); orthogonal(r, V, k1); orthogonal(r, W, n1);
    double al[7], be[7];
    for (int i = 0; i < k1; i++) { al[i] = 3.0 - 0.4 * i; be[i] = 2.0 - 0.25 * i; }
    for (int i = 0; i < k1; i++)            /* A = V diag(α) W[:k1]ᵀ: rows of Wᵀ are W's columns */
        for (int j = 0; j < n1; j++)
            for (int q = 0; q < k1; q++) A[i * n1 + j] += V[i * k1 + q] * al[q] * W[j * n1 + q];
    for (int i = 0; i < m1; i++)            /* B = U[:, :k1] diag(β) Vᵀ */
        for (int j = 0; j < k1; j++)
            for (int q = 0; q < k1; q++) Bm[i * k1 + j] += U[i * m1 + q] * be[q] * V[j * k1 + q];
    const double *ws[2] = {A, Bm};
    int dims[3] = {n1, k1, m1}, rr;
    double s[11], p[11];
    ok = sl_compose_sv(ws, dims, 2, s, p, &rr, &dist) == SL_OK;
    SL_CHECK(ok && rr == k1 && dist < 1e-12 && fabs(p[0] - 6.0) < 1e-12, "aligned singular bases: singular values multiply",
             "dist %.2e, r %d", dist, rr);
    /* a random chain of three: Horn's Π_{i≤k} σ_i(product) ≤ Π_{i≤k} prod_i, strictly off somewhere */
    double *X = malloc(8 * 10 * sizeof *X), *Y = malloc(6 * 8 * sizeof *Y), *Z = malloc(9 * 6 * sizeof *Z);
    gauss(r, X, 80); gauss(r, Y, 48); gauss(r, Z, 54);
    const double *w3[3] = {X, Y, Z};
    int d3[4] = {10, 8, 6, 9};
    ok = sl_compose_sv(w3, d3, 3, s, p, &rr, &dist) == SL_OK;
    double ls = 0, lp = 0;
    int horn = ok && rr == 6;
    for (int i = 0; horn && i < rr; i++) { ls += log(s[i]); lp += log(p[i]); horn &= ls <= lp + 1e-10; }
    SL_CHECK(horn && dist > 0.1, "random chain: Horn's product inequalities hold, products not the spectrum", "dist %.3f", dist);
    free(U); free(V); free(W); free(A); free(Bm); free(X); free(Y); free(Z);
    free(v); free(vi); free(t); free(a); free(b); free(d); free(ev); free(pr);
}

/* a 3-layer net: dense, spectral (hidden λ_in = 1), dense */
static int small_net(sl_net *net, gsl_rng *r, int spectral_mid)
{
    sl_layer L[3] = {LY(SL_LAYER_SPECTRAL, 20, 15, SL_ACT_IDENTITY, SL_G_LAMBDA_OUT | SL_G_PHI, 0),
                     LY(spectral_mid ? SL_LAYER_SPECTRAL : SL_LAYER_DENSE, 15, 12, SL_ACT_RELU,
                        spectral_mid ? SL_G_LAMBDA_OUT : SL_G_W | SL_G_BIAS, !spectral_mid),
                     LY(SL_LAYER_DENSE, 12, 3, SL_ACT_IDENTITY, SL_G_W | SL_G_BIAS, 1)};
    if (sl_net_alloc(net, 3, L) != SL_OK) return 0;
    sl_init in = {.phi = {-0.5f, 0.5f}, .lambda_in = {-0.3f, 0.3f}, .lambda_out = {-2.f, 2.f}, .hidden_lambda_in_one = 1};
    sl_net_init(net, &in, r);
    for (size_t i = net->layers[2].goff[SL_GI_W]; i < net->layers[2].goff[SL_GI_W] + 36; i++) net->params[i] *= 8;
    return 1;
}

static double layer_norm(const sl_net *net, int l)
{
    const sl_layer *L = &net->layers[l];
    double *w = malloc((size_t)L->n_out * L->n_in * sizeof *w), *s = malloc(L->n_in * sizeof *s);
    double x = sl_ops_layer_matrix(net, l, w) == SL_OK && sl_svd_values(w, L->n_out, L->n_in, s) == SL_OK ? s[0] : NAN;
    free(w); free(s);
    return x;
}

static int epochs_seen;
static sl_status count_epoch(sl_net *net, int e, void *ctx) { (void)net; epochs_seen = e; return SL_OK; }

typedef struct { sl_clip clip; int bad; } hook_state;
static sl_status clip_and_check(sl_net *net, void *ctx)
{
    hook_state *h = ctx;
    SL_TRY(sl_clip_apply(&h->clip, net));
    for (int l = 0; l < net->n_layers; l++) h->bad += !(layer_norm(net, l) <= h->clip.s * (1 + 1e-4));
    return SL_OK;
}

static void test_clip(gsl_rng *r)
{
    for (int mid = 0; mid < 2; mid++) {
        sl_net net;
        if (!small_net(&net, r, mid)) { SL_CHECK(0, "clip net", "alloc"); return; }
        double before[3], after[3], bound[3];
        for (int l = 0; l < 3; l++) before[l] = layer_norm(&net, l);
        const double s = 0.6 * fmin(before[0], fmin(before[1], before[2]));
        float *phi0 = malloc(300 * sizeof *phi0);
        memcpy(phi0, net.params + net.layers[0].goff[SL_GI_PHI], 300 * sizeof *phi0);
        sl_clip c;
        int ok = sl_clip_alloc(&c, &net, s) == SL_OK && sl_clip_apply(&c, &net) == SL_OK;
        int kept = 1;
        for (int l = 0; l < 3; l++) { after[l] = layer_norm(&net, l); bound[l] = c.bound[l]; kept &= after[l] <= s * (1 + 1e-5) && after[l] <= bound[l] * (1 + 1e-5); }
        kept &= memcmp(phi0, net.params + net.layers[0].goff[SL_GI_PHI], 300 * sizeof *phi0) == 0;
        SL_CHECK(ok && kept, mid ? "clip keeps the bound (spectral, spectral, dense)" : "clip keeps the bound (spectral, dense, dense); phi untouched",
                 "s %.3f: before %.3f %.3f %.3f, after %.3f %.3f %.3f, bounds %.3f %.3f %.3f", s, before[0], before[1],
                 before[2], after[0], after[1], after[2], bound[0], bound[1], bound[2]);
        /* dense layers already inside the bound are left bit for bit; a dense layer on it is at s */
        if (!mid) SL_CHECK(fabs(after[1] - s) < 1e-4 * s && fabs(after[2] - s) < 1e-4 * s, "clipped dense layers sit at s",
                           "%.6f %.6f vs %.6f", after[1], after[2], s);
        size_t np = net.n_params;
        float *p1 = malloc(np * sizeof *p1);
        memcpy(p1, net.params, np * sizeof *p1);
        sl_clip c2;
        ok = sl_clip_alloc(&c2, &net, 10 * s) == SL_OK && sl_clip_apply(&c2, &net) == SL_OK;
        SL_CHECK(ok && memcmp(p1, net.params, np * sizeof *p1) == 0, mid ? "clip inside the bound changes nothing (spectral mid)" : "clip inside the bound changes nothing",
                 "%d", ok);
        /* a bound below the λ_in spread alone (t < 0): λ_in shrinks too */
        sl_clip c3;
        const double tiny = 0.05 * c.phi_norm[0] * 0.3;
        ok = sl_clip_alloc(&c3, &net, tiny) == SL_OK && sl_clip_apply(&c3, &net) == SL_OK;
        SL_CHECK(ok && layer_norm(&net, 0) <= tiny * (1 + 1e-5), "clip below the lambda_in spread keeps the bound",
                 "%.4g vs %.4g", layer_norm(&net, 0), tiny);
        sl_clip_free(&c); sl_clip_free(&c2); sl_clip_free(&c3);
        free(p1); free(phi0);
        sl_net_free(&net);
    }

    /* inside training: after every step every layer is within the bound; the epoch hook sees each epoch */
    sl_net net;
    if (!small_net(&net, r, 0)) return;
    const int n = 200;
    float *x = malloc(n * 20 * sizeof *x);
    int *y = malloc(n * sizeof *y);
    for (int i = 0; i < n; i++) {
        y[i] = (int)gsl_rng_uniform_int(r, 3);
        for (int j = 0; j < 20; j++) x[i * 20 + j] = (float)sl_rng_gaussian(r, 1.0) + (j == y[i] ? 2.f : 0.f);
    }
    sl_dataset ds;
    hook_state h = {.bad = 0};
    int ok = sl_dataset_from_floats(&ds, x, y, n, 20, 3) == SL_OK && sl_clip_alloc(&h.clip, &net, 0.8) == SL_OK &&
             sl_clip_apply(&h.clip, &net) == SL_OK;
    sl_train_opts o = {.epochs = 4, .batch = 25, .optimiser = SL_OPT_ADAM, .lr = 0.05f, .shards = 1,
                       .after_step = clip_and_check, .after_epoch = count_epoch, .hook_ctx = &h};
    epochs_seen = 0;
    gsl_rng *rs = sl_rng_new(7);
    ok = ok && sl_train(&net, &ds, &o, rs, NULL, NULL) == SL_OK;
    SL_CHECK(ok && h.bad == 0 && h.clip.calls == 4 * 8 + 1 && epochs_seen == 4, "training with the clip hook: every step within the bound",
             "%d violations over %ld calls, %d epochs seen", h.bad, h.clip.calls, epochs_seen);
    gsl_rng_free(rs);
    sl_clip_free(&h.clip);
    sl_dataset_free(&ds);
    free(x); free(y);
    sl_net_free(&net);
}

/* rescaling into a bound: outputs scale by C exactly (up to rounding), every layer within s */
static void test_rescale(gsl_rng *r)
{
    for (int mid = 0; mid < 2; mid++) {
        sl_net net;
        if (!small_net(&net, r, mid)) return;
        for (size_t i = 0; i < net.n_params; i++)       /* non-zero biases, so their scaling matters */
            if (net.params[i] == 0) net.params[i] = (float)(gsl_rng_uniform(r) - 0.5);
        enum { NB = 7 };
        float x[NB * 20], y0[NB * 3];
        for (int i = 0; i < NB * 20; i++) x[i] = (float)sl_rng_gaussian(r, 1.0);
        sl_net_ws ws;
        if (sl_net_ws_alloc(&ws, &net, NB) != SL_OK) return;
        sl_net_refresh(&net, &ws);
        sl_net_forward(&net, &ws, x, NB);
        memcpy(y0, ws.act[3], sizeof y0);
        double before = fmin(layer_norm(&net, 0), fmin(layer_norm(&net, 1), layer_norm(&net, 2))), C;
        const double s = 0.3 * before;
        int ok = sl_ops_rescale(&net, s, &C) == SL_OK;
        sl_net_refresh(&net, &ws);
        sl_net_forward(&net, &ws, x, NB);
        double e = 0, scale = 0;
        for (int i = 0; i < NB * 3; i++) { e = worse(e, fabs(ws.act[3][i] - C * y0[i])); scale = worse(scale, fabs(C * y0[i])); }
        int within = 1;
        for (int l = 0; l < 3; l++) within &= layer_norm(&net, l) <= s * (1 + 1e-5);
        SL_CHECK(ok && within && C < 0.1 && e < 1e-4 * scale, mid ? "rescale into the bound: output times C (spectral mid)" : "rescale into the bound: output times C",
                 "C %.4g, max |f' - C f| %.2e of %.2e", C, e, scale);
        sl_net_ws_free(&ws);
        sl_net_free(&net);
    }
}

static void test_omega_real(gsl_rng *r)
{
    /* by hand: two samples, counts (2, 0) and (0, 2); ρ̄ = (1, 1); Ω = 2/(M N) = 0.5 per bin (N = 2) */
    double x[4] = {0.1, -3.0, 0.9, 7.0}, om[2], rb[2];
    int ok = sl_tm_omega_real(x, 2, 2, 2, 0, 1, 2, om, rb) == SL_OK;
    SL_CHECK(ok && om[0] == 0.5 && om[1] == 0.5 && rb[0] == 1 && rb[1] == 1, "real omega by hand (clamped ends)",
             "omega %g %g, rho %g %g", om[0], om[1], rb[0], rb[1]);
    /* against the circular Ω: angles θ as e^{iθ}, bins −π + kΔ */
    const int M = 6, n = 40;
    const double delta = 0.3;
    const size_t K = sl_arg_bins(delta);
    double *th = malloc(M * n * sizeof *th), *o1 = malloc(K * sizeof *o1), *o2 = malloc(K * sizeof *o2);
    double *r1 = malloc(K * sizeof *r1), *r2 = malloc(K * sizeof *r2);
    double complex *ev = malloc(M * n * sizeof *ev);
    for (int i = 0; i < M * n; i++) {
        th[i] = -M_PI + (double)K * delta * gsl_rng_uniform(r) * 0.999;
        ev[i] = cexp(I * th[i]);
        th[i] = carg(ev[i]);
    }
    ok = sl_tm_omega(ev, M, n, n, delta, SL_OMEGA_CORRECT, o1, r1) == SL_OK &&
         sl_tm_omega_real(th, M, n, n, -M_PI, -M_PI + (double)K * delta, K, o2, r2) == SL_OK;
    double worst = 0;
    for (size_t k = 0; k < K; k++) worst = worse(worst, fabs(o1[k] - o2[k]) + fabs(r1[k] - r2[k]));
    SL_CHECK(ok && worst < 1e-12, "real omega = circular omega on the same bins", "max diff %.2e over %zu bins", worst, K);
    double bad[2] = {0, NAN};
    SL_CHECK(sl_tm_omega_real(bad, 1, 2, 2, 0, 1, 2, om, rb) == SL_EINVAL &&
             sl_tm_omega_real(x, 2, 2, 2, 1, 1, 2, om, rb) == SL_EINVAL, "real omega refuses NaN and an empty range", "%s", "");
    free(th); free(o1); free(o2); free(r1); free(r2); free(ev);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    gsl_rng *r = sl_rng_new(20240613);
    test_svd_and_norms(r);
    test_eig(r);
    test_assign(r);
    test_compose(r);
    test_clip(r);
    test_rescale(r);
    test_omega_real(r);
    gsl_rng_free(r);
    return sl_test_done();
}
