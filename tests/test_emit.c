/*
** test_emit.c -- the JSON and CSV emitter: escaping, numbers, dates, memory and FILE modes.
*/
#define _POSIX_C_SOURCE 200809L
#include "emit.h"
#include "test.h"

#include <stdint.h>

/* What fill writes, taken from a memory-mode emitter (CSV when csv). */
static char *text_of(void (*fill)(ordo_emit *e), int csv)
{
    static char out[4096];
    ordo_emit e;
    if (ordo_emit_init(&e, NULL, 64)) return NULL;
    e.csv = csv;
    fill(&e);
    size_t len = 0;
    char *t = ordo_emit_take(&e, &len);
    snprintf(out, sizeof out, "%s", t ? t : "(null)");
    CHECK(t && strlen(t) == len);
    free(t);
    ordo_emit_free(&e);
    return out;
}

static void strings(ordo_emit *e)
{
    ordo_emit_str(e, "a\"b\\c\nd\re\tf\001g\037h");
    ordo_emit_ch(e, ' ');
    ordo_emit_str(e, "\xe4\xb8\xad\xe6\x96\x87, ok"); /* UTF-8 copied as it is */
    ordo_emit_ch(e, ' ');
    ordo_emit_str(e, "x,\"y\"");
}

static void numbers(ordo_emit *e)
{
    const double v[] = {0, -0.0, 3, -42, 0.5, 1.25, -2.000000001, 1.0 / 3, 123456789.5, 1e-7, 1e20, -1e15};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        if (k) ordo_emit_ch(e, ' ');
        ordo_emit_num(e, v[k]);
    }
    ordo_emit_ch(e, '|');
    ordo_emit_real(e, 0.1);
    ordo_emit_ch(e, ' ');
    ordo_emit_real(e, 7);
    ordo_emit_ch(e, ' ');
    ordo_emit_int(e, INT64_MIN);
    ordo_emit_ch(e, ' ');
    ordo_emit_uint(e, UINT64_MAX);
}

static void dates(ordo_emit *e)
{
    ordo_emit_ch(e, '{');
    ordo_emit_key(e, "due", 1);
    ordo_emit_date(e, 20790); /* 2026-12-03 */
    ordo_emit_key(e, "at", 0);
    ordo_emit_time(e, (int64_t)20790 * 1440 + 15 * 60 + 20);
    ordo_emit_key(e, "never", 0);
    ordo_emit_time(e, INT64_MAX);
    ordo_emit_key(e, "ok", 0);
    ordo_emit_bool(e, 1);
    ordo_emit_ch(e, '}');
}

static void long_text(ordo_emit *e)
{
    for (int k = 0; k < 300; k++) ordo_emit_fmt(e, "%d,", k % 10);
}

int main(void)
{
    CHECK_STR(text_of(strings, 0), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\" \"\xe4\xb8\xad\xe6\x96\x87, ok\" \"x,\\\"y\\\"\"");
    CHECK_STR(text_of(strings, 1), "\"a\"\"b\\c\nd\re\tf\001g\037h\" \"\xe4\xb8\xad\xe6\x96\x87, ok\" \"x,\"\"y\"\"\"");
    CHECK_STR(text_of(numbers, 0), "0 0 3 -42 0.5 1.25 -2.000000001 0.333333333 123456789.5 1e-07 1e+20 -1e+15|"
                                   "0.10000000000000001 7 -9223372036854775808 18446744073709551615");
    CHECK_STR(text_of(dates, 0), "{\"due\":\"2026-12-03\",\"at\":\"2026-12-03T15:20\",\"never\":null,\"ok\":true}");
    CHECK_STR(text_of(dates, 1), "{due:2026-12-03,at:2026-12-03T15:20,never:,ok:true}"); /* keys are for JSON */
    CHECK_EQ(strlen(text_of(long_text, 0)), 600); /* grows past its first 64 bytes */

    /* FILE mode: small buffer, pieces longer than half of it straight through, err on a
    ** failed write stays set */
    char *mem = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&mem, &n);
    ordo_emit e;
    CHECK(f && ordo_emit_init(&e, f, 64) == 0);
    for (int k = 0; k < 50; k++) ordo_emit_cstr(&e, "abc");
    ordo_emit_cstr(&e, "0123456789012345678901234567890123456789"); /* 40 > 32 */
    ordo_emit_flush(&e);
    CHECK(!e.err);
    fclose(f);
    CHECK_EQ(n, 190);
    CHECK(mem && strncmp(mem + 149, "c0123", 5) == 0);
    free(mem);
    ordo_emit_free(&e);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        ordo_emit g;
        CHECK(ordo_emit_init(&g, full, 64) == 0);
        setvbuf(full, NULL, _IONBF, 0);
        ordo_emit_cstr(&g, "x");
        ordo_emit_flush(&g);
        ordo_emit_cstr(&g, "y");
        CHECK(g.err == 1);
        ordo_emit_free(&g);
        fclose(full);
    }
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}
