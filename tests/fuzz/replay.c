/* Replays fuzz inputs (the regression corpus tests/fuzz/regress/TARGET/)
 * through a fuzz target without libFuzzer, so crashes once found stay
 * covered by `make test` and `make sanitize`. Usage: replay FILE... */
#include <stdio.h>
#include <stdlib.h>

#include "../sl_test.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { SL_CHECK(0, argv[i], "cannot open"); continue; }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc((size_t)n + 1);
        size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
        fclose(f);
        LLVMFuzzerTestOneInput(buf, got); /* a crash fails the run */
        free(buf);
        char name[512];
        snprintf(name, sizeof name, "fuzz regression %s", argv[i]);
        SL_CHECK(1, name, "survived"); /* reached only if the input did not crash */
    }
    return sl_test_done();
}
