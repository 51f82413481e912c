#include "sl_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double sl_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void sl_progress_init(sl_progress *p, const char *label)
{
    const char *env = getenv("SL_PROGRESS");
    p->enabled = env ? atoi(env) != 0 : isatty(STDERR_FILENO);
    p->t0 = sl_now();
    p->last = 0;
    snprintf(p->label, sizeof p->label, "%s", label ? label : "");
}

void sl_progress_update(sl_progress *p, long done, long total, int epoch, double loss, double acc)
{
    if (!p || !p->enabled) return;
    double t = sl_now();
    if (t - p->last < 0.2 && done < total) return;
    p->last = t;
    double el = t - p->t0;
    double eta = done > 0 ? el * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\r\033[K%s  epoch %d  loss %.4f  acc %.2f%%  %ld/%ld  ETA %.0fs",
            p->label, epoch, loss, 100 * acc, done, total, eta);
    fflush(stderr);
}

void sl_progress_end(sl_progress *p)
{
    if (p && p->enabled) fputs("\r\033[K", stderr);
}
