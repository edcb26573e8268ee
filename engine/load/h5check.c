/*
** h5check.c -- stage "load": sizes in an HDF5 file's structure checked against the file
** (see h5check.h). The layout read (HDF5 file format specification, version 0 and 1
** superblocks with 8-byte offsets and lengths, as libhdf5 writes by default):
**   superblock   signature (8), versions (5), sizes of offsets and lengths (2), reserved (1),
**                group K (4), flags (4), [v1: indexed storage K and reserved (4)], then the
**                base, free-space, end-of-file and driver addresses, then the root group's
**                symbol table entry: name offset, object header, cache type (4), reserved
**                (4), and with cache type 1 the B-tree and the local heap address
**   local heap   "HEAP", version (1), reserved (3), data segment size, free list offset,
**                data segment address
*/
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64
#include "h5check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--) v = v << 8 | p[k];
    return v;
}

static int read_at(FILE *f, uint64_t off, unsigned char *buf, size_t n)
{
    return fseeko(f, (off_t)off, SEEK_SET) == 0 && fread(buf, 1, n, f) == n ? 0 : -1;
}

/* The superblock's offset (0, 512, 1024, ...: after a user block), or UINT64_MAX. */
static uint64_t find_superblock(FILE *f, uint64_t size)
{
    static const unsigned char sig[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    for (uint64_t at = 0; at + 8 <= size; at = at ? at * 2 : 512) {
        unsigned char b[8];
        if (read_at(f, at, b, 8)) break;
        if (memcmp(b, sig, 8) == 0) return at;
    }
    return UINT64_MAX;
}

/* The root group's heap checked; NULL or why. */
static const char *check_heap(FILE *f, uint64_t size, uint64_t base, uint64_t heap, char *why, size_t n)
{
    unsigned char h[32];
    if (heap > size - base || size - base - heap < 32 || read_at(f, base + heap, h, 32) || memcmp(h, "HEAP", 4)) {
        snprintf(why, n, "the root group's name heap at %llu is not in the file", (unsigned long long)heap);
        return why;
    }
    uint64_t len = le64(h + 8), data = le64(h + 24);
    if (data > size - base || len > size - base - data) {
        snprintf(why, n, "the root group's name heap claims %llu bytes at offset %llu of a %llu-byte file",
                 (unsigned long long)len, (unsigned long long)data, (unsigned long long)size);
        return why;
    }
    return NULL;
}

const char *ordo_h5_check_sizes(const char *path, char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL; /* libhdf5 says why it cannot open it */
    const char *bad = NULL;
    uint64_t size = 0, at = UINT64_MAX;
    if (fseeko(f, 0, SEEK_END) == 0 && ftello(f) > 0) size = (uint64_t)ftello(f);
    if (size) at = find_superblock(f, size);
    unsigned char sb[136];
    if (at != UINT64_MAX && size - at >= sizeof sb && read_at(f, at, sb, sizeof sb) == 0 && sb[8] <= 1 &&
        sb[13] == 8 && sb[14] == 8) {
        const unsigned char *a = sb + (sb[8] == 1 ? 28 : 24); /* base, free space, end of file, driver */
        uint64_t base = le64(a), eof = le64(a + 16);
        const unsigned char *root = a + 32;
        if (base != at) { /* addresses relative to another base: left to libhdf5 */
        } else if (eof > size - base) {
            snprintf(why, n, "the file claims %llu bytes but has %llu (cut short?)", (unsigned long long)eof,
                     (unsigned long long)(size - base));
            bad = why;
        } else if (root[16] == 1 && root[17] == 0 && root[18] == 0 && root[19] == 0) { /* cache type 1 */
            bad = check_heap(f, size, base, le64(root + 32), why, n);
        }
    }
    fclose(f);
    return bad;
}
