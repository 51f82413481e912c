/* sl_progress.h — one progress line on stderr for long runs (only when stderr
 * is a terminal; quiet in CI and when redirected). */
#ifndef SL_PROGRESS_H
#define SL_PROGRESS_H

typedef struct {
    int enabled;      /* isatty(stderr) unless SL_PROGRESS=0/1 overrides */
    double t0;        /* start (monotonic seconds) */
    double last;      /* last draw */
    char label[96];   /* what is running, e.g. "spectral_eig seed 3" */
} sl_progress;

void sl_progress_init(sl_progress *p, const char *label);
/* done/total units of work; the ETA assumes a constant rate. */
void sl_progress_update(sl_progress *p, long done, long total, int epoch,
                        double loss, double acc);
/* Clear the line. */
void sl_progress_end(sl_progress *p);

double sl_now(void); /* monotonic clock, seconds */

#endif
