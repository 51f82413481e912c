#include "sl_claims.h"
#include "sl_ci.h"
#include "../core/sl_config.h"
#include "../core/sl_results.h"
#include "../core/sl_rng.h"
#include "sl_header.h"

#include <glob.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SEL 8
#define MAX_FIELDS 32
#define MAX_KINDS 16
#define MAX_OBS 4
#define MAX_TABLES 16
#define MAX_POOL 4 /* further results files a claim pools (pool:) */

/* ---------------------------------------------------------------- results tables */

typedef struct {
    char kind[32];
    int n;
    char name[MAX_FIELDS][48];
} coldecl;

typedef struct {
    char *path;
    sl_status st;  /* SL_OK or why the file was refused */
    char err[256]; /* the message then */
    long nrows;
    int *nf;                  /* nrows */
    char *(*f)[MAX_FIELDS];   /* nrows x MAX_FIELDS, pointing into buf */
    char *buf;
    int nkinds;
    coldecl kinds[MAX_KINDS];
} table;

static void table_free(table *t)
{
    free(t->path);
    free(t->nf);
    free(t->f);
    free(t->buf);
    memset(t, 0, sizeof *t);
}

/* One `# columns ...: kind a b c | kind2 d e` header line. */
static void parse_columns(table *t, char *line)
{
    char *colon = strchr(line, ':');
    if (!colon) return;
    char *save = NULL;
    for (char *seg = strtok_r(colon + 1, "|", &save); seg; seg = strtok_r(NULL, "|", &save)) {
        if (t->nkinds == MAX_KINDS) return;
        coldecl *d = &t->kinds[t->nkinds];
        memset(d, 0, sizeof *d);
        char *s2 = NULL;
        int first = 1;
        for (char *w = strtok_r(seg, " \t\r", &s2); w; w = strtok_r(NULL, " \t\r", &s2)) {
            if (w[0] == '(') break; /* a comment after the names */
            if (first) { snprintf(d->kind, sizeof d->kind, "%s", w); first = 0; }
            if (d->n < MAX_FIELDS) snprintf(d->name[d->n++], sizeof d->name[0], "%s", w);
        }
        if (d->n) t->nkinds++;
    }
}

static sl_status table_read(table *t, const char *path, long max_rows)
{
    memset(t, 0, sizeof *t);
    t->path = strdup(path);
    if (!t->path) return sl_fail(SL_ENOMEM, "claims: %s", path);
    SL_TRY(sl_results_verify(path));
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    t->buf = malloc((size_t)len + 1);
    if (!t->buf) { fclose(f); return sl_fail(SL_ENOMEM, "reading %s", path); }
    size_t got = fread(t->buf, 1, (size_t)len, f);
    fclose(f);
    t->buf[got] = 0;
    long cap = 0;
    for (size_t i = 0; i < got; i++) cap += t->buf[i] == '\n';
    if (cap > max_rows + 4096) cap = max_rows + 1; /* header lines aside */
    t->nf = malloc((size_t)(cap + 1) * sizeof *t->nf);
    t->f = malloc((size_t)(cap + 1) * sizeof *t->f);
    if (!t->nf || !t->f) return sl_fail(SL_ENOMEM, "reading %s", path);
    char *save = NULL;
    long lineno = 0;
    for (char *line = strtok_r(t->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] == '#') {
            if (strncmp(line, "# columns", 9) == 0) parse_columns(t, line);
            continue;
        }
        int n = 0;
        char *s2 = NULL;
        for (char *w = strtok_r(line, " \t\r", &s2); w; w = strtok_r(NULL, " \t\r", &s2)) {
            if (n == MAX_FIELDS)
                return sl_fail(SL_EFORMAT, "%s: a data row has more than %d fields (the checker's limit)", path,
                               MAX_FIELDS);
            t->f[t->nrows][n++] = w;
        }
        if (!n) continue;
        if (t->nrows >= max_rows || t->nrows >= cap)
            return sl_fail(SL_EFORMAT, "%s: more than %ld data rows (the checker's limit); refused", path, max_rows);
        t->nf[t->nrows++] = n;
    }
    return SL_OK;
}

/* 1-based column of `name` for rows of kind `kind`; 0 if not declared. */
static int column_index(const table *t, const char *kind, const char *name, char *why, size_t wlen)
{
    for (int k = 0; k < t->nkinds; k++) {
        if (strcmp(t->kinds[k].kind, kind) != 0) continue;
        for (int c = 0; c < t->kinds[k].n; c++)
            if (strcmp(t->kinds[k].name[c], name) == 0) return c + 1;
        snprintf(why, wlen, "%s declares no column '%s' for '%s' rows", t->path, name, kind);
        return 0;
    }
    snprintf(why, wlen, "%s declares no columns for '%s' rows", t->path, kind);
    return 0;
}

typedef struct {
    table t[MAX_TABLES];
    int n;
    long max_rows;
} table_cache;

static const table *cache_get(table_cache *c, const char *path)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->t[i].path, path) == 0) return &c->t[i];
    if (c->n == MAX_TABLES) { table_free(&c->t[0]); memmove(c->t, c->t + 1, (MAX_TABLES - 1) * sizeof c->t[0]); c->n--; }
    table *t = &c->t[c->n++];
    sl_status st = table_read(t, path, c->max_rows);
    if (st != SL_OK) {
        t->st = st;
        snprintf(t->err, sizeof t->err, "%s", sl_errmsg());
        t->nrows = 0; /* nothing of a refused file is used */
    }
    return t;
}

/* ---------------------------------------------------------------- tests */

enum { T_WITHIN, T_AT_LEAST, T_AT_MOST, T_GREATER, T_LOWER, T_BAND, T_RATIO, T_DECREASING, T_INCREASING,
       T_UNTESTABLE };
static const char *const test_names[] = {"within", "at_least", "at_most", "greater_than", "lower_than", "band",
                                         "ratio_between", "decreasing", "increasing", "untestable", NULL};
enum { A_MEAN, A_EACH, A_MAX, A_MIN, A_RMS };
static const char *const agg_names[] = {"mean", "each", "max", "min", "rms", NULL};
enum { K_PAPER, K_SUITE, K_SANITY };
static const char *const kind_names[] = {"paper", "suite", "sanity", NULL};
static const char *const expect_names[] = {"match", "mismatch", NULL};
static const char *const band_source_names[] = {"paper", "preregistered", "pilot", NULL};
enum { R_NONE, R_PAPER, R_NOTEBOOK, R_THRESHOLD, R_VALUE };

typedef struct {
    int test, agg;
    int than_agg; /* how the than_row values combine (-1: as agg), e.g. max against min: a spread */
    const char *results, *column, *key;
    const char *pool[MAX_POOL]; /* further results files whose selected rows follow those of results */
    size_t npool;
    const char *than_column; /* the comparison rows' column (NULL: column) */
    char row[MAX_SEL][64], than[MAX_SEL][64];
    size_t nrow, nthan;
    int ref_kind; /* R_* */
    double ref, ref_err, tol, lo, hi;
    long holds_at; /* -1: every point */
    int ci;        /* SL_CI_*: a verdict with confidence over the selected realisations */
    double level;  /* its confidence level (0.95) */
    long ci_draws, ci_seed; /* bootstrap resamples and seed */
} spec;

typedef struct {
    int ok, invalid, undecided;
    int absent; /* invalid because the rows, the column or the file are not there (a control not yet run) */
    char ours[96], why[256];
} outcome;

/* A control's transformation of the claim's values (after its rows are read). */
enum { X_NONE, X_ZERO, X_CONSTANT, X_SHUFFLE, X_RANDOM };
static const char *const xform_names[] = {"none", "zero", "constant", "shuffle", "random", NULL};
typedef struct {
    int kind;     /* X_* */
    double value; /* X_CONSTANT: the constant (NAN: the mean of the claim's values) */
    long seed;    /* X_SHUFFLE, X_RANDOM: draw d uses sl_seed_derive(seed, 0, d) */
} xform;

static int needs_ref(int test) { return test <= T_LOWER || test == T_RATIO; }

static int point_ok(const spec *s, double a, double b)
{
    switch (s->test) {
    case T_WITHIN: return fabs(a - b) <= s->tol;
    case T_AT_LEAST: return a >= b - s->tol;
    case T_AT_MOST: return a <= b + s->tol;
    case T_GREATER: return a > b + s->tol;
    case T_LOWER: return a < b - s->tol;
    case T_BAND: return a >= s->lo && a <= s->hi;
    case T_RATIO: return b != 0 && a / b >= s->lo && a / b <= s->hi;
    default: return 0;
    }
}

static int row_matches(const table *t, long r, const char (*sel)[64], size_t nsel)
{
    if ((size_t)t->nf[r] < nsel) return 0;
    for (size_t i = 0; i < nsel; i++)
        if (strcmp(sel[i], "*") != 0 && strcmp(t->f[r][i], sel[i]) != 0) return 0;
    return 1;
}

static int field_num(const table *t, long r, int col, double *v)
{
    if (col < 1 || col > t->nf[r]) return 0;
    char *end;
    *v = strtod(t->f[r][col - 1], &end);
    return end != t->f[r][col - 1] && *end == 0 && isfinite(*v);
}

/* Values (and keys) of the rows matching sel. Returns the count, or -1 with `why`. */
static long collect(const table *t, const char (*sel)[64], size_t nsel, int col, int keycol, double *vals,
                    double *keys, char *why, size_t wlen)
{
    long n = 0;
    for (long r = 0; r < t->nrows; r++) {
        if (!row_matches(t, r, sel, nsel)) continue;
        double v, k = 0;
        if (!field_num(t, r, col, &v) || (keycol && !field_num(t, r, keycol, &k))) {
            snprintf(why, wlen, "%s: a selected row has no finite number in the value or key column", t->path);
            return -1;
        }
        vals[n] = v;
        keys[n++] = k;
    }
    return n;
}

static double aggregate(int agg, const double *v, long n)
{
    double x = agg == A_MAX ? -INFINITY : agg == A_MIN ? INFINITY : 0;
    for (long i = 0; i < n; i++)
        x = agg == A_MAX ? fmax(x, v[i]) : agg == A_MIN ? fmin(x, v[i]) : x + (agg == A_RMS ? v[i] * v[i] : v[i]);
    return agg == A_MEAN ? x / n : agg == A_RMS ? sqrt(x / n) : x;
}

static void sel_text(const char (*sel)[64], size_t n, char *out, size_t len)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 1; i < n && used < len; i++) /* the row kind is implied */
        used += (size_t)snprintf(out + used, len - used, "%s%s", i > 1 ? " " : "", sel[i]);
}

/* Apply a control's transformation (draw d) to the claim's values a (na) and
 * the comparison values b (nb). zero: a := 0; constant: a := value (or the
 * mean of a); shuffle: the pooled a and b permuted and split again (a alone
 * permuted among its points when there is no b); random: a uniform in the
 * range of the pooled values. */
static int apply_xform(const xform *x, long d, double *a, long na, double *b, long nb)
{
    if (!x || x->kind == X_NONE) return 0;
    if (x->kind == X_ZERO || x->kind == X_CONSTANT) {
        double c = x->kind == X_ZERO ? 0 : x->value;
        if (isnan(c)) c = aggregate(A_MEAN, a, na);
        for (long i = 0; i < na; i++) a[i] = c;
        return 0;
    }
    gsl_rng *r = sl_rng_new(sl_seed_derive((uint64_t)x->seed, 0, (uint64_t)d));
    double *pool = malloc((size_t)(na + nb) * sizeof *pool);
    uint32_t *idx = malloc((size_t)(na + nb) * sizeof *idx);
    if (!r || !pool || !idx) { if (r) gsl_rng_free(r); free(pool); free(idx); return -1; }
    long n = na + nb;
    for (long i = 0; i < n; i++) { pool[i] = i < na ? a[i] : b[i - na]; idx[i] = (uint32_t)i; }
    if (x->kind == X_SHUFFLE) {
        sl_rng_shuffle(r, idx, (size_t)n);
        for (long i = 0; i < n; i++) {
            if (i < na) a[i] = pool[idx[i]];
            else b[i - na] = pool[idx[i]];
        }
    } else {
        double lo = aggregate(A_MIN, pool, n), hi = aggregate(A_MAX, pool, n);
        for (long i = 0; i < na; i++) a[i] = lo + (hi - lo) * gsl_rng_uniform(r);
    }
    gsl_rng_free(r);
    free(pool);
    free(idx);
    return 0;
}

/* The region of x = a − b (x = a for band) that the test accepts. */
static sl_region test_region(const spec *s)
{
    sl_region r = {-INFINITY, INFINITY, 0, 0};
    switch (s->test) {
    case T_WITHIN: r.lo = -s->tol; r.hi = s->tol; break;
    case T_AT_LEAST: r.lo = -s->tol; break;
    case T_AT_MOST: r.hi = s->tol; break;
    case T_GREATER: r.lo = s->tol; r.lo_open = 1; break;
    case T_LOWER: r.hi = -s->tol; r.hi_open = 1; break;
    case T_BAND: r.lo = s->lo; r.hi = s->hi; break;
    default: break;
    }
    return r;
}

/* The verdict with confidence of an aggregate-mean claim over its realisations. */
static void evaluate_ci(const spec *s, const double *av, long na, const double *bv, long nb, outcome *o)
{
    sl_ci_result r;
    double ref = s->nthan || s->test == T_BAND ? 0 : s->ref;
    if (na < 2 || nb == 1) { /* too few to decide: undecided, not invalid (more runs decide it) */
        o->undecided = 1;
        snprintf(o->ours, sizeof o->ours, "(%ld vs %ld realisations)", na, nb);
        snprintf(o->why, sizeof o->why, "an interval needs at least 2 realisations on each side");
        return;
    }
    if (sl_ci_verdict(s->ci, s->level, s->ci_draws, (uint64_t)s->ci_seed, av, (size_t)na, bv, (size_t)nb, ref,
                      test_region(s), &r) != 0) {
        o->invalid = 1;
        snprintf(o->why, sizeof o->why, "%s: no interval (out of memory)", s->results);
        return;
    }
    double shift = s->nthan || s->test == T_BAND ? 0 : s->ref; /* show a, not a − ref */
    snprintf(o->ours, sizeof o->ours, "%s%.4g [%.4g, %.4g] %s; halves %.4g, %.4g", s->nthan ? "diff " : "",
             r.x + shift, r.ci_lo + shift, r.ci_hi + shift, s->ci == SL_CI_T ? "t" : "boot", r.half[0] + shift,
             r.half[1] + shift);
    o->ok = r.verdict == SL_VERDICT_MATCH;
    o->undecided = r.verdict == SL_VERDICT_UNDECIDED;
    if (o->undecided) {
        int len = snprintf(o->why, sizeof o->why, "%s with %ld realisations",
                           r.split_disagrees ? "the halves disagree with the whole" : "the interval straddles the band", na);
        if (r.n_needed > 0 && len > 0 && (size_t)len < sizeof o->why)
            snprintf(o->why + len, sizeof o->why - (size_t)len, "; about %ld at this spread", r.n_needed);
    }
}

/* Selected values (and keys) of a claim, gathered file by file. */
typedef struct {
    double *v, *k;
    long n, cap;
} values;

static int values_reserve(values *w, long more)
{
    if (w->v && w->n + more <= w->cap) return 0;
    long cap = w->n + more + 16;
    double *v = realloc(w->v, (size_t)cap * sizeof *v), *k = v ? realloc(w->k, (size_t)cap * sizeof *k) : NULL;
    if (v) w->v = v;
    if (!k) return -1;
    w->k = k;
    w->cap = cap;
    return 0;
}

/* Append the rows of `path` that s selects (row into a, than_row into b).
 * Returns 0, or -1 with o invalid (absent: the file, a column or the rows are
 * not there). A table from the cache is used before the next cache_get, which
 * may move it. */
static int gather(table_cache *cache, const spec *s, const char *path, values *a, values *b, outcome *o)
{
    if (access(path, F_OK) != 0) {
        o->invalid = o->absent = 1;
        snprintf(o->ours, sizeof o->ours, "(no results file)");
        snprintf(o->why, sizeof o->why, "%s does not exist", path);
        return -1;
    }
    const table *t = cache_get(cache, path);
    if (t->st != SL_OK) {
        o->invalid = 1;
        snprintf(o->ours, sizeof o->ours, "(no valid results)");
        snprintf(o->why, sizeof o->why, "%s", t->err);
        return -1;
    }
    int col = column_index(t, s->row[0], s->column, o->why, sizeof o->why), keycol = 0, tcol = 0;
    if (col && s->key) keycol = column_index(t, s->row[0], s->key, o->why, sizeof o->why);
    if (col && s->nthan)
        tcol = column_index(t, s->than[0], s->than_column ? s->than_column : s->column, o->why, sizeof o->why);
    int tkey = 0;
    if (col && s->nthan && s->key) tkey = column_index(t, s->than[0], s->key, o->why, sizeof o->why);
    if (!col || (s->key && !keycol) || (s->nthan && !tcol) || (s->nthan && s->key && !tkey)) {
        o->invalid = o->absent = 1;
        snprintf(o->ours, sizeof o->ours, "(unknown column)");
        return -1;
    }
    if (values_reserve(a, t->nrows) || values_reserve(b, t->nrows)) {
        o->invalid = 1;
        snprintf(o->why, sizeof o->why, "out of memory");
        return -1;
    }
    long na = collect(t, (const char (*)[64])s->row, s->nrow, col, keycol, a->v + a->n, a->k + a->n, o->why,
                      sizeof o->why), nb = 0;
    if (na >= 0 && s->nthan)
        nb = collect(t, (const char (*)[64])s->than, s->nthan, tcol, tkey, b->v + b->n, b->k + b->n, o->why,
                     sizeof o->why);
    if (na < 0 || nb < 0) {
        o->invalid = 1;
        snprintf(o->ours, sizeof o->ours, "(bad field)");
        return -1;
    }
    if (na == 0 || (s->nthan && nb == 0)) {
        char rs[96];
        o->invalid = o->absent = 1;
        sel_text((const char (*)[64])(na == 0 ? s->row : s->than), na == 0 ? s->nrow : s->nthan, rs, sizeof rs);
        snprintf(o->ours, sizeof o->ours, "(0 rows)");
        snprintf(o->why, sizeof o->why, "%s: no '%s' rows match [%s]", path, na == 0 ? s->row[0] : s->than[0], rs);
        return -1;
    }
    a->n += na;
    b->n += nb;
    return 0;
}

static void evaluate(table_cache *cache, const spec *s, const xform *x, long draw, outcome *o)
{
    memset(o, 0, sizeof *o);
    values va = {0}, vb = {0};
    int got = 0;
    for (size_t f = 0; f <= s->npool && got == 0; f++)
        got = gather(cache, s, f ? s->pool[f - 1] : s->results, &va, &vb, o);
    double *av = va.v, *ak = va.k, *bv = vb.v, *bk = vb.k;
    long na = va.n, nb = vb.n;
    if (got != 0) {
        /* o says why */
    } else if (apply_xform(x, draw, av, na, bv, nb) != 0) {
        o->invalid = 1;
        snprintf(o->why, sizeof o->why, "out of memory");
    } else if (s->test == T_DECREASING || s->test == T_INCREASING) {
        for (long a = 1; a < na; a++) /* order by key: few rows */
            for (long b = a; b > 0 && ak[b - 1] > ak[b]; b--) {
                double tk = ak[b]; ak[b] = ak[b - 1]; ak[b - 1] = tk;
                double tv = av[b]; av[b] = av[b - 1]; av[b - 1] = tv;
            }
        long steps = 0, good = 0;
        for (long c = 1; c < na; c++) {
            if (ak[c] == ak[c - 1]) { o->invalid = 1; snprintf(o->why, sizeof o->why, "%s: two rows share key %g", s->results, ak[c]); }
            steps++;
            good += s->test == T_DECREASING ? av[c] < av[c - 1] : av[c] > av[c - 1];
        }
        if (steps == 0) { o->invalid = 1; snprintf(o->why, sizeof o->why, "%s: one point has no order", s->results); }
        snprintf(o->ours, sizeof o->ours, "%ld/%ld steps", good, steps);
        o->ok = !o->invalid && (s->holds_at < 0 ? good == steps : good == s->holds_at);
    } else if (s->agg == A_EACH) {
        long pass = 0;
        double lo = INFINITY, hi = -INFINITY;
        for (long i = 0; i < na && !o->invalid; i++) {
            double b = s->ref;
            if (s->nthan && !s->key) {
                if (nb != 1) {
                    o->invalid = 1;
                    snprintf(o->ours, sizeof o->ours, "(unpaired points)");
                    snprintf(o->why, sizeof o->why, "%s: than_row selects %ld rows; give key to pair them, or select one",
                             s->results, nb);
                    break;
                }
                b = bv[0];
            } else if (s->nthan) {
                long partner = -1, count = 0;
                for (long j = 0; j < nb; j++)
                    if (bk[j] == ak[i]) { partner = j; count++; }
                if (count != 1) {
                    o->invalid = 1;
                    snprintf(o->ours, sizeof o->ours, "(unpaired point)");
                    snprintf(o->why, sizeof o->why, "%s: the point with %s = %g has %ld comparison rows, not 1",
                             s->results, s->key, ak[i], count);
                    break;
                }
                b = bv[partner];
            }
            double shown = s->test == T_RATIO ? av[i] / b : (s->nthan ? av[i] - b : av[i]);
            lo = fmin(lo, shown);
            hi = fmax(hi, shown);
            pass += point_ok(s, av[i], b);
        }
        if (!o->invalid) {
            snprintf(o->ours, sizeof o->ours, "%ld/%ld pts, %s %.4g..%.4g", pass, na,
                     s->test == T_RATIO ? "ratio" : s->nthan ? "diff" : "", lo, hi);
            o->ok = s->holds_at < 0 ? pass == na : pass == s->holds_at;
        }
    } else if (s->ci != SL_CI_NONE) {
        evaluate_ci(s, av, na, bv, s->nthan ? nb : 0, o);
    } else {
        double a = aggregate(s->agg, av, na),
               b = s->nthan ? aggregate(s->than_agg >= 0 ? s->than_agg : s->agg, bv, nb) : s->ref;
        if (s->test == T_RATIO) snprintf(o->ours, sizeof o->ours, "%.4g (ratio %.4g)", a, a / b);
        else if (s->nthan) snprintf(o->ours, sizeof o->ours, "%.4g vs %.4g", a, b);
        else snprintf(o->ours, sizeof o->ours, "%.4g", a);
        o->ok = point_ok(s, a, b);
    }
    free(va.v); free(va.k); free(vb.v); free(vb.k);
}

/* ---------------------------------------------------------------- the claims file */

static sl_status read_sel(const sl_config *cfg, const char *key, char (*sel)[64], size_t *n)
{
    char k[200];
    size_t len = 0;
    SL_TRY(sl_config_seq_len(cfg, key, &len));
    if (len > MAX_SEL) return sl_fail(SL_ECONFIG, "%s: %s has more than %d fields", sl_config_path(cfg), key, MAX_SEL);
    for (size_t i = 0; i < len; i++) {
        const char *s = "";
        snprintf(k, sizeof k, "%s.%zu", key, i);
        SL_TRY(sl_config_string(cfg, k, &s));
        snprintf(sel[i], 64, "%s", s);
    }
    *n = len;
    return SL_OK;
}

/* Read the test keys under prefix p into s (which holds the inherited values). */
static sl_status read_spec(const sl_config *cfg, const char *p, const char *id, int observed, spec *s)
{
    char k[200];
#define KEY(name) (snprintf(k, sizeof k, "%s.%s", p, name), k)
    const char *path = sl_config_path(cfg);
    SL_TRY(sl_config_enum(cfg, KEY("test"), test_names, &s->test));
    SL_TRY(sl_config_enum(cfg, KEY("aggregate"), agg_names, &s->agg));
    const int own_than_agg = sl_config_has(cfg, KEY("than_aggregate"));
    SL_TRY(sl_config_enum(cfg, k, agg_names, &s->than_agg));
    SL_TRY(sl_config_string(cfg, KEY("column"), &s->column));
    SL_TRY(sl_config_string(cfg, KEY("key"), &s->key));
    if (sl_config_has(cfg, KEY("row"))) SL_TRY(read_sel(cfg, k, s->row, &s->nrow));
    if (sl_config_has(cfg, KEY("than_row"))) SL_TRY(read_sel(cfg, k, s->than, &s->nthan));
    const int own_than_column = sl_config_has(cfg, KEY("than_column"));
    SL_TRY(sl_config_string(cfg, k, &s->than_column));
    SL_TRY(sl_config_double(cfg, KEY("tolerance"), 0, 1e300, &s->tol));
    int has_lo = sl_config_has(cfg, KEY("lo")), has_hi = sl_config_has(cfg, KEY("hi"));
    SL_TRY(sl_config_double(cfg, KEY("lo"), -1e300, 1e300, &s->lo));
    SL_TRY(sl_config_double(cfg, KEY("hi"), -1e300, 1e300, &s->hi));
    SL_TRY(sl_config_int(cfg, KEY("holds_at"), 0, 1000000, &s->holds_at));
    static const char *const refs[] = {"paper", "notebook", "threshold", "value"};
    int nref = 0;
    for (int r = observed ? 3 : 0; r < (observed ? 4 : 3); r++)
        if (sl_config_has(cfg, KEY(refs[r]))) {
            SL_TRY(sl_config_double(cfg, k, -1e300, 1e300, &s->ref));
            s->ref_kind = R_PAPER + r;
            nref++;
        }
    if (!observed) SL_TRY(sl_config_double(cfg, KEY("paper_err"), 0, 1e300, &s->ref_err));
    static const char *const ci_names[] = {"none", "t", "bootstrap", NULL};
    SL_TRY(sl_config_enum(cfg, KEY("interval"), ci_names, &s->ci));
    SL_TRY(sl_config_double(cfg, KEY("level"), 0.5, 0.9999, &s->level));
    SL_TRY(sl_config_int(cfg, KEY("draws"), 100, 1000000, &s->ci_draws));
    SL_TRY(sl_config_int(cfg, KEY("seed"), 0, 2147483647L, &s->ci_seed));
#undef KEY
    if (s->test == T_UNTESTABLE) {
        if (observed) return sl_fail(SL_ECONFIG, "%s: claim %s: an observed test cannot be untestable", path, id);
        return SL_OK;
    }
    if (nref > 1)
        return sl_fail(SL_ECONFIG, "%s: claim %s: give one of paper, notebook, threshold", path, id);
    if (!s->results) return sl_fail(SL_ECONFIG, "%s: claim %s needs 'results'", path, id);
    if (!s->nrow) return sl_fail(SL_ECONFIG, "%s: claim %s needs 'row' (its first field is the row kind)", path, id);
    if (!s->column) return sl_fail(SL_ECONFIG, "%s: claim %s needs 'column' (a header name)", path, id);
    if (s->agg < 0) return sl_fail(SL_ECONFIG, "%s: claim %s needs 'aggregate' (mean, each, max, min)", path, id);
    if (needs_ref(s->test) && !s->nthan && s->ref_kind == R_NONE)
        return sl_fail(SL_ECONFIG, "%s: claim %s: test %s needs than_row or a reference number", path, id,
                       test_names[s->test]);
    if (own_than_column && !s->nthan)
        return sl_fail(SL_ECONFIG, "%s: claim %s: than_column names the column of than_row rows: give than_row", path, id);
    if (needs_ref(s->test) && s->nthan && nref)
        return sl_fail(SL_ECONFIG, "%s: claim %s: a reference number and than_row (compare with one)", path, id);
    if ((s->test == T_BAND || s->test == T_RATIO) && !(has_lo && has_hi))
        return sl_fail(SL_ECONFIG, "%s: claim %s: test %s needs lo and hi", path, id, test_names[s->test]);
    if ((s->test == T_DECREASING || s->test == T_INCREASING) && (!s->key || s->agg != A_EACH))
        return sl_fail(SL_ECONFIG, "%s: claim %s: test %s needs key and aggregate: each", path, id,
                       test_names[s->test]);
    if (s->holds_at >= 0 && s->agg != A_EACH)
        return sl_fail(SL_ECONFIG, "%s: claim %s: holds_at needs aggregate: each", path, id);
    if (own_than_agg && (!s->nthan || s->agg == A_EACH || s->than_agg == A_EACH || s->ci != SL_CI_NONE))
        return sl_fail(SL_ECONFIG, "%s: claim %s: than_aggregate combines than_row values into one number "
                       "(give than_row; not each, no interval)", path, id);
    if (s->ci != SL_CI_NONE && (s->agg != A_MEAN || s->test == T_RATIO))
        return sl_fail(SL_ECONFIG, "%s: claim %s: an interval needs aggregate: mean and a test other than ratio_between",
                       path, id);
    return SL_OK;
}

/* ---------------------------------------------------------------- controls */

/* A claim's control: a null result its test must fail on. Rows of the same
 * (or another) results file — the overrides below replace the claim's — and/or
 * a transformation of the values (xform). */
enum { O_RESULTS = 1, O_ROW = 2, O_THAN = 4, O_COLUMN = 8, O_THAN_COLUMN = 16, O_KEY = 32, O_AGG = 64 };
typedef struct {
    int set; /* O_* */
    int agg; /* O_AGG: the null's statistic over its rows (e.g. rms of the exact solution: the zero function's error) */
    const char *results, *column, *than_column, *key;
    char row[MAX_SEL][64], than[MAX_SEL][64];
    size_t nrow, nthan;
    xform x;
    long draws;          /* transformations drawn at random: void when more than 5 % pass */
    const char *pending; /* what the rerun must produce (data not yet run is then not a failure) */
    char label[96];
} control;

enum { C_REJECTED, C_VOID, C_PENDING, C_INVALID };

static sl_status read_control(const sl_config *cfg, const char *p, const char *id, const spec *s, control *c)
{
    char k[200];
#define KEY(name) (snprintf(k, sizeof k, "%s.%s", p, name), k)
    const char *path = sl_config_path(cfg), *note = NULL;
    memset(c, 0, sizeof *c);
    c->x.kind = X_NONE;
    c->x.value = NAN;
    c->x.seed = 1;
    c->draws = -1;
    if (sl_config_has(cfg, KEY("results"))) { c->set |= O_RESULTS; SL_TRY(sl_config_string(cfg, k, &c->results)); }
    if (sl_config_has(cfg, KEY("row"))) { c->set |= O_ROW; SL_TRY(read_sel(cfg, k, c->row, &c->nrow)); }
    if (sl_config_has(cfg, KEY("than_row"))) { c->set |= O_THAN; SL_TRY(read_sel(cfg, k, c->than, &c->nthan)); }
    if (sl_config_has(cfg, KEY("column"))) { c->set |= O_COLUMN; SL_TRY(sl_config_string(cfg, k, &c->column)); }
    if (sl_config_has(cfg, KEY("than_column"))) { c->set |= O_THAN_COLUMN; SL_TRY(sl_config_string(cfg, k, &c->than_column)); }
    if (sl_config_has(cfg, KEY("key"))) { c->set |= O_KEY; SL_TRY(sl_config_string(cfg, k, &c->key)); }
    if (sl_config_has(cfg, KEY("aggregate"))) { c->set |= O_AGG; SL_TRY(sl_config_enum(cfg, k, agg_names, &c->agg)); }
    if (c->set & O_AGG && (c->agg == A_EACH) != (s->agg == A_EACH))
        return sl_fail(SL_ECONFIG, "%s: claim %s: a control's aggregate cannot change between each and one number",
                       path, id);
    SL_TRY(sl_config_enum(cfg, KEY("transform"), xform_names, &c->x.kind));
    int has_value = sl_config_has(cfg, KEY("value"));
    SL_TRY(sl_config_double(cfg, k, -1e300, 1e300, &c->x.value));
    SL_TRY(sl_config_int(cfg, KEY("seed"), 0, 2147483647L, &c->x.seed));
    SL_TRY(sl_config_int(cfg, KEY("draws"), 1, 100000, &c->draws));
    SL_TRY(sl_config_string(cfg, KEY("pending"), &c->pending));
    SL_TRY(sl_config_string(cfg, KEY("note"), &note));
#undef KEY
    if (!c->set && c->x.kind == X_NONE)
        return sl_fail(SL_ECONFIG, "%s: claim %s: a control needs rows (row, than_row, column, results) or a transform",
                       path, id);
    if (has_value && c->x.kind != X_CONSTANT)
        return sl_fail(SL_ECONFIG, "%s: claim %s: a control's value belongs to transform: constant", path, id);
    int random = c->x.kind == X_SHUFFLE || c->x.kind == X_RANDOM;
    if (!random && c->draws > 0)
        return sl_fail(SL_ECONFIG, "%s: claim %s: draws belong to transform: shuffle or random", path, id);
    if (random && c->draws < 0) c->draws = 100;
    if (!random) c->draws = 1;
    int than = c->set & O_THAN ? c->nthan > 0 : s->nthan > 0;
    if (c->x.kind == X_SHUFFLE && !than && s->agg != A_EACH)
        return sl_fail(SL_ECONFIG, "%s: claim %s: shuffling one set of values leaves its %s unchanged: choose another control",
                       path, id, agg_names[s->agg]);
    size_t used = 0;
    c->label[0] = 0;
    if (c->set) {
        char sel[64] = "";
        if (c->set & O_ROW) sel_text((const char (*)[64])c->row, c->nrow, sel, sizeof sel);
        const char *file = c->set & O_RESULTS ? strrchr(c->results, '/') : NULL; /* named when it is another file */
        file = file ? file + 1 : c->set & O_RESULTS ? c->results : "";
        used = (size_t)snprintf(c->label, sizeof c->label, "%s%s%s%s%s%s", file, *file ? " " : "",
                                c->set & O_ROW ? "rows [" : "data", sel, c->set & O_ROW ? "]" : "",
                                c->set & O_COLUMN ? " " : "");
        if (c->set & O_COLUMN && used < sizeof c->label)
            used += (size_t)snprintf(c->label + used, sizeof c->label - used, "%s", c->column);
    }
    if (c->x.kind != X_NONE && used < sizeof c->label) {
        if (c->x.kind == X_CONSTANT && !isnan(c->x.value))
            snprintf(c->label + used, sizeof c->label - used, "%sconstant %g", used ? ", " : "", c->x.value);
        else if (random)
            snprintf(c->label + used, sizeof c->label - used, "%s%s x%ld", used ? ", " : "", xform_names[c->x.kind],
                     c->draws);
        else snprintf(c->label + used, sizeof c->label - used, "%s%s", used ? ", " : "", xform_names[c->x.kind]);
    }
    return SL_OK;
}

static void control_spec(const control *c, spec *t)
{
    if (c->set & O_RESULTS) { t->results = c->results; t->npool = 0; } /* another file: that file alone */
    if (c->set & O_ROW) { memcpy(t->row, c->row, sizeof t->row); t->nrow = c->nrow; }
    if (c->set & O_THAN) { memcpy(t->than, c->than, sizeof t->than); t->nthan = c->nthan; }
    if (c->set & O_COLUMN) t->column = c->column;
    if (c->set & O_THAN_COLUMN) t->than_column = c->than_column;
    if (c->set & O_KEY) t->key = c->key;
    if (c->set & O_AGG) t->agg = c->agg;
}

/* Evaluate the tests (the claim's, or its observed tests for an expected
 * mismatch) on the control. The control passes a draw when every test holds
 * (with an interval: is a decided match). Void: a deterministic control
 * passes, or more than 5 % of random draws do. */
static int run_control(table_cache *cache, const control *c, const spec *tests, size_t nt, char *msg, size_t mlen)
{
    long pass = 0;
    outcome o;
    for (long d = 0; d < c->draws; d++) {
        int all = 1;
        for (size_t i = 0; i < nt && all; i++) {
            spec t = tests[i];
            control_spec(c, &t);
            evaluate(cache, &t, &c->x, d, &o);
            if (o.invalid) {
                if (o.absent && c->pending) {
                    snprintf(msg, mlen, "control %s: not yet run (%s)", c->label, c->pending);
                    return C_PENDING;
                }
                snprintf(msg, mlen, "CONTROL %s HAS NO VALID DATA: %s", c->label, o.why);
                return C_INVALID;
            }
            all = o.ok && !o.undecided;
        }
        pass += all;
    }
    int is_void = c->draws == 1 ? pass > 0 : pass * 20 > c->draws;
    char draws[64] = "";
    if (c->draws > 1) snprintf(draws, sizeof draws, " (%ld/%ld draws pass)", pass, c->draws);
    snprintf(msg, mlen, is_void ? "VOID: passes its control %s%s" : "control %s rejected%s", c->label, draws);
    return is_void ? C_VOID : C_REJECTED;
}

typedef struct {
    const char *id, *text, *note;
    int kind, expect, verdict_bad;
    int band_source;   /* -1 not said, 0 paper, 1 preregistered, 2 pilot */
    int controlled;    /* names at least one control */
    int n_void, n_pending; /* controls it passes; controls whose data is not yet run */
    const char *undecided_pending; /* what the rerun must add to decide it (an undecided verdict is then counted, not failed) */
    int undecided;
    spec main;
    outcome out;
    char ref_s[64], verdict[640];
} claim;

static void ref_text(const spec *s, char *out, size_t len)
{
    char sel[96];
    if (s->test == T_UNTESTABLE) snprintf(out, len, "-");
    else if (s->test == T_DECREASING || s->test == T_INCREASING) snprintf(out, len, "%s in %s", test_names[s->test], s->key);
    else if (s->test == T_BAND) snprintf(out, len, "[%g, %g] (ours)", s->lo, s->hi);
    else if (s->nthan) {
        sel_text((const char (*)[64])s->than, s->nthan, sel, sizeof sel);
        const char *ta = s->than_agg >= 0 ? agg_names[s->than_agg] : "";
        if (s->than_column)
            snprintf(out, len, "%s %s%s%s [%s]", s->test == T_RATIO ? "ratio to" : "vs", ta, *ta ? " " : "",
                     s->than_column, sel);
        else snprintf(out, len, "%s %s%s[%s]", s->test == T_RATIO ? "ratio to" : "vs", ta, *ta ? " " : "", sel);
    } else if (s->ref_kind == R_PAPER && s->ref_err > 0) snprintf(out, len, "paper %g ± %g", s->ref, s->ref_err);
    else if (s->ref_kind == R_THRESHOLD) snprintf(out, len, "threshold %g (ours)", s->ref);
    else snprintf(out, len, "%s %g", s->ref_kind == R_PAPER ? "paper" : "notebook", s->ref);
}

static void print_group(FILE *out, const claim *c, size_t n, int kind, int tsv)
{
    if (!tsv) {
        fprintf(out, "\n%s\n", kind == K_PAPER   ? "paper claims (reproduction)"
                               : kind == K_SUITE ? "suite checks (ours, not the paper's)"
                                                 : "sanity checks (hold by construction: guards of the code, not evidence; no control)");
        fprintf(out, "%-40s | %-18s | %-28s | %-30s | %s\n", "claim", "test", "paper / notebook / reference", "ours",
                "verdict");
        fprintf(out, "%.40s-+-%.18s-+-%.28s-+-%.30s-+-%s\n", "------------------------------------------------",
                "------------------------", "--------------------------------", "--------------------------------",
                "----------------");
    }
    for (size_t i = 0; i < n; i++) {
        if (c[i].kind != kind) continue;
        char test[48];
        if (c[i].main.test == T_UNTESTABLE) snprintf(test, sizeof test, "untestable");
        else snprintf(test, sizeof test, "%s %s", test_names[c[i].main.test], agg_names[c[i].main.agg]);
        if (tsv) {
            fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t", c[i].id, kind_names[c[i].kind], test, c[i].ref_s, c[i].out.ours,
                    c[i].verdict, expect_names[c[i].expect], !c[i].verdict_bad);
            for (const char *p = c[i].text; *p; p++) fputc(*p == '\t' || *p == '\n' ? ' ' : *p, out);
            fputc('\n', out);
        } else
            fprintf(out, "%-40s | %-18s | %-28s | %-30s | %s\n", c[i].id, test, c[i].ref_s, c[i].out.ours, c[i].verdict);
    }
}

/* Read the claims of one loaded file into c[*nc...] (n slots free), evaluating
 * each against its results (through cache); the claims point into cfg. */
static sl_status file_claims(sl_config *cfg, const char *claims_path, size_t n, const sl_claims_opts *opts,
                             table_cache *cache, claim *c, size_t *ncp)
{
    sl_status st = SL_OK;
    size_t nc = *ncp;
    for (size_t i = 0; i < n && st == SL_OK; i++) {
        char k[512], p[64];
        snprintf(p, sizeof p, "claims.%zu", i);
#define KEY(name) (snprintf(k, sizeof k, "%s.%s", p, name), k)
        claim *cl = &c[nc];
        memset(cl, 0, sizeof *cl); /* the slot of a claim skipped by `only` is reused */
        cl->id = "?"; cl->text = ""; cl->kind = -1;
        spec *s = &cl->main;
        s->agg = -1; s->holds_at = -1; s->lo = -INFINITY; s->hi = INFINITY;
        s->level = 0.95; s->ci_draws = 2000; s->ci_seed = 1; s->than_agg = -1;
        cl->band_source = -1;
        if ((st = sl_config_require(cfg, KEY("id"))) || (st = sl_config_string(cfg, k, &cl->id)) ||
            (st = sl_config_require(cfg, KEY("kind"))) || (st = sl_config_enum(cfg, k, kind_names, &cl->kind)) ||
            (st = sl_config_require(cfg, KEY("text"))) || (st = sl_config_string(cfg, k, &cl->text)) ||
            (st = sl_config_require(cfg, KEY("test"))) ||
            (st = sl_config_string(cfg, KEY("results"), &s->results)) ||
            (st = sl_config_enum(cfg, KEY("expect"), expect_names, &cl->expect)) ||
            (st = sl_config_string(cfg, KEY("note"), &cl->note)) || (st = read_spec(cfg, p, cl->id, 0, s)) ||
            (st = sl_config_enum(cfg, KEY("band_source"), band_source_names, &cl->band_source)) ||
            (st = sl_config_string(cfg, KEY("undecided_pending"), &cl->undecided_pending)))
            break;
        if (sl_config_has(cfg, KEY("pool"))) {
            if ((st = sl_config_seq_len(cfg, k, &s->npool)) != SL_OK) break;
            if (s->npool == 0 || s->npool > MAX_POOL) {
                st = sl_fail(SL_ECONFIG, "%s: claim %s: pool names 1 to %d results files", claims_path, cl->id, MAX_POOL);
                break;
            }
            for (size_t f = 0; f < s->npool && st == SL_OK; f++) {
                snprintf(k, sizeof k, "%s.pool.%zu", p, f);
                st = sl_config_string(cfg, k, &s->pool[f]);
            }
            if (st != SL_OK) break;
            if (s->ci == SL_CI_NONE) {
                st = sl_fail(SL_ECONFIG, "%s: claim %s: pool (further realisations) belongs to a claim with an interval",
                             claims_path, cl->id);
                break;
            }
        }
        if (cl->undecided_pending && s->ci == SL_CI_NONE) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: undecided_pending belongs to a claim with an interval", claims_path,
                         cl->id);
            break;
        }
        if (s->ci != SL_CI_NONE && cl->band_source < 0) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: a claim with an interval says where its band comes from "
                         "(band_source: paper | preregistered | pilot)", claims_path, cl->id);
            break;
        }
        if ((cl->expect == 1 || s->test == T_UNTESTABLE) && !cl->note) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: %s needs a note saying why", claims_path, cl->id,
                         cl->expect ? "an expected mismatch" : "an untestable statement");
            break;
        }
        if (cl->kind == K_SANITY && (!cl->note || cl->expect == 1 || s->ci != SL_CI_NONE || s->test == T_UNTESTABLE ||
                                     sl_config_has(cfg, KEY("control")))) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: a sanity check holds by construction: it needs a note saying why, "
                         "expects a match, and has no interval and no control (a claim with a null it must fail is "
                         "kind paper or suite)", claims_path, cl->id);
            break;
        }
        int has_obs = sl_config_has(cfg, KEY("observed"));
        if (cl->expect == 1 && !has_obs) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: an expected mismatch needs 'observed' (what we see instead, as a test)",
                         claims_path, cl->id);
            break;
        }
        if (cl->expect == 0 && has_obs) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: 'observed' belongs to expected mismatches", claims_path, cl->id);
            break;
        }
        if (s->test == T_UNTESTABLE && cl->expect == 1) {
            st = sl_fail(SL_ECONFIG, "%s: claim %s: untestable cannot expect a mismatch", claims_path, cl->id);
            break;
        }
        /* observed: one mapping or a list of them */
        char op[MAX_OBS][128];
        size_t nobs = 0;
        if (has_obs) {
            snprintf(k, sizeof k, "%s.observed.test", p);
            if (sl_config_has(cfg, k)) { snprintf(op[0], sizeof op[0], "%s.observed", p); nobs = 1; }
            else {
                if ((st = sl_config_seq_len(cfg, KEY("observed"), &nobs)) != SL_OK) break;
                if (nobs == 0 || nobs > MAX_OBS) {
                    st = sl_fail(SL_ECONFIG, "%s: claim %s: observed needs 1 to %d tests", claims_path, cl->id, MAX_OBS);
                    break;
                }
                for (size_t o = 0; o < nobs; o++) snprintf(op[o], sizeof op[o], "%s.observed.%zu", p, o);
            }
        }
        spec obs[MAX_OBS];
        for (size_t o = 0; o < nobs && st == SL_OK; o++) {
            obs[o] = *s;
            obs[o].holds_at = -1; obs[o].tol = 0; obs[o].lo = -INFINITY; obs[o].hi = INFINITY; /* its own */
            snprintf(k, sizeof k, "%s.test", op[o]);
            if ((st = sl_config_require(cfg, k)) == SL_OK) st = read_spec(cfg, op[o], cl->id, 1, &obs[o]);
        }
        if (st != SL_OK) break;
        /* control: one mapping or a list of them */
        control ctl[MAX_OBS];
        size_t nctl = 0;
        if (sl_config_has(cfg, KEY("control"))) {
            if (s->test == T_UNTESTABLE) {
                st = sl_fail(SL_ECONFIG, "%s: claim %s: an untestable statement has no control", claims_path, cl->id);
                break;
            }
            char cp[MAX_OBS][128];
            static const char *const ckeys[] = {"results", "row", "than_row", "column", "than_column", "key",
                                                "transform", "value", "seed", "draws", "pending", "note", "aggregate",
                                                NULL};
            int is_map = 0;
            for (const char *const *ck = ckeys; *ck && !is_map; ck++) {
                snprintf(k, sizeof k, "%s.control.%s", p, *ck);
                is_map = sl_config_has(cfg, k);
            }
            if (!is_map && (st = sl_config_seq_len(cfg, KEY("control"), &nctl)) != SL_OK) break;
            if (is_map || nctl == 0) { snprintf(cp[0], sizeof cp[0], "%s.control", p); nctl = 1; }
            else if (nctl > MAX_OBS) {
                st = sl_fail(SL_ECONFIG, "%s: claim %s: control needs 1 to %d entries", claims_path, cl->id, MAX_OBS);
                break;
            } else
                for (size_t o = 0; o < nctl; o++) snprintf(cp[o], sizeof cp[o], "%s.control.%zu", p, o);
            for (size_t o = 0; o < nctl && st == SL_OK; o++) st = read_control(cfg, cp[o], cl->id, s, &ctl[o]);
            if (st != SL_OK) break;
        }
        cl->controlled = nctl > 0;
        if (opts && opts->only && strncmp(cl->id, opts->only, strlen(opts->only)) != 0) continue;
        nc++;
        ref_text(s, cl->ref_s, sizeof cl->ref_s);
        if (s->test == T_UNTESTABLE) {
            snprintf(cl->out.ours, sizeof cl->out.ours, "-");
            snprintf(cl->verdict, sizeof cl->verdict, "untestable (see note)");
            continue;
        }
        evaluate(cache, s, NULL, 0, &cl->out);
        if (cl->out.invalid) {
            cl->verdict_bad = 1;
            snprintf(cl->verdict, sizeof cl->verdict, "NO VALID DATA: %s", cl->out.why);
        } else if (cl->out.undecided) {
            cl->undecided = 1;
            cl->verdict_bad = !cl->undecided_pending || (opts && opts->strict);
            if (cl->undecided_pending)
                snprintf(cl->verdict, sizeof cl->verdict, "undecided (%s): pending, %s", cl->out.why, cl->undecided_pending);
            else snprintf(cl->verdict, sizeof cl->verdict, "UNDECIDED (%s)", cl->out.why);
        } else if (cl->expect == 0) {
            cl->verdict_bad = !cl->out.ok;
            snprintf(cl->verdict, sizeof cl->verdict, "%s", cl->out.ok ? "match" : "MISMATCH");
        } else if (cl->out.ok) {
            cl->verdict_bad = 1;
            snprintf(cl->verdict, sizeof cl->verdict, "MATCH (recorded as mismatch: update claims)");
        } else {
            size_t bad_obs = nobs;
            outcome oo;
            for (size_t o = 0; o < nobs; o++) {
                evaluate(cache, &obs[o], NULL, 0, &oo);
                if (oo.invalid || !oo.ok) { bad_obs = o; break; }
            }
            if (bad_obs == nobs) snprintf(cl->verdict, sizeof cl->verdict, "mismatch (explained; observed holds)");
            else {
                cl->verdict_bad = 1;
                snprintf(cl->verdict, sizeof cl->verdict, "MISMATCH (observed test %zu fails: %s%s)", bad_obs + 1,
                         oo.invalid ? oo.why : "ours ", oo.invalid ? "" : oo.ours);
            }
        }
        /* the controls: the claim's test (or, for an expected mismatch, its
         * observed tests) must fail on each */
        for (size_t o = 0; o < nctl && !cl->out.invalid; o++) {
            char msg[400];
            if (cl->out.undecided) { /* nothing to compare the null with yet */
                size_t len = strlen(cl->verdict);
                if (len < sizeof cl->verdict)
                    snprintf(cl->verdict + len, sizeof cl->verdict - len, "; control %s: not evaluated (undecided)",
                             ctl[o].label);
                continue;
            }
            int cs = cl->expect == 0 ? run_control(cache, &ctl[o], s, 1, msg, sizeof msg)
                                     : run_control(cache, &ctl[o], obs, nobs, msg, sizeof msg);
            cl->n_void += cs == C_VOID;
            cl->n_pending += cs == C_PENDING;
            if (cs == C_VOID || cs == C_INVALID || (cs == C_PENDING && opts && opts->strict)) cl->verdict_bad = 1;
            size_t len = strlen(cl->verdict);
            if (len < sizeof cl->verdict) snprintf(cl->verdict + len, sizeof cl->verdict - len, "; %s", msg);
        }
        if (!cl->controlled && cl->kind != K_SANITY && opts && opts->strict && !cl->out.invalid) {
            cl->verdict_bad = 1;
            size_t len = strlen(cl->verdict);
            if (len < sizeof cl->verdict) snprintf(cl->verdict + len, sizeof cl->verdict - len, "; NO CONTROL (strict)");
        }
#undef KEY
    }
    if (st == SL_OK) st = sl_config_check_unused(cfg);
    *ncp = nc;
    return st;
}

sl_status sl_claims_check_opts(const char *claims_path, const sl_claims_opts *opts, FILE *out, int *n_bad)
{
    *n_bad = 0;
    /* a directory: every DIR/<paper>/claims.yaml, in name order; else one file */
    glob_t g = {0};
    const char *const *paths = &claims_path;
    size_t np = 1;
    struct stat sb;
    if (stat(claims_path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        char pat[4096];
        snprintf(pat, sizeof pat, "%s/*/claims.yaml", claims_path);
        if (glob(pat, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
            globfree(&g);
            return sl_fail(SL_ECONFIG, "%s: no claims file %s", claims_path, pat);
        }
        paths = (const char *const *)g.gl_pathv;
        np = g.gl_pathc;
    }
    sl_config **cfg = calloc(np, sizeof *cfg);
    size_t *len = calloc(np, sizeof *len), n = 0;
    sl_status st = cfg && len ? SL_OK : sl_fail(SL_ENOMEM, "claims");
    for (size_t f = 0; f < np && st == SL_OK; f++) {
        if ((st = sl_config_load(&cfg[f], paths[f])) != SL_OK) break;
        st = sl_config_seq_len(cfg[f], "claims", &len[f]);
        if (st == SL_OK && len[f] == 0) st = sl_fail(SL_ECONFIG, "%s: no claims", paths[f]);
        n += len[f];
    }
    claim *c = st == SL_OK ? calloc(n, sizeof *c) : NULL;
    table_cache *cache = st == SL_OK ? calloc(1, sizeof *cache) : NULL;
    if (st == SL_OK && (!c || !cache)) st = sl_fail(SL_ENOMEM, "claims");
    if (cache) cache->max_rows = opts && opts->max_rows > 0 ? opts->max_rows : SL_CLAIMS_MAX_ROWS;
    size_t nc = 0;
    for (size_t f = 0; f < np && st == SL_OK; f++) {
        size_t first = nc;
        st = file_claims(cfg[f], paths[f], len[f], opts, cache, c, &nc);
        for (size_t i = first; i < nc && st == SL_OK; i++) /* an id is one claim across every file */
            for (size_t j = 0; j < i; j++)
                if (strcmp(c[i].id, c[j].id) == 0) {
                    st = sl_fail(SL_ECONFIG, "%s: claim %s: the id is used twice", paths[f], c[i].id);
                    break;
                }
    }
    if (st == SL_OK) {
        for (size_t i = 0; i < nc; i++) *n_bad += c[i].verdict_bad;
        if (opts && opts->tsv) fprintf(out, "id\tkind\ttest\tpaper_or_notebook\tours\tverdict\texpect\tok\ttext\n");
        for (int kind = K_PAPER; kind <= K_SANITY; kind++) print_group(out, c, nc, kind, opts && opts->tsv);
        if (!(opts && opts->tsv)) {
            int tested = 0, controlled = 0, voids = 0, pending = 0, undecided = 0, sanity = 0;
            for (size_t i = 0; i < nc; i++) {
                if (c[i].kind == K_SANITY) sanity++;
                if (c[i].main.test == T_UNTESTABLE || c[i].kind == K_SANITY) continue;
                tested++;
                controlled += c[i].controlled;
                voids += c[i].n_void > 0;
                pending += c[i].n_pending > 0;
                undecided += c[i].undecided;
            }
            fprintf(out, "\ncontrols: %d of %d tested claims name a control; %d void (pass a control); "
                         "%d with a control not yet run; %d undecided; %d sanity checks (by construction, no control)%s\n",
                    controlled, tested, voids, pending, undecided, sanity,
                    opts && opts->strict ? " (strict: a control not yet run, none, or undecided fails)"
                                         : " (check --strict fails on those, on undecided ones marked pending, "
                                           "and on claims without a control)");
        }
    }
    if (cache)
        for (int i = 0; i < cache->n; i++) table_free(&cache->t[i]);
    free(cache);
    free(c);
    for (size_t f = 0; cfg && f < np; f++) sl_config_free(cfg[f]);
    free(cfg);
    free(len);
    globfree(&g);
    return st;
}

sl_status sl_claims_check(const char *claims_path, const char *only, FILE *out, int *n_bad)
{
    sl_claims_opts o = {only, 0, 0, 0};
    return sl_claims_check_opts(claims_path, &o, out, n_bad);
}

/* check --field FILE FIELD | --overrides FILE | --driver CONFIG (sl_header.h) */
static int header_main(int argc, char **argv)
{
    static char buf[16384], words[16384];
    sl_status st;
    if (strcmp(argv[1], "--field") == 0 && argc == 4) {
        if ((st = sl_header_field(argv[2], argv[3], buf, sizeof buf)) == SL_OK) printf("%s\n", buf);
    } else if (strcmp(argv[1], "--overrides") == 0 && argc == 3) {
        size_t len = 0;
        int n = 0;
        st = sl_header_field(argv[2], "overrides", buf, sizeof buf);
        if (st == SL_OK) st = sl_header_split_overrides(buf, words, sizeof words, &len, &n);
        if (st == SL_OK) fwrite(words, 1, len, stdout); /* each word NUL-terminated */
    } else if (strcmp(argv[1], "--commit") == 0 && argc == 2) {
        printf("%s\n", sl_prov_commit()); /* the label every results header gets (sl_results.h) */
        st = SL_OK;
    } else if (strcmp(argv[1], "--config-value") == 0 && argc == 4) {
        if ((st = sl_header_config_value(argv[2], argv[3], buf, sizeof buf)) == SL_OK) printf("%s\n", buf);
    } else if (strcmp(argv[1], "--driver") == 0 && argc == 3) {
        if ((st = sl_header_config_driver(argv[2], buf, sizeof buf)) == SL_OK) printf("%s\n", buf);
    } else {
        fprintf(stderr, "usage: %s --field RESULTS FIELD | --overrides RESULTS | --config-value RESULTS KEY | --driver CONFIG"
                        " | --commit\n", argv[0]);
        return 2;
    }
    if (st != SL_OK) {
        fprintf(stderr, "check: %s\n", sl_errmsg());
        return 1;
    }
    return 0;
}

int sl_claims_main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--field") || !strcmp(argv[1], "--overrides") || !strcmp(argv[1], "--driver") ||
                      !strcmp(argv[1], "--config-value") ||
                      !strcmp(argv[1], "--commit")))
        return header_main(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "--verify") == 0) {
        int bad = 0;
        for (int i = 2; i < argc; i++)
            if (sl_results_verify(argv[i]) != SL_OK) {
                fprintf(stderr, "check: %s\n", sl_errmsg());
                bad = 1;
            }
        return bad;
    }
    sl_claims_opts o = {NULL, 0, 0, 0};
    int a = 1;
    const char *env_strict = getenv("SPECLAB_CHECK_STRICT");
    o.strict = env_strict && strcmp(env_strict, "1") == 0;
    for (; argc > a && strncmp(argv[a], "--", 2) == 0; a++) {
        if (strcmp(argv[a], "--tsv") == 0) o.tsv = 1;
        else if (strcmp(argv[a], "--strict") == 0) o.strict = 1;
        else break;
    }
    if (argc - a < 1 || argc - a > 2) {
        fprintf(stderr, "usage: %s [--tsv] [--strict] CLAIMS.yaml|DIR [ID-PREFIX] | %s --verify RESULTS... | %s --field RESULTS FIELD"
                        " | %s --overrides RESULTS | %s --driver CONFIG\n", argv[0], argv[0], argv[0], argv[0], argv[0]);
        return 2;
    }
    if (argc - a == 2) o.only = argv[a + 1];
    int bad = 0;
    sl_status st = sl_claims_check_opts(argv[a], &o, stdout, &bad);
    if (st != SL_OK) {
        fprintf(stderr, "check: %s: %s\n", sl_strstatus(st), sl_errmsg());
        return 2;
    }
    if (!o.tsv)
        printf("\n%s\n", bad ? "check: some claims fail (a verdict differs from its claims file, or no valid data)"
                             : "check: all claims as expected");
    return bad ? 1 : 0;
}
