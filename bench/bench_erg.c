/* bench_erg — time the generation and eigenvalues of 4 matrices per
 * circular ensemble at N = 1024 (4 chunks of 1, run 2 at a time), for a
 * construction: `bench_erg bristol|haar [N]`. Prints "<ENS> seconds". */
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_progress.h"
#include "erg/sl_bristol.h"

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    const sl_construction *c = argc > 1 && strcmp(argv[1], "haar") == 0 ? &sl_cons_haar : &sl_cons_bristol;
    int n = argc > 2 ? atoi(argv[2]) : 1024;
    const unsigned long seeds[4] = {997123, 1091645, 1352, 32718};
    for (int e = SL_CUE; e <= SL_CSE; e++) {
        int ne = sl_circular_n_eig((sl_ensemble)e, n);
        double complex *ev = malloc((size_t)4 * ne * sizeof *ev);
        double t0 = sl_now();
        sl_status st = sl_circular_ensemble((sl_ensemble)e, c, n, seeds, 4, 1, 2, ev);
        double t = sl_now() - t0;
        if (st != SL_OK) { fprintf(stderr, "bench_erg: %s\n", sl_errmsg()); return 1; }
        printf("%s %.3f\n", sl_ensemble_names[e], t);
        free(ev);
    }
    return 0;
}
