/*
** quote.c -- capable-to-promise quotes against a finished plan (`ordo quote`, SPEC sections
** 4-5): candidates read from JSON, each promised by the promise stage (promise.h) as an
** independent what-if, in parallel, or with "sequential": true one after the other, each
** seeing what the earlier ones took; written as one JSON object per line. A candidate that
** cannot be read is answered by an error line in its place. Quotes without an id are named
** QUOTE-n, n counting every quote the quoter gave (a session's lines go on counting).
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
    int64_t nquoted; /* quotes answered so far: the next unnamed one is QUOTE-(nquoted + 1) */
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
static int urgent_insert(const struct ordo_plan *base, const cand *c, int64_t num, int64_t *done, cJSON *dist)
{
    const ordo_model *m = base->model;
    char id[32];
    snprintf(id, sizeof id, "QUOTE-%lld", (long long)num);
    ordo_request r = {c->d, id, NULL, m->h_start, 0, 0, 1, NULL}; /* the candidate as an urgent order due today */
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

/* The answer to candidate c, QUOTE-num unless it has an id (see urgent_insert for urgent);
** ctx is left holding its evaluation. */
static char *answer(ordo_promise_ctx *ctx, const struct ordo_plan *base, const cand *c, int64_t num, int urgent)
{
    const ordo_model *m = base->model;
    int32_t day = ordo_promise_earliest(ctx, &c->d);
    if (day == INT32_MIN) return NULL;
    cJSON *dist = cJSON_CreateArray();
    if (!dist) return NULL;
    int64_t done = INT64_MAX;
    if (urgent) { /* others may move: the date with priority, and its reason */
        if (urgent_insert(base, c, num, &done, dist)) {
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
    if (!c->id) snprintf(idbuf, sizeof idbuf, "QUOTE-%lld", (long long)num);
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

/* s as a JSON string into w (room for 6 bytes per byte of s, plus 3): quotes and
** backslashes escaped, other control characters as \u00XX (as the command line's error
** lines). Returns the end. */
static char *put_jstr(char *w, const char *s)
{
    *w++ = '"';
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\') *w++ = '\\', *w++ = (char)*c;
        else if (*c < 0x20) w += sprintf(w, "\\u%04x", *c);
        else *w++ = (char)*c;
    }
    *w++ = '"';
    *w = 0;
    return w;
}

/* The line for a candidate that could not be read: {"id": its id when given, "error": ...}. */
static char *error_line(const cand *c)
{
    size_t n = 32 + 6 * (strlen(c->error) + (c->id ? strlen(c->id) : 0));
    char *s = cJSON_malloc(n), *w = s;
    if (!s) return NULL;
    w += sprintf(w, "{");
    if (c->id) {
        w += sprintf(w, "\"id\": ");
        w = put_jstr(w, c->id);
        w += sprintf(w, ", ");
    }
    w += sprintf(w, "\"error\": ");
    w = put_jstr(w, c->error);
    sprintf(w, "}");
    return s;
}

/* Sequential quotes: one after the other on a copy of the base of their own, each answer's
** evaluation committed (stock taken, operations placed) before the next is promised. The
** quoter's base is untouched, so the next request starts from the plan again. */
static int quote_in_turn(ordo_quoter *q, const ordo_requests *rs, const int64_t *num, char **lines)
{
    ordo_promise_base *B = ordo_promise_base_new(q->base);
    ordo_promise_ctx *ctx = B ? ordo_promise_ctx_new(B) : NULL;
    int oom = !ctx;
    for (int32_t k = 0; !oom && k < rs->n; k++) {
        const cand *c = &rs->r[k];
        if (c->error) {
            oom = !(lines[k] = error_line(c));
            continue;
        }
        oom = !(lines[k] = answer(ctx, q->base, c, num[k], 0));
        if (!oom && ordo_promise_completion(ctx) != INT64_MAX) oom = ordo_promise_commit(ctx) != 0;
    }
    ordo_promise_ctx_free(ctx);
    ordo_promise_base_free(B);
    return oom;
}

/* Independent quotes, in parallel: each a what-if against the quoter's base. */
static int quote_apart(ordo_quoter *q, const ordo_requests *rs, const int64_t *num, int threads, int urgent, char **lines)
{
    int nt = threads > 0 ? threads : 1, oom = 0;
#ifdef _OPENMP
    if (threads <= 0) nt = omp_get_max_threads();
#endif
    if (urgent) nt = 1; /* each urgent quote is a whole insertion, with GLPK: one at a time */
    const cand *cs = rs->r;
    int32_t n = rs->n;
#pragma omp parallel num_threads(nt) reduction(| : oom)
    {
        ordo_promise_ctx *ctx = ordo_promise_ctx_new(q->B);
        if (!ctx) oom = 1;
#pragma omp for schedule(dynamic, 1)
        for (int32_t k = 0; k < n; k++) {
            if (cs[k].error) lines[k] = error_line(&cs[k]);
            else if (ctx) lines[k] = answer(ctx, q->base, &cs[k], num[k], urgent);
            if (!lines[k]) oom = 1;
        }
        ordo_promise_ctx_free(ctx);
    }
    return oom;
}

/* The lines joined, one per candidate in request order, into *pout. */
static ordo_rc join_lines(char **lines, int32_t n, char **pout, size_t *nout)
{
    size_t total = 1;
    for (int32_t k = 0; k < n; k++) total += strlen(lines[k]) + 1;
    char *out = malloc(total), *w = out;
    if (!out) return ORDO_ENOMEM;
    for (int32_t k = 0; k < n; k++) {
        size_t l = strlen(lines[k]);
        memcpy(w, lines[k], l);
        w += l;
        *w++ = '\n';
    }
    *w = 0;
    *pout = out;
    if (nout) *nout = (size_t)(w - out);
    return ORDO_OK;
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
    int32_t nbad = 0, n = 0;
    ordo_rc rc = ordo_requests_read_each(m, json, len, what ? what : "orders", &rs, &nbad, err, nerr);
    if (rc == ORDO_OK && rs.sequential && urgent) {
        snprintf(err, nerr, "sequential: not with urgent quotes (each urgent quote is an insertion of its own)");
        rc = ORDO_EINPUT;
    }
    n = rc == ORDO_OK ? rs.n : 0;
    char **lines = rc == ORDO_OK ? calloc((size_t)n + 1, sizeof *lines) : NULL;
    int64_t *num = rc == ORDO_OK ? malloc(((size_t)n + 1) * sizeof *num) : NULL;
    if (rc == ORDO_OK && (!lines || !num)) rc = ORDO_ENOMEM;
    if (rc == ORDO_OK) { /* numbers for unnamed quotes, in request order */
        int64_t next = q->nquoted;
        for (int32_t k = 0; k < n; k++) num[k] = rs.r[k].error ? 0 : ++next;
        int oom = rs.sequential ? quote_in_turn(q, &rs, num, lines) : quote_apart(q, &rs, num, threads, urgent, lines);
        if (oom) rc = ORDO_ENOMEM;
        else q->nquoted = next;
    }
    if (rc == ORDO_OK) rc = join_lines(lines, n, pout, nout);
    if (rc == ORDO_OK && nbad) rc = ORDO_EINPUT; /* answered, bad candidates as error lines */
    if (rc == ORDO_ENOMEM && !err[0]) snprintf(err, nerr, "out of memory");
    for (int32_t k = 0; lines && k < n; k++) cJSON_free(lines[k]);
    free(lines);
    free(num);
    ordo_requests_free(&rs);
    return rc;
}
