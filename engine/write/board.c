/*
** board.c -- stage "report": the planner's board, a plan.json turned into one interactive,
** self-contained HTML page (`ordo report PLAN.json --html FILE`). The plan goes into the page
** once, as compact JSON (about 41 bytes per operation on a generated 100,000-operation
** plan) with every name stored once and times as minutes from the first day of the plan; board.html and board.js (embedded at build time) draw it: a Gantt per
** resource on a canvas, the load of each resource against its capacity, the supply chain of
** an order, and the tables a planner acts on.
**
** The data object (keys kept short; board.js reads it in model()). Numbers in strings
** ("op", "ld", "pv", "pg") are base-32 digits without separators (see put_v):
**   t0    first day of the plan, "YYYY-MM-DD": minute 0 of every time, day 0 of every day
**   res   resource names; it: item names
**   co    customer orders then inserted ones:
**         [id, item, qty, due, completion, lateness_days, status, why, inserted]
**   po    the planned orders that have operations: ids; pq quantities; pk kind letters;
**         pv (item + 1, release, due) each; pg pegging per order (see put_pegs)
**   op    6 numbers per operation: planned order (zigzag step), resource, seq (zigzag),
**         start, minutes, overtime
**   ld    4 numbers per load row: resource, day, available minutes, load minutes
**   pr    purchase requisitions: ids (see put_id); prq quantities; prv (item + 1, order_by,
**         need_date, lead days, late) each
**   exv   exceptions: (kind, item + 1, date, message template) each; exr refs (see put_id);
**         exq quantities; exk kind names; ext templates (see template_of)
**   pfx   the prefixes of every id written by put_id
**   ins   insertion [order, method, overtime minutes]; dist [order, old, new] (minutes)
**   sum   the plan's summary, as written
** Days are written by put_day (0: none, else 1 + zigzag of the day from t0). A parent named
** by direct pegging is followed only when it has operations of its own.
*/
#include "board.h"
#include "dates.h"
#include "report.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct board {
    FILE *f;
    const cJSON *plan;
    ordo_strpool res, item, co, po; /* names, each with a dense index */
    ordo_strpool pfx, kind, tpl;    /* id prefixes, exception kinds, message templates */
    int64_t t0;                     /* minute 0 of the page */
    int32_t nord;                   /* customer orders listed in "orders" (the rest: inserted) */
    char *err;
    size_t nerr;
    ordo_rc rc;
} board;

static const cJSON *member(const cJSON *o, const char *key) { return cJSON_GetObjectItemCaseSensitive(o, key); }

/* A JSON string safe inside <script>: <, > and & as \u escapes. */
static void put_jstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void put_num(FILE *f, double x)
{
    if (!isfinite(x))
        fputs("null", f);
    else if (x == floor(x) && fabs(x) < 1e15)
        fprintf(f, "%.0f", x);
    else
        fprintf(f, "%.6g", x);
}

/* A member copied as it is (strings escaped, anything else compact), or null. */
static void put_any(FILE *f, const cJSON *v)
{
    if (cJSON_IsString(v)) {
        put_jstr(f, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        put_num(f, v->valuedouble);
    } else if (v && !cJSON_IsNull(v)) {
        char *s = cJSON_PrintUnformatted(v);
        if (s) put_jstr(f, s); /* objects travel as text, parsed by the page */
        else fputs("null", f);
        free(s);
    } else {
        fputs("null", f);
    }
}

static int fail(board *b, ordo_rc rc, const char *fmt, ...) ORDO_PRINTF(3, 4);

/* The first error is kept (a located message in b->err); returns -1. */
static int fail(board *b, ordo_rc rc, const char *fmt, ...)
{
    if (b->rc == ORDO_OK) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(b->err, b->nerr, fmt, ap);
        va_end(ap);
        b->rc = rc;
    }
    return -1;
}

static int32_t intern(board *b, ordo_strpool *p, const char *s)
{
    int32_t id = ordo_strpool_intern(p, s, strlen(s));
    if (id < 0) fail(b, ORDO_ENOMEM, "out of memory");
    return id;
}

/* A date-time member of element i of table as minutes; a located error when malformed. */
static int get_time(board *b, const cJSON *o, const char *table, long i, const char *key, int64_t *t)
{
    const char *s = ordo_report_str(o, key);
    if (ordo_parse_datetime(s, t) != 0) {
        char path[96];
        snprintf(path, sizeof path, "%s[%ld].%s", table, i, key);
        return fail(b, ORDO_EINPUT, "%s: \"%s\" is not a date-time (YYYY-MM-DDTHH:MM)", path, s);
    }
    return 0;
}

/* Minute 0: the first day of any operation or load day; names of resources, items and
** orders interned in the order they first appear. */
static int scan(board *b)
{
    static const char *const lists[] = {"orders", "inserted", "planned_orders", "purchase_requisitions", "exceptions",
                                        "operations", "load", "insertion", "disturbed"};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        const cJSON *v = member(b->plan, lists[k]);
        if (v && !cJSON_IsArray(v)) return fail(b, ORDO_EINPUT, "%s: not an array", lists[k]);
    }
    const cJSON *ops = member(b->plan, "operations"), *e;
    int64_t t0 = INT64_MAX;
    long i = 0;
    cJSON_ArrayForEach(e, ops)
    {
        if (!cJSON_IsObject(e)) return fail(b, ORDO_EINPUT, "operations[%ld]: not an object", i);
        int64_t s, end;
        if (get_time(b, e, "operations", i, "start", &s) || get_time(b, e, "operations", i, "end", &end)) return -1;
        if (end < s) return fail(b, ORDO_EINPUT, "operations[%ld]: ends before it starts", i);
        if (s < t0) t0 = s;
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(e, member(b->plan, "load"))
    {
        int32_t d;
        if (ordo_parse_date(ordo_report_str(e, "date"), &d) != 0)
            return fail(b, ORDO_EINPUT, "load[%ld].date: not a date (YYYY-MM-DD)", i);
        if ((int64_t)d * 1440 < t0) t0 = (int64_t)d * 1440;
        i++;
    }
    b->t0 = t0 == INT64_MAX ? 0 : ordo_floordiv(t0, 1440) * 1440;
    cJSON_ArrayForEach(e, member(b->plan, "orders")) if (intern(b, &b->co, ordo_report_str(e, "id")) < 0) return -1;
    b->nord = b->co.n; /* inserted orders also listed in orders keep their index there */
    cJSON_ArrayForEach(e, member(b->plan, "inserted")) if (intern(b, &b->co, ordo_report_str(e, "id")) < 0) return -1;
    cJSON_ArrayForEach(e, member(b->plan, "operations")) if (intern(b, &b->po, ordo_report_str(e, "order")) < 0) return -1;
    return 0;
}

static void put_names(board *b, const char *key, const ordo_strpool *p)
{
    fprintf(b->f, ",\"%s\":[", key);
    for (int32_t k = 0; k < p->n; k++) {
        if (k) fputc(',', b->f);
        put_jstr(b->f, p->bytes + p->off[k]);
    }
    fputc(']', b->f);
}

/* One customer order; inserted tells the page that the insertion added it. */
static int put_order(board *b, const cJSON *o, int inserted, int first)
{
    int32_t it = intern(b, &b->item, ordo_report_str(o, "item"));
    if (it < 0) return -1;
    fputs(first ? "[" : ",[", b->f);
    put_jstr(b->f, ordo_report_str(o, "id"));
    fprintf(b->f, ",%d,", it);
    put_num(b->f, ordo_report_num(o, "qty", 0));
    fputc(',', b->f);
    put_jstr(b->f, ordo_report_str(o, "due"));
    fputc(',', b->f);
    put_any(b->f, member(o, "completion"));
    fputc(',', b->f);
    put_num(b->f, ordo_report_num(o, "lateness_days", 0));
    fputc(',', b->f);
    put_jstr(b->f, ordo_report_str(o, "status"));
    fputc(',', b->f);
    put_any(b->f, member(o, "why"));
    fprintf(b->f, ",%d]", inserted);
    return 0;
}

/* Whether id is one of the orders an insertion added. */
static int is_inserted(const board *b, const char *id)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, member(b->plan, "inserted")) if (strcmp(ordo_report_str(o, "id"), id) == 0) return 1;
    return 0;
}

/* Customer orders in the order of their index: "orders", then inserted ones not listed there. */
static int put_orders(board *b)
{
    const cJSON *o;
    int first = 1, any = cJSON_GetArraySize(member(b->plan, "inserted")) > 0;
    fputs(",\"co\":[", b->f);
    cJSON_ArrayForEach(o, member(b->plan, "orders"))
    {
        if (put_order(b, o, any && is_inserted(b, ordo_report_str(o, "id")), first)) return -1;
        first = 0;
    }
    int32_t next = b->nord;
    cJSON_ArrayForEach(o, member(b->plan, "inserted"))
    {
        const char *id = ordo_report_str(o, "id");
        if (ordo_strpool_find(&b->co, id, strlen(id)) != next) continue; /* listed in orders, or twice */
        if (put_order(b, o, 1, first)) return -1;
        first = 0;
        next++;
    }
    fputc(']', b->f);
    return 0;
}

/* Numbers travel as text digits in base 32, most significant first: the last digit of a
** number from TERM, the others from CONT, so that no separator is needed (board.js reads
** them back with the same two alphabets). */
static const char TERM[] = "0123456789abcdefghijklmnopqrstuv";
static const char CONT[] = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";

static void put_v(FILE *f, uint64_t v)
{
    char d[16];
    int n = 0;
    d[n++] = TERM[v & 31];
    for (v >>= 5; v; v >>= 5) d[n++] = CONT[v & 31];
    while (n) fputc(d[--n], f);
}

static uint64_t zigzag(int64_t v) { return v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1; }

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The pegging of one planned order: the customer orders it serves in increasing index, each
** as its distance from the one before; "~" for safety stock; "^" and a planned order's index
** for direct pegging to a parent ("supply_of"). Parents and orders the page does not hold
** are left out. */
static int put_pegs(board *b, const cJSON *pegs, int32_t *buf)
{
    const cJSON *g;
    int n = 0, safety = 0;
    cJSON_ArrayForEach(g, pegs)
    {
        const char *ord = ordo_report_str(g, "order"), *sup = ordo_report_str(g, "supply_of");
        int32_t ref;
        if (*sup) {
            if ((ref = ordo_strpool_find(&b->po, sup, strlen(sup))) < 0) continue;
            fputc('^', b->f);
            put_v(b->f, (uint64_t)ref);
        } else if (strcmp(ord, "safety_stock") == 0) {
            safety = 1;
        } else if ((ref = ordo_strpool_find(&b->co, ord, strlen(ord))) >= 0) {
            buf[n++] = ref;
        }
    }
    qsort(buf, (size_t)n, sizeof *buf, cmp_i32);
    for (int k = 0, last = 0; k < n; k++) {
        if (k && buf[k] == buf[k - 1]) continue;
        put_v(b->f, (uint64_t)(buf[k] - last));
        last = buf[k];
    }
    if (safety) fputc('~', b->f);
    return n;
}

/* A date member as days from t0 (zigzag), or 0 for none. */
static void put_day(board *b, const cJSON *o, const char *key)
{
    int32_t d;
    if (ordo_parse_date(ordo_report_str(o, key), &d) != 0) put_v(b->f, 0);
    else put_v(b->f, 1 + zigzag((int64_t)d - b->t0 / 1440));
}

/* An id as a prefix (interned) and the number its trailing digits spell: prefix index,
** digit count (0: none), value; "PL-481" is ("PL-", 3, 481), "SO0000001" ("SO", 7, 1). */
static int put_id(board *b, const char *id)
{
    size_t len = strlen(id), d = len;
    while (d > 0 && id[d - 1] >= '0' && id[d - 1] <= '9') d--;
    if (len - d > 15) d = len; /* too long for an exact double: all prefix */
    int32_t p = ordo_strpool_intern(&b->pfx, id, d);
    if (p < 0) return fail(b, ORDO_ENOMEM, "out of memory");
    put_v(b->f, (uint64_t)p);
    put_v(b->f, (uint64_t)(len - d));
    if (len > d) put_v(b->f, strtoull(id + d, NULL, 10));
    return 0;
}

/* The planned orders that have operations, in the order the operations first name them,
** by columns: po (ids), pq (quantities), pk (kind letters: m make, b buy, p phantom),
** pv (item, release, due per order), pg (pegging per order, separated by spaces). */
static int put_planned(board *b)
{
    int32_t n = b->po.n;
    const cJSON **src = calloc((size_t)n + 1, sizeof *src), *o;
    int32_t *buf = malloc(((size_t)b->co.n + 1) * sizeof *buf);
    if (!src || !buf) {
        free(src);
        free(buf);
        return fail(b, ORDO_ENOMEM, "out of memory");
    }
    cJSON_ArrayForEach(o, member(b->plan, "planned_orders"))
    {
        const char *id = ordo_report_str(o, "id");
        int32_t q = ordo_strpool_find(&b->po, id, strlen(id));
        if (q >= 0 && !src[q]) src[q] = o;
    }
    fputs(",\"po\":\"", b->f);
    for (int32_t q = 0; q < n; q++) put_id(b, b->po.bytes + b->po.off[q]);
    fputs("\",\"pq\":[", b->f);
    for (int32_t q = 0; q < n; q++) {
        if (q) fputc(',', b->f);
        put_num(b->f, ordo_report_num(src[q], "qty", 0));
    }
    fputs("],\"pk\":\"", b->f);
    for (int32_t q = 0; q < n; q++) {
        char k = ordo_report_str(src[q], "kind")[0];
        fputc(k >= 'a' && k <= 'z' ? k : '?', b->f);
    }
    fputs("\",\"pv\":\"", b->f);
    for (int32_t q = 0; q < n; q++) {
        put_v(b->f, (uint64_t)(src[q] ? intern(b, &b->item, ordo_report_str(src[q], "item")) + 1 : 0));
        put_day(b, src[q], "release");
        put_day(b, src[q], "due");
    }
    fputs("\",\"pg\":\"", b->f);
    for (int32_t q = 0; q < n; q++) {
        if (q) fputc(' ', b->f);
        put_pegs(b, member(src[q], "pegging"), buf);
    }
    fputc('"', b->f);
    free(src);
    free(buf);
    return b->rc == ORDO_OK ? 0 : -1;
}

/* Operations as one string of numbers, 6 per operation: planned order (zigzag distance from
** the previous operation's), resource, seq, start and length in minutes, overtime (0 or 1). */
static int put_operations(board *b)
{
    const cJSON *o;
    int32_t prev = 0;
    fputs(",\"op\":\"", b->f);
    cJSON_ArrayForEach(o, member(b->plan, "operations"))
    {
        int64_t s = 0, e = 0;
        ordo_parse_datetime(ordo_report_str(o, "start"), &s); /* both checked by scan() */
        ordo_parse_datetime(ordo_report_str(o, "end"), &e);
        const char *id = ordo_report_str(o, "order");
        int32_t q = ordo_strpool_find(&b->po, id, strlen(id));
        int32_t r = intern(b, &b->res, ordo_report_str(o, "resource"));
        if (r < 0) return -1;
        put_v(b->f, zigzag((int64_t)q - prev));
        put_v(b->f, (uint64_t)r);
        put_v(b->f, zigzag((int64_t)ordo_report_num(o, "seq", 0)));
        put_v(b->f, (uint64_t)(s - b->t0));
        put_v(b->f, (uint64_t)(e - s));
        put_v(b->f, cJSON_IsTrue(member(o, "overtime")));
        prev = q;
    }
    fputc('"', b->f);
    return 0;
}

static int put_load(board *b)
{
    const cJSON *o;
    fputs(",\"ld\":\"", b->f);
    cJSON_ArrayForEach(o, member(b->plan, "load"))
    {
        int32_t d = 0, r = intern(b, &b->res, ordo_report_str(o, "resource"));
        if (r < 0) return -1;
        ordo_parse_date(ordo_report_str(o, "date"), &d); /* checked by scan() */
        double av = ordo_report_num(o, "available_minutes", 0), ld = ordo_report_num(o, "load_minutes", 0);
        put_v(b->f, (uint64_t)r);
        put_v(b->f, (uint64_t)((int64_t)d - b->t0 / 1440));
        put_v(b->f, av > 0 ? (uint64_t)llround(av) : 0);
        put_v(b->f, ld > 0 ? (uint64_t)llround(ld) : 0);
    }
    fputc('"', b->f);
    return 0;
}

/* Purchase requisitions by columns: pr ids (see put_id); prq quantities; prv item + 1,
** order_by and need_date (see put_day), supplier lead days, late (0 or 1) each. */
static int put_requisitions(board *b)
{
    const cJSON *o, *prs = member(b->plan, "purchase_requisitions");
    fputs(",\"pr\":\"", b->f);
    cJSON_ArrayForEach(o, prs) if (put_id(b, ordo_report_str(o, "id"))) return -1;
    fputs("\",\"prq\":[", b->f);
    int first = 1;
    cJSON_ArrayForEach(o, prs)
    {
        if (!first) fputc(',', b->f);
        first = 0;
        put_num(b->f, ordo_report_num(o, "qty", 0));
    }
    fputs("],\"prv\":\"", b->f);
    cJSON_ArrayForEach(o, prs)
    {
        int32_t it = intern(b, &b->item, ordo_report_str(o, "item"));
        if (it < 0) return -1;
        double lead = ordo_report_num(o, "supplier_lead_days", 0);
        put_v(b->f, (uint64_t)it + 1);
        put_day(b, o, "order_by");
        put_day(b, o, "need_date");
        put_v(b->f, lead > 0 ? (uint64_t)llround(lead) : 0);
        put_v(b->f, cJSON_IsTrue(member(o, "late")));
    }
    fputc('"', b->f);
    return 0;
}

/* An exception's message with its own fields taken out: each occurrence of its ref, item
** and date becomes the byte 1, 2 or 3, so that messages of one kind share few templates. */
static int32_t template_of(board *b, const cJSON *o, char *buf, size_t nbuf)
{
    const char *msg = ordo_report_str(o, "message"), *f[3] = {ordo_report_str(o, "ref"), ordo_report_str(o, "item"),
                                                                ordo_report_str(o, "date")};
    size_t n = 0;
    for (const char *p = msg; *p && n + 1 < nbuf;) {
        int hit = 0;
        for (int k = 0; k < 3 && !hit; k++) {
            size_t len = strlen(f[k]);
            if (len && strncmp(p, f[k], len) == 0) buf[n++] = (char)(k + 1), p += len, hit = 1;
        }
        if (!hit) buf[n++] = *p++;
    }
    buf[n] = 0;
    return intern(b, &b->tpl, buf);
}

/* Exceptions by columns: exv kind, item + 1, date (see put_day), template each; exr refs
** (see put_id); exq quantities; exk kind names; ext message templates. */
static int put_exceptions(board *b)
{
    const cJSON *o, *ex = member(b->plan, "exceptions");
    char *buf = malloc(8192);
    if (!buf) return fail(b, ORDO_ENOMEM, "out of memory");
    fputs(",\"exv\":\"", b->f);
    cJSON_ArrayForEach(o, ex)
    {
        int32_t k = intern(b, &b->kind, ordo_report_str(o, "kind")), it = intern(b, &b->item, ordo_report_str(o, "item"));
        int32_t t = template_of(b, o, buf, 8192);
        if (k < 0 || it < 0 || t < 0) break;
        put_v(b->f, (uint64_t)k);
        put_v(b->f, (uint64_t)it + 1);
        put_day(b, o, "date");
        put_v(b->f, (uint64_t)t);
    }
    free(buf);
    fputs("\",\"exr\":\"", b->f);
    cJSON_ArrayForEach(o, ex) if (put_id(b, ordo_report_str(o, "ref"))) return -1;
    fputs("\",\"exq\":[", b->f);
    int first = 1;
    cJSON_ArrayForEach(o, ex)
    {
        if (!first) fputc(',', b->f);
        first = 0;
        put_any(b->f, member(o, "qty"));
    }
    fputc(']', b->f);
    return b->rc == ORDO_OK ? 0 : -1;
}

static int32_t order_index(const board *b, const char *id) { return ordo_strpool_find(&b->co, id, strlen(id)); }

/* The insertion's methods and the orders it disturbed (old and new completions). */
static void put_insertion(board *b)
{
    const cJSON *o;
    int first = 1;
    fputs(",\"ins\":[", b->f);
    cJSON_ArrayForEach(o, member(b->plan, "insertion"))
    {
        fprintf(b->f, "%s[%d,", first ? "" : ",", order_index(b, ordo_report_str(o, "order")));
        first = 0;
        put_jstr(b->f, ordo_report_str(o, "method"));
        fputc(',', b->f);
        put_num(b->f, ordo_report_num(o, "overtime_minutes", 0));
        fputc(']', b->f);
    }
    fputs("],\"dist\":[", b->f);
    first = 1;
    cJSON_ArrayForEach(o, member(b->plan, "disturbed"))
    {
        int64_t t0 = 0, t1 = 0;
        if (ordo_parse_datetime(ordo_report_str(o, "old"), &t0) || ordo_parse_datetime(ordo_report_str(o, "new"), &t1)) continue;
        fprintf(b->f, "%s[%d,%lld,%lld]", first ? "" : ",", order_index(b, ordo_report_str(o, "order")),
                (long long)(t0 - b->t0), (long long)(t1 - b->t0));
        first = 0;
    }
    fputc(']', b->f);
}

static int put_data(board *b)
{
    char day[11];
    ordo_fmt_date((int32_t)(b->t0 / 1440), day);
    fputs("{\"t0\":", b->f);
    put_jstr(b->f, day);
    if (put_orders(b) || put_planned(b) || put_operations(b) || put_load(b) || put_requisitions(b) ||
        put_exceptions(b))
        return -1;
    put_insertion(b);
    put_names(b, "res", &b->res);
    put_names(b, "it", &b->item);
    put_names(b, "pfx", &b->pfx);
    put_names(b, "exk", &b->kind);
    put_names(b, "ext", &b->tpl);
    fputs(",\"sum\":", b->f);
    const cJSON *sum = member(b->plan, "summary");
    char *s = cJSON_IsObject(sum) ? cJSON_PrintUnformatted(sum) : NULL;
    if (s) { /* numbers and names only; escaped all the same */
        for (char *p = s; *p; p++)
            if (*p == '<' || *p == '>' || *p == '&') *p = ' ';
        fputs(s, b->f);
    } else {
        fputs("{}", b->f);
    }
    free(s);
    fputc('}', b->f);
    return 0;
}

/* The page: board.html up to its script marker, the data, board.js, the rest of board.html. */
static int emit_board(FILE *f, void *arg)
{
    board *b = arg;
    static const char marker[] = "<!--@SCRIPT@-->";
    const char *html = ordo_board_html, *cut = strstr(html, marker);
    size_t head = cut ? (size_t)(cut - html) : strlen(html);
    b->f = f;
    fwrite(html, 1, head, f);
    fputs("<script id=\"plan\" type=\"application/json\">", f);
    if (put_data(b)) return -1;
    fputs("</script>\n<script>\n", f);
    fputs(ordo_board_js, f);
    fputs("</script>\n", f);
    if (cut) fputs(cut + sizeof marker - 1, f);
    return 0;
}

ordo_rc ordo_report_html(const char *plan_path, const char *html_path, char *err, size_t nerr)
{
    board b;
    memset(&b, 0, sizeof b);
    b.err = err;
    b.nerr = nerr;
    b.plan = ordo_report_read(plan_path, &b.rc, err, nerr);
    if (!b.plan) return b.rc;
    if (ordo_strpool_init(&b.res) || ordo_strpool_init(&b.item) || ordo_strpool_init(&b.co) || ordo_strpool_init(&b.po) ||
        ordo_strpool_init(&b.pfx) || ordo_strpool_init(&b.kind) || ordo_strpool_init(&b.tpl))
        fail(&b, ORDO_ENOMEM, "out of memory");
    else
        scan(&b);
    if (b.rc == ORDO_OK) {
        /* the page is written to a temporary file and renamed only when complete */
        ordo_rc rc = ordo_report_save(html_path, emit_board, &b, err, nerr);
        if (b.rc == ORDO_OK) b.rc = rc;
    }
    if (b.rc != ORDO_OK && strncmp(err, plan_path, strlen(plan_path)) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: %s", plan_path, err);
        snprintf(err, nerr, "%s", msg);
    }
    ordo_strpool_free(&b.res);
    ordo_strpool_free(&b.item);
    ordo_strpool_free(&b.co);
    ordo_strpool_free(&b.po);
    ordo_strpool_free(&b.pfx);
    ordo_strpool_free(&b.kind);
    ordo_strpool_free(&b.tpl);
    cJSON_Delete((cJSON *)b.plan);
    return b.rc;
}
