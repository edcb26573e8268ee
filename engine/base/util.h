/*
** util.h -- memory arenas, the located-error list, the string interner and timers.
** Shared by every stage; nothing here knows about planning.
*/
#ifndef ORDO_UTIL_H
#define ORDO_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(ORDO_DEBUG)
#include <assert.h>
#define ORDO_ASSERT(x) assert(x)
#else
#define ORDO_ASSERT(x) ((void)0)
#endif

#if defined(__GNUC__)
#define ORDO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ORDO_PRINTF(f, a)
#endif

/* ---- arena: many allocations freed in one call ------------------------------------- */
typedef struct ordo_arena_chunk ordo_arena_chunk;
typedef struct ordo_arena {
    ordo_arena_chunk *head; /* newest chunk first */
    size_t used, cap;       /* bytes used and available in head */
    size_t total;           /* bytes obtained from malloc */
    int failed;             /* set once an allocation failed */
} ordo_arena;

void ordo_arena_init(ordo_arena *a);
void ordo_arena_free(ordo_arena *a);
/* n bytes aligned to 16, or NULL (and a->failed set). Memory is not zeroed. */
void *ordo_arena_alloc(ordo_arena *a, size_t n);
/* count * size bytes, zeroed; NULL on overflow or out of memory. */
void *ordo_arena_calloc(ordo_arena *a, size_t count, size_t size);

/* ---- growable vector of fixed-size records ----------------------------------------- */
typedef struct ordo_vec {
    void *data;
    size_t len, cap, elem;
} ordo_vec;

void ordo_vec_init(ordo_vec *v, size_t elem);
void ordo_vec_free(ordo_vec *v);
/* Append one zeroed record; returns it, or NULL when out of memory. */
void *ordo_vec_push(ordo_vec *v);
int ordo_vec_reserve(ordo_vec *v, size_t n);
/* Append one record without zeroing it (the caller fills it); NULL when out of memory. */
static inline void *ordo_vec_push_raw(ordo_vec *v)
{
    if (v->len == v->cap && ordo_vec_reserve(v, v->len + 1)) return (void *)0;
    return (char *)v->data + v->elem * v->len++;
}
#define ORDO_VEC_AT(v, T, i) (((T *)(v)->data)[i])

/* ---- located errors: "path: reason", kept in order, capped ------------------------- */
typedef struct ordo_diag {
    char **msg;
    int n, cap;
    int max;     /* messages kept at most */
    int dropped; /* messages counted beyond max */
    int oom;     /* a message could not be stored */
} ordo_diag;

void ordo_diag_init(ordo_diag *d, int max);
void ordo_diag_free(ordo_diag *d);
/* Add one message "path: reason". */
void ordo_diag_add(ordo_diag *d, const char *path, const char *fmt, ...) ORDO_PRINTF(3, 4);
static inline int ordo_diag_total(const ordo_diag *d) { return d->n + d->dropped; }
/* Record that memory ran out: one "out of memory" message, and d->oom set for the caller
** to stop on and to report as ORDO_ENOMEM. */
void ordo_diag_oom(ordo_diag *d);

/* ---- string interner: each distinct string stored once, named by a dense int ------- */
typedef struct ordo_strpool {
    char *bytes;      /* all strings, each after a header (its length and sid), NUL-terminated */
    size_t nbytes, capbytes;
    uint32_t *off;    /* off[sid] = offset of string sid in bytes */
    int32_t n, cap;   /* strings interned */
    uint64_t *slot;   /* open addressing: (hash << 32) | offset of a header, 0 empty */
    uint32_t nslot;   /* power of two */
    size_t slot_mapped; /* bytes of slot mapped from the system (large tables), 0: from calloc */
} ordo_strpool;

int ordo_strpool_init(ordo_strpool *p);
void ordo_strpool_free(ordo_strpool *p);
/* The sid of s[0..len) when interned, else -1 (nothing is added). */
int32_t ordo_strpool_find(const ordo_strpool *p, const char *s, size_t len);
/* Intern s[0..len); returns its sid, or -1 when out of memory. */
int32_t ordo_strpool_intern(ordo_strpool *p, const char *s, size_t len);
/* splitmix64: a small seeded generator for reproducible randomised search. */
static inline uint64_t ordo_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* ---- string hashing, a word at a time ----------------------------------------------
** A string is read as little-endian 8-byte words, the last one zero-filled past the end;
** each word is mixed in with one multiply, and the length and a final avalanche close it.
** ordo_strpool_hash reads exactly s[0..len); ordo_strpool_hash_field measures and hashes
** a NUL-padded fixed-width field in the same pass and gives the same hash. */
enum { ORDO_STR_SLACK = 8 }; /* bytes readable past a padded string's end */
static inline uint64_t ordo_load64(const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}
/* The low k bytes of a word (k < 8). */
static inline uint64_t ordo_low_bytes(size_t k) { return ((uint64_t)1 << (8 * k)) - 1; }
#define ORDO_HASH_MUL 0x9e3779b97f4a7c15ull
static inline uint32_t ordo_hash_close(uint64_t h, size_t len)
{
    h ^= (uint64_t)len;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return (uint32_t)h;
}
static inline uint32_t ordo_strpool_hash(const char *s, size_t len)
{
    uint64_t h = ORDO_HASH_MUL;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) h = (h ^ ordo_load64(s + i)) * ORDO_HASH_MUL;
    if (i < len) {
        uint64_t w = 0;
        for (size_t j = 0; j < len - i; j++) w |= (uint64_t)(unsigned char)s[i + j] << 8 * j;
        h = (h ^ w) * ORDO_HASH_MUL;
    }
    return ordo_hash_close(h, len);
}
/* The string in field f[0..width) ends at its first NUL, or at width: its length into
** *plen, its hash returned. f must be readable for width + ORDO_STR_SLACK bytes. */
static inline uint32_t ordo_strpool_hash_field(const char *f, size_t width, uint32_t *plen)
{
    uint64_t h = ORDO_HASH_MUL;
    for (size_t i = 0; i < width; i += 8) {
        uint64_t w = ordo_load64(f + i);
        if (width - i < 8) w &= ordo_low_bytes(width - i); /* the next field's bytes, as NULs */
        uint64_t z = (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull; /* lowest bit: first NUL */
        if (z) {
#if defined(__GNUC__)
            size_t k = (size_t)__builtin_ctzll(z) >> 3;
#else
            size_t k = 0;
            while (!(z >> (8 * k + 7) & 1u)) k++;
#endif
            if (k) h = (h ^ (w & ordo_low_bytes(k))) * ORDO_HASH_MUL;
            *plen = (uint32_t)(i + k);
            return ordo_hash_close(h, i + k);
        }
        h = (h ^ w) * ORDO_HASH_MUL;
    }
    *plen = (uint32_t)width;
    return ordo_hash_close(h, width);
}
/* A column of n strings in turn: string b at s + b * stride, len[b] bytes (none when 0),
** hash[b]; its sid into sid[b] (-1 for none), each slot fetched a few strings ahead. 0, or
** -1 out of memory. Each string must be readable for len + ORDO_STR_SLACK bytes. */
int ordo_strpool_intern_n(ordo_strpool *p, const char *s, size_t stride, const uint32_t *len, const uint32_t *hash,
                          size_t n, int32_t *sid);
/* A deep copy of src into dst; 0, or -1 out of memory. */
int ordo_strpool_copy(ordo_strpool *dst, const ordo_strpool *src);
/* Make room for `more` new strings without growing the table on the way; 0 or -1. */
int ordo_strpool_reserve(ordo_strpool *p, size_t more);
/* ---- UTF-8 and strict JSON text ------------------------------------------------------- */
/* Offset of the first byte of s[0..n) that is not part of valid UTF-8 (strict: no overlong
** forms, no surrogates, nothing above U+10FFFF), or n when all of it is. */
size_t ordo_utf8_check(const char *s, size_t n);
/* What makes JSON text[0..len) unfit to load, with its byte offset in *at: invalid UTF-8, a
** NUL byte, a raw control character in a string, a \u0000 escape or a lone surrogate
** escape; NULL when there is none. Syntax is left to the parser. */
const char *ordo_json_text_check(const char *text, size_t len, size_t *at /* OUT */);

/* Size of a file in bytes, 0 when it cannot be read. */
size_t ordo_file_size(const char *path);

static inline const char *ordo_str(const ordo_strpool *p, int32_t sid)
{
    return sid < 0 ? "" : p->bytes + p->off[sid];
}

/* ---- path builder for located messages --------------------------------------------- */
/* Writes e.g. "orders[17].due" into buf; returns buf. */
const char *ordo_path(char *buf, size_t n, const char *table, long index, const char *field);

/* ---- time ---------------------------------------------------------------------------- */
double ordo_now(void); /* monotonic seconds */

/* A whole file in a malloc'ed, NUL-terminated buffer (its length in *plen); NULL with the
** reason ("path: No such file or directory", "path: out of memory") in err. */
char *ordo_read_file(const char *path, size_t *plen, char *err, size_t nerr);

#endif /* ORDO_UTIL_H */
