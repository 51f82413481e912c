/* test_sweep — what msd Figs. 5–7 rely on beyond test_nn:
 *   - a run of linear layers computed through its product (sl_net.h, "fused")
 *     gives the layer-by-layer logits and every gradient, for spectral and
 *     dense layers, biases, partial trainable groups (eigenvalues only: dW is
 *     never formed), a random weight subset, and a ReLU closing the run
 *     (Fig. 7);
 *   - the fused gradient against central differences (independent of both);
 *   - the AUTO choice fuses where the FLOP count says so;
 *   - a sweep writes the same data lines with 1 and 2 threads, and its
 *     retracted networks score as the extended ones;
 *   - the inset at initialisation is the trained run's starting point;
 *   - a training factor changes only what it names. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sl_blas.h"
#include "core/sl_driver.h"
#include "core/sl_rng.h"
#include "msd/sl_model.h"
#include "nn/sl_net.h"
#include "msd/sl_sweep.h"
#include "sl_test.h"

/* a layer description (offsets are filled in by sl_net_alloc) */
#define LY(k, i, o, a, t, b) ((sl_layer){.kind = (k), .n_in = (i), .n_out = (o), .act = (a), .train = (t), .has_bias = (b)})

enum { B = 9 };

/* Logits (B, C) and gradient (n_params) of the mean loss on (x, y) with the given fusing. */
static void pass(const sl_net *net, sl_fuse fuse, const float *x, const int *y, float *logits, float *grads,
                 int *n_fused)
{
    sl_net_ws ws;
    if (sl_net_ws_alloc_fused(&ws, net, B, fuse) != SL_OK) { *n_fused = -1; return; }
    *n_fused = sl_net_ws_fused_runs(&ws);
    memset(grads, 0, net->n_params * sizeof *grads);
    sl_net_forward(net, &ws, x, B);
    sl_net_loss(net, &ws, y, B, grads);
    memcpy(logits, ws.act[net->n_layers], (size_t)B * (size_t)sl_net_n_out(net) * sizeof *logits);
    sl_net_ws_free(&ws);
}

/* Largest |a − b| over n, relative to the largest |b|. */
static double rel_diff(const float *a, const float *b, size_t n)
{
    double err = 0, scale = 0;
    for (size_t i = 0; i < n; i++) {
        err = fmax(err, fabs((double)a[i] - b[i]));
        scale = fmax(scale, fabs((double)b[i]));
    }
    return scale > 0 ? err / scale : err;
}

/* Is parameter i in a trained group of its layer? */
static int trained(const sl_net *net, size_t i)
{
    for (int l = 0; l < net->n_layers; l++) {
        const sl_layer *L = &net->layers[l];
        for (int gi = 0; gi < SL_N_GROUPS; gi++)
            if ((L->train >> gi & 1u) && i >= L->goff[gi] && i < L->goff[gi] + L->gsize[gi]) return 1;
    }
    return 0;
}

/* Fused against layer by layer on one network; restrict_to > 0 trains only
 * that many random dense weights (direct_subset). */
static void check_fused(const char *tag, const sl_layer *layers, int nl, size_t restrict_to, gsl_rng *r)
{
    sl_net net;
    if (sl_net_alloc(&net, nl, layers) != SL_OK) { SL_CHECK(0, tag, "%s", sl_errmsg()); return; }
    sl_init init = {{-0.5f, 0.5f}, {-0.8f, 0.8f}, {-0.8f, 0.8f}, 0, 0};
    sl_net_init(&net, &init, r);
    if (restrict_to) sl_net_restrict_random(&net, restrict_to, r);
    for (size_t i = 0; i < net.n_params; i++) net.params[i] += (float)(0.1 * gsl_rng_uniform(r)); /* biases ≠ 0 */
    const int n0 = layers[0].n_in, C = layers[nl - 1].n_out;
    float *x = malloc((size_t)B * (size_t)n0 * sizeof *x);
    int y[B];
    for (int i = 0; i < B * n0; i++) x[i] = (float)gsl_rng_uniform(r);
    for (int b = 0; b < B; b++) y[b] = (int)gsl_rng_uniform_int(r, (unsigned long)C);
    float *la = malloc((size_t)B * (size_t)C * sizeof *la), *lb = malloc((size_t)B * (size_t)C * sizeof *lb);
    float *ga = malloc(net.n_params * sizeof *ga), *gb = malloc(net.n_params * sizeof *gb);
    int fa = 0, fb = 0;
    pass(&net, SL_FUSE_ON, x, y, la, ga, &fa);
    pass(&net, SL_FUSE_OFF, x, y, lb, gb, &fb);
    /* the gradient must be zero exactly where nothing trains, and match elsewhere */
    int leak = 0;
    for (size_t i = 0; i < net.n_params; i++)
        if (!trained(&net, i) && ga[i] != 0) leak = 1;
    const double el = rel_diff(la, lb, (size_t)B * (size_t)C), eg = rel_diff(ga, gb, net.n_params);
    char name[160];
    snprintf(name, sizeof name, "fused = layer by layer: %s", tag);
    SL_CHECK(fa == 1 && fb == 0 && el < 2e-6 && eg < 2e-5 && !leak, name,
             "fused runs %d/%d, logits rel %.2g, gradient rel %.2g, frozen gradient %d", fa, fb, el, eg, leak);
    printf("   %-64s logits %.1e  grads %.1e\n", tag, el, eg);

    /* central difference along the fused gradient (all trained entries at once) */
    double *dir = malloc(net.n_params * sizeof *dir), gd = 0, gn = 0;
    float *save = malloc(net.n_params * sizeof *save);
    memcpy(save, net.params, net.n_params * sizeof *save);
    for (size_t i = 0; i < net.n_params; i++) {
        dir[i] = ga[i] * (0.5 + gsl_rng_uniform(r));
        gd += ga[i] * dir[i];
        gn += dir[i] * dir[i];
    }
    double eps = 1e-3 / sqrt(gn > 0 ? gn : 1), lp = 0, lm = 0;
    sl_net_ws ws;
    if (sl_net_ws_alloc_fused(&ws, &net, B, SL_FUSE_ON) == SL_OK) {
        for (size_t i = 0; i < net.n_params; i++) net.params[i] = (float)(save[i] + eps * dir[i]);
        sl_net_refresh(&net, &ws);
        sl_net_forward(&net, &ws, x, B);
        lp = sl_net_loss(&net, &ws, y, B, NULL);
        for (size_t i = 0; i < net.n_params; i++) net.params[i] = (float)(save[i] - eps * dir[i]);
        sl_net_refresh(&net, &ws);
        sl_net_forward(&net, &ws, x, B);
        lm = sl_net_loss(&net, &ws, y, B, NULL);
        sl_net_ws_free(&ws);
    }
    memcpy(net.params, save, net.n_params * sizeof *save);
    const double fd = (lp - lm) / (2 * eps), rel = fabs(fd - gd) / fmax(fabs(gd), 1e-6);
    snprintf(name, sizeof name, "fused gradient = central difference: %s", tag);
    SL_CHECK(gn > 0 && rel < 2e-2, name, "analytic %.6g, central difference %.6g (rel %.2g)", gd, fd, rel);

    free(dir); free(save); free(x); free(la); free(lb); free(ga); free(gb);
    sl_net_free(&net);
}

static void test_fused(gsl_rng *r)
{
    const unsigned E = SL_G_LAMBDA_OUT, EE = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT, S = EE | SL_G_PHI, D = SL_G_W | SL_G_BIAS;
    const sl_layer_kind SP = SL_LAYER_SPECTRAL, DE = SL_LAYER_DENSE;
    const sl_act I = SL_ACT_IDENTITY, R = SL_ACT_RELU;
    sl_layer fig5[2] = {LY(SP, 13, 11, I, E, 0), LY(SP, 11, 4, I, E, 0)};
    check_fused("spectral 13-11-4, lambda_out only (Fig. 5)", fig5, 2, 0, r);
    sl_layer full[3] = {LY(SP, 13, 8, I, S, 0), LY(SP, 8, 7, I, S, 0), LY(SP, 7, 4, I, S, 0)};
    check_fused("spectral 13-8-7-4, all groups (Fig. 6 depth)", full, 3, 0, r);
    sl_layer eig[3] = {LY(SP, 13, 8, I, EE, 0), LY(SP, 8, 7, I, EE, 0), LY(SP, 7, 4, I, E, 0)};
    check_fused("spectral 13-8-7-4, lambda_in and lambda_out (no dW formed)", eig, 3, 0, r);
    sl_layer dense[3] = {LY(DE, 13, 8, I, D, 1), LY(DE, 8, 7, I, D, 1), LY(DE, 7, 4, I, D, 1)};
    check_fused("dense 13-8-7-4 with biases (direct full)", dense, 3, 0, r);
    check_fused("dense 13-8-7-4, 15 random weights (direct subset)", dense, 3, 15, r);
    sl_layer top[3] = {LY(SP, 13, 8, I, 0, 0), LY(SP, 8, 7, I, SL_G_PHI, 0),
                       LY(SP, 7, 4, I, 0, 0)};
    check_fused("spectral, only the middle layer's phi trains", top, 3, 0, r);
    sl_layer fig7[3] = {LY(SP, 13, 11, I, E, 0), LY(SP, 11, 6, R, E, 0),
                        LY(SP, 6, 4, I, E, 0)};
    check_fused("spectral 13-11-6(ReLU)-4: run closed by a ReLU (Fig. 7)", fig7, 3, 0, r);
    sl_layer below[3] = {LY(DE, 13, 6, R, D, 1), LY(SP, 6, 9, I, S, 0),
                         LY(DE, 9, 4, I, D, 1)};
    check_fused("dense ReLU below a fused run (input gradient through Q)", below, 3, 0, r);
}

static void test_auto(void)
{
    const sl_act I = SL_ACT_IDENTITY, R = SL_ACT_RELU;
    struct { int dims[4], nl; sl_act acts[3]; int batch, expect; const char *name; } c[] = {
        {{784, 1000, 10}, 2, {I, I}, 250, 1, "AUTO fuses 784-1000-10 (Fig. 5)"},
        {{784, 800, 600, 10}, 3, {I, I, I}, 250, 1, "AUTO fuses 784-800-600-10 (Fig. 6)"},
        {{784, 1000, 120, 10}, 3, {I, R, I}, 250, 1, "AUTO fuses 784-1000-120(ReLU) (Fig. 7, wide)"},
        {{784, 20, 120, 10}, 3, {I, R, I}, 250, 0, "AUTO keeps 784-20-120(ReLU) layer by layer (Fig. 7, narrow)"},
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        sl_layer L[3];
        memset(L, 0, sizeof L);
        for (int l = 0; l < c[k].nl; l++) {
            L[l].kind = SL_LAYER_SPECTRAL;
            L[l].n_in = c[k].dims[l];
            L[l].n_out = c[k].dims[l + 1];
            L[l].act = c[k].acts[l];
            L[l].train = SL_G_LAMBDA_OUT;
        }
        sl_net net;
        sl_net_ws ws;
        int got = -1;
        if (sl_net_alloc(&net, c[k].nl, L) == SL_OK) {
            if (sl_net_ws_alloc_fused(&ws, &net, c[k].batch, SL_FUSE_AUTO) == SL_OK) {
                got = sl_net_ws_fused_runs(&ws);
                sl_net_ws_free(&ws);
            }
            sl_net_free(&net);
        }
        SL_CHECK(got == c[k].expect, c[k].name, "fused runs %d, expected %d", got, c[k].expect);
    }
}

/* Data lines of a results file (header comments and the run rows' wall time dropped). */
static char *data_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *out = NULL, line[4096];
    size_t n = 0;
    FILE *m = open_memstream(&out, &n);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        if (strncmp(line, "run ", 4) == 0) {
            char *sp = strrchr(line, ' ');
            if (sp) strcpy(sp, "\n");
        }
        fputs(line, m);
    }
    fclose(f);
    fclose(m);
    return out;
}

static int quiet_errors;   /* expected failures: do not print them */

static int run_sweep(const char *cfg, const char *out)
{
    char *argv[] = {"test_sweep", (char *)cfg, "--output", (char *)out, NULL};
    sl_driver d;
    /* the sweep's per-run lines on stderr would drown the PASS lines */
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDERR_FILENO);
    sl_status st = sl_driver_begin(&d, 4, argv, "test_sweep");
    if (st == SL_OK) st = sl_sweep_main(&d, "test sweep");
    fflush(stderr);
    if (saved >= 0) { dup2(saved, STDERR_FILENO); close(saved); }
    if (null >= 0) close(null);
    if (st != SL_OK && !quiet_errors) fprintf(stderr, "test_sweep: %s\n", sl_errmsg());
    if (quiet_errors) {
        /* sl_driver_end prints the failure: keep the message, silence the print */
        fflush(stderr);
        saved = dup(STDERR_FILENO);
        null = open("/dev/null", O_WRONLY);
        if (null >= 0) dup2(null, STDERR_FILENO);
    }
    sl_driver_end(&d, st);
    if (quiet_errors) {
        fflush(stderr);
        if (saved >= 0) { dup2(saved, STDERR_FILENO); close(saved); }
        if (null >= 0) close(null);
    }
    return st == SL_OK;
}

static void test_sweep_threads(void)
{
    if (access("data/mnist/train-images-idx3-ubyte", R_OK) != 0 &&
        access("data/mnist/train-images-idx3-ubyte.gz", R_OK) != 0) {
        SL_CHECK(0, "sweep: MNIST present", "run 'make data'");
        return;
    }
    char dir[] = "/tmp/test_sweep.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "sweep: temporary folder", "mkdtemp"); return; }
    char c1[256], c2[256], o1[256], o2[256];
    snprintf(c1, sizeof c1, "%s/t1.yaml", dir);
    snprintf(c2, sizeof c2, "%s/t2.yaml", dir);
    snprintf(o1, sizeof o1, "%s/t1.dat", dir);
    snprintf(o2, sizeof o2, "%s/t2.dat", dir);
    const char *body =
        "seed: 11\noutput: unused\nseeds: 2\n"
        "modes: [spectral_eig, direct_subset, direct_full]\n"
        "sweep: [[784, 40, 10], [784, 30, 20, 10]]\n"
        "inset: {arch: 1, bins: 16, range: 0}\n"
        "data: {set: mnist, dir: data/mnist, train_limit: 1500}\n"
        "network: {eig_groups_first: [lambda_out], eig_groups: [lambda_out], hidden_lambda_in: one}\n"
        "train: {epochs: 2, batch: 300, optimiser: adamax, lr: 0.03, shards: 2, fuse_linear: auto}\n";
    FILE *f1 = fopen(c1, "w"), *f2 = fopen(c2, "w");
    if (f1) fprintf(f1, "threads: 1\n%s", body);
    if (f2) fprintf(f2, "threads: 2\n%s", body);
    if (f1) fclose(f1);
    if (f2) fclose(f2);
    int ok = run_sweep(c1, o1) && run_sweep(c2, o2);
    char *a = ok ? data_lines(o1) : NULL, *b = ok ? data_lines(o2) : NULL;
    SL_CHECK(a && b && strcmp(a, b) == 0 && strstr(a, "summary direct_full 1"),
             "sweep: same data lines with 1 and 2 threads", "%s", ok ? "data lines differ" : sl_errmsg());
    /* every run: retracted accuracy = extended accuracy */
    int runs = 0, same = 0;
    for (char *line = a; line && *line;) {
        char *nl = strchr(line, '\n');
        if (strncmp(line, "run ", 4) == 0) {
            char mode[32];
            int arch, seed;
            size_t ntr;
            double acc, racc;
            if (sscanf(line, "run %31s %d %zu %d %lf %lf", mode, &arch, &ntr, &seed, &acc, &racc) == 6) {
                runs++;
                same += acc == racc;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    SL_CHECK(runs == 12 && same == runs, "sweep: retracted network scores as the extended one in every run",
             "%d of %d runs", same, runs);
    free(a);
    free(b);
    unlink(c1); unlink(c2); unlink(o1); unlink(o2);
    rmdir(dir);
}

/* Rows of kind `kind` (first word) of text, the kind dropped, ks-style values in out (n). */
static size_t rows_of(const char *text, const char *kind, char *out, size_t len)
{
    size_t o = 0, n = 0, kl = strlen(kind);
    out[0] = 0;
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        const size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        if (ll > kl && strncmp(line, kind, kl) == 0 && line[kl] == ' ' && o + ll < len) {
            memcpy(out + o, line + kl, ll - kl);
            o += ll - kl;
            out[o++] = '\n';
            out[o] = 0;
            n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    return n;
}

/* The inset at initialisation (issue 10): with 0 epochs the trained and the
 * initial A_c are one network, so ks_init is 0 and the inset_init rows are
 * the inset rows; after one epoch every mode has moved (ks_init > 0; direct
 * subset only a little: it trains 40 of 23 850 weights). The
 * ks rows cover every pair of modes. */
static void test_sweep_init(void)
{
    char dir[] = "/tmp/test_sweep_init.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "sweep init: temporary folder", "mkdtemp"); return; }
    char c[256], o[256];
    snprintf(c, sizeof c, "%s/t.yaml", dir);
    snprintf(o, sizeof o, "%s/t.dat", dir);
    int ok[2] = {0, 0};
    for (int epochs = 0; epochs <= 1; epochs++) {
        FILE *f = fopen(c, "w");
        if (!f) break;
        fprintf(f, "seed: 3\noutput: unused\nseeds: 1\nthreads: 1\n"
                   "modes: [spectral_eig, direct_subset, direct_full, spectral_full]\n"
                   "sweep: [[784, 30, 10]]\ninset: {arch: 0, bins: 24, range: 0.5}\n"
                   "data: {set: mnist, dir: data/mnist, train_limit: 1000}\n"
                   "network: {eig_groups_first: [lambda_out], eig_groups: [lambda_out], hidden_lambda_in: one}\n"
                   "train: {epochs: %d, batch: 250, optimiser: adamax, lr: 0.03, shards: 1}\n", epochs);
        fclose(f);
        char *a = run_sweep(c, o) ? data_lines(o) : NULL;
        static char ins[65536], ins0[65536], ks[4096], ksi[4096];
        const size_t n_ins = a ? rows_of(a, "inset", ins, sizeof ins) : 0, n_ins0 = a ? rows_of(a, "inset_init", ins0, sizeof ins0) : 0;
        const size_t n_ks = a ? rows_of(a, "ks", ks, sizeof ks) : 0, n_ksi = a ? rows_of(a, "ks_init", ksi, sizeof ksi) : 0;
        int zero = 0, moved = 0;
        for (char *line = ksi; *line;) {
            char mode[32];
            double D = -1;
            if (sscanf(line, " %31s %lf", mode, &D) == 2) { zero += D == 0; moved += D > 0; }
            line = strchr(line, '\n') + 1;
        }
        ok[epochs] = a && n_ins == 4 * 24 && n_ins0 == n_ins && n_ks == 6 && strstr(ks, " direct_subset direct_full ")
                     && strstr(ks, " direct_full spectral_full ") && n_ksi == 4
                     && (epochs == 0 ? zero == 4 && strcmp(ins, ins0) == 0 : moved == 4 && strcmp(ins, ins0) != 0);
        SL_CHECK(ok[epochs], epochs ? "sweep: after 1 epoch every mode's A_c has moved from its initial one (ks_init > 0)"
                                    : "sweep: 0 epochs: ks_init = 0 and inset_init rows = inset rows (same streams); ks for all 6 pairs",
                 "inset %zu/%zu rows, ks %zu, ks_init %zu (zero %d, moved %d)%s", n_ins, n_ins0, n_ks, n_ksi, zero, moved,
                 a ? "" : sl_errmsg());
        free(a);
        unlink(o);
    }
    unlink(c);
    rmdir(dir);
}

/* first_lambda_in_reset (the factor first_lambda_in: one): the network of the
 * same streams with λ_in of the first layer set to 1 and nothing else moved;
 * init.first_lambda_in_one instead moves the later draws (why the factor
 * does not use it); a dense first layer has no λ_in and is untouched. */
static void test_lambda_in_reset(void)
{
    sl_arch a;
    memset(&a, 0, sizeof a);
    a.n_layers = 2; a.dims[0] = 13; a.dims[1] = 9; a.dims[2] = 4;
    a.eig_groups_first = a.eig_groups = SL_G_LAMBDA_OUT;
    a.init = (sl_init){{-0.5f, 0.5f}, {-0.01f, 0.01f}, {-0.01f, 0.01f}, 0, 1};
    const sl_mode modes[2] = {SL_MODE_SPECTRAL_EIG, SL_MODE_DIRECT_FULL};
    for (int k = 0; k < 2; k++) {
        sl_arch b = a, c = a;
        b.first_lambda_in_reset = 1;
        c.init.first_lambda_in_one = 1;
        sl_net n0, n1, n2;
        if (sl_arch_init_net(&n0, modes[k], &a, 77, 3) || sl_arch_init_net(&n1, modes[k], &b, 77, 3) ||
            sl_arch_init_net(&n2, modes[k], &c, 77, 3)) {
            SL_CHECK(0, "first_lambda_in_reset: build", "%s", sl_errmsg());
            return;
        }
        const sl_layer *F = &n0.layers[0];
        const size_t lo = F->goff[SL_GI_LAMBDA_IN], hi = lo + F->gsize[SL_GI_LAMBDA_IN];
        size_t same = 0, ones = 0, moved = 0;
        for (size_t i = 0; i < n0.n_params; i++) {
            if (i >= lo && i < hi) { ones += n1.params[i] == 1.0f && n0.params[i] != 1.0f; continue; }
            same += n1.params[i] == n0.params[i];
            moved += n2.params[i] != n0.params[i];
        }
        if (k == 0)
            SL_CHECK(hi - lo == 13 && ones == 13 && same == n0.n_params - 13 && moved > 0,
                     "first_lambda_in_reset (spectral): lambda_in of layer 1 set to 1, every other value the random "
                     "build's (first_lambda_in_one moves later draws)",
                     "%zu lambda_in, %zu set to 1, %zu of %zu others equal, %zu moved by first_lambda_in_one",
                     hi - lo, ones, same, n0.n_params - (hi - lo), moved);
        else
            SL_CHECK(hi == lo && same == n0.n_params, "first_lambda_in_reset (dense): no lambda_in, nothing changes",
                     "%zu lambda_in, %zu of %zu equal", hi - lo, same, n0.n_params);
        sl_net_free(&n0); sl_net_free(&n1); sl_net_free(&n2);
    }
}

/* Data lines of a factor sweep's block `value`, the value column removed. */
static char *block_of(const char *text, const char *value)
{
    char *out = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&out, &n);
    const size_t vl = strlen(value);
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n'), *sp = strchr(line, ' ');
        const size_t ll = nl ? (size_t)(nl - line + 1) : strlen(line);
        if (sp && (size_t)(sp - line) < ll && strncmp(sp + 1, value, vl) == 0 && sp[1 + vl] == ' ')
            fprintf(m, "%.*s%.*s", (int)(sp - line), line, (int)(ll - (size_t)(sp + 1 + vl - line)), sp + 1 + vl);
        line = nl ? nl + 1 : NULL;
    }
    fclose(m);
    return out;
}

/* A training factor (issue 10): each value's block, its column removed, is
 * the sweep without a factor at that setting (same streams for every value);
 * a value that changes something changes the numbers; bad factors are
 * config errors. */
static void test_sweep_factor(void)
{
    char dir[] = "/tmp/test_sweep_factor.XXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "sweep factor: temporary folder", "mkdtemp"); return; }
    char c[256], o[256];
    snprintf(c, sizeof c, "%s/t.yaml", dir);
    snprintf(o, sizeof o, "%s/t.dat", dir);
    const char *body = "seed: 9\noutput: unused\nseeds: 2\nthreads: 2\n"
                       "modes: [spectral_eig, direct_full]\n"
                       "sweep: [[784, 30, 10], [784, 20, 15, 10]]\ninset: {arch: 1, bins: 16, range: 0.6}\n"
                       "data: {set: mnist, dir: data/mnist, train_limit: 1000}\n"
                       "network: {eig_groups_first: [lambda_out], eig_groups: [lambda_out]%s}\n"
                       "train: {epochs: 1, batch: %d, optimiser: adamax, lr: %g, shards: 1}\n%s";
    struct { const char *net, *factor, *value; int batch; double lr; const char *name; } c_[] = {
        {"", "factor: {key: lr, values: [0.01, 0.03]}\n", "0.03", 250, 0.03, "lr"},
        {"", "factor: {key: batch, values: [200, 250]}\n", "200", 200, 0.03, "batch"},
        {"", "factor: {key: first_lambda_in, values: [one, random]}\n", "random", 250, 0.03, "first_lambda_in"},
    };
    for (size_t k = 0; k < sizeof c_ / sizeof c_[0]; k++) {
        char *plain = NULL, *fac = NULL;
        for (int with = 0; with <= 1; with++) {
            FILE *f = fopen(c, "w");
            if (!f) break;
            fprintf(f, body, c_[k].net, c_[k].batch, c_[k].lr, with ? c_[k].factor : "");
            fclose(f);
            char *a = run_sweep(c, o) ? data_lines(o) : NULL;
            if (with) fac = a; else plain = a;
            unlink(o);
        }
        char *blk = fac ? block_of(fac, c_[k].value) : NULL;
        /* the other value's block must differ somewhere */
        const char *other = k == 0 ? "0.01" : k == 1 ? "250" : "one";
        char *oblk = fac ? block_of(fac, other) : NULL;
        char name[160];
        snprintf(name, sizeof name, "sweep factor %s: the %s block = the sweep without factor at %s; the %s block differs",
                 c_[k].name, c_[k].value, c_[k].value, other);
        SL_CHECK(plain && blk && oblk && strcmp(blk, plain) == 0 && strcmp(oblk, plain) != 0 && strstr(plain, "\nks_init "),
                 name, "%s", !plain || !fac ? sl_errmsg() : "blocks differ");
        if (k == 2 && oblk) {
            /* first_lambda_in only touches spectral layers: direct_full runs are the same in both blocks */
            char *r1 = strstr(oblk, "run direct_full"), *r2 = strstr(blk, "run direct_full");
            SL_CHECK(r1 && r2 && strncmp(r1, r2, 60) == 0, "sweep factor first_lambda_in: direct_full (no lambda_in) "
                     "the same for both values", "%.60s | %.60s", r1 ? r1 : "-", r2 ? r2 : "-");
        }
        free(plain); free(fac); free(blk); free(oblk);
    }
    /* config errors */
    struct { const char *net, *factor, *msg; } bad[] = {
        {"", "factor: {key: momentum, values: [1]}\n", "is not one of: batch, lr, first_lambda_in"},
        {"", "factor: {key: batch, values: [300.5]}\n", "factor.values"},
        {"", "factor: {key: first_lambda_in, values: [random, once]}\n", "'once' is not one of: random, one"},
        {", first_lambda_in: one", "factor: {key: first_lambda_in, values: [random, one]}\n", "remove network.first_lambda_in"},
        {"", "factor: {key: lr}\n", "factor.values"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        FILE *f = fopen(c, "w");
        if (!f) break;
        fprintf(f, body, bad[k].net, 250, 0.03, bad[k].factor);
        fclose(f);
        quiet_errors = 1;
        const int ran = run_sweep(c, o);
        quiet_errors = 0;
        char name[160];
        snprintf(name, sizeof name, "sweep factor: config error naming '%s'", bad[k].msg);
        SL_CHECK(!ran && strstr(sl_errmsg(), bad[k].msg) && access(o, F_OK) != 0, name, "ran %d: %s", ran, sl_errmsg());
    }
    unlink(c);
    rmdir(dir);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers; no re-exec from sl_driver_begin */
    gsl_rng *r = sl_rng_new(2021);
    test_fused(r);
    test_auto();
    test_sweep_threads();
    test_sweep_init();
    test_lambda_in_reset();
    test_sweep_factor();
    gsl_rng_free(r);
    return sl_test_done();
}
