/* bench_train — time sl_train alone (no data loading, no evaluation) for
 * one model of an msd config, and count the matrix-product FLOPs that
 * training performs with the plan the trainer uses (fused linear runs or
 * layer by layer, sl_net_ws_step_flops) and layer by layer, as PyTorch
 * computes it: `bench_train CONFIG.yaml MODE [REPEATS]`. Prints
 * "seconds <best of REPEATS>", "gemm_flops", "gemm_flops_layerwise" (whole
 * training: epochs × epoch), "fused_runs", the test accuracy and threads,
 * for the bench scripts to set beside the PyTorch baseline, and "shape
 * <examples> <batch> <widths...>" (bench/gemm_shapes' arguments: the
 * products of one epoch alone). Only the keys it
 * needs are read: a figure's config with more keys is fine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_blas.h"
#include "core/sl_driver.h"
#include "core/sl_progress.h"
#include "core/sl_rng.h"
#include "cfg/sl_arch_config.h"

/* FLOPs of one epoch of sl_train: every batch is cut into `shards` parts,
 * each of which refreshes its products, runs forward and backward. */
static double epoch_flops(const sl_net *net, const sl_net_ws *ws, size_t n, const sl_train_opts *o)
{
    const int B = o->batch, S = o->shards < 1 ? 1 : o->shards > B ? B : o->shards;
    double f = 0;
    for (size_t b = 0; b * (size_t)B < n; b++) {
        const int Bb = (int)((b + 1) * (size_t)B <= n ? (size_t)B : n - b * (size_t)B);
        for (int s = 0; s < S; s++) {
            const int rows = (int)((long)Bb * (s + 1) / S - (long)Bb * s / S);
            if (rows) f += sl_net_ws_step_flops(net, ws, rows);
        }
    }
    return f;
}

/* Training FLOPs with the trainer's plan (*fused_plan, *fused_runs) and layer by layer (*layerwise). */
static sl_status count_flops(const sl_net *net, size_t n, const sl_train_opts *o, double *fused_plan,
                             int *fused_runs, double *layerwise)
{
    /* the plan sl_train makes: one workspace per shard of ceil(batch / shards) rows */
    const int S = o->shards < 1 ? 1 : o->shards, rows = (o->batch + S - 1) / S;
    sl_net_ws ws;
    SL_TRY(sl_net_ws_alloc_fused(&ws, net, rows, o->fuse));
    *fused_plan = o->epochs * epoch_flops(net, &ws, n, o);
    *fused_runs = sl_net_ws_fused_runs(&ws);
    sl_net_ws_free(&ws);
    SL_TRY(sl_net_ws_alloc(&ws, net, rows));
    *layerwise = o->epochs * epoch_flops(net, &ws, n, o);
    sl_net_ws_free(&ws);
    return SL_OK;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s CONFIG.yaml MODE [REPEATS]\n", argv[0]);
        return 2;
    }
    /* the BLAS policy first, with main's own argv: its re-exec (sl_blas.h)
     * must get MODE and REPEATS back, which the driver's args below lack */
    sl_blas_init(argv);
    sl_driver d;
    char *args[3] = {argv[0], argv[1], NULL};
    sl_status st = sl_driver_begin(&d, 2, args, "bench_train");
    if (st != SL_OK) return sl_driver_end(&d, st);
    int mode = -1;
    for (int i = 0; sl_mode_names[i]; i++)
        if (strcmp(argv[2], sl_mode_names[i]) == 0) mode = i;
    if (mode < 0) return sl_driver_end(&d, sl_fail(SL_EINVAL, "unknown mode %s", argv[2]));
    const int repeats = argc > 3 && atoi(argv[3]) > 0 ? atoi(argv[3]) : 3;
    sl_arch arch;
    sl_train_opts opts;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    if ((st = sl_arch_from_config(d.cfg, &arch)) || (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) || (st = sl_data_load(&data, &train, &test)))
        return sl_driver_end(&d, st);
    double best = 1e300, acc = 0, flops = 0, flops_layerwise = 0;
    int fused = 0;
    for (int r = 0; r < repeats && st == SL_OK; r++) {
        gsl_rng *ri = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, 0));
        gsl_rng *rm = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_MASK, 0));
        gsl_rng *rs = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_SHUFFLE, 0));
        sl_net net;
        memset(&net, 0, sizeof net);
        st = ri && rm && rs ? sl_arch_build(&net, (sl_mode)mode, &arch, ri, rm) : sl_fail(SL_ENOMEM, "rng");
        if (st == SL_OK && r == 0) st = count_flops(&net, train.n, &opts, &flops, &fused, &flops_layerwise);
        if (st == SL_OK) {
            double t0 = sl_now();
            st = sl_train(&net, &train, &opts, rs, NULL, NULL);
            double t = sl_now() - t0;
            if (t < best) best = t;
            if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &acc, NULL);
        }
        sl_net_free(&net);
        gsl_rng_free(ri);
        gsl_rng_free(rm);
        gsl_rng_free(rs);
    }
    if (st == SL_OK) {
        printf("seconds %.4f\ngemm_flops %.6g\ngemm_flops_layerwise %.6g\nfused_runs %d\naccuracy %.4f\nthreads %d\n",
               best, flops, flops_layerwise, fused, acc, d.threads);
        /* the arguments of bench/gemm_shapes for one epoch's products layer by layer */
        printf("shape %zu %d", train.n, opts.batch);
        for (int l = 0; l <= arch.n_layers; l++) printf(" %d", arch.dims[l]);
        printf("\n");
    }
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
