/* msd_table1_batch — the msd perceptron table (784 -> 10) over batch sizes 300..800: which
 * batch sizes reach the paper's 92.7 ± 0.1 % (direct full) and 92.5 ± 0.2 %
 * (spectral full)?
 * A training-factor sweep of src/msd/sl_sweep.c (config `factor`). */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_table1_batch");
    if (st == SL_OK) st = sl_sweep_main(&d, "msd perceptron 784 -> 10 over batch sizes (paper: direct full 92.7 +- 0.1 %, spectral full 92.5 +- 0.2 %)");
    return sl_driver_end(&d, st);
}
