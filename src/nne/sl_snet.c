#include "sl_snet.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sl_fpmode.h"
#include "../core/sl_progress.h"
#include "../core/sl_rng.h"
#include "../data/sl_dataset.h"
#include "../nn/sl_net.h"
#include "../nn/sl_orthonorm.h"
#include "../nn/sl_train.h"

const char *const sl_snet_ortho_names[] = {"separate", "batch", NULL};

void sl_snet_result_free(sl_snet_result *res)
{
    if (!res) return;
    free(res->q); free(res->lambda); free(res->mu);
    memset(res, 0, sizeof *res);
}

typedef struct {
    double x0; /* the point's first coordinate */
    int pos;   /* its position in the batch */
} sl_snet_key;

/* a (B) sorted by x0, ties in a's order: a bottom-up merge sort, stable,
 * through tmp (B) and back; returns whichever of a and tmp holds the result.
 * No allocation (qsort's merge sort mallocs its buffer on every call). */
static sl_snet_key *sort_keys(sl_snet_key *a, sl_snet_key *tmp, int B)
{
    for (int w = 1; w < B; w *= 2) {
        for (int lo = 0; lo < B; lo += 2 * w) {
            const int mid = lo + w < B ? lo + w : B, hi = lo + 2 * w < B ? lo + 2 * w : B;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[j].x0 < a[i].x0 ? a[j++] : a[i++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        sl_snet_key *t = a;
        a = tmp;
        tmp = t;
    }
    return a;
}

sl_status sl_snet_loss_ctx_alloc(sl_snet_loss_ctx *c, int max_batch)
{
    const size_t m = (size_t)(max_batch > 0 ? max_batch : 1), m2 = m * m;
    c->max_batch = max_batch;
    c->pr = malloc(m2 * sizeof *c->pr);
    c->pc = malloc(m2 * sizeof *c->pc);
    c->sr = malloc(m2 * sizeof *c->sr);
    c->sc = malloc(m2 * sizeof *c->sc);
    c->pv = malloc(m2 * sizeof *c->pv);
    c->sv = malloc(m2 * sizeof *c->sv);
    c->wp = malloc((m + 1) * sizeof *c->wp);
    c->cnt = malloc((m + 1) * sizeof *c->cnt);
    c->key = malloc(2 * m * sizeof(sl_snet_key));
    if (c->pr && c->pc && c->sr && c->sc && c->pv && c->sv && c->wp && c->cnt && c->key) return SL_OK;
    sl_snet_loss_ctx_free(c);
    return sl_fail(SL_ENOMEM, "SpectralNet loss scratch for batches of %d", max_batch);
}

void sl_snet_loss_ctx_free(sl_snet_loss_ctx *c)
{
    if (!c) return;
    free(c->pr); free(c->pc); free(c->sr); free(c->sc); free(c->pv); free(c->sv); free(c->wp); free(c->cnt); free(c->key);
    c->pr = c->pc = c->sr = c->sc = c->wp = c->cnt = NULL;
    c->pv = c->sv = NULL;
    c->key = NULL;
}

/* exp(−q) for q > SL_SNET_W_CUT is below 2⁻¹⁵⁰ and rounds to float 0: the
 * affinity entry is 0 without calling exp (the same bits) */
#define SL_SNET_W_CUT 104.0

/* W's nonzeros on the batch → rows in column order (wp, wc, wv); returns
 * nnz, or −1 if a coordinate is not finite. The pairs: the batch sorted by
 * the first coordinate, each point against the following ones while the
 * first-coordinate gap g alone has g²/(2ε) ≤ the cut. Exactly the pairs the
 * dense loop finds nonzero: r² = fl(g² + …) ≥ fl(g²) and the division by 2ε
 * is monotone, and g grows along the sorted order. Each pair's r² sums the
 * same terms in the same order as the dense loop ((a−b)² = (b−a)² exactly). */
static long affinity(sl_snet_loss_ctx *c, const uint32_t *index, int B)
{
    const int d = c->d;
    sl_snet_key *key = c->key;
    for (int i = 0; i < B; i++) {
        const double *xi = c->x + (size_t)index[i] * d;
        for (int a = 0; a < d; a++)
            if (!isfinite(xi[a])) return -1;
        key[i] = (sl_snet_key){xi[0], i};
    }
    key = sort_keys(key, key + B, B); /* by (x0, position) */
    long m = 0;
    for (int i = 0; i < B; i++) { /* the diagonal: W_ii = 1 */
        c->pr[m] = c->pc[m] = i;
        c->pv[m++] = 1.0f;
    }
    for (int s = 0; s < B; s++) {
        const int i = key[s].pos;
        const double *xi = c->x + (size_t)index[i] * d;
        for (int u = s + 1; u < B; u++) {
            const double g = key[u].x0 - key[s].x0;
            if (g * g / (2 * c->eps) > SL_SNET_W_CUT) break;
            const int j = key[u].pos;
            const double *xj = c->x + (size_t)index[j] * d;
            double r2 = 0;
            for (int a = 0; a < d; a++) r2 += (xi[a] - xj[a]) * (xi[a] - xj[a]);
            const double q = r2 / (2 * c->eps);
            if (q > SL_SNET_W_CUT) continue;
            const float w = (float)exp(-q);
            if (w == 0) continue;
            c->pr[m] = i; c->pc[m] = j; c->pv[m++] = w;
            c->pr[m] = j; c->pc[m] = i; c->pv[m++] = w;
        }
    }
    /* two stable counting sorts, by column then by row: rows in column order */
    int *cnt = c->cnt;
    memset(cnt, 0, ((size_t)B + 1) * sizeof *cnt);
    for (long t = 0; t < m; t++) cnt[c->pc[t] + 1]++;
    for (int i = 0; i < B; i++) cnt[i + 1] += cnt[i];
    for (long t = 0; t < m; t++) {
        const int u = cnt[c->pc[t]]++;
        c->sr[u] = c->pr[t]; c->sc[u] = c->pc[t]; c->sv[u] = c->pv[t];
    }
    memset(c->wp, 0, ((size_t)B + 1) * sizeof *c->wp);
    for (long t = 0; t < m; t++) c->wp[c->sr[t] + 1]++;
    for (int i = 0; i < B; i++) c->wp[i + 1] += c->wp[i];
    memcpy(cnt, c->wp, (size_t)B * sizeof *cnt);
    for (long t = 0; t < m; t++) {
        const int u = cnt[c->sr[t]]++;
        c->pc[u] = c->sc[t]; c->pv[u] = c->sv[t];
    }
    return m;
}

double sl_snet_loss(void *vctx, const float *out, const sl_loss_batch *y, int B, int C, float *scratch, float *dout)
{
    sl_snet_loss_ctx *c = vctx;
    float *rs = scratch; /* (B) 1/√d_i */
    const long nnz = B <= c->max_batch && y->index && c->pr ? affinity(c, y->index, B) : -1;
    if (nnz < 0) {
        if (dout) for (size_t i = 0; i < (size_t)B * C; i++) dout[i] = NAN;
        return NAN;
    }
    const int *wp = c->wp, *wc = c->pc;
    const float *wv = c->pv;
    /* the sums run over W's nonzeros in column order: adding the dense
     * loop's +0 terms changes no partial sum (none is −0), so every sum is
     * bit for bit the dense loop's */
    for (int i = 0; i < B; i++) {
        double s = 0;
        for (int t = wp[i]; t < wp[i + 1]; t++) s += wv[t];
        rs[i] = (float)(1 / sqrt(s));
    }
    /* L = Σ_ij W_ij ‖z_i − z_j‖² / (2B), z_i = y_i/√d_i;  dL/dy_i = (2/B) Σ_j W_ij (z_i − z_j) / √d_i */
    double L = 0;
    for (int i = 0; i < B; i++) {
        const float *yi = out + (size_t)i * C;
        for (int a = 0; a < C; a++) {
            const double zi = (double)yi[a] * rs[i];
            double g = 0;
            for (int t = wp[i]; t < wp[i + 1]; t++) {
                const int j = wc[t];
                const double wij = wv[t], diff = zi - (double)out[(size_t)j * C + a] * rs[j];
                L += wij * diff * diff;
                g += wij * diff;
            }
            if (dout) dout[(size_t)i * C + a] = (float)(2.0 / B * g * rs[i]);
        }
    }
    L /= 2.0 * B;
    c->sum += L * B;
    c->count += B;
    return L;
}

sl_status sl_snet_orthonormalise(const float *y, int n, int k, double *work, double *q)
{
    for (int a = 0; a < k; a++)
        for (int b = 0; b <= a; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += (double)y[(size_t)i * k + a] * y[(size_t)i * k + b];
            work[a * k + b] = s;
        }
    if (LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', k, work, k) != 0)
        return sl_fail(SL_ENUMERIC, "SpectralNet: outputs on %d points are rank-deficient (k = %d)", n, k);
    /* q_j = (y_j − Σ_{b<j} L_jb q_b) / L_jj: forward substitution by columns */
    for (int j = 0; j < k; j++) {
        double *qj = q + (size_t)j * n;
        for (int i = 0; i < n; i++) qj[i] = y[(size_t)i * k + j];
        for (int b = 0; b < j; b++) {
            const double l = work[j * k + b], *qb = q + (size_t)b * n;
            for (int i = 0; i < n; i++) qj[i] -= l * qb[i];
        }
        for (int i = 0; i < n; i++) qj[i] /= work[j * k + j];
    }
    return SL_OK;
}

typedef struct {
    const sl_snet_params *p;
    sl_net *net;
    sl_net_ws wo, wf;            /* orthonormalisation batch; all n points */
    const double *x;
    int n, d, k;
    float *xf;                   /* (n, d) */
    float *xo;                   /* (ortho_batch, d) */
    int *pick;                   /* (n) index pool */
    double *work, *q;            /* (2k²), (n, k) */
    gsl_rng *r;
    sl_snet_loss_ctx *lc;
    sl_snet_epoch_fn on_epoch;
    void *ctx;
} trainer;

/* the separate-batch scheme: fit the last layer's weights on a fresh random batch */
static sl_status refit(sl_net *net, void *vt)
{
    trainer *t = vt;
    const int m = t->p->ortho_batch < t->n ? t->p->ortho_batch : t->n, L = net->n_layers;
    for (int i = 0; i < m; i++) { /* partial Fisher–Yates */
        const int j = i + (int)gsl_rng_uniform_int(t->r, (unsigned long)(t->n - i));
        const int tmp = t->pick[i];
        t->pick[i] = t->pick[j];
        t->pick[j] = tmp;
        memcpy(t->xo + (size_t)i * t->d, t->xf + (size_t)t->pick[i] * t->d, (size_t)t->d * sizeof(float));
    }
    sl_net_refresh(net, &t->wo);
    sl_net_forward(net, &t->wo, t->xo, m);
    return sl_orthonorm_weights(t->wo.act[L - 1], m, t->k, t->work, net->params + net->layers[L - 1].goff[SL_GI_W]);
}

static sl_status after_step(sl_net *net, void *vt) { return refit(net, vt); }

/* all n points → q (n, k) orthonormal columns; *orth the raw defect */
static sl_status embed(trainer *t, double *orth)
{
    sl_net_refresh(t->net, &t->wf);
    sl_net_forward(t->net, &t->wf, t->xf, t->n);
    const float *y = t->wf.act[t->net->n_layers];
    const int k = t->k;
    if (orth) {
        double s = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) {
                double g = 0;
                for (int i = 0; i < t->n; i++) g += (double)y[(size_t)i * k + a] * y[(size_t)i * k + b];
                g = g / t->n - (a == b);
                s += g * g;
            }
        *orth = sqrt(s);
    }
    return sl_snet_orthonormalise(y, t->n, k, t->work, t->q);
}

static sl_status after_epoch(sl_net *net, int epoch, void *vt)
{
    trainer *t = vt;
    const double loss = t->lc->count ? t->lc->sum / (double)t->lc->count : NAN;
    t->lc->sum = 0;
    t->lc->count = 0;
    if (!t->on_epoch) return SL_OK;
    SL_TRY(embed(t, NULL));
    return t->on_epoch(t->ctx, epoch, loss, t->q);
}

typedef struct {
    double mu;
    int j;
} by_mu;

static int cmp_mu(const void *a, const void *b)
{
    const by_mu *x = a, *y = b;
    if (x->mu != y->mu) return (x->mu > y->mu) - (x->mu < y->mu);
    return x->j - y->j;
}

sl_status sl_snet_train(const double *x, int n, int d, const sl_snet_params *p, const sl_csr *S, gsl_rng *r_init,
                        gsl_rng *r_batch, sl_snet_epoch_fn on_epoch, void *ctx, sl_snet_result *res)
{
    memset(res, 0, sizeof *res);
    const int k = p->k;
    if (k < 1 || k > 16 || n <= k || d < 1 || p->n_hidden < 0 || p->n_hidden > SL_SNET_MAX_HIDDEN ||
        p->epochs < 0 || p->batch < k || p->ortho_batch < k || !(p->lr > 0) || !(p->eps > 0) ||
        !(p->dropout >= 0 && p->dropout < 1))
        return sl_fail(SL_EINVAL, "SpectralNet: k %d, %d points, batch %d, orthonormalisation batch %d, lr %g, ε %g, "
                       "dropout %g", k, n, p->batch, p->ortho_batch, p->lr, p->eps, p->dropout);
    if (S && (S->n_rows != n || S->n_cols != n)) return sl_fail(SL_EINVAL, "SpectralNet: operator is not %d x %d", n, n);
    sl_layer layers[2 * SL_SNET_MAX_HIDDEN + 2];
    int nl = 0, prev = d;
    for (int h = 0; h < p->n_hidden; h++) {
        layers[nl++] = (sl_layer){.kind = SL_LAYER_DENSE, .n_in = prev, .n_out = p->hidden[h], .act = SL_ACT_ELU,
                                  .train = SL_G_W | SL_G_BIAS, .has_bias = 1};
        prev = p->hidden[h];
        if (p->dropout > 0)
            layers[nl++] = (sl_layer){.kind = SL_LAYER_DROPOUT, .n_in = prev, .n_out = prev, .rate = p->dropout};
    }
    layers[nl++] = (sl_layer){.kind = SL_LAYER_DENSE, .n_in = prev, .n_out = k, .act = SL_ACT_TANH,
                              .train = SL_G_W | SL_G_BIAS, .has_bias = 1};
    layers[nl++] = p->ortho == SL_SNET_SEPARATE
                       ? (sl_layer){.kind = SL_LAYER_DENSE, .n_in = k, .n_out = k, .act = SL_ACT_IDENTITY, .train = 0}
                       : (sl_layer){.kind = SL_LAYER_ORTHONORM, .n_in = k, .n_out = k, .act = SL_ACT_IDENTITY};
    sl_net net;
    sl_dataset ds = {0};
    trainer t = {.p = p, .net = &net, .x = x, .n = n, .d = d, .k = k, .r = r_batch, .on_epoch = on_epoch, .ctx = ctx};
    const int mo = p->ortho_batch < n ? p->ortho_batch : n, mb = p->batch < n ? p->batch : n;
    sl_snet_loss_ctx lc = {.x = x, .d = d, .eps = p->eps};
    t.lc = &lc;
    int *zero = calloc((size_t)n, sizeof *zero);
    t.xf = malloc((size_t)n * d * sizeof *t.xf);
    t.xo = malloc((size_t)mo * d * sizeof *t.xo);
    t.pick = malloc((size_t)n * sizeof *t.pick);
    t.work = malloc((size_t)2 * k * k * sizeof *t.work);
    res->n = n;
    res->k = k;
    res->q = malloc((size_t)n * k * sizeof *res->q);
    res->lambda = malloc((size_t)k * sizeof *res->lambda);
    res->mu = malloc((size_t)k * sizeof *res->mu);
    t.q = malloc((size_t)n * k * sizeof *t.q);
    sl_status st = (!zero || !t.xf || !t.xo || !t.pick || !t.work || !res->q || !res->lambda || !res->mu || !t.q)
                       ? sl_fail(SL_ENOMEM, "SpectralNet on %d points", n) : SL_OK;
    if (st == SL_OK) st = sl_snet_loss_ctx_alloc(&lc, mb);
    if (st == SL_OK) st = sl_net_alloc(&net, nl, layers);
    else memset(&net, 0, sizeof net);
    if (st == SL_OK) {
        for (size_t i = 0; i < (size_t)n * d; i++) t.xf[i] = (float)x[i];
        for (int i = 0; i < n; i++) t.pick[i] = i;
        sl_init init;
        memset(&init, 0, sizeof init);
        sl_net_init(&net, &init, r_init);
        st = sl_dataset_from_floats(&ds, t.xf, zero, (size_t)n, d, 1);
    }
    if (st == SL_OK) st = sl_net_ws_alloc(&t.wo, &net, mo);
    if (st == SL_OK) st = sl_net_ws_alloc(&t.wf, &net, n);
    /* dropout masks: their own stream, seeded from r_batch (no draw without dropout,
     * so dropout 0 trains bit for bit as before); the orthonormalisation batch
     * goes through the network in training mode, as in SpectralNet's Keras code */
    gsl_rng *r_drop = NULL;
    if (st == SL_OK && p->dropout > 0 && !(r_drop = sl_rng_new(gsl_rng_get(r_batch))))
        st = sl_fail(SL_ENOMEM, "SpectralNet dropout stream");
    t.wo.rng = r_drop;
    if (st == SL_OK && p->ortho == SL_SNET_SEPARATE) st = refit(&net, &t);
    const double t0 = sl_now();
    if (st == SL_OK) {
        sl_train_opts o = {.epochs = p->epochs, .batch = mb, .optimiser = SL_OPT_RMSPROP, .lr = p->lr, .shards = 1,
                           .fuse = SL_FUSE_OFF, .loss = {SL_LOSS_CUSTOM, sl_snet_loss, &lc}, .val = &ds,
                           .patience = p->patience, .dropout_rng = r_drop,
                           .after_step = p->ortho == SL_SNET_SEPARATE ? after_step : NULL,
                           .after_epoch = after_epoch, .hook_ctx = &t};
        sl_train_report rep;
        /* training flushes subnormals (sl_fpmode.h), as afr's does: 1.3x on an Intel Xeon */
        sl_fpmode fp = sl_fp_flush_begin();
        st = sl_train(&net, &ds, &o, r_batch, NULL, &rep);
        sl_fp_restore(fp);
        if (st == SL_OK) {
            res->epochs_run = rep.epochs_run;
            res->final_loss = rep.final_loss;
        }
    }
    const double t1 = sl_now();
    res->t_train = t1 - t0;
    if (st == SL_OK) st = embed(&t, &res->orth_raw);
    if (st == SL_OK) {
        by_mu *ord = malloc((size_t)k * sizeof *ord);
        double *sq = malloc((size_t)n * sizeof *sq);
        if (!ord || !sq) st = sl_fail(SL_ENOMEM, "SpectralNet eigenvalues");
        for (int j = 0; st == SL_OK && j < k; j++) {
            const double *qj = t.q + (size_t)j * n;
            double lam = NAN;
            if (S) {
                st = sl_csr_matvec(S, qj, (size_t)n, sq, (size_t)n);
                lam = 0;
                for (int i = 0; i < n; i++) lam += qj[i] * sq[i];
            }
            ord[j] = (by_mu){S ? -2 * log(lam) / p->eps : (double)j, j};
            res->lambda[j] = lam;
        }
        if (st == SL_OK && S) qsort(ord, (size_t)k, sizeof *ord, cmp_mu);
        double *lam = malloc((size_t)k * sizeof *lam);
        if (st == SL_OK && !lam) st = sl_fail(SL_ENOMEM, "SpectralNet eigenvalues");
        for (int j = 0; st == SL_OK && j < k; j++) {
            const double *src = t.q + (size_t)ord[j].j * n;
            double *dst = res->q + (size_t)j * n, big = 0;
            for (int i = 0; i < n; i++) if (fabs(src[i]) > fabs(big)) big = src[i];
            for (int i = 0; i < n; i++) dst[i] = big < 0 ? -src[i] : src[i];
            lam[j] = res->lambda[ord[j].j];
            res->mu[j] = S ? ord[j].mu : NAN;
        }
        if (st == SL_OK) memcpy(res->lambda, lam, (size_t)k * sizeof *lam);
        free(lam); free(ord); free(sq);
    }
    res->t_embed = sl_now() - t1;
    if (r_drop) gsl_rng_free(r_drop);
    sl_net_ws_free(&t.wo);
    sl_net_ws_free(&t.wf);
    sl_net_free(&net);
    sl_dataset_free(&ds);
    free(zero); free(t.xf); free(t.xo); free(t.pick); free(t.work); free(t.q);
    sl_snet_loss_ctx_free(&lc);
    if (st != SL_OK) sl_snet_result_free(res);
    return st;
}

