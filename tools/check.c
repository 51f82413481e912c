/* check — `make check`: every claim of paper/KEY/claims.yaml against results/.
 *   check [--tsv] CLAIMS.yaml|DIR [ID-PREFIX]   the verdict table (paper claims,
 *        then suite checks) of one claims file or of every DIR/KEY/claims.yaml
 *        (`check paper`); exit 0 when every claim is as its file expects
 *   check --verify RESULTS...   validate results files' headers (run before
 *        gnuplot draws them: a truncated or edited file is refused)
 * The logic is in src/report/sl_claims.c. */
#include "report/sl_claims.h"

int main(int argc, char **argv) { return sl_claims_main(argc, argv); }
