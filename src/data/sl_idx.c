#include "sl_idx.h"
#include "../core/sl_sha256.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

sl_status sl_idx_parse(const uint8_t *buf, size_t len, const char *name, sl_idx *out)
{
    memset(out, 0, sizeof *out);
    if (len < 4)
        return sl_fail(SL_EFORMAT, "%s: not an IDX file (%zu bytes, too short for a header)", name, len);
    if (buf[0] != 0 || buf[1] != 0)
        return sl_fail(SL_EFORMAT, "%s: not an IDX file (bad magic %02x%02x%02x%02x)",
                       name, buf[0], buf[1], buf[2], buf[3]);
    if (buf[2] != 0x08)
        return sl_fail(SL_EFORMAT, "%s: IDX element type 0x%02x unsupported (only unsigned byte 0x08)",
                       name, buf[2]);
    int nd = buf[3];
    if (nd < 1 || nd > SL_IDX_MAXDIM)
        return sl_fail(SL_EFORMAT, "%s: IDX with %d dimensions unsupported (1..%d)", name, nd, SL_IDX_MAXDIM);
    size_t hdr = 4 + 4 * (size_t)nd;
    if (len < hdr)
        return sl_fail(SL_EFORMAT, "%s: truncated IDX header (%zu of %zu bytes)", name, len, hdr);
    size_t count = 1;
    for (int i = 0; i < nd; i++) {
        const uint8_t *p = buf + 4 + 4 * i;
        uint32_t d = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        if (d == 0 || count > ((size_t)1 << 40) / d)
            return sl_fail(SL_EFORMAT, "%s: IDX dimension %d has implausible size %u", name, i, d);
        out->dims[i] = d;
        count *= d;
    }
    if (len - hdr != count)
        return sl_fail(SL_EFORMAT, "%s: IDX header promises %zu bytes of data, file has %zu (%s)",
                       name, count, len - hdr, len - hdr < count ? "truncated" : "trailing bytes");
    out->data = malloc(count);
    if (!out->data) return sl_fail(SL_ENOMEM, "%s: out of memory (%zu bytes)", name, count);
    memcpy(out->data, buf + hdr, count);
    out->ndim = nd;
    out->count = count;
    sl_sha256_hex(buf, len, out->sha256);
    return SL_OK;
}

sl_status sl_idx_read(const char *path, sl_idx *out)
{
    memset(out, 0, sizeof *out);
    gzFile g = gzopen(path, "rb");
    if (!g) return sl_fail(SL_EIO, "cannot open %s: %s", path, strerror(errno ? errno : ENOENT));
    gzbuffer(g, 1 << 17);
    size_t cap = 1 << 20, len = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) { gzclose(g); return sl_fail(SL_ENOMEM, "%s: out of memory", path); }
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; continue; }
            buf = nb; cap *= 2;
        }
        unsigned want = (unsigned)((cap - len) > (1u << 30) ? (1u << 30) : (cap - len));
        int n = gzread(g, buf + len, want);
        if (n < 0) {
            int e; const char *m = gzerror(g, &e);
            sl_status st = sl_fail(SL_EFORMAT, "%s: corrupt or unreadable file: %s", path, m);
            free(buf); gzclose(g);
            return st;
        }
        if (n == 0) break;
        len += (size_t)n;
    }
    gzclose(g);
    sl_status st = sl_idx_parse(buf, len, path, out);
    free(buf);
    return st;
}

void sl_idx_free(sl_idx *x)
{
    if (!x) return;
    free(x->data);
    memset(x, 0, sizeof *x);
}
