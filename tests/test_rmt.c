/* test_rmt — circular ensembles and spectral-ergodicity measures against
 * what a mathematician would check: unitarity and |λ| = 1 for the Haar
 * ensembles, a flat phase density, CSE's doubly degenerate eigenvalues, the
 * properties of the symmetric KL divergence, thread-count independence, and
 * Ω / D_se on small hand-computed examples. */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "erg/sl_bristol.h"
#include "rmt/sl_circular.h"
#include "rmt/sl_ergodicity.h"
#include "sl_test.h"

static double unitarity_error(const double complex *m, int n)
{
    double e = 0; /* max |(M M^H − I)_ij| */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double complex s = 0;
            for (int k = 0; k < n; k++) s += m[(size_t)i * n + k] * conj(m[(size_t)j * n + k]);
            e = fmax(e, cabs(s - (i == j ? 1.0 : 0.0)));
        }
    return e;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Largest distance from an eigenvalue in a to the nearest in b (n each). */
static double match_error(const double complex *a, const double complex *b, int n)
{
    double worst = 0;
    for (int i = 0; i < n; i++) {
        double best = 1e300;
        for (int j = 0; j < n; j++) best = fmin(best, cabs(a[i] - b[j]));
        worst = fmax(worst, best);
    }
    return worst;
}

static void test_haar(void)
{
    const int n = 40;
    sl_circular_ws ws;
    sl_circular_ws_alloc(&ws, 2 * n);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double complex *m = malloc((size_t)4 * n * n * sizeof *m), *ev = malloc((size_t)2 * n * sizeof *ev);
    for (int e = SL_CUE; e <= SL_CSE; e++) {
        int dim = sl_circular_n_eig((sl_ensemble)e, n);
        sl_circular_matrix(&ws, (sl_ensemble)e, &sl_cons_haar, n, r, m);
        double ue = unitarity_error(m, dim);
        char name[96];
        snprintf(name, sizeof name, "Haar %s is unitary (|MM^H - I| at machine precision)", sl_ensemble_names[e]);
        SL_CHECK(ue < 1e-13 * dim, name, "error %.3g", ue);
        if (e == SL_COE) {
            double asym = 0;
            for (int i = 0; i < dim; i++)
                for (int j = 0; j < dim; j++) asym = fmax(asym, cabs(m[(size_t)i * dim + j] - m[(size_t)j * dim + i]));
            SL_CHECK(asym < 1e-13, "Haar COE = U^T U is symmetric", "%.3g", asym);
        }
        sl_zeigvals(m, dim, ev);
        double me = 0;
        for (int i = 0; i < dim; i++) me = fmax(me, fabs(cabs(ev[i]) - 1));
        snprintf(name, sizeof name, "Haar %s eigenvalues on the unit circle", sl_ensemble_names[e]);
        SL_CHECK(me < 1e-12, name, "max ||lambda| - 1| = %.3g", me);
        if (e == SL_CSE) { /* Kramers degeneracy: arguments come in equal pairs */
            double *a = malloc((size_t)dim * sizeof *a), gap = 0;
            for (int i = 0; i < dim; i++) a[i] = carg(ev[i]);
            qsort(a, (size_t)dim, sizeof *a, cmp_double);
            for (int i = 0; i < dim; i += 2) gap = fmax(gap, a[i + 1] - a[i]);
            SL_CHECK(gap < 1e-8, "Haar CSE eigenvalues are doubly degenerate", "largest pair gap %.3g", gap);
            free(a);
        }
    }
    /* flat phase density: 300 CUE matrices of 20, chi-square over 20 bins */
    int counts[20] = {0};
    for (int k = 0; k < 300; k++) {
        sl_circular_eigvals(&ws, SL_CUE, &sl_cons_haar, 20, r, ev);
        for (int i = 0; i < 20; i++) {
            int b = (int)floor((carg(ev[i]) + M_PI) / (2 * M_PI) * 20);
            counts[b < 0 ? 0 : b > 19 ? 19 : b]++;
        }
    }
    double chi2 = 0;
    for (int b = 0; b < 20; b++) chi2 += (counts[b] - 300.0) * (counts[b] - 300.0) / 300.0;
    /* CUE phases are more even than Poisson, so chi2 is small; 43.8 is the 0.1% point of chi2(19) */
    SL_CHECK(chi2 < 43.8, "Haar CUE phase density is flat (chi-square, 20 bins)", "chi2 = %.1f", chi2);
    free(m); free(ev);
    gsl_rng_free(r);
    sl_circular_ws_free(&ws);
}

static void test_bristol(void)
{
    const int n = 12;
    sl_circular_ws ws;
    sl_circular_ws_alloc(&ws, 2 * n);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    double complex *m = malloc((size_t)4 * n * n * sizeof *m), *ev = malloc((size_t)2 * n * sizeof *ev);
    double complex *ev2 = malloc((size_t)2 * n * sizeof *ev2);
    sl_circular_matrix(&ws, SL_CUE, &sl_cons_bristol, n, r, m);
    SL_CHECK(unitarity_error(m, n) < 1e-12, "bristol CUE (phases x Hermitian eigenvectors) is unitary", "%.3g",
             unitarity_error(m, n));
    {   /* the eigenvectors come from zheevr (MRRR): orthonormal at a realistic size too */
        const int big = 300;
        sl_circular_ws wb;
        double complex *mb = malloc((size_t)big * big * sizeof *mb);
        if (sl_circular_ws_alloc(&wb, big) == SL_OK && mb) {
            sl_circular_matrix(&wb, SL_CUE, &sl_cons_bristol, big, r, mb);
            double ue = unitarity_error(mb, big);
            SL_CHECK(ue < 1e-11, "bristol CUE of size 300 is unitary (zheevr eigenvectors)", "%.3g", ue);
        } else
            SL_CHECK(0, "bristol CUE of size 300 is unitary (zheevr eigenvectors)", "allocation");
        sl_circular_ws_free(&wb);
        free(mb);
    }
    sl_circular_matrix(&ws, SL_COE, &sl_cons_bristol, n, r, m);
    SL_CHECK(unitarity_error(m, n) > 0.1, "bristol COE (elementwise U^T * U) is not unitary", "%.3g",
             unitarity_error(m, n));
    {   /* the COE is built from U's factors in 32 × 32 tiles (45: ragged tiles):
         * exactly U_ji U_ij of the CUE drawn from the same seed */
        const int k = 45;
        sl_circular_ws wk;
        double complex *u = malloc((size_t)k * k * sizeof *u), *c = malloc((size_t)k * k * sizeof *c);
        double worst_coe = u && c && sl_circular_ws_alloc(&wk, k) == SL_OK ? 0 : 1;
        if (worst_coe == 0) {
            gsl_rng_set(r, 7);
            sl_circular_matrix(&wk, SL_CUE, &sl_cons_bristol, k, r, u);
            gsl_rng_set(r, 7);
            sl_circular_matrix(&wk, SL_COE, &sl_cons_bristol, k, r, c);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                    worst_coe = fmax(worst_coe, cabs(c[(size_t)i * k + j] - u[(size_t)j * k + i] * u[(size_t)i * k + j]));
            sl_circular_ws_free(&wk);
        }
        SL_CHECK(worst_coe == 0, "bristol COE is exactly U^T o U of the CUE drawn from the same seed", "max %.3g",
                 worst_coe);
        free(u); free(c);
    }
    /* CSE: eigenvalues taken as ±p from the 2x2 blocks equal zgeev of the full matrix
     * (same draws: the generator is reseeded before each) */
    gsl_rng_set(r, 99);
    sl_circular_matrix(&ws, SL_CSE, &sl_cons_bristol, n, r, m);
    sl_zeigvals(m, 2 * n, ev);
    gsl_rng_set(r, 99);
    sl_circular_eigvals(&ws, SL_CSE, &sl_cons_bristol, n, r, ev2);
    const double worst = match_error(ev, ev2, 2 * n);
    SL_CHECK(worst < 1e-12, "bristol CSE: +-p from the 2x2 blocks equal zgeev's eigenvalues", "%.3g", worst);
    free(m); free(ev); free(ev2);
    gsl_rng_free(r);
    sl_circular_ws_free(&ws);
}

/* sl_unitary_eigvals (Cayley transform + zheevd) against zgeev on every
 * unitary matrix the suite draws, and on matrices with the eigenvalue −1
 * (where I + U is singular and the transform must turn U first). */
static void test_cayley(void)
{
    const int n = 40;
    sl_circular_ws ws;
    sl_circular_ws_alloc(&ws, 2 * n);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    const size_t sz = (size_t)4 * n * n;
    double complex *m = malloc(sz * sizeof *m), *m2 = malloc(sz * sizeof *m2);
    double complex *ev = malloc((size_t)2 * n * sizeof *ev), *ev2 = malloc((size_t)2 * n * sizeof *ev2);
    const struct { sl_ensemble e; const sl_construction *c; } cases[] = {
        {SL_CUE, &sl_cons_haar}, {SL_COE, &sl_cons_haar}, {SL_CSE, &sl_cons_haar}, {SL_CUE, &sl_cons_bristol}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const int dim = sl_circular_n_eig(cases[k].e, n);
        sl_circular_matrix(&ws, cases[k].e, cases[k].c, n, r, m);
        memcpy(m2, m, (size_t)dim * dim * sizeof *m);
        sl_status st = sl_unitary_eigvals(&ws, m, dim, ev);
        double moved = 0;
        for (size_t i = 0; i < (size_t)dim * dim; i++) moved = fmax(moved, cabs(m[i] - m2[i]));
        sl_zeigvals(m2, dim, ev2);
        char name[96];
        snprintf(name, sizeof name, "Cayley eigenvalues of %s %s equal zgeev's", cases[k].c->name,
                 sl_ensemble_names[cases[k].e]);
        double err = match_error(ev, ev2, dim);
        SL_CHECK(st == SL_OK && err < 1e-11 && moved == 0, name, "max distance %.3g (input changed by %.3g)", err,
                 moved);
    }
    /* U = Q diag(e^{iθ}) Q^H with θ_0 = π (and θ_1 = π − 1e-9): B = I + U singular */
    sl_circular_matrix(&ws, SL_CUE, &sl_cons_haar, n, r, m2); /* Q */
    double complex *d = malloc((size_t)n * sizeof *d);
    for (int k = 0; k < n; k++) d[k] = cexp(I * (k == 0 ? M_PI : k == 1 ? M_PI - 1e-9 : -3.0 + 6.0 * k / n));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double complex s = 0;
            for (int k = 0; k < n; k++) s += m2[(size_t)i * n + k] * d[k] * conj(m2[(size_t)j * n + k]);
            m[(size_t)i * n + j] = s;
        }
    sl_status st = sl_unitary_eigvals(&ws, m, n, ev);
    double err = match_error(ev, d, n);
    SL_CHECK(st == SL_OK && err < 1e-11, "Cayley eigenvalues with the eigenvalue -1 (U turned first)",
             "max distance %.3g", err);
    free(d); free(m); free(m2); free(ev); free(ev2);
    gsl_rng_free(r);
    sl_circular_ws_free(&ws);
}

static void test_threads(void)
{
    const unsigned long seeds[4] = {997123, 1091645, 1352, 32718};
    const int n = 70, M = 4 * 2; /* n above LAPACK's blocking threshold (zhetrd -> zlatrd) */
    for (int c = 0; c < 2; c++)
        for (int e = 0; e < 3; e++) {
            int ne = sl_circular_n_eig((sl_ensemble)e, n);
            double complex *a = malloc((size_t)M * ne * sizeof *a), *b = malloc((size_t)M * ne * sizeof *b);
            sl_status s1 = sl_circular_ensemble((sl_ensemble)e, sl_erg_constructions[c], n, seeds, 4, 2, 1, a);
            sl_status s2 = sl_circular_ensemble((sl_ensemble)e, sl_erg_constructions[c], n, seeds, 4, 2, 2, b);
            char name[96];
            snprintf(name, sizeof name, "%s %s: serial and 2-thread ensembles identical", sl_erg_constructions[c]->name,
                     sl_ensemble_names[e]);
            SL_CHECK(s1 == SL_OK && s2 == SL_OK && memcmp(a, b, (size_t)M * ne * sizeof *a) == 0, name, "differ");
            free(a); free(b);
        }
}

static void test_measures(void)
{
    SL_CHECK(sl_arg_bins(M_PI / 2) == 3, "bin grid: edges -pi, -pi/2, 0, pi/2 give 3 bins", "%zu", sl_arg_bins(M_PI / 2));
    SL_CHECK(sl_arg_bins(1e-4) == 62831, "bin grid at 1e-4 rad: 62831 bins (numpy arange)", "%zu", sl_arg_bins(1e-4));
    /* M = 3 matrices, 2 eigenvalues each, N = 2, bins [-pi,-pi/2) [-pi/2,0) [0,pi/2]:
     *   matrix 1: angles -3pi/4, pi/4         -> rho_1 = (1, 0, 1)
     *   matrix 2: angles -pi/4, -pi/4 + 0.1   -> rho_2 = (0, 2, 0)
     *   matrix 3: angles pi/4, 3pi/4 (dropped)-> rho_3 = (0, 0, 1)
     * rho_bar = (1/3, 2/3, 2/3).
     * Omega (correct) = sum_j (rho_j - rho_bar)^2 / 6:
     *   bin 0: (4/9 + 1/9 + 1/9)/6 = 1/9;  bin 1: (4/9 + 16/9 + 4/9)/6 = 4/9;  bin 2: (1/9 + 4/9 + 1/9)/6 = 1/9
     * Omega (first matrix) = 3 (rho_1 - rho_bar)^2 / 6:  (2/9, 2/9, 1/18) */
    double complex ev[6] = {cexp(-3 * I * M_PI / 4), cexp(I * M_PI / 4), cexp(-I * M_PI / 4),
                            cexp(I * (-M_PI / 4 + 0.1)), cexp(I * M_PI / 4), cexp(3 * I * M_PI / 4)};
    double om[3], rb[3];
    sl_tm_omega(ev, 3, 2, 2, M_PI / 2, SL_OMEGA_CORRECT, om, rb);
    SL_CHECK(fabs(om[0] - 1.0 / 9) < 1e-15 && fabs(om[1] - 4.0 / 9) < 1e-15 && fabs(om[2] - 1.0 / 9) < 1e-15 &&
             fabs(rb[1] - 2.0 / 3) < 1e-15,
             "Thirumalai-Mountain Omega on a hand-computed example", "%g %g %g", om[0], om[1], om[2]);
    sl_tm_omega(ev, 3, 2, 2, M_PI / 2, SL_OMEGA_FIRST_MATRIX, om, rb);
    SL_CHECK(fabs(om[0] - 2.0 / 9) < 1e-15 && fabs(om[1] - 2.0 / 9) < 1e-15 && fabs(om[2] - 1.0 / 18) < 1e-15,
             "Omega, the published notebook's first-matrix loop, by hand", "%g %g %g", om[0], om[1], om[2]);
    /* The notebook's exact loop with size label N = 1 < 2 eigenvalues per matrix: the
     * per-matrix term is the first eigenvalue of matrix 1 only, rho = (1, 0, 0), while
     * rho_bar still counts both: Omega = 3 (rho - rho_bar)^2 / (3 * 1) = (4/9, 4/9, 4/9). */
    sl_status nst = sl_tm_omega(ev, 3, 2, 1, M_PI / 2, SL_OMEGA_NOTEBOOK, om, rb);
    SL_CHECK(nst == SL_OK && fabs(om[0] - 4.0 / 9) < 1e-15 && fabs(om[1] - 4.0 / 9) < 1e-15 &&
             fabs(om[2] - 4.0 / 9) < 1e-15 && fabs(rb[0] - 1.0 / 3) < 1e-15,
             "Omega, the notebook's first-N-eigenvalues loop (CSE half spectrum), by hand", "%g %g %g", om[0], om[1], om[2]);
    SL_CHECK(sl_tm_omega(ev, 3, 2, 3, M_PI / 2, SL_OMEGA_NOTEBOOK, om, rb) == SL_EINVAL,
             "Omega, notebook loop: a size label above the eigenvalue count is refused", "?");
    const double p[3] = {0.5, 0.25, 0.25}, q[3] = {0.25, 0.5, 0.25};
    /* KL(p||q) = 0.5 log2 2 + 0.25 log2 0.5 = 0.25; KL(q||p) = 0.25: D_se = 0.5 bits */
    SL_CHECK(fabs(sl_kl_symmetric_bits(p, q, 3, 0) - 0.5) < 1e-15, "symmetric KL by hand: 0.5 bits",
             "%.17g", sl_kl_symmetric_bits(p, q, 3, 0));
    SL_CHECK(sl_kl_symmetric_bits(p, p, 3, 1e-9) == 0, "symmetric KL of equal inputs is 0", "?");
    SL_CHECK(sl_kl_symmetric_bits(p, q, 3, 1e-9) == sl_kl_symmetric_bits(q, p, 3, 1e-9) &&
             sl_kl_symmetric_bits(p, q, 3, 1e-9) > 0,
             "symmetric KL is symmetric and positive for different inputs", "?");
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers */
    test_haar();
    test_bristol();
    test_cayley();
    test_threads();
    test_measures();
    return sl_test_done();
}
