/* bench_erg — time the generation and eigenvalues of 4 matrices per
 * circular ensemble at N = 1024 (4 chunks of 1, run 2 at a time), for a
 * construction: `bench_erg bristol|haar [N] [ROUNDS]`. Prints "<ENS> seconds",
 * the best of ROUNDS (default 1) runs of the same matrices; for bristol also
 * "COE-draw seconds", the same COE ensemble with the matrices
 * drawn but no eigenvalues computed: COE minus COE-draw is the zgeev part. */
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_progress.h"
#include "erg/sl_bristol.h"

/* bristol's matrix drawn into ws->m, eigenvalues not computed (ev zeroed) */
static sl_status draw_only(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *ev)
{
    SL_TRY(sl_cons_bristol.matrix(ws, e, n, r, ws->m));
    memset(ev, 0, (size_t)sl_circular_n_eig(e, n) * sizeof *ev);
    return SL_OK;
}

/* 4 matrices of ensemble e (4 chunks of 1, 2 workers), best of `rounds`:
 * "<name> seconds" */
static int timed(const char *name, sl_ensemble e, const sl_construction *c, int n, const unsigned long *seeds,
                 int rounds)
{
    double complex *ev = malloc((size_t)4 * sl_circular_n_eig(e, n) * sizeof *ev);
    if (!ev) { fprintf(stderr, "bench_erg: out of memory\n"); return 1; }
    double best = 0;
    for (int k = 0; k < rounds; k++) {
        double t0 = sl_now();
        sl_status st = sl_circular_ensemble(e, c, n, seeds, 4, 1, 2, ev);
        double t = sl_now() - t0;
        if (st != SL_OK) { free(ev); fprintf(stderr, "bench_erg: %s\n", sl_errmsg()); return 1; }
        if (k == 0 || t < best) best = t;
    }
    free(ev);
    printf("%s %.3f\n", name, best);
    return 0;
}

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    sl_mem_init();      /* as the drivers: freed buffers stay with the process */
    const sl_construction *c = argc > 1 && strcmp(argv[1], "haar") == 0 ? &sl_cons_haar : &sl_cons_bristol;
    int n = argc > 2 ? atoi(argv[2]) : 1024, rounds = argc > 3 ? atoi(argv[3]) : 1;
    if (n < 2 || rounds < 1) { fprintf(stderr, "usage: bench_erg bristol|haar [N >= 2] [ROUNDS >= 1]\n"); return 2; }
    const unsigned long seeds[4] = {997123, 1091645, 1352, 32718};
    for (int e = SL_CUE; e <= SL_CSE; e++)
        if (timed(sl_ensemble_names[e], (sl_ensemble)e, c, n, seeds, rounds)) return 1;
    if (c == &sl_cons_bristol) {
        sl_construction draw = sl_cons_bristol;
        draw.eigvals = draw_only;
        if (timed("COE-draw", SL_COE, &draw, n, seeds, rounds)) return 1;
    }
    return 0;
}
