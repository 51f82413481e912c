#include "sl_results.h"
#include "sl_signal.h"
#include "sl_blas.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The SHA-256 over the sources compiled into this binary (its driver's
 * dependency files and those of every library object the linker pulled in;
 * scripts/srchash.sh binary), defined by an object the Makefile generates and
 * links into each driver; weak, so that tests and tools link without it. */
const char *sl_binary_sources(void) __attribute__((weak));

struct sl_results {
    char *path, *driver, *config, *hash, *seeds;
    char *comments; size_t ncomments; FILE *cfile;
    char *body; size_t nbody; FILE *bfile;
    long rows;
};

static struct timespec t_start;
static int t_started;
static char prov_overrides[4096] = "none";

void sl_prov_set_run(const char *overrides, const char *source_hash)
{
    snprintf(prov_overrides, sizeof prov_overrides, "%s", overrides && *overrides ? overrides : "none");
    (void)source_hash; /* the binary's own hash (sl_binary_sources) covers the driver's source */
}

const char *sl_prov_sources_hash(void) { return sl_binary_sources ? sl_binary_sources() : "unknown"; }

void sl_prov_start(void)
{
    clock_gettime(CLOCK_MONOTONIC, &t_start);
    t_started = 1;
    /* the commit (and dirtiness) of the tree as the run starts: a long run
     * must not name a commit made while it was running */
    (void)sl_prov_commit();
}

double sl_prov_elapsed(void)
{
    if (!t_started) sl_prov_start();
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t_start.tv_sec) + 1e-9 * (double)(t.tv_nsec - t_start.tv_nsec);
}

const char *sl_prov_commit(void)
{
    static char commit[128];
    if (commit[0]) return commit;
    strcpy(commit, "unknown");
    const char *env = getenv("SL_COMMIT");
    if (env && *env) {
        snprintf(commit, sizeof commit, "%s", env);
        return commit;
    }
    /* "-dirty" when tracked files outside results/ and paper/ differ from
     * HEAD: the outputs of earlier runs and the report do not change what a
     * driver computes, so a chain of figure runs stays clean */
    FILE *p = popen("c=$(git rev-parse --short=12 HEAD 2>/dev/null) && "
                    "{ git diff --quiet HEAD -- . ':(exclude)results' ':(exclude)paper' 2>/dev/null "
                    "&& echo \"$c\" || echo \"$c-dirty\"; }",
                    "r");
    if (p) {
        char buf[128];
        if (fgets(buf, sizeof buf, p)) {
            buf[strcspn(buf, "\r\n")] = 0;
            if (*buf) snprintf(commit, sizeof commit, "%s", buf);
        }
        pclose(p);
    }
    return commit;
}

static char *dup_or(const char *s, const char *def) { return strdup(s ? s : def); }

sl_status sl_results_open(sl_results **out, const char *path, const char *driver,
                          const char *config_path, const char *config_hash, const char *seeds)
{
    sl_results *r = calloc(1, sizeof *r);
    if (!r) return sl_fail(SL_ENOMEM, "out of memory");
    r->path = dup_or(path, "");
    r->driver = dup_or(driver, "unknown");
    r->config = dup_or(config_path, "none");
    r->hash = dup_or(config_hash, "none");
    r->seeds = dup_or(seeds, "none");
    r->cfile = open_memstream(&r->comments, &r->ncomments);
    r->bfile = open_memstream(&r->body, &r->nbody);
    if (!r->path || !r->driver || !r->config || !r->hash || !r->seeds || !r->cfile || !r->bfile) {
        sl_results_discard(r);
        return sl_fail(SL_ENOMEM, "out of memory");
    }
    *out = r;
    return SL_OK;
}

void sl_results_comment(sl_results *r, const char *fmt, ...)
{
    va_list ap;
    fputs("# ", r->cfile);
    va_start(ap, fmt);
    vfprintf(r->cfile, fmt, ap);
    va_end(ap);
    fputc('\n', r->cfile);
}

void sl_results_row(sl_results *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(r->bfile, fmt, ap);
    va_end(ap);
    fputc('\n', r->bfile);
    r->rows++;
}

void sl_results_blank(sl_results *r, int n)
{
    while (n-- > 0) fputc('\n', r->bfile);
}

void sl_results_discard(sl_results *r)
{
    if (!r) return;
    if (r->cfile) fclose(r->cfile);
    if (r->bfile) fclose(r->bfile);
    free(r->comments); free(r->body);
    free(r->path); free(r->driver); free(r->config); free(r->hash); free(r->seeds);
    free(r);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w; n -= (size_t)w;
    }
    return 0;
}

sl_status sl_results_commit(sl_results *r)
{
    fflush(r->cfile);
    fflush(r->bfile);
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);

    char *head = NULL; size_t nhead = 0;
    FILE *h = open_memstream(&head, &nhead);
    if (!h) { sl_results_discard(r); return sl_fail(SL_ENOMEM, "out of memory"); }
    char blas[512];
    sl_blas_describe(blas, sizeof blas);
    fprintf(h, "# speclab-results v1\n# driver: %s\n# config: %s sha256=%s\n# seeds: %s\n"
               "# commit: %s\n# threads: %d\n# blas: %s\n# date: %s\n# wall_time_s: %.3f\n# rows: %ld\n"
               "# overrides: %s\n# sources: binary %s sha256=%s\n",
            r->driver, r->config, r->hash, r->seeds, sl_prov_commit(),
            sl_blas_workers_now(), blas, date, sl_prov_elapsed(), r->rows,
            prov_overrides, r->driver, sl_prov_sources_hash());
    fclose(h);

    size_t plen = strlen(r->path);
    char *tmp = malloc(plen + 32);
    if (!tmp) { free(head); sl_results_discard(r); return sl_fail(SL_ENOMEM, "out of memory"); }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", r->path, (long)getpid());

    sl_status st = SL_OK;
    sl_signal_register_tmp(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        st = sl_fail(SL_EIO, "cannot write results file %s: %s", tmp, strerror(errno));
    } else {
        if (write_all(fd, head, nhead) || write_all(fd, r->comments, r->ncomments) ||
            write_all(fd, r->body, r->nbody) || fsync(fd))
            st = sl_fail(SL_EIO, "writing results file %s failed: %s", tmp, strerror(errno));
        if (close(fd) && st == SL_OK)
            st = sl_fail(SL_EIO, "writing results file %s failed: %s", tmp, strerror(errno));
        if (st == SL_OK && rename(tmp, r->path))
            st = sl_fail(SL_EIO, "cannot rename %s to %s: %s", tmp, r->path, strerror(errno));
        if (st != SL_OK) unlink(tmp);
    }
    sl_signal_register_tmp(NULL);
    free(tmp);
    free(head);
    sl_results_discard(r);
    return st;
}

sl_status sl_results_verify(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open results file %s: %s", path, strerror(errno));
    char *line = NULL; size_t cap = 0; ssize_t n;
    long rows = -1, counted = 0, lineno = 0;
    int magic = 0, commit = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (lineno == 1) magic = strncmp(line, "# speclab-results v1", 20) == 0;
        if (line[0] == '#') {
            if (strncmp(line, "# commit: ", 10) == 0) commit = 1;
            if (strncmp(line, "# rows: ", 8) == 0) rows = strtol(line + 8, NULL, 10);
            continue;
        }
        if (line[n - 1] != '\n') { /* a last line without newline: truncated */
            free(line); fclose(f);
            return sl_fail(SL_EFORMAT, "%s:%ld: last line is incomplete (file truncated?)", path, lineno);
        }
        if (strspn(line, " \t\r\n") != (size_t)n) counted++;
    }
    free(line);
    fclose(f);
    if (!magic) return sl_fail(SL_EFORMAT, "%s: not a speclab results file (no '# speclab-results v1' line)", path);
    if (!commit) return sl_fail(SL_EFORMAT, "%s: provenance header has no commit line", path);
    if (rows < 0) return sl_fail(SL_EFORMAT, "%s: provenance header has no rows line", path);
    if (rows != counted)
        return sl_fail(SL_EFORMAT, "%s: header says %ld data rows, file has %ld (corrupted or edited)",
                       path, rows, counted);
    return SL_OK;
}
