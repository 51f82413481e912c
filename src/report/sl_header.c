#include "sl_header.h"
#include "../core/sl_config.h"
#include "../core/sl_sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PLAIN[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=,:/@%[]";

/* The rest of the first header line that starts with `prefix` (its newline
 * dropped) into out; *found 0 when the header has none. */
static sl_status header_line(const char *path, const char *prefix, char *out, size_t cap, int *found)
{
    FILE *f = fopen(path, "r");
    if (!f) return sl_fail(SL_EIO, "cannot open results file %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t lcap = 0, plen = strlen(prefix);
    sl_status st = SL_OK;
    *found = 0;
    while (getline(&line, &lcap, f) > 0 && line[0] == '#') {
        if (strncmp(line, prefix, plen) != 0) continue;
        size_t len = strcspn(line + plen, "\n");
        if (len >= cap) { st = sl_fail(SL_EFORMAT, "%s: header line '%s' longer than %zu bytes", path, prefix, cap - 1); break; }
        memcpy(out, line + plen, len);
        out[len] = 0;
        *found = 1;
        break;
    }
    free(line);
    fclose(f);
    return st;
}

/* run_time_s: a merge's slices' sum (the line sl_task_provenance writes:
 * "merged from N partials (P points; the slices' wall times sum to S s)"),
 * else wall_time_s */
static sl_status run_time(const char *path, char *out, size_t cap)
{
    char merged[512];
    int found = 0;
    SL_TRY(header_line(path, "# merged from ", merged, sizeof merged, &found));
    if (!found) return sl_header_field(path, "wall_time_s", out, cap);
    const char *m = strstr(merged, "wall times sum to ");
    char *end = NULL;
    double s = m ? strtod(m + 18, &end) : -1;
    if (!m || end == m + 18 || strcmp(end, " s)") != 0 || !(s >= 0))
        return sl_fail(SL_EFORMAT, "%s: a merged file whose 'merged from' line gives no slices' wall time", path);
    if ((size_t)snprintf(out, cap, "%.1f", s) >= cap) return sl_fail(SL_EFORMAT, "%s: run_time_s too long", path);
    return SL_OK;
}

sl_status sl_header_field(const char *path, const char *field, char *out, size_t cap)
{
    if (strcmp(field, "run_time_s") == 0) return run_time(path, out, cap);
    if (!*field || strspn(field, "abcdefghijklmnopqrstuvwxyz_0123456789") != strlen(field))
        return sl_fail(SL_EINVAL, "header field '%s': not a field name", field);
    char prefix[96];
    if ((size_t)snprintf(prefix, sizeof prefix, "# %s:", field) >= sizeof prefix)
        return sl_fail(SL_EINVAL, "header field '%s': name too long", field);
    int found = 0;
    SL_TRY(header_line(path, prefix, out, cap, &found));
    if (!found) return sl_fail(SL_EFORMAT, "%s: no '# %s:' line in its header", path, field);
    if (out[0] == ' ') memmove(out, out + 1, strlen(out)); /* "# FIELD: value" */
    return SL_OK;
}

sl_status sl_header_split_overrides(const char *v, char *out, size_t cap, size_t *len, int *n)
{
    size_t o = 0;
    *n = 0;
    if (strcmp(v, "none") == 0) v = "";
    for (const char *p = v; *p;) {
        if (*p == ' ') {
            if (p == v || p[1] == ' ' || p[1] == 0) return sl_fail(SL_EFORMAT, "overrides '%s': stray space", v);
            p++;
        }
        /* one word: plain runs, '…' runs and \' */
        int any = 0;
        while (*p && *p != ' ') {
            if (o + 2 >= cap) return sl_fail(SL_EFORMAT, "overrides '%s': too long", v);
            if (strchr(PLAIN, *p)) out[o++] = *p++;
            else if (*p == '\'') {
                const char *e = strchr(p + 1, '\'');
                if (!e) return sl_fail(SL_EFORMAT, "overrides '%s': a quote is not closed", v);
                if ((size_t)(e - p) + o + 2 >= cap) return sl_fail(SL_EFORMAT, "overrides '%s': too long", v);
                memcpy(out + o, p + 1, (size_t)(e - p - 1));
                o += (size_t)(e - p - 1);
                p = e + 1;
            } else if (p[0] == '\\' && p[1] == '\'') {
                out[o++] = '\'';
                p += 2;
            } else
                return sl_fail(SL_EFORMAT,
                               "overrides '%s': '%c' outside quotes is not something a driver writes "
                               "(the header was edited; nothing is run)", v, *p);
            any = 1;
        }
        if (!any) return sl_fail(SL_EFORMAT, "overrides '%s': empty word", v);
        out[o++] = 0;
        (*n)++;
    }
    *len = o;
    return SL_OK;
}

sl_status sl_header_config_driver(const char *path, char *out, size_t cap)
{
    sl_config *cfg;
    SL_TRY(sl_config_load(&cfg, path));
    const char *d = NULL;
    sl_status st = sl_config_string(cfg, "driver", &d);
    if (st == SL_OK && d) snprintf(out, cap, "%s", d);
    else if (st == SL_OK) {
        /* .../KEY/NAME.yaml -> KEY_NAME */
        const char *name = strrchr(path, '/'), *dot = strrchr(path, '.');
        const char *key = name;
        while (key && key > path && key[-1] != '/') key--;
        if (!name || name == path || !dot || dot < name || strcmp(dot, ".yaml"))
            st = sl_fail(SL_EINVAL, "%s: a figure's config is experiments/KEY/NAME.yaml (or names its `driver:`)", path);
        else
            snprintf(out, cap, "%.*s_%.*s", (int)(name - key), key, (int)(dot - name - 1), name + 1);
    }
    sl_config_free(cfg);
    return st;
}

sl_status sl_header_config_value(const char *results, const char *key, char *out, size_t cap)
{
    char line[4096], words[4096], hex[65];
    SL_TRY(sl_header_field(results, "config", line, sizeof line));
    char *sha = strstr(line, " sha256=");
    if (!sha || strlen(sha + 8) != 64) return sl_fail(SL_EFORMAT, "%s: '# config:' has no sha256 of its config", results);
    *sha = 0;
    SL_TRY(sl_sha256_file(line, hex));
    if (strcmp(hex, sha + 8) != 0)
        return sl_fail(SL_EFORMAT, "%s: its config %s changed since the run (sha256 differs): the value would describe "
                       "another run; rerun it", results, line);
    sl_config *cfg = NULL;
    SL_TRY(sl_config_load(&cfg, line));
    size_t len = 0;
    int n = 0;
    char ov[4096];
    sl_status st = sl_header_field(results, "overrides", ov, sizeof ov);
    if (st == SL_OK) st = sl_header_split_overrides(ov, words, sizeof words, &len, &n);
    for (size_t at = 0; st == SL_OK && n-- > 0; at += strlen(words + at) + 1) st = sl_config_set(cfg, words + at);
    size_t seq = 0;
    const char *v = NULL;
    if (st == SL_OK && sl_config_seq_len(cfg, key, &seq) == SL_OK && seq > 0)
        st = sl_fail(SL_EINVAL, "%s: config key %s is a list: name one element (%s.0 ...)", results, key, key);
    else if (st == SL_OK && !sl_config_has(cfg, key))
        st = sl_fail(SL_EINVAL, "%s: its config %s has no key %s", results, line, key);
    else if (st == SL_OK) st = sl_config_string(cfg, key, &v);
    if (st == SL_OK && (!v || strlen(v) >= cap)) st = sl_fail(SL_EFORMAT, "%s: config value %s too long", results, key);
    if (st == SL_OK) snprintf(out, cap, "%s", v);
    sl_config_free(cfg);
    return st;
}
