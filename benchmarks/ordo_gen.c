/* ordo_gen: writes a synthetic ordo data set (SPEC.md section 2) of any size, for benchmarks.
 * Two shapes. "layered" (the default) builds a layered, acyclic BOM of make/phantom/buy items
 * with calendars, resources, routings, open receipts and customer orders from a few size
 * parameters and a seed. "erp" builds a factory shaped like a real one: 10% finished goods,
 * 45% purchased parts, pools of common parts used by many parents, ERP-like lot rules, stock
 * and open purchase orders, and routings that load the busiest resources to --load.
 * The output depends only on the arguments: same arguments, byte-identical file.
 * Writes JSON itself; the HDF5 form (-o FILE.h5) goes through the engine's converter.
 * Run `ordo_gen --help` for the options. */

#include "ordo.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 20
#define MAX_FANOUT 50
#define MAX_COMP (2 * (MAX_FANOUT + 1))
#define MAX_ITEMS 20000000ULL
#define MAX_ROWS 1000000000ULL
#define MAX_HORIZON 36500
#define OUT_BUF (4u << 20)

enum { SRC_MAKE, SRC_BUY, SRC_PHANTOM };

/* Independent random streams, one per table, so that e.g. --orders does not change the BOM. */
enum { ST_LEVELS = 1, ST_BOM, ST_ITEMS, ST_ROUTINGS, ST_RESOURCES, ST_RECEIPTS, ST_ORDERS,
       ST_ERP_LOTS, ST_ERP_SALES, ST_ERP_SUPPLIERS, ST_ERP_ALTERNATES };

enum { SHAPE_LAYERED, SHAPE_ERP };

typedef struct {
    uint64_t items, orders, receipts, resources, seed;
    int depth, fanout, horizon;
    double shared, load;     /* load: share of the capacity the routings ask for */
    int first_due;            /* orders are due from this day of the horizon on */
    double suppliers;         /* erp: share of the bought items with a second supplier */
    double alternates;        /* erp: share of the lines to a purchased part with an alternative */
    int sites;                /* erp: 2 adds a second site served by transfers */
    int64_t start;          /* days since 1970-01-01 */
    const char *out_path;   /* NULL or "-": stdout */
    int depth_set, orders_set, receipts_set, resources_set;
    int shape, fanout_set, shared_set, horizon_set;
} params;

typedef struct { uint64_t s[4]; } rng;

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
    int err;
} writer;

typedef struct {
    uint32_t parent, comp;
    int32_t from, to;   /* day offsets from horizon start; -1: open */
    uint16_t qty;       /* qty_per in hundredths */
    uint8_t scrap;      /* scrap in hundredths */
} bom_line;

typedef struct {
    params p;
    uint32_t n;                         /* items */
    uint32_t lev_start[MAX_DEPTH + 1];  /* level L = items [lev_start[L], lev_start[L+1]) */
    uint8_t *source, *level, *has_parent;
    double *demand;                     /* expected units over the horizon, for lot sizes */
    bom_line *bom;
    size_t nbom, cap_bom;
    char *dates;                        /* (horizon + 1) dates of 10 chars each */
    int32_t *hol;
    int nhol;
    int w_item, w_res, w_ord, w_rc, w_cust;
    uint64_t ncust;
    writer w;
    struct erp *erp;                    /* --shape erp: its model, else NULL */
} ctx;

/* ---------------------------------------------------------------- errors, memory */

/* Prints a message and exits with the given status. */
static void die(int status, const char *msg, const char *arg)
{
    fprintf(stderr, "ordo_gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(status);
}

/* calloc that exits on failure. */
static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        die(1, "out of memory", NULL);
    return p;
}

/* ---------------------------------------------------------------- PRNG */

/* splitmix64 step: used to expand the seed into xoshiro state. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Seeds stream `stream` of seed `seed`. */
static void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoshiro256** next value. */
static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return res;
}

/* Uniform integer in [0, n), n >= 1 (multiply-shift for n < 2^32). */
static uint64_t rng_below(rng *r, uint64_t n)
{
    uint64_t x = rng_next(r);
    if (n <= 0xFFFFFFFFULL)
        return ((x >> 32) * n) >> 32;
    return x % n;
}

/* Uniform integer in [lo, hi]. */
static int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

/* True with probability p. */
static int rng_chance(rng *r, double p)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0) < p;
}

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of days_from_civil. */
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

/* ISO weekday (1 = Monday .. 7 = Sunday) of a day number. */
static int iso_weekday(int64_t z)
{
    return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return dm[m - 1] + (m == 2 && leap);
}

/* Parses a strict YYYY-MM-DD (years 1900..9999); returns 0 on success. */
static int parse_date(const char *s, int64_t *out)
{
    int v[8];
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0, k = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v[k++] = s[i] - '0';
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

/* Formats day number z as YYYY-MM-DD into dst (10 chars, no terminator). */
static void format_date(int64_t z, char *dst)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(dst, tmp, 10);
}

/* ---------------------------------------------------------------- output */

/* Writes the buffered bytes to the file. */
static void w_flush(writer *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->f) != w->len)
        w->err = 1;
    w->len = 0;
}

/* Appends n bytes. */
static void w_mem(writer *w, const char *s, size_t n)
{
    if (w->len + n > OUT_BUF)
        w_flush(w);
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void w_str(writer *w, const char *s) { w_mem(w, s, strlen(s)); }

/* Appends an unsigned integer, zero-padded to at least `width` digits. */
static void w_uint_pad(writer *w, uint64_t v, int width)
{
    char tmp[24];
    int i = 24;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (24 - i < width && i > 0)
        tmp[--i] = '0';
    w_mem(w, tmp + i, (size_t)(24 - i));
}

static void w_uint(writer *w, uint64_t v) { w_uint_pad(w, v, 1); }

/* Appends v / 10^dec in shortest decimal form (trailing zeros dropped, never "-0"). */
static void w_fixed(writer *w, int64_t v, int dec)
{
    static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (v < 0)
        w_mem(w, "-", 1);
    uint64_t a = (uint64_t)(v < 0 ? -v : v), ip = a / (uint64_t)pow10[dec], fp = a % (uint64_t)pow10[dec];
    w_uint(w, ip);
    if (!fp)
        return;
    while (fp % 10 == 0) {
        fp /= 10;
        dec--;
    }
    w_mem(w, ".", 1);
    w_uint_pad(w, fp, dec);
}

/* Appends a quoted id: "PREFIX" followed by n zero-padded to width digits. */
static void w_id(writer *w, const char *prefix, uint64_t n, int width)
{
    w_mem(w, "\"", 1);
    w_str(w, prefix);
    w_uint_pad(w, n, width);
    w_mem(w, "\"", 1);
}

/* Appends the quoted date of day offset d from the horizon start. */
static void w_date(ctx *c, int64_t d)
{
    w_mem(&c->w, "\"", 1);
    w_mem(&c->w, c->dates + 10 * d, 10);
    w_mem(&c->w, "\"", 1);
}

/* Appends ",\n" before every array element but the first. */
static void w_sep(writer *w, uint64_t i) { w_mem(w, i ? ",\n" : "\n", i ? 2 : 1); }

/* Appends a quoted item id. */
static void w_item(ctx *c, uint32_t i) { w_id(&c->w, "I", (uint64_t)i + 1, c->w_item); }

/* Appends a quoted item id with a site suffix ("I000001@P2"). */
static void w_item_at(ctx *c, uint32_t i, const char *site)
{
    w_mem(&c->w, "\"I", 2);
    w_uint_pad(&c->w, (uint64_t)i + 1, c->w_item);
    w_str(&c->w, site);
    w_mem(&c->w, "\"", 1);
}

/* ---------------------------------------------------------------- command line */

static void usage(FILE *f)
{
    fputs("usage: ordo_gen [options]\n"
          "Writes a synthetic ordo data set (JSON) of the given size; same arguments, same bytes.\n"
          "  --shape S          layered (default): a layered BOM of make/phantom/buy items;\n"
          "                     erp: a factory shaped like a real one (10% finished goods, 45%\n"
          "                     purchased parts, pools of common parts used by many parents,\n"
          "                     ERP lot rules, stock, open purchase orders); --fanout, --shared\n"
          "                     and --receipts are layered-only; erp defaults: 180-day horizon,\n"
          "                     resources = max(3, made items/20), --load = the busiest\n"
          "                     resources' share of their working minutes\n"
          "  --items N          total items (default 1000, 1..20000000)\n"
          "  --orders N         customer orders (default = items, 0..1e9)\n"
          "  --depth D          BOM levels (default 6, 1..20; level 0 finished goods, deepest bought)\n"
          "  --fanout F         components per make item, varied +-1 (default 3, 1..50)\n"
          "  --shared P         probability that a component comes from two or more levels down\n"
          "                     (default 0.05, 0..1)\n"
          "  --resources R      resources (default max(2, items/50), 1..1000000)\n"
          "  --receipts N       open receipts (default orders/20, 0..1e9)\n"
          "  --horizon-days H   horizon length in days (default 120, 1..36500)\n"
          "  --first-due D      orders are due from day D of the horizon on (default 10, 0..36500)\n"
          "  --load L           share of the resources' capacity over the horizon that the\n"
          "                     routings ask for, set-ups included (default 0.6, 0..1)\n"
          "  --alternates P     erp: share of the BOM lines to a purchased part that get an\n"
          "                     alternative (a group with the part's neighbouring purchased\n"
          "                     part, priority 1; default 0, 0..1)\n"
          "  --suppliers P      erp: share of the bought items with two suppliers (the second\n"
          "                     faster or slower, by priority; default 0: none)\n"
          "  --sites N          erp: 1 (default) or 2: a second site P2 whose copy of every\n"
          "                     finished good is moved from P1 in 1-3 days; one order in four\n"
          "                     is for the P2 copy\n"
          "  --start YYYY-MM-DD horizon start (default 2026-11-23)\n"
          "  --seed K           random seed (default 1, 0..2^64-1)\n"
          "  -o, --output FILE  output file (default stdout; written to FILE.tmp, then renamed);\n"
          "                     FILE.h5 writes the HDF5 form of the data set\n"
          "  -h, --help         this text\n"
          "Options take their value as the next argument or after '=' (--items=5000).\n",
          f);
}

/* Reports a bad argument and exits with status 2. */
static void bad_arg(const char *opt, const char *msg, const char *val)
{
    if (val)
        fprintf(stderr, "ordo_gen: %s: %s, got '%s' (see --help)\n", opt, msg, val);
    else
        fprintf(stderr, "ordo_gen: %s: %s (see --help)\n", opt, msg);
    exit(2);
}

/* Parses an unsigned integer in [lo, hi] or exits. */
static uint64_t parse_uint(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
    char *end, msg[96];
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    snprintf(msg, sizeof msg, "expected an integer in [%llu, %llu]", (unsigned long long)lo,
             (unsigned long long)hi);
    if (!*s || *s == '-' || *s == '+' || *s == ' ' || *end || errno || v < lo || v > hi)
        bad_arg(opt, msg, s);
    return (uint64_t)v;
}

/* Parses a probability in [0, 1] or exits. */
static double parse_prob(const char *opt, const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= 0.0 && v <= 1.0))
        bad_arg(opt, "expected a number in [0, 1]", s);
    return v;
}

/* Stores one option's value into p. */
static void set_option(params *p, const char *opt, const char *val)
{
    if (!strcmp(opt, "--items"))
        p->items = parse_uint(opt, val, 1, MAX_ITEMS);
    else if (!strcmp(opt, "--orders"))
        p->orders = parse_uint(opt, val, 0, MAX_ROWS), p->orders_set = 1;
    else if (!strcmp(opt, "--depth"))
        p->depth = (int)parse_uint(opt, val, 1, MAX_DEPTH), p->depth_set = 1;
    else if (!strcmp(opt, "--fanout"))
        p->fanout = (int)parse_uint(opt, val, 1, MAX_FANOUT), p->fanout_set = 1;
    else if (!strcmp(opt, "--shared"))
        p->shared = parse_prob(opt, val), p->shared_set = 1;
    else if (!strcmp(opt, "--shape")) {
        if (!strcmp(val, "layered"))
            p->shape = SHAPE_LAYERED;
        else if (!strcmp(val, "erp"))
            p->shape = SHAPE_ERP;
        else
            bad_arg(opt, "expected layered or erp", val);
    }
    else if (!strcmp(opt, "--resources"))
        p->resources = parse_uint(opt, val, 1, 1000000), p->resources_set = 1;
    else if (!strcmp(opt, "--receipts"))
        p->receipts = parse_uint(opt, val, 0, MAX_ROWS), p->receipts_set = 1;
    else if (!strcmp(opt, "--first-due"))
        p->first_due = (int)parse_uint(opt, val, 0, MAX_HORIZON);
    else if (!strcmp(opt, "--load"))
        p->load = parse_prob(opt, val);
    else if (!strcmp(opt, "--alternates"))
        p->alternates = parse_prob(opt, val);
    else if (!strcmp(opt, "--suppliers"))
        p->suppliers = parse_prob(opt, val);
    else if (!strcmp(opt, "--sites"))
        p->sites = (int)parse_uint(opt, val, 1, 2);
    else if (!strcmp(opt, "--horizon-days"))
        p->horizon = (int)parse_uint(opt, val, 1, MAX_HORIZON), p->horizon_set = 1;
    else if (!strcmp(opt, "--start")) {
        if (parse_date(val, &p->start))
            bad_arg(opt, "expected a date YYYY-MM-DD (year >= 1900)", val);
    } else if (!strcmp(opt, "--seed"))
        p->seed = parse_uint(opt, val, 0, UINT64_MAX);
    else if (!strcmp(opt, "-o") || !strcmp(opt, "--output")) {
        if (!*val)
            bad_arg(opt, "expected a file name", val);
        p->out_path = val;
    } else
        bad_arg(opt, "unknown option", NULL);
}

/* Fills in the defaults that depend on other options and checks combinations. */
static void finish_params(params *p)
{
    if (p->shape == SHAPE_ERP) {
        if (p->fanout_set || p->shared_set || p->receipts_set)
            die(2, "--fanout, --shared and --receipts apply to --shape layered only", NULL);
    } else if (p->suppliers > 0 || p->sites > 1 || p->alternates > 0) {
        die(2, "--suppliers, --sites and --alternates apply to --shape erp only", NULL);
    }
    if (p->shape == SHAPE_ERP) {
        if (p->items < 8)
            die(2, "--shape erp needs at least 8 items (--items)", NULL);
        if (p->depth < 2 && p->depth_set)
            die(2, "--shape erp needs --depth 2 or more", NULL);
        if ((uint64_t)p->depth * 4 > p->items) {
            if (p->depth_set) {
                fprintf(stderr, "ordo_gen: --shape erp --depth %d needs at least %d items (--items)\n", p->depth,
                        4 * p->depth);
                exit(2);
            }
            p->depth = (int)(p->items / 4);
        }
        if (!p->horizon_set)
            p->horizon = 180;
    }
    if ((uint64_t)p->depth > p->items) {
        if (p->depth_set) {
            fprintf(stderr, "ordo_gen: --depth %d needs at least %d items (--items)\n", p->depth, p->depth);
            exit(2);
        }
        p->depth = (int)p->items;
    }
    if (!p->orders_set)
        p->orders = p->items;
    if (!p->resources_set && p->shape == SHAPE_ERP) /* made items are about 55% of all */
        p->resources = p->items * 55 / 2000 > 3 ? p->items * 55 / 2000 : 3;
    else if (!p->resources_set)
        p->resources = p->items / 50 > 2 ? p->items / 50 : 2;
    if (!p->receipts_set)
        p->receipts = p->orders / 20;
    if (p->start + p->horizon > days_from_civil(9999, 12, 31))
        die(2, "--start + --horizon-days goes past 9999-12-31", NULL);
}

/* True when opt is one of the options that take a value. */
static int known_option(const char *opt)
{
    static const char *const names[] = {"--shape", "--items", "--orders", "--depth", "--fanout", "--shared",
                                         "--resources", "--receipts", "--horizon-days", "--start",
                                         "--first-due", "--load", "--suppliers", "--sites", "--alternates",
                                         "--seed", "-o", "--output"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(opt, names[i]))
            return 1;
    return 0;
}

/* Parses argv into p (exits 0 on --help, 2 on bad arguments). */
static void parse_args(int argc, char **argv, params *p)
{
    memset(p, 0, sizeof *p);
    p->items = 1000;
    p->depth = 6;
    p->fanout = 3;
    p->shared = 0.05;
    p->load = 0.6;
    p->first_due = 10;
    p->horizon = 120;
    p->seed = 1;
    p->start = days_from_civil(2026, 11, 23);
    for (int i = 1; i < argc; i++) {
        char opt[32];
        const char *a = argv[i], *eq = strchr(a, '='), *val;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        }
        size_t n = eq && a[0] == '-' && a[1] == '-' ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof opt || a[0] != '-')
            bad_arg("argument", "unexpected argument", a);
        memcpy(opt, a, n);
        opt[n] = 0;
        if (!known_option(opt))
            bad_arg(opt, "unknown option", NULL);
        if (a[n] == '=')
            val = a + n + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        else
            bad_arg(opt, "missing value", NULL);
        set_option(p, opt, val);
    }
    finish_params(p);
}

/* ---------------------------------------------------------------- model: levels */

static int ndigits(uint64_t v)
{
    int d = 1;
    while (v >= 10)
        v /= 10, d++;
    return d;
}

static int max_i(int a, int b) { return a > b ? a : b; }

/* Growth ratio between BOM levels: deepest level ~10x the top one, at most 1.6 per level.
 * Bisection with plain multiplications keeps it bit-identical on every IEEE machine. */
static double level_ratio(int depth)
{
    double lo = 1.0, hi = 2.0;
    if (depth <= 1)
        return 1.0;
    for (int it = 0; it < 60; it++) {
        double mid = (lo + hi) / 2, x = 1.0;
        for (int k = 1; k < depth; k++)
            x *= mid;
        if (x < 10.0)
            lo = mid;
        else
            hi = mid;
    }
    return lo < 1.6 ? lo : 1.6;
}

/* Splits the items over the levels: one each, the rest in geometric proportion. */
static void split_levels(ctx *c)
{
    int d = c->p.depth;
    uint64_t w[MAX_DEPTH], sum = 0, rest = c->n - (uint64_t)d, used = 0;
    double r = level_ratio(d), x = 1.0;
    for (int L = 0; L < d; L++, x *= r)
        sum += w[L] = (uint64_t)(x * 1e6);
    c->lev_start[0] = 0;
    for (int L = 0; L < d; L++) {
        uint64_t extra = rest * w[L] / sum;
        if (L == d - 1)
            extra = rest - used;
        used += extra;
        c->lev_start[L + 1] = c->lev_start[L] + 1 + (uint32_t)extra;
    }
}

/* Assigns level and source to every item: level 0 make, deepest buy (unless depth 1),
 * intermediate make with ~3% phantoms when depth >= 3. */
static void assign_sources(ctx *c)
{
    rng r;
    int d = c->p.depth;
    rng_seed(&r, c->p.seed, ST_LEVELS);
    for (int L = 0; L < d; L++) {
        for (uint32_t i = c->lev_start[L]; i < c->lev_start[L + 1]; i++) {
            c->level[i] = (uint8_t)L;
            c->source[i] = SRC_MAKE;
            if (d >= 2 && L == d - 1)
                c->source[i] = SRC_BUY;
            else if (d >= 3 && L > 0 && rng_chance(&r, 0.03))
                c->source[i] = SRC_PHANTOM;
        }
    }
}

/* Uniform item of level L. */
static uint32_t pick_in_level(ctx *c, rng *r, int L)
{
    return (uint32_t)rng_range(r, c->lev_start[L], (int64_t)c->lev_start[L + 1] - 1);
}

/* ---------------------------------------------------------------- model: BOM */

/* Appends one BOM line and marks its component as used. */
static void bom_push(ctx *c, bom_line ln)
{
    if (c->nbom == c->cap_bom) {
        c->cap_bom = c->cap_bom ? 2 * c->cap_bom : 1024;
        c->bom = realloc(c->bom, c->cap_bom * sizeof *c->bom);
        if (!c->bom)
            die(1, "out of memory", NULL);
    }
    c->bom[c->nbom++] = ln;
    c->has_parent[ln.comp] = 1;
}

static int contains(const uint32_t *a, int n, uint32_t v)
{
    for (int i = 0; i < n; i++)
        if (a[i] == v)
            return 1;
    return 0;
}

/* Random qty_per in hundredths: mostly 1, sometimes 2..4 or a fraction. */
static uint16_t rand_qty(rng *r)
{
    static const uint16_t frac[] = {25, 50, 150, 250};
    if (rng_chance(r, 0.1))
        return frac[rng_below(r, 4)];
    uint64_t k = rng_below(r, 20);
    return (uint16_t)(100 * (k < 15 ? 1 : k < 18 ? 2 : k < 19 ? 3 : 4));
}

/* Item of level L near relative position rel (0..1) of that level: products are made of
 * their own family of parts, so components are drawn from a narrow band that follows the
 * parent's position rather than from the whole level. */
static uint32_t pick_near(ctx *c, rng *r, int L, double rel)
{
    int64_t lo = c->lev_start[L], size = (int64_t)c->lev_start[L + 1] - lo;
    int64_t band = size > 8 ? 4 : size / 2;
    int64_t mid = lo + (int64_t)(rel * (double)size);
    int64_t k = mid + rng_range(r, -band, band);
    if (k < lo) k = lo + (lo - k) % size;
    if (k >= lo + size) k = lo + size - 1 - (k - lo - size) % size;
    return (uint32_t)k;
}

/* Component for parent `parent` at level L: from its family band on the next level, or with
 * probability --shared a common part from anywhere two or more levels down. */
static uint32_t pick_component(ctx *c, rng *r, uint32_t parent, int L)
{
    if (L + 2 < c->p.depth && rng_chance(r, c->p.shared))
        return (uint32_t)rng_range(r, c->lev_start[L + 2], (int64_t)c->n - 1);
    double size = (double)(c->lev_start[L + 1] - c->lev_start[L]);
    return pick_near(c, r, L + 1, ((double)(parent - c->lev_start[L]) + 0.5) / size);
}

/* Picks a replacement for component `comp` from its level that the parent does not use yet. */
static int pick_replacement(ctx *c, rng *r, uint32_t comp, const uint32_t *used, int n, uint32_t *out)
{
    for (int t = 0; t < 8; t++) {
        uint32_t alt = pick_in_level(c, r, c->level[comp]);
        if (!contains(used, n, alt)) {
            *out = alt;
            return 1;
        }
    }
    return 0;
}

/* Writes the lines of one component: plain, or (3%) an effectivity pair switching to another
 * component on a date inside the horizon. Returns the new number of used components. */
static int add_component(ctx *c, rng *r, uint32_t parent, uint32_t comp, uint32_t *used, int n)
{
    bom_line ln = {parent, comp, -1, -1, rand_qty(r), 0};
    uint32_t alt;
    if (rng_chance(r, 0.08))
        ln.scrap = (uint8_t)rng_range(r, 1, 5);
    if (c->p.horizon >= 2 && rng_chance(r, 0.03) && pick_replacement(c, r, comp, used, n, &alt)) {
        ln.to = (int32_t)rng_range(r, 1, c->p.horizon - 1);
        bom_push(c, ln);
        ln.comp = alt;
        ln.from = ln.to;
        ln.to = -1;
        used[n++] = alt;
    }
    bom_push(c, ln);
    return n;
}

/* Generates the components of one make/phantom parent at level L (no duplicate components). */
static void gen_parent(ctx *c, rng *r, uint32_t parent, int L)
{
    uint32_t used[MAX_COMP];
    int n = 0, f = c->p.fanout + (int)rng_range(r, -1, 1);
    if (f < 1)
        f = 1;
    for (int k = 0; k < f; k++) {
        for (int t = 0; t < 8; t++) {
            uint32_t comp = pick_component(c, r, parent, L);
            if (!contains(used, n, comp)) {
                used[n++] = comp;
                break;
            }
        }
    }
    int nbase = n;
    for (int i = 0; i < nbase; i++)
        n = add_component(c, r, parent, used[i], used, n);
}

/* Counting sort of the BOM lines by parent (stable), so each parent's lines are together. */
static void sort_bom(ctx *c)
{
    size_t *start = xcalloc((size_t)c->n + 1, sizeof *start);
    bom_line *out = xcalloc(c->nbom, sizeof *out);
    for (size_t i = 0; i < c->nbom; i++)
        start[c->bom[i].parent + 1]++;
    for (uint32_t i = 0; i < c->n; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < c->nbom; i++)
        out[start[c->bom[i].parent]++] = c->bom[i];
    free(start);
    free(c->bom);
    c->bom = out;
}

/* Builds the BOM: components from deeper levels only (acyclic), then every item without a
 * parent gets one random parent on the level above. */
static void gen_bom(ctx *c)
{
    rng r;
    int d = c->p.depth;
    rng_seed(&r, c->p.seed, ST_BOM);
    for (int L = 0; L + 1 < d; L++)
        for (uint32_t i = c->lev_start[L]; i < c->lev_start[L + 1]; i++)
            gen_parent(c, &r, i, L);
    for (uint32_t i = d > 1 ? c->lev_start[1] : c->n; i < c->n; i++) {
        if (!c->has_parent[i]) {
            int L = c->level[i];
            double rel = ((double)(i - c->lev_start[L]) + 0.5) / (double)(c->lev_start[L + 1] - c->lev_start[L]);
            bom_line ln = {pick_near(c, &r, L - 1, rel), i, -1, -1, rand_qty(&r), 0};
            bom_push(c, ln);
        }
    }
    sort_bom(c);
}

/* Expected demand of every item over the horizon: orders spread over the end items (mean
 * quantity 250), exploded through the BOM (parents come before components, lines are
 * sorted by parent). Lot sizes are drawn relative to it, as a planner sets them. */
static void expected_demand(ctx *c)
{
    c->demand = xcalloc((size_t)c->n + 1, sizeof *c->demand);
    uint32_t nend = c->p.depth > 1 ? c->lev_start[1] : c->n;
    for (uint32_t i = 0; i < nend; i++)
        c->demand[i] = 250.5 * (double)c->p.orders / (double)(nend ? nend : 1);
    for (size_t k = 0; k < c->nbom; k++) {
        const bom_line *b = &c->bom[k];
        c->demand[b->comp] += c->demand[b->parent] * b->qty / 100.0;
    }
}

/* ---------------------------------------------------------------- model: dates, holidays */

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Adds holiday day offset h unless outside the horizon. */
static void add_holiday(ctx *c, int64_t h)
{
    if (h >= 0 && h <= c->p.horizon)
        c->hol[c->nhol++] = (int32_t)h;
}

/* Holidays inside the horizon: Jan 1, May 1, Dec 25, Dec 26 of every year it spans; when that
 * gives fewer than two, two weekdays at 40% and 70% of the horizon. Sorted, unique. */
static void gen_holidays(ctx *c)
{
    static const int md[4][2] = {{1, 1}, {5, 1}, {12, 25}, {12, 26}};
    int y0, y1, m, d;
    civil_from_days(c->p.start, &y0, &m, &d);
    civil_from_days(c->p.start + c->p.horizon, &y1, &m, &d);
    c->hol = xcalloc((size_t)(y1 - y0 + 1) * 4 + 2, sizeof *c->hol);
    for (int y = y0; y <= y1; y++)
        for (int k = 0; k < 4; k++)
            add_holiday(c, days_from_civil(y, md[k][0], md[k][1]) - c->p.start);
    if (c->nhol < 2) {
        for (int k = 0; k < 2; k++) {
            int64_t h = (int64_t)c->p.horizon * (k ? 7 : 4) / 10;
            while (iso_weekday(c->p.start + h) > 5)
                h++;
            add_holiday(c, h);
        }
    }
    qsort(c->hol, (size_t)c->nhol, sizeof *c->hol, cmp_i32);
    int n = 0;
    for (int i = 0; i < c->nhol; i++)
        if (!n || c->hol[n - 1] != c->hol[i])
            c->hol[n++] = c->hol[i];
    c->nhol = n;
}

/* Precomputes the date strings of every day offset 0..horizon. */
static void gen_dates(ctx *c)
{
    c->dates = xcalloc((size_t)c->p.horizon + 1, 10);
    for (int i = 0; i <= c->p.horizon; i++)
        format_date(c->p.start + i, c->dates + 10 * i);
}

/* Builds everything that is kept in memory (levels, BOM, dates); the rest is streamed. */
static void build_model(ctx *c)
{
    c->n = (uint32_t)c->p.items;
    c->source = xcalloc(c->n, 1);
    c->level = xcalloc(c->n, 1);
    c->has_parent = xcalloc(c->n, 1);
    c->w_item = max_i(6, ndigits(c->p.items));
    c->w_res = max_i(4, ndigits(c->p.resources));
    c->w_ord = max_i(7, ndigits(c->p.orders));
    c->w_rc = max_i(6, ndigits(c->p.receipts));
    c->ncust = c->p.orders / 10 > 10000 ? 10000 : c->p.orders / 10 ? c->p.orders / 10 : 1;
    c->w_cust = max_i(4, ndigits(c->ncust));
    split_levels(c);
    assign_sources(c);
    gen_bom(c);
    expected_demand(c);
    gen_dates(c);
    gen_holidays(c);
}

/* ---------------------------------------------------------------- writing the tables */

/* Writes "ordo", the generator parameters (an x- key, ignored by readers), horizon, objective. */
static void write_header(ctx *c)
{
    writer *w = &c->w;
    char shared[32];
    snprintf(shared, sizeof shared, "%.6g", c->p.shared);
    w_str(w, "{\n\"ordo\": 1,\n\"x-ordo-gen\": {\"seed\": \"");
    w_uint(w, c->p.seed);
    w_str(w, "\", \"items\": ");
    w_uint(w, c->p.items);
    w_str(w, ", \"orders\": ");
    w_uint(w, c->p.orders);
    w_str(w, ", \"depth\": ");
    w_uint(w, (uint64_t)c->p.depth);
    w_str(w, ", \"fanout\": ");
    w_uint(w, (uint64_t)c->p.fanout);
    w_str(w, ", \"shared\": ");
    w_str(w, shared);
    w_str(w, ", \"resources\": ");
    w_uint(w, c->p.resources);
    w_str(w, ", \"receipts\": ");
    w_uint(w, c->p.receipts);
    w_str(w, "},\n\"horizon\": {\"start\": ");
    w_date(c, 0);
    w_str(w, ", \"end\": ");
    w_date(c, c->p.horizon);
    w_str(w, "},\n\"objective\": \"tardiness\",\n");
}

/* Writes one calendar with two shifts and the common holidays. */
static void write_calendar(ctx *c, const char *id, const char *shifts, int overtime)
{
    writer *w = &c->w;
    w_str(w, "{\"id\": \"");
    w_str(w, id);
    w_str(w, "\", \"weekdays\": [1,2,3,4,5], \"shifts\": ");
    w_str(w, shifts);
    w_str(w, ", \"holidays\": [");
    for (int i = 0; i < c->nhol; i++) {
        if (i)
            w_str(w, ",");
        w_date(c, c->hol[i]);
    }
    w_str(w, "], \"overtime_minutes_per_day\": ");
    w_uint(w, (uint64_t)overtime);
    w_str(w, "}");
}

/* Writes the "std" (shop floor) and "office" (purchasing) calendars. */
static void write_calendars(ctx *c)
{
    w_str(&c->w, "\"calendars\": [\n");
    write_calendar(c, "std", "[[\"06:00\",\"14:00\"],[\"14:00\",\"22:00\"]]", 60);
    w_str(&c->w, ",\n");
    write_calendar(c, "office", "[[\"08:00\",\"12:00\"],[\"13:00\",\"17:00\"]]", 0);
    w_str(&c->w, "\n],\n");
}

/* Writes the resources: calendar std, units 1 or 2, efficiency 0.90..1.10. */
static void write_resources(ctx *c)
{
    writer *w = &c->w;
    rng r;
    rng_seed(&r, c->p.seed, ST_RESOURCES);
    w_str(w, "\"resources\": [");
    for (uint64_t i = 0; i < c->p.resources; i++) {
        w_sep(w, i);
        w_str(w, "{\"id\": ");
        w_id(w, "R", i + 1, c->w_res);
        w_str(w, ", \"calendar\": \"std\", \"units\": ");
        w_uint(w, rng_chance(&r, 0.25) ? 2 : 1);
        w_str(w, ", \"efficiency\": ");
        w_fixed(w, rng_range(&r, 90, 110), 2);
        w_str(w, "}");
    }
    w_str(w, "\n],\n");
}

/* A lot size of about demand / n units, as a round number (at least 10). */
static uint64_t lot_size(double demand, int64_t n)
{
    double q = demand / (double)n;
    uint64_t step = q < 100 ? 10 : q < 1000 ? 50 : q < 10000 ? 500 : 5000;
    uint64_t v = ((uint64_t)q / step + 1) * step;
    return v < 10 ? 10 : v > 1000000000 ? 1000000000 : v; /* the data set's limit (README, Limits) */
}

/* Writes a lot object: lfl mostly, foq with qty, poq with periods, sometimes min/multiple.
 * Fixed quantities and minimums are drawn relative to the item's expected demand. */
static void write_lot(writer *w, rng *r, double demand)
{
    static const unsigned mult[] = {5, 10, 12, 20, 25, 50, 100};
    uint64_t k = rng_below(r, 100);
    w_str(w, "\"lot\": {\"rule\": ");
    if (k < 70) {
        w_str(w, "\"lfl\"");
    } else if (k < 85) {
        w_str(w, "\"foq\", \"qty\": ");
        w_uint(w, lot_size(demand, rng_range(r, 8, 40)));
    } else {
        w_str(w, "\"poq\", \"periods\": ");
        w_uint(w, (uint64_t)rng_range(r, 1, 10));
    }
    if (rng_chance(r, 0.1)) {
        w_str(w, ", \"min\": ");
        w_uint(w, lot_size(demand, rng_range(r, 40, 200)));
    }
    if (rng_chance(r, 0.1)) {
        w_str(w, ", \"multiple\": ");
        w_uint(w, mult[rng_below(r, 7)]);
    }
    w_str(w, "}");
}

/* Writes one item record. */
static void write_item(ctx *c, rng *r, uint32_t i)
{
    static const char *src_name[] = {"make", "buy", "phantom"};
    writer *w = &c->w;
    int s = c->source[i];
    w_str(w, "{\"id\": ");
    w_item(c, i);
    w_str(w, ", \"source\": \"");
    w_str(w, src_name[s]);
    w_str(w, "\", \"lead_time_days\": ");
    w_uint(w, s == SRC_PHANTOM ? 0 : (uint64_t)(s == SRC_BUY ? rng_range(r, 2, 20) : rng_range(r, 0, 3)));
    w_str(w, ", \"inspection_days\": ");
    w_uint(w, s == SRC_PHANTOM ? 0 : (uint64_t)rng_range(r, 0, 2));
    w_str(w, ", \"on_hand\": ");
    w_uint(w, rng_chance(r, 0.3) ? (uint64_t)rng_range(r, 1, 500) : 0);
    w_str(w, ", \"safety_stock\": ");
    w_uint(w, s != SRC_PHANTOM && rng_chance(r, 0.1) ? (uint64_t)rng_range(r, 5, 100) : 0);
    w_str(w, ", \"yield\": ");
    w_fixed(w, s == SRC_MAKE && rng_chance(r, 0.15) ? rng_range(r, 95, 99) : 100, 2);
    w_str(w, s == SRC_BUY ? ", \"calendar\": \"office\", " : ", \"calendar\": \"std\", ");
    if (s == SRC_PHANTOM)
        w_str(w, "\"lot\": {\"rule\": \"lfl\"}");
    else
        write_lot(w, r, c->demand[i]);
    w_str(w, "}");
}

static void write_items(ctx *c)
{
    rng r;
    rng_seed(&r, c->p.seed, ST_ITEMS);
    w_str(&c->w, "\"items\": [");
    for (uint32_t i = 0; i < c->n; i++) {
        w_sep(&c->w, i);
        write_item(c, &r, i);
    }
    w_str(&c->w, "\n],\n");
}

static uint32_t erp_alternate(ctx *c, rng *r, const bom_line *b, const uint32_t *partner);
static uint32_t *erp_partners(ctx *c);

/* Writes the BOM lines (sorted by parent). */
static void write_bom(ctx *c)
{
    writer *w = &c->w;
    rng ra;
    rng_seed(&ra, c->p.seed, ST_ERP_ALTERNATES);
    uint32_t *partner = c->erp && c->p.alternates > 0 ? erp_partners(c) : NULL;
    w_str(w, "\"bom\": [");
    for (size_t i = 0; i < c->nbom; i++) {
        const bom_line *b = &c->bom[i];
        w_sep(w, i);
        w_str(w, "{\"parent\": ");
        w_item(c, b->parent);
        w_str(w, ", \"component\": ");
        w_item(c, b->comp);
        w_str(w, ", \"qty_per\": ");
        w_fixed(w, b->qty, 2);
        if (b->scrap) {
            w_str(w, ", \"scrap\": ");
            w_fixed(w, b->scrap, 2);
        }
        if (b->from >= 0) {
            w_str(w, ", \"from\": ");
            w_date(c, b->from);
        }
        if (b->to >= 0) {
            w_str(w, ", \"to\": ");
            w_date(c, b->to);
        }
        uint32_t alt = partner ? erp_alternate(c, &ra, b, partner) : UINT32_MAX;
        if (alt != UINT32_MAX) { /* the line and its alternative: group "A<line>" */
            w_str(w, ", \"group\": \"A");
            w_uint(w, i);
            w_str(w, "\"},\n  {\"parent\": ");
            w_item(c, b->parent);
            w_str(w, ", \"component\": ");
            w_item(c, alt);
            w_str(w, ", \"qty_per\": ");
            w_fixed(w, b->qty, 2);
            w_str(w, ", \"group\": \"A");
            w_uint(w, i);
            w_str(w, "\", \"priority\": 1");
        }
        w_str(w, "}");
    }
    w_str(w, "\n],\n");
    free(partner);
}

/* Writes one routing operation: 1-2 alternative resources, the second sometimes with its own
 * run time. Run times follow the item's expected demand so that the shop's load is about
 * --load (60% by default) of its capacity over the horizon: per_op is the working minutes one
 * operation may take over the horizon on average (run minutes are written to 1/10,000, so
 * that parts made by the ten thousand keep their share); set-ups are scaled
 * by setup_scale. */
static void write_operation(ctx *c, rng *r, int k, double demand, double per_op, double setup_scale)
{
    writer *w = &c->w;
    uint64_t nres = c->p.resources;
    uint64_t r1 = rng_below(r, nres), setup = (uint64_t)((double)rng_range(r, 10, 60) * setup_scale + 0.5);
    if (setup < 1) setup = 1;
    double d = demand > 1 ? demand : 1;
    int64_t run = (int64_t)(per_op * 100.0 * (double)rng_range(r, 50, 150) / d); /* 1/10,000 of a minute */
    if (run < 1) run = 1;
    w_str(w, k ? ", {\"seq\": " : "{\"seq\": ");
    w_uint(w, (uint64_t)(10 * (k + 1)));
    w_str(w, ", \"resources\": [");
    w_id(w, "R", r1 + 1, c->w_res);
    if (nres >= 2 && rng_chance(r, 0.35)) {
        uint64_t r2 = (r1 + 1 + rng_below(r, nres - 1)) % nres;
        if (rng_chance(r, 0.5)) {
            w_str(w, ", {\"id\": ");
            w_id(w, "R", r2 + 1, c->w_res);
            w_str(w, ", \"run_minutes_per_unit\": ");
            int64_t alt = run * rng_range(r, 70, 130) / 100;
            w_fixed(w, alt > 0 ? alt : 1, 4);
            w_str(w, "}");
        } else {
            w_str(w, ", ");
            w_id(w, "R", r2 + 1, c->w_res);
        }
    }
    w_str(w, "], \"setup_minutes\": ");
    w_uint(w, setup);
    w_str(w, ", \"run_minutes_per_unit\": ");
    w_fixed(w, run, 4);
    w_str(w, "}");
}

/* Writes a routing of 1-3 operations for every make item. */
static void write_routings(ctx *c)
{
    writer *w = &c->w;
    rng r;
    uint64_t k = 0;
    rng_seed(&r, c->p.seed, ST_ROUTINGS);
    /* capacity over the horizon of a one-unit resource (three in four have one unit, and
    ** operations pick resources uniformly) x resources: working minutes of two 8-hour shifts
    ** on about 5 days of 7; three quarters of the load (--load) go to run time, a quarter to
    ** set-ups, the rest is left for the peaks of demand */
    uint64_t nmake = 0;
    for (uint32_t i = 0; i < c->n; i++) nmake += c->source[i] == SRC_MAKE;
    double cap = (double)c->p.resources * (double)c->p.horizon * (5.0 / 7.0) * 960.0;
    double per_op = 0.75 * c->p.load * cap / (2.0 * (double)(nmake ? nmake : 1));
    /* set-ups (10-60 minutes) shrink where the expected planned orders would spend more than
    ** their quarter on them: about 30 per make item over the horizon with these lot rules
    ** (one per demand date for lot-for-lot), or 5 per customer order when more */
    double est_pos = 5.0 * (double)c->p.orders > 30.0 * (double)nmake ? 5.0 * (double)c->p.orders : 30.0 * (double)nmake;
    double setup_scale = 0.25 * c->p.load * cap / (35.0 * 2.0 * (est_pos > 1 ? est_pos : 1));
    if (setup_scale > 1) setup_scale = 1;
    w_str(w, "\"routings\": [");
    for (uint32_t i = 0; i < c->n; i++) {
        if (c->source[i] != SRC_MAKE)
            continue;
        w_sep(w, k++);
        w_str(w, "{\"item\": ");
        w_item(c, i);
        w_str(w, ", \"operations\": [");
        int nops = (int)rng_range(&r, 1, 3);
        for (int op = 0; op < nops; op++)
            write_operation(c, &r, op, c->demand[i], per_op, setup_scale);
        w_str(w, "]}");
    }
    w_str(w, "\n],\n");
}

/* A random make item of levels 0..depth-2 (level 0 is never phantom, so the scan ends). */
static uint32_t pick_make(ctx *c, rng *r)
{
    int d = c->p.depth;
    uint32_t i = (uint32_t)rng_below(r, d > 1 ? c->lev_start[d - 1] : c->n);
    while (c->source[i] != SRC_MAKE)
        i--;
    return i;
}

/* Writes the open receipts: mostly purchases of buy items, some production of make items,
 * dated in the first third of the horizon. */
static void write_receipts(ctx *c)
{
    writer *w = &c->w;
    rng r;
    int d = c->p.depth, has_buy = d > 1;
    rng_seed(&r, c->p.seed, ST_RECEIPTS);
    w_str(w, "\"receipts\": [");
    for (uint64_t k = 0; k < c->p.receipts; k++) {
        int buy = has_buy && !rng_chance(&r, 0.05);
        uint32_t item = buy ? pick_in_level(c, &r, d - 1) : pick_make(c, &r);
        const char *kind = !buy ? "production" : rng_chance(&r, 0.02) ? "transfer" : "purchase";
        w_sep(w, k);
        w_str(w, "{\"id\": ");
        w_id(w, "RC", k + 1, c->w_rc);
        w_str(w, ", \"item\": ");
        w_item(c, item);
        w_str(w, ", \"qty\": ");
        w_uint(w, (uint64_t)rng_range(&r, 10, 1000));
        w_str(w, ", \"date\": ");
        w_date(c, rng_range(&r, 0, c->p.horizon / 3));
        w_str(w, ", \"kind\": \"");
        w_str(w, kind);
        w_str(w, "\"}");
    }
    w_str(w, "\n],\n");
}

/* Writes one customer order on a finished good; urgent and design_days only when set. */
static void write_order(ctx *c, rng *r, uint64_t k)
{
    writer *w = &c->w;
    int h = c->p.horizon;
    w_str(w, "{\"id\": ");
    w_id(w, "SO", k + 1, c->w_ord);
    w_str(w, ", \"item\": ");
    w_item(c, pick_in_level(c, r, 0));
    w_str(w, ", \"qty\": ");
    w_uint(w, (uint64_t)rng_range(r, 1, 500));
    w_str(w, ", \"due\": ");
    int first = c->p.first_due < h ? c->p.first_due : h;
    w_date(c, rng_range(r, first, h));
    w_str(w, ", \"priority\": ");
    w_uint(w, rng_below(r, 4));
    w_str(w, ", \"penalty_per_day\": ");
    w_uint(w, (uint64_t)rng_range(r, 10, 100));
    if (rng_chance(r, 0.001))
        w_str(w, ", \"urgent\": true");
    if (rng_chance(r, 0.01)) {
        w_str(w, ", \"design_days\": ");
        w_uint(w, (uint64_t)rng_range(r, 5, 15));
    }
    w_str(w, ", \"customer\": ");
    w_id(w, "C", rng_below(r, c->ncust) + 1, c->w_cust);
    w_str(w, "}");
}

static void write_orders(ctx *c)
{
    rng r;
    rng_seed(&r, c->p.seed, ST_ORDERS);
    w_str(&c->w, "\"orders\": [");
    for (uint64_t k = 0; k < c->p.orders; k++) {
        w_sep(&c->w, k);
        write_order(c, &r, k);
    }
    w_str(&c->w, "\n]\n}\n");
}

/* ---------------------------------------------------------------- shape erp */

/* The erp shape: a factory shaped like a real one.
 * Items: level 0 holds the finished goods (10%), levels 1..depth-2 the made intermediates
 * (45%, ~3% of them phantoms) and purchased parts, the deepest level purchased parts only
 * (45% purchased in all; with depth 2, all but the finished goods); levels grow with depth.
 * In every level below the top, 5% of the items (four in five purchased: screws, labels,
 * coils) form a pool of common parts.
 * BOM: each item of level L+1 outside the pool belongs to the family of one parent of level L
 * (a contiguous band, so products keep their own parts), a third of the parents also use a part
 * of a neighbouring family or of a family two levels down, and 30-50% of each parent's lines
 * draw common parts from the pools of the levels below, skewed so that a few common parts
 * are used by hundreds of parents. About 1.76 lines per item; qty_per 0.25..4 in quarters,
 * 0.5 common; scrap on ~8% of lines.
 * Lot rules: purchased 65% lfl, 12% foq, 23% poq (5-20 periods); made 80/5/15; min on ~30%
 * and multiple on ~30% of the items, sized from the expected demand.
 * Routings: 1-3 operations per finished good, 1-4 per made intermediate; run times are
 * scaled per resource so that each resource is asked for its target share of its working
 * minutes over the horizon (--load for the busiest fifth, 50-95% of it for the others),
 * set-ups (at most a quarter of it) estimated from the expected number of planned orders. */

#define ERP_NONE UINT32_MAX

enum { LOT_LFL, LOT_FOQ, LOT_POQ };

typedef struct erp {
    uint32_t nfg;
    uint32_t *fam, fam_start[MAX_DEPTH + 1];   /* per level: items outside the pool, by id */
    uint32_t *pool, pool_start[MAX_DEPTH + 1]; /* per level: the common parts, by id */
    uint32_t *par, par_start[MAX_DEPTH + 1];   /* per level: make and phantom items, by id */
    uint8_t *lot_rule, *lot_periods;
    double *orders_of;                         /* customer orders per finished good */
    double *lots;                              /* expected planned orders per item */
    double *prod;                              /* expected production (made) or purchase */
    int wdays;                                 /* working days in the horizon */
    /* resources */
    uint8_t *units;
    uint8_t *eff;                              /* efficiency in hundredths */
    double *target, *rawsum, *setsum, *run_scale, *setup_scale;
    /* operations of the made items: item i has ops [op_first[i], op_first[i+1]) */
    uint32_t *op_first, *op_res, *op_alt;
    float *op_raw;
    uint8_t *op_setup, *op_altpct;             /* base set-up minutes; alternative run % (0: same) */
    uint64_t nops, nrc;
} erp;

/* Uniform double in [0, 1). */
static double rng_unit(rng *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

/* qty_per in hundredths: 1 (40%), 0.5 (15%), 2 (12%), else any quarter of 0.25..4. */
static uint16_t erp_qty(rng *r)
{
    uint64_t k = rng_below(r, 100);
    if (k < 40)
        return 100;
    if (k < 55)
        return 50;
    if (k < 67)
        return 200;
    return (uint16_t)(25 * rng_range(r, 1, 16));
}

/* Splits n (>= parts) over `parts` counts of at least 1, in geometric proportion `ratio`. */
static void erp_apportion(uint64_t n, int parts, double ratio, uint64_t *out)
{
    double w[MAX_DEPTH], sum = 0, x = 1.0;
    uint64_t rest = n - (uint64_t)parts, used = 0;
    for (int k = 0; k < parts; k++, x *= ratio)
        sum += w[k] = x;
    for (int k = 0; k < parts; k++) {
        uint64_t e = k == parts - 1 ? rest - used : (uint64_t)((double)rest * w[k] / sum);
        used += e;
        out[k] = 1 + e;
    }
}

/* Levels, sources, pools and parent lists. */
static void erp_items(ctx *c, erp *e)
{
    int D = c->p.depth;
    uint64_t n = c->n, nfg = n / 10 ? n / 10 : 1, nbuy = n * 45 / 100, nmid = n - nfg - nbuy;
    uint64_t mk[MAX_DEPTH] = {0}, by[MAX_DEPTH] = {0};
    rng r;
    rng_seed(&r, c->p.seed, ST_LEVELS);
    if (D == 2)
        nbuy += nmid, nmid = 0;
    if (D > 2)
        erp_apportion(nmid, D - 2, 1.25, mk + 1);
    erp_apportion(nbuy, D - 1, 1.6, by + 1);
    mk[0] = nfg;
    e->nfg = (uint32_t)nfg;
    e->fam = xcalloc(n, sizeof *e->fam);
    e->pool = xcalloc(n, sizeof *e->pool);
    e->par = xcalloc(n, sizeof *e->par);
    uint32_t at = 0, nf = 0, np = 0, npar = 0;
    for (int L = 0; L < D; L++) {
        uint32_t size = (uint32_t)(mk[L] + by[L]);
        c->lev_start[L] = at;
        e->fam_start[L] = nf;
        e->pool_start[L] = np;
        e->par_start[L] = npar;
        /* sources in random order: make first, then a Fisher-Yates shuffle */
        for (uint32_t k = 0; k < size; k++) {
            c->level[at + k] = (uint8_t)L;
            c->source[at + k] = k < mk[L] ? SRC_MAKE : SRC_BUY;
        }
        for (uint32_t k = size; k > 1; k--) {
            uint32_t j = (uint32_t)rng_below(&r, k);
            uint8_t t = c->source[at + k - 1];
            c->source[at + k - 1] = c->source[at + j];
            c->source[at + j] = t;
        }
        if (L > 0 && L < D - 1)
            for (uint32_t k = 0; k < size; k++)
                if (c->source[at + k] == SRC_MAKE && rng_chance(&r, 0.03))
                    c->source[at + k] = SRC_PHANTOM;
        /* the pool: 5% of the level (at least one item), four in five purchased if there are */
        uint8_t *in_pool = c->has_parent; /* borrowed as scratch, cleared below */
        if (L > 0) {
            uint32_t k = (uint32_t)((size + 10) / 20), kb = (4 * k + 4) / 5;
            if (!k)
                k = 1;
            if (kb > by[L])
                kb = (uint32_t)by[L];
            if (kb > k)
                kb = k;
            uint32_t km = k - kb;
            for (uint32_t i = at; i < at + size && (kb || km); i++) {
                if (c->source[i] == SRC_BUY && kb)
                    in_pool[i] = 1, kb--;
                else if (c->source[i] == SRC_MAKE && km)
                    in_pool[i] = 1, km--;
            }
            for (uint32_t i = at; i < at + size && kb + km; i++) /* not enough of one kind */
                if (!in_pool[i] && c->source[i] != SRC_PHANTOM) {
                    in_pool[i] = 1;
                    if (kb)
                        kb--;
                    else
                        km--;
                }
        }
        for (uint32_t i = at; i < at + size; i++) {
            if (in_pool[i])
                e->pool[np++] = i;
            else
                e->fam[nf++] = i;
            if (c->source[i] != SRC_BUY)
                e->par[npar++] = i;
            in_pool[i] = 0;
        }
        at += size;
    }
    c->lev_start[D] = at;
    e->fam_start[D] = nf;
    e->pool_start[D] = np;
    e->par_start[D] = npar;
}

/* Family item of level L near relative position rel (0..1) of that level's family list. */
static uint32_t erp_near(erp *e, rng *r, int L, double rel, int64_t band)
{
    int64_t lo = e->fam_start[L], size = (int64_t)e->fam_start[L + 1] - lo;
    int64_t k = lo + (int64_t)(rel * (double)size) + rng_range(r, -band, band);
    if (k < lo) k = lo + (lo - k) % size;
    if (k >= lo + size) k = lo + size - 1 - (k - lo - size) % size;
    return e->fam[k];
}

/* A common part from the pools of levels L+1 and below: the level in proportion to its
 * pool, then skewed to the pool's first parts (u^2), the screws that everything uses. */
static uint32_t erp_pool_part(ctx *c, erp *e, rng *r, int L)
{
    uint32_t lo = e->pool_start[L + 1], hi = e->pool_start[c->p.depth];
    uint32_t k = lo + (uint32_t)rng_below(r, hi - lo);
    int Lp = c->level[e->pool[k]];
    uint32_t a = e->pool_start[Lp], m = e->pool_start[Lp + 1] - a;
    double u = rng_unit(r);
    uint32_t j = (uint32_t)(u * u * (double)m);
    return e->pool[a + (j < m ? j : m - 1)];
}

/* Appends a BOM line of the erp shape (scrap on ~8% of lines). */
static void erp_line(ctx *c, rng *r, uint32_t parent, uint32_t comp)
{
    bom_line ln = {parent, comp, -1, -1, erp_qty(r), 0};
    if (rng_chance(r, 0.08))
        ln.scrap = (uint8_t)rng_range(r, 1, 5);
    bom_push(c, ln);
}

/* The BOM, parent by parent; then a parent for every common part nobody drew. */
static void erp_bom(ctx *c, erp *e)
{
    int D = c->p.depth;
    rng r;
    rng_seed(&r, c->p.seed, ST_BOM);
    uint32_t extra[MAX_COMP];
    for (int L = 0; L + 1 < D; L++) {
        uint32_t q = e->par_start[L + 1] - e->par_start[L];
        uint64_t m = e->fam_start[L + 2] - e->fam_start[L + 1];
        for (uint32_t j = 0; j < q; j++) {
            uint32_t p = e->par[e->par_start[L] + j];
            uint64_t a = (uint64_t)j * m / q, b = (uint64_t)(j + 1) * m / q;
            if (a == b && m)
                b = (a = a < m ? a : m - 1) + 1;
            for (uint64_t k = a; k < b; k++)
                erp_line(c, &r, p, e->fam[e->fam_start[L + 1] + k]);
            int nx = 0, nf = (int)(b - a);
            /* a part of a neighbouring family, or of a family two levels down */
            int want = rng_chance(&r, 0.32) ? 1 + rng_chance(&r, 0.1) : 0;
            if (!m)
                want = 0;
            for (int t = 0; t < 4 * want && nx < want; t++) {
                uint32_t x;
                if (L + 2 < D && e->fam_start[L + 3] > e->fam_start[L + 2] && rng_chance(&r, 0.25))
                    x = erp_near(e, &r, L + 2, ((double)j + 0.5) / q, 4);
                else {
                    x = erp_near(e, &r, L + 1, ((double)j + 0.5) / q, (int64_t)(b - a) + 4);
                    /* the family list is in id order: the band is an id range */
                    if (x >= e->fam[e->fam_start[L + 1] + a] && x <= e->fam[e->fam_start[L + 1] + b - 1])
                        continue;
                }
                if (!contains(extra, nx, x)) {
                    extra[nx++] = x;
                    erp_line(c, &r, p, x);
                }
            }
            nf += nx;
            /* common parts: a share f of 30-50% of the parent's lines */
            double f = 0.3 + 0.2 * rng_unit(&r), want_pool = (double)nf * f / (1.0 - f);
            int npool = (int)want_pool + rng_chance(&r, want_pool - (double)(int)want_pool);
            if (npool > MAX_COMP - nx)
                npool = MAX_COMP - nx;
            for (int k = 0; k < npool; k++) {
                for (int t = 0; t < 8; t++) {
                    uint32_t x = erp_pool_part(c, e, &r, L);
                    if (!contains(extra, nx, x)) {
                        extra[nx++] = x;
                        erp_line(c, &r, p, x);
                        break;
                    }
                }
            }
        }
    }
    for (int L = 1; L < D; L++)
        for (uint32_t k = e->pool_start[L]; k < e->pool_start[L + 1]; k++) {
            uint32_t i = e->pool[k];
            if (!c->has_parent[i]) {
                uint32_t q = e->par_start[L] - e->par_start[L - 1];
                erp_line(c, &r, e->par[e->par_start[L - 1] + rng_below(&r, q)], i);
            }
        }
    sort_bom(c);
}

/* Finished good of one customer order: skewed (u^2) to the first, best-selling products. */
static uint32_t erp_sale_item(erp *e, rng *r)
{
    double u = rng_unit(r);
    uint32_t j = (uint32_t)(u * u * (double)e->nfg);
    return j < e->nfg ? j : e->nfg - 1;
}

/* Quantity of one customer order, log-uniform-like: one of 8 bands 1-2, 3-5, 6-10, 11-20,
 * 21-50, 51-100, 101-200, 201-400, then uniform in it (median about 20, mean 73.9). */
static uint64_t erp_sale_qty(rng *r)
{
    static const int lo[8] = {1, 3, 6, 11, 21, 51, 101, 201}, hi[8] = {2, 5, 10, 20, 50, 100, 200, 400};
    int b = (int)rng_below(r, 8);
    return (uint64_t)rng_range(r, lo[b], hi[b]);
}

/* Working days (Mon-Fri, not a holiday) in [0, horizon). */
static int erp_working_days(ctx *c)
{
    int n = 0, h = 0;
    for (int d = 0; d < c->p.horizon; d++) {
        while (h < c->nhol && c->hol[h] < d)
            h++;
        n += iso_weekday(c->p.start + d) <= 5 && !(h < c->nhol && c->hol[h] == d);
    }
    return n ? n : 1;
}

/* Round number near v, at least 1: 1-2 significant digits (1, 2, 5 x 10^k steps). */
static uint64_t erp_round(double v)
{
    if (v < 1)
        return 1;
    double step = 1;
    while (step * 10 <= v)
        step *= 10;
    double m = v / step;
    return (uint64_t)((m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * step);
}

/* The drawn attributes of one item (0: absent). */
typedef struct {
    uint64_t lead, insp, on_hand, safety, lot_qty, lot_min, lot_mult, yield;
} erp_attr;

/* Draws the attributes of item i (nothing for a phantom) from its expected demand, which is
 * complete once its parents are drawn. The model (erp_demand) and the writer make the same
 * draws in the same order. */
static void erp_draw_item(ctx *c, rng *r, uint32_t i, erp_attr *a)
{
    static const uint64_t mults[] = {2, 5, 10, 12, 20, 25, 50, 100, 250, 500, 1000, 5000};
    erp *e = c->erp;
    int s = c->source[i];
    double dem = c->demand[i], daily = dem / e->wdays;
    memset(a, 0, sizeof *a);
    if (s == SRC_PHANTOM)
        return;
    a->lead = (uint64_t)(s == SRC_BUY ? rng_range(r, 3, 20) : rng_range(r, 1, 5));
    a->insp = s == SRC_BUY ? (rng_chance(r, 0.3) ? (uint64_t)rng_range(r, 1, 2) : 0) : (uint64_t)rng_chance(r, 0.1);
    if (rng_chance(r, 0.45))
        a->on_hand = erp_round(daily * (double)rng_range(r, 2, 30));
    if (rng_chance(r, 0.2))
        a->safety = erp_round(daily * (double)rng_range(r, 1, 5));
    if (s == SRC_MAKE && rng_chance(r, 0.1))
        a->yield = (uint64_t)rng_range(r, 95, 99);
    if (e->lot_rule[i] == LOT_FOQ)
        a->lot_qty = erp_round(dem / (double)rng_range(r, 8, 16));
    if (rng_chance(r, 0.3))
        a->lot_min = erp_round(daily * (double)rng_range(r, 2, 10));
    if (rng_chance(r, 0.3)) {
        /* a pack size: the largest of the list up to about a day's demand, or one smaller */
        int m = 0;
        while (m + 1 < (int)(sizeof mults / sizeof mults[0]) && (double)mults[m + 1] <= daily)
            m++;
        m -= m && rng_chance(r, 0.5);
        a->lot_mult = mults[m];
    }
}

/* Draws the open receipts of item i: a purchase order (one in six with a second) for 30% of
 * the purchased parts, arriving within 28 days, 3% of them transfers; a production order for
 * 3% of the made items, within 10 days. Quantities: 3-20 days of expected demand. Returns how
 * many; qty, date (day offset) and transfer flag of each. */
static int erp_draw_receipts(ctx *c, rng *r, uint32_t i, uint64_t *qty, int64_t *date, int *transfer)
{
    int s = c->source[i], n = 0, h = c->p.horizon;
    if (s == SRC_BUY && rng_chance(r, 0.3))
        n = 1 + rng_chance(r, 1.0 / 6);
    else if (s == SRC_MAKE && rng_chance(r, 0.03))
        n = 1;
    for (int j = 0; j < n; j++) {
        qty[j] = erp_round(c->demand[i] / c->erp->wdays * (double)rng_range(r, 3, 20));
        date[j] = rng_range(r, 0, s == SRC_BUY ? (h < 28 ? h : 28) : (h < 10 ? h : 10));
        transfer[j] = s == SRC_BUY && rng_chance(r, 0.03);
    }
    return n;
}

/* Customer orders per finished good and their quantities (the same draws as the writer's);
 * then item by item in level order: lot rule, attributes and receipts (the writers' draws),
 * the production expected after netting stock, receipts and safety stock, exploded into its
 * components' demand; and the expected planned orders (need days: a finished good's orders,
 * a component's parents' planned orders; lfl plans one per need day, poq one per window, foq
 * about twelve). */
static void erp_demand(ctx *c, erp *e)
{
    rng r, lr, ir, rr;
    uint32_t n = c->n;
    c->demand = xcalloc((size_t)n + 1, sizeof *c->demand);
    e->orders_of = xcalloc(e->nfg, sizeof *e->orders_of);
    e->lots = xcalloc(n, sizeof *e->lots);
    e->prod = xcalloc(n, sizeof *e->prod);
    e->lot_rule = xcalloc(n, 1);
    e->lot_periods = xcalloc(n, 1);
    rng_seed(&r, c->p.seed, ST_ERP_SALES);
    for (uint64_t k = 0; k < c->p.orders; k++) {
        uint32_t i = erp_sale_item(e, &r);
        e->orders_of[i] += 1;
        c->demand[i] += (double)erp_sale_qty(&r);
    }
    rng_seed(&lr, c->p.seed, ST_ERP_LOTS);
    rng_seed(&ir, c->p.seed, ST_ITEMS);
    rng_seed(&rr, c->p.seed, ST_RECEIPTS);
    double wd = (double)e->wdays;
    double *need = xcalloc(n, sizeof *need);
    for (uint32_t i = 0; i < e->nfg; i++)
        need[i] = e->orders_of[i];
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        int s = c->source[i];
        uint64_t x = rng_below(&lr, 100);
        int rule = LOT_LFL;
        if (s == SRC_BUY)
            rule = x < 65 ? LOT_LFL : x < 77 ? LOT_FOQ : LOT_POQ;
        else if (s == SRC_MAKE)
            rule = x < 80 ? LOT_LFL : x < 85 ? LOT_FOQ : LOT_POQ;
        e->lot_rule[i] = (uint8_t)rule;
        e->lot_periods[i] = (uint8_t)rng_range(&lr, 5, 20);
        erp_attr a;
        uint64_t q[2];
        int64_t dt[2];
        int tr[2];
        erp_draw_item(c, &ir, i, &a);
        int nrc = erp_draw_receipts(c, &rr, i, q, dt, tr);
        double net = c->demand[i] + (double)a.safety - (double)a.on_hand;
        for (int j = 0; j < nrc; j++)
            net -= (double)q[j];
        net = net > 0 ? net : 0;
        e->prod[i] = a.yield ? net * 100.0 / (double)a.yield : net;
        /* need[i]: the parents' planned orders; on wd days, the distinct ones about
        ** x / (1 + x / wd) of them */
        double lots = net > 0 ? need[i] / (1.0 + need[i] / wd) : 0;
        if (rule == LOT_POQ && lots > wd / e->lot_periods[i])
            lots = wd / e->lot_periods[i];
        else if (rule == LOT_FOQ && lots > net / (double)a.lot_qty)
            lots = net / (double)a.lot_qty;
        if (a.lot_min && lots > net / (double)a.lot_min)
            lots = net / (double)a.lot_min;
        if (net > 0 && lots < 1)
            lots = 1;
        e->lots[i] = lots;
        for (; k < c->nbom && c->bom[k].parent == i; k++) {
            const bom_line *b = &c->bom[k];
            c->demand[b->comp] += e->prod[i] * b->qty / 100.0 * (1.0 + b->scrap / 100.0);
            need[b->comp] += lots;
        }
    }
    free(need);
}

/* Resources and the operations of the made items, with the per-resource scales of run and
 * set-up times that give every resource its target load. */
static void erp_routings(ctx *c, erp *e)
{
    uint64_t R = c->p.resources;
    rng r;
    rng_seed(&r, c->p.seed, ST_RESOURCES);
    e->units = xcalloc(R, 1);
    e->eff = xcalloc(R, 1);
    e->target = xcalloc(R, sizeof *e->target);
    e->rawsum = xcalloc(R, sizeof *e->rawsum);
    e->setsum = xcalloc(R, sizeof *e->setsum);
    e->run_scale = xcalloc(R, sizeof *e->run_scale);
    e->setup_scale = xcalloc(R, sizeof *e->setup_scale);
    for (uint64_t k = 0; k < R; k++) {
        e->units[k] = (uint8_t)(rng_chance(&r, 0.08) ? 2 : 1);
        e->eff[k] = (uint8_t)rng_range(&r, 90, 110);
        e->target[k] = c->p.load * (rng_chance(&r, 0.2) ? 1.0 : 0.5 + 0.45 * rng_unit(&r));
    }
    rng_seed(&r, c->p.seed, ST_ROUTINGS);
    uint32_t n = c->n;
    e->op_first = xcalloc((size_t)n + 1, sizeof *e->op_first);
    size_t cap = 1024;
    e->op_res = xcalloc(cap, sizeof *e->op_res);
    e->op_alt = xcalloc(cap, sizeof *e->op_alt);
    e->op_raw = xcalloc(cap, sizeof *e->op_raw);
    e->op_setup = xcalloc(cap, 1);
    e->op_altpct = xcalloc(cap, 1);
    uint64_t no = 0;
    for (uint32_t i = 0; i < n; i++) {
        e->op_first[i] = (uint32_t)no;
        if (c->source[i] != SRC_MAKE)
            continue;
        int nops = (int)rng_range(&r, 1, i < e->nfg ? 3 : 4);
        if (no + (uint64_t)nops > cap) {
            cap *= 2;
            e->op_res = realloc(e->op_res, cap * sizeof *e->op_res);
            e->op_alt = realloc(e->op_alt, cap * sizeof *e->op_alt);
            e->op_raw = realloc(e->op_raw, cap * sizeof *e->op_raw);
            e->op_setup = realloc(e->op_setup, cap);
            e->op_altpct = realloc(e->op_altpct, cap);
            if (!e->op_res || !e->op_alt || !e->op_raw || !e->op_setup || !e->op_altpct)
                die(1, "out of memory", NULL);
        }
        for (int k = 0; k < nops; k++, no++) {
            uint32_t r1 = (uint32_t)rng_below(&r, R), r2 = ERP_NONE;
            double raw = 0.5 + rng_unit(&r);
            e->op_res[no] = r1;
            e->op_raw[no] = (float)raw;
            e->op_setup[no] = (uint8_t)rng_range(&r, 10, 60);
            e->op_altpct[no] = 0;
            if (R >= 2 && rng_chance(&r, 0.2)) {
                r2 = (uint32_t)((r1 + 1 + rng_below(&r, R - 1)) % R);
                if (rng_chance(&r, 0.5))
                    e->op_altpct[no] = (uint8_t)rng_range(&r, 80, 125);
            }
            e->op_alt[no] = r2;
            e->rawsum[r1] += e->prod[i] * (double)e->op_raw[no];
            e->setsum[r1] += e->op_setup[no] * e->lots[i];
        }
    }
    e->op_first[n] = (uint32_t)no;
    e->nops = no;
    /* work (standard minutes) that resource k may take: target x working minutes x units x
    ** efficiency; a quarter of it at most for set-ups, the rest run time */
    for (uint64_t k = 0; k < R; k++) {
        double work = e->target[k] * e->wdays * 960.0 * e->units[k] * e->eff[k] / 100.0;
        double ss = e->setsum[k] > 0 ? 0.25 * work / e->setsum[k] : 1.0;
        e->setup_scale[k] = ss < 1.0 ? ss : 1.0;
        double left = work - e->setup_scale[k] * e->setsum[k];
        e->run_scale[k] = e->rawsum[k] > 0 ? left / e->rawsum[k] : 0;
    }
}

/* Builds the erp model: holidays, levels, BOM, demand, lot rules, routings. */
static void erp_build(ctx *c)
{
    erp *e = xcalloc(1, sizeof *e);
    c->erp = e;
    c->n = (uint32_t)c->p.items;
    c->source = xcalloc(c->n, 1);
    c->level = xcalloc(c->n, 1);
    c->has_parent = xcalloc(c->n, 1);
    c->w_item = max_i(6, ndigits(c->p.items));
    c->w_res = max_i(4, ndigits(c->p.resources));
    c->w_ord = max_i(7, ndigits(c->p.orders));
    c->w_rc = max_i(6, ndigits(c->p.items));
    c->ncust = c->p.orders / 10 > 10000 ? 10000 : c->p.orders / 10 ? c->p.orders / 10 : 1;
    c->w_cust = max_i(4, ndigits(c->ncust));
    gen_dates(c);
    gen_holidays(c);
    e->wdays = erp_working_days(c);
    erp_items(c, e);
    erp_bom(c, e);
    erp_demand(c, e);
    erp_routings(c, e);
}

static void erp_free(erp *e)
{
    if (!e)
        return;
    void *ptrs[] = {e->fam, e->pool, e->par, e->lot_rule, e->lot_periods, e->orders_of, e->lots, e->prod,
                    e->units, e->eff, e->target, e->rawsum, e->setsum, e->run_scale, e->setup_scale,
                    e->op_first, e->op_res, e->op_alt, e->op_raw, e->op_setup, e->op_altpct};
    for (size_t k = 0; k < sizeof ptrs / sizeof ptrs[0]; k++)
        free(ptrs[k]);
    free(e);
}

static void erp_write_header(ctx *c)
{
    writer *w = &c->w;
    char load[32];
    snprintf(load, sizeof load, "%.6g", c->p.load);
    w_str(w, "{\n\"ordo\": 1,\n\"x-ordo-gen\": {\"shape\": \"erp\", \"seed\": \"");
    w_uint(w, c->p.seed);
    w_str(w, "\", \"items\": ");
    w_uint(w, c->p.items);
    w_str(w, ", \"orders\": ");
    w_uint(w, c->p.orders);
    w_str(w, ", \"depth\": ");
    w_uint(w, (uint64_t)c->p.depth);
    w_str(w, ", \"resources\": ");
    w_uint(w, c->p.resources);
    w_str(w, ", \"load\": ");
    w_str(w, load);
    w_str(w, ", \"first_due\": ");
    w_uint(w, (uint64_t)c->p.first_due);
    if (c->p.suppliers > 0) {
        snprintf(load, sizeof load, "%.6g", c->p.suppliers);
        w_str(w, ", \"suppliers\": ");
        w_str(w, load);
    }
    if (c->p.sites > 1)
        w_str(w, ", \"sites\": 2");
    w_str(w, "},\n\"horizon\": {\"start\": ");
    w_date(c, 0);
    w_str(w, ", \"end\": ");
    w_date(c, c->p.horizon);
    w_str(w, "},\n\"calendars\": [\n"); /* no objective: the default of SPEC.md (service) */
    write_calendar(c, "std", "[[\"06:00\",\"14:00\"],[\"14:00\",\"22:00\"]]", 60);
    if (c->p.sites > 1)
        w_str(w, "\n],\n\"sites\": [{\"id\": \"P1\", \"calendar\": \"std\"}, {\"id\": \"P2\", \"calendar\": \"std\"}");
    w_str(w, "\n],\n\"resources\": [");
    for (uint64_t k = 0; k < c->p.resources; k++) {
        w_sep(w, k);
        w_str(w, "{\"id\": ");
        w_id(w, "R", k + 1, c->w_res);
        w_str(w, ", \"calendar\": \"std\", \"units\": ");
        w_uint(w, c->erp->units[k]);
        w_str(w, ", \"efficiency\": ");
        w_fixed(w, c->erp->eff[k], 2);
        w_str(w, "}");
    }
    w_str(w, "\n],\n");
}

/* Two suppliers of a bought item of lead time `lead`: S-n first, then S-m, 2-10 days faster
** or slower (at least 1 day), from a pool of 40 supplier names. */
static void erp_write_suppliers(ctx *c, rng *r, uint64_t lead)
{
    writer *w = &c->w;
    uint64_t a = rng_below(r, 40) + 1, b = (a + (uint64_t)rng_range(r, 1, 39) - 1) % 40 + 1;
    int64_t l2 = (int64_t)lead + (rng_chance(r, 0.5) ? 1 : -1) * rng_range(r, 2, 10);
    w_str(w, ", \"suppliers\": [{\"id\": ");
    w_id(w, "S", a, 2);
    w_str(w, ", \"priority\": 1}, {\"id\": ");
    w_id(w, "S", b, 2);
    w_str(w, ", \"priority\": 2, \"lead_time_days\": ");
    w_uint(w, (uint64_t)(l2 < 1 ? 1 : l2));
    w_str(w, "}]");
}

/* Writes the items: lead times, inspection, stock, safety stock, yield, lot rule. */
static void erp_write_items(ctx *c)
{
    static const char *src_name[] = {"make", "buy", "phantom"};
    erp *e = c->erp;
    writer *w = &c->w;
    rng r, sup;
    rng_seed(&r, c->p.seed, ST_ITEMS);
    rng_seed(&sup, c->p.seed, ST_ERP_SUPPLIERS);
    w_str(w, "\"items\": [");
    for (uint32_t i = 0; i < c->n; i++) {
        int s = c->source[i];
        erp_attr a;
        erp_draw_item(c, &r, i, &a);
        w_sep(w, i);
        w_str(w, "{\"id\": ");
        w_item(c, i);
        w_str(w, ", \"source\": \"");
        w_str(w, src_name[s]);
        w_str(w, "\"");
        if (s == SRC_PHANTOM) {
            w_str(w, ", \"calendar\": \"std\", \"lot\": {\"rule\": \"lfl\"}}");
            continue;
        }
        w_str(w, ", \"lead_time_days\": ");
        w_uint(w, a.lead);
        w_str(w, ", \"inspection_days\": ");
        w_uint(w, a.insp);
        if (s == SRC_BUY && c->p.suppliers > 0 && rng_chance(&sup, c->p.suppliers))
            erp_write_suppliers(c, &sup, a.lead);
        if (a.on_hand) {
            w_str(w, ", \"on_hand\": ");
            w_uint(w, a.on_hand);
        }
        if (a.safety) {
            w_str(w, ", \"safety_stock\": ");
            w_uint(w, a.safety);
        }
        if (a.yield) {
            w_str(w, ", \"yield\": ");
            w_fixed(w, (int64_t)a.yield, 2);
        }
        w_str(w, ", \"calendar\": \"std\", \"lot\": {\"rule\": ");
        if (e->lot_rule[i] == LOT_LFL)
            w_str(w, "\"lfl\"");
        else if (e->lot_rule[i] == LOT_FOQ) {
            w_str(w, "\"foq\", \"qty\": ");
            w_uint(w, a.lot_qty);
        } else {
            w_str(w, "\"poq\", \"periods\": ");
            w_uint(w, e->lot_periods[i]);
        }
        if (a.lot_min) {
            w_str(w, ", \"min\": ");
            w_uint(w, a.lot_min);
        }
        if (a.lot_mult) {
            w_str(w, ", \"multiple\": ");
            w_uint(w, a.lot_mult);
        }
        w_str(w, "}}");
    }
    for (uint32_t i = 0; c->p.sites > 1 && i < e->nfg; i++) { /* P2's copies of the finished goods */
        w_str(w, ",\n{\"id\": ");
        w_item_at(c, i, "@P2");
        w_str(w, ", \"site\": \"P2\", \"source\": \"transfer\", \"transfer_from\": ");
        w_item(c, i);
        w_str(w, ", \"lead_time_days\": ");
        w_uint(w, 1 + i % 3);
        w_str(w, ", \"calendar\": \"std\"}");
    }
    w_str(w, "\n],\n");
}

/* --alternates: the alternative of a line to a purchased part, drawn with probability
 * --alternates: the purchased part paired with it on its level; UINT32_MAX for none. */
static uint32_t erp_alternate(ctx *c, rng *r, const bom_line *b, const uint32_t *partner)
{
    uint32_t x = b->comp;
    if (c->source[x] != SRC_BUY || !rng_chance(r, c->p.alternates))
        return UINT32_MAX;
    return partner[x];
}

/* Each purchased part's neighbour: the purchased parts of a level in id order, paired
 * (1st with 2nd, 3rd with 4th...), so that a cluster of alternatives holds two items;
 * UINT32_MAX for the last of an odd count and for other items. */
static uint32_t *erp_partners(ctx *c)
{
    uint32_t *partner = xcalloc(c->n, sizeof *partner);
    for (uint32_t i = 0; i < c->n; i++)
        partner[i] = UINT32_MAX;
    for (int L = 0; L < c->p.depth; L++) {
        uint32_t prev = UINT32_MAX;
        for (uint32_t i = c->lev_start[L]; i < c->lev_start[L + 1]; i++) {
            if (c->source[i] != SRC_BUY)
                continue;
            if (prev == UINT32_MAX) {
                prev = i;
            } else {
                partner[prev] = i, partner[i] = prev;
                prev = UINT32_MAX;
            }
        }
    }
    return partner;
}

/* Writes the operations of every made item, run and set-up times scaled per resource. */
static void erp_write_routings(ctx *c)
{
    erp *e = c->erp;
    writer *w = &c->w;
    uint64_t nr = 0;
    w_str(w, "\"routings\": [");
    for (uint32_t i = 0; i < c->n; i++) {
        if (e->op_first[i] == e->op_first[i + 1])
            continue;
        w_sep(w, nr++);
        w_str(w, "{\"item\": ");
        w_item(c, i);
        w_str(w, ", \"operations\": [");
        for (uint32_t o = e->op_first[i]; o < e->op_first[i + 1]; o++) {
            uint32_t r1 = e->op_res[o];
            int64_t run = (int64_t)((double)e->op_raw[o] * e->run_scale[r1] * 10000.0 + 0.5);
            int64_t setup = (int64_t)(e->op_setup[o] * e->setup_scale[r1] + 0.5);
            w_str(w, o > e->op_first[i] ? ", {\"seq\": " : "{\"seq\": ");
            w_uint(w, (uint64_t)(10 * (o - e->op_first[i] + 1)));
            w_str(w, ", \"resources\": [");
            w_id(w, "R", r1 + 1, c->w_res);
            if (e->op_alt[o] != ERP_NONE) {
                if (e->op_altpct[o]) {
                    int64_t alt = run * e->op_altpct[o] / 100;
                    w_str(w, ", {\"id\": ");
                    w_id(w, "R", e->op_alt[o] + 1, c->w_res);
                    w_str(w, ", \"run_minutes_per_unit\": ");
                    w_fixed(w, alt > 0 ? alt : 1, 4);
                    w_str(w, "}");
                } else {
                    w_str(w, ", ");
                    w_id(w, "R", e->op_alt[o] + 1, c->w_res);
                }
            }
            w_str(w, "], \"setup_minutes\": ");
            w_uint(w, (uint64_t)(setup > 1 ? setup : 1));
            w_str(w, ", \"run_minutes_per_unit\": ");
            w_fixed(w, run > 0 ? run : 1, 4);
            w_str(w, "}");
        }
        w_str(w, "]}");
    }
    w_str(w, "\n],\n");
}

/* Writes the open receipts (erp_draw_receipts). */
static void erp_write_receipts(ctx *c)
{
    writer *w = &c->w;
    rng r;
    uint64_t k = 0;
    rng_seed(&r, c->p.seed, ST_RECEIPTS);
    w_str(w, "\"receipts\": [");
    for (uint32_t i = 0; i < c->n; i++) {
        uint64_t q[2];
        int64_t dt[2];
        int tr[2], nrc = erp_draw_receipts(c, &r, i, q, dt, tr);
        for (int j = 0; j < nrc; j++) {
            w_sep(w, k);
            w_str(w, "{\"id\": ");
            w_id(w, "RC", ++k, c->w_rc);
            w_str(w, ", \"item\": ");
            w_item(c, i);
            w_str(w, ", \"qty\": ");
            w_uint(w, q[j]);
            w_str(w, ", \"date\": ");
            w_date(c, dt[j]);
            w_str(w, ", \"kind\": \"");
            w_str(w, c->source[i] == SRC_MAKE ? "production" : tr[j] ? "transfer" : "purchase");
            w_str(w, "\"}");
        }
    }
    c->erp->nrc = k;
    w_str(w, "\n],\n");
}

/* Writes the customer orders: finished goods and quantities from the draws erp_demand made;
** with two sites, one order in four is for the P2 copy of its finished good. */
static void erp_write_orders(ctx *c)
{
    erp *e = c->erp;
    writer *w = &c->w;
    rng r, sr;
    int h = c->p.horizon, first = c->p.first_due < h ? c->p.first_due : h;
    rng_seed(&r, c->p.seed, ST_ORDERS);
    rng_seed(&sr, c->p.seed, ST_ERP_SALES);
    w_str(w, "\"orders\": [");
    for (uint64_t k = 0; k < c->p.orders; k++) {
        uint32_t item = erp_sale_item(e, &sr);
        uint64_t qty = erp_sale_qty(&sr);
        w_sep(w, k);
        w_str(w, "{\"id\": ");
        w_id(w, "SO", k + 1, c->w_ord);
        w_str(w, ", \"item\": ");
        if (c->p.sites > 1 && k % 4 == 3)
            w_item_at(c, item, "@P2");
        else
            w_item(c, item);
        w_str(w, ", \"qty\": ");
        w_uint(w, qty);
        w_str(w, ", \"due\": ");
        w_date(c, rng_range(&r, first, h));
        w_str(w, ", \"priority\": ");
        w_uint(w, rng_below(&r, 4));
        w_str(w, ", \"penalty_per_day\": ");
        w_uint(w, (uint64_t)rng_range(&r, 10, 100));
        if (rng_chance(&r, 0.001))
            w_str(w, ", \"urgent\": true");
        if (rng_chance(&r, 0.01)) {
            w_str(w, ", \"design_days\": ");
            w_uint(w, (uint64_t)rng_range(&r, 5, 15));
        }
        w_str(w, ", \"customer\": ");
        w_id(w, "C", rng_below(&r, c->ncust) + 1, c->w_cust);
        w_str(w, "}");
    }
    w_str(w, "\n]\n}\n");
}

/* Writes the whole erp data set. */
static void erp_write(ctx *c)
{
    erp_write_header(c);
    erp_write_items(c);
    write_bom(c);
    erp_write_routings(c);
    erp_write_receipts(c);
    erp_write_orders(c);
}

/* Writes the whole data set to f; returns 0 on success. */
static int write_dataset(ctx *c, FILE *f)
{
    setvbuf(f, NULL, _IOFBF, 1u << 20);
    c->w.f = f;
    c->w.buf = xcalloc(OUT_BUF, 1);
    if (c->erp)
        erp_write(c);
    else {
        write_header(c);
        write_calendars(c);
        write_resources(c);
        write_items(c);
        write_bom(c);
        write_routings(c);
        write_receipts(c);
        write_orders(c);
    }
    w_flush(&c->w);
    free(c->w.buf);
    return c->w.err || fflush(f) != 0 || ferror(f);
}

static int is_h5(const char *path)
{
    size_t n = strlen(path);
    return (n >= 3 && !strcmp(path + n - 3, ".h5")) || (n >= 5 && !strcmp(path + n - 5, ".hdf5"));
}

/* Writes to FILE.tmp and renames it to FILE on success, or to stdout. A FILE ending in
** .h5 gets the HDF5 form (ordo_convert of the JSON written to FILE.tmp). */
static int write_output(ctx *c)
{
    const char *path = c->p.out_path;
    if (!path || !strcmp(path, "-")) {
        if (write_dataset(c, stdout)) {
            fprintf(stderr, "ordo_gen: write error on standard output\n");
            return 1;
        }
        return 0;
    }
    size_t n = strlen(path);
    char *tmp = xcalloc(n + 5, 1);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "ordo_gen: cannot open %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return 1;
    }
    int err = write_dataset(c, f);
    err |= fclose(f) != 0;
    if (!err && is_h5(path)) { /* the HDF5 form: the JSON just written, converted */
        ordo_model *m = NULL;
        ordo_rc rc = ordo_convert(tmp, path, NULL, &m);
        if (rc != ORDO_OK) fprintf(stderr, "ordo_gen: %s: %s\n", path, m ? ordo_errmsg(m) : ordo_rc_name(rc));
        ordo_model_close(m);
        remove(tmp);
        free(tmp);
        return rc != ORDO_OK;
    }
    if (!err && rename(tmp, path) != 0) {
        fprintf(stderr, "ordo_gen: cannot rename %s to %s: %s\n", tmp, path, strerror(errno));
        err = 1;
    } else if (err)
        fprintf(stderr, "ordo_gen: write error on %s\n", tmp);
    if (err)
        remove(tmp);
    free(tmp);
    return err;
}

int main(int argc, char **argv)
{
    ctx c;
    memset(&c, 0, sizeof c);
    parse_args(argc, argv, &c.p);
    if (c.p.shape == SHAPE_ERP)
        erp_build(&c);
    else
        build_model(&c);
    int err = write_output(&c);
    free(c.source);
    free(c.level);
    free(c.has_parent);
    free(c.demand);
    free(c.bom);
    free(c.dates);
    free(c.hol);
    erp_free(c.erp);
    return err ? 1 : 0;
}
