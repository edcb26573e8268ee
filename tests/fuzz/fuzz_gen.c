/*
** fuzz_gen.c -- structure-aware fuzzing: the input bytes choose a *valid* data set with
** extreme values (resources of 1..1,000,000 units, quantities, times and day counts at their
** limits, overnight and one-minute shifts, horizons to 9999-12-31, every lot rule), which
** must load, plan, pass the independent schedule check, save and load its state, write a
** strictly valid plan.json, and quote. Any other outcome is a failure (abort under
** libFuzzer). With ORDO_FUZZ_PRINT set, each data set is printed first.
*/
#define _POSIX_C_SOURCE 200809L
#include "fuzz_main.h"
#include "ordo.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
static int fuzz_failures(void) { return failures; }

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_gen: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    failures++;
#ifndef ORDO_FUZZ_MAIN
    abort();
#endif
}

/* The bytes as a stream of choices; 0 once they run out. */
typedef struct pick {
    const uint8_t *d;
    size_t n, at;
} pick;

static unsigned choose(pick *p, unsigned k)
{
    unsigned v = p->at < p->n ? p->d[p->at++] : 0;
    return k ? v % k : 0;
}
#define ONE_OF(p, arr) ((arr)[choose(p, sizeof(arr) / sizeof((arr)[0]))])

/* A growing text. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (k < 0) return;
        if (t->len + (size_t)k < t->cap) {
            t->len += (size_t)k;
            return;
        }
        char *ns = realloc(t->s, t->cap = 2 * (t->cap + (size_t)k));
        if (!ns) abort();
        t->s = ns;
    }
}

static const char *const ends[] = {"2026-12-31", "2027-03-31", "2030-12-31", "2036-11-23"};
static const char *const dates[] = {"2026-11-23", "2026-11-20", "2026-12-01", "2026-12-24", "2027-02-15", "9999-12-31"};
static const char *const shifts[] = {"", "[['08:00','12:00'],['13:00','17:00']]", "[['22:00','06:00']]", "[['08:00','08:01']]",
                                     "[['00:00','24:00']]"};
static const char *const weekdays[] = {"", "[1,2,3,4,5]", "[1]", "[6,7]", "[1,2,3,4,5,6,7]"};
static const double units[] = {1, 2, 6, 8, 64, 1000};
static const double effs[] = {1, 0.9, 0.01, 100};
static const double leads[] = {0, 1, 5, 30, 3650};
static const double on_hands[] = {0, 5, 120, -40, 1e9, -1e9};
static const double safeties[] = {0, 10, 1e9};
static const double yields[] = {1, 0.5, 0.001};
static const double lotq[] = {1e-6, 1, 500, 1e9};
static const double lotm[] = {0, 0, 1e-6, 7, 1e9};
static const double periods[] = {1, 5, 3650};
static const double qty_per[] = {1, 2.5, 1e-3, 1e6};
static const double scraps[] = {0, 0.1, 100};
static const double minutes[] = {0, 0.8, 30, 1e6};
static const double qtys[] = {1, 300, 1e-3, 1e9};
static const double prios[] = {0, 2, -1e6, 1e6};
static const double designs[] = {0, 0, 3, 3650};

static void gen_calendars(pick *p, text *t, int ncal)
{
    put(t, "'calendars':[");
    for (int c = 0; c < ncal; c++) {
        const char *w = ONE_OF(p, weekdays), *s = ONE_OF(p, shifts);
        put(t, "%s{'id':'C%d'", c ? "," : "", c);
        if (*w) put(t, ",'weekdays':%s", w);
        if (*s) put(t, ",'shifts':%s", s);
        if (choose(p, 2)) put(t, ",'holidays':['2026-12-25','2027-01-01']");
        put(t, "}");
    }
    put(t, "],");
}

static void gen_items(pick *p, text *t, int nitem, int ncal, int nres, int *src)
{
    put(t, "'items':[");
    for (int i = 0; i < nitem; i++) {
        src[i] = i == nitem - 1 ? 1 : (int)choose(p, 3); /* 0 make, 1 buy, 2 phantom; the last is bought */
        static const char *const names[] = {"make", "buy", "phantom"};
        put(t, "%s{'id':'I%d','source':'%s','lead_time_days':%g,'inspection_days':%g,'on_hand':%g,'safety_stock':%g,'yield':%g",
            i ? "," : "", i, names[src[i]], ONE_OF(p, leads), ONE_OF(p, leads), ONE_OF(p, on_hands), ONE_OF(p, safeties),
            ONE_OF(p, yields));
        if (ncal && choose(p, 2)) put(t, ",'calendar':'C%u'", choose(p, (unsigned)ncal));
        switch (choose(p, 3)) {
        case 1: put(t, ",'lot':{'rule':'foq','qty':%g,'min':%g,'multiple':%g}", ONE_OF(p, lotq), ONE_OF(p, lotm), ONE_OF(p, lotm)); break;
        case 2: put(t, ",'lot':{'rule':'poq','periods':%g,'multiple':%g}", ONE_OF(p, periods), ONE_OF(p, lotm)); break;
        default: put(t, ",'lot':{'rule':'lfl','min':%g}", ONE_OF(p, lotm));
        }
        put(t, "}");
    }
    put(t, "],");
    (void)nres;
}

static void gen_bom_routings(pick *p, text *t, int nitem, int nres, const int *src)
{
    put(t, "'bom':[");
    int first = 1;
    for (int i = 0; i < nitem - 1; i++) /* components further down the list: never a cycle */
        for (int k = 0, nk = 1 + (int)choose(p, 2); k < nk; k++) {
            int c = i + 1 + (int)choose(p, (unsigned)(nitem - 1 - i));
            if (k && c == i + 1) continue;
            put(t, "%s{'parent':'I%d','component':'I%d','qty_per':%g,'scrap':%g}", first ? "" : ",", i, c, ONE_OF(p, qty_per),
                ONE_OF(p, scraps));
            first = 0;
        }
    put(t, "],'routings':[");
    first = 1;
    for (int i = 0; i < nitem; i++) {
        if (src[i] != 0) continue;
        put(t, "%s{'item':'I%d','operations':[", first ? "" : ",", i);
        first = 0;
        for (int o = 0, no = 1 + (int)choose(p, 3); o < no; o++) {
            int r = (int)choose(p, (unsigned)nres), alt = choose(p, 2) && nres > 1;
            put(t, "%s{'seq':%d,'setup_minutes':%g,'run_minutes_per_unit':%g,'resources':['R%d'", o ? "," : "", 10 * (o + 1),
                ONE_OF(p, minutes), ONE_OF(p, minutes), r);
            if (alt) put(t, ",{'id':'R%d','run_minutes_per_unit':%g}", (r + 1) % nres, ONE_OF(p, minutes));
            put(t, "]}");
        }
        put(t, "]}");
    }
    put(t, "],");
}

/* The data set the bytes choose, as JSON text (to free). */
static char *generate(const uint8_t *data, size_t size)
{
    pick p = {data, size, 0};
    text t = {malloc(4096), 0, 4096};
    if (!t.s) abort();
    int ncal = (int)choose(&p, 3), nres = 1 + (int)choose(&p, 3), nitem = 1 + (int)choose(&p, 6);
    int src[8];
    static const char *const objectives[] = {"", "", "'objective':'makespan',", "'objective':'tardiness',"};
    put(&t, "{'ordo':1,'horizon':{'start':'2026-11-23','end':'%s'},%s", ONE_OF(&p, ends), ONE_OF(&p, objectives));
    gen_calendars(&p, &t, ncal);
    put(&t, "'resources':[");
    for (int r = 0; r < nres; r++) {
        put(&t, "%s{'id':'R%d','units':%g,'efficiency':%g", r ? "," : "", r, ONE_OF(&p, units), ONE_OF(&p, effs));
        if (ncal && choose(&p, 2)) put(&t, ",'calendar':'C%u'", choose(&p, (unsigned)ncal));
        put(&t, "}");
    }
    put(&t, "],");
    gen_items(&p, &t, nitem, ncal, nres, src);
    gen_bom_routings(&p, &t, nitem, nres, src);
    put(&t, "'receipts':[");
    for (int r = 0, nr = (int)choose(&p, 3); r < nr; r++)
        put(&t, "%s{'id':'P%d','item':'I%u','qty':%g,'date':'%s'}", r ? "," : "", r, choose(&p, (unsigned)nitem), ONE_OF(&p, qtys),
            ONE_OF(&p, dates));
    put(&t, "],'orders':[");
    for (int o = 0, no = 1 + (int)choose(&p, 5); o < no; o++)
        put(&t, "%s{'id':'SO-%d','item':'I%u','qty':%g,'due':'%s','priority':%g,'urgent':%s,'design_days':%g}", o ? "," : "", o,
            choose(&p, (unsigned)nitem), ONE_OF(&p, qtys), ONE_OF(&p, dates), ONE_OF(&p, prios), choose(&p, 4) ? "false" : "true",
            ONE_OF(&p, designs));
    put(&t, "]}");
    for (size_t k = 0; k < t.len; k++)
        if (t.s[k] == '\'') t.s[k] = '"';
    return t.s;
}

/* plan.json of p written, strictly valid, dates within 9999, then state saved and loaded. */
static void written(ordo_plan *p, const ordo_model *m)
{
    char dir[64], path[96], err[512];
    snprintf(dir, sizeof dir, "/tmp/ordo_fuzz_gen_%ld", (long)getpid());
    if (ordo_plan_save(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err) != ORDO_OK) {
        fail("save", err);
        return;
    }
    snprintf(path, sizeof path, "%s/plan.json", dir);
    FILE *f = fopen(path, "rb");
    char *b = f ? malloc(1 << 24) : NULL;
    size_t n = b ? fread(b, 1, (1 << 24) - 1, f) : 0, at;
    if (f) fclose(f);
    if (!b) {
        fail("plan.json", "cannot be read");
        return;
    }
    b[n] = 0;
    if (ordo_json_text_check(b, n, &at)) fail("plan.json", "not strict JSON text");
    cJSON *j = cJSON_ParseWithLength(b, n);
    if (!j) fail("plan.json", "not JSON");
    if (strstr(b, "\"10000-") || strstr(b, "\"0000-") || strstr(b, "nan") || strstr(b, "inf")) fail("plan.json", "a date or number out of range");
    cJSON_Delete(j);
    free(b);
    ordo_plan *q = NULL;
    if (ordo_plan_load_state(m, dir, &q, err, sizeof err) != ORDO_OK) fail("state", err);
    ordo_plan_close(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = generate(data, size);
    if (getenv("ORDO_FUZZ_PRINT")) printf("%s\n", json), fflush(stdout); /* the data set, to reproduce with ordo */
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer(json, strlen(json), NULL, &m);
    if (rc != ORDO_OK) {
        fprintf(stderr, "%s\n", json);
        for (int i = 0; m && i < ordo_error_count(m); i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
        fail("a generated data set is refused", NULL);
    }
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    o.time_limit = 0.02;
    ordo_plan *p = NULL;
    if (rc == ORDO_OK && ordo_plan_run(m, &o, &p) != ORDO_OK) fail("planning failed", json);
    if (p) {
        char msg[2048];
        if (ordo_plan_check(p, msg, sizeof msg)) {
            fprintf(stderr, "%s\n%s", json, msg);
            fail("the schedule fails the independent check", NULL);
        }
        written(p, m);
        ordo_quoter *q = NULL;
        char *out = NULL, err[1024];
        const char *req = "{\"item\": \"I0\", \"qty\": 3}";
        ordo_rc qr = ordo_quoter_open(p, &q);
        if (qr == ORDO_OK) qr = ordo_quote_json(q, req, strlen(req), "order", 1, 0, &out, NULL, err, sizeof err);
        if (qr != ORDO_OK && qr != ORDO_EINPUT) fail("quote", err);
        free(out);
        ordo_quoter_close(q);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    free(json);
    return 0;
}

