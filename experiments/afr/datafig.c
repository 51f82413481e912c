/* afr_datafig — afr Figs. 5 and 6 (Appendix C): the per-class component
 * distributions of a Gaussian set (Fig. 5: the 20 independent components;
 * Fig. 6: the pair (x_4, x_5) of the correlated set). Each figure is a
 * config naming this driver (experiments/afr/fig5.yaml, fig6.yaml). Body:
 * sl_afr_data_figure (src/afr/sl_afr_datafig.c; rows listed in
 * sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_datafig");
    if (st == SL_OK) st = sl_afr_data_figure(&d);
    return sl_driver_end(&d, st);
}
