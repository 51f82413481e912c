/* sl_bristol.h — the construction the erg paper's published numbers were
 * computed with (package `bristol`, IMPLEMENTATION-NOTES), as an
 * sl_construction (src/rmt/sl_circular.h):
 *   H = (A + iB + Aᵀ − iBᵀ)/2 with A, B uniform on [0, 1); U = eigenvectors
 *   of H (unit columns, phase fixed as numpy's eig does: largest component
 *   real) times phases e^{iθ_j}, θ_j uniform on [1, 2π) (numpy's uniform(2π)
 *   draws between 1 and 2π); COE = Uᵀ ∘ U and CSE = (J ∘ Uᵀ ∘ J) ∘ U,
 *   elementwise, so COE is not unitary and CSE has eigenvalues
 *   ±U_{2k,2k+1}U_{2k+1,2k}.
 * Eigenvalues: the bristol CSE is block-diagonal with 2×2 blocks
 * [[0, p], [p, 0]], its eigenvalues ±p are taken directly (tests check this
 * against zgeev); the CUE is unitary (sl_unitary_eigvals), the COE goes
 * through zgeev. */
#ifndef SL_BRISTOL_H
#define SL_BRISTOL_H

#include "../rmt/sl_circular.h"

extern const sl_construction sl_cons_bristol; /* "bristol" */

/* The erg drivers' config choice `constructions: [haar, bristol]`. */
extern const char *const sl_erg_construction_names[];         /* "haar", "bristol", NULL */
extern const sl_construction *const sl_erg_constructions[];   /* &sl_cons_haar, &sl_cons_bristol */

#endif
