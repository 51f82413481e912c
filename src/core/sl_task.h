/* sl_task.h — one sweep on many machines: a driver's independent points
 * sliced into N tasks, each writing a partial results file, and a merge
 * that builds the usual results file from the N partials. Drivers use it
 * through sl_sweep_run.h (the whole skeleton); here are its parts.
 *
 * Command line of a sweep driver (beside sl_driver.h's):
 *   DRIVER CONFIG --task I/N      compute the points of slice I (0 <= I < N)
 *                                 only; write OUTPUT.part-I-of-N and stop
 *   DRIVER CONFIG --merge P...    compute nothing; read the N partials and
 *                                 write OUTPUT as the whole run would
 *   DRIVER CONFIG --plan N        print the assignment of points to N slices
 *                                 and their estimated loads; compute nothing
 * (OUTPUT: the config's `output`, or --output.)
 *
 * Slices. The driver numbers its points p = 0 … P−1 and gives each a cost
 * estimate. Points are taken by decreasing cost (equal costs: lower p
 * first) and each goes to the slice whose total so far is least (equal
 * totals: lower slice): greedy longest-processing-time, whose largest load
 * is within 4/3 of the best possible. The assignment is a pure function of
 * (costs, N), so every slice and the merge compute the same one.
 *
 * Records. Each point's numbers go into a record: text lines the driver
 * writes (numbers that later computation uses with round-trip precision,
 * %.17g), and the driver builds its results file only from the records
 * (its "finalise" step): from memory in a whole run, from the partials in a
 * merge. So the merged data lines are those of the whole run, bit for bit,
 * by construction (each point's random streams depend only on the config
 * and the point).
 *
 * Partial file: a results file (sl_results.h; provenance header, rows
 * count, atomic write) whose comments start with
 *   # task: I/N
 *   # points: n of P: p0 p1 …     (this slice's points, ascending)
 * and whose rows are `rec p LINE`, one per line of point p's record.
 * The merge refuses, with a message naming the file: a file that is not a
 * complete results file; another driver; another config (SHA-256); another
 * commit than this build's; provenance lines that differ between partials;
 * mixed N; a slice given twice; a slice missing (naming every missing I);
 * points that are not the assignment's. */
#ifndef SL_TASK_H
#define SL_TASK_H

#include <stdio.h>
#include "sl_driver.h"
#include "sl_results.h"

/* LPT assignment: slice[p] in [0, n_slices) for p < n_points; load (may be
 * NULL; n_slices) receives each slice's total cost. */
sl_status sl_task_assign(const double *cost, size_t n_points, int n_slices, int *slice, double *load);

/* Remove --task I/N, --merge P… and --plan N from argv (argc updated, the
 * rest kept in order) into a. --merge takes the arguments after it up to the
 * next one starting with "--". Malformed → SL_EINVAL with the reason. */
sl_status sl_task_args_take(int *argc, char **argv, sl_task_args *a);

typedef struct {
    const sl_driver *d;
    size_t n_points;
    int n_slices;          /* N (1 for a whole run) */
    int *slice;            /* (n_points) */
    double *cost;          /* (n_points) the driver's estimates */
    char **rec;            /* (n_points) record text ("line\n"…), NULL until made or read */
    FILE *open;            /* the record being written (sl_task_record_open) */
    char *open_buf; size_t open_len; size_t open_p;
    double merged_wall;    /* merge: sum of the partials' wall times */
} sl_task;

/* Plan the sweep of n_points with these costs. Under --merge, also read and
 * check the partials (so nothing is computed); under --plan, print the plan
 * to stdout. Call after sl_driver_config_done. */
sl_status sl_task_init(sl_task *t, const sl_driver *d, size_t n_points, const double *cost);

/* Does this process compute point p? (Its slice, not merging, not planning.) */
int sl_task_mine(const sl_task *t, size_t p);

/* Write point p's record: fprintf lines (each ending in '\n', none empty)
 * to the returned stream, then sl_task_record_close. NULL on out of memory. */
FILE *sl_task_record_open(sl_task *t, size_t p);
sl_status sl_task_record_close(sl_task *t);
/* Point p's record from text (len bytes, malloc'ed; ownership passes to t,
 * freed on error too): for records written elsewhere (sl_sweep_run.h's
 * parallel sweeps, one stream per point). Same rules as above. */
sl_status sl_task_record_set(sl_task *t, size_t p, char *text, size_t len);

/* After the compute loop. Under --task: write the partial, *finalise = 0;
 * under --plan: *finalise = 0; else *finalise = 1 and every record is
 * present (sl_task_record). seeds is the provenance's seeds text. */
sl_status sl_task_collect(sl_task *t, const char *seeds, int *finalise);

/* Point p's record text (NULL if absent). */
const char *sl_task_record(const sl_task *t, size_t p);

/* Record helpers, for the lines of a record being written (f from
 * sl_task_record_open) and read back after sl_task_collect.
 * Numbers: "KIND n x_0 … x_{n−1}" (%.17g, so they read back exactly; KIND
 * one word). sl_task_get_doubles reads the first KIND line of point p's
 * record into x (n); a missing line or another count is SL_EFORMAT naming
 * the point.
 * Rows: a point whose data rows need nothing from other points records them
 * as written, "row TEXT" (and header comments as "comment TEXT");
 * sl_task_replay writes point p's row and comment lines to r, in order, and
 * skips its other lines (the numbers beside them). TEXT: no newline. */
void sl_task_put_doubles(FILE *f, const char *kind, const double *x, size_t n);
sl_status sl_task_get_doubles(const sl_task *t, size_t p, const char *kind, double *x, size_t n);
/* The same for a KIND line of any count: *x (*n, malloc'ed; caller frees). */
sl_status sl_task_get_array(const sl_task *t, size_t p, const char *kind, double **x, size_t *n);
void sl_task_rec_row(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sl_task_rec_comment(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
sl_status sl_task_replay(const sl_task *t, size_t p, sl_results *r);

/* A header comment for the finalised file: nothing for a whole run, "merged
 * from N partials (wall times: sum … s)" for a merge. Writes "" if none. */
void sl_task_provenance(const sl_task *t, char *buf, size_t len);

void sl_task_free(sl_task *t); /* NULL-safe members */

#endif
