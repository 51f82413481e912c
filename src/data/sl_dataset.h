/* sl_dataset.h — labelled data sets of any shape: n examples of n_features
 * features and a label in 0..n_classes−1, all three from the data.
 *
 * Storage is one of
 *   - bytes scaled by 1/255 on gathering (MNIST, Fashion-MNIST: a quarter of
 *     the memory traffic of floats, and a shuffled epoch is bound by the
 *     gather), x8 (n, n_features);
 *   - floats (synthetic sets generated from a seed, subsets), xf (n, n_features).
 * Batches are gathered into caller-owned float buffers. */
#ifndef SL_DATASET_H
#define SL_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>
#include "../core/sl_error.h"

typedef struct {
    size_t n;          /* number of examples */
    int n_features;    /* features per example (784 for MNIST) */
    int n_classes;     /* labels are 0..n_classes−1 */
    uint8_t *x8;       /* (n, n_features) intensities 0..255, owned; or NULL */
    float *xf;         /* (n, n_features) features, owned; or NULL */
    int32_t *y;        /* (n) labels, owned */
} sl_dataset;

typedef enum { SL_DATA_MNIST = 0, SL_DATA_FASHION = 1 } sl_data_name;
extern const char *const sl_data_names[]; /* {"mnist", "fashion-mnist", NULL} */

/* Load split "train" or "test" of a named set from `dir`. Files are the four
 * original IDX names (optionally .gz). Each file's SHA-256 (of its
 * decompressed bytes) must match the published one: a mismatch is
 * SL_ECHECKSUM; a missing file SL_EIO with the `make data` hint. */
sl_status sl_dataset_load(sl_dataset *ds, sl_data_name name, const char *dir, const char *split);

/* From float features x (n, d) and labels y (n) in 0..n_classes−1: both are
 * copied (the caller keeps its arrays). SL_EINVAL on a label out of range. */
sl_status sl_dataset_from_floats(sl_dataset *ds, const float *x, const int *y, size_t n, int d, int n_classes);

/* dst ← the examples of src whose label is one of classes[0..k), in order,
 * relabelled to the label's position in the list (afr: MNIST digits 0 and 1
 * → labels 0 and 1); n_classes = k. Features are copied (same storage kind). */
sl_status sl_dataset_select_classes(sl_dataset *dst, const sl_dataset *src, const int *classes, int k);

/* Split src into a (the first n − n_b examples) and b (the last n_b), as
 * Keras' validation_split does; with rng not NULL the examples are first
 * permuted (Fisher–Yates with rng). Copies; src is unchanged. */
sl_status sl_dataset_split(const sl_dataset *src, size_t n_b, gsl_rng *rng, sl_dataset *a, sl_dataset *b);

/* Keep the first n examples (n <= ds->n). */
void sl_dataset_truncate(sl_dataset *ds, size_t n);

/* Gather rows idx[0..b) into x (b, n_features) as floats and labels into y (b). */
void sl_dataset_batch(const sl_dataset *ds, const uint32_t *idx, size_t b, float *x, int *y);

void sl_dataset_free(sl_dataset *ds); /* NULL-safe */

#endif
