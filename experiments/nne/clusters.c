/* nne_clusters — thesis §3.3 (Figs. 3.8, 3.9): SpectralNet, spectral
 * clustering and k-means on two concentric-circle sets like scikit-learn's
 * make_circles (n = 1500; factor 0.2, noise 0.1; factor 0.5, noise 0.05).
 *   spectral: the diffusion map with α = 0, datafold's ε heuristic, 2
 *     eigenvectors, then k-means++;
 *   kmeans: k-means++ on the raw points;
 *   snet: SpectralNet (sl_snet.h, Table 2 settings, dropout after each hidden
 *     layer) with k = 2 outputs — the number of clusters, as SpectralNet does
 *     for clustering (its last layer has n_clusters units) — trained on the
 *     points alone (no labels), then k-means++ on the rows of its orthonormal
 *     embedding. Kernel σ² = snet.eps_factor × the set's datafold ε (thesis
 *     §2.3/§3.3: "the parameters estimated from datafold are then used for
 *     computing the kernel matrix for SpectralNet too"; its clustering
 *     paragraph names no other scale).
 * Accuracy under the best relabelling; SpectralNet's training time per set
 * on stderr and in a comment.
 *
 * Rows: acc set factor noise method accuracy | pt set x y truth spectral kmeans snet */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "nne/sl_dmaps.h"
#include "nne/sl_nne_config.h"
#include "nne/sl_nne_data.h"
#include "nne/sl_snet.h"
#include "nne/sl_snet_config.h"
#include "stats/sl_kmeans.h"

static const sl_key_doc docs[] = {
    {"points", "points per circle set (make_circles-like: half on each circle)"},
    {"sets.factor", "radius of the inner circle relative to the outer, one per set (thesis: 0.2, 0.5)"},
    {"sets.noise", "standard deviation of the Gaussian noise added to each point, one per set (thesis: 0.1, 0.05)"},
    {"kmeans.n_init", "k-means++ restarts; the lowest inertia wins (raw points, spectral and SpectralNet embeddings)"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "nne_clusters");
    if (st != SL_OK) return sl_driver_end(&d, st);
    long n = 1500, n_init = 10;
    double factor[8] = {0.2, 0.5}, noise[8] = {0.1, 0.05};
    size_t nf = 2, nn = 2;
    sl_dmaps_cfg dc;
    sl_snet_cfg sc;
    sl_config_docs(d.cfg, docs);
    if ((st = sl_config_int(d.cfg, "points", 10, 10000000, &n)) ||
        (st = sl_config_double_list(d.cfg, "sets.factor", 1e-6, 1 - 1e-6, factor, 8, &nf)) ||
        (st = sl_config_double_list(d.cfg, "sets.noise", 0, 10, noise, 8, &nn)) ||
        (st = sl_config_int(d.cfg, "kmeans.n_init", 1, 1000, &n_init)) || (st = sl_dmaps_cfg_read(d.cfg, "dmaps", &dc)) ||
        (st = sl_snet_cfg_read(d.cfg, "snet", &sc)) || (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    if (nf != nn)
        return sl_driver_end(&d, sl_fail(SL_ECONFIG, "%s: sets.factor (%zu) and sets.noise (%zu) must have the same length",
                                         sl_config_path(d.cfg), nf, nn));
    const int N = (int)n;
    const int K = 2; /* clusters (two circles): eigenvectors, SpectralNet outputs, k-means centres */
    double *x = malloc((size_t)2 * N * sizeof *x), *emb = malloc((size_t)K * N * sizeof *emb);
    int *truth = malloc((size_t)N * sizeof *truth), *ls = malloc((size_t)N * sizeof *ls), *lk = malloc((size_t)N * sizeof *lk),
        *ln = malloc((size_t)N * sizeof *ln);
    sl_results *r = NULL;
    if (!x || !emb || !truth || !ls || !lk || !ln) st = sl_fail(SL_ENOMEM, "%d points", N);
    char seeds[160];
    snprintf(seeds, sizeof seeds, "seed %llu (set s: points and subsample stream s, k-means stream s; "
             "SpectralNet init stream 1000+s, batches stream s)", (unsigned long long)d.seed);
    if (st == SL_OK) st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), seeds);
    if (st == SL_OK) {
        sl_results_comment(r, "make_circles-like sets, %d points each; spectral: diffusion map alpha %g, 2 eigenvectors, "
                              "datafold heuristic k=%ld subsample %ld tol %g (not tuned), then k-means++ (%ld inits)",
                           N, dc.alpha, dc.k_nn, dc.subsample, dc.kernel_tol, n_init);
        sl_results_comment(r, "SpectralNet: k=%d outputs, hidden %d layers (%d, %d, %d) ELU, dropout %g after each (training "
                              "only), tanh, orthonormalisation %s; RMSProp lr %g, batch %d, ortho batch %d, epochs %d, "
                              "patience %d; sigma^2 = %g x the set's datafold eps; then k-means++ on its embedding",
                           K, sc.p.n_hidden, sc.p.hidden[0], sc.p.hidden[1], sc.p.hidden[2], sc.p.dropout,
                           sl_snet_ortho_names[sc.p.ortho], sc.p.lr, sc.p.batch, sc.p.ortho_batch, sc.p.epochs, sc.p.patience,
                           sc.eps_factor);
        sl_results_comment(r, "columns: acc set factor noise method accuracy | pt set x y truth spectral kmeans snet");
    }
    for (size_t s = 0; st == SL_OK && s < nf; s++) {
        gsl_rng *rd = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_DATA, s)), *rk = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, s));
        sl_dmaps_params p;
        st = sl_make_circles(rd, N, factor[s], noise[s], x, truth);
        if (st == SL_OK) st = sl_dmaps_cfg_params(&dc, x, N, 2, 2, 1.0, rd, &p, NULL);
        if (st == SL_OK) st = sl_spectral_cluster(x, N, 2, &p, (int)n_init, rk, ls);
        if (st == SL_OK) st = sl_kmeans(x, N, 2, 2, (int)n_init, 300, rk, lk, NULL, NULL);
        /* SpectralNet: k = 2 outputs on the points alone, then k-means++ on its embedding's rows */
        gsl_rng *ri = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_INIT, 1000 + s)),
                *rb = sl_rng_new(sl_seed_derive(d.seed, SL_STREAM_SHUFFLE, s));
        sl_snet_params sp = sc.p;
        sl_snet_result sr = {0};
        sp.k = K;
        sp.eps = p.eps * sc.eps_factor;
        if (st == SL_OK && (!ri || !rb)) st = sl_fail(SL_ENOMEM, "random streams");
        if (st == SL_OK) st = sl_snet_train(x, N, 2, &sp, NULL, ri, rb, NULL, NULL, &sr);
        if (st == SL_OK) {
            for (int i = 0; i < N; i++)
                for (int j = 0; j < K; j++) emb[(size_t)i * K + j] = sr.q[(size_t)j * N + i];
            st = sl_kmeans(emb, N, K, K, (int)n_init, 300, rk, ln, NULL, NULL);
        }
        if (st == SL_OK) {
            double as = sl_cluster_accuracy(ls, truth, N, 2), ak = sl_cluster_accuracy(lk, truth, N, 2),
                   an = sl_cluster_accuracy(ln, truth, N, 2);
            sl_results_row(r, "acc %zu %g %g spectral %.6f", s, factor[s], noise[s], as);
            sl_results_row(r, "acc %zu %g %g kmeans %.6f", s, factor[s], noise[s], ak);
            sl_results_row(r, "acc %zu %g %g snet %.6f", s, factor[s], noise[s], an);
            sl_results_comment(r, "set %zu: eps %.6g, SpectralNet sigma^2 %.6g, %d epochs run, final loss %.6g, training %.2f s", s,
                               p.eps, sp.eps, sr.epochs_run, sr.final_loss, sr.t_train);
            fprintf(stderr, "nne_clusters: factor %g, noise %g: spectral clustering %.4f, k-means %.4f, SpectralNet %.4f "
                            "(eps %.4g; SpectralNet sigma^2 %.4g, %d epochs, %.1f s)\n",
                    factor[s], noise[s], as, ak, an, p.eps, sp.eps, sr.epochs_run, sr.t_train);
            for (int i = 0; i < N; i++)
                sl_results_row(r, "pt %zu %.6f %.6f %d %d %d %d", s, x[2 * i], x[2 * i + 1], truth[i], ls[i], lk[i], ln[i]);
        }
        sl_snet_result_free(&sr);
        gsl_rng_free(ri);
        gsl_rng_free(rb);
        gsl_rng_free(rd);
        gsl_rng_free(rk);
    }
    if (st == SL_OK) {
        st = sl_results_commit(r);
        r = NULL;
    }
    sl_results_discard(r);
    free(x); free(emb); free(truth); free(ls); free(lk); free(ln);
    return sl_driver_end(&d, st);
}
