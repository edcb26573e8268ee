/*
** fuzz_main.h -- the replay main shared by the fuzz harnesses in the ctest build
** (ORDO_FUZZ_MAIN): every file named on the command line, or found in a folder named there,
** goes once through LLVMFuzzerTestOneInput, in name order. Built with -fsanitize=fuzzer
** (ORDO_FUZZ=ON, clang) the harnesses get libFuzzer's main instead.
*/
#ifndef ORDO_FUZZ_MAIN_H
#define ORDO_FUZZ_MAIN_H

#include <stdint.h>
#include <stddef.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef ORDO_FUZZ_MAIN
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb) free(b);
            b = nb;
        }
    }
    fclose(f);
    if (!b) return -1;
    LLVMFuzzerTestOneInput(b, n);
    free(b);
    return 0;
}

static int names_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every regular file of folder dir, in name order; the count replayed, or -1. */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
            if (!nn) break;
            names = nn;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, names_cmp);
    int count = 0;
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        if (replay_file(path) == 0) count++;
        free(names[k]);
    }
    free(names);
    return count;
}

/* The harness's own failure count (it prints why). */
static int fuzz_failures(void);

int main(int argc, char **argv)
{
    int inputs = 0;
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            perror(argv[k]);
            return 2;
        }
        int c = S_ISDIR(st.st_mode) ? replay_dir(argv[k]) : replay_file(argv[k]) == 0 ? 1 : -1;
        if (c < 0) return 2;
        inputs += c;
    }
    printf("%s: %d inputs replayed, %d failed\n", argv[0], inputs, fuzz_failures());
    return fuzz_failures() ? 1 : 0;
}
#endif

#endif /* ORDO_FUZZ_MAIN_H */
