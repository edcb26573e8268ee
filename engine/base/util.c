/*
** util.c -- memory arenas, the located-error list, the string interner and timers.
*/
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* madvise */
#include "util.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- arena ---------------------------------------------------------------------------- */
struct ordo_arena_chunk {
    ordo_arena_chunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

/* Large arrays are filled once, front to back: one page fault per 2 MiB instead of per 4 KiB
** where the system offers transparent huge pages on request (a hint; nothing changes
** where it does not). */
static void advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t page = 4096, huge = (uintptr_t)2 << 20;
    if (bytes < 4 * huge) return;
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), b = ((uintptr_t)p + bytes) & ~(page - 1);
    if (b > a) madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

void ordo_arena_init(ordo_arena *a) { memset(a, 0, sizeof *a); }

void ordo_arena_free(ordo_arena *a)
{
    ordo_arena_chunk *c = a->head;
    while (c) {
        ordo_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    ordo_arena_init(a);
}

void *ordo_arena_alloc(ordo_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    if (!a->head || a->cap - a->used < n) {
        size_t size = n > (1u << 20) ? n : (1u << 20);
        ordo_arena_chunk *c = malloc(sizeof *c + size);
        if (!c) {
            a->failed = 1;
            return NULL;
        }
        advise_huge(c, sizeof *c + size);
        c->size = size;
        /* A big allocation gets a chunk of its own behind the head, so the head's
        ** free space is not wasted. */
        if (n > (1u << 19) && a->head) {
            c->next = a->head->next;
            a->head->next = c;
            a->total += size;
            return c->data;
        }
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = size;
        a->total += size;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

void *ordo_arena_calloc(ordo_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        a->failed = 1;
        return NULL;
    }
    void *p = ordo_arena_alloc(a, count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

/* ---- vector --------------------------------------------------------------------------- */
void ordo_vec_init(ordo_vec *v, size_t elem)
{
    memset(v, 0, sizeof *v);
    v->elem = elem;
}

void ordo_vec_free(ordo_vec *v)
{
    free(v->data);
    ordo_vec_init(v, v->elem);
}

int ordo_vec_reserve(ordo_vec *v, size_t n)
{
    if (n <= v->cap) return 0;
    size_t cap = v->cap ? v->cap : 16;
    while (cap < n) cap *= 2;
    void *p = realloc(v->data, cap * v->elem);
    if (!p) return -1;
    advise_huge(p, cap * v->elem);
    v->data = p;
    v->cap = cap;
    return 0;
}

void *ordo_vec_push(ordo_vec *v)
{
    if (v->len == v->cap && ordo_vec_reserve(v, v->len + 1)) return NULL;
    void *p = (char *)v->data + v->len * v->elem;
    memset(p, 0, v->elem);
    v->len++;
    return p;
}

/* ---- diagnostics ---------------------------------------------------------------------- */
void ordo_diag_init(ordo_diag *d, int max)
{
    memset(d, 0, sizeof *d);
    d->max = max > 0 ? max : 1;
}

void ordo_diag_free(ordo_diag *d)
{
    for (int i = 0; i < d->n; i++) free(d->msg[i]);
    free(d->msg);
    ordo_diag_init(d, d->max);
}

void ordo_diag_add(ordo_diag *d, const char *path, const char *fmt, ...)
{
    if (d->n >= d->max) {
        d->dropped++;
        return;
    }
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    size_t n = strlen(path) + strlen(reason) + 3;
    char *m = malloc(n);
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        char **p = realloc(d->msg, (size_t)cap * sizeof *p);
        if (!p) {
            free(m);
            m = NULL;
        } else {
            d->msg = p;
            d->cap = cap;
        }
    }
    if (!m) {
        d->oom = 1;
        d->dropped++;
        return;
    }
    if (*path)
        snprintf(m, n, "%s: %s", path, reason);
    else
        snprintf(m, n, "%s", reason);
    d->msg[d->n++] = m;
}

void ordo_diag_oom(ordo_diag *d)
{
    if (d->oom) return;
    ordo_diag_add(d, "", "out of memory");
    d->oom = 1;
}

/* ---- string interner ------------------------------------------------------------------ */
int ordo_strpool_init(ordo_strpool *p)
{
    memset(p, 0, sizeof *p);
    p->nslot = 1024;
    p->slot = calloc(p->nslot, sizeof *p->slot);
    return p->slot ? 0 : -1;
}

static void slot_free(uint64_t *slot, size_t mapped);

void ordo_strpool_free(ordo_strpool *p)
{
    free(p->bytes);
    free(p->off);
    slot_free(p->slot, p->slot_mapped);
    memset(p, 0, sizeof *p);
}

/* Equal bytes; ids and references are short, where a loop beats a call to memcmp. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    if (len > 16) return memcmp(a, b, len) == 0;
    unsigned char d = 0;
    for (size_t i = 0; i < len; i++) d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

/* The same, a word at a time, where both are readable for len + ORDO_STR_SLACK bytes (the
** pool's strings always are). */
static inline int same_padded(const char *a, const char *b, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        if (ordo_load64(a + i) != ordo_load64(b + i)) return 0;
    return i == len || ((ordo_load64(a + i) ^ ordo_load64(b + i)) & ordo_low_bytes(len - i)) == 0;
}

/* Each string is kept after an 8-byte header (its length and its sid), so that a probe
** that matches a hash finds the length, the sid and the bytes in one place. */
enum { HDR = 8 };
static inline uint32_t hdr_len(const ordo_strpool *p, uint32_t at)
{
    uint32_t v;
    memcpy(&v, p->bytes + at, sizeof v);
    return v;
}
static inline int32_t hdr_sid(const ordo_strpool *p, uint32_t at)
{
    int32_t v;
    memcpy(&v, p->bytes + at + 4, sizeof v);
    return v;
}

/* The slot table holds (hash << 32) | (offset of the string's header), 0 when empty (no
** header starts at 0), probed linearly: a probe compares the stored hash first and touches
** the string only on a full match, and growing the table never reads the strings again.
** pool_lookup: the sid of s, or -1; *pSlot is where it is or would go. padded: s is
** readable for len + ORDO_STR_SLACK bytes. */
static inline int32_t pool_lookup(const ordo_strpool *p, const char *s, size_t len, uint32_t h, uint32_t *pSlot,
                                  int padded)
{
    const uint32_t mask = p->nslot - 1;
    uint32_t i = h & mask;
    for (uint64_t e; (e = p->slot[i]) != 0; i = (i + 1) & mask)
        if ((uint32_t)(e >> 32) == h) {
            uint32_t at = (uint32_t)e;
            const char *t = p->bytes + at + HDR;
            if (hdr_len(p, at) == len && (padded ? same_padded(t, s, len) : same_bytes(t, s, len))) {
                *pSlot = i;
                return hdr_sid(p, at);
            }
        }
    *pSlot = i;
    return -1;
}

/* A zeroed slot table of n entries. Large tables are probed at random, one TLB miss per
** probe with 4 KiB pages: they are mapped straight from the system (its pages come zeroed,
** no memset), aligned to 2 MiB and marked for transparent huge pages where the system
** offers them (a hint; nothing changes where it does not). *mapped: the bytes to unmap, 0
** when the table came from calloc. */
static uint64_t *slot_alloc(uint32_t n, size_t *mapped)
{
    size_t bytes = (size_t)n * sizeof(uint64_t), huge = (size_t)2 << 20;
    *mapped = 0;
#if defined(MAP_ANONYMOUS)
    if (bytes >= 4 * huge) {
        size_t len = bytes + huge;
        char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) return NULL;
        char *a = (char *)(((uintptr_t)m + huge - 1) & ~(uintptr_t)(huge - 1));
        if (a > m) munmap(m, (size_t)(a - m));
        munmap(a + bytes, (size_t)(m + len - (a + bytes)));
#ifdef MADV_HUGEPAGE
        madvise(a, bytes, MADV_HUGEPAGE);
#endif
        *mapped = bytes;
        return (uint64_t *)(void *)a;
    }
#endif
    return calloc(n, sizeof(uint64_t));
}

static void slot_free(uint64_t *slot, size_t mapped)
{
#if defined(MAP_ANONYMOUS)
    if (mapped) {
        munmap(slot, mapped);
        return;
    }
#endif
    free(slot);
}

static int pool_resize(ordo_strpool *p, uint32_t n)
{
    size_t mapped;
    uint64_t *slot = slot_alloc(n, &mapped);
    if (!slot) return -1;
    for (uint32_t k = 0; k < p->nslot; k++) { /* the entries again, from their hashes */
        uint64_t e = p->slot[k];
        if (!e) continue;
        uint32_t i = (uint32_t)(e >> 32) & (n - 1);
        while (slot[i]) i = (i + 1) & (n - 1);
        slot[i] = e;
    }
    slot_free(p->slot, p->slot_mapped);
    p->slot = slot;
    p->nslot = n;
    p->slot_mapped = mapped;
    return 0;
}

/* Room for cap strings' offsets; 0 or -1. */
static int pool_grow_off(ordo_strpool *p, int32_t cap)
{
    uint32_t *off = realloc(p->off, (size_t)cap * sizeof *off);
    if (!off) return -1;
    p->off = off;
    p->cap = cap;
    return 0;
}

int ordo_strpool_reserve(ordo_strpool *p, size_t more)
{
    size_t want = ((size_t)p->n + more) * 2;
    uint32_t n = p->nslot;
    while (n < want && n < (1u << 31)) n *= 2;
    if (n > p->nslot && pool_resize(p, n)) return -1;
    size_t cap = (size_t)p->n + more;
    return cap > (size_t)p->cap && cap < INT32_MAX ? pool_grow_off(p, (int32_t)cap) : 0;
}

static inline int32_t intern_hashed(ordo_strpool *p, const char *s, size_t len, uint32_t h, int padded)
{
    uint32_t at_slot;
    int32_t sid = pool_lookup(p, s, len, h, &at_slot, padded);
    if (sid >= 0) return sid;
    size_t need = HDR + len + 1 + ORDO_STR_SLACK; /* slack: strings are read by words */
    if (len > UINT32_MAX / 2 || p->nbytes + need > UINT32_MAX) return -1;
    if (p->n == p->cap && pool_grow_off(p, p->cap ? p->cap * 2 : 1024)) return -1;
    size_t start = p->nbytes < HDR ? HDR : p->nbytes; /* no header at 0: a slot's 0 means empty */
    if (start + need > p->capbytes) {
        size_t cap = p->capbytes ? p->capbytes : 65536;
        while (cap < start + need) cap *= 2;
        char *b = realloc(p->bytes, cap);
        if (!b) return -1;
        p->bytes = b;
        p->capbytes = cap;
    }
    if (p->nbytes < HDR) memset(p->bytes, 0, HDR), p->nbytes = HDR;
    sid = p->n++;
    uint32_t at = (uint32_t)p->nbytes, l32 = (uint32_t)len;
    char *d = p->bytes + at;
    memcpy(d, &l32, 4);
    memcpy(d + 4, &sid, 4);
    d += HDR;
    if (padded && len <= 32) /* whole words: within the slack */
        for (size_t i = 0; i < len; i += 8) memcpy(d + i, s + i, 8);
    else
        memcpy(d, s, len);
    memset(d + len, 0, 1 + ORDO_STR_SLACK); /* the terminator, and the slack read defined */
    p->off[sid] = at + HDR;
    p->nbytes += HDR + len + 1;
    p->slot[at_slot] = (uint64_t)h << 32 | at;
    if ((uint32_t)p->n * 2 > p->nslot && pool_resize(p, p->nslot * 2)) return -1;
    return sid;
}

int ordo_strpool_intern_n(ordo_strpool *p, const char *s, size_t stride, const uint32_t *len, const uint32_t *hash,
                          size_t n, int32_t *sid)
{
    enum { AHEAD = 64 }; /* slots fetched this many strings ahead */
    for (size_t b = 0; b < n; b++) {
#if defined(__GNUC__)
        if (b + AHEAD < n) __builtin_prefetch(&p->slot[hash[b + AHEAD] & (p->nslot - 1)]);
#endif
        if (!len[b]) {
            sid[b] = -1;
            continue;
        }
        sid[b] = intern_hashed(p, s + b * stride, len[b], hash[b], 1);
        if (sid[b] < 0) return -1;
    }
    return 0;
}

int ordo_strpool_copy(ordo_strpool *dst, const ordo_strpool *src)
{
    memset(dst, 0, sizeof *dst);
    dst->bytes = malloc(src->capbytes ? src->capbytes : 1);
    dst->off = malloc(((size_t)src->cap + 1) * sizeof *dst->off);
    dst->slot = malloc(((size_t)src->nslot + 1) * sizeof *dst->slot);
    if (!dst->bytes || !dst->off || !dst->slot) {
        ordo_strpool_free(dst);
        return -1;
    }
    if (src->nbytes) memcpy(dst->bytes, src->bytes, src->nbytes + ORDO_STR_SLACK); /* with the slack */
    if (src->n) memcpy(dst->off, src->off, (size_t)src->n * sizeof *dst->off);
    if (src->nslot) memcpy(dst->slot, src->slot, (size_t)src->nslot * sizeof *dst->slot);
    dst->nbytes = src->nbytes, dst->capbytes = src->capbytes ? src->capbytes : 1;
    dst->n = src->n, dst->cap = src->cap, dst->nslot = src->nslot;
    return 0;
}

int32_t ordo_strpool_find(const ordo_strpool *p, const char *s, size_t len)
{
    uint32_t at;
    return p->nslot ? pool_lookup(p, s, len, ordo_strpool_hash(s, len), &at, 0) : -1;
}

int32_t ordo_strpool_intern(ordo_strpool *p, const char *s, size_t len)
{
    return intern_hashed(p, s, len, ordo_strpool_hash(s, len), 0);
}

/* ---- paths and time ------------------------------------------------------------------- */
const char *ordo_path(char *buf, size_t n, const char *table, long index, const char *field)
{
    if (index >= 0)
        snprintf(buf, n, "%s[%ld]%s%s", table, index, field && *field ? "." : "", field ? field : "");
    else
        snprintf(buf, n, "%s%s%s", table, field && *field ? "." : "", field ? field : "");
    return buf;
}

double ordo_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

size_t ordo_file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

/* Length of the UTF-8 sequence at s (n bytes left): 1..4, or 0 when it is not a valid one
** (strict: no overlong forms, no surrogates, nothing above U+10FFFF, none cut short). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (k == 0 || k > n) return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
    if (c == 0xED && s[1] > 0x9F) return 0; /* surrogate */
    if (c == 0xF0 && s[1] < 0x90) return 0; /* overlong */
    if (c == 0xF4 && s[1] > 0x8F) return 0; /* above U+10FFFF */
    return k;
}

size_t ordo_utf8_check(const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(b + i, n - i);
        if (k == 0) return i;
        i += k;
    }
    return n;
}

/* The four hex digits at s as a number, or -1. */
static long hex4(const char *s, size_t n)
{
    long v = 0;
    if (n < 4) return -1;
    for (int i = 0; i < 4; i++) {
        int c = (unsigned char)s[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A backslash escape at s (after the backslash) that cannot be kept: \u0000, or a UTF-16
** surrogate not in a high-low pair. 0 fine (*skip: its length), else the reason. */
static const char *bad_escape(const char *s, size_t n, size_t *skip)
{
    *skip = 1;
    if (n == 0 || s[0] != 'u') return NULL;
    long u = hex4(s + 1, n - 1);
    if (u < 0) return NULL; /* the parser reports it */
    *skip = 5;
    if (u == 0) return "a NUL character (\\u0000) in a string";
    if (u >= 0xDC00 && u <= 0xDFFF) return "a lone UTF-16 surrogate escape in a string";
    if (u < 0xD800 || u > 0xDBFF) return NULL;
    long lo = n >= 7 && s[5] == '\\' && s[6] == 'u' ? hex4(s + 7, n - 7) : -1;
    if (lo < 0xDC00 || lo > 0xDFFF) return "a lone UTF-16 surrogate escape in a string";
    *skip = 11;
    return NULL;
}

const char *ordo_json_text_check(const char *text, size_t len, size_t *at)
{
    const unsigned char *b = (const unsigned char *)text;
    int in_str = 0;
    size_t i = 0;
    while (i < len) {
        unsigned c = b[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* the common case */
            i++;
            continue;
        }
        *at = i;
        if (c == 0) return "a NUL byte";
        if (c >= 0x80) {
            size_t k = utf8_seq(b + i, len - i);
            if (k == 0) return "invalid UTF-8";
            i += k;
        } else if (c == '"') {
            in_str = !in_str;
            i++;
        } else if (c == '\\' && in_str) {
            size_t skip;
            const char *why = bad_escape(text + i + 1, len - i - 1, &skip);
            if (why) return why;
            i += 1 + skip;
        } else if (c < 0x20 && in_str) {
            return "a control character in a string (write it as an escape)";
        } else {
            i++;
        }
    }
    return NULL;
}

char *ordo_read_file(const char *path, size_t *plen, char *err, size_t nerr)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, nerr, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                snprintf(err, nerr, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        snprintf(err, nerr, "%s: read error", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = 0;
    *plen = len;
    return buf;
}
