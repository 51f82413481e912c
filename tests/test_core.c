/* test_core — config loader, SHA-256, IDX reader, results writer. */
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_log.h>
#include <cblas.h>
#include <omp.h>

#include "core/sl_blas.h"
#include "core/sl_mem.h"
#include "core/sl_config.h"
#include "core/sl_driver.h"
#include "core/sl_fpmode.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"
#include "core/sl_sha256.h"
#include "data/sl_idx.h"
#include "sl_test.h"

static sl_status load(sl_config **c, const char *text)
{
    return sl_config_load_mem(c, "t.yaml", (const unsigned char *)text, strlen(text));
}

static void test_config(void)
{
    sl_config *c;
    sl_status st = load(&c, "seed: 3\ntrain:\n  lr: 0.5\n  epochs: 7\n  optimiser: adam\n"
                            "dims: [784, 100, 10]\nflag: true\nname: hello\n");
    SL_CHECK(st == SL_OK, "config: loads a valid file", "%s", sl_errmsg());
    if (st != SL_OK) return;
    long seed = 0, epochs = 0, dims[4];
    double lr = 0;
    int flag = 0, opt = -1;
    size_t nd = 0;
    const char *name = NULL;
    static const char *const opts[] = {"adamax", "adam", NULL};
    SL_CHECK(sl_config_int(c, "seed", 0, 10, &seed) == SL_OK && seed == 3, "config: int", "%ld", seed);
    SL_CHECK(sl_config_double(c, "train.lr", 0, 1, &lr) == SL_OK && lr == 0.5, "config: nested double", "%g", lr);
    SL_CHECK(sl_config_int_list(c, "dims", 1, 1000, dims, 4, &nd) == SL_OK && nd == 3 && dims[1] == 100,
             "config: int list", "n=%zu", nd);
    SL_CHECK(sl_config_enum(c, "train.optimiser", opts, &opt) == SL_OK && opt == 1, "config: enum", "%d", opt);
    SL_CHECK(sl_config_bool(c, "flag", &flag) == SL_OK && flag == 1, "config: bool", "%d", flag);
    SL_CHECK(sl_config_string(c, "name", &name) == SL_OK && strcmp(name, "hello") == 0, "config: string", "?");
    long absent = 42;
    SL_CHECK(sl_config_int(c, "missing", 0, 100, &absent) == SL_OK && absent == 42,
             "config: absent key keeps the default", "%ld", absent);
    /* epochs never read: an unknown key */
    st = sl_config_check_unused(c);
    SL_CHECK(st == SL_ECONFIG && strstr(sl_errmsg(), "t.yaml:4:3") && strstr(sl_errmsg(), "train.epochs"),
             "config: an unread key is reported with file:line:col", "%s", sl_errmsg());
    SL_CHECK(sl_config_int(c, "train.epochs", 0, 5, &epochs) == SL_ECONFIG &&
             strstr(sl_errmsg(), "out of range") && strstr(sl_errmsg(), "t.yaml:4:11"),
             "config: out-of-range value names line and key", "%s", sl_errmsg());
    SL_CHECK(sl_config_int(c, "train.lr", 0, 5, &epochs) == SL_ECONFIG && strstr(sl_errmsg(), "integer"),
             "config: wrong type (float for int)", "%s", sl_errmsg());
    SL_CHECK(sl_config_double(c, "name", 0, 5, &lr) == SL_ECONFIG && strstr(sl_errmsg(), "t.yaml:8:7"),
             "config: wrong type (string for number)", "%s", sl_errmsg());
    SL_CHECK(sl_config_enum(c, "name", opts, &opt) == SL_ECONFIG && strstr(sl_errmsg(), "adamax, adam"),
             "config: enum lists the choices", "%s", sl_errmsg());
    SL_CHECK(sl_config_int(c, "train", 0, 5, &epochs) == SL_ECONFIG && strstr(sl_errmsg(), "mapping"),
             "config: mapping where a value is expected", "%s", sl_errmsg());
    SL_CHECK(sl_config_int(c, "seed.x", 0, 5, &epochs) == SL_ECONFIG,
             "config: path through a scalar", "%s", sl_errmsg());
    sl_config_free(c);

    st = load(&c, "a: 1\nb: [1, 2\nc: 3\n");
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "t.yaml:3:"), "config: malformed YAML gives file:line",
             "%d %s", st, sl_errmsg());
    sl_config_free(c);
    st = load(&c, "a: 1\n  b: 2\n");
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "t.yaml:2:"), "config: bad indentation gives file:line",
             "%s", sl_errmsg());
    sl_config_free(c);
    st = load(&c, "a: 1\na: 2\n");
    SL_CHECK(st == SL_ECONFIG && strstr(sl_errmsg(), "duplicate key 'a'") && strstr(sl_errmsg(), "t.yaml:2:1"),
             "config: duplicate key", "%s", sl_errmsg());
    sl_config_free(c);
    st = load(&c, "- 1\n- 2\n");
    SL_CHECK(st == SL_ECONFIG, "config: top level must be a mapping", "%s", sl_errmsg());
    sl_config_free(c);
    st = load(&c, "");
    SL_CHECK(st == SL_ECONFIG, "config: empty file rejected", "%d %s", st, sl_errmsg());
    sl_config_free(c);
    st = load(&c, "x: '5'\ny: .nan\n");
    if (st == SL_OK) {
        long v;
        double dv;
        SL_CHECK(sl_config_int(c, "x", 0, 9, &v) == SL_ECONFIG, "config: quoted number is a string", "?");
        SL_CHECK(sl_config_double(c, "y", -1, 1, &dv) == SL_ECONFIG, "config: NaN rejected", "?");
    }
    sl_config_free(c);
    st = sl_config_load(&c, "/nonexistent/x.yaml");
    SL_CHECK(st == SL_EIO && strstr(sl_errmsg(), "/nonexistent/x.yaml"), "config: missing file named", "%s",
             sl_errmsg());
}

static void test_sha(void)
{
    char h[65];
    sl_sha256_hex("abc", 3, h);
    SL_CHECK(strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
             "sha256: FIPS 180-4 'abc' vector", "%s", h);
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sl_sha256_hex(m, strlen(m), h);
    SL_CHECK(strcmp(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0,
             "sha256: two-block vector", "%s", h);
    /* incremental updates of odd sizes equal the one-shot hash */
    unsigned char buf[1000];
    for (int i = 0; i < 1000; i++) buf[i] = (unsigned char)(i * 7);
    char h1[65], h2[65];
    sl_sha256_hex(buf, 1000, h1);
    sl_sha256_ctx c;
    sl_sha256_init(&c);
    for (size_t off = 0, k = 1; off < 1000; off += k, k = k * 3 % 97 + 1)
        sl_sha256_update(&c, buf + off, off + k > 1000 ? 1000 - off : k);
    sl_sha256_final_hex(&c, h2);
    SL_CHECK(strcmp(h1, h2) == 0, "sha256: incremental equals one-shot", "%s %s", h1, h2);
}

static void test_idx(void)
{
    /* a valid 2x3 image set: magic 00 00 08 02, dims 2 and 3 */
    uint8_t ok[] = {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6};
    sl_idx x;
    sl_status st = sl_idx_parse(ok, sizeof ok, "ok.idx", &x);
    SL_CHECK(st == SL_OK && x.ndim == 2 && x.dims[0] == 2 && x.dims[1] == 3 && x.data[5] == 6,
             "idx: parses a valid file", "%s", sl_errmsg());
    sl_idx_free(&x);
    st = sl_idx_parse(ok, sizeof ok - 1, "short.idx", &x);
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "truncated"), "idx: rejects a truncated file", "%s", sl_errmsg());
    uint8_t bad[sizeof ok];
    memcpy(bad, ok, sizeof ok);
    bad[1] = 1;
    st = sl_idx_parse(bad, sizeof bad, "magic.idx", &x);
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "magic"), "idx: rejects a wrong magic", "%s", sl_errmsg());
    memcpy(bad, ok, sizeof ok);
    bad[2] = 0x0d; /* float data */
    st = sl_idx_parse(bad, sizeof bad, "float.idx", &x);
    SL_CHECK(st == SL_EFORMAT, "idx: rejects a non-byte element type", "%s", sl_errmsg());
    st = sl_idx_parse(ok, 6, "hdr.idx", &x);
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "header"), "idx: rejects a truncated header", "%s", sl_errmsg());
    uint8_t big[] = {0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff, 1};
    st = sl_idx_parse(big, sizeof big, "big.idx", &x);
    SL_CHECK(st == SL_EFORMAT, "idx: rejects a length beyond the data", "%s", sl_errmsg());
    uint8_t longer[sizeof ok + 1];
    memcpy(longer, ok, sizeof ok);
    longer[sizeof ok] = 7;
    st = sl_idx_parse(longer, sizeof longer, "long.idx", &x);
    SL_CHECK(st == SL_EFORMAT && strstr(sl_errmsg(), "trailing bytes"), "idx: rejects trailing bytes after the data", "%s",
             sl_errmsg());
    st = sl_idx_read("/nonexistent.idx", &x);
    SL_CHECK(st == SL_EIO, "idx: missing file is an i/o error", "%s", sl_errmsg());
}

static void test_results(void)
{
    char dir[] = "/tmp/sl_test_resXXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "results: temp dir", "mkdtemp failed"); return; }
    char path[256];
    snprintf(path, sizeof path, "%s/r.dat", dir);
    sl_results *r;
    sl_status st = sl_results_open(&r, path, "test", "cfg.yaml", "abc", "1");
    sl_results_comment(r, "columns: a b");
    sl_results_row(r, "%d %d", 1, 2);
    sl_results_row(r, "%d %d", 3, 4);
    st = sl_results_commit(r);
    SL_CHECK(st == SL_OK && sl_results_verify(path) == SL_OK, "results: written file verifies", "%s", sl_errmsg());
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls %s | grep -c tmp > /dev/null", dir);
    SL_CHECK(system(cmd) != 0, "results: no temporary file left behind", "found *.tmp.* in %s", dir);
    FILE *f = fopen(path, "r");
    char all[4096] = "";
    size_t n = f ? fread(all, 1, sizeof all - 1, f) : 0;
    if (f) fclose(f);
    all[n] = 0;
    SL_CHECK(strstr(all, "# driver: test") && strstr(all, "# config: cfg.yaml sha256=abc") &&
             strstr(all, "# commit: ") && strstr(all, "# threads: ") && strstr(all, "# wall_time_s: ") &&
             strstr(all, "# date: ") && strstr(all, "# seeds: 1"),
             "results: provenance header complete", "%s", all);
    /* truncate: drop the last row */
    f = fopen(path, "w");
    if (f) { fwrite(all, 1, n - 4, f); fclose(f); }
    SL_CHECK(sl_results_verify(path) == SL_EFORMAT, "results: a truncated file is detected", "%s", sl_errmsg());
    /* unwritable destination: clear error, old file untouched */
    st = sl_results_open(&r, "/nonexistent-dir/r.dat", "test", NULL, NULL, NULL);
    sl_results_row(r, "1");
    st = sl_results_commit(r);
    SL_CHECK(st == SL_EIO && strstr(sl_errmsg(), "/nonexistent-dir/r.dat"), "results: unwritable folder is a clear error",
             "%s", sl_errmsg());
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) {}
}

/* the BLAS policy: the re-exec decision (pure), the header line naming the
 * library and core, and the comparison that `make reproduce` runs first */
static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
}

static void test_blas(void)
{
    SL_CHECK(sl_blas_decide(NULL, NULL, 1) == SL_BLAS_REEXEC, "blas: unset core type on AVX2+FMA: pin Haswell (re-exec)", "keep");
    SL_CHECK(sl_blas_decide("", NULL, 1) == SL_BLAS_REEXEC, "blas: empty core type counts as unset", "keep");
    SL_CHECK(sl_blas_decide("SkylakeX", NULL, 1) == SL_BLAS_KEEP, "blas: a core type the environment names is kept", "re-exec");
    SL_CHECK(sl_blas_decide("Haswell", NULL, 1) == SL_BLAS_KEEP, "blas: already Haswell: no re-exec", "re-exec");
    SL_CHECK(sl_blas_decide(NULL, "1", 1) == SL_BLAS_KEEP, "blas: never re-exec twice (guard)", "re-exec");
    SL_CHECK(sl_blas_decide(NULL, NULL, 0) == SL_BLAS_KEEP, "blas: no AVX2+FMA: keep OpenBLAS's choice", "re-exec");

    char desc[512], want[128];
    sl_blas_describe(desc, sizeof desc);
    snprintf(want, sizeof want, " core=%s", openblas_get_corename());
    SL_CHECK(strncmp(desc, "OpenBLAS ", 9) == 0 && strstr(desc, want) && !strchr(desc, '\n'),
             "blas: description names library, version and core", "%s", desc);

    char dir[] = "/tmp/sl_test_blasXXXXXX";
    if (!mkdtemp(dir)) { SL_CHECK(0, "blas: temp dir", "mkdtemp failed"); return; }
    char path[256], doc[256];
    snprintf(path, sizeof path, "%s/r.dat", dir);
    snprintf(doc, sizeof doc, "%s/d.dat", dir);
    sl_results *r;
    sl_results_open(&r, path, "test", "cfg.yaml", "abc", "1");
    sl_results_row(r, "%d", 1);
    SL_CHECK(sl_results_commit(r) == SL_OK, "blas: results written", "%s", sl_errmsg());
    FILE *f = fopen(path, "r");
    char all[4096] = "", line[600];
    size_t n = f ? fread(all, 1, sizeof all - 1, f) : 0;
    if (f) fclose(f);
    all[n] = 0;
    snprintf(line, sizeof line, "\n# blas: %s\n", desc);
    SL_CHECK(strstr(all, line) != NULL, "blas: the header records library and core", "%s", all);
    SL_CHECK(sl_blas_check_file(path) == SL_OK, "blas: a file made here matches", "%s", sl_errmsg());

    /* doctored copies: another core, another library, no line at all */
    char text[4096], *p = strstr(all, " core=");
    if (!p) return;
    snprintf(text, sizeof text, "%.*s core=NotThisCore%s", (int)(p - all), all, strchr(p, '\n'));
    write_text(doc, text);
    SL_CHECK(sl_blas_check_file(doc) != SL_OK && strstr(sl_errmsg(), "core NotThisCore"),
             "blas: another recorded core is refused, named", "%s", sl_errmsg());
    p = strstr(all, "# blas: OpenBLAS ");
    snprintf(text, sizeof text, "%.*s# blas: OpenBLAS 9.9.9 %s", (int)(p - all), all, p + 17);
    write_text(doc, text);
    SL_CHECK(sl_blas_check_file(doc) != SL_OK && strstr(sl_errmsg(), "library 'OpenBLAS 9.9.9"),
             "blas: another recorded library is refused, named", "%s", sl_errmsg());
    p = strstr(all, "# blas: ");
    snprintf(text, sizeof text, "%.*s%s", (int)(p - all), all, strchr(p, '\n') + 1);
    write_text(doc, text);
    SL_CHECK(sl_results_verify(doc) == SL_OK, "blas: a file without the line (older) still verifies", "%s", sl_errmsg());
    SL_CHECK(sl_blas_check_file(doc) != SL_OK && strstr(sl_errmsg(), "records no BLAS"),
             "blas: a file that records no core is refused", "%s", sl_errmsg());
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) {}
}

static void test_rng(void)
{
    /* seed derivation: splitmix64 three times, against an independent (Python) computation */
    SL_CHECK(sl_seed_derive(20210301, 3, 7) == 0x602d8e65ebcdf1b8ULL,
             "rng: seed derivation equals splitmix64(splitmix64(splitmix64(base) ^ purpose) ^ index)", "%llx",
             (unsigned long long)sl_seed_derive(20210301, 3, 7));
    /* the counter-based form: SplitMix64 seeded with 0 starts e220a8397b1dcdaf 6e789e6aa1b965f4
     * 06c45d188009454f f88bb8a8724c81ec (Vigna's splitmix64.c) */
    const uint64_t sm0[4] = {0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL, 0x06c45d188009454fULL, 0xf88bb8a8724c81ecULL};
    int sm_ok = 1;
    for (int i = 0; i < 4; i++) sm_ok &= sl_splitmix64_at(0, (uint64_t)i) == sm0[i];
    SL_CHECK(sm_ok && sl_splitmix64_at(0x9e3779b97f4a7c15ULL, 0) == sm0[1],
             "rng: sl_splitmix64_at(0, i) is SplitMix64's reference stream; (gamma, 0) is its element 1", "%llx",
             (unsigned long long)sl_splitmix64_at(0, 2));
    int distinct = 1;
    uint64_t seen_seeds[64];
    for (int p = 0; p < 8; p++)
        for (int i = 0; i < 8; i++) {
            seen_seeds[p * 8 + i] = sl_seed_derive(5, (uint64_t)p, (uint64_t)i);
            for (int k = 0; k < p * 8 + i; k++) distinct &= seen_seeds[k] != seen_seeds[p * 8 + i];
        }
    SL_CHECK(distinct && sl_seed_derive(1, 2, 3) != sl_seed_derive(1, 3, 2) && sl_seed_derive(1, 2, 3) != sl_seed_derive(2, 2, 3),
             "rng: derived seeds differ for every (purpose, index) and with the base", "?");
    /* MT19937 seeded with 5489 starts with 3499211612 (the reference implementation) */
    gsl_rng *a = sl_rng_new(5489), *b = sl_rng_new(5490);
    unsigned long first = gsl_rng_get(a);
    SL_CHECK(first == 3499211612UL, "rng: sl_rng_new(5489) is MT19937 seeded with 5489", "%lu", first);
    int differ = 0;
    for (int i = 0; i < 100; i++) differ += gsl_rng_get(a) != gsl_rng_get(b);
    SL_CHECK(differ > 90, "rng: neighbouring seeds give different streams", "%d of 100 differ", differ);
    float x[2000];
    sl_rng_uniform_f(a, x, 2000, -0.5f, 0.5f);
    double mean = 0, lo = 1, hi = -1;
    for (int i = 0; i < 2000; i++) { mean += x[i] / 2000.0; lo = fmin(lo, x[i]); hi = fmax(hi, x[i]); }
    SL_CHECK(lo >= -0.5 && hi < 0.5 && lo < -0.49 && hi > 0.49 && fabs(mean) < 0.03, "rng: uniform floats fill [a, b)",
             "min %g max %g mean %g", lo, hi, mean);
    uint32_t idx[50];
    for (uint32_t i = 0; i < 50; i++) idx[i] = i;
    sl_rng_shuffle(a, idx, 50);
    int seen[50] = {0}, perm = 1, moved = 0;
    for (int i = 0; i < 50; i++) { perm &= !seen[idx[i]]; seen[idx[i]] = 1; moved += idx[i] != (uint32_t)i; }
    SL_CHECK(perm && moved > 0, "rng: shuffle is a permutation", "moved %d", moved);
    /* uniform over permutations: the last element stays in place 1/5 of the time (binomial sd 18) */
    int stay = 0;
    for (int t = 0; t < 2000; t++) {
        uint32_t s5[5] = {0, 1, 2, 3, 4};
        sl_rng_shuffle(a, s5, 5);
        stay += s5[4] == 4;
    }
    SL_CHECK(stay > 320 && stay < 480, "rng: shuffle is uniform (element kept in place 1/5 of the time)", "%d of 2000", stay);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* After sl_driver_begin a GSL domain error returns its status (GSL's
 * default handler would abort the process here). */
static void test_gsl_errors(void)
{
    char cfg[] = "/tmp/test_core_gsl.XXXXXX";
    int fd = mkstemp(cfg);
    if (fd < 0) { SL_CHECK(0, "gsl errors: temporary config", "mkstemp"); return; }
    const char *text = "seed: 1\noutput: /tmp/unused.dat\n";
    if (write(fd, text, strlen(text)) < 0) {}
    close(fd);
    char *argv[] = {"test_core", cfg, NULL};
    sl_driver d;
    sl_status st = sl_driver_begin(&d, 2, argv, "test_core");
    gsl_sf_result res;
    int gs = st == SL_OK ? gsl_sf_log_e(-1.0, &res) : -1;
    SL_CHECK(st == SL_OK && gs == GSL_EDOM, "driver start-up: a GSL domain error returns GSL_EDOM, no abort",
             "begin %d, gsl status %d", st, gs);
    sl_driver_end(&d, SL_OK);
    unlink(cfg);
}

/* sl_mem_init: before it, glibc maps a 4 MiB block on its own (an mmap
 * counted in hblks; freeing it raises glibc's sliding threshold to 4 MiB).
 * After it, a 16 MiB block (above that threshold) comes from the heap, stays
 * there once freed (free bytes, not returned) and serves the next one (the
 * heap does not grow). Runs first: sl_driver_begin applies the policy too. */
static void test_mem(void)
{
    const size_t small = (size_t)4 << 20, big = (size_t)16 << 20;
    struct mallinfo2 m0 = mallinfo2();
    char *p = malloc(small);
    if (p) memset(p, 1, small);
    struct mallinfo2 m1 = mallinfo2();
    free(p);
    const int rc = sl_mem_init();
    char *q = malloc(big);
    if (q) memset(q, 2, big);
    struct mallinfo2 m2 = mallinfo2();
    free(q);
    struct mallinfo2 m3 = mallinfo2();
    char *q2 = malloc(big);
    struct mallinfo2 m4 = mallinfo2();
    free(q2);
#ifdef __SANITIZE_ADDRESS__
    /* ASan's malloc refuses mallopt (and reports no mallinfo): the policy says so */
    SL_CHECK(p && q && q2 && rc == -1 && sl_mem_init() == -1, "memory policy: refused under ASan's malloc, and says so",
             "rc %d", rc);
    (void)m0; (void)m1; (void)m2; (void)m3; (void)m4;
#else
    SL_CHECK(p && q && q2 && rc == 0 && m1.hblks == m0.hblks + 1 && m2.hblks == m0.hblks && m3.fordblks >= big &&
                 m4.arena == m3.arena && sl_mem_init() == 0,
             "memory policy: 16 MiB blocks from the heap after sl_mem_init (4 MiB mmapped before), kept when freed, "
             "reused",
             "rc %d, mmapped blocks %zu -> %zu before, %zu after; free heap after free %zu; heap %zu -> %zu", rc,
             m0.hblks, m1.hblks, m2.hblks, m3.fordblks, m3.arena, m4.arena);
#endif
}

/* Flush-to-zero scopes. Each thread of a team computes a subnormal product
 * (FTZ: 1e-30 * 1e-10 = 1e-40 < 2^-126) and reads a subnormal operand (DAZ:
 * 1e-40 * 1e10); the pool is made before the scope, so a begin that set the
 * caller alone would leave the other threads on gradual underflow. Returns how
 * many of the team's threads flushed both (-1: some flushed one of them only). */
static volatile float fp_tiny = 1e-30f, fp_small = 1e-10f, fp_sub = 1e-40f, fp_big = 1e10f;
static int team_flushes(int team)
{
    int both = 0, mixed = 0;
#pragma omp parallel num_threads(team) reduction(+ : both, mixed)
    {
        int ftz = fp_tiny * fp_small == 0.0f, daz = fp_sub * fp_big == 0.0f;
        both += ftz && daz && sl_fp_flushing();
        mixed += ftz != daz;
    }
    return mixed ? -1 : both;
}

static void test_fpmode(void)
{
    const int team = 3;     /* more threads than some machines' cores: the pool, not the cores */
    int save = omp_get_max_threads();
    omp_set_num_threads(team);
    SL_CHECK(fp_sub != 0.0f && fp_tiny * fp_small != 0.0f, "fpmode.subnormals_exist", "gradual underflow is off before any scope");
    SL_CHECK(team_flushes(team) == 0, "fpmode.off_before", "a thread flushes before any scope");
    sl_fpmode outer = sl_fp_flush_begin();
    int n = team_flushes(team);
    SL_CHECK(n == team, "fpmode.team_flushes", "%d of %d threads of a pool made before the scope flush", n, team);
    sl_fpmode inner = sl_fp_flush_begin();
    sl_fp_restore(inner);
    n = team_flushes(team);
    SL_CHECK(n == team, "fpmode.nested_restore_keeps", "an inner scope's restore left %d of %d flushing", n, team);
    int par_inner = -2;
#pragma omp parallel num_threads(2)
#pragma omp single
    { /* called from a region: nested regions are serial, the caller alone changes and changes back */
        sl_fpmode m = sl_fp_flush_begin();
        sl_fp_restore(m);
        par_inner = sl_fp_flushing();
    }
    SL_CHECK(par_inner == 1, "fpmode.in_region", "a scope opened and closed inside a region changed its thread (%d)", par_inner);
    sl_fp_restore(outer);
    n = team_flushes(team);
    SL_CHECK(n == 0, "fpmode.restored", "%d of %d threads still flush after the outer restore", n, team);
    omp_set_num_threads(save);
}

int main(void)
{
    sl_blas_init(NULL); /* single-threaded BLAS, as in the drivers; no re-exec from sl_driver_begin */
    test_mem(); /* first: before sl_driver_begin applies the policy */
    test_blas();
    test_config();
    test_sha();
    test_idx();
    test_results();
    test_rng();
    test_gsl_errors();
    test_fpmode();
    return sl_test_done();
}
