/* check — `make check`: every claim of paper/KEY/claims.yaml against results/.
 *   check [--tsv] CLAIMS.yaml|DIR [ID-PREFIX]   the verdict table (paper claims,
 *        then suite checks) of one claims file or of every DIR/KEY/claims.yaml
 *        (`check paper`); exit 0 when every claim is as its file expects
 *   check --verify RESULTS...   validate results files' headers (run before
 *        gnuplot draws them: a truncated or edited file is refused)
 *   check --field RESULTS FIELD   a header field's value (sl_header.h)
 *   check --overrides RESULTS     its --set overrides, each NUL-terminated;
 *        refuses a line a driver would not write (`$(...)`: nothing is run)
 *   check --driver CONFIG         the binary that runs a figure's config
 *   check --commit                the commit label a results header gets now
 * The logic is in src/report/sl_claims.c and sl_header.c. */
#include "report/sl_claims.h"

int main(int argc, char **argv) { return sl_claims_main(argc, argv); }
