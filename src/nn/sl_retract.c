/* Retraction (msd Sec. II.A, Fig. 2b): runs of linear layers multiplied out
 * in double into single dense layers (sl_net.h). */
#include "sl_net.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_net_retract(const sl_net *src, sl_net *dst)
{
    memset(dst, 0, sizeof *dst);
    for (int l = 0; l < src->n_layers; l++)
        if (!sl_ops(&src->layers[l])->linear)
            return sl_fail(SL_EINVAL, "layer %d (%s) is not linear: the network cannot be retracted", l,
                           sl_ops(&src->layers[l])->name);
    sl_layer out[SL_MAX_LAYERS];
    int first[SL_MAX_LAYERS], nout = 0;
    for (int lo = 0; lo < src->n_layers; lo = sl_net_linear_run_end(src, lo) + 1) {
        const int hi = sl_net_linear_run_end(src, lo);
        sl_layer *o = &out[nout];
        first[nout++] = lo;
        memset(o, 0, sizeof *o);
        o->kind = SL_LAYER_DENSE;
        o->n_in = src->layers[lo].n_in;
        o->n_out = src->layers[hi].n_out;
        o->act = src->layers[hi].act;
        o->has_bias = 1;
    }
    SL_TRY(sl_net_alloc(dst, nout, out));

    /* Multiply each run out in double: A ← W_l A, c ← W_l c + b_l. */
    int maxw = 0;
    for (int l = 0; l < src->n_layers; l++) {
        if (src->layers[l].n_in > maxw) maxw = src->layers[l].n_in;
        if (src->layers[l].n_out > maxw) maxw = src->layers[l].n_out;
    }
    size_t sq = (size_t)maxw * (size_t)maxw;
    double *A = malloc(sq * sizeof(double)), *T = malloc(sq * sizeof(double));
    double *Wd = malloc(sq * sizeof(double));
    double *c = malloc((size_t)maxw * sizeof(double)), *ct = malloc((size_t)maxw * sizeof(double));
    float *w = malloc(sq * sizeof(float)), *b = malloc((size_t)maxw * sizeof(float));
    if (!A || !T || !Wd || !c || !ct || !w || !b) {
        free(A); free(T); free(Wd); free(c); free(ct); free(w); free(b);
        sl_net_free(dst);
        return sl_fail(SL_ENOMEM, "retraction workspace");
    }
    for (int k = 0; k < nout; k++) {
        int lo = first[k], hi = k + 1 < nout ? first[k + 1] : src->n_layers;
        int rows = 0, cols = src->layers[lo].n_in;
        for (int l = lo; l < hi; l++) {
            const sl_layer *L = &src->layers[l];
            sl_net_layer_weights(src, l, w, b);
            for (size_t i = 0; i < (size_t)L->n_in * (size_t)L->n_out; i++) Wd[i] = w[i];
            if (l == lo) {
                memcpy(A, Wd, (size_t)L->n_out * (size_t)L->n_in * sizeof(double));
                for (int j = 0; j < L->n_out; j++) c[j] = b[j];
            } else {
                /* T (n_out, cols) = W (n_out, n_in) · A (n_in, cols) */
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, L->n_out, cols, L->n_in,
                            1.0, Wd, L->n_in, A, cols, 0.0, T, cols);
                memcpy(A, T, (size_t)L->n_out * (size_t)cols * sizeof(double));
                cblas_dgemv(CblasRowMajor, CblasNoTrans, L->n_out, L->n_in, 1.0, Wd, L->n_in,
                            c, 1, 0.0, ct, 1);
                for (int j = 0; j < L->n_out; j++) c[j] = ct[j] + b[j];
            }
            rows = L->n_out;
        }
        const sl_layer *D = &dst->layers[k];
        float *dw = dst->params + D->goff[SL_GI_W], *db = dst->params + D->goff[SL_GI_BIAS];
        for (size_t i = 0; i < (size_t)rows * (size_t)cols; i++) dw[i] = (float)A[i];
        for (int j = 0; j < rows; j++) db[j] = (float)c[j];
    }
    free(A); free(T); free(Wd); free(c); free(ct); free(w); free(b);
    return SL_OK;
}
