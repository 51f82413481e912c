#include "sl_task.h"
#include "sl_results.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- assignment */

typedef struct { double cost; size_t p; } point_cost;

static int by_cost_desc(const void *pa, const void *pb)
{
    const point_cost *a = pa, *b = pb;
    if (a->cost != b->cost) return a->cost < b->cost ? 1 : -1;
    return a->p < b->p ? -1 : a->p > b->p;
}

sl_status sl_task_assign(const double *cost, size_t n_points, int n_slices, int *slice, double *load)
{
    if (n_slices < 1) return sl_fail(SL_EINVAL, "sl_task_assign: %d slices", n_slices);
    for (size_t p = 0; p < n_points; p++)
        if (!isfinite(cost[p]) || cost[p] < 0)
            return sl_fail(SL_EINVAL, "sl_task_assign: cost of point %zu is %g", p, cost[p]);
    point_cost *o = malloc((n_points ? n_points : 1) * sizeof *o);
    double *l = calloc((size_t)n_slices, sizeof *l);
    if (!o || !l) { free(o); free(l); return sl_fail(SL_ENOMEM, "slice assignment of %zu points", n_points); }
    for (size_t p = 0; p < n_points; p++) o[p] = (point_cost){cost[p], p};
    qsort(o, n_points, sizeof *o, by_cost_desc);
    for (size_t i = 0; i < n_points; i++) {
        int best = 0;
        for (int s = 1; s < n_slices; s++)
            if (l[s] < l[best]) best = s;
        slice[o[i].p] = best;
        l[best] += o[i].cost;
    }
    if (load) memcpy(load, l, (size_t)n_slices * sizeof *l);
    free(o);
    free(l);
    return SL_OK;
}

/* ---------------------------------------------------------------- arguments */

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

sl_status sl_task_args_take(int *argc, char **argv, sl_task_args *a)
{
    memset(a, 0, sizeof *a);
    char **kept = malloc((size_t)*argc * sizeof *kept), **parts = malloc((size_t)*argc * sizeof *parts);
    int nk = 0, np = 0, merge = 0;
    sl_status st = SL_OK;
    if (!kept || !parts) { free(kept); free(parts); return sl_fail(SL_ENOMEM, "out of memory"); }
    if (*argc > 0) kept[nk++] = argv[0];
    for (int i = 1; i < *argc && st == SL_OK; i++) {
        if (strcmp(argv[i], "--task") == 0) {
            long I, N;
            char buf[64], *slash;
            if (i + 1 >= *argc) { st = sl_fail(SL_EINVAL, "--task needs I/N (slice I of N, 0 <= I < N)"); break; }
            snprintf(buf, sizeof buf, "%s", argv[++i]);
            slash = strchr(buf, '/');
            if (slash) *slash = 0;
            if (!slash || !parse_int(slash + 1, 1, 100000, &N) || !parse_int(buf, 0, N - 1, &I))
                st = sl_fail(SL_EINVAL, "--task expects I/N with 1 <= N <= 100000 and 0 <= I < N "
                                        "(slices are counted from 0), got '%s'", argv[i]);
            else if (a->count) st = sl_fail(SL_EINVAL, "--task given twice");
            else { a->index = (int)I; a->count = (int)N; }
        } else if (strcmp(argv[i], "--plan") == 0) {
            long N;
            if (i + 1 >= *argc || !parse_int(argv[i + 1], 1, 100000, &N))
                st = sl_fail(SL_EINVAL, "--plan expects a number of slices N (1..100000)");
            else { a->plan = (int)N; i++; }
        } else if (strcmp(argv[i], "--merge") == 0) {
            if (merge++) { st = sl_fail(SL_EINVAL, "--merge given twice"); break; }
            while (i + 1 < *argc && strncmp(argv[i + 1], "--", 2) != 0) parts[np++] = argv[++i];
            if (np == 0) st = sl_fail(SL_EINVAL, "--merge needs the partial files (OUTPUT.part-I-of-N, all N of them)");
        } else {
            kept[nk++] = argv[i];
        }
    }
    if (st == SL_OK) {
        /* argv: the kept arguments, then the partials (behind argc) */
        memcpy(argv, kept, (size_t)nk * sizeof *argv);
        memcpy(argv + nk, parts, (size_t)np * sizeof *argv);
        *argc = nk;
        a->merge = np ? argv + nk : NULL;
        a->n_merge = np;
        if ((a->count != 0) + (a->merge != NULL) + (a->plan != 0) > 1)
            st = sl_fail(SL_EINVAL, "--task, --merge and --plan exclude each other");
    }
    free(kept);
    free(parts);
    return st;
}

/* ---------------------------------------------------------------- records */

FILE *sl_task_record_open(sl_task *t, size_t p)
{
    if (t->open || p >= t->n_points) return NULL;
    t->open_buf = NULL;
    t->open_len = 0;
    t->open_p = p;
    t->open = open_memstream(&t->open_buf, &t->open_len);
    return t->open;
}

sl_status sl_task_record_set(sl_task *t, size_t p, char *text, size_t len)
{
    if (p >= t->n_points) { free(text); return sl_fail(SL_EINVAL, "record of point %zu of %zu", p, t->n_points); }
    if (len == 0 || text[len - 1] != '\n' || text[0] == '\n' || strstr(text, "\n\n")) {
        free(text);
        return sl_fail(SL_EINVAL, "record of point %zu: lines must be non-empty and end in a newline", p);
    }
    free(t->rec[p]);
    t->rec[p] = text;
    return SL_OK;
}

sl_status sl_task_record_close(sl_task *t)
{
    if (!t->open) return sl_fail(SL_EINVAL, "sl_task_record_close: no record open");
    if (fclose(t->open)) { t->open = NULL; free(t->open_buf); return sl_fail(SL_ENOMEM, "record"); }
    t->open = NULL;
    return sl_task_record_set(t, t->open_p, t->open_buf, t->open_len);
}

const char *sl_task_record(const sl_task *t, size_t p) { return p < t->n_points ? t->rec[p] : NULL; }

void sl_task_put_doubles(FILE *f, const char *kind, const double *x, size_t n)
{
    fprintf(f, "%s %zu", kind, n);
    for (size_t i = 0; i < n; i++) fprintf(f, " %.17g", x[i]);
    fputc('\n', f);
}

/* The values of point p's first KIND line: *n (its count) and where they start. */
static sl_status find_kind(const sl_task *t, size_t p, const char *kind, size_t *n, const char **vals, const char **eol)
{
    const char *rec = sl_task_record(t, p);
    const size_t kl = strlen(kind);
    if (!rec) return sl_fail(SL_EFORMAT, "point %zu has no record", p);
    for (const char *s = rec; *s;) {
        const char *e = strchr(s, '\n');
        if (!e) break;
        if (strncmp(s, kind, kl) == 0 && s[kl] == ' ') {
            char *end;
            const unsigned long long m = strtoull(s + kl + 1, &end, 10);
            if (end == s + kl + 1 || end > e || m > (size_t)(e - s))
                return sl_fail(SL_EFORMAT, "record of point %zu: '%s' line without its count", p, kind);
            *n = (size_t)m;
            *vals = end;
            *eol = e;
            return SL_OK;
        }
        s = e + 1;
    }
    return sl_fail(SL_EFORMAT, "record of point %zu: no '%s' line", p, kind);
}

static sl_status read_values(size_t p, const char *kind, const char *s, const char *eol, double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *e2;
        x[i] = strtod(s, &e2);
        if (e2 == s || e2 > eol)
            return sl_fail(SL_EFORMAT, "record of point %zu: '%s' has %zu of %zu values", p, kind, i, n);
        s = e2;
    }
    if (s != eol) return sl_fail(SL_EFORMAT, "record of point %zu: '%s' has more than %zu values", p, kind, n);
    return SL_OK;
}

sl_status sl_task_get_doubles(const sl_task *t, size_t p, const char *kind, double *x, size_t n)
{
    size_t m;
    const char *vals, *eol;
    SL_TRY(find_kind(t, p, kind, &m, &vals, &eol));
    if (m != n) return sl_fail(SL_EFORMAT, "record of point %zu: '%s' line without its %zu values", p, kind, n);
    return read_values(p, kind, vals, eol, x, n);
}

sl_status sl_task_get_array(const sl_task *t, size_t p, const char *kind, double **x, size_t *n)
{
    size_t m;
    const char *vals, *eol;
    *x = NULL;
    *n = 0;
    SL_TRY(find_kind(t, p, kind, &m, &vals, &eol));
    double *a = malloc((m ? m : 1) * sizeof *a);
    if (!a) return sl_fail(SL_ENOMEM, "record of point %zu: %zu '%s' values", p, m, kind);
    sl_status st = read_values(p, kind, vals, eol, a, m);
    if (st != SL_OK) { free(a); return st; }
    *x = a;
    *n = m;
    return SL_OK;
}

void sl_task_rec_row(FILE *f, const char *fmt, ...)
{
    va_list ap;
    fputs("row ", f);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}

void sl_task_rec_comment(FILE *f, const char *fmt, ...)
{
    va_list ap;
    fputs("comment ", f);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}

sl_status sl_task_replay(const sl_task *t, size_t p, sl_results *r)
{
    const char *rec = sl_task_record(t, p);
    if (!rec) return sl_fail(SL_EFORMAT, "point %zu has no record", p);
    for (const char *s = rec; *s;) {
        const char *eol = strchr(s, '\n');
        if (!eol) return sl_fail(SL_EFORMAT, "record of point %zu: unterminated line", p);
        const int len = (int)(eol - s);
        if (strncmp(s, "row ", 4) == 0) sl_results_row(r, "%.*s", len - 4, s + 4);
        else if (strncmp(s, "comment ", 8) == 0) sl_results_comment(r, "%.*s", len - 8, s + 8);
        s = eol + 1;
    }
    return SL_OK;
}

int sl_task_mine(const sl_task *t, size_t p)
{
    const sl_task_args *a = &t->d->task;
    if (a->merge || a->plan || p >= t->n_points) return 0;
    return a->count == 0 || t->slice[p] == a->index;
}

/* ---------------------------------------------------------------- plan */

static void print_plan(const sl_task *t)
{
    double *load = calloc((size_t)t->n_slices, sizeof *load), total = 0;
    if (!load) return;
    for (size_t p = 0; p < t->n_points; p++) {
        load[t->slice[p]] += t->cost[p];
        total += t->cost[p];
    }
    printf("%s: %zu points in %d slices (greedy longest-processing-time on the driver's cost estimate)\n",
           t->d->name, t->n_points, t->n_slices);
    for (int s = 0; s < t->n_slices; s++) {
        printf("slice %d: %5.1f%% of the cost, points", s, total > 0 ? 100 * load[s] / total : 0);
        for (size_t p = 0; p < t->n_points; p++)
            if (t->slice[p] == s) printf(" %zu", p);
        printf("\n");
    }
    free(load);
}

/* ---------------------------------------------------------------- merge */

typedef struct {
    char driver[256], hash[128], seeds[1024], commit[128];
    char *other;      /* other provenance lines before '# task:' */
    long I, N;
    double wall;
} part_head;

static void chomp(char *s) { s[strcspn(s, "\r\n")] = 0; }

/* The points of slice s as text "n of P: p0 p1 …" (ascending). */
static char *points_text(const sl_task *t, int s)
{
    char *buf = NULL; size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    size_t n = 0;
    for (size_t p = 0; p < t->n_points; p++) n += t->slice[p] == s;
    fprintf(f, "%zu of %zu:", n, t->n_points);
    for (size_t p = 0; p < t->n_points; p++)
        if (t->slice[p] == s) fprintf(f, " %zu", p);
    fclose(f);
    return buf;
}

static sl_status check_head(sl_task *t, const char *path, part_head *h, const part_head *first,
                            const char *first_path, const char *config_hash)
{
    const sl_driver *d = t->d;
    if (h->N <= 0)
        return sl_fail(SL_EFORMAT, "%s: not a partial results file (no '# task: I/N' line); "
                                   "--merge takes the files written by --task I/N", path);
    if (strcmp(h->driver, d->name) != 0)
        return sl_fail(SL_EFORMAT, "%s: foreign partial: written by driver '%s', not %s", path, h->driver, d->name);
    if (strcmp(h->hash, config_hash) != 0)
        return sl_fail(SL_EFORMAT, "%s: foreign partial: its config has SHA-256 %.12s…, %s has %.12s… "
                                   "(made from another config)", path, h->hash, sl_config_path(d->cfg), config_hash);
    if (strcmp(h->commit, sl_prov_commit()) != 0)
        return sl_fail(SL_EFORMAT, "%s: foreign partial: made at commit %s, this build is %s; "
                                   "rerun its slices with this build, or merge with the build that made them",
                       path, h->commit, sl_prov_commit());
    if (first) {
        if (strcmp(h->seeds, first->seeds) != 0 || strcmp(h->other ? h->other : "", first->other ? first->other : ""))
            return sl_fail(SL_EFORMAT, "%s: foreign partial: its provenance differs from %s's", path, first_path);
        if (h->N != first->N)
            return sl_fail(SL_EFORMAT, "%s is slice %ld of %ld, %s of %ld: partials of different slicings",
                           path, h->I, h->N, first_path, first->N);
    }
    return SL_OK;
}

/* End of a partial's header: check it, plan for its N, claim its slice.
 * seen[I] is the index of the file that gave slice I (-1: none yet). */
static sl_status end_head(sl_task *t, int fi, part_head *heads, int *seen, const char *points)
{
    const char *path = t->d->task.merge[fi];
    part_head *h = &heads[fi];
    SL_TRY(check_head(t, path, h, fi ? &heads[0] : NULL, t->d->task.merge[0], sl_config_hash(t->d->cfg)));
    if (h->N != t->n_slices) {
        SL_TRY(sl_task_assign(t->cost, t->n_points, (int)h->N, t->slice, NULL));
        t->n_slices = (int)h->N;
    }
    if (seen[h->I] >= 0)
        return sl_fail(SL_EFORMAT, "slice %ld/%ld given twice: %s and %s", h->I, h->N, t->d->task.merge[seen[h->I]], path);
    seen[h->I] = fi;
    char *want = points_text(t, (int)h->I);
    if (!want) return sl_fail(SL_ENOMEM, "out of memory");
    sl_status st = SL_OK;
    if (!points || strcmp(points, want) != 0)
        st = sl_fail(SL_EFORMAT, "%s: its points (%s) are not slice %ld's under this build's assignment (%s)",
                     path, points ? points : "none listed", h->I, want);
    free(want);
    return st;
}

/* Read one partial: its header, then its records into t->rec. */
static sl_status read_partial(sl_task *t, int fi, part_head *heads, int *seen)
{
    const char *path = t->d->task.merge[fi];
    sl_status st = sl_results_verify(path);
    if (st != SL_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", sl_errmsg());
        return sl_fail(st, "cannot merge: %s", msg);
    }
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open partial %s: %s", path, strerror(errno));
    part_head *h = &heads[fi];
    char *line = NULL, *other = NULL, *points = NULL, *rbuf = NULL;
    size_t cap = 0, nother = 0, rlen = 0;
    FILE *of = open_memstream(&other, &nother), *rf = NULL;   /* other provenance lines; the record being read */
    long cur = -1, lineno = 0;
    int in_head = 1, after_task = 0;
    ssize_t n = 0;
    if (!of) { fclose(f); return sl_fail(SL_ENOMEM, "out of memory"); }
    for (;;) {
        n = getline(&line, &cap, f);
        if (n > 0 && line[0] == '#') {
            lineno++;
            if (!in_head) continue;
            chomp(line);
            if (strncmp(line, "# task: ", 8) == 0) {
                if (sscanf(line + 8, "%ld/%ld", &h->I, &h->N) != 2 || h->N < 1 || h->N > 100000 || h->I < 0 || h->I >= h->N) {
                    st = sl_fail(SL_EFORMAT, "%s:%ld: malformed task line '%s'", path, lineno, line);
                    goto out;
                }
                after_task = 1;
            } else if (strncmp(line, "# points: ", 10) == 0) {
                free(points);
                points = strdup(line + 10);
            } else if (after_task || lineno == 1) {
                continue;
            } else if (strncmp(line, "# driver: ", 10) == 0) {
                snprintf(h->driver, sizeof h->driver, "%s", line + 10);
            } else if (strncmp(line, "# config: ", 10) == 0) {
                const char *s = strstr(line, " sha256=");
                snprintf(h->hash, sizeof h->hash, "%s", s ? s + 8 : "");
            } else if (strncmp(line, "# seeds: ", 9) == 0) {
                snprintf(h->seeds, sizeof h->seeds, "%s", line + 9);
            } else if (strncmp(line, "# commit: ", 10) == 0) {
                snprintf(h->commit, sizeof h->commit, "%s", line + 10);
            } else if (strncmp(line, "# wall_time_s: ", 15) == 0) {
                h->wall = strtod(line + 15, NULL);
            } else if (strncmp(line, "# threads: ", 11) && strncmp(line, "# date: ", 8) && strncmp(line, "# rows: ", 8)) {
                fprintf(of, "%s\n", line);   /* any other provenance line must agree between partials */
            }
            continue;
        }
        if (in_head) {   /* first row, or the end of a partial without rows */
            in_head = 0;
            fflush(of);
            h->other = strdup(other ? other : "");
            if (!h->other) { st = sl_fail(SL_ENOMEM, "out of memory"); goto out; }
            if ((st = end_head(t, fi, heads, seen, points))) goto out;
        }
        if (n <= 0) break;
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n) continue;
        /* a record line: "rec p TEXT" */
        char *end = line;
        unsigned long long p = strncmp(line, "rec ", 4) == 0 ? strtoull(line + 4, &end, 10) : 0;
        if (end == line || end == line + 4 || *end != ' ' || p >= t->n_points || t->slice[p] != h->I) {
            st = sl_fail(SL_EFORMAT, "%s:%ld: not a record line of slice %ld", path, lineno, h->I);
            goto out;
        }
        if ((long)p != cur) {
            if (rf) { fclose(rf); rf = NULL; t->rec[cur] = rbuf; rbuf = NULL; }
            if (t->rec[p]) {
                st = sl_fail(SL_EFORMAT, "%s:%ld: point %llu recorded twice", path, lineno, p);
                goto out;
            }
            cur = (long)p;
            rf = open_memstream(&rbuf, &rlen);
            if (!rf) { st = sl_fail(SL_ENOMEM, "out of memory"); goto out; }
        }
        fputs(end + 1, rf);
    }
    if (rf) { fclose(rf); rf = NULL; t->rec[cur] = rbuf; rbuf = NULL; }
    for (size_t p = 0; p < t->n_points; p++)
        if (t->slice[p] == h->I && !t->rec[p]) {
            st = sl_fail(SL_EFORMAT, "%s: no record for point %zu of slice %ld", path, p, h->I);
            goto out;
        }
out:
    if (rf) fclose(rf);
    free(rbuf);
    fclose(of);
    free(other);
    free(line);
    free(points);
    fclose(f);
    return st;
}

static sl_status merge_all(sl_task *t)
{
    const sl_task_args *a = &t->d->task;
    part_head *heads = calloc((size_t)a->n_merge, sizeof *heads);
    int *seen = malloc(100001 * sizeof *seen);
    sl_status st = SL_OK;
    if (!heads || !seen) { free(heads); free(seen); return sl_fail(SL_ENOMEM, "out of memory"); }
    for (int i = 0; i <= 100000; i++) seen[i] = -1;
    for (int fi = 0; fi < a->n_merge && st == SL_OK; fi++) st = read_partial(t, fi, heads, seen);
    if (st == SL_OK) {
        char missing[512] = "";
        int nmiss = 0;
        for (int s = 0; s < t->n_slices; s++)
            if (seen[s] < 0) {
                if (nmiss < 20) snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%d", nmiss ? ", " : "", s);
                nmiss++;
            }
        if (nmiss == 1)
            st = sl_fail(SL_EIO, "missing partials: 1 of %d slices absent (slice %s); rerun it with --task %s/%d "
                                 "(it writes OUTPUT.part-%s-of-%d), then merge all %d",
                         t->n_slices, missing, missing, t->n_slices, missing, t->n_slices, t->n_slices);
        else if (nmiss)
            st = sl_fail(SL_EIO, "missing partials: %d of %d slices absent (slices %s%s); rerun each with "
                                 "--task I/%d (it writes OUTPUT.part-I-of-%d), then merge all %d",
                         nmiss, t->n_slices, missing, nmiss > 20 ? ", …" : "", t->n_slices, t->n_slices, t->n_slices);
    }
    for (int fi = 0; fi < a->n_merge; fi++) {
        t->merged_wall += heads[fi].wall;
        free(heads[fi].other);
    }
    free(heads);
    free(seen);
    return st;
}

/* ---------------------------------------------------------------- life cycle */

sl_status sl_task_init(sl_task *t, const sl_driver *d, size_t n_points, const double *cost)
{
    memset(t, 0, sizeof *t);
    t->d = d;
    t->n_points = n_points;
    const sl_task_args *a = &d->task;
    t->n_slices = a->count ? a->count : a->plan ? a->plan : 1;
    const size_t n = n_points ? n_points : 1;
    t->slice = calloc(n, sizeof *t->slice);
    t->cost = malloc(n * sizeof *t->cost);
    t->rec = calloc(n, sizeof *t->rec);
    if (!t->slice || !t->cost || !t->rec) return sl_fail(SL_ENOMEM, "sweep of %zu points", n_points);
    memcpy(t->cost, cost, n_points * sizeof *cost);
    SL_TRY(sl_task_assign(t->cost, n_points, t->n_slices, t->slice, NULL));
    if (a->plan) print_plan(t);
    if (a->merge) SL_TRY(merge_all(t));
    return SL_OK;
}

sl_status sl_task_collect(sl_task *t, const char *seeds, int *finalise)
{
    const sl_driver *d = t->d;
    const sl_task_args *a = &d->task;
    *finalise = 0;
    if (a->plan) return SL_OK;
    if (a->count) {
        const size_t plen = strlen(d->output) + 64;
        char *path = malloc(plen), *pts = points_text(t, a->index);
        sl_results *r = NULL;
        sl_status st = SL_OK;
        if (!path || !pts) { free(path); free(pts); return sl_fail(SL_ENOMEM, "out of memory"); }
        snprintf(path, plen, "%s.part-%d-of-%d", d->output, a->index, a->count);
        if ((st = sl_results_open(&r, path, d->name, sl_config_path(d->cfg), sl_config_hash(d->cfg), seeds)) == SL_OK) {
            sl_results_comment(r, "task: %d/%d", a->index, a->count);
            sl_results_comment(r, "points: %s", pts);
            sl_results_comment(r, "partial results: slice %d of %d of %zu points (greedy longest-processing-time "
                                  "on the driver's cost estimate); rows 'rec POINT LINE' are the points' records; "
                                  "merge all %d with: %s CONFIG --merge PARTIALS",
                               a->index, a->count, t->n_points, a->count, d->name);
            for (size_t p = 0; p < t->n_points; p++) {
                if (t->slice[p] != a->index) continue;
                if (!t->rec[p]) { st = sl_fail(SL_EINVAL, "slice %d: point %zu has no record", a->index, p); break; }
                for (const char *s = t->rec[p]; *s;) {
                    const size_t len = strcspn(s, "\n");
                    sl_results_row(r, "rec %zu %.*s", p, (int)len, s);
                    s += len + 1;
                }
            }
            if (st == SL_OK) {
                st = sl_results_commit(r);
                r = NULL;
            }
            sl_results_discard(r);
            if (st == SL_OK) fprintf(stderr, "%s: slice %d/%d (points %s) written to %s\n", d->name, a->index, a->count, pts, path);
        }
        free(path);
        free(pts);
        return st;
    }
    for (size_t p = 0; p < t->n_points; p++)
        if (!t->rec[p]) return sl_fail(SL_EINVAL, "point %zu has no record", p);
    *finalise = 1;
    return SL_OK;
}

void sl_task_provenance(const sl_task *t, char *buf, size_t len)
{
    if (!len) return;
    buf[0] = 0;
    if (t->d && t->d->task.merge)
        snprintf(buf, len, "merged from %d partials (%zu points; the slices' wall times sum to %.1f s)",
                 t->d->task.n_merge, t->n_points, t->merged_wall);
}

void sl_task_free(sl_task *t)
{
    if (t->open) { fclose(t->open); free(t->open_buf); t->open = NULL; }
    for (size_t p = 0; t->rec && p < t->n_points; p++) free(t->rec[p]);
    free(t->rec);
    free(t->slice);
    free(t->cost);
    t->rec = NULL;
    t->slice = NULL;
    t->cost = NULL;
}
