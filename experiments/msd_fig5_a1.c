/* msd_fig5_a1 — msd Fig. 5 (784 -> N2 -> 10, N2 = 100 and 1000), eigenvalue training,
 * with the input eigenvalues of A1 kept at their random initial values or
 * set to 1: does the first layer's lambda_in explain the spectral curve?
 * A training-factor sweep of src/msd/sl_sweep.c (config `factor`). */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig5_a1");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 5 setting, N2 = 100 and 1000: first-layer lambda_in random vs 1");
    return sl_driver_end(&d, st);
}
