/*
** promise.c -- stage "promise": new demand on top of a frozen plan (see promise.h).
*/
#include "promise_base.h"

#include "calendar.h"
#include "dates.h"
#include "groups.h"
#include "mrp.h"
#include "rules.h"
#include "sourcing.h"
#include "supply.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { N_NEED, N_STOCK, N_PO };

typedef struct taken_rec { int32_t item; double prev; } taken_rec; /* restored exactly on undo */

/* A unit's last slot search: from est, work minutes, ignoring the base or not, found start.
** Operations only ever join the unit until an undo, so every start in [est, start) stays
** too early for at least that much work: a later search from at or after est for at least
** as much work may begin at start. The lots of one need, searched one after the other for
** the same work, then never step over their predecessors one by one. */
typedef struct slot_memo { int64_t est, work, start; int ignore, ok; } slot_memo;

/* A node of an evaluation: a need of an item, what stock covers of it, or a new order. */
typedef struct node {
    uint8_t kind;
    int32_t item, po, crit; /* crit: the input node whose time decides this one, -1 none */
    int32_t parent;         /* the node this one supplies (N_NEED: the order or need it serves) */
    int32_t end;            /* one past the last node of its subtree (its inputs, depth first) */
    int32_t lead;           /* N_PO: the first lot of its group, whose inputs it shares; -1 itself */
    int32_t sup;            /* N_STOCK: the base supply that makes the stock free */
    double qty;
    int64_t avail, mat, design; /* N_PO (made): material and design instants */
} node;

struct ordo_promise_ctx {
    ordo_promise_base *B;
    ordo_vec nodes, pos, ops, tlog;    /* node, ordo_newpo, ordo_newop, take (undo log of taken) */
    ordo_vec *uops;                    /* [unit] new operations of positive length, by start */
    struct slot_memo *memo;            /* [unit] the last slot search on each unit */
    int32_t nunit;
    double *taken;                     /* [nitem] stock taken by this evaluation */
    const ordo_demand *d;
    int asap;                          /* as soon as possible, else just in time for due */
    int mode;                          /* ORDO_SLOT_*: how new operations meet base ones */
    int64_t *allow;                    /* ORDO_SLOT_FLOAT: latest end of each new operation */
    int overtime;                      /* new operations may use their resource's overtime */
    int32_t nallow;
    int32_t cur;                       /* the node new nodes are inputs of */
    int32_t top, due;
    int64_t completion;
    int oom;
};


const char *ordo_bind_name(int binding)
{
    static const char *const names[] = {"none", "stock", "material", "capacity", "design"};
    return binding >= 0 && binding <= ORDO_BIND_DESIGN ? names[binding] : "none";
}


/* ---- evaluations ---------------------------------------------------------------------------------- */

ordo_promise_ctx *ordo_promise_ctx_new(ordo_promise_base *B)
{
    ordo_promise_ctx *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->B = B;
    ordo_vec_init(&c->nodes, sizeof(node));
    ordo_vec_init(&c->pos, sizeof(ordo_newpo));
    ordo_vec_init(&c->ops, sizeof(ordo_newop));
    ordo_vec_init(&c->tlog, sizeof(taken_rec));
    c->taken = calloc((size_t)B->m->nitem + 1, sizeof *c->taken);
    c->nunit = B->unit0[B->m->nres];
    c->uops = calloc((size_t)c->nunit + 1, sizeof *c->uops);
    c->memo = calloc((size_t)c->nunit + 1, sizeof *c->memo);
    if (!c->taken || !c->uops || !c->memo) {
        free(c->taken), free(c->uops), free(c->memo);
        free(c);
        return NULL;
    }
    for (int32_t u = 0; u < c->nunit; u++) ordo_vec_init(&c->uops[u], sizeof(int32_t));
    return c;
}

void ordo_promise_ctx_free(ordo_promise_ctx *c)
{
    if (!c) return;
    ordo_vec_free(&c->nodes), ordo_vec_free(&c->pos), ordo_vec_free(&c->ops), ordo_vec_free(&c->tlog);
    for (int32_t u = 0; u < c->nunit; u++) ordo_vec_free(&c->uops[u]);
    free(c->uops);
    free(c->memo);
    free(c->allow);
    free(c->taken);
    free(c);
}

static int32_t new_node(ordo_promise_ctx *c, uint8_t kind, int32_t item, double qty)
{
    node *n = ordo_vec_push(&c->nodes);
    if (!n) {
        c->oom = 1;
        return -1;
    }
    int32_t v = (int32_t)c->nodes.len - 1;
    *n = (node){kind, item, -1, -1, c->cur, v + 1, -1, INT32_MIN, qty, 0, 0, 0};
    return v;
}
#define NODE(c, v) (((node *)(c)->nodes.data)[v])

/* ---- the new operations on each unit -------------------------------------------------------------- */
/* New operations never overlap on a unit (each goes into a gap that is free of the others),
** so those of positive length, sorted by start, are sorted by end too: a slot search finds
** the first one ending after an instant by bisection, as it does for the base's. */

/* The first position in unit u's new operations whose end (by_end) or start is after t. */
static size_t uops_after(const ordo_promise_ctx *c, int32_t u, int64_t t, int by_end)
{
    const int32_t *ix = c->uops[u].data;
    const ordo_newop *no = c->ops.data;
    size_t lo = 0, hi = c->uops[u].len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((by_end ? no[ix[mid]].end : no[ix[mid]].start) <= t) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Index new operation k (0, or -1 out of memory) or take it out of the index. */
static int uops_add(ordo_promise_ctx *c, int32_t k)
{
    const ordo_newop *o = &((const ordo_newop *)c->ops.data)[k];
    if (o->unit < 0 || o->end <= o->start) return 0;
    ordo_vec *V = &c->uops[o->unit];
    size_t at = uops_after(c, o->unit, o->start, 0);
    if (!ordo_vec_push(V)) return -1;
    int32_t *ix = V->data;
    memmove(ix + at + 1, ix + at, (V->len - 1 - at) * sizeof *ix);
    ix[at] = k;
    return 0;
}

static void uops_remove(ordo_promise_ctx *c, int32_t k)
{
    const ordo_newop *o = &((const ordo_newop *)c->ops.data)[k];
    if (o->unit < 0 || o->end <= o->start) return;
    ordo_vec *V = &c->uops[o->unit];
    int32_t *ix = V->data;
    size_t at = uops_after(c, o->unit, o->start - 1, 0);
    while (at < V->len && ix[at] != k) at++;
    if (at == V->len) return;
    memmove(ix + at, ix + at + 1, (V->len - at - 1) * sizeof *ix);
    V->len--;
}

/* Earliest [*ps, *pe) at or after est on global unit u where work minutes of cal fit
** between the base operations and this evaluation's new ones. A start that overlaps a busy
** interval can only move past its end: every later start ends later. */
static void find_slot(ordo_promise_ctx *c, int32_t u, const ordo_cal *cal, int64_t est, int64_t work,
                      int ignore_base, int64_t *ps, int64_t *pe)
{
    const ordo_pb_units *L = &c->B->units[u];
    const ordo_newop *no = c->ops.data, *co = c->B->cops.data;
    slot_memo *M = &c->memo[u];
    int64_t t = est;
    if (work <= 0) {
        *ps = *pe = est;
        return;
    }
    if (c->mode == ORDO_SLOT_APPEND && L->n > 0 && L->e[L->n - 1] > t) t = L->e[L->n - 1];
    if (M->ok && M->ignore == ignore_base && M->est <= est && M->work <= work && M->start > t) t = M->start;
    *M = (slot_memo){est, work, 0, ignore_base, 0};
    for (;;) {
        t = ordo_cal_next_work_minute(cal, t);
        int64_t e = ordo_cal_add_minutes(cal, t, work), next = t;
        int32_t lo = ignore_base ? L->n : 0, hi = L->n; /* the first base interval ending after t */
        while (lo < hi) {
            int32_t mid = lo + (hi - lo) / 2;
            if (L->e[mid] <= t) lo = mid + 1;
            else hi = mid;
        }
        if (lo < L->n && L->s[lo] < e) next = L->e[lo];
        size_t a = uops_after(c, u, t, 1); /* the first new operation ending after t */
        if (a < c->uops[u].len) {
            const ordo_newop *x = &no[((const int32_t *)c->uops[u].data)[a]];
            if (x->start < e && x->end > next) next = x->end;
        }
        for (size_t k = 0; k < c->B->cops.len; k++)
            if (co[k].unit == u && co[k].start < e && co[k].end > t && co[k].end > next) next = co[k].end;
        if (next == t) {
            *ps = t, *pe = e;
            M->start = t, M->ok = 1;
            return;
        }
        t = next;
    }
}

static int32_t need(ordo_promise_ctx *c, int32_t i, double x, int32_t day);

/* Operations of new made order po (index), from est: each on the alternative unit that
** finishes it first. Returns the last end. */
static int64_t place_ops(ordo_promise_ctx *c, int32_t po, int64_t est)
{
    const ordo_promise_base *B = c->B;
    const ordo_model *m = B->m;
    ordo_newpo *P = &((ordo_newpo *)c->pos.data)[po];
    int32_t i = P->item;
    double qty = P->qty;
    P->op0 = (int32_t)c->ops.len;
    int64_t t = est;
    for (int32_t k = m->rout_start[i]; k < m->rout_start[i + 1]; k++) {
        int32_t best_u = -1, best_r = -1;
        int64_t bs = 0, be = T_NEVER;
        /* with float: in the gaps when that ends in time, else with priority */
        int32_t idx = (int32_t)c->ops.len;
        int pass0 = c->mode == ORDO_SLOT_FLOAT && idx < c->nallow ? 0 : 1;
        for (int pass = pass0; pass < 2 && be == T_NEVER; pass++) {
            int ignore = c->mode == ORDO_SLOT_PRIORITY || (c->mode == ORDO_SLOT_FLOAT && pass == 1);
            for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++) {
                int32_t r = m->alt_res[a];
                const ordo_cal *cal = c->overtime ? &B->otcal[r] : ordo_model_cal(m, m->res_cal[r]);
                int64_t work = ordo_sched_work(m, a, qty);
                if (ordo_pb_lazy((ordo_promise_base *)B, c->mode >= ORDO_SLOT_PRIORITY, -1, r)) {
                    c->oom = 1;
                    return T_NEVER;
                }
                for (int32_t u = B->unit0[r]; u < B->unit0[r + 1]; u++) {
                    int64_t s, e;
                    find_slot(c, u, cal, t, work, ignore, &s, &e);
                    if (e < be) be = e, bs = s, best_u = u, best_r = r;
                }
            }
            if (pass == 0 && be > c->allow[idx]) be = T_NEVER; /* too late in the gaps */
        }
        if (be >= ORDO_CAL_NEVER || t == T_NEVER) { /* it cannot end before the calendar's */
            best_r = best_u = -1, bs = be = T_NEVER;   /* never (bounds.h): not scheduled, */
        }                                              /* nor are the operations after it */
        ordo_newop *o = ordo_vec_push(&c->ops);
        if (!o) {
            c->oom = 1;
            return T_NEVER;
        }
        *o = (ordo_newop){po, k, best_r, best_u, bs, be, 0};
        if (uops_add(c, (int32_t)c->ops.len - 1)) {
            c->oom = 1;
            return T_NEVER;
        }
        if (c->overtime && be > bs) /* overtime only where it is really used */
            o->ot = ordo_cal_minutes_between(ordo_model_cal(m, m->res_cal[best_r]), bs, be) <
                    ordo_cal_minutes_between(&B->otcal[best_r], bs, be);
        t = be;
    }
    P = &((ordo_newpo *)c->pos.data)[po];
    P->nop = (int32_t)c->ops.len - P->op0;
    return t;
}

/* Take q of item i's free stock, undoably. */
static void take_stock(ordo_promise_ctx *c, int32_t i, double q)
{
    taken_rec *t = ordo_vec_push(&c->tlog);
    if (!t) {
        c->oom = 1;
        return;
    }
    *t = (taken_rec){i, c->taken[i]};
    c->taken[i] += q;
}

/* Undo everything after the marks (nodes, orders, operations, stock taken). */
static void roll_back(ordo_promise_ctx *c, size_t nodes, size_t pos, size_t ops, size_t tlog)
{
    const taken_rec *t = c->tlog.data;
    while (c->tlog.len > tlog) {
        c->tlog.len--;
        c->taken[t[c->tlog.len].item] = t[c->tlog.len].prev;
    }
    if (c->ops.len > ops) memset(c->memo, 0, (size_t)c->nunit * sizeof *c->memo); /* units free up */
    while (c->ops.len > ops) {
        uops_remove(c, (int32_t)c->ops.len - 1);
        c->ops.len--;
    }
    c->nodes.len = nodes, c->pos.len = pos;
}

/* The material instant of a made order of item i released on rel for qty units, with the
** node of the input that sets it (-1 none) in *crit: its components' needs. */
static int64_t components(ordo_promise_ctx *c, int32_t i, double qty, int32_t rel, int32_t *crit)
{
    const ordo_model *m = c->B->m;
    int64_t mat = c->B->h0;
    *crit = -1;
    for (int32_t l = m->bom_start[i]; l < m->bom_start[i + 1]; l++) {
        if (!ordo_model_line_used(m, l, rel)) continue; /* a group: its preferred line */
        int32_t w = need(c, m->bom_child[l], qty * m->bom_qty[l] * (1.0 + m->bom_scrap[l]), rel);
        if (w < 0) return T_OOM;
        if (NODE(c, w).avail >= mat) mat = NODE(c, w).avail, *crit = w;
    }
    return mat;
}

/* A new planned order of item i for g good units: due on day just in time, or released at
** the horizon start as soon as possible (its due is then the day it is available). The lots
** of one need are released together, so, as the MRP nets a day's requirements together,
** their components are one need each: the first lot (first < 0) plans them for all nlot lots,
** and the others (first: the first's node) share them. Work and output then grow with the
** number of lots per need (at most ORDO_MAX_LOTS), never with their product over the BOM. */
static int32_t new_order(ordo_promise_ctx *c, int32_t i, double g, int32_t day, double nlot, int32_t first)
{
    const ordo_promise_base *B = c->B;
    const ordo_model *m = B->m;
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    int32_t fence = ordo_model_fence_day(m, i); /* no new order due, nor started, inside the fence */
    if (!c->asap && day < fence) day = fence;
    int32_t sup = ordo_mrp_choose_supplier(m, i, day, c->asap);
    if (sup >= 0) g = ordo_mrp_supplier_qty(m, sup, g);
    int32_t rel = c->asap ? m->h_start : ordo_sup_release(m, i, sup, day);
    if (c->asap && fence != INT32_MIN && m->item_src[i] != ORDO_SRC_MAKE) { /* bought: due at the fence at the earliest */
        int32_t r = ordo_sup_release(m, i, sup, fence);
        if (r > rel) rel = r;
    }
    uint8_t moved = rel < m->h_start;
    if (moved) rel = m->h_start;
    int make = m->item_src[i] == ORDO_SRC_MAKE;
    ordo_newpo *P = ordo_vec_push(&c->pos);
    int32_t v = new_node(c, N_PO, i, g);
    if (!P || v < 0) {
        c->oom = 1;
        return -1;
    }
    int32_t po = (int32_t)c->pos.len - 1, up = c->cur;
    *P = (ordo_newpo){i, day, rel, moved, (uint8_t)make, g / m->item_yield[i], g, 0, 0, 0, g, sup, v};
    NODE(c, v).po = po;
    c->cur = v;
    int64_t avail;
    if (!make) {
        avail = ordo_pb_day_t(ordo_sup_ready(m, i, sup, rel));
    } else {
        int32_t crit = first >= 0 ? NODE(c, first).crit : -1;
        int64_t mat = first >= 0 ? NODE(c, first).mat : components(c, i, nlot * g / m->item_yield[i], rel, &crit);
        if (mat == T_OOM) return -1;
        NODE(c, v).lead = first;
        int64_t design = ordo_pb_day_t(ordo_cal_offset_fwd(cal, m->h_start, c->d->design_days));
        int64_t est = mat > design ? mat : design;
        if (fence != INT32_MIN && est < ordo_pb_day_t(fence)) est = ordo_pb_day_t(fence);
        NODE(c, v).crit = crit, NODE(c, v).mat = mat, NODE(c, v).design = design;
        if (mat == T_NEVER) {
            avail = T_NEVER;
        } else if (ordo_pb_routed(B, i)) {
            int64_t end = place_ops(c, po, est);
            avail = end == T_NEVER ? T_NEVER : ordo_after_inspection(m, i, end);
        } else { /* made without a routing: lead time from when it can start */
            int32_t start = ordo_pb_ceil_day(est);
            if (start < rel) start = rel;
            avail = ordo_pb_day_t(ordo_sup_ready(m, i, sup, start));
        }
    }
    P = &((ordo_newpo *)c->pos.data)[po];
    P->avail = avail;
    P->node = v;
    if (c->asap && avail != T_NEVER) P->due = ordo_pb_ceil_day(avail);
    NODE(c, v).avail = avail;
    NODE(c, v).end = (int32_t)c->nodes.len;
    c->cur = up;
    return v;
}

/* The rest of a need that stock does not cover: new orders, or a phantom's components. */
static int32_t cover(ordo_promise_ctx *c, int32_t i, double rest, int32_t day, int64_t *pavail)
{
    const ordo_model *m = c->B->m;
    int32_t crit = -1;
    int64_t avail = *pavail;
    if (m->item_src[i] == ORDO_SRC_PHANTOM) {
        if (m->bom_start[i + 1] == m->bom_start[i]) avail = T_NEVER;
        for (int32_t l = m->bom_start[i]; l < m->bom_start[i + 1]; l++) {
            if (!ordo_model_line_used(m, l, day)) continue;
            int32_t w = need(c, m->bom_child[l], rest * m->bom_qty[l] * (1.0 + m->bom_scrap[l]), day);
            if (w < 0) return -2;
            if (NODE(c, w).avail >= avail) avail = NODE(c, w).avail, crit = w;
        }
    } else if (day > m->h_end) {
        avail = T_NEVER;
    } else {
        double each, n = ordo_mrp_lots(m, i, rest, &each), left = rest;
        int32_t lead = -1;
        for (double k = 0; k < n; k++) {
            int32_t w = new_order(c, i, each, day, n, lead);
            if (w < 0) return -2;
            if (k == 0) lead = w;
            ordo_newpo *P = &((ordo_newpo *)c->pos.data)[NODE(c, w).po];
            P->pegged = left < P->good ? (left > 0 ? left : 0) : P->good;
            left -= P->pegged;
            if (NODE(c, w).avail >= avail) avail = NODE(c, w).avail, crit = w;
        }
    }
    *pavail = avail;
    return crit;
}

/* A new need of x units of item i on day: free stock first, then new orders (phantoms pass
** the rest to their components). As soon as possible, the rest may instead wait for free
** stock when that comes sooner. Returns its node, -1 when out of memory. */
static int32_t need(ordo_promise_ctx *c, int32_t i, double x, int32_t day)
{
    const ordo_promise_base *B = c->B;
    int32_t v = new_node(c, N_NEED, i, x), up = c->cur;
    if (v < 0) return -1;
    c->cur = v;
    int64_t avail = B->h0;
    int32_t crit = -1, sup = INT32_MIN;
    double used = B->ctaken[i] + c->taken[i];
    if (ordo_pb_lazy((ordo_promise_base *)B, c->mode >= ORDO_SLOT_PRIORITY, i, -1)) {
        c->oom = 1;
        return -1;
    }
    const ordo_pb_prof *P = ordo_pb_prof_of(B, c->mode >= ORDO_SLOT_PRIORITY, i);
    double fr = ordo_pb_free_at(P, ordo_pb_day_t(day)) - used;
    double f = fr <= 0 ? 0 : (x - fr <= ordo_pb_tol(x) ? x : fr);
    if (f > 0) {
        int32_t w = new_node(c, N_STOCK, i, f);
        if (w < 0) return -1;
        NODE(c, w).avail = ordo_pb_free_from(P, used + f, &sup);
        NODE(c, w).sup = sup;
        take_stock(c, i, f);
        avail = NODE(c, w).avail, crit = w;
    }
    double rest = x - f;
    if (rest > ordo_pb_tol(x)) {
        size_t n0 = c->nodes.len, p0 = c->pos.len, o0 = c->ops.len, t0 = c->tlog.len;
        int64_t a = avail, wait = c->asap ? ordo_pb_free_from(P, B->ctaken[i] + c->taken[i] + rest, &sup) : T_NEVER;
        int32_t w = cover(c, i, rest, day, &a);
        if (w == -2) return -1;
        if (wait < a) { /* free stock comes before anything new: take it all from stock */
            roll_back(c, n0, p0, o0, t0);
            w = new_node(c, N_STOCK, i, rest);
            if (w < 0) return -1;
            NODE(c, w).avail = wait;
            NODE(c, w).sup = sup;
            take_stock(c, i, rest);
            a = wait > avail ? wait : avail;
        }
        if (a >= avail) crit = w;
        avail = a;
    }
    NODE(c, v).avail = avail, NODE(c, v).crit = crit;
    NODE(c, v).end = (int32_t)c->nodes.len;
    c->cur = up;
    return v;
}

int64_t ordo_promise_eval(ordo_promise_ctx *c, const ordo_demand *d, int32_t due)
{
    const ordo_model *m = c->B->m;
    roll_back(c, 0, 0, 0, 0);
    memset(c->memo, 0, (size_t)c->nunit * sizeof *c->memo); /* the mode or calendars may have changed */
    c->oom = 0;
    c->cur = -1;
    c->d = d;
    c->asap = due == ORDO_ASAP;
    c->due = c->asap || due < m->h_start ? m->h_start : due;
    c->top = need(c, d->item, d->qty, c->due);
    if (c->oom || c->top < 0) return T_OOM;
    c->completion = NODE(c, c->top).avail;
    return c->completion;
}

int64_t ordo_promise_completion(const ordo_promise_ctx *c) { return c->completion; }

void ordo_promise_set_mode(ordo_promise_ctx *c, int mode) { c->mode = mode; }

int ordo_promise_set_overtime(ordo_promise_ctx *c, int on)
{
    c->overtime = on && c->B->any_overtime;
    return c->overtime;
}

/* The start of what new order node v feeds: its consumer's first operation (or material
** time without operations), or the demand's completion. */
static int64_t consumer_start(const ordo_promise_ctx *c, int32_t v, int32_t *consumer)
{
    int32_t w = NODE(c, v).parent, u = w >= 0 ? NODE(c, w).parent : -1;
    while (u >= 0 && NODE(c, u).kind == N_NEED) u = NODE(c, u).parent; /* through phantoms */
    *consumer = u;
    if (u < 0) return c->completion;
    const ordo_newpo *P = &((const ordo_newpo *)c->pos.data)[NODE(c, u).po];
    return P->nop > 0 ? ((const ordo_newop *)c->ops.data)[P->op0].start : NODE(c, u).mat;
}

int ordo_promise_float(ordo_promise_ctx *c)
{
    int32_t nn = (int32_t)c->nodes.len, no = (int32_t)c->ops.len;
    int64_t *fl = malloc(((size_t)nn + 1) * sizeof *fl);
    int64_t *allow = realloc(c->allow, ((size_t)no + 1) * sizeof *allow);
    if (!fl || !allow) {
        free(fl);
        if (allow) c->allow = allow;
        return -1;
    }
    c->allow = allow;
    const ordo_newpo *pos = c->pos.data;
    const ordo_newop *ops = c->ops.data;
    for (int32_t v = 0; v < nn; v++) { /* consumers come before their inputs */
        fl[v] = 0;
        if (NODE(c, v).kind != N_PO) continue;
        int32_t u;
        int64_t cs = consumer_start(c, v, &u), a = NODE(c, v).avail;
        int64_t f = (cs > a && a != T_NEVER ? cs - a : 0) + (u >= 0 ? fl[u] : 0);
        fl[v] = f;
        const ordo_newpo *P = &pos[NODE(c, v).po];
        for (int32_t k = 0; k < P->nop; k++) allow[P->op0 + k] = ops[P->op0 + k].end + f;
    }
    c->nallow = no;
    free(fl);
    return 0;
}

int32_t ordo_promise_earliest(ordo_promise_ctx *c, const ordo_demand *d)
{
    int64_t t = ordo_promise_eval(c, d, ORDO_ASAP);
    if (t == T_OOM) return INT32_MIN;
    return t == T_NEVER ? INT32_MAX : ordo_pb_ceil_day(t);
}

/* ---- the reason ------------------------------------------------------------------------------------ */

static int push_step(ordo_step *steps, int32_t nmax, int32_t *n, ordo_step s)
{
    if (*n >= nmax) return -1;
    steps[(*n)++] = s;
    return 0;
}

int ordo_promise_reason(const ordo_promise_ctx *c, int32_t *by_item, int32_t *by_res, ordo_step *steps,
                        int32_t nmax, int32_t *nstep)
{
    const ordo_promise_base *B = c->B;
    const ordo_model *m = B->m;
    const ordo_newpo *pos = c->pos.data;
    const ordo_newop *ops = c->ops.data;
    int bind = ORDO_BIND_NONE;
    int32_t n = 0, v = c->top, depth = 0;
    *by_item = c->d->item, *by_res = -1;
    while (v >= 0 && bind == ORDO_BIND_NONE) {
        const node *x = &NODE(c, v);
        if (x->kind == N_NEED) {
            if (x->crit < 0) bind = ORDO_BIND_STOCK; /* nothing to cover */
            v = x->crit;
            continue;
        }
        if (x->kind == N_STOCK) {
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_STOCK, x->item, -1, 0, x->qty, 0, x->avail, x->avail, -1});
            bind = depth == 0 && x->avail <= B->h0 ? ORDO_BIND_STOCK : ORDO_BIND_MATERIAL;
            *by_item = x->item;
            break;
        }
        const ordo_newpo *P = &pos[x->po];
        if (!P->make) {
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_BUY, x->item, -1, 0, P->qty, P->release, ordo_pb_day_t(P->release), P->avail, P->sup});
            bind = ORDO_BIND_MATERIAL, *by_item = x->item;
            break;
        }
        push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_MAKE, x->item, -1, 0, P->qty, P->release, x->mat, P->avail, P->sup});
        int64_t est = x->mat > x->design ? x->mat : x->design, longest = -1;
        for (int32_t k = P->nop - 1; k >= 0 && bind == ORDO_BIND_NONE; k--) {
            const ordo_newop *o = &ops[P->op0 + k];
            if (o->res < 0) continue; /* not scheduled (past the calendar's never) */
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_OP, x->item, o->res, m->op_seq[o->k], P->qty, P->release, o->start, o->end, -1});
            int64_t ready = k > 0 ? ops[P->op0 + k - 1].end : est;
            const ordo_cal *cal = ordo_model_cal(m, m->res_cal[o->res]);
            if (o->end > o->start && o->start > ordo_cal_next_work_minute(cal, ready)) bind = ORDO_BIND_CAPACITY, *by_res = o->res;
            if (o->end - o->start > longest) longest = o->end - o->start, *by_res = o->res;
        }
        if (bind != ORDO_BIND_NONE) break;
        if (x->design > x->mat) {
            bind = ORDO_BIND_DESIGN, *by_item = x->item, *by_res = -1;
        } else if (x->mat > B->h0 && x->crit >= 0) {
            *by_res = -1;
            v = x->crit;
            depth++;
        } else if (P->nop > 0) { /* nothing waited for a gap: the order's own work sets the date */
            *by_item = -1, *by_res = -1;
            break;
        } else { /* made without a routing: its lead time */
            bind = ORDO_BIND_MATERIAL, *by_item = x->item, *by_res = -1;
        }
    }
    if (bind == ORDO_BIND_CAPACITY) *by_item = -1;
    else *by_res = -1; /* none: both -1 */
    for (int32_t a = 0, b = n - 1; a < b; a++, b--) { /* root cause first */
        ordo_step t = steps[a];
        steps[a] = steps[b], steps[b] = t;
    }
    *nstep = n;
    return bind;
}

const ordo_newpo *ordo_promise_orders(const ordo_promise_ctx *c, int32_t *n)
{
    *n = (int32_t)c->pos.len;
    return c->pos.data;
}

const ordo_newop *ordo_promise_ops(const ordo_promise_ctx *c, int32_t *n)
{
    *n = (int32_t)c->ops.len;
    return c->ops.data;
}

int ordo_promise_commit(ordo_promise_ctx *c)
{
    ordo_promise_base *B = c->B;
    if (ordo_vec_reserve(&B->cops, B->cops.len + c->ops.len + 1)) return -1; /* nothing changed yet */
    const taken_rec *t = c->tlog.data;
    for (size_t k = 0; k < c->tlog.len; k++) { /* each item once; the next evaluation's undo restores zeros */
        B->ctaken[t[k].item] += c->taken[t[k].item];
        c->taken[t[k].item] = 0;
    }
    if (c->ops.len) memcpy((ordo_newop *)B->cops.data + B->cops.len, c->ops.data, c->ops.len * sizeof(ordo_newop));
    B->cops.len += c->ops.len;
    return 0;
}

/* The supplies under need node v, into out (see ordo_promise_supplies): its inputs, each
** subtree skipped whole. */
static int32_t need_supplies(const ordo_promise_ctx *c, int32_t v, int32_t *out, int32_t n, int32_t max)
{
    for (int32_t w = v + 1; w < NODE(c, v).end; w = NODE(c, w).end) {
        const node *x = &NODE(c, w);
        if (x->kind == N_NEED) n = need_supplies(c, w, out, n, max);
        else if (n < max) out[n++] = x->kind == N_PO ? ORDO_SUP_NEW(x->po) : x->sup;
        else n++;
    }
    return n;
}

int32_t ordo_promise_supplies(const ordo_promise_ctx *c, int32_t po, int32_t *out, int32_t max)
{
    int32_t n = 0;
    if (po < 0) return need_supplies(c, c->top, out, 0, max);
    int32_t v = ((const ordo_newpo *)c->pos.data)[po].node;
    if (NODE(c, v).lead >= 0) v = NODE(c, v).lead; /* a lot shares its group's components */
    for (int32_t w = v + 1; w < NODE(c, v).end; w = NODE(c, w).end)
        if (NODE(c, w).kind == N_NEED) n = need_supplies(c, w, out, n, max);
    return n;
}
