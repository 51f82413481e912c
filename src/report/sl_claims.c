#include "sl_claims.h"
#include "../core/sl_config.h"
#include "../core/sl_results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEL 8
#define MAX_ROWS 4096
#define MAX_FIELDS 32

typedef struct {
    int nrows;
    int nf[MAX_ROWS];
    char *f[MAX_ROWS][MAX_FIELDS];
    char *buf;
} table;

static void table_free(table *t)
{
    free(t->buf);
    memset(t, 0, sizeof *t);
}

/* Reads the data rows of a results file (after validating its header). */
static sl_status table_read(const char *path, table *t)
{
    memset(t, 0, sizeof *t);
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
    char *save = NULL;
    for (char *line = strtok_r(t->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#') continue;
        if (t->nrows == MAX_ROWS) break;
        int n = 0;
        char *s2 = NULL;
        for (char *w = strtok_r(line, " \t\r", &s2); w && n < MAX_FIELDS; w = strtok_r(NULL, " \t\r", &s2))
            t->f[t->nrows][n++] = w;
        if (n) t->nf[t->nrows++] = n;
    }
    return SL_OK;
}

static int row_matches(const table *t, int r, char sel[][64], size_t nsel)
{
    if ((size_t)t->nf[r] < nsel) return 0;
    for (size_t i = 0; i < nsel; i++)
        if (strcmp(t->f[r][i], sel[i]) != 0) return 0;
    return 1;
}

static int field_num(const table *t, int r, long col, double *v)
{
    if (col < 1 || col > t->nf[r]) return 0;
    char *end;
    *v = strtod(t->f[r][col - 1], &end);
    return *end == 0;
}

static sl_status read_sel(const sl_config *cfg, const char *key, char sel[][64], size_t *n)
{
    char k[128];
    size_t len = 0;
    *n = 0;
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

enum { T_WITHIN, T_AT_LEAST, T_AT_MOST, T_ALL_GREATER, T_DECREASING, T_INCREASING, T_LOWER_THAN, T_NEAR };
static const char *const test_names[] = {"within", "at_least", "at_most", "all_greater",
                                         "decreasing", "increasing", "lower_than", "near", NULL};
static const char *const expect_names[] = {"match", "mismatch", NULL};

/* Our value(s) for one claim: *ok is the test's outcome, ours_s its text. */
static sl_status evaluate(const char *results, char sel[][64], size_t nsel, char than[][64], size_t nthan,
                          long col, long keycol, int test, double paper, double tol,
                          char *ours_s, size_t ours_len, int *ok)
{
    table *tp = malloc(sizeof *tp);
    if (!tp) return sl_fail(SL_ENOMEM, "claims table");
    sl_status rs = table_read(results, tp);
    if (rs != SL_OK) { table_free(tp); free(tp); return rs; }
    const table *t = tp;
    double sum = 0, *keys = malloc(2 * MAX_ROWS * sizeof *keys), *vals = keys + MAX_ROWS;
    if (!keys) { table_free(tp); free(tp); return sl_fail(SL_ENOMEM, "claims table"); }
    int cnt = 0, bad_field = 0;
    *ok = 0;
    for (int r = 0; r < t->nrows; r++) {
        if (!row_matches(t, r, sel, nsel)) continue;
        double v, kv = 0;
        if (!field_num(t, r, col, &v) || (keycol && !field_num(t, r, keycol, &kv))) { bad_field = 1; continue; }
        keys[cnt] = kv;
        vals[cnt++] = v;
        sum += v;
    }
    if (cnt == 0 || bad_field) {
        snprintf(ours_s, ours_len, "(no matching rows)");
    } else if (test <= T_AT_MOST) {
        double ours = sum / cnt;
        snprintf(ours_s, ours_len, "%.4g", ours);
        *ok = test == T_WITHIN ? fabs(ours - paper) <= tol
            : test == T_AT_LEAST ? ours >= paper - tol : ours <= paper + tol;
    } else if (test == T_LOWER_THAN || test == T_NEAR) {
        double other = 0;
        int nother = 0;
        for (int r = 0; r < t->nrows; r++) {
            double v;
            if (row_matches(t, r, than, nthan) && field_num(t, r, col, &v)) { other += v; nother++; }
        }
        if (nother) {
            other /= nother;
            if (test == T_NEAR) {
                snprintf(ours_s, ours_len, "%.4g vs %.4g", sum / cnt, other);
                *ok = fabs(sum / cnt - other) <= tol;
            } else {
                snprintf(ours_s, ours_len, "%.4g < %.4g", sum / cnt, other);
                *ok = sum / cnt < other - tol;
            }
        } else snprintf(ours_s, ours_len, "(no than_row rows)");
    } else if (test == T_ALL_GREATER) {
        int pairs = 0, wins = 0;
        for (int r = 0; r < t->nrows; r++) {
            double kv, v;
            if (!row_matches(t, r, than, nthan) || !field_num(t, r, keycol, &kv) || !field_num(t, r, col, &v)) continue;
            for (int c = 0; c < cnt; c++)
                if (keys[c] == kv) { pairs++; wins += vals[c] > v - tol; }
        }
        snprintf(ours_s, ours_len, "%d of %d points", wins, pairs);
        *ok = pairs > 0 && wins == pairs;
    } else {
        for (int a = 1; a < cnt; a++) /* order by key: few rows */
            for (int b = a; b > 0 && keys[b - 1] > keys[b]; b--) {
                double tk = keys[b]; keys[b] = keys[b - 1]; keys[b - 1] = tk;
                double tv = vals[b]; vals[b] = vals[b - 1]; vals[b - 1] = tv;
            }
        int mono = 0;
        for (int c = 1; c < cnt; c++)
            mono += test == T_DECREASING ? vals[c] < vals[c - 1] : vals[c] > vals[c - 1];
        snprintf(ours_s, ours_len, "%d of %d steps", mono, cnt - 1);
        *ok = cnt > 1 && mono == cnt - 1;
    }
    free(keys);
    table_free(tp);
    free(tp);
    return SL_OK;
}

sl_status sl_claims_check(const char *claims_path, const char *only, FILE *out, int *n_bad)
{
    sl_config *cfg;
    *n_bad = 0;
    SL_TRY(sl_config_load(&cfg, claims_path));
    size_t n = 0;
    sl_status st = sl_config_seq_len(cfg, "claims", &n);
    if (st == SL_OK && n == 0) st = sl_fail(SL_ECONFIG, "%s: no claims", claims_path);
    if (st != SL_OK) { sl_config_free(cfg); return st; }

    fprintf(out, "%-38s | %-22s | %-24s | %s\n", "claim", "paper", "ours", "verdict");
    fprintf(out, "%.38s-+-%.22s-+-%.24s-+-%s\n", "----------------------------------------",
            "------------------------", "--------------------------", "----------------");
    for (size_t i = 0; i < n && st == SL_OK; i++) {
        char k[160], p[64];
        snprintf(p, sizeof p, "claims.%zu", i);
#define KEY(name) (snprintf(k, sizeof k, "%s.%s", p, name), k)
        const char *id = "?", *text = "", *results = NULL, *note = NULL;
        double paper = NAN, paper_err = NAN, tol = 0;
        long col = 0, keycol = 0;
        int test = T_WITHIN, expect = 0;
        char sel[MAX_SEL][64], than[MAX_SEL][64];
        size_t nsel = 0, nthan = 0;
        if ((st = sl_config_require(cfg, KEY("id"))) || (st = sl_config_string(cfg, k, &id)) ||
            (st = sl_config_string(cfg, KEY("text"), &text)) ||
            (st = sl_config_double(cfg, KEY("paper"), -1e300, 1e300, &paper)) ||
            (st = sl_config_double(cfg, KEY("paper_err"), 0, 1e300, &paper_err)) ||
            (st = sl_config_require(cfg, KEY("results"))) || (st = sl_config_string(cfg, k, &results)) ||
            (st = read_sel(cfg, KEY("row"), sel, &nsel)) ||
            (st = sl_config_require(cfg, KEY("column"))) || (st = sl_config_int(cfg, k, 1, MAX_FIELDS, &col)) ||
            (st = sl_config_enum(cfg, KEY("test"), test_names, &test)) ||
            (st = sl_config_double(cfg, KEY("tolerance"), 0, 1e300, &tol)) ||
            (st = read_sel(cfg, KEY("than_row"), than, &nthan)) ||
            (st = sl_config_int(cfg, KEY("key_column"), 1, MAX_FIELDS, &keycol)) ||
            (st = sl_config_enum(cfg, KEY("expect"), expect_names, &expect)) ||
            (st = sl_config_string(cfg, KEY("note"), &note)))
            break;
        if (test <= T_AT_MOST && isnan(paper)) { st = sl_fail(SL_ECONFIG, "%s: claim %s needs 'paper'", claims_path, id); break; }
        if ((test == T_LOWER_THAN || test == T_NEAR) && !nthan) { st = sl_fail(SL_ECONFIG, "%s: claim %s needs than_row", claims_path, id); break; }
        if (test == T_ALL_GREATER && (!nthan || !keycol)) { st = sl_fail(SL_ECONFIG, "%s: claim %s needs than_row and key_column", claims_path, id); break; }
        if ((test == T_DECREASING || test == T_INCREASING) && !keycol) { st = sl_fail(SL_ECONFIG, "%s: claim %s needs key_column", claims_path, id); break; }
        if (expect == 1 && !note) { st = sl_fail(SL_ECONFIG, "%s: claim %s expects a mismatch but has no note saying why", claims_path, id); break; }
        if (only && strncmp(id, only, strlen(only)) != 0) continue;

        char paper_s[64] = "", ours_s[64] = "";
        if (!isnan(paper)) {
            if (!isnan(paper_err)) snprintf(paper_s, sizeof paper_s, "%g ± %g", paper, paper_err);
            else snprintf(paper_s, sizeof paper_s, "%g", paper);
        } else snprintf(paper_s, sizeof paper_s, "%s", test_names[test]);

        int ok = 0;
        const char *verdict;
        sl_status rs = evaluate(results, sel, nsel, than, nthan, col, keycol, test, paper, tol,
                                ours_s, sizeof ours_s, &ok);
        if (rs != SL_OK) {
            verdict = "MISSING";
            (*n_bad)++;
            fprintf(out, "%-38s | %-22s | %-24s | %s: %s\n", id, paper_s, "(no valid results)", verdict, sl_errmsg());
            continue;
        }
        int as_expected = ok == (expect == 0);
        if (ok) verdict = expect == 0 ? "match" : "MATCH (recorded as mismatch: update claims)";
        else verdict = expect == 1 ? "mismatch (explained)" : "MISMATCH";
        if (!as_expected) (*n_bad)++;
        fprintf(out, "%-38s | %-22s | %-24s | %s\n", id, paper_s, ours_s, verdict);
        (void)text;
#undef KEY
    }
    if (st == SL_OK) st = sl_config_check_unused(cfg);
    sl_config_free(cfg);
    return st;
}
