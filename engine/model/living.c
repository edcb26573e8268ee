/*
** living.c -- stage "validate": production orders already in the shop, planning time fences,
** the schedule's frozen zone and the action messages' tolerances (see living.h).
**
** production_orders[p]: a make item, qty > 0, due a date, status firm | released | started.
** Only a started order has operations, and it has at least one: the first operations of its
** item's routing in routing order (by seq), each on one of the operation's alternatives over
** [start, end), each starting no earlier than the one before ends; done ones come first.
*/
#include "living.h"

#include "bounds.h"
#include "dates.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lctx {
    ordo_input *in;
    ordo_model *m;
    int32_t *item_of, *res_of; /* sid -> item, resource; -1 none */
    int32_t *op_row;           /* started operation (pr_op0 order) -> its row, for messages */
    int oom;
} lctx;

static void lerr(lctx *c, int t, int32_t r, int f, const char *fmt, ...) ORDO_PRINTF(5, 6);
static void lerr(lctx *c, int t, int32_t r, int f, const char *fmt, ...)
{
    char path[512], msg[512];
    if (t < 0)
        snprintf(path, sizeof path, "%s", ordo_schema_top.fields[f].name);
    else
        ordo_input_path(c->in, t, r, f, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ordo_diag_add(&c->m->diag, path, "%s", msg);
}

static void *rowp(const lctx *c, int t, int32_t r)
{
    return (char *)c->in->tab[t].data + (size_t)r * c->in->tab[t].elem;
}

static const char *str(const lctx *c, int32_t sid) { return ordo_str(&c->in->strings, sid); }

static void *alloc(lctx *c, size_t n, size_t size)
{
    void *p = ordo_arena_calloc(&c->m->arena, n ? n : 1, size);
    if (!p) c->oom = 1;
    return p;
}

/* A number in [lo, hi], whole when asked; 1 when it is. */
static int num_in(lctx *c, int t, int32_t r, int f, double x, double lo, double hi, int whole)
{
    if (!isfinite(x) || x < lo || x > hi || (whole && x != floor(x))) {
        lerr(c, t, r, f, "%g must be a %s in [%g, %g]", x, whole ? "whole number" : "number", lo, hi);
        return 0;
    }
    return 1;
}

/* "YYYY-MM-DDTHH:MM", or a date (its 00:00) where date_ok; 1 when it is one. */
static int instant(lctx *c, int t, int32_t r, int f, int32_t sid, int date_ok, int64_t *out)
{
    int32_t day;
    if (ordo_parse_datetime(str(c, sid), out) == 0) return 1;
    if (date_ok && ordo_parse_date(str(c, sid), &day) == 0) {
        *out = (int64_t)day * ORDO_MIN_PER_DAY;
        return 1;
    }
    lerr(c, t, r, f, "\"%s\" is not a date-time (YYYY-MM-DDTHH:MM)%s", str(c, sid), date_ok ? " or a date" : "");
    return 0;
}

/* Planning fences, the frozen zone, the action tolerances. */
static void compile_options(lctx *c)
{
    ordo_model *m = c->m;
    const ordo_raw_top *top = &c->in->top;
    m->item_fence = alloc(c, (size_t)m->nitem, sizeof *m->item_fence);
    for (int32_t i = 0; m->item_fence && i < m->nitem && i < ORDO_NROWS(c->in, ORDO_TAB_ITEM); i++) {
        const ordo_raw_item *it = rowp(c, ORDO_TAB_ITEM, i);
        if (ORDO_HAS(it, F_IT_FENCE) && num_in(c, ORDO_TAB_ITEM, i, F_IT_FENCE, it->fence, 0, ORDO_LIM_DAYS, 1))
            m->item_fence[i] = (int32_t)it->fence;
    }
    m->frozen_until = INT64_MIN;
    if (ORDO_HAS(top, F_TOP_FROZEN)) instant(c, -1, 0, F_TOP_FROZEN, top->frozen_until, 1, &m->frozen_until);
    m->actions = ORDO_HAS(top, F_TOP_ACTIONS) || ORDO_HAS(top, F_TOP_ACT_DAYS) || ORDO_HAS(top, F_TOP_ACT_PCT);
    m->act_days = m->act_pct = 0;
    if (ORDO_HAS(top, F_TOP_ACT_DAYS) && num_in(c, -1, 0, F_TOP_ACT_DAYS, top->act_days, 0, ORDO_LIM_DAYS, 0))
        m->act_days = top->act_days;
    if (ORDO_HAS(top, F_TOP_ACT_PCT) && num_in(c, -1, 0, F_TOP_ACT_PCT, top->act_pct, 0, 100, 0))
        m->act_pct = top->act_pct;
}

/* The started operations of production order p (row p), pos-th of its list at row r: the
** routing's pos-th operation. Returns 1 when it is acceptable; *prev_end and *done_run track
** the order of the list. */
static int prod_op(lctx *c, int32_t p, int32_t r, int32_t pos, int64_t *prev_end, int *running)
{
    ordo_model *m = c->m;
    const ordo_raw_prod_op *o = rowp(c, ORDO_TAB_PROD_OP, r);
    const int T = ORDO_TAB_PROD_OP;
    int32_t item = m->pr_item[p], k = m->rout_start[item] + pos, ok = 1;
    if (k >= m->rout_start[item + 1]) {
        lerr(c, T, r, -1, "the routing of \"%s\" has only %d operations", str(c, m->item_name[item]),
             m->rout_start[item + 1] - m->rout_start[item]);
        return 0;
    }
    if (ORDO_HAS(o, F_PO_SEQ) && o->seq != m->op_seq[k]) {
        lerr(c, T, r, F_PO_SEQ, "%g: started operations are the routing's first ones in order (expected seq %d)",
             o->seq, m->op_seq[k]);
        return 0;
    }
    int32_t res = ORDO_HAS(o, F_PO_RES) && o->resource < c->in->strings.n ? c->res_of[o->resource] : -1, alt = -1;
    for (int32_t a = m->op_alt_start[k]; res >= 0 && a < m->op_alt_start[k + 1]; a++)
        if (m->alt_res[a] == res) alt = a;
    if (ORDO_HAS(o, F_PO_RES) && alt < 0) {
        lerr(c, T, r, F_PO_RES, res < 0 ? "unknown resource \"%s\"" : "\"%s\" is not one of the operation's resources",
             str(c, o->resource));
        ok = 0;
    }
    int64_t s = 0, e = 0;
    if (!ORDO_HAS(o, F_PO_START) || !instant(c, T, r, F_PO_START, o->start, 0, &s)) ok = 0;
    if (!ORDO_HAS(o, F_PO_END) || !instant(c, T, r, F_PO_END, o->end, 0, &e)) ok = 0;
    if (ok && e <= s) lerr(c, T, r, F_PO_END, "must be after start"), ok = 0;
    if (ok && s < *prev_end) lerr(c, T, r, F_PO_START, "before the previous operation's end"), ok = 0;
    int done = ORDO_HAS(o, F_PO_DONE) && o->done != 0;
    if (done && *running) lerr(c, T, r, F_PO_DONE, "a done operation after one that is not done"), ok = 0;
    if (!ok) return 0;
    int32_t x = m->pr_op0[p] + pos;
    m->pop_res[x] = res, m->pop_start[x] = s, m->pop_end[x] = e, m->pop_done[x] = (uint8_t)done;
    *prev_end = e;
    *running |= !done;
    return 1;
}

/* One production order (row p). */
static void prod_row(lctx *c, int32_t p, const int32_t *ops, int32_t nops, int32_t *seen)
{
    ordo_model *m = c->m;
    const int T = ORDO_TAB_PROD;
    const ordo_raw_prod *pr = rowp(c, T, p);
    m->pr_name[p] = pr->id;
    if (pr->id >= 0 && pr->id < c->in->strings.n) {
        char first[256];
        if (seen[pr->id] >= 0)
            lerr(c, T, p, F_PR_ID, "duplicate id \"%s\" (first at %s)", str(c, pr->id),
                 ordo_input_path(c->in, T, seen[pr->id], -1, first, sizeof first));
        else
            seen[pr->id] = p;
    }
    int32_t item = ORDO_HAS(pr, F_PR_ITEM) && pr->item < c->in->strings.n ? c->item_of[pr->item] : -1;
    if (ORDO_HAS(pr, F_PR_ITEM) && item < 0) lerr(c, T, p, F_PR_ITEM, "unknown item \"%s\"", str(c, pr->item));
    else if (item >= 0 && m->item_src[item] != ORDO_SRC_MAKE)
        lerr(c, T, p, F_PR_ITEM, "\"%s\" is not a made item", str(c, pr->item)), item = -1;
    m->pr_item[p] = item;
    if (ORDO_HAS(pr, F_PR_QTY) && num_in(c, T, p, F_PR_QTY, pr->qty, 0, ORDO_LIM_QTY, 0) && pr->qty <= 0)
        lerr(c, T, p, F_PR_QTY, "%g must be greater than 0", pr->qty);
    m->pr_qty[p] = pr->qty;
    if (ORDO_HAS(pr, F_PR_DUE) && ordo_parse_date(str(c, pr->due), &m->pr_due[p]))
        lerr(c, T, p, F_PR_DUE, "\"%s\" is not a date (YYYY-MM-DD)", str(c, pr->due));
    if (m->pr_due[p] < m->h_start) m->pr_due[p] = m->h_start; /* like every date before the horizon */
    int st = -1;
    if (ORDO_HAS(pr, F_PR_STATUS)) {
        const char *s = str(c, pr->status);
        st = strcmp(s, "firm") == 0 ? ORDO_PR_FIRM : strcmp(s, "released") == 0 ? ORDO_PR_RELEASED
           : strcmp(s, "started") == 0 ? ORDO_PR_STARTED : -1;
        if (st < 0) lerr(c, T, p, F_PR_STATUS, "unknown status \"%s\" (firm, released, started)", s);
    }
    m->pr_status[p] = (uint8_t)(st < 0 ? ORDO_PR_FIRM : st);
    if (st == ORDO_PR_STARTED && nops == 0)
        lerr(c, T, p, F_PR_OPS, "a started order lists its started operations (at least one)");
    if (st >= 0 && st != ORDO_PR_STARTED && ORDO_HAS(pr, F_PR_OPS))
        lerr(c, T, p, F_PR_OPS, "only a started order has operations");
    if (st != ORDO_PR_STARTED || item < 0) return;
    int64_t prev_end = INT64_MIN;
    int running = 0;
    for (int32_t j = 0; j < nops; j++)
        if (!prod_op(c, p, ops[j], j, &prev_end, &running)) return;
}

/* Production orders and their started operations (a started order's ops: [pr_op0[p], ...)). */
static void compile_prods(lctx *c)
{
    ordo_model *m = c->m;
    int32_t n = ORDO_NROWS(c->in, ORDO_TAB_PROD), nop = ORDO_NROWS(c->in, ORDO_TAB_PROD_OP);
    m->npr = n;
    m->pr_name = alloc(c, (size_t)n, sizeof(int32_t)), m->pr_item = alloc(c, (size_t)n, sizeof(int32_t));
    m->pr_due = alloc(c, (size_t)n, sizeof(int32_t)), m->pr_status = alloc(c, (size_t)n, 1);
    m->pr_qty = alloc(c, (size_t)n, sizeof(double)), m->pr_op0 = alloc(c, (size_t)n + 1, sizeof(int32_t));
    m->pop_res = alloc(c, (size_t)nop, sizeof(int32_t)), m->pop_done = alloc(c, (size_t)nop, 1);
    m->pop_start = alloc(c, (size_t)nop, sizeof(int64_t)), m->pop_end = alloc(c, (size_t)nop, sizeof(int64_t));
    int32_t *idx = malloc(((size_t)nop + 1) * sizeof *idx), *fill = malloc(((size_t)n + 1) * sizeof *fill);
    int32_t *seen = malloc(((size_t)c->in->strings.n + 1) * sizeof *seen);
    if (c->oom || !idx || !fill || !seen) {
        c->oom = 1;
        free(idx), free(fill), free(seen);
        return;
    }
    memset(seen, 0xff, ((size_t)c->in->strings.n + 1) * sizeof *seen);
    for (int32_t r = 0; r < nop; r++) m->pr_op0[((ordo_rowhdr *)rowp(c, ORDO_TAB_PROD_OP, r))->parent + 1]++;
    for (int32_t p = 0; p < n; p++) m->pr_op0[p + 1] += m->pr_op0[p];
    memcpy(fill, m->pr_op0, (size_t)n * sizeof *fill);
    for (int32_t r = 0; r < nop; r++) idx[fill[((ordo_rowhdr *)rowp(c, ORDO_TAB_PROD_OP, r))->parent]++] = r;
    for (int32_t p = 0; p < n; p++) prod_row(c, p, idx + m->pr_op0[p], m->pr_op0[p + 1] - m->pr_op0[p], seen);
    c->op_row = idx;
    free(fill), free(seen);
}

typedef struct run_ev { int64_t t; int32_t res, delta, row; } run_ev;

static int cmp_run_ev(const void *a, const void *b)
{
    const run_ev *x = a, *y = b;
    if (x->res != y->res) return x->res < y->res ? -1 : 1;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->delta - y->delta; /* ends before starts at the same instant */
}

/* Running started operations never more at once on a resource than it has units: they are
** fixed blocks that nothing can move. */
static void check_running(lctx *c)
{
    ordo_model *m = c->m;
    int32_t n = m->npr ? m->pr_op0[m->npr] : 0, k = 0;
    run_ev *ev = malloc(((size_t)n * 2 + 1) * sizeof *ev);
    if (!ev) {
        c->oom = 1;
        return;
    }
    for (int32_t p = 0; p < m->npr; p++)
        for (int32_t x = m->pr_op0[p]; x < m->pr_op0[p + 1]; x++) {
            if (m->pr_status[p] != ORDO_PR_STARTED || m->pop_done[x] || m->pop_res[x] < 0) continue;
            ev[k++] = (run_ev){m->pop_start[x], m->pop_res[x], +1, x};
            ev[k++] = (run_ev){m->pop_end[x], m->pop_res[x], -1, x};
        }
    qsort(ev, (size_t)k, sizeof *ev, cmp_run_ev);
    int32_t busy = 0;
    for (int32_t j = 0; j < k; j++) {
        if (j > 0 && ev[j].res != ev[j - 1].res) busy = 0;
        busy += ev[j].delta;
        if (ev[j].delta > 0 && busy > m->res_units[ev[j].res])
            lerr(c, ORDO_TAB_PROD_OP, c->op_row[ev[j].row], F_PO_START, "runs while %d other running operations hold %s, which has %d unit%s",
                 busy - 1, str(c, m->res_name[ev[j].res]), m->res_units[ev[j].res], m->res_units[ev[j].res] == 1 ? "" : "s");
    }
    free(ev);
}

void ordo_valid_living(ordo_input *in, ordo_model *m)
{
    lctx c = {in, m, NULL, NULL, NULL, 0};
    size_t ns = (size_t)in->strings.n + 1;
    c.item_of = malloc(ns * sizeof *c.item_of), c.res_of = malloc(ns * sizeof *c.res_of);
    if (!c.item_of || !c.res_of) {
        free(c.item_of), free(c.res_of);
        ordo_diag_oom(&m->diag);
        return;
    }
    memset(c.item_of, 0xff, ns * sizeof *c.item_of), memset(c.res_of, 0xff, ns * sizeof *c.res_of);
    for (int32_t i = m->nitem - 1; i >= 0; i--)
        if (m->item_name[i] >= 0) c.item_of[m->item_name[i]] = i;
    for (int32_t r = m->nres - 1; r >= 0; r--)
        if (m->res_name[r] >= 0) c.res_of[m->res_name[r]] = r;
    compile_options(&c);
    compile_prods(&c);
    if (!c.oom && c.op_row && ordo_diag_total(&m->diag) == 0) check_running(&c);
    free(c.op_row);
    free(c.item_of), free(c.res_of);
    if (c.oom) ordo_diag_oom(&m->diag);
}
