#include "sl_kmeans.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

static double dist2(const double *a, const double *b, int d)
{
    double s = 0;
    for (int c = 0; c < d; c++) s += (a[c] - b[c]) * (a[c] - b[c]);
    return s;
}

/* k-means++ seeding into c (k, d); w (n) scratch */
static void seed(const double *x, int n, int d, int k, gsl_rng *r, double *c, double *w)
{
    int first = (int)gsl_rng_uniform_int(r, (unsigned long)n);
    memcpy(c, x + (size_t)first * d, (size_t)d * sizeof *c);
    for (int i = 0; i < n; i++) w[i] = dist2(x + (size_t)i * d, c, d);
    for (int j = 1; j < k; j++) {
        double tot = 0;
        for (int i = 0; i < n; i++) tot += w[i];
        int pick = n - 1;
        if (tot > 0) {
            double u = gsl_rng_uniform(r) * tot, acc = 0;
            for (int i = 0; i < n; i++) {
                acc += w[i];
                if (acc > u) { pick = i; break; }
            }
        } else {
            pick = (int)gsl_rng_uniform_int(r, (unsigned long)n);
        }
        memcpy(c + (size_t)j * d, x + (size_t)pick * d, (size_t)d * sizeof *c);
        for (int i = 0; i < n; i++) {
            double e = dist2(x + (size_t)i * d, c + (size_t)j * d, d);
            if (e < w[i]) w[i] = e;
        }
    }
}

/* Lloyd's iterations from the centres in c; returns the inertia */
static double lloyd(const double *x, int n, int d, int k, int max_iter, double *c, int *lab, int *cnt, double *w)
{
    for (int i = 0; i < n; i++) lab[i] = -1;
    double inertia = 0;
    for (int it = 0; it < max_iter; it++) {
        int changed = 0;
        inertia = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bd = DBL_MAX;
            for (int j = 0; j < k; j++) {
                double e = dist2(x + (size_t)i * d, c + (size_t)j * d, d);
                if (e < bd) { bd = e; best = j; }
            }
            changed += lab[i] != best;
            lab[i] = best;
            w[i] = bd;
            inertia += bd;
        }
        if (!changed) break;
        memset(c, 0, (size_t)k * d * sizeof *c);
        memset(cnt, 0, (size_t)k * sizeof *cnt);
        for (int i = 0; i < n; i++) {
            cnt[lab[i]]++;
            for (int a = 0; a < d; a++) c[(size_t)lab[i] * d + a] += x[(size_t)i * d + a];
        }
        for (int j = 0; j < k; j++) {
            if (cnt[j] == 0) { /* empty: the point farthest from its centre */
                int far = 0;
                for (int i = 1; i < n; i++) if (w[i] > w[far]) far = i;
                memcpy(c + (size_t)j * d, x + (size_t)far * d, (size_t)d * sizeof *c);
                w[far] = 0;
                continue;
            }
            for (int a = 0; a < d; a++) c[(size_t)j * d + a] /= cnt[j];
        }
    }
    return inertia;
}

sl_status sl_kmeans(const double *x, int n, int d, int k, int n_init, int max_iter, gsl_rng *r, int *label,
                    double *centers, double *inertia)
{
    if (k < 1 || k > n || d < 1) return sl_fail(SL_EINVAL, "k-means: %d clusters of %d points in dimension %d", k, n, d);
    if (n_init < 1) n_init = 1;
    if (max_iter < 1) max_iter = 300;
    double *c = malloc((size_t)k * d * sizeof *c), *cb = malloc((size_t)k * d * sizeof *cb),
           *w = malloc((size_t)n * sizeof *w);
    int *lab = malloc((size_t)n * sizeof *lab), *cnt = malloc((size_t)k * sizeof *cnt);
    if (!c || !cb || !w || !lab || !cnt) {
        free(c); free(cb); free(w); free(lab); free(cnt);
        return sl_fail(SL_ENOMEM, "k-means on %d points", n);
    }
    double best = DBL_MAX;
    for (int t = 0; t < n_init; t++) {
        seed(x, n, d, k, r, c, w);
        double in = lloyd(x, n, d, k, max_iter, c, lab, cnt, w);
        if (in < best) {
            best = in;
            memcpy(label, lab, (size_t)n * sizeof *label);
            memcpy(cb, c, (size_t)k * d * sizeof *cb);
        }
    }
    if (centers) memcpy(centers, cb, (size_t)k * d * sizeof *centers);
    if (inertia) *inertia = best;
    free(c); free(cb); free(w); free(lab); free(cnt);
    return SL_OK;
}

static void best_perm(int *p, int pos, int k, const long *conf, long acc, long *best, char *used)
{
    if (pos == k) {
        if (acc > *best) *best = acc;
        return;
    }
    for (int j = 0; j < k; j++) {
        if (used[j]) continue;
        used[j] = 1;
        p[pos] = j;
        best_perm(p, pos + 1, k, conf, acc + conf[pos * k + j], best, used);
        used[j] = 0;
    }
}

double sl_cluster_accuracy(const int *label, const int *truth, int n, int k)
{
    if (k < 1 || k > 8 || n < 1) return -1;
    long conf[64] = {0}, best = 0;
    for (int i = 0; i < n; i++)
        if (label[i] >= 0 && label[i] < k && truth[i] >= 0 && truth[i] < k) conf[label[i] * k + truth[i]]++;
    int p[8];
    char used[8] = {0};
    best_perm(p, 0, k, conf, 0, &best, used);
    return (double)best / n;
}
