/* sl_claims.h — the paper's claims, checked against results files.
 *
 * paper/claims.yaml holds `claims:`, a list of mappings:
 *   id:        msd.table1.spectral_eig
 *   text:      the paper's words
 *   paper:     the paper's number (for value tests; omit for shape tests)
 *   paper_err: its error bar (optional, printed only)
 *   results:   results/msd_table1.dat
 *   row:       [summary, spectral_eig]   leading fields selecting the rows
 *   column:    3                         1-based column of our value
 *   test:      within | at_least | at_most | all_greater | lower_than | near | decreasing | increasing
 *   tolerance: 0.02                      (within/at_least/at_most; default 0)
 *   than_row:  [summary, direct_subset]  (all_greater, lower_than: the rows to compare with)
 *   key_column: 3                        (all_greater/decreasing: the column
 *                                         that orders or pairs rows)
 *   expect:    match | mismatch          (a recorded, explained mismatch)
 *   note:      why, when expect is mismatch (required then)
 * Tests, with ours = the mean of the selected values:
 *   within       |ours − paper| ≤ tolerance
 *   at_least     ours ≥ paper − tolerance;  at_most  ours ≤ paper + tolerance
 *   all_greater  for every key, value(row) > value(than_row) − tolerance
 *   lower_than   ours < mean of the than_row values − tolerance
 *   near         |ours − mean of the than_row values| ≤ tolerance
 *   decreasing / increasing   the values ordered by key_column are strictly
 *                monotone
 * A claim passes when its verdict equals `expect`. */
#ifndef SL_CLAIMS_H
#define SL_CLAIMS_H

#include <stdio.h>
#include "../core/sl_error.h"

/* Check every claim of `claims_path`, printing the table to out.
 * *n_bad receives the number of claims whose verdict differs from expect.
 * Returns non-OK only for a malformed claims file. If `only` is not NULL,
 * only claims whose id starts with it are checked. */
sl_status sl_claims_check(const char *claims_path, const char *only, FILE *out, int *n_bad);

#endif
