/* sl_driver.h — what every driver in experiments/ does first and last.
 *
 *   sl_driver d;
 *   sl_status st = sl_driver_begin(&d, argc, argv, "msd_table1");
 *   ... read the driver's own keys from d.cfg, sl_driver_config_done(&d),
 *   ... run, write d.output ...
 *   return sl_driver_end(&d, st);
 *
 * Command line of every driver:
 *   DRIVER CONFIG.yaml [--output PATH] [--set KEY=VALUE]...
 *   DRIVER --help [CONFIG.yaml]
 * Sweep drivers also take --task I/N, --merge PARTIAL…, --plan N (sl_task.h).
 * --set overrides a config key (value parsed as YAML, validated by the same
 * getters as the file, recorded in the results header); --help runs the
 * driver's config reading on CONFIG (default experiments/DRIVER.yaml) in
 * describe mode and, at sl_driver_config_done, prints what the driver does
 * (its source's top comment), every key it read with type, range, default,
 * value and doc line, and an example, then exits (0; 3 if a key has no doc
 * line). Document each key where it is read: see sl_config_docs.
 * Common config keys, read here: seed (base of every random stream),
 * output (results file path; its folder must take a new file, checked before
 * any work), threads (OpenMP worker threads; default: the
 * OPENBLAS_NUM_THREADS environment, else 2; OMP_NUM_THREADS is overridden; the
 * numbers never depend on it: BLAS runs single-threaded and the work is split
 * in pieces fixed by the problem, sl_blas.h), driver (optional: the binary a
 * config is for when several figures share one, e.g. experiments/msd/fig5.yaml
 * names msd_sweep; another binary refuses the config). */
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
    int threads;           /* OpenMP worker threads (speed only) */
    sl_task_args task;     /* --task, --merge, --plan (sweep drivers only) */
    int describe;          /* --help: print the keys at sl_driver_config_done and exit */
    const char *about;     /* what the driver does (its source's top comment) */
} sl_driver;

/* The build compiles each driver with -include of a generated header that
 * defines SL_DRIVER_ABOUT (the top comment of experiments/NAME.c) and
 * SL_DRIVER_HASH (SHA-256 of experiments/NAME.c, for the results header). */
#ifndef SL_DRIVER_ABOUT
#define SL_DRIVER_ABOUT ""
#endif
#ifndef SL_DRIVER_HASH
#define SL_DRIVER_HASH ""
#endif

/* Apply the BLAS policy first (sl_blas_init: may re-execute the program
 * with pinned kernels), turn GSL's abort-on-error handler off (GSL functions return their
 * status), parse argv (--task/--merge/--plan first, sl_task.h), load the
 * config, apply --set overrides, read the common keys, set the worker threads,
 * install SIGINT/SIGTERM handling, record provenance. */
sl_status sl_driver_begin_src(sl_driver *d, int argc, char **argv, const char *name,
                              const char *about, const char *source_hash);
#define sl_driver_begin(d, argc, argv, name) \
    sl_driver_begin_src((d), (argc), (argv), (name), SL_DRIVER_ABOUT, SL_DRIVER_HASH)

/* The config's `title` (required): one line saying what the figure shows, for
 * a driver that several figures' configs share. */
sl_status sl_driver_title(sl_driver *d, const char **title);

/* Reject keys no getter read; call after reading all keys, before running.
 * With --help: print the description and exit the process. */
sl_status sl_driver_config_done(sl_driver *d);

/* Print "<name>: <message>" to stderr; returns the exit code to use. */
int sl_driver_fail(sl_driver *d, sl_status st);

/* Free the config; print the failure if st != SL_OK; exit code. */
int sl_driver_end(sl_driver *d, sl_status st);

#endif
