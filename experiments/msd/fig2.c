/* msd_fig2 — the teaching picture of msd Fig. 2 for a small network of
 * layers N1 → N2 → … → Nℓ embedded in the augmented space of N = Σ N_k nodes:
 *   Φ_k  identity plus the sub-diagonal block φ_k (N_{k+1} × N_k)
 *   Λ_k  identity except the eigenvalues the paper randomises: the first
 *        N1+N2 for k = 1, the N_{k+1} destination ones for k ≥ 2
 *   A_k = Φ_k Λ_k Φ_k⁻¹  (Φ_k⁻¹ by LU; the paper's closed form is 2I − Φ_k)
 *   A   = A_{ℓ−1} ⋯ A_1, and A_c its (N1+Nℓ) × (N1+Nℓ) trim (Fig. 2b).
 * Checks, written to the header: ‖Φ⁻¹ − (2I − Φ)‖, and that the block of A_c
 * mapping input to output equals the product of the layers' W_k (Eq. 1),
 * i.e. the retracted perceptron.
 * Results: one gnuplot index per matrix, rows `i j value` (i = row). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "linalg/sl_dmat.h"
#include "nn/sl_layer.h"

#define MAXL 8

static void write_matrix(sl_results *r, const char *name, const double *a, int rows, int cols)
{
    sl_results_comment(r, "index: %s (%d x %d)", name, rows, cols);
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) sl_results_row(r, "%d %d %.6g", i, j, a[(size_t)i * cols + j]);
        sl_results_blank(r, 1);
    }
    sl_results_blank(r, 1);
}

static const sl_key_doc docs[] = {
    {"dims", "layer sizes N1 .. Nl of the small example (at least three)"},
    {"phi", "[lo, hi]: eigenvector block entries drawn uniformly"},
    {"lambda", "[lo, hi]: eigenvalues drawn uniformly"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig2");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long dims[MAXL + 1];
    size_t nd = 0, n2 = 2;
    double phi_r[2] = {-0.5, 0.5}, lam_r[2] = {-1, 1};
    sl_config_docs(d.cfg, docs);
    sl_results *r = NULL;
    double *buf = NULL;
    gsl_rng *rng = NULL;
    if ((st = sl_config_require(d.cfg, "dims")) ||
        (st = sl_config_int_list(d.cfg, "dims", 1, 64, dims, MAXL + 1, &nd)) ||
        (st = sl_config_double_list(d.cfg, "phi", -10, 10, phi_r, 2, &n2)) ||
        (st = sl_config_double_list(d.cfg, "lambda", -10, 10, lam_r, 2, &n2)) ||
        (st = sl_driver_config_done(&d)))
        goto done;
    if (nd < 3) { st = sl_fail(SL_ECONFIG, "%s: dims needs at least three layers", sl_config_path(d.cfg)); goto done; }
    const int L = (int)nd - 1; /* number of transfer matrices A_k */
    int N = 0, off[MAXL + 1];
    for (size_t k = 0; k < nd; k++) { off[k] = N; N += (int)dims[k]; }
    const size_t NN = (size_t)N * (size_t)N;
    buf = calloc(7 * NN, sizeof *buf);
    rng = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, 0));
    if (!buf || !rng) { st = sl_fail(SL_ENOMEM, "matrices"); goto done; }
    double *Phi = buf, *Lam = buf + NN, *Inv = buf + 2 * NN, *T = buf + 3 * NN, *Ak = buf + 4 * NN;
    double *A = buf + 5 * NN, *A2 = buf + 6 * NN;
    for (int i = 0; i < N; i++) A[(size_t)i * N + i] = 1;

    char seedtxt[64];
    snprintf(seedtxt, sizeof seedtxt, "base %llu, stream init 0", (unsigned long long)d.seed);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seedtxt)))
        goto done;
    sl_results_comment(r, "network dims (N1..Nl) = %ld..%ld in N = %d augmented nodes; phi ~ U[%g, %g], lambda ~ U[%g, %g]",
                       dims[0], dims[nd - 1], N, phi_r[0], phi_r[1], lam_r[0], lam_r[1]);
    /* W_prod (n_out × N1) = W_{L} ⋯ W_1 from Eq. 1, for the retraction check */
    double *Wp = calloc(NN, sizeof *Wp), *Wt = calloc(NN, sizeof *Wt);
    float *phi = malloc(NN * sizeof *phi), *lin = malloc((size_t)N * sizeof *lin), *lout = malloc((size_t)N * sizeof *lout);
    float *wk = malloc(NN * sizeof *wk);
    if (!Wp || !Wt || !phi || !lin || !lout || !wk) { st = sl_fail(SL_ENOMEM, "matrices"); goto cleanup; }
    double inv_err = 0;
    for (int k = 0; k < L; k++) {
        const int n = (int)dims[k], m = (int)dims[k + 1];
        memset(Phi, 0, NN * sizeof *Phi);
        memset(Lam, 0, NN * sizeof *Lam);
        for (int i = 0; i < N; i++) Phi[(size_t)i * N + i] = Lam[(size_t)i * N + i] = 1;
        sl_rng_uniform_f(rng, phi, (size_t)m * (size_t)n, phi_r[0], phi_r[1]);
        for (int j = 0; j < m; j++)
            for (int i = 0; i < n; i++) Phi[(size_t)(off[k + 1] + j) * N + off[k] + i] = phi[(size_t)j * n + i];
        /* source eigenvalues: random for k = 1, 1 after (Fig. 2) */
        if (k == 0) sl_rng_uniform_f(rng, lin, (size_t)n, lam_r[0], lam_r[1]);
        else for (int i = 0; i < n; i++) lin[i] = 1.0f;
        sl_rng_uniform_f(rng, lout, (size_t)m, lam_r[0], lam_r[1]);
        for (int i = 0; i < n; i++) Lam[(size_t)(off[k] + i) * N + off[k] + i] = lin[i];
        for (int j = 0; j < m; j++) Lam[(size_t)(off[k + 1] + j) * N + off[k + 1] + j] = lout[j];
        memcpy(Inv, Phi, NN * sizeof *Inv);
        if ((st = sl_dmat_inverse(Inv, N))) goto cleanup;
        for (size_t i = 0; i < NN; i++) T[i] = (i % (size_t)(N + 1) == 0 ? 2.0 : 0.0) - Phi[i];
        double e = sl_dmat_maxdiff(Inv, T, NN);
        if (e > inv_err) inv_err = e;
        sl_dmat_mul(T, Phi, Lam, N, N, N);
        sl_dmat_mul(Ak, T, Inv, N, N, N);
        sl_dmat_mul(A2, Ak, A, N, N, N);
        memcpy(A, A2, NN * sizeof *A);
        char name[32];
        snprintf(name, sizeof name, "Phi_%d", k + 1);
        write_matrix(r, name, Phi, N, N);
        snprintf(name, sizeof name, "Lambda_%d", k + 1);
        write_matrix(r, name, Lam, N, N);
        snprintf(name, sizeof name, "A_%d", k + 1);
        write_matrix(r, name, Ak, N, N);
        /* layer matrix of Eq. 1 and the running product W_k ⋯ W_1 */
        sl_spectral_weights(wk, phi, lin, lout, n, m);
        if (k == 0) for (size_t i = 0; i < (size_t)m * (size_t)n; i++) Wp[i] = wk[i];
        else {
            double *Wd = T;
            for (size_t i = 0; i < (size_t)m * (size_t)n; i++) Wd[i] = wk[i];
            sl_dmat_mul(Wt, Wd, Wp, m, n, (int)dims[0]);
            memcpy(Wp, Wt, (size_t)m * (size_t)dims[0] * sizeof *Wp);
        }
    }
    write_matrix(r, "A = A_L ... A_1", A, N, N);
    /* A_c: keep the input nodes and the output nodes (Fig. 2b) */
    const int n1 = (int)dims[0], nl = (int)dims[nd - 1], nc = n1 + nl;
    double *Ac = T, err = 0;
    for (int i = 0; i < nc; i++)
        for (int j = 0; j < nc; j++) {
            int gi = i < n1 ? i : off[L] + (i - n1), gj = j < n1 ? j : off[L] + (j - n1);
            Ac[(size_t)i * nc + j] = A[(size_t)gi * N + gj];
        }
    for (int j = 0; j < nl; j++)
        for (int i = 0; i < n1; i++) {
            double e = Ac[(size_t)(n1 + j) * nc + i] - Wp[(size_t)j * n1 + i];
            if (e < 0) e = -e;
            if (e > err) err = e;
        }
    sl_results_comment(r, "check: max |Phi^-1 - (2I - Phi)| = %.3g (the paper's closed form)", inv_err);
    sl_results_comment(r, "check: max |A_c[out, in] - W_L...W_1| = %.3g (A_c is the retracted perceptron)", err);
    write_matrix(r, "A_c", Ac, nc, nc);
    if (inv_err > 1e-12 || err > 1e-5) {
        st = sl_fail(SL_ENUMERIC, "Fig. 2 identities fail: inverse %.3g, retraction %.3g", inv_err, err);
        goto cleanup;
    }
    st = sl_results_commit(r);
    r = NULL;
cleanup:
    free(Wp); free(Wt); free(phi); free(lin); free(lout); free(wk);
done:
    sl_results_discard(r);
    free(buf);
    gsl_rng_free(rng);
    return sl_driver_end(&d, st);
}
