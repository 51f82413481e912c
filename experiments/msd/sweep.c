/* msd_sweep — the msd network sweeps: test accuracy against the number of
 * trained parameters for spectral training of the destination eigenvalues,
 * direct training of as many random weights, direct training of all weights
 * and spectral training with eigenvectors, over a list of architectures
 * (Figs. 5, 6, 7), or over one training factor (config `factor`: batch
 * size, first-layer input eigenvalues, learning rate); inset: entries of
 * the retracted matrix A_c. Each figure is a config naming this driver
 * (experiments/msd/fig5.yaml, fig6, fig7, table1_batch, fig5_a1, fig7_a1,
 * fig5_lr, fig6_lr); its `title` heads the results. All in
 * src/msd/sl_sweep.c. */
#include "core/sl_driver.h"
#include "msd/sl_sweep.h"

int main(int argc, char **argv)
{
    sl_driver d;
    const char *title = "";
    sl_status st = sl_driver_begin(&d, argc, argv, "msd_sweep");
    if (st == SL_OK) st = sl_driver_title(&d, &title);
    if (st == SL_OK) st = sl_sweep_main(&d, title);
    return sl_driver_end(&d, st);
}
