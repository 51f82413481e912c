/* erg_spacing — beyond the paper: nearest-neighbour spacing distributions of
 * the Haar circular ensembles (unfolded eigenphases; one of each degenerate
 * CSE pair) against the Wigner surmises β = 1 (COE), 2 (CUE), 4 (CSE), with
 * the Kolmogorov–Smirnov distance of each ensemble to each surmise.
 * Rows: hist ensemble center density P1 P2 P4 | ks ensemble beta D n */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "rmt/sl_circular.h"
#include "rmt/sl_spacing.h"
#include "stats/sl_dist.h"

static const sl_key_doc docs[] = {
    {"size", "N: matrix size (CSE: 2N eigenvalues, N distinct)"},
    {"matrices", "matrices per ensemble"},
    {"chunk_seed", "seed of the draws"},
    {"histogram.bins", "bins of the spacing histogram"},
    {"histogram.max", "histogram on [0, max] (spacings unfolded to mean 1)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "erg_spacing");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long n = 128, matrices = 100, seed = 997123, bins = 40;
    double smax = 4;
    sl_results *r = NULL;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "size", 4, 4096, &n)) || (st = sl_config_int(d.cfg, "matrices", 1, 100000, &matrices)) ||
        (st = sl_config_int(d.cfg, "chunk_seed", 0, 0xffffffffL, &seed)) ||
        (st = sl_config_int(d.cfg, "histogram.bins", 4, 10000, &bins)) ||
        (st = sl_config_double(d.cfg, "histogram.max", 0.5, 100, &smax)) || (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    char seeds[64];
    snprintf(seeds, sizeof seeds, "chunk seed %ld", seed);
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds)))
        return sl_driver_end(&d, st);
    sl_results_comment(r, "Haar ensembles, N = %ld, %ld matrices each; spacings unfolded to mean 1 (CSE: one of each pair)",
                       n, matrices);
    sl_results_comment(r, "columns: hist ensemble center density P1 P2 P4 | ks ensemble beta D n_spacings");
    const unsigned long s0 = (unsigned long)seed;
    const int betas[3] = {1, 2, 4};
    for (int e = SL_CUE; e <= SL_CSE && st == SL_OK; e++) {
        const int ne = sl_circular_n_eig((sl_ensemble)e, (int)n);
        double complex *ev = malloc((size_t)matrices * ne * sizeof *ev);
        double *sp = malloc((size_t)matrices * ne * sizeof *sp), *tmp = malloc((size_t)ne * sizeof *tmp);
        double *c = malloc((size_t)bins * sizeof *c), *dens = malloc((size_t)bins * sizeof *dens);
        if (!ev || !sp || !tmp || !c || !dens) st = sl_fail(SL_ENOMEM, "spacings");
        if (st == SL_OK)
            st = sl_circular_ensemble((sl_ensemble)e, &sl_cons_haar, (int)n, &s0, 1, (int)matrices, d.threads, ev);
        size_t ns = 0;
        for (long j = 0; st == SL_OK && j < matrices; j++)
            ns += sl_unfolded_spacings(ev + (size_t)j * ne, ne, e == SL_CSE, sp + ns, tmp);
        if (st == SL_OK) st = sl_density(sp, ns, 0, smax, (size_t)bins, c, dens);
        for (long k = 0; st == SL_OK && k < bins; k++)
            sl_results_row(r, "hist %s %.5g %.6g %.6g %.6g %.6g", sl_ensemble_names[e], c[k], dens[k],
                           sl_wigner_pdf(1, c[k]), sl_wigner_pdf(2, c[k]), sl_wigner_pdf(4, c[k]));
        for (int b = 0; st == SL_OK && b < 3; b++) {
            double D = sl_ks_wigner(sp, ns, betas[b]);
            sl_results_row(r, "ks %s %d %.5f %zu", sl_ensemble_names[e], betas[b], D, ns);
            fprintf(stderr, "erg_spacing: %s vs Wigner beta=%d: KS D = %.4f (%zu spacings)\n", sl_ensemble_names[e],
                    betas[b], D, ns);
        }
        free(ev); free(sp); free(tmp); free(c); free(dens);
    }
    if (st == SL_OK) { st = sl_results_commit(r); r = NULL; }
    sl_results_discard(r);
    return sl_driver_end(&d, st);
}
