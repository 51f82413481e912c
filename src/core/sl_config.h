/* sl_config.h — typed, checked YAML configs on libyaml.
 *
 * A config is one YAML mapping. Keys are addressed by dotted paths
 * ("train.lr", "sweep.n2"); list elements by index ("layers.0.out").
 * Every getter leaves *out untouched when the key is absent (so the caller
 * pre-loads the default), and fails with file:line:column and the key when
 * the value has the wrong type or lies outside [lo, hi].
 * Getters mark the keys they read; sl_config_check_unused then rejects every
 * key that no getter asked for (a misspelt key is an error, not a silent
 * default). */
#ifndef SL_CONFIG_H
#define SL_CONFIG_H

#include <stddef.h>
#include <stdio.h>
#include "sl_error.h"

typedef struct sl_config sl_config;

/* One line of documentation for a key, registered next to the code that
 * reads it (see sl_config_docs). `key` is the dotted path; list indices are
 * written '*' ("sweep.*"). A table ends with {NULL, NULL}. */
typedef struct {
    const char *key;
    const char *doc;
} sl_key_doc;

/* Parse `path`. On success *cfg is owned by the caller (sl_config_free).
 * Malformed YAML → SL_EFORMAT with file:line:column; a top level that is not
 * a mapping, or a duplicated key → SL_ECONFIG. */
sl_status sl_config_load(sl_config **cfg, const char *path);

/* Same from a buffer; `name` is used in messages (for tests and fuzzing). */
sl_status sl_config_load_mem(sl_config **cfg, const char *name,
                             const unsigned char *buf, size_t len);

void sl_config_free(sl_config *cfg); /* NULL-safe */

const char *sl_config_path(const sl_config *cfg);
/* SHA-256 of the file's bytes, 64 hex characters. */
const char *sl_config_hash(const sl_config *cfg);

int sl_config_has(const sl_config *cfg, const char *key);

/* Scalars. Integers must be written as integers; doubles accept integers. */
sl_status sl_config_int(const sl_config *cfg, const char *key,
                        long lo, long hi, long *out);
sl_status sl_config_double(const sl_config *cfg, const char *key,
                           double lo, double hi, double *out);
sl_status sl_config_bool(const sl_config *cfg, const char *key, int *out);
/* The returned string is owned by cfg. */
sl_status sl_config_string(const sl_config *cfg, const char *key,
                           const char **out);
/* One of `choices` (NULL-terminated); *out is its index. */
sl_status sl_config_enum(const sl_config *cfg, const char *key,
                         const char *const *choices, int *out);

/* Lists (a YAML sequence of scalars, or a single scalar taken as a list of
 * one). At most `max` elements; *n receives the count. Absent → *n unchanged. */
sl_status sl_config_int_list(const sl_config *cfg, const char *key,
                             long lo, long hi, long *out, size_t max, size_t *n);
sl_status sl_config_double_list(const sl_config *cfg, const char *key,
                                double lo, double hi, double *out,
                                size_t max, size_t *n);
/* Each element must be one of `choices`; out[i] is its index. */
sl_status sl_config_enum_list(const sl_config *cfg, const char *key,
                              const char *const *choices, int *out,
                              size_t max, size_t *n);
/* Number of elements of a sequence (0 if absent). */
sl_status sl_config_seq_len(const sl_config *cfg, const char *key, size_t *n);

/* Require `key` to be present (SL_ECONFIG naming the key otherwise). */
sl_status sl_config_require(const sl_config *cfg, const char *key);

/* Fail on the first mapping key that no getter read. */
sl_status sl_config_check_unused(const sl_config *cfg);

/* ---- command-line overrides -------------------------------------------
 * Apply "key=value" (a driver's --set): the value is parsed as YAML (a
 * scalar, or a flow sequence/mapping such as "[784, 10]") and replaces the
 * node at the dotted key, or is inserted (intermediate mappings created).
 * Call before any getter. Errors of the value later found by the getters
 * name "--set key=value" instead of file:line:column; an inserted key no
 * getter reads fails sl_config_check_unused like a misspelt key in the file. */
sl_status sl_config_set(sl_config *cfg, const char *assignment);
/* Every applied --set, shell-quoted where needed and space-separated
 * ("train.epochs=2 seeds=1"), or "" if none. Owned by cfg. */
const char *sl_config_overrides(const sl_config *cfg);

/* ---- self-description (a driver's --help) -----------------------------
 * In describe mode every getter records the key, its type, range or
 * choices, the built-in default (the caller's pre-loaded *out, "required"
 * after sl_config_require) and the value in the config; sl_config_docs
 * registers one-line docs (a no-op unless describing). So the help is made
 * by the same calls that validate, and cannot drift from them. */
void sl_config_describe(sl_config *cfg);
void sl_config_docs(const sl_config *cfg, const sl_key_doc *docs);
/* Print the recorded keys (one block each) to f; *undocumented receives the
 * number of keys without a doc line. */
void sl_config_print_keys(const sl_config *cfg, FILE *f, size_t *undocumented);
/* The recorded key at index i (NULL past the end), its type and value. */
const char *sl_config_described_key(const sl_config *cfg, size_t i,
                                     const char **type, const char **value);

#endif
