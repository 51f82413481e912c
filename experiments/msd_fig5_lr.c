/* msd_fig5_lr — msd Fig. 5 at N2 = 5000 (where direct full is lowest), direct
 * training of all weights at three learning rates: does a smaller one remove
 * the slide of direct full with N2?
 * A training-factor sweep of src/msd/sl_sweep.c (config `factor`). */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig5_lr");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 5 setting at N2 = 5000, direct full: AdaMax learning rate");
    return sl_driver_end(&d, st);
}
