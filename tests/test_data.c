/* test_data — the MNIST data set as the trainer sees it, against the raw IDX
 * files read independently and against published facts about MNIST: sizes,
 * the first labels (5 0 4 1 9 / 7 2 1 0 4), the class counts of the training
 * set, and batches whose pixels are byte/255 exactly and whose labels belong
 * to the same images. Needs `make data` (fails, does not skip, without it). */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "data/sl_dataset.h"
#include "data/sl_idx.h"
#include "sl_test.h"

int main(void)
{
    sl_dataset tr = {0}, te = {0};
    sl_status s1 = sl_dataset_load(&tr, SL_DATA_MNIST, "data/mnist", "train");
    sl_status s2 = s1 == SL_OK ? sl_dataset_load(&te, SL_DATA_MNIST, "data/mnist", "test") : s1;
    SL_CHECK(s1 == SL_OK && s2 == SL_OK, "data: MNIST loads (run 'make data' otherwise)", "%s", sl_errmsg());
    if (s1 != SL_OK || s2 != SL_OK) { sl_dataset_free(&tr); return sl_test_done(); }
    SL_CHECK(tr.n == 60000 && te.n == 10000 && tr.n_features == 784 && tr.n_classes == 10, "data: MNIST sizes 60000 / 10000 x 784",
             "%zu %zu %d", tr.n, te.n, tr.n_features);
    const int32_t first_tr[5] = {5, 0, 4, 1, 9}, first_te[5] = {7, 2, 1, 0, 4};
    SL_CHECK(memcmp(tr.y, first_tr, sizeof first_tr) == 0 && memcmp(te.y, first_te, sizeof first_te) == 0,
             "data: first labels 5 0 4 1 9 (train) and 7 2 1 0 4 (test)", "%d %d", (int)tr.y[0], (int)te.y[0]);
    long count[10] = {0};
    for (size_t i = 0; i < tr.n; i++) count[tr.y[i] >= 0 && tr.y[i] < 10 ? tr.y[i] : 0]++;
    SL_CHECK(count[0] == 5923 && count[1] == 6742 && count[5] == 5421 && count[9] == 5949,
             "data: training class counts (0: 5923, 1: 6742, 5: 5421, 9: 5949)", "%ld %ld %ld %ld", count[0], count[1],
             count[5], count[9]);
    sl_idx img = {0}, lab = {0};
    sl_status s3 = sl_idx_read("data/mnist/train-images-idx3-ubyte", &img);
    sl_status s4 = s3 == SL_OK ? sl_idx_read("data/mnist/train-labels-idx1-ubyte", &lab) : s3;
    if (s3 == SL_OK && s4 == SL_OK) {
        enum { B = 256 };
        uint32_t idx[B];
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, 9);
        for (int i = 0; i < B; i++) idx[i] = (uint32_t)gsl_rng_uniform_int(r, tr.n);
        idx[0] = 0;
        float *x = malloc((size_t)B * 784 * sizeof *x);
        int y[B];
        sl_dataset_batch(&tr, idx, B, x, y);
        int xbad = 0, ybad = 0, ones = 0;
        for (int i = 0; i < B; i++) {
            ybad += y[i] != lab.data[idx[i]];
            for (int j = 0; j < 784; j++) {
                const uint8_t v = img.data[(size_t)idx[i] * 784 + j];
                xbad += x[(size_t)i * 784 + j] != (float)v * (1.0f / 255.0f);
                ones += v == 255 && x[(size_t)i * 784 + j] == 1.0f;
            }
        }
        SL_CHECK(ybad == 0, "data: batch labels are the raw labels of the same images", "%d wrong", ybad);
        SL_CHECK(xbad == 0 && ones > 0, "data: batch pixels are byte / 255 (255 gives exactly 1)", "%d wrong, %d ones", xbad,
                 ones);
        free(x);
        gsl_rng_free(r);
        sl_idx_free(&lab);
    } else
        SL_CHECK(0, "data: raw IDX files readable", "%s", sl_errmsg());
    sl_idx_free(&img);
    sl_dataset_free(&tr);
    sl_dataset_free(&te);
    return sl_test_done();
}
