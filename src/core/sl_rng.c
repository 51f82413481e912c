#include "sl_rng.h"

#include <gsl/gsl_randist.h>

static uint64_t splitmix64(uint64_t x) { return sl_splitmix64_at(x, 0); }

uint64_t sl_seed_derive(uint64_t base, uint64_t purpose, uint64_t index)
{
    return splitmix64(splitmix64(splitmix64(base) ^ purpose) ^ index);
}

gsl_rng *sl_rng_new(uint64_t seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r) {
        unsigned long s = (unsigned long)((seed ^ (seed >> 32)) & 0xffffffffUL);
        gsl_rng_set(r, s ? s : 4357UL); /* 0 would pick GSL's default seed */
    }
    return r;
}

void sl_rng_uniform_f(gsl_rng *r, float *x, size_t n, double a, double b)
{
    for (size_t i = 0; i < n; i++)
        x[i] = (float)(a + (b - a) * gsl_rng_uniform(r));
}

void sl_rng_shuffle(gsl_rng *r, uint32_t *idx, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = gsl_rng_uniform_int(r, i);
        uint32_t t = idx[i - 1]; idx[i - 1] = idx[j]; idx[j] = t;
    }
}

double sl_rng_gaussian(gsl_rng *r, double sigma) { return gsl_ran_gaussian(r, sigma); }
