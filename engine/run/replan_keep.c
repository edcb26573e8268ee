/*
** replan_keep.c -- the incremental re-plan's choice (replan_base.h, README "--incremental"):
** which planned orders keep their base operations where they are.
*/
#include "replan_base.h"

#include "calendar.h"
#include "rules.h"
#include "sched.h"
#include "supply.h"

#include <math.h>
#include <stdlib.h>

/* Incremental: whether new planned order q (made, matched to base order b) can keep every
** operation where the base has it -- the same quantity, each routing operation in the base on
** a resource it still may use -- and when its last one ends, into *end. */
static int base_ops(const struct ordo_plan *p, const base_view *B, int32_t q, int32_t b, int64_t *first, int64_t *end)
{
    const ordo_model *m = p->model;
    int32_t item = p->po_item[q];
    if (b < 0 || fabs(B->po[b].qty - p->po_qty[q]) > 1e-9 * (1 + p->po_qty[q])) return 0;
    if (p->po_prod && p->po_prod[q] >= 0) return 0; /* production orders keep their own */
    int64_t h0 = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    if (B->po[b].nop != m->rout_start[item + 1] - m->rout_start[item] || B->po[b].nop == 0) return 0;
    int64_t prev = h0; /* not before today's horizon: work done since is in the shop */
    for (int32_t k = m->rout_start[item], i = 0; k < m->rout_start[item + 1]; k++, i++) {
        const base_op *o = &B->op[B->po[b].op0 + i];
        if (o->seq != m->op_seq[k] || o->res < 0 || o->end == INT64_MIN || o->start < prev || o->end < o->start ||
            o->end >= ORDO_CAL_NEVER)
            return 0;
        int fits = 0; /* on a resource it may use, for as long as its work takes there now (run
                      ** times, efficiency and calendars may have changed), with overtime if it had it */
        for (int32_t a = m->op_alt_start[k]; !fits && a < m->op_alt_start[k + 1]; a++) {
            if (m->alt_res[a] != o->res) continue;
            ordo_cal tmp;
            const ordo_cal *cal = ordo_model_cal(m, m->res_cal[o->res]);
            if (o->ot) ordo_cal_with_overtime(cal, &tmp), cal = &tmp;
            int64_t work = ordo_sched_work(m, a, p->po_qty[q]);
            fits = (work == 0 || ordo_cal_next_work_minute(cal, o->start) == o->start) &&
                   ordo_cal_add_minutes(cal, o->start, work) == o->end;
        }
        if (!fits) return 0;
        prev = o->end;
    }
    *first = B->op[B->po[b].op0].start;
    *end = B->op[B->po[b].op0 + B->po[b].nop - 1].end;
    return 1;
}

/* When supply s of a planned order is available in the incremental re-plan: stock and
** receipts by their dates, bought planned orders by their lead times, made ones when their
** kept operations end (ready[], INT64_MAX when they are scheduled again). */
static int64_t supply_ready(const struct ordo_plan *p, int32_t s, const int64_t *ready)
{
    if (s < 0) return ordo_stock_time(p->model, s);
    return ready[s];
}

/* The incremental re-plan's working arrays: each planned order's supplies (CSR from the MRP's
** edges), whether a need of it is uncovered, its first operation's index, when it is ready,
** and whether it may not keep its operations (banned: they no longer fit their resource). */
typedef struct keep_ctx {
    struct ordo_plan *p;
    const base_view *B;
    const int32_t *match;
    int64_t *op0, *ready;
    uint8_t *banned;
} keep_ctx;

/* The dependency lists were built for the choice only: the schedule builds its own. */
static void keep_free(keep_ctx *c)
{
    struct ordo_plan *p = c->p;
    free(p->dep_start), free(p->dep_sup), free(p->dep_short);
    p->dep_start = p->dep_sup = NULL, p->dep_short = NULL;
    free(c->op0), free(c->ready), free(c->banned);
}

static int keep_init(keep_ctx *c)
{
    struct ordo_plan *p = c->p;
    const ordo_model *m = p->model;
    size_t npo = (size_t)p->npo;
    c->op0 = malloc((npo + 1) * sizeof *c->op0), c->ready = malloc((npo + 1) * sizeof *c->ready);
    c->banned = calloc(npo + 1, 1);
    if (!c->op0 || !c->ready || !c->banned || ordo_sched_deps(p)) return -1;
    for (int32_t q = 0, n = 0; q < p->npo; q++) {
        c->op0[q] = n;
        if (m->item_src[p->po_item[q]] == ORDO_SRC_MAKE) n += m->rout_start[p->po_item[q] + 1] - m->rout_start[p->po_item[q]];
    }
    return 0;
}

/* One pass deciding which planned orders keep their operations (the op_fix_* arrays). */
static void keep_decide(keep_ctx *c)
{
    struct ordo_plan *p = c->p;
    const ordo_model *m = p->model;
    for (int32_t q = p->npo - 1; q >= 0; q--) {
        int32_t item = p->po_item[q];
        c->ready[q] = INT64_MAX;
        if (m->item_src[item] != ORDO_SRC_MAKE) {
            c->ready[q] = (int64_t)ordo_sup_ready(m, item, ordo_po_sup(p, q), p->po_release[q]) * ORDO_MIN_PER_DAY;
            continue;
        }
        int32_t nk = m->rout_start[item + 1] - m->rout_start[item], nfrozen = 0;
        for (int32_t i = 0; i < nk; i++) {
            int64_t x = c->op0[q] + i;
            if (p->op_fix_soft[x]) p->op_fix_res[x] = -1, p->op_fix_soft[x] = 0; /* decided again */
            nfrozen += p->op_fix_res[x] >= 0;
        }
        if (nfrozen > 0) { /* frozen operations stay whatever their material; the rest follow them */
            if (nfrozen == nk) c->ready[q] = ordo_after_inspection(m, item, p->op_fix_e[c->op0[q] + nk - 1]);
            continue;
        }
        int64_t first, end;
        int32_t b = c->match[q];
        if (b >= 0 && c->B->po[b].nop > 0) /* until decided: ready as in the base (the schedule checks it) */
            c->ready[q] = ordo_after_inspection(m, item, c->B->op[c->B->po[b].op0 + c->B->po[b].nop - 1].end);
        if (c->banned[q] || p->dep_short[q] || !base_ops(p, c->B, q, b, &first, &end)) continue;
        int ok = ordo_sched_design(p, q) <= first;
        for (int32_t j = p->dep_start[q]; ok && j < p->dep_start[q + 1]; j++) ok = supply_ready(p, p->dep_sup[j], c->ready) <= first;
        if (!ok) continue;
        const base_po *bp = &c->B->po[b];
        for (int32_t i = 0; i < bp->nop; i++) {
            const base_op *o = &c->B->op[bp->op0 + i];
            int64_t x = c->op0[q] + i;
            p->op_fix_res[x] = o->res, p->op_fix_s[x] = o->start, p->op_fix_e[x] = o->end, p->op_fix_ot[x] = o->ot;
            p->op_fix_soft[x] = 1;
        }
        c->ready[q] = ordo_after_inspection(m, item, end);
    }
}

typedef struct busy_iv { int32_t res, q; int64_t s, e; } busy_iv; /* q -1: a started operation */

static int cmp_busy(const void *x, const void *y)
{
    const busy_iv *a = x, *b = y;
    if (a->res != b->res) return a->res < b->res ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->q < b->q ? -1 : a->q > b->q; /* started operations first */
}

/* The kept operations, with the started ones running on their units, against each resource's
** units now (a planner may have taken units away): every kept order whose operation finds no
** free unit at its start is banned. Returns how many were newly banned, -1 out of memory. */
static int keep_overload(keep_ctx *c)
{
    struct ordo_plan *p = c->p;
    const ordo_model *m = p->model;
    int64_t n = 0, cap = 1024;
    busy_iv *v = malloc((size_t)cap * sizeof *v);
    for (int32_t q = 0; v && q < p->npo; q++) {
        int32_t item = p->po_item[q], pr = p->po_prod ? p->po_prod[q] : -1;
        int32_t nk = m->item_src[item] == ORDO_SRC_MAKE ? m->rout_start[item + 1] - m->rout_start[item] : 0;
        int started = pr >= 0 && m->pr_status[pr] == ORDO_PR_STARTED;
        int32_t ns = started ? m->pr_op0[pr + 1] - m->pr_op0[pr] : 0;
        for (int32_t i = 0; v && i < (started ? ns : nk); i++) {
            int64_t f = started ? -1 : c->op0[q] + i;
            busy_iv x = {-1, started || !p->op_fix_soft[f] ? -1 : q, 0, 0}; /* started and frozen: never banned */
            if (started && !m->pop_done[m->pr_op0[pr] + i])
                x.res = m->pop_res[m->pr_op0[pr] + i], x.s = m->pop_start[m->pr_op0[pr] + i], x.e = m->pop_end[m->pr_op0[pr] + i];
            else if (!started && p->op_fix_res[c->op0[q] + i] >= 0)
                x.res = p->op_fix_res[c->op0[q] + i], x.s = p->op_fix_s[c->op0[q] + i], x.e = p->op_fix_e[c->op0[q] + i];
            if (x.res < 0 || x.e <= x.s) continue;
            if (n == cap) {
                busy_iv *w = realloc(v, (size_t)(cap *= 2) * sizeof *v);
                if (!w) free(v);
                v = w;
                if (!v) break;
            }
            v[n++] = x;
        }
    }
    int64_t *ends = v ? malloc(((size_t)n + 1) * sizeof *ends) : NULL; /* a min-heap per resource */
    if (!v || !ends) {
        free(v), free(ends);
        return -1;
    }
    qsort(v, (size_t)n, sizeof *v, cmp_busy);
    int banned = 0;
    for (int64_t k = 0, nh = 0; k < n; k++) {
        if (k == 0 || v[k].res != v[k - 1].res) nh = 0;
        while (nh > 0 && ends[0] <= v[k].s) { /* pop the earliest end */
            ends[0] = ends[--nh];
            for (int64_t i = 0;;) {
                int64_t l = 2 * i + 1, r = l + 1, j = i;
                if (l < nh && ends[l] < ends[j]) j = l;
                if (r < nh && ends[r] < ends[j]) j = r;
                if (j == i) break;
                int64_t t = ends[i]; ends[i] = ends[j]; ends[j] = t;
                i = j;
            }
        }
        if (nh >= m->res_units[v[k].res] && v[k].q >= 0) { /* no unit free: the order is scheduled again */
            banned += !c->banned[v[k].q];
            c->banned[v[k].q] = 1;
            continue;
        }
        ends[nh] = v[k].e; /* push */
        for (int64_t i = nh++; i > 0 && ends[(i - 1) / 2] > ends[i]; i = (i - 1) / 2) {
            int64_t t = ends[i]; ends[i] = ends[(i - 1) / 2]; ends[(i - 1) / 2] = t;
        }
    }
    free(v), free(ends);
    return banned;
}

/* Incremental: every made planned order whose operations the base has (base_ops) and whose
** material is there by its first start -- each supply kept or bought in time, no need left
** uncovered, its design days and fence over -- keeps them as fixed operations; the others are
** scheduled around them. Suppliers have higher indexes than the orders they supply, so one
** pass from the last planned order decides; an order whose kept operations no longer find a
** unit of their resource is banned and the pass made again, until none is. 0, or -1 out of
** memory. */
int ordo_replan_keep(struct ordo_plan *p, const base_view *B, const int32_t *match)
{
    keep_ctx c = {p, B, match, NULL, NULL, NULL};
    int rc = keep_init(&c), more = 1;
    while (rc == 0 && more > 0) {
        keep_decide(&c);
        more = keep_overload(&c);
        if (more < 0) rc = -1;
    }
    keep_free(&c);
    return rc;
}
