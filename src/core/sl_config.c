#include "sl_config.h"
#include "sl_sha256.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct sl_config {
    char *path;
    char hash[65];
    yaml_document_t doc;
    unsigned char *used; /* (n_nodes + 1) flags, indexed by libyaml node id */
    int n_nodes;
};

#define MAX_KEY 256

static yaml_node_t *node_at(const sl_config *c, int id)
{
    return yaml_document_get_node((yaml_document_t *)&c->doc, id);
}

static sl_status check_mapping_keys(sl_config *c, int id, int depth)
{
    yaml_node_t *n = node_at(c, id);
    if (!n || depth > 64)
        return depth > 64 ? sl_fail(SL_ECONFIG, "%s: nesting too deep", c->path) : SL_OK;
    if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            yaml_node_t *k = node_at(c, p->key);
            if (!k || k->type != YAML_SCALAR_NODE)
                return sl_fail(SL_ECONFIG, "%s:%lu:%lu: mapping keys must be plain scalars",
                               c->path, (unsigned long)(n->start_mark.line + 1),
                               (unsigned long)(n->start_mark.column + 1));
            for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
                yaml_node_t *k2 = node_at(c, q->key);
                if (k2 && k2->type == YAML_SCALAR_NODE &&
                    strcmp((char *)k->data.scalar.value, (char *)k2->data.scalar.value) == 0)
                    return sl_fail(SL_ECONFIG, "%s:%lu:%lu: duplicate key '%s'", c->path,
                                   (unsigned long)(k->start_mark.line + 1),
                                   (unsigned long)(k->start_mark.column + 1),
                                   (char *)k->data.scalar.value);
            }
            SL_TRY(check_mapping_keys(c, p->value, depth + 1));
        }
    } else if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++)
            SL_TRY(check_mapping_keys(c, *it, depth + 1));
    }
    return SL_OK;
}

sl_status sl_config_load_mem(sl_config **out, const char *name,
                             const unsigned char *buf, size_t len)
{
    *out = NULL;
    sl_config *c = calloc(1, sizeof *c);
    if (!c) return sl_fail(SL_ENOMEM, "out of memory loading %s", name);
    c->path = strdup(name);
    sl_sha256_hex(buf, len, c->hash);

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        sl_config_free(c);
        return sl_fail(SL_ENOMEM, "cannot initialise YAML parser");
    }
    yaml_parser_set_input_string(&parser, buf, len);
    if (!yaml_parser_load(&parser, &c->doc)) {
        sl_status st = sl_fail(SL_EFORMAT, "%s:%lu:%lu: malformed YAML: %s%s%s", name,
                               (unsigned long)(parser.problem_mark.line + 1),
                               (unsigned long)(parser.problem_mark.column + 1),
                               parser.problem ? parser.problem : "parse error",
                               parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        free(c->path);
        free(c);
        return st;
    }
    yaml_parser_delete(&parser);

    c->n_nodes = (int)(c->doc.nodes.top - c->doc.nodes.start);
    c->used = calloc((size_t)c->n_nodes + 1, 1);
    if (!c->used) {
        sl_config_free(c);
        return sl_fail(SL_ENOMEM, "out of memory loading %s", name);
    }
    yaml_node_t *root = yaml_document_get_root_node(&c->doc);
    if (!root || root->type != YAML_MAPPING_NODE) {
        unsigned long line = root ? (unsigned long)root->start_mark.line + 1 : 1;
        unsigned long col = root ? (unsigned long)root->start_mark.column + 1 : 1;
        sl_config_free(c);
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: the config must be a YAML mapping of keys",
                       name, line, col);
    }
    sl_status st = check_mapping_keys(c, 1, 0);
    if (st != SL_OK) {
        sl_config_free(c);
        return st;
    }
    *out = c;
    return SL_OK;
}

sl_status sl_config_load(sl_config **out, const char *path)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return sl_fail(SL_EIO, "cannot open config %s: %s", path, strerror(errno));
    size_t cap = 4096, len = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            if (cap > (64u << 20)) { /* a config is never this large */
                free(buf); fclose(f);
                return sl_fail(SL_EFORMAT, "%s: config larger than 64 MiB", path);
            }
            unsigned char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; }
            else buf = nb;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!buf) return sl_fail(SL_ENOMEM, "out of memory reading %s", path);
    if (err) { free(buf); return sl_fail(SL_EIO, "%s: read error", path); }
    sl_status st = sl_config_load_mem(out, path, buf, len);
    free(buf);
    return st;
}

void sl_config_free(sl_config *c)
{
    if (!c) return;
    if (c->used) yaml_document_delete(&c->doc);
    free(c->used);
    free(c->path);
    free(c);
}

const char *sl_config_path(const sl_config *c) { return c->path; }
const char *sl_config_hash(const sl_config *c) { return c->hash; }

/* Walk the dotted path; marks each key on the way as used. Returns the node,
 * or NULL if absent (status SL_OK) or on a type clash (status set). */
static yaml_node_t *lookup(const sl_config *c, const char *key, sl_status *st)
{
    *st = SL_OK;
    char buf[MAX_KEY];
    if (strlen(key) >= sizeof buf) {
        *st = sl_fail(SL_EINVAL, "config key too long: %s", key);
        return NULL;
    }
    strcpy(buf, key);
    yaml_node_t *n = yaml_document_get_root_node((yaml_document_t *)&c->doc);
    char *save = NULL;
    for (char *seg = strtok_r(buf, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
        if (n->type == YAML_MAPPING_NODE) {
            yaml_node_t *next = NULL;
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
                yaml_node_t *k = node_at(c, p->key);
                if (strcmp((char *)k->data.scalar.value, seg) == 0) {
                    c->used[p->key] = 1;
                    next = node_at(c, p->value);
                    break;
                }
            }
            if (!next) return NULL;
            n = next;
        } else if (n->type == YAML_SEQUENCE_NODE) {
            char *end;
            long i = strtol(seg, &end, 10);
            long len = (long)(n->data.sequence.items.top - n->data.sequence.items.start);
            if (*end || i < 0 || i >= len) return NULL;
            n = node_at(c, n->data.sequence.items.start[i]);
        } else {
            *st = sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': '%s' is a scalar, expected a mapping",
                          c->path, (unsigned long)(n->start_mark.line + 1),
                          (unsigned long)(n->start_mark.column + 1), key, seg);
            return NULL;
        }
    }
    return n;
}

#define WHERE(n) c->path, (unsigned long)((n)->start_mark.line + 1), \
                 (unsigned long)((n)->start_mark.column + 1)

static int is_plain(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static sl_status parse_long(const sl_config *c, const char *key, const yaml_node_t *n,
                            long lo, long hi, long *out)
{
    const char *s = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!is_plain(n) || !*s || *end || errno)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': expected an integer, got '%s'",
                       WHERE(n), key, s);
    if (v < lo || v > hi)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': %ld is out of range [%ld, %ld]",
                       WHERE(n), key, v, lo, hi);
    *out = v;
    return SL_OK;
}

static sl_status parse_double(const sl_config *c, const char *key, const yaml_node_t *n,
                              double lo, double hi, double *out)
{
    const char *s = (const char *)n->data.scalar.value;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!is_plain(n) || !*s || *end || errno || !isfinite(v))
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': expected a finite number, got '%s'",
                       WHERE(n), key, s);
    if (v < lo || v > hi)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': %g is out of range [%g, %g]",
                       WHERE(n), key, v, lo, hi);
    *out = v;
    return SL_OK;
}

static sl_status parse_enum(const sl_config *c, const char *key, const yaml_node_t *n,
                            const char *const *choices, int *out)
{
    const char *s = (const char *)n->data.scalar.value;
    for (int i = 0; choices[i]; i++)
        if (strcmp(s, choices[i]) == 0) { *out = i; return SL_OK; }
    char list[512] = "";
    for (int i = 0; choices[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, choices[i], sizeof list - strlen(list) - 1);
    }
    return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': '%s' is not one of: %s",
                   WHERE(n), key, s, list);
}

static sl_status need_scalar(const sl_config *c, const char *key, const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': expected a single value, got a %s",
                       WHERE(n), key, n->type == YAML_MAPPING_NODE ? "mapping" : "list");
    return SL_OK;
}

int sl_config_has(const sl_config *c, const char *key)
{
    sl_status st;
    return lookup(c, key, &st) != NULL;
}

sl_status sl_config_require(const sl_config *c, const char *key)
{
    if (!sl_config_has(c, key))
        return sl_fail(SL_ECONFIG, "%s: required key '%s' is missing", c->path, key);
    return SL_OK;
}

sl_status sl_config_int(const sl_config *c, const char *key, long lo, long hi, long *out)
{
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    SL_TRY(need_scalar(c, key, n));
    return parse_long(c, key, n, lo, hi, out);
}

sl_status sl_config_double(const sl_config *c, const char *key, double lo, double hi, double *out)
{
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    SL_TRY(need_scalar(c, key, n));
    return parse_double(c, key, n, lo, hi, out);
}

sl_status sl_config_bool(const sl_config *c, const char *key, int *out)
{
    static const char *const choices[] = {"false", "true", "no", "yes", NULL};
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    SL_TRY(need_scalar(c, key, n));
    int i;
    SL_TRY(parse_enum(c, key, n, choices, &i));
    *out = i & 1;
    return SL_OK;
}

sl_status sl_config_string(const sl_config *c, const char *key, const char **out)
{
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    SL_TRY(need_scalar(c, key, n));
    *out = (const char *)n->data.scalar.value;
    return SL_OK;
}

sl_status sl_config_enum(const sl_config *c, const char *key, const char *const *choices, int *out)
{
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    SL_TRY(need_scalar(c, key, n));
    return parse_enum(c, key, n, choices, out);
}

/* Calls fn on each element of a sequence (or on a lone scalar). */
typedef sl_status (*elem_fn)(const sl_config *c, const char *key, const yaml_node_t *n,
                             size_t i, void *ctx);

static sl_status for_each(const sl_config *c, const char *key, size_t max, size_t *count,
                          elem_fn fn, void *ctx)
{
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    if (n->type == YAML_MAPPING_NODE)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': expected a list, got a mapping",
                       WHERE(n), key);
    if (n->type == YAML_SCALAR_NODE) {
        if (max < 1) return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': too many values", WHERE(n), key);
        SL_TRY(fn(c, key, n, 0, ctx));
        *count = 1;
        return SL_OK;
    }
    size_t len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (len > max)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': %zu values, at most %zu allowed",
                       WHERE(n), key, len, max);
    for (size_t i = 0; i < len; i++) {
        yaml_node_t *e = node_at(c, n->data.sequence.items.start[i]);
        SL_TRY(need_scalar(c, key, e));
        SL_TRY(fn(c, key, e, i, ctx));
    }
    *count = len;
    return SL_OK;
}

struct lrange { long lo, hi; long *out; };
static sl_status long_elem(const sl_config *c, const char *key, const yaml_node_t *n, size_t i, void *ctx)
{
    struct lrange *r = ctx;
    return parse_long(c, key, n, r->lo, r->hi, &r->out[i]);
}

struct drange { double lo, hi; double *out; };
static sl_status double_elem(const sl_config *c, const char *key, const yaml_node_t *n, size_t i, void *ctx)
{
    struct drange *r = ctx;
    return parse_double(c, key, n, r->lo, r->hi, &r->out[i]);
}

struct erange { const char *const *choices; int *out; };
static sl_status enum_elem(const sl_config *c, const char *key, const yaml_node_t *n, size_t i, void *ctx)
{
    struct erange *r = ctx;
    return parse_enum(c, key, n, r->choices, &r->out[i]);
}

sl_status sl_config_int_list(const sl_config *c, const char *key, long lo, long hi,
                             long *out, size_t max, size_t *n)
{
    struct lrange r = {lo, hi, out};
    return for_each(c, key, max, n, long_elem, &r);
}

sl_status sl_config_double_list(const sl_config *c, const char *key, double lo, double hi,
                                double *out, size_t max, size_t *n)
{
    struct drange r = {lo, hi, out};
    return for_each(c, key, max, n, double_elem, &r);
}

sl_status sl_config_enum_list(const sl_config *c, const char *key, const char *const *choices,
                              int *out, size_t max, size_t *n)
{
    struct erange r = {choices, out};
    return for_each(c, key, max, n, enum_elem, &r);
}

sl_status sl_config_seq_len(const sl_config *c, const char *key, size_t *n)
{
    sl_status st;
    yaml_node_t *node = lookup(c, key, &st);
    *n = 0;
    if (!node) return st;
    if (node->type != YAML_SEQUENCE_NODE)
        return sl_fail(SL_ECONFIG, "%s:%lu:%lu: key '%s': expected a list", WHERE(node), key);
    *n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    return SL_OK;
}

static sl_status unused_walk(const sl_config *c, int id, char *prefix, size_t cap)
{
    yaml_node_t *n = node_at(c, id);
    size_t plen = strlen(prefix);
    if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            yaml_node_t *k = node_at(c, p->key);
            snprintf(prefix + plen, cap - plen, "%s%s", plen ? "." : "", (char *)k->data.scalar.value);
            if (!c->used[p->key])
                return sl_fail(SL_ECONFIG, "%s:%lu:%lu: unknown key '%s'", WHERE(k), prefix);
            SL_TRY(unused_walk(c, p->value, prefix, cap));
            prefix[plen] = 0;
        }
    } else if (n->type == YAML_SEQUENCE_NODE) {
        size_t i = 0;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, i++) {
            snprintf(prefix + plen, cap - plen, ".%zu", i);
            SL_TRY(unused_walk(c, *it, prefix, cap));
            prefix[plen] = 0;
        }
    }
    return SL_OK;
}

sl_status sl_config_check_unused(const sl_config *c)
{
    char prefix[1024] = "";
    return unused_walk(c, 1, prefix, sizeof prefix);
}
