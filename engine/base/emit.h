/*
** emit.h -- the one way ordo writes JSON (and CSV): a buffered emitter used by the plan
** writer, the data-set saver and the quote answers, so that every output escapes strings
** and prints numbers the same way.
**
** Text goes into a large buffer of the emitter's own and out to a FILE when it fills (plans
** of millions of rows are written at memory speed, with no stdio call per character), or,
** without a FILE, stays in memory for ordo_emit_take. Errors are sticky: a failed write or
** allocation sets err, later calls do nothing harmful, and the caller checks err once.
**
** Strings: JSON escapes '"', '\\', and control characters (\n, \r, \t, else \u00XX); the
** text is otherwise copied byte for byte (input strings are valid UTF-8, checked on load).
** In CSV mode a string is a field, quoted (RFC 4180) only when it holds a comma, a quote or
** a line break; dates and instants are unquoted; a missing instant is an empty field.
*/
#ifndef ORDO_EMIT_H
#define ORDO_EMIT_H

#include "util.h"

#include <stdint.h>
#include <stdio.h>

typedef struct ordo_emit {
    FILE *f;     /* where full buffers go; NULL: the text stays in memory */
    char *buf;
    size_t len, cap;
    int csv;     /* CSV fields instead of JSON values */
    int err;     /* a write or an allocation failed */
} ordo_emit;

/* An emitter writing to f (NULL: into memory) through a buffer of cap bytes. 0, or -1 out
** of memory. */
int ordo_emit_init(ordo_emit *e, FILE *f, size_t cap);
void ordo_emit_free(ordo_emit *e);
/* Write what the buffer holds to the FILE (nothing in memory mode). */
void ordo_emit_flush(ordo_emit *e);
/* Memory mode: the text so far, NUL-terminated (to free()); the emitter starts empty again.
** NULL when an allocation failed. */
char *ordo_emit_take(ordo_emit *e, size_t *len);

void ordo_emit_raw(ordo_emit *e, const char *s, size_t n);
void ordo_emit_cstr(ordo_emit *e, const char *s); /* s as it is */
void ordo_emit_ch(ordo_emit *e, char c);
void ordo_emit_fmt(ordo_emit *e, const char *fmt, ...) ORDO_PRINTF(2, 3); /* any length */
/* A string value (JSON: quoted and escaped; CSV: a field). */
void ordo_emit_str(ordo_emit *e, const char *s);
/* "key": -- a JSON object key with its colon, with a comma before it unless first. */
void ordo_emit_key(ordo_emit *e, const char *key, int first);
void ordo_emit_uint(ordo_emit *e, uint64_t v);
void ordo_emit_int(ordo_emit *e, int64_t v);
/* A quantity as plans show it: whole numbers as integers, others with up to 9 decimals and
** no trailing zeros, very large or small ones in %.12g; never "-0". */
void ordo_emit_num(ordo_emit *e, double x);
/* A number exactly (data sets written back): whole numbers below 1e15 as integers, others
** with the 17 significant digits that read back to the same double. */
void ordo_emit_real(ordo_emit *e, double x);
void ordo_emit_bool(ordo_emit *e, int v);
void ordo_emit_null(ordo_emit *e); /* JSON null; nothing in CSV */
/* A day number as YYYY-MM-DD, and an instant (minutes) as YYYY-MM-DDTHH:MM; an instant of
** INT64_MIN or INT64_MAX is null (JSON) or empty (CSV). */
void ordo_emit_date(ordo_emit *e, int32_t day);
void ordo_emit_time(ordo_emit *e, int64_t t);

#endif /* ORDO_EMIT_H */
