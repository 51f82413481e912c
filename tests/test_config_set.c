/* test_config_set.c — sl_config_set (--set) and describe mode, against the
 * same config written out in full: an override must read exactly as the
 * edited file would, and describe mode must record what the getters saw. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sl_config.h"
#include "sl_test.h"

static sl_config *load(const char *text)
{
    sl_config *c = NULL;
    if (sl_config_load_mem(&c, "t.yaml", (const unsigned char *)text, strlen(text)) != SL_OK) return NULL;
    return c;
}

static void test_set_equals_file(void)
{
    const char *base = "seed: 1\nsweep:\n  - [784, 10, 10]\n  - [784, 20, 10]\ntrain: {epochs: 20, lr: 0.03}\n";
    const char *edited = "seed: 1\nsweep:\n  - [784, 10, 10]\n  - [784, 7, 3, 10]\ntrain: {epochs: 2, lr: 0.03, batch: 64}\n"
                         "data: {dir: x y}\n";
    sl_config *a = load(base), *b = load(edited);
    SL_CHECK(a && b, "set: configs load", "%s", sl_errmsg());
    if (!a || !b) return;
    sl_status st = sl_config_set(a, "train.epochs=2");
    if (st == SL_OK) st = sl_config_set(a, "sweep.1=[784, 7, 3, 10]");
    if (st == SL_OK) st = sl_config_set(a, "train.batch=64");
    if (st == SL_OK) st = sl_config_set(a, "data.dir=x y");
    SL_CHECK(st == SL_OK, "set: replace, list element, insert, new mapping", "%s", sl_errmsg());
    long ea = -1, eb = -2, ba = -1, bb = -2, la[8], lb[8];
    size_t na = 0, nb = 1;
    const char *da = NULL, *db = NULL;
    int same = sl_config_int(a, "train.epochs", 0, 99, &ea) == SL_OK && sl_config_int(b, "train.epochs", 0, 99, &eb) == SL_OK &&
               sl_config_int(a, "train.batch", 1, 999, &ba) == SL_OK && sl_config_int(b, "train.batch", 1, 999, &bb) == SL_OK &&
               sl_config_int_list(a, "sweep.1", 1, 9999, la, 8, &na) == SL_OK &&
               sl_config_int_list(b, "sweep.1", 1, 9999, lb, 8, &nb) == SL_OK &&
               sl_config_string(a, "data.dir", &da) == SL_OK && sl_config_string(b, "data.dir", &db) == SL_OK;
    same = same && ea == eb && ba == bb && na == nb && memcmp(la, lb, na * sizeof *la) == 0 && da && db && strcmp(da, db) == 0;
    SL_CHECK(same && ea == 2 && na == 4 && la[2] == 3, "set: reads as the edited file",
             "epochs %ld/%ld batch %ld/%ld list %zu/%zu dir %s/%s", ea, eb, ba, bb, na, nb, da ? da : "-", db ? db : "-");
    SL_CHECK(strcmp(sl_config_overrides(a), "train.epochs=2 'sweep.1=[784, 7, 3, 10]' train.batch=64 'data.dir=x y'") == 0,
             "set: overrides text, shell-quoted where needed", "'%s'", sl_config_overrides(a));
    /* unread keys: sweep.0, train.lr, seed are unread in a -> first unknown is seed */
    double lr;
    long seed, l0[4];
    size_t n0 = 0;
    sl_config_int(a, "seed", 0, 9, &seed);
    sl_config_double(a, "train.lr", 0, 1, &lr);
    sl_config_int_list(a, "sweep.0", 1, 9999, l0, 4, &n0);
    SL_CHECK(sl_config_check_unused(a) == SL_OK, "set: every key read, no unknown key", "%s", sl_errmsg());
    sl_config_free(a);
    sl_config_free(b);
}

static void test_set_errors(void)
{
    sl_config *c = load("seed: 1\ntrain: {epochs: 20}\nlist: [1, 2]\n");
    if (!c) { SL_CHECK(0, "set errors: load", "%s", sl_errmsg()); return; }
    long v = 0;
    SL_CHECK(sl_config_set(c, "train.epochs=x") == SL_OK && sl_config_int(c, "train.epochs", 0, 9, &v) == SL_ECONFIG &&
             strcmp(sl_errmsg(), "--set train.epochs=x: key 'train.epochs': expected an integer, got 'x'") == 0,
             "set: wrong type names --set", "%s", sl_errmsg());
    SL_CHECK(sl_config_set(c, "list.2=5") == SL_ECONFIG && strstr(sl_errmsg(), "'2' is not an index of the list at t.yaml:3:7"),
             "set: list index out of range", "%s", sl_errmsg());
    SL_CHECK(sl_config_set(c, "seed.x=5") == SL_ECONFIG && strstr(sl_errmsg(), "'x' is a scalar at t.yaml:1:7"),
             "set: key below a scalar", "%s", sl_errmsg());
    SL_CHECK(sl_config_set(c, "=5") == SL_EINVAL && sl_config_set(c, "a..b=1") == SL_EINVAL && sl_config_set(c, "ab") == SL_EINVAL,
             "set: malformed assignments", "%s", sl_errmsg());
    SL_CHECK(sl_config_set(c, "x={a: 1, a: 2}") == SL_ECONFIG && strstr(sl_errmsg(), "duplicate key 'a'"),
             "set: duplicate key inside a value", "%s", sl_errmsg());
    SL_CHECK(sl_config_set(c, "zz.y=3") == SL_OK, "set: new nested key accepted until checked", "%s", sl_errmsg());
    long s;
    size_t n;
    long l[2];
    sl_config_int(c, "seed", 0, 9, &s);
    sl_config_int_list(c, "list", 0, 9, l, 2, &n);
    sl_status st = sl_config_check_unused(c);
    SL_CHECK(st == SL_ECONFIG && strcmp(sl_errmsg(), "--set zz.y=3: unknown key 'zz'") == 0,
             "set: a rejected value stays out; an unread inserted key is unknown, named by its --set", "%s", sl_errmsg());
    sl_config_free(c);
}

static void test_describe(void)
{
    static const sl_key_doc docs[] = {{"n", "a count"}, {"m.*", "rows"}, {NULL, NULL}};
    sl_config *c = load("n: 3\nm: [[1, 2], [3]]\n");
    if (!c) { SL_CHECK(0, "describe: load", "%s", sl_errmsg()); return; }
    sl_config_describe(c);
    sl_config_docs(c, docs);
    long n = 7, row[4];
    size_t k = 0, len;
    double x = 0.5;
    sl_config_int(c, "n", 1, 9, &n);
    sl_config_double(c, "absent", 0, 1, &x);
    for (int i = 0; i < 2; i++) {
        char key[16];
        snprintf(key, sizeof key, "m.%d", i);
        sl_config_int_list(c, key, 0, 9, row, 4, &len);
    }
    const char *type, *value, *key0 = sl_config_described_key(c, 0, &type, &value);
    SL_CHECK(key0 && strcmp(key0, "n") == 0 && strcmp(type, "integer") == 0 && strcmp(value, "3") == 0,
             "describe: key, type and value recorded", "%s %s %s", key0 ? key0 : "-", type, value);
    const char *k2 = sl_config_described_key(c, 2, &type, &value);
    SL_CHECK(k2 && strcmp(k2, "m.*") == 0 && !sl_config_described_key(c, 3, NULL, NULL),
             "describe: list indices collapse to '*', one entry", "%s", k2 ? k2 : "-");
    char *buf = NULL;
    size_t cap = 0;
    FILE *f = open_memstream(&buf, &cap);
    sl_config_print_keys(c, f, &k);
    fclose(f);
    SL_CHECK(k == 1 && strstr(buf, "default: 7;  here: 3") && strstr(buf, "[0, 1]") && strstr(buf, "default: 0.5;  here: (absent")
             && strstr(buf, "a count") && strstr(buf, "rows"),
             "describe: defaults are the callers' values; the undocumented key counted", "%zu undocumented\n%s", k, buf);
    free(buf);
    sl_config_free(c);
}

int main(void)
{
    test_set_equals_file();
    test_set_errors();
    test_describe();
    return sl_test_done();
}
