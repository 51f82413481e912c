/* sl_toy.h — the library code of the toy paper (tests/test_toy_paper.sh):
 * y = a x + b. */
#ifndef SL_TOY_H
#define SL_TOY_H

double sl_toy_line(double a, double b, double x);

#endif
