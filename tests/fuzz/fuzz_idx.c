/* libFuzzer target: the IDX parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "data/sl_idx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_idx x;
    if (sl_idx_parse(data, size, "fuzz.idx", &x) == SL_OK) {
        volatile uint8_t sink = x.count ? x.data[x.count - 1] : 0;
        (void)sink;
        sl_idx_free(&x);
    }
    return 0;
}
