#include "sl_erg_scatter.h"
#include "../core/sl_results.h"
#include "sl_bristol.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const sl_key_doc scatter_docs[] = {
    {"size", "N: matrix size (a CSE matrix is 2N x 2N)"},
    {"matrices", "matrices drawn per ensemble and construction"},
    {"chunk_seed", "seed of the draws (the paper's first chunk seed is 997123)"},
    {"ensembles", "circular ensembles to draw"},
    {"constructions", "haar (the ensembles' definition) and/or bristol (the paper's published code)"},
    {NULL, NULL}};

sl_status sl_erg_scatter_main(sl_driver *d, const char *what)
{
    sl_config_docs(d->cfg, scatter_docs);
    long n = 64, matrices = 10, seed = 997123;
    int ens[3] = {SL_CUE, SL_COE, SL_CSE}, cons[2] = {0, 1}; /* sl_erg_constructions */
    size_t nens = 3, ncons = 2;
    SL_TRY(sl_config_int(d->cfg, "size", 2, 4096, &n));
    SL_TRY(sl_config_int(d->cfg, "matrices", 1, 1000, &matrices));
    SL_TRY(sl_config_int(d->cfg, "chunk_seed", 0, 0xffffffffL, &seed));
    SL_TRY(sl_config_enum_list(d->cfg, "ensembles", sl_ensemble_names, ens, 3, &nens));
    SL_TRY(sl_config_enum_list(d->cfg, "constructions", sl_erg_construction_names, cons, 2, &ncons));
    SL_TRY(sl_driver_config_done(d));
    sl_results *r;
    char seeds[64];
    snprintf(seeds, sizeof seeds, "chunk seed %ld", seed);
    SL_TRY(sl_results_open(&r, d->output, d->name, sl_config_path(d->cfg), sl_config_hash(d->cfg), seeds));
    sl_results_comment(r, "%s; N = %ld, %ld matrices per ensemble (one chunk)", what, n, matrices);
    sl_results_comment(r, "columns: ev construction ensemble matrix re im | stats construction ensemble mean_abs min_abs max_abs");
    const unsigned long s = (unsigned long)seed;
    sl_status st = SL_OK;
    for (size_t c = 0; c < ncons && st == SL_OK; c++)
        for (size_t e = 0; e < nens && st == SL_OK; e++) {
            const int ne = sl_circular_n_eig((sl_ensemble)ens[e], (int)n);
            double complex *ev = malloc((size_t)matrices * ne * sizeof *ev);
            if (!ev) { st = sl_fail(SL_ENOMEM, "eigenvalues"); break; }
            st = sl_circular_ensemble((sl_ensemble)ens[e], sl_erg_constructions[cons[c]], (int)n, &s, 1, (int)matrices,
                                      d->threads, ev);
            double sum = 0, mn = INFINITY, mx = 0;
            for (long j = 0; st == SL_OK && j < matrices; j++)
                for (int i = 0; i < ne; i++) {
                    double complex z = ev[(size_t)j * ne + i];
                    sl_results_row(r, "ev %s %s %ld %.8g %.8g", sl_erg_construction_names[cons[c]], sl_ensemble_names[ens[e]],
                                   j, creal(z), cimag(z));
                    sum += cabs(z);
                    mn = fmin(mn, cabs(z));
                    mx = fmax(mx, cabs(z));
                }
            if (st == SL_OK)
                sl_results_row(r, "stats %s %s %.12g %.12g %.12g", sl_erg_construction_names[cons[c]], sl_ensemble_names[ens[e]],
                               sum / ((double)matrices * ne), mn, mx);
            free(ev);
        }
    if (st != SL_OK) { sl_results_discard(r); return st; }
    return sl_results_commit(r);
}
