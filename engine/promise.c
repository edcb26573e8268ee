/*
** promise.c -- stage "promise": new demand on top of a frozen plan (see promise.h).
*/
#include "promise.h"

#include "calendar.h"
#include "dates.h"
#include "mrp.h"
#include "sched.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define T_NEVER INT64_MAX
#define T_OOM INT64_MIN

/* Free stock of one item: distinct instants and the suffix minimum of E after each. */
typedef struct prof {
    int32_t n;
    int64_t *t;
    double *sm;
    int32_t *sup; /* a supply available at t[k] (ORDO_SUP_* or a base planned order) */
} prof;

/* A phantom's pass-through to its components: need day, consumption instant, quantity. */
typedef struct flow { int32_t day; int64_t t; double qty; } flow;

/* Busy intervals of one resource unit in the base schedule, sorted and disjoint. */
typedef struct ulist {
    int32_t n;
    int64_t *s, *e;
} ulist;

struct ordo_promise_base {
    const ordo_model *m;
    const struct ordo_plan *p;
    int64_t h0;                          /* horizon start instant */
    int32_t *po_start, *po_idx;          /* base planned orders by item */
    int32_t *par_start, *par_line;       /* BOM lines by component */
    int32_t *line_par;                   /* parent of each BOM line */
    int32_t *co_start, *co_idx;          /* customer orders by item */
    int32_t *rc_start, *rc_idx;          /* receipts by item, by (date, index) */
    int32_t *rop_start, *rop;            /* base operations by resource */
    int32_t *unit0;                      /* [nres + 1] first unit of each resource */
    uint8_t *prof_ok, *flow_ok, *res_ok;
    prof *prof;                          /* [nitem] */
    flow **flows;                        /* [nitem] phantoms only */
    int32_t *nflow;
    ulist *units;                        /* [unit0[nres]] */
    double *ctaken;                      /* [nitem] stock taken by committed evaluations */
    ordo_cal *otcal;                     /* [nres] each resource's calendar with its overtime */
    int any_overtime;                    /* some resource may work overtime */
    ordo_vec cops;                       /* ordo_newop: their operations */
};

enum { N_NEED, N_STOCK, N_PO };

typedef struct taken_rec { int32_t item; double prev; } taken_rec; /* restored exactly on undo */

/* A node of an evaluation: a need of an item, what stock covers of it, or a new order. */
typedef struct node {
    uint8_t kind;
    int32_t item, po, crit; /* crit: the input node whose time decides this one, -1 none */
    int32_t parent;         /* the node this one supplies (N_NEED: the order or need it serves) */
    int32_t sup;            /* N_STOCK: the base supply that makes the stock free */
    double qty;
    int64_t avail, mat, design; /* N_PO (made): material and design instants */
} node;

struct ordo_promise_ctx {
    ordo_promise_base *B;
    ordo_vec nodes, pos, ops, tlog;    /* node, ordo_newpo, ordo_newop, take (undo log of taken) */
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

static double tol(double x) { return 1e-9 * (1.0 + fabs(x)); }
static int64_t day_t(int32_t d) { return (int64_t)d * ORDO_MIN_PER_DAY; }
static int32_t ceil_day(int64_t t) { return (int32_t)ordo_floordiv(t + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY); }

const char *ordo_bind_name(int binding)
{
    static const char *names[] = {"none", "stock", "material", "capacity", "design"};
    return binding >= 0 && binding <= ORDO_BIND_DESIGN ? names[binding] : "none";
}

/* ---- the base's indexes ----------------------------------------------------------------------- */

/* CSR of n things by key (key_of(x) in [0, nkeys) or < 0 for none), in index order. */
static int csr(int32_t nkeys, int32_t n, const int32_t *key, int32_t **pstart, int32_t **pidx)
{
    int32_t *start = calloc((size_t)nkeys + 2, sizeof *start), *idx = malloc(((size_t)n + 1) * sizeof *idx);
    int32_t *fill = malloc(((size_t)nkeys + 1) * sizeof *fill);
    if (!start || !idx || !fill) {
        free(start), free(idx), free(fill);
        return -1;
    }
    for (int32_t x = 0; x < n; x++)
        if (key[x] >= 0) start[key[x] + 1]++;
    for (int32_t k = 0; k < nkeys; k++) start[k + 1] += start[k];
    memcpy(fill, start, (size_t)nkeys * sizeof *fill);
    for (int32_t x = 0; x < n; x++)
        if (key[x] >= 0) idx[fill[key[x]]++] = x;
    free(fill);
    *pstart = start, *pidx = idx;
    return 0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Sort each item's receipts by (date, index). */
static int sort_receipts(ordo_promise_base *B)
{
    const ordo_model *m = B->m;
    uint64_t *key = malloc(((size_t)m->nrcpt + 1) * sizeof *key);
    if (!key) return -1;
    for (int32_t i = 0; i < m->nitem; i++) {
        int32_t a = B->rc_start[i], n = B->rc_start[i + 1] - a;
        if (n < 2) continue;
        for (int32_t k = 0; k < n; k++) {
            int32_t r = B->rc_idx[a + k];
            key[k] = (uint64_t)(uint32_t)((int64_t)m->rc_date[r] + ((int64_t)1 << 31)) << 32 | (uint32_t)r;
        }
        qsort(key, (size_t)n, sizeof *key, cmp_u64);
        for (int32_t k = 0; k < n; k++) B->rc_idx[a + k] = (int32_t)(uint32_t)key[k];
    }
    free(key);
    return 0;
}

ordo_promise_base *ordo_promise_base_new(const struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    ordo_promise_base *B = calloc(1, sizeof *B);
    if (!B) return NULL;
    B->m = m, B->p = p, B->h0 = day_t(m->h_start);
    int32_t *line_par = malloc(((size_t)m->nbom + 1) * sizeof *line_par);
    int bad = !line_par;
    if (!bad)
        for (int32_t i = 0; i < m->nitem; i++)
            for (int32_t l = m->bom_start[i]; l < m->bom_start[i + 1]; l++) line_par[l] = i;
    B->line_par = line_par;
    bad = bad || csr(m->nitem, p->npo, p->po_item, &B->po_start, &B->po_idx) ||
          csr(m->nitem, m->nbom, m->bom_child, &B->par_start, &B->par_line) ||
          csr(m->nitem, m->nord, m->or_item, &B->co_start, &B->co_idx) ||
          csr(m->nitem, m->nrcpt, m->rc_item, &B->rc_start, &B->rc_idx);
    B->unit0 = calloc((size_t)m->nres + 1, sizeof *B->unit0);
    B->prof_ok = calloc(2 * (size_t)m->nitem + 1, 1);
    B->flow_ok = calloc((size_t)m->nitem + 1, 1);
    B->res_ok = calloc((size_t)m->nres + 1, 1);
    B->prof = calloc(2 * (size_t)m->nitem + 1, sizeof *B->prof);
    B->flows = calloc((size_t)m->nitem + 1, sizeof *B->flows);
    B->nflow = calloc((size_t)m->nitem + 1, sizeof *B->nflow);
    B->ctaken = calloc((size_t)m->nitem + 1, sizeof *B->ctaken);
    B->otcal = malloc(((size_t)m->nres + 1) * sizeof *B->otcal);
    for (int32_t r = 0; B->otcal && r < m->nres; r++) {
        const ordo_cal *c0 = ordo_model_cal(m, m->res_cal[r]);
        ordo_cal_with_overtime(c0, &B->otcal[r]);
        B->any_overtime |= c0->overtime > 0;
    }
    ordo_vec_init(&B->cops, sizeof(ordo_newop));
    if (bad || !B->ctaken || !B->otcal || !B->unit0 || !B->prof_ok || !B->flow_ok || !B->res_ok || !B->prof || !B->flows || !B->nflow) {
        ordo_promise_base_free(B);
        return NULL;
    }
    for (int32_t r = 0; r < m->nres; r++) B->unit0[r + 1] = B->unit0[r] + m->res_units[r];
    B->units = calloc((size_t)B->unit0[m->nres] + 1, sizeof *B->units);
    if (!B->units || sort_receipts(B)) {
        ordo_promise_base_free(B);
        return NULL;
    }
    return B;
}

void ordo_promise_base_free(ordo_promise_base *B)
{
    if (!B) return;
    const ordo_model *m = B->m;
    if (B->prof)
        for (int64_t i = 0; i < 2 * (int64_t)m->nitem; i++) free(B->prof[i].t), free(B->prof[i].sm), free(B->prof[i].sup);
    free(B->ctaken);
    free(B->otcal);
    ordo_vec_free(&B->cops);
    if (B->flows)
        for (int32_t i = 0; i < m->nitem; i++) free(B->flows[i]);
    if (B->units)
        for (int32_t u = 0; u < B->unit0[m->nres]; u++) free(B->units[u].s), free(B->units[u].e);
    free(B->po_start), free(B->po_idx), free(B->par_start), free(B->par_line), free(B->line_par);
    free(B->co_start), free(B->co_idx), free(B->rc_start), free(B->rc_idx), free(B->rop_start), free(B->rop);
    free(B->unit0), free(B->prof_ok), free(B->flow_ok), free(B->res_ok);
    free(B->prof), free(B->flows), free(B->nflow), free(B->units);
    free(B);
}

/* ---- what the base plan consumes -------------------------------------------------------------- */

static int64_t rcpt_time(const ordo_model *m, int32_t r)
{
    return day_t(m->rc_date[r] < m->h_start ? m->h_start : m->rc_date[r]);
}

/* When base planned order q consumes its components in the frozen schedule: when its first
** operation starts; made without a routing, on the day it starts (its release, or later when
** its material comes later). */
static int64_t consume_time(const ordo_promise_base *B, int32_t q)
{
    const struct ordo_plan *p = B->p;
    if (p->nop && p->po_op0 && p->po_op0[q] < p->po_op0[q + 1] && p->op_start[p->po_op0[q]] != T_NEVER)
        return p->op_start[p->po_op0[q]];
    int64_t mat = B->h0;
    if (p->dep_start && p->po_avail_t)
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
            int32_t s = p->dep_sup[j];
            int64_t a = s >= 0 ? p->po_avail_t[s] : ordo_stock_time(B->m, s);
            if (a > mat) mat = a;
        }
    int32_t d = mat == T_NEVER ? p->po_release[q] : ceil_day(mat);
    return day_t(d > p->po_release[q] ? d : p->po_release[q]);
}

/* When base customer order o takes its quantity: its due date, or its completion when late. */
static int64_t ship_time(const ordo_promise_base *B, int32_t o)
{
    int64_t t = ordo_due_time(B->m, o), c = B->p->ord_completion ? B->p->ord_completion[o] : INT64_MIN;
    return c != INT64_MIN && c != T_NEVER && c > t ? c : t;
}

typedef struct ev { int64_t t; double q; int32_t day; uint8_t supply; int32_t sup; } ev;

static int cmp_ev(const void *x, const void *y)
{
    const ev *a = x, *b = y;
    if (a->t != b->t) return a->t < b->t ? -1 : 1;
    return (int)b->supply - (int)a->supply; /* supplies first */
}

static int cmp_need_day(const void *x, const void *y)
{
    const ev *a = x, *b = y;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return (a->t > b->t) - (a->t < b->t);
}

static int push_ev(ordo_vec *v, int64_t t, double q, int32_t day, int supply)
{
    ev *e = ordo_vec_push(v);
    if (!e) return -1;
    *e = (ev){t, q, day, (uint8_t)supply, INT32_MIN};
    return 0;
}

static int push_sup(ordo_vec *v, int64_t t, double q, int32_t sup)
{
    if (push_ev(v, t, q, 0, 1)) return -1;
    ((ev *)v->data)[v->len - 1].sup = sup;
    return 0;
}

static int ensure_flows(ordo_promise_base *B, int32_t i);

/* Every base need of item i (quantity > 0 as a need): customer orders, backlog, and the
** components of its parents' planned orders and phantom pass-through. */
static int base_needs(ordo_promise_base *B, int32_t i, ordo_vec *v)
{
    const ordo_model *m = B->m;
    const struct ordo_plan *p = B->p;
    if (m->item_on_hand[i] < 0 && push_ev(v, B->h0, -m->item_on_hand[i], m->h_start, 0)) return -1;
    for (int32_t k = B->co_start[i]; k < B->co_start[i + 1]; k++) {
        int32_t o = B->co_idx[k], d = m->or_due[o] < m->h_start ? m->h_start : m->or_due[o];
        if (push_ev(v, ship_time(B, o), m->or_qty[o], d, 0)) return -1;
    }
    for (int32_t k = B->par_start[i]; k < B->par_start[i + 1]; k++) {
        int32_t line = B->par_line[k], par = B->line_par[line];
        double per = m->bom_qty[line] * (1.0 + m->bom_scrap[line]);
        int32_t from = m->bom_from[line], to = m->bom_to[line];
        if (m->item_src[par] == ORDO_SRC_MAKE) {
            for (int32_t j = B->po_start[par]; j < B->po_start[par + 1]; j++) {
                int32_t q = B->po_idx[j], day = p->po_release[q];
                if (day < from || day >= to) continue;
                if (push_ev(v, consume_time(B, q), p->po_qty[q] * per, day, 0)) return -1;
            }
        } else if (m->item_src[par] == ORDO_SRC_PHANTOM) {
            if (ensure_flows(B, par)) return -1;
            for (int32_t f = 0; f < B->nflow[par]; f++) {
                const flow *fl = &B->flows[par][f];
                if (fl->day < from || fl->day >= to) continue;
                if (push_ev(v, fl->t, fl->qty * per, fl->day, 0)) return -1;
            }
        }
    }
    return 0;
}

/* A phantom's base pass-through: its needs netted day by day against its own stock and
** receipts (SPEC: nothing else); what remains passes to its components. */
static int ensure_flows(ordo_promise_base *B, int32_t i)
{
    if (B->flow_ok[i]) return 0;
    const ordo_model *m = B->m;
    ordo_vec v;
    ordo_vec_init(&v, sizeof(ev));
    if (base_needs(B, i, &v)) {
        ordo_vec_free(&v);
        return -1;
    }
    ev *x = v.data;
    if (v.len > 1) qsort(x, v.len, sizeof *x, cmp_need_day);
    flow *out = malloc((v.len + 1) * sizeof *out);
    if (!out) {
        ordo_vec_free(&v);
        return -1;
    }
    int32_t n = 0, r = B->rc_start[i];
    double pa = m->item_on_hand[i] > 0 ? m->item_on_hand[i] : 0;
    int has_children = m->bom_start[i + 1] > m->bom_start[i];
    for (size_t k = 0; k < v.len; k++) {
        while (r < B->rc_start[i + 1] && m->rc_date[B->rc_idx[r]] <= x[k].day) pa += m->rc_qty[B->rc_idx[r++]];
        double take = pa < x[k].q ? (pa > 0 ? pa : 0) : x[k].q, rest = x[k].q - take;
        pa -= take;
        if (rest > tol(x[k].q) && has_children && x[k].day <= m->h_end) out[n++] = (flow){x[k].day, x[k].t, rest};
    }
    ordo_vec_free(&v);
    B->flows[i] = out, B->nflow[i] = n, B->flow_ok[i] = 1;
    return 0;
}

/* Item i's free stock over time (see promise.h); with fixed_only, counting only supplies
** whose time cannot move when base operations do (on hand, receipts, purchases). */
static int build_prof(ordo_promise_base *B, int32_t i, int fixed_only)
{
    const ordo_model *m = B->m;
    const struct ordo_plan *p = B->p;
    int phantom = m->item_src[i] == ORDO_SRC_PHANTOM;
    ordo_vec v;
    ordo_vec_init(&v, sizeof(ev));
    int bad = base_needs(B, i, &v);
    for (size_t k = 0; !bad && k < v.len; k++) ((ev *)v.data)[k].q = -((ev *)v.data)[k].q;
    if (!bad && m->item_on_hand[i] > 0) bad = push_sup(&v, B->h0, m->item_on_hand[i], ORDO_SUP_ONHAND);
    for (int32_t k = B->rc_start[i]; !bad && k < B->rc_start[i + 1]; k++) {
        int32_t r = B->rc_idx[k];
        bad = push_sup(&v, rcpt_time(m, r), m->rc_qty[r], ORDO_SUP_RCPT(r));
    }
    if (!phantom && !(fixed_only && m->item_src[i] != ORDO_SRC_BUY))
        for (int32_t j = B->po_start[i]; !bad && j < B->po_start[i + 1]; j++) {
            int32_t q = B->po_idx[j];
            int64_t a = p->po_avail_t ? p->po_avail_t[q] : day_t(p->po_avail[q]);
            if (a != T_NEVER && p->po_avail[q] != INT32_MAX) bad = push_sup(&v, a < B->h0 ? B->h0 : a, p->po_good[q], q);
        }
    if (bad) {
        ordo_vec_free(&v);
        return -1;
    }
    ev *x = v.data;
    if (v.len > 1) qsort(x, v.len, sizeof *x, cmp_ev);
    prof *P = &B->prof[(size_t)fixed_only * (size_t)m->nitem + (size_t)i];
    P->t = malloc((v.len + 1) * sizeof *P->t);
    P->sm = malloc((v.len + 1) * sizeof *P->sm);
    P->sup = malloc((v.len + 1) * sizeof *P->sup);
    if (!P->t || !P->sm || !P->sup) {
        ordo_vec_free(&v);
        return -1;
    }
    double e = phantom ? 0 : -m->item_safety[i];
    int32_t n = 0, sup = INT32_MIN;
    for (size_t k = 0; k < v.len; k++) {
        e += x[k].q;
        if (x[k].supply) sup = x[k].sup;
        if (k + 1 == v.len || x[k + 1].t != x[k].t) P->t[n] = x[k].t, P->sup[n] = sup, P->sm[n++] = e;
    }
    for (int32_t k = n - 2; k >= 0; k--)
        if (P->sm[k + 1] < P->sm[k]) P->sm[k] = P->sm[k + 1];
    P->n = n;
    ordo_vec_free(&v);
#pragma omp atomic write seq_cst
    B->prof_ok[(size_t)fixed_only * (size_t)m->nitem + (size_t)i] = 1;
    return 0;
}

/* Free stock at instant t. */
static double free_at(const prof *P, int64_t t)
{
    int32_t lo = 0, hi = P->n; /* first instant after t */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (P->t[mid] <= t) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return 0;
    double f = P->sm[lo - 1];
    return f > 0 ? f : 0;
}

/* The earliest instant at which free stock reaches x (T_NEVER: never); *sup gets a base
** supply available then. */
static int64_t free_from(const prof *P, double x, int32_t *sup)
{
    int32_t lo = 0, hi = P->n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (P->sm[mid] < x - tol(x)) lo = mid + 1;
        else hi = mid;
    }
    *sup = lo < P->n ? P->sup[lo] : INT32_MIN;
    return lo < P->n ? P->t[lo] : T_NEVER;
}

typedef struct span { int64_t s, e; } span;
static int cmp_span(const void *x, const void *y)
{
    const span *a = x, *b = y;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return (a->e > b->e) - (a->e < b->e);
}

/* Resource r's base operations on its units: by start, each on a free unit (the one that
** became free last), which is always possible when the schedule is feasible. */
static int ensure_res(ordo_promise_base *B, int32_t r)
{
    if (B->res_ok[r]) return 0;
    const ordo_model *m = B->m;
    const struct ordo_plan *p = B->p;
    /* the base operations by resource, on the first resource needed: a quote that places
    ** no operation never pays for it */
    if (!B->rop_start && csr(m->nres, p->nop, p->nop ? p->op_res : (const int32_t[]){0}, &B->rop_start, &B->rop))
        return -1;
    int32_t n = B->rop_start[r + 1] - B->rop_start[r], nu = m->res_units[r], u0 = B->unit0[r];
    span *sp = malloc(((size_t)n + 1) * sizeof *sp);
    int64_t *uend = malloc(((size_t)nu + 1) * sizeof *uend);
    if (!sp || !uend) {
        free(sp), free(uend);
        return -1;
    }
    int32_t k = 0;
    for (int32_t j = B->rop_start[r]; j < B->rop_start[r + 1]; j++) {
        int32_t o = B->rop[j];
        if (p->op_end[o] > p->op_start[o] && p->op_start[o] != T_NEVER) sp[k++] = (span){p->op_start[o], p->op_end[o]};
    }
    qsort(sp, (size_t)k, sizeof *sp, cmp_span);
    for (int32_t u = 0; u < nu; u++) {
        uend[u] = INT64_MIN;
        ulist *L = &B->units[u0 + u];
        L->s = malloc(((size_t)k + 1) * sizeof *L->s);
        L->e = malloc(((size_t)k + 1) * sizeof *L->e);
        if (!L->s || !L->e) {
            free(sp), free(uend);
            return -1;
        }
    }
    for (int32_t j = 0; j < k; j++) {
        int32_t best = 0;
        for (int32_t u = 1; u < nu; u++) {
            int fu = uend[u] <= sp[j].s, fb = uend[best] <= sp[j].s;
            if ((fu && (!fb || uend[u] > uend[best])) || (!fu && !fb && uend[u] < uend[best])) best = u;
        }
        ulist *L = &B->units[u0 + best];
        L->s[L->n] = sp[j].s, L->e[L->n] = sp[j].e, L->n++;
        uend[best] = sp[j].e;
    }
    free(sp), free(uend);
#pragma omp atomic write seq_cst
    B->res_ok[r] = 1;
    return 0;
}

static int has_routing(const ordo_promise_base *B, int32_t i)
{
    const ordo_model *m = B->m;
    return !B->p->mrp_only && m->item_src[i] == ORDO_SRC_MAKE && m->rout_start[i + 1] > m->rout_start[i];
}

/* Item i's free stock (r < 0) or resource r's units, worked out on first use. Evaluations
** on several threads share the base: the first to need one builds it, under a lock. With
** priority over the base (ORDO_SLOT_PRIORITY), the base's made orders may move: free stock
** then counts only supplies whose time cannot. */
static int lazy(const ordo_promise_ctx *c, int32_t i, int32_t r)
{
    ordo_promise_base *B = (ordo_promise_base *)c->B;
    int v = c->mode >= ORDO_SLOT_PRIORITY;
    size_t x = (size_t)v * (size_t)B->m->nitem + (size_t)(i < 0 ? 0 : i);
    uint8_t ok;
    if (r < 0) {
#pragma omp atomic read seq_cst
        ok = B->prof_ok[x];
    } else {
#pragma omp atomic read seq_cst
        ok = B->res_ok[r];
    }
    if (ok) return 0;
    int bad = 0;
#pragma omp critical(ordo_promise_lazy)
    {
        if (r < 0 && !B->prof_ok[x]) bad = build_prof(B, i, v);
        if (r >= 0 && !B->res_ok[r]) bad = ensure_res(B, r);
    }
    return bad;
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
    if (!c->taken) {
        free(c);
        return NULL;
    }
    return c;
}

void ordo_promise_ctx_free(ordo_promise_ctx *c)
{
    if (!c) return;
    ordo_vec_free(&c->nodes), ordo_vec_free(&c->pos), ordo_vec_free(&c->ops), ordo_vec_free(&c->tlog);
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
    *n = (node){kind, item, -1, -1, c->cur, INT32_MIN, qty, 0, 0, 0};
    return (int32_t)c->nodes.len - 1;
}
#define NODE(c, v) (((node *)(c)->nodes.data)[v])

/* Earliest [*ps, *pe) at or after est on global unit u where work minutes of cal fit
** between the base operations and this evaluation's new ones. A start that overlaps a busy
** interval can only move past its end: every later start ends later. */
static void find_slot(const ordo_promise_ctx *c, int32_t u, const ordo_cal *cal, int64_t est, int64_t work,
                      int ignore_base, int64_t *ps, int64_t *pe)
{
    const ulist *L = &c->B->units[u];
    const ordo_newop *no = c->ops.data, *co = c->B->cops.data;
    int64_t t = est;
    if (work <= 0) {
        *ps = *pe = est;
        return;
    }
    if (c->mode == ORDO_SLOT_APPEND && L->n > 0 && L->e[L->n - 1] > t) t = L->e[L->n - 1];
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
        for (size_t k = 0; k < c->ops.len; k++)
            if (no[k].unit == u && no[k].start < e && no[k].end > t && no[k].end > next) next = no[k].end;
        for (size_t k = 0; k < c->B->cops.len; k++)
            if (co[k].unit == u && co[k].start < e && co[k].end > t && co[k].end > next) next = co[k].end;
        if (next == t) {
            *ps = t, *pe = e;
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
                if (lazy(c, -1, r)) {
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
        ordo_newop *o = ordo_vec_push(&c->ops);
        if (!o) {
            c->oom = 1;
            return T_NEVER;
        }
        *o = (ordo_newop){po, k, best_r, best_u, bs, be, 0};
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
    c->nodes.len = nodes, c->pos.len = pos, c->ops.len = ops;
}

/* A new planned order of item i for g good units: due on day just in time, or released at
** the horizon start as soon as possible (its due is then the day it is available). */
static int32_t new_order(ordo_promise_ctx *c, int32_t i, double g, int32_t day)
{
    const ordo_promise_base *B = c->B;
    const ordo_model *m = B->m;
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    int32_t lead = m->item_lead[i] + m->item_insp[i];
    int32_t rel = c->asap ? m->h_start : ordo_cal_offset_back(cal, day, lead);
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
    *P = (ordo_newpo){i, day, rel, moved, (uint8_t)make, g / m->item_yield[i], g, 0, 0, 0, g};
    NODE(c, v).po = po;
    c->cur = v;
    int64_t avail;
    if (!make) {
        avail = day_t(ordo_cal_offset_fwd(cal, rel, lead));
    } else {
        double qty = g / m->item_yield[i];
        int64_t mat = B->h0;
        int32_t crit = -1;
        for (int32_t l = m->bom_start[i]; l < m->bom_start[i + 1]; l++) {
            if (rel < m->bom_from[l] || rel >= m->bom_to[l]) continue;
            int32_t w = need(c, m->bom_child[l], qty * m->bom_qty[l] * (1.0 + m->bom_scrap[l]), rel);
            if (w < 0) return -1;
            if (NODE(c, w).avail >= mat) mat = NODE(c, w).avail, crit = w;
        }
        int64_t design = day_t(ordo_cal_offset_fwd(cal, m->h_start, c->d->design_days));
        int64_t est = mat > design ? mat : design;
        NODE(c, v).crit = crit, NODE(c, v).mat = mat, NODE(c, v).design = design;
        if (mat == T_NEVER) {
            avail = T_NEVER;
        } else if (has_routing(B, i)) {
            int64_t end = place_ops(c, po, est);
            avail = end == T_NEVER ? T_NEVER : ordo_after_inspection(m, i, end);
        } else { /* made without a routing: lead time from when it can start */
            int32_t start = ceil_day(est);
            if (start < rel) start = rel;
            avail = day_t(ordo_cal_offset_fwd(cal, start, lead));
        }
    }
    P = &((ordo_newpo *)c->pos.data)[po];
    P->avail = avail;
    if (c->asap && avail != T_NEVER) P->due = ceil_day(avail);
    NODE(c, v).avail = avail;
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
            if (day < m->bom_from[l] || day >= m->bom_to[l]) continue;
            int32_t w = need(c, m->bom_child[l], rest * m->bom_qty[l] * (1.0 + m->bom_scrap[l]), day);
            if (w < 0) return -2;
            if (NODE(c, w).avail >= avail) avail = NODE(c, w).avail, crit = w;
        }
    } else if (day > m->h_end) {
        avail = T_NEVER;
    } else {
        double each, n = ordo_mrp_lots(m, i, rest, &each), left = rest;
        for (double k = 0; k < n; k++) {
            int32_t w = new_order(c, i, each, day);
            if (w < 0) return -2;
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
    if (lazy(c, i, -1)) {
        c->oom = 1;
        return -1;
    }
    const prof *P = &B->prof[(size_t)(c->mode >= ORDO_SLOT_PRIORITY) * (size_t)B->m->nitem + (size_t)i];
    double fr = free_at(P, day_t(day)) - used;
    double f = fr <= 0 ? 0 : (x - fr <= tol(x) ? x : fr);
    if (f > 0) {
        int32_t w = new_node(c, N_STOCK, i, f);
        if (w < 0) return -1;
        NODE(c, w).avail = free_from(P, used + f, &sup);
        NODE(c, w).sup = sup;
        take_stock(c, i, f);
        avail = NODE(c, w).avail, crit = w;
    }
    double rest = x - f;
    if (rest > tol(x)) {
        size_t n0 = c->nodes.len, p0 = c->pos.len, o0 = c->ops.len, t0 = c->tlog.len;
        int64_t a = avail, wait = c->asap ? free_from(P, B->ctaken[i] + c->taken[i] + rest, &sup) : T_NEVER;
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
    c->cur = up;
    return v;
}

int64_t ordo_promise_eval(ordo_promise_ctx *c, const ordo_demand *d, int32_t due)
{
    const ordo_model *m = c->B->m;
    roll_back(c, 0, 0, 0, 0);
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
    return t == T_NEVER ? INT32_MAX : ceil_day(t);
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
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_STOCK, x->item, -1, 0, x->qty, 0, x->avail, x->avail});
            bind = depth == 0 && x->avail <= B->h0 ? ORDO_BIND_STOCK : ORDO_BIND_MATERIAL;
            *by_item = x->item;
            break;
        }
        const ordo_newpo *P = &pos[x->po];
        if (!P->make) {
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_BUY, x->item, -1, 0, P->qty, P->release, day_t(P->release), P->avail});
            bind = ORDO_BIND_MATERIAL, *by_item = x->item;
            break;
        }
        push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_MAKE, x->item, -1, 0, P->qty, P->release, x->mat, P->avail});
        int64_t est = x->mat > x->design ? x->mat : x->design, longest = -1;
        for (int32_t k = P->nop - 1; k >= 0 && bind == ORDO_BIND_NONE; k--) {
            const ordo_newop *o = &ops[P->op0 + k];
            push_step(steps, nmax, &n, (ordo_step){ORDO_STEP_OP, x->item, o->res, m->op_seq[o->k], P->qty, P->release, o->start, o->end});
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
        } else if (P->nop > 0) { /* nothing waits: the order's own work sets the date */
            bind = ORDO_BIND_CAPACITY;
        } else { /* made without a routing: its lead time */
            bind = ORDO_BIND_MATERIAL, *by_item = x->item, *by_res = -1;
        }
    }
    if (bind == ORDO_BIND_CAPACITY) *by_item = -1;
    else *by_res = -1;
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
    const taken_rec *t = c->tlog.data;
    for (size_t k = 0; k < c->tlog.len; k++) { /* each item once; the next evaluation's undo restores zeros */
        B->ctaken[t[k].item] += c->taken[t[k].item];
        c->taken[t[k].item] = 0;
    }
    if (ordo_vec_reserve(&B->cops, B->cops.len + c->ops.len + 1)) return -1;
    if (c->ops.len) memcpy((ordo_newop *)B->cops.data + B->cops.len, c->ops.data, c->ops.len * sizeof(ordo_newop));
    B->cops.len += c->ops.len;
    return 0;
}

/* The supplies under need node v, into out (see ordo_promise_supplies). */
static int32_t need_supplies(const ordo_promise_ctx *c, int32_t v, int32_t *out, int32_t n, int32_t max)
{
    for (size_t w = (size_t)v + 1; w < c->nodes.len; w++) {
        const node *x = &NODE(c, w);
        if (x->parent != v) continue;
        if (x->kind == N_NEED) n = need_supplies(c, (int32_t)w, out, n, max);
        else if (n < max) out[n++] = x->kind == N_PO ? ORDO_SUP_NEW(x->po) : x->sup;
        else n++;
    }
    return n;
}

int32_t ordo_promise_supplies(const ordo_promise_ctx *c, int32_t po, int32_t *out, int32_t max)
{
    int32_t n = 0;
    if (po < 0) return need_supplies(c, c->top, out, 0, max);
    for (size_t v = 0; v < c->nodes.len; v++)
        if (NODE(c, v).kind == N_PO && NODE(c, v).po == po) {
            for (size_t w = v + 1; w < c->nodes.len; w++)
                if (NODE(c, w).parent == (int32_t)v && NODE(c, w).kind == N_NEED) n = need_supplies(c, (int32_t)w, out, n, max);
            break;
        }
    return n;
}
