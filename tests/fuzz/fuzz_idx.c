/* libFuzzer target: the IDX parser on arbitrary bytes. An accepted input must
 * satisfy the format's invariants (checked here: a violation aborts, which
 * libFuzzer and the replay report as a crash); a rejected one must leave a
 * zeroed result and a message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/sl_idx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_idx x;
    if (sl_idx_parse(data, size, "fuzz.idx", &x) == SL_OK) {
        size_t prod = 1;
        for (int d = 0; d < x.ndim; d++) prod *= x.dims[d];
        /* magic, ndim sizes, then exactly prod(sizes) bytes, copied */
        if (x.ndim < 1 || x.ndim > SL_IDX_MAXDIM || x.count != prod || size != 4 + 4 * (size_t)x.ndim + x.count ||
            (x.count && memcmp(x.data, data + 4 + 4 * x.ndim, x.count) != 0) || strlen(x.sha256) != 64)
            abort();
        sl_idx_free(&x);
    } else if (!sl_errmsg()[0])
        abort(); /* an error must say why */
    return 0;
}
