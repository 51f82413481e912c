/* sl_idx.h — the IDX format of MNIST and Fashion-MNIST (unsigned bytes only).
 *
 * Layout: magic 0x00 0x00 0x08 <ndim>, then ndim big-endian uint32 sizes,
 * then prod(sizes) bytes. Files may be gzip-compressed (read transparently). */
#ifndef SL_IDX_H
#define SL_IDX_H

#include <stddef.h>
#include <stdint.h>
#include "../core/sl_error.h"

#define SL_IDX_MAXDIM 4

typedef struct {
    int ndim;
    uint32_t dims[SL_IDX_MAXDIM];
    size_t count;      /* prod(dims) */
    uint8_t *data;     /* (dims[0], dims[1], ...) row-major, owned */
    char sha256[65];   /* of the decompressed bytes */
} sl_idx;

/* Parse an in-memory IDX image; copies the payload. SL_EFORMAT naming `name`
 * on a wrong magic, a type other than ubyte, 0 or >4 dims, or a length that
 * disagrees with the header (truncated or trailing bytes). */
sl_status sl_idx_parse(const uint8_t *buf, size_t len, const char *name, sl_idx *out);

/* Read (and gunzip if needed) `path` and parse it. SL_EIO if missing. */
sl_status sl_idx_read(const char *path, sl_idx *out);

void sl_idx_free(sl_idx *x); /* NULL-safe; leaves *x zeroed */

#endif
