/* test_claims — the claims checker can fail on every claim: for each test
 * kind a claim that passes on a results file and fails on a wrong one; every
 * structural failure (missing row, unknown column, zero rows, no comparison
 * rows, an unpaired point, a truncated file, a file beyond the row limit)
 * fails whatever `expect` says; an expected mismatch passes only while its
 * observed test holds; malformed claims are refused; output grouping and TSV;
 * a folder of papers (DIR/KEY/claims.yaml, found by name) checked as one list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/sl_claims.h"
#include "sl_test.h"

/* A results file with a valid provenance header around `body` (data rows and
 * '#' lines); the rows line counts the data rows. */
static void write_results(const char *path, const char *cols, const char *body)
{
    long rows = 0;
    for (const char *p = body; *p;) {
        const char *e = strchr(p, '\n');
        if (*p != '#' && *p != '\n') rows++;
        p = e ? e + 1 : p + strlen(p);
    }
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "# speclab-results v1\n# driver: test\n# commit: 0123456789ab\n# rows: %ld\n%s%s", rows, cols, body);
    fclose(f);
}

static const char *COLS = "# columns (summary): summary mode arch acc loss\n"
                          "# columns (ks): ks mode_a mode_b D   (a comment after the names)\n";
static const char *GOOD = "summary spec 0 0.50 0.9\nsummary spec 1 0.60 0.8\nsummary spec 2 0.70 0.7\n"
                          "summary sub 0 0.40 0.9\nsummary sub 1 0.50 0.8\nsummary sub 2 0.55 0.7\n"
                          "ks x y 0.10\n";
/* every number moved so that each claim below breaks */
static const char *BAD = "summary spec 0 0.45 0.9\nsummary spec 1 0.90 0.95\nsummary spec 2 0.60 0.7\n"
                         "summary sub 0 0.50 0.9\nsummary sub 1 0.50 0.8\nsummary sub 2 0.65 0.7\n"
                         "ks x y 0.30\n";

/* Check claims (the text after "claims:\n") with results R; returns the status,
 * *n_bad the failing claims, *out the printed table (caller frees). */
static sl_status run(const char *body, long max_rows, int tsv, int *n_bad, char **out)
{
    FILE *f = fopen("claims.yaml", "w");
    if (!f) return SL_EIO;
    fprintf(f, "claims:\n%s", body);
    fclose(f);
    size_t len = 0;
    char *buf = NULL;
    FILE *o = open_memstream(&buf, &len);
    sl_claims_opts opts = {NULL, tsv, max_rows, 0};
    *n_bad = -1;
    sl_status st = sl_claims_check_opts("claims.yaml", &opts, o, n_bad);
    fclose(o);
    if (out) *out = buf;
    else free(buf);
    return st;
}

/* One claim, with `R` replaced by the results file: must pass on good.dat and fail on bad.dat. */
static void pass_then_fail(const char *name, const char *claim)
{
    char body[2048], *out = NULL;
    int bad_good = -1, bad_bad = -1;
    for (int v = 0; v < 2; v++) {
        const char *file = v ? "bad.dat" : "good.dat";
        const char *r = strstr(claim, "R,");
        snprintf(body, sizeof body, "%.*s%s%s\n", (int)(r - claim), claim, file, r + 1);
        sl_status st = run(body, 0, 0, v ? &bad_bad : &bad_good, v ? NULL : &out);
        if (st != SL_OK) { SL_CHECK(0, name, "claims refused: %s", sl_errmsg()); free(out); return; }
    }
    SL_CHECK(bad_good == 0 && bad_bad == 1, name, "failing claims: %d on the right file, %d on the wrong one\n%s",
             bad_good, bad_bad, out ? out : "");
    free(out);
}

#define HEAD(id, kind) "  - {id: " id ", kind: " kind ", text: t, results: R, "

static void test_kinds(void)
{
    pass_then_fail("claims: within (mean) fails on a wrong value",
                   HEAD("w", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01}");
    pass_then_fail("claims: at_least (min) fails on a wrong value",
                   HEAD("a", "paper") "row: [summary, spec], column: acc, aggregate: min, test: at_least, threshold: 0.5}");
    pass_then_fail("claims: at_most (max) fails on a wrong value",
                   HEAD("m", "suite") "row: [summary, spec], column: acc, aggregate: max, test: at_most, notebook: 0.7}");
    pass_then_fail("claims: greater_than (each, paired by key) fails when one point flips",
                   HEAD("g", "paper") "row: [summary, spec], than_row: [summary, sub], key: arch, column: acc, aggregate: each, test: greater_than}");
    pass_then_fail("claims: lower_than (each) fails when one point flips",
                   HEAD("l", "paper") "row: [summary, sub], than_row: [summary, spec], key: arch, column: acc, aggregate: each, test: lower_than}");
    pass_then_fail("claims: band (each) fails when one point leaves it",
                   HEAD("b", "paper") "row: [summary, spec], column: acc, aggregate: each, test: band, lo: 0.5, hi: 0.7}");
    pass_then_fail("claims: ratio_between (each) fails on a wrong ratio",
                   HEAD("r", "paper") "row: [summary, spec], than_row: [summary, sub], key: arch, column: acc, aggregate: each, test: ratio_between, lo: 1.1, hi: 1.3}");
    pass_then_fail("claims: ratio_between against a number fails on a wrong ratio",
                   HEAD("rn", "paper") "row: [summary, spec, \"2\"], column: acc, aggregate: mean, test: ratio_between, notebook: 0.35, lo: 1.9, hi: 2.1}");
    pass_then_fail("claims: increasing fails when one step goes down",
                   HEAD("i", "paper") "row: [summary, spec], key: arch, column: acc, aggregate: each, test: increasing}");
    pass_then_fail("claims: decreasing fails when one step goes up",
                   HEAD("d", "paper") "row: [summary, spec], key: arch, column: loss, aggregate: each, test: decreasing}");
    pass_then_fail("claims: greater_than against than_row (mean of each side) fails on a wrong value",
                   HEAD("n", "paper") "row: [summary, spec], than_row: [summary, sub], column: acc, aggregate: mean, test: greater_than, tolerance: 0.11}");
    pass_then_fail("claims: each against one comparison row (broadcast) fails",
                   HEAD("bc", "paper") "row: [summary, spec], than_row: [summary, sub, \"0\"], column: acc, aggregate: each, test: greater_than}");
    pass_then_fail("claims: than_column compares with another column of the comparison rows (each, paired by key)",
                   HEAD("tc", "paper") "row: [summary, spec], than_row: [summary, sub], than_column: loss, key: arch, column: acc, aggregate: each, test: at_most}");
    pass_then_fail("claims: than_aggregate: the spread max/min of the same rows fails on a wrong spread",
                   HEAD("sp", "paper") "row: [summary, spec], than_row: [summary, spec], than_aggregate: min, column: acc, aggregate: max, test: ratio_between, lo: 1.3, hi: 1.5}");
    pass_then_fail("claims: holds_at (exactly N points) fails when a different number hold",
                   HEAD("h", "suite") "row: [summary, sub], column: acc, aggregate: each, test: band, lo: 0.45, hi: 1, holds_at: 2}");
    pass_then_fail("claims: a '*' field in the row selector matches any value (both modes at arch 1)",
                   HEAD("wc", "paper") "row: [summary, \"*\", \"1\"], column: acc, aggregate: mean, test: within, paper: 0.55, tolerance: 0.01}");
    pass_then_fail("claims: a second row kind's column (ks D) by name",
                   HEAD("k", "paper") "row: [ks, x, y], column: D, aggregate: mean, test: at_most, threshold: 0.1}");
    pass_then_fail("claims: an explained mismatch fails once its observed test no longer holds",
                   HEAD("x", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.9, tolerance: 0.01, "
                   "expect: mismatch, note: why, observed: {test: within, value: 0.6, tolerance: 0.01}}");
    pass_then_fail("claims: an observed list fails when any of its tests fails",
                   HEAD("xl", "paper") "row: [summary, spec], than_row: [summary, sub], key: arch, column: acc, aggregate: each, test: lower_than, "
                   "expect: mismatch, note: why, observed: [{test: greater_than}, {test: within, aggregate: mean, than_row: [], value: 0.6, tolerance: 0.01}]}");
}

/* A claim that must fail on good.dat whatever it expects. */
static void must_fail(const char *name, const char *claim, const char *frag)
{
    char *out = NULL;
    int nb = -1;
    sl_status st = run(claim, 0, 0, &nb, &out);
    SL_CHECK(st == SL_OK && nb == 1 && (!frag || (out && strstr(out, frag))), name, "status %d, %d failing\n%s", st, nb,
             out ? out : sl_errmsg());
    free(out);
}

static void test_structure(void)
{
    const char *OBS = ", expect: mismatch, note: n, observed: {test: at_least, than_row: [], value: 0}}\n";
    char c[1024];
    const char *sel[][2] = {
        {"claims: a missing row fails (expect match)", "row: [summary, nomode], column: acc, aggregate: mean, test: at_least, threshold: 0}\n"},
        {"claims: a missing row fails (expect mismatch)", "row: [summary, nomode], column: acc, aggregate: mean, test: at_least, threshold: 9"},
        {"claims: an unknown column fails (expect mismatch)", "row: [summary, spec], column: accuracy, aggregate: mean, test: at_least, threshold: 9"},
        {"claims: an undeclared row kind fails", "row: [run, spec], column: acc, aggregate: mean, test: at_least, threshold: 9"},
        {"claims: zero comparison rows fail (expect mismatch)", "row: [summary, spec], than_row: [summary, none], column: acc, aggregate: mean, test: greater_than"},
    };
    for (size_t i = 0; i < sizeof sel / sizeof sel[0]; i++) {
        int plain = sel[i][1][strlen(sel[i][1]) - 1] == '\n';
        snprintf(c, sizeof c, "  - {id: s, kind: paper, text: t, results: good.dat, %s%s", sel[i][1], plain ? "" : OBS);
        must_fail(sel[i][0], c, "NO VALID DATA");
    }
    write_results("unpaired.dat", COLS, "summary spec 0 0.5 1\nsummary spec 1 0.6 1\nsummary sub 0 0.4 1\n");
    must_fail("claims: an unpaired point fails",
              "  - {id: u, kind: paper, text: t, results: unpaired.dat, row: [summary, spec], than_row: [summary, sub], key: arch, "
              "column: acc, aggregate: each, test: greater_than}\n", "comparison rows, not 1");
    must_fail("claims: each against several comparison rows without a key fails",
              "  - {id: u2, kind: paper, text: t, results: good.dat, row: [summary, spec], than_row: [summary, sub], "
              "column: acc, aggregate: each, test: greater_than}\n", "give key");
    write_results("zero.dat", COLS, "ks x y 0.1\n");
    snprintf(c, sizeof c, "  - {id: z, kind: paper, text: t, results: zero.dat, row: [summary], column: acc, aggregate: each, test: band, lo: 9, hi: 10%s", OBS);
    must_fail("claims: zero selected rows fail even for an expected mismatch", c, "no 'summary' rows");
    write_results("one.dat", COLS, "summary spec 0 0.5 1\n");
    must_fail("claims: monotone test on one point fails",
              "  - {id: o, kind: paper, text: t, results: one.dat, row: [summary], key: arch, column: acc, aggregate: each, test: increasing}\n", NULL);
    /* truncated: the last data line cut, header promising more rows */
    FILE *in = fopen("good.dat", "r"), *outf = fopen("cut.dat", "w");
    char buf[4096];
    size_t n = in ? fread(buf, 1, sizeof buf, in) : 0;
    if (outf) { fwrite(buf, 1, n > 20 ? n - 20 : 0, outf); fclose(outf); }
    if (in) fclose(in);
    must_fail("claims: a truncated results file fails",
              "  - {id: t, kind: paper, text: t, results: cut.dat, row: [summary, spec, \"0\"], column: acc, aggregate: mean, test: at_least, threshold: 0}\n",
              "NO VALID DATA");
    must_fail("claims: a missing results file fails",
              "  - {id: t, kind: paper, text: t, results: none.dat, row: [summary], column: acc, aggregate: mean, test: at_least, threshold: 0}\n",
              "NO VALID DATA");
    /* row limit: the same file passes under the default limit and is refused under 3 rows */
    const char *lim = "  - {id: l, kind: paper, text: t, results: good.dat, row: [summary], column: acc, aggregate: max, test: at_most, threshold: 1}\n";
    int nb1 = -1, nb2 = -1;
    char *out = NULL;
    sl_status s1 = run(lim, 0, 0, &nb1, NULL), s2 = run(lim, 3, 0, &nb2, &out);
    SL_CHECK(s1 == SL_OK && nb1 == 0 && s2 == SL_OK && nb2 == 1 && out && strstr(out, "refused"),
             "claims: a file beyond the reader's row limit is refused, not cut", "%d %d\n%s", nb1, nb2, out ? out : "");
    free(out);
    /* an expected mismatch whose main test passes */
    must_fail("claims: a recorded mismatch that now matches fails",
              "  - {id: mm, kind: paper, text: t, results: good.dat, row: [summary, spec], column: acc, aggregate: mean, test: within, "
              "paper: 0.6, tolerance: 0.01, expect: mismatch, note: n, observed: {test: at_least, value: 0}}\n", "recorded as mismatch");
    must_fail("claims: a mismatch whose observed test fails is a failure",
              "  - {id: mo, kind: paper, text: t, results: good.dat, row: [summary, spec], column: acc, aggregate: mean, test: within, "
              "paper: 0.9, expect: mismatch, note: n, observed: {test: within, value: 0.7, tolerance: 0.01}}\n", "observed test 1 fails");
}

static void refused(const char *name, const char *claim, const char *frag)
{
    int nb;
    sl_status st = run(claim, 0, 0, &nb, NULL);
    SL_CHECK(st == SL_ECONFIG && strstr(sl_errmsg(), frag), name, "status %d: %s", st, sl_errmsg());
}

static void test_malformed(void)
{
    const char *base = "  - {id: c, kind: paper, text: t, results: good.dat, row: [summary, spec], column: acc, ";
    char c[1024];
    snprintf(c, sizeof c, "%saggregate: mean, test: within, paper: 0.1, expect: mismatch, note: n}\n", base);
    refused("claims: a mismatch without an observed test is refused", c, "needs 'observed'");
    snprintf(c, sizeof c, "%stest: within, paper: 0.6}\n", base);
    refused("claims: a claim without aggregate is refused", c, "needs 'aggregate'");
    snprintf(c, sizeof c, "%saggregate: mean, test: within, paper: 0.6, threshold: 0.6}\n", base);
    refused("claims: paper and threshold together are refused", c, "one of paper, notebook, threshold");
    snprintf(c, sizeof c, "%saggregate: mean, test: within}\n", base);
    refused("claims: a value test without a reference is refused", c, "needs than_row or a reference");
    snprintf(c, sizeof c, "%saggregate: mean, test: within, paper: 0.6, colour: red}\n", base);
    refused("claims: an unknown key is refused", c, "colour");
    snprintf(c, sizeof c, "%saggregate: mean, test: at_most, paper: 1, than_column: loss}\n", base);
    refused("claims: than_column without than_row is refused", c, "give than_row");
    refused("claims: kind is required",
            "  - {id: c, text: t, results: good.dat, row: [summary], column: acc, aggregate: mean, test: at_least, paper: 0}\n", "kind");
    refused("claims: untestable needs a note", "  - {id: c, kind: paper, text: t, test: untestable}\n", "note");
    snprintf(c, sizeof c, "%saggregate: mean, test: increasing, key: arch}\n", base);
    refused("claims: a monotone test needs aggregate each", c, "aggregate: each");
    snprintf(c, sizeof c, "%saggregate: max, than_aggregate: min, test: at_most, paper: 1}\n", base);
    refused("claims: than_aggregate without than_row is refused", c, "than_aggregate");
}

static void test_output(void)
{
    static const char TSV_HEAD[] = "id\tkind\ttest\tpaper_or_notebook\tours\tverdict\texpect\tok\ttext\n";
    const char *two =
        "  - {id: s.first, kind: suite, text: ours, results: good.dat, row: [summary], column: acc, aggregate: max, test: at_most, threshold: 1}\n"
        "  - {id: p.second, kind: paper, text: \"the paper's\", results: good.dat, row: [summary, spec], column: acc, aggregate: mean, test: within, notebook: 0.6}\n"
        "  - {id: p.untestable, kind: paper, text: u, test: untestable, note: no data}\n";
    int nb = -1;
    char *out = NULL;
    sl_status st = run(two, 0, 0, &nb, &out);
    const char *pc = out ? strstr(out, "paper claims") : NULL, *sc = out ? strstr(out, "suite checks") : NULL;
    const char *p2 = out ? strstr(out, "p.second") : NULL, *s1 = out ? strstr(out, "s.first") : NULL;
    SL_CHECK(st == SL_OK && nb == 0 && pc && sc && p2 && s1 && pc < p2 && p2 < sc && sc < s1 && strstr(out, "notebook 0.6") &&
                 strstr(out, "threshold 1 (ours)") && strstr(out, "untestable"),
             "claims: paper claims and suite checks in separate tables, references labelled", "%s", out ? out : "");
    free(out);
    st = run(two, 0, 1, &nb, &out);
    int tabs_ok = 0, lines = 0;
    if (out) {
        tabs_ok = 1;
        for (char *l = out; *l; lines++) {
            char *e = strchr(l, '\n');
            int tabs = 0;
            for (char *p = l; p < (e ? e : l + strlen(l)); p++) tabs += *p == '\t';
            tabs_ok &= tabs == 8;
            l = e ? e + 1 : l + strlen(l);
        }
    }
    SL_CHECK(st == SL_OK && tabs_ok && lines == 4 && strncmp(out, TSV_HEAD, strlen(TSV_HEAD)) == 0,
             "claims: --tsv gives a header and nine columns per claim", "%s", out ? out : "");
    free(out);
}

/* ID-PREFIX: only matching claims are checked; a skipped mismatch leaves nothing behind */
static void test_only(void)
{
    int nb = -1;
    run("  - {id: a.skip, kind: paper, text: t, results: good.dat, row: [summary, spec], column: acc, aggregate: mean, test: within, "
        "paper: 0.9, expect: mismatch, note: n, observed: {test: at_least, value: 0}}\n"
        "  - {id: b.keep, kind: paper, text: t, results: good.dat, row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6}\n",
        0, 0, &nb, NULL);
    FILE *o = fopen("/dev/null", "w");
    sl_claims_opts opts = {"b.", 0, 0, 0};
    sl_status st = sl_claims_check_opts("claims.yaml", &opts, o, &nb);
    int nb2 = -1;
    opts.only = "a.";
    sl_status st2 = sl_claims_check_opts("claims.yaml", &opts, o, &nb2);
    fclose(o);
    SL_CHECK(st == SL_OK && nb == 0 && st2 == SL_OK && nb2 == 0, "claims: an id prefix checks only its claims",
             "%d %d (%s)", st, nb, sl_errmsg());
}

/* One claim on good.dat (no `R`): *n_bad and the output's fragment. */
static void expect_run(const char *name, const char *claim, int strict, int want_bad, const char *frag)
{
    FILE *f = fopen("claims.yaml", "w");
    if (!f) { SL_CHECK(0, name, "cannot write claims.yaml"); return; }
    fprintf(f, "claims:\n%s", claim);
    fclose(f);
    size_t len = 0;
    char *buf = NULL;
    FILE *o = open_memstream(&buf, &len);
    sl_claims_opts opts = {NULL, 0, 0, strict};
    int nb = -1;
    sl_status st = sl_claims_check_opts("claims.yaml", &opts, o, &nb);
    fclose(o);
    SL_CHECK(st == SL_OK && nb == want_bad && (!frag || (buf && strstr(buf, frag))), name,
             "status %d (%s), %d failing (want %d), want '%s' in\n%s", st, st ? sl_errmsg() : "", nb, want_bad,
             frag ? frag : "", buf ? buf : "");
    free(buf);
}

#define CL(id, kind) "  - {id: " id ", kind: " kind ", text: t, results: good.dat, "

/* For each kind of test, a control the claim rejects (it holds on the data
 * and fails on the control), and one it passes (void: fails the check). */
static void test_controls(void)
{
    static const struct { const char *name, *claim, *rejected, *passed; } K[] = {
        {"within", "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01",
         "{transform: zero}", "{transform: constant, value: 0.6}"},
        {"at_least", "row: [summary, spec], column: acc, aggregate: min, test: at_least, threshold: 0.5",
         "{row: [summary, sub]}", "{transform: constant, value: 0.9}"},
        {"at_most", "row: [summary, spec], column: acc, aggregate: max, test: at_most, notebook: 0.7",
         "{transform: constant, value: 1}", "{row: [summary, sub]}"},
        {"greater_than", "row: [summary, spec], than_row: [summary, sub], key: arch, column: acc, aggregate: each, test: greater_than",
         "{than_row: [summary, spec]}", "{transform: constant, value: 1}"},
        {"lower_than", "row: [summary, sub], than_row: [summary, spec], key: arch, column: acc, aggregate: each, test: lower_than",
         "{transform: constant, value: 1}", "{transform: zero}"},
        {"band", "row: [summary, spec], column: acc, aggregate: each, test: band, lo: 0.5, hi: 0.7",
         "{transform: zero}", "{row: [summary, sub, \"1\"]}"},
        {"ratio_between", "row: [summary, spec], than_row: [summary, sub], key: arch, column: acc, aggregate: each, test: ratio_between, lo: 1.1, hi: 1.3",
         "{than_row: [summary, spec]}", "{than_column: acc}"},
        {"increasing", "row: [summary, spec], key: arch, column: acc, aggregate: each, test: increasing",
         "{transform: constant}", "{row: [summary, sub]}"},
        {"decreasing", "row: [summary, spec], key: arch, column: loss, aggregate: each, test: decreasing",
         "{transform: zero}", "{row: [summary, sub]}"},
        {"holds_at", "row: [summary, sub], column: acc, aggregate: each, test: band, lo: 0.45, hi: 1, holds_at: 2",
         "{transform: zero}", "{row: [summary, \"*\", \"1\"]}"},
    };
    char c[1024], name[160];
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++) {
        snprintf(c, sizeof c, CL("c", "paper") "%s, control: %s}\n", K[i].claim, K[i].rejected);
        snprintf(name, sizeof name, "controls: %s: a claim that fails its control holds", K[i].name);
        expect_run(name, c, 0, 0, "rejected");
        snprintf(c, sizeof c, CL("c", "paper") "%s, control: %s}\n", K[i].claim, K[i].passed);
        snprintf(name, sizeof name, "controls: %s: a claim that passes its control is void and fails", K[i].name);
        expect_run(name, c, 0, 1, "VOID");
    }
    /* a list: void when any control passes */
    expect_run("controls: a list of controls is void when one passes",
               CL("c", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, "
               "control: [{transform: zero}, {transform: constant, value: 0.605}]}\n", 0, 1, "VOID");
    /* an expected mismatch: its observed tests must fail on the control */
    const char *mm = CL("m", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.9, tolerance: 0.01, "
                     "expect: mismatch, note: n, observed: {test: within, value: 0.6, tolerance: 0.01}, control: %s}\n";
    snprintf(c, sizeof c, mm, "{transform: zero}");
    expect_run("controls: an expected mismatch whose observation fails its control holds", c, 0, 0, "rejected");
    snprintf(c, sizeof c, mm, "{transform: constant}");
    expect_run("controls: an expected mismatch whose observation passes its control is void", c, 0, 1, "VOID");
    /* random draws: a 10-point monotone series rejects shuffling; 3 points do not */
    write_results("series.dat", "# columns: pt i v\n",
                  "pt 0 0.1\npt 1 0.2\npt 2 0.3\npt 3 0.4\npt 4 0.5\npt 5 0.6\npt 6 0.7\npt 7 0.8\npt 8 0.9\npt 9 1.0\n");
    expect_run("controls: shuffle: a 10-point increasing series rejects shuffled orders",
               "  - {id: s, kind: paper, text: t, results: series.dat, row: [pt], key: i, column: v, aggregate: each, "
               "test: increasing, control: {transform: shuffle, seed: 3}}\n", 0, 0, "rejected (0/100 draws pass)");
    expect_run("controls: shuffle: 3 increasing points pass too many shuffled orders (void)",
               CL("s3", "paper") "row: [summary, spec], key: arch, column: acc, aggregate: each, test: increasing, "
               "control: {transform: shuffle, seed: 3, draws: 200}}\n", 0, 1, "VOID");
    expect_run("controls: random: a band the values' whole range would fill is void",
               "  - {id: r, kind: paper, text: t, results: series.dat, row: [pt], column: v, aggregate: each, test: band, lo: 0, hi: 1, "
               "control: {transform: random}}\n", 0, 1, "VOID");
    /* data not yet run: counted, not failed, unless strict or not marked pending */
    const char *pend = CL("p", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, "
                       "control: {row: [summary, initial]%s}}\n";
    snprintf(c, sizeof c, pend, ", pending: \"the rerun writes summary initial rows\"");
    expect_run("controls: a pending control whose rows are absent is reported, not failed", c, 0, 0, "not yet run");
    expect_run("controls: strict: a pending control whose rows are absent fails", c, 1, 1, "not yet run");
    snprintf(c, sizeof c, pend, "");
    expect_run("controls: a control whose rows are absent, not marked pending, fails", c, 0, 1, "CONTROL");
    expect_run("controls: a pending control in a results file not yet written is reported",
               CL("p", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, "
               "control: {results: absent.dat, pending: later}}\n", 0, 0, "not yet run");
    /* the rows exist now: evaluated (and void if passed) */
    expect_run("controls: a pending control whose rows exist is evaluated",
               CL("p", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, "
               "control: {row: [summary, sub], pending: later}}\n", 0, 0, "rejected");
    expect_run("controls: strict: a tested claim without a control fails",
               CL("n", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01}\n", 1, 1,
               "NO CONTROL");
    expect_run("controls: the summary counts void and pending controls",
               CL("a", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, control: {transform: zero}}\n"
               CL("b", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01}\n",
               0, 0, "controls: 1 of 2 tested claims name a control; 0 void");
    /* malformed controls: {name, the control, the message's fragment} */
    static const char *const M[][3] = {
        {"controls: a control with neither rows nor a transform is refused", "{pending: x}", "needs rows"},
        {"controls: shuffling the values of a mean is refused (it cannot change)", "{transform: shuffle}", "unchanged"},
        {"controls: a control cannot change the claim's band", "{transform: zero, tolerance: 0.5}", "tolerance"},
        {"controls: draws belong to random transforms", "{transform: zero, draws: 5}", "draws"},
    };
    for (size_t i = 0; i < sizeof M / sizeof M[0]; i++) {
        snprintf(c, sizeof c, CL("c", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, "
                 "paper: 0.6, control: %s}\n", M[i][1]);
        refused(M[i][0], c, M[i][2]);
    }
    refused("controls: an untestable statement has no control",
            "  - {id: u, kind: paper, text: t, test: untestable, note: n, control: {transform: zero}}\n", "no control");
    /* sanity checks: hold by construction, no control; the note says why */
    const char *san = CL("s", "sanity") "row: [summary, spec], column: acc, aggregate: max, test: at_most, threshold: 1%s}\n";
    snprintf(c, sizeof c, san, ", note: \"the code enforces it\"");
    expect_run("sanity: strict: a sanity check needs no control (it holds by construction)", c, 1, 0,
               "sanity checks (hold by construction");
    expect_run("sanity: counted apart from the tested claims",
               CL("a", "paper") "row: [summary, spec], column: acc, aggregate: mean, test: within, paper: 0.6, tolerance: 0.01, control: {transform: zero}}\n"
               CL("s", "sanity") "row: [summary, spec], column: acc, aggregate: max, test: at_most, threshold: 1, note: n}\n",
               1, 0, "controls: 1 of 1 tested claims name a control; 0 void (pass a control); 0 with a control not yet run; 0 undecided; 1 sanity");
    expect_run("sanity: a failing sanity check fails (a bug in the code)",
               CL("s", "sanity") "row: [summary, spec], column: acc, aggregate: max, test: at_most, threshold: 0.5, note: n}\n", 0, 1, "MISMATCH");
    snprintf(c, sizeof c, san, "");
    refused("sanity: a sanity check without a note saying why it holds is refused", c, "sanity check");
    snprintf(c, sizeof c, san, ", note: n, control: {transform: zero}");
    refused("sanity: a sanity check with a control is refused (a claim with a null is paper or suite)", c, "sanity check");
    snprintf(c, sizeof c, san, ", note: n, expect: mismatch, observed: {test: at_most, value: 2}");
    refused("sanity: a sanity check expects a match", c, "sanity check");
}

/* Verdicts with confidence: match / mismatch / undecided from an interval,
 * split-half agreement, t and bootstrap, two samples, determinism. */
static void test_intervals(void)
{
    write_results("runs.dat", "# columns: run set r v\n",
                  "run hi 0 0.85\nrun hi 1 0.86\nrun hi 2 0.84\nrun hi 3 0.87\nrun hi 4 0.85\n"
                  "run hi 5 0.83\nrun hi 6 0.86\nrun hi 7 0.85\nrun hi 8 0.84\nrun hi 9 0.86\n"
                  "run mid 0 0.70\nrun mid 1 0.90\nrun mid 2 0.75\nrun mid 3 0.88\nrun mid 4 0.80\n"
                  "run mid 5 0.72\nrun mid 6 0.91\nrun mid 7 0.79\nrun mid 8 0.83\nrun mid 9 0.81\n"
                  "run lo 0 0.60\nrun lo 1 0.62\nrun lo 2 0.58\nrun lo 3 0.61\nrun lo 4 0.59\n"
                  "run lo 5 0.60\nrun lo 6 0.63\nrun lo 7 0.57\nrun lo 8 0.60\nrun lo 9 0.61\n"
                  "run half 0 0.90\nrun half 1 0.90\nrun half 2 0.90\nrun half 3 0.90\nrun half 4 0.90\n"
                  "run half 5 0.79\nrun half 6 0.79\nrun half 7 0.79\nrun half 8 0.79\nrun half 9 0.79\n"
                  "run one 0 0.9\n");
    const char *R = "  - {id: i, kind: paper, text: t, results: runs.dat, column: v, aggregate: mean, band_source: preregistered, ";
    char c[1024];
    static const struct { const char *name, *body; int strict, bad; const char *frag; } K[] = {
        {"intervals: t: a mean whose interval lies above the threshold matches",
         "row: [run, hi], test: at_least, threshold: 0.8, interval: t", 0, 0, "match"},
        {"intervals: bootstrap: the same claim matches",
         "row: [run, hi], test: at_least, threshold: 0.8, interval: bootstrap, seed: 7", 0, 0, "boot"},
        {"intervals: an interval straddling the threshold is undecided and fails",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t", 0, 1, "UNDECIDED (the interval straddles"},
        {"intervals: the point test alone would have passed the same data",
         "row: [run, mid], test: at_least, threshold: 0.8", 0, 0, "match"},
        {"intervals: halves that disagree with the whole make it undecided",
         "row: [run, half], test: at_least, threshold: 0.8, interval: t", 0, 1, "halves disagree"},
        {"intervals: an interval below the threshold is a decided mismatch (expected: holds)",
         "row: [run, lo], test: at_least, threshold: 0.8, interval: t, expect: mismatch, note: n, observed: {test: band, lo: 0.55, hi: 0.65}", 0, 0, "explained"},
        {"intervals: a decided mismatch fails an expected match",
         "row: [run, lo], test: at_least, threshold: 0.8, interval: t", 0, 1, "MISMATCH"},
        {"intervals: within a paper value, both sides of the band",
         "row: [run, lo], test: within, paper: 0.6, tolerance: 0.02, interval: t", 0, 0, "match"},
        {"intervals: two samples (Welch t): hi above lo",
         "row: [run, hi], than_row: [run, lo], test: greater_than, tolerance: 0.1, interval: t", 0, 0, "diff"},
        {"intervals: two samples against a shuffled-label control: rejected",
         "row: [run, hi], than_row: [run, lo], test: greater_than, tolerance: 0.1, interval: t, control: {transform: shuffle, seed: 5}", 0, 0, "rejected"},
        {"intervals: two samples against a control from the same distribution: void",
         "row: [run, hi], than_row: [run, lo], test: greater_than, tolerance: 0.1, interval: t, control: {row: [run, half]}", 0, 1, "VOID"},
        {"intervals: an undecided claim marked pending is counted, not failed, and says how many realisations",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, undecided_pending: more runs", 0, 0, "realisations; about"},
        {"intervals: strict: an undecided claim marked pending fails",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, undecided_pending: more runs", 1, 1, "pending"},
        {"intervals: one realisation cannot give an interval",
         "row: [run, one], test: at_least, threshold: 0.8, interval: t", 0, 1, "at least 2"},
        {"intervals: one realisation marked pending is undecided, counted",
         "row: [run, one], test: at_least, threshold: 0.8, interval: t, undecided_pending: more seeds", 0, 0, "pending"},
        {"intervals: the control of an undecided claim is not evaluated",
         "row: [run, one], test: at_least, threshold: 0.8, interval: t, undecided_pending: more seeds, control: {transform: zero}",
         0, 0, "not evaluated (undecided)"},
    };
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++) {
        snprintf(c, sizeof c, "%s%s}\n", R, K[i].body);
        expect_run(K[i].name, c, K[i].strict, K[i].bad, K[i].frag);
    }
    /* the bootstrap is deterministic: the same output twice */
    char *o1 = NULL, *o2 = NULL;
    int nb;
    snprintf(c, sizeof c, "%srow: [run, mid], test: at_most, threshold: 0.9, interval: bootstrap, seed: 11}\n", R);
    run(c, 0, 0, &nb, &o1);
    run(c, 0, 0, &nb, &o2);
    SL_CHECK(o1 && o2 && strcmp(o1, o2) == 0 && strstr(o1, "boot"), "intervals: the bootstrap gives the same interval twice",
             "%s\n%s", o1 ? o1 : "", o2 ? o2 : "");
    free(o1);
    free(o2);
    snprintf(c, sizeof c, "%srow: [run, hi], test: at_least, threshold: 0.8, interval: t}\n",
             "  - {id: i, kind: paper, text: t, results: runs.dat, column: v, aggregate: mean, ");
    refused("intervals: a claim with an interval says where its band comes from", c, "band_source");
    snprintf(c, sizeof c, "%srow: [run, hi], test: at_least, threshold: 0.8, interval: t, aggregate: max}\n", R);
    refused("intervals: an interval needs aggregate mean", c, "");
    snprintf(c, sizeof c, "%srow: [run, hi], test: at_least, threshold: 0.8, undecided_pending: x}\n", R);
    refused("intervals: undecided_pending needs an interval", c, "undecided_pending");
    /* pool: a later look's new realisations (another file, its own column
     * order) join the claim's rows; [run, mid] alone is undecided above */
    write_results("more.dat", "# columns: run set r extra v\n",
                  "run mid 10 9 0.84\nrun mid 11 9 0.86\nrun mid 12 9 0.83\nrun mid 13 9 0.85\nrun mid 14 9 0.84\n"
                  "run mid 15 9 0.87\nrun mid 16 9 0.82\nrun mid 17 9 0.85\nrun mid 18 9 0.84\nrun mid 19 9 0.86\n"
                  "run mid 20 9 0.83\nrun mid 21 9 0.85\nrun mid 22 9 0.84\nrun mid 23 9 0.86\nrun mid 24 9 0.84\n"
                  "run mid 25 9 0.85\nrun mid 26 9 0.83\nrun mid 27 9 0.84\nrun mid 28 9 0.86\nrun mid 29 9 0.85\n"
                  "run other 0 9 0.1\n");
    write_results("nomid.dat", "# columns: run set r v\n", "run hi 0 0.85\n");
    static const struct { const char *name, *body; int bad; const char *frag; } P[] = {
        {"pool: the pooled realisations decide a claim one file left undecided (mean of 30 runs, the second file's column)",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, pool: [more.dat], control: {transform: zero}", 0,
         "match; control zero rejected"},
        {"pool: the pooled rows enter the mean and the halves (the first 15 rows, the last 15)",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, pool: [more.dat]", 0, "0.8333 [0.8164, 0.8503] t; halves 0.8207, 0.846"},
        {"pool: a pooled file that does not exist fails the claim",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, pool: [more.dat, missing.dat]", 1,
         "missing.dat does not exist"},
        {"pool: a pooled file without the claim's rows fails it",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, pool: [nomid.dat]", 1, "nomid.dat: no 'run' rows"},
        {"pool: a control naming other results reads that file alone (runs.dat alone: undecided, so rejected; pooled it would be void)",
         "row: [run, mid], test: at_least, threshold: 0.8, interval: t, pool: [more.dat], control: {results: runs.dat, row: [run, mid]}",
         0, "control runs.dat rows [mid] rejected"},
    };
    for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
        snprintf(c, sizeof c, "%s%s}\n", R, P[i].body);
        expect_run(P[i].name, c, 0, P[i].bad, P[i].frag);
    }
    snprintf(c, sizeof c, "%srow: [run, hi], test: at_least, threshold: 0.8, pool: [more.dat]}\n", R);
    refused("pool: pooled realisations need an interval", c, "pool");
    snprintf(c, sizeof c, "%srow: [run, hi], test: at_least, threshold: 0.8, interval: t, pool: []}\n", R);
    refused("pool: an empty pool is refused", c, "pool names");
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* a folder: every DIR/KEY/claims.yaml is found (no list of keys), checked as
 * one list (paper claims of every file before suite checks); an id used in two
 * files, and a folder without claims files, are refused */
static void test_folder(void)
{
    if (system("mkdir -p papers/b papers/a papers/c empty") != 0) return;
    write_file("papers/b/claims.yaml", "claims:\n  - {id: b.one, kind: suite, text: t, results: good.dat, row: [summary], "
                                       "column: acc, aggregate: max, test: at_most, threshold: 1}\n");
    write_file("papers/a/claims.yaml", "claims:\n  - {id: a.one, kind: paper, text: t, results: bad.dat, row: [summary, spec], "
                                       "column: acc, aggregate: mean, test: within, paper: 0.6}\n");
    write_file("papers/c/notes.md", "not a claims file\n"); /* a paper folder without claims */
    size_t len = 0;
    char *out = NULL;
    FILE *o = open_memstream(&out, &len);
    sl_claims_opts opts = {NULL, 1, 0, 0};
    int nb = -1;
    sl_status st = sl_claims_check_opts("papers", &opts, o, &nb);
    fclose(o);
    const char *a = out ? strstr(out, "\na.one\t") : NULL, *b = out ? strstr(out, "\nb.one\t") : NULL;
    SL_CHECK(st == SL_OK && nb == 1 && a && b && a < b, "claims: a folder checks every KEY/claims.yaml in it as one list",
             "st %d, %d failing (want 1: a.one on bad.dat)\n%s", st, nb, out ? out : "");
    free(out);
    write_file("papers/c/claims.yaml", "claims:\n  - {id: b.one, kind: paper, text: t, test: untestable, note: n}\n");
    o = fopen("/dev/null", "w");
    st = sl_claims_check_opts("papers", &opts, o, &nb);
    SL_CHECK(st == SL_ECONFIG && strstr(sl_errmsg(), "b.one") && strstr(sl_errmsg(), "twice"),
             "claims: an id in two papers' files is refused", "st %d: %s", st, sl_errmsg());
    st = sl_claims_check_opts("empty", &opts, o, &nb);
    fclose(o);
    SL_CHECK(st == SL_ECONFIG && strstr(sl_errmsg(), "no claims file"), "claims: a folder without claims files is refused",
             "st %d: %s", st, sl_errmsg());
}

int main(void)
{
    char dir[] = "/tmp/test_claims.XXXXXX", cwd[4096];
    if (!mkdtemp(dir) || !getcwd(cwd, sizeof cwd) || chdir(dir) != 0) {
        SL_CHECK(0, "claims: temporary folder", "mkdtemp/chdir");
        return sl_test_done();
    }
    write_results("good.dat", COLS, GOOD);
    write_results("bad.dat", COLS, BAD);
    test_kinds();
    test_structure();
    test_malformed();
    test_output();
    test_only();
    test_controls();
    test_intervals();
    test_folder();
    if (chdir(cwd) == 0) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0) fprintf(stderr, "test_claims: could not remove %s\n", dir);
    }
    return sl_test_done();
}
