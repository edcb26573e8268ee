/*
** ordo_willems.c -- converts one of the 38 real supply chains of Willems (2008) into an
** ordo data set (SPEC sections 2-3), for MRP benchmarks on real BOM structures.
**
**   Source: S. P. Willems, "Data Set -- Real-World Multi-Echelon Supply Chains Used for
**   Inventory Optimization", Manufacturing & Service Operations Management 10(1):19-23,
**   2008, DOI 10.1287/msom.1070.0176. The data are free for research on condition that
**   this paper is cited; so must anything built from the output. See
**   datasets/willems/README.md.
**
** usage: ordo_willems STAGES.csv ARCS.csv [-o OUT.json] [--seed K] [--days D]
**                     [--replicate R | --items N] [--start YYYY-MM-DD] [--stats]
**
** Input: NN_stages.csv (sheet NN_SD: columns "Stage Name", "stageTime", "avgDemand",
** "stdDevDemand" are used, the others ignored) and NN_arcs.csv (sheet NN_LL: columns
** "sourceStage", "destinationStage"; material flows from source to destination). Columns
** are found by header name. Plain CSV with optional "..." quoting; CRLF, a UTF-8 BOM and
** cells beyond the header (chain 05 has one) are tolerated; an empty cell means "not
** given". Every arc endpoint must be a stage, and the arcs must form a DAG.
**
** Mapping (one item per stage, nothing invented beyond the demand stream):
**   - item: id = stage name; with --replicate R (or --items N, R = ceil(N / stages)) the
**     chain is written R times as disjoint copies, copy r > 0 suffixing "#r" to every id.
**   - source: "buy" for a stage with no incoming arc (a procured part, typically Part_),
**     "make" otherwise. There are no resources or routings: make items are planned with
**     their lead time only (infinite capacity), so `ordo plan --mrp-only` is the intended
**     use.
**   - lead_time_days = stageTime rounded up to whole days (ceil(stageTime - 1e-9), so that
**     Excel noise such as 2.0000000000000004 stays 2); empty stageTime = 0.
**   - lot rule lfl; no on hand, safety stock, receipts, calendars or x- fields on items.
**   - BOM: every arc reversed, parent = destinationStage, component = sourceStage,
**     qty_per 1. The data set has no quantity-per field; its README fixes the convention
**     "1 unit of each upstream stage per unit of the downstream stage" used by the
**     guaranteed-service literature. Duplicate arcs (none in the 38 chains) are written once.
**   - calendar: none, i.e. the SPEC default: every day is a working day (the Willems stage
**     times are in days). "Working day" below therefore means calendar day.
**   - demand: every stage with avgDemand gets one customer order per day for D days
**     (--days, default 60) from the start date (--start, default 2026-11-23), quantity
**     max(0, round(Normal(avgDemand, stdDevDemand))) (stdDevDemand empty = 0), due that
**     day; days that draw 0 get no order. Order ids are "SO-<n>", numbered in output order
**     (copy, then stage in file order, then day). Normal variates come from the polar form
**     of Box-Muller over splitmix64, with log and sqrt computed here in plain double
**     arithmetic (no libm), and every (copy, stage) pair has its own stream derived from
**     --seed (default 1): the output is byte-identical for the same arguments, and copy r's
**     demand does not depend on R.
**   - horizon: start .. start + D + L + 14 days, where L is the longest cumulative lead
**     time of the chain (the largest sum of lead_time_days along a path, stage included),
**     so that every order and its whole supply chain fit inside the horizon.
**
** --stats prints one line to stderr: items, bom lines, levels (longest path in arcs),
** max fan-in (most components of one parent), max fan-out (most parents of one component),
** orders, longest cumulative lead time and horizon end.
** Exit status: 0 success, 2 on any error (bad input or usage, unwritable output, out of
** memory), with a one-line message naming the file, line and reason. No half-written
** output is left behind: it is written under a temporary name and renamed when complete.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARGIN_DAYS 14
#define MAX_DAYS 36500
#define MAX_ITEMS 50000000ULL
#define MAX_LEAD 100000
#define OUT_BUF (4u << 20)

static const char *usage_text =
    "usage: ordo_willems STAGES.csv ARCS.csv [-o OUT.json] [--seed K] [--days D]\n"
    "                    [--replicate R | --items N] [--start YYYY-MM-DD] [--stats]\n";

static const char *tmp_path; /* output being written, removed on a fatal error */

/* ---------------------------------------------------------------- errors, memory */

static void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "ordo_willems: <message>" and exits with the status. */
static void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ordo_willems: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    if (tmp_path) remove(tmp_path);
    exit(status);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) die(2, "out of memory");
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

/* ---------------------------------------------------------------- arithmetic without libm */

/* Natural logarithm of a positive normal double: x = m * 2^e, m in [sqrt(1/2), sqrt(2)),
 * log m = 2 atanh((m - 1) / (m + 1)) by its series (|s| <= 0.172, error < 1e-17). */
static double ln(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    int e = (int)((b >> 52) & 0x7ff) - 1023;
    b = (b & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;
    double m;
    memcpy(&m, &b, sizeof m);
    if (m > 1.4142135623730951) {
        m *= 0.5;
        e++;
    }
    double s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = 0;
    for (int k = 1; k <= 41; k += 2) {
        sum += term / k;
        term *= s2;
    }
    return 2 * sum + e * 0.69314718055994530942;
}

/* Square root of a positive normal double: exponent-halving guess, then Newton steps. */
static double root(double y)
{
    uint64_t b;
    memcpy(&b, &y, sizeof b);
    b = (b >> 1) + 0x1FF8000000000000ULL;
    double g;
    memcpy(&g, &b, sizeof g);
    for (int i = 0; i < 6; i++) g = 0.5 * (g + y / g);
    return g;
}

/* ---------------------------------------------------------------- PRNG */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform double in [0, 1). */
static double uniform(uint64_t *x) { return (double)(splitmix64(x) >> 11) * (1.0 / 9007199254740992.0); }

/* Standard normal variate (Marsaglia's polar form of Box-Muller; the second variate of
 * each pair is dropped so that a stream's n-th draw depends only on the stream). */
static double normal(uint64_t *x)
{
    double u, v, s;
    do {
        u = 2 * uniform(x) - 1;
        v = 2 * uniform(x) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * root(-2 * ln(s) / s);
}

/* The stream of one (copy, stage) pair under a seed. */
static uint64_t stream_seed(uint64_t seed, uint64_t copy, uint64_t stage)
{
    uint64_t x = seed;
    uint64_t a = splitmix64(&x);
    x = a ^ ((copy + 1) * 0xD1B54A32D192ED03ULL);
    uint64_t b = splitmix64(&x);
    x = b ^ ((stage + 1) * 0x8CB92BA72F3D8DD7ULL);
    return splitmix64(&x);
}

/* ---------------------------------------------------------------- dates */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Parses a strict YYYY-MM-DD (years 1900..9999); 0 on success. */
static int parse_date(const char *s, int64_t *out)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return -1;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > dm[m - 1] + (m == 2 && leap)) return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

static void format_date(int64_t z, char out[11])
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    int v[3] = {y, m, d}, w[3] = {4, 2, 2}, pos = 10;
    out[10] = '\0';
    for (int f = 2; f >= 0; f--) {
        for (int i = 0; i < w[f]; i++, v[f] /= 10) out[--pos] = (char)('0' + v[f] % 10);
        if (f) out[--pos] = '-';
    }
}

/* ---------------------------------------------------------------- CSV */

typedef struct {
    char **cell;
    int n, cap;
} row;

typedef struct {
    FILE *f;
    const char *path;
    long line; /* line number where the current record starts */
    long next_line;
    char *buf;
    size_t len, cap;
    int first;
} csv;

static void buf_put(csv *c, char ch)
{
    if (c->len + 1 >= c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->buf = xrealloc(c->buf, c->cap);
    }
    c->buf[c->len++] = ch;
}

static void row_push(csv *c, row *r)
{
    c->buf[c->len] = '\0';
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 32;
        r->cell = xrealloc(r->cell, (size_t)r->cap * sizeof *r->cell);
    }
    r->cell[r->n++] = xstrdup(c->buf);
    c->len = 0;
}

static void row_clear(row *r)
{
    for (int i = 0; i < r->n; i++) free(r->cell[i]);
    r->n = 0;
}

/* Reads the next record into r (cells unquoted; surrounding spaces of unquoted cells
 * trimmed). Returns 0 at end of file. Blank lines are skipped. */
static int csv_row(csv *c, row *r)
{
    row_clear(r);
    for (;;) {
        int ch = fgetc(c->f), quoted = 0, any = 0;
        c->line = c->next_line;
        if (ch == EOF) return 0;
        if (c->first) {
            c->first = 0;
            if (ch == 0xEF) { /* UTF-8 byte order mark */
                if (fgetc(c->f) != 0xBB || fgetc(c->f) != 0xBF) die(2, "%s:1: unexpected bytes at the start", c->path);
                ch = fgetc(c->f);
                if (ch == EOF) return 0;
            }
        }
        if (ch == '\n' || ch == '\r') { /* blank line */
            if (ch == '\n') c->next_line++;
            continue;
        }
        c->len = 0;
        for (;;) {
            if (ch == EOF || ch == '\n' || (ch == '\r' && !quoted)) {
                if (quoted) die(2, "%s:%ld: unterminated quoted field", c->path, c->line);
                while (c->len && (c->buf[c->len - 1] == ' ' || c->buf[c->len - 1] == '\t') && !any) c->len--;
                row_push(c, r);
                if (ch == '\r') {
                    ch = fgetc(c->f);
                    if (ch != '\n' && ch != EOF) ungetc(ch, c->f);
                }
                c->next_line++;
                return 1;
            }
            if (quoted) {
                if (ch == '"') {
                    int nx = fgetc(c->f);
                    if (nx == '"') {
                        buf_put(c, '"');
                    } else {
                        quoted = 0;
                        ch = nx;
                        continue;
                    }
                } else {
                    if (ch == '\n') c->next_line++;
                    buf_put(c, (char)ch);
                }
            } else if (ch == '"' && c->len == 0) {
                quoted = any = 1;
            } else if (ch == ',') {
                while (c->len && (c->buf[c->len - 1] == ' ' || c->buf[c->len - 1] == '\t') && !any) c->len--;
                row_push(c, r);
                any = 0;
            } else if (!(c->len == 0 && !any && (ch == ' ' || ch == '\t'))) {
                if (any) die(2, "%s:%ld: text after a closing quote", c->path, c->line);
                buf_put(c, (char)ch);
            }
            ch = fgetc(c->f);
        }
    }
}

static void csv_open(csv *c, const char *path)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->next_line = 1;
    c->first = 1;
    c->cap = 256;
    c->buf = xrealloc(NULL, c->cap);
    c->f = fopen(path, "rb");
    if (!c->f) die(2, "%s: %s", path, strerror(errno));
}

/* Column index of a header name, or -1. */
static int column(const row *h, const char *name)
{
    for (int i = 0; i < h->n; i++)
        if (strcmp(h->cell[i], name) == 0) return i;
    return -1;
}

static const char *cell(const row *r, int col) { return col >= 0 && col < r->n ? r->cell[col] : ""; }

/* Parses an optional non-negative number; returns 0 for an empty cell, 1 when given. */
static int number(const csv *c, const char *s, const char *what, double *v)
{
    if (!*s) return 0;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !(x == x) || x < 0 || x > 1e15)
        die(2, "%s:%ld: %s \"%s\" is not a non-negative number", c->path, c->line, what, s);
    *v = x;
    return 1;
}

/* ---------------------------------------------------------------- stage table */

typedef struct {
    char *name;
    int lead;
    int demand; /* avgDemand given */
    double avg, sd;
    int nin, nout; /* distinct arcs in (components) and out (parents) */
} stage;

typedef struct {
    stage *s;
    int n, cap;
    int *hash; /* open addressing, -1 empty */
    size_t hcap;
} stages;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int find_stage(const stages *t, const char *name)
{
    size_t m = t->hcap - 1;
    for (size_t i = hash_str(name) & m;; i = (i + 1) & m) {
        if (t->hash[i] < 0) return -1;
        if (strcmp(t->s[t->hash[i]].name, name) == 0) return t->hash[i];
    }
}

static void index_stages(stages *t)
{
    t->hcap = 16;
    while (t->hcap < 2 * (size_t)t->n + 1) t->hcap *= 2;
    t->hash = xrealloc(NULL, t->hcap * sizeof *t->hash);
    for (size_t i = 0; i < t->hcap; i++) t->hash[i] = -1;
    for (int k = 0; k < t->n; k++) {
        size_t m = t->hcap - 1, i = hash_str(t->s[k].name) & m;
        while (t->hash[i] >= 0) i = (i + 1) & m;
        t->hash[i] = k;
    }
}

/* stageTime (days) rounded up to whole days, ignoring floating-point noise below 1e-9. */
static int lead_days(double t)
{
    double u = t - 1e-9;
    if (u <= 0) return 0;
    long k = (long)u;
    if ((double)k < u) k++;
    return (int)k;
}

static void read_stages(const char *path, stages *t)
{
    csv c;
    row h = {0}, r = {0};
    csv_open(&c, path);
    if (!csv_row(&c, &h)) die(2, "%s: empty file", path);
    int cn = column(&h, "Stage Name"), ct = column(&h, "stageTime"), ca = column(&h, "avgDemand"),
        cs = column(&h, "stdDevDemand");
    if (cn < 0) die(2, "%s: no \"Stage Name\" column in the header", path);
    if (ct < 0) die(2, "%s: no \"stageTime\" column in the header", path);
    while (csv_row(&c, &r)) {
        const char *name = cell(&r, cn);
        if (!*name) die(2, "%s:%ld: empty Stage Name", path, c.line);
        for (const char *p = name; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == '"' || *p == '\\')
                die(2, "%s:%ld: Stage Name \"%s\" holds a quote, backslash or control character", path, c.line, name);
        double st = 0, avg = 0, sd = 0;
        number(&c, cell(&r, ct), "stageTime", &st);
        if (st > MAX_LEAD) die(2, "%s:%ld: stageTime %s is too large", path, c.line, cell(&r, ct));
        int dem = number(&c, cell(&r, ca), "avgDemand", &avg);
        number(&c, cell(&r, cs), "stdDevDemand", &sd);
        if (t->n == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 256;
            t->s = xrealloc(t->s, (size_t)t->cap * sizeof *t->s);
        }
        t->s[t->n++] = (stage){xstrdup(name), lead_days(st), dem, avg, sd, 0, 0};
        if (t->n > 10000000) die(2, "%s: too many stages", path);
    }
    if (t->n == 0) die(2, "%s: no stages", path);
    fclose(c.f);
    index_stages(t);
    /* duplicate names: rebuild the index and compare */
    for (int k = 0; k < t->n; k++)
        if (find_stage(t, t->s[k].name) != k) die(2, "%s: stage \"%s\" appears twice", path, t->s[k].name);
    row_clear(&h);
    row_clear(&r);
    free(h.cell);
    free(r.cell);
    free(c.buf);
}

/* ---------------------------------------------------------------- arcs */

typedef struct {
    int src, dst;
} arc;

static int arc_cmp(const void *a, const void *b)
{
    const arc *x = a, *y = b;
    if (x->dst != y->dst) return x->dst < y->dst ? -1 : 1;
    return (x->src > y->src) - (x->src < y->src);
}

/* Reads the arcs in file order; duplicates dropped (the first one kept). */
static arc *read_arcs(const char *path, stages *t, size_t *count)
{
    csv c;
    row h = {0}, r = {0};
    csv_open(&c, path);
    if (!csv_row(&c, &h)) die(2, "%s: empty file", path);
    int cs = column(&h, "sourceStage"), cd = column(&h, "destinationStage");
    if (cs < 0 || cd < 0) die(2, "%s: the header needs columns sourceStage and destinationStage", path);
    arc *a = NULL;
    size_t n = 0, cap = 0;
    while (csv_row(&c, &r)) {
        const char *s = cell(&r, cs), *d = cell(&r, cd);
        if (!*s || !*d) die(2, "%s:%ld: empty sourceStage or destinationStage", path, c.line);
        int is = find_stage(t, s), id = find_stage(t, d);
        if (is < 0) die(2, "%s:%ld: sourceStage \"%s\" is not in the stages file", path, c.line, s);
        if (id < 0) die(2, "%s:%ld: destinationStage \"%s\" is not in the stages file", path, c.line, d);
        if (is == id) die(2, "%s:%ld: arc from \"%s\" to itself", path, c.line, s);
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            a = xrealloc(a, cap * sizeof *a);
        }
        a[n++] = (arc){is, id};
    }
    fclose(c.f);
    row_clear(&h);
    row_clear(&r);
    free(h.cell);
    free(r.cell);
    free(c.buf);
    /* drop duplicates, keeping file order: mark by a sorted copy */
    arc *sorted = xrealloc(NULL, (n ? n : 1) * sizeof *sorted);
    memcpy(sorted, a, n * sizeof *a);
    qsort(sorted, n, sizeof *sorted, arc_cmp);
    size_t dups = 0;
    for (size_t i = 1; i < n; i++) dups += arc_cmp(&sorted[i - 1], &sorted[i]) == 0;
    if (dups) {
        /* rare: quadratic-free dedupe by keeping a seen flag per sorted slot */
        unsigned char *seen = xrealloc(NULL, n);
        memset(seen, 0, n);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            arc *p = bsearch(&a[i], sorted, n, sizeof *sorted, arc_cmp);
            size_t j = (size_t)(p - sorted);
            while (j > 0 && arc_cmp(&sorted[j - 1], &a[i]) == 0) j--;
            if (seen[j]) continue;
            seen[j] = 1;
            a[k++] = a[i];
        }
        n = k;
        free(seen);
        fprintf(stderr, "ordo_willems: %s: %zu duplicate arc(s) written once\n", path, dups);
    }
    free(sorted);
    for (size_t i = 0; i < n; i++) {
        t->s[a[i].dst].nin++;
        t->s[a[i].src].nout++;
    }
    *count = n;
    return a;
}

/* Topological order (sources first) into order[]; dies naming a stage on a cycle. Also
 * returns the longest path in arcs and the longest cumulative lead time. */
static void analyse(const stages *t, const arc *a, size_t na, int *levels, long *cumlead)
{
    int n = t->n;
    size_t *first = xrealloc(NULL, ((size_t)n + 1) * sizeof *first);
    int *next = xrealloc(NULL, (na ? na : 1) * sizeof *next), *indeg = xrealloc(NULL, (size_t)n * sizeof *indeg),
        *queue = xrealloc(NULL, (size_t)n * sizeof *queue), *depth = xrealloc(NULL, (size_t)n * sizeof *depth);
    long *cum = xrealloc(NULL, (size_t)n * sizeof *cum);
    /* successors by source (CSR) */
    memset(first, 0, ((size_t)n + 1) * sizeof *first);
    for (size_t i = 0; i < na; i++) first[a[i].src + 1]++;
    for (int v = 0; v < n; v++) first[v + 1] += first[v];
    size_t *fill = xrealloc(NULL, (size_t)n * sizeof *fill);
    for (int v = 0; v < n; v++) fill[v] = first[v], indeg[v] = t->s[v].nin;
    for (size_t i = 0; i < na; i++) next[fill[a[i].src]++] = a[i].dst;
    int qh = 0, qt = 0;
    for (int v = 0; v < n; v++) {
        depth[v] = 0;
        cum[v] = t->s[v].lead;
        if (!indeg[v]) queue[qt++] = v;
    }
    *levels = 0;
    *cumlead = 0;
    while (qh < qt) {
        int v = queue[qh++];
        if (depth[v] > *levels) *levels = depth[v];
        if (cum[v] > *cumlead) *cumlead = cum[v];
        for (size_t k = first[v]; k < first[v + 1]; k++) {
            int w = next[k];
            if (depth[v] + 1 > depth[w]) depth[w] = depth[v] + 1;
            if (cum[v] + t->s[w].lead > cum[w]) cum[w] = cum[v] + t->s[w].lead;
            if (--indeg[w] == 0) queue[qt++] = w;
        }
    }
    if (qt < n) {
        for (int v = 0; v < n; v++)
            if (indeg[v]) die(2, "the arcs form a cycle through stage \"%s\"", t->s[v].name);
    }
    free(first);
    free(next);
    free(indeg);
    free(queue);
    free(depth);
    free(cum);
    free(fill);
}

/* ---------------------------------------------------------------- output */

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} writer;

static void w_flush(writer *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->f) != w->len) die(2, "write failed: %s", strerror(errno));
    w->len = 0;
}

static void w_mem(writer *w, const char *s, size_t n)
{
    if (w->len + n > OUT_BUF) w_flush(w);
    if (n > OUT_BUF) {
        if (fwrite(s, 1, n, w->f) != n) die(2, "write failed: %s", strerror(errno));
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void w_str(writer *w, const char *s) { w_mem(w, s, strlen(s)); }

static void w_uint(writer *w, uint64_t v)
{
    char tmp[24];
    int i = 24;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    w_mem(w, tmp + i, (size_t)(24 - i));
}

/* Writes "id" (quoted) of stage k in copy r. */
static void w_id(writer *w, const stage *s, uint64_t r)
{
    w_mem(w, "\"", 1);
    w_str(w, s->name);
    if (r) {
        w_mem(w, "#", 1);
        w_uint(w, r);
    }
    w_mem(w, "\"", 1);
}

/* Writes a string with JSON escapes (for file names in x-source). */
static void w_json(writer *w, const char *s)
{
    w_mem(w, "\"", 1);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            char e[2] = {'\\', (char)ch};
            w_mem(w, e, 2);
        } else if (ch < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", ch);
            w_str(w, e);
        } else {
            w_mem(w, s, 1);
        }
    }
    w_mem(w, "\"", 1);
}

static const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b ? b + 1 : p;
}

/* Parses a whole number in [lo, hi] for option opt. */
static uint64_t parse_count(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-' || *s == '+') die(2, "%s: \"%s\" is not a whole number in [%llu, %llu]", opt, s, (unsigned long long)lo, (unsigned long long)hi);
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || v < lo || v > hi)
        die(2, "%s: \"%s\" is not a whole number in [%llu, %llu]", opt, s, (unsigned long long)lo, (unsigned long long)hi);
    return v;
}

int main(int argc, char **argv)
{
    const char *in_stages = NULL, *in_arcs = NULL, *out = NULL, *start_s = "2026-11-23";
    uint64_t seed = 1, days = 60, replicate = 0, items = 0;
    int stats = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "--stats") == 0) {
            stats = 1;
        } else if (a[0] == '-' && a[1] && (strcmp(a, "-o") == 0 || strcmp(a, "--seed") == 0 || strcmp(a, "--days") == 0 ||
                                           strcmp(a, "--replicate") == 0 || strcmp(a, "--items") == 0 ||
                                           strcmp(a, "--start") == 0)) {
            if (!has) {
                fprintf(stderr, "ordo_willems: %s needs a value\n%s", a, usage_text);
                return 2;
            }
            const char *v = argv[++i];
            if (strcmp(a, "-o") == 0) out = v;
            else if (strcmp(a, "--seed") == 0) seed = parse_count(a, v, 0, UINT64_MAX);
            else if (strcmp(a, "--days") == 0) days = parse_count(a, v, 1, MAX_DAYS);
            else if (strcmp(a, "--replicate") == 0) replicate = parse_count(a, v, 1, MAX_ITEMS);
            else if (strcmp(a, "--items") == 0) items = parse_count(a, v, 1, MAX_ITEMS);
            else start_s = v;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "ordo_willems: unknown option %s\n%s", a, usage_text);
            return 2;
        } else if (!in_stages) {
            in_stages = a;
        } else if (!in_arcs) {
            in_arcs = a;
        } else {
            fprintf(stderr, "ordo_willems: unexpected argument %s\n%s", a, usage_text);
            return 2;
        }
    }
    if (!in_stages || !in_arcs) {
        fprintf(stderr, "ordo_willems: needs STAGES.csv and ARCS.csv\n%s", usage_text);
        return 2;
    }
    if (replicate && items) die(2, "--replicate and --items exclude each other");
    int64_t start;
    if (parse_date(start_s, &start)) die(2, "--start: \"%s\" is not a date YYYY-MM-DD", start_s);

    stages t = {0};
    read_stages(in_stages, &t);
    size_t na;
    arc *arcs = read_arcs(in_arcs, &t, &na);
    int levels;
    long cumlead;
    analyse(&t, arcs, na, &levels, &cumlead);

    uint64_t copies = replicate ? replicate : items ? (items + (uint64_t)t.n - 1) / (uint64_t)t.n : 1;
    if (copies * (uint64_t)t.n > MAX_ITEMS) die(2, "%llu copies of %d stages exceed %llu items", (unsigned long long)copies, t.n, MAX_ITEMS);
    if (copies > 1)
        for (int k = 0; k < t.n; k++)
            if (strchr(t.s[k].name, '#')) die(2, "stage \"%s\" holds '#', which copies use as id suffix", t.s[k].name);
    int64_t end = start + (int64_t)days + cumlead + MARGIN_DAYS;
    if (end > days_from_civil(9999, 12, 31)) die(2, "the horizon would end after 9999-12-31");
    int maxin = 0, maxout = 0, ndemand = 0;
    for (int k = 0; k < t.n; k++) {
        if (t.s[k].nin > maxin) maxin = t.s[k].nin;
        if (t.s[k].nout > maxout) maxout = t.s[k].nout;
        ndemand += t.s[k].demand;
    }

    /* output, under a temporary name unless stdout */
    writer w = {stdout, xrealloc(NULL, OUT_BUF), 0};
    char *tmp = NULL;
    int direct = 0;
    struct stat sb;
    if (out && strcmp(out, "-") != 0 && stat(out, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        w.f = fopen(out, "wb"); /* a device or pipe such as /dev/null: written in place */
        if (!w.f) die(2, "%s: %s", out, strerror(errno));
        out = NULL;
        direct = 1;
    } else if (out && strcmp(out, "-") != 0) {
        size_t n = strlen(out) + 32;
        tmp = xrealloc(NULL, n);
        snprintf(tmp, n, "%s.tmp%ld", out, (long)getpid());
        w.f = fopen(tmp, "wb");
        if (!w.f) die(2, "%s: %s", tmp, strerror(errno));
        tmp_path = tmp;
    }
    char d0[11], d1[11];
    format_date(start, d0);
    format_date(end, d1);
    w_str(&w, "{\"ordo\": 1,\n \"x-description\": \"Willems (2008) real-world supply chain converted by "
              "ordo_willems (cite: S. P. Willems, Manufacturing & Service Operations Management "
              "10(1):19-23, 2008, DOI 10.1287/msom.1070.0176)\",\n \"x-source\": {\"stages\": ");
    w_json(&w, base_name(in_stages));
    w_str(&w, ", \"arcs\": ");
    w_json(&w, base_name(in_arcs));
    w_str(&w, ", \"seed\": ");
    w_uint(&w, seed);
    w_str(&w, ", \"days\": ");
    w_uint(&w, days);
    w_str(&w, ", \"copies\": ");
    w_uint(&w, copies);
    w_str(&w, "},\n \"horizon\": {\"start\": \"");
    w_str(&w, d0);
    w_str(&w, "\", \"end\": \"");
    w_str(&w, d1);
    w_str(&w, "\"},\n \"items\": [");
    int first = 1;
    for (uint64_t r = 0; r < copies; r++)
        for (int k = 0; k < t.n; k++) {
            w_str(&w, first ? "\n  {\"id\": " : ",\n  {\"id\": ");
            first = 0;
            w_id(&w, &t.s[k], r);
            w_str(&w, t.s[k].nin ? ", \"source\": \"make\", \"lead_time_days\": " : ", \"source\": \"buy\", \"lead_time_days\": ");
            w_uint(&w, (uint64_t)t.s[k].lead);
            w_str(&w, ", \"lot\": {\"rule\": \"lfl\"}}");
        }
    w_str(&w, "\n ],\n \"bom\": [");
    first = 1;
    for (uint64_t r = 0; r < copies; r++)
        for (size_t i = 0; i < na; i++) {
            w_str(&w, first ? "\n  {\"parent\": " : ",\n  {\"parent\": ");
            first = 0;
            w_id(&w, &t.s[arcs[i].dst], r);
            w_str(&w, ", \"component\": ");
            w_id(&w, &t.s[arcs[i].src], r);
            w_str(&w, ", \"qty_per\": 1}");
        }
    w_str(&w, "\n ],\n \"orders\": [");
    /* the day strings, computed once */
    char *dates = xrealloc(NULL, (size_t)days * 11);
    for (uint64_t d = 0; d < days; d++) format_date(start + (int64_t)d, dates + d * 11);
    uint64_t norders = 0;
    for (uint64_t r = 0; r < copies; r++)
        for (int k = 0; k < t.n; k++) {
            const stage *s = &t.s[k];
            if (!s->demand) continue;
            uint64_t x = stream_seed(seed, r, (uint64_t)k);
            for (uint64_t d = 0; d < days; d++) {
                double q = s->avg + s->sd * normal(&x);
                if (q < 0.5) continue;
                if (q > 1e12) q = 1e12;
                uint64_t qty = (uint64_t)(q + 0.5);
                w_str(&w, norders ? ",\n  {\"id\": \"SO-" : "\n  {\"id\": \"SO-");
                w_uint(&w, ++norders);
                w_str(&w, "\", \"item\": ");
                w_id(&w, s, r);
                w_str(&w, ", \"qty\": ");
                w_uint(&w, qty);
                w_str(&w, ", \"due\": \"");
                w_mem(&w, dates + d * 11, 10);
                w_str(&w, "\"}");
            }
        }
    w_str(&w, "\n ]\n}\n");
    w_flush(&w);
    if (tmp) {
        if (fclose(w.f) != 0) die(2, "%s: %s", tmp, strerror(errno));
        if (rename(tmp, out) != 0) die(2, "%s: %s", out, strerror(errno));
        tmp_path = NULL;
    } else if (direct ? fclose(w.f) != 0 : fflush(stdout) != 0) {
        die(2, "write failed: %s", strerror(errno));
    }
    if (stats)
        fprintf(stderr,
                "items=%llu bom=%llu levels=%d max_fan_in=%d max_fan_out=%d demand_stages=%llu orders=%llu "
                "cum_lead_days=%ld horizon_end=%s\n",
                (unsigned long long)(copies * (uint64_t)t.n), (unsigned long long)(copies * na), levels, maxin, maxout,
                (unsigned long long)(copies * (uint64_t)ndemand), (unsigned long long)norders, cumlead, d1);
    free(dates);
    free(w.buf);
    free(tmp);
    free(arcs);
    for (int k = 0; k < t.n; k++) free(t.s[k].name);
    free(t.s);
    free(t.hash);
    return 0;
}
