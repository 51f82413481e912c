/* msd_fig7 — msd Fig. 7, the non-linear network 784 → N2 (linear) → 120
 * (ReLU) → 10 with N2 swept: spectral eigenvalues only (N2 + N3 + N4
 * trained), direct training of as many random weights, direct training of
 * all weights, and spectral eigenvalues + eigenvectors. The linear layer is
 * retracted into the next one and the retracted network evaluated too.
 * All in src/msd/sl_sweep.c. */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig7");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 7: non-linear network 784 -> N2 (linear) -> 120 (ReLU) -> 10");
    return sl_driver_end(&d, st);
}
