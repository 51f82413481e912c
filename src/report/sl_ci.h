/* sl_ci.h — a confidence interval for a mean (or a difference of two means)
 * over realisations, and the three-way verdict the claims checker draws from
 * it. Deterministic: the bootstrap draws from MT19937 seeded with `seed`.
 *
 * The statistic is x = mean(a) − mean(b) (b: the comparison realisations, nb
 * of them) or x = mean(a) − ref when nb = 0. Methods:
 *   SL_CI_T          Student t: one sample, or Welch's two-sample t
 *                    (Welch–Satterthwaite degrees of freedom)
 *   SL_CI_BOOTSTRAP  percentile bootstrap, `draws` resamples (each sample
 *                    resampled with replacement, independently)
 * Verdict against the region R = [lo, hi] of x that the claim's test accepts
 * (an end may be infinite; lo_open / hi_open make it strict):
 *   match      the whole interval lies in R
 *   mismatch   the interval does not meet R
 *   undecided  otherwise;
 * and split-half: the point statistic of the first ⌈n/2⌉ and of the last
 * ⌊n/2⌋ realisations (each sample split in row order) must fall on the same
 * side of R as the verdict (in R for match, outside for mismatch), else the
 * verdict is undecided. */
#ifndef SL_CI_H
#define SL_CI_H

#include <stddef.h>
#include <stdint.h>

enum { SL_CI_NONE, SL_CI_T, SL_CI_BOOTSTRAP };
enum { SL_VERDICT_MATCH, SL_VERDICT_MISMATCH, SL_VERDICT_UNDECIDED };

typedef struct {
    double lo, hi;         /* the accepted region of x */
    int lo_open, hi_open;  /* strict ends */
} sl_region;

typedef struct {
    double x;              /* the statistic on all realisations */
    double ci_lo, ci_hi;   /* its interval */
    double half[2];        /* the statistic on each half */
    int verdict;           /* SL_VERDICT_* */
    int split_disagrees;   /* the halves changed a decided verdict to undecided */
    long n_needed;         /* undecided: realisations (per sample) at which a t interval of the same
                              spread would exclude the nearer edge of the band (-1: not estimable) */
} sl_ci_result;

/* a (na ≥ 2), b (nb = 0 or ≥ 2); level in (0, 1); draws ≥ 100 for the
 * bootstrap. Returns 0, or −1 when there are too few realisations (a half
 * would be empty) or an allocation fails. */
int sl_ci_verdict(int method, double level, long draws, uint64_t seed, const double *a, size_t na,
                  const double *b, size_t nb, double ref, sl_region r, sl_ci_result *out);

/* 1 if x lies in r. */
int sl_region_has(sl_region r, double x);

#endif
