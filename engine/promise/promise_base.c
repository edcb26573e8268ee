/*
** promise_base.c -- stage "promise", first half: what a frozen plan leaves free (see
** promise.h and promise_base.h): indexes over the base plan, its needs as the frozen
** schedule consumes them, phantom pass-through, free stock per item, and the base
** operations on each resource unit.
*/
#include "promise_base.h"

#include "calendar.h"
#include "groups.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>


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
    B->m = m, B->p = p, B->h0 = ordo_pb_day_t(m->h_start);
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
    return ordo_pb_day_t(m->rc_date[r] < m->h_start ? m->h_start : m->rc_date[r]);
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
    int32_t d = mat == T_NEVER ? p->po_release[q] : ordo_pb_ceil_day(mat);
    return ordo_pb_day_t(d > p->po_release[q] ? d : p->po_release[q]);
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
                if (day < from || day >= to || !ordo_model_line_used(m, line, day)) continue;
                if (push_ev(v, consume_time(B, q), p->po_qty[q] * per, day, 0)) return -1;
            }
        } else if (m->item_src[par] == ORDO_SRC_PHANTOM) {
            if (ensure_flows(B, par)) return -1;
            for (int32_t f = 0; f < B->nflow[par]; f++) {
                const ordo_pb_flow *fl = &B->flows[par][f];
                if (fl->day < from || fl->day >= to || !ordo_model_line_used(m, line, fl->day)) continue;
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
    ordo_pb_flow *out = malloc((v.len + 1) * sizeof *out);
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
        if (rest > ordo_pb_tol(x[k].q) && has_children && x[k].day <= m->h_end) out[n++] = (ordo_pb_flow){x[k].day, x[k].t, rest};
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
            int64_t a = p->po_avail_t ? p->po_avail_t[q] : ordo_pb_day_t(p->po_avail[q]);
            if (a != T_NEVER && p->po_avail[q] != INT32_MAX) bad = push_sup(&v, a < B->h0 ? B->h0 : a, p->po_good[q], q);
        }
    if (bad) {
        ordo_vec_free(&v);
        return -1;
    }
    ev *x = v.data;
    if (v.len > 1) qsort(x, v.len, sizeof *x, cmp_ev);
    ordo_pb_prof *P = &B->prof[(size_t)fixed_only * (size_t)m->nitem + (size_t)i];
    P->t = malloc((v.len + 1) * sizeof *P->t);
    P->sm = malloc((v.len + 1) * sizeof *P->sm);
    P->sup = malloc((v.len + 1) * sizeof *P->sup);
    if (!P->t || !P->sm || !P->sup) { /* nothing half-built stays behind */
        free(P->t), free(P->sm), free(P->sup);
        P->t = NULL, P->sm = NULL, P->sup = NULL;
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
double ordo_pb_free_at(const ordo_pb_prof *P, int64_t t)
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
int64_t ordo_pb_free_from(const ordo_pb_prof *P, double x, int32_t *sup)
{
    int32_t lo = 0, hi = P->n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (P->sm[mid] < x - ordo_pb_tol(x)) lo = mid + 1;
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
        ordo_pb_units *L = &B->units[u0 + u];
        L->s = malloc(((size_t)k + 1) * sizeof *L->s);
        L->e = malloc(((size_t)k + 1) * sizeof *L->e);
        if (!L->s || !L->e) { /* nothing half-built stays behind */
            for (int32_t w = 0; w <= u; w++) {
                ordo_pb_units *W = &B->units[u0 + w];
                free(W->s), free(W->e);
                W->s = W->e = NULL, W->n = 0;
            }
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
        ordo_pb_units *L = &B->units[u0 + best];
        L->s[L->n] = sp[j].s, L->e[L->n] = sp[j].e, L->n++;
        uend[best] = sp[j].e;
    }
    free(sp), free(uend);
#pragma omp atomic write seq_cst
    B->res_ok[r] = 1;
    return 0;
}

int ordo_pb_routed(const ordo_promise_base *B, int32_t i)
{
    const ordo_model *m = B->m;
    return !B->p->mrp_only && m->item_src[i] == ORDO_SRC_MAKE && m->rout_start[i + 1] > m->rout_start[i];
}

int ordo_pb_lazy(ordo_promise_base *B, int fixed_only, int32_t i, int32_t r)
{
    size_t x = (size_t)fixed_only * (size_t)B->m->nitem + (size_t)(i < 0 ? 0 : i);
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
        if (r < 0 && !B->prof_ok[x]) bad = build_prof(B, i, fixed_only);
        if (r >= 0 && !B->res_ok[r]) bad = ensure_res(B, r);
    }
    return bad;
}

