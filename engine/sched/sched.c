/*
** sched.c -- stage "schedule": constructive finite-capacity scheduling (see sched.h): the
** dispatch passes, set-up, results and multi-start; the service objective's refinement and
** overtime are in service.c, the why-late answers in why.c.
*/
#include "sched_int.h"

#include "supply.h"
#include "dates.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define GAP_TRIES 64

/* ---- heap of candidate operations ---------------------------------------------------------- */
static int cand_less(const cand *a, const cand *b)
{
    if (a->key1 != b->key1) return a->key1 < b->key1;
    if (a->key2 != b->key2) return a->key2 < b->key2;
    if (a->po != b->po) return a->po < b->po;
    return a->k < b->k;
}

static void heap_push(sched *S, cand c)
{
    int32_t i = S->nheap++;
    while (i > 0) {
        int32_t up = (i - 1) / 2;
        if (!cand_less(&c, &S->heap[up])) break;
        S->heap[i] = S->heap[up];
        i = up;
    }
    S->heap[i] = c;
}

static cand heap_pop(sched *S)
{
    cand top = S->heap[0], last = S->heap[--S->nheap];
    int32_t i = 0, n = S->nheap;
    for (;;) {
        int32_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && cand_less(&S->heap[c + 1], &S->heap[c])) c++;
        if (!cand_less(&S->heap[c], &last)) break;
        S->heap[i] = S->heap[c];
        i = c;
    }
    if (n > 0) S->heap[i] = last;
    return top;
}

/* ---- resource units ------------------------------------------------------------------------- */

/* Release the busy lists of every unit, and the units. */
static void free_units(sched *S)
{
    if (S->units)
        for (int32_t u = 0; u < S->unit0[S->m->nres]; u++) free(S->units[u].v);
    free(S->units);
}

/* Earliest [*ps, *pe) at or after est on unit u where `work` working minutes of cal fit
** between busy intervals. Returns the index the interval would be inserted at. */
static int32_t find_gap(const unit *u, const ordo_cal *cal, int64_t est, int64_t work, int64_t *ps, int64_t *pe)
{
    int32_t lo = 0, hi = u->n;
    while (lo < hi) { /* first interval ending after est */
        int32_t mid = lo + (hi - lo) / 2;
        if (u->v[mid].e <= est)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t i = lo, tries = 0;
    int64_t t = est;
    for (;;) {
        /* Gap filling looks at a bounded number of gaps, then appends after the last
        ** busy interval: each placement costs O(log n + GAP_TRIES). */
        if (++tries > GAP_TRIES && i < u->n) {
            t = u->v[u->n - 1].e > t ? u->v[u->n - 1].e : t;
            i = u->n;
        }
        if (work > 0) t = ordo_cal_next_work_minute(cal, t);
        while (i < u->n && u->v[i].e <= t) i++;
        if (i < u->n && u->v[i].s <= t && work > 0) {
            t = u->v[i].e;
            i++;
            continue;
        }
        int64_t e = ordo_cal_add_minutes(cal, t, work);
        if (i == u->n || e <= u->v[i].s || work == 0) {
            *ps = t;
            *pe = e;
            return i;
        }
        t = u->v[i].e;
        i++;
    }
}

static int insert_busy(unit *u, int32_t at, int64_t s, int64_t e)
{
    if (e <= s) return 0; /* zero work occupies nothing */
    if (u->n == u->cap) {
        int32_t cap = u->cap ? u->cap * 2 : 8;
        iv *v = realloc(u->v, (size_t)cap * sizeof *v);
        if (!v) return -1;
        u->v = v;
        u->cap = cap;
    }
    memmove(u->v + at + 1, u->v + at, (size_t)(u->n - at) * sizeof *u->v);
    u->v[at] = (iv){s, e};
    u->n++;
    return 0;
}

/* ---- planned orders -------------------------------------------------------------------------- */

int sched_has_routing(const sched *S, int32_t item)
{
    const ordo_model *m = S->m;
    return !S->mrp_only && m->item_src[item] == ORDO_SRC_MAKE && m->rout_start[item + 1] > m->rout_start[item];
}

/* Availability (instant) of a supply in a dependency list, T_NEVER when not yet known. */
static int64_t supply_time(const sched *S, int32_t s)
{
    return s >= 0 ? S->avail[s] : ordo_stock_time(S->m, s);
}

/* When the material of node v (planned order or npo + customer order) is all there. */
int64_t sched_material_time(const sched *S, int32_t v)
{
    const struct ordo_plan *p = S->p;
    if (p->dep_short[v]) return T_NEVER;
    int64_t t = (int64_t)S->m->h_start * ORDO_MIN_PER_DAY;
    for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1]; j++) {
        int64_t a = supply_time(S, p->dep_sup[j]);
        if (a > t) t = a;
    }
    return t;
}

static void push_op(sched *S, int32_t q, int32_t k, int64_t est)
{
    const struct ordo_plan *p = S->p;
    if (p->op_floor && est < p->op_floor[p->po_op0[q] + k]) est = p->op_floor[p->po_op0[q] + k]; /* a re-plan */
    cand c = {0, 0, q, k, est};
    if (S->m->objective == ORDO_OBJ_MAKESPAN) {
        c.key1 = -S->work_left[q];
        c.key2 = est;
    } else if (S->lf) { /* the operation's latest start that keeps its order's finish */
        c.key1 = (S->urgent[q] ? 0 : (int64_t)1 << 40) + S->lf[q] - S->rest[p->po_op0[q] + k];
        c.key2 = (int64_t)(-S->prio[q] * 1000.0);
    } else {
        c.key1 = (S->urgent[q] ? 0 : (int64_t)1 << 40) + p->po_due[q];
        c.key2 = (int64_t)(-S->prio[q] * 1000.0);
    }
    if (p->op_hint) c.key1 = (S->urgent[q] ? 0 : (int64_t)1 << 40) + p->op_hint[p->po_op0[q] + k]; /* the base's order */
    if (S->noise > 0) c.key1 += (int64_t)(ordo_splitmix64(&S->rng) /* the dispatch noise of a start */ % (uint64_t)S->noise);
    heap_push(S, c);
}

static void order_done(sched *S, int32_t q, int64_t avail);

/* Planned order q has all its material information: start it, or finish it at once. */
static void order_ready(sched *S, int32_t q)
{
    const ordo_model *m = S->m;
    struct ordo_plan *p = S->p;
    int32_t item = p->po_item[q];
    int64_t mat = sched_material_time(S, q);
    if (mat == T_NEVER) {
        order_done(S, q, T_NEVER);
        return;
    }
    if (m->item_src[item] != ORDO_SRC_MAKE) { /* bought: lead time from the release */
        int32_t d = ordo_sup_ready(m, item, ordo_po_sup(p, q), p->po_release[q]);
        order_done(S, q, (int64_t)d * ORDO_MIN_PER_DAY);
        return;
    }
    int64_t est = mat > S->design[q] ? mat : S->design[q];
    int32_t npin = sched_has_routing(S, item) ? ordo_sched_npin(p, q) : 0;
    if (npin > 0) { /* its fixed operations are placed (reset_run): the rest follow them */
        int32_t last = p->po_op0[q] + npin - 1, nops = m->rout_start[item + 1] - m->rout_start[item];
        if (npin == nops) {
            order_done(S, q, ordo_after_inspection(m, item, S->op_end[last]));
            return;
        }
        int64_t t = S->op_end[last], h = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
        if (p->po_prod && p->po_prod[q] >= 0 && m->pr_status[p->po_prod[q]] == ORDO_PR_STARTED) est = h; /* under way */
        push_op(S, q, npin, t > est ? t : est > h ? est : h);
        return;
    }
    if (!sched_has_routing(S, item)) { /* made without a routing: lead time from when it can start */
        int32_t start = (int32_t)ordo_floordiv(est + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
        if (start < p->po_release[q]) start = p->po_release[q];
        int32_t d = ordo_sup_ready(m, item, ordo_po_sup(p, q), start);
        order_done(S, q, (int64_t)d * ORDO_MIN_PER_DAY);
        return;
    }
    push_op(S, q, 0, est);
}

/* Planned order q is available at avail: tell the orders made from it. */
static void order_done(sched *S, int32_t q, int64_t avail)
{
    S->avail[q] = avail;
    for (int32_t j = S->rdep_start[q]; j < S->rdep_start[q + 1]; j++) {
        int32_t d = S->rdep[j];
        if (--S->pending[d] == 0) order_ready(S, d);
    }
}

/* A re-plan (plan.h, op_pref): the unit of the base's resource of operation c that starts
** it at its earliest start, as the base did. 1 when there is one, its place in *pa.. *pe. */
static int base_slot(sched *S, cand c, int32_t k, int32_t *pa, int32_t *pu, int32_t *pat, int64_t *ps, int64_t *pe)
{
    const ordo_model *m = S->m;
    const struct ordo_plan *p = S->p;
    int32_t pref = p->op_pref ? p->op_pref[p->po_op0[c.po] + c.k] : -1;
    for (int32_t a = m->op_alt_start[k]; pref >= 0 && a < m->op_alt_start[k + 1]; a++) {
        if (m->alt_res[a] != pref) continue;
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[pref]);
        int64_t work = ordo_sched_work(m, a, p->po_qty[c.po]);
        for (int32_t u = S->unit0[pref]; u < S->unit0[pref + 1]; u++) {
            int64_t s, e;
            int32_t at = find_gap(&S->units[u], cal, c.est, work, &s, &e);
            if (s == c.est) {
                *pa = a, *pu = u, *pat = at, *ps = s, *pe = e;
                return 1;
            }
        }
    }
    return 0;
}

/* Whether an operation of resource r starting at t may work overtime (sched_overtime). */
int sched_ot_allowed(const sched *S, int32_t r, int64_t t)
{
    int64_t w = (ordo_floordiv(t, ORDO_MIN_PER_DAY) - S->m->h_start) / S->win_days;
    w = w < 0 ? 0 : w >= S->nwin ? S->nwin - 1 : w;
    return S->ot_win[(size_t)r * (size_t)S->nwin + (size_t)w];
}

/* Place operation c on the alternative that finishes it first. */
static void place_op(sched *S, cand c)
{
    const ordo_model *m = S->m;
    struct ordo_plan *p = S->p;
    int32_t item = p->po_item[c.po], k = m->rout_start[item] + c.k;
    int32_t best_a = -1, best_u = -1, best_at = 0;
    int64_t bs = 0, be = T_NEVER;
    int kept = base_slot(S, c, k, &best_a, &best_u, &best_at, &bs, &be);
    for (int32_t a = m->op_alt_start[k]; !kept && a < m->op_alt_start[k + 1]; a++) {
        int32_t r = m->alt_res[a];
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
        int64_t work = ordo_sched_work(m, a, p->po_qty[c.po]);
        if (S->infinite) { /* every unit free: the calendar alone */
            int64_t s = work > 0 ? ordo_cal_next_work_minute(cal, c.est) : c.est;
            int64_t e = ordo_cal_add_minutes(cal, s, work);
            if (e < be) be = e, bs = s, best_a = a, best_u = -1;
            continue;
        }
        const ordo_cal *ot = S->ot_win && S->cal_ot[r].day_minutes > cal->day_minutes ? &S->cal_ot[r] : NULL;
        int empty_seen = 0; /* every empty unit gives the same slot: the first one is tried */
        for (int32_t u = S->unit0[r]; u < S->unit0[r + 1]; u++) {
            if (S->units[u].n == 0 && empty_seen++) continue;
            int64_t s, e;
            int32_t at = find_gap(&S->units[u], cal, c.est, work, &s, &e);
            if (ot) { /* overtime where it may and where it ends the operation sooner */
                int64_t s2, e2;
                int32_t at2 = find_gap(&S->units[u], ot, c.est, work, &s2, &e2);
                if (e2 < e && sched_ot_allowed(S, r, s2)) s = s2, e = e2, at = at2;
            }
            if (e < be) {
                be = e, bs = s, best_a = a, best_u = u, best_at = at;
            }
        }
    }
    int32_t o = p->po_op0[c.po] + c.k;
    if (S->main) p->op_po[o] = c.po, p->op_k[o] = k; /* the same in every pass */
    if (be >= ORDO_CAL_NEVER) { /* it cannot end before the calendar's never: not scheduled, */
        order_done(S, c.po, T_NEVER); /* and its order is not planned (bounds.h) */
        return;
    }
    S->op_res[o] = m->alt_res[best_a];
    S->op_start[o] = bs;
    S->op_end[o] = be;
    if (best_u >= 0 && insert_busy(&S->units[best_u], best_at, bs, be)) S->oom = 1;
    S->work_left[c.po] -= ordo_sched_work(m, best_a, p->po_qty[c.po]);
    int32_t nops = m->rout_start[item + 1] - m->rout_start[item];
    if (c.k + 1 < nops)
        push_op(S, c.po, c.k + 1, be);
    else
        order_done(S, c.po, ordo_after_inspection(m, item, be));
}

/* ---- set-up --------------------------------------------------------------------------------- */

int ordo_sched_deps(struct ordo_plan *p)
{
    int32_t npo = p->npo, ne = p->nedge;
    size_t nodes = (size_t)npo + (size_t)p->model->nord;
    const int32_t *ed = p->edge;
    p->dep_start = calloc(nodes + 2, sizeof *p->dep_start);
    p->dep_sup = malloc(((size_t)ne + 1) * sizeof *p->dep_sup);
    p->dep_short = calloc(nodes + 1, 1);
    int32_t *fill = malloc((nodes + 1) * sizeof *fill);
    if (!p->dep_start || !p->dep_sup || !p->dep_short || !fill) {
        free(fill);
        return -1;
    }
#define NODE(v) ((v) >= 0 ? (size_t)(v) : (size_t)npo + (size_t)ORDO_NODE_ORDER_IDX(v))
    for (int32_t e = 0; e < ne; e++) {
        if (ed[2 * e + 1] == ORDO_SUP_SHORT)
            p->dep_short[NODE(ed[2 * e])] = 1;
        else
            p->dep_start[NODE(ed[2 * e]) + 1]++;
    }
    for (size_t v = 0; v < nodes; v++) p->dep_start[v + 1] += p->dep_start[v];
    memcpy(fill, p->dep_start, nodes * sizeof *fill);
    for (int32_t e = 0; e < ne; e++)
        if (ed[2 * e + 1] != ORDO_SUP_SHORT) p->dep_sup[fill[NODE(ed[2 * e])]++] = ed[2 * e + 1];
#undef NODE
    free(fill);
    return 0;
}

static int setup(sched *S)
{
    struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    int32_t npo = p->npo;
    if (ordo_sched_deps(p)) return -1;
    p->po_op0 = malloc(((size_t)npo + 1) * sizeof *p->po_op0);
    p->po_avail_t = malloc(((size_t)npo + 1) * sizeof *p->po_avail_t);
    S->pending = calloc((size_t)npo + 1, sizeof *S->pending);
    S->rdep_start = calloc((size_t)npo + 2, sizeof *S->rdep_start);
    S->design = malloc(((size_t)npo + 1) * sizeof *S->design);
    S->urgent = calloc((size_t)npo + 1, 1);
    S->prio = calloc((size_t)npo + 1, sizeof *S->prio);
    S->work_left = calloc((size_t)npo + 1, sizeof *S->work_left);
    S->unit0 = calloc((size_t)m->nres + 1, sizeof *S->unit0);
    if (!p->po_op0 || !p->po_avail_t || !S->pending || !S->rdep_start || !S->design || !S->urgent || !S->prio ||
        !S->work_left || !S->unit0)
        return -1;
    int32_t nop = 0;
    for (int32_t q = 0; q < npo; q++) {
        int32_t item = p->po_item[q];
        p->po_op0[q] = nop;
        if (sched_has_routing(S, item)) nop += m->rout_start[item + 1] - m->rout_start[item];
        /* design days, urgency and priority from the customer orders it is pegged to */
        S->urgent[q] = p->po_pegurg[q];
        S->prio[q] = p->po_pegprio[q];
        S->design[q] = ordo_sched_design(p, q);
    }
    p->po_op0[npo] = nop;
    p->nop = nop;
    p->op_po = malloc(((size_t)nop + 1) * sizeof *p->op_po);
    p->op_k = malloc(((size_t)nop + 1) * sizeof *p->op_k);
    p->op_res = malloc(((size_t)nop + 1) * sizeof *p->op_res);
    p->op_start = malloc(((size_t)nop + 1) * sizeof *p->op_start);
    p->op_end = malloc(((size_t)nop + 1) * sizeof *p->op_end);
    S->heap = malloc(((size_t)npo + 1) * sizeof *S->heap);
    if (!p->op_po || !p->op_k || !p->op_res || !p->op_start || !p->op_end || !S->heap) return -1;
    S->main = 1; /* the first pass writes the plan itself */
    S->op_res = p->op_res, S->op_start = p->op_start, S->op_end = p->op_end, S->avail = p->po_avail_t;
    /* dependencies between planned orders, and their reverse */
    for (int32_t q = 0; q < npo; q++)
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++)
            if (p->dep_sup[j] >= 0) S->rdep_start[p->dep_sup[j] + 1]++;
    for (int32_t q = 0; q < npo; q++) S->rdep_start[q + 1] += S->rdep_start[q];
    S->rdep = malloc(((size_t)S->rdep_start[npo] + 1) * sizeof *S->rdep);
    int32_t *fill = malloc(((size_t)npo + 1) * sizeof *fill);
    if (!S->rdep || !fill) {
        free(fill);
        return -1;
    }
    memcpy(fill, S->rdep_start, (size_t)npo * sizeof *fill);
    for (int32_t q = 0; q < npo; q++)
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++)
            if (p->dep_sup[j] >= 0) S->rdep[fill[p->dep_sup[j]]++] = q;
    free(fill);
    /* resource units */
    for (int32_t r = 0; r < m->nres; r++) S->unit0[r + 1] = S->unit0[r] + m->res_units[r];
    S->units = calloc((size_t)S->unit0[m->nres] + 1, sizeof *S->units);
    return S->units ? 0 : -1;
}

/* A fixed block [s, e) on the first unit of resource r where it is free. */
static void block(sched *S, int32_t r, int64_t s, int64_t e)
{
    for (int32_t u = S->unit0[r]; u < S->unit0[r + 1]; u++) {
        unit *U = &S->units[u];
        int32_t at = 0, hi = U->n;
        while (at < hi) { /* the first busy interval ending after s */
            int32_t mid = at + (hi - at) / 2;
            if (U->v[mid].e <= s) at = mid + 1;
            else hi = mid;
        }
        if (at < U->n && U->v[at].s < e) continue; /* overlaps a block already there */
        if (insert_busy(U, at, s, e)) S->oom = 1;
        return;
    }
}

/* The fixed operations of planned order q (sched.h) where they are; those that run as blocks
** on their resource are listed into run[*nrun] (blocked later, by start). */
static void place_pins(sched *S, int32_t q, int32_t *run, int32_t *nrun)
{
    struct ordo_plan *p = S->p;
    int32_t n = sched_has_routing(S, p->po_item[q]) ? ordo_sched_npin(p, q) : 0;
    for (int32_t k = 0; k < n; k++) {
        int32_t res, o = p->po_op0[q] + k;
        int64_t s, e;
        int done;
        ordo_sched_pin(p, q, k, &res, &s, &e, &done);
        S->op_res[o] = res, S->op_start[o] = s, S->op_end[o] = e;
        if (p->op_ot && S->main) /* a fixed operation that works overtime keeps it */
            p->op_ot[o] = p->op_fix_ot && p->op_fix_res && p->op_fix_res[o] >= 0 && p->op_fix_ot[o];
        if (!done && !S->infinite) run[(*nrun)++] = o;
    }
}

typedef struct pin_at { int64_t s; int32_t o; } pin_at;

static int cmp_pin(const void *x, const void *y)
{
    const pin_at *a = x, *b = y;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->o < b->o ? -1 : a->o > b->o;
}

/* Every fixed operation where it is, blocked on the units of its resource in order of start:
** first fit by start never needs more units than the operations overlap (interval
** partitioning), so fixed operations that fit their resource always find a unit. */
static void place_all_pins(sched *S)
{
    struct ordo_plan *p = S->p;
    int32_t *run = malloc(((size_t)p->nop + 1) * sizeof *run), nrun = 0;
    pin_at *key = malloc(((size_t)p->nop + 1) * sizeof *key);
    if (!run || !key) {
        free(run), free(key);
        S->oom = 1;
        return;
    }
    for (int32_t q = 0; q < p->npo; q++) place_pins(S, q, run, &nrun);
    for (int32_t k = 0; k < nrun; k++) key[k] = (pin_at){S->op_start[run[k]], run[k]};
    qsort(key, (size_t)nrun, sizeof *key, cmp_pin);
    for (int32_t k = 0; k < nrun; k++) block(S, S->op_res[key[k].o], key[k].s, S->op_end[key[k].o]);
    free(run), free(key);
}

/* Clear everything one constructive pass changes. */
static void reset_run(sched *S)
{
    struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    for (int32_t o = 0; o < p->nop; o++) S->op_start[o] = S->op_end[o] = T_NEVER, S->op_res[o] = -1;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t item = p->po_item[q];
        S->avail[q] = T_NEVER;
        S->pending[q] = 0;
        S->work_left[q] = 0;
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) S->pending[q] += p->dep_sup[j] >= 0;
        if (sched_has_routing(S, item))
            for (int32_t k = m->rout_start[item]; k < m->rout_start[item + 1]; k++) {
                S->work_left[q] += ordo_sched_work(m, m->op_alt_start[k], p->po_qty[q]);
                int32_t o = p->po_op0[q] + (k - m->rout_start[item]); /* set when never placed too */
                if (S->main) p->op_po[o] = q, p->op_k[o] = k;
            }
    }
    for (int32_t u = 0; u < S->unit0[m->nres]; u++) S->units[u].n = 0;
    S->nheap = 0;
    if (S->main && p->op_fix_ot && !p->op_ot) { /* fixed operations that work overtime */
        int any = 0;
        for (int32_t o = 0; o < p->nop && !any; o++) any = p->op_fix_res[o] >= 0 && p->op_fix_ot[o];
        if (any && !(p->op_ot = calloc((size_t)p->nop + 1, 1))) S->oom = 1;
    }
    if (S->main && p->op_fix_ot && p->op_ot) memset(p->op_ot, 0, (size_t)p->nop); /* set again for the pins */
    if (m->npr > 0 || p->op_fix_res)
        place_all_pins(S);
}

/* An incremental re-plan's kept orders (op_fix_*) whose material is not there by their first
** kept start in the pass just made -- a supply that now ends later, a need left uncovered --
** or whose design days are not over lose their fixed operations (all of them, with all: the
** last resort after 64 passes, which leaves only the base's sequence as hints): how many, to
** pass again. */
static int32_t unpin_unready(sched *S, int all)
{
    struct ordo_plan *p = S->p;
    int32_t n = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t o = p->po_op0[q];
        if (o == p->po_op0[q + 1] || p->op_fix_res[o] < 0 || !p->op_fix_soft || !p->op_fix_soft[o]) continue;
        int64_t start = p->op_fix_s[o]; /* a need left uncovered: material_time is T_NEVER */
        if (!all && sched_material_time(S, q) <= start && S->design[q] <= start) continue;
        for (; o < p->po_op0[q + 1]; o++) p->op_fix_res[o] = -1, p->op_fix_soft[o] = 0;
        n++;
    }
    return n;
}

/* One constructive pass: every planned order as soon as its material allows. */
void sched_pass(sched *S)
{
    struct ordo_plan *p = S->p;
    reset_run(S);
    /* The orders ready at the start are marked first (-1): an order readied while the loop
    ** runs (its last supplier done before it in index order, as a lot added after its
    ** components is) must not be readied twice. */
    for (int32_t q = 0; q < p->npo; q++)
        if (S->pending[q] == 0) S->pending[q] = -1;
    for (int32_t q = 0; q < p->npo; q++)
        if (S->pending[q] == -1) S->pending[q] = 0, order_ready(S, q);
    int64_t placed = 0;
    while (S->nheap > 0 && !S->oom) {
        place_op(S, heap_pop(S));
        if ((++placed & 0xffff) == 0 && S->main)
            ordo_progress(p, "schedule", (double)placed / (double)(p->nop ? p->nop : 1));
    }
    if (placed > 0xffff && S->main) ordo_progress(p, "schedule", 1.0); /* close the bar */
}

/* ---- results ---------------------------------------------------------------------------------- */

void ordo_sched_results(struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    for (int32_t o = 0; o < m->nord; o++) {
        int32_t v = p->npo + o;
        int64_t t = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
        if (p->dep_short[v]) t = T_NEVER;
        for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1] && t != T_NEVER; j++) {
            int32_t s = p->dep_sup[j];
            int64_t a = s >= 0 ? p->po_avail_t[s] : ordo_stock_time(m, s);
            if (a > t) t = a;
        }
        int64_t due = ordo_due_time(m, o);
        if (t == T_NEVER) {
            p->ord_completion[o] = INT64_MIN;
            p->ord_lateness[o] = 0;
            p->ord_status[o] = ORDO_ST_UNPLANNED;
            continue;
        }
        p->ord_completion[o] = t;
        double late = t > due ? (double)(t - due) / ORDO_MIN_PER_DAY : 0;
        p->ord_lateness[o] = late;
        p->ord_status[o] = late > 0 ? ORDO_ST_LATE : ORDO_ST_ON_TIME;
    }
    int64_t last = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    for (int32_t o = 0; o < p->nop; o++)
        if (p->op_end[o] != T_NEVER && p->op_end[o] > last) last = p->op_end[o];
    p->makespan_minutes = p->nop ? last - (int64_t)m->h_start * ORDO_MIN_PER_DAY : 0;
}

int ordo_sched_never(const struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    if (p->mrp_only || !p->op_start) return 0;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t o0 = p->po_op0[q], o1 = p->po_op0[q + 1];
        if (o0 == o1 || p->op_start[o1 - 1] != T_NEVER) continue; /* no routing, or all scheduled */
        if (p->op_start[o0] != T_NEVER) return 1; /* stopped on the way */
        if (p->dep_short[q]) continue;
        int64_t t = 0; /* the first is not scheduled: is its material there? */
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1] && t != T_NEVER; j++) {
            int32_t s = p->dep_sup[j];
            int64_t a = s >= 0 ? p->po_avail_t[s] : ordo_stock_time(m, s);
            if (a > t) t = a;
        }
        if (t != T_NEVER) return 1;
    }
    return 0;
}

int ordo_sched_starts(const struct ordo_plan *p)
{
    int64_t nop = 0;
    for (int32_t q = 0; q < p->npo; q++) nop += p->model->rout_start[p->po_item[q] + 1] - p->model->rout_start[p->po_item[q]];
    int starts = nop > 0 ? (int)(200000 / nop) : 1;
    return starts > 64 ? 64 : starts < 1 ? 1 : starts;
}

const ordo_cal *ordo_sched_op_cal(const struct ordo_plan *p, int32_t o, ordo_cal *tmp)
{
    const ordo_model *m = p->model;
    const ordo_cal *cal = ordo_model_cal(m, m->res_cal[p->op_res[o]]);
    if (!p->op_ot || !p->op_ot[o]) return cal;
    ordo_cal_with_overtime(cal, tmp);
    return tmp;
}

int64_t ordo_sched_design(const struct ordo_plan *p, int32_t q)
{
    const ordo_model *m = p->model;
    int32_t dd = p->po_pegdd[q], i = p->po_item[q], fence = ordo_model_fence_day(m, i);
    int64_t t = (int64_t)ordo_cal_offset_fwd(ordo_model_cal(m, m->item_cal[i]), m->h_start, dd) * ORDO_MIN_PER_DAY;
    if (fence != INT32_MIN && !(p->po_prod && p->po_prod[q] >= 0) && (int64_t)fence * ORDO_MIN_PER_DAY > t)
        t = (int64_t)fence * ORDO_MIN_PER_DAY; /* nothing new starts inside the planning fence */
    return t;
}

/* The load table: per resource and calendar day of the horizon, available minutes (units
** x working minutes) and loaded minutes. */
/* Whether operation o is a started production order's done operation. */
static int op_done(const struct ordo_plan *p, int32_t o)
{
    if (p->model->npr == 0 || !p->po_prod) return 0;
    int32_t q = p->op_po[o], res;
    int64_t s, e;
    int done = 0;
    return ordo_sched_pin(p, q, o - p->po_op0[q], &res, &s, &e, &done) && done;
}

int ordo_sched_load_table(struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    free(p->load_res), free(p->load_day), free(p->load_avail), free(p->load_used); /* a table before */
    p->load_res = p->load_day = NULL, p->load_avail = p->load_used = NULL, p->nload = 0;
    int32_t d0 = m->h_start, d1 = m->h_end;
    int64_t ndays = (int64_t)d1 - d0 + 1;
    if (m->nres == 0 || p->nop == 0) return 0;
    if (ndays * m->nres > 200000000) ndays = 200000000 / m->nres; /* bound the table */
    size_t cells = (size_t)ndays * (size_t)m->nres;
    int64_t *used = calloc(cells, sizeof *used);
    if (!used) return -1;
    for (int32_t o = 0; o < p->nop; o++) {
        if (p->op_end[o] == T_NEVER || op_done(p, o)) continue; /* a done operation loads nothing */
        int32_t r = p->op_res[o];
        ordo_cal ot;
        const ordo_cal *cal = ordo_sched_op_cal(p, o, &ot); /* overtime minutes load the day too */
        int64_t s = p->op_start[o], e = p->op_end[o];
        int32_t first = (int32_t)ordo_floordiv(s, ORDO_MIN_PER_DAY);
        if (first < d0) first = d0;
        for (int32_t d = first; (int64_t)d * ORDO_MIN_PER_DAY < e; d++) {
            if (d - d0 >= ndays) break;
            int64_t a = (int64_t)d * ORDO_MIN_PER_DAY, b = a + ORDO_MIN_PER_DAY;
            used[(size_t)r * (size_t)ndays + (size_t)(d - d0)] +=
                ordo_cal_minutes_between(cal, s > a ? s : a, e < b ? e : b);
        }
    }
    int32_t n = 0;
    for (int32_t r = 0; r < m->nres; r++) {
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
        for (int64_t d = 0; d < ndays; d++) {
            int64_t a = (d0 + d) * ORDO_MIN_PER_DAY;
            int64_t av = ordo_cal_minutes_between(cal, a, a + ORDO_MIN_PER_DAY) * m->res_units[r];
            if (av > 0 || used[(size_t)r * (size_t)ndays + (size_t)d] > 0) n++;
        }
    }
    p->load_res = malloc(((size_t)n + 1) * sizeof *p->load_res);
    p->load_day = malloc(((size_t)n + 1) * sizeof *p->load_day);
    p->load_avail = malloc(((size_t)n + 1) * sizeof *p->load_avail);
    p->load_used = malloc(((size_t)n + 1) * sizeof *p->load_used);
    if (!p->load_res || !p->load_day || !p->load_avail || !p->load_used) {
        free(used);
        return -1;
    }
    n = 0;
    for (int32_t r = 0; r < m->nres; r++) {
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
        for (int64_t d = 0; d < ndays; d++) {
            int64_t a = (d0 + d) * ORDO_MIN_PER_DAY;
            int64_t av = ordo_cal_minutes_between(cal, a, a + ORDO_MIN_PER_DAY) * m->res_units[r];
            int64_t u = used[(size_t)r * (size_t)ndays + (size_t)d];
            if (av <= 0 && u <= 0) continue;
            p->load_res[n] = r;
            p->load_day[n] = (int32_t)(d0 + d);
            p->load_avail[n] = av;
            p->load_used[n] = u;
            n++;
        }
    }
    p->nload = n;
    free(used);
    return 0;
}

static void sched_free(sched *S)
{
    free_units(S);
    free(S->unit0);
    free(S->heap);
    free(S->pending);
    free(S->rdep_start);
    free(S->rdep);
    free(S->design);
    free(S->urgent);
    free(S->prio);
    free(S->work_left);
    free(S->lf);
    free(S->rest);
    free(S->ot_win);
    free(S->cal_ot);
    free(S->need);
}


int sched_pcost_less(pcost x, pcost y)
{
    if (x.a < y.a - 1e-9) return 1;
    if (x.a > y.a + 1e-9) return 0;
    return x.b < y.b - 1e-9;
}

/* The objective of a pass from the pass's own arrays, with the arithmetic of
** ordo_sched_results(): makespan {minutes, 0}; tardiness {weighted lateness, 0}; service
** {late orders weighted by penalty, weighted lateness} (penalty per day 1 where none). */
pcost sched_pass_objective(const sched *S)
{
    const struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    int64_t h0 = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    if (m->objective == ORDO_OBJ_MAKESPAN) {
        int64_t last = h0;
        for (int32_t o = 0; o < p->nop; o++)
            if (S->op_end[o] != T_NEVER && S->op_end[o] > last) last = S->op_end[o];
        return (pcost){(double)(p->nop ? last - h0 : 0), 0};
    }
    double t = 0, n = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t c = sched_material_time(S, p->npo + o);
        int64_t due = ordo_due_time(m, o);
        double w = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
        if (c == T_NEVER || c <= due) continue;
        t += (double)(c - due) / ORDO_MIN_PER_DAY * w;
        n += w;
    }
    return m->objective == ORDO_OBJ_SERVICE ? (pcost){n, t} : (pcost){t, 0};
}

/* A worker for constructive passes: shares the plan's read-only lists, owns what a pass
** changes. */
int sched_worker_init(sched *w, const sched *S)
{
    *w = *S;
    const struct ordo_plan *p = S->p;
    size_t npo = (size_t)p->npo + 1, nop = (size_t)p->nop + 1, nunit = (size_t)S->unit0[S->m->nres] + 1;
    w->main = 0, w->oom = 0;
    w->units = calloc(nunit, sizeof *w->units);
    w->heap = malloc(npo * sizeof *w->heap);
    w->pending = malloc(npo * sizeof *w->pending);
    w->work_left = malloc(npo * sizeof *w->work_left);
    w->op_res = malloc(nop * sizeof *w->op_res);
    w->op_start = malloc(nop * sizeof *w->op_start);
    w->op_end = malloc(nop * sizeof *w->op_end);
    w->avail = malloc(npo * sizeof *w->avail);
    return w->units && w->heap && w->pending && w->work_left && w->op_res && w->op_start && w->op_end && w->avail ? 0 : -1;
}

void sched_worker_free(sched *w)
{
    free_units(w);
    free(w->heap), free(w->pending), free(w->work_left);
    free(w->op_res), free(w->op_start), free(w->op_end), free(w->avail);
}

/* The best pass a thread has seen: its objective, pass number and arrays. */
typedef struct best_pass {
    pcost v;
    int k;
    int32_t *res;
    int64_t *st, *en, *av;
} best_pass;

/* Further constructive passes with seeded noise on the dispatch keys, in parallel: pass k
** depends on the seed and k only, and the best pass is the one of least objective, the
** earliest on ties, kept only when strictly better than the plain pass. So the result is
** the same for any thread count. */
static int multi_start(sched *S, int starts, uint64_t seed, int threads)
{
    struct ordo_plan *p = S->p;
    size_t nop = (size_t)p->nop, npo = (size_t)p->npo;
    pcost plain = sched_pass_objective(S);
    /* noise amplitude for makespan: about the mean operation's length */
    int64_t mean_work = 0;
    for (size_t o = 0; o < nop; o++) mean_work += S->op_end[o] != T_NEVER ? (S->op_end[o] - S->op_start[o]) : 0;
    mean_work = nop ? mean_work / (int64_t)nop : 1;
    int nt = threads > 0 ? threads : 1;
#ifdef _OPENMP
    if (threads <= 0) nt = omp_get_max_threads();
#endif
    if (nt > starts - 1) nt = starts - 1;
    sched *W = calloc((size_t)nt, sizeof *W);
    best_pass *B = calloc((size_t)nt, sizeof *B);
    int rc = W && B ? 0 : -1;
    for (int t = 0; t < nt && rc == 0; t++) {
        if (sched_worker_init(&W[t], S)) rc = -1;
        B[t].v = (pcost){(double)INFINITY, (double)INFINITY}, B[t].k = starts;
        B[t].res = malloc((nop + 1) * sizeof *B[t].res);
        B[t].st = malloc((nop + 1) * sizeof *B[t].st);
        B[t].en = malloc((nop + 1) * sizeof *B[t].en);
        B[t].av = malloc((npo + 1) * sizeof *B[t].av);
        if (!B[t].res || !B[t].st || !B[t].en || !B[t].av) rc = -1;
    }
    if (rc == 0) {
        int64_t noise_mk = 2 * mean_work + 1;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
        for (int k = 1; k < starts; k++) {
            int t = 0;
#ifdef _OPENMP
            t = omp_get_thread_num();
#endif
            sched *w = &W[t];
            if (w->oom) continue;
            w->rng = seed * 0x9e3779b97f4a7c15ull + (uint64_t)k;
            w->noise = w->m->objective == ORDO_OBJ_MAKESPAN ? noise_mk
                       : w->lf ? (1 + k % 7) * (ORDO_MIN_PER_DAY / 2) : 1 + k % 7;
            sched_pass(w);
            if (w->oom) continue;
            pcost v = sched_pass_objective(w);
            if (sched_pcost_less(v, B[t].v) || (!sched_pcost_less(B[t].v, v) && k < B[t].k)) {
                B[t].v = v, B[t].k = k;
                memcpy(B[t].res, w->op_res, nop * sizeof *B[t].res);
                memcpy(B[t].st, w->op_start, nop * sizeof *B[t].st);
                memcpy(B[t].en, w->op_end, nop * sizeof *B[t].en);
                memcpy(B[t].av, w->avail, npo * sizeof *B[t].av);
            }
        }
        int bt = -1;
        for (int t = 0; t < nt; t++) {
            if (W[t].oom) rc = -1;
            if (B[t].k < starts && (bt < 0 || sched_pcost_less(B[t].v, B[bt].v) ||
                                    (!sched_pcost_less(B[bt].v, B[t].v) && B[t].k < B[bt].k)))
                bt = t;
        }
        if (rc == 0 && bt >= 0 && sched_pcost_less(B[bt].v, plain)) { /* into the plan */
            memcpy(S->op_res, B[bt].res, nop * sizeof *B[bt].res);
            memcpy(S->op_start, B[bt].st, nop * sizeof *B[bt].st);
            memcpy(S->op_end, B[bt].en, nop * sizeof *B[bt].en);
            memcpy(S->avail, B[bt].av, npo * sizeof *B[bt].av);
        }
        ordo_sched_results(S->p);
    }
    for (int t = 0; t < nt; t++) {
        if (W) sched_worker_free(&W[t]);
        if (B) free(B[t].res), free(B[t].st), free(B[t].en), free(B[t].av);
    }
    free(W);
    free(B);
    return rc;
}

ordo_rc ordo_sched_construct(struct ordo_plan *p, int mrp_only, int starts, uint64_t seed, int threads)
{
    sched S;
    memset(&S, 0, sizeof S);
    S.p = p;
    S.mrp_only = mrp_only;
    S.m = p->model;
    S.threads = threads > 0 ? threads : 1;
#ifdef _OPENMP
    if (threads <= 0) S.threads = omp_get_max_threads();
#endif
    int rc = setup(&S);
    int64_t *target = NULL, *floor_t = NULL;
    if (rc == 0 && p->model->objective == ORDO_OBJ_SERVICE && !mrp_only && p->nop > 0) {
        target = malloc(((size_t)p->model->nord + 1) * sizeof *target);
        floor_t = malloc(((size_t)p->model->nord + 1) * sizeof *floor_t);
        rc = target && floor_t ? sched_service_prepare(&S, target, floor_t) : -1;
    }
    if (rc == 0) {
        sched_pass(&S);
        int k = 0; /* kept orders whose material now comes later are scheduled again */
        while (p->sched_once && p->op_fix_res && !S.oom && unpin_unready(&S, k == 64) > 0 && k++ <= 64) sched_pass(&S);
        if (S.lf && !S.oom && !p->sched_once) rc = sched_service_refine(&S, target, floor_t, sched_service_rounds(p));
        /* overtime and levels coordinated, each kept when the pass is better; the pass
        ** before them stays a start of the search too (run.c), which does not always end
        ** better from a better start */
        int more = rc == 0 && !S.oom && !p->sched_once && !p->op_fix_res && p->nop > 0;
        ordo_sched_copy *plain = more ? ordo_sched_copy_take(p) : NULL;
        pcost v0 = sched_pass_objective(&S);
        if (more && !plain) rc = -1;
        if (rc == 0 && more) rc = sched_overtime_refine(&S, target, floor_t);
        int64_t crounds = p->nop > 0 ? 3000000 / p->nop : 4; /* 4, fewer past 750,000 operations */
        if (rc == 0 && more && S.lf) rc = sched_coordinate(&S, target, floor_t, crounds > 4 ? 4 : crounds < 1 ? 1 : (int)crounds);
        if (rc == 0 && plain && (S.ot_win || sched_pcost_less(sched_pass_objective(&S), v0))) {
            ordo_sched_copy_free(p->sched_plain);
            p->sched_plain = plain, plain = NULL;
        }
        ordo_sched_copy_free(plain);
        ordo_sched_results(p);
        if (rc == 0 && !S.oom && starts > 1 && p->nop > 0 && !p->sched_once) rc = multi_start(&S, starts, seed, threads);
        if (rc == 0 && !S.oom) rc = sched_overtime_marks(&S);
        if (S.oom) rc = -1;
    }
    sched_free(&S);
    free(target), free(floor_t);
    return rc ? ORDO_ENOMEM : ORDO_OK;
}

ordo_sched_copy *ordo_sched_copy_take(const struct ordo_plan *p)
{
    size_t nop = (size_t)p->nop + 1, npo = (size_t)p->npo + 1;
    ordo_sched_copy *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    k->res = malloc(nop * sizeof *k->res), k->st = malloc(nop * sizeof *k->st);
    k->en = malloc(nop * sizeof *k->en), k->av = malloc(npo * sizeof *k->av);
    if (!k->res || !k->st || !k->en || !k->av) {
        ordo_sched_copy_free(k);
        return NULL;
    }
    memcpy(k->res, p->op_res, (nop - 1) * sizeof *k->res), memcpy(k->st, p->op_start, (nop - 1) * sizeof *k->st);
    memcpy(k->en, p->op_end, (nop - 1) * sizeof *k->en), memcpy(k->av, p->po_avail_t, (npo - 1) * sizeof *k->av);
    return k;
}

void ordo_sched_copy_put(struct ordo_plan *p, const ordo_sched_copy *k)
{
    size_t nop = (size_t)p->nop, npo = (size_t)p->npo;
    memcpy(p->op_res, k->res, nop * sizeof *k->res), memcpy(p->op_start, k->st, nop * sizeof *k->st);
    memcpy(p->op_end, k->en, nop * sizeof *k->en), memcpy(p->po_avail_t, k->av, npo * sizeof *k->av);
}

void ordo_sched_cost(const struct ordo_plan *p, double c[3])
{
    const ordo_model *m = p->model;
    c[0] = c[1] = 0, c[2] = (double)ordo_sched_overtime_minutes(p);
    if (m->objective == ORDO_OBJ_MAKESPAN) {
        c[0] = (double)p->makespan_minutes;
        return;
    }
    for (int32_t k = 0; k < m->nord; k++) {
        double w = m->or_penalty[k] > 0 ? m->or_penalty[k] : 1;
        if (p->ord_status[k] == ORDO_ST_ON_TIME) continue;
        c[0] += m->objective == ORDO_OBJ_SERVICE ? w : w * p->ord_lateness[k];
        c[1] += m->objective == ORDO_OBJ_SERVICE ? w * p->ord_lateness[k] : 0;
    }
}

int64_t ordo_sched_overtime_minutes(const struct ordo_plan *p)
{
    int64_t t = 0;
    if (!p->op_ot) return 0;
    for (int32_t o = 0; o < p->nop; o++) {
        if (!p->op_ot[o] || p->op_start[o] == T_NEVER) continue;
        const ordo_cal *cal = ordo_model_cal(p->model, p->model->res_cal[p->op_res[o]]);
        ordo_cal tmp;
        ordo_cal_with_overtime(cal, &tmp);
        t += ordo_cal_minutes_between(&tmp, p->op_start[o], p->op_end[o]) - ordo_cal_minutes_between(cal, p->op_start[o], p->op_end[o]);
    }
    return t;
}
