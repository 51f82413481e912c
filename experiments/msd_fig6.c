/* msd_fig6 — msd Fig. 6, deep linear networks exactly as the paper lists
 * them: ℓ = 3 with N2 = 20, 80, 100, 500, 800; ℓ = 4 with N2 = 800 and
 * N3 = 100, 200, 400, 600; ℓ = 5 with 800, 600, 500. Same three trainings
 * and inset as Fig. 5. All in src/msd/sl_sweep.c. */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig6");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 6: deep linear networks 784 -> ... -> 10");
    return sl_driver_end(&d, st);
}
