/* afr_fig6 — afr Fig. 6 (Appendix C): components 4 and 5 of the correlated-Gaussians set,
 * their per-class histograms and scatter. Body: sl_afr_data_figure
 * (src/afr/sl_afr_datafig.c; rows listed in sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig6");
    if (st == SL_OK) st = sl_afr_data_figure(&d);
    return sl_driver_end(&d, st);
}
