/* test_envdot.h — the envelope Cholesky's dot product as sl_envchol.h
 * specifies it, one scalar operation at a time, for the solver tests'
 * plain references (test_envsolve.c: the solve; test_sepchol.c: the
 * factor): term t in partial sum t mod 8 (the tail too), the sums added
 * ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)). */
#ifndef TEST_ENVDOT_H
#define TEST_ENVDOT_H

static inline double env_ref_dot(const double *a, const double *b, int m)
{
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int t = 0; t < m; t++) s[t % 8] += a[t] * b[t];
    return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

#endif
