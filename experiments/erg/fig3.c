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
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one
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
#include "core/sl_sweep_run.h"
#include "erg/sl_bristol.h"
#include "rmt/sl_ergodicity.h"

#define MAXS 16
#define MAXC 16
#define MAXW 4
#define NV 3   /* Ω variants */

typedef struct {
    const sl_driver *d;
    long sizes[MAXS], per_chunk;
    unsigned long seeds[MAXC];
    int ens[3], cons[2];
    size_t ns, nseed, nens, ncons, nw, K[MAXW];
    double deltas[MAXW];
    int M;
    double *omega[MAXW][NV][MAXS], *scratch;   /* (K[w]) each; scratch (K[0]) */
} erg3;

/* Point p = (c·nens + e)·ns + s. Record: the note as a comment, and
 * "omega_w_v K_w Ω_0 … Ω_{K_w−1}" for each bin width w and variant v. */
static sl_status point(void *ctx, size_t p, FILE *rec)
{
    erg3 *g = ctx;
    const size_t c = p / (g->nens * g->ns), e = p / g->ns % g->nens, s = p % g->ns;
    const int n = (int)g->sizes[s], ne = sl_circular_n_eig((sl_ensemble)g->ens[e], n);
    const double t0 = sl_now();
    double complex *ev = malloc((size_t)g->M * (size_t)ne * sizeof *ev);   /* (M, ne) eigenvalues */
    sl_status st = ev ? sl_circular_ensemble((sl_ensemble)g->ens[e], sl_erg_constructions[g->cons[c]], n, g->seeds,
                                             (int)g->nseed, (int)g->per_chunk, g->d->threads, ev)
                      : sl_fail(SL_ENOMEM, "eigenvalues");
    for (size_t w = 0; st == SL_OK && w < g->nw; w++)
        for (int v = 0; st == SL_OK && v < NV; v++)
            if ((st = sl_tm_omega(ev, g->M, ne, n, g->deltas[w], (sl_omega_variant)v, g->omega[w][v][0], g->scratch)) == SL_OK) {
                char kind[32];
                snprintf(kind, sizeof kind, "omega_%zu_%d", w, v);
                sl_task_put_doubles(rec, kind, g->omega[w][v][0], g->K[w]);
            }
    free(ev);
    if (st != SL_OK) return st;
    sl_task_rec_comment(rec, "%s %s N=%d: %d matrices of dimension %d in %.1f s", sl_erg_construction_names[g->cons[c]],
                        sl_ensemble_names[g->ens[e]], n, g->M, ne, sl_now() - t0);
    fprintf(stderr, "erg_fig3: %s %s N=%d done (%.1f s)\n", sl_erg_construction_names[g->cons[c]],
            sl_ensemble_names[g->ens[e]], n, sl_now() - t0);
    return SL_OK;
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const erg3 *g = ctx;
    sl_results_comment(r, "ensemble of M = %d matrices (%zu chunks x %ld), KL in bits, eps 1e-9", g->M, g->nseed, g->per_chunk);
    for (size_t w = 0; w < g->nw; w++)
        sl_results_comment(r, "bin width %g rad: %zu bins%s", g->deltas[w], g->K[w], w ? " (dse_bw rows)" : " (dse rows)");
    sl_results_comment(r, "columns (dse): dse construction ensemble omega N_prev N D_se_bits log10_D_se");
    sl_results_comment(r, "columns (dse_bw): dse_bw construction ensemble omega bin_width N_prev N D_se_bits log10_D_se");
    return SL_OK;
}

/* D_se of consecutive sizes, per (construction, ensemble), from the records */
static sl_status rows(void *ctx, const sl_task *t, sl_results *r)
{
    erg3 *g = ctx;
    for (size_t c = 0; c < g->ncons; c++)
        for (size_t e = 0; e < g->nens; e++) {
            for (size_t s = 0; s < g->ns; s++) {
                const size_t p = (c * g->nens + e) * g->ns + s;
                SL_TRY(sl_task_replay(t, p, r));   /* the note */
                for (size_t w = 0; w < g->nw; w++)
                    for (int v = 0; v < NV; v++) {
                        char kind[32];
                        snprintf(kind, sizeof kind, "omega_%zu_%d", w, v);
                        SL_TRY(sl_task_get_doubles(t, p, kind, g->omega[w][v][s], g->K[w]));
                    }
            }
            const char *cn = sl_erg_construction_names[g->cons[c]], *en = sl_ensemble_names[g->ens[e]];
            for (size_t w = 0; w < g->nw; w++)
                for (int v = 0; v < NV; v++)
                    for (size_t s = 1; s < g->ns; s++) {
                        double D = sl_kl_symmetric_bits(g->omega[w][v][s], g->omega[w][v][s - 1], g->K[w], 1e-9);
                        if (w == 0)
                            sl_results_row(r, "dse %s %s %s %ld %ld %.6f %.6f", cn, en, sl_omega_names[v],
                                           g->sizes[s - 1], g->sizes[s], D, log10(D));
                        else
                            sl_results_row(r, "dse_bw %s %s %s %g %ld %ld %.6f %.6f", cn, en, sl_omega_names[v],
                                           g->deltas[w], g->sizes[s - 1], g->sizes[s], D, log10(D));
                    }
        }
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
    sl_status st = sl_sweep_begin(&d, argc, argv, "erg_fig3");
    if (st != SL_OK) return sl_driver_end(&d, st);
    erg3 g = {.d = &d, .per_chunk = 10, .ens = {SL_CUE, SL_COE, SL_CSE}, .cons = {0, 1}, /* sl_erg_constructions */
              .nens = 3, .ncons = 2, .nw = 1, .deltas = {1e-4}};
    long seeds_l[MAXC];
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_require(d.cfg, "sizes")) ||
        (st = sl_config_int_list(d.cfg, "sizes", 2, 8192, g.sizes, MAXS, &g.ns)) ||
        (st = sl_config_require(d.cfg, "chunk_seeds")) ||
        (st = sl_config_int_list(d.cfg, "chunk_seeds", 0, 0xffffffffL, seeds_l, MAXC, &g.nseed)) ||
        (st = sl_config_int(d.cfg, "per_chunk", 1, 100000, &g.per_chunk)) ||
        (st = sl_config_double_list(d.cfg, "bin_widths", 1e-7, 1, g.deltas, MAXW, &g.nw)) ||
        (st = sl_config_enum_list(d.cfg, "ensembles", sl_ensemble_names, g.ens, 3, &g.nens)) ||
        (st = sl_config_enum_list(d.cfg, "constructions", sl_erg_construction_names, g.cons, 2, &g.ncons)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    for (size_t i = 1; i < g.ns; i++)
        if (g.sizes[i] <= g.sizes[i - 1])
            return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: sizes must increase", sl_config_path(d.cfg)));
    for (size_t i = 0; i < g.nseed; i++) g.seeds[i] = (unsigned long)seeds_l[i];
    g.M = (int)(g.nseed * (size_t)g.per_chunk);
    for (size_t w = 0; w < g.nw; w++) {
        g.K[w] = sl_arg_bins(g.deltas[w]);
        if (g.K[w] > g.K[0])
            return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: bin_widths: the first (the paper's) must be the finest",
                                             sl_config_path(d.cfg)));
    }
    char seedtxt[128] = "chunk seeds";
    for (size_t i = 0; i < g.nseed; i++)
        snprintf(seedtxt + strlen(seedtxt), sizeof seedtxt - strlen(seedtxt), " %lu", g.seeds[i]);
    g.scratch = malloc(g.K[0] * sizeof *g.scratch);
    if (!g.scratch) st = sl_fail(SL_ENOMEM, "omega");
    for (size_t w = 0; w < g.nw; w++)
        for (int v = 0; v < NV; v++)
            for (size_t s = 0; s < g.ns; s++)
                if (!(g.omega[w][v][s] = malloc(g.K[w] * sizeof(double)))) st = sl_fail(SL_ENOMEM, "omega");

    /* the points: (construction, ensemble, size), in file order; cost M · dim³ */
    const size_t P = g.ncons * g.nens * g.ns;
    double cost[2 * 3 * MAXS];
    for (size_t p = 0; p < P; p++) {
        const double dim = sl_circular_n_eig((sl_ensemble)g.ens[p / g.ns % g.nens], (int)g.sizes[p % g.ns]);
        cost[p] = g.M * dim * dim * dim;
    }
    const sl_sweep_spec spec = {.n_points = P, .cost = cost, .seeds = seedtxt, .ctx = &g,
                                .compute = point, .header = header, .rows = rows};
    if (st == SL_OK) st = sl_sweep_run(&d, &spec);
    for (size_t w = 0; w < MAXW; w++)
        for (int v = 0; v < NV; v++)
            for (size_t s = 0; s < MAXS; s++) free(g.omega[w][v][s]);
    free(g.scratch);
    return sl_driver_end(&d, st);
}
