/*
** insert.c -- new customer orders inserted into a finished plan without moving it (`ordo
** insert`, SPEC sections 4-5): each order, in request order, is planned by the promise
** stage (promise.h) just in time for its due date, or as soon as possible when that is
** late; its stock and operations then belong to the base for the next order. The result is
** a whole new plan on the base model with the new orders appended: the base plan's arrays
** unchanged, the new planned orders and operations after them, the dependency lists and
** load table rebuilt, so that the writers and the independent checker read it like any plan.
*/
#include "insert.h"
#include "promise.h"

#include "dates.h"
#include "improve.h"
#include "peg.h"
#include "sched.h"
#include "window.h"

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

static void added_init(added *a)
{
    ordo_vec_init(&a->po, sizeof(ordo_newpo)), ordo_vec_init(&a->po_order, sizeof(int32_t));
    ordo_vec_init(&a->op, sizeof(ordo_newop)), ordo_vec_init(&a->po_dep0, sizeof(int32_t));
    ordo_vec_init(&a->ord_dep0, sizeof(int32_t)), ordo_vec_init(&a->dep, sizeof(int32_t));
    ordo_vec_init(&a->completion, sizeof(int64_t));
}

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
        int32_t n = ordo_promise_supplies(c, j, buf, MAX_SUP), *sup = buf;
        if (n > MAX_SUP) { /* lots sharing many components' lots: a buffer of their own */
            if (!(sup = malloc((size_t)n * sizeof *sup))) return -1;
            ordo_promise_supplies(c, j, sup, n);
        }
        int bad = push_i32(j < 0 ? &a->ord_dep0 : &a->po_dep0, (int32_t)a->dep.len);
        for (int32_t k = 0; k < n && !bad; k++)
            bad = push_i32(&a->dep, ORDO_SUP_IS_NEW(sup[k]) ? ORDO_SUP_NEW(first + ORDO_SUP_NEW_IDX(sup[k])) : sup[k]);
        if (sup != buf) free(sup);
        if (bad) return -1;
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

/* The new plan of an insertion on m2 (the base model with the new orders): the base's
** arrays, then what a adds. Built part by part; each returns 0, or -1 out of memory. */
typedef struct build_ctx {
    const struct ordo_plan *b;
    const ordo_model *m, *m2; /* the base model, the new one */
    const added *a;
    int32_t na, nx, npo;      /* new planned orders, new customer orders, all planned orders */
    const ordo_newpo *ap;
    const ordo_newop *ao;
} build_ctx;

/* Planned orders: the base's, then the new ones with their operations' place. */
static int build_orders(struct ordo_plan *p, const build_ctx *c)
{
    const struct ordo_plan *b = c->b;
    const ordo_newpo *ap = c->ap;
    int32_t na = c->na, npo = c->npo;
    int bad = !GROW(p->po_item, npo) + !GROW(p->po_qty, npo) + !GROW(p->po_good, npo) + !GROW(p->po_due, npo) +
              !GROW(p->po_release, npo) + !GROW(p->po_avail, npo) + !GROW(p->po_moved, npo) +
              !GROW(p->po_avail_t, npo) + !GROW(p->po_op0, npo + 1) + !GROW(p->lnk_start, npo + 1); /* all tried */
    if (bad) return -1;
#define CP(f) memcpy(p->f, b->f, (size_t)b->npo * sizeof *p->f)
    CP(po_item), CP(po_qty), CP(po_good), CP(po_due), CP(po_release), CP(po_avail), CP(po_moved), CP(po_avail_t);
#undef CP
    memcpy(p->po_op0, b->po_op0, ((size_t)b->npo + 1) * sizeof *p->po_op0);
    if (b->po_sup) { /* suppliers: only where the model has a supplier table */
        if (!GROW(p->po_sup, npo)) return -1;
        memcpy(p->po_sup, b->po_sup, (size_t)b->npo * sizeof *p->po_sup);
        for (int32_t j = 0; j < na; j++) p->po_sup[b->npo + j] = ap[j].sup;
    }
    if (b->po_prod) { /* production orders stay what they are; the new planned orders are none */
        if (!GROW(p->po_prod, npo)) return -1;
        memcpy(p->po_prod, b->po_prod, (size_t)b->npo * sizeof *p->po_prod);
        for (int32_t j = 0; j < na; j++) p->po_prod[b->npo + j] = -1;
    }
    for (int32_t j = 0; j < na; j++) {
        int32_t q = b->npo + j;
        p->po_item[q] = ap[j].item, p->po_qty[q] = ap[j].qty, p->po_good[q] = ap[j].good;
        p->po_due[q] = ap[j].due, p->po_release[q] = ap[j].release, p->po_moved[q] = ap[j].moved;
        p->po_avail_t[q] = ap[j].avail;
        p->po_avail[q] = ap[j].avail == INT64_MAX ? INT32_MAX
                                                  : (int32_t)ordo_floordiv(ap[j].avail + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
        p->po_op0[q + 1] = b->nop + ap[j].op0 + ap[j].nop;
    }
    return 0;
}

/* Direct links: the base's, and each new order's planned orders to it. */
static int build_links(struct ordo_plan *p, const build_ctx *c)
{
    const struct ordo_plan *b = c->b;
    const ordo_newpo *ap = c->ap;
    const int32_t *aord = c->a->po_order.data;
    int32_t na = c->na;
    if (!GROW(p->lnk_need, b->nlnk + na) || !GROW(p->lnk_qty, b->nlnk + na) || !GROW(p->slnk_item, b->nslnk) ||
        !GROW(p->slnk_sup, b->nslnk) || !GROW(p->slnk_need, b->nslnk) || !GROW(p->slnk_qty, b->nslnk))
        return -1;
    memcpy(p->lnk_start, b->lnk_start, ((size_t)b->npo + 1) * sizeof *p->lnk_start);
    memcpy(p->lnk_need, b->lnk_need, (size_t)b->nlnk * sizeof *p->lnk_need);
    memcpy(p->lnk_qty, b->lnk_qty, (size_t)b->nlnk * sizeof *p->lnk_qty);
    memcpy(p->slnk_item, b->slnk_item, (size_t)b->nslnk * sizeof *p->slnk_item);
    memcpy(p->slnk_sup, b->slnk_sup, (size_t)b->nslnk * sizeof *p->slnk_sup);
    memcpy(p->slnk_need, b->slnk_need, (size_t)b->nslnk * sizeof *p->slnk_need);
    memcpy(p->slnk_qty, b->slnk_qty, (size_t)b->nslnk * sizeof *p->slnk_qty);
    p->nslnk = b->nslnk;
    int64_t g = b->nlnk;
    for (int32_t j = 0; j < na; j++) {
        if (ap[j].pegged > 0) p->lnk_need[g] = ORDO_LNK_ORDER(aord[j]), p->lnk_qty[g++] = ap[j].pegged;
        p->lnk_start[b->npo + j + 1] = g;
    }
    p->nlnk = g;
    return ordo_peg_summarize(p) ? -1 : 0;
}

/* Dependency lists over npo + nord nodes, and the same as MRP edges. */
static int build_deps(struct ordo_plan *p, const build_ctx *c)
{
    const struct ordo_plan *b = c->b;
    const ordo_model *m = c->m, *m2 = c->m2;
    const added *a = c->a;
    const int32_t *dep = a->dep.data, *pd0 = a->po_dep0.data, *od0 = a->ord_dep0.data;
    int32_t nx = c->nx, npo = c->npo;
    size_t nodes = (size_t)npo + (size_t)m2->nord, nb = (size_t)b->npo + (size_t)m->nord;
    size_t ndep = (size_t)b->dep_start[nb] + a->dep.len;
    if (!GROW(p->dep_start, nodes + 1) || !GROW(p->dep_sup, ndep) || !(p->dep_short = calloc(nodes + 1, 1)) ||
        !GROW(p->edge, 2 * ndep + 2 * (size_t)b->nedge))
        return -1;
    size_t w = 0;
    int32_t ne = 0;
    const int64_t *done0 = a->completion.data;
    for (int32_t k = 0; k < nx; k++) /* a new order that can never be planned: short */
        if (done0[k] == INT64_MAX) p->dep_short[(size_t)npo + (size_t)m->nord + (size_t)k] = 1;
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
        int32_t node = v < (size_t)npo ? (int32_t)v : ORDO_NODE_ORDER((int32_t)(v - (size_t)npo));
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
    return 0;
}

/* Operations: the base's, then the new ones, with their overtime flags; the makespan. */
static int build_ops(struct ordo_plan *p, const build_ctx *c)
{
    const struct ordo_plan *b = c->b;
    const ordo_model *m = c->m;
    const ordo_newop *ao = c->ao;
    int32_t nop_a = (int32_t)c->a->op.len;
    p->nop = b->nop + nop_a;
    if (!GROW(p->op_po, p->nop) || !GROW(p->op_k, p->nop) || !GROW(p->op_res, p->nop) || !GROW(p->op_start, p->nop) ||
        !GROW(p->op_end, p->nop))
        return -1;
#define CP(f) memcpy(p->f, b->f, (size_t)b->nop * sizeof *p->f)
    CP(op_po), CP(op_k), CP(op_res), CP(op_start), CP(op_end);
#undef CP
    int any_ot = b->op_ot != NULL;
    for (int32_t k = 0; k < nop_a; k++) any_ot |= ao[k].ot;
    if (any_ot) { /* which operations run into overtime */
        if (!(p->op_ot = calloc((size_t)p->nop + 1, 1))) return -1;
        if (b->op_ot) memcpy(p->op_ot, b->op_ot, (size_t)b->nop);
        for (int32_t k = 0; k < nop_a; k++) p->op_ot[b->nop + k] = ao[k].ot;
    }
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
    return 0;
}

/* Customer orders' results (the new ones from their evaluations) and exceptions: the base's
** (late orders recounted), release_past_due of the new planned orders. */
static int build_results(struct ordo_plan *p, const build_ctx *c)
{
    const struct ordo_plan *b = c->b;
    const ordo_model *m = c->m, *m2 = c->m2;
    const ordo_newpo *ap = c->ap;
    const added *a = c->a;
    int32_t na = c->na, nx = c->nx, npo = c->npo;
    if (!GROW(p->ord_completion, m2->nord) || !GROW(p->ord_lateness, m2->nord) || !GROW(p->ord_status, m2->nord)) return -1;
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
    p->exc = malloc(((size_t)b->nexc + (size_t)na + 1) * sizeof *p->exc);
    if (!p->exc) return -1;
    memcpy(p->exc, b->exc, (size_t)b->nexc * sizeof *p->exc); /* late orders are recounted below */
    p->nexc = b->nexc;
    for (int32_t j = 0; j < na; j++)
        if (ap[j].moved)
            p->exc[p->nexc++] = (ordo_exception){ORDO_EXC_RELEASE_PAST_DUE, ORDO_REF_PLANNED, ap[j].item, b->npo + j,
                                                 ap[j].due, ap[j].release, ap[j].qty};
    return 0;
}

static struct ordo_plan *build(const struct ordo_plan *b, const ordo_model *m2, const added *a)
{
    const ordo_model *m = b->model;
    struct ordo_plan *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    build_ctx c = {b, m, m2, a, (int32_t)a->po.len, m2->nord - m->nord, b->npo + (int32_t)a->po.len, a->po.data, a->op.data};
    p->model = m2;
    p->mrp_only = b->mrp_only;
    p->threads = b->threads;
    p->seconds_mrp = b->seconds_mrp, p->seconds_schedule = b->seconds_schedule;
    p->npo = c.npo;
    p->peg_mode = b->peg_mode;
    int bad = build_orders(p, &c) || build_links(p, &c) || build_deps(p, &c) || build_ops(p, &c) || build_results(p, &c);
    p->ins_first = m->nord, p->nins = c.nx;
    if (bad || ordo_plan_finish_orders(p) || ordo_sched_load_table(p)) {
        ordo_plan_close(p);
        return NULL;
    }
    return p;
}

/* ---- moving others ------------------------------------------------------------------------ */

void ordo_insert_opts_init(ordo_insert_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_slip_days = -1;
}

/* Earliest start of each planned order of p from its customer orders' design days. */
static int64_t *design_array(const struct ordo_plan *p)
{
    int64_t *d = malloc(((size_t)p->npo + 1) * sizeof *d);
    for (int32_t q = 0; d && q < p->npo; q++) d[q] = ordo_sched_design(p, q);
    return d;
}

/* The units of p's operations that stay where they are (those after before's, as a placed
** them) for ordo_improve_retime and the search; -1 for before's own. NULL out of memory. */
static int32_t *fixed_units(const struct ordo_plan *p, const struct ordo_plan *before, const added *a)
{
    const ordo_newop *ao = a->op.data;
    int32_t *fixed = malloc(((size_t)p->nop + 1) * sizeof *fixed);
    for (int32_t o = 0; fixed && o < p->nop; o++) fixed[o] = o < before->nop ? -1 : ao[o - before->nop].unit;
    return fixed;
}

/* Order results, late-order exceptions and the load table after operations moved. */
static int refresh(struct ordo_plan *p)
{
    ordo_sched_results(p);
    return ordo_plan_finish_orders(p) || ordo_sched_load_table(p) ? -1 : 0;
}

/* An existing order's commitment: the instant it turns late against what it was promised,
** its due date, or its planned completion in ref where ref already had it late. Slip up to
** the commitment costs nothing; an order the plan had late is not credited for finishing
** sooner (an insertion disturbs as little as it can; it does not re-plan the backlog). */
static int64_t commitment(const struct ordo_plan *ref, int32_t o)
{
    int64_t due = ordo_due_time(ref->model, o), c = ref->ord_completion[o];
    return c != INT64_MIN && c > due ? c : due;
}

/* The commitments of p's customer orders (p->model's, the new ones at their due dates):
** the due dates of the local search in an insertion. NULL out of memory. */
static int64_t *commitments(const struct ordo_plan *p, const struct ordo_plan *ref)
{
    const ordo_model *m = p->model;
    int64_t *due = malloc(((size_t)m->nord + 1) * sizeof *due);
    for (int32_t o = 0; due && o < m->nord; o++) due[o] = o < ref->model->nord ? commitment(ref, o) : ordo_due_time(m, o);
    return due;
}

/* How p treats the orders [0, ref->model->nord) of ref: weighted lateness against their
** commitments (days times penalty), total movement of their completion (minutes), and the
** largest delay. */
typedef struct cost { double late, move; int64_t slip; } cost;
static cost cost_of(const struct ordo_plan *p, const struct ordo_plan *ref)
{
    const ordo_model *m = ref->model;
    cost c = {0, 0, 0};
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t a = ref->ord_completion[o], b = p->ord_completion[o];
        if (a == b) continue;
        if (a == INT64_MIN || b == INT64_MIN) {
            c.late += 1e9;
            continue;
        }
        double w = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
        int64_t due = commitment(ref, o);
        if (b > due) c.late += w * (double)(b - due) / ORDO_MIN_PER_DAY;
        c.move += (double)(b > a ? b - a : a - b);
        if (b - a > c.slip) c.slip = b - a;
    }
    return c;
}

static int cost_less(cost x, cost y)
{
    if (x.late < y.late - 1e-9) return 1;
    if (x.late > y.late + 1e-9) return 0;
    return x.move < y.move;
}

/* Whether every new planned order (from first_po on) still has its material when its first
** operation starts, after the base's operations moved. */
static int material_kept(const struct ordo_plan *p, int32_t first_po)
{
    for (int32_t q = first_po; q < p->npo; q++) {
        if (p->po_op0[q + 1] == p->po_op0[q]) continue;
        int64_t start = p->op_start[p->po_op0[q]];
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if ((s >= 0 ? p->po_avail_t[s] : ordo_stock_time(p->model, s)) > start) return 0;
        }
    }
    return 1;
}

/* The right-shift insertion: the new operations of p (after before's, as a placed them, as
** if before's were not there) stay where they are, as blocks on their units; before's
** operations keep their units' sequence (the order of their starts in p), go around the
** blocks and start no earlier than planned. Also re-times p after the GLPK windows changed
** those sequences. Returns 0, -1 out of memory, -2 when a new order would lose its material. */
static int right_shift(struct ordo_plan *p, const struct ordo_plan *before, const added *a)
{
    int64_t *release = malloc(((size_t)p->nop + 1) * sizeof *release), *design = design_array(p);
    int32_t *fixed = fixed_units(p, before, a);
    int rc = release && design && fixed ? 0 : -1;
    if (rc == 0) {
        for (int32_t o = 0; o < p->nop; o++) release[o] = o < before->nop ? before->op_start[o] : p->op_start[o];
        rc = ordo_improve_retime(p, design, release, fixed);
        if (rc == 0 && refresh(p)) rc = -1;
        if (rc == 0 && !material_kept(p, before->npo)) rc = -2;
    }
    free(release), free(design), free(fixed);
    return rc;
}

/* The window: p after right_shift, sequenced again by GLPK and re-timed; then the local
** search of the schedule stage (improve.h, a third of the time limit) from there, with
** the new operations fixed, for what the windows cannot see: the slip that travels through
** routings and material to other resources. The search may also start base operations
** earlier than planned where their material allows, which is how it absorbs the push. */
static int window(struct ordo_plan *p, const struct ordo_plan *before, const added *a, const ordo_insert_opts *io,
                  ordo_window_stats *st)
{
    double limit = io->time_limit > 0 ? io->time_limit : 4; /* a third each: GLPK here, the search, GLPK on the re-dispatch */
    int64_t *keep_s = malloc(((size_t)p->nop + 1) * sizeof *keep_s), *keep_e = malloc(((size_t)p->nop + 1) * sizeof *keep_e);
    int rc = keep_s && keep_e ? 0 : -1;
    if (rc == 0) {
        memcpy(keep_s, p->op_start, (size_t)p->nop * sizeof *keep_s), memcpy(keep_e, p->op_end, (size_t)p->nop * sizeof *keep_e);
        rc = ordo_window_sequence(p, before, io->max_slip_days, limit / 3, st);
    }
    if (rc == 0) rc = right_shift(p, before, a);
    if (rc == -2) { /* the windows' sequences contradict a path through other resources: without them */
        st->windows = 0;
        memcpy(p->op_start, keep_s, (size_t)p->nop * sizeof *keep_s), memcpy(p->op_end, keep_e, (size_t)p->nop * sizeof *keep_e);
        rc = right_shift(p, before, a);
    }
    free(keep_s), free(keep_e);
    if (rc) return rc;
    int64_t *design = design_array(p), *due = commitments(p, before);
    int32_t *fixed = fixed_units(p, before, a);
    rc = design && fixed && due ? 0 : -1;
    if (rc == 0) {
        /* two chains: a short budget goes deeper in two than spread over eight */
        ordo_improve_opts imp = {.time_limit = limit / 3, .threads = 1, .seed = 1, .design = design, .fixed_unit = fixed,
                                 .due = due, .chains = 2};
        rc = ordo_improve(p, &imp);
        if (rc == 0 && refresh(p)) rc = -1;
        if (rc == 0 && !material_kept(p, before->npo)) rc = -2;
    }
    free(design), free(fixed), free(due);
    return rc;
}

/* The window on the re-dispatch: p, a re-dispatched plan of before and the new orders, with
** the operations of each single-unit resource that the new operations use sequenced again by
** the GLPK windows (those that start later than in before, and the ones between them), then
** re-timed by one forward pass that keeps every unit's sequence and starts each operation as
** early as routing, material and the sequence allow. Returns 0, -1 out of memory, -2 when no
** window was solved or its sequences contradict a path through other resources or a new
** order would lose its material (p is then not a candidate). */
static int window_redo(struct ordo_plan *p, const struct ordo_plan *before, const ordo_insert_opts *io,
                       ordo_window_stats *st)
{
    double limit = io->time_limit > 0 ? io->time_limit : 4;
    int rc = ordo_window_sequence(p, before, io->max_slip_days, limit / 3, st);
    if (rc) return rc;
    if (st->windows == 0) return -2;
    int64_t *design = design_array(p);
    if (!design) return -1;
    rc = ordo_improve_retime(p, design, NULL, NULL);
    free(design);
    if (rc == 0 && refresh(p)) rc = -1;
    if (rc == 0 && !material_kept(p, before->npo)) rc = -2;
    return rc;
}

/* Overtime minutes the plan's operations use. */
static int64_t overtime_minutes(const struct ordo_plan *p)
{
    if (!p->op_ot) return 0;
    const ordo_model *m = p->model;
    int64_t t = 0;
    for (int32_t o = 0; o < p->nop; o++) {
        if (!p->op_ot[o]) continue;
        ordo_cal ot;
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[p->op_res[o]]), *oc = ordo_sched_op_cal(p, o, &ot);
        t += ordo_cal_minutes_between(oc, p->op_start[o], p->op_end[o]) - ordo_cal_minutes_between(cal, p->op_start[o], p->op_end[o]);
    }
    return t;
}

/* p without its schedule: the dependency lists, the operations and the planned orders'
** availability freed, for the schedule stage (or a copy) to make them again. */
static void drop_schedule(struct ordo_plan *p)
{
    free(p->dep_start), free(p->dep_sup), free(p->dep_short), free(p->po_op0), free(p->po_avail_t);
    free(p->op_po), free(p->op_k), free(p->op_res), free(p->op_start), free(p->op_end), free(p->op_ot);
    p->dep_start = p->dep_sup = NULL, p->dep_short = NULL, p->po_op0 = NULL, p->po_avail_t = NULL;
    p->op_po = p->op_k = p->op_res = NULL, p->op_start = p->op_end = NULL, p->op_ot = NULL, p->nop = 0;
}

/* A copy of n bytes of src, or NULL out of memory. */
static void *dup_bytes(const void *src, size_t n)
{
    void *d = malloc(n ? n : 1);
    if (d && n) memcpy(d, src, n);
    return d;
}

/* d, built like s (the same base, model and new orders), takes s's schedule: the dependency
** lists, the operations and the planned orders' availability; then its order results,
** exceptions and load table, as s has them. Spares running again what made s (the
** re-dispatch, the right-shift) when a window starts from it. 0, or -1 out of memory. */
static int copy_schedule(struct ordo_plan *d, const struct ordo_plan *s)
{
    size_t nodes = (size_t)s->npo + (size_t)s->model->nord, nop = (size_t)s->nop;
    size_t ne = (size_t)s->dep_start[nodes];
    drop_schedule(d);
    d->dep_start = dup_bytes(s->dep_start, (nodes + 1) * sizeof *s->dep_start);
    d->dep_sup = dup_bytes(s->dep_sup, ne * sizeof *s->dep_sup);
    d->dep_short = dup_bytes(s->dep_short, nodes * sizeof *s->dep_short);
    d->po_op0 = dup_bytes(s->po_op0, ((size_t)s->npo + 1) * sizeof *s->po_op0);
    d->po_avail_t = dup_bytes(s->po_avail_t, (size_t)s->npo * sizeof *s->po_avail_t);
    d->op_po = dup_bytes(s->op_po, nop * sizeof *s->op_po);
    d->op_k = dup_bytes(s->op_k, nop * sizeof *s->op_k);
    d->op_res = dup_bytes(s->op_res, nop * sizeof *s->op_res);
    d->op_start = dup_bytes(s->op_start, nop * sizeof *s->op_start);
    d->op_end = dup_bytes(s->op_end, nop * sizeof *s->op_end);
    d->op_ot = s->op_ot ? dup_bytes(s->op_ot, nop * sizeof *s->op_ot) : NULL;
    d->nop = s->nop;
    if (!d->dep_start || !d->dep_sup || !d->dep_short || !d->po_op0 || !d->po_avail_t || !d->op_po || !d->op_k ||
        !d->op_res || !d->op_start || !d->op_end || (s->op_ot && !d->op_ot))
        return -1;
    return refresh(d);
}

/* Re-dispatch: every operation of p (the base's planned orders and the new ones, the MRP
** kept as it is) scheduled again by the schedule stage, the urgent order first by its
** dispatch rule. 0, or -1 out of memory. */
static int redispatch(struct ordo_plan *p)
{
    drop_schedule(p);
    ordo_rc rc = ordo_sched_construct(p, p->mrp_only, ordo_sched_starts(p), 1, 0);
    if (rc == ORDO_OK && !p->mrp_only && p->nop > 0 && !ordo_sched_has_pins(p)) rc = ordo_improve_plan(p, 0, 0, 1, 1, 0);
    if (rc != ORDO_OK || ordo_sched_load_table(p)) return -1;
    return ordo_plan_finish_orders(p) ? -1 : 0;
}

static int64_t new_completion(const struct ordo_plan *p)
{
    int64_t c = p->ord_completion[p->model->nord - 1];
    return c == INT64_MIN ? INT64_MAX : c;
}

/* Whether a fixed operation of p (sched.h: a started one, or frozen) is not where it must
** stay: such a candidate is never kept. */
static int pins_moved(const struct ordo_plan *p)
{
    if (p->model->npr == 0 && !p->op_fix_res) return 0;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t n = p->po_op0[q + 1] > p->po_op0[q] ? ordo_sched_npin(p, q) : 0, res;
        int64_t s, e;
        int done;
        for (int32_t k = 0; k < n; k++) {
            int32_t o = p->po_op0[q] + k;
            ordo_sched_pin(p, q, k, &res, &s, &e, &done);
            if (p->op_res[o] != res || p->op_start[o] != s || p->op_end[o] != e) return 1;
        }
    }
    return 0;
}

static int violates(const struct ordo_plan *p, const struct ordo_plan *orig, double max_slip_days)
{
    return max_slip_days >= 0 && (double)cost_of(p, orig).slip > max_slip_days * ORDO_MIN_PER_DAY + 1e-9;
}

/* ---- one order: the strategies, and the chooser ------------------------------------------ */

/* The candidate plans for one new order, in the order the chooser compares them. */
enum { S_GAPS, S_MOVED, S_WINDOW, S_GAPS_OT, S_MOVED_OT, S_REDO, S_WINDOW_REDO, NSTRAT };

/* Inserting request k into cur (the plan so far). */
typedef struct step {
    const struct ordo_plan *base, *cur;
    const ordo_model *m;       /* the base model */
    const ordo_request *r;
    const ordo_insert_opts *opts;
    int32_t k, due;            /* due: the requested day, or the promise when none was asked */
    int64_t t, tp, due_t;      /* completion in the gaps and with priority; the due instant */
    int try_move, overtime;    /* moving others is tried; overtime is switched on in c */
    ordo_promise_ctx *c;
    ordo_model *m2;            /* the base model with the new orders so far */
    int32_t *buf;
    added a[4];                /* evaluations: in the gaps, with priority, both with overtime */
    struct ordo_plan *plan[NSTRAT];
    double gap;                /* the largest MIP gap of the GLPK windows */
} step;

/* In the gaps (or after everything): nothing moves. Just in time for the due date, or as
** soon as possible where that is sooner; without a due date, due on the promise. */
static int eval_gaps(step *I)
{
    const ordo_model *m = I->m;
    const ordo_request *r = I->r;
    ordo_promise_ctx *c = I->c;
    ordo_promise_set_mode(c, I->opts->method == ORDO_INSERT_APPEND ? ORDO_SLOT_APPEND : ORDO_SLOT_GAPS);
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
    I->t = t, I->due = due;
    return t == INT64_MIN || add_eval(&I->a[0], c, m->nord + I->k, I->buf) ? -1 : 0;
}

/* With priority (its operations where they finish soonest), keeping that completion but
** putting into the gaps what has float enough. */
static int eval_priority(step *I)
{
    ordo_promise_ctx *c = I->c;
    ordo_promise_set_mode(c, ORDO_SLOT_PRIORITY);
    int64_t tp = ordo_promise_eval(c, &I->r->d, ORDO_ASAP);
    if (tp != INT64_MIN && tp != INT64_MAX && ordo_promise_float(c) == 0) {
        ordo_promise_set_mode(c, ORDO_SLOT_FLOAT);
        int64_t tf = ordo_promise_eval(c, &I->r->d, ORDO_ASAP);
        if (tf == INT64_MIN || tf > tp) {
            ordo_promise_set_mode(c, ORDO_SLOT_PRIORITY);
            tf = ordo_promise_eval(c, &I->r->d, ORDO_ASAP);
        }
        tp = tf;
    }
    I->tp = tp;
    return tp == INT64_MIN || add_eval(&I->a[1], c, I->m->nord + I->k, I->buf) ? -1 : 0;
}

static int build_gaps(step *I)
{
    return (I->plan[S_GAPS] = build(I->cur, I->m2, &I->a[0])) ? 0 : -1;
}

/* Right-shift, when priority finishes the order sooner than the gaps. */
static int build_moved(step *I)
{
    if (!I->try_move || I->tp >= I->t) return 0;
    struct ordo_plan *q = build(I->cur, I->m2, &I->a[1]);
    int x = q ? right_shift(q, I->cur, &I->a[1]) : -1;
    if (x == -2) ordo_plan_close(q), q = NULL;
    I->plan[S_MOVED] = q;
    return x == -1 ? -1 : 0;
}

/* The GLPK window, starting from the right-shift. */
static int build_window(step *I)
{
    int m = I->opts->method;
    if (!I->plan[S_MOVED] || m == ORDO_INSERT_RIGHT_SHIFT || m == ORDO_INSERT_REDISPATCH) return 0;
    struct ordo_plan *q = build(I->cur, I->m2, &I->a[1]);
    ordo_window_stats ws;
    int x = q ? copy_schedule(q, I->plan[S_MOVED]) : -1;
    if (x == 0) x = window(q, I->cur, &I->a[1], I->opts, &ws);
    if (x == 0) I->gap = ws.gap;
    if (x != 0) ordo_plan_close(q), q = NULL;
    I->plan[S_WINDOW] = q;
    return x == -1 ? -1 : 0;
}

/* Overtime in the gaps, for an urgent order still late (nothing moves); leaves overtime on
** for build_moved_ot. */
static int build_gaps_ot(step *I)
{
    const ordo_request *r = I->r;
    ordo_promise_ctx *c = I->c;
    if (I->opts->method != ORDO_INSERT_BEST || !r->urgent || I->t <= I->due_t || !ordo_promise_set_overtime(c, 1)) return 0;
    I->overtime = 1;
    ordo_promise_set_mode(c, ORDO_SLOT_GAPS);
    int64_t to = ordo_promise_eval(c, &r->d, I->due != INT32_MIN && r->due != INT32_MIN ? I->due : ORDO_ASAP);
    if (to != INT64_MIN && to > I->due_t) to = ordo_promise_eval(c, &r->d, ORDO_ASAP);
    if (to == INT64_MIN || add_eval(&I->a[2], c, I->m->nord + I->k, I->buf)) return -1;
    if (to < I->t && !(I->plan[S_GAPS_OT] = build(I->cur, I->m2, &I->a[2]))) return -1;
    return 0;
}

/* Overtime with priority, right-shifted, where it finishes sooner than the right-shift. */
static int build_moved_ot(step *I)
{
    if (!I->overtime) return 0;
    ordo_promise_ctx *c = I->c;
    int rc = 0;
    if (I->plan[S_MOVED]) {
        ordo_promise_set_mode(c, ORDO_SLOT_PRIORITY);
        int64_t tpo = ordo_promise_eval(c, &I->r->d, ORDO_ASAP);
        if (tpo == INT64_MIN || add_eval(&I->a[3], c, I->m->nord + I->k, I->buf)) rc = -1;
        if (rc == 0 && tpo < new_completion(I->plan[S_MOVED])) {
            struct ordo_plan *q = build(I->cur, I->m2, &I->a[3]);
            int x = q ? right_shift(q, I->cur, &I->a[3]) : -1;
            if (x == -1) rc = -1;
            if (x == -2) ordo_plan_close(q), q = NULL;
            I->plan[S_MOVED_OT] = q;
        }
    }
    ordo_promise_set_overtime(c, 0);
    I->overtime = 0;
    return rc;
}

/* Re-dispatch of every operation, the urgent order first. */
static int build_redo(step *I)
{
    if (!I->try_move || I->opts->method == ORDO_INSERT_RIGHT_SHIFT) return 0;
    struct ordo_plan *q = build(I->cur, I->m2, &I->a[1]);
    I->plan[S_REDO] = q;
    return !q || redispatch(q) ? -1 : 0;
}

/* The GLPK window on the re-dispatch. */
static int build_window_redo(step *I)
{
    if (!I->plan[S_REDO] || I->opts->method == ORDO_INSERT_REDISPATCH) return 0;
    ordo_window_stats ws;
    struct ordo_plan *q = build(I->cur, I->m2, &I->a[1]);
    int x = q && copy_schedule(q, I->plan[S_REDO]) == 0 ? window_redo(q, I->cur, I->opts, &ws) : -1;
    if (x == 0 && ws.gap > I->gap) I->gap = ws.gap;
    if (x != 0) ordo_plan_close(q), q = NULL;
    I->plan[S_WINDOW_REDO] = q;
    return x == -1 ? -1 : 0;
}

/* The strategies, made in this order and compared in this order: a later one is kept only
** where it is strictly better. Their methods as reported ("insertion[].method"); S_GAPS's
** is the gaps or, with --method append, append. */
static const struct strategy {
    int method;
    int (*build)(step *I);
} strategies[NSTRAT] = {
    [S_GAPS] = {ORDO_INSERT_GAPS, build_gaps},
    [S_MOVED] = {ORDO_INSERT_RIGHT_SHIFT, build_moved},
    [S_WINDOW] = {ORDO_INSERT_WINDOW, build_window},
    [S_GAPS_OT] = {ORDO_INSERT_GAPS, build_gaps_ot},
    [S_MOVED_OT] = {ORDO_INSERT_RIGHT_SHIFT, build_moved_ot},
    [S_REDO] = {ORDO_INSERT_REDISPATCH, build_redo},
    [S_WINDOW_REDO] = {ORDO_INSERT_WINDOW, build_window_redo},
};

/* The candidate kept: the new order's completion first, then the others' lateness past
** their commitments, movement, then the least overtime; none that slips an existing order
** more than max_slip_days (*limited is set when one was refused). Returns its index. */
static int choose(const step *I, uint8_t *limited)
{
    int best = S_GAPS;
    for (int x = S_GAPS + 1; x < NSTRAT; x++) {
        const struct ordo_plan *q = I->plan[x], *b = I->plan[best];
        if (!q || pins_moved(q)) continue;
        if (violates(q, I->base, I->opts->max_slip_days)) {
            *limited = 1;
            continue;
        }
        int64_t cq = new_completion(q), cb = new_completion(b);
        int better = cq < cb;
        if (cq == cb) {
            cost a1 = cost_of(q, I->base), b1 = cost_of(b, I->base);
            better = cost_less(a1, b1) || (!cost_less(b1, a1) && overtime_minutes(q) < overtime_minutes(b));
        }
        if (better) best = x;
    }
    return best;
}

/* Insert I->r into I->cur on the new model I->m2 (made here from no[0..k]): every strategy,
** then the chooser. On success *next is the plan kept and the method, gap, refusal and
** overtime of order k are recorded in ins; the other candidates are closed. */
typedef struct ins_log { uint8_t *method, *limited; double *gap; int64_t *ot_min; } ins_log;
static ordo_rc insert_one(step *I, const ordo_new_order *no, ins_log *log, struct ordo_plan **next)
{
    const ordo_insert_opts *opts = I->opts;
    ordo_rc rc = eval_gaps(I) ? ORDO_ENOMEM : ORDO_OK;
    ordo_new_order *nk = (ordo_new_order *)&no[I->k];
    *nk = (ordo_new_order){nk->id, I->r->customer, I->r->d.item, I->due == INT32_MIN ? I->m->h_start : I->due,
                           I->r->d.design_days, I->r->d.qty, I->r->priority, I->r->penalty, I->r->urgent};
    if (rc == ORDO_OK && !(I->m2 = ordo_model_with_orders(I->m, no, I->k + 1))) rc = ORDO_ENOMEM;
    /* moving others: for an urgent order that is late without (always, for the right-shift,
    ** window and re-dispatch methods), when giving it priority finishes it sooner */
    I->due_t = (int64_t)(nk->due < I->m->h_start ? I->m->h_start : nk->due) * ORDO_MIN_PER_DAY;
    I->try_move = opts->method == ORDO_INSERT_RIGHT_SHIFT || opts->method == ORDO_INSERT_WINDOW ||
                  opts->method == ORDO_INSERT_REDISPATCH || (opts->method == ORDO_INSERT_BEST && I->r->urgent && I->t > I->due_t);
    if (rc == ORDO_OK && I->try_move && eval_priority(I)) rc = ORDO_ENOMEM;
    for (int x = 0; rc == ORDO_OK && x < NSTRAT; x++)
        if (strategies[x].build(I)) rc = ORDO_ENOMEM;
    if (I->overtime) ordo_promise_set_overtime(I->c, 0);
    int best = rc == ORDO_OK ? choose(I, &log->limited[I->k]) : -1;
    if (best >= 0) {
        int method = strategies[best].method;
        if (best == S_GAPS && opts->method == ORDO_INSERT_APPEND) method = ORDO_INSERT_APPEND;
        log->method[I->k] = (uint8_t)method;
        log->gap[I->k] = I->gap;
        log->ot_min[I->k] = overtime_minutes(I->plan[best]) - overtime_minutes(I->cur);
    }
    for (int x = 0; x < NSTRAT; x++)
        if (x != best) ordo_plan_close(I->plan[x]);
    *next = best >= 0 ? I->plan[best] : NULL;
    return rc;
}

/* ---- the requests, one after the other ------------------------------------------------------ */

/* The plan after every insertion: whose completion moved against the base ("disturbed"),
** and how each order went in. 0, or -1 out of memory. */
static int finish(struct ordo_plan *p, const struct ordo_plan *base, int32_t n, ins_log *log)
{
    const ordo_model *m = base->model;
    p->ins_first = m->nord, p->nins = n;
    p->ins_method = log->method, p->ins_gap = log->gap, p->ins_limited = log->limited, p->ins_ot = log->ot_min;
    memset(log, 0, sizeof *log);
    int32_t nd = 0;
    for (int32_t o = 0; o < m->nord; o++) nd += p->ord_completion[o] != base->ord_completion[o];
    p->dist_order = malloc(((size_t)nd + 1) * sizeof *p->dist_order);
    p->dist_old = malloc(((size_t)nd + 1) * sizeof *p->dist_old);
    p->dist_new = malloc(((size_t)nd + 1) * sizeof *p->dist_new);
    if (!p->dist_order || !p->dist_old || !p->dist_new) return -1;
    for (int32_t o = 0; o < m->nord; o++)
        if (p->ord_completion[o] != base->ord_completion[o])
            p->dist_order[p->ndist] = o, p->dist_old[p->ndist] = base->ord_completion[o],
            p->dist_new[p->ndist++] = p->ord_completion[o];
    return 0;
}

ordo_rc ordo_insert_requests(const struct ordo_plan *base, const ordo_request *rq, int32_t n,
                             const ordo_insert_opts *opts, ordo_model **pm2, ordo_plan **pplan, char *err, size_t nerr)
{
    if (!base || !rq || !pm2 || !pplan || !err || nerr == 0) return ORDO_EMISUSE;
    *pm2 = NULL, *pplan = NULL, err[0] = 0;
    ordo_insert_opts dflt;
    if (!opts) ordo_insert_opts_init(&dflt), opts = &dflt;
    const ordo_model *m = base->model;
    ordo_new_order *no = calloc((size_t)n + 1, sizeof *no);
    char (*ids)[32] = calloc((size_t)n + 1, sizeof *ids);
    int32_t *buf = malloc(MAX_SUP * sizeof *buf);
    ins_log log = {calloc((size_t)n + 1, 1), calloc((size_t)n + 1, 1), calloc((size_t)n + 1, sizeof(double)),
                   calloc((size_t)n + 1, sizeof(int64_t))};
    ordo_rc rc = no && ids && buf && log.method && log.limited && log.gap && log.ot_min ? ORDO_OK : ORDO_ENOMEM;
    const struct ordo_plan *cur = base; /* the plan so far, on model mk */
    ordo_model *mk = NULL;
    for (int32_t k = 0; rc == ORDO_OK && k < n; k++) {
        step I = {.base = base, .cur = cur, .m = m, .r = &rq[k], .opts = opts, .k = k, .buf = buf};
        ordo_promise_base *B = ordo_promise_base_new(cur);
        I.c = B ? ordo_promise_ctx_new(B) : NULL;
        for (int x = 0; x < 4; x++) added_init(&I.a[x]);
        if (!rq[k].id) snprintf(ids[k], sizeof ids[k], "INS-%d", (int)k + 1);
        no[k].id = rq[k].id ? rq[k].id : ids[k];
        struct ordo_plan *next = NULL;
        rc = I.c ? insert_one(&I, no, &log, &next) : ORDO_ENOMEM;
        for (int x = 0; x < 4; x++) added_free(&I.a[x]);
        ordo_promise_ctx_free(I.c);
        ordo_promise_base_free(B);
        if (cur != base) ordo_plan_close((ordo_plan *)cur);
        ordo_model_close(mk);
        cur = next ? next : base;
        mk = next ? I.m2 : NULL;
        if (!next) ordo_model_close(I.m2);
    }
    if (rc == ORDO_OK && cur != base && finish((struct ordo_plan *)cur, base, n, &log)) rc = ORDO_ENOMEM;
    if (rc == ORDO_OK && cur != base) {
        *pm2 = mk, *pplan = (ordo_plan *)cur;
    } else if (cur != base) {
        ordo_plan_close((ordo_plan *)cur);
        ordo_model_close(mk);
    }
    if (rc == ORDO_ENOMEM && !err[0]) snprintf(err, nerr, "out of memory");
    free(buf), free(ids), free(no), free(log.method), free(log.gap), free(log.limited), free(log.ot_min);
    return rc;
}

ordo_rc ordo_insert_json(const ordo_plan *base, const char *json, size_t len, const char *what,
                         const ordo_insert_opts *opts, ordo_model **pm2, ordo_plan **pplan, char *err, size_t nerr)
{
    if (!base || !json || !pm2 || !pplan || !err || nerr == 0) return ORDO_EMISUSE;
    *pm2 = NULL, *pplan = NULL;
    ordo_requests rs;
    ordo_rc rc = ordo_requests_read(base->model, json, len, what ? what : "orders", &rs, err, nerr);
    if (rc == ORDO_OK) rc = ordo_insert_requests(base, rs.r, rs.n, opts, pm2, pplan, err, nerr);
    ordo_requests_free(&rs);
    return rc;
}
