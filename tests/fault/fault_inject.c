/*
** fault_inject.c -- a preloaded library (LD_PRELOAD) that makes the n-th call of one
** function fail, for the fault-injection test of a run's files (fault.sh): ORDO_FAULT names
** the call (fwrite, fflush, fsync, rename), ORDO_FAULT_N its number (1: the first). The
** failing call sets errno to ENOSPC (fwrite, fflush) or EIO (fsync, rename).
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when this call of `name` is the one to fail. The count lives in the process's
** environment, so the library keeps no state of its own. */
static int fail_now(const char *name)
{
    const char *w = getenv("ORDO_FAULT"), *n = getenv("ORDO_FAULT_N");
    if (!w || !n || strcmp(w, name) != 0) return 0;
    long left = strtol(n, NULL, 10) - 1;
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", left);
    setenv("ORDO_FAULT_N", buf, 1);
    return left == 0;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    size_t (*real)(const void *, size_t, size_t, FILE *) = (size_t(*)(const void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fwrite");
    if (f != stdout && f != stderr && fail_now("fwrite")) {
        errno = ENOSPC;
        return 0;
    }
    return real(p, size, n, f);
}

int fsync(int fd)
{
    int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (fail_now("fsync")) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}

int rename(const char *a, const char *b)
{
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    if (fail_now("rename")) {
        errno = EIO;
        return -1;
    }
    return real(a, b);
}
