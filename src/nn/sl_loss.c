#include "sl_loss.h"

#include <math.h>

const char *const sl_loss_names[] = {"softmax_xent", "mse", NULL};

double sl_loss_softmax_xent(float *probs, float *dlogits, const float *logits,
                       const int *labels, int B, int C)
{
    double loss = 0;
    const float invB = 1.0f / (float)B;
    for (int b = 0; b < B; b++) {
        const float *z = logits + (size_t)b * C;
        float *p = probs + (size_t)b * C;
        float zmax = z[0];
        for (int c = 1; c < C; c++) zmax = z[c] > zmax ? z[c] : zmax;
        double s = 0;
        for (int c = 0; c < C; c++) s += (double)(p[c] = expf(z[c] - zmax));
        const float inv = (float)(1.0 / s);
        for (int c = 0; c < C; c++) p[c] *= inv;
        /* log p_y computed from the logits: accurate even when p_y underflows */
        loss -= (double)(z[labels[b]] - zmax) - log(s);
        if (dlogits) {
            float *d = dlogits + (size_t)b * C;
            for (int c = 0; c < C; c++) d[c] = p[c] * invB;
            d[labels[b]] -= invB;
        }
    }
    return loss / B;
}

double sl_loss_mse(float *dout, const float *out, const float *targets, const int *labels, int B, int C)
{
    double loss = 0;
    const float scale = 2.0f / ((float)B * (float)C);
    for (int b = 0; b < B; b++)
        for (int c = 0; c < C; c++) {
            const size_t i = (size_t)b * (size_t)C + (size_t)c;
            const float t = targets ? targets[i] : (float)(labels[b] == c);
            const float e = out[i] - t;
            loss += (double)e * e;
            if (dout) dout[i] = scale * e;
        }
    return loss / ((double)B * C);
}

double sl_loss_eval(const sl_loss *loss, const float *out, const sl_loss_batch *y, int B, int C,
                    float *scratch, float *dout)
{
    switch (loss->kind) {
    case SL_LOSS_SOFTMAX_XENT: return sl_loss_softmax_xent(scratch, dout, out, y->labels, B, C);
    case SL_LOSS_MSE: return sl_loss_mse(dout, out, y->targets, y->labels, B, C);
    case SL_LOSS_CUSTOM: return loss->fn(loss->ctx, out, y, B, C, scratch, dout);
    }
    return NAN;
}
