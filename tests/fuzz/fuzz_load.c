/*
** fuzz_load.c -- the loader and validator against damaged input. LLVMFuzzerTestOneInput
** loads, validates and frees one document; with -DORDO_FUZZ_MAIN (the ctest build) a main
** replays a deterministic stream of mutations of the given seed files: byte flips,
** truncations, deletions, and insertions of JSON punctuation and odd values. Every outcome
** must be a clean ORDO_OK or ORDO_EINPUT with at least one located error; the sanitizer
** build catches any memory error on the way.
** usage: fuzz_load FILE... (mutations of each, a fixed number, seed 1)
*/
#include "ordo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer((const char *)data, size, NULL, &m);
    if (!(rc == ORDO_OK || (rc == ORDO_EINPUT && (ordo_error_count(m) > 0 || ordo_errmsg(m)[0])))) {
        fprintf(stderr, "unexpected result %d (%d errors) for a document of %zu bytes\n", rc, ordo_error_count(m), size);
        failures++;
#ifndef ORDO_FUZZ_MAIN
        abort(); /* libFuzzer keeps the input */
#endif
    }
    if (rc == ORDO_OK) { /* a valid document also plans */
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = 1;
        ordo_plan *p = NULL;
        if (ordo_plan_run(m, &o, &p) != ORDO_OK) {
            fprintf(stderr, "planning failed on a valid document\n");
            failures++;
        }
        ordo_plan_close(p);
    }
    ordo_model_close(m);
    return 0;
}

#ifdef ORDO_FUZZ_MAIN
static uint64_t rng = 1;
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* One mutation of src (n bytes) into dst (capacity n + 64); returns the new length. */
static size_t mutate(const char *src, size_t n, char *dst)
{
    static const char *inserts[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "-1", "1e999", "0.5",
                                    "\"x\"", "true", "\"2026-02-30\"", "\"25:00\"", "\"id\": \"A\",", "\xff"};
    memcpy(dst, src, n);
    size_t at = n ? (size_t)(next() % n) : 0;
    switch (next() % 5) {
    case 0: /* flip a byte */
        if (n) dst[at] = (char)(next() & 0xff);
        return n;
    case 1: /* truncate */
        return at;
    case 2: { /* delete a run */
        size_t k = 1 + next() % 16;
        if (at + k > n) k = n - at;
        memmove(dst + at, dst + at + k, n - at - k);
        return n - k;
    }
    default: { /* insert punctuation or an odd value */
        const char *ins = inserts[next() % (sizeof inserts / sizeof inserts[0])];
        size_t k = strlen(ins);
        memmove(dst + at + k, src + at, n - at);
        memcpy(dst + at, ins, k);
        return n + k;
    }
    }
}

int main(int argc, char **argv)
{
    int rounds = 1500;
    for (int f = 1; f < argc; f++) {
        FILE *in = fopen(argv[f], "rb");
        if (!in) {
            perror(argv[f]);
            return 2;
        }
        static char src[1 << 20], dst[(1 << 20) + 64];
        size_t n = fread(src, 1, sizeof src, in);
        fclose(in);
        LLVMFuzzerTestOneInput((const uint8_t *)src, n);
        for (int r = 0; r < rounds; r++) {
            size_t k = mutate(src, n, dst);
            LLVMFuzzerTestOneInput((const uint8_t *)dst, k);
        }
    }
    printf("fuzz_load: %d passed, %d failed\n", (argc - 1) * (rounds + 1) - failures, failures);
    return failures ? 1 : 0;
}
#endif
