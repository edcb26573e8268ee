/*
** quote.c -- capable-to-promise quotes against a finished plan (`ordo quote`, SPEC sections
** 4-5): candidates read from JSON, each promised by the promise stage (promise.h) as an
** independent what-if, in parallel, and written as one JSON object per line.
*/
#include "insert.h"
#include "promise.h"
#include "request.h"

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

typedef ordo_request cand; /* a candidate of a quote */

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
    char id[32];
    snprintf(id, sizeof id, "QUOTE-%d", (int)k + 1);
    ordo_request r = {c->d, id, NULL, m->h_start, 0, 0, 1}; /* the candidate as an urgent order due today */
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    io.time_limit = 2;
    ordo_model *m2 = NULL;
    ordo_plan *p2 = NULL;
    char err[256];
    ordo_rc rc = ordo_insert_requests(base, &r, 1, &io, &m2, &p2, err, sizeof err);
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
    ordo_requests rs;
    ordo_rc rc = ordo_requests_read(m, json, len, what ? what : "orders", &rs, err, nerr);
    const cand *cs = rs.r;
    int32_t n = rs.n;
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
    ordo_requests_free(&rs);
    return rc;
}
