#include "sl_envsolve.h"

#include <immintrin.h>

int sl_envchol_solve_fast_avx2(void) { return __builtin_cpu_supports("avx2") != 0; }

/* Σ a_i b_i as sl_envchol.c's dot: lane k of s holds the partial sum s_k
 * over terms i ≡ k (mod 4) of the whole blocks, the tail goes into s_0,
 * then (s_0 + s_1) + (s_2 + s_3) */
__attribute__((target("avx2"))) static inline double dot4(const double *a, const double *b, int m)
{
    __m256d s = _mm256_setzero_pd();
    int i = 0;
    for (; i + 4 <= m; i += 4) s = _mm256_add_pd(s, _mm256_mul_pd(_mm256_loadu_pd(a + i), _mm256_loadu_pd(b + i)));
    double l[4];
    _mm256_storeu_pd(l, s);
    for (; i < m; i++) l[0] += a[i] * b[i];
    return (l[0] + l[1]) + (l[2] + l[3]);
}

__attribute__((target("avx2"))) static void solve_avx2(sl_envchol *f, const double *x, double *y)
{
    const int n = f->n;
    double *z = f->tmp;
    for (int i = 0; i < n; i++) z[i] = x[f->perm[i]];
    for (int i = 0; i < n; i++) { /* L z = b */
        const int fi = f->first[i];
        const double *li = f->env + f->off[i] - fi;
        z[i] = (z[i] - dot4(li + fi, z + fi, i - fi)) / li[i];
    }
    for (int i = n - 1; i >= 0; i--) { /* Lᵀ z = y, by rows of L */
        const int fi = f->first[i];
        const double *li = f->env + f->off[i] - fi;
        const double zi = (z[i] /= li[i]);
        const __m256d v = _mm256_set1_pd(zi);
        int j = fi;
        for (; j + 4 <= i; j += 4)
            _mm256_storeu_pd(z + j, _mm256_sub_pd(_mm256_loadu_pd(z + j), _mm256_mul_pd(v, _mm256_loadu_pd(li + j))));
        for (; j < i; j++) z[j] -= zi * li[j];
    }
    for (int i = 0; i < n; i++) y[f->perm[i]] = z[i];
}

void sl_envchol_solve_fast(sl_envchol *f, const double *x, double *y)
{
    if (__builtin_cpu_supports("avx2")) solve_avx2(f, x, y);
    else sl_envchol_solve(f, x, y);
}
