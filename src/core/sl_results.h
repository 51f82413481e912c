/* sl_results.h — results files for gnuplot, with provenance, written atomically.
 *
 * A results file is whitespace-separated columns. Its header lines start with
 * '#': first the provenance (driver, config path and SHA-256, seeds, git
 * commit, worker threads, BLAS library and core, date, wall time), then the driver's own comments and
 * a column line. The body is buffered in memory; sl_results_commit writes
 * header and body to "<path>.tmp.<pid>", fsyncs it and renames it over
 * <path>, so a reader never sees a half-written file and an interrupted run
 * leaves the previous file intact.
 *
 * Header keys are fixed (so `make check` and the plot scripts can read them):
 *   # speclab-results v1
 *   # driver: <name>
 *   # config: <path> sha256=<hex>
 *   # seeds: <text>
 *   # commit: <$SL_COMMIT if set; else `git rev-parse --short=12 HEAD` with
 *              "-dirty" appended when tracked files outside results/ and paper/
 *              (working tree or index) differ from HEAD; "unknown" outside git>
 *   # threads: <n>                           (OpenMP worker threads; speed only)
 *   # blas: <openblas_get_config()> core=<openblas_get_corename()>   (sl_blas.h;
 *              files made before it have no such line)
 *   # date: <ISO 8601 UTC>
 *   # wall_time_s: <seconds>
 *   # rows: <number of data rows>            (lets readers detect truncation)
 *   # overrides: <the driver's --set options, shell-quoted, or "none">
 *   # sources: binary <driver> sha256=<hex>
 * The last two make a run reproducible from its header alone (config file +
 * overrides) and let `make figures` tell current results from stale ones:
 * <hex> is the SHA-256 over exactly the sources compiled into the driver's
 * binary — its object's and every library object's the linker pulled in,
 * from the compiler's dependency files (scripts/srchash.sh binary) — taken
 * at build time; an edit to a source no object of the binary includes leaves
 * it unchanged.
 */
#ifndef SL_RESULTS_H
#define SL_RESULTS_H

#include <stdio.h>
#include "sl_error.h"

typedef struct sl_results sl_results;

/* Start a results file. `driver` and `seeds` are copied. The wall-time clock
 * starts at sl_prov_start() (call it first thing in main). */
sl_status sl_results_open(sl_results **r, const char *path, const char *driver,
                          const char *config_path, const char *config_hash,
                          const char *seeds);

/* A '# ...' header comment (no newline needed). */
void sl_results_comment(sl_results *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One data line; fmt should not contain the newline. Counts rows. */
void sl_results_row(sl_results *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A blank line (gnuplot block separator) or two (index separator). */
void sl_results_blank(sl_results *r, int n);

/* Write atomically and free r. On failure the old file is untouched, the
 * temporary removed, r freed, and the message says why. */
sl_status sl_results_commit(sl_results *r);

/* Free without writing (NULL-safe). */
void sl_results_discard(sl_results *r);

/* Process start time, for wall_time_s. */
void sl_prov_start(void);
double sl_prov_elapsed(void);

/* Record the run's --set overrides ("" = none) and its driver source's
 * SHA-256 for the header (sl_driver_begin does it). */
void sl_prov_set_run(const char *overrides, const char *source_hash);
/* SHA-256 over the sources compiled into this binary ("unknown" outside the
 * Makefile's driver build: tests, tools). */
const char *sl_prov_sources_hash(void);

/* The commit of the working tree when the run started (sl_prov_start; cached):
 * HEAD, "-dirty" if tracked files outside results/ and paper/ differ, or
 * SL_COMMIT from the environment, or "unknown". */
const char *sl_prov_commit(void);

/* Validate a results file's header (magic line, commit, rows count equal to
 * the number of data rows). SL_EFORMAT with a reason if not. */
sl_status sl_results_verify(const char *path);

#endif
