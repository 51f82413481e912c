/* sl_test.h — a minimal test harness. Each test binary registers checks with
 * SL_CHECK; every check prints one line "PASS name" or "FAIL name: why";
 * tests/run.sh counts them and ends with "N passed, N failed". */
#ifndef SL_TEST_H
#define SL_TEST_H

#include <stdio.h>

extern int sl_test_failed;

/* Record one named check. */
void sl_test_result(int ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define SL_CHECK(cond, name, ...) sl_test_result(!!(cond), name, __VA_ARGS__)

/* Exit status for main: 1 if any check failed. */
int sl_test_done(void);

/* Largest |a_i - b_i| / (|b_i| + floor). */
double sl_test_max_rel(const double *a, const double *b, size_t n, double floor);

#endif
