/* afr_fig2 — afr Fig. 2: the 10 post-training relevance scores λ̃ of the
 * correlated-Gaussians set over 10 realisations (a), against the flip
 * probability p (b; pairs must match, noise ≈ 0); beside them permutation
 * importance and mean |input gradient| on the same networks, with each
 * ranking's Spearman correlation to p. Body: src/afr/sl_afr_run.c.
 * A sweep: --task I/N, --merge, --plan (sl_task.h); a point is one
 * (penalty, realisation) training (src/afr/sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig2");
    if (st == SL_OK) st = sl_afr_gauss_figure(&d);
    return sl_driver_end(&d, st);
}
