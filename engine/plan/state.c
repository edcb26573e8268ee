/*
** state.c -- a finished plan saved next to its outputs (DIR/state.ordo) and loaded back
** without planning again, for quotes and insertions against last night's plan (SPEC
** section 4, --base DIR).
**
** The file: the magic string and format version (8 bytes), then the payload -- the model's
** fingerprint (a hash of every array that planning reads), the plan's counts and totals,
** and its flat arrays, each as a count (-1: absent) and its bytes (exceptions packed field
** by field) -- and last a checksum of the payload. The bytes depend only on the plan:
** no timings, no thread count, no padding. The checksum is also the run's id, written at
** the head of plan.json by the same run (write.c), and a state is loaded only beside the
** plan.json of its own run, only for the model it was made from, and only when every
** count fits the file and every index is within the model's and the plan's bounds, so a
** damaged file is a located error and never a crash. Loading is a few large reads.
*/
#include "state.h"

#include "peg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- the model's fingerprint ---------------------------------------------------------------- */

typedef struct fnv { uint64_t h; } fnv;

static void fnv_add(fnv *f, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        f->h ^= b[i];
        f->h *= 0x100000001b3ull;
    }
}
#define ADD(f, arr, n) fnv_add(f, (arr), (size_t)(n) * sizeof *(arr))

/* The strings named by sid[0..n), each with its terminator: the same whatever order a
** loader interned them in (JSON by key order, HDF5 by column). */
static void add_names(fnv *f, const ordo_strpool *p, const int32_t *sid, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const char *s = ordo_str(p, sid[i]);
        fnv_add(f, s, strlen(s) + 1);
    }
}

/* The living plan's part of the model (production orders, fences, frozen zone, actions):
** nothing when the data set has none of it, so that the fingerprint of other models stays. */
static void living_fingerprint(fnv *f, const ordo_model *m)
{
    int any_fence = 0;
    for (int32_t i = 0; m->item_fence && i < m->nitem; i++) any_fence |= m->item_fence[i] != 0;
    if (m->npr == 0 && !any_fence && m->frozen_until == INT64_MIN && !m->actions) return;
    int32_t head[] = {m->npr, m->pr_op0 ? m->pr_op0[m->npr] : 0, m->actions};
    ADD(f, head, 3);
    add_names(f, &m->names, m->pr_name, m->npr);
    ADD(f, m->pr_item, m->npr), ADD(f, m->pr_due, m->npr), ADD(f, m->pr_status, m->npr), ADD(f, m->pr_qty, m->npr);
    ADD(f, m->pr_op0, m->npr + 1), ADD(f, m->pop_res, head[1]), ADD(f, m->pop_start, head[1]);
    ADD(f, m->pop_end, head[1]), ADD(f, m->pop_done, head[1]);
    if (m->item_fence) ADD(f, m->item_fence, m->nitem);
    fnv_add(f, &m->frozen_until, sizeof m->frozen_until);
    fnv_add(f, &m->act_days, sizeof m->act_days), fnv_add(f, &m->act_pct, sizeof m->act_pct);
}

static uint64_t fingerprint(const ordo_model *m)
{
    fnv f = {0xcbf29ce484222325ull};
    int32_t head[] = {m->h_start, m->h_end, m->objective, m->ncal, m->nres, m->nitem, m->nbom, m->nop, m->nalt, m->nrcpt, m->nord};
    ADD(&f, head, sizeof head / sizeof head[0]);
    add_names(&f, &m->names, m->cal_name, m->ncal), add_names(&f, &m->names, m->res_name, m->nres);
    add_names(&f, &m->names, m->item_name, m->nitem), add_names(&f, &m->names, m->rc_name, m->nrcpt);
    add_names(&f, &m->names, m->or_name, m->nord), add_names(&f, &m->names, m->or_cust, m->nord);
    for (int32_t c = 0; c < m->ncal; c++) {
        const ordo_cal *k = &m->cal[c];
        fnv_add(&f, &k->weekmask, 1);
        ADD(&f, k->sh_start, k->nshift);
        ADD(&f, k->sh_end, k->nshift);
        fnv_add(&f, &k->overtime, sizeof k->overtime);
        ADD(&f, k->hol, k->nhol);
    }
    ADD(&f, m->res_cal, m->nres), ADD(&f, m->res_units, m->nres), ADD(&f, m->res_eff, m->nres);
    ADD(&f, m->item_src, m->nitem), ADD(&f, m->item_lead, m->nitem);
    ADD(&f, m->item_insp, m->nitem), ADD(&f, m->item_cal, m->nitem), ADD(&f, m->item_on_hand, m->nitem);
    ADD(&f, m->item_safety, m->nitem), ADD(&f, m->item_yield, m->nitem), ADD(&f, m->lot_rule, m->nitem);
    ADD(&f, m->lot_qty, m->nitem), ADD(&f, m->lot_periods, m->nitem), ADD(&f, m->lot_min, m->nitem);
    ADD(&f, m->lot_mult, m->nitem), ADD(&f, m->lot_setup, m->nitem), ADD(&f, m->lot_hold, m->nitem);
    ADD(&f, m->bom_start, m->nitem + 1), ADD(&f, m->bom_child, m->nbom), ADD(&f, m->bom_qty, m->nbom);
    ADD(&f, m->bom_scrap, m->nbom), ADD(&f, m->bom_from, m->nbom), ADD(&f, m->bom_to, m->nbom);
    ADD(&f, m->rout_start, m->nitem + 1), ADD(&f, m->op_seq, m->nop), ADD(&f, m->op_alt_start, m->nop + 1);
    ADD(&f, m->alt_res, m->nalt), ADD(&f, m->alt_setup, m->nalt), ADD(&f, m->alt_run, m->nalt);
    ADD(&f, m->rc_item, m->nrcpt), ADD(&f, m->rc_date, m->nrcpt), ADD(&f, m->rc_qty, m->nrcpt);
    ADD(&f, m->or_item, m->nord), ADD(&f, m->or_due, m->nord);
    ADD(&f, m->or_design, m->nord), ADD(&f, m->or_qty, m->nord), ADD(&f, m->or_prio, m->nord);
    ADD(&f, m->or_penalty, m->nord), ADD(&f, m->or_urgent, m->nord);
    if (m->ngroup) ADD(&f, m->bom_group, m->nbom), ADD(&f, m->bom_prio, m->nbom); /* alternatives */
    if (m->nsup || m->nsubcon) { /* only then, so that other models keep their fingerprint */
        ADD(&f, m->item_subcon, m->nitem), ADD(&f, m->sup_start, m->nitem + 1), ADD(&f, m->sup_lead, m->nsup);
        ADD(&f, m->sup_cal, m->nsup), ADD(&f, m->sup_min, m->nsup), ADD(&f, m->sup_mult, m->nsup);
        ADD(&f, m->sup_share, m->nsup), add_names(&f, &m->names, m->sup_name, m->nsup);
    }
    if (m->nsite) { /* sites and transfers (sites.h): only then, as above */
        ADD(&f, m->item_site, m->nitem), ADD(&f, m->res_site, m->nres), add_names(&f, &m->names, m->site_name, m->nsite);
        if (m->item_from) ADD(&f, m->item_from, m->nitem);
    }
    living_fingerprint(&f, m);
    return f.h;
}

/* ---- the arrays of a plan, in file order --------------------------------------------------- */

typedef struct arr {
    void **p;     /* where the array pointer lives in the plan */
    size_t elem;  /* bytes per element */
    int64_t n;    /* element count */
    int required; /* every plan has it (the MRP's arrays and the order results) */
} arr;

/* The plan's arrays with their lengths (from the counts in p). dep_sup comes right after
** dep_start, whose last entry is its length. */
static int arrays(struct ordo_plan *p, arr *a)
{
    const ordo_model *m = p->model;
    int64_t npo = p->npo, nodes = (int64_t)p->npo + m->nord;
    int k = 0;
#define A(field, count, req) a[k++] = (arr){(void **)&p->field, sizeof *p->field, (count), (req)}
    A(po_item, npo, 1), A(po_qty, npo, 1), A(po_good, npo, 1), A(po_due, npo, 1), A(po_release, npo, 1);
    A(po_avail, npo, 1), A(po_moved, npo, 1), A(lnk_start, npo + 1, 1), A(lnk_need, p->nlnk, 1);
    A(lnk_qty, p->nlnk, 1), A(slnk_item, p->nslnk, 1), A(slnk_sup, p->nslnk, 1), A(slnk_need, p->nslnk, 1);
    A(slnk_qty, p->nslnk, 1), A(edge, 2 * (int64_t)p->nedge, 1);
    A(dep_start, nodes + 1, 0), A(dep_sup, p->dep_start ? p->dep_start[nodes] : 0, 0), A(dep_short, nodes, 0);
    A(op_po, p->nop, 0), A(op_k, p->nop, 0), A(op_res, p->nop, 0), A(op_start, p->nop, 0), A(op_end, p->nop, 0);
    A(po_op0, npo + 1, 0), A(po_avail_t, npo, 0);
    A(load_res, p->nload, 0), A(load_day, p->nload, 0), A(load_avail, p->nload, 0), A(load_used, p->nload, 0);
    A(ord_completion, m->nord, 1), A(ord_lateness, m->nord, 1), A(ord_status, m->nord, 1), A(exc, p->nexc, 0);
    A(op_ot, p->nop, 0); /* operations working overtime (absent: none) */
    if (m->nsup) A(po_sup, npo, 1); /* suppliers: only where the model has a supplier table */
    if (m->npr > 0) A(po_prod, npo, 1); /* only a model with production orders has it */
#undef A
    return k;
}

/* The plan's counts and totals, in file order (timings and the thread count are left out:
** the same plan gives the same bytes however long it took and on however many threads). */
enum { NSCALAR = 10 };
static void scalars_of(const struct ordo_plan *p, int64_t *s)
{
    int64_t v[NSCALAR] = {p->npo, p->nlnk, p->nslnk, p->nedge, p->nop, p->nload, p->nexc, p->mrp_only, p->late_orders,
                          p->makespan_minutes};
    memcpy(s, v, sizeof v);
}

uint64_t ordo_state_hash(uint64_t h, const void *p, size_t n)
{
    const uint64_t P = 0x100000001b3ull * 0x9e3779b1ull | 1;
    const unsigned char *b = p;
    uint64_t a[4] = {h, h ^ 0x6a09e667f3bcc909ull, h ^ 0xbb67ae8584caa73bull, h ^ 0x3c6ef372fe94f82bull};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, b + i + 8 * k, 8);
            a[k] = (a[k] ^ w) * P;
            a[k] ^= a[k] >> 29;
        }
    for (; i < n; i++) a[0] = (a[0] ^ b[i]) * P;
    uint64_t r = a[0] ^ (a[1] << 17 | a[1] >> 47) ^ (a[2] << 31 | a[2] >> 33) ^ (a[3] << 47 | a[3] >> 17);
    r = (r ^ (uint64_t)n) * P;
    return r ^ r >> 32;
}

/* A file written record by record, hashing each. */
typedef struct sink {
    FILE *f;
    uint64_t h;
    int bad;
} sink;

static void put(sink *s, const void *p, size_t n)
{
    s->h = ordo_state_hash(s->h, p, n);
    if (!s->bad && n && fwrite(p, 1, n, s->f) != n) s->bad = 1;
}

/* Exceptions field by field, packed (no padding bytes from the struct). */
enum { EXC_BYTES = 2 + 4 * 4 + 8 };
static void exc_pack(const ordo_exception *e, unsigned char *b)
{
    b[0] = e->kind, b[1] = e->ref_kind;
    memcpy(b + 2, &e->item, 4), memcpy(b + 6, &e->ref, 4), memcpy(b + 10, &e->day, 4), memcpy(b + 14, &e->day2, 4);
    memcpy(b + 18, &e->qty, 8);
}

static void exc_unpack(const unsigned char *b, ordo_exception *e)
{
    memset(e, 0, sizeof *e);
    e->kind = b[0], e->ref_kind = b[1];
    memcpy(&e->item, b + 2, 4), memcpy(&e->ref, b + 6, 4), memcpy(&e->day, b + 10, 4), memcpy(&e->day2, b + 14, 4);
    memcpy(&e->qty, b + 18, 8);
}

/* Array k's bytes: the array as it is in memory, or the exceptions packed. */
static void put_array(sink *s, const arr *a, int64_t n)
{
    if (a->elem != sizeof(ordo_exception)) {
        put(s, *a->p, (size_t)n * a->elem);
        return;
    }
    unsigned char *b = malloc((size_t)n * EXC_BYTES + 1);
    if (!b) {
        s->bad = 1;
        return;
    }
    const ordo_exception *e = *a->p;
    for (int64_t i = 0; i < n; i++) exc_pack(&e[i], b + i * EXC_BYTES);
    put(s, b, (size_t)n * EXC_BYTES);
    free(b);
}

int ordo_state_write(const struct ordo_plan *p, const char *path, uint64_t *run, char *err, size_t nerr)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, nerr, "%s: %s", path, strerror(errno));
        return -1;
    }
    sink s = {f, ORDO_STATE_HASH0, fwrite(ORDO_STATE_MAGIC, 8, 1, f) != 1};
    uint64_t fp = fingerprint(p->model);
    int64_t sc[NSCALAR];
    double total = p->total_lateness;
    scalars_of(p, sc);
    put(&s, &fp, sizeof fp);
    put(&s, sc, sizeof sc);
    put(&s, &total, sizeof total);
    arr a[40];
    int na = arrays((struct ordo_plan *)p, a);
    for (int k = 0; k < na; k++) {
        int64_t n = *a[k].p ? a[k].n : -1; /* -1: the array is absent */
        put(&s, &n, sizeof n);
        if (n >= 0) put_array(&s, &a[k], n);
    }
    uint64_t h = s.h;
    if (!s.bad && fwrite(&h, sizeof h, 1, f) != 1) s.bad = 1;
    if (fclose(f) != 0) s.bad = 1;
    if (s.bad) {
        snprintf(err, nerr, "%s: write error", path);
        return -1;
    }
    *run = h;
    return 0;
}

int ordo_state_plan_run(const char *dir, uint64_t *run)
{
    char path[4200], head[64] = "";
    snprintf(path, sizeof path, "%s/plan.json", dir);
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = 0;
    static const char key[] = "{\n  \"run\": \"";
    if (strncmp(head, key, sizeof key - 1) != 0) return 0;
    char *end;
    unsigned long long v = strtoull(head + sizeof key - 1, &end, 16);
    if (end != head + sizeof key - 1 + 16 || *end != '"') return 0;
    *run = (uint64_t)v;
    return 1;
}

/* ---- bound checks of a loaded plan ----------------------------------------------------------
** Each returns 0, or 1 with the first value out of range named in why ("op_res[4] = -1"). */
/* days and instants: dates of the data set are within 1900..9999, days computed from them
** may pass 9999 by far (lead times on sparse calendars; an operation of 1e8 minutes on a
** one-minute shift takes 1e8 days); these bounds, about 2.9 million years either way, keep
** every sum of them far from an overflow */
#define DAY_OK(d) ((d) > -(1 << 30) && (d) < (1 << 30))
#define BAD(name, i, v)                                                                                        \
    do {                                                                                                     \
        snprintf(why, nwhy, "%s[%lld] = %lld", name, (long long)(i), (long long)(v));                        \
        return 1;                                                                                            \
    } while (0)
#define QTY_OK(x) ((x) >= 0 && (x) < 1e300)
#define TIME_OK(t) ((t) > -(INT64_C(1) << 30) * 1440 && (t) < (INT64_C(1) << 30) * 1440)
#define TIME_OR(t, never) ((t) == (never) || TIME_OK(t))

/* CSR offsets start[0..n]: from 0, never decreasing, ending at total. */
static int bad_csr(const int32_t *start, int64_t n, int64_t total, const char *name, char *why, size_t nwhy)
{
    if (start[0] != 0) BAD(name, 0, start[0]);
    for (int64_t i = 0; i < n; i++)
        if (start[i + 1] < start[i]) BAD(name, i + 1, start[i + 1]);
    if (start[n] != total) BAD(name, n, start[n]);
    return 0;
}

/* The direct links: lnk_start offsets from 0, never decreasing, ending at nlnk; a planned
** order's needs are a parent planned order made before it, or a customer order (safety
** stock and backlog codes included); stock links name an item, on hand or a receipt. */
static int bad_links(const struct ordo_plan *p, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    if (p->lnk_start[0] != 0) BAD("lnk_start", 0, p->lnk_start[0]);
    for (int32_t q = 0; q < p->npo; q++)
        if (p->lnk_start[q + 1] < p->lnk_start[q]) BAD("lnk_start", q + 1, p->lnk_start[q + 1]);
    if (p->lnk_start[p->npo] != p->nlnk) BAD("lnk_start", p->npo, p->lnk_start[p->npo]);
    for (int32_t q = 0; q < p->npo; q++)
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            if (p->lnk_need[k] >= q || ORDO_LNK_ORDER_IDX(p->lnk_need[k]) >= m->nord) BAD("lnk_need", k, p->lnk_need[k]);
            if (!QTY_OK(p->lnk_qty[k])) BAD("lnk_qty", k, p->lnk_qty[k]);
        }
    for (int64_t k = 0; k < p->nslnk; k++) {
        int32_t s = p->slnk_sup[k], n = p->slnk_need[k];
        if (p->slnk_item[k] < 0 || p->slnk_item[k] >= m->nitem) BAD("slnk_item", k, p->slnk_item[k]);
        if (n >= p->npo || ORDO_LNK_ORDER_IDX(n) >= m->nord) BAD("slnk_need", k, n);
        if (s != ORDO_SUP_ONHAND && (s > ORDO_SUP_ONHAND || ORDO_SUP_RCPT_IDX(s) >= m->nrcpt)) BAD("slnk_sup", k, s);
        if (!QTY_OK(p->slnk_qty[k])) BAD("slnk_qty", k, p->slnk_qty[k]);
    }
    return 0;
}

static int bad_orders(const struct ordo_plan *p, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    for (int32_t q = 0; q < p->npo; q++) {
        if (p->po_item[q] < 0 || p->po_item[q] >= m->nitem) BAD("po_item", q, p->po_item[q]);
        if (!QTY_OK(p->po_qty[q]) || !QTY_OK(p->po_good[q])) BAD("po_qty", q, p->po_qty[q]);
        if (!DAY_OK(p->po_due[q])) BAD("po_due", q, p->po_due[q]);
        if (!DAY_OK(p->po_release[q])) BAD("po_release", q, p->po_release[q]);
        if (!DAY_OK(p->po_avail[q]) && p->po_avail[q] != INT32_MAX) BAD("po_avail", q, p->po_avail[q]); /* MAX: never */
        if (p->po_moved[q] > 1) BAD("po_moved", q, p->po_moved[q]);
        int32_t sup = p->po_sup ? p->po_sup[q] : -1, i = p->po_item[q];
        if (sup != -1 && (sup < m->sup_start[i] || sup >= m->sup_start[i + 1])) BAD("po_sup", q, sup);
        if (p->po_prod && (p->po_prod[q] < -1 || p->po_prod[q] >= m->npr)) BAD("po_prod", q, p->po_prod[q]);
    }
    if (bad_links(p, why, nwhy)) return 1;
    for (int32_t o = 0; o < m->nord; o++) {
        if (p->ord_status[o] > ORDO_ST_UNPLANNED) BAD("ord_status", o, p->ord_status[o]);
        if (!QTY_OK(p->ord_lateness[o])) BAD("ord_lateness", o, p->ord_lateness[o]);
        if (!TIME_OR(p->ord_completion[o], INT64_MIN)) BAD("ord_completion", o, p->ord_completion[o]);
    }
    return 0;
}

/* A supply in the MRP's edges and the dependency lists: a planned order, on-hand stock or
** a receipt (short: ORDO_SUP_SHORT too). */
static int sup_ok(const struct ordo_plan *p, int32_t s, int short_ok)
{
    if (s >= 0) return s < p->npo;
    if (s == ORDO_SUP_SHORT) return short_ok;
    return s == ORDO_SUP_ONHAND || (int64_t)-2 - s < p->model->nrcpt;
}

static int bad_deps(const struct ordo_plan *p, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    for (int64_t k = 0; k < p->nedge; k++) {
        int32_t node = p->edge[2 * k], s = p->edge[2 * k + 1];
        if (node >= p->npo || node < -(int64_t)m->nord) BAD("edge", 2 * k, node);
        if (!sup_ok(p, s, 1)) BAD("edge", 2 * k + 1, s);
    }
    if (!p->dep_start) return 0;
    int64_t nodes = (int64_t)p->npo + m->nord;
    if (bad_csr(p->dep_start, nodes, p->dep_start[nodes], "dep_start", why, nwhy)) return 1;
    for (int32_t j = 0; j < p->dep_start[nodes]; j++)
        if (!sup_ok(p, p->dep_sup[j], 0)) BAD("dep_sup", j, p->dep_sup[j]);
    for (int64_t v = 0; v < nodes; v++)
        if (p->dep_short[v] > 1) BAD("dep_short", v, p->dep_short[v]);
    return 0;
}

/* Operations: each of its planned order's routing, on one of its alternatives (or none, -1,
** when never scheduled), grouped by planned order as po_op0 says. */
static int bad_ops(const struct ordo_plan *p, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    const int64_t never = INT64_MAX;
    if (p->po_op0 && bad_csr(p->po_op0, p->npo, p->nop, "po_op0", why, nwhy)) return 1;
    for (int32_t q = 0; p->po_op0 && q < p->npo; q++)
        for (int32_t k = p->po_op0[q]; k < p->po_op0[q + 1]; k++)
            if (p->op_po[k] != q) BAD("op_po", k, p->op_po[k]);
    for (int32_t k = 0; k < p->nop; k++) {
        int32_t q = p->op_po[k], op = p->op_k[k], r = p->op_res[k], item = p->po_item[q];
        if (op < m->rout_start[item] || op >= m->rout_start[item + 1]) BAD("op_k", k, op);
        if (p->op_start[k] > p->op_end[k] || !TIME_OR(p->op_start[k], never) || !TIME_OR(p->op_end[k], never))
            BAD("op_start", k, p->op_start[k]);
        if (r == -1) {
            if (p->op_start[k] != never) BAD("op_res", k, r);
            continue;
        }
        int alt = 0;
        for (int32_t a = m->op_alt_start[op]; a < m->op_alt_start[op + 1]; a++) alt |= m->alt_res[a] == r;
        if (!alt) BAD("op_res", k, r);
    }
    for (int32_t q = 0; p->po_avail_t && q < p->npo; q++)
        if (!TIME_OR(p->po_avail_t[q], never)) BAD("po_avail_t", q, p->po_avail_t[q]);
    for (int32_t k = 0; p->op_ot && k < p->nop; k++)
        if (p->op_ot[k] > 1) BAD("op_ot", k, p->op_ot[k]);
    for (int32_t k = 0; k < p->nload; k++) {
        if (p->load_res[k] < 0 || p->load_res[k] >= m->nres) BAD("load_res", k, p->load_res[k]);
        if (!DAY_OK(p->load_day[k])) BAD("load_day", k, p->load_day[k]);
        int64_t most = p->load_res[k] >= 0 && p->load_res[k] < m->nres ? (int64_t)1440 * m->res_units[p->load_res[k]] : 0;
        if (p->load_avail[k] < 0 || p->load_avail[k] > most) BAD("load_avail", k, p->load_avail[k]);
        if (p->load_used[k] < 0 || p->load_used[k] > most) BAD("load_used", k, p->load_used[k]);
    }
    return 0;
}

static int bad_exceptions(const struct ordo_plan *p, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    for (int32_t k = 0; k < p->nexc; k++) {
        const ordo_exception *e = &p->exc[k];
        int32_t lim = e->ref_kind == ORDO_REF_PLANNED ? p->npo : e->ref_kind == ORDO_REF_RECEIPT ? m->nrcpt
                    : e->ref_kind == ORDO_REF_ORDER ? m->nord : e->ref_kind == ORDO_REF_PROD ? m->npr : INT32_MAX;
        if (e->kind >= ORDO_EXC_NKIND) BAD("exc.kind", k, e->kind);
        if (e->ref_kind > ORDO_REF_PROD) BAD("exc.ref_kind", k, e->ref_kind);
        if (e->item < 0 || e->item >= m->nitem) BAD("exc.item", k, e->item);
        if (lim != INT32_MAX && (e->ref < 0 || e->ref >= lim)) BAD("exc.ref", k, e->ref);
        if (!DAY_OK(e->day) || !DAY_OK(e->day2)) BAD("exc.day", k, e->day);
    }
    return 0;
}

/* Every index in a loaded plan within the model's and the plan's bounds: 0, or 1 with the
** first one that is not named in why. */
static int plan_bad(const struct ordo_plan *p, char *why, size_t nwhy)
{
    return bad_orders(p, why, nwhy) || bad_deps(p, why, nwhy) || bad_ops(p, why, nwhy) ||
           bad_exceptions(p, why, nwhy);
}
#undef BAD

/* A file read record by record, hashing each; remaining: bytes left in the file, so that no
** count asks for more memory than the file could fill. */
typedef struct source {
    FILE *f;
    uint64_t h;
    int64_t remaining;
    int bad;
} source;

static int get(source *s, void *p, size_t n)
{
    if (s->bad || (int64_t)n > s->remaining || (n && fread(p, 1, n, s->f) != n)) {
        s->bad = 1;
        return -1;
    }
    s->remaining -= (int64_t)n;
    s->h = ordo_state_hash(s->h, p, n);
    return 0;
}

/* Array a of n elements read into a new buffer (the exceptions unpacked). */
static ordo_rc get_array(source *s, arr *a, int64_t n)
{
    int exc = a->elem == sizeof(ordo_exception);
    size_t bytes = (size_t)n * (exc ? EXC_BYTES : a->elem);
    if ((int64_t)bytes > s->remaining) return ORDO_EINPUT;
    *a->p = malloc((size_t)n * a->elem + 1);
    unsigned char *b = exc ? malloc(bytes + 1) : *a->p;
    ordo_rc rc = !*a->p || !b ? ORDO_ENOMEM : get(s, b, bytes) ? ORDO_EINPUT : ORDO_OK;
    if (exc && rc == ORDO_OK)
        for (int64_t i = 0; i < n; i++) exc_unpack(b + i * EXC_BYTES, (ordo_exception *)*a->p + i);
    if (exc) free(b);
    return rc;
}

/* The counts and totals into p; ORDO_EINPUT when one is out of range. */
static ordo_rc get_scalars(source *s, struct ordo_plan *p)
{
    int64_t v[NSCALAR];
    double total;
    if (get(s, v, sizeof v) || get(s, &total, sizeof total)) return ORDO_EINPUT;
    for (int k = 0; k < 7; k++) /* counts: links 64-bit, the rest int32 */
        if (v[k] < 0 || ((k != 1 && k != 2) && v[k] > INT32_MAX)) return ORDO_EINPUT;
    if (v[7] < 0 || v[7] > 1 || v[8] < 0 || v[8] > p->model->nord || v[9] < 0 || !(total >= 0 && total < 1e300))
        return ORDO_EINPUT;
    p->npo = (int32_t)v[0], p->nlnk = v[1], p->nslnk = v[2], p->nedge = (int32_t)v[3], p->nop = (int32_t)v[4];
    p->nload = (int32_t)v[5], p->nexc = (int32_t)v[6], p->mrp_only = (int)v[7], p->late_orders = (int32_t)v[8];
    p->makespan_minutes = v[9], p->total_lateness = total, p->threads = 1;
    return ORDO_OK;
}

/* The arrays in file order; a count must match what the plan's counts say. */
static ordo_rc get_arrays(source *s, struct ordo_plan *p)
{
    arr a[40];
    int na = arrays(p, a);
    for (int k = 0; k < na; k++) {
        int64_t n;
        if (get(s, &n, sizeof n)) return ORDO_EINPUT;
        if (n == -1 && !a[k].required) continue; /* absent */
        if (n != a[k].n || n < 0) return ORDO_EINPUT;
        ordo_rc rc = get_array(s, &a[k], n);
        if (rc != ORDO_OK) return rc;
        if (a[k].p == (void **)&p->dep_start) { /* dep_sup's length follows */
            int64_t last = p->dep_start[(int64_t)p->npo + p->model->nord];
            a[k + 1].n = last >= 0 ? last : -2;
        }
    }
    if (p->nop && (!p->op_po || !p->op_k || !p->op_res || !p->op_start || !p->op_end || !p->po_op0)) return ORDO_EINPUT;
    if (p->nload && (!p->load_res || !p->load_day || !p->load_avail || !p->load_used)) return ORDO_EINPUT;
    if (p->nexc && !p->exc) return ORDO_EINPUT;
    if (!p->dep_start != !p->dep_sup || !p->dep_start != !p->dep_short) return ORDO_EINPUT;
    return ORDO_OK;
}

/* The whole file: header, payload, checksum, nothing after it. */
static ordo_rc get_state(FILE *f, struct ordo_plan *p, const char *path, char *err, size_t nerr)
{
    source s = {f, ORDO_STATE_HASH0, 0, 0};
    if (fseek(f, 0, SEEK_END) == 0) s.remaining = ftell(f);
    rewind(f);
    char magic[8];
    uint64_t fp, sum;
    if (s.remaining < 8 || fread(magic, 8, 1, f) != 1 || memcmp(magic, ORDO_STATE_MAGIC, 8) != 0) {
        snprintf(err, nerr, "%s: not a plan state of this version", path);
        return ORDO_EINPUT;
    }
    s.remaining -= 8 + (int64_t)sizeof sum; /* the payload, before the checksum */
    if (get(&s, &fp, sizeof fp)) return ORDO_EINPUT;
    if (fp != fingerprint(p->model)) {
        snprintf(err, nerr, "%s: the state belongs to another data set (plan this one first)", path);
        return ORDO_EINPUT;
    }
    ordo_rc rc = get_scalars(&s, p);
    if (rc == ORDO_OK) rc = get_arrays(&s, p);
    if (rc != ORDO_OK) return rc;
    if (s.remaining != 0 || fread(&sum, sizeof sum, 1, f) != 1 || sum != s.h) {
        snprintf(err, nerr, "%s: damaged plan state: its checksum does not match its contents", path);
        return ORDO_EINPUT;
    }
    char why[160];
    if (plan_bad(p, why, sizeof why)) {
        snprintf(err, nerr, "%s: damaged plan state: %s is out of range", path, why);
        return ORDO_EINPUT;
    }
    return ORDO_OK;
}

ordo_rc ordo_plan_load_state(const ordo_model *m, const char *dir, ordo_plan **pPlan, char *err, size_t nerr)
{
    if (!m || !dir || !pPlan) return ORDO_EMISUSE;
    *pPlan = NULL;
    if (nerr) err[0] = 0;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, ORDO_STATE_FILE);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, nerr, "%s: %s (plan with -o %s first)", path, strerror(errno), dir);
        return ORDO_EIO;
    }
    struct ordo_plan *p = calloc(1, sizeof *p);
    ordo_rc rc = p ? ORDO_OK : ORDO_ENOMEM;
    if (p) {
        p->model = m;
        rc = get_state(f, p, path, err, nerr);
    }
    fclose(f);
    uint64_t run = 0, sum = 0;
    if (rc == ORDO_OK) { /* plan.json beside it, if any, comes from the same run */
        FILE *g = fopen(path, "rb");
        int ok = g && fseek(g, -8, SEEK_END) == 0 && fread(&sum, 8, 1, g) == 1;
        if (g) fclose(g);
        int has = ordo_state_plan_run(dir, &run);
        if (!ok || (has >= 0 && (has == 0 || run != sum))) {
            snprintf(err, nerr, "%s: plan.json and state.ordo there come from different runs (plan again with -o %s)",
                     dir, dir);
            rc = ORDO_EINPUT;
        }
    }
    if (rc == ORDO_OK && ordo_peg_summarize(p)) rc = ORDO_ENOMEM; /* the per-order folds of the links */
    if (rc != ORDO_OK) {
        if (rc == ORDO_EINPUT && !err[0]) snprintf(err, nerr, "%s: damaged plan state", path);
        if (rc == ORDO_ENOMEM) snprintf(err, nerr, "out of memory");
        ordo_plan_close(p);
        return rc;
    }
    *pPlan = p;
    return ORDO_OK;
}
