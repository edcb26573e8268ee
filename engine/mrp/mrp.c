/*
** mrp.c -- stage "MRP": level-by-level gross-to-net with lot sizing, pegging and
** exceptions. See mrp.h for the relations; SPEC section 3 for the rules.
**
** Complexity: O(N log N) in the number of needs, receipts and planned orders; the direct
** links (one per allocation) are linear in them. Every item's work reads only its parents' results (merged before its level starts)
** and writes only thread-local buffers, merged afterwards in item order.
*/
#include "mrp.h"

#include "alternates.h"
#include "bounds.h"
#include "calendar.h"
#include "lotsize.h"
#include "peg.h"
#include "sourcing.h"
#include "supply.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "mrp_int.h"
#include "netchange.h"


static double tol(double x) { return 1e-9 * (1.0 + fabs(x)); }

/* Round q up to a multiple of mult (mult > 0), forgiving representation error. */
static double round_up(double q, double mult)
{
    double k = ceil(q / mult - 1e-9);
    return k * mult;
}

static int need_less(const need *x, const need *y)
{
    if (x->day != y->day) return x->day < y->day;
    if (x->kind != y->kind) return x->kind < y->kind;
    return x->key < y->key;
}

/* Sort needs by (day, kind, key): insertion sort for short runs, quicksort (median of
** three) above. Dependent needs arrive as runs already sorted by day, which insertion
** sort finishes cheaply. Keys are unique, so the order is total and deterministic. */
static void sort_needs(need *a, size_t n)
{
    while (n > 24) {
        need *lo = a, *mid = a + n / 2, *hi = a + n - 1, t;
        if (need_less(mid, lo)) { t = *mid; *mid = *lo; *lo = t; }
        if (need_less(hi, mid)) { t = *hi; *hi = *mid; *mid = t; }
        if (need_less(mid, lo)) { t = *mid; *mid = *lo; *lo = t; }
        need pivot = *mid;
        size_t i = 0, j = n - 1;
        for (;;) {
            while (need_less(&a[i], &pivot)) i++;
            while (need_less(&pivot, &a[j])) j--;
            if (i >= j) break;
            t = a[i]; a[i] = a[j]; a[j] = t;
            i++;
            j--;
        }
        /* recurse into the smaller side, loop on the larger */
        if (j + 1 < n - j - 1) {
            sort_needs(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            sort_needs(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        need x = a[i];
        size_t j = i;
        while (j > 0 && need_less(&x, &a[j - 1])) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void *push(tlocal *t, ordo_vec *v)
{
    void *p = ordo_vec_push_raw(v);
    if (!p) t->oom = 1;
    return p;
}

/* ---- building the item's needs -------------------------------------------------------- */

/* Needs of item i: safety stock, backlog, customer orders, and dependent demand pulled from
** its parents' planned orders (make) and pass-through quantities (phantom). Sorted. */
static need *gather_needs(mrp *M, tlocal *t, int32_t i, int32_t *pn, const ordo_alt *A)
{
    const ordo_model *m = M->m;
    t->sort.len = 0;
    need *n;
    int phantom = m->item_src[i] == ORDO_SRC_PHANTOM;
    if (!phantom && m->item_safety[i] > 0 && (n = push(t, &t->sort))) {
        *n = (need){m->h_start, NK_SAFETY, 0, m->item_safety[i], SRC_SAFETY};
    }
    if (m->item_on_hand[i] < 0 && (n = push(t, &t->sort))) {
        *n = (need){m->h_start, NK_BACKLOG, 0, -m->item_on_hand[i], SRC_NONE};
    }
    for (int32_t k = M->co_start[i]; k < M->co_start[i + 1]; k++) {
        int32_t o = M->co_idx[k];
        int32_t day = m->or_due[o] < m->h_start ? m->h_start : m->or_due[o];
        if ((n = push(t, &t->sort))) *n = (need){day, NK_ORDER, M->co_rank[o], m->or_qty[o], SRC_ORDER(o)};
    }
    const struct ordo_plan *P = M->p;
    const flow_rec *fl = M->flow.data;
    for (int32_t k = M->par_start[i]; k < M->par_start[i + 1]; k++) {
        int32_t line = M->par_line[k], par = M->line_parent[line];
        if (m->bom_group && m->bom_group[line] >= 0) continue; /* the group's share comes from A */
        double per = m->bom_qty[line] * (1.0 + m->bom_scrap[line]);
        int32_t from = m->bom_from[line], to = m->bom_to[line];
        if (m->item_src[par] == ORDO_SRC_MAKE) {
            for (int32_t q = M->item_po0[par]; q < M->item_po0[par] + M->item_npo[par]; q++) {
                int32_t day = P->po_release[q];
                if (day < from || day >= to) continue;
                if (P->po_prod && P->po_prod[q] >= 0 && m->pr_status[P->po_prod[q]] == ORDO_PR_STARTED)
                    continue; /* its components are issued */
                if ((n = push(t, &t->sort))) *n = (need){day, NK_DEPENDENT, q, P->po_qty[q] * per, q};
            }
        } else if (m->item_src[par] == ORDO_SRC_PHANTOM) {
            for (int32_t f = M->item_flow0[par]; f < M->item_flow0[par] + M->item_nflow[par]; f++) {
                int32_t day = fl[f].day;
                if (day < from || day >= to) continue;
                if ((n = push(t, &t->sort)))
                    *n = (need){day, NK_DEPENDENT, (int64_t)1 << 40 | f, fl[f].qty * per, fl[f].src};
            }
        }
    }
    int32_t ntk = 0;
    const ordo_alt_take *tk = A ? ordo_alt_takes(A, i, &ntk) : NULL;
    for (int32_t k = 0; k < ntk; k++)
        if ((n = push(t, &t->sort))) *n = (need){tk[k].day, tk[k].stock ? NK_ALT_STOCK : NK_DEPENDENT, tk[k].key, tk[k].qty, tk[k].src};
    sort_needs(t->sort.data, t->sort.len);
    *pn = (int32_t)t->sort.len;
    return t->sort.data;
}

/* ---- exceptions --------------------------------------------------------------------------- */
static void add_exc(tlocal *t, int kind, int ref_kind, int32_t item, int32_t ref, int32_t day, int32_t day2, double qty)
{
    ordo_exception *e = push(t, &t->exc);
    if (e) *e = (ordo_exception){(uint8_t)kind, (uint8_t)ref_kind, item, ref, day, day2, qty};
}

/* The open supplies of an item for the messages, in date order: receipts (by date, id), and
** production orders after the receipts of their date. */
typedef struct supply_it { int32_t r, r1, p, p1; } supply_it;

/* The next supply: its day, good quantity, reference kind and index; 0 when none is left. */
static int next_supply(const mrp *M, supply_it *it, int32_t *day, double *q, int *rk, int32_t *ref)
{
    const ordo_model *m = M->m;
    int32_t rday = it->r < it->r1 ? M->rc_day[it->r] : DAY_INF;
    int32_t pday = it->p < it->p1 ? m->pr_due[M->pr_idx[it->p]] : DAY_INF;
    if (it->r == it->r1 && it->p == it->p1) return 0;
    if (it->r < it->r1 && rday <= pday) {
        *ref = M->rc_idx[it->r++], *day = rday, *q = m->rc_qty[*ref], *rk = ORDO_REF_RECEIPT;
    } else {
        int32_t pr = M->pr_idx[it->p++];
        *ref = pr, *day = pday, *q = m->pr_qty[pr] * m->item_yield[m->pr_item[pr]], *rk = ORDO_REF_PROD;
    }
    return 1;
}

/* Needs from need k on (left of need k still open) dated up to the horizon's end. */
static double needs_left(const ordo_model *m, const need *nd, int32_t nn, int32_t k, double left)
{
    double x = 0;
    for (int32_t j = k; j < nn && nd[j].day <= m->h_end; j++) x += j == k ? left : nd[j].qty;
    return x;
}

/* The action messages on quantity (model->actions): a supply that serves less than its
** quantity q0 beyond the tolerance is to decrease to what it serves; the last supply of the
** item, when needs in the horizon are left after it beyond the tolerance, is to increase. */
static void quantity_messages(mrp *M, tlocal *t, int32_t i, int rk, int32_t ref, int32_t day, double q0, double served,
                              double after)
{
    double tol_q = q0 * M->m->act_pct / 100.0;
    if (served > tol(q0) && q0 - served > tol_q + tol(q0))
        add_exc(t, ORDO_EXC_DECREASE, rk, i, ref, day, day, served);
    if (after > tol_q + tol(q0)) add_exc(t, ORDO_EXC_INCREASE, rk, i, ref, day, day, q0 + after);
}

/* cancel / expedite: needs first-need-first against on hand, then receipts (and production
** orders) by date, ignoring dates (SPEC section 3); with model->actions, reschedule_out,
** increase and decrease too. */
static void receipt_messages(mrp *M, tlocal *t, int32_t i, const need *nd, int32_t nn)
{
    const ordo_model *m = M->m;
    supply_it it = {M->rc_start[i], M->rc_start[i + 1], M->pr_start ? M->pr_start[i] : 0, M->pr_start ? M->pr_start[i + 1] : 0};
    if (it.r == it.r1 && it.p == it.p1) return;
    double stock = m->item_on_hand[i] > 0 ? m->item_on_hand[i] : 0;
    int32_t k = 0;
    double left = nn ? nd[0].qty : 0;
    /* on hand first */
    while (k < nn && stock > tol(stock)) {
        double a = left < stock ? left : stock;
        stock -= a;
        left -= a;
        if (left <= tol(nd[k].qty) && ++k < nn) left = nd[k].qty;
    }
    int32_t rday, ref;
    double q;
    int rk;
    while (next_supply(M, &it, &rday, &q, &rk, &ref)) {
        double q0 = q;
        if (k >= nn) {
            add_exc(t, ORDO_EXC_CANCEL, rk, i, ref, rday, rday, q);
            continue;
        }
        if (nd[k].day < rday) add_exc(t, ORDO_EXC_EXPEDITE, rk, i, ref, nd[k].day, rday, q);
        else if (m->actions && nd[k].day - rday > m->act_days && !(rk == ORDO_REF_PROD && m->pr_status[ref] == ORDO_PR_STARTED))
            add_exc(t, ORDO_EXC_RESCHEDULE_OUT, rk, i, ref, nd[k].day, rday, q);
        while (k < nn && q > tol(q)) {
            double a = left < q ? left : q;
            q -= a;
            left -= a;
            if (left <= tol(nd[k].qty) && ++k < nn) left = nd[k].qty;
        }
        int last = it.r == it.r1 && it.p == it.p1;
        if (m->actions && !(rk == ORDO_REF_PROD && m->pr_status[ref] == ORDO_PR_STARTED)) /* committed */
            quantity_messages(M, t, i, rk, ref, rday, q0, q0 - q, last && k < nn ? needs_left(m, nd, nn, k, left) : 0);
    }
}

/* ---- netting -------------------------------------------------------------------------------- */

typedef struct netstate {
    mrp *M;
    tlocal *t;
    int32_t item;
    double pa;         /* PA' = projected available above safety stock */
    size_t fifo_head;
    const int32_t *order_day; /* ww, sm: the days the cost rule orders on, increasing */
    int32_t norder_day;
    int32_t pi, pi1;   /* the item's production orders not yet among the supplies: [pi, pi1) of pr_idx */
} netstate;

static void fifo_push(netstate *s, int32_t sup, double q)
{
    fifo_ent *f = push(s->t, &s->t->fifo);
    if (f) *f = (fifo_ent){sup, q};
    s->pa += q;
}

/* The dependency-list node of a need's peg source, or -1 (safety stock, backlog) = none. */
static int has_node(int32_t src) { return src >= 0 || SRC_IS_ORDER(src); }
static int32_t node_of(int32_t src) { return src >= 0 ? src : NODE_ORDER(SRC_ORDER_IDX(src)); }

static void add_edge(tlocal *t, int32_t src, int32_t sup)
{
    if (!has_node(src)) return;
    edge_rec *r = push(t, &t->alloc);
    if (r) *r = (edge_rec){node_of(src), sup};
}

/* Record that supply sup (a local planned order, on hand or a receipt) serves a units of the
** need with peg source src. */
static void add_link(netstate *s, int32_t sup, int32_t src, double a)
{
    if (sup >= 0) {
        lnk_rec *r = push(s->t, &s->t->lnk);
        if (r) *r = (lnk_rec){sup, src, a};
    } else {
        slnk_rec *r = push(s->t, &s->t->slnk);
        if (r) *r = (slnk_rec){s->item, sup, src, a};
    }
}

/* Allocate q units of a need with peg source src from the FIFO head. */
static void allocate(netstate *s, int32_t src, double q)
{
    tlocal *t = s->t;
    fifo_ent *f = t->fifo.data;
    while (q > tol(q) && s->fifo_head < t->fifo.len) {
        fifo_ent *h = &f[s->fifo_head];
        double a = q < h->left ? q : h->left;
        if (a > 0) {
            add_edge(t, src, h->sup);
            add_link(s, h->sup, src, a);
            h->left -= a;
            q -= a;
        }
        if (h->left <= tol(a)) s->fifo_head++;
        f = t->fifo.data;
    }
}

/* Allocate q units of an alternative's share of a group need (alternates.h) from the stock
** and receipts in the FIFO, passing over planned orders: the share never exceeds the stock
** its own needs leave, so the parent waits for stock, never for the alternative's orders. */
static void allocate_stock(netstate *s, int32_t src, double q)
{
    fifo_ent *f = s->t->fifo.data;
    for (size_t j = s->fifo_head; q > tol(q) && j < s->t->fifo.len; j++) {
        if (f[j].sup >= 0 || !(f[j].left > 0)) continue;
        double a = q < f[j].left ? q : f[j].left;
        add_edge(s->t, src, f[j].sup);
        add_link(s, f[j].sup, src, a);
        f[j].left -= a;
        q -= a;
    }
    if (q > tol(q)) allocate(s, src, q); /* rounding: whatever comes first */
    while (s->fifo_head < s->t->fifo.len && f[s->fifo_head].left <= tol(f[s->fifo_head].left)) s->fifo_head++;
}

/* A new planned order of the item due on day, released on rel (moved: its release fell before
** the horizon start), qty units of which good are good, from supplier sup (-1: none), that is
** production order prod (-1: the MRP's own); it joins the supplies. */
static void push_order(netstate *s, int32_t day, double qty, double good, int32_t sup, int32_t rel, uint8_t moved,
                       int32_t prod)
{
    const ordo_model *m = s->M->m;
    int32_t i = s->item;
    po_rec *p = push(s->t, &s->t->po);
    if (!p) return;
    *p = (po_rec){i, day, rel, moved, qty, good, sup, prod};
    int32_t lpo = (int32_t)s->t->po.len - 1;
    if (prod < 0 || m->pr_status[prod] == ORDO_PR_FIRM) { /* released and started ones are */
        if (moved) add_exc(s->t, ORDO_EXC_RELEASE_PAST_DUE, ORDO_REF_PLANNED, i, lpo, day, rel, qty);
        else if (m->actions && rel == m->h_start) add_exc(s->t, ORDO_EXC_RELEASE_NOW, ORDO_REF_PLANNED, i, lpo, day, rel, qty);
    }
    fifo_push(s, lpo, good);
}

/* A new planned order of the item due on day on its own lead time (no supplier). */
static void new_po(netstate *s, int32_t day, double qty, double good, int32_t prod)
{
    const ordo_model *m = s->M->m;
    int32_t rel = ordo_sup_release(m, s->item, -1, day);
    uint8_t moved = rel < m->h_start;
    push_order(s, day, qty, good, -1, moved ? m->h_start : rel, moved, prod);
}

/* A lot of g good units for a need on day: due that day, or at the item's planning time
** fence when the day is inside it (inside_fence); one planned order, or one per supplier
** part (sourcing.h) for an item with suppliers. */
static void plan_order(netstate *s, int32_t day, double g)
{
    const ordo_model *m = s->M->m;
    int32_t i = s->item, need_day = day, fence = ordo_model_fence_day(m, i);
    if (day < fence) day = fence;
    if (m->nsup && m->sup_start[i + 1] > m->sup_start[i]) {
        ordo_sup_part part[ORDO_MAX_SUPPLIERS];
        int32_t n = ordo_mrp_supply_parts(m, i, day, g, part);
        for (int32_t k = 0; k < n; k++)
            push_order(s, day, part[k].good / m->item_yield[i], part[k].good, part[k].sup, part[k].release, part[k].moved, -1);
    } else {
        new_po(s, day, g / m->item_yield[i], g, -1);
    }
    if (day != need_day)
        add_exc(s->t, ORDO_EXC_INSIDE_FENCE, ORDO_REF_PLANNED, i, (int32_t)s->t->po.len - 1, need_day, day, g);
}

/* The first day after day that the item's cost rule orders on (DAY_INF: none). */
static int32_t next_order_day(const netstate *s, int32_t day)
{
    int32_t lo = 0, hi = s->norder_day;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (s->order_day[mid] <= day) lo = mid + 1;
        else hi = mid;
    }
    return lo < s->norder_day ? s->order_day[lo] : DAY_INF;
}

/* Lot sizing for a deficit (PA' < 0) on the day of the needs before need k: the rule, then
** min, then multiple; foq makes ceil(deficit / Q) orders of Q; poq looks ahead over its
** window from need k and receipt ri on. */
static void size_lots(netstate *s, const need *nd, int32_t nn, int32_t k, int32_t ri)
{
    mrp *M = s->M;
    const ordo_model *m = M->m;
    int32_t i = s->item, day = nd[k - 1].day;
    double q = -s->pa, each;
    int rule = m->lot_rule[i];
    if (rule == ORDO_LOT_POQ || rule == ORDO_LOT_WW || rule == ORDO_LOT_SM) {
        /* The window [day, end): poq's holds exactly `periods` working days; ww's and sm's
        ** ends on the next day their plan orders on. Needs after the horizon are never
        ** planned. Cover the lowest PA' inside it. */
        const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
        int32_t end = rule == ORDO_LOT_POQ ? ordo_cal_offset_fwd(cal, day, m->lot_periods[i]) : next_order_day(s, day);
        if (end > m->h_end + 1) end = m->h_end + 1;
        double x = s->pa, low = x;
        int32_t j = k, r = ri, r1 = M->rc_start[i + 1], pi = s->pi;
        for (;;) {
            int32_t nday = j < nn ? nd[j].day : DAY_INF, rday = r < r1 ? M->rc_day[r] : DAY_INF;
            int32_t pday = pi < s->pi1 ? m->pr_due[M->pr_idx[pi]] : DAY_INF;
            if (pday <= nday && pday < end && pday < rday) {
                x += m->pr_qty[M->pr_idx[pi]] * m->item_yield[i];
                pi++;
            } else if (rday <= nday && rday < end) {
                x += m->rc_qty[M->rc_idx[r++]];
            } else if (nday < end) {
                x -= nd[j++].qty;
                if (x < low) low = x;
            } else {
                break;
            }
        }
        q = -low;
    }
    double n = ordo_mrp_lots(m, i, q, &each);
    for (double c = 0; c < n; c++) plan_order(s, day, each);
}

double ordo_mrp_lots(const ordo_model *m, int32_t i, double net, double *each)
{
    double mn = m->lot_min[i], mult = m->lot_mult[i];
    if (m->lot_rule[i] == ORDO_LOT_FOQ) {
        double Q = m->lot_qty[i];
        if (Q < mn) Q = mn;
        if (mult > 0) Q = round_up(Q, mult);
        double n = ceil(net / Q - 1e-9);
        if (n > ORDO_MAX_LOTS) { /* bounded: fewer lots, each a multiple of Q */
            Q = round_up(net / ORDO_MAX_LOTS, Q);
            n = ceil(net / Q - 1e-9);
        }
        *each = Q;
        return n;
    }
    if (net < mn) net = mn;
    if (mult > 0) net = round_up(net, mult);
    *each = net;
    return 1;
}

/* Record a need of item i: its uncovered part in the dependency lists, and the need itself
** for items with safety stock (their below_safety_stock check reads them). */
static void record_need(const mrp *M, tlocal *t, int32_t i, const need *n, double uncovered)
{
    if (uncovered > 0) add_edge(t, n->src, SUP_SHORT);
    if (!(M->m->item_safety[i] > 0)) return;
    need_rec *r = push(t, &t->need);
    if (r) *r = (need_rec){n->day, n->src, n->qty, uncovered};
}

/* A shortage of qty on need n of item i, referring to what the need is for. */
static void add_shortage(tlocal *t, int32_t i, const need *n, double qty)
{
    int rk = SRC_IS_ORDER(n->src) ? ORDO_REF_ORDER : n->src >= 0 ? ORDO_REF_PLANNED : ORDO_REF_NONE;
    int32_t ref = SRC_IS_ORDER(n->src) ? SRC_ORDER_IDX(n->src) : n->src;
    add_exc(t, ORDO_EXC_SHORTAGE, (uint8_t)rk, i, ref, n->day, n->day, qty);
}

/* Start netting item i: on-hand stock is the first supply; *ri is its first receipt. */
static netstate start_netting(mrp *M, tlocal *t, int32_t i, int32_t *ri)
{
    netstate s = {M, t, i, 0, 0, NULL, 0, 0, 0};
    if (M->pr_start) s.pi = M->pr_start[i], s.pi1 = M->pr_start[i + 1];
    t->fifo.len = 0;
    if (M->m->item_on_hand[i] > 0) fifo_push(&s, SUP_ONHAND, M->m->item_on_hand[i]);
    *ri = M->rc_start[i];
    return s;
}

/* The item's receipts dated up to day join the supplies, in (date, id) order. */
static void receive_until(netstate *s, int32_t *ri, int32_t day)
{
    const mrp *M = s->M;
    int32_t r1 = M->rc_start[s->item + 1];
    while (*ri < r1 && M->rc_day[*ri] <= day) {
        int32_t rc = M->rc_idx[(*ri)++];
        fifo_push(s, SUP_RCPT(rc), M->m->rc_qty[rc]);
    }
    const ordo_model *m = M->m;
    while (s->pi < s->pi1 && m->pr_due[M->pr_idx[s->pi]] <= day) { /* production orders: planned orders kept as they are */
        int32_t pr = M->pr_idx[s->pi++];
        new_po(s, m->pr_due[pr], m->pr_qty[pr], m->pr_qty[pr] * m->item_yield[s->item], pr);
    }
}

/* The item's net requirements per day up to the horizon's end before any planned order
** (lotsize.h) into day[] and nr[] (room for nn); returns how many days have one. */
static int32_t net_requirements(const mrp *M, int32_t i, const need *nd, int32_t nn, int32_t *day, double *nr)
{
    const ordo_model *m = M->m;
    double x = m->item_on_hand[i] > 0 ? m->item_on_hand[i] : 0, lack = 0;
    int32_t r = M->rc_start[i], r1 = M->rc_start[i + 1], n = 0;
    int32_t pi = M->pr_start ? M->pr_start[i] : 0, pi1 = M->pr_start ? M->pr_start[i + 1] : 0;
    for (int32_t k = 0, k2; k < nn && nd[k].day <= m->h_end; k = k2) {
        double sum = 0;
        for (k2 = k; k2 < nn && nd[k2].day == nd[k].day; k2++) sum += nd[k2].qty;
        while (r < r1 && M->rc_day[r] <= nd[k].day) x += m->rc_qty[M->rc_idx[r++]];
        while (pi < pi1 && m->pr_due[M->pr_idx[pi]] <= nd[k].day) x += m->pr_qty[M->pr_idx[pi++]] * m->item_yield[i];
        x -= sum;
        if (-x > lack + tol(sum)) day[n] = nd[k].day, nr[n++] = -x - lack, lack = -x;
    }
    return n;
}

/* The days a ww or sm item orders on, into a new array *days (to free) of *n; 0, or -1 out
** of memory. */
static int cost_rule_days(const mrp *M, int32_t i, const need *nd, int32_t nn, int32_t **days, int32_t *n)
{
    const ordo_model *m = M->m;
    size_t cap = (size_t)nn + 1;
    int32_t *day = malloc(cap * sizeof *day), *from = malloc((cap + 1) * sizeof *from);
    double *nr = malloc(cap * sizeof *nr), *f = malloc((cap + 1) * sizeof *f);
    uint8_t *order = malloc(cap);
    int rc = day && from && nr && f && order ? 0 : -1;
    *n = 0;
    if (rc == 0) {
        int32_t k = net_requirements(M, i, nd, nn, day, nr), w = 0;
        if (m->lot_rule[i] == ORDO_LOT_WW) ordo_lot_ww(day, nr, k, m->lot_setup[i], m->lot_hold[i], f, from, order);
        else ordo_lot_sm(day, nr, k, m->lot_setup[i], m->lot_hold[i], order);
        for (int32_t j = 0; j < k; j++)
            if (order[j]) day[w++] = day[j];
        *n = w;
    }
    free(from), free(nr), free(f), free(order);
    *days = rc == 0 ? day : (free(day), NULL);
    return rc;
}

/* Net a make or buy item, one day bucket at a time: the day's needs together decide the
** net requirement, lot sizing covers it with orders due that day, then the day's needs are
** allocated in their order (which is the pegging). */
static void net_item(mrp *M, tlocal *t, int32_t i, const need *nd, int32_t nn)
{
    const ordo_model *m = M->m;
    int32_t ri, *order_day = NULL;
    netstate s = start_netting(M, t, i, &ri);
    if ((m->lot_rule[i] == ORDO_LOT_WW || m->lot_rule[i] == ORDO_LOT_SM) &&
        cost_rule_days(M, i, nd, nn, &order_day, &s.norder_day)) {
        t->oom = 1;
        return;
    }
    s.order_day = order_day;
    for (int32_t k = 0, k2; k < nn; k = k2) {
        int32_t day = nd[k].day;
        double sum = 0;
        for (k2 = k; k2 < nn && nd[k2].day == day; k2++) sum += nd[k2].qty;
        receive_until(&s, &ri, day);
        double before = s.pa;
        s.pa -= sum;
        int short_day = s.pa < -tol(sum) && (day > m->h_end || !(-s.pa <= ORDO_MAX_NET)); /* beyond: not planned */
        if (s.pa < -tol(sum) && !short_day) size_lots(&s, nd, nn, k2, ri);
        if (short_day) s.pa = 0; /* needs after the horizon are not planned: no gap carried */
        double avail = before > 0 ? before : 0;
        for (int32_t j = k; j < k2; j++) {
            const need *n = &nd[j];
            double uncovered = 0;
            if (short_day) {
                double take = n->qty < avail ? n->qty : avail;
                avail -= take;
                uncovered = n->qty - take;
                if (uncovered > tol(n->qty)) {
                    add_shortage(t, i, n, uncovered);
                } else {
                    uncovered = 0;
                }
            }
            record_need(M, t, i, n, uncovered);
            if (n->kind == NK_ALT_STOCK) allocate_stock(&s, n->src, n->qty - uncovered);
            else allocate(&s, n->src, n->qty - uncovered);
        }
    }
    receive_until(&s, &ri, DAY_INF); /* production orders after the last need are planned orders too */
    free(order_day);
}

/* Net a phantom: its own stock and receipts only; the rest passes to its components on
** the same day (SPEC: safety stock, lot rule, yield, lead and inspection ignored). */
static void net_phantom(mrp *M, tlocal *t, int32_t i, const need *nd, int32_t nn)
{
    const ordo_model *m = M->m;
    int32_t ri;
    netstate s = start_netting(M, t, i, &ri);
    int has_children = m->bom_start[i + 1] > m->bom_start[i];
    for (int32_t k = 0; k < nn; k++) {
        const need *n = &nd[k];
        receive_until(&s, &ri, n->day);
        double take = s.pa < n->qty ? (s.pa > 0 ? s.pa : 0) : n->qty;
        double rest = n->qty - take, uncovered = 0;
        s.pa -= take;
        if (rest > tol(n->qty)) {
            if (n->day > m->h_end || !has_children) {
                uncovered = rest;
                add_shortage(t, i, n, rest);
            } else {
                flow_rec *f = push(t, &t->flow);
                if (f) *f = (flow_rec){n->day, n->src, rest};
            }
        }
        record_need(M, t, i, n, uncovered);
        allocate(&s, n->src, take);
    }
}

/* Plan item i into thread buffers t, recording where its results are in *out; A: the shares
** of its cluster's group needs (NULL for an item in none). */
static void plan_item(mrp *M, tlocal *t, int32_t i, item_out *out, const ordo_alt *A)
{
    /* after a failed allocation the level is abandoned (and not merged): the rest of its
    ** items return at once instead of retrying allocations that will fail again */
    if (t->oom) return;
    out->po0 = (int32_t)t->po.len;
    out->lnk0 = t->lnk.len;
    out->slnk0 = t->slnk.len;
    out->need0 = (int32_t)t->need.len;
    out->alloc0 = (int32_t)t->alloc.len;
    out->flow0 = (int32_t)t->flow.len;
    out->exc0 = (int32_t)t->exc.len;
    out->hash = 0, out->kept = 0;
    int32_t nn;
    const need *nd = gather_needs(M, t, i, &nn, A);
    if (M->nc && !A) { /* net-change: the base's results when nothing the item reads changed */
        out->hash = ordo_nc_hash(M->nc, M, i, nd, nn);
        out->kept = (uint8_t)ordo_nc_replay(M->nc, M, t, i, out->hash);
    }
    if (!out->kept) {
        receipt_messages(M, t, i, nd, nn);
        if (M->m->item_src[i] == ORDO_SRC_PHANTOM)
            net_phantom(M, t, i, nd, nn);
        else
            net_item(M, t, i, nd, nn);
    }
    out->npo = (int32_t)t->po.len - out->po0;
    out->nlnk = t->lnk.len - out->lnk0;
    out->nslnk = t->slnk.len - out->slnk0;
    out->nneed = (int32_t)t->need.len - out->need0;
    out->nalloc = (int32_t)t->alloc.len - out->alloc0;
    out->nflow = (int32_t)t->flow.len - out->flow0;
    out->nexc = (int32_t)t->exc.len - out->exc0;
}

/* The parent demands of group g (its parent's planned orders or pass-through). */
static void group_demands(mrp *M, ordo_alt *A, int32_t g, int32_t par)
{
    const ordo_model *m = M->m;
    const struct ordo_plan *P = M->p;
    const flow_rec *fl = M->flow.data;
    if (m->item_src[par] == ORDO_SRC_MAKE)
        for (int32_t q = M->item_po0[par]; q < M->item_po0[par] + M->item_npo[par]; q++)
            ordo_alt_demand(A, g, P->po_release[q], q, q, P->po_qty[q]);
    else if (m->item_src[par] == ORDO_SRC_PHANTOM)
        for (int32_t f = M->item_flow0[par]; f < M->item_flow0[par] + M->item_nflow[par]; f++)
            ordo_alt_demand(A, g, fl[f].day, (int64_t)1 << 40 | f, fl[f].src, fl[f].qty);
}

/* Plan the cluster whose first item is lead (alternates.h): profile every member's
** existing supply against its own needs, share the group needs, then net each member in
** item order with its shares. */
static void plan_cluster(mrp *M, tlocal *t, int32_t lead, item_out *out, int tid)
{
    const ordo_model *m = M->m;
    ordo_alt *A = &t->alt;
    if (t->oom) return;
    for (int32_t x = lead; x >= 0; x = M->alt_next[x]) {
        int32_t nn;
        ordo_alt_member(A, x, x == lead);
        const need *nd = gather_needs(M, t, x, &nn, NULL);
        if (m->item_on_hand[x] > 0) ordo_alt_event(A, x, m->h_start, m->item_on_hand[x]);
        for (int32_t r = M->rc_start[x]; r < M->rc_start[x + 1]; r++) ordo_alt_event(A, x, M->rc_day[r], m->rc_qty[M->rc_idx[r]]);
        for (int32_t j = 0; j < nn; j++) ordo_alt_event(A, x, nd[j].day, -nd[j].qty);
    }
    for (int32_t x = lead; x >= 0; x = M->alt_next[x])
        for (int32_t k = M->par_start[x]; k < M->par_start[x + 1]; k++) {
            int32_t line = M->par_line[k], g = m->bom_group[line];
            if (g >= 0 && line == m->grp_line[m->grp_start[g]]) group_demands(M, A, g, M->line_parent[line]);
        }
    ordo_alt_allocate(A);
    if (A->oom) t->oom = 1;
    for (int32_t x = lead; x >= 0; x = M->alt_next[x]) {
        out[M->lv_pos[x]].tid = tid;
        plan_item(M, t, x, &out[M->lv_pos[x]], A);
    }
    ordo_alt_end(A);
}

/* ---- merging a level's results in item order --------------------------------------------- */

/* memcpy that accepts empty (possibly NULL) ranges. */
static void copy(void *dst, const void *src, size_t n)
{
    if (n) memcpy(dst, src, n);
}

/* Copy item i's results from its thread's buffers to their global places (o->g*), turning
** local planned order and need indices into global ones. Items write disjoint ranges. */
static void merge_item(mrp *M, const tlocal *t, int32_t i, const item_out *o)
{
    int32_t gpo = o->gpo, gneed = o->gneed;
    struct ordo_plan *P = M->p;
    const po_rec *lp = o->npo ? (const po_rec *)t->po.data + o->po0 : NULL;
    for (int32_t q = 0; q < o->npo; q++) {
        P->po_item[gpo + q] = lp[q].item;
        P->po_qty[gpo + q] = lp[q].qty;
        P->po_good[gpo + q] = lp[q].good;
        P->po_due[gpo + q] = lp[q].due;
        P->po_release[gpo + q] = lp[q].release;
        P->po_moved[gpo + q] = lp[q].moved;
        if (P->po_sup) P->po_sup[gpo + q] = lp[q].sup;
        if (P->po_prod) P->po_prod[gpo + q] = lp[q].prod;
    }
    /* links, grouped by planned order in increasing order (supplies are consumed
    ** first-in-first-out); a parent planned order's index is global already */
    const lnk_rec *lk = o->nlnk ? (const lnk_rec *)t->lnk.data + o->lnk0 : NULL;
    size_t k = 0;
    for (int32_t q = 0; q < o->npo; q++) {
        P->lnk_start[gpo + q] = o->glnk + (int64_t)k;
        for (; k < o->nlnk && lk[k].po == o->po0 + q; k++) {
            P->lnk_need[o->glnk + (int64_t)k] = lk[k].need;
            P->lnk_qty[o->glnk + (int64_t)k] = lk[k].qty;
        }
    }
    const slnk_rec *sk = o->nslnk ? (const slnk_rec *)t->slnk.data + o->slnk0 : NULL;
    for (size_t j = 0; j < o->nslnk; j++) {
        P->slnk_item[o->gslnk + (int64_t)j] = sk[j].item;
        P->slnk_sup[o->gslnk + (int64_t)j] = sk[j].sup;
        P->slnk_need[o->gslnk + (int64_t)j] = sk[j].need;
        P->slnk_qty[o->gslnk + (int64_t)j] = sk[j].qty;
    }
    M->item_po0[i] = gpo;
    M->item_npo[i] = o->npo;
    if (o->nneed) /* never an offset on a vector that has no data yet */
        copy((need_rec *)M->need.data + gneed, (const need_rec *)t->need.data + o->need0, (size_t)o->nneed * sizeof(need_rec));
    M->item_need0[i] = gneed;
    M->item_nneed[i] = o->nneed;
    const edge_rec *al = o->nalloc ? (const edge_rec *)t->alloc.data + o->alloc0 : NULL;
    edge_rec *ga = o->nalloc ? (edge_rec *)M->alloc.data + o->galloc : NULL;
    for (int32_t a = 0; a < o->nalloc; a++) {
        ga[a] = al[a];
        if (al[a].sup >= 0) ga[a].sup = gpo + (al[a].sup - o->po0);
    }
    M->item_flow0[i] = o->gflow;
    M->item_nflow[i] = o->nflow;
    if (o->nflow)
        copy((flow_rec *)M->flow.data + o->gflow, (const flow_rec *)t->flow.data + o->flow0, (size_t)o->nflow * sizeof(flow_rec));
    const ordo_exception *ex = o->nexc ? (const ordo_exception *)t->exc.data + o->exc0 : NULL;
    ordo_exception *ge = o->nexc ? (ordo_exception *)M->exc.data + o->gexc : NULL;
    for (int32_t e = 0; e < o->nexc; e++) {
        ge[e] = ex[e];
        if (ex[e].ref_kind == ORDO_REF_PLANNED && (ex[e].kind == ORDO_EXC_RELEASE_PAST_DUE || ex[e].kind == ORDO_EXC_INSIDE_FENCE ||
                                                  ex[e].kind == ORDO_EXC_RELEASE_NOW))
            ge[e].ref = gpo + (ex[e].ref - o->po0);
    }
}

/* realloc that keeps the old block when it fails. */
static int regrow(void *pp, size_t n, size_t size)
{
    void *q = realloc(*(void **)pp, n * size);
    if (!q) return -1;
    *(void **)pp = q;
    return 0;
}

/* The capacity for n entries when `done` of `total` items are planned: what the items so far
** make, extrapolated to all items (an eighth more, 8n at most), at least double the old
** capacity, so that the arrays move a few times at most (each move copies them and touches
** new pages). */
static size_t new_cap(size_t old, size_t n, size_t lo, int32_t done, int32_t total)
{
    size_t cap = old ? old * 2 : lo;
    if (done > 0 && done < total) {
        double est = (double)n * ((double)total / (double)done) * 1.125;
        if (est > 8.0 * (double)n) est = 8.0 * (double)n;
        if (est > (double)cap) cap = (size_t)est;
    }
    while (cap < n) cap *= 2;
    return cap;
}

/* Make room in the plan for npo planned orders, nlnk links and nslnk stock links, when done
** of the model's items are planned. */
static int grow_plan(mrp *M, size_t npo, size_t nlnk, size_t nslnk, int32_t done)
{
    struct ordo_plan *P = M->p;
    int32_t total = M->m->nitem;
    if (npo + 2 > M->po_cap) {
        size_t cap = new_cap(M->po_cap, npo + 2, 1024, done, total);
        if (regrow(&P->po_item, cap, sizeof *P->po_item) || regrow(&P->po_qty, cap, sizeof *P->po_qty) ||
            regrow(&P->po_good, cap, sizeof *P->po_good) || regrow(&P->po_due, cap, sizeof *P->po_due) ||
            regrow(&P->po_release, cap, sizeof *P->po_release) || regrow(&P->po_avail, cap, sizeof *P->po_avail) ||
            regrow(&P->po_moved, cap, sizeof *P->po_moved) || regrow(&P->lnk_start, cap, sizeof *P->lnk_start) ||
            (M->m->nsup && regrow(&P->po_sup, cap, sizeof *P->po_sup)) ||
            (M->m->npr > 0 && regrow(&P->po_prod, cap, sizeof *P->po_prod)))
            return -1;
        M->po_cap = cap;
    }
    if (nlnk + 1 > M->lnk_cap) {
        size_t cap = new_cap(M->lnk_cap, nlnk + 1, 4096, done, total);
        if (regrow(&P->lnk_need, cap, sizeof *P->lnk_need) || regrow(&P->lnk_qty, cap, sizeof *P->lnk_qty)) return -1;
        M->lnk_cap = cap;
    }
    if (nslnk + 1 > M->slnk_cap) {
        size_t cap = new_cap(M->slnk_cap, nslnk + 1, 1024, done, total);
        if (regrow(&P->slnk_item, cap, sizeof *P->slnk_item) || regrow(&P->slnk_sup, cap, sizeof *P->slnk_sup) ||
            regrow(&P->slnk_need, cap, sizeof *P->slnk_need) || regrow(&P->slnk_qty, cap, sizeof *P->slnk_qty))
            return -1;
        M->slnk_cap = cap;
    }
    return 0;
}

/* Give every item of a level its global places, in item order, and make room for them.
** Returns -1 when out of memory. */
static int place_level(mrp *M, item_out *out, int32_t a, int32_t b)
{
    struct ordo_plan *P = M->p;
    size_t po = (size_t)P->npo, lnk = (size_t)P->nlnk, slnk = (size_t)P->nslnk, nd = M->need.len, alloc = M->alloc.len;
    M->lv_edge0[M->m->item_llc[M->lv_items[a]]] = (int32_t)alloc;
    size_t flow = M->flow.len, exc = M->exc.len;
    for (int32_t k = a; k < b; k++) {
        item_out *o = &out[k];
        o->gpo = (int32_t)po, o->glnk = (int64_t)lnk, o->gslnk = (int64_t)slnk, o->gneed = (int32_t)nd;
        o->galloc = (int32_t)alloc, o->gflow = (int32_t)flow, o->gexc = (int32_t)exc;
        po += (size_t)o->npo, lnk += o->nlnk, slnk += o->nslnk, nd += (size_t)o->nneed;
        alloc += (size_t)o->nalloc, flow += (size_t)o->nflow, exc += (size_t)o->nexc;
    }
    /* planned orders, needs and dependency edges are indexed by int32 */
    if (po > INT32_MAX - 2 || nd > INT32_MAX - 2 || alloc > INT32_MAX - 2 || flow > INT32_MAX - 2 || exc > INT32_MAX - 2) {
        M->too_big = 1;
        return -1;
    }
    /* +1: never NULL, even when empty */
    int32_t ni = M->m->nitem;
    if (grow_plan(M, po, lnk, slnk, b) || ordo_vec_reserve(&M->need, nd + 1) ||
        (alloc + 1 > M->alloc.cap && ordo_vec_reserve(&M->alloc, new_cap(M->alloc.cap, alloc + 1, 4096, b, ni))) || ordo_vec_reserve(&M->flow, flow + 1) ||
        ordo_vec_reserve(&M->exc, exc + 1))
        return -1;
    P->npo = (int32_t)po, P->nlnk = (int64_t)lnk, P->nslnk = (int64_t)slnk;
    M->need.len = nd, M->alloc.len = alloc, M->flow.len = flow, M->exc.len = exc;
    P->lnk_start[po] = (int64_t)lnk;
    return 0;
}

/* ---- indexes built once ------------------------------------------------------------------------ */

typedef struct sort_key { int64_t a; int64_t b; int32_t idx; } sort_key;

static int cmp_key(const void *x, const void *y)
{
    const sort_key *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

typedef struct str_ref { const char *s; int32_t idx; } str_ref;
static int cmp_str_ref(const void *x, const void *y)
{
    const str_ref *p = x, *q = y;
    int c = strcmp(p->s, q->s);
    return c ? c : (p->idx > q->idx) - (p->idx < q->idx);
}

/* Ranks of strings (sids) by byte order, so that ids sort by a single integer. */
static int32_t *string_ranks(const ordo_model *m, const int32_t *sid, int32_t n)
{
    str_ref *v = malloc(((size_t)n + 1) * sizeof *v);
    int32_t *rank = malloc(((size_t)n + 1) * sizeof *rank);
    if (!v || !rank) {
        free(v);
        free(rank);
        return NULL;
    }
    for (int32_t k = 0; k < n; k++) v[k] = (str_ref){ordo_str(&m->names, sid[k]), k};
    qsort(v, (size_t)n, sizeof *v, cmp_str_ref);
    for (int32_t k = 0; k < n; k++) rank[v[k].idx] = k;
    free(v);
    return rank;
}

/* CSR of idx[0..n) grouped by key[idx] in [0, nkeys), keeping the given order. */
static int32_t *csr_by(const int32_t *key_of, const int32_t *order, int32_t n, int32_t nkeys, int32_t **pidx)
{
    int32_t *start = calloc((size_t)nkeys + 2, sizeof *start);
    int32_t *idx = malloc(((size_t)n + 1) * sizeof *idx);
    int32_t *fill = malloc(((size_t)nkeys + 1) * sizeof *fill);
    if (!start || !idx || !fill) {
        free(start);
        free(idx);
        free(fill);
        return NULL;
    }
    for (int32_t k = 0; k < n; k++) start[key_of[order ? order[k] : k] + 1]++;
    for (int32_t k = 0; k < nkeys; k++) start[k + 1] += start[k];
    memcpy(fill, start, (size_t)nkeys * sizeof *fill);
    for (int32_t k = 0; k < n; k++) {
        int32_t e = order ? order[k] : k;
        idx[fill[key_of[e]]++] = e;
    }
    free(fill);
    *pidx = idx;
    return start;
}

typedef struct prio_key { double prio; int32_t id_rank, idx; } prio_key;
static int cmp_prio(const void *x, const void *y)
{
    const prio_key *p = x, *q = y;
    if (p->prio != q->prio) return p->prio > q->prio ? -1 : 1; /* higher priority first */
    return (p->id_rank > q->id_rank) - (p->id_rank < q->id_rank);
}

/* Production orders by item, by (due, id). 0, or -1 out of memory. */
static int prod_index(mrp *M)
{
    const ordo_model *m = M->m;
    int32_t *rank = string_ranks(m, m->pr_name, m->npr), *order = malloc(((size_t)m->npr + 1) * sizeof *order);
    sort_key *sk = malloc(((size_t)m->npr + 1) * sizeof *sk);
    int rc = rank && order && sk ? 0 : -1;
    if (rc == 0) {
        for (int32_t p = 0; p < m->npr; p++) sk[p] = (sort_key){m->pr_due[p], rank[p], p};
        qsort(sk, (size_t)m->npr, sizeof *sk, cmp_key);
        for (int32_t p = 0; p < m->npr; p++) order[p] = sk[p].idx;
        if (!(M->pr_start = csr_by(m->pr_item, order, m->npr, m->nitem, &M->pr_idx))) rc = -1;
    }
    free(rank), free(order), free(sk);
    return rc;
}

/* The clusters as lists in item order, and each item's place in its level. */
static int alt_indexes(mrp *M)
{
    const ordo_model *m = M->m;
    size_t ni = (size_t)m->nitem + 1;
    int32_t *tail = malloc(ni * sizeof *tail);
    M->alt_next = malloc(ni * sizeof *M->alt_next);
    M->lv_pos = malloc(ni * sizeof *M->lv_pos);
    if (!tail || !M->alt_next || !M->lv_pos) {
        free(tail);
        return -1;
    }
    for (int32_t k = 0; k < m->nitem; k++) M->lv_pos[M->lv_items[k]] = k;
    for (int32_t i = 0; i < m->nitem; i++) {
        int32_t r = m->item_alt_rep[i];
        M->alt_next[i] = -1;
        if (r != i) M->alt_next[tail[r]] = i;
        tail[r] = i;
    }
    free(tail);
    return 0;
}

static int build_indexes(mrp *M)
{
    const ordo_model *m = M->m;
    int32_t ni = m->nitem;
    /* receipts by item, by (date clamped to horizon.start, id) */
    int32_t *rrank = string_ranks(m, m->rc_name, m->nrcpt);
    sort_key *sk = malloc(((size_t)m->nrcpt + (size_t)m->nord + 1) * sizeof *sk);
    int32_t *order = malloc(((size_t)m->nrcpt + (size_t)m->nord + 1) * sizeof *order);
    if (!rrank || !sk || !order) goto oom;
    for (int32_t r = 0; r < m->nrcpt; r++) {
        int32_t d = m->rc_date[r] < m->h_start ? m->h_start : m->rc_date[r];
        sk[r] = (sort_key){d, rrank[r], r};
    }
    qsort(sk, (size_t)m->nrcpt, sizeof *sk, cmp_key);
    for (int32_t r = 0; r < m->nrcpt; r++) order[r] = sk[r].idx;
    if (!(M->rc_start = csr_by(m->rc_item, order, m->nrcpt, ni, &M->rc_idx))) goto oom;
    M->rc_day = malloc(((size_t)m->nrcpt + 1) * sizeof *M->rc_day);
    if (!M->rc_day) goto oom;
    for (int32_t k = 0; k < m->nrcpt; k++) {
        int32_t r = M->rc_idx[k];
        M->rc_day[k] = m->rc_date[r] < m->h_start ? m->h_start : m->rc_date[r];
    }
    if (m->npr > 0 && prod_index(M)) goto oom;
    /* customer orders: rank by (priority desc, id) */
    int32_t *orank = string_ranks(m, m->or_name, m->nord);
    prio_key *pk = malloc(((size_t)m->nord + 1) * sizeof *pk);
    M->co_rank = malloc(((size_t)m->nord + 1) * sizeof *M->co_rank);
    if (!orank || !pk || !M->co_rank) {
        free(orank);
        free(pk);
        goto oom;
    }
    for (int32_t o = 0; o < m->nord; o++) pk[o] = (prio_key){m->or_prio[o], orank[o], o};
    qsort(pk, (size_t)m->nord, sizeof *pk, cmp_prio);
    for (int32_t k = 0; k < m->nord; k++) M->co_rank[pk[k].idx] = k;
    free(orank);
    free(pk);
    if (!(M->co_start = csr_by(m->or_item, NULL, m->nord, ni, &M->co_idx))) goto oom;
    /* parents: BOM lines by component */
    M->line_parent = malloc(((size_t)m->nbom + 1) * sizeof *M->line_parent);
    if (!M->line_parent) goto oom;
    for (int32_t p = 0; p < ni; p++)
        for (int32_t k = m->bom_start[p]; k < m->bom_start[p + 1]; k++) M->line_parent[k] = p;
    if (!(M->par_start = csr_by(m->bom_child, NULL, m->nbom, ni, &M->par_line))) goto oom;
    /* levels */
    if (!(M->lv_start = csr_by(m->item_llc, NULL, ni, m->nlevels, &M->lv_items))) goto oom;
    if (!(M->lv_edge0 = calloc((size_t)m->nlevels + 2, sizeof *M->lv_edge0))) goto oom;
    if (m->ngroup && alt_indexes(M)) goto oom;
    free(rrank);
    free(sk);
    free(order);
    return 0;
oom:
    free(rrank);
    free(sk);
    free(order);
    return -1;
}

/* ---- availability, bottom-up ------------------------------------------------------------------ */

static int32_t max_day(int32_t a, int32_t b) { return a > b ? a : b; }

/* Day a supply is available (00:00), given the availability of planned orders so far. */
static int32_t supply_day(const mrp *M, int32_t s)
{
    const ordo_model *m = M->m;
    if (s >= 0) return M->p->po_avail[s];
    if (s == SUP_ONHAND) return m->h_start;
    return max_day(m->rc_date[SUP_RCPT_IDX(s)], m->h_start);
}

/* From the deepest level up: a planned order is available lead + inspection working days
** after it can start (its release, or when its components are there); customer orders
** complete when their supplies are there. A level's planned orders are dated in parallel;
** then the dependency edges that level made (its supplies, allocated to its needs) raise
** the readiness of the orders they serve, which all sit on higher levels. Fills
** p->po_avail and ready_cust. */
static int availability(mrp *M, int32_t *ready_cust, int nt)
{
    const ordo_model *m = M->m;
    struct ordo_plan *p = M->p;
    int32_t npo = p->npo;
    const edge_rec *ed = M->alloc.data;
    int32_t *ready = malloc(((size_t)npo + 1) * sizeof *ready);
    if (!ready) return -1;
    for (int32_t q = 0; q < npo; q++) ready[q] = DAY_NONE;
    for (int32_t o = 0; o < m->nord; o++) ready_cust[o] = DAY_NONE;
    for (int32_t L = m->nlevels - 1; L >= 0; L--) {
#pragma omp parallel for num_threads(nt) schedule(dynamic, 64)
        for (int32_t k = M->lv_start[L]; k < M->lv_start[L + 1]; k++) {
            int32_t i = M->lv_items[k];
            for (int32_t q = M->item_po0[i]; q < M->item_po0[i] + M->item_npo[i]; q++)
                p->po_avail[q] = ready[q] == DAY_INF ? DAY_INF
                                                     : ordo_sup_ready(m, i, ordo_po_sup(p, q), max_day(p->po_release[q], ready[q]));
        }
        for (int32_t e = M->lv_edge0[L]; e < M->lv_edge0[L + 1]; e++) {
            int32_t d = ed[e].sup == SUP_SHORT ? DAY_INF : supply_day(M, ed[e].sup);
            int32_t *slot = ed[e].node >= 0 ? &ready[ed[e].node] : &ready_cust[-1 - ed[e].node];
            *slot = max_day(*slot, d);
        }
    }
    free(ready);
    return 0;
}

/* Hand the dependency edges to the plan (the schedule builds its lists from them). */
static void export_edges(mrp *M)
{
    struct ordo_plan *p = M->p;
    p->nedge = (int32_t)M->alloc.len;
    p->edge = M->alloc.data; /* pairs (node, sup), see plan.h */
    ordo_vec_init(&M->alloc, sizeof(edge_rec));
}

typedef struct flow_ev { int32_t day; int32_t supply_first; double delta; } flow_ev;
static int cmp_flow_ev(const void *x, const void *y)
{
    const flow_ev *a = x, *b = y;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return (b->supply_first > a->supply_first) - (b->supply_first < a->supply_first);
}

/* The first day of the horizon on which item i's projected available, with planned orders
** arriving when they really can, is under its safety stock; *short gets by how much.
** Returns DAY_NONE when it never is. ev is scratch. */
static int32_t first_day_below(const mrp *M, int32_t i, ordo_vec *ev, double *short_by)
{
    const ordo_model *m = M->m;
    const struct ordo_plan *p = M->p;
    const need_rec *nd = M->need.data;
    double ss = m->item_safety[i];
    flow_ev *e;
    ev->len = 0;
#define ADD_EV(d, s, q) do { if (!(e = ordo_vec_push(ev))) return DAY_INF; *e = (flow_ev){d, s, q}; } while (0)
    ADD_EV(m->h_start, 1, m->item_on_hand[i] > 0 ? m->item_on_hand[i] : 0); /* negative: a backlog need below */
    for (int32_t r = M->rc_start[i]; r < M->rc_start[i + 1]; r++) ADD_EV(M->rc_day[r], 1, m->rc_qty[M->rc_idx[r]]);
    for (int32_t q = M->item_po0[i]; q < M->item_po0[i] + M->item_npo[i]; q++)
        if (p->po_avail[q] != DAY_INF) ADD_EV(max_day(p->po_avail[q], m->h_start), 1, p->po_good[q]);
    for (int32_t n = M->item_need0[i]; n < M->item_need0[i] + M->item_nneed[i]; n++)
        if (nd[n].src != SRC_SAFETY) ADD_EV(nd[n].day, 0, -(nd[n].qty - nd[n].uncovered));
#undef ADD_EV
    if (ev->len > 1) qsort(ev->data, ev->len, sizeof(flow_ev), cmp_flow_ev);
    const flow_ev *x = ev->data;
    double pa = 0;
    for (size_t j = 0; j < ev->len; j++) {
        pa += x[j].delta;
        int last_of_day = j + 1 == ev->len || x[j + 1].day != x[j].day;
        if (last_of_day && x[j].day <= m->h_end && pa < ss - tol(ss)) {
            *short_by = ss - pa;
            return x[j].day;
        }
    }
    return DAY_NONE;
}

/* below_safety_stock: items with safety stock whose projected available, with planned
** orders arriving when they really can, falls under it on some day of the horizon.
** Items are checked in parallel; the exceptions are added in level and item order. */
static int safety_check(mrp *M, int nt)
{
    const ordo_model *m = M->m;
    int32_t n = m->nitem;
    int32_t *day = malloc(((size_t)n + 1) * sizeof *day);
    double *by = malloc(((size_t)n + 1) * sizeof *by);
    int bad = !day || !by;
    if (!bad) { /* (an OpenMP if clause would still run the region, on one thread) */
#pragma omp parallel num_threads(nt)
        {
            ordo_vec ev;
            ordo_vec_init(&ev, sizeof(flow_ev));
#pragma omp for schedule(dynamic, 256)
            for (int32_t i = 0; i < n; i++) {
                day[i] = DAY_NONE;
                if (m->item_safety[i] > 0 && m->item_src[i] != ORDO_SRC_PHANTOM) day[i] = first_day_below(M, i, &ev, &by[i]);
            }
            ordo_vec_free(&ev);
        }
    }
    for (int32_t L = 0; !bad && L < m->nlevels; L++)
        for (int32_t k = M->lv_start[L]; !bad && k < M->lv_start[L + 1]; k++) {
            int32_t i = M->lv_items[k];
            if (day[i] == DAY_INF) bad = 1; /* out of memory */
            if (day[i] == DAY_NONE || bad) continue;
            ordo_exception *ex = ordo_vec_push(&M->exc);
            if (!ex) bad = 1;
            else *ex = (ordo_exception){ORDO_EXC_BELOW_SAFETY, ORDO_REF_NONE, i, -1, day[i], day[i], by[i]};
        }
    free(day);
    free(by);
    return bad ? -1 : 0;
}

/* ---- the stage ----------------------------------------------------------------------------------- */

static void tlocal_init(tlocal *t)
{
    memset(t, 0, sizeof *t);
    ordo_vec_init(&t->po, sizeof(po_rec));
    ordo_vec_init(&t->lnk, sizeof(lnk_rec));
    ordo_vec_init(&t->slnk, sizeof(slnk_rec));
    ordo_vec_init(&t->need, sizeof(need_rec));
    ordo_vec_init(&t->alloc, sizeof(edge_rec));
    ordo_vec_init(&t->flow, sizeof(flow_rec));
    ordo_vec_init(&t->exc, sizeof(ordo_exception));
    ordo_vec_init(&t->sort, sizeof(need));
    ordo_vec_init(&t->fifo, sizeof(fifo_ent));
}

static void tlocal_free(tlocal *t)
{
    ordo_vec *v[] = {&t->po, &t->lnk, &t->slnk, &t->need, &t->alloc, &t->flow, &t->exc, &t->sort, &t->fifo};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) ordo_vec_free(v[k]);
    ordo_alt_free(&t->alt);
}

static void tlocal_reset(tlocal *t)
{
    t->po.len = t->lnk.len = t->slnk.len = t->need.len = t->alloc.len = t->flow.len = t->exc.len = 0;
}

static void mrp_free(mrp *M)
{
    free(M->rc_start); free(M->rc_idx); free(M->rc_day); free(M->pr_start); free(M->pr_idx);
    free(M->co_start); free(M->co_idx); free(M->co_rank);
    free(M->par_start); free(M->par_line); free(M->line_parent);
    free(M->lv_start); free(M->lv_items); free(M->lv_edge0);
    free(M->alt_next); free(M->lv_pos);
    ordo_vec_free(&M->need);
    ordo_vec_free(&M->alloc); ordo_vec_free(&M->flow); ordo_vec_free(&M->exc);
    free(M->item_po0); free(M->item_npo); free(M->item_need0); free(M->item_nneed);
    free(M->item_flow0); free(M->item_nflow);
}

/* Net every level, merging each before the next starts. */
static int net_levels(mrp *M, int nt)
{
    const ordo_model *m = M->m;
    tlocal *tl = calloc((size_t)nt, sizeof *tl);
    item_out *out = malloc(((size_t)m->nitem + 1) * sizeof *out);
    int rc = tl && out ? 0 : -1;
    for (int k = 0; tl && k < nt; k++) tlocal_init(&tl[k]), ordo_alt_init(&tl[k].alt, m);
    for (int32_t L = 0; rc == 0 && L < m->nlevels; L++) {
        int32_t a = M->lv_start[L], b = M->lv_start[L + 1];
#pragma omp parallel for num_threads(nt) schedule(dynamic, 16)
        for (int32_t k = a; k < b; k++) {
            int tid = 0;
#ifdef _OPENMP
            tid = omp_get_thread_num();
#endif
            int32_t i = M->lv_items[k];
            if (M->alt_next && m->item_alt_rep[i] != i) continue; /* netted with its cluster's first item */
            out[k].tid = tid;
            if (M->alt_next && M->alt_next[i] >= 0) plan_cluster(M, &tl[tid], i, out, tid);
            else plan_item(M, &tl[tid], i, &out[k], NULL);
        }
        for (int t = 0; t < nt; t++) rc |= tl[t].oom ? -1 : 0;
        if (rc == 0 && place_level(M, out, a, b)) rc = -1;
        ordo_progress(M->p, "mrp", (double)b / (double)(m->nitem ? m->nitem : 1));
        if (rc == 0) {
#pragma omp parallel for num_threads(nt) schedule(dynamic, 64)
            for (int32_t k = a; k < b; k++) merge_item(M, &tl[out[k].tid], M->lv_items[k], &out[k]);
        }
        if (rc == 0 && M->nc) { /* net-change: keep each item's results, count the reused */
            int bad = 0;
#pragma omp parallel for num_threads(nt) schedule(dynamic, 64) reduction(| : bad)
            for (int32_t k = a; k < b; k++) bad |= ordo_nc_record(M->nc, M, &tl[out[k].tid], M->lv_items[k], &out[k], out[k].hash);
            for (int32_t k = a; k < b; k++) M->nc_kept += out[k].kept;
            if (bad) rc = -1;
        }
        for (int t = 0; t < nt; t++) tlocal_reset(&tl[t]);
    }
    M->lv_edge0[m->nlevels] = (int32_t)M->alloc.len;
    for (int k = 0; tl && k < nt; k++) tlocal_free(&tl[k]);
    free(tl);
    free(out);
    return rc;
}

/* Customer order results when completion follows from the MRP's availability. */
static int order_results(mrp *M, const int32_t *ready_cust)
{
    const ordo_model *m = M->m;
    struct ordo_plan *p = M->p;
    for (int32_t o = 0; o < m->nord; o++) {
        int32_t r = ready_cust[o];
        int32_t due = max_day(m->or_due[o], m->h_start);
        if (r == DAY_INF || r == DAY_NONE) {
            p->ord_completion[o] = INT64_MIN;
            p->ord_lateness[o] = 0;
            p->ord_status[o] = ORDO_ST_UNPLANNED;
            continue;
        }
        p->ord_completion[o] = (int64_t)r * 1440;
        double late = (double)(r - due);
        p->ord_lateness[o] = late > 0 ? late : 0;
        p->ord_status[o] = late > 0 ? ORDO_ST_LATE : ORDO_ST_ON_TIME;
    }
    return 0;
}

ordo_rc ordo_mrp_run(const ordo_model *m, struct ordo_plan *p, int threads)
{
    return ordo_mrp_run_nc(m, p, threads, NULL, 0);
}

ordo_rc ordo_mrp_run_nc(const ordo_model *m, struct ordo_plan *p, int threads, const ordo_ncmemo *base, int keep)
{
    mrp M;
    memset(&M, 0, sizeof M);
    M.m = m;
    M.p = p;
    ordo_vec_init(&M.need, sizeof(need_rec));
    ordo_vec_init(&M.alloc, sizeof(edge_rec));
    ordo_vec_init(&M.flow, sizeof(flow_rec));
    ordo_vec_init(&M.exc, sizeof(ordo_exception));
    int nt = threads;
#ifdef _OPENMP
    if (nt <= 0) nt = omp_get_max_threads();
#else
    nt = 1;
#endif
    if (nt < 1) nt = 1;
    p->threads = nt;
    size_t ni = (size_t)m->nitem + 1;
    int32_t **per_item[] = {&M.item_po0, &M.item_npo, &M.item_need0, &M.item_nneed, &M.item_flow0, &M.item_nflow};
    int rc = 0;
    for (size_t k = 0; k < sizeof per_item / sizeof per_item[0]; k++)
        if (!(*per_item[k] = calloc(ni, sizeof(int32_t)))) rc = -1;
    int32_t *ready_cust = malloc(((size_t)m->nord + 1) * sizeof *ready_cust);
    p->ord_completion = malloc(((size_t)m->nord + 1) * sizeof *p->ord_completion);
    p->ord_lateness = malloc(((size_t)m->nord + 1) * sizeof *p->ord_lateness);
    p->ord_status = malloc((size_t)m->nord + 1);
    if (!ready_cust || !p->ord_completion || !p->ord_lateness || !p->ord_status) rc = -1;
    if (rc == 0) rc = build_indexes(&M);
    if (rc == 0 && (base || keep) && !(M.nc = ordo_nc_begin(&M, base, keep))) rc = -1;
    if (rc == 0) rc = net_levels(&M, nt);
    if (rc == 0 && base && !ordo_nc_has_base(M.nc))
        snprintf(p->nc_why, sizeof p->nc_why, "the horizon or the action tolerances changed: every item netted");
    p->nc_kept = M.nc && base ? M.nc_kept : -1;
    p->nc_netted = m->nitem - (p->nc_kept > 0 ? p->nc_kept : 0);
    p->nc_memo = ordo_nc_end(M.nc);
    M.nc = NULL;
    if (rc == 0) rc = grow_plan(&M, (size_t)p->npo, (size_t)p->nlnk, (size_t)p->nslnk, m->nitem); /* arrays exist even when empty */
    if (rc == 0) p->lnk_start[p->npo] = p->nlnk;
    if (rc == 0) rc = ordo_peg_summarize(p);
    if (rc == 0) rc = availability(&M, ready_cust, nt);
    if (rc == 0) rc = safety_check(&M, nt);
    if (rc == 0) export_edges(&M);
    if (rc == 0) rc = order_results(&M, ready_cust);
    if (rc == 0) {
        p->nexc = (int32_t)M.exc.len;
        p->exc = M.exc.data; /* the plan takes the exception array */
        ordo_vec_init(&M.exc, sizeof(ordo_exception));
    }
    free(ready_cust);
    mrp_free(&M);
    return rc ? (M.too_big ? ORDO_EINPUT : ORDO_ENOMEM) : ORDO_OK;
}
