#include "sl_driver.h"
#include "sl_results.h"
#include "sl_signal.h"
#include "sl_task.h"

#include <cblas.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sl_status sl_driver_begin(sl_driver *d, int argc, char **argv, const char *name)
{
    sl_prov_start();
    gsl_set_error_handler_off(); /* a GSL error returns its status instead of aborting */
    memset(d, 0, sizeof *d);
    d->name = name;
    const char *cfg_path = NULL, *out_override = NULL;
    SL_TRY(sl_task_args_take(&argc, argv, &d->task));   /* --task, --merge, --plan: sl_task.h */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) out_override = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1])
            return sl_fail(SL_EINVAL, "unknown option '%s'\nusage: %s CONFIG.yaml [--output PATH]",
                           argv[i], name);
        else if (!cfg_path) cfg_path = argv[i];
        else return sl_fail(SL_EINVAL, "more than one config given\nusage: %s CONFIG.yaml [--output PATH]", name);
    }
    if (!cfg_path) return sl_fail(SL_EINVAL, "usage: %s CONFIG.yaml [--output PATH]", name);
    SL_TRY(sl_config_load(&d->cfg, cfg_path));

    long seed = 1;
    SL_TRY(sl_config_require(d->cfg, "seed"));
    SL_TRY(sl_config_int(d->cfg, "seed", 0, 0x7fffffffL, &seed));
    d->seed = (uint64_t)seed;
    SL_TRY(sl_config_require(d->cfg, "output"));
    SL_TRY(sl_config_string(d->cfg, "output", &d->output));
    if (out_override) d->output = out_override;

    const char *env = getenv("OPENBLAS_NUM_THREADS");
    long threads = env && atoi(env) > 0 ? atoi(env) : 2;
    SL_TRY(sl_config_int(d->cfg, "threads", 1, 256, &threads));
    d->threads = (int)threads;
    openblas_set_num_threads(d->threads);
    sl_signal_install();
    return SL_OK;
}

sl_status sl_driver_config_done(sl_driver *d)
{
    if ((d->task.count || d->task.n_merge || d->task.plan) && !d->task.sweep)
        return sl_fail(SL_EINVAL, "--task, --merge and --plan apply to sweep drivers; %s has no independent points to slice",
                       d->name);
    return sl_config_check_unused(d->cfg);
}

int sl_driver_fail(sl_driver *d, sl_status st)
{
    fprintf(stderr, "%s: %s: %s\n", d->name, sl_strstatus(st), sl_errmsg());
    return st == SL_EINTR ? 130 : 1;
}

int sl_driver_end(sl_driver *d, sl_status st)
{
    int rc = st == SL_OK ? 0 : sl_driver_fail(d, st);
    sl_config_free(d->cfg);
    d->cfg = NULL;
    return rc;
}
