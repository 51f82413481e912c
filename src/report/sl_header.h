/* sl_header.h — reading a results file's provenance header and a figure's
 * config for the scripts (`check --field`, `--overrides`, `--driver`), so
 * that no script parses the header grammar or evaluates its text: a results
 * file is data, reading one never executes it.
 *
 * The header is the run of '#' lines before the first data line; a field is
 * the first `# FIELD: value` line of it (sl_results.h lists them). */
#ifndef SL_HEADER_H
#define SL_HEADER_H

#include <stddef.h>
#include "../core/sl_error.h"

/* The value of header field `field` of results file `path` into out (cap
 * bytes, NUL-terminated). SL_EFORMAT when the header has no such field.
 * One derived field: run_time_s, the seconds the run took process by
 * process: wall_time_s, or for a merge of slices (whose wall_time_s is the
 * merge's) the sum of the slices' wall times its `# merged from` line gives
 * (sl_task.c). What a rerun as one process costs: the figures' plans and
 * totals read it. */
sl_status sl_header_field(const char *path, const char *field, char *out, size_t cap);

/* Split an `overrides:` value as sl_config writes it — words separated by
 * single spaces, each plain (letters, digits, ._-+=,:/@%[]) or single-quoted
 * for the shell ('…', a quote inside written '\'') — into *n words written
 * NUL-separated into out. "none" or "" gives none. Anything else (a `$`, a
 * backquote, a parenthesis, a double quote outside quotes, an unclosed quote)
 * is refused (SL_EFORMAT): it is not what a driver writes, and nothing is
 * run. */
sl_status sl_header_split_overrides(const char *value, char *out, size_t cap, size_t *len, int *n);

/* The binary that runs config `path`: its `driver:` key, else KEY_NAME from
 * the path .../KEY/NAME.yaml. */
sl_status sl_header_config_driver(const char *path, char *out, size_t cap);

/* The value of config key `key` (dotted; a list element as KEY.N) in the
 * effective configuration of the run that wrote `results`: its `# config:`
 * file, refused when its sha256 differs from the header's (the file changed
 * since the run), with the header's `# overrides:` applied. A list, an
 * unknown key, a header without config are errors. For prose values that
 * describe the run (`check --config-value`, scripts/report.sh `@KEY`). */
sl_status sl_header_config_value(const char *results, const char *key, char *out, size_t cap);

#endif
