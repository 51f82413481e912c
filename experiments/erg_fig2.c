/* erg_fig2 — erg Fig. 2: CUE (a) and COE (b) eigenvalues in the complex plane, for the Haar ensembles and the
 * published (bristol) construction side by side. See src/erg/sl_erg_scatter.c. */
#include "core/sl_driver.h"
#include "erg/sl_erg_scatter.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "erg_fig2");
    if (st == SL_OK) st = sl_erg_scatter_main(&d, "erg Fig. 2: CUE (a) and COE (b) eigenvalues in the complex plane");
    return sl_driver_end(&d, st);
}
