/* afr_gauss — afr Figs. 1 and 2: the post-training relevance scores λ̃ of
 * a Gaussian set over several realisations, against the class-mean gap
 * |Δμ| (Fig. 1, independent set) or the pair correlation p (Fig. 2,
 * correlated set); beside them permutation importance and mean |input
 * gradient| on the same networks, with each ranking's Spearman correlation.
 * Each figure is a config naming this driver (experiments/afr/fig1.yaml,
 * fig2.yaml, fig2_partial.yaml). Body: src/afr/sl_afr_run.c (rows listed
 * there). A sweep: --task I/N, --merge, --plan (sl_task.h); a point is one
 * (penalty, realisation) training (src/afr/sl_afr_run.h). */
#include "afr/sl_afr_run.h"

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_gauss");
    if (st == SL_OK) st = sl_afr_gauss_figure(&d);
    return sl_driver_end(&d, st);
}
