/* sl_dataset.h — labelled image sets (MNIST, Fashion-MNIST) kept as bytes
 * (a quarter of the memory traffic of floats: a shuffled epoch is bound by
 * the gather); batches are gathered and scaled to [0, 1] floats on demand. */
#ifndef SL_DATASET_H
#define SL_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include "../core/sl_error.h"

typedef struct {
    size_t n;        /* number of examples */
    int d;           /* features per example (784) */
    int n_classes;   /* 10 */
    uint8_t *x;      /* (n, d) pixel intensities 0..255, owned */
    uint8_t *y;      /* (n) labels 0..n_classes-1, owned */
} sl_dataset;

typedef enum { SL_DATA_MNIST = 0, SL_DATA_FASHION = 1 } sl_data_name;
extern const char *const sl_data_names[]; /* {"mnist", "fashion-mnist", NULL} */

/* Load split "train" or "test" of a named set from `dir`. Files are the four
 * original IDX names (optionally .gz). Each file's SHA-256 (of its
 * decompressed bytes) must match the published one: a mismatch is
 * SL_ECHECKSUM; a missing file SL_EIO with the `make data` hint. */
sl_status sl_dataset_load(sl_dataset *ds, sl_data_name name, const char *dir, const char *split);

/* Keep the first n examples (n <= ds->n). */
void sl_dataset_truncate(sl_dataset *ds, size_t n);

/* Gather rows idx[0..b) into x (b, d) scaled by 1/255 and labels into y (b). */
void sl_dataset_batch(const sl_dataset *ds, const uint32_t *idx, size_t b, float *x, int *y);

void sl_dataset_free(sl_dataset *ds); /* NULL-safe */

#endif
