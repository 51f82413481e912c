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
#include "sl_error.h"

typedef struct sl_config sl_config;

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

#endif
