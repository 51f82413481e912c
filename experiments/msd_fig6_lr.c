/* msd_fig6_lr — msd Fig. 6's l = 5 network 784-800-600-500-10, eigenvalue training
 * and direct training of as many weights at two learning rates.
 * A training-factor sweep of src/msd/sl_sweep.c (config `factor`). */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_fig6_lr");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd Fig. 6 l = 5 network 784-800-600-500-10: AdaMax learning rate");
    return sl_driver_end(&d, st);
}
