/*
** quote.c -- capable-to-promise quotes against a finished plan (`ordo quote`, SPEC sections
** 4-5): candidates read from JSON, each promised by the promise stage (promise.h) as an
** independent what-if, in parallel, and written as one JSON object per line.
*/
#include "promise.h"

#include "bounds.h"
#include "dates.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define MAX_STEPS 64

struct ordo_quoter {
    const struct ordo_plan *base;
    ordo_promise_base *B;
};

typedef ordo_request cand;

ordo_rc ordo_quoter_open(const ordo_plan *base, ordo_quoter **pq)
{
    if (!base || !pq) return ORDO_EMISUSE;
    *pq = NULL;
    ordo_quoter *q = calloc(1, sizeof *q);
    if (!q) return ORDO_ENOMEM;
    q->base = base;
    q->B = ordo_promise_base_new(base);
    if (!q->B) {
        free(q);
        return ORDO_ENOMEM;
    }
    *pq = q;
    return ORDO_OK;
}

void ordo_quoter_close(ordo_quoter *q)
{
    if (!q) return;
    ordo_promise_base_free(q->B);
    free(q);
}

/* ---- reading candidates -------------------------------------------------------------------------- */

/* The item named name: its id's string by hash, then the item with that string. */
static int32_t find_item(const ordo_model *m, const char *name)
{
    int32_t sid = ordo_strpool_find(&m->names, name, strlen(name));
    for (int32_t i = 0; sid >= 0 && i < m->nitem; i++)
        if (m->item_name[i] == sid) return i;
    return -1;
}

/* Append "path: reason" to err (one per line); counts every error. */
static void add_err(char *err, size_t nerr, int *nerrs, const char *path, const char *fmt, const char *arg)
{
    size_t used = strlen(err);
    if (used + 1 < nerr) {
        int k = snprintf(err + used, nerr - used, "%s%s: ", used ? "\n" : "", path);
        if (k > 0 && used + (size_t)k < nerr) snprintf(err + used + (size_t)k, nerr - used - (size_t)k, fmt, arg);
    }
    (*nerrs)++;
}

/* Reading one candidate: its path for messages and where the errors go. */
typedef struct rdc {
    const cJSON *o;
    const char *path;
    char p[128];
    char *err;
    size_t nerr;
    int *nerrs;
} rdc;

/* Field key of the candidate (NULL when absent); r->p becomes its path. */
static const cJSON *field(rdc *r, const char *key)
{
    snprintf(r->p, sizeof r->p, "%s.%s", r->path, key);
    return cJSON_GetObjectItemCaseSensitive(r->o, key);
}

static void bad(rdc *r, const char *fmt, const char *arg) { add_err(r->err, r->nerr, r->nerrs, r->p, fmt, arg); }

/* An optional string field into *out. */
static void opt_str(rdc *r, const char *key, const char **out)
{
    const cJSON *x = field(r, key);
    if (x && !cJSON_IsString(x)) bad(r, "%s", "not a string");
    else if (x) *out = x->valuestring;
}

/* An optional number field in [lo, hi] (the data set's limits, bounds.h) into *out (why:
** the message when it is not). */
static void opt_num(rdc *r, const char *key, double lo, double hi, const char *why, double *out)
{
    const cJSON *x = field(r, key);
    if (x && (!cJSON_IsNumber(x) || !(x->valuedouble >= lo && x->valuedouble <= hi))) bad(r, "%s", why);
    else if (x) *out = x->valuedouble;
}

/* Read candidate k (path e.g. "orders[3]") from object o into c. */
static void read_cand(const ordo_model *m, const cJSON *o, const char *path, cand *c, char *err, size_t nerr, int *nerrs)
{
    rdc r = {o, path, "", err, nerr, nerrs};
    memset(c, 0, sizeof *c);
    c->due = INT32_MIN;
    if (!cJSON_IsObject(o)) {
        add_err(err, nerr, nerrs, path, "%s", "must be an object with item and qty");
        return;
    }
    const cJSON *it = field(&r, "item");
    if (!cJSON_IsString(it))
        bad(&r, "%s", "missing or not a string");
    else if ((c->d.item = find_item(m, it->valuestring)) < 0)
        bad(&r, "unknown item \"%s\"", it->valuestring);
    const cJSON *qty = field(&r, "qty");
    if (!cJSON_IsNumber(qty) || !(qty->valuedouble > 0 && qty->valuedouble <= ORDO_LIM_QTY))
        bad(&r, "%s", "missing or not a number > 0 and at most 1e9");
    else
        c->d.qty = qty->valuedouble;
    opt_str(&r, "id", &c->id);
    const cJSON *due = field(&r, "due");
    if (due && (!cJSON_IsString(due) || ordo_parse_date(due->valuestring, &c->due))) bad(&r, "%s", "not a date YYYY-MM-DD");
    opt_num(&r, "priority", -ORDO_LIM_PRIORITY, ORDO_LIM_PRIORITY, "not a number in [-1e6, 1e6]", &c->priority);
    opt_num(&r, "penalty_per_day", 0, ORDO_LIM_PENALTY, "not a number in [0, 1e9]", &c->penalty);
    const cJSON *urg = field(&r, "urgent");
    if (urg && !cJSON_IsBool(urg)) bad(&r, "%s", "not true or false");
    else if (urg) c->urgent = cJSON_IsTrue(urg);
    opt_str(&r, "customer", &c->customer);
    double dd = 0;
    opt_num(&r, "design_days", 0, ORDO_LIM_DAYS, "not a whole number of days in [0, 3650]", &dd);
    if (dd != floor(dd)) bad(&r, "%s", "not a whole number of days in [0, 3650]");
    else c->d.design_days = (int32_t)dd;
}

ordo_rc ordo_read_requests(const ordo_model *m, const char *json, size_t len, const char *what, void **pvroot,
                          ordo_request **pc, int32_t *pn, char *err, size_t nerr)
{
    cJSON **proot = (cJSON **)pvroot;
    *pc = NULL;
    *pn = 0;
    size_t at;
    const char *bad = ordo_json_text_check(json, len, &at);
    if (bad) {
        *proot = NULL;
        snprintf(err, nerr, "%s: %s at byte %zu", what, bad, at + 1);
        return ORDO_EINPUT;
    }
    *proot = cJSON_ParseWithLength(json, len);
    if (!*proot) {
        snprintf(err, nerr, "%s: not valid JSON", what);
        return ORDO_EINPUT;
    }
    const cJSON *list = *proot;
    if (cJSON_IsObject(list) && cJSON_GetObjectItemCaseSensitive(list, "orders"))
        list = cJSON_GetObjectItemCaseSensitive(list, "orders");
    int single = !cJSON_IsArray(list);
    int32_t n = single ? 1 : cJSON_GetArraySize(list);
    *pc = calloc((size_t)n + 1, sizeof **pc);
    if (!*pc) return ORDO_ENOMEM;
    *pn = n;
    int nerrs = 0;
    err[0] = 0;
    if (n == 0) add_err(err, nerr, &nerrs, what, "%s", "no candidates");
    int32_t k = 0;
    char path[96];
    if (single) {
        read_cand(m, list, what, &(*pc)[0], err, nerr, &nerrs);
    } else {
        for (const cJSON *o = list->child; o; o = o->next, k++) {
            snprintf(path, sizeof path, "%s[%d]", what, (int)k);
            read_cand(m, o, path, &(*pc)[k], err, nerr, &nerrs);
        }
    }
    return nerrs ? ORDO_EINPUT : ORDO_OK;
}

void ordo_requests_free(void *root, ordo_request *r)
{
    cJSON_Delete(root);
    free(r);
}

/* ---- answers ----------------------------------------------------------------------------------- */

static void add_date(cJSON *o, const char *key, int32_t day)
{
    char b[11];
    ordo_fmt_date(day, b);
    cJSON_AddStringToObject(o, key, b);
}

static void add_time(cJSON *o, const char *key, int64_t t)
{
    char b[17];
    if (t == INT64_MAX) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    ordo_fmt_datetime(t, b);
    cJSON_AddStringToObject(o, key, b);
}

/* Promise candidate c with ctx; returns its answer as one line of JSON (malloc'ed), NULL
** when out of memory. */
/* With others allowed to move (--urgent): the candidate inserted as an urgent order due
** today into the base (ordo_insert_json); its completion and who slips. 0, -1 failure. */
static int urgent_insert(const struct ordo_plan *base, const cand *c, int32_t k, int64_t *done, cJSON *dist)
{
    const ordo_model *m = base->model;
    char day[11], id[32];
    ordo_format_date(m->h_start, day);
    snprintf(id, sizeof id, "QUOTE-%d", (int)k + 1);
    cJSON *o = cJSON_CreateObject(); /* the candidate as an urgent order due today */
    if (!o) return -1;
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "item", ordo_str(&m->names, m->item_name[c->d.item]));
    cJSON_AddNumberToObject(o, "qty", c->d.qty);
    cJSON_AddStringToObject(o, "due", day);
    cJSON_AddNumberToObject(o, "design_days", c->d.design_days);
    cJSON_AddBoolToObject(o, "urgent", 1);
    char *req = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!req) return -1;
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    io.time_limit = 2;
    ordo_model *m2 = NULL;
    ordo_plan *p2 = NULL;
    char err[256];
    ordo_rc rc = ordo_insert_json(base, req, strlen(req), "order", &io, &m2, &p2, err, sizeof err);
    cJSON_free(req);
    if (rc != ORDO_OK) return -1;
    const struct ordo_plan *p = p2;
    int64_t t = p->ord_completion[m->nord];
    *done = t == INT64_MIN ? INT64_MAX : t;
    for (int32_t j = 0; j < p->ndist; j++) {
        cJSON *e = cJSON_CreateObject();
        if (!e) break;
        cJSON_AddItemToArray(dist, e);
        cJSON_AddStringToObject(e, "order", ordo_str(&m->names, m->or_name[p->dist_order[j]]));
        add_time(e, "old", p->dist_old[j] == INT64_MIN ? INT64_MAX : p->dist_old[j]);
        add_time(e, "new", p->dist_new[j] == INT64_MIN ? INT64_MAX : p->dist_new[j]);
    }
    ordo_plan_close(p2);
    ordo_model_close(m2);
    return 0;
}

static char *answer(ordo_promise_ctx *ctx, const struct ordo_plan *base, const cand *c, int32_t k, int urgent)
{
    const ordo_model *m = base->model;
    int32_t day = ordo_promise_earliest(ctx, &c->d);
    if (day == INT32_MIN) return NULL;
    cJSON *dist = cJSON_CreateArray();
    if (!dist) return NULL;
    int64_t done = INT64_MAX;
    if (urgent) { /* others may move: the date with priority, and its reason */
        if (urgent_insert(base, c, k, &done, dist)) {
            cJSON_Delete(dist);
            return NULL;
        }
        ordo_promise_set_mode(ctx, ORDO_SLOT_PRIORITY);
        if (ordo_promise_eval(ctx, &c->d, ORDO_ASAP) == INT64_MIN) {
            cJSON_Delete(dist);
            return NULL;
        }
        ordo_promise_set_mode(ctx, ORDO_SLOT_GAPS);
        day = done == INT64_MAX ? INT32_MAX : (int32_t)ordo_floordiv(done + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
    }
    ordo_step steps[MAX_STEPS];
    int32_t nstep = 0, by_item = -1, by_res = -1;
    int bind = ordo_promise_reason(ctx, &by_item, &by_res, steps, MAX_STEPS, &nstep);
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        cJSON_Delete(dist);
        return NULL;
    }
    char idbuf[32];
    if (!c->id) snprintf(idbuf, sizeof idbuf, "QUOTE-%d", (int)k + 1);
    cJSON_AddStringToObject(o, "id", c->id ? c->id : idbuf);
    cJSON_AddStringToObject(o, "item", ordo_str(&m->names, m->item_name[c->d.item]));
    cJSON_AddNumberToObject(o, "qty", c->d.qty);
    if (day == INT32_MAX) cJSON_AddNullToObject(o, "promise");
    else add_date(o, "promise", day);
    add_time(o, "completion", day == INT32_MAX ? INT64_MAX : urgent ? done : ordo_promise_completion(ctx));
    if (c->due != INT32_MIN) {
        add_date(o, "requested", c->due);
        cJSON_AddBoolToObject(o, "meets_request", day != INT32_MAX && day <= c->due);
    }
    cJSON_AddStringToObject(o, "binding", ordo_bind_name(bind));
    if (by_res >= 0) cJSON_AddStringToObject(o, "by", ordo_str(&m->names, m->res_name[by_res]));
    else if (by_item >= 0) cJSON_AddStringToObject(o, "by", ordo_str(&m->names, m->item_name[by_item]));
    else cJSON_AddNullToObject(o, "by");
    cJSON *path = cJSON_AddArrayToObject(o, "path");
    static const char *kinds[] = {"stock", "buy", "make", "operation"};
    for (int32_t s = 0; path && s < nstep; s++) {
        const ordo_step *x = &steps[s];
        cJSON *e = cJSON_CreateObject();
        if (!e) break;
        cJSON_AddItemToArray(path, e);
        cJSON_AddStringToObject(e, "step", kinds[x->kind]);
        cJSON_AddStringToObject(e, "item", ordo_str(&m->names, m->item_name[x->item]));
        cJSON_AddNumberToObject(e, "qty", x->qty);
        if (x->kind == ORDO_STEP_OP) {
            cJSON_AddNumberToObject(e, "seq", x->seq);
            cJSON_AddStringToObject(e, "resource", ordo_str(&m->names, m->res_name[x->res]));
            add_time(e, "start", x->start);
            add_time(e, "end", x->end);
            continue;
        }
        if (x->kind != ORDO_STEP_STOCK) add_date(e, "release", x->release);
        add_time(e, "available", x->end);
    }
    cJSON_AddItemToObject(o, "disturbed", dist);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

ordo_rc ordo_quote_json(ordo_quoter *q, const char *json, size_t len, const char *what, int threads, int urgent,
                        char **pout, size_t *nout, char *err, size_t nerr)
{
    if (!q || !json || !pout || !err || nerr == 0) return ORDO_EMISUSE;
    *pout = NULL;
    if (nout) *nout = 0;
    err[0] = 0;
    const ordo_model *m = q->base->model;
    void *root = NULL;
    cand *cs = NULL;
    int32_t n = 0;
    ordo_rc rc = ordo_read_requests(m, json, len, what ? what : "orders", &root, &cs, &n, err, nerr);
    char **lines = rc == ORDO_OK ? calloc((size_t)n + 1, sizeof *lines) : NULL;
    if (rc == ORDO_OK && !lines) rc = ORDO_ENOMEM;
    int nt = threads > 0 ? threads : 1;
#ifdef _OPENMP
    if (threads <= 0) nt = omp_get_max_threads();
#endif
    if (urgent) nt = 1; /* each urgent quote is a whole insertion, with GLPK: one at a time */
    int oom = 0;
    if (rc == ORDO_OK) {
#pragma omp parallel num_threads(nt) reduction(| : oom)
        {
            ordo_promise_ctx *ctx = ordo_promise_ctx_new(q->B);
            if (!ctx) oom = 1;
#pragma omp for schedule(dynamic, 1)
            for (int32_t k = 0; k < n; k++)
                if (ctx && !(lines[k] = answer(ctx, q->base, &cs[k], k, urgent))) oom = 1;
            ordo_promise_ctx_free(ctx);
        }
        if (oom) rc = ORDO_ENOMEM;
    }
    if (rc == ORDO_OK) { /* one line per candidate, in request order */
        size_t total = 1;
        for (int32_t k = 0; k < n; k++) total += strlen(lines[k]) + 1;
        char *out = malloc(total), *w = out;
        if (!out) {
            rc = ORDO_ENOMEM;
        } else {
            for (int32_t k = 0; k < n; k++) {
                size_t l = strlen(lines[k]);
                memcpy(w, lines[k], l);
                w += l;
                *w++ = '\n';
            }
            *w = 0;
            *pout = out;
            if (nout) *nout = (size_t)(w - out);
        }
    }
    if (rc == ORDO_ENOMEM && !err[0]) snprintf(err, nerr, "out of memory");
    for (int32_t k = 0; lines && k < n; k++) cJSON_free(lines[k]);
    free(lines);
    ordo_requests_free(root, cs);
    return rc;
}
