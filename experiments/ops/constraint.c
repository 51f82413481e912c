/* ops_constraint — ops essay: "bounded spectral norm … is a hard
 * constraint, not a soft bias". The msd Fig. 7 network 784 → N2 (linear) →
 * 120 (ReLU) → 10 trained with every layer's spectral norm held to a bound s
 * after every optimiser step (src/ops/sl_ops.h: dense layers by power
 * iteration and rescaling; spectral layers by clamping their destination
 * eigenvalues so that ‖φ‖₂ (r_in + r_out) ≤ s), for each s of `bounds`, and
 * without a bound (s = 0 in the rows). After training: test accuracy, and
 * for each layer the achieved ‖W‖₂ (SVD) beside the guaranteed bound, and
 * the norm of the whole linearised network W3·W2·W1 (its bound is s³).
 * Rows:
 *   run   mode s test_acc test_loss steps   (steps: projection calls)
 *   layer mode s l achieved_norm2 guaranteed_bound clipped_steps
 *   lin   mode s norm2
 *   rescaled mode s test_acc scale  (the unbounded network rescaled into s after training,
 *                                    sl_ops_rescale: same argmax, outputs times `scale`)
 *   bound mode max_ratio            (largest achieved ‖W_l‖₂ / s over every bounded run and layer)
 *
 * A sweep (sl_task.h: --task I/N, --merge, --plan): a point is one training,
 * (mode, s), p = mode · (bounds + 1) + b (b = bounds: the unbounded run); its
 * record is its rows as written plus each layer's achieved ‖W_l‖₂ (%.17g)
 * for the bound rows, and the results file is built from the records. Each
 * run's streams are those of (seed, 0): the same initial network for every
 * bound. Cost estimate: multiply-adds of the weights, 3 per training
 * example and epoch, plus a test-set pass per evaluation (the unbounded run
 * also evaluates its rescaled copies); the image counts are MNIST's
 * (60000, or data.train_limit; 10000). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_task.h"
#include "linalg/sl_spec.h"
#include "msd/sl_model_config.h"
#include "ops/sl_ops.h"

#define MAX_BOUNDS 32

static const sl_key_doc docs[] = {
    {"bounds", "spectral-norm bounds s swept: every layer kept at ||W||_2 <= s during training"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "ops_constraint");
    if (st != SL_OK) return sl_driver_end(&d, st);
    d.task.sweep = 1;   /* its points can be sliced: --task, --merge, --plan */
    sl_arch arch;
    sl_train_opts opts;
    sl_mode modes[4];
    size_t n_modes = 0, n_b = 0;
    double bounds[MAX_BOUNDS];
    sl_data_spec data;
    sl_dataset train = {0}, test = {0};
    sl_results *r = NULL;
    double *buf = NULL, *sv = NULL, *cost = NULL;
    sl_task t = {0};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_arch_from_config(d.cfg, &arch)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) ||
        (st = sl_modes_from_config(d.cfg, "modes", modes, 4, &n_modes)) ||
        (st = sl_config_double_list(d.cfg, "bounds", 1e-6, 1e6, bounds, MAX_BOUNDS, &n_b)) ||
        (st = sl_data_spec_from_config(d.cfg, &data)) ||
        (st = sl_driver_config_done(&d)))
        goto done;
    /* the points: (mode m, bound b), b = n_b the unbounded run */
    const size_t nb1 = n_b + 1, P = n_modes * nb1;
    if (!(cost = malloc(P * sizeof *cost))) { st = sl_fail(SL_ENOMEM, "costs"); goto done; }
    {
        double w = 0;
        for (int l = 0; l < arch.n_layers; l++) w += (double)arch.dims[l] * arch.dims[l + 1];
        const double n_train = data.train_limit > 0 && data.train_limit < 60000 ? (double)data.train_limit : 60000;
        for (size_t p = 0; p < P; p++)
            cost[p] = w * (3 * n_train * opts.epochs + 10000.0 * (1 + (p % nb1 == n_b ? (double)n_b : 0)));
    }
    if ((st = sl_task_init(&t, &d, P, cost))) goto done;
    int any = 0;
    for (size_t p = 0; p < P; p++) any |= sl_task_mine(&t, p);
    if (any && (st = sl_data_load(&data, &train, &test))) goto done;
    size_t big = 0;
    for (int l = 0; l < arch.n_layers; l++) {
        size_t a = (size_t)arch.dims[l + 1] * (size_t)arch.dims[l], b = (size_t)arch.dims[l + 1] * (size_t)arch.dims[0];
        if (a > big) big = a;
        if (b > big) big = b;
    }
    buf = malloc(big * sizeof *buf);
    sv = malloc(big * sizeof *sv);
    if (!buf || !sv) { st = sl_fail(SL_ENOMEM, "buffers"); goto done; }
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, run 0 for every mode and bound", (unsigned long long)d.seed);
    for (size_t m = 0; st == SL_OK && m < n_modes; m++) {
        for (size_t b = 0; st == SL_OK && b <= n_b; b++) {
            if (!sl_task_mine(&t, m * nb1 + b)) continue;
            const double s = b < n_b ? bounds[b] : 0;
            const char *mn = sl_mode_names[modes[m]];
            sl_net net;
            gsl_rng *rs = NULL;
            if ((st = sl_ops_build(&net, &rs, modes[m], &arch, d.seed, 0))) break;
            sl_clip clip = {0};
            sl_train_opts o = opts;
            if (s > 0) {
                st = sl_clip_alloc(&clip, &net, s);
                if (st == SL_OK) st = sl_clip_apply(&clip, &net);   /* the start obeys the bound too */
                o.after_step = sl_clip_hook;
                o.hook_ctx = &clip;
            }
            char label[64];
            snprintf(label, sizeof label, "%s s=%g", mn, s);
            sl_progress p;
            sl_progress_init(&p, label);
            if (st == SL_OK) st = sl_train(&net, &train, &o, rs, &p, NULL);
            double acc = 0, loss = 0, norms[SL_MAX_LAYERS];
            FILE *f = NULL;
            if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &acc, &loss);
            if (st == SL_OK && !(f = sl_task_record_open(&t, m * nb1 + b))) st = sl_fail(SL_ENOMEM, "record");
            if (st == SL_OK) {
                sl_task_rec_row(f, "run %s %g %.4f %.5f %ld", mn, s, acc, loss, clip.calls);
                fprintf(stderr, "%s: test accuracy %.2f%%\n", label, 100 * acc);
            }
            for (int l = 0; st == SL_OK && l < net.n_layers; l++) {
                const sl_layer *L = &net.layers[l];
                st = sl_ops_layer_matrix(&net, l, buf);
                if (st == SL_OK) st = sl_svd_values(buf, L->n_out, L->n_in, sv);
                if (st == SL_OK)
                    sl_task_rec_row(f, "layer %s %g %d %.6g %.6g %ld", mn, s, l + 1, sv[0], s > 0 ? clip.bound[l] : sv[0],
                                    s > 0 ? clip.clipped[l] : 0);
                norms[l] = sv[0];
            }
            if (st == SL_OK) sl_task_put_doubles(f, "norms", norms, (size_t)net.n_layers);
            if (st == SL_OK) st = sl_ops_product(&net, 0, net.n_layers - 1, buf);
            if (st == SL_OK) st = sl_svd_values(buf, net.layers[net.n_layers - 1].n_out, arch.dims[0], sv);
            if (st == SL_OK) sl_task_rec_row(f, "lin %s %g %.6g", mn, s, sv[0]);
            /* expressivity apart from training: the free network moved into each bound */
            float *keep = s == 0 && st == SL_OK ? malloc(net.n_params * sizeof *keep) : NULL;
            if (s == 0 && st == SL_OK && !keep) st = sl_fail(SL_ENOMEM, "parameter copy");
            if (keep) memcpy(keep, net.params, net.n_params * sizeof *keep);
            for (size_t q = 0; keep && st == SL_OK && q < n_b; q++) {
                double scale, racc;
                memcpy(net.params, keep, net.n_params * sizeof *keep);
                st = sl_ops_rescale(&net, bounds[q], &scale);
                if (st == SL_OK) st = sl_evaluate(&net, &test, 1000, &racc, NULL);
                if (st == SL_OK) sl_task_rec_row(f, "rescaled %s %g %.4f %.6g", mn, bounds[q], racc, scale);
            }
            if (f) {
                const sl_status cs = sl_task_record_close(&t);
                if (st == SL_OK) st = cs;
            }
            free(keep);
            sl_clip_free(&clip);
            gsl_rng_free(rs);
            sl_net_free(&net);
        }
    }
    int finalise = 0;
    if (st == SL_OK) st = sl_task_collect(&t, seeds, &finalise);
    if (st != SL_OK || !finalise) goto done;

    /* finalise: the rows from the records alone, in a whole run as in a merge */
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds))) goto done;
    sl_results_comment(r, "ops constraint: msd Fig. 7 network %d -> %d -> %d -> %d, %d epochs, batch %d, %s lr %g; "
                          "projection after every step (s = 0: no bound)",
                       arch.dims[0], arch.dims[1], arch.dims[2], arch.dims[3], opts.epochs, opts.batch,
                       sl_optim_names[opts.optimiser], (double)opts.lr);
    sl_results_comment(r, "columns (run): run mode s test_acc test_loss steps   (steps: projection calls)");
    sl_results_comment(r, "columns (layer): layer mode s l achieved_norm2 guaranteed_bound clipped_steps");
    sl_results_comment(r, "  guaranteed_bound: spectral |phi|_2 (r_in + r_out); dense min(power-iteration sigma, s); s = 0: achieved");
    sl_results_comment(r, "columns (lin): lin mode s norm2   (norm2 of W3 W2 W1, ReLU as identity)");
    sl_results_comment(r, "columns (rescaled): rescaled mode s test_acc scale   (the unbounded network moved into s: same argmax)");
    sl_results_comment(r, "columns (bound): bound mode max_ratio   (largest achieved norm / s over the bounded runs)");
    {
        char prov[256];
        sl_task_provenance(&t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
    }
    for (size_t m = 0; st == SL_OK && m < n_modes; m++) {
        double max_ratio = 0, norms[SL_MAX_LAYERS];
        for (size_t b = 0; st == SL_OK && b <= n_b; b++) {
            const double s = b < n_b ? bounds[b] : 0;
            if ((st = sl_task_replay(&t, m * nb1 + b, r))) break;
            if ((st = sl_task_get_doubles(&t, m * nb1 + b, "norms", norms, (size_t)arch.n_layers))) break;
            for (int l = 0; s > 0 && l < arch.n_layers; l++)
                if (!(norms[l] / s <= max_ratio)) max_ratio = norms[l] / s;
        }
        if (st == SL_OK) sl_results_row(r, "bound %s %.9g", sl_mode_names[modes[m]], max_ratio);
    }
    if (st == SL_OK) { st = sl_results_commit(r); r = NULL; }
done:
    free(buf); free(sv); free(cost);
    sl_results_discard(r);
    sl_task_free(&t);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
