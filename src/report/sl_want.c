#include "sl_want.h"
#include "sl_header.h"
#include "../core/sl_sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STAMP_CURRENT ((time_t)86400) /* 1970-01-02: older than any results file */

/* the first line of file path (no newline) into out */
static sl_status first_line(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open %s: %s", path, strerror(errno));
    int ok = fgets(out, (int)cap, f) != NULL;
    fclose(f);
    if (!ok) return sl_fail(SL_EFORMAT, "%s is empty", path);
    out[strcspn(out, "\n")] = 0;
    return SL_OK;
}

/* the last line of a stamp: "current" or "stale: REASON" */
static sl_status stamp_stale(const char *path, int *stale)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open stamp %s: %s", path, strerror(errno));
    char line[4096], last[4096] = "";
    while (fgets(line, sizeof line, f)) memcpy(last, line, sizeof last);
    fclose(f);
    if (!strcmp(last, "current\n")) *stale = 0;
    else if (!strncmp(last, "stale: ", 7)) *stale = 1;
    else return sl_fail(SL_EFORMAT, "stamp %s: last line is neither 'current' nor 'stale: ...'", path);
    return SL_OK;
}

/* "ID" of a path DIR/ID.EXT into out */
static void stem(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *d = strrchr(b, '.');
    snprintf(out, cap, "%.*s", (int)(d ? d - b : (long)strlen(b)), b);
}

/* the header's reason to rerun, "" when it records what s would make now */
static void judge(const sl_want_spec *s, const char *cfgsha, const char *driver, const char *srcsha,
                  char *why, size_t cap)
{
    static char buf[16384], words[16384];
    size_t len = 0, clen = strlen(s->config);
    int n = 0;
    why[0] = 0;
    if (access(s->results, R_OK) != 0) { snprintf(why, cap, "no results file"); return; }
    if (sl_header_field(s->results, "config", buf, sizeof buf) != SL_OK) { snprintf(why, cap, "no config line in its header"); return; }
    const char *sha = strstr(buf, " sha256=");
    if (!sha || (size_t)(sha - buf) != clen || strncmp(buf, s->config, clen)) {
        snprintf(why, cap, "made from config '%.*s', not %s (before the per-paper layout?)",
                 sha ? (int)(sha - buf) : (int)strlen(buf), buf, s->config);
        return;
    }
    if (strcmp(sha + 8, cfgsha)) { snprintf(why, cap, "config changed"); return; }
    if (sl_header_field(s->results, "overrides", buf, sizeof buf) != SL_OK ||
        sl_header_split_overrides(buf, words, sizeof words, &len, &n) != SL_OK) {
        snprintf(why, cap, "unreadable overrides: check: %s", sl_errmsg());
        return;
    }
    int same = n == s->nsets;
    const char *w = words;
    for (int i = 0; same && i < n; w += strlen(w) + 1, i++) same = !strcmp(w, s->sets[i]);
    if (!same) { snprintf(why, cap, "run with other overrides (%s)", buf); return; }
    char hd[256], hs[65];
    if (sl_header_field(s->results, "sources", buf, sizeof buf) != SL_OK ||
        sscanf(buf, "binary %255[a-z0-9_] sha256=%64[0-9a-f]", hd, hs) != 2 || strlen(hs) != 64) {
        snprintf(why, cap, "no per-binary source hash in its header (made before they were recorded: one hash over all of src/)");
        return;
    }
    if (strcmp(hd, driver)) { snprintf(why, cap, "made by driver %s, the config now names %s", hd, driver); return; }
    if (strcmp(hs, srcsha)) { snprintf(why, cap, "the sources compiled into %s changed", driver); return; }
    /* the figures it reads: rerunning now, or written (header date, ISO 8601 UTC) after it */
    char date[64] = "", idate[64], id[256], in[4096];
    sl_header_field(s->results, "date", date, sizeof date);
    for (int i = 0; i < s->ninputs + s->nafter; i++) {
        int st = 0;
        if (i < s->ninputs) {
            stem(s->inputs[i], id, sizeof id);
            if (stamp_stale(s->inputs[i], &st) == SL_OK && st) { snprintf(why, cap, "its input %s reruns", id); return; }
            const char *slash = strrchr(s->results, '/');
            snprintf(in, sizeof in, "%.*s%s.dat", slash ? (int)(slash - s->results + 1) : 0, s->results, id);
        } else {
            snprintf(in, sizeof in, "%s", s->after[i - s->ninputs]);
            stem(in, id, sizeof id);
        }
        if (sl_header_field(in, "date", idate, sizeof idate) == SL_OK && strcmp(idate, date) > 0) {
            snprintf(why, cap, "its input %s was written after it", id);
            return;
        }
    }
    if (s->force) snprintf(why, cap, "--force");
}

sl_status sl_want(const sl_want_spec *s, int *stale, char *why, size_t cap)
{
    char cfgsha[65], driver[256], shapath[4096], srcsha[128], tmp[4096], id[256];
    SL_TRY(sl_sha256_file(s->config, cfgsha));
    SL_TRY(sl_header_config_driver(s->config, driver, sizeof driver));
    snprintf(shapath, sizeof shapath, "%s/gen/src/%s.sha", s->build, driver);
    if (first_line(shapath, srcsha, sizeof srcsha) != SL_OK)
        return sl_fail(SL_EIO, "%s names driver %s: no source hash %s (make all)", s->config, driver, shapath);
    for (int i = 0; i < s->ninputs; i++) {
        int st;
        SL_TRY(stamp_stale(s->inputs[i], &st)); /* made first: make orders the stamps */
    }
    judge(s, cfgsha, driver, srcsha, why, cap);
    *stale = why[0] != 0;

    snprintf(tmp, sizeof tmp, "%s.tmp", s->want);
    FILE *f = fopen(tmp, "w");
    if (!f) return sl_fail(SL_EIO, "cannot write stamp %s: %s", tmp, strerror(errno));
    fprintf(f, "config: %s sha256=%s\noverrides:", s->config, cfgsha);
    for (int i = 0; i < s->nsets; i++) fprintf(f, " [%s]", s->sets[i]);
    fprintf(f, "\nsources: binary %s sha256=%s\n", driver, srcsha);
    for (int i = 0; i < s->ninputs; i++) {
        stem(s->inputs[i], id, sizeof id);
        fprintf(f, "reads: %s\n", id);
    }
    for (int i = 0; i < s->nafter; i++) fprintf(f, "reads: %s (not in this run)\n", s->after[i]);
    if (*stale) fprintf(f, "stale: %s\n", why);
    else fprintf(f, "current\n");
    if (fclose(f) != 0 || rename(tmp, s->want) != 0) {
        remove(tmp);
        return sl_fail(SL_EIO, "cannot write stamp %s: %s", s->want, strerror(errno));
    }
    /* the decision as a time make compares with the results file's */
    struct timespec t[2];
    struct stat rs;
    clock_gettime(CLOCK_REALTIME, &t[0]);
    if (!*stale) t[0].tv_sec = STAMP_CURRENT, t[0].tv_nsec = 0;
    else if (stat(s->results, &rs) == 0 && rs.st_mtim.tv_sec >= t[0].tv_sec) t[0].tv_sec = rs.st_mtim.tv_sec + 1;
    t[1] = t[0];
    if (utimensat(AT_FDCWD, s->want, t, 0) != 0)
        return sl_fail(SL_EIO, "cannot date stamp %s: %s", s->want, strerror(errno));
    return SL_OK;
}
