/* test_nne — the diffusion-maps half of the nne thesis: the k-d tree against
 * brute force, datafold's scale heuristic on equally spaced points (closed
 * form), diffusion maps on the cycle graph (closed-form spectrum), sparse
 * (ARPACK shift-invert and regular) against dense (dsyevr), Laplace–Beltrami
 * eigenvalues 0, 1, 1, 4, 4 on the circle, the heat solution from exact
 * eigenfunctions against the Fourier solution, k-means on separated blobs,
 * spectral clustering of concentric circles; SpectralNet's per-epoch trace
 * (Grassmann distances of the embedding to reference subspaces). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_rng.h"
#include "linalg/sl_subspace.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_heat.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "nne/sl_snet_trace.h"
#include "sl_test.h"
#include "stats/sl_kmeans.h"
#include "stats/sl_knn.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void test_knn(void)
{
    gsl_rng *r = sl_rng_new(21);
    const int n = 700, d = 3, k = 9;
    double *x = malloc((size_t)n * d * sizeof *x), *bd = malloc((size_t)n * sizeof *bd);
    for (int i = 0; i < n * d; i++) x[i] = gsl_rng_uniform(r) * (i % d == 2 ? 0.1 : 1.0); /* flat slab */
    for (int i = 0; i < 50; i++) x[(size_t)(n - 1 - i) * d] = x[0]; /* repeated coordinates */
    sl_kdtree t;
    sl_status st = sl_kdtree_build(&t, x, n, d, 8);
    int bad_knn = 0, bad_rad = 0, idx[9], ridx[700], bi[700];
    double dist[9], rdist[700];
    for (int qn = 0; qn < 60 && st == SL_OK; qn++) {
        double q[3] = {gsl_rng_uniform(r), gsl_rng_uniform(r), 0.05};
        if (qn < 20) memcpy(q, x + (size_t)qn * d, sizeof q); /* data points find themselves */
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += (q[c] - x[(size_t)i * d + c]) * (q[c] - x[(size_t)i * d + c]);
            bd[i] = sqrt(s);
        }
        sl_kdtree_knn(&t, q, k, idx, dist);
        /* brute force: the k-th smallest distance, and every returned one is ≤ it */
        double *sorted = malloc((size_t)n * sizeof *sorted);
        memcpy(sorted, bd, (size_t)n * sizeof *sorted);
        for (int a = 0; a < k; a++) /* partial selection sort */
            for (int b = a + 1; b < n; b++)
                if (sorted[b] < sorted[a]) { double s = sorted[a]; sorted[a] = sorted[b]; sorted[b] = s; }
        for (int a = 0; a < k; a++) bad_knn += dist[a] != sorted[a] || bd[idx[a]] != dist[a];
        if (qn < 20) bad_knn += idx[0] != qn && dist[0] != 0;
        free(sorted);
        const double rad = 0.05 + 0.1 * gsl_rng_uniform(r);
        size_t cnt;
        sl_kdtree_radius(&t, q, rad, ridx, rdist, (size_t)n, &cnt);
        int nb = 0;
        for (int i = 0; i < n; i++)
            if (bd[i] <= rad) bi[nb++] = i;
        qsort(bi, (size_t)nb, sizeof *bi, cmp_int);
        bad_rad += (int)cnt != nb || (nb && memcmp(bi, ridx, (size_t)nb * sizeof *bi));
        size_t small;
        sl_kdtree_radius(&t, q, rad, ridx, rdist, 1, &small);
        bad_rad += small != cnt; /* a short buffer still reports the total */
    }
    SL_CHECK(st == SL_OK && bad_knn == 0, "k-d tree: 9 nearest neighbours equal brute force (60 queries, 3-d)",
             "%s; %d mismatches", sl_errmsg(), bad_knn);
    SL_CHECK(bad_rad == 0, "k-d tree: radius search equals brute force, sorted by index; count with short buffer",
             "%d mismatches", bad_rad);
    /* after renumbering in tree order: the same neighbour sets, already sorted */
    double *xs = malloc((size_t)n * d * sizeof *xs);
    int *perm = malloc((size_t)n * sizeof *perm), bad_re = 0;
    sl_kdtree_reorder(&t, xs, perm);
    for (int i = 0; i < n; i++) bad_re += memcmp(xs + (size_t)i * d, x + (size_t)perm[i] * d, (size_t)d * sizeof *x) != 0;
    for (int qn = 0; qn < 20; qn++) {
        const double *q = xs + (size_t)(qn * 31) * d;
        size_t cnt;
        sl_kdtree_radius(&t, q, 0.1, ridx, rdist, (size_t)n, &cnt);
        int nb = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += (q[c] - xs[(size_t)i * d + c]) * (q[c] - xs[(size_t)i * d + c]);
            if (sqrt(s) <= 0.1) bi[nb++] = i;
        }
        bad_re += (int)cnt != nb || (nb && memcmp(bi, ridx, (size_t)nb * sizeof *bi));
    }
    SL_CHECK(bad_re == 0, "k-d tree renumbered in tree order: points permuted, radius lists sorted and complete",
             "%d mismatches", bad_re);
    free(xs); free(perm);
    double nan_pt[3] = {0, NAN, 0};
    sl_kdtree t2;
    SL_CHECK(sl_kdtree_build(&t2, nan_pt, 1, 3, 0) == SL_EINVAL && sl_kdtree_knn(&t, x, n + 1, idx, dist) == SL_EINVAL,
             "k-d tree: NaN coordinate or k > n returns SL_EINVAL", "%s", sl_errmsg());
    sl_kdtree_free(&t);
    free(x); free(bd);
    gsl_rng_free(r);
}

static void test_scale(void)
{
    /* equally spaced points on the unit circle: the 25th neighbour (self
     * first, then pairs at ±1, ±2, …) is at chord 2 sin(12·π/n) */
    const int n = 1000;
    double *x = malloc((size_t)2 * n * sizeof *x);
    for (int i = 0; i < n; i++) {
        x[2 * i] = cos(2 * M_PI * i / n);
        x[2 * i + 1] = sin(2 * M_PI * i / n);
    }
    gsl_rng *r = sl_rng_new(22);
    double cut = 0, eps = 0, exact = 2 * sin(12 * M_PI / n);
    sl_status st = sl_dmaps_scale(x, n, 2, 25, 300, 1e-8, r, &cut, &eps);
    SL_CHECK(st == SL_OK && fabs(cut - exact) < 1e-12 && fabs(eps - exact * exact / (8 * log(10.0))) < 1e-15,
             "datafold scale: cut-off = 25th-neighbour distance 2 sin(12 pi/n), eps = cut^2 / -ln 1e-8",
             "%s; cut %.17g vs %.17g, eps %.3g", sl_errmsg(), cut, exact, eps);
    free(x);
    gsl_rng_free(r);
}

/* equally spaced points with a cut-off between the first and second
 * neighbour: K = I + w·(cycle adjacency), constant degree, so for any α
 * S = (I + w A)/(1 + 2w), λ_j = (1 + 2w cos(2πj/n)) / (1 + 2w) */
static void test_cycle(void)
{
    const int n = 200, k = 5;
    double *x = malloc((size_t)2 * n * sizeof *x);
    for (int i = 0; i < n; i++) {
        x[2 * i] = cos(2 * M_PI * i / n);
        x[2 * i + 1] = sin(2 * M_PI * i / n);
    }
    const double h = 2 * sin(M_PI / n), eps = h * h / 3, w = exp(-h * h / (2 * eps));
    const double exact[5] = {1, (1 + 2 * w * cos(2 * M_PI / n)) / (1 + 2 * w), (1 + 2 * w * cos(2 * M_PI / n)) / (1 + 2 * w),
                             (1 + 2 * w * cos(4 * M_PI / n)) / (1 + 2 * w), (1 + 2 * w * cos(4 * M_PI / n)) / (1 + 2 * w)};
    for (int pass = 0; pass < 3; pass++) {
        sl_dmaps_params p = {eps, 1.5 * h, pass == 1 ? 0.0 : 1.0, k, pass == 2 ? 0.0 : 1.0001, 0,
                             SL_DMAPS_SPARSE};
        sl_dmaps_result res;
        sl_status st = sl_dmaps(x, n, 2, &p, &res);
        double dl = 0;
        for (int j = 0; st == SL_OK && j < k; j++) dl = fmax(dl, fabs(res.lambda[j] - exact[j]));
        char name[160];
        snprintf(name, sizeof name, "diffusion map of the cycle graph (%s): lambda = (1 + 2w cos 2pi j/n)/(1 + 2w) to 1e-13",
                 pass == 0 ? "alpha 1, shift-invert" : pass == 1 ? "alpha 0, shift-invert" : "alpha 1, regular mode");
        SL_CHECK(st == SL_OK && dl < 1e-13 && res.nnz == 3 * (size_t)n, name, "%s; max diff %.3g, nnz %zu", sl_errmsg(),
                 dl, st == SL_OK ? res.nnz : 0);
        if (st == SL_OK) sl_dmaps_result_free(&res);
    }
    free(x);
}

static void test_sparse_dense(void)
{
    /* random points on the circle, k = 5 (a subspace closed under the pairs) */
    const int n = 400, k = 5;
    gsl_rng *r = sl_rng_new(23);
    double *theta = malloc((size_t)n * sizeof *theta), *x = malloc((size_t)2 * n * sizeof *x), th[5];
    sl_circle_sample(r, n, SL_CIRCLE_SQUARED, theta, x);
    double cut, eps;
    sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, r, &cut, &eps);
    sl_subspace_ws ws;
    sl_subspace_ws_alloc(&ws, n, k);
    for (int a = 0; a < 2; a++) {
        sl_dmaps_params p = {eps, cut, a ? 1.0 : 0.0, k, 1.0001, 0, SL_DMAPS_SPARSE};
        sl_dmaps_result sp, dn, rg;
        sl_status st = sl_dmaps(x, n, 2, &p, &sp);
        p.solver = SL_DMAPS_DENSE;
        if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &dn);
        p.solver = SL_DMAPS_SPARSE;
        p.sigma = 0;
        if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &rg);
        double dl = 0, dr = 0, g = 1, g2 = 1;
        if (st == SL_OK) {
            for (int j = 0; j < k; j++) {
                dl = fmax(dl, fabs(sp.lambda[j] - dn.lambda[j]));
                dr = fmax(dr, fabs(rg.lambda[j] - dn.lambda[j]));
            }
            sl_principal_angles(&ws, n, k, sp.psi, dn.psi, th);
            g = sl_grassmann_geodesic(th, k);
            sl_principal_angles(&ws, n, k, rg.psi, dn.psi, th);
            g2 = sl_grassmann_geodesic(th, k);
        }
        char name[200];
        snprintf(name, sizeof name,
                 "diffusion map alpha=%d, n=400 non-uniform: sparse (shift-invert, regular) = dense dsyevr "
                 "(lambda to 1e-12, Grassmann to 1e-8)", a);
        SL_CHECK(st == SL_OK && dl < 1e-12 && dr < 1e-12 && g < 1e-8 && g2 < 1e-8, name,
                 "%s; dlambda %.3g / %.3g, geodesic %.3g / %.3g", sl_errmsg(), dl, dr, g, g2);
        if (st == SL_OK) {
            double o = sl_orthogonality(n, k, sp.psi), nrm = 0;
            for (int i = 0; i < n; i++) nrm += sp.psi[i] * sp.psi[i];
            /* ψ_0 = D^{-1/2}φ_0 ∝ constant when λ_0 = 1 (φ_0 ∝ d^{1/2}) */
            double spread = 0;
            for (int i = 1; i < n; i++) spread = fmax(spread, fabs(sp.psi[i] - sp.psi[0]));
            snprintf(name, sizeof name, "diffusion map alpha=%d: lambda_0 = 1, psi_0 constant, unit columns", a);
            SL_CHECK(fabs(sp.lambda[0] - 1) < 1e-13 && spread < 1e-10 && fabs(nrm - 1) < 1e-13 && o > 0, name,
                     "lambda0 - 1 = %.3g, spread %.3g, norm %.17g", sp.lambda[0] - 1, spread, nrm);
            sl_dmaps_result_free(&sp);
            sl_dmaps_result_free(&dn);
            sl_dmaps_result_free(&rg);
        }
    }
    sl_dmaps_params bad = {eps, cut, 1.5, k, 1.1, 0, SL_DMAPS_SPARSE};
    sl_dmaps_result res;
    SL_CHECK(sl_dmaps(x, n, 2, &bad, &res) == SL_EINVAL, "diffusion map with alpha 1.5 returns SL_EINVAL", "%s",
             sl_errmsg());
    sl_subspace_ws_free(&ws);
    free(theta); free(x);
    gsl_rng_free(r);
}

static void test_circle_mu(void)
{
    /* equally spaced points, ε well above the spacing and well below 1: the
     * Laplace–Beltrami eigenvalues 0, 1, 1, 4, 4 to O(ε) */
    const int n = 2000, k = 5;
    double *x = malloc((size_t)2 * n * sizeof *x);
    for (int i = 0; i < n; i++) {
        x[2 * i] = cos(2 * M_PI * (i + 0.5) / n);
        x[2 * i + 1] = sin(2 * M_PI * (i + 0.5) / n);
    }
    const double eps = 1e-4;
    sl_dmaps_params p = {eps, sqrt(2 * eps * -log(1e-16)), 1.0, k, 1.0001, 0, SL_DMAPS_SPARSE};
    sl_dmaps_result res;
    sl_status st = sl_dmaps(x, n, 2, &p, &res);
    const double mu[5] = {0, 1, 1, 4, 4};
    double worst = 0;
    for (int j = 0; st == SL_OK && j < k; j++) worst = fmax(worst, fabs(res.mu[j] - mu[j]));
    SL_CHECK(st == SL_OK && worst < 1e-3, "Laplace-Beltrami eigenvalues on the unit circle: 0, 1, 1, 4, 4 (to 1e-3)",
             "%s; worst %.3g", sl_errmsg(), worst);
    if (st == SL_OK) sl_dmaps_result_free(&res);
    free(x);
}

static void test_heat(void)
{
    /* exact eigenfunctions 1, cos, sin, cos 2, sin 2 at random angles, μ = 0, 1, 1, 4, 4 */
    const int n = 300, k = 5;
    gsl_rng *r = sl_rng_new(24);
    double *theta = malloc((size_t)n * sizeof *theta), *x = malloc((size_t)2 * n * sizeof *x),
           *v = malloc((size_t)n * k * sizeof *v), *g = malloc((size_t)n * sizeof *g), *u = malloc((size_t)n * sizeof *u),
           *ue = malloc((size_t)n * sizeof *ue), c[5];
    sl_circle_sample(r, n, SL_CIRCLE_UNIFORM, theta, x);
    sl_trig gt = {2, {0, 0, 1}, {0, 1, 0}}; /* sin θ + cos 2θ */
    const double mu[5] = {0, 1, 1, 4, 4};
    for (int i = 0; i < n; i++) {
        v[i] = 1;
        v[n + i] = cos(theta[i]);
        v[2 * n + i] = sin(theta[i]);
        v[3 * n + i] = cos(2 * theta[i]);
        v[4 * n + i] = sin(2 * theta[i]);
        g[i] = sl_heat_exact(&gt, theta[i], 0);
    }
    sl_status st = sl_heat_coeffs(n, k, v, g, c);
    double worst = 0;
    const double ts[4] = {0, 0.3, 2, 10};
    for (int q = 0; q < 4; q++) {
        sl_heat_eval(n, k, v, c, mu, ts[q], u);
        for (int i = 0; i < n; i++) ue[i] = sl_heat_exact(&gt, theta[i], ts[q]);
        worst = fmax(worst, sl_rms_diff(u, ue, n));
    }
    SL_CHECK(st == SL_OK && fabs(c[2] - 1) < 1e-13 && fabs(c[3] - 1) < 1e-13 && fabs(c[0]) + fabs(c[1]) + fabs(c[4]) < 1e-13,
             "heat: least-squares coefficients of sin + cos 2 in the exact eigenbasis are (0, 0, 1, 1, 0)",
             "%s; c = %g %g %g %g %g", sl_errmsg(), c[0], c[1], c[2], c[3], c[4]);
    SL_CHECK(worst < 1e-13, "heat: spectral solution from exact eigenpairs equals the Fourier solution (t = 0 .. 10)",
             "rms %.3g", worst);
    /* an exactly decaying check: at t = 1 the sin θ mode is e^{-1} */
    SL_CHECK(fabs(sl_heat_exact(&gt, M_PI / 2, 1) - (exp(-1.0) - exp(-4.0))) < 1e-15,
             "heat: exact solution at theta = pi/2, t = 1 is e^-1 - e^-4", "%.17g", sl_heat_exact(&gt, M_PI / 2, 1));
    free(theta); free(x); free(v); free(g); free(u); free(ue);
    gsl_rng_free(r);
}

static void test_kmeans(void)
{
    gsl_rng *r = sl_rng_new(25);
    const int n = 600, d = 3, k = 4;
    double *x = malloc((size_t)n * d * sizeof *x), cent[12], inertia;
    int *truth = malloc((size_t)n * sizeof *truth), *lab = malloc((size_t)n * sizeof *lab);
    const double centres[4][3] = {{0, 0, 0}, {5, 0, 0}, {0, 5, 0}, {0, 0, 5}};
    for (int i = 0; i < n; i++) {
        truth[i] = (int)gsl_rng_uniform_int(r, k);
        for (int c = 0; c < d; c++) x[(size_t)i * d + c] = centres[truth[i]][c] + sl_rng_gaussian(r, 0.5);
    }
    sl_status st = sl_kmeans(x, n, d, k, 4, 100, r, lab, cent, &inertia);
    double acc = sl_cluster_accuracy(lab, truth, n, k);
    SL_CHECK(st == SL_OK && acc == 1.0, "k-means++ recovers 4 separated Gaussian blobs exactly", "%s; accuracy %.4f",
             sl_errmsg(), acc);
    SL_CHECK(inertia > 0.25 * n * d * 0.8 && inertia < 0.25 * n * d * 1.2,
             "k-means inertia equals the blobs' variance n d sigma^2 (within 20%)", "%.4g vs %.4g", inertia,
             0.25 * n * d);
    SL_CHECK(sl_kmeans(x, n, d, n + 1, 1, 10, r, lab, NULL, NULL) == SL_EINVAL, "k-means with k > n: SL_EINVAL", "%s",
             sl_errmsg());
    free(x); free(truth); free(lab);
    gsl_rng_free(r);
}

static void test_circles(void)
{
    gsl_rng *r = sl_rng_new(26);
    const int n = 600;
    double *x = malloc((size_t)2 * n * sizeof *x);
    int *truth = malloc((size_t)n * sizeof *truth), *lab = malloc((size_t)n * sizeof *lab);
    sl_make_circles(r, n, 0.5, 0.0, x, truth);
    double worst = 0;
    int ones = 0;
    for (int i = 0; i < n; i++) {
        worst = fmax(worst, fabs(hypot(x[2 * i], x[2 * i + 1]) - (truth[i] ? 0.5 : 1.0)));
        ones += truth[i];
    }
    SL_CHECK(worst < 1e-15 && ones == n / 2, "make_circles without noise: radii 1 and factor, n/2 each", "%.3g, %d",
             worst, ones);
    sl_make_circles(r, n, 0.5, 0.05, x, truth);
    double cut, eps;
    sl_status st = sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, r, &cut, &eps);
    sl_dmaps_params p = {eps, cut, 0.0, 2, 1.0001, 0, SL_DMAPS_SPARSE};
    if (st == SL_OK) st = sl_spectral_cluster(x, n, 2, &p, 4, r, lab);
    double acc = st == SL_OK ? sl_cluster_accuracy(lab, truth, n, 2) : 0;
    sl_kmeans(x, n, 2, 2, 4, 100, r, lab, NULL, NULL);
    double acc_km = sl_cluster_accuracy(lab, truth, n, 2);
    SL_CHECK(acc == 1.0 && acc_km < 0.8,
             "concentric circles (factor 0.5, noise 0.05): spectral clustering exact, k-means on the plane is not",
             "%s; spectral %.3f, k-means %.3f", sl_errmsg(), acc, acc_km);
    free(x); free(truth); free(lab);
    gsl_rng_free(r);
}

/* The circle's Laplace–Beltrami pairs: -f'' = mu f by central differences for
 * every j < 9 at random angles; and the angle order is a sorted permutation. */
static void test_circle_spectrum(void)
{
    gsl_rng *r = sl_rng_new(77);
    const double h = 1e-4;
    double worst = 0;
    for (int j = 0; j < 9; j++)
        for (int t = 0; t < 5; t++) {
            const double th = 2 * M_PI * gsl_rng_uniform(r);
            const double d2 = (sl_circle_fn(j, th + h) - 2 * sl_circle_fn(j, th) + sl_circle_fn(j, th - h)) / (h * h);
            worst = fmax(worst, fabs(-d2 - sl_circle_mu(j) * sl_circle_fn(j, th)));
        }
    SL_CHECK(worst < 1e-5 && sl_circle_mu(0) == 0 && sl_circle_mu(3) == 4 && sl_circle_mu(4) == 4,
             "circle: -f_j'' = mu_j f_j for the listed eigenpairs (0, 1, 1, 4, 4, ...)", "worst %g", worst);
    enum { N = 200 };
    double theta[N];
    sl_angle_index a[N];
    int seen[N] = {0}, sorted = 1, perm = 1;
    for (int i = 0; i < N; i++) theta[i] = 2 * M_PI * gsl_rng_uniform(r);
    sl_circle_order(a, theta, N);
    for (int i = 0; i < N; i++) {
        if (i && a[i].theta < a[i - 1].theta) sorted = 0;
        if (a[i].i < 0 || a[i].i >= N || seen[a[i].i]++ || theta[a[i].i] != a[i].theta) perm = 0;
    }
    SL_CHECK(sorted && perm, "circle: points ordered by angle, every index once", "sorted %d perm %d", sorted, perm);
    gsl_rng_free(r);
}

/* The trace's Grassmann distances: 0 for the exact eigenfunctions in any
 * basis of their span, π/2 per orthogonal direction (√j·π/2 geodesic, j in
 * Σ sin²θ), records in order; and in a real training its last record is the
 * distance of the final embedding (the callback sees the network's q). */
static void test_snet_trace(void)
{
    enum { N = 800, K = 5 };
    double *th = malloc(N * sizeof *th), *x = malloc(2 * N * sizeof *x), *ex = malloc((size_t)N * K * sizeof *ex),
           *mix = malloc((size_t)N * K * sizeof *mix), *q = malloc((size_t)N * K * sizeof *q);
    /* equally spaced angles: the sampled cos mθ, sin nθ (m, n < N/2) are exactly orthogonal */
    for (int i = 0; i < N; i++) {
        th[i] = 2 * M_PI * i / N;
        x[2 * i] = cos(th[i]);
        x[2 * i + 1] = sin(th[i]);
    }
    for (int j = 0; j < K; j++)
        for (int i = 0; i < N; i++) ex[(size_t)j * N + i] = sl_circle_fn(j, th[i]);
    /* mix: another basis of the same span (upper-triangular combinations) */
    for (int j = 0; j < K; j++)
        for (int i = 0; i < N; i++) {
            double v = 0;
            for (int b = 0; b <= j; b++) v += (1.0 + b + 0.5 * j) * ex[(size_t)b * N + i];
            mix[(size_t)j * N + i] = v;
        }
    sl_snet_trace t;
    sl_status st = sl_snet_trace_alloc(&t, N, K, 3, ex, mix);
    /* epoch 1: q = the exact eigenfunctions in the mixed basis */
    memcpy(q, mix, (size_t)N * K * sizeof *q);
    if (st == SL_OK) st = sl_snet_trace_epoch(&t, 1, 0.5, q);
    /* epoch 2: j = 2 directions replaced by cos 3θ, sin 3θ (orthogonal to the span) */
    const int J = 2;
    for (int j = 0; j < K; j++)
        for (int i = 0; i < N; i++) q[(size_t)j * N + i] = sl_circle_fn(j < K - J ? j : j + 2, th[i]);
    if (st == SL_OK) st = sl_snet_trace_epoch(&t, 2, 0.25, q);
    /* epoch 3: all five orthogonal (frequencies 3..5) */
    for (int j = 0; j < K; j++)
        for (int i = 0; i < N; i++) q[(size_t)j * N + i] = sl_circle_fn(j + 5, th[i]);
    if (st == SL_OK) st = sl_snet_trace_epoch(&t, 3, 0.125, q);
    sl_status over = st == SL_OK ? sl_snet_trace_epoch(&t, 4, 0, q) : SL_OK;
    const int ok = st == SL_OK && t.count == 3;
    const double z = ok ? fmax(fmax(t.geodesic[0], t.geodesic[1]), fmax(t.sin2[0], t.sin2[1])) : 9;
    SL_CHECK(ok && z < 1e-10 && t.epoch[0] == 1 && t.loss[0] == 0.5, "snet trace: distance 0 to the exact eigenfunctions in two bases",
             "max %.2e (%s)", z, st == SL_OK ? "ok" : sl_errmsg());
    double g2 = ok ? t.geodesic[2] : 9, s2 = ok ? t.sin2[2] : 9, g3 = ok ? t.geodesic[4] : 9, s3 = ok ? t.sin2[5] : 9;
    SL_CHECK(ok && fabs(g2 - sqrt(J) * M_PI / 2) < 1e-8 && fabs(s2 - J) < 1e-12 && fabs(g3 - sqrt(K) * M_PI / 2) < 1e-8 &&
                 fabs(s3 - K) < 1e-12 && fabs(t.geodesic[3] - t.geodesic[2]) < 1e-10 && t.epoch[2] == 3 && t.loss[1] == 0.25,
             "snet trace: pi/2 per orthogonal direction (geodesic sqrt(j) pi/2, sin^2 sum j)",
             "j = %d: %.4f (%.4f), %.4f; all: %.4f (%.4f), %.4f", J, g2, sqrt(J) * M_PI / 2, s2, g3, sqrt(K) * M_PI / 2, s3);
    SL_CHECK(over == SL_EINVAL, "snet trace: a record beyond max_epochs is refused", "status %d", (int)over);
    sl_snet_trace_free(&t);

    /* a short training: the last record = the final embedding's distance to {1, cos, sin} */
    const int k = 3;
    const double eps = 2e-3, cut = sqrt(2 * eps * log(1e8));
    sl_csr S = {0};
    sl_snet_result sr = {0};
    double ang[3];
    sl_subspace_ws ws = {0};
    sl_snet_params sp = {.k = k, .n_hidden = 2, .hidden = {32, 16}, .epochs = 4, .batch = 128, .ortho_batch = 256,
                         .patience = 0, .lr = 1e-3f, .eps = eps, .ortho = SL_SNET_SEPARATE};
    gsl_rng *ri = sl_rng_new(1), *rb = sl_rng_new(2);
    st = sl_dmaps_operator(x, N, 2, eps, cut, 0, &S);
    if (st == SL_OK) st = sl_snet_trace_alloc(&t, N, k, sp.epochs, ex, NULL);
    if (st == SL_OK) st = sl_snet_train(x, N, 2, &sp, &S, ri, rb, sl_snet_trace_epoch, &t, &sr);
    if (st == SL_OK) st = sl_subspace_ws_alloc(&ws, N, k);
    if (st == SL_OK) st = sl_principal_angles(&ws, N, k, sr.q, ex, ang);
    const int n_ok = st == SL_OK && t.count == sp.epochs;
    const double last = n_ok ? t.geodesic[2 * (t.count - 1)] : NAN, fin = st == SL_OK ? sl_grassmann_geodesic(ang, k) : NAN;
    SL_CHECK(n_ok && fabs(last - fin) < 1e-9 && isnan(t.geodesic[1]) && t.epoch[sp.epochs - 1] == sp.epochs &&
                 t.geodesic[0] != last,
             "snet trace: one record per epoch, the last one the final embedding's Grassmann distance",
             "%d records, last %.10g, final %.10g, first %.6g (%s)", t.count, last, fin, n_ok ? t.geodesic[0] : NAN,
             st == SL_OK ? "ok" : sl_errmsg());
    sl_subspace_ws_free(&ws);
    sl_snet_trace_free(&t);
    sl_snet_result_free(&sr);
    sl_csr_free(&S);
    gsl_rng_free(ri); gsl_rng_free(rb);
    free(th); free(x); free(ex); free(mix); free(q);
}

/* the memory policy (sl_mem.h) moves buffers, never bits: a diffusion map
 * of 3000 points with glibc's default malloc, then under the policy (twice:
 * the second run on the pages the first freed), identical to the last bit */
static void test_mem_same_bits(void)
{
    const int n = 3000, k = 6;
    gsl_rng *r = sl_rng_new(29);
    double *theta = malloc((size_t)n * sizeof *theta), *x = malloc((size_t)2 * n * sizeof *x);
    sl_circle_sample(r, n, SL_CIRCLE_SQUARED, theta, x);
    double cut, eps;
    sl_status st = sl_dmaps_scale(x, n, 2, 25, 1000, 1e-8, r, &cut, &eps);
    sl_dmaps_params p = {eps, cut, 1.0, k, 1.0001, 0, SL_DMAPS_SPARSE};
    sl_dmaps_result a = {0}, b = {0}, c = {0};
    if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &a);
    const int rc = sl_mem_init();
    if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &b);
    if (st == SL_OK) st = sl_dmaps(x, n, 2, &p, &c);
    const sl_dmaps_result *runs[2] = {&b, &c};
    int same = st == SL_OK;
    for (int i = 0; same && i < 2; i++)
        same = !memcmp(a.lambda, runs[i]->lambda, (size_t)k * sizeof *a.lambda) &&
               !memcmp(a.psi, runs[i]->psi, (size_t)n * k * sizeof *a.psi) && a.n_ops == runs[i]->n_ops;
#ifdef __SANITIZE_ADDRESS__
    const int rc_ok = rc == -1; /* ASan's malloc refuses the policy (tests/test_core.c) */
#else
    const int rc_ok = rc == 0;
#endif
    SL_CHECK(same && rc_ok, "memory policy: diffusion map bit for bit the same with and without sl_mem_init",
             "%s; rc %d", st == SL_OK ? "differs" : sl_errmsg(), rc);
    sl_dmaps_result_free(&a); sl_dmaps_result_free(&b); sl_dmaps_result_free(&c);
    gsl_rng_free(r);
    free(theta); free(x);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    test_mem_same_bits(); /* first: glibc's default malloc, then the policy */
    test_circle_spectrum();
    test_knn();
    test_scale();
    test_cycle();
    test_sparse_dense();
    test_circle_mu();
    test_heat();
    test_kmeans();
    test_circles();
    test_snet_trace();
    return sl_test_done();
}
