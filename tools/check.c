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
 *   check --blas RESULTS...     exit 0 when each file's `# blas:` line (BLAS
 *        library and core) is what a driver runs here, else say what differs
 *        (scripts/reproduce.sh asks before rerunning anything)
 * The logic is in src/report/sl_claims.c, sl_header.c and src/core/sl_blas.c. */
#include <stdio.h>
#include <string.h>

#include "core/sl_blas.h"
#include "report/sl_claims.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--blas") == 0) {
        sl_blas_init(argv); /* the kernels a driver would run here */
        int bad = argc < 3;
        if (bad) fprintf(stderr, "usage: %s --blas RESULTS...\n", argv[0]);
        for (int i = 2; i < argc; i++)
            if (sl_blas_check_file(argv[i]) != SL_OK) {
                fprintf(stderr, "check: %s\n", sl_errmsg());
                bad = 1;
            }
        return bad;
    }
    return sl_claims_main(argc, argv);
}
