/* sl_driver.h — what every driver in experiments/ does first and last.
 *
 *   sl_driver d;
 *   if (sl_driver_begin(&d, argc, argv, "msd_table1")) return sl_driver_fail(&d);
 *   ... read the driver's own keys from d.cfg, run, write d.output ...
 *   return sl_driver_end(&d, status);
 *
 * Usage of every driver: DRIVER CONFIG.yaml [--output PATH]
 * (sweep drivers also: --task I/N, --merge PARTIAL…, --plan N; sl_task.h)
 * Common config keys, read here: seed (base of every random stream),
 * output (results file path), threads (BLAS threads; default: the
 * OPENBLAS_NUM_THREADS environment, else 2). */
#ifndef SL_DRIVER_H
#define SL_DRIVER_H

#include <stdint.h>
#include "sl_config.h"
#include "sl_error.h"

/* --task / --merge / --plan of a sweep driver (sl_task.h). */
typedef struct {
    int index, count;      /* --task I/N; count 0: not given */
    int n_merge;           /* --merge P0 P1 …: the partials (argv entries) */
    char **merge;
    int plan;              /* --plan N; 0: not given */
    int sweep;             /* set by a sweep driver before sl_driver_config_done */
} sl_task_args;

typedef struct {
    const char *name;      /* driver name, for messages and provenance */
    sl_config *cfg;        /* owned */
    const char *output;    /* results path (config 'output' or --output) */
    uint64_t seed;         /* config 'seed' */
    int threads;           /* BLAS threads in force */
    sl_task_args task;     /* --task, --merge, --plan (sweep drivers only) */
} sl_driver;

/* Turn GSL's abort-on-error handler off (GSL functions return their
 * status), parse argv, load the config, read the common keys, set BLAS
 * threads, install SIGINT/SIGTERM handling and start the wall clock. */
sl_status sl_driver_begin(sl_driver *d, int argc, char **argv, const char *name);

/* Reject keys no getter read; call after reading all keys, before running. */
sl_status sl_driver_config_done(sl_driver *d);

/* Print "<name>: <message>" to stderr; returns the exit code to use. */
int sl_driver_fail(sl_driver *d, sl_status st);

/* Free the config; print the failure if st != SL_OK; exit code. */
int sl_driver_end(sl_driver *d, sl_status st);

#endif
