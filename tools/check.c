/* check — `make check`: every claim of paper/claims.yaml against results/.
 *   check [--tsv] CLAIMS.yaml [ID-PREFIX]   the verdict table (paper claims,
 *        then suite checks); exit 0 when every claim is as claims.yaml expects
 *   check --verify RESULTS...   validate results files' headers (run before
 *        gnuplot draws them: a truncated or edited file is refused)
 * The logic is in src/report/sl_claims.c. */
#include "report/sl_claims.h"

int main(int argc, char **argv) { return sl_claims_main(argc, argv); }
