/* erg_fig3 — erg Fig. 3: approach to spectral ergodicity D_se(N_k) for
 * CUE, COE and CSE over consecutive sizes, for the Haar ensembles and the
 * published (`bristol`) construction. Each ensemble's eigenvalues are drawn
 * once (chunked, one seed per chunk) and every Ω variant (the paper's
 * formula; the notebook's first-matrix loop over all eigenvalues; the
 * notebook's loop exactly, first N eigenvalues of matrix 1, sl_ergodicity.h)
 * computed from them, at each bin width of `bin_widths` (the first is the
 * paper's; the others test the paper's "robust against different
 * bin-widths").
 * Rows: dse    construction ensemble omega N_prev N D_se_bits log10_D_se
 *       dse_bw construction ensemble omega bin_width N_prev N D_se_bits log10_D_se
 *              (dse rows: the first bin width; dse_bw rows: the others)
 *
 * A sweep (sl_task.h: --task I/N, --merge, --plan): a point is one
 * (construction, ensemble, size); its record holds every Ω (%.17g, so they
 * read back exactly) and a timing note, and D_se of consecutive sizes is
 * computed from the records only, in a whole run as in a merge.
 * Cost estimate of a point: M · dim³ (the eigenproblems). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_progress.h"
#include "core/sl_results.h"
#include "core/sl_signal.h"
#include "core/sl_task.h"
#include "erg/sl_bristol.h"
#include "rmt/sl_ergodicity.h"

#define MAXS 16
#define MAXC 16
#define MAXW 4
#define NV 3   /* Ω variants */

/* Point p's record: "note TEXT" and "omega w v K_w Ω_0 … Ω_{K_w−1}" for each
 * bin width w < nw and variant v < NV. */
static sl_status parse_record(const char *rec, size_t p, size_t nw, const size_t *K, double *om[MAXW][NV],
                              char *note, size_t note_len)
{
    int have[MAXW][NV] = {{0}};
    note[0] = 0;
    for (const char *s = rec; s && *s;) {
        const char *eol = strchr(s, '\n');
        if (!eol) break;
        if (strncmp(s, "note ", 5) == 0) {
            snprintf(note, note_len, "%.*s", (int)(eol - s - 5), s + 5);
        } else if (strncmp(s, "omega ", 6) == 0) {
            char *e;
            const long w = strtol(s + 6, &e, 10);
            const long v = strtol(e, &e, 10);
            const unsigned long k = strtoul(e, &e, 10);
            if (w < 0 || (size_t)w >= nw || v < 0 || v >= NV || k != K[w])
                return sl_fail(SL_EFORMAT, "record of point %zu: bad omega line", p);
            for (size_t i = 0; i < K[w]; i++) {
                char *e2;
                om[w][v][i] = strtod(e, &e2);
                if (e2 == e) return sl_fail(SL_EFORMAT, "record of point %zu: omega %ld %ld has %zu of %zu values", p, w, v, i, K[w]);
                e = e2;
            }
            if (e != eol) return sl_fail(SL_EFORMAT, "record of point %zu: omega %ld %ld has more than %zu values", p, w, v, K[w]);
            have[w][v] = 1;
        } else {
            return sl_fail(SL_EFORMAT, "record of point %zu: unknown line '%.20s'", p, s);
        }
        s = eol + 1;
    }
    for (size_t w = 0; w < nw; w++)
        for (int v = 0; v < NV; v++)
            if (!have[w][v]) return sl_fail(SL_EFORMAT, "record of point %zu: omega %zu %d missing", p, w, v);
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"sizes", "matrix sizes N_k, increasing; D_se compares consecutive ones"},
    {"chunk_seeds", "one seed per chunk of matrices (the paper's four)"},
    {"per_chunk", "matrices per chunk (ensemble size M = chunks x per_chunk)"},
    {"bin_widths", "histogram bin widths of the eigenphases, radians; the first (finest) is the paper's 1e-4"},
    {"ensembles", "circular ensembles"},
    {"constructions", "haar (the ensembles' definition) and/or bristol (the paper's published code)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "erg_fig3");
    if (st != SL_OK) return sl_driver_end(&d, st);
    d.task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    long sizes[MAXS], seeds_l[MAXC], per_chunk = 10;
    int ens[3] = {SL_CUE, SL_COE, SL_CSE}, cons[2] = {0, 1}; /* sl_erg_constructions */
    size_t ns = 0, nseed = 0, nens = 3, ncons = 2, nw = 1;
    double deltas[MAXW] = {1e-4};
    sl_results *r = NULL;
    sl_task t = {0};
    double complex *ev = NULL;   /* (M, dimension) eigenvalues of the current size */
    double *omega[MAXW][NV][MAXS] = {{{0}}}, *scratch = NULL;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_require(d.cfg, "sizes")) ||
        (st = sl_config_int_list(d.cfg, "sizes", 2, 8192, sizes, MAXS, &ns)) ||
        (st = sl_config_require(d.cfg, "chunk_seeds")) ||
        (st = sl_config_int_list(d.cfg, "chunk_seeds", 0, 0xffffffffL, seeds_l, MAXC, &nseed)) ||
        (st = sl_config_int(d.cfg, "per_chunk", 1, 100000, &per_chunk)) ||
        (st = sl_config_double_list(d.cfg, "bin_widths", 1e-7, 1, deltas, MAXW, &nw)) ||
        (st = sl_config_enum_list(d.cfg, "ensembles", sl_ensemble_names, ens, 3, &nens)) ||
        (st = sl_config_enum_list(d.cfg, "constructions", sl_erg_construction_names, cons, 2, &ncons)) ||
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
    size_t K[MAXW];
    for (size_t w = 0; w < nw; w++) {
        K[w] = sl_arg_bins(deltas[w]);
        if (K[w] > K[0]) {
            st = sl_fail(SL_ECONFIG, "%s: bin_widths: the first (the paper's) must be the finest", sl_config_path(d.cfg));
            goto done;
        }
    }
    char seedtxt[128] = "chunk seeds";
    for (size_t i = 0; i < nseed; i++)
        snprintf(seedtxt + strlen(seedtxt), sizeof seedtxt - strlen(seedtxt), " %lu", seeds[i]);
    scratch = malloc(K[0] * sizeof *scratch);
    for (size_t w = 0; w < nw; w++)
        for (int v = 0; v < NV; v++)
            for (size_t s = 0; s < ns; s++) {
                omega[w][v][s] = malloc(K[w] * sizeof(double));
                if (!omega[w][v][s]) { st = sl_fail(SL_ENOMEM, "omega"); goto done; }
            }
    if (!scratch) { st = sl_fail(SL_ENOMEM, "omega"); goto done; }

    /* the points: (construction, ensemble, size), in file order */
    const size_t P = ncons * nens * ns;
    double cost[2 * 3 * MAXS];
    for (size_t c = 0; c < ncons; c++)
        for (size_t e = 0; e < nens; e++)
            for (size_t s = 0; s < ns; s++) {
                const double dim = sl_circular_n_eig((sl_ensemble)ens[e], (int)sizes[s]);
                cost[(c * nens + e) * ns + s] = M * dim * dim * dim;
            }
    if ((st = sl_task_init(&t, &d, P, cost))) goto done;
    for (size_t p = 0; p < P; p++) {
        if (!sl_task_mine(&t, p)) continue;
        const size_t c = p / (nens * ns), e = p / ns % nens, s = p % ns;
        const int n = (int)sizes[s], ne = sl_circular_n_eig((sl_ensemble)ens[e], n);
        double t0 = sl_now();
        free(ev);
        ev = malloc((size_t)M * (size_t)ne * sizeof(double complex));
        if (!ev) { st = sl_fail(SL_ENOMEM, "eigenvalues"); goto done; }
        if ((st = sl_circular_ensemble((sl_ensemble)ens[e], sl_erg_constructions[cons[c]], n, seeds,
                                       (int)nseed, (int)per_chunk, d.threads, ev)))
            goto done;
        for (size_t w = 0; w < nw; w++)
            for (int v = 0; v < NV; v++)
                if ((st = sl_tm_omega(ev, M, ne, n, deltas[w], (sl_omega_variant)v, omega[w][v][0], scratch)))
                    goto done;
        FILE *f = sl_task_record_open(&t, p);
        if (!f) { st = sl_fail(SL_ENOMEM, "record"); goto done; }
        fprintf(f, "note %s %s N=%d: %d matrices of dimension %d in %.1f s\n",
                sl_erg_construction_names[cons[c]], sl_ensemble_names[ens[e]], n, M, ne, sl_now() - t0);
        for (size_t w = 0; w < nw; w++)
            for (int v = 0; v < NV; v++) {
                fprintf(f, "omega %zu %d %zu", w, v, K[w]);
                for (size_t k = 0; k < K[w]; k++) fprintf(f, " %.17g", omega[w][v][0][k]);
                fputc('\n', f);
            }
        if ((st = sl_task_record_close(&t))) goto done;
        fprintf(stderr, "erg_fig3: %s %s N=%d done (%.1f s)\n", sl_erg_construction_names[cons[c]],
                sl_ensemble_names[ens[e]], n, sl_now() - t0);
        if (sl_signal_pending()) { st = sl_fail(SL_EINTR, "interrupted at %s %s N=%d; no results written",
                                                sl_erg_construction_names[cons[c]], sl_ensemble_names[ens[e]], n); goto done; }
    }
    int finalise;
    if ((st = sl_task_collect(&t, seedtxt, &finalise)) || !finalise) goto done;

    /* finalise: the results file from the records alone */
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seedtxt)))
        goto done;
    sl_results_comment(r, "ensemble of M = %d matrices (%zu chunks x %ld), KL in bits, eps 1e-9", M, nseed, per_chunk);
    for (size_t w = 0; w < nw; w++)
        sl_results_comment(r, "bin width %g rad: %zu bins%s", deltas[w], K[w], w ? " (dse_bw rows)" : " (dse rows)");
    sl_results_comment(r, "columns (dse): dse construction ensemble omega N_prev N D_se_bits log10_D_se");
    sl_results_comment(r, "columns (dse_bw): dse_bw construction ensemble omega bin_width N_prev N D_se_bits log10_D_se");
    char prov[256];
    sl_task_provenance(&t, prov, sizeof prov);
    if (prov[0]) sl_results_comment(r, "%s", prov);
    for (size_t c = 0; c < ncons; c++)
        for (size_t e = 0; e < nens; e++) {
            for (size_t s = 0; s < ns; s++) {
                const size_t p = (c * nens + e) * ns + s;
                char note[256];
                double *om[MAXW][NV];
                for (size_t w = 0; w < nw; w++)
                    for (int v = 0; v < NV; v++) om[w][v] = omega[w][v][s];
                if ((st = parse_record(sl_task_record(&t, p), p, nw, K, om, note, sizeof note))) goto done;
                sl_results_comment(r, "%s", note);
            }
            for (size_t w = 0; w < nw; w++)
                for (int v = 0; v < NV; v++)
                    for (size_t s = 1; s < ns; s++) {
                        double D = sl_kl_symmetric_bits(omega[w][v][s], omega[w][v][s - 1], K[w], 1e-9);
                        if (w == 0)
                            sl_results_row(r, "dse %s %s %s %ld %ld %.6f %.6f", sl_erg_construction_names[cons[c]],
                                           sl_ensemble_names[ens[e]], sl_omega_names[v], sizes[s - 1], sizes[s],
                                           D, log10(D));
                        else
                            sl_results_row(r, "dse_bw %s %s %s %g %ld %ld %.6f %.6f", sl_erg_construction_names[cons[c]],
                                           sl_ensemble_names[ens[e]], sl_omega_names[v], deltas[w], sizes[s - 1],
                                           sizes[s], D, log10(D));
                    }
        }
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_task_free(&t);
    free(ev);
    for (size_t w = 0; w < MAXW; w++)
        for (int v = 0; v < NV; v++)
            for (size_t s = 0; s < MAXS; s++) free(omega[w][v][s]);
    free(scratch);
    return sl_driver_end(&d, st);
}
