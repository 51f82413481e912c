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
 *   check --want STAMP RESULTS CONFIG BUILD [--force] [--input STAMP]... [--after RESULTS]...
 *        [--set K=V]...
 *        write a figure's want stamp, dated for make (src/report/sl_want.h);
 *        prints "current" or "stale: REASON"
 * The logic is in src/report/sl_claims.c, sl_header.c, sl_want.c and src/core/sl_blas.c. */
#include <stdio.h>
#include <string.h>

#include "core/sl_blas.h"
#include "report/sl_claims.h"
#include "report/sl_want.h"

/* check --want (sl_want.h) */
static int want_main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s --want STAMP RESULTS CONFIG BUILD [--force] [--input STAMP]... [--after RESULTS]... [--set K=V]...\n", argv[0]);
        return 2;
    }
    const char *sets[256], *inputs[256], *after[256];
    sl_want_spec s = {argv[2], argv[3], argv[4], argv[5], sets, 0, inputs, 0, after, 0, 0};
    for (int i = 6; i < argc; i++) {
        if (!strcmp(argv[i], "--force")) s.force = 1;
        else if (!strcmp(argv[i], "--input") && i + 1 < argc && s.ninputs < 256) inputs[s.ninputs++] = argv[++i];
        else if (!strcmp(argv[i], "--after") && i + 1 < argc && s.nafter < 256) after[s.nafter++] = argv[++i];
        else if (!strcmp(argv[i], "--set") && i + 1 < argc && s.nsets < 256) sets[s.nsets++] = argv[++i];
        else {
            fprintf(stderr, "check --want: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    int stale = 0;
    char why[4096];
    if (sl_want(&s, &stale, why, sizeof why) != SL_OK) {
        fprintf(stderr, "check: %s\n", sl_errmsg());
        return 1;
    }
    printf(stale ? "stale: %s\n" : "current\n", why);
    return 0;
}

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
    if (argc >= 2 && strcmp(argv[1], "--want") == 0) return want_main(argc, argv);
    return sl_claims_main(argc, argv);
}
