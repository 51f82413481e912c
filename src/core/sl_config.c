#include "sl_config.h"
#include "sl_sha256.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* One key a driver reads, recorded in describe mode (for --help). */
typedef struct {
    char key[128];       /* dotted path, list indices written as '*' */
    char type[24];       /* integer, number, bool, string, choice, ... */
    char range[200];     /* [lo, hi] or the choices */
    char deflt[96];      /* built-in default (the caller's *out), or "required" */
    char value[160];     /* value in the described config, "" if absent */
    const char *doc;     /* one line, from sl_config_docs; NULL if none */
} key_info;

struct sl_config {
    char *path;
    char hash[65];
    yaml_document_t doc;
    unsigned char *used; /* (n_nodes + 1) flags, indexed by libyaml node id */
    int n_nodes;
    int *origin;         /* (n_nodes + 1): 0 = the file, i > 0 = sets[i - 1] */
    char **sets;         /* "--set key=value" texts, in order */
    int n_sets;
    char *overrides;     /* shell-quoted "key=value ..." of every --set, or NULL */
    int describe;        /* record each key read (sl_config_describe) */
    key_info *keys;
    size_t n_keys, cap_keys;
    const sl_key_doc **docs; /* registered doc tables */
    size_t n_docs, cap_docs;
};

#define MAX_KEY 256

static const char *where(const sl_config *c, const yaml_node_t *n);
static key_info *note(const sl_config *c, const char *key, const char *type);
static void note_value(const sl_config *c, key_info *k, const yaml_node_t *n);
static void choices_text(const char *const *choices, char *buf, size_t cap);
static int n_choices(const char *const *choices);

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
                return sl_fail(SL_ECONFIG, "%s: mapping keys must be plain scalars", where(c, n));
            for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
                yaml_node_t *k2 = node_at(c, q->key);
                if (k2 && k2->type == YAML_SCALAR_NODE &&
                    strcmp((char *)k->data.scalar.value, (char *)k2->data.scalar.value) == 0)
                    return sl_fail(SL_ECONFIG, "%s: duplicate key '%s'", where(c, k),
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
    c->origin = calloc((size_t)c->n_nodes + 1, sizeof *c->origin);
    if (!c->used || !c->origin) {
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
    free(c->origin);
    for (int i = 0; i < c->n_sets; i++) free(c->sets[i]);
    free(c->sets);
    free(c->overrides);
    free(c->keys);
    free(c->docs);
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
            *st = sl_fail(SL_ECONFIG, "%s: key '%s': '%s' is a scalar, expected a mapping",
                          where(c, n), key, seg);
            return NULL;
        }
    }
    return n;
}

/* "file:line:column", or "--set key=value" for nodes a --set made */
static const char *where(const sl_config *c, const yaml_node_t *n)
{
    static _Thread_local char buf[1200];
    ptrdiff_t id = n - c->doc.nodes.start + 1;
    if (c->origin && id >= 1 && id <= c->n_nodes && c->origin[id] > 0)
        snprintf(buf, sizeof buf, "%s", c->sets[c->origin[id] - 1]);
    else
        snprintf(buf, sizeof buf, "%s:%lu:%lu", c->path, (unsigned long)(n->start_mark.line + 1),
                 (unsigned long)(n->start_mark.column + 1));
    return buf;
}
#define WHERE(n) where(c, (n))

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
        return sl_fail(SL_ECONFIG, "%s: key '%s': expected an integer, got '%s'",
                       WHERE(n), key, s);
    if (v < lo || v > hi)
        return sl_fail(SL_ECONFIG, "%s: key '%s': %ld is out of range [%ld, %ld]",
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
        return sl_fail(SL_ECONFIG, "%s: key '%s': expected a finite number, got '%s'",
                       WHERE(n), key, s);
    if (v < lo || v > hi)
        return sl_fail(SL_ECONFIG, "%s: key '%s': %g is out of range [%g, %g]",
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
    return sl_fail(SL_ECONFIG, "%s: key '%s': '%s' is not one of: %s",
                   WHERE(n), key, s, list);
}

static sl_status need_scalar(const sl_config *c, const char *key, const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE)
        return sl_fail(SL_ECONFIG, "%s: key '%s': expected a single value, got a %s",
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
    key_info *k = note(c, key, NULL);
    if (k) strcpy(k->deflt, "required");
    if (!sl_config_has(c, key))
        return sl_fail(SL_ECONFIG, "%s: required key '%s' is missing", c->path, key);
    return SL_OK;
}

sl_status sl_config_int(const sl_config *c, const char *key, long lo, long hi, long *out)
{
    key_info *k = note(c, key, "integer");
    if (k) {
        snprintf(k->range, sizeof k->range, "[%ld, %ld]", lo, hi);
        if (!k->deflt[0]) snprintf(k->deflt, sizeof k->deflt, "%ld", *out);
    }
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    note_value(c, k, n);
    SL_TRY(need_scalar(c, key, n));
    return parse_long(c, key, n, lo, hi, out);
}

sl_status sl_config_double(const sl_config *c, const char *key, double lo, double hi, double *out)
{
    key_info *k = note(c, key, "number");
    if (k) {
        snprintf(k->range, sizeof k->range, "[%g, %g]", lo, hi);
        if (!k->deflt[0]) snprintf(k->deflt, sizeof k->deflt, "%g", *out);
    }
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    note_value(c, k, n);
    SL_TRY(need_scalar(c, key, n));
    return parse_double(c, key, n, lo, hi, out);
}

sl_status sl_config_bool(const sl_config *c, const char *key, int *out)
{
    static const char *const choices[] = {"false", "true", "no", "yes", NULL};
    key_info *k = note(c, key, "bool");
    if (k) {
        snprintf(k->range, sizeof k->range, "true or false");
        if (!k->deflt[0]) snprintf(k->deflt, sizeof k->deflt, "%s", *out ? "true" : "false");
    }
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    note_value(c, k, n);
    SL_TRY(need_scalar(c, key, n));
    int i;
    SL_TRY(parse_enum(c, key, n, choices, &i));
    *out = i & 1;
    return SL_OK;
}

sl_status sl_config_string(const sl_config *c, const char *key, const char **out)
{
    key_info *k = note(c, key, "string");
    if (k && !k->deflt[0]) snprintf(k->deflt, sizeof k->deflt, "%s", *out ? *out : "none");
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    note_value(c, k, n);
    SL_TRY(need_scalar(c, key, n));
    *out = (const char *)n->data.scalar.value;
    return SL_OK;
}

sl_status sl_config_enum(const sl_config *c, const char *key, const char *const *choices, int *out)
{
    key_info *k = note(c, key, "choice");
    if (k) {
        choices_text(choices, k->range, sizeof k->range);
        if (!k->deflt[0])
            snprintf(k->deflt, sizeof k->deflt, "%s", *out >= 0 && *out < n_choices(choices) ? choices[*out] : "none");
    }
    sl_status st;
    yaml_node_t *n = lookup(c, key, &st);
    if (!n) return st;
    note_value(c, k, n);
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
    note_value(c, note(c, key, NULL), n);
    if (n->type == YAML_MAPPING_NODE)
        return sl_fail(SL_ECONFIG, "%s: key '%s': expected a list, got a mapping",
                       WHERE(n), key);
    if (n->type == YAML_SCALAR_NODE) {
        if (max < 1) return sl_fail(SL_ECONFIG, "%s: key '%s': too many values", WHERE(n), key);
        SL_TRY(fn(c, key, n, 0, ctx));
        *count = 1;
        return SL_OK;
    }
    size_t len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (len > max)
        return sl_fail(SL_ECONFIG, "%s: key '%s': %zu values, at most %zu allowed",
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
    key_info *k = note(c, key, "integer list");
    if (k) {
        snprintf(k->range, sizeof k->range, "at most %zu, each in [%ld, %ld]", max, lo, hi);
        if (!k->deflt[0]) {
            strcpy(k->deflt, *n ? "[" : "none");
            for (size_t i = 0; i < *n && i < max; i++)
                snprintf(k->deflt + strlen(k->deflt), sizeof k->deflt - strlen(k->deflt), "%s%ld%s",
                         i ? ", " : "", out[i], i + 1 == *n ? "]" : "");
        }
    }
    struct lrange r = {lo, hi, out};
    return for_each(c, key, max, n, long_elem, &r);
}

sl_status sl_config_double_list(const sl_config *c, const char *key, double lo, double hi,
                                double *out, size_t max, size_t *n)
{
    key_info *k = note(c, key, "number list");
    if (k) {
        snprintf(k->range, sizeof k->range, "at most %zu, each in [%g, %g]", max, lo, hi);
        if (!k->deflt[0]) {
            strcpy(k->deflt, *n ? "[" : "none");
            for (size_t i = 0; i < *n && i < max; i++)
                snprintf(k->deflt + strlen(k->deflt), sizeof k->deflt - strlen(k->deflt), "%s%g%s",
                         i ? ", " : "", out[i], i + 1 == *n ? "]" : "");
        }
    }
    struct drange r = {lo, hi, out};
    return for_each(c, key, max, n, double_elem, &r);
}

sl_status sl_config_enum_list(const sl_config *c, const char *key, const char *const *choices,
                              int *out, size_t max, size_t *n)
{
    key_info *k = note(c, key, "choice list");
    if (k) {
        char ch[180];
        choices_text(choices, ch, sizeof ch);
        snprintf(k->range, sizeof k->range, "at most %zu, each %s", max, ch);
        if (!k->deflt[0]) {
            strcpy(k->deflt, *n ? "[" : "none");
            for (size_t i = 0; i < *n && i < max; i++)
                snprintf(k->deflt + strlen(k->deflt), sizeof k->deflt - strlen(k->deflt), "%s%s%s",
                         i ? ", " : "", out[i] >= 0 && out[i] < n_choices(choices) ? choices[out[i]] : "?",
                         i + 1 == *n ? "]" : "");
        }
    }
    struct erange r = {choices, out};
    return for_each(c, key, max, n, enum_elem, &r);
}

sl_status sl_config_seq_len(const sl_config *c, const char *key, size_t *n)
{
    sl_status st;
    key_info *k = note(c, key, "list");
    yaml_node_t *node = lookup(c, key, &st);
    *n = 0;
    if (!node) return st;
    note_value(c, k, node);
    if (node->type != YAML_SEQUENCE_NODE)
        return sl_fail(SL_ECONFIG, "%s: key '%s': expected a list", WHERE(node), key);
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
                return sl_fail(SL_ECONFIG, "%s: unknown key '%s'", WHERE(k), prefix);
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

/* ---------------------------------------------------------------- --set */

static sl_status grow_node_arrays(sl_config *c)
{
    int n = (int)(c->doc.nodes.top - c->doc.nodes.start);
    if (n == c->n_nodes) return SL_OK;
    unsigned char *u = realloc(c->used, (size_t)n + 1);
    if (!u) return sl_fail(SL_ENOMEM, "out of memory applying --set");
    c->used = u;
    int *o = realloc(c->origin, ((size_t)n + 1) * sizeof *o);
    if (!o) return sl_fail(SL_ENOMEM, "out of memory applying --set");
    c->origin = o;
    for (int i = c->n_nodes + 1; i <= n; i++) { c->used[i] = 0; c->origin[i] = c->n_sets; }
    c->n_nodes = n;
    return SL_OK;
}

/* Copy node `id` of `src` into c->doc; returns the new id, 0 on failure. */
static int copy_node(sl_config *c, yaml_document_t *src, int id, int depth)
{
    yaml_node_t *n = yaml_document_get_node(src, id);
    if (!n || depth > 64) return 0;
    if (n->type == YAML_SCALAR_NODE)
        return yaml_document_add_scalar(&c->doc, NULL, n->data.scalar.value, (int)n->data.scalar.length,
                                        n->data.scalar.style);
    if (n->type == YAML_SEQUENCE_NODE) {
        int s = yaml_document_add_sequence(&c->doc, NULL, YAML_FLOW_SEQUENCE_STYLE);
        if (!s) return 0;
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            int e = copy_node(c, src, *it, depth + 1);
            if (!e || !yaml_document_append_sequence_item(&c->doc, s, e)) return 0;
        }
        return s;
    }
    int m = yaml_document_add_mapping(&c->doc, NULL, YAML_FLOW_MAPPING_STYLE);
    if (!m) return 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int k = copy_node(c, src, p->key, depth + 1), v = copy_node(c, src, p->value, depth + 1);
        if (!k || !v || !yaml_document_append_mapping_pair(&c->doc, m, k, v)) return 0;
    }
    return m;
}

static int new_scalar(sl_config *c, const char *s)
{
    return yaml_document_add_scalar(&c->doc, NULL, (yaml_char_t *)s, (int)strlen(s), YAML_PLAIN_SCALAR_STYLE);
}

static int needs_quotes(const char *s)
{
    if (!*s) return 1;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=,:/@%[]", *s)) return 1;
    return 0;
}

static sl_status append_override(sl_config *c, const char *a)
{
    size_t old = c->overrides ? strlen(c->overrides) : 0, add = 4 * strlen(a) + 4;
    char *o = realloc(c->overrides, old + add + 1);
    if (!o) return sl_fail(SL_ENOMEM, "out of memory applying --set");
    c->overrides = o;
    char *p = o + old;
    if (old) *p++ = ' ';
    if (!needs_quotes(a)) p += sprintf(p, "%s", a);
    else { /* single-quote for the shell: ' becomes '\'' */
        *p++ = '\'';
        for (const char *s = a; *s; s++)
            if (*s == '\'') { memcpy(p, "'\\''", 4); p += 4; }
            else *p++ = *s;
        *p++ = '\'';
        *p = 0;
    }
    return SL_OK;
}

sl_status sl_config_set(sl_config *c, const char *a)
{
    const char *eq = strchr(a, '=');
    if (!eq || eq == a)
        return sl_fail(SL_EINVAL, "--set %s: expected KEY=VALUE (e.g. --set train.epochs=2)", a);
    size_t klen = (size_t)(eq - a);
    if (klen >= MAX_KEY) return sl_fail(SL_EINVAL, "--set %s: key too long", a);
    char key[MAX_KEY];
    memcpy(key, a, klen);
    key[klen] = 0;
    if (key[0] == '.' || key[klen - 1] == '.' || strstr(key, ".."))
        return sl_fail(SL_EINVAL, "--set %s: '%s' is not a dotted key (e.g. train.epochs)", a, key);
    const char *val = eq + 1;

    char **sets = realloc(c->sets, ((size_t)c->n_sets + 1) * sizeof *sets);
    if (!sets) return sl_fail(SL_ENOMEM, "out of memory applying --set");
    c->sets = sets;
    size_t tl = strlen(a) + 8;
    if (!(c->sets[c->n_sets] = malloc(tl))) return sl_fail(SL_ENOMEM, "out of memory applying --set");
    snprintf(c->sets[c->n_sets], tl, "--set %s", a);
    c->n_sets++;
    const char *origin = c->sets[c->n_sets - 1];

    /* parse the value as a YAML document of its own */
    yaml_parser_t parser;
    yaml_document_t vdoc;
    if (!yaml_parser_initialize(&parser)) return sl_fail(SL_ENOMEM, "cannot initialise YAML parser");
    yaml_parser_set_input_string(&parser, (const unsigned char *)val, strlen(val));
    if (!yaml_parser_load(&parser, &vdoc)) {
        sl_status st = sl_fail(SL_EFORMAT, "%s: malformed YAML value: %s%s%s", origin,
                               parser.problem ? parser.problem : "parse error",
                               parser.context ? " " : "", parser.context ? parser.context : "");
        yaml_parser_delete(&parser);
        return st;
    }
    yaml_parser_delete(&parser);
    int vid;
    if (!yaml_document_get_root_node(&vdoc)) vid = new_scalar(c, ""); /* "key=" : empty value */
    else vid = copy_node(c, &vdoc, 1, 0);
    yaml_document_delete(&vdoc);
    if (!vid) return sl_fail(SL_ENOMEM, "%s: out of memory (or nesting too deep)", origin);
    SL_TRY(grow_node_arrays(c));
    SL_TRY(check_mapping_keys(c, vid, 0)); /* before it joins the tree */

    /* walk the path, creating mappings on the way; node pointers are looked
     * up again after every addition (libyaml may move its node array) */
    int cur = 1;
    char buf[MAX_KEY], *save = NULL;
    strcpy(buf, key);
    char *seg = strtok_r(buf, ".", &save);
    while (seg) {
        char *next = strtok_r(NULL, ".", &save);
        yaml_node_t *n = node_at(c, cur);
        if (n->type == YAML_MAPPING_NODE) {
            yaml_node_pair_t *hit = NULL;
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
                if (strcmp((char *)node_at(c, p->key)->data.scalar.value, seg) == 0) { hit = p; break; }
            if (hit && !next) { hit->value = vid; break; }
            if (hit) { cur = hit->value; seg = next; continue; }
            int k = new_scalar(c, seg);
            int v = next ? yaml_document_add_mapping(&c->doc, NULL, YAML_BLOCK_MAPPING_STYLE) : vid;
            if (!k || !v || !yaml_document_append_mapping_pair(&c->doc, cur, k, v))
                return sl_fail(SL_ENOMEM, "%s: out of memory", origin);
            cur = v;
        } else if (n->type == YAML_SEQUENCE_NODE) {
            char *end;
            long i = strtol(seg, &end, 10);
            long len = (long)(n->data.sequence.items.top - n->data.sequence.items.start);
            if (*end || end == seg || i < 0 || i >= len)
                return sl_fail(SL_ECONFIG, "%s: key '%s': '%s' is not an index of the list at %s (0..%ld)",
                               origin, key, seg, where(c, n), len - 1);
            if (!next) { n->data.sequence.items.start[i] = vid; break; }
            cur = n->data.sequence.items.start[i];
        } else {
            return sl_fail(SL_ECONFIG, "%s: key '%s': '%s' is a scalar at %s, expected a mapping",
                           origin, key, seg, where(c, n));
        }
        seg = next;
    }
    SL_TRY(grow_node_arrays(c));
    return append_override(c, a);
}

const char *sl_config_overrides(const sl_config *c) { return c->overrides ? c->overrides : ""; }

/* ---------------------------------------------------------------- describe */

void sl_config_describe(sl_config *c) { c->describe = 1; }

void sl_config_docs(const sl_config *cc, const sl_key_doc *docs)
{
    sl_config *c = (sl_config *)cc;
    if (!c->describe) return;
    for (size_t i = 0; i < c->n_docs; i++)
        if (c->docs[i] == docs) return;
    if (c->n_docs == c->cap_docs) {
        size_t cap = c->cap_docs ? 2 * c->cap_docs : 16;
        const sl_key_doc **d = realloc(c->docs, cap * sizeof *d);
        if (!d) return;
        c->docs = d;
        c->cap_docs = cap;
    }
    c->docs[c->n_docs++] = docs;
}

/* the recorded entry for `key` (numeric segments as '*'), created if new;
 * NULL unless describing */
static key_info *note(const sl_config *cc, const char *key, const char *type)
{
    sl_config *c = (sl_config *)cc;
    if (!c->describe) return NULL;
    char norm[128] = "";
    size_t o = 0;
    for (const char *s = key; *s && o + 2 < sizeof norm;) {
        size_t len = strcspn(s, ".");
        if (len && strspn(s, "0123456789") == len) norm[o++] = '*';
        else { size_t m = len < sizeof norm - o - 2 ? len : sizeof norm - o - 2; memcpy(norm + o, s, m); o += m; }
        s += len;
        if (*s == '.') { norm[o++] = '.'; s++; }
    }
    norm[o] = 0;
    for (size_t i = 0; i < c->n_keys; i++)
        if (strcmp(c->keys[i].key, norm) == 0) {
            if (!c->keys[i].type[0] && type) snprintf(c->keys[i].type, sizeof c->keys[i].type, "%s", type);
            return &c->keys[i];
        }
    if (c->n_keys == c->cap_keys) {
        size_t cap = c->cap_keys ? 2 * c->cap_keys : 32;
        key_info *k = realloc(c->keys, cap * sizeof *k);
        if (!k) return NULL;
        c->keys = k;
        c->cap_keys = cap;
    }
    key_info *k = &c->keys[c->n_keys++];
    memset(k, 0, sizeof *k);
    snprintf(k->key, sizeof k->key, "%s", norm);
    if (type) snprintf(k->type, sizeof k->type, "%s", type);
    return k;
}

/* A node as flow YAML, into buf (truncated with "..."). */
static void render(const sl_config *c, const yaml_node_t *n, char *buf, size_t cap, int depth)
{
    size_t len = strlen(buf);
    if (len + 4 >= cap || depth > 8) return;
    if (n->type == YAML_SCALAR_NODE) {
        snprintf(buf + len, cap - len, "%s", (char *)n->data.scalar.value);
    } else if (n->type == YAML_SEQUENCE_NODE) {
        strncat(buf, "[", cap - len - 1);
        for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
            if (it > n->data.sequence.items.start) strncat(buf, ", ", cap - strlen(buf) - 1);
            render(c, node_at(c, *it), buf, cap, depth + 1);
        }
        strncat(buf, "]", cap - strlen(buf) - 1);
    } else {
        strncat(buf, "{", cap - len - 1);
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
            if (p > n->data.mapping.pairs.start) strncat(buf, ", ", cap - strlen(buf) - 1);
            render(c, node_at(c, p->key), buf, cap, depth + 1);
            strncat(buf, ": ", cap - strlen(buf) - 1);
            render(c, node_at(c, p->value), buf, cap, depth + 1);
        }
        strncat(buf, "}", cap - strlen(buf) - 1);
    }
    if (strlen(buf) + 4 >= cap) strcpy(buf + cap - 4, "...");
}

static void note_value(const sl_config *c, key_info *k, const yaml_node_t *n)
{
    if (!k || !n || k->value[0]) return;
    render(c, n, k->value, sizeof k->value, 0);
}

static void choices_text(const char *const *choices, char *buf, size_t cap)
{
    buf[0] = 0;
    strncat(buf, "one of: ", cap - 1);
    for (int i = 0; choices[i]; i++) {
        if (i) strncat(buf, ", ", cap - strlen(buf) - 1);
        strncat(buf, choices[i], cap - strlen(buf) - 1);
    }
}

static int n_choices(const char *const *choices)
{
    int n = 0;
    while (choices[n]) n++;
    return n;
}

void sl_config_print_keys(const sl_config *c, FILE *f, size_t *undocumented)
{
    *undocumented = 0;
    for (size_t i = 0; i < c->n_keys; i++) {
        key_info *k = &c->keys[i];
        if (!k->doc)
            for (size_t t = 0; t < c->n_docs && !k->doc; t++)
                for (const sl_key_doc *d = c->docs[t]; d->key; d++)
                    if (strcmp(d->key, k->key) == 0) { k->doc = d->doc; break; }
        fprintf(f, "  %-26s %s%s%s\n", k->key, k->type[0] ? k->type : "list",
                k->range[0] ? "  " : "", k->range);
        fprintf(f, "  %-26s default: %s;  here: %s\n", "", k->deflt[0] ? k->deflt : "none",
                k->value[0] ? k->value : "(absent: the default)");
        if (k->doc) fprintf(f, "  %-26s %s\n", "", k->doc);
        else {
            fprintf(f, "  %-26s UNDOCUMENTED: add a doc line next to the code that reads it\n", "");
            ++*undocumented;
        }
    }
}

const char *sl_config_described_key(const sl_config *c, size_t i, const char **type, const char **value)
{
    if (i >= c->n_keys) return NULL;
    if (type) *type = c->keys[i].type;
    if (value) *value = c->keys[i].value;
    return c->keys[i].key;
}
