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
**   object header the root group's: its first chunk of messages fits the file
*/
#define _POSIX_C_SOURCE 200809L
#define _FILE_OFFSET_BITS 64
#include "h5check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

static uint64_t le32(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

/* An attribute message (type 0x0c, read by ordo's root attributes) of mlen bytes at m (all
** of it): its name, datatype and dataspace fit it (version 1 pads each to 8 bytes; 2 and 3
** do not, 3 adds an encoding byte), and so does its data: the datatype's size times the
** dataspace's elements (libhdf5 copies that many bytes from the message). */
static int attr_fits(const unsigned char *m, uint64_t mlen)
{
    if (mlen < 8) return 0;
    uint64_t ns = (uint64_t)m[2] | (uint64_t)m[3] << 8, dt = (uint64_t)m[4] | (uint64_t)m[5] << 8;
    uint64_t ds = (uint64_t)m[6] | (uint64_t)m[7] << 8, pad = m[0] == 1 ? 7 : 0;
    uint64_t dt_at = (m[0] == 3 ? 9 : 8) + ((ns + pad) & ~pad), ds_at = dt_at + ((dt + pad) & ~pad);
    uint64_t data_at = ds_at + ((ds + pad) & ~pad);
    if (data_at > mlen || dt < 8 || ds < 4) return 0;
    uint64_t size = le32(m + dt_at + 4), rank = m[ds_at + 1], nel = 1;
    uint64_t dims_at = ds_at + (m[ds_at] == 1 ? 8 : 4);
    if (m[ds_at] == 2 && m[ds_at + 3] == 2) nel = 0; /* a null dataspace */
    if (dims_at + rank * 8 > data_at) return 0;
    for (uint64_t k = 0; k < rank && nel; k++) {
        uint64_t d = le64(m + dims_at + k * 8);
        if (d > mlen || nel > mlen / (d ? d : 1)) return 0; /* more elements than bytes */
        nel *= d;
    }
    return size == 0 || nel <= (mlen - data_at) / size;
}

/* What a walk over an object header's messages looks at: the label of the object in its
** messages, the attributes (the root group's, which ordo reads) and the dataspace's rank and
** the layout (a table's, which libhdf5 divides by). */
typedef struct {
    const char *who;
    int attrs;
    int rank;       /* of the dataspace message, -1 when none was seen */
    int layout_dims; /* dimensions of a chunked layout including the element size's, -1 when none */
    int zero_dim;   /* a chunk dimension of 0 was seen */
    unsigned char *msg; /* [65536] room for a whole message (attrs only) */
} hwalk;

/* A layout message (type 0x08) of mlen bytes at m (b bytes of it read): a chunked layout's
** dimensions recorded (versions 1 and 2: dimensionality, class 2, then 4-byte dimensions
** after the address; version 3: class 2, dimensionality, address, 4-byte dimensions;
** version 4: class 2, flags, dimensionality, bytes per dimension, dimensions). */
static void layout_seen(hwalk *w, const unsigned char *m, uint64_t b)
{
    uint64_t nd = 0, at = 0, wd = 4;
    if (b >= 4 && (m[0] == 1 || m[0] == 2) && m[2] == 2) nd = m[1], at = 8 + 8;
    else if (b >= 3 && m[0] == 3 && m[1] == 2) nd = m[2], at = 3 + 8;
    else if (b >= 5 && m[0] == 4 && m[1] == 2) nd = m[3], wd = m[4], at = 5;
    else return;
    w->layout_dims = (int)nd;
    if (nd == 0 || wd == 0 || wd > 8) {
        w->zero_dim = 1;
        return;
    }
    for (uint64_t k = 0; k < nd && at + (k + 1) * wd <= b; k++) {
        uint64_t v = 0;
        for (uint64_t j = wd; j-- > 0;) v = v << 8 | m[at + k * wd + j];
        if (v == 0) w->zero_dim = 1;
    }
}

/* The version 1 messages of a chunk of len bytes at offset at, which libhdf5 decodes from
** buffers of their stated sizes: each within its chunk; a continuation (type 0x10: the next
** chunk's address and length, allocated before it is read) within the file, and its chunk
** checked the same way (depth chunks at most); an attribute's parts within the message; a
** dataspace's rank and a chunked layout's dimensions recorded. NULL or why. */
static const char *check_chunk(FILE *f, uint64_t size, uint64_t base, uint64_t at, uint64_t len, int depth, hwalk *w,
                               char *why, size_t n)
{
    unsigned char m[168];
    for (uint64_t p = 0; p + 8 <= len && p < (uint64_t)1 << 20;) {
        if (read_at(f, base + at + p, m, 8)) return NULL; /* libhdf5 says why */
        uint64_t type = (uint64_t)m[0] | (uint64_t)m[1] << 8, mlen = (uint64_t)m[2] | (uint64_t)m[3] << 8;
        if (mlen > len - p - 8) {
            snprintf(why, n, "a message of %s's object header runs past its chunk at offset %llu", w->who,
                     (unsigned long long)at);
            return why;
        }
        uint64_t b = mlen < sizeof m ? mlen : sizeof m;
        if ((type == 0x10 || type == 0x08 || type == 0x01) && read_at(f, base + at + p + 8, m, (size_t)b)) return NULL;
        if (type == 0x0c && w->attrs && read_at(f, base + at + p + 8, w->msg, (size_t)mlen)) return NULL;
        if (type == 0x0c && w->attrs && !attr_fits(w->msg, mlen)) {
            snprintf(why, n, "an attribute of %s is larger than its message (offset %llu)", w->who,
                     (unsigned long long)(at + p));
            return why;
        }
        if (type == 0x01 && b >= 2) w->rank = m[1];
        if (type == 0x08) layout_seen(w, m, b);
        if (type == 0x10 && mlen >= 16) {
            uint64_t addr = le64(m), clen = le64(m + 8);
            if (addr > size - base || clen > size - base - addr) {
                snprintf(why, n, "%s's object header continues with %llu bytes at offset %llu of a %llu-byte file",
                         w->who, (unsigned long long)clen, (unsigned long long)addr, (unsigned long long)size);
                return why;
            }
            const char *bad = depth > 0 ? check_chunk(f, size, base, addr, clen, depth - 1, w, why, n) : NULL;
            if (bad) return bad;
        }
        p += 8 + mlen;
    }
    return NULL;
}

/* An object header at oh checked (the root group's or a table's): the first chunk of its
** messages, which libhdf5 allocates before reading it, fits the file (version 1 prefix:
** version, reserved, message count (2), reference count (4), chunk size (4); version 2:
** "OHDR", version, flags, optional times and attribute limits, chunk size in 1, 2, 4 or 8
** bytes), and its version 1 messages as check_chunk says. NULL or why. */
static const char *check_header(FILE *f, uint64_t size, uint64_t base, uint64_t oh, hwalk *w, char *why, size_t n)
{
    unsigned char h[40];
    if (oh > size - base || size - base - oh < 16 || read_at(f, base + oh, h, 16)) {
        snprintf(why, n, "%s's object header at %llu is not in the file", w->who, (unsigned long long)oh);
        return why;
    }
    uint64_t chunk = UINT64_MAX, prefix = 16;
    if (h[0] == 1) {
        chunk = (uint64_t)h[8] | (uint64_t)h[9] << 8 | (uint64_t)h[10] << 16 | (uint64_t)h[11] << 24;
    } else if (memcmp(h, "OHDR", 4) == 0 && h[4] == 2) {
        uint64_t at = 6 + (h[5] & 0x20 ? 16 : 0) + (h[5] & 0x10 ? 4 : 0), wd = (uint64_t)1 << (h[5] & 3);
        if (size - base - oh >= at + wd && read_at(f, base + oh, h, (size_t)(at + wd)) == 0) {
            chunk = 0;
            for (uint64_t k = wd; k-- > 0;) chunk = chunk << 8 | h[at + k];
            prefix = at + wd;
        }
    } else {
        return NULL; /* another layout: left to libhdf5 */
    }
    if (chunk > size - base - oh - (size - base - oh < prefix ? 0 : prefix)) {
        snprintf(why, n, "%s's object header claims %llu bytes of messages at offset %llu of a %llu-byte file", w->who,
                 (unsigned long long)chunk, (unsigned long long)oh, (unsigned long long)size);
        return why;
    }
    return h[0] == 1 ? check_chunk(f, size, base, oh + 16, chunk, 8, w, why, n) : NULL;
}

/* The file's superblock offset and base address when it is a layout read here (version 0
** or 1 superblock, 8-byte offsets and lengths, addresses from the superblock); sb gets its
** first bytes. 0, or -1 when the file is left to libhdf5. */
static int superblock(FILE *f, uint64_t *size, uint64_t *base, unsigned char sb[136])
{
    *size = 0;
    if (fseeko(f, 0, SEEK_END) == 0 && ftello(f) > 0) *size = (uint64_t)ftello(f);
    uint64_t at = *size ? find_superblock(f, *size) : UINT64_MAX;
    if (at == UINT64_MAX || *size - at < 136 || read_at(f, at, sb, 136) || sb[8] > 1 || sb[13] != 8 || sb[14] != 8)
        return -1;
    *base = le64(sb + (sb[8] == 1 ? 28 : 24));
    return *base == at ? 0 : -1; /* addresses relative to another base: left to libhdf5 */
}

const char *ordo_h5_check_sizes(const char *path, char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL; /* libhdf5 says why it cannot open it */
    const char *bad = NULL;
    uint64_t size, base;
    unsigned char sb[136];
    if (superblock(f, &size, &base, sb) == 0) {
        const unsigned char *a = sb + (sb[8] == 1 ? 28 : 24); /* base, free space, end of file, driver */
        uint64_t eof = le64(a + 16);
        const unsigned char *root = a + 32;
        unsigned char *msg = malloc(65536);
        hwalk w = {"the root group", msg != NULL, -1, -1, 0, msg}; /* out of memory: libhdf5's checks alone */
        if (eof > size - base) {
            snprintf(why, n, "the file claims %llu bytes but has %llu (cut short?)", (unsigned long long)eof,
                     (unsigned long long)(size - base));
            bad = why;
        } else {
            bad = check_header(f, size, base, le64(root + 8), &w, why, n);
            if (!bad && root[16] == 1 && root[17] == 0 && root[18] == 0 && root[19] == 0) /* cache type 1 */
                bad = check_heap(f, size, base, le64(root + 32), why, n);
        }
        free(msg);
    }
    fclose(f);
    return bad;
}

const char *ordo_h5_check_table(const char *path, unsigned long long addr, const char *name, char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    const char *bad = NULL;
    uint64_t size, base;
    unsigned char sb[136];
    char who[96];
    snprintf(who, sizeof who, "table %s", name);
    hwalk w = {who, 0, -1, -1, 0, NULL};
    if (superblock(f, &size, &base, sb) == 0 && !(bad = check_header(f, size, base, addr, &w, why, n)) &&
        w.layout_dims >= 0 && (w.zero_dim || (w.rank >= 0 && w.rank + 1 != w.layout_dims))) {
        snprintf(why, n, "%s has a chunked layout of %d dimensions with %s", who, w.layout_dims,
                 w.zero_dim ? "a chunk dimension of 0" : "another rank than its dataspace's");
        bad = why;
    }
    fclose(f);
    return bad;
}
