/* msd_fig5 — msd Fig. 5, the wide linear network 784 → N2 → 10: test
 * accuracy against the number of trained parameters N2 + N3 for spectral
 * training of the destination eigenvalues, direct training of as many
 * random weights, and direct training of all weights; inset: entries of the
 * retracted 784 × 10 matrix A_c at N2 = 1000. All in src/msd/sl_sweep.c. */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig5");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 5: wide linear network 784 -> N2 -> 10");
    return sl_driver_end(&d, st);
}
