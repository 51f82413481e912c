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
 * A sweep (sl_sweep_run.h: --task I/N, --merge, --plan): a point is one training,
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
#include "core/sl_sweep_run.h"
#include "linalg/sl_spec.h"
#include "ops/sl_ops.h"

#define MAX_BOUNDS 32

typedef struct {
    const sl_driver *d;
    sl_ops_setup o;
    size_t n_b;
    double bounds[MAX_BOUNDS];
} constraint;

/* point p = (mode m, bound b), p = m · (bounds + 1) + b; b = bounds: unbounded */
static sl_status point(void *ctx, size_t p, FILE *f)
{
    constraint *q = ctx;
    const size_t nb1 = q->n_b + 1, m = p / nb1, b = p % nb1;
    const double s = b < q->n_b ? q->bounds[b] : 0;
    const char *mn = sl_mode_names[q->o.modes[m]];
    SL_TRY(sl_ops_setup_load(&q->o));
    const size_t big = sl_ops_matrix_size(&q->o.arch);
    double *buf = malloc(big * sizeof *buf), *sv = malloc(big * sizeof *sv);
    if (!buf || !sv) { free(buf); free(sv); return sl_fail(SL_ENOMEM, "buffers"); }
    sl_net net;
    gsl_rng *rs = NULL;
    sl_status st = sl_ops_build(&net, &rs, q->o.modes[m], &q->o.arch, q->d->seed, 0);
    if (st != SL_OK) { free(buf); free(sv); return st; }
    sl_clip clip = {0};
    sl_train_opts o = q->o.opts;
    if (s > 0) {
        st = sl_clip_alloc(&clip, &net, s);
        if (st == SL_OK) st = sl_clip_apply(&clip, &net);   /* the start obeys the bound too */
        o.after_step = sl_clip_hook;
        o.hook_ctx = &clip;
    }
    char label[64];
    snprintf(label, sizeof label, "%s s=%g", mn, s);
    sl_progress pr;
    sl_progress_init(&pr, label);
    if (st == SL_OK) st = sl_train(&net, &q->o.train, &o, rs, &pr, NULL);
    double acc = 0, loss = 0, norms[SL_MAX_LAYERS];
    if (st == SL_OK) st = sl_evaluate(&net, &q->o.test, 1000, &acc, &loss);
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
    if (st == SL_OK) st = sl_svd_values(buf, net.layers[net.n_layers - 1].n_out, q->o.arch.dims[0], sv);
    if (st == SL_OK) sl_task_rec_row(f, "lin %s %g %.6g", mn, s, sv[0]);
    /* expressivity apart from training: the free network moved into each bound */
    float *keep = s == 0 && st == SL_OK ? malloc(net.n_params * sizeof *keep) : NULL;
    if (s == 0 && st == SL_OK && !keep) st = sl_fail(SL_ENOMEM, "parameter copy");
    if (keep) memcpy(keep, net.params, net.n_params * sizeof *keep);
    for (size_t k = 0; keep && st == SL_OK && k < q->n_b; k++) {
        double scale, racc;
        memcpy(net.params, keep, net.n_params * sizeof *keep);
        st = sl_ops_rescale(&net, q->bounds[k], &scale);
        if (st == SL_OK) st = sl_evaluate(&net, &q->o.test, 1000, &racc, NULL);
        if (st == SL_OK) sl_task_rec_row(f, "rescaled %s %g %.4f %.6g", mn, q->bounds[k], racc, scale);
    }
    free(keep);
    sl_clip_free(&clip);
    gsl_rng_free(rs);
    sl_net_free(&net);
    free(buf);
    free(sv);
    return st;
}

static sl_status header(void *ctx, const sl_task *t, sl_results *r)
{
    const constraint *q = ctx;
    const sl_arch *a = &q->o.arch;
    sl_results_comment(r, "ops constraint: msd Fig. 7 network %d -> %d -> %d -> %d, %d epochs, batch %d, %s lr %g; "
                          "projection after every step (s = 0: no bound)",
                       a->dims[0], a->dims[1], a->dims[2], a->dims[3], q->o.opts.epochs, q->o.opts.batch,
                       sl_optim_names[q->o.opts.optimiser], (double)q->o.opts.lr);
    sl_results_comment(r, "columns (run): run mode s test_acc test_loss steps   (steps: projection calls)");
    sl_results_comment(r, "columns (layer): layer mode s l achieved_norm2 guaranteed_bound clipped_steps");
    sl_results_comment(r, "  guaranteed_bound: spectral |phi|_2 (r_in + r_out); dense min(power-iteration sigma, s); s = 0: achieved");
    sl_results_comment(r, "columns (lin): lin mode s norm2   (norm2 of W3 W2 W1, ReLU as identity)");
    sl_results_comment(r, "columns (rescaled): rescaled mode s test_acc scale   (the unbounded network moved into s: same argmax)");
    sl_results_comment(r, "columns (bound): bound mode max_ratio   (largest achieved norm / s over the bounded runs)");
    return SL_OK;
}

/* each mode's recorded rows, then its bound row from the recorded norms */
static sl_status rows(void *ctx, const sl_task *t, sl_results *r)
{
    const constraint *q = ctx;
    const size_t nb1 = q->n_b + 1;
    for (size_t m = 0; m < q->o.n_modes; m++) {
        double max_ratio = 0, norms[SL_MAX_LAYERS];
        for (size_t b = 0; b <= q->n_b; b++) {
            const double s = b < q->n_b ? q->bounds[b] : 0;
            SL_TRY(sl_task_replay(t, m * nb1 + b, r));
            SL_TRY(sl_task_get_doubles(t, m * nb1 + b, "norms", norms, (size_t)q->o.arch.n_layers));
            for (int l = 0; s > 0 && l < q->o.arch.n_layers; l++)
                if (!(norms[l] / s <= max_ratio)) max_ratio = norms[l] / s;
        }
        sl_results_row(r, "bound %s %.9g", sl_mode_names[q->o.modes[m]], max_ratio);
    }
    return SL_OK;
}

static const sl_key_doc docs[] = {
    {"bounds", "spectral-norm bounds s swept: every layer kept at ||W||_2 <= s during training"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_sweep_begin(&d, argc, argv, "ops_constraint");
    if (st != SL_OK) return sl_driver_end(&d, st);
    constraint q = {.d = &d};
    sl_config_docs(d.cfg, docs);
    if ((st = sl_ops_setup_read(d.cfg, &q.o)) ||
        (st = sl_config_double_list(d.cfg, "bounds", 1e-6, 1e6, q.bounds, MAX_BOUNDS, &q.n_b)) ||
        (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    /* the points: (mode m, bound b), b = n_b the unbounded run */
    const size_t nb1 = q.n_b + 1, P = q.o.n_modes * nb1;
    double cost[4 * (MAX_BOUNDS + 1)], w = 0;
    for (int l = 0; l < q.o.arch.n_layers; l++) w += (double)q.o.arch.dims[l] * q.o.arch.dims[l + 1];
    const double n_train = q.o.data.train_limit > 0 && q.o.data.train_limit < 60000 ? (double)q.o.data.train_limit : 60000;
    for (size_t p = 0; p < P; p++)
        cost[p] = w * (3 * n_train * q.o.opts.epochs + 10000.0 * (1 + (p % nb1 == q.n_b ? (double)q.n_b : 0)));
    char seeds[64];
    snprintf(seeds, sizeof seeds, "base %llu, run 0 for every mode and bound", (unsigned long long)d.seed);
    const sl_sweep_spec spec = {.n_points = P, .cost = cost, .seeds = seeds, .ctx = &q,
                                .compute = point, .header = header, .rows = rows};
    st = sl_sweep_run(&d, &spec);
    sl_ops_setup_free(&q.o);
    return sl_driver_end(&d, st);
}
