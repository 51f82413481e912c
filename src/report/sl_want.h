/* sl_want.h — is a figure's results file what its config would make now?
 * (`check --want`, called for every figure by scripts/figures.mk before
 * make compares times.)
 *
 * A figure's "want" stamp (build/want/OUT/KEY_NAME.txt) holds what its
 * results header must record: config path and SHA-256, the expected
 * overrides, the driver and the SHA-256 over the sources compiled into it
 * (BUILD/gen/src/DRIVER.sha), the figures whose results it reads; its last
 * line says `current` or `stale: REASON`. The decision comes from the
 * header only; file times play no part in it. The stamp's mtime then tells
 * make the decision: a current figure's stamp is dated 1970-01-02 (older
 * than any results file, whatever times a git clone gave them), a stale
 * one's now (or one second after the results file, if that is later), so
 * `OUT/KEY_NAME.dat: STAMP` reruns exactly the stale figures. */
#ifndef SL_WANT_H
#define SL_WANT_H

#include <stddef.h>
#include "../core/sl_error.h"

typedef struct {
    const char *want;     /* the stamp to write */
    const char *results;  /* OUT/KEY_NAME.dat (need not exist) */
    const char *config;   /* experiments/KEY/NAME.yaml */
    const char *build;    /* the build folder (gen/src/DRIVER.sha) */
    const char **sets;    /* (nsets) the overrides the run gets, as --set words */
    int nsets;
    const char **inputs;  /* (ninputs) stamps of the figures whose results it reads, run in the same graph */
    int ninputs;
    const char **after;   /* (nafter) results files it reads whose figures are not in the graph: compared by date only */
    int nafter;
    int force;            /* stale even when current ("--force") */
} sl_want_spec;

/* Decide, write the stamp (atomically) and date it. *stale is 1 or 0; why
 * (cap bytes) gets the reason ("" when current). SL_EIO / SL_EFORMAT when
 * the config, the driver's source hash or a stamp cannot be read. */
sl_status sl_want(const sl_want_spec *s, int *stale, char *why, size_t cap);

#endif
