/* sl_sha256.h — SHA-256 (FIPS 180-4) for data-file and config checksums. */
#ifndef SL_SHA256_H
#define SL_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "sl_error.h"

typedef struct {
    uint32_t h[8];
    uint64_t len;       /* bytes hashed so far */
    uint8_t buf[64];
    size_t nbuf;
} sl_sha256_ctx;

void sl_sha256_init(sl_sha256_ctx *c);
void sl_sha256_update(sl_sha256_ctx *c, const void *data, size_t n);
/* Writes 64 lowercase hex characters and a NUL into hex (65 bytes). */
void sl_sha256_final_hex(sl_sha256_ctx *c, char hex[65]);

void sl_sha256_hex(const void *data, size_t n, char hex[65]);
/* Hash of a whole file; SL_EIO if unreadable. */
sl_status sl_sha256_file(const char *path, char hex[65]);

#endif
