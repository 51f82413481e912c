/* sl_snet_trace.h — SpectralNet's training followed epoch by epoch (nne
 * thesis Figs. 3.14, 3.15): an sl_snet_epoch_fn that records the mean
 * training loss and the principal angles between the span of the current
 * embedding q (n, k) and up to two reference subspaces — the exact
 * eigenfunctions (1, cos θ, sin θ, … on the circle) and the diffusion
 * map's eigenvectors (the thesis' Fig. 3.15 compares with datafold's).
 * Both Grassmann forms are kept: geodesic √Σθ² (the thesis' formula) and
 * Σ sin²θ (SpectralNet's code). */
#ifndef SL_SNET_TRACE_H
#define SL_SNET_TRACE_H

#include "../core/sl_error.h"
#include "../linalg/sl_subspace.h"

enum { SL_SNET_TRACE_REFS = 2 };

typedef struct {
    int n, k, cap, count;
    const double *ref[SL_SNET_TRACE_REFS]; /* (n, k) column-major each, borrowed; ref[1] may be NULL */
    sl_subspace_ws ws;
    int *epoch;                            /* (cap) 1-based epoch of record i */
    double *loss;                          /* (cap) mean training loss of that epoch */
    double *geodesic, *sin2;               /* (cap, SL_SNET_TRACE_REFS) row-major; NaN without a reference */
} sl_snet_trace;

/* Room for max_epochs records of k-dimensional embeddings of n points;
 * ref0 (required) and ref1 (or NULL) stay owned by the caller and must
 * outlive the trace. SL_EINVAL on bad sizes, SL_ENOMEM. */
sl_status sl_snet_trace_alloc(sl_snet_trace *t, int n, int k, int max_epochs, const double *ref0, const double *ref1);
void sl_snet_trace_free(sl_snet_trace *t); /* NULL-safe */

/* sl_snet_epoch_fn: ctx is an sl_snet_trace; q (n, k) column-major.
 * Appends one record; SL_EINVAL beyond max_epochs, SL_ENUMERIC if q is
 * rank deficient. */
sl_status sl_snet_trace_epoch(void *ctx, int epoch, double loss, const double *q);

#endif
