/* sl_model.h — one msd run: a network of the four training modes
 * (src/nn/sl_arch.h) trained, evaluated, retracted (the paper's collapse of
 * linear layers into one) and evaluated again. */
#ifndef SL_MODEL_H
#define SL_MODEL_H

#include "../core/sl_error.h"
#include "../data/sl_dataset.h"
#include "../nn/sl_arch.h"
#include "../nn/sl_net.h"
#include "../nn/sl_train.h"

/* One complete run: build `mode` on arch with the streams derived from
 * (seed, index) (sl_arch_init_net), train, evaluate on test, retract and
 * evaluate again. */
typedef struct {
    double test_acc, test_loss;   /* extended network on the test set          */
    double retracted_acc;         /* the retracted network on the test set      */
    double train_loss;            /* mean loss over the last epoch              */
    size_t n_trainable;
    double wall_s;
} sl_run_result;

/* If net is not NULL it receives the trained network (caller frees). */
sl_status sl_model_run(sl_net *net, sl_mode mode, const sl_arch *arch,
                       const sl_train_opts *o, const sl_dataset *train,
                       const sl_dataset *test, uint64_t seed, uint64_t index,
                       sl_run_result *res);

#endif
