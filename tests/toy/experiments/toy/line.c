/* toy_line — the toy paper's one figure: y = slope x + intercept at
 * x = 0 .. n-1 (tests/test_toy_paper.sh adds this paper to a scratch copy).
 * Rows: pt x y */
#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "toy/sl_toy.h"

static const sl_key_doc docs[] = {
    {"slope", "a of y = a x + b"}, {"intercept", "b of y = a x + b"}, {"n", "points x = 0 .. n-1"}, {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "toy_line");
    if (st != SL_OK) return sl_driver_end(&d, st);
    double a = 1, b = 0;
    long n = 5;
    sl_results *r = NULL;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_double(d.cfg, "slope", -1e6, 1e6, &a)) || (st = sl_config_double(d.cfg, "intercept", -1e6, 1e6, &b)) ||
        (st = sl_config_int(d.cfg, "n", 1, 1000, &n)) || (st = sl_driver_config_done(&d)) ||
        (st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), "none")))
        return sl_driver_end(&d, st);
    sl_results_comment(r, "columns (pt): pt x y");
    for (long i = 0; i < n; i++) sl_results_row(r, "pt %ld %.6g", i, sl_toy_line(a, b, (double)i));
    st = sl_results_commit(r);
    return sl_driver_end(&d, st);
}
