#include "sl_circular.h"
#include "../core/sl_rng.h"

#include <cblas.h>
#include <lapacke.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

const char *const sl_ensemble_names[] = {"CUE", "COE", "CSE", NULL};

int sl_circular_n_eig(sl_ensemble e, int n) { return e == SL_CSE ? 2 * n : n; }

/* Every LAPACK buffer gets spare elements past its end: OpenBLAS 0.3.21's
 * zgemv_n kernel reads one column of its operand even when asked for zero
 * columns, and zlatrd (inside zhetrd, UPLO = 'U') asks for zero columns at
 * A(1, n+1) — up to nmax + 1 elements past an n × n matrix (valgrind sees
 * it). A matrix buffer therefore gets one spare column plus PAD, and the
 * eigensolvers (zheevr, zgetrf/zgetri, zheevd, zgeev) work on our buffers in
 * column-major order (LAPACKE's row-major wrappers transpose into unpadded
 * buffers of their own; the Haar QR keeps its row-major call, which valgrind
 * finds clean, so that the drawn matrices stay those of Mezzadri's recipe). */
enum { PAD = 64 };

sl_status sl_circular_ws_alloc(sl_circular_ws *ws, int nmax)
{
    memset(ws, 0, sizeof *ws);
    size_t nn = (size_t)nmax * (size_t)nmax + (size_t)nmax + PAD;
    ws->nmax = nmax;
    ws->a = malloc(nn * sizeof *ws->a);
    ws->b = malloc(nn * sizeof *ws->b);
    ws->c = malloc(nn * sizeof *ws->c);
    ws->m = malloc(nn * sizeof *ws->m);
    ws->tau = malloc((size_t)nmax * sizeof *ws->tau);
    ws->w = malloc((size_t)nmax * sizeof *ws->w);
    ws->lambda = malloc(((size_t)nmax + PAD) * sizeof *ws->lambda);
    const size_t nm = (size_t)nmax;
    ws->rwork = malloc((1 + 25 * nm + 2 * nm * nm + PAD) * sizeof *ws->rwork);
    ws->work = malloc((3 * nm + nm * nm + PAD) * sizeof *ws->work);
    ws->iwork = malloc((12 * nm + 3 + PAD) * sizeof *ws->iwork);
    if (!ws->a || !ws->b || !ws->c || !ws->m || !ws->tau || !ws->w || !ws->rwork || !ws->work || !ws->iwork || !ws->lambda) {
        sl_circular_ws_free(ws);
        return sl_fail(SL_ENOMEM, "circular-ensemble workspace for dimension %d", nmax);
    }
    return SL_OK;
}

void sl_circular_ws_free(sl_circular_ws *ws)
{
    if (!ws) return;
    free(ws->a); free(ws->b); free(ws->c); free(ws->m); free(ws->tau); free(ws->w); free(ws->rwork);
    free(ws->work); free(ws->iwork); free(ws->lambda);
    memset(ws, 0, sizeof *ws);
}

sl_status sl_zeigvals(double complex *a, int n, double complex *ev)
{
    /* read column-major, a is Aᵀ: the same eigenvalues, no transposed copy */
    lapack_int info = LAPACKE_zgeev(LAPACK_COL_MAJOR, 'N', 'N', n, a, n, ev, NULL, n, NULL, n);
    if (info > 0) return sl_fail(SL_ENUMERIC, "zgeev: QR algorithm failed to converge (%d)", (int)info);
    if (info < 0) return sl_fail(SL_EINVAL, "zgeev: argument %d invalid", (int)-info);
    return SL_OK;
}

/* u (n, n) ← a Haar-distributed unitary matrix (Mezzadri 2007). */
static sl_status cue_haar(sl_circular_ws *ws, int n, gsl_rng *r, double complex *u)
{
    const size_t nn = (size_t)n * (size_t)n;
    for (size_t i = 0; i < nn; i++) {
        double re = sl_rng_gaussian(r, M_SQRT1_2), im = sl_rng_gaussian(r, M_SQRT1_2);
        u[i] = re + I * im;
    }
    lapack_int info = LAPACKE_zgeqrf(LAPACK_ROW_MAJOR, n, n, u, n, ws->tau);
    if (info) return sl_fail(SL_ENUMERIC, "zgeqrf failed (%d)", (int)info);
    for (int j = 0; j < n; j++) { /* phases of diag(R), before Q overwrites it */
        double complex d = u[(size_t)j * n + j];
        double ad = cabs(d);
        ws->w[j] = ad > 0 ? d / ad : 1;
    }
    info = LAPACKE_zungqr(LAPACK_ROW_MAJOR, n, n, n, u, n, ws->tau);
    if (info) return sl_fail(SL_ENUMERIC, "zungqr failed (%d)", (int)info);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) u[(size_t)i * n + j] *= ws->w[j];
    return SL_OK;
}

double sl_symplectic_j(int i, int j)
{
    if ((i >> 1) != (j >> 1) || i == j) return 0;
    return (i & 1) ? -1.0 : 1.0;
}

/* The Haar construction: m (dim, dim) ← CUE U, COE Uᵀ U, CSE J Uᵀ Jᵀ U. */
static sl_status haar_matrix(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *m)
{
    const int dim = sl_circular_n_eig(e, n);
    double complex *u = e == SL_CUE ? m : ws->a;
    SL_TRY(cue_haar(ws, dim, r, u));
    const double complex one = 1, zero = 0;
    const size_t d = (size_t)dim;
    switch (e) {
    case SL_CUE:
        break;
    case SL_COE: /* Uᵀ U */
        cblas_zgemm(CblasRowMajor, CblasTrans, CblasNoTrans, dim, dim, dim, &one, u, dim, u, dim, &zero, m, dim);
        break;
    case SL_CSE: {
        /* B = J Uᵀ Jᵀ: (J Uᵀ Jᵀ)_{ij} = Σ J_ik U_lk J_jl, one nonzero each */
        double complex *bm = ws->b;
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < d; j++) {
                size_t k = i ^ 1, l = j ^ 1;
                bm[i * d + j] = sl_symplectic_j((int)i, (int)k) * u[l * d + k] * sl_symplectic_j((int)j, (int)l);
            }
        cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, dim, dim, dim, &one, bm, dim, u, dim, &zero, m, dim);
        break;
    }
    }
    return SL_OK;
}

/* Every Haar matrix is unitary: Cayley eigenvalues. */
static sl_status haar_eigvals(sl_circular_ws *ws, sl_ensemble e, int n, gsl_rng *r, double complex *ev)
{
    const int dim = sl_circular_n_eig(e, n);
    SL_TRY(haar_matrix(ws, e, n, r, ws->m));
    return sl_unitary_eigvals(ws, ws->m, dim, ev);
}

const sl_construction sl_cons_haar = {"haar", haar_matrix, haar_eigvals};

sl_status sl_circular_matrix(sl_circular_ws *ws, sl_ensemble e, const sl_construction *c, int n,
                             gsl_rng *r, double complex *m)
{
    const int dim = sl_circular_n_eig(e, n);
    if (dim > ws->nmax) return sl_fail(SL_EINVAL, "matrix dimension %d exceeds workspace %d", dim, ws->nmax);
    return c->matrix(ws, e, n, r, m);
}

/* Unitary eigenvalues through the Cayley transform: for U unitary without
 * the eigenvalue −1,
 *     A = i (I − U)(I + U)⁻¹ = i (2 (I + U)⁻¹ − I)
 * is Hermitian, with eigenvalues tan(θ_k/2) where e^{iθ_k} are U's. The
 * Hermitian eigenvalues (zheevd, no vectors) cost a fraction of zgeev's
 * Hessenberg QR. The error in θ is about ε‖A‖ ≈ ε / min_k |1 + e^{iθ_k}|;
 * if an eigenvalue lies within 1e-6 of −1 (or I + U is singular), U is
 * turned by a fixed angle and the angle taken back off afterwards. */
enum { CAYLEY_TRIES = 4 };
static const double CAYLEY_MAX_TAN = 2e6;

sl_status sl_unitary_eigvals(sl_circular_ws *ws, const double complex *u, int n, double complex *ev)
{
    if (n > ws->nmax) return sl_fail(SL_EINVAL, "matrix dimension %d exceeds workspace %d", n, ws->nmax);
    const size_t d = (size_t)n;
    double complex *b = ws->c;
    lapack_int *ipiv = ws->iwork;
    for (int attempt = 0; attempt < CAYLEY_TRIES; attempt++) {
        /* turn by 0, 1, 2, 3 × (an angle no ensemble favours) */
        const double alpha = attempt * 0.7853981633974483 * (1 + sqrt(5.0)) / 2;
        const double complex rot = cexp(I * alpha);
        for (size_t i = 0; i < d * d; i++) b[i] = rot * u[i];
        for (size_t i = 0; i < d; i++) b[i * d + i] += 1;         /* B = I + e^{iα} U */
        /* column-major the array holds Bᵀ; (Bᵀ)⁻¹ read row-major is B⁻¹ */
        lapack_int info = LAPACKE_zgetrf_work(LAPACK_COL_MAJOR, n, n, b, n, ipiv);
        if (info < 0) return sl_fail(SL_EINVAL, "zgetrf: argument %d invalid", (int)-info);
        if (info > 0) continue;                                    /* −1 is an eigenvalue: turn */
        info = LAPACKE_zgetri_work(LAPACK_COL_MAJOR, n, b, n, ipiv, ws->work, n * n);
        if (info) return sl_fail(SL_ENUMERIC, "zgetri failed (%d)", (int)info);
        /* Hermitian part of A = i (2 B⁻¹ − I), upper triangle (row-major;
         * read column-major it is Aᵀ = conj(A): same eigenvalues) */
        for (size_t i = 0; i < d; i++) {
            b[i * d + i] = -2 * cimag(b[i * d + i]) + 0 * I;       /* Re(i (2 b_ii − 1)) */
            for (size_t j = i + 1; j < d; j++) {
                const double complex x = I * b[i * d + j], y = I * b[j * d + i];
                b[i * d + j] = x + conj(y);                        /* (2x + conj(2y)) / 2 */
            }
        }
        info = LAPACKE_zheevd_work(LAPACK_COL_MAJOR, 'N', 'L', n, b, n, ws->lambda, ws->work, n + 1,
                                   ws->rwork, n, ws->iwork, 1);
        if (info) return sl_fail(SL_ENUMERIC, "zheevd failed (%d)", (int)info);
        if (fabs(ws->lambda[0]) > CAYLEY_MAX_TAN || fabs(ws->lambda[n - 1]) > CAYLEY_MAX_TAN) continue;
        for (int k = 0; k < n; k++) ev[k] = cexp(I * (2 * atan(ws->lambda[k]) - alpha));
        return SL_OK;
    }
    return sl_fail(SL_ENUMERIC, "unitary eigenvalues: I + e^{ia} U singular for %d turns (not unitary?)",
                   CAYLEY_TRIES);
}

sl_status sl_circular_eigvals(sl_circular_ws *ws, sl_ensemble e, const sl_construction *c, int n,
                              gsl_rng *r, double complex *ev)
{
    const int dim = sl_circular_n_eig(e, n);
    if (dim > ws->nmax) return sl_fail(SL_EINVAL, "matrix dimension %d exceeds workspace %d", dim, ws->nmax);
    return c->eigvals(ws, e, n, r, ev);
}

/* One chunk: per_chunk matrices drawn in order from a generator seeded with
 * `seed`, eigenvalues into ev (per_chunk × dim). */
static sl_status run_chunk(sl_ensemble e, const sl_construction *c, int n, unsigned long seed, int per_chunk,
                           double complex *ev)
{
    const int dim = sl_circular_n_eig(e, n);
    sl_circular_ws ws;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) return sl_fail(SL_ENOMEM, "random generator");
    sl_status st = sl_circular_ws_alloc(&ws, dim);
    if (st == SL_OK) {
        gsl_rng_set(r, seed);
        for (int j = 0; j < per_chunk && st == SL_OK; j++)
            st = sl_circular_eigvals(&ws, e, c, n, r, ev + (size_t)j * dim);
        sl_circular_ws_free(&ws);
    }
    gsl_rng_free(r);
    return st;
}

/* Chunks run in worker processes (fork), not threads: this OpenBLAS build
 * crashes when two threads run zhetrd at once, and processes also keep each
 * chunk's arithmetic identical to a serial run. Results come back through a
 * shared anonymous mapping. */
sl_status sl_circular_ensemble(sl_ensemble e, const sl_construction *c, int n,
                               const unsigned long *seeds, int n_chunks, int per_chunk,
                               int threads, double complex *ev)
{
    const int dim = sl_circular_n_eig(e, n);
    const size_t chunk_len = (size_t)per_chunk * (size_t)dim;
    if (threads < 1) threads = 1;
    if (threads > n_chunks) threads = n_chunks;
    sl_status st = SL_OK;
    if (threads == 1) {
        for (int k = 0; k < n_chunks && st == SL_OK; k++)
            st = run_chunk(e, c, n, seeds[k], per_chunk, ev + (size_t)k * chunk_len);
        return st == SL_OK ? SL_OK : sl_fail(st, "%s %s N=%d: %s", c->name, sl_ensemble_names[e], n,
                                             sl_errmsg());
    }
    typedef struct { int status; char msg[500]; } report;
    const size_t bytes = (size_t)n_chunks * chunk_len * sizeof *ev + (size_t)n_chunks * sizeof(report);
    void *shm = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED)
        return sl_fail(SL_ENOMEM, "shared memory for %d chunks: %s", n_chunks, strerror(errno));
    double complex *out = shm;
    report *rep = (report *)((char *)shm + (size_t)n_chunks * chunk_len * sizeof *ev);
    for (int k = 0; k < n_chunks; k++) rep[k].status = -1;
    fflush(NULL);
    pid_t pids[64];
    int started = 0;
    for (int w = 0; w < threads && w < 64; w++) {
        pid_t pid = fork();
        if (pid == 0) { /* worker w: chunks w, w + threads, ... */
            for (int k = w; k < n_chunks; k += threads) {
                sl_status s = run_chunk(e, c, n, seeds[k], per_chunk, out + (size_t)k * chunk_len);
                rep[k].status = (int)s;
                if (s != SL_OK) { snprintf(rep[k].msg, sizeof rep[k].msg, "%s", sl_errmsg()); break; }
            }
            _exit(0);
        }
        if (pid < 0) { st = sl_fail(SL_ENOMEM, "fork: %s", strerror(errno)); break; }
        pids[started++] = pid;
    }
    for (int w = 0; w < started; w++) {
        int ws;
        while (waitpid(pids[w], &ws, 0) < 0 && errno == EINTR) {}
    }
    for (int k = 0; k < n_chunks && st == SL_OK; k++) {
        if (rep[k].status == -1) st = sl_fail(SL_EINVAL, "chunk %d: worker died (signal?)", k);
        else if (rep[k].status != SL_OK) st = sl_fail((sl_status)rep[k].status, "chunk %d: %s", k, rep[k].msg);
    }
    if (st == SL_OK) memcpy(ev, out, (size_t)n_chunks * chunk_len * sizeof *ev);
    munmap(shm, bytes);
    if (st != SL_OK) return sl_fail(st, "%s %s N=%d: %s", c->name, sl_ensemble_names[e], n, sl_errmsg());
    return SL_OK;
}
