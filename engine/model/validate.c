/*
** validate.c -- stage "validate": check the raw tables against SPEC section 2 and compile
** them into the model's flat arrays.
**
** Every problem is reported, located by its path, in table order; nothing stops at the
** first error. Work is linear in the size of the data set: ids are resolved through
** sid-indexed maps, children are grouped by counting sort, and the BOM is checked for
** cycles and given low-level codes by one topological pass (Kahn).
*/
#include "validate.h"

#include "groups.h"
#include "sites.h"
#include "living.h"

#include "bounds.h"
#include "dates.h"

#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ids of one table: at[sid] its row, -1 when sid is not one of them; sids from n on
** are not. */
typedef struct idmap {
    int32_t *at;
    int32_t n;
} idmap;

static int32_t idmap_get(const idmap *m, int32_t sid) { return sid >= 0 && sid < m->n ? m->at[sid] : -1; }

typedef struct vctx {
    ordo_input *in;
    ordo_model *m;
    ordo_diag *d;
    const ordo_strpool *S;
    idmap map_cal, map_res, map_item; /* sid -> index, -1 when not an id of that table */
    int32_t *day_of; /* sid -> its date's day number + 1, 0 not parsed yet (a date repeats) */
    int oom;
    int quiet, failed; /* quiet: errors only set failed (parallel passes) */
} vctx;

/* Threads of the parallel passes: the open options', or all cores. */
static int nthreads(const vctx *v) { return v->in->threads > 0 ? v->in->threads : omp_get_max_threads(); }

enum { N_FINITE = 0, N_NONNEG = 1, N_POS = 2, N_WHOLE = 4, N_UNIT = 8 };

static void verr(vctx *v, int t, int32_t r, int f, const char *fmt, ...) ORDO_PRINTF(5, 6);
static void verr(vctx *v, int t, int32_t r, int f, const char *fmt, ...)
{
    if (v->quiet) { /* a parallel pass: the row is checked again, in order, with messages */
        v->failed = 1;
        return;
    }
    char path[512], msg[512];
    if (t < 0)
        snprintf(path, sizeof path, "%s", f >= 0 ? ordo_schema_top.fields[f].name : "");
    else
        ordo_input_path(v->in, t, r, f, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ordo_diag_add(v->d, path, "%s", msg);
}

static void *rowp(vctx *v, int t, int32_t r)
{
    return (char *)v->in->tab[t].data + (size_t)r * v->in->tab[t].elem;
}

static const char *str(vctx *v, int32_t sid) { return ordo_str(v->S, sid); }

/* The range of each limited number (bounds.h), by table and field; small: a positive value
** must be at least this (0 stays allowed). A field with lo == hi == 0 has no limit here. */
typedef struct lim {
    double lo, hi, small;
} lim;
#define Q ORDO_LIM_QTY
static const lim limits[ORDO_NTAB][32] = {
    [ORDO_TAB_CAL] = {[F_CAL_OT] = {0, ORDO_LIM_OVERTIME, 0}},
    [ORDO_TAB_RES] = {[F_RES_UNITS] = {1, ORDO_LIM_UNITS, 0}, [F_RES_EFF] = {ORDO_LIM_EFF_LO, ORDO_LIM_EFF_HI, 0}},
    [ORDO_TAB_ITEM] = {[F_IT_LEAD] = {0, ORDO_LIM_DAYS, 0}, [F_IT_INSP] = {0, ORDO_LIM_DAYS, 0},
                       [F_IT_ONHAND] = {-Q, Q, 0}, [F_IT_SAFETY] = {0, Q, 0}, [F_IT_YIELD] = {ORDO_LIM_YIELD, 1, 0},
                       [F_IT_LOT_QTY] = {0, Q, ORDO_LIM_LOT_SMALL}, [F_IT_LOT_PERIODS] = {0, ORDO_LIM_DAYS, 0},
                       [F_IT_LOT_MIN] = {0, Q, ORDO_LIM_LOT_SMALL}, [F_IT_LOT_MULT] = {0, Q, ORDO_LIM_LOT_SMALL}},
    [ORDO_TAB_BOM] = {[F_BOM_QTY] = {0, ORDO_LIM_QTY_PER, 0}, [F_BOM_SCRAP] = {0, ORDO_LIM_SCRAP, 0}},
    [ORDO_TAB_OP] = {[F_OP_SETUP] = {0, ORDO_LIM_MINUTES, 0}, [F_OP_RUN] = {0, ORDO_LIM_MINUTES, 0}},
    [ORDO_TAB_ALT] = {[F_ALT_SETUP] = {0, ORDO_LIM_MINUTES, 0}, [F_ALT_RUN] = {0, ORDO_LIM_MINUTES, 0}},
    [ORDO_TAB_RCPT] = {[F_RC_QTY] = {0, Q, 0}},
    [ORDO_TAB_SUP] = {[F_SUP_LEAD] = {0, ORDO_LIM_DAYS, 0}, [F_SUP_MIN] = {0, Q, ORDO_LIM_LOT_SMALL},
                      [F_SUP_MULT] = {0, Q, ORDO_LIM_LOT_SMALL}, [F_SUP_PRIO] = {-ORDO_LIM_PRIORITY, ORDO_LIM_PRIORITY, 0},
                      [F_SUP_SHARE] = {0, 1, 0}},
    [ORDO_TAB_ORDER] = {[F_OR_QTY] = {0, Q, 0}, [F_OR_PRIO] = {-ORDO_LIM_PRIORITY, ORDO_LIM_PRIORITY, 0},
                        [F_OR_PEN] = {0, ORDO_LIM_PENALTY, 0}, [F_OR_DESIGN] = {0, ORDO_LIM_DAYS, 0}},
};
#undef Q

/* Number x of field f of table t within its limit; 1 when it is (or has none). */
static int in_limits(vctx *v, int t, int32_t r, int f, double x)
{
    if (t < 0 || f < 0 || f >= 32) return 1;
    const lim *L = &limits[t][f];
    if (L->lo == 0 && L->hi == 0) return 1;
    if (x > L->hi) {
        verr(v, t, r, f, "%.10g is above the limit %.10g", x, L->hi);
        return 0;
    }
    if (x < L->lo) {
        verr(v, t, r, f, "%.10g is below the limit %.10g", x, L->lo);
        return 0;
    }
    if (x > 0 && x < L->small) {
        verr(v, t, r, f, "%.10g is below the limit %.10g (or 0)", x, L->small);
        return 0;
    }
    return 1;
}

/* Check number x of field f against flags and its limit; returns 1 when acceptable. */
static int num_ok(vctx *v, int t, int32_t r, int f, double x, int flags)
{
    if (!isfinite(x)) {
        verr(v, t, r, f, "%g is not a finite number", x);
        return 0;
    }
    if ((flags & N_POS) && !(x > 0)) {
        verr(v, t, r, f, "%g must be greater than 0", x);
        return 0;
    }
    if ((flags & N_NONNEG) && x < 0) {
        verr(v, t, r, f, "%g must not be negative", x);
        return 0;
    }
    if ((flags & N_WHOLE) && (x != floor(x) || fabs(x) > 1e9)) {
        verr(v, t, r, f, "%g must be a whole number", x);
        return 0;
    }
    if ((flags & N_UNIT) && !(x > 0 && x <= 1)) {
        verr(v, t, r, f, "%g must be in (0, 1]", x);
        return 0;
    }
    return in_limits(v, t, r, f, x);
}

/* Optional number: the value when present and acceptable, else dflt. */
static double opt_num(vctx *v, int t, int32_t r, int f, int flags, double dflt)
{
    const ordo_rowhdr *h = rowp(v, t, r);
    if (!(h->present >> f & 1u)) return dflt;
    double x = *(const double *)((const char *)h + ordo_schemas[t].fields[f].off);
    return num_ok(v, t, r, f, x, flags) ? x : dflt;
}

/* Date field: day number, dflt when absent, dflt with an error when malformed. */
static int32_t opt_date(vctx *v, int t, int32_t r, int f, int32_t dflt)
{
    const ordo_rowhdr *h = rowp(v, t, r);
    if (!(h->present >> f & 1u)) return dflt;
    int32_t sid = *(const int32_t *)((const char *)h + ordo_schemas[t].fields[f].off);
    int32_t day;
    int32_t known = v->day_of ? __atomic_load_n(&v->day_of[sid], __ATOMIC_RELAXED) : 0;
    if (known) return known - 1;
    if (ordo_parse_date(str(v, sid), &day) == 0) {
        if (v->day_of) __atomic_store_n(&v->day_of[sid], day + 1, __ATOMIC_RELAXED);
        return day;
    }
    verr(v, t, r, f, "\"%s\" is not a date (YYYY-MM-DD)", str(v, sid));
    return dflt;
}

/* Resolve a reference field through map; -1 (with an error when present) if unknown. */
static int32_t ref(vctx *v, int t, int32_t r, int f, const idmap *map, const char *what)
{
    const ordo_rowhdr *h = rowp(v, t, r);
    if (!(h->present >> f & 1u)) return -1;
    int32_t sid = *(const int32_t *)((const char *)h + ordo_schemas[t].fields[f].off);
    int32_t at = idmap_get(map, sid);
    if (at >= 0) return at;
    verr(v, t, r, f, "unknown %s \"%s\"", what, str(v, sid));
    return -1;
}

static void *alloc(vctx *v, size_t n, size_t size)
{
    void *p = ordo_arena_calloc(&v->m->arena, n ? n : 1, size);
    if (!p) v->oom = 1;
    return p;
}

/* The same, not zeroed: for arrays that are written whole before they are read. */
static void *alloc_raw(vctx *v, size_t n, size_t size)
{
    void *p = n > SIZE_MAX / size ? NULL : ordo_arena_alloc(&v->m->arena, (n ? n : 1) * size);
    if (!p) v->oom = 1;
    return p;
}

/* ---- required fields ----------------------------------------------------------------- */
static void check_required(vctx *v)
{
    const ordo_raw_top *top = &v->in->top;
    for (int f = 0; f < ordo_schema_top.nfield; f++) {
        if (!ordo_schema_top.fields[f].required || (top->h.given >> f & 1u)) continue;
        if ((f == F_TOP_START || f == F_TOP_END) && !(top->h.given >> F_TOP_HORIZON & 1u)) continue;
        verr(v, -1, 0, f, "missing required field");
    }
    for (int t = 0; t < ORDO_NTAB; t++) {
        const ordo_schema *s = &ordo_schemas[t];
        uint32_t req = 0;
        for (int f = 0; f < s->nfield; f++)
            if (s->fields[f].required) req |= 1u << f;
        int32_t n = ORDO_NROWS(v->in, t), first = n; /* the first row that misses one, found in parallel */
#pragma omp parallel for if (n > 65536) num_threads(nthreads(v)) schedule(static) reduction(min : first)
        for (int32_t r = 0; r < n; r++)
            if ((((const ordo_rowhdr *)rowp(v, t, r))->given & req) != req && r < first) first = r;
        for (int32_t r = first; r < n; r++) { /* then in order, with the messages */
            const ordo_rowhdr *h = rowp(v, t, r);
            if ((h->given & req) == req) continue;
            for (int f = 0; f < s->nfield; f++)
                if ((req >> f & 1u) && !(h->given >> f & 1u))
                    verr(v, t, r, f, "missing required field");
        }
    }
}

/* The string fields of row h (schema s) that hold a string of bad[], located. */
static void bad_string_fields(vctx *v, int t, int32_t r, const ordo_schema *s, const ordo_rowhdr *h, const uint8_t *bad)
{
    for (int f = 0; f < s->nfield; f++) {
        if (s->fields[f].kind != ORDO_F_STR || !(h->present >> f & 1u)) continue;
        int32_t sid = *(const int32_t *)((const char *)h + s->fields[f].off);
        if (sid >= 0 && sid < v->S->n && bad[sid]) verr(v, t, r, f, "not valid UTF-8");
    }
}

/* Every string of the data set valid UTF-8 (JSON text is checked whole when loaded; HDF5
** strings are not): each string of the pool once, then, only when one is not, the fields
** that hold it, located. */
static void check_strings(vctx *v)
{
    const ordo_strpool *S = v->S;
    uint8_t *bad = NULL;
    for (int32_t sid = 0; sid < S->n; sid++) {
        const char *x = ordo_str(S, sid);
        size_t n = strlen(x);
        if (ordo_utf8_check(x, n) == n) continue;
        if (!bad && !(bad = calloc((size_t)S->n, 1))) {
            v->oom = 1;
            return;
        }
        bad[sid] = 1;
    }
    if (!bad) return;
    bad_string_fields(v, -1, 0, &ordo_schema_top, &v->in->top.h, bad);
    for (int t = 0; t < ORDO_NTAB; t++)
        for (int32_t r = 0; r < ORDO_NROWS(v->in, t); r++) bad_string_fields(v, t, r, &ordo_schemas[t], rowp(v, t, r), bad);
    free(bad);
}

/* ---- ids ----------------------------------------------------------------------------- */
/* Index the ids of table t (field 0) into m; report duplicates. m is sized by the largest
** of them (a map kept for references, small where the table is), or by the pool (no pass
** more over a large table). m->at is NULL out of memory. */
static void index_ids(vctx *v, int t, idmap *m, int by_largest)
{
    int32_t n = ORDO_NROWS(v->in, t), top = v->S->n - 1;
    const size_t off = ordo_schemas[t].fields[0].off;
    if (by_largest) {
        top = -1;
        for (int32_t r = 0; r < n; r++) {
            int32_t sid = *(const int32_t *)((const char *)rowp(v, t, r) + off);
            if (sid > top) top = sid;
        }
    }
    m->n = top + 1;
    m->at = malloc((size_t)(m->n ? m->n : 1) * sizeof *m->at);
    if (!m->at) {
        v->oom = 1;
        return;
    }
    memset(m->at, 0xff, (size_t)m->n * sizeof *m->at);
    char first[512];
    for (int32_t r = 0; r < n; r++) {
        int32_t sid = *(const int32_t *)((const char *)rowp(v, t, r) + off);
        if (sid < 0) continue;
        if (m->at[sid] >= 0) {
            verr(v, t, r, 0, "duplicate id \"%s\" (first at %s)", str(v, sid),
                 ordo_input_path(v->in, t, m->at[sid], -1, first, sizeof first));
            continue;
        }
        m->at[sid] = r;
    }
}

/* Report the duplicate ids of table t. */
static void check_ids(vctx *v, int t)
{
    idmap m;
    index_ids(v, t, &m, 0);
    free(m.at);
}

/* CSR grouping of the rows of child table t by parent (nparent parents), input order kept.
** *pstart has nparent + 1 entries; *pidx lists row indices. Both from the arena. */
static int group_children(vctx *v, int t, int32_t nparent, int32_t **pstart, int32_t **pidx)
{
    int32_t n = ORDO_NROWS(v->in, t);
    int32_t *start = alloc(v, (size_t)nparent + 1, sizeof *start);
    int32_t *idx = alloc(v, (size_t)n, sizeof *idx);
    if (!start || !idx) return -1;
    for (int32_t r = 0; r < n; r++) start[((ordo_rowhdr *)rowp(v, t, r))->parent + 1]++;
    for (int32_t p = 0; p < nparent; p++) start[p + 1] += start[p];
    int32_t *fill = malloc((size_t)(nparent ? nparent : 1) * sizeof *fill);
    if (!fill) {
        v->oom = 1;
        return -1;
    }
    memcpy(fill, start, (size_t)nparent * sizeof *fill);
    for (int32_t r = 0; r < n; r++) idx[fill[((ordo_rowhdr *)rowp(v, t, r))->parent]++] = r;
    free(fill);
    *pstart = start;
    *pidx = idx;
    return 0;
}

/* ---- top ----------------------------------------------------------------------------- */
static void compile_top(vctx *v)
{
    ordo_raw_top *top = &v->in->top;
    ordo_model *m = v->m;
    if (ORDO_HAS(top, F_TOP_ORDO) && top->version != 1)
        verr(v, -1, 0, F_TOP_ORDO, "unsupported format version %g (this engine reads 1)", top->version);
    m->h_start = m->h_end = 0;
    int ok = 1;
    if (ORDO_HAS(top, F_TOP_START) && ordo_parse_date(str(v, top->start), &m->h_start)) {
        verr(v, -1, 0, F_TOP_START, "\"%s\" is not a date (YYYY-MM-DD)", str(v, top->start));
        ok = 0;
    }
    if (ORDO_HAS(top, F_TOP_END) && ordo_parse_date(str(v, top->end), &m->h_end)) {
        verr(v, -1, 0, F_TOP_END, "\"%s\" is not a date (YYYY-MM-DD)", str(v, top->end));
        ok = 0;
    }
    if (ok && ORDO_HAS(top, F_TOP_START) && ORDO_HAS(top, F_TOP_END) && m->h_end < m->h_start)
        verr(v, -1, 0, F_TOP_END, "\"%s\" is before horizon.start \"%s\"", str(v, top->end),
             str(v, top->start));
    else if (ok && ORDO_HAS(top, F_TOP_START) && ORDO_HAS(top, F_TOP_END) && m->h_end - m->h_start >= ORDO_LIM_HORIZON)
        verr(v, -1, 0, F_TOP_END, "\"%s\" is %d days after horizon.start, above the limit %d", str(v, top->end),
             m->h_end - m->h_start, (int)ORDO_LIM_HORIZON - 1);
    m->objective = ORDO_OBJ_SERVICE;
    if (ORDO_HAS(top, F_TOP_OBJ)) {
        const char *o = str(v, top->objective);
        if (strcmp(o, "makespan") == 0)
            m->objective = ORDO_OBJ_MAKESPAN;
        else if (strcmp(o, "tardiness") == 0)
            m->objective = ORDO_OBJ_TARDINESS;
        else if (strcmp(o, "service") != 0)
            verr(v, -1, 0, F_TOP_OBJ, "unknown objective \"%s\" (service, tardiness, makespan)", o);
    }
}

/* ---- calendars ----------------------------------------------------------------------- */
static void compile_calendars(vctx *v)
{
    ordo_model *m = v->m;
    ordo_input *in = v->in;
    int32_t n = ORDO_NROWS(in, ORDO_TAB_CAL);
    int32_t *wd_s, *wd_i, *sh_s, *sh_i, *ho_s, *ho_i;
    m->ncal = n;
    m->cal = alloc(v, (size_t)n, sizeof *m->cal);
    m->cal_name = alloc(v, (size_t)n, sizeof *m->cal_name);
    int32_t *hol_store = alloc(v, (size_t)ORDO_NROWS(in, ORDO_TAB_HOLIDAY), sizeof *hol_store);
    if (!m->cal || !m->cal_name || !hol_store || group_children(v, ORDO_TAB_WEEKDAY, n, &wd_s, &wd_i) ||
        group_children(v, ORDO_TAB_SHIFT, n, &sh_s, &sh_i) ||
        group_children(v, ORDO_TAB_HOLIDAY, n, &ho_s, &ho_i))
        return;
    int32_t *hol = malloc((size_t)(ORDO_NROWS(in, ORDO_TAB_HOLIDAY) + 1) * sizeof *hol);
    if (!hol) {
        v->oom = 1;
        return;
    }
    for (int32_t c = 0; c < n; c++) {
        ordo_raw_cal *rc = rowp(v, ORDO_TAB_CAL, c);
        m->cal_name[c] = rc->id;
        int ok = 1;
        uint8_t mask = ORDO_HAS(rc, F_CAL_WEEKDAYS) ? 0 : 0x7f;
        for (int32_t k = wd_s[c]; k < wd_s[c + 1]; k++) {
            ordo_raw_weekday *w = rowp(v, ORDO_TAB_WEEKDAY, wd_i[k]);
            if (!ORDO_HAS(w, F_WD_DAY)) continue;
            if (w->day != floor(w->day) || w->day < 1 || w->day > 7) {
                verr(v, ORDO_TAB_WEEKDAY, wd_i[k], F_WD_DAY, "%g is not an ISO weekday (1 = Monday .. 7 = Sunday)", w->day);
                ok = 0;
                continue;
            }
            mask |= (uint8_t)(1u << ((int)w->day - 1));
        }
        int32_t shifts[2 * ORDO_CAL_MAX_SHIFTS];
        int nsh = 0;
        for (int32_t k = sh_s[c]; k < sh_s[c + 1]; k++) {
            ordo_raw_shift *s = rowp(v, ORDO_TAB_SHIFT, sh_i[k]);
            int a = -1, b = -1;
            if (ORDO_HAS(s, F_SH_START) && (a = ordo_parse_hhmm(str(v, s->start), 0)) < 0)
                verr(v, ORDO_TAB_SHIFT, sh_i[k], F_SH_START, "\"%s\" is not a time (HH:MM)", str(v, s->start));
            if (ORDO_HAS(s, F_SH_END) && (b = ordo_parse_hhmm(str(v, s->end), 1)) < 0)
                verr(v, ORDO_TAB_SHIFT, sh_i[k], F_SH_END, "\"%s\" is not a time (HH:MM)", str(v, s->end));
            if (a < 0 || b < 0) {
                ok = 0;
                continue;
            }
            if (nsh < ORDO_CAL_MAX_SHIFTS) {
                shifts[2 * nsh] = a;
                shifts[2 * nsh + 1] = b;
            }
            nsh++;
        }
        if (ORDO_HAS(rc, F_CAL_SHIFTS) && nsh == 0 && ok) {
            verr(v, ORDO_TAB_CAL, c, F_CAL_SHIFTS, "a calendar with shifts needs at least one");
            ok = 0;
        }
        int nh = 0;
        for (int32_t k = ho_s[c]; k < ho_s[c + 1]; k++) {
            ordo_raw_holiday *h = rowp(v, ORDO_TAB_HOLIDAY, ho_i[k]);
            int32_t day = opt_date(v, ORDO_TAB_HOLIDAY, ho_i[k], F_HOL_DATE, INT32_MIN);
            if (ORDO_HAS(h, F_HOL_DATE) && day == INT32_MIN) ok = 0;
            if (day != INT32_MIN) hol[nh++] = day;
        }
        double ot = opt_num(v, ORDO_TAB_CAL, c, F_CAL_OT, N_NONNEG | N_WHOLE, -1);
        if (ot < 0) {
            if (ORDO_HAS(rc, F_CAL_OT)) ok = 0;
            ot = 0;
        }
        if (!ok) continue;
        const char *why = NULL;
        if (ordo_cal_build(&m->cal[c], mask, shifts, nsh, hol, nh, hol_store + ho_s[c], (int32_t)ot, &why)) {
            int f = strstr(why, "weekday") ? F_CAL_WEEKDAYS : strstr(why, "overtime") ? F_CAL_OT : F_CAL_SHIFTS;
            verr(v, ORDO_TAB_CAL, c, f, "%s", why);
        } else if (m->h_end >= m->h_start && m->h_end - m->h_start < 40000) {
            /* Day lookups in O(1) over the horizon and three years either side. */
            int32_t lo = m->h_start - 1100, hi = m->h_end + 1100;
            int32_t *w = alloc(v, (size_t)(hi - lo) + 1, sizeof *w);
            int32_t *days = alloc(v, (size_t)(hi - lo), sizeof *days);
            if (w && days) ordo_cal_build_table(&m->cal[c], lo, hi, w, days);
        }
    }
    free(hol);
}

/* ---- resources ----------------------------------------------------------------------- */
static void compile_resources(vctx *v)
{
    ordo_model *m = v->m;
    int32_t n = ORDO_NROWS(v->in, ORDO_TAB_RES);
    m->nres = n;
    m->res_name = alloc(v, (size_t)n, sizeof(int32_t));
    m->res_cal = alloc(v, (size_t)n, sizeof(int32_t));
    m->res_units = alloc(v, (size_t)n, sizeof(int32_t));
    m->res_eff = alloc(v, (size_t)n, sizeof(double));
    if (v->oom) return;
    for (int32_t r = 0; r < n; r++) {
        ordo_raw_res *rr = rowp(v, ORDO_TAB_RES, r);
        m->res_name[r] = rr->id;
        m->res_cal[r] = ref(v, ORDO_TAB_RES, r, F_RES_CAL, &v->map_cal, "calendar");
        double u = opt_num(v, ORDO_TAB_RES, r, F_RES_UNITS, N_WHOLE | N_POS, 1);
        m->res_units[r] = (int32_t)u; /* at most ORDO_LIM_UNITS */
        m->res_eff[r] = opt_num(v, ORDO_TAB_RES, r, F_RES_EFF, N_POS, 1.0);
    }
}

/* ---- items ---------------------------------------------------------------------------- */
static void compile_items(vctx *v, const uint8_t *has_children, const uint8_t *has_routing)
{
    ordo_model *m = v->m;
    int32_t n = ORDO_NROWS(v->in, ORDO_TAB_ITEM);
    const int T = ORDO_TAB_ITEM;
    m->nitem = n;
    m->item_name = alloc(v, (size_t)n, sizeof(int32_t));
    m->item_src = alloc(v, (size_t)n, 1);
    m->item_lead = alloc(v, (size_t)n, sizeof(int32_t));
    m->item_insp = alloc(v, (size_t)n, sizeof(int32_t));
    m->item_cal = alloc(v, (size_t)n, sizeof(int32_t));
    m->item_on_hand = alloc(v, (size_t)n, sizeof(double));
    m->item_safety = alloc(v, (size_t)n, sizeof(double));
    m->item_yield = alloc(v, (size_t)n, sizeof(double));
    m->lot_rule = alloc(v, (size_t)n, 1);
    m->lot_qty = alloc(v, (size_t)n, sizeof(double));
    m->lot_periods = alloc(v, (size_t)n, sizeof(int32_t));
    m->lot_min = alloc(v, (size_t)n, sizeof(double));
    m->lot_mult = alloc(v, (size_t)n, sizeof(double));
    m->lot_setup = alloc(v, (size_t)n, sizeof(double));
    m->lot_hold = alloc(v, (size_t)n, sizeof(double));
    m->item_llc = alloc(v, (size_t)n, sizeof(int32_t));
    m->item_subcon = alloc(v, (size_t)n, 1);
    if (v->oom) return;
    for (int32_t i = 0; i < n; i++) {
        ordo_raw_item *it = rowp(v, T, i);
        int xfer = 0; /* source "transfer" (sites.h): made from its one source, no lead time needed */
        m->item_name[i] = it->id;
        m->item_src[i] = has_children[i] || has_routing[i] ? ORDO_SRC_MAKE : ORDO_SRC_BUY;
        if (ORDO_HAS(it, F_IT_SOURCE)) {
            const char *s = str(v, it->source);
            if (strcmp(s, "make") == 0) m->item_src[i] = ORDO_SRC_MAKE;
            else if (strcmp(s, "buy") == 0) m->item_src[i] = ORDO_SRC_BUY;
            else if (strcmp(s, "phantom") == 0) m->item_src[i] = ORDO_SRC_PHANTOM;
            else if (strcmp(s, "subcontract") == 0) m->item_src[i] = ORDO_SRC_MAKE, m->item_subcon[i] = 1, m->nsubcon++;
            else if (strcmp(s, "transfer") == 0) m->item_src[i] = ORDO_SRC_MAKE, xfer = 1;
            else verr(v, T, i, F_IT_SOURCE, "unknown source \"%s\" (make, buy, phantom, subcontract, transfer)", s);
        }
        m->item_lead[i] = (int32_t)opt_num(v, T, i, F_IT_LEAD, N_NONNEG | N_WHOLE, 0);
        m->item_insp[i] = (int32_t)opt_num(v, T, i, F_IT_INSP, N_NONNEG | N_WHOLE, 0);
        m->item_on_hand[i] = opt_num(v, T, i, F_IT_ONHAND, N_FINITE, 0);
        m->item_safety[i] = opt_num(v, T, i, F_IT_SAFETY, N_NONNEG, 0);
        m->item_yield[i] = opt_num(v, T, i, F_IT_YIELD, N_UNIT, 1.0);
        m->item_cal[i] = ref(v, T, i, F_IT_CAL, &v->map_cal, "calendar");
        m->lot_rule[i] = ORDO_LOT_LFL;
        if (ORDO_HAS(it, F_IT_LOT_RULE)) {
            const char *s = str(v, it->lot_rule);
            if (strcmp(s, "foq") == 0) m->lot_rule[i] = ORDO_LOT_FOQ;
            else if (strcmp(s, "poq") == 0) m->lot_rule[i] = ORDO_LOT_POQ;
            else if (strcmp(s, "ww") == 0) m->lot_rule[i] = ORDO_LOT_WW;
            else if (strcmp(s, "sm") == 0) m->lot_rule[i] = ORDO_LOT_SM;
            else if (strcmp(s, "lfl") != 0)
                verr(v, T, i, F_IT_LOT_RULE, "unknown lot rule \"%s\" (lfl, foq, poq, ww, sm)", s);
        }
        m->lot_qty[i] = opt_num(v, T, i, F_IT_LOT_QTY, N_NONNEG, 0);
        m->lot_periods[i] = (int32_t)opt_num(v, T, i, F_IT_LOT_PERIODS, N_NONNEG | N_WHOLE, 0);
        m->lot_min[i] = opt_num(v, T, i, F_IT_LOT_MIN, N_NONNEG, 0);
        m->lot_mult[i] = opt_num(v, T, i, F_IT_LOT_MULT, N_NONNEG, 0);
        if (m->lot_rule[i] == ORDO_LOT_FOQ && !(m->lot_qty[i] > 0) && !(ORDO_HAS(it, F_IT_LOT_QTY) && it->lot_qty != 0))
            verr(v, T, i, F_IT_LOT_QTY, "lot rule foq needs qty > 0");
        if (m->lot_rule[i] == ORDO_LOT_POQ && m->lot_periods[i] < 1 &&
            !(ORDO_HAS(it, F_IT_LOT_PERIODS) && (it->lot_periods < 0 || it->lot_periods != floor(it->lot_periods))))
            verr(v, T, i, F_IT_LOT_PERIODS, "lot rule poq needs periods >= 1");
        m->lot_setup[i] = opt_num(v, T, i, F_IT_LOT_SETUP, N_NONNEG, 0);
        m->lot_hold[i] = opt_num(v, T, i, F_IT_LOT_HOLD, N_NONNEG, 0);
        if (m->lot_rule[i] == ORDO_LOT_WW || m->lot_rule[i] == ORDO_LOT_SM) {
            const char *rule = m->lot_rule[i] == ORDO_LOT_WW ? "ww" : "sm";
            if (!ORDO_HAS(it, F_IT_LOT_SETUP)) verr(v, T, i, F_IT_LOT_SETUP, "lot rule %s needs setup_cost >= 0", rule);
            if (!ORDO_HAS(it, F_IT_LOT_HOLD)) verr(v, T, i, F_IT_LOT_HOLD, "lot rule %s needs holding_cost >= 0", rule);
        }
        if (m->item_subcon[i] && has_routing[i])
            verr(v, T, i, F_IT_SOURCE, "subcontracted item \"%s\" has a routing (its work is done outside)", str(v, it->id));
        else if (m->item_src[i] == ORDO_SRC_MAKE && !has_routing[i] && !ORDO_HAS(it, F_IT_LEAD) && !xfer &&
                 !(m->item_subcon[i] && ORDO_HAS(it, F_IT_SUPPLIERS)))
            verr(v, T, i, -1, m->item_subcon[i] ? "subcontracted item \"%s\" has neither lead_time_days nor suppliers"
                                                 : "make item \"%s\" has neither a routing nor lead_time_days",
                 str(v, it->id));
    }
}

/* ---- BOM ----------------------------------------------------------------------------- */
static void compile_bom(vctx *v)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_BOM;
    int32_t n = ORDO_NROWS(v->in, T), ni = m->nitem;
    int32_t *par = malloc((size_t)(n ? n : 1) * sizeof *par);
    int32_t *chi = malloc((size_t)(n ? n : 1) * sizeof *chi);
    m->bom_start = alloc(v, (size_t)ni + 1, sizeof(int32_t));
    if (!par || !chi || !m->bom_start) {
        v->oom = 1;
        free(par);
        free(chi);
        return;
    }
    int32_t kept = 0;
    for (int32_t r = 0; r < n; r++) {
        par[r] = ref(v, T, r, F_BOM_PARENT, &v->map_item, "item");
        chi[r] = ref(v, T, r, F_BOM_COMP, &v->map_item, "item");
        if (par[r] >= 0 && chi[r] >= 0) {
            m->bom_start[par[r] + 1]++;
            kept++;
        }
    }
    for (int32_t i = 0; m->item_from && i < ni; i++) /* a transfer item's one line (sites.h) */
        if (m->item_from[i] >= 0) m->bom_start[i + 1]++, kept++;
    m->nbom = kept;
    m->bom_child = alloc(v, (size_t)kept, sizeof(int32_t));
    m->bom_qty = alloc(v, (size_t)kept, sizeof(double));
    m->bom_scrap = alloc(v, (size_t)kept, sizeof(double));
    m->bom_from = alloc(v, (size_t)kept, sizeof(int32_t));
    m->bom_to = alloc(v, (size_t)kept, sizeof(int32_t));
    m->bom_line = alloc(v, (size_t)kept, sizeof(int32_t));
    for (int32_t r = 0; r < n && !m->bom_group; r++) /* alternatives (groups.h) */
        if (ORDO_HAS((const ordo_raw_bom *)rowp(v, T, r), F_BOM_GROUP) || ORDO_HAS((const ordo_raw_bom *)rowp(v, T, r), F_BOM_PRIO)) {
            m->bom_group = alloc(v, (size_t)kept, sizeof(int32_t));
            m->bom_prio = alloc(v, (size_t)kept, sizeof(int32_t));
        }
    int32_t *fill = malloc((size_t)(ni ? ni : 1) * sizeof *fill);
    if (v->oom || !fill) {
        v->oom = 1;
        free(fill);
        free(par);
        free(chi);
        return;
    }
    for (int32_t i = 0; i < ni; i++) m->bom_start[i + 1] += m->bom_start[i];
    memcpy(fill, m->bom_start, (size_t)ni * sizeof *fill);
    for (int32_t r = 0; r < n; r++) {
        double q = opt_num(v, T, r, F_BOM_QTY, N_POS, 1.0);
        double sc = opt_num(v, T, r, F_BOM_SCRAP, N_NONNEG, 0);
        int32_t from = opt_date(v, T, r, F_BOM_FROM, ORDO_DAY_MIN);
        int32_t to = opt_date(v, T, r, F_BOM_TO, ORDO_DAY_MAX);
        if (from != ORDO_DAY_MIN && to != ORDO_DAY_MAX && to <= from)
            verr(v, T, r, F_BOM_TO, "must be after from (the line would never be used)");
        const ordo_raw_bom *b = rowp(v, T, r);
        double pr = opt_num(v, T, r, F_BOM_PRIO, N_NONNEG | N_WHOLE, 0);
        if (ORDO_HAS(b, F_BOM_PRIO) && !ORDO_HAS(b, F_BOM_GROUP))
            verr(v, T, r, F_BOM_PRIO, "only a line of a group (\"group\") has a priority");
        if (par[r] < 0 || chi[r] < 0) continue;
        int32_t k = fill[par[r]]++;
        if (m->bom_group) m->bom_group[k] = ORDO_HAS(b, F_BOM_GROUP) ? b->group : -1, m->bom_prio[k] = (int32_t)pr;
        m->bom_child[k] = chi[r];
        m->bom_qty[k] = q;
        m->bom_scrap[k] = sc;
        m->bom_from[k] = from;
        m->bom_to[k] = to;
        m->bom_line[k] = r;
    }
    for (int32_t i = 0; m->item_from && i < ni; i++) {
        if (m->item_from[i] < 0) continue;
        int32_t k = fill[i]++;
        m->bom_child[k] = m->item_from[i], m->bom_qty[k] = 1, m->bom_scrap[k] = 0;
        m->bom_from[k] = ORDO_DAY_MIN, m->bom_to[k] = ORDO_DAY_MAX, m->bom_line[k] = -1;
        if (m->bom_group) m->bom_group[k] = -1; /* a transfer's line is in no group */
    }
    free(fill);
    free(par);
    free(chi);
    if (m->bom_group && ordo_model_groups(m, v->in, v->d)) v->oom = 1;
}

/* Print one cycle: walk from a blocked node (one Kahn's pass could not free) along
** blocked parents until a node repeats. mark[] is 0 unvisited, else the walk that saw it. */
static void report_cycle(vctx *v, const int32_t *pstart, const int32_t *pidx, const uint8_t *blocked,
                         int32_t *mark, int32_t *walk, int32_t from, int32_t walkno)
{
    ordo_model *m = v->m;
    int32_t len = 0, x = from;
    while (!mark[x]) {
        mark[x] = walkno;
        walk[len++] = x;
        int32_t next = -1;
        for (int32_t k = pstart[x]; k < pstart[x + 1] && next < 0; k++)
            if (blocked[pidx[k]]) next = pidx[k];
        if (next < 0) return; /* cannot happen: a blocked node has a blocked parent */
        x = next;
    }
    if (mark[x] != walkno) return; /* ran into an earlier walk: a cycle already reported */
    int32_t s = len - 1;
    while (walk[s] != x) s--;
    /* walk[s..len) runs component -> parent; print it parent -> component, starting at the
    ** item that comes first in the input so that the message does not depend on the walk. */
    int32_t L = len - s, first = 0;
    for (int32_t k = 1; k < L; k++)
        if (walk[len - 1 - k] < walk[len - 1 - first]) first = k;
    char buf[4096];
    size_t o = (size_t)snprintf(buf, sizeof buf, "cycle ");
    for (int32_t k = 0; k <= L && o < sizeof buf - 300; k++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", k ? " -> " : "",
                              ordo_str(v->S, m->item_name[walk[len - 1 - (first + k) % L]]));
    ordo_diag_add(v->d, "bom", "%s", buf);
}

/* Report the BOM cycles among the items that Kahn's pass left blocked (done[0..ndone) are
** the items it freed), at most 16. */
static void report_cycles(vctx *v, const int32_t *done, int32_t ndone)
{
    ordo_model *m = v->m;
    int32_t n = m->nitem, e = m->nbom;
    uint8_t *blocked = malloc((size_t)n + 1);
    int32_t *pstart = calloc((size_t)n + 1, sizeof *pstart);
    int32_t *pidx = malloc(((size_t)e + 1) * sizeof *pidx);
    int32_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
    int32_t *mark = calloc((size_t)n + 1, sizeof *mark);
    int32_t *walk = malloc(((size_t)n + 1) * sizeof *walk);
    if (!blocked || !pstart || !pidx || !fill || !mark || !walk) {
        v->oom = 1;
    } else {
        memset(blocked, 1, (size_t)n);
        for (int32_t i = 0; i < ndone; i++) blocked[done[i]] = 0;
        for (int32_t k = 0; k < e; k++) pstart[m->bom_child[k] + 1]++;
        for (int32_t i = 0; i < n; i++) pstart[i + 1] += pstart[i];
        memcpy(fill, pstart, (size_t)n * sizeof *fill);
        for (int32_t p = 0; p < n; p++)
            for (int32_t k = m->bom_start[p]; k < m->bom_start[p + 1]; k++) pidx[fill[m->bom_child[k]]++] = p;
        int32_t walkno = 0, reported = 0;
        for (int32_t i = 0; i < n && reported < 16; i++) {
            if (!blocked[i] || mark[i]) continue;
            int before = ordo_diag_total(v->d);
            report_cycle(v, pstart, pidx, blocked, mark, walk, i, ++walkno);
            reported += ordo_diag_total(v->d) > before;
        }
    }
    free(blocked);
    free(pstart);
    free(pidx);
    free(fill);
    free(mark);
    free(walk);
}

/* Low-level codes by Kahn's topological order over every BOM line (whatever its dates):
** an item's code is one more than the largest code of its parents. Cycles are reported. */
static void compute_llc(vctx *v)
{
    ordo_model *m = v->m;
    int32_t n = m->nitem, e = m->nbom;
    int32_t *indeg = calloc((size_t)n + 1, sizeof *indeg);
    int32_t *queue = malloc(((size_t)n + 1) * sizeof *queue);
    if (!indeg || !queue) {
        v->oom = 1;
        free(indeg);
        free(queue);
        return;
    }
    for (int32_t k = 0; k < e; k++) indeg[m->bom_child[k]]++;
    int32_t head = 0, tail = 0;
    for (int32_t i = 0; i < n; i++) {
        m->item_llc[i] = 0;
        if (!indeg[i]) queue[tail++] = i;
    }
    while (head < tail) {
        int32_t p = queue[head++];
        for (int32_t k = m->bom_start[p]; k < m->bom_start[p + 1]; k++) {
            int32_t c = m->bom_child[k];
            if (m->item_llc[c] < m->item_llc[p] + 1) m->item_llc[c] = m->item_llc[p] + 1;
            if (--indeg[c] == 0) queue[tail++] = c;
        }
    }
    m->nlevels = 0;
    for (int32_t i = 0; i < n; i++)
        if (m->item_llc[i] + 1 > m->nlevels) m->nlevels = m->item_llc[i] + 1;
    if (tail < n) report_cycles(v, queue, tail);
    free(indeg);
    free(queue);
}

/* ---- routings ------------------------------------------------------------------------ */
/* Which items have a routing (the first one given); later routings of an item are errors. */
static int32_t *routing_of_item(vctx *v, int32_t nitem, uint8_t *has_routing)
{
    const int T = ORDO_TAB_ROUTING;
    int32_t *first = malloc(((size_t)nitem + 1) * sizeof *first);
    if (!first) {
        v->oom = 1;
        return NULL;
    }
    memset(first, 0xff, ((size_t)nitem + 1) * sizeof *first);
    char where[512];
    for (int32_t r = 0; r < ORDO_NROWS(v->in, T); r++) {
        int32_t it = ref(v, T, r, F_RT_ITEM, &v->map_item, "item");
        if (it < 0) continue;
        if (first[it] >= 0) {
            verr(v, T, r, F_RT_ITEM, "second routing for item \"%s\" (first at %s)",
                 str(v, ((ordo_raw_routing *)rowp(v, T, r))->item),
                 ordo_input_path(v->in, T, first[it], -1, where, sizeof where));
            continue;
        }
        first[it] = r;
        has_routing[it] = 1;
    }
    return first;
}

typedef struct op_key {
    double seq;
    int32_t row;
} op_key;

static int cmp_op_key(const void *a, const void *b)
{
    const op_key *x = a, *y = b;
    if (x->seq != y->seq) return (x->seq > y->seq) - (x->seq < y->seq);
    return (x->row > y->row) - (x->row < y->row);
}

/* Sort the operation rows idx[0..n) by seq (input order on ties). */
static void sort_ops(vctx *v, int32_t *idx, int32_t n, op_key *tmp)
{
    for (int32_t j = 0; j < n; j++) {
        tmp[j].seq = ((const ordo_raw_op *)rowp(v, ORDO_TAB_OP, idx[j]))->seq;
        tmp[j].row = idx[j];
    }
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_op_key);
    for (int32_t j = 0; j < n; j++) idx[j] = tmp[j].row;
}

static void compile_alternatives(vctx *v, int32_t oprow, const int32_t *alt_s, const int32_t *alt_i,
                                 int32_t k)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_ALT;
    const ordo_raw_op *op = rowp(v, ORDO_TAB_OP, oprow);
    char first[512];
    if (ORDO_HAS(op, F_OP_RES) && alt_s[oprow] == alt_s[oprow + 1])
        verr(v, ORDO_TAB_OP, oprow, F_OP_RES, "an operation needs at least one resource");
    for (int32_t j = alt_s[oprow]; j < alt_s[oprow + 1]; j++) {
        int32_t a = alt_i[j];
        const ordo_raw_alt *ra = rowp(v, T, a);
        int32_t res = ref(v, T, a, F_ALT_ID, &v->map_res, "resource");
        double setup = opt_num(v, T, a, F_ALT_SETUP, N_NONNEG, m->op_setup[k]);
        double run = opt_num(v, T, a, F_ALT_RUN, N_NONNEG, m->op_run[k]);
        if (res < 0) continue;
        int dup = 0;
        for (int32_t q = m->op_alt_start[k]; q < m->nalt; q++) dup |= m->alt_res[q] == res;
        if (dup) {
            verr(v, T, a, F_ALT_ID, "resource \"%s\" listed twice (see %s)", str(v, ra->id),
                 ordo_input_path(v->in, ORDO_TAB_OP, oprow, F_OP_RES, first, sizeof first));
            continue;
        }
        m->alt_res[m->nalt] = res;
        m->alt_setup[m->nalt] = setup;
        m->alt_run[m->nalt] = run;
        m->nalt++;
    }
}

static void compile_routings(vctx *v, const int32_t *first)
{
    ordo_model *m = v->m;
    int32_t nrt = ORDO_NROWS(v->in, ORDO_TAB_ROUTING), nop = ORDO_NROWS(v->in, ORDO_TAB_OP);
    int32_t nalt = ORDO_NROWS(v->in, ORDO_TAB_ALT);
    int32_t *op_s, *op_i, *alt_s, *alt_i;
    m->rout_start = alloc(v, (size_t)m->nitem + 1, sizeof(int32_t));
    m->op_seq = alloc(v, (size_t)nop, sizeof(int32_t));
    m->op_setup = alloc(v, (size_t)nop, sizeof(double));
    m->op_run = alloc(v, (size_t)nop, sizeof(double));
    m->op_alt_start = alloc(v, (size_t)nop + 1, sizeof(int32_t));
    m->alt_res = alloc(v, (size_t)nalt, sizeof(int32_t));
    m->alt_setup = alloc(v, (size_t)nalt, sizeof(double));
    m->alt_run = alloc(v, (size_t)nalt, sizeof(double));
    if (v->oom || group_children(v, ORDO_TAB_OP, nrt, &op_s, &op_i) ||
        group_children(v, ORDO_TAB_ALT, nop, &alt_s, &alt_i))
        return;
    /* alt_s/alt_i are indexed by op row; check every operation, compile the used ones. */
    op_key *tmp = malloc(((size_t)nop + 1) * sizeof *tmp);
    if (!tmp) {
        v->oom = 1;
        return;
    }
    char where[512];
    for (int32_t r = 0; r < nrt; r++) {
        if (ORDO_HAS((ordo_raw_routing *)rowp(v, ORDO_TAB_ROUTING, r), F_RT_OPS) && op_s[r] == op_s[r + 1])
            verr(v, ORDO_TAB_ROUTING, r, F_RT_OPS, "a routing needs at least one operation");
        sort_ops(v, op_i + op_s[r], op_s[r + 1] - op_s[r], tmp);
        for (int32_t j = op_s[r]; j < op_s[r + 1]; j++) {
            const ordo_raw_op *op = rowp(v, ORDO_TAB_OP, op_i[j]);
            if (ORDO_HAS(op, F_OP_SEQ)) {
                num_ok(v, ORDO_TAB_OP, op_i[j], F_OP_SEQ, op->seq, N_WHOLE);
                if (j > op_s[r] && ORDO_HAS((ordo_raw_op *)rowp(v, ORDO_TAB_OP, op_i[j - 1]), F_OP_SEQ) &&
                    ((ordo_raw_op *)rowp(v, ORDO_TAB_OP, op_i[j - 1]))->seq == op->seq)
                    verr(v, ORDO_TAB_OP, op_i[j], F_OP_SEQ, "duplicate seq %g (see %s)", op->seq,
                         ordo_input_path(v->in, ORDO_TAB_OP, op_i[j - 1], -1, where, sizeof where));
            }
        }
    }
    free(tmp);
    int32_t k = 0;
    for (int32_t it = 0; it < m->nitem; it++) {
        m->rout_start[it] = k;
        int32_t r = first[it];
        if (r < 0) continue;
        for (int32_t j = op_s[r]; j < op_s[r + 1]; j++, k++) {
            int32_t o = op_i[j];
            const ordo_raw_op *op = rowp(v, ORDO_TAB_OP, o);
            m->op_seq[k] = (int32_t)(isfinite(op->seq) && fabs(op->seq) < 2e9 ? op->seq : 0);
            m->op_setup[k] = opt_num(v, ORDO_TAB_OP, o, F_OP_SETUP, N_NONNEG, 0);
            m->op_run[k] = opt_num(v, ORDO_TAB_OP, o, F_OP_RUN, N_NONNEG, 0);
            m->op_alt_start[k] = m->nalt;
            compile_alternatives(v, o, alt_s, alt_i, k);
        }
    }
    m->rout_start[m->nitem] = k;
    m->op_alt_start[k] = m->nalt;
    m->nop = k;
}

/* ---- receipts and orders -------------------------------------------------------------- */
static void compile_receipts(vctx *v)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_RCPT;
    int32_t n = ORDO_NROWS(v->in, T);
    m->nrcpt = n;
    m->rc_name = alloc(v, (size_t)n, sizeof(int32_t));
    m->rc_item = alloc(v, (size_t)n, sizeof(int32_t));
    m->rc_date = alloc(v, (size_t)n, sizeof(int32_t));
    m->rc_kind = alloc(v, (size_t)n, 1);
    m->rc_qty = alloc(v, (size_t)n, sizeof(double));
    if (v->oom) return;
    for (int32_t r = 0; r < n; r++) {
        const ordo_raw_rcpt *rc = rowp(v, T, r);
        m->rc_name[r] = rc->id;
        m->rc_item[r] = ref(v, T, r, F_RC_ITEM, &v->map_item, "item");
        m->rc_qty[r] = opt_num(v, T, r, F_RC_QTY, N_POS, 0);
        m->rc_date[r] = opt_date(v, T, r, F_RC_DATE, m->h_start);
        m->rc_kind[r] = ORDO_RC_PURCHASE;
        if (ORDO_HAS(rc, F_RC_KIND)) {
            const char *k = str(v, rc->kind);
            if (strcmp(k, "production") == 0) m->rc_kind[r] = ORDO_RC_PRODUCTION;
            else if (strcmp(k, "transfer") == 0) m->rc_kind[r] = ORDO_RC_TRANSFER;
            else if (strcmp(k, "purchase") != 0)
                verr(v, T, r, F_RC_KIND, "unknown receipt kind \"%s\" (purchase, production, transfer)", k);
        }
    }
}

static void order_row(vctx *v, int32_t r)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_ORDER;
    const ordo_raw_order *o = rowp(v, T, r);
    m->or_name[r] = o->id;
    m->or_item[r] = ref(v, T, r, F_OR_ITEM, &v->map_item, "item");
    m->or_qty[r] = opt_num(v, T, r, F_OR_QTY, N_POS, 0);
    m->or_due[r] = opt_date(v, T, r, F_OR_DUE, m->h_start);
    m->or_prio[r] = opt_num(v, T, r, F_OR_PRIO, N_FINITE, 0);
    m->or_penalty[r] = opt_num(v, T, r, F_OR_PEN, N_NONNEG, 0);
    m->or_urgent[r] = ORDO_HAS(o, F_OR_URGENT) && o->urgent != 0;
    m->or_design[r] = (int32_t)opt_num(v, T, r, F_OR_DESIGN, N_NONNEG | N_WHOLE, 0);
    m->or_cust[r] = ORDO_HAS(o, F_OR_CUST) ? o->customer : -1;
}

static void compile_orders(vctx *v)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_ORDER;
    int32_t n = ORDO_NROWS(v->in, T);
    m->nord = n;
    /* every row writes every field (order_row): first touched by the threads below */
    m->or_name = alloc_raw(v, (size_t)n, sizeof(int32_t));
    m->or_item = alloc_raw(v, (size_t)n, sizeof(int32_t));
    m->or_due = alloc_raw(v, (size_t)n, sizeof(int32_t));
    m->or_design = alloc_raw(v, (size_t)n, sizeof(int32_t));
    m->or_cust = alloc_raw(v, (size_t)n, sizeof(int32_t));
    m->or_qty = alloc_raw(v, (size_t)n, sizeof(double));
    m->or_prio = alloc_raw(v, (size_t)n, sizeof(double));
    m->or_penalty = alloc_raw(v, (size_t)n, sizeof(double));
    m->or_urgent = alloc_raw(v, (size_t)n, 1);
    if (v->oom) return;
    /* Rows are independent: compiled in parallel with errors silenced, then the rows that
    ** failed compiled again in order, with their messages (the same as one pass in order). */
    uint8_t *failed = calloc((size_t)n + 1, 1);
    if (!failed) {
        v->oom = 1;
        return;
    }
    int nfailed = 0;
#pragma omp parallel if (n > 65536) num_threads(nthreads(v)) reduction(+ : nfailed)
    {
        vctx w = *v;
        w.quiet = 1;
#pragma omp for schedule(static, 8192)
        for (int32_t r = 0; r < n; r++) {
            w.failed = 0;
            order_row(&w, r);
            failed[r] = (uint8_t)w.failed;
            nfailed += w.failed;
        }
    }
    for (int32_t r = 0; r < n && nfailed; r++)
        if (failed[r]) order_row(v, r);
    free(failed);
}

/* ---- suppliers (supply.h) -------------------------------------------------------------- */
typedef struct sup_key { double prio; int32_t row; } sup_key;
static int cmp_sup_key(const void *x, const void *y)
{
    const sup_key *a = x, *b = y;
    if (a->prio != b->prio) return a->prio < b->prio ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

/* One supplier row r of item i into slot k of the model; returns 1 when kept. */
static int supplier_row(vctx *v, int32_t i, int32_t r, int32_t k)
{
    ordo_model *m = v->m;
    const int T = ORDO_TAB_SUP;
    const ordo_raw_sup *s = rowp(v, T, r);
    for (int32_t j = m->sup_start[i]; j < k; j++)
        if (m->sup_name[j] == s->id) {
            verr(v, T, r, F_SUP_ID, "supplier \"%s\" listed twice for this item", str(v, s->id));
            return 0;
        }
    m->sup_name[k] = s->id;
    m->sup_lead[k] = (int32_t)opt_num(v, T, r, F_SUP_LEAD, N_NONNEG | N_WHOLE, m->item_lead[i]);
    m->sup_cal[k] = ORDO_HAS(s, F_SUP_CAL) ? ref(v, T, r, F_SUP_CAL, &v->map_cal, "calendar") : m->item_cal[i];
    m->sup_min[k] = opt_num(v, T, r, F_SUP_MIN, N_NONNEG, 0);
    m->sup_mult[k] = opt_num(v, T, r, F_SUP_MULT, N_NONNEG, 0);
    m->sup_share[k] = opt_num(v, T, r, F_SUP_SHARE, N_NONNEG, 0);
    return ORDO_HAS(s, F_SUP_ID);
}

/* items[].suppliers: bought and subcontracted items only, at most ORDO_MAX_SUPPLIERS each,
** kept in choice order (priority, then list position). */
static void compile_suppliers(vctx *v)
{
    ordo_model *m = v->m;
    int32_t n = ORDO_NROWS(v->in, ORDO_TAB_SUP), *s_start, *s_idx, k = 0;
    m->sup_start = alloc(v, (size_t)m->nitem + 1, sizeof(int32_t));
    m->sup_name = alloc(v, (size_t)n, sizeof(int32_t));
    m->sup_lead = alloc(v, (size_t)n, sizeof(int32_t));
    m->sup_cal = alloc(v, (size_t)n, sizeof(int32_t));
    m->sup_min = alloc(v, (size_t)n, sizeof(double));
    m->sup_mult = alloc(v, (size_t)n, sizeof(double));
    m->sup_share = alloc(v, (size_t)n, sizeof(double));
    sup_key key[ORDO_MAX_SUPPLIERS];
    if (v->oom || group_children(v, ORDO_TAB_SUP, m->nitem, &s_start, &s_idx)) return;
    for (int32_t i = 0; i < m->nitem; i++) {
        int32_t a = s_start[i], b = s_start[i + 1];
        m->sup_start[i] = k;
        if (a == b) continue;
        if (m->item_src[i] != ORDO_SRC_BUY && !m->item_subcon[i]) {
            verr(v, ORDO_TAB_ITEM, i, F_IT_SUPPLIERS, "only a bought or subcontracted item has suppliers");
            continue;
        }
        if (b - a > ORDO_MAX_SUPPLIERS) {
            verr(v, ORDO_TAB_ITEM, i, F_IT_SUPPLIERS, "%d suppliers, above the limit %d", b - a, ORDO_MAX_SUPPLIERS);
            continue;
        }
        for (int32_t j = a; j < b; j++) {
            const ordo_raw_sup *s = rowp(v, ORDO_TAB_SUP, s_idx[j]);
            double pr = ORDO_HAS(s, F_SUP_PRIO) ? s->priority : 0;
            key[j - a] = (sup_key){isfinite(pr) ? pr : 0, s_idx[j]};
            if (ORDO_HAS(s, F_SUP_PRIO)) opt_num(v, ORDO_TAB_SUP, s_idx[j], F_SUP_PRIO, N_FINITE, 0);
        }
        qsort(key, (size_t)(b - a), sizeof *key, cmp_sup_key);
        for (int32_t j = 0; j < b - a; j++) k += supplier_row(v, i, key[j].row, k);
    }
    m->sup_start[m->nitem] = k;
    m->nsup = k;
}

/* ---- the stage ------------------------------------------------------------------------ */
int ordo_valid_compile(ordo_input *in, ordo_model *m)
{
    vctx v = {.in = in, .m = m, .d = &m->diag, .S = &in->strings};
    check_required(&v);
    check_strings(&v);
    v.day_of = calloc((size_t)v.S->n + 1, sizeof *v.day_of); /* optional: a cache */
    compile_top(&v);
    index_ids(&v, ORDO_TAB_CAL, &v.map_cal, 1);
    index_ids(&v, ORDO_TAB_RES, &v.map_res, 1);
    index_ids(&v, ORDO_TAB_ITEM, &v.map_item, 1);
    check_ids(&v, ORDO_TAB_RCPT);
    check_ids(&v, ORDO_TAB_ORDER);
    int32_t nitem = ORDO_NROWS(in, ORDO_TAB_ITEM);
    uint8_t *has_children = calloc((size_t)nitem + 1, 1), *has_routing = calloc((size_t)nitem + 1, 1);
    int32_t *first_routing = NULL;
    if (!v.oom && has_children && has_routing) {
        for (int32_t r = 0; r < ORDO_NROWS(in, ORDO_TAB_BOM); r++) {
            const ordo_raw_bom *b = rowp(&v, ORDO_TAB_BOM, r);
            int32_t it = idmap_get(&v.map_item, b->parent);
            if (it >= 0) has_children[it] = 1;
        }
        compile_calendars(&v);
        compile_resources(&v);
        first_routing = routing_of_item(&v, nitem, has_routing);
        compile_items(&v, has_children, has_routing);
        ordo_sidmap cals = {v.map_cal.at, v.map_cal.n}, items = {v.map_item.at, v.map_item.n};
        if (!v.oom && ordo_sites_compile(in, m, v.d, cals, items)) v.oom = 1;
        compile_suppliers(&v);
        compile_bom(&v);
        if (first_routing) compile_routings(&v, first_routing);
        if (!v.oom) ordo_sites_check(in, m, v.d, items, (ordo_sidmap){v.map_res.at, v.map_res.n});
        compile_receipts(&v);
        compile_orders(&v);
        if (!v.oom) ordo_valid_living(in, m); /* production orders, fences, frozen zone, actions */
        int before = ordo_diag_total(v.d);
        if (!v.oom) compute_llc(&v);
        if (!v.oom && m->ngroup && ordo_diag_total(v.d) == before && ordo_model_group_levels(m, v.in, v.d)) v.oom = 1;
    } else {
        v.oom = 1;
    }
    if (v.oom || m->arena.failed) ordo_diag_oom(v.d);
    free(has_children);
    free(has_routing);
    free(first_routing);
    free(v.map_cal.at);
    free(v.map_res.at);
    free(v.map_item.at);
    free(v.day_of);
    /* The model keeps the strings. */
    m->names = in->strings;
    memset(&in->strings, 0, sizeof in->strings);
    return ordo_diag_total(v.d) ? -1 : 0;
}
