/* msd_fig7_a1 — msd Fig. 7 (784 -> N2 -> 120 (ReLU) -> 10, N2 = 100 and 1000),
 * spectral training of eigenvalues (and eigenvectors), with the input
 * eigenvalues of A1 random or set to 1.
 * A training-factor sweep of src/msd/sl_sweep.c (config `factor`). */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig7_a1");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 7 setting, N2 = 100 and 1000: first-layer lambda_in random vs 1");
    return sl_driver_end(&d, st);
}
