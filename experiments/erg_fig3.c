/* erg_fig3 — erg Fig. 3: approach to spectral ergodicity D_se(N_k) for
 * CUE, COE and CSE over consecutive sizes, for the Haar ensembles and the
 * published (`bristol`) construction. Each ensemble's eigenvalues are drawn
 * once (chunked, one seed per chunk) and both Ω variants (the paper's
 * formula, and the published notebook's first-matrix loop) computed from them.
 * Rows: dse construction ensemble omega N_prev N D_se_bits log10_D_se */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_progress.h"
#include "core/sl_results.h"
#include "core/sl_signal.h"
#include "rmt/sl_circular.h"
#include "rmt/sl_ergodicity.h"

#define MAXS 16
#define MAXC 16

static const sl_key_doc docs[] = {
    {"sizes", "matrix sizes N_k, increasing; D_se compares consecutive ones"},
    {"chunk_seeds", "one seed per chunk of matrices (the paper's four)"},
    {"per_chunk", "matrices per chunk (ensemble size M = chunks x per_chunk)"},
    {"bin_width", "histogram bin width of the eigenphases, radians (paper: 1e-4)"},
    {"ensembles", "circular ensembles"},
    {"constructions", "haar (the ensembles' definition) and/or bristol (the paper's published code)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "erg_fig3");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long sizes[MAXS], seeds_l[MAXC], per_chunk = 10;
    int ens[3] = {SL_CUE, SL_COE, SL_CSE}, cons[2] = {SL_CONS_HAAR, SL_CONS_BRISTOL};
    size_t ns = 0, nseed = 0, nens = 3, ncons = 2;
    double delta = 1e-4;
    sl_results *r = NULL;
    sl_config_docs(d.cfg, docs);
    double complex *ev = NULL;   /* (M, dimension) eigenvalues of the current size */
    double *omega[2][MAXS] = {{0}}, *scratch = NULL;
    if ((st = sl_config_require(d.cfg, "sizes")) ||
        (st = sl_config_int_list(d.cfg, "sizes", 2, 8192, sizes, MAXS, &ns)) ||
        (st = sl_config_require(d.cfg, "chunk_seeds")) ||
        (st = sl_config_int_list(d.cfg, "chunk_seeds", 0, 0xffffffffL, seeds_l, MAXC, &nseed)) ||
        (st = sl_config_int(d.cfg, "per_chunk", 1, 100000, &per_chunk)) ||
        (st = sl_config_double(d.cfg, "bin_width", 1e-7, 1, &delta)) ||
        (st = sl_config_enum_list(d.cfg, "ensembles", sl_ensemble_names, ens, 3, &nens)) ||
        (st = sl_config_enum_list(d.cfg, "constructions", sl_construction_names, cons, 2, &ncons)) ||
        (st = sl_driver_config_done(&d)))
        goto done;
    for (size_t i = 1; i < ns; i++)
        if (sizes[i] <= sizes[i - 1]) {
            st = sl_fail(SL_ECONFIG, "%s: sizes must increase", sl_config_path(d.cfg));
            goto done;
        }
    unsigned long seeds[MAXC];
    for (size_t i = 0; i < nseed; i++) seeds[i] = (unsigned long)seeds_l[i];
    const int M = (int)(nseed * (size_t)per_chunk);
    const size_t K = sl_arg_bins(delta);
    char seedtxt[128] = "chunk seeds";
    for (size_t i = 0; i < nseed; i++)
        snprintf(seedtxt + strlen(seedtxt), sizeof seedtxt - strlen(seedtxt), " %lu", seeds[i]);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seedtxt)))
        goto done;
    sl_results_comment(r, "ensemble of M = %d matrices (%zu chunks x %ld), bin width %g rad (%zu bins), KL in bits, eps 1e-9",
                       M, nseed, per_chunk, delta, K);
    sl_results_comment(r, "columns: dse construction ensemble omega N_prev N D_se_bits log10_D_se");
    scratch = malloc(K * sizeof *scratch);
    for (int v = 0; v < 2; v++)
        for (size_t s = 0; s < ns; s++) {
            omega[v][s] = malloc(K * sizeof(double));
            if (!omega[v][s]) { st = sl_fail(SL_ENOMEM, "omega"); goto done; }
        }
    if (!scratch) { st = sl_fail(SL_ENOMEM, "omega"); goto done; }
    for (size_t c = 0; c < ncons; c++)
        for (size_t e = 0; e < nens; e++) {
            for (size_t s = 0; s < ns; s++) {
                const int n = (int)sizes[s], ne = sl_circular_n_eig((sl_ensemble)ens[e], n);
                double t0 = sl_now();
                free(ev);
                ev = malloc((size_t)M * (size_t)ne * sizeof(double complex));
                if (!ev) { st = sl_fail(SL_ENOMEM, "eigenvalues"); goto done; }
                if ((st = sl_circular_ensemble((sl_ensemble)ens[e], (sl_construction)cons[c], n, seeds,
                                               (int)nseed, (int)per_chunk, d.threads, ev)))
                    goto done;
                for (int v = 0; v < 2; v++)
                    if ((st = sl_tm_omega(ev, M, ne, n, delta, (sl_omega_variant)v, omega[v][s], scratch)))
                        goto done;
                sl_results_comment(r, "%s %s N=%d: %d matrices of dimension %d in %.1f s",
                                   sl_construction_names[cons[c]], sl_ensemble_names[ens[e]], n, M, ne, sl_now() - t0);
                fprintf(stderr, "erg_fig3: %s %s N=%d done (%.1f s)\n", sl_construction_names[cons[c]],
                        sl_ensemble_names[ens[e]], n, sl_now() - t0);
                if (sl_signal_pending()) { st = sl_fail(SL_EINTR, "interrupted at %s %s N=%d; no results written",
                                                        sl_construction_names[cons[c]], sl_ensemble_names[ens[e]], n); goto done; }
            }
            for (int v = 0; v < 2; v++)
                for (size_t s = 1; s < ns; s++) {
                    double D = sl_kl_symmetric_bits(omega[v][s], omega[v][s - 1], K, 1e-9);
                    sl_results_row(r, "dse %s %s %s %ld %ld %.6f %.6f", sl_construction_names[cons[c]],
                                   sl_ensemble_names[ens[e]], sl_omega_names[v], sizes[s - 1], sizes[s], D, log10(D));
                }
        }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    free(ev);
    for (size_t s = 0; s < MAXS; s++) { free(omega[0][s]); free(omega[1][s]); }
    free(scratch);
    return sl_driver_end(&d, st);
}
