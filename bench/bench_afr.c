/* bench_afr — seconds per training epoch of the afr MNIST 0/1 network
 * (experiments/afr/fig3.yaml: 784-100-100-50-2 all spectral, λ_in and φ
 * trained, L2, Adam, batch 32) on the 90 % training part, best of N epochs
 * after one warm-up. Usage: bench_afr CONFIG [EPOCHS]. Prints
 * "seconds <s>", "steps <n>", and for the floor (bench/afr.sh) "gemm_flops
 * <f>" (an epoch's GEMM FLOPs: forward, weight gradients, and input
 * gradients of every layer but the first, 2·n_in·n_out each per example)
 * and "opt_bytes <b>" (one pass per step over the trainable parameters,
 * one float each: the yardstick, about 0.05 s in all on the EPYC;
 * Adam itself moves 7 floats per parameter — θ, g, m, v read, θ, m, v
 * written — but its 2.6 MB per step stay in cache), and "shape <examples>
 * <batch> <widths...>" (the arguments of bench/gemm_shapes, which times
 * these products alone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "afr/sl_afr_config.h"
#include "core/sl_config.h"
#include "core/sl_progress.h"
#include "core/sl_rng.h"
#include "core/sl_fpmode.h"
#include "nn/sl_train.h"

int main(int argc, char **argv)
{
    sl_blas_init(argv); /* as the drivers: pinned kernels, single-threaded BLAS */
    sl_mem_init();      /* as the drivers: freed buffers stay with the process */
    if (argc < 2) { fprintf(stderr, "usage: bench_afr CONFIG [EPOCHS]\n"); return 2; }
    const int E = argc > 2 ? atoi(argv[2]) : 3;
    sl_config *cfg = NULL;
    sl_afr_arch arch;
    sl_train_opts o;
    sl_data_spec data;
    sl_dataset tr = {0}, te = {0}, sel = {0}, a = {0}, b = {0};
    const int cls[2] = {0, 1};
    sl_net net;
    sl_status st = sl_config_load(&cfg, argv[1]);
    if (!st) st = sl_afr_arch_from_config(cfg, &arch);
    if (!st) st = sl_train_opts_from_config(cfg, &o);
    if (!st) st = sl_data_spec_from_config(cfg, &data);
    if (!st) st = sl_data_load(&data, &tr, &te);
    if (!st) st = sl_dataset_select_classes(&sel, &tr, cls, 2);
    if (!st) st = sl_dataset_split(&sel, sel.n / 10, NULL, &a, &b);
    gsl_rng *r = sl_rng_new(1), *s = sl_rng_new(2);
    if (!st) st = sl_afr_build(&net, &arch, r);
    if (st) { fprintf(stderr, "bench_afr: %s\n", sl_errmsg()); return 1; }
    o.epochs = 1;
    double best = 1e30;
    for (int e = 0; e <= E && !st; e++) {
        double t0 = sl_now();
        sl_fpmode fp = sl_fp_flush_begin(); /* as sl_afr_run trains */
        st = sl_train(&net, &a, &o, s, NULL, NULL);
        sl_fp_restore(fp);
        double t = sl_now() - t0;
        if (e > 0 && t < best) best = t;
    }
    if (st) { fprintf(stderr, "bench_afr: %s\n", sl_errmsg()); return 1; }
    const size_t steps = (a.n + (size_t)o.batch - 1) / (size_t)o.batch;
    double per_example = 0;
    for (int l = 0; l < net.n_layers; l++)
        per_example += (l > 0 ? 3.0 : 2.0) * 2.0 * net.layers[l].n_in * net.layers[l].n_out;
    printf("seconds %.4f\nsteps %zu\n", best, steps);
    printf("gemm_flops %.6g\nopt_bytes %.6g\n", per_example * (double)a.n,
           (double)sizeof(float) * (double)net.n_trainable * (double)steps);
    printf("shape %zu %d %d", a.n, o.batch, net.layers[0].n_in);
    for (int l = 0; l < net.n_layers; l++) printf(" %d", net.layers[l].n_out);
    printf("\n");
    sl_net_free(&net);
    gsl_rng_free(r); gsl_rng_free(s);
    sl_dataset_free(&tr); sl_dataset_free(&te); sl_dataset_free(&sel); sl_dataset_free(&a); sl_dataset_free(&b);
    sl_config_free(cfg);
    return 0;
}
