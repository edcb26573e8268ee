/*
** emit.c -- the buffered JSON and CSV emitter (see emit.h).
*/
#include "emit.h"

#include "dates.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int ordo_emit_init(ordo_emit *e, FILE *f, size_t cap)
{
    memset(e, 0, sizeof *e);
    e->f = f;
    e->cap = cap < 64 ? 64 : cap;
    e->buf = malloc(e->cap);
    if (e->buf) return 0;
    e->cap = 0, e->err = 1; /* every later call does nothing */
    return -1;
}

void ordo_emit_free(ordo_emit *e)
{
    free(e->buf);
    e->buf = NULL;
    e->len = e->cap = 0;
}

void ordo_emit_flush(ordo_emit *e)
{
    if (!e->f) return;
    if (e->len && fwrite(e->buf, 1, e->len, e->f) != e->len) e->err = 1;
    e->len = 0;
}

/* Room for n more bytes at the end of the buffer: flushed to the FILE, or grown in memory.
** NULL (err set) when memory ran out. */
static char *room(ordo_emit *e, size_t n)
{
    if (e->len + n <= e->cap) return e->buf + e->len;
    if (e->f) {
        ordo_emit_flush(e);
        if (n <= e->cap) return e->buf;
    }
    size_t cap = e->cap;
    while (cap < e->len + n) cap *= 2;
    char *b = e->err ? NULL : realloc(e->buf, cap);
    if (!b) {
        e->err = 1;
        return NULL;
    }
    e->buf = b, e->cap = cap;
    return e->buf + e->len;
}

char *ordo_emit_take(ordo_emit *e, size_t *len)
{
    char *end = room(e, 1);
    if (!end || e->err) return NULL;
    *end = 0;
    char *text = e->buf;
    if (len) *len = e->len;
    e->buf = malloc(e->cap);
    e->len = 0;
    if (!e->buf) e->err = 1, e->cap = 0;
    return text;
}

void ordo_emit_raw(ordo_emit *e, const char *s, size_t n)
{
    if (e->f && n > e->cap / 2) { /* a long piece goes straight out */
        ordo_emit_flush(e);
        if (fwrite(s, 1, n, e->f) != n) e->err = 1;
        return;
    }
    char *d = room(e, n);
    if (!d) return;
    memcpy(d, s, n);
    e->len += n;
}

void ordo_emit_cstr(ordo_emit *e, const char *s) { ordo_emit_raw(e, s, strlen(s)); }

void ordo_emit_ch(ordo_emit *e, char c)
{
    char *d = room(e, 1);
    if (!d) return;
    *d = c;
    e->len++;
}

void ordo_emit_fmt(ordo_emit *e, const char *fmt, ...)
{
    char b[256];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof b) {
        ordo_emit_raw(e, b, (size_t)n);
    } else if (n > 0) { /* longer than the stack buffer: formatted again in place, whole */
        char *d = room(e, (size_t)n + 1);
        if (d) vsnprintf(d, (size_t)n + 1, fmt, again), e->len += (size_t)n;
    }
    va_end(again);
}

static void csv_field(ordo_emit *e, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        ordo_emit_cstr(e, s);
        return;
    }
    ordo_emit_ch(e, '"');
    for (; *s; s++) {
        if (*s == '"') ordo_emit_ch(e, '"');
        ordo_emit_ch(e, *s);
    }
    ordo_emit_ch(e, '"');
}

void ordo_emit_str(ordo_emit *e, const char *s)
{
    if (e->csv) {
        csv_field(e, s);
        return;
    }
    ordo_emit_ch(e, '"');
    const char *run = s; /* bytes copied as they are, in one piece */
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        unsigned char c = *p;
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        ordo_emit_raw(e, run, (size_t)((const char *)p - run));
        if (!c) break;
        if (c == '"') ordo_emit_cstr(e, "\\\"");
        else if (c == '\\') ordo_emit_cstr(e, "\\\\");
        else if (c == '\n') ordo_emit_cstr(e, "\\n");
        else if (c == '\r') ordo_emit_cstr(e, "\\r");
        else if (c == '\t') ordo_emit_cstr(e, "\\t");
        else ordo_emit_fmt(e, "\\u%04x", c);
        run = (const char *)p + 1;
    }
    ordo_emit_ch(e, '"');
}

void ordo_emit_key(ordo_emit *e, const char *key, int first)
{
    if (!first) ordo_emit_ch(e, ',');
    ordo_emit_str(e, key);
    ordo_emit_ch(e, ':');
}

void ordo_emit_uint(ordo_emit *e, uint64_t v)
{
    char b[24];
    int n = 0;
    do {
        b[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char *d = room(e, (size_t)n);
    if (!d) return;
    for (int i = 0; i < n; i++) d[i] = b[n - 1 - i];
    e->len += (size_t)n;
}

void ordo_emit_int(ordo_emit *e, int64_t v)
{
    if (v < 0) {
        ordo_emit_ch(e, '-');
        ordo_emit_uint(e, (uint64_t)(-(v + 1)) + 1);
    } else {
        ordo_emit_uint(e, (uint64_t)v);
    }
}

void ordo_emit_num(ordo_emit *e, double x)
{
    double ax = x < 0 ? -x : x;
    if (x == 0) {
        ordo_emit_ch(e, '0');
    } else if (ax < 1e15 && x == (double)(int64_t)x) {
        ordo_emit_int(e, (int64_t)x);
    } else if (ax < 1e9 && ax >= 1e-6) {
        int64_t v = (int64_t)(ax * 1e9 + 0.5);
        if (x < 0) ordo_emit_ch(e, '-');
        ordo_emit_uint(e, (uint64_t)(v / 1000000000));
        int64_t frac = v % 1000000000;
        if (frac) {
            char d[10];
            int n = 9;
            for (int i = 8; i >= 0; i--, frac /= 10) d[i] = (char)('0' + frac % 10);
            while (n > 0 && d[n - 1] == '0') n--;
            ordo_emit_ch(e, '.');
            ordo_emit_raw(e, d, (size_t)n);
        }
    } else {
        ordo_emit_fmt(e, "%.12g", x);
    }
}

void ordo_emit_real(ordo_emit *e, double x)
{
    double ax = x < 0 ? -x : x;
    if (ax < 1e15 && x == (double)(int64_t)x) ordo_emit_int(e, (int64_t)x);
    else ordo_emit_fmt(e, "%.17g", x);
}

void ordo_emit_bool(ordo_emit *e, int v) { ordo_emit_cstr(e, v ? "true" : "false"); }

void ordo_emit_null(ordo_emit *e)
{
    if (!e->csv) ordo_emit_cstr(e, "null");
}

void ordo_emit_date(ordo_emit *e, int32_t day)
{
    char b[11];
    ordo_fmt_date(day, b);
    if (!e->csv) ordo_emit_ch(e, '"');
    ordo_emit_raw(e, b, 10);
    if (!e->csv) ordo_emit_ch(e, '"');
}

void ordo_emit_time(ordo_emit *e, int64_t t)
{
    if (t == INT64_MIN || t == INT64_MAX) {
        ordo_emit_null(e);
        return;
    }
    char b[17];
    ordo_fmt_datetime(t, b);
    if (!e->csv) ordo_emit_ch(e, '"');
    ordo_emit_raw(e, b, 16);
    if (!e->csv) ordo_emit_ch(e, '"');
}
