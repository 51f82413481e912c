/* libFuzzer target: the YAML config loader on arbitrary bytes, then the
 * getters a driver would call and the unknown-key walk. Any crash, leak or
 * undefined behaviour is a bug; errors must come back as statuses, and a
 * value a getter accepts must lie in the range it was given (checked here: a
 * violation aborts, which libFuzzer and the replay report as a crash). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_config *c;
    if (sl_config_load_mem(&c, "fuzz.yaml", data, size) != SL_OK) return 0;
    long v = 0, list[8];
    double dv = 0, dl[4];
    int b = 0, e = 0, el[4];
    size_t n = 0;
    const char *s = NULL;
    static const char *const choices[] = {"adamax", "adam", NULL};
    if (strcmp(sl_config_path(c), "fuzz.yaml") != 0 || strlen(sl_config_hash(c)) != 64) abort();
    if (sl_config_int(c, "seed", 0, 1000, &v) == SL_OK && (v < 0 || v > 1000)) abort();
    (void)sl_config_string(c, "output", &s);
    if (sl_config_double(c, "train.lr", 0, 1, &dv) == SL_OK && !(dv >= 0 && dv <= 1)) abort();
    (void)sl_config_bool(c, "flag", &b);
    (void)sl_config_enum(c, "train.optimiser", choices, &e);
    if (sl_config_int_list(c, "network.dims", 1, 100000, list, 8, &n) == SL_OK)
        for (size_t i = 0; i < n && i < 8; i++)
            if (n > 8 || list[i] < 1 || list[i] > 100000) abort();
    (void)sl_config_double_list(c, "init.phi", -1, 1, dl, 4, &n);
    (void)sl_config_enum_list(c, "modes", choices, el, 4, &n);
    (void)sl_config_seq_len(c, "claims", &n);
    (void)sl_config_string(c, "claims.0.id", &s);
    (void)sl_config_has(c, "a.b.c.d.e.f.g");
    (void)sl_config_check_unused(c);
    sl_config_free(c);
    return 0;
}
