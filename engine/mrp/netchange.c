/*
** netchange.c -- net-change MRP: hashing an item's netting inputs, recording its results in
** stable names, and replaying a base run's results (see netchange.h, plan/ncmemo.h).
**
** Stable names in the records: a planned order is (item, ordinal among the item's planned
** orders), a customer order its index in the recording run's order table (whose ids the
** memo keeps), receipts, production orders and suppliers their ordinal among the item's
** own (which the item's hash covers). A reference is two int32: (a, b) with a >= 0 a planned
** order (item a, ordinal b), a <= -3 customer order -3 - a, a = -1 safety stock, -2 backlog.
** Cost: O(needs) per item for the hash, O(records) for a replay or a record.
*/
#include "netchange.h"

#include "bounds.h"
#include "state.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct nc_ctx {
    const ordo_model *m;
    uint64_t global;
    uint64_t *name_h, *ord_h;  /* [nitem], [nord]: hashes of names */
    int32_t *rc_pos, *pr_pos;  /* [nrcpt], [npr]: ordinal among the item's (netting order) */
    const ordo_ncmemo *base;
    int32_t *b2n_item, *b2n_ord; /* base memo's items and orders -> this model's, -1 gone */
    int32_t *n2b_item;           /* this model's items -> the base memo's, -1 new */
    ordo_ncmemo *rec;            /* being recorded, NULL when not kept */
};

/* ---- hashing -------------------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v)
{
    uint64_t x = h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static uint64_t mixd(uint64_t h, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    return mix(h, v);
}

static uint64_t str_hash(const char *s) { return ordo_state_hash(ORDO_STATE_HASH0, s, strlen(s)); }

/* The days a calendar works (what netting's date arithmetic reads). */
static uint64_t cal_hash(const ordo_model *m, int32_t c)
{
    const ordo_cal *k = ordo_model_cal(m, c);
    uint64_t h = mix(0x43414c, k->weekmask);
    for (int32_t j = 0; j < k->nhol; j++) h = mix(h, (uint64_t)(uint32_t)k->hol[j]);
    return mix(h, (uint64_t)k->nhol);
}

/* What every item's netting reads of the model as a whole. */
static uint64_t global_hash(const ordo_model *m)
{
    uint64_t h = mix(0x4f52444f4e43ull, 1); /* the records' format */
    h = mix(h, (uint64_t)(uint32_t)m->h_start), h = mix(h, (uint64_t)(uint32_t)m->h_end);
    h = mix(h, (uint64_t)m->actions), h = mix(h, (uint64_t)(uint32_t)m->act_days), h = mixd(h, m->act_pct);
    h = mix(h, (uint64_t)(m->nsup > 0) | (uint64_t)(m->npr > 0) << 1 | (uint64_t)(m->item_fence != NULL) << 2);
    return h;
}

/* Item i's own data: its row, suppliers, receipts and production orders in netting order. */
static uint64_t own_hash(const nc_ctx *c, const mrp *M, int32_t i)
{
    const ordo_model *m = c->m;
    uint64_t h = mix(c->global, c->name_h[i]);
    h = mix(h, m->item_src[i]), h = mix(h, (uint64_t)(uint32_t)m->item_lead[i]), h = mix(h, (uint64_t)(uint32_t)m->item_insp[i]);
    h = mix(h, cal_hash(m, m->item_cal[i])), h = mixd(h, m->item_on_hand[i]), h = mixd(h, m->item_safety[i]);
    h = mixd(h, m->item_yield[i]), h = mix(h, m->lot_rule[i]), h = mixd(h, m->lot_qty[i]);
    h = mix(h, (uint64_t)(uint32_t)m->lot_periods[i]), h = mixd(h, m->lot_min[i]), h = mixd(h, m->lot_mult[i]);
    h = mixd(h, m->lot_setup[i]), h = mixd(h, m->lot_hold[i]);
    h = mix(h, (uint64_t)(m->bom_start[i + 1] > m->bom_start[i]));
    if (m->item_fence) h = mix(h, (uint64_t)(uint32_t)m->item_fence[i]);
    if (m->item_subcon) h = mix(h, m->item_subcon[i]);
    if (m->item_site) h = mix(h, (uint64_t)(uint32_t)m->item_site[i]);
    if (m->item_from) h = mix(h, m->item_from[i] >= 0 ? c->name_h[m->item_from[i]] : 7);
    for (int32_t s = m->nsup ? m->sup_start[i] : 0; m->nsup && s < m->sup_start[i + 1]; s++) {
        h = mix(h, str_hash(ordo_str(&m->names, m->sup_name[s]))), h = mix(h, (uint64_t)(uint32_t)m->sup_lead[s]);
        h = mix(h, cal_hash(m, m->sup_cal[s])), h = mixd(h, m->sup_min[s]), h = mixd(h, m->sup_mult[s]);
        h = mixd(h, m->sup_share[s]);
    }
    for (int32_t k = M->rc_start[i]; k < M->rc_start[i + 1]; k++) {
        int32_t r = M->rc_idx[k];
        h = mix(h, str_hash(ordo_str(&m->names, m->rc_name[r]))), h = mix(h, (uint64_t)(uint32_t)M->rc_day[k]);
        h = mixd(h, m->rc_qty[r]);
    }
    for (int32_t k = M->pr_start ? M->pr_start[i] : 0; M->pr_start && k < M->pr_start[i + 1]; k++) {
        int32_t pr = M->pr_idx[k];
        h = mix(h, str_hash(ordo_str(&m->names, m->pr_name[pr]))), h = mix(h, (uint64_t)(uint32_t)m->pr_due[pr]);
        h = mixd(h, m->pr_qty[pr]), h = mix(h, m->pr_status[pr]);
    }
    return h;
}

/* A need's peg source, named stably. */
static uint64_t src_hash(const nc_ctx *c, const mrp *M, int32_t src)
{
    if (src >= 0) {
        int32_t it = M->p->po_item[src];
        return mix(c->name_h[it], (uint64_t)(src - M->item_po0[it]));
    }
    if (SRC_IS_ORDER(src)) return mix(c->ord_h[SRC_ORDER_IDX(src)], 3);
    return (uint64_t)(int64_t)src;
}

uint64_t ordo_nc_hash(const nc_ctx *c, const mrp *M, int32_t i, const need *nd, int32_t nn)
{
    if (M->alt_next && c->m->item_alt_rep[i] != i) return 0;
    if (M->alt_next && M->alt_next[i] >= 0) return 0;
    uint64_t h = own_hash(c, M, i);
    for (int32_t k = 0; k < nn; k++) {
        h = mix(h, (uint64_t)(uint32_t)nd[k].day << 8 | nd[k].kind);
        h = mixd(h, nd[k].qty);
        h = mix(h, src_hash(c, M, nd[k].src));
    }
    h = mix(h, (uint64_t)nn);
    return h ? h : 1;
}

/* ---- the records' bytes ------------------------------------------------------------------- */

/* Every record has a fixed size, so an item's bytes are 7 counts and the records: */
enum { SZ_HEAD = 7 * 4, SZ_PO = 4 + 4 + 1 + 8 + 8 + 4 + 4, SZ_LNK = 4 + 8 + 8, SZ_SLNK = 4 + 8 + 8, SZ_NEED = 4 + 8 + 8 + 8,
       SZ_EDGE = 8 + 4, SZ_FLOW = 4 + 8 + 8, SZ_EXC = 2 + 8 + 4 + 4 + 8 };
static const size_t rec_size[7] = {SZ_PO, SZ_LNK, SZ_SLNK, SZ_NEED, SZ_EDGE, SZ_FLOW, SZ_EXC};

/* The bytes of an item with n[k] records of each kind; 0 when the counts are impossible. */
static size_t blob_size(const int32_t *n, size_t limit)
{
    size_t total = SZ_HEAD;
    for (int k = 0; k < 7; k++) {
        if (n[k] < 0 || (size_t)n[k] > limit / rec_size[k]) return 0;
        total += (size_t)n[k] * rec_size[k];
    }
    return total;
}

/* Writing into a buffer sized exactly, reading from one whose size was checked. */
typedef struct wbuf { unsigned char *b; } wbuf;
static void wb_put(wbuf *w, const void *p, size_t n) { memcpy(w->b, p, n), w->b += n; }
static void wb_i32(wbuf *w, int32_t v) { wb_put(w, &v, sizeof v); }
static void wb_f64(wbuf *w, double v) { wb_put(w, &v, sizeof v); }

typedef struct rbuf { const unsigned char *b; int bad; } rbuf;
static void rb_get(rbuf *r, void *p, size_t n) { memcpy(p, r->b, n), r->b += n; }
static int32_t rb_i32(rbuf *r) { int32_t v; rb_get(r, &v, sizeof v); return v; }
static double rb_f64(rbuf *r) { double v; rb_get(r, &v, sizeof v); return v; }

/* ---- recording ------------------------------------------------------------------------------ */

/* A peg source (planned order q >= 0, customer order, safety, backlog) as (a, b). */
static void put_src(wbuf *w, const mrp *M, int32_t src)
{
    if (src >= 0) {
        int32_t it = M->p->po_item[src];
        wb_i32(w, it), wb_i32(w, src - M->item_po0[it]);
    } else {
        wb_i32(w, src), wb_i32(w, 0);
    }
}

/* A stock supply: on hand -1, receipt -2 - its ordinal among the item's; a planned order
** of the item its ordinal (local index - po0); uncovered stays. */
static int32_t stock_out(const nc_ctx *c, int32_t sup, int32_t po0)
{
    if (sup >= 0) return sup - po0;
    if (sup == SUP_ONHAND || sup == SUP_SHORT) return sup;
    return -2 - c->rc_pos[SUP_RCPT_IDX(sup)];
}

static void put_exc(wbuf *w, const nc_ctx *c, const mrp *M, const ordo_exception *e, int32_t po0)
{
    unsigned char kk[2] = {e->kind, e->ref_kind};
    wb_put(w, kk, 2);
    int own = e->ref_kind == ORDO_REF_PLANNED && e->kind != ORDO_EXC_SHORTAGE;
    if (own) wb_i32(w, e->ref - po0), wb_i32(w, -1);
    else if (e->ref_kind == ORDO_REF_PLANNED) put_src(w, M, e->ref);
    else if (e->ref_kind == ORDO_REF_ORDER) put_src(w, M, SRC_ORDER(e->ref));
    else if (e->ref_kind == ORDO_REF_RECEIPT) wb_i32(w, c->rc_pos[e->ref]), wb_i32(w, 0);
    else if (e->ref_kind == ORDO_REF_PROD) wb_i32(w, c->pr_pos[e->ref]), wb_i32(w, 0);
    else wb_i32(w, e->ref), wb_i32(w, 0);
    wb_i32(w, e->day), wb_i32(w, e->day2), wb_f64(w, e->qty);
}

int ordo_nc_record(nc_ctx *c, const mrp *M, const tlocal *t, int32_t i, const item_out *o, uint64_t h)
{
    if (!c->rec || !h) return 0;
    const ordo_model *m = c->m;
    int32_t n[7] = {o->npo, (int32_t)o->nlnk, (int32_t)o->nslnk, o->nneed, o->nalloc, o->nflow, o->nexc};
    size_t size = blob_size(n, SIZE_MAX / 2);
    unsigned char *buf = size ? malloc(size) : NULL;
    if (!buf) return -1;
    wbuf w = {buf};
    wb_put(&w, n, sizeof n);
    const po_rec *lp = o->npo ? (const po_rec *)t->po.data + o->po0 : NULL;
    for (int32_t q = 0; q < o->npo; q++) {
        wb_i32(&w, lp[q].due), wb_i32(&w, lp[q].release), wb_put(&w, &lp[q].moved, 1);
        wb_f64(&w, lp[q].qty), wb_f64(&w, lp[q].good);
        wb_i32(&w, lp[q].sup >= 0 ? lp[q].sup - m->sup_start[i] : -1);
        wb_i32(&w, lp[q].prod >= 0 ? c->pr_pos[lp[q].prod] : -1);
    }
    const lnk_rec *lk = o->nlnk ? (const lnk_rec *)t->lnk.data + o->lnk0 : NULL;
    for (size_t k = 0; k < o->nlnk; k++) wb_i32(&w, lk[k].po - o->po0), put_src(&w, M, lk[k].need), wb_f64(&w, lk[k].qty);
    const slnk_rec *sk = o->nslnk ? (const slnk_rec *)t->slnk.data + o->slnk0 : NULL;
    for (size_t k = 0; k < o->nslnk; k++) wb_i32(&w, stock_out(c, sk[k].sup, 0)), put_src(&w, M, sk[k].need), wb_f64(&w, sk[k].qty);
    const need_rec *nr = o->nneed ? (const need_rec *)t->need.data + o->need0 : NULL;
    for (int32_t k = 0; k < o->nneed; k++)
        wb_i32(&w, nr[k].day), put_src(&w, M, nr[k].src), wb_f64(&w, nr[k].qty), wb_f64(&w, nr[k].uncovered);
    const edge_rec *al = o->nalloc ? (const edge_rec *)t->alloc.data + o->alloc0 : NULL;
    for (int32_t k = 0; k < o->nalloc; k++) {
        int32_t node = al[k].node;
        put_src(&w, M, node >= 0 ? node : SRC_ORDER(-1 - node));
        wb_i32(&w, stock_out(c, al[k].sup, o->po0));
    }
    const flow_rec *fl = o->nflow ? (const flow_rec *)t->flow.data + o->flow0 : NULL;
    for (int32_t k = 0; k < o->nflow; k++) wb_i32(&w, fl[k].day), put_src(&w, M, fl[k].src), wb_f64(&w, fl[k].qty);
    const ordo_exception *ex = o->nexc ? (const ordo_exception *)t->exc.data + o->exc0 : NULL;
    for (int32_t k = 0; k < o->nexc; k++) put_exc(&w, c, M, &ex[k], o->po0);
    c->rec->hash[i] = h;
    c->rec->blob[i] = buf;
    c->rec->blob_len[i] = size;
    return 0;
}

/* ---- replaying ------------------------------------------------------------------------------ */

typedef struct replay {
    const nc_ctx *c;
    const mrp *M;
    int32_t i, lpo0, npo; /* the item, its first planned order in t, how many */
    rbuf r;
} replay;

/* Days and quantities as netting makes them (needs are clamped to horizon.start; production
** orders may be due before it). */
static int day_ok(const replay *x, int32_t d)
{
    return d >= x->c->m->h_start - 2 * ORDO_LIM_HORIZON && d <= ORDO_NEVER_DAY;
}
static int qty_ok(double q) { return q >= 0 && q <= ORDO_MAX_NET * 1e3; }

/* A reference (a, b) back to a peg source of this run; sets r.bad when it names nothing. */
static int32_t get_src(replay *x)
{
    int32_t a = rb_i32(&x->r), b = rb_i32(&x->r);
    const nc_ctx *c = x->c;
    if (a >= 0) {
        int32_t it = a < c->base->nitem ? c->b2n_item[a] : -1;
        if (it < 0 || c->m->item_llc[it] >= c->m->item_llc[x->i] || b < 0 || b >= x->M->item_npo[it]) {
            x->r.bad = 1;
            return SRC_NONE;
        }
        return x->M->item_po0[it] + b;
    }
    if (a <= -3) {
        int32_t bo = -3 - a, o = bo < c->base->nord ? c->b2n_ord[bo] : -1;
        if (o < 0) x->r.bad = 1;
        return o < 0 ? SRC_NONE : SRC_ORDER(o);
    }
    return a;
}

/* The k-th receipt or production order of the item, -1 (and r.bad) when it has not so many. */
static int32_t nth_of(replay *x, const int32_t *start, const int32_t *idx, int32_t k)
{
    if (!start || k < 0 || k >= start[x->i + 1] - start[x->i]) {
        x->r.bad = 1;
        return -1;
    }
    return idx[start[x->i] + k];
}

/* The item's own planned order v (its ordinal) as a global index; sets r.bad (and gives the
** item's first) when it has not so many. */
static int32_t own_po_of(replay *x, int32_t v)
{
    if (v < 0 || v >= x->npo) {
        x->r.bad = 1;
        return x->lpo0;
    }
    return x->lpo0 + v;
}

/* A stock supply or an item's own planned order, back (see stock_out). */
static int32_t get_stock(replay *x, int own_po)
{
    int32_t v = rb_i32(&x->r);
    if (v >= 0) {
        if (!own_po) x->r.bad = 1;
        return own_po_of(x, v);
    }
    if (v == SUP_ONHAND || (own_po && v == SUP_SHORT)) return v;
    int32_t r = nth_of(x, x->M->rc_start, x->M->rc_idx, -2 - v);
    return r < 0 ? SUP_ONHAND : SUP_RCPT(r);
}

static void get_exc(replay *x, ordo_exception *e)
{
    unsigned char kk[2];
    rb_get(&x->r, kk, 2);
    e->kind = kk[0], e->ref_kind = kk[1], e->item = x->i;
    if (e->kind >= ORDO_EXC_NKIND || e->ref_kind > ORDO_REF_PROD) x->r.bad = 1;
    if (e->ref_kind == ORDO_REF_PLANNED && e->kind != ORDO_EXC_SHORTAGE) {
        int32_t v = rb_i32(&x->r);
        rb_i32(&x->r);
        e->ref = own_po_of(x, v);
    } else if (e->ref_kind == ORDO_REF_PLANNED || e->ref_kind == ORDO_REF_ORDER) {
        int32_t s = get_src(x);
        if (e->ref_kind == ORDO_REF_PLANNED && s < 0) x->r.bad = 1; /* a shortage of a parent's need */
        e->ref = e->ref_kind == ORDO_REF_ORDER ? (SRC_IS_ORDER(s) ? SRC_ORDER_IDX(s) : (x->r.bad = 1, 0)) : s;
    } else if (e->ref_kind == ORDO_REF_RECEIPT || e->ref_kind == ORDO_REF_PROD) {
        int32_t k = rb_i32(&x->r);
        rb_i32(&x->r);
        e->ref = e->ref_kind == ORDO_REF_RECEIPT ? nth_of(x, x->M->rc_start, x->M->rc_idx, k)
                                                 : nth_of(x, x->M->pr_start, x->M->pr_idx, k);
    } else {
        e->ref = rb_i32(&x->r);
        rb_i32(&x->r);
    }
    e->day = rb_i32(&x->r), e->day2 = rb_i32(&x->r), e->qty = rb_f64(&x->r);
    if (!day_ok(x, e->day) || !day_ok(x, e->day2) || !qty_ok(e->qty)) x->r.bad = 1;
}

static int push_n(tlocal *t, ordo_vec *v, size_t n)
{
    if (ordo_vec_reserve(v, v->len + n + 1)) {
        t->oom = 1;
        return -1;
    }
    return 0;
}

/* The planned orders and links of the item's records into t. */
static void replay_orders(replay *x, tlocal *t, const int32_t *n)
{
    const ordo_model *m = x->c->m;
    int32_t i = x->i;
    for (int32_t q = 0; q < n[0]; q++) {
        po_rec *p = (po_rec *)t->po.data + t->po.len++;
        p->item = i, p->due = rb_i32(&x->r), p->release = rb_i32(&x->r);
        rb_get(&x->r, &p->moved, 1);
        p->qty = rb_f64(&x->r), p->good = rb_f64(&x->r);
        if (!(p->qty >= 0 && p->qty <= ORDO_MAX_NET * 1e3 && p->good >= 0 && p->good <= p->qty * 2 + 1) ||
            p->due < m->h_start - 2 * ORDO_LIM_HORIZON || p->due > ORDO_NEVER_DAY || p->release < m->h_start ||
            p->release > ORDO_NEVER_DAY)
            x->r.bad = 1; /* not what netting makes */
        int32_t s = rb_i32(&x->r), pr = rb_i32(&x->r);
        if (s >= 0 && (!m->nsup || s >= m->sup_start[i + 1] - m->sup_start[i])) x->r.bad = 1;
        p->sup = s >= 0 && !x->r.bad ? m->sup_start[i] + s : -1;
        p->prod = pr >= 0 ? nth_of(x, x->M->pr_start, x->M->pr_idx, pr) : -1;
    }
    for (int32_t k = 0; k < n[1]; k++) {
        lnk_rec *l = (lnk_rec *)t->lnk.data + t->lnk.len++;
        int32_t v = rb_i32(&x->r);
        l->po = own_po_of(x, v);
        if (k > 0 && l->po < l[-1].po) x->r.bad = 1;
        l->need = get_src(x), l->qty = rb_f64(&x->r);
    }
    for (int32_t k = 0; k < n[2]; k++) {
        slnk_rec *l = (slnk_rec *)t->slnk.data + t->slnk.len++;
        l->item = i, l->sup = get_stock(x, 0), l->need = get_src(x), l->qty = rb_f64(&x->r);
    }
}

/* The needs, edges, pass-through and exceptions of the item's records into t. */
static void replay_rest(replay *x, tlocal *t, const int32_t *n)
{
    for (int32_t k = 0; k < n[3]; k++) {
        need_rec *r = (need_rec *)t->need.data + t->need.len++;
        r->day = rb_i32(&x->r), r->src = get_src(x), r->qty = rb_f64(&x->r), r->uncovered = rb_f64(&x->r);
        if (!day_ok(x, r->day) || !qty_ok(r->qty) || !qty_ok(r->uncovered)) x->r.bad = 1;
    }
    for (int32_t k = 0; k < n[4]; k++) {
        edge_rec *e = (edge_rec *)t->alloc.data + t->alloc.len++;
        int32_t s = get_src(x);
        if (!(s >= 0 || SRC_IS_ORDER(s))) x->r.bad = 1;
        e->node = s >= 0 ? s : NODE_ORDER(SRC_ORDER_IDX(s)), e->sup = get_stock(x, 1);
    }
    for (int32_t k = 0; k < n[5]; k++) {
        flow_rec *f = (flow_rec *)t->flow.data + t->flow.len++;
        f->day = rb_i32(&x->r), f->src = get_src(x), f->qty = rb_f64(&x->r);
        if (!day_ok(x, f->day) || !qty_ok(f->qty)) x->r.bad = 1;
    }
    for (int32_t k = 0; k < n[6]; k++) get_exc(x, (ordo_exception *)t->exc.data + t->exc.len++);
}

int ordo_nc_replay(const nc_ctx *c, const mrp *M, tlocal *t, int32_t i, uint64_t h)
{
    if (!c->base || !h || t->oom) return 0;
    int32_t b = c->n2b_item[i];
    if (b < 0 || c->base->hash[b] != h || !c->base->blob[b]) return 0;
    replay x = {c, M, i, (int32_t)t->po.len, 0, {c->base->blob[b], 0}};
    size_t len = c->base->blob_len[b];
    int32_t n[7];
    if (len < SZ_HEAD) return 0;
    rb_get(&x.r, n, sizeof n);
    if (blob_size(n, len) != len) return 0; /* damaged: net it instead */
    x.npo = n[0];
    size_t len0[7] = {t->po.len, t->lnk.len, t->slnk.len, t->need.len, t->alloc.len, t->flow.len, t->exc.len};
    ordo_vec *v[7] = {&t->po, &t->lnk, &t->slnk, &t->need, &t->alloc, &t->flow, &t->exc};
    for (int k = 0; k < 7; k++)
        if (push_n(t, v[k], (size_t)n[k])) return 0;
    replay_orders(&x, t, n);
    replay_rest(&x, t, n);
    if (x.r.bad) { /* names something this run has not: net it instead */
        for (int k = 0; k < 7; k++) v[k]->len = len0[k];
        return 0;
    }
    return 1;
}

/* ---- the context ---------------------------------------------------------------------------- */

/* Name -> index maps through the model's string pool: base names to this model's indexes. */
static int32_t *map_names(const ordo_model *m, const char *const *names, int32_t n, const int32_t *sid_to)
{
    int32_t *map = malloc(((size_t)n + 1) * sizeof *map);
    if (!map) return NULL;
    for (int32_t k = 0; k < n; k++) {
        int32_t sid = ordo_strpool_find(&m->names, names[k], strlen(names[k]));
        map[k] = sid >= 0 && sid < m->names.n ? sid_to[sid] : -1;
    }
    return map;
}

static int map_base(nc_ctx *c)
{
    const ordo_model *m = c->m;
    const ordo_ncmemo *B = c->base;
    int32_t *sid_to = malloc(((size_t)m->names.n + 1) * sizeof *sid_to);
    if (!sid_to) return -1;
    for (int32_t s = 0; s <= m->names.n; s++) sid_to[s] = -1;
    for (int32_t i = 0; i < m->nitem; i++) sid_to[m->item_name[i]] = i;
    c->b2n_item = map_names(m, B->item_name, B->nitem, sid_to);
    for (int32_t s = 0; s <= m->names.n; s++) sid_to[s] = -1;
    for (int32_t o = 0; o < m->nord; o++) sid_to[m->or_name[o]] = o;
    c->b2n_ord = map_names(m, B->ord_name, B->nord, sid_to);
    free(sid_to);
    c->n2b_item = malloc(((size_t)m->nitem + 1) * sizeof *c->n2b_item);
    if (!c->b2n_item || !c->b2n_ord || !c->n2b_item) return -1;
    for (int32_t i = 0; i < m->nitem; i++) c->n2b_item[i] = -1;
    for (int32_t b = 0; b < B->nitem; b++)
        if (c->b2n_item[b] >= 0) c->n2b_item[c->b2n_item[b]] = b;
    return 0;
}

static void free_ctx(nc_ctx *c)
{
    free(c->name_h), free(c->ord_h), free(c->rc_pos), free(c->pr_pos);
    free(c->b2n_item), free(c->b2n_ord), free(c->n2b_item);
    ordo_ncmemo_free(c->rec);
    free(c);
}

nc_ctx *ordo_nc_begin(const mrp *M, const ordo_ncmemo *base, int keep)
{
    const ordo_model *m = M->m;
    nc_ctx *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->m = m;
    c->global = global_hash(m);
    c->base = base && base->global == c->global ? base : NULL; /* another horizon: nothing to reuse */
    c->name_h = malloc(((size_t)m->nitem + 1) * sizeof *c->name_h);
    c->ord_h = malloc(((size_t)m->nord + 1) * sizeof *c->ord_h);
    c->rc_pos = malloc(((size_t)m->nrcpt + 1) * sizeof *c->rc_pos);
    c->pr_pos = malloc(((size_t)m->npr + 1) * sizeof *c->pr_pos);
    if (!c->name_h || !c->ord_h || !c->rc_pos || !c->pr_pos || (c->base && map_base(c)) ||
        (keep && !(c->rec = ordo_ncmemo_new(m)))) {
        free_ctx(c);
        return NULL;
    }
    if (c->rec) c->rec->global = c->global;
    for (int32_t i = 0; i < m->nitem; i++) c->name_h[i] = str_hash(ordo_str(&m->names, m->item_name[i]));
    for (int32_t o = 0; o < m->nord; o++) c->ord_h[o] = str_hash(ordo_str(&m->names, m->or_name[o]));
    for (int32_t i = 0; i < m->nitem; i++) {
        for (int32_t k = M->rc_start[i]; k < M->rc_start[i + 1]; k++) c->rc_pos[M->rc_idx[k]] = k - M->rc_start[i];
        for (int32_t k = M->pr_start ? M->pr_start[i] : 0; M->pr_start && k < M->pr_start[i + 1]; k++)
            c->pr_pos[M->pr_idx[k]] = k - M->pr_start[i];
    }
    return c;
}

int ordo_nc_has_base(const nc_ctx *c) { return c && c->base; }

ordo_ncmemo *ordo_nc_end(nc_ctx *c)
{
    if (!c) return NULL;
    ordo_ncmemo *rec = c->rec;
    c->rec = NULL;
    free_ctx(c);
    return rec;
}
