#include "sl_driver.h"
#include "sl_blas.h"
#include "sl_mem.h"
#include "sl_results.h"
#include "sl_signal.h"
#include "sl_task.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SETS 64

static const sl_key_doc common_docs[] = {
    {"seed", "base seed; every random stream derives from it (sl_seed_derive)"},
    {"output", "results file written by the driver (overridden by --output)"},
    {"threads", "worker threads for the parallel parts (default: OPENBLAS_NUM_THREADS, else 2); results do not depend on it (BLAS calls are single-threaded, the work is split in fixed pieces)"},
    {"driver", "the binary this config is for, when it is not the config's own (experiments/KEY/NAME.yaml -> KEY_NAME); another refuses it"},
    {NULL, NULL}};

static const sl_key_doc title_docs[] = {
    {"title", "what the figure shows, one line (written into the results header)"},
    {NULL, NULL}};

static void usage(FILE *f, const char *name)
{
    fprintf(f, "usage: %s CONFIG.yaml [--output PATH] [--set KEY=VALUE]...\n"
               "       %s --help [CONFIG.yaml]\n", name, name);
}

/* the config of driver KEY_NAME, experiments/KEY/NAME.yaml, from the working
 * directory, else beside the binary (build/bin/KEY_NAME -> ../../experiments/...);
 * a driver shared by several figures (msd_sweep) has none of its own */
static const char *default_config(const char *argv0, const char *name, char *buf, size_t cap)
{
    int key = (int)strcspn(name, "_");
    const char *rest = name[key] ? name + key + 1 : name;
    snprintf(buf, cap, "experiments/%.*s/%s.yaml", key, name, rest);
    if (access(buf, R_OK) == 0) return buf;
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", argv0);
    snprintf(buf, cap, "%s/../../experiments/%.*s/%s.yaml", dirname(tmp), key, name, rest);
    if (access(buf, R_OK) == 0) return buf;
    snprintf(buf, cap, "experiments/%.*s/%s.yaml", key, name, rest);
    return buf;
}

/* The results file's folder must exist and take a new file before any work
 * starts (a bad path found after hours of training is hours lost): a probe
 * file is created and removed there. */
static sl_status check_output(const char *path)
{
    char dir[4096], probe[4200];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!*path || (slash && !slash[1])) return sl_fail(SL_EINVAL, "output '%s' is not a file path", path);
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = 0;
    else *slash = 0;
    snprintf(probe, sizeof probe, "%s/.sl_probe.%ld", dir, (long)getpid());
    FILE *f = fopen(probe, "w");
    if (!f) return sl_fail(SL_EIO, "cannot write the results file %s: folder %s: %s (checked before running)", path, dir,
                           strerror(errno));
    fclose(f);
    remove(probe);
    return SL_OK;
}

sl_status sl_driver_begin_src(sl_driver *d, int argc, char **argv, const char *name,
                              const char *about, const char *source_hash)
{
    sl_blas_init(argv);  /* pinned kernels (may re-execute), single-threaded BLAS: sl_blas.h */
    sl_mem_init();       /* freed buffers stay with the process: sl_mem.h */
    sl_prov_start();
    gsl_set_error_handler_off(); /* a GSL error returns its status instead of aborting */
    memset(d, 0, sizeof *d);
    d->name = name;
    d->about = about;
    const char *cfg_path = NULL, *out_override = NULL, *sets[MAX_SETS];
    int n_sets = 0;
    char defcfg[1200];
    /* one option per branch; an option with a value takes it from the next
     * argument or after '=' (--set=k=v) */
    SL_TRY(sl_task_args_take(&argc, argv, &d->task));   /* --task, --merge, --plan: sl_task.h */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            d->describe = 1;
        } else if (strcmp(a, "--output") == 0 || strncmp(a, "--output=", 9) == 0) {
            if (a[8] == '=') out_override = a + 9;
            else if (i + 1 < argc) out_override = argv[++i];
            else return sl_fail(SL_EINVAL, "--output needs a path");
        } else if (strcmp(a, "--set") == 0 || strncmp(a, "--set=", 6) == 0) {
            const char *v = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return sl_fail(SL_EINVAL, "--set needs KEY=VALUE (e.g. --set train.epochs=2)");
            if (n_sets == MAX_SETS) return sl_fail(SL_EINVAL, "more than %d --set options", MAX_SETS);
            sets[n_sets++] = v;
        } else if (a[0] == '-' && a[1]) {
            return sl_fail(SL_EINVAL, "unknown option '%s' (see %s --help)", a, name);
        } else if (!cfg_path) {
            cfg_path = a;
        } else {
            return sl_fail(SL_EINVAL, "more than one config given: '%s' and '%s' (see %s --help)", cfg_path, a, name);
        }
    }
    if (!cfg_path && d->describe) cfg_path = default_config(argv[0], name, defcfg, sizeof defcfg);
    if (!cfg_path)
        return sl_fail(SL_EINVAL, "no config given\nusage: %s CONFIG.yaml [--output PATH] [--set KEY=VALUE]... "
                       "(%s --help for the keys)", name, name);
    SL_TRY(sl_config_load(&d->cfg, cfg_path));
    if (d->describe) sl_config_describe(d->cfg);
    for (int i = 0; i < n_sets; i++) SL_TRY(sl_config_set(d->cfg, sets[i]));

    sl_config_docs(d->cfg, common_docs);
    long seed = 1;
    SL_TRY(sl_config_require(d->cfg, "seed"));
    SL_TRY(sl_config_int(d->cfg, "seed", 0, 0x7fffffffL, &seed));
    d->seed = (uint64_t)seed;
    SL_TRY(sl_config_require(d->cfg, "output"));
    SL_TRY(sl_config_string(d->cfg, "output", &d->output));
    if (out_override) d->output = out_override;
    /* a config made for another binary (its `driver:`) is refused */
    const char *cfg_driver = NULL;
    SL_TRY(sl_config_string(d->cfg, "driver", &cfg_driver));
    if (cfg_driver && strcmp(cfg_driver, name) != 0)
        return sl_fail(SL_ECONFIG, "%s is a config of driver %s, not %s (run build/bin/%s %s)", cfg_path, cfg_driver,
                       name, cfg_driver, cfg_path);
    if (!d->describe && !d->task.plan) SL_TRY(check_output(d->output));

    const char *env = getenv("OPENBLAS_NUM_THREADS");   /* scripts/figures.sh packs jobs by the same rule */
    long threads = env && atoi(env) > 0 ? atoi(env) : 2;
    SL_TRY(sl_config_int(d->cfg, "threads", 1, 256, &threads));
    d->threads = (int)threads;
    sl_blas_workers(d->threads);
    sl_prov_set_run(sl_config_overrides(d->cfg), source_hash);
    sl_signal_install();
    return SL_OK;
}

sl_status sl_driver_title(sl_driver *d, const char **title)
{
    sl_config_docs(d->cfg, title_docs);
    SL_TRY(sl_config_require(d->cfg, "title"));
    return sl_config_string(d->cfg, "title", title);
}

static void describe(sl_driver *d)
{
    FILE *f = stdout;
    fprintf(f, "%s", d->name);
    if (d->about && *d->about) fprintf(f, " — %s", d->about);
    else fprintf(f, "\n");
    fprintf(f, "\n");
    usage(f, d->name);
    fprintf(f, "  --output PATH    write the results to PATH instead of the config's 'output'\n"
               "  --set KEY=VALUE  override a config key; VALUE is YAML (2, 0.01, adamax, [784, 10]);\n"
               "                   repeatable; checked like the file; recorded in the results header\n"
               "  --help           this text (keys as read from CONFIG, default experiments/%s.yaml)\n\n",
            d->name);
    fprintf(f, "config keys read from %s (type and range; built-in default; value there; what it is):\n",
            sl_config_path(d->cfg));
    size_t undoc = 0;
    sl_config_print_keys(d->cfg, f, &undoc);
    /* the example sets an integer key other than the common ones to its value in the config */
    const char *ex = NULL, *exv = NULL, *type, *value, *k;
    for (size_t i = 0; (k = sl_config_described_key(d->cfg, i, &type, &value)); i++)
        if (strcmp(type, "integer") == 0 && *value && strcmp(k, "seed") && strcmp(k, "threads") && !strchr(k, '*')) {
            ex = k; exv = value;
            break;
        }
    fprintf(f, "\nexample (rerun with one key changed, results elsewhere):\n  build/bin/%s %s%s%s%s%s --output /tmp/%s.dat\n",
            d->name, sl_config_path(d->cfg), ex ? " --set " : "", ex ? ex : "", ex ? "=" : "", ex ? exv : "", d->name);
    if (ex) fprintf(f, "  (here %s=%s, its value in the config; make KEY SET=\"%s=%s\" passes it through)\n",
                    ex, exv, ex, exv);
    fflush(f);
    if (undoc) fprintf(stderr, "%s: %zu config key(s) without a doc line (UNDOCUMENTED above)\n", d->name, undoc);
    sl_config_free(d->cfg);
    d->cfg = NULL;
    exit(undoc ? 3 : 0);
}

sl_status sl_driver_config_done(sl_driver *d)
{
    if (d->describe) describe(d);
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
