/*
** insert.c -- new customer orders inserted into a finished plan without moving it (`ordo
** insert`, SPEC sections 4-5): each order, in request order, is planned by the promise
** stage (promise.h) just in time for its due date, or as soon as possible when that is
** late; its stock and operations then belong to the base for the next order. The result is
** a whole new plan on the base model with the new orders appended: the base plan's arrays
** unchanged, the new planned orders and operations after them, the dependency lists and
** load table rebuilt, so that the writers and the independent checker read it like any plan.
*/
#include "promise.h"

#include "dates.h"
#include "sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUP 65536

/* What the insertion adds, gathered order by order. */
typedef struct added {
    ordo_vec po, po_order, op; /* ordo_newpo, int32_t new customer order served, ordo_newop */
    ordo_vec po_dep0, ord_dep0; /* int32_t pairs: where each list starts and ends in dep */
    ordo_vec dep;              /* supplies: ORDO_SUP_NEW(j) for new planned order j (global) or base */
    ordo_vec completion;       /* int64_t per new customer order */
} added;

static void added_free(added *a)
{
    ordo_vec *v[] = {&a->po, &a->po_order, &a->op, &a->po_dep0, &a->ord_dep0, &a->dep, &a->completion};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) ordo_vec_free(v[k]);
}

static int push_i32(ordo_vec *v, int32_t x)
{
    int32_t *p = ordo_vec_push(v);
    if (!p) return -1;
    *p = x;
    return 0;
}

/* Append the evaluation in c, for new customer order x (of the new model), to a. */
static int add_eval(added *a, const ordo_promise_ctx *c, int32_t x, int32_t *buf)
{
    int32_t npo, nop, first = (int32_t)a->po.len;
    const ordo_newpo *pos = ordo_promise_orders(c, &npo);
    const ordo_newop *ops = ordo_promise_ops(c, &nop);
    for (int32_t j = -1; j < npo; j++) {
        int32_t n = ordo_promise_supplies(c, j, buf, MAX_SUP);
        if (n > MAX_SUP) return -1;
        if (push_i32(j < 0 ? &a->ord_dep0 : &a->po_dep0, (int32_t)a->dep.len)) return -1;
        for (int32_t k = 0; k < n; k++)
            if (push_i32(&a->dep, ORDO_SUP_IS_NEW(buf[k]) ? ORDO_SUP_NEW(first + ORDO_SUP_NEW_IDX(buf[k])) : buf[k])) return -1;
        if (push_i32(j < 0 ? &a->ord_dep0 : &a->po_dep0, (int32_t)a->dep.len)) return -1;
        if (j < 0) continue;
        ordo_newpo *P = ordo_vec_push(&a->po);
        if (!P || push_i32(&a->po_order, x)) return -1;
        *P = pos[j];
        P->op0 = (int32_t)a->op.len; /* each order's operations together, in order */
        for (int32_t k = 0; k < pos[j].nop; k++) {
            ordo_newop *q = ordo_vec_push(&a->op);
            if (!q) return -1;
            *q = ops[pos[j].op0 + k];
            q->po = first + j;
        }
    }
    int64_t *t = ordo_vec_push(&a->completion);
    if (!t) return -1;
    *t = ordo_promise_completion(c);
    return 0;
}

#define GROW(arr, n) ((arr) = malloc(((size_t)(n) + 1) * sizeof *(arr)))

/* The new plan on m2: base's arrays, then what a adds. */
static struct ordo_plan *build(const struct ordo_plan *b, const ordo_model *m2, const added *a)
{
    const ordo_model *m = b->model;
    struct ordo_plan *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    int32_t na = (int32_t)a->po.len, nx = m2->nord - m->nord, nop_a = (int32_t)a->op.len;
    const ordo_newpo *ap = a->po.data;
    const ordo_newop *ao = a->op.data;
    const int32_t *aord = a->po_order.data, *dep = a->dep.data, *pd0 = a->po_dep0.data, *od0 = a->ord_dep0.data;
    p->model = m2;
    p->mrp_only = b->mrp_only;
    p->threads = b->threads;
    p->seconds_mrp = b->seconds_mrp, p->seconds_schedule = b->seconds_schedule;
    int32_t npo = b->npo + na;
    p->npo = npo;
    int bad = !GROW(p->po_item, npo) | !GROW(p->po_qty, npo) | !GROW(p->po_good, npo) | !GROW(p->po_due, npo) |
              !GROW(p->po_release, npo) | !GROW(p->po_avail, npo) | !GROW(p->po_moved, npo) |
              !GROW(p->po_avail_t, npo) | !GROW(p->po_op0, npo + 1) | !GROW(p->peg_start, npo + 1);
    if (bad) goto fail;
#define CP(f) memcpy(p->f, b->f, (size_t)b->npo * sizeof *p->f)
    CP(po_item), CP(po_qty), CP(po_good), CP(po_due), CP(po_release), CP(po_avail), CP(po_moved), CP(po_avail_t);
#undef CP
    memcpy(p->po_op0, b->po_op0, ((size_t)b->npo + 1) * sizeof *p->po_op0);
    for (int32_t j = 0; j < na; j++) {
        int32_t q = b->npo + j;
        p->po_item[q] = ap[j].item, p->po_qty[q] = ap[j].qty, p->po_good[q] = ap[j].good;
        p->po_due[q] = ap[j].due, p->po_release[q] = ap[j].release, p->po_moved[q] = ap[j].moved;
        p->po_avail_t[q] = ap[j].avail;
        p->po_avail[q] = ap[j].avail == INT64_MAX ? INT32_MAX
                                                  : (int32_t)ordo_floordiv(ap[j].avail + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
        p->po_op0[q + 1] = b->nop + ap[j].op0 + ap[j].nop;
    }
    /* pegging: each new order's planned orders to it */
    p->npeg = b->npeg + na;
    if (!GROW(p->peg_ref, p->npeg) || !GROW(p->peg_qty, p->npeg)) goto fail;
    memcpy(p->peg_start, b->peg_start, ((size_t)b->npo + 1) * sizeof *p->peg_start);
    memcpy(p->peg_ref, b->peg_ref, (size_t)b->npeg * sizeof *p->peg_ref);
    memcpy(p->peg_qty, b->peg_qty, (size_t)b->npeg * sizeof *p->peg_qty);
    int32_t g = b->npeg;
    for (int32_t j = 0; j < na; j++) {
        if (ap[j].pegged > 0) p->peg_ref[g] = aord[j], p->peg_qty[g++] = ap[j].pegged;
        p->peg_start[b->npo + j + 1] = g;
    }
    p->npeg = g;
    /* dependency lists over npo + nord nodes, and the same as MRP edges */
    size_t nodes = (size_t)npo + (size_t)m2->nord, nb = (size_t)b->npo + (size_t)m->nord;
    size_t ndep = (size_t)b->dep_start[nb] + a->dep.len;
    if (!GROW(p->dep_start, nodes + 1) || !GROW(p->dep_sup, ndep) || !(p->dep_short = calloc(nodes + 1, 1)) ||
        !GROW(p->edge, 2 * ndep + 2 * (size_t)b->nedge))
        goto fail;
    size_t w = 0;
    int32_t ne = 0;
#define SUP(s) (ORDO_SUP_IS_NEW(s) ? b->npo + ORDO_SUP_NEW_IDX(s) : (s))
    for (size_t v = 0; v < nodes; v++) {
        p->dep_start[v] = (int32_t)w;
        size_t bv; /* the base node, or none */
        int32_t x0 = 0, x1 = 0;
        if (v < (size_t)b->npo) bv = v;
        else if (v < (size_t)npo) bv = SIZE_MAX, x0 = pd0[2 * (v - (size_t)b->npo)], x1 = pd0[2 * (v - (size_t)b->npo) + 1];
        else if (v - (size_t)npo < (size_t)m->nord) bv = (size_t)b->npo + (v - (size_t)npo);
        else {
            size_t k = v - (size_t)npo - (size_t)m->nord;
            bv = SIZE_MAX, x0 = od0[2 * k], x1 = od0[2 * k + 1];
        }
        int32_t node = v < (size_t)npo ? (int32_t)v : -1 - (int32_t)(v - (size_t)npo);
        if (bv != SIZE_MAX) {
            for (int32_t j = b->dep_start[bv]; j < b->dep_start[bv + 1]; j++) p->dep_sup[w++] = b->dep_sup[j];
            p->dep_short[v] = b->dep_short[bv];
        } else {
            for (int32_t j = x0; j < x1; j++) p->dep_sup[w++] = SUP(dep[j]);
        }
        for (size_t j = p->dep_start[v]; j < w; j++) p->edge[2 * ne] = node, p->edge[2 * ne + 1] = p->dep_sup[j], ne++;
        if (p->dep_short[v]) p->edge[2 * ne] = node, p->edge[2 * ne + 1] = ORDO_SUP_SHORT, ne++;
    }
#undef SUP
    p->dep_start[nodes] = (int32_t)w;
    p->nedge = ne;
    /* operations */
    p->nop = b->nop + nop_a;
    if (!GROW(p->op_po, p->nop) || !GROW(p->op_k, p->nop) || !GROW(p->op_res, p->nop) || !GROW(p->op_start, p->nop) ||
        !GROW(p->op_end, p->nop))
        goto fail;
#define CP(f) memcpy(p->f, b->f, (size_t)b->nop * sizeof *p->f)
    CP(op_po), CP(op_k), CP(op_res), CP(op_start), CP(op_end);
#undef CP
    int64_t last = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    for (int32_t o = 0; o < b->nop; o++)
        if (b->op_end[o] != INT64_MAX && b->op_end[o] > last) last = b->op_end[o];
    for (int32_t k = 0; k < nop_a; k++) {
        int32_t o = b->nop + k;
        p->op_po[o] = b->npo + ao[k].po, p->op_k[o] = ao[k].k, p->op_res[o] = ao[k].res;
        p->op_start[o] = ao[k].start, p->op_end[o] = ao[k].end;
        if (ao[k].end != INT64_MAX && ao[k].end > last) last = ao[k].end;
    }
    p->makespan_minutes = p->nop ? last - (int64_t)m->h_start * ORDO_MIN_PER_DAY : 0;
    /* order results */
    if (!GROW(p->ord_completion, m2->nord) || !GROW(p->ord_lateness, m2->nord) || !GROW(p->ord_status, m2->nord)) goto fail;
    memcpy(p->ord_completion, b->ord_completion, (size_t)m->nord * sizeof *p->ord_completion);
    memcpy(p->ord_lateness, b->ord_lateness, (size_t)m->nord * sizeof *p->ord_lateness);
    memcpy(p->ord_status, b->ord_status, (size_t)m->nord);
    const int64_t *done = a->completion.data;
    for (int32_t k = 0; k < nx; k++) {
        int32_t o = m->nord + k;
        int64_t due = ordo_due_time(m2, o);
        if (done[k] == INT64_MAX) {
            p->ord_completion[o] = INT64_MIN, p->ord_lateness[o] = 0, p->ord_status[o] = ORDO_ST_UNPLANNED;
            p->dep_short[(size_t)npo + (size_t)o] = 1;
            continue;
        }
        p->ord_completion[o] = done[k];
        p->ord_lateness[o] = done[k] > due ? (double)(done[k] - due) / ORDO_MIN_PER_DAY : 0;
        p->ord_status[o] = done[k] > due ? ORDO_ST_LATE : ORDO_ST_ON_TIME;
    }
    /* exceptions: the base's (late orders recounted), release_past_due of the new orders */
    p->exc = malloc(((size_t)b->nexc + (size_t)na + 1) * sizeof *p->exc);
    if (!p->exc) goto fail;
    for (int32_t e = 0; e < b->nexc; e++)
        if (b->exc[e].kind != ORDO_EXC_LATE_ORDER) p->exc[p->nexc++] = b->exc[e];
    for (int32_t j = 0; j < na; j++)
        if (ap[j].moved)
            p->exc[p->nexc++] = (ordo_exception){ORDO_EXC_RELEASE_PAST_DUE, ORDO_REF_PLANNED, ap[j].item, b->npo + j,
                                                 ap[j].due, ap[j].release, ap[j].qty};
    p->ins_first = m->nord, p->nins = nx;
    if (ordo_plan_finish_orders(p) || ordo_sched_load_table(p)) goto fail;
    return p;
fail:
    ordo_plan_close(p);
    return NULL;
}

ordo_rc ordo_insert_json(const ordo_plan *base, const char *json, size_t len, const char *what, ordo_model **pm2,
                         ordo_plan **pplan, char *err, size_t nerr)
{
    if (!base || !json || !pm2 || !pplan || !err || nerr == 0) return ORDO_EMISUSE;
    *pm2 = NULL, *pplan = NULL, err[0] = 0;
    const ordo_model *m = base->model;
    void *root = NULL;
    ordo_request *rq = NULL;
    int32_t n = 0;
    ordo_rc rc = ordo_read_requests(m, json, len, what ? what : "orders", &root, &rq, &n, err, nerr);
    ordo_new_order *no = rc == ORDO_OK ? calloc((size_t)n + 1, sizeof *no) : NULL;
    char (*ids)[32] = rc == ORDO_OK ? calloc((size_t)n + 1, sizeof *ids) : NULL;
    int32_t *buf = malloc(MAX_SUP * sizeof *buf);
    ordo_promise_base *B = rc == ORDO_OK ? ordo_promise_base_new(base) : NULL;
    ordo_promise_ctx *c = B ? ordo_promise_ctx_new(B) : NULL;
    added a;
    ordo_vec_init(&a.po, sizeof(ordo_newpo)), ordo_vec_init(&a.po_order, sizeof(int32_t));
    ordo_vec_init(&a.op, sizeof(ordo_newop)), ordo_vec_init(&a.po_dep0, sizeof(int32_t));
    ordo_vec_init(&a.ord_dep0, sizeof(int32_t)), ordo_vec_init(&a.dep, sizeof(int32_t));
    ordo_vec_init(&a.completion, sizeof(int64_t));
    if (rc == ORDO_OK && (!no || !ids || !buf || !c)) rc = ORDO_ENOMEM;
    for (int32_t k = 0; rc == ORDO_OK && k < n; k++) {
        const ordo_request *r = &rq[k];
        int32_t due = r->due;
        int64_t t = due != INT32_MIN ? ordo_promise_eval(c, &r->d, due) : INT64_MAX;
        int64_t due_t = due != INT32_MIN ? (int64_t)(due < m->h_start ? m->h_start : due) * ORDO_MIN_PER_DAY : INT64_MIN;
        if (t != INT64_MIN && t > due_t) { /* late just in time: as soon as possible, if that is sooner */
            int64_t t2 = ordo_promise_eval(c, &r->d, ORDO_ASAP);
            if (t2 != INT64_MIN && t2 >= t && due != INT32_MIN) t2 = ordo_promise_eval(c, &r->d, due);
            else if (due == INT32_MIN && t2 != INT64_MIN && t2 != INT64_MAX)
                due = (int32_t)ordo_floordiv(t2 + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY); /* due: its promise */
            t = t2;
        }
        if (t == INT64_MIN || ordo_promise_commit(c) || add_eval(&a, c, m->nord + k, buf)) {
            rc = ORDO_ENOMEM;
            break;
        }
        if (!r->id) snprintf(ids[k], sizeof ids[k], "INS-%d", (int)k + 1);
        no[k] = (ordo_new_order){r->id ? r->id : ids[k], r->customer, r->d.item, due == INT32_MIN ? m->h_start : due,
                                 r->d.design_days, r->d.qty, r->priority, r->penalty, r->urgent};
    }
    if (rc == ORDO_OK && !(*pm2 = ordo_model_with_orders(m, no, n))) rc = ORDO_ENOMEM;
    if (rc == ORDO_OK && !(*pplan = build(base, *pm2, &a))) rc = ORDO_ENOMEM;
    if (rc != ORDO_OK) {
        ordo_model_close(*pm2);
        *pm2 = NULL;
        if (rc == ORDO_ENOMEM && !err[0]) snprintf(err, nerr, "out of memory");
    }
    added_free(&a);
    ordo_promise_ctx_free(c);
    ordo_promise_base_free(B);
    free(buf), free(ids), free(no);
    ordo_requests_free(root, rq);
    return rc;
}
