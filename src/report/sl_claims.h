/* sl_claims.h — the papers' claims and the suite's own checks, tested
 * against results files (`make check`).
 *
 * paper/KEY/claims.yaml (one per paper) holds `claims:`, a list of mappings:
 *   id:        msd.table1.spectral_eig
 *   kind:      paper | suite | sanity   (required) paper: a statement of the paper
 *                                   (a reproduction); suite: a check of our own
 *                                   (Haar eigenvalues lie on the circle, an
 *                                   ablation, ...); sanity: a check that holds by
 *                                   construction, for any correct code (a
 *                                   perceptron is its own retraction, a projection
 *                                   enforces its bound) or any run, the null ones
 *                                   too (a loss that falls): it guards the code, is
 *                                   no evidence, so it has no control (none could
 *                                   fail it), needs a note saying why it holds by
 *                                   construction, expects a match, has no interval;
 *                                   printed in its own group, not counted among the
 *                                   tested claims, and shown in coverage tables as
 *                                   "holds by construction"
 *   text:      the statement, in the paper's words where it is the paper's
 *   results:   results/msd_table1.dat
 *   row:       [summary, spectral_eig]  leading fields selecting the rows; the
 *                                   first is the row kind; "*" matches any field
 *   column:    mean_acc             the value's column, by the header name the
 *                                   results file declares for that row kind:
 *                                   `# columns (summary): summary mode mean_acc ...`
 *                                   (several kinds: `# columns: ev a b | stats c d`)
 *   aggregate: mean | each | max | min | rms   (required) how the selected rows are
 *                                   combined: one number, or a test at each point
 *   test:      one of the tests below (`untestable`: a statement we record but
 *                                   cannot test; `note` says why; nothing else)
 *   The reference b a value is tested against: either `than_row: [...]`
 *   (comparison rows, same column) or exactly one of
 *     paper:     a number the paper states (paper_err: its error bar, printed)
 *     notebook:  a number from the authors' notebook (printed as "notebook")
 *     threshold: a number we chose (printed as ours)
 *   than_aggregate: mean | max | min | rms   how the than_row values combine when
 *                       not as `aggregate` (e.g. max against min of the same
 *                       rows: a spread, with ratio_between)
 *   than_column: name   the comparison rows' column when it is not `column`
 *                       (two columns of the same rows: than_row = row)
 *   tolerance: 0.02     (default 0)      lo, hi: bounds of band / ratio_between
 *   key:       arch     column pairing `each` points with their than_row
 *                       partner (exactly one each) and ordering decreasing /
 *                       increasing; `each` with than_row and no key compares
 *                       every point with the one row than_row must select
 *   holds_at:  N        with `each`: the test holds at exactly N points
 *                       (default: at every point)
 *   expect:    match | mismatch  (default match)
 *   note:      why; required with mismatch and untestable
 *   observed:  required with mismatch: a test (mapping) or a list of tests in
 *              the same vocabulary that state what we observe instead; each
 *              inherits results/row/column/than_row/key/aggregate and the
 *              reference from the claim and may override them (tolerance,
 *              lo, hi, holds_at are its own, default 0 / every point); its own
 *              reference is `value:` (our observed number).
 * Tests, a = our value (per point or aggregated), b = the reference (the
 * paired than_row value, the single than_row value, or the number):
 *   within  |a − b| ≤ tol       at_least  a ≥ b − tol     at_most  a ≤ b + tol
 *   greater_than  a > b + tol   lower_than  a < b − tol
 *   band    lo ≤ a ≤ hi         ratio_between  lo ≤ a / b ≤ hi
 *   decreasing / increasing     strictly monotone in `key` order (aggregate each)
 * With aggregate mean/max/min both a and b (than rows) are aggregated the same
 * way. Verdicts: match; mismatch (explained) when the test fails AND every
 * observed test holds; otherwise MISMATCH / MATCH (recorded as mismatch).
 * Whatever `expect` says, a claim fails when it selects no rows, its
 * comparison rows are empty, a point has no partner, a column is unknown, or
 * the results file is invalid, truncated or beyond the reader's row limit.
 *
 * Verdicts with confidence (aggregate: mean over realisations):
 *   interval:  t | bootstrap   the statistic x = mean(a) − b (b: the reference,
 *              or the mean of the than_row realisations; x = mean(a) for band)
 *              gets an interval (Student / Welch t; percentile bootstrap with
 *              `draws` resamples, default 2000, `seed` default 1: deterministic);
 *   level:     0.95 (default)
 *   pool:      [results/b.dat, ...]   further runs of the same experiment (new
 *              realisations, e.g. a later look at a claim the first run left
 *              undecided): the rows the claim selects in each of these files
 *              (row and than_row, by the columns each file declares) follow
 *              those of `results`, in this order; each file must give rows on
 *              every side; only with interval. Controls that name other
 *              `results` read that file alone.
 *   band_source: paper | preregistered | pilot   required with interval: the band
 *              (or threshold / tolerance) is the paper's, was stated before the
 *              run, or was chosen after a pilot run of the same deterministic
 *              config (then it guards against drift; only its control shows
 *              that it can fail — the teaching labs' expected observations)
 *   Verdict: match (the interval inside the band the test accepts), mismatch
 *   (outside it), UNDECIDED (straddles it, or a half of the realisations — the
 *   first ⌈n/2⌉ and the last ⌊n/2⌋ rows — has its point statistic on the other
 *   side of the band than the verdict): undecided always fails (sl_ci.h).
 *
 * Negative controls: `control:` a mapping or a list (up to 4) of null results
 * the claim's test must FAIL on. Each control may replace the claim's
 *   results, row, than_row, column, than_column, key, aggregate (one number
 *   stays one number: e.g. rms of the exact solution = the zero function's RMS
 *   error) — never the test, the reference or the band — and/or transform the
 *   selected values:
 *   transform: zero                 a := 0
 *              constant [value: c]  a := c (default: the mean of a)
 *              shuffle [seed, draws]  pooled a and than_row values permuted and
 *                                   split again (a permuted among its points
 *                                   without than_row: for each / monotone tests)
 *              random [seed, draws]   a uniform in the pooled values' range
 *   draws (default 100) of shuffle/random: draw d uses seed sl_seed_derive(seed, 0, d).
 *   pending: "what the rerun must produce"   control rows not yet in the
 *            committed results: reported "not yet run" and not failed.
 *   note: free text.
 * The claim's test (for an expected mismatch: its observed tests, all of
 * them) is evaluated on the control; when it holds (with an interval: a
 * decided match) the claim is VOID and fails — for shuffle/random when more
 * than 5 % of the draws hold. A control with no valid data fails unless it is
 * pending. Strict mode (check --strict, or SPECLAB_CHECK_STRICT=1) also fails
 * a pending control whose data is absent and a tested claim (paper or suite)
 * without a control. */
#ifndef SL_CLAIMS_H
#define SL_CLAIMS_H

#include <stdio.h>
#include "../core/sl_error.h"

/* The reader refuses results files with more data rows than this. */
#define SL_CLAIMS_MAX_ROWS 200000L

typedef struct {
    const char *only; /* check only claims whose id starts with this (NULL: all) */
    int tsv;          /* tab-separated output: id kind test paper_or_notebook ours verdict expect ok text */
    long max_rows;    /* 0: SL_CLAIMS_MAX_ROWS */
    int strict;       /* a control not yet run, or a tested claim without a control, fails */
} sl_claims_opts;

/* Check every claim of `claims_path` — one claims file, or a directory: every
 * DIR/KEY/claims.yaml in it, in name order, as one list (an id used twice is
 * an error) — printing the table to out (paper claims
 * first, then suite checks). *n_bad receives the number of claims that fail
 * (verdict other than expected, or no valid data). Returns non-OK only for a
 * malformed claims file. */
sl_status sl_claims_check_opts(const char *claims_path, const sl_claims_opts *opts, FILE *out, int *n_bad);
sl_status sl_claims_check(const char *claims_path, const char *only, FILE *out, int *n_bad);

/* The `check` program: check [--tsv] CLAIMS.yaml|DIR [ID-PREFIX] | check --verify RESULTS...
 * Returns the exit status (0 all as expected, 1 some fail, 2 usage/claims file error). */
int sl_claims_main(int argc, char **argv);

#endif
