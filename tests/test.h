/*
** test.h -- a minimal test harness: CHECK macros that count, and a closing line
** "N passed, M failed" that ctest's log shows. A failed check prints where and why.
*/
#ifndef ORDO_TEST_H
#define ORDO_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (cond) {                                                                          \
            t_pass++;                                                                        \
        } else {                                                                             \
            t_fail++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);        \
        }                                                                                    \
    } while (0)

#define CHECK_EQ(a, b)                                                                       \
    do {                                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                                  \
        if (a_ == b_) {                                                                      \
            t_pass++;                                                                        \
        } else {                                                                             \
            t_fail++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, expected %s == %lld\n",     \
                    __FILE__, __LINE__, #a, a_, #b, b_);                                     \
        }                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                      \
    do {                                                                                     \
        const char *a_ = (a), *b_ = (b);                                                     \
        if (a_ && b_ && strcmp(a_, b_) == 0) {                                               \
            t_pass++;                                                                        \
        } else {                                                                             \
            t_fail++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK_STR failed: \"%s\", expected \"%s\"\n", __FILE__,  \
                    __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                       \
        }                                                                                    \
    } while (0)

/* JSON written with single quotes for readability, converted to double quotes. The result
** lives in a static buffer until the next call. */
static inline char *test_json(const char *s)
{
    static char buf[16384];
    size_t n = strlen(s);
    if (n >= sizeof buf) {
        fprintf(stderr, "test_json: document too long\n");
        return NULL;
    }
    for (size_t i = 0; i <= n; i++) buf[i] = s[i] == '\'' ? '"' : s[i];
    return buf;
}

/* A whole file in a malloc'ed, NUL-terminated buffer (its length in *len); NULL when it
** cannot be read. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b) b[n] = 0;
    fclose(f);
    *len = b ? (size_t)n : 0;
    return b;
}

static inline int test_report(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, t_pass, t_fail);
    return t_fail ? 1 : 0;
}

#endif /* ORDO_TEST_H */
