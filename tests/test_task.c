/* test_task — slicing a sweep (src/core/sl_task.h): the LPT assignment
 * against an independent implementation and the optimum, argument parsing,
 * records through partial files and back, and the merge's refusals. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/sl_config.h"
#include "core/sl_sweep_run.h"
#include "core/sl_task.h"
#include "sl_test.h"

/* Independent LPT: repeatedly the unassigned point of largest cost (first
 * index on ties) to the first slice of least load. */
static void lpt_reference(const double *cost, int n, int N, int *slice)
{
    double load[64] = {0};
    int done[256] = {0};
    for (int k = 0; k < n; k++) {
        int best = -1;
        for (int p = 0; p < n; p++)
            if (!done[p] && (best < 0 || cost[p] > cost[best])) best = p;
        int s = 0;
        for (int j = 1; j < N; j++)
            if (load[j] < load[s]) s = j;
        slice[best] = s;
        load[s] += cost[best];
        done[best] = 1;
    }
}

/* Smallest possible largest load, by enumerating every assignment. */
static double best_makespan(const double *cost, int n, int N)
{
    int a[16] = {0};
    double best = INFINITY;
    for (;;) {
        double load[8] = {0}, mx = 0;
        for (int p = 0; p < n; p++) load[a[p]] += cost[p];
        for (int s = 0; s < N; s++) mx = fmax(mx, load[s]);
        best = fmin(best, mx);
        int p = 0;
        while (p < n && ++a[p] == N) a[p++] = 0;
        if (p == n) break;
    }
    return best;
}

static void test_assign(void)
{
    srand(12345);
    int same = 1, valid = 1, bound = 1;
    double worst_ratio = 0;
    for (int trial = 0; trial < 300; trial++) {
        const int n = 1 + rand() % 9, N = 1 + rand() % 3;
        double cost[16], load[8], lsum = 0, csum = 0;
        int slice[16], ref[16];
        for (int p = 0; p < n; p++) cost[p] = (double)(1 + rand() % 6);   /* small integers: many ties */
        if (sl_task_assign(cost, (size_t)n, N, slice, load) != SL_OK) { valid = 0; continue; }
        lpt_reference(cost, n, N, ref);
        double mx = 0;
        for (int p = 0; p < n; p++) {
            same &= slice[p] == ref[p];
            valid &= slice[p] >= 0 && slice[p] < N;
            csum += cost[p];
        }
        for (int s = 0; s < N; s++) { lsum += load[s]; mx = fmax(mx, load[s]); }
        valid &= lsum == csum;
        const double opt = best_makespan(cost, n, N);
        worst_ratio = fmax(worst_ratio, mx / opt);
        bound &= mx <= (4.0 / 3.0 - 1.0 / (3.0 * N)) * opt + 1e-12;
    }
    SL_CHECK(same, "assign: equals an independent LPT (largest first, least-loaded slice, ties by index)", "differs");
    SL_CHECK(valid, "assign: every point in one valid slice; loads sum to the total cost", "invalid");
    SL_CHECK(bound, "assign: largest load within (4/3 - 1/3N) of the optimum (Graham)", "ratio %g", worst_ratio);

    double eq[7] = {1, 1, 1, 1, 1, 1, 1};
    int sl[7];
    sl_task_assign(eq, 7, 3, sl, NULL);
    SL_CHECK(sl[0] == 0 && sl[1] == 1 && sl[2] == 2 && sl[3] == 0 && sl[6] == 0,
             "assign: equal costs go round the slices in point order", "%d %d %d %d", sl[0], sl[1], sl[2], sl[3]);
    double bad[2] = {1, NAN};
    SL_CHECK(sl_task_assign(bad, 2, 2, sl, NULL) == SL_EINVAL && sl_task_assign(eq, 2, 0, sl, NULL) == SL_EINVAL,
             "assign: a NaN cost or zero slices is an error", "accepted");
}

static int take(const char *line, int *argc, char **argv, sl_task_args *a)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s", line);
    *argc = 0;
    for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) argv[(*argc)++] = tok;
    return sl_task_args_take(argc, argv, a);
}

static void test_args(void)
{
    char *argv[16];
    int argc;
    sl_task_args a;
    sl_status st = take("drv cfg.yaml --task 2/5 --output x", &argc, argv, &a);
    SL_CHECK(st == SL_OK && a.index == 2 && a.count == 5 && argc == 4 && strcmp(argv[1], "cfg.yaml") == 0 &&
             strcmp(argv[2], "--output") == 0 && strcmp(argv[3], "x") == 0 && !a.merge,
             "args: --task I/N taken out, the rest kept in order", "st=%d argc=%d", st, argc);
    st = take("drv cfg.yaml --merge p0 p1 p2 --output y", &argc, argv, &a);
    SL_CHECK(st == SL_OK && a.n_merge == 3 && strcmp(a.merge[0], "p0") == 0 && strcmp(a.merge[2], "p2") == 0 &&
             argc == 4 && strcmp(argv[3], "y") == 0 && a.count == 0,
             "args: --merge takes the files up to the next option", "st=%d n=%d argc=%d", st, a.n_merge, argc);
    st = take("drv cfg.yaml --plan 8", &argc, argv, &a);
    SL_CHECK(st == SL_OK && a.plan == 8 && argc == 2, "args: --plan N", "st=%d", st);
    const char *bad[] = {"drv c --task 5/5", "drv c --task 1/0", "drv c --task x", "drv c --task -1/4",
                         "drv c --task 1/2 --merge a", "drv c --merge", "drv c --plan 0", "drv c --task",
                         "drv c --task 1/2junk", "drv c --task 0/2 --task 1/2"};
    int all = 1;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        st = take(bad[i], &argc, argv, &a);
        if (st != SL_EINVAL) { all = 0; fprintf(stderr, "accepted: %s\n", bad[i]); }
    }
    SL_CHECK(all, "args: malformed --task/--merge/--plan are errors", "see stderr");
}

/* A driver around a config from memory, output in dir. */
static sl_status fake_driver(sl_driver *d, const char *cfgtext, const char *out)
{
    memset(d, 0, sizeof *d);
    d->name = "fake_sweep";
    d->output = out;
    d->task.sweep = 1;
    return sl_config_load_mem(&d->cfg, "fake.yaml", (const unsigned char *)cfgtext, strlen(cfgtext));
}

enum { NP = 11, NS = 4 };

/* Point p's record: two lines of numbers that need every bit. */
static void write_record(sl_task *t, size_t p)
{
    FILE *f = sl_task_record_open(t, p);
    fprintf(f, "x %zu %.17g\n", p, 1.0 / 3.0 + (double)p * M_PI);
    fprintf(f, "y %.17g %.17g\n", exp(-(double)p), sqrt((double)p + 0.1));
    sl_task_record_close(t);
}

static sl_status run_slice(const char *cfg, const char *out, int I, int N, const double *cost)
{
    sl_driver d;
    sl_task t;
    SL_TRY(fake_driver(&d, cfg, out));
    d.task.index = I;
    d.task.count = N;
    int fin = 1;
    sl_status st = sl_task_init(&t, &d, NP, cost);
    for (size_t p = 0; st == SL_OK && p < NP; p++)
        if (sl_task_mine(&t, p)) write_record(&t, p);
    if (st == SL_OK) st = sl_task_collect(&t, "seeds 1", &fin);
    sl_task_free(&t);
    sl_config_free(d.cfg);
    return st != SL_OK ? st : fin ? SL_EINVAL : SL_OK;
}

static sl_status merge(const char *cfg, char **files, int n, sl_task *t, sl_driver *d)
{
    SL_TRY(fake_driver(d, cfg, "unused"));
    d->task.merge = files;
    d->task.n_merge = n;
    return sl_task_init(t, d, NP, (double[NP]){5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5});
}

static void test_records(void)
{
    char dir[] = "/tmp/sl_test_task.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "records: temporary directory", "mkdtemp"); return; }
    const char *cfg = "seed: 1\noutput: x\n", *cfg2 = "seed: 2\noutput: x\n";
    double cost[NP] = {5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    char out[256], files[NS][300], *fp[NS + 1];
    snprintf(out, sizeof out, "%s/f.dat", dir);
    int ok = 1;
    for (int i = 0; i < NS; i++) {
        ok &= run_slice(cfg, out, i, NS, cost) == SL_OK;
        snprintf(files[i], sizeof files[i], "%s.part-%d-of-%d", out, i, NS);
        fp[i] = files[i];
        ok &= access(files[i], R_OK) == 0;
    }
    SL_CHECK(ok, "records: every slice writes OUTPUT.part-I-of-N", "%s", sl_errmsg());

    /* the whole run, in memory */
    sl_driver dw;
    sl_task whole, m;
    fake_driver(&dw, cfg, out);
    int fin = 0;
    sl_status st = sl_task_init(&whole, &dw, NP, cost);
    for (size_t p = 0; p < NP; p++)
        if (sl_task_mine(&whole, p)) write_record(&whole, p);
    if (st == SL_OK) st = sl_task_collect(&whole, "seeds 1", &fin);
    SL_CHECK(st == SL_OK && fin, "records: a whole run computes every point and finalises", "%s", sl_errmsg());

    /* merged in reverse order: the same records, byte for byte */
    char *rev[NS];
    for (int i = 0; i < NS; i++) rev[i] = fp[NS - 1 - i];
    sl_driver dm;
    st = merge(cfg, rev, NS, &m, &dm);
    int same = st == SL_OK;
    for (size_t p = 0; same && p < NP; p++) {
        same &= sl_task_record(&m, p) && sl_task_record(&whole, p) && !sl_task_mine(&m, p) &&
                strcmp(sl_task_record(&m, p), sl_task_record(&whole, p)) == 0;
    }
    fin = 0;
    if (st == SL_OK) st = sl_task_collect(&m, "seeds 1", &fin);
    SL_CHECK(same && st == SL_OK && fin, "records: merged partials (any order) give the whole run's records exactly",
             "%s", sl_errmsg());
    sl_task_free(&m);
    sl_config_free(dm.cfg);

    /* refusals */
    st = merge(cfg, fp, NS - 1, &m, &dm);
    SL_CHECK(st != SL_OK && strstr(sl_errmsg(), "missing partials") && strstr(sl_errmsg(), "slice 3"),
             "merge: a missing slice is named", "%s", sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);
    char *dup[NS + 1] = {fp[0], fp[1], fp[2], fp[3], fp[1]};
    st = merge(cfg, dup, NS + 1, &m, &dm);
    SL_CHECK(st != SL_OK && strstr(sl_errmsg(), "given twice"), "merge: a duplicated slice is refused", "%s", sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);
    st = merge(cfg2, fp, NS, &m, &dm);
    SL_CHECK(st != SL_OK && strstr(sl_errmsg(), "foreign partial") && strstr(sl_errmsg(), "another config"),
             "merge: a partial of another config is refused", "%s", sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);
    /* a partial of another slicing */
    char other[320];
    run_slice(cfg, out, 0, NS + 1, cost);
    snprintf(other, sizeof other, "%s.part-0-of-%d", out, NS + 1);
    char *mix[NS] = {other, fp[1], fp[2], fp[3]};
    st = merge(cfg, mix, NS, &m, &dm);
    SL_CHECK(st != SL_OK && strstr(sl_errmsg(), "different slicings"), "merge: mixed N refused", "%s", sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);
    /* an edited partial: the rows of its first point dropped, rows count fixed up to look valid */
    char edited[320], cmd[1200];
    snprintf(edited, sizeof edited, "%s/edited.part", dir);
    snprintf(cmd, sizeof cmd, "awk '/^rec /{if (!f) f=$2; if ($2==f) next} {print}' %s | "
                              "awk '/^# rows: /{print \"# rows: \" $3-2; next} {print}' > %s", fp[1], edited);
    int rc = system(cmd);
    char *ed[NS] = {fp[0], edited, fp[2], fp[3]};
    st = merge(cfg, ed, NS, &m, &dm);
    SL_CHECK(rc == 0 && st != SL_OK && strstr(sl_errmsg(), "no record for point"), "merge: a partial missing a point's record is refused", "rc %d st %d: %s", rc, st, sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);
    /* a whole results file is not a partial */
    snprintf(cmd, sizeof cmd, "grep -v '^# task: ' %s | grep -v '^# points: ' > %s", fp[0], edited);
    rc = system(cmd);
    char *np_[NS] = {edited, fp[1], fp[2], fp[3]};
    st = merge(cfg, np_, NS, &m, &dm);
    SL_CHECK(rc == 0 && st != SL_OK && strstr(sl_errmsg(), "not a partial"), "merge: a file without '# task:' is refused",
             "%s", sl_errmsg());
    sl_task_free(&m); sl_config_free(dm.cfg);

    /* records must be non-empty lines */
    FILE *f = sl_task_record_open(&whole, 0);
    fputs("a\n\nb\n", f);
    SL_CHECK(sl_task_record_close(&whole) == SL_EINVAL, "records: an empty line is refused", "accepted");
    sl_task_free(&whole);
    sl_config_free(dw.cfg);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    rc = system(cmd);
    (void)rc;
}

/* The record helpers: numbers read back bit for bit (NaN, −0, subnormals,
 * extremes included); a wrong count or a missing kind is an error; replay
 * writes exactly the row and comment lines, in order. */
static void test_helpers(void)
{
    char dir[] = "/tmp/sl_test_task_h.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "helpers: temporary directory", "mkdtemp"); return; }
    char out[256], path[300];
    snprintf(out, sizeof out, "%s/h.dat", dir);
    sl_driver d;
    sl_task t;
    fake_driver(&d, "seed: 1\noutput: x\n", out);
    const double cost[2] = {1, 1};
    sl_status st = sl_task_init(&t, &d, 2, cost);
    double x[9] = {1.0 / 3.0, -0.0, NAN, -NAN, INFINITY, 4.9406564584124654e-324, 1.7976931348623157e308,
                   0.1 + 0.2, -M_PI}, y[9], z[3];
    FILE *f = sl_task_record_open(&t, 0);
    sl_task_rec_comment(f, "note %d", 7);
    sl_task_put_doubles(f, "vals", x, 9);
    sl_task_rec_row(f, "row_a %.3f", 1.5);
    sl_task_put_doubles(f, "short", x, 2);
    sl_task_rec_row(f, "row_b x");
    if (st == SL_OK) st = sl_task_record_close(&t);
    f = sl_task_record_open(&t, 1);
    sl_task_rec_row(f, "second");
    if (st == SL_OK) st = sl_task_record_close(&t);
    int fin = 0;
    if (st == SL_OK) st = sl_task_collect(&t, "seeds 1", &fin);
    st = st == SL_OK && fin ? sl_task_get_doubles(&t, 0, "vals", y, 9) : SL_EINVAL;
    SL_CHECK(st == SL_OK && memcmp(x, y, sizeof x) == 0, "helpers: put/get doubles read back bit for bit (NaN, -0, subnormal, max)",
             "%s", sl_errmsg());
    SL_CHECK(sl_task_get_doubles(&t, 0, "short", z, 3) == SL_EFORMAT && strstr(sl_errmsg(), "point 0"),
             "helpers: a line with another count is refused, naming the point", "%s", sl_errmsg());
    SL_CHECK(sl_task_get_doubles(&t, 1, "vals", z, 1) == SL_EFORMAT && strstr(sl_errmsg(), "no 'vals' line"),
             "helpers: a missing line is refused", "%s", sl_errmsg());
    SL_CHECK(sl_task_get_doubles(&t, 0, "val", z, 1) == SL_EFORMAT, "helpers: a kind matches whole words only", "matched");
    double *arr = NULL;
    size_t na = 0;
    st = sl_task_get_array(&t, 0, "vals", &arr, &na);
    SL_CHECK(st == SL_OK && na == 9 && memcmp(arr, x, sizeof x) == 0, "helpers: get_array reads any count back bit for bit",
             "%s", sl_errmsg());
    free(arr);
    SL_CHECK(sl_task_get_array(&t, 1, "vals", &arr, &na) == SL_EFORMAT && !arr && na == 0,
             "helpers: get_array of a missing line is refused, nothing allocated", "%s", sl_errmsg());
    sl_results *r = NULL;
    snprintf(path, sizeof path, "%s/replay.dat", dir);
    st = sl_results_open(&r, path, "fake_sweep", "fake.yaml", "h", "s");
    if (st == SL_OK) st = sl_task_replay(&t, 0, r);
    if (st == SL_OK) st = sl_task_replay(&t, 1, r);
    if (st == SL_OK) st = sl_results_commit(r);
    else sl_results_discard(r);
    char cmd[800];
    /* the header's provenance lines are "# key: value"; the rest is the replay's */
    snprintf(cmd, sizeof cmd, "grep -v '^# [a-z_]*: ' %s | tr '\\n' '|' | "
                              "grep -qx '# speclab-results v1|# note 7|row_a 1.500|row_b x|second|'", path);
    int rc = st == SL_OK ? system(cmd) : -1;
    if (rc) { snprintf(cmd, sizeof cmd, "cat %s >&2", path); if (system(cmd)) {} }
    SL_CHECK(st == SL_OK && rc == 0, "helpers: replay writes the row and comment lines in order, nothing else",
             "st %d rc %d: %s", st, rc, sl_errmsg());
    sl_task_free(&t);
    sl_config_free(d.cfg);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    rc = system(cmd);
    (void)rc;
}

/* ---------------------------------------------------------------- sl_sweep_run
 * A fake sweep of SP points: point p's record is a row "pt p v(p)" and v(p)
 * as numbers; the header sums every v(p) from the records. */
enum { SP = 13 };

typedef struct {
    int prepared;            /* prepare calls */
    int computed[SP];        /* compute calls per point */
    size_t seq[SP];          /* the order of the calls (serial sweeps) */
    int n_seq;
    int fail_at[2];          /* points whose compute fails (-1: none); fail_at[0] after 0.1 s */
    int custom_rows;
} fake_sweep;

static double v_of(size_t p) { return sin((double)p + 0.5) * 1e3 / 7.0; }

static sl_status fs_prepare(void *ctx)
{
    ((fake_sweep *)ctx)->prepared++;
    return SL_OK;
}

static sl_status fs_compute(void *ctx, size_t p, FILE *rec)
{
    fake_sweep *c = ctx;
#pragma omp atomic
    c->computed[p]++;
    int i;
#pragma omp atomic capture
    i = c->n_seq++;
    c->seq[i] = p;
    if ((int)p == c->fail_at[0]) usleep(100000);   /* fails last in time, first in point order */
    if ((int)p == c->fail_at[0] || (int)p == c->fail_at[1]) return sl_fail(SL_ENUMERIC, "point %zu diverged", p);
    const double v = v_of(p);
    sl_task_rec_row(rec, "pt %zu %.17g", p, v);
    sl_task_put_doubles(rec, "v", &v, 1);
    return SL_OK;
}

static sl_status fs_header(void *ctx, const sl_task *t, sl_results *r)
{
    double sum = 0;
    for (size_t p = 0; p < t->n_points; p++) {
        double v;
        SL_TRY(sl_task_get_doubles(t, p, "v", &v, 1));
        sum += v;
    }
    sl_results_comment(r, "sum %.17g", sum);
    return SL_OK;
}

static sl_status fs_rows(void *ctx, const sl_task *t, sl_results *r)
{
    for (size_t p = t->n_points; p-- > 0;) SL_TRY(sl_task_replay(t, p, r));   /* backwards */
    sl_results_row(r, "end");
    return SL_OK;
}

static const double fs_cost[SP] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9};

/* One run of the fake sweep: whole (I = N = 0), slice I/N, merge of files, or a plan. */
static sl_status fs_run(fake_sweep *c, const char *out, int parallel, const size_t *order, int I, int N,
                        char **merge_files, int n_merge, int plan)
{
    sl_driver d;
    SL_TRY(fake_driver(&d, "seed: 1\noutput: x\n", out));
    d.threads = 3;
    d.task.index = I;
    d.task.count = N;
    d.task.merge = merge_files;
    d.task.n_merge = n_merge;
    d.task.plan = plan;
    const sl_sweep_spec s = {.n_points = SP, .cost = fs_cost, .order = order, .parallel = parallel, .seeds = "seeds 1",
                             .ctx = c, .prepare = fs_prepare, .compute = fs_compute, .header = fs_header,
                             .rows = c->custom_rows ? fs_rows : NULL};
    sl_status st = sl_sweep_run(&d, &s);
    sl_config_free(d.cfg);
    return st;
}

/* The results file's lines, header provenance ("# key: value" but the sum) and merge note dropped. */
static char *body_of(const char *path)
{
    char cmd[600], *out = NULL;
    size_t n = 0;
    snprintf(cmd, sizeof cmd, "grep -v -e '^# [a-z_]*: ' -e '^# merged from' %s 2>/dev/null", path);
    FILE *p = popen(cmd, "r"), *m = open_memstream(&out, &n);
    int ch;
    while (p && m && (ch = fgetc(p)) != EOF) fputc(ch, m);
    if (p) pclose(p);
    if (m) fclose(m);
    return out;
}

static void test_sweep_run(void)
{
    char dir[] = "/tmp/sl_test_sweep_run.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "sweep_run: temporary directory", "mkdtemp"); return; }
    char whole[256], par[256], sl[256], merged[256], cmd[600];
    snprintf(whole, sizeof whole, "%s/whole.dat", dir);
    snprintf(par, sizeof par, "%s/par.dat", dir);
    snprintf(sl, sizeof sl, "%s/s.dat", dir);
    snprintf(merged, sizeof merged, "%s/merged.dat", dir);

    /* the expected file body, written independently of the sweep */
    char *want = NULL;
    size_t wn = 0;
    FILE *w = open_memstream(&want, &wn);
    double sum = 0;
    for (size_t p = 0; p < SP; p++) sum += v_of(p);
    fprintf(w, "# speclab-results v1\n# sum %.17g\n", sum);
    for (size_t p = 0; p < SP; p++) fprintf(w, "pt %zu %.17g\n", p, v_of(p));
    fclose(w);

    fake_sweep c = {.fail_at = {-1, -1}};
    sl_status st = fs_run(&c, whole, 0, NULL, 0, 0, NULL, 0, 0);
    char *got = body_of(whole);
    int once = 1, in_order = 1;
    for (size_t p = 0; p < SP; p++) { once &= c.computed[p] == 1; in_order &= c.seq[p] == p; }
    SL_CHECK(st == SL_OK && got && strcmp(got, want) == 0,
             "sweep_run: header from the records, then every point's rows in point order", "%s\n%s", sl_errmsg(), got ? got : "");
    SL_CHECK(once && in_order && c.prepared == 1, "sweep_run: serial: each point once, in point order, after one prepare",
             "prepared %d", c.prepared);
    free(got);

    /* parallel: the same file */
    fake_sweep cp = {.fail_at = {-1, -1}};
    st = fs_run(&cp, par, 1, NULL, 0, 0, NULL, 0, 0);
    got = body_of(par);
    once = 1;
    for (size_t p = 0; p < SP; p++) once &= cp.computed[p] == 1;
    SL_CHECK(st == SL_OK && once && cp.prepared == 1 && got && strcmp(got, want) == 0,
             "sweep_run: parallel points: each once, the serial run's file", "%s", sl_errmsg());
    free(got);

    /* a given order (serial) */
    size_t order[SP];
    for (size_t i = 0; i < SP; i++) order[i] = (i * 5) % SP;
    fake_sweep co = {.fail_at = {-1, -1}};
    st = fs_run(&co, par, 0, order, 0, 0, NULL, 0, 0);
    int same = st == SL_OK;
    for (size_t i = 0; i < SP; i++) same &= co.seq[i] == order[i];
    got = body_of(par);
    SL_CHECK(same && got && strcmp(got, want) == 0, "sweep_run: .order sets the compute order, not the file's", "%s", sl_errmsg());
    free(got);

    /* slices and their merge: the whole run's file; prepare only where points are computed */
    enum { N = 4 };
    char files[N][300], *fp[N];
    int ok = 1, prepared = 0;
    for (int i = 0; i < N; i++) {
        fake_sweep ci = {.fail_at = {-1, -1}};
        ok &= fs_run(&ci, sl, i % 2, NULL, i, N, NULL, 0, 0) == SL_OK;
        prepared += ci.prepared;
        snprintf(files[i], sizeof files[i], "%s.part-%d-of-%d", sl, i, N);
        fp[i] = files[i];
    }
    fake_sweep cm = {.fail_at = {-1, -1}};
    st = ok ? fs_run(&cm, merged, 0, NULL, 0, 0, fp, N, 0) : SL_EINVAL;
    got = body_of(merged);
    int computed = 0;
    for (size_t p = 0; p < SP; p++) computed += cm.computed[p];
    snprintf(cmd, sizeof cmd, "grep -q '^# merged from 4 partials' %s", merged);
    SL_CHECK(st == SL_OK && got && strcmp(got, want) == 0 && system(cmd) == 0,
             "sweep_run: 4 slices (serial and parallel) merged: the whole run's file, with the merge's provenance line",
             "%s", sl_errmsg());
    SL_CHECK(prepared == N && cm.prepared == 0 && computed == 0, "sweep_run: a merge prepares and computes nothing",
             "slices prepared %d, merge %d, computed %d", prepared, cm.prepared, computed);
    free(got);
    fake_sweep ce = {.fail_at = {-1, -1}};
    st = fs_run(&ce, sl, 0, NULL, SP, SP + 1, NULL, 0, 0);   /* the slice with no point */
    SL_CHECK(st == SL_OK && ce.prepared == 0 && ce.n_seq == 0, "sweep_run: a slice without points prepares nothing",
             "%s, prepared %d", sl_errmsg(), ce.prepared);
    fake_sweep cl = {.fail_at = {-1, -1}};
    fflush(stdout);
    int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    st = fs_run(&cl, sl, 0, NULL, 0, 0, NULL, 0, 3);
    fflush(stdout);
    if (saved >= 0) { dup2(saved, STDOUT_FILENO); close(saved); }
    if (null >= 0) close(null);
    SL_CHECK(st == SL_OK && cl.prepared == 0 && cl.n_seq == 0, "sweep_run: a plan prepares and computes nothing", "%s",
             sl_errmsg());

    /* custom rows */
    fake_sweep cr = {.fail_at = {-1, -1}, .custom_rows = 1};
    st = fs_run(&cr, par, 0, NULL, 0, 0, NULL, 0, 0);
    snprintf(cmd, sizeof cmd, "grep -v '^#' %s | tr '\\n' ' ' | grep -q '^pt 12 .* pt 0 [^ ]* end $'", par);
    SL_CHECK(st == SL_OK && system(cmd) == 0, "sweep_run: a rows callback replaces the replay", "%s", sl_errmsg());

    /* failures: the first in point order is reported, nothing written */
    for (int parallel = 0; parallel < 2; parallel++) {
        char bad[300];
        snprintf(bad, sizeof bad, "%s/bad%d.dat", dir, parallel);
        /* parallel: 5 and 12 (the costliest, both started at once) fail, 12 first in time */
        fake_sweep cf = {.fail_at = {5, parallel ? 12 : 9}};
        st = fs_run(&cf, bad, parallel, NULL, 0, 0, NULL, 0, 0);
        SL_CHECK(st == SL_ENUMERIC && strstr(sl_errmsg(), "point 5 diverged") && access(bad, F_OK) != 0,
                 parallel ? "sweep_run: parallel: the first failure in point order, no file" :
                            "sweep_run: serial: the first failure, no file", "st %d: %s", st, sl_errmsg());
    }
    free(want);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) {}
}

int main(void)
{
    test_assign();
    test_args();
    test_records();
    test_helpers();
    test_sweep_run();
    return sl_test_done();
}
