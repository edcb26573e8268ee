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
#include "emit.h"
#include "sites.h"
#include "supply.h"

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

/* ,"key": -- the answers are compact JSON objects, one per line. */
static void key(ordo_emit *e, const char *k, int first)
{
    if (!first) ordo_emit_ch(e, ',');
    ordo_emit_str(e, k);
    ordo_emit_ch(e, ':');
}

static void key_str(ordo_emit *e, const char *k, const char *v) { key(e, k, 0), ordo_emit_str(e, v); }

/* With others allowed to move (--urgent): the candidate inserted as an urgent order due
** today into the base (ordo_insert_requests); its completion, and who slips as the
** "disturbed" array into e. 0, -1 failure. */
static int urgent_insert(const struct ordo_plan *base, const cand *c, int64_t num, int64_t *done, ordo_emit *e)
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
        ordo_emit_cstr(e, j ? ",{" : "{");
        key(e, "order", 1), ordo_emit_str(e, ordo_str(&m->names, m->or_name[p->dist_order[j]]));
        key(e, "old", 0), ordo_emit_time(e, p->dist_old[j]);
        key(e, "new", 0), ordo_emit_time(e, p->dist_new[j]);
        ordo_emit_ch(e, '}');
    }
    ordo_plan_close(p2);
    ordo_model_close(m2);
    return 0;
}

/* The chain that sets a promise, root cause first, as the "path" array. */
static void path_steps(ordo_emit *e, const ordo_model *m, const ordo_step *steps, int32_t nstep)
{
    static const char *const kinds[] = {"stock", "buy", "make", "operation"};
    for (int32_t s = 0; s < nstep; s++) {
        const ordo_step *x = &steps[s];
        ordo_emit_cstr(e, s ? ",{" : "{");
        int subcon = x->kind == ORDO_STEP_MAKE && m->item_subcon && m->item_subcon[x->item];
        int xfer = x->kind == ORDO_STEP_MAKE && ordo_item_from(m, x->item) >= 0; /* sites.h */
        key(e, "step", 1), ordo_emit_str(e, xfer ? "transfer" : subcon ? "subcontract" : kinds[x->kind]);
        key_str(e, "item", ordo_str(&m->names, m->item_name[x->item]));
        key(e, "qty", 0), ordo_emit_num(e, x->qty);
        if (x->kind == ORDO_STEP_OP) {
            key(e, "seq", 0), ordo_emit_int(e, x->seq);
            key_str(e, "resource", ordo_str(&m->names, m->res_name[x->res]));
            key(e, "start", 0), ordo_emit_time(e, x->start);
            key(e, "end", 0), ordo_emit_time(e, x->end);
        } else {
            if (x->kind != ORDO_STEP_STOCK) key(e, "release", 0), ordo_emit_date(e, x->release);
            if (x->sup >= 0) key_str(e, "supplier", ordo_sup_name(m, x->sup));
            key(e, "available", 0), ordo_emit_time(e, x->end);
        }
        ordo_emit_ch(e, '}');
    }
}

/* The answer to candidate c, QUOTE-num unless it has an id (see urgent_insert for urgent),
** as one line of JSON (malloc'ed); NULL out of memory. ctx is left holding its evaluation. */
static char *answer(ordo_promise_ctx *ctx, const struct ordo_plan *base, const cand *c, int64_t num, int urgent)
{
    const ordo_model *m = base->model;
    int32_t day = ordo_promise_earliest(ctx, &c->d);
    if (day == INT32_MIN) return NULL;
    ordo_emit dist, e;
    if (ordo_emit_init(&dist, NULL, 256)) return NULL;
    int64_t done = INT64_MAX;
    int bad = 0;
    if (urgent) { /* others may move: the date with priority, and its reason */
        bad = urgent_insert(base, c, num, &done, &dist);
        ordo_promise_set_mode(ctx, ORDO_SLOT_PRIORITY);
        if (!bad && ordo_promise_eval(ctx, &c->d, ORDO_ASAP) == INT64_MIN) bad = 1;
        ordo_promise_set_mode(ctx, ORDO_SLOT_GAPS);
        day = done == INT64_MAX ? INT32_MAX : (int32_t)ordo_floordiv(done + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
    }
    size_t ndist = 0;
    char *dtext = bad ? NULL : ordo_emit_take(&dist, &ndist);
    ordo_emit_free(&dist);
    if (!dtext || ordo_emit_init(&e, NULL, 1024)) {
        free(dtext);
        return NULL;
    }
    ordo_step steps[MAX_STEPS];
    int32_t nstep = 0, by_item = -1, by_res = -1;
    int bind = ordo_promise_reason(ctx, &by_item, &by_res, steps, MAX_STEPS, &nstep);
    char idbuf[32];
    if (!c->id) snprintf(idbuf, sizeof idbuf, "QUOTE-%lld", (long long)num);
    ordo_emit_ch(&e, '{');
    key(&e, "id", 1), ordo_emit_str(&e, c->id ? c->id : idbuf);
    key_str(&e, "item", ordo_str(&m->names, m->item_name[c->d.item]));
    key(&e, "qty", 0), ordo_emit_num(&e, c->d.qty);
    key(&e, "promise", 0);
    if (day == INT32_MAX) ordo_emit_null(&e);
    else ordo_emit_date(&e, day);
    key(&e, "completion", 0), ordo_emit_time(&e, day == INT32_MAX ? INT64_MAX : urgent ? done : ordo_promise_completion(ctx));
    if (c->due != INT32_MIN) {
        key(&e, "requested", 0), ordo_emit_date(&e, c->due);
        key(&e, "meets_request", 0), ordo_emit_bool(&e, day != INT32_MAX && day <= c->due);
    }
    key_str(&e, "binding", ordo_bind_name(bind));
    key(&e, "by", 0);
    if (by_res >= 0) ordo_emit_str(&e, ordo_str(&m->names, m->res_name[by_res]));
    else if (by_item >= 0) ordo_emit_str(&e, ordo_str(&m->names, m->item_name[by_item]));
    else ordo_emit_null(&e);
    key(&e, "path", 0), ordo_emit_ch(&e, '[');
    path_steps(&e, m, steps, nstep);
    ordo_emit_ch(&e, ']');
    key(&e, "disturbed", 0), ordo_emit_ch(&e, '['), ordo_emit_raw(&e, dtext, ndist), ordo_emit_cstr(&e, "]}");
    free(dtext);
    char *line = ordo_emit_take(&e, NULL);
    ordo_emit_free(&e);
    return line;
}

/* The line for a candidate that could not be read: {"id": its id when given, "error": ...}. */
static char *error_line(const cand *c)
{
    ordo_emit e;
    if (ordo_emit_init(&e, NULL, 256)) return NULL;
    ordo_emit_ch(&e, '{');
    if (c->id) ordo_emit_cstr(&e, "\"id\": "), ordo_emit_str(&e, c->id), ordo_emit_cstr(&e, ", ");
    ordo_emit_cstr(&e, "\"error\": ");
    ordo_emit_str(&e, c->error);
    ordo_emit_ch(&e, '}');
    char *line = ordo_emit_take(&e, NULL);
    ordo_emit_free(&e);
    return line;
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
    for (int32_t k = 0; lines && k < n; k++) free(lines[k]);
    free(lines);
    free(num);
    ordo_requests_free(&rs);
    return rc;
}
