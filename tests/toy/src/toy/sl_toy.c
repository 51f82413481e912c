#include "sl_toy.h"

double sl_toy_line(double a, double b, double x) { return a * x + b; }
