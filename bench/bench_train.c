/* bench_train — time sl_train alone (no data loading, no evaluation) for
 * one model of an msd config: `bench_train CONFIG.yaml MODE [REPEATS]`.
 * Prints "seconds <best of repeats>" and the test accuracy, so that
 * the bench scripts can set it beside the PyTorch baseline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_progress.h"
#include "core/sl_rng.h"
#include "nn/sl_model_config.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s CONFIG.yaml MODE [REPEATS]\n", argv[0]);
        return 2;
    }
    sl_driver d;
    char *args[2] = {argv[0], argv[1]};
    sl_status st = sl_driver_begin(&d, 2, args, "bench_train");
    if (st != SL_OK) return sl_driver_end(&d, st);
    int mode = -1;
    for (int i = 0; sl_mode_names[i]; i++)
        if (strcmp(argv[2], sl_mode_names[i]) == 0) mode = i;
    if (mode < 0) { fprintf(stderr, "unknown mode %s\n", argv[2]); return 2; }
    int repeats = argc > 3 ? atoi(argv[3]) : 3;
    sl_arch arch;
    sl_train_opts opts;
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    /* the bench reads only what it needs; other keys of the figure config are fine */
    if ((st = sl_arch_from_config(d.cfg, &arch)) || (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) || (st = sl_data_load(&data, &train, &test)))
        return sl_driver_end(&d, st);
    double best = 1e300, acc = 0;
    for (int r = 0; r < repeats && st == SL_OK; r++) {
        gsl_rng *ri = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, 0));
        gsl_rng *rs = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_SHUFFLE, 0));
        sl_net net;
        st = sl_model_build(&net, (sl_mode)mode, &arch, ri, ri);
        double t0 = sl_now();
        if (st == SL_OK) st = sl_train(&net, &train, &opts, rs, NULL, NULL);
        double t = sl_now() - t0;
        if (t < best) best = t;
        if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &acc, NULL);
        sl_net_free(&net);
        gsl_rng_free(ri);
        gsl_rng_free(rs);
    }
    if (st == SL_OK) printf("seconds %.4f\naccuracy %.4f\nthreads %d\n", best, acc, d.threads);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
