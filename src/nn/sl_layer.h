/* sl_layer.h — forward/backward of the layer operations, as free functions.
 *
 * Conventions (llm.c style): row-major float32, a batch of B examples is a
 * (B, n) matrix; nothing here allocates; gradients of parameters accumulate
 * with += (the caller zeroes them once per step); shapes are in comments.
 *
 * The spectral layer (msd, Eq. 1 and IMPLEMENTATION-NOTES): between a layer
 * of n nodes and one of m nodes, Φ = [[I_n, 0], [φ, I_m]], Λ = diag(λ_in,
 * λ_out) and A = Φ Λ Φ⁻¹ with Φ⁻¹ = 2I − Φ. The block of A that maps layer
 * to layer is
 *     W_ji = φ_ji (λ_in,i − λ_out,j)          (j < m, i < n)
 * so the forward pass is a dense product with this effective W. */
#ifndef SL_LAYER_H
#define SL_LAYER_H

#include <stddef.h>

typedef enum { SL_ACT_IDENTITY = 0, SL_ACT_RELU, SL_ACT_TANH, SL_ACT_ELU } sl_act;
extern const char *const sl_act_names[]; /* "identity", "relu", "tanh", "elu", NULL */

/* w (m, n) = φ ⊙ (λ_in[i] − λ_out[j]); φ (m, n), λ_in (n), λ_out (m). */
void sl_spectral_weights(float *w, const float *phi, const float *lambda_in,
                         const float *lambda_out, int n, int m);

/* Chain rule from dL/dW (m, n) to the spectral parameters; accumulates:
 *   dφ_ji   += dW_ji (λ_in,i − λ_out,j)
 *   dλ_in,i += Σ_j dW_ji φ_ji
 *   dλ_out,j −= Σ_i dW_ji φ_ji
 * Any output pointer may be NULL (that group is frozen). */
void sl_spectral_backward(float *dphi, float *dlambda_in, float *dlambda_out,
                          const float *dw, const float *phi, const float *lambda_in,
                          const float *lambda_out, int n, int m);

/* out (B, m) = in (B, n) · wᵀ (n, m) + b (m); b may be NULL. */
void sl_linear_forward(float *out, const float *in, const float *w, const float *b,
                       int B, int n, int m);

/* Given dout (B, m) = dL/dout:
 *   dw (m, n) (+)= doutᵀ · in   (accumulate if accumulate_dw, else overwrite)
 *   db (m)    += Σ_b dout
 *   din (B, n) = dout · w        (overwritten)
 * dw, db, din may each be NULL to skip that product. */
void sl_linear_backward(float *din, float *dw, float *db, const float *dout,
                        const float *in, const float *w, int B, int n, int m,
                        int accumulate_dw);

/* y = f(x) in place on n values. ELU: f(x) = x (x > 0), eˣ − 1 (x ≤ 0),
 * α = 1 (Keras' default). ELU and tanh without libm, within 0.500003 and
 * 0.500007 ulp of the exact values (sl_layer.c), the same bits on every
 * x86-64 CPU. */
void sl_act_forward(float *x, size_t n, sl_act act);

/* ELU or tanh in place on n values by one version of its loop (isa 0: the
 * baseline, 1: AVX2, 2: AVX-512F; sl_act_forward runs the best the CPU
 * has), so that a test can compare their bits. 0, or −1 (x untouched) for
 * another act or an isa this CPU lacks. */
int sl_act_version(float *x, size_t n, sl_act act, int isa);
/* dx *= f'(x) expressed through y = f(x): ReLU 1[y>0], tanh 1 − y², ELU 1 (y > 0) or y + 1. */
void sl_act_backward(float *dx, const float *y, size_t n, sl_act act);

#endif
