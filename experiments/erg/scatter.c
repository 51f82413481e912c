/* erg_scatter — erg Figs. 1 and 2: eigenvalues of the circular ensembles in
 * the complex plane, for the Haar ensembles and the published (bristol)
 * construction side by side. Each figure is a config naming this driver
 * (experiments/erg/fig1.yaml: CSE; fig2.yaml: CUE and COE); its `title`
 * heads the results. See src/erg/sl_erg_scatter.c. */
#include "core/sl_driver.h"
#include "erg/sl_erg_scatter.h"

int main(int argc, char **argv)
{
    sl_driver d;
    const char *title = "";
    sl_status st = sl_driver_begin(&d, argc, argv, "erg_scatter");
    if (st == SL_OK) st = sl_driver_title(&d, &title);
    if (st == SL_OK) st = sl_erg_scatter_main(&d, title);
    return sl_driver_end(&d, st);
}
