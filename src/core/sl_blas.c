#include "sl_blas.h"

#include <cblas.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

sl_blas_action sl_blas_decide(const char *coretype, const char *guard, int avx2_fma)
{
    if (coretype && *coretype) return SL_BLAS_KEEP; /* the environment chose: keep, record */
    if (guard || !avx2_fma) return SL_BLAS_KEEP;
    return SL_BLAS_REEXEC;
}

void sl_blas_init(char **argv)
{
    static int done;
    if (done++) return;
    __builtin_cpu_init();
    const int avx2_fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (sl_blas_decide(getenv("OPENBLAS_CORETYPE"), getenv(SL_BLAS_GUARD), avx2_fma) == SL_BLAS_REEXEC) {
        char exe[4096];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0 && argv && argv[0]) {
            exe[n] = '\0';
            setenv("OPENBLAS_CORETYPE", SL_BLAS_CORE, 1);
            setenv(SL_BLAS_GUARD, "1", 1);
            fflush(NULL);
            execv(exe, argv);
            fprintf(stderr, "warning: re-executing %s with OPENBLAS_CORETYPE=%s failed (%s); "
                    "going on with core %s (recorded in the results header)\n",
                    exe, SL_BLAS_CORE, strerror(errno), openblas_get_corename());
        }
    }
    openblas_set_num_threads(1);
}

/* OpenMP comes with the library's builds (-fopenmp); the fuzz targets
 * compile src/core without it (one thread there) */
void sl_blas_workers(int n)
{
#ifdef _OPENMP
    omp_set_num_threads(n < 1 ? 1 : n);
#else
    (void)n;
#endif
}

int sl_blas_workers_now(void)
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

void sl_blas_describe(char *buf, size_t cap)
{
    const char *cfg = openblas_get_config(), *core = openblas_get_corename();
    size_t len = strlen(cfg);
    while (len && (cfg[len - 1] == ' ' || cfg[len - 1] == '\n')) len--;
    snprintf(buf, cap, "%.*s core=%s", (int)len, cfg, core);
}

/* library and core of a description: "LIB core=CORE" */
static void split(const char *desc, char *lib, char *core, size_t cap)
{
    const char *c = strstr(desc, " core=");
    size_t n = c ? (size_t)(c - desc) : strlen(desc);
    snprintf(lib, cap, "%.*s", (int)n, desc);
    snprintf(core, cap, "%s", c ? c + 6 : "?");
}

sl_status sl_blas_check_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open results file %s: %s", path, strerror(errno));
    char *line = NULL, rec[512] = "";
    size_t cap = 0;
    int found = 0;
    while (getline(&line, &cap, f) > 0 && line[0] == '#')
        if (strncmp(line, "# blas: ", 8) == 0) {
            snprintf(rec, sizeof rec, "%s", line + 8);
            rec[strcspn(rec, "\n")] = '\0';
            found = 1;
            break;
        }
    free(line);
    fclose(f);
    char run[512];
    sl_blas_describe(run, sizeof run);
    if (!found)
        return sl_fail(SL_EINVAL, "%s records no BLAS library and core (made before the header had a "
                       "'# blas:' line): its numbers cannot be compared bit for bit; rerun it "
                       "(here: %s)", path, run);
    if (strcmp(rec, run) == 0) return SL_OK;
    char rl[512], rc[512], nl[512], nc[512];
    split(rec, rl, rc, sizeof rl);
    split(run, nl, nc, sizeof nl);
    if (strcmp(rc, nc))
        return sl_fail(SL_EINVAL, "%s was made with BLAS core %s, this machine runs core %s "
                       "(OPENBLAS_CORETYPE=%s): its numbers are not expected to match bit for bit; "
                       "run with OPENBLAS_CORETYPE=%s or rerun it here", path, rc, nc,
                       getenv("OPENBLAS_CORETYPE") ? getenv("OPENBLAS_CORETYPE") : "(unset)", rc);
    return sl_fail(SL_EINVAL, "%s was made with BLAS library '%s', this machine has '%s': "
                   "its numbers are not expected to match bit for bit; rerun it here", path, rl, nl);
}
