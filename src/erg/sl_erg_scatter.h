/* sl_erg_scatter.h — erg Figs. 1 and 2: eigenvalues of a few matrices of
 * given ensembles in the complex plane, for each construction.
 * Config: size (N), matrices, chunk_seed, ensembles [CUE, ...],
 * constructions [haar, bristol].
 * Rows: ev construction ensemble matrix re im;
 *       stats construction ensemble mean_abs min_abs max_abs */
#ifndef SL_ERG_SCATTER_H
#define SL_ERG_SCATTER_H

#include "../core/sl_driver.h"

sl_status sl_erg_scatter_main(sl_driver *d, const char *what);

#endif
