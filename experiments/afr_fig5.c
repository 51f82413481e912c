/* afr_fig5 — afr Fig. 5 (Appendix C): the 20 per-class component distributions of the
 * independent-Gaussians set. Body: sl_afr_data_figure
 * (src/afr/sl_afr_datafig.c; rows listed in sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig5");
    if (st == SL_OK) st = sl_afr_data_figure(&d);
    return sl_driver_end(&d, st);
}
