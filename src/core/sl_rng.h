/* sl_rng.h — explicit random state on GSL.
 *
 * Every random stream is a gsl_rng (MT19937) owned by the caller; no code
 * shares hidden state. Two seeding conventions, both reproducible:
 *   - derived streams (msd, the networks): sl_rng_new(sl_seed_derive(config
 *     seed, purpose, index)), so each (seed, purpose, index) gets its own
 *     stream (e.g. the shuffling of run 3 never depends on how many numbers
 *     its initialisation drew);
 *   - paper seeds (erg): sl_circular_ensemble seeds one MT19937 per chunk
 *     directly with the chunk seeds the config lists (gsl_rng_set(r, seed),
 *     no derivation), as the published code's chunks do
 *     (IMPLEMENTATION-NOTES). */
#ifndef SL_RNG_H
#define SL_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* Stream purposes, so that e.g. the shuffling of seed 3 never depends on how
 * many numbers the initialisation of seed 3 drew. */
enum { SL_STREAM_INIT = 1, SL_STREAM_SHUFFLE = 2, SL_STREAM_MASK = 3,
       SL_STREAM_DATA = 4, SL_STREAM_ENSEMBLE = 5 };

/* Output i (i = 0, 1, …) of the SplitMix64 generator seeded with key (Steele,
 * Lea & Flood 2014; Java's SplittableRandom): mix(key + (i + 1) γ). Being a
 * function of (key, i) alone, it is a counter-based generator: element i of
 * a stream is computed on its own, in any order, by any thread or SIMD lane,
 * with the same bits (integer arithmetic only). Pure function. */
static inline uint64_t sl_splitmix64_at(uint64_t key, uint64_t i)
{
    uint64_t z = key + (i + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A 64-bit seed from (base, purpose, index) by SplitMix64 mixing: distinct
 * inputs give statistically independent seeds; pure function. */
uint64_t sl_seed_derive(uint64_t base, uint64_t purpose, uint64_t index);

/* A new MT19937 generator seeded with `seed` (folded to the 32 bits MT19937
 * uses). Caller frees with gsl_rng_free. NULL on allocation failure. */
gsl_rng *sl_rng_new(uint64_t seed);

/* A normal deviate N(0, sigma²) (gsl_ran_gaussian; wrapped here so that
 * callers need not include gsl_randist.h, whose CBLAS declarations clash
 * with OpenBLAS' cblas.h). */
double sl_rng_gaussian(gsl_rng *r, double sigma);

/* n uniform floats x_i = (float)(a + (b − a) u_i), u_i = gsl_rng_uniform (in
 * double, then rounded: the one uniform fill of the suite). */
void sl_rng_uniform_f(gsl_rng *r, float *x, size_t n, double a, double b);

/* In-place Fisher–Yates shuffle of idx (n). */
void sl_rng_shuffle(gsl_rng *r, uint32_t *idx, size_t n);

#endif
