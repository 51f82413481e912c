#include "sl_model.h"
#include "../core/sl_rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_model_run(sl_net *out, sl_mode mode, const sl_arch *arch,
                       const sl_train_opts *o, const sl_dataset *train,
                       const sl_dataset *test, uint64_t seed, uint64_t index,
                       sl_run_result *res)
{
    memset(res, 0, sizeof *res);
    double t0 = sl_now();
    gsl_rng *rs = sl_rng_new(sl_seed_derive(seed, SL_STREAM_SHUFFLE, index));
    sl_net net, ret;
    memset(&net, 0, sizeof net);
    memset(&ret, 0, sizeof ret);
    sl_status st = rs ? SL_OK : sl_fail(SL_ENOMEM, "random generators");
    if (st == SL_OK) st = sl_arch_init_net(&net, mode, arch, seed, index);
    if (st == SL_OK) {
        char label[96];
        snprintf(label, sizeof label, "%s #%llu", sl_mode_names[mode], (unsigned long long)index);
        sl_progress p;
        sl_progress_init(&p, label);
        res->n_trainable = net.n_trainable;
        sl_train_report rep;
        st = sl_train(&net, train, o, rs, &p, &rep);
        res->train_loss = rep.final_loss;
    }
    if (st == SL_OK) st = sl_evaluate(&net, test, 1000, &res->test_acc, &res->test_loss);
    if (st == SL_OK) st = sl_net_retract(&net, &ret);
    if (st == SL_OK) st = sl_evaluate(&ret, test, 1000, &res->retracted_acc, NULL);
    sl_net_free(&ret);
    if (st == SL_OK && out) *out = net;
    else sl_net_free(&net);
    gsl_rng_free(rs);
    res->wall_s = sl_now() - t0;
    return st;
}
