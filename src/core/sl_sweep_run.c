#include "sl_sweep_run.h"
#include "sl_signal.h"

#include <stdlib.h>
#include <string.h>

/* One computed point: its record text, or its failure. */
typedef struct {
    char *text;
    size_t len;
    sl_status st;
    int ran;
    char err[512];
} point_out;

/* Point p into o: compute, record stream closed; never touches the sl_task,
 * so points may run side by side. */
static void compute_one(const sl_sweep_spec *s, size_t p, point_out *o)
{
    FILE *f = open_memstream(&o->text, &o->len);
    o->ran = 1;
    o->st = f ? s->compute(s->ctx, p, f) : sl_fail(SL_ENOMEM, "record of point %zu", p);
    if (f && fclose(f) && o->st == SL_OK) o->st = sl_fail(SL_ENOMEM, "record of point %zu", p);
    if (o->st == SL_OK && sl_signal_pending())
        o->st = sl_fail(SL_EINTR, "interrupted by signal %d after point %zu; no results written", sl_signal_pending(), p);
    if (o->st != SL_OK) snprintf(o->err, sizeof o->err, "%s", sl_errmsg());
}

typedef struct { double cost; size_t p; } by_cost_item;

/* Longest first; ties in point order, so the schedule is a function of the config. */
static int by_cost(const void *pa, const void *pb)
{
    const by_cost_item *a = pa, *b = pb;
    if (a->cost != b->cost) return a->cost < b->cost ? 1 : -1;
    return a->p < b->p ? -1 : a->p > b->p;
}

/* This process's points (mine, n_mine of them) computed into out. */
static sl_status compute_points(const sl_driver *d, const sl_sweep_spec *s, const size_t *mine, size_t n_mine,
                                point_out *out)
{
    if (!s->parallel) {
        for (size_t i = 0; i < n_mine; i++) {
            compute_one(s, mine[i], &out[mine[i]]);
            if (out[mine[i]].st != SL_OK) return sl_fail(out[mine[i]].st, "%s", out[mine[i]].err);
        }
        return SL_OK;
    }
    by_cost_item *q = malloc((n_mine ? n_mine : 1) * sizeof *q);
    if (!q) return sl_fail(SL_ENOMEM, "schedule of %zu points", n_mine);
    for (size_t i = 0; i < n_mine; i++) q[i] = (by_cost_item){s->cost[mine[i]], mine[i]};
    qsort(q, n_mine, sizeof *q, by_cost);
    const int nt = d->threads < 1 ? 1 : d->threads;
    int failed = 0;
    /* the points are the parallelism (BLAS is single-threaded for the whole process: sl_blas.h) */
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt)
    for (size_t i = 0; i < n_mine; i++) {
        int stop;
#pragma omp atomic read
        stop = failed;
        if (stop) continue;
        compute_one(s, q[i].p, &out[q[i].p]);
        if (out[q[i].p].st != SL_OK) {
#pragma omp atomic write
            failed = 1;
        }
    }
    free(q);
    for (size_t i = 0; i < n_mine && failed; i++)
        if (out[mine[i]].ran && out[mine[i]].st != SL_OK) return sl_fail(out[mine[i]].st, "%s", out[mine[i]].err);
    return SL_OK;
}

static sl_status finalise(const sl_driver *d, const sl_sweep_spec *s, const sl_task *t)
{
    sl_results *r = NULL;
    SL_TRY(sl_results_open(&r, d->output, d->name, sl_config_path(d->cfg), sl_config_hash(d->cfg), s->seeds));
    sl_status st = s->header(s->ctx, t, r);
    if (st == SL_OK) {
        char prov[256];
        sl_task_provenance(t, prov, sizeof prov);
        if (prov[0]) sl_results_comment(r, "%s", prov);
        if (s->rows) st = s->rows(s->ctx, t, r);
        for (size_t p = 0; !s->rows && st == SL_OK && p < s->n_points; p++) st = sl_task_replay(t, p, r);
    }
    if (st == SL_OK) {
        st = sl_results_commit(r);
        r = NULL;
    }
    sl_results_discard(r);
    return st;
}

sl_status sl_sweep_begin_src(sl_driver *d, int argc, char **argv, const char *name, const char *about,
                             const char *source_hash)
{
    const sl_status st = sl_driver_begin_src(d, argc, argv, name, about, source_hash);
    d->task.sweep = 1;
    return st;
}

sl_status sl_sweep_run(const sl_driver *d, const sl_sweep_spec *s)
{
    sl_task t = {0};
    const size_t P = s->n_points;
    size_t *mine = malloc((P ? P : 1) * sizeof *mine), n_mine = 0;
    point_out *out = calloc(P ? P : 1, sizeof *out);
    sl_status st = mine && out ? sl_task_init(&t, d, P, s->cost) : sl_fail(SL_ENOMEM, "sweep of %zu points", P);
    for (size_t i = 0; st == SL_OK && i < P; i++) {
        const size_t p = s->order ? s->order[i] : i;
        if (p >= P) st = sl_fail(SL_EINVAL, "sweep order: point %zu of %zu", p, P);
        else if (sl_task_mine(&t, p)) mine[n_mine++] = p;
    }
    if (st == SL_OK && n_mine && s->prepare) st = s->prepare(s->ctx);
    if (st == SL_OK) st = compute_points(d, s, mine, n_mine, out);
    /* the records, in point order */
    for (size_t p = 0; st == SL_OK && p < P; p++)
        if (out[p].ran) {
            st = sl_task_record_set(&t, p, out[p].text, out[p].len);
            out[p].text = NULL;
        }
    int fin = 0;
    if (st == SL_OK) st = sl_task_collect(&t, s->seeds, &fin);
    if (st == SL_OK && fin) st = finalise(d, s, &t);
    for (size_t p = 0; out && p < P; p++) free(out[p].text);
    free(out);
    free(mine);
    sl_task_free(&t);
    return st;
}
