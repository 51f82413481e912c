/* Replays fuzz inputs (the regression corpus tests/fuzz/regress/TARGET/)
 * through a fuzz target without libFuzzer, so inputs that once crashed stay
 * covered by `make test` and `make sanitize`. The targets abort on a broken
 * invariant; a crash or abort ends this program with a signal, which
 * tests/test_fuzz_regress.sh reports as a failure. Usage: replay FILE...
 * Prints the number of inputs replayed; exit 0 when all were read. */
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { fprintf(stderr, "replay: cannot open %s\n", argv[i]); bad = 1; continue; }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        unsigned char *buf = malloc((size_t)n + 1);
        size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
        fclose(f);
        if (!buf || got != (size_t)n) { fprintf(stderr, "replay: cannot read %s\n", argv[i]); bad = 1; free(buf); continue; }
        LLVMFuzzerTestOneInput(buf, got);
        free(buf);
    }
    printf("replayed %d inputs\n", argc - 1);
    return bad;
}
