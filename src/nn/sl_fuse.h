/* sl_fuse.h — internal to src/nn: the fused-linear-run plan, its FLOP model
 * and its passes (sl_net.h describes the algebra). */
#ifndef SL_FUSE_H
#define SL_FUSE_H

#include "sl_net.h"

/* Choose the runs (ws->fuse_hi/fuse_lo; ws->need_din must be set) and
 * allocate their buffers. */
sl_status sl_fuse_plan(sl_net_ws *ws, const sl_net *net, int batch, sl_fuse fuse);
/* Q_l and c of every fused run from the layers' current weights. */
void sl_fuse_refresh(const sl_net *net, sl_net_ws *ws);
/* z_hi = x Q_loᵀ + c, then hi's activation. */
void sl_fuse_forward(const sl_net *net, sl_net_ws *ws, int lo, int B);
/* Gradients of the run lo..hi from d = dL/dz_hi (B, m_hi) into g. */
void sl_fuse_backward(const sl_net *net, sl_net_ws *ws, int lo, int hi, const float *d, int B, float *g);
/* Free the run buffers. */
void sl_fuse_free(sl_net_ws *ws);

#endif
