/* sl_sweep_run.h — the one skeleton of every sweep driver: cost estimates →
 * slicing (sl_task.h: --task I/N, --merge, --plan) → compute and record this
 * process's points → collect (a partial under --task) → the results file,
 * built from the records alone (header, provenance line, rows), committed
 * atomically.
 *
 *   st = sl_sweep_begin(&d, argc, argv, "erg_fig3");   (or d.task.sweep = 1
 *                                  before sl_driver_config_done)
 *   … read the keys, sl_driver_config_done(&d) …
 *   sl_sweep_spec s = {.n_points = P, .cost = cost, .seeds = seeds, .ctx = &c,
 *                      .prepare = load_data, .compute = one_point, .header = head};
 *   st = sl_sweep_run(&d, &s);
 *
 * The records are the only way numbers reach the results file, in a whole
 * run as in a merge, so the merged data lines are the whole run's bit for
 * bit (each point's random streams depend only on the config and the point).
 *
 * Parallel sweeps (.parallel = 1): this process's points run d->threads at a
 * time, longest (cost) first, each with single-threaded BLAS; compute must
 * then be thread-safe (its own workspaces; shared inputs read-only). A
 * failure stops the points not yet started and the first failure in point
 * order is reported. Serial sweeps compute in .order (or 0, 1, …). Either
 * way SIGINT/SIGTERM between points stops the sweep with SL_EINTR; nothing
 * is written. */
#ifndef SL_SWEEP_RUN_H
#define SL_SWEEP_RUN_H

#include <stdio.h>
#include "sl_driver.h"
#include "sl_results.h"
#include "sl_task.h"

typedef struct {
    size_t n_points;
    const double *cost;    /* (n_points) estimates: the slicing's, and the parallel schedule's */
    const size_t *order;   /* (n_points) optional: the order a serial sweep computes in (NULL: 0, 1, …) */
    int parallel;          /* see above */
    const char *seeds;     /* the provenance's seeds text */
    void *ctx;             /* the driver's, passed to every callback */
    /* Optional: once, before the first point this process computes (never
     * in a merge or a plan): what every point shares (data sets, kernels). */
    sl_status (*prepare)(void *ctx);
    /* Point p: compute it and write its record to rec (sl_task.h's record
     * helpers, or fprintf lines: non-empty, each ending in '\n'). */
    sl_status (*compute)(void *ctx, size_t p, FILE *rec);
    /* The results file's header comments (before the provenance line),
     * from the records (sl_task_record, sl_task_get_doubles, …); may read
     * the records into ctx for rows. */
    sl_status (*header)(void *ctx, const sl_task *t, sl_results *r);
    /* Optional: the rows (and any later comments). NULL: every point's
     * recorded rows and comments in point order (sl_task_replay). */
    sl_status (*rows)(void *ctx, const sl_task *t, sl_results *r);
} sl_sweep_spec;

/* sl_driver_begin of a driver whose points can be sliced (--task, --merge,
 * --plan are accepted at sl_driver_config_done). */
sl_status sl_sweep_begin_src(sl_driver *d, int argc, char **argv, const char *name, const char *about,
                             const char *source_hash);
#define sl_sweep_begin(d, argc, argv, name) \
    sl_sweep_begin_src((d), (argc), (argv), (name), SL_DRIVER_ABOUT, SL_DRIVER_HASH)

/* Run the sweep and write d->output (or the partial, or the plan). On
 * failure nothing is written and the first failure's message is kept. */
sl_status sl_sweep_run(const sl_driver *d, const sl_sweep_spec *s);

#endif
