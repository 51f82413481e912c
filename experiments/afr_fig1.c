/* afr_fig1 — afr Fig. 1: the 20 post-training relevance scores λ̃ of the
 * independent-Gaussians set over 10 realisations (a), against the
 * class-mean gap |Δμ| (b); beside them permutation importance and mean
 * |input gradient| on the same networks, with each ranking's Spearman
 * correlation to |Δμ|. Body: src/afr/sl_afr_run.c (rows listed there).
 * A sweep: --task I/N, --merge, --plan (sl_task.h); a point is one
 * (penalty, realisation) training (src/afr/sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig1");
    if (st == SL_OK) st = sl_afr_gauss_figure(&d);
    return sl_driver_end(&d, st);
}
