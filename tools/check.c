/* check — `make check`: every claim of paper/claims.yaml against results/.
 * Usage: check CLAIMS.yaml [ID-PREFIX]. Exit 0 when every verdict is the one
 * the claims file expects (match, or a recorded and explained mismatch).
 *        check --verify RESULTS...   validate results files' headers (run
 *        before gnuplot draws them: a truncated or edited file is refused). */
#include <stdio.h>
#include <string.h>

#include "core/sl_results.h"
#include "report/sl_claims.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--verify") == 0) {
        int bad = 0;
        for (int i = 2; i < argc; i++)
            if (sl_results_verify(argv[i]) != SL_OK) {
                fprintf(stderr, "check: %s\n", sl_errmsg());
                bad = 1;
            }
        return bad;
    }
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s CLAIMS.yaml [ID-PREFIX]\n", argv[0]);
        return 2;
    }
    int bad = 0;
    sl_status st = sl_claims_check(argv[1], argc == 3 ? argv[2] : NULL, stdout, &bad);
    if (st != SL_OK) {
        fprintf(stderr, "check: %s: %s\n", sl_strstatus(st), sl_errmsg());
        return 2;
    }
    printf("%s\n", bad ? "check: some claims differ from what paper/claims.yaml expects" : "check: all claims as expected");
    return bad ? 1 : 0;
}
