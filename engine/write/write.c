/*
** write.c -- stage "write": a plan as plan.json (SPEC section 5), one CSV file per table,
** or plan.h5 with the same tables (h5table.c).
**
** Every file is written under a temporary name in the target folder and renamed only when
** all of them are complete, so a failed run leaves no half-written output.
*/
#define _POSIX_C_SOURCE 200809L
#include "plan.h"
#include "sched.h"

#include "bounds.h"
#include "dates.h"
#include "emit.h"
#include "h5table.h"
#include "ncmemo.h"
#include "peg.h"
#include "sites.h"
#include "state.h"
#include "supply.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Output through the emitter (emit.h): one buffer, JSON or CSV, errors kept until checked. */
typedef struct out {
    ordo_emit e;
    const ordo_model *m;
    uint64_t run; /* the run's id (its state's checksum), 0: none */
    ordo_pegger *peg; /* full pegging, derived while writing planned orders in order */
    const ordo_why *why; /* [nord] why each late order is late (JSON), or NULL */
    ordo_pegger *why_peg; /* the customer orders behind a why's planned orders, on demand */
} out;

static void flush_out(out *o) { ordo_emit_flush(&o->e); }
static void put_c(out *o, const char *s) { ordo_emit_cstr(&o->e, s); }
static void put_ch(out *o, char c) { ordo_emit_ch(&o->e, c); }
#define put_fmt(o, ...) ordo_emit_fmt(&(o)->e, __VA_ARGS__)
static void put_str(out *o, const char *s) { ordo_emit_str(&o->e, s); }
static void put_uint(out *o, uint64_t v) { ordo_emit_uint(&o->e, v); }
static void put_int(out *o, int64_t v) { ordo_emit_int(&o->e, v); }
static void put_num(out *o, double x) { ordo_emit_num(&o->e, x); }
static void put_date(out *o, int32_t day) { ordo_emit_date(&o->e, day); }
static void put_time(out *o, int64_t t) { ordo_emit_time(&o->e, t); }

static const char *name(const out *o, int32_t sid) { return ordo_str(&o->m->names, sid); }

/* Planned order ids: "PL-<n>", n from 1 in creation order. */
static void put_po_id(out *o, int32_t q)
{
    put_c(o, o->e.csv ? "PL-" : "\"PL-");
    put_uint(o, (uint64_t)q + 1);
    if (!o->e.csv) put_ch(o, '"');
}

static const char *status_name(int s) { return s == ORDO_ST_ON_TIME ? "on_time" : s == ORDO_ST_LATE ? "late" : "unplanned"; }

static const char *src_name(int s) { return s == ORDO_SRC_MAKE ? "make" : s == ORDO_SRC_BUY ? "buy" : "phantom"; }
/* A planned order's kind: its item's source, "subcontract" for a subcontracted item,
** "transfer" for a transfer item (sites.h). */
static const char *po_kind(const ordo_model *m, int32_t i)
{
    if (ordo_item_from(m, i) >= 0) return "transfer";
    return m->item_subcon && m->item_subcon[i] ? "subcontract" : src_name(m->item_src[i]);
}
/* Where the data set has sites: a planned order's site and, for a transfer, the site it
** moves from (null, or empty in CSV, for other orders). */
static void put_sites(out *o, int32_t i)
{
    const ordo_model *m = o->m;
    int32_t from = ordo_item_from(m, i);
    const char *site = ordo_site_name(m, ordo_item_site(m, i));
    const char *from_site = from >= 0 ? ordo_site_name(m, ordo_item_site(m, from)) : NULL;
    if (o->e.csv) {
        put_ch(o, ','), put_str(o, site ? site : "");
        put_ch(o, ','), put_str(o, from_site ? from_site : "");
        return;
    }
    put_c(o, ", \"site\": ");
    if (site) put_str(o, site);
    else put_c(o, "null");
    put_c(o, ", \"from_site\": ");
    if (from_site) put_str(o, from_site);
    else put_c(o, "null");
}
/* A production order's status name (README "Production orders"). */
static const char *prod_status(const ordo_model *m, int32_t pr)
{
    static const char *const st[] = {"firm", "released", "started"};
    return st[m->pr_status[pr]];
}
/* Where the data set has production orders: the one a planned order is and its status
** (empty for the MRP's own). CSV and HDF5; JSON names them only on those orders. */
static void put_prod_cols(out *o, const struct ordo_plan *p, int32_t q)
{
    int32_t pr = p->po_prod ? p->po_prod[q] : -1;
    put_ch(o, ','), put_str(o, pr >= 0 ? name(o, o->m->pr_name[pr]) : "");
    put_ch(o, ','), put_str(o, pr >= 0 ? prod_status(o->m, pr) : "");
}
/* A planned order's supplier lead time: its supplier's, else its item's. */
static int32_t po_lead(const ordo_model *m, const struct ordo_plan *p, int32_t q)
{
    int32_t s = ordo_po_sup(p, q);
    return s >= 0 ? m->sup_lead[s] : m->item_lead[p->po_item[q]];
}

/* ---- exception messages ---------------------------------------------------------------------- */
static void exc_ref(const out *o, const ordo_exception *e, char *b, size_t n)
{
    switch (e->ref_kind) {
    case ORDO_REF_PLANNED: snprintf(b, n, "PL-%d", e->ref + 1); break;
    case ORDO_REF_RECEIPT: snprintf(b, n, "%s", name(o, o->m->rc_name[e->ref])); break;
    case ORDO_REF_ORDER: snprintf(b, n, "%s", name(o, o->m->or_name[e->ref])); break;
    case ORDO_REF_SAFETY: snprintf(b, n, "safety_stock"); break;
    case ORDO_REF_PROD: snprintf(b, n, "%s", name(o, o->m->pr_name[e->ref])); break;
    default: b[0] = 0;
    }
}

static void exc_message(const out *o, const struct ordo_plan *p, const ordo_exception *e, char *b, size_t n)
{
    char d1[11], d2[11], ref[256];
    const ordo_model *m = o->m;
    ordo_fmt_date(e->day, d1);
    ordo_fmt_date(e->day2, d2);
    exc_ref(o, e, ref, sizeof ref);
    const char *item = name(o, m->item_name[e->item]);
    const char *what = e->ref_kind == ORDO_REF_PROD ? "production order" : "receipt";
    switch (e->kind) {
    case ORDO_EXC_RELEASE_PAST_DUE:
        snprintf(b, n, "%s of %s due %s needs %d working days of lead time and inspection: release before the horizon start, moved to %s",
                 ref, item, d1, (e->ref_kind == ORDO_REF_PLANNED ? po_lead(m, p, e->ref) : m->item_lead[e->item]) + m->item_insp[e->item], d2);
        break;
    case ORDO_EXC_SHORTAGE:
        if (e->day > m->h_end)
            snprintf(b, n, "%.12g of %s needed on %s%s%s, after the horizon end: not planned", e->qty, item, d1,
                     *ref ? " for " : "", ref);
        else if (m->item_src[e->item] != ORDO_SRC_PHANTOM)
            snprintf(b, n, "%.12g of %s needed on %s%s%s: more than %g at once, not planned", e->qty, item, d1,
                     *ref ? " for " : "", ref, ORDO_MAX_NET);
        else
            snprintf(b, n, "%.12g of phantom %s needed on %s%s%s has no components to pass to", e->qty, item, d1,
                     *ref ? " for " : "", ref);
        break;
    case ORDO_EXC_CANCEL:
        snprintf(b, n, "%s %s of %.12g %s on %s serves no need: cancel it", what, ref, e->qty, item, d1);
        break;
    case ORDO_EXC_EXPEDITE:
        snprintf(b, n, "%s %s of %.12g %s on %s is first needed on %s: expedite it", what, ref, e->qty, item, d2, d1);
        break;
    case ORDO_EXC_RESCHEDULE_OUT:
        snprintf(b, n, "%s %s of %.12g %s on %s is first needed on %s: reschedule it out", what, ref, e->qty, item, d2, d1);
        break;
    case ORDO_EXC_INCREASE:
        snprintf(b, n, "%s %s of %s on %s is the last supply and needs remain after it: increase it to %.12g", what, ref,
                 item, d1, e->qty);
        break;
    case ORDO_EXC_DECREASE:
        snprintf(b, n, "%s %s of %s on %s serves only %.12g: decrease it to that", what, ref, item, d1, e->qty);
        break;
    case ORDO_EXC_RELEASE_NOW:
        snprintf(b, n, "%s of %.12g %s due %s is to be released on %s, the horizon's first day: release it now", ref, e->qty,
                 item, d1, d2);
        break;
    case ORDO_EXC_INSIDE_FENCE:
        snprintf(b, n, "%.12g of %s needed on %s is inside its planning time fence: %s covers it at the fence, %s", e->qty,
                 item, d1, ref, d2);
        break;
    case ORDO_EXC_LATE_ORDER:
        snprintf(b, n, "order %s for %s due %s completes on %s, %.2f days late", ref, item, d1, d2, e->qty);
        break;
    case ORDO_EXC_BELOW_SAFETY:
        snprintf(b, n, "projected available of %s falls %.12g under its safety stock %.12g on %s", item, e->qty,
                 m->item_safety[e->item], d1);
        break;
    default: b[0] = 0;
    }
}

/* ---- JSON ------------------------------------------------------------------------------------ */
static void json_summary(out *o, const struct ordo_plan *p, double seconds_load, double seconds_write)
{
    int32_t on_time = 0;
    for (int32_t k = 0; k < o->m->nord; k++) on_time += p->ord_status[k] == ORDO_ST_ON_TIME;
    put_fmt(o, "  \"summary\": {\"orders\": %d, \"late_orders\": %d, \"total_lateness_days\": ", o->m->nord, p->late_orders);
    put_num(o, p->total_lateness);
    put_fmt(o, ", \"on_time_orders\": %d, \"on_time_rate\": ", on_time);
    put_num(o, o->m->nord ? (double)on_time / o->m->nord : 1.0);
    put_fmt(o, ", \"overtime_minutes\": %lld", (long long)ordo_sched_overtime_minutes(p));
    put_fmt(o, ", \"makespan_minutes\": %lld, \"planned_orders\": %d, \"exceptions\": %d, \"threads\": %d,\n",
            (long long)p->makespan_minutes, p->npo, p->nexc, p->threads);
    if (p->exact_status != ORDO_EXACT_NOT_RUN) {
        put_fmt(o, "              \"exact\": {\"optimal\": %s, \"gap\": ", p->exact_status == ORDO_EXACT_OPTIMAL ? "true" : "false");
        put_num(o, p->exact_gap);
        put_c(o, ", \"lower_bound_minutes\": ");
        put_num(o, p->exact_bound);
        put_c(o, "},\n");
    }
    put_fmt(o, "              \"seconds\": {\"load\": %.3f, \"mrp\": %.3f, \"schedule\": %.3f, \"write\": %.3f}}\n",
            seconds_load, p->seconds_mrp, p->seconds_schedule, seconds_write);
}

/* Why an order is late: {"binding": material|capacity|design|fence, "by": item or resource,
** "supply" (material: the planned order or receipt that binds), "instead" (capacity: the
** customer orders of the operation that ran there just before), "path" (planned orders
** walked from the order's supply to the cause)}. */
static void json_why(out *o, const struct ordo_plan *p, const ordo_why *w)
{
    const ordo_model *m = o->m;
    static const char *const kind[] = {"none", "material", "capacity", "design", "fence"};
    put_c(o, ", \"why\": {\"binding\": ");
    put_str(o, kind[w->kind]);
    put_c(o, ", \"by\": ");
    if (w->kind == ORDO_WHY_CAPACITY)
        put_str(o, name(o, m->res_name[w->res]));
    else
        put_str(o, w->item >= 0 ? name(o, m->item_name[w->item]) : "");
    if (w->kind == ORDO_WHY_MATERIAL && w->supply >= 0) put_c(o, ", \"supply\": "), put_po_id(o, w->supply);
    if (w->kind == ORDO_WHY_MATERIAL && w->supply <= ORDO_SUP_RCPT(0) && w->supply != ORDO_SUP_SHORT)
        put_c(o, ", \"supply\": "), put_str(o, name(o, m->rc_name[ORDO_SUP_RCPT_IDX(w->supply)]));
    if (w->kind == ORDO_WHY_CAPACITY && w->before >= 0) { /* at most 8 of its customer orders */
        put_c(o, ", \"instead\": {\"order\": ");
        put_po_id(o, w->before);
        put_c(o, ", \"for\": [");
        const int32_t *ref = NULL;
        const double *qty = NULL;
        int64_t np = 0;
        if (!o->why_peg && !(o->why_peg = ordo_pegger_new(p))) o->e.err = 1;
        if (o->why_peg && ordo_pegger_get(o->why_peg, w->before, &ref, &qty, &np)) o->e.err = 1, np = 0;
        for (int64_t j = 0, n = 0; j < np && n < 8; j++) {
            if (ref[j] < 0) continue;
            put_c(o, n++ ? ", " : "");
            put_str(o, name(o, m->or_name[ref[j]]));
        }
        put_c(o, "]}");
    }
    put_c(o, ", \"path\": [");
    for (int32_t i = 0; i < w->npath; i++) {
        if (i) put_c(o, ", ");
        put_po_id(o, w->path[i]);
    }
    put_c(o, "]}");
}

/* Customer orders [k0, k1) under key. */
static void json_order_list(out *o, const struct ordo_plan *p, const char *key, int32_t k0, int32_t k1)
{
    const ordo_model *m = o->m;
    put_fmt(o, "  \"%s\": [", key);
    for (int32_t k = k0; k < k1; k++) {
        put_c(o, k > k0 ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_str(o, name(o, m->or_name[k]));
        put_c(o, ", \"item\": ");
        put_str(o, name(o, m->item_name[m->or_item[k]]));
        put_c(o, ", \"qty\": ");
        put_num(o, m->or_qty[k]);
        put_c(o, ", \"due\": ");
        put_date(o, m->or_due[k]);
        put_c(o, ", \"completion\": ");
        put_time(o, p->ord_completion[k]);
        put_c(o, ", \"lateness_days\": ");
        put_num(o, p->ord_lateness[k]);
        put_c(o, ", \"status\": ");
        put_str(o, status_name(p->ord_status[k]));
        if (o->why && o->why[k].kind != ORDO_WHY_NONE) json_why(o, p, &o->why[k]);
        put_ch(o, '}');
    }
    put_c(o, k1 > k0 ? "\n  ],\n" : "],\n");
}

static void json_orders(out *o, const struct ordo_plan *p) { json_order_list(o, p, "orders", 0, o->m->nord); }

/* An insertion's new orders and the orders whose completion moved (SPEC section 5). */
/* How an inserted order went in (ORDO_INSERT_*), as plan.json and insertion.csv name it. */
static const char *method_name(int meth)
{
    static const char *const methods[] = {"best", "gaps", "append", "right_shift", "glpk_window", "redispatch"};
    return methods[meth >= 0 && meth < 6 ? meth : 1];
}

static void json_insertion(out *o, const struct ordo_plan *p)
{
    json_order_list(o, p, "inserted", p->ins_first, p->ins_first + p->nins);
    put_c(o, "  \"insertion\": [");
    for (int32_t k = 0; k < p->nins; k++) {
        int meth = p->ins_method ? p->ins_method[k] : 1;
        put_c(o, k ? ",\n    {\"order\": " : "\n    {\"order\": ");
        put_str(o, name(o, o->m->or_name[p->ins_first + k]));
        put_fmt(o, ", \"method\": \"%s\", \"mip_gap\": ", method_name(meth));
        put_num(o, p->ins_gap ? p->ins_gap[k] : 0);
        put_fmt(o, ", \"max_slip_refused\": %s, \"overtime_minutes\": %lld}", p->ins_limited && p->ins_limited[k] ? "true" : "false",
                (long long)(p->ins_ot ? p->ins_ot[k] : 0));
    }
    put_c(o, p->nins ? "\n  ],\n" : "],\n");
    put_c(o, "  \"disturbed\": [");
    for (int32_t k = 0; k < p->ndist; k++) {
        put_c(o, k ? ",\n    {\"order\": " : "\n    {\"order\": ");
        put_str(o, name(o, o->m->or_name[p->dist_order[k]]));
        put_c(o, ", \"old\": ");
        put_time(o, p->dist_old[k]);
        put_c(o, ", \"new\": ");
        put_time(o, p->dist_new[k]);
        put_ch(o, '}');
    }
    put_c(o, p->ndist ? "\n  ],\n" : "],\n");
}

/* ---- pegging ------------------------------------------------------------------------------ */
/* Full pegging of planned order q (derived now, in increasing q): n entries; 0 when out of
** memory, which fails the write. */
static int64_t full_pegs(out *o, const struct ordo_plan *p, int32_t q, const int32_t **ref, const double **qty)
{
    int64_t n = 0;
    if (!o->peg && !(o->peg = ordo_pegger_new(p))) o->e.err = 1;
    if (o->peg && ordo_pegger_get(o->peg, q, ref, qty, &n)) o->e.err = 1, n = 0;
    return o->e.err ? 0 : n;
}

static const char *peg_name(const out *o, int32_t ref)
{
    return ref == ORDO_PEG_SAFETY ? "safety_stock" : name(o, o->m->or_name[ref]);
}

/* One direct link in JSON: the customer order (or safety stock) or the parent planned order
** that link k serves, or a backlog. */
static void json_link(out *o, const struct ordo_plan *p, int64_t k)
{
    int32_t need = p->lnk_need[k];
    if (need >= 0) {
        put_c(o, "{\"supply_of\": ");
        put_po_id(o, need);
    } else if (need == ORDO_LNK_BACKLOG) {
        put_c(o, "{\"backlog\": true");
    } else {
        put_c(o, "{\"order\": ");
        put_str(o, peg_name(o, need == ORDO_LNK_SAFETY ? ORDO_PEG_SAFETY : ORDO_LNK_ORDER_IDX(need)));
    }
    put_c(o, ", \"qty\": ");
    put_num(o, p->lnk_qty[k]);
    put_ch(o, '}');
}

static void json_pegging(out *o, const struct ordo_plan *p, int32_t q)
{
    if (p->peg_mode == ORDO_PEGGING_NONE) return;
    put_c(o, ", \"pegging\": [");
    if (p->peg_mode == ORDO_PEGGING_DIRECT) {
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            if (k > p->lnk_start[q]) put_c(o, ", ");
            json_link(o, p, k);
        }
    } else {
        const int32_t *ref;
        const double *qty;
        int64_t n = full_pegs(o, p, q, &ref, &qty);
        for (int64_t k = 0; k < n; k++) {
            put_c(o, k ? ", {\"order\": " : "{\"order\": ");
            put_str(o, peg_name(o, ref[k]));
            put_c(o, ", \"qty\": ");
            put_num(o, qty[k]);
            put_ch(o, '}');
        }
    }
    put_c(o, "]");
}

static void json_planned(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    put_c(o, "  \"planned_orders\": [");
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        put_c(o, q ? ",\n    {\"id\": " : "\n    {\"id\": ");
        put_po_id(o, q);
        put_c(o, ", \"item\": ");
        put_str(o, name(o, m->item_name[i]));
        put_c(o, ", \"kind\": ");
        put_str(o, po_kind(m, i));
        if (m->nsup) { /* only where a supplier table exists */
            put_c(o, ", \"supplier\": ");
            if (ordo_po_sup(p, q) >= 0) put_str(o, ordo_sup_name(m, ordo_po_sup(p, q)));
            else put_c(o, "null");
        }
        if (m->nsite) put_sites(o, i); /* only where a sites table exists */
        put_c(o, ", \"qty\": ");
        put_num(o, p->po_qty[q]);
        put_c(o, ", \"good_qty\": ");
        put_num(o, p->po_good[q]);
        put_c(o, ", \"release\": ");
        put_date(o, p->po_release[q]);
        put_c(o, ", \"due\": ");
        put_date(o, p->po_due[q]);
        put_c(o, ", \"available\": ");
        put_time(o, p->po_avail_t[q] == INT64_MAX ? INT64_MIN : p->po_avail_t[q]);
        if (p->po_prod && p->po_prod[q] >= 0) { /* a production order already in the shop */
            put_c(o, ", \"production_order\": ");
            put_str(o, name(o, m->pr_name[p->po_prod[q]]));
            put_fmt(o, ", \"status\": \"%s\"", prod_status(m, p->po_prod[q]));
        }
        json_pegging(o, p, q);
        put_ch(o, '}');
    }
    ordo_pegger_free(o->peg);
    o->peg = NULL;
    put_c(o, p->npo ? "\n  ],\n" : "],\n");
}

static void json_requisitions(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    int first = 1;
    put_c(o, "  \"purchase_requisitions\": [");
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        if (m->item_src[i] != ORDO_SRC_BUY) continue;
        put_c(o, first ? "\n    {\"id\": " : ",\n    {\"id\": ");
        first = 0;
        put_po_id(o, q);
        put_c(o, ", \"item\": ");
        put_str(o, name(o, m->item_name[i]));
        put_c(o, ", \"qty\": ");
        put_num(o, p->po_qty[q]);
        put_c(o, ", \"order_by\": ");
        put_date(o, p->po_release[q]);
        put_c(o, ", \"need_date\": ");
        put_date(o, p->po_due[q]);
        if (m->nsup) { /* only where a supplier table exists; null for an item without */
            put_c(o, ", \"supplier\": ");
            if (ordo_po_sup(p, q) >= 0) put_str(o, ordo_sup_name(m, ordo_po_sup(p, q)));
            else put_c(o, "null");
        }
        put_fmt(o, ", \"supplier_lead_days\": %d, \"inspection_days\": %d, \"late\": %s}", po_lead(m, p, q),
                m->item_insp[i], p->po_moved[q] ? "true" : "false");
    }
    put_c(o, first ? "],\n" : "\n  ],\n");
}

static void json_exceptions(out *o, const struct ordo_plan *p)
{
    char ref[256], msg[1024];
    put_c(o, "  \"exceptions\": [");
    for (int32_t k = 0; k < p->nexc; k++) {
        const ordo_exception *e = &p->exc[k];
        exc_ref(o, e, ref, sizeof ref);
        exc_message(o, p, e, msg, sizeof msg);
        put_c(o, k ? ",\n    {\"kind\": " : "\n    {\"kind\": ");
        put_str(o, ordo_exc_name(e->kind));
        put_c(o, ", \"item\": ");
        put_str(o, name(o, o->m->item_name[e->item]));
        put_c(o, ", \"ref\": ");
        if (*ref)
            put_str(o, ref);
        else
            put_c(o, "null");
        put_c(o, ", \"date\": ");
        put_date(o, e->day);
        put_c(o, ", \"qty\": ");
        put_num(o, e->qty);
        put_c(o, ", \"message\": ");
        put_str(o, msg);
        put_ch(o, '}');
    }
    put_c(o, p->nexc ? "\n  ],\n" : "],\n");
}

static void json_operations(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    int first = 1;
    put_c(o, "  \"operations\": [");
    for (int32_t k = 0; k < p->nop; k++) {
        if (p->op_start[k] == INT64_MAX) continue;
        int32_t q = p->op_po[k];
        put_c(o, first ? "\n    {\"order\": " : ",\n    {\"order\": ");
        first = 0;
        put_po_id(o, q);
        put_c(o, ", \"item\": ");
        put_str(o, name(o, m->item_name[p->po_item[q]]));
        put_c(o, ", \"seq\": ");
        put_int(o, m->op_seq[p->op_k[k]]);
        put_c(o, ", \"resource\": ");
        put_str(o, name(o, m->res_name[p->op_res[k]]));
        put_c(o, ", \"start\": ");
        put_time(o, p->op_start[k]);
        put_c(o, ", \"end\": ");
        put_time(o, p->op_end[k]);
        put_c(o, ", \"qty\": ");
        put_num(o, p->po_qty[q]);
        if (p->op_ot && p->op_ot[k]) put_c(o, ", \"overtime\": true");
        put_ch(o, '}');
    }
    put_c(o, first ? "],\n" : "\n  ],\n");
}

static void json_load(out *o, const struct ordo_plan *p)
{
    put_c(o, "  \"load\": [");
    for (int32_t k = 0; k < p->nload; k++) {
        put_c(o, k ? ",\n    {\"resource\": " : "\n    {\"resource\": ");
        put_str(o, name(o, o->m->res_name[p->load_res[k]]));
        put_c(o, ", \"date\": ");
        put_date(o, p->load_day[k]);
        put_c(o, ", \"available_minutes\": ");
        put_int(o, p->load_avail[k]);
        put_c(o, ", \"load_minutes\": ");
        put_int(o, p->load_used[k]);
        put_c(o, p->load_used[k] > p->load_avail[k] ? ", \"overload\": true}" : ", \"overload\": false}");
    }
    put_c(o, p->nload ? "\n  ],\n" : "],\n");
}

static void write_json(out *o, const struct ordo_plan *p, double seconds_load, double seconds_write)
{
    /* The summary comes last so that it can report the time the rest took to write. */
    double t0 = ordo_now();
    ordo_why *why = malloc(((size_t)o->m->nord + 1) * sizeof *why);
    if (why && ordo_sched_why(p, why) == 0) o->why = why;
    if (!o->why) o->e.err = 1; /* out of memory: the write fails */
    put_c(o, "{\n");
    if (o->run) put_fmt(o, "  \"run\": \"%016llx\",\n", (unsigned long long)o->run); /* first: read by --base */
    json_orders(o, p);
    json_planned(o, p);
    json_requisitions(o, p);
    json_exceptions(o, p);
    json_operations(o, p);
    json_load(o, p);
    if (p->nins) json_insertion(o, p);
    if (p->changes_json) { /* a re-plan's changes against its base (ordo_plan_replan) */
        put_c(o, "  \"changes\": ");
        put_c(o, p->changes_json);
        put_c(o, ",\n");
    }
    json_summary(o, p, seconds_load, seconds_write + ordo_now() - t0);
    put_c(o, "}\n");
    o->why = NULL;
    free(why);
    ordo_pegger_free(o->why_peg);
    o->why_peg = NULL;
}

/* ---- CSV --------------------------------------------------------------------------------------- */
static void csv_orders(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    put_c(o, "id,item,qty,due,completion,lateness_days,status\n");
    for (int32_t k = 0; k < m->nord; k++) {
        put_str(o, name(o, m->or_name[k]));
        put_ch(o, ',');
        put_str(o, name(o, m->item_name[m->or_item[k]]));
        put_ch(o, ',');
        put_num(o, m->or_qty[k]);
        put_ch(o, ',');
        put_date(o, m->or_due[k]);
        put_ch(o, ',');
        put_time(o, p->ord_completion[k]);
        put_ch(o, ',');
        put_num(o, p->ord_lateness[k]);
        put_fmt(o, ",%s\n", status_name(p->ord_status[k]));
    }
}

static void csv_planned(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    put_c(o, m->nsup ? "id,item,kind,qty,good_qty,release,due,available,supplier" : "id,item,kind,qty,good_qty,release,due,available");
    put_c(o, m->nsite ? ",site,from_site" : "");
    put_c(o, m->npr > 0 ? ",production_order,status\n" : "\n");
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        put_po_id(o, q);
        put_ch(o, ',');
        put_str(o, name(o, m->item_name[i]));
        put_fmt(o, ",%s,", po_kind(m, i));
        put_num(o, p->po_qty[q]);
        put_ch(o, ',');
        put_num(o, p->po_good[q]);
        put_ch(o, ',');
        put_date(o, p->po_release[q]);
        put_ch(o, ',');
        put_date(o, p->po_due[q]);
        put_ch(o, ',');
        put_time(o, p->po_avail_t[q] == INT64_MAX ? INT64_MIN : p->po_avail_t[q]);
        if (m->nsup) put_ch(o, ','), put_str(o, ordo_po_sup(p, q) >= 0 ? ordo_sup_name(m, ordo_po_sup(p, q)) : "");
        if (m->nsite) put_sites(o, i);
        if (m->npr > 0) put_prod_cols(o, p, q);
        put_ch(o, '\n');
    }
}

/* Direct links: planned_order,order,supply_of,qty with one of order (a customer order,
** safety_stock or backlog) and supply_of (the parent planned order) empty. */
static void csv_links(out *o, const struct ordo_plan *p)
{
    put_c(o, "planned_order,order,supply_of,qty\n");
    for (int32_t q = 0; q < p->npo; q++)
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            int32_t need = p->lnk_need[k];
            put_po_id(o, q);
            put_ch(o, ',');
            if (need >= 0) {
                put_ch(o, ',');
                put_po_id(o, need);
            } else {
                put_str(o, need == ORDO_LNK_BACKLOG ? "backlog"
                                                    : peg_name(o, need == ORDO_LNK_SAFETY ? ORDO_PEG_SAFETY : ORDO_LNK_ORDER_IDX(need)));
                put_ch(o, ',');
            }
            put_ch(o, ',');
            put_num(o, p->lnk_qty[k]);
            put_ch(o, '\n');
        }
}

/* Full pegging (planned_order,order,qty), direct links, or the header alone (--pegging none). */
static void csv_pegging(out *o, const struct ordo_plan *p)
{
    if (p->peg_mode == ORDO_PEGGING_DIRECT) {
        csv_links(o, p);
        return;
    }
    put_c(o, "planned_order,order,qty\n");
    for (int32_t q = 0; p->peg_mode == ORDO_PEGGING_FULL && q < p->npo; q++) {
        const int32_t *ref;
        const double *qty;
        int64_t n = full_pegs(o, p, q, &ref, &qty);
        for (int64_t k = 0; k < n; k++) {
            put_po_id(o, q);
            put_ch(o, ',');
            put_str(o, peg_name(o, ref[k]));
            put_ch(o, ',');
            put_num(o, qty[k]);
            put_ch(o, '\n');
        }
    }
    ordo_pegger_free(o->peg);
    o->peg = NULL;
}

static void csv_exceptions(out *o, const struct ordo_plan *p)
{
    char ref[256], msg[1024];
    put_c(o, "kind,item,ref,date,qty,message\n");
    for (int32_t k = 0; k < p->nexc; k++) {
        const ordo_exception *e = &p->exc[k];
        exc_ref(o, e, ref, sizeof ref);
        exc_message(o, p, e, msg, sizeof msg);
        put_fmt(o, "%s,", ordo_exc_name(e->kind));
        put_str(o, name(o, o->m->item_name[e->item]));
        put_ch(o, ',');
        put_str(o, ref);
        put_ch(o, ',');
        put_date(o, e->day);
        put_ch(o, ',');
        put_num(o, e->qty);
        put_ch(o, ',');
        put_str(o, msg);
        put_ch(o, '\n');
    }
}

static void csv_summary(out *o, const struct ordo_plan *p, double seconds_load, double seconds_write)
{
    put_c(o, "orders,late_orders,total_lateness_days,makespan_minutes,planned_orders,exceptions,"
          "seconds_load,seconds_mrp,seconds_schedule,seconds_write\n");
    put_fmt(o, "%d,%d,", o->m->nord, p->late_orders);
    put_num(o, p->total_lateness);
    put_fmt(o, ",%lld,%d,%d,%.3f,%.3f,%.3f,%.3f\n", (long long)p->makespan_minutes, p->npo, p->nexc,
            seconds_load, p->seconds_mrp, p->seconds_schedule, seconds_write);
}

static void csv_operations(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    put_c(o, "order,item,seq,resource,start,end,qty,overtime\n");
    for (int32_t k = 0; k < p->nop; k++) {
        if (p->op_start[k] == INT64_MAX) continue;
        int32_t q = p->op_po[k];
        put_po_id(o, q);
        put_ch(o, ',');
        put_str(o, name(o, m->item_name[p->po_item[q]]));
        put_ch(o, ',');
        put_int(o, m->op_seq[p->op_k[k]]);
        put_ch(o, ',');
        put_str(o, name(o, m->res_name[p->op_res[k]]));
        put_ch(o, ',');
        put_time(o, p->op_start[k]);
        put_ch(o, ',');
        put_time(o, p->op_end[k]);
        put_ch(o, ',');
        put_num(o, p->po_qty[q]);
        put_c(o, p->op_ot && p->op_ot[k] ? ",true\n" : ",false\n");
    }
}

/* Purchase requisitions, the columns of plan.json's (late: true or false). */
static void csv_requisitions(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    put_c(o, m->nsup ? "id,item,qty,order_by,need_date,supplier_lead_days,inspection_days,late,supplier\n"
                     : "id,item,qty,order_by,need_date,supplier_lead_days,inspection_days,late\n");
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        if (m->item_src[i] != ORDO_SRC_BUY) continue;
        put_po_id(o, q);
        put_ch(o, ',');
        put_str(o, name(o, m->item_name[i]));
        put_ch(o, ',');
        put_num(o, p->po_qty[q]);
        put_ch(o, ',');
        put_date(o, p->po_release[q]);
        put_ch(o, ',');
        put_date(o, p->po_due[q]);
        put_fmt(o, ",%d,%d,%s", po_lead(m, p, q), m->item_insp[i], p->po_moved[q] ? "true" : "false");
        if (m->nsup) put_ch(o, ','), put_str(o, ordo_po_sup(p, q) >= 0 ? ordo_sup_name(m, ordo_po_sup(p, q)) : "");
        put_ch(o, '\n');
    }
}

/* Load per resource and day; overload: true where the load exceeds the available minutes. */
static void csv_load(out *o, const struct ordo_plan *p)
{
    put_c(o, "resource,date,available_minutes,load_minutes,overload\n");
    for (int32_t k = 0; k < p->nload; k++) {
        put_str(o, name(o, o->m->res_name[p->load_res[k]]));
        put_ch(o, ',');
        put_date(o, p->load_day[k]);
        put_ch(o, ',');
        put_int(o, p->load_avail[k]);
        put_ch(o, ',');
        put_int(o, p->load_used[k]);
        put_c(o, p->load_used[k] > p->load_avail[k] ? ",true\n" : ",false\n");
    }
}

/* An insertion's results (plan.json "insertion" and "disturbed"); header only for a plan
** that inserted nothing. */
static void csv_insertion(out *o, const struct ordo_plan *p)
{
    put_c(o, "order,method,mip_gap,max_slip_refused,overtime_minutes\n");
    for (int32_t k = 0; k < p->nins; k++) {
        int meth = p->ins_method ? p->ins_method[k] : 1;
        put_str(o, name(o, o->m->or_name[p->ins_first + k]));
        put_ch(o, ',');
        put_c(o, method_name(meth));
        put_ch(o, ',');
        put_num(o, p->ins_gap ? p->ins_gap[k] : 0);
        put_c(o, p->ins_limited && p->ins_limited[k] ? ",true," : ",false,");
        put_int(o, p->ins_ot ? p->ins_ot[k] : 0);
        put_ch(o, '\n');
    }
}

static void csv_disturbed(out *o, const struct ordo_plan *p)
{
    put_c(o, "order,old,new\n");
    for (int32_t k = 0; k < p->ndist; k++) {
        put_str(o, name(o, o->m->or_name[p->dist_order[k]]));
        put_ch(o, ',');
        put_time(o, p->dist_old[k]);
        put_ch(o, ',');
        put_time(o, p->dist_new[k]);
        put_ch(o, '\n');
    }
}

/* ---- files ------------------------------------------------------------------------------------- */
/* A table: its CSV file, its HDF5 dataset with the column types there (string, float64,
** int64), and its writer. */
typedef struct table {
    const char *file, *dataset, *h5_types;
    void (*write)(out *o, const struct ordo_plan *p);
} table;

static const table csv_tables[] = {
    {"orders.csv", "orders", "ssfssfs", csv_orders},
    {"planned_orders.csv", "planned_orders", "sssffsss", csv_planned},
    {"pegging.csv", "pegging", "ssf", csv_pegging},
    {"exceptions.csv", "exceptions", "ssssfs", csv_exceptions},
    {"purchase_requisitions.csv", "purchase_requisitions", "ssfssiis", csv_requisitions},
    {"operations.csv", "operations", "ssisssfs", csv_operations},
    {"load.csv", "load", "ssiis", csv_load},
    {"insertion.csv", "insertion", "ssfsi", csv_insertion},
    {"disturbed.csv", "disturbed", "sss", csv_disturbed},
};
#define NCSV (sizeof csv_tables / sizeof csv_tables[0])

/* Create folder dir and any missing parents (like mkdir -p). */
static int make_dir(const char *dir, char *err, size_t nerr)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        snprintf(err, nerr, "%s: not a folder", dir);
        return -1;
    }
    char path[4096];
    size_t n = strlen(dir);
    if (n >= sizeof path) {
        snprintf(err, nerr, "%s: path too long", dir);
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t k = 1; k <= n; k++) {
        if (path[k] != '/' && path[k] != 0) continue;
        char c = path[k];
        path[k] = 0;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            snprintf(err, nerr, "%s: %s", path, strerror(errno));
            return -1;
        }
        path[k] = c;
    }
    return 0;
}

/* ---- a run's files -------------------------------------------------------------------------
** Every file of a run is written under DIR/.NAME.tmp and flushed to disk; only when all are
** complete are they renamed, in list order: the state first, the plan last, so a crash
** leaves either the old files, or a new state beside an old plan, which --base refuses as
** their run ids differ. Temporaries that a killed run left are removed by the next one. */
enum { MAXFILES = NCSV + 3 }; /* the memo, the state, the CSV tables and summary */
typedef struct run_files {
    const char *dir;
    int n;
    const char *name[MAXFILES];
    char tmp[MAXFILES][4096];
} run_files;

/* Every name a run may write (for the stale temporaries of any format). */
static const char *const all_names[] = {ORDO_NCMEMO_FILE, ORDO_STATE_FILE, "plan.json", "plan.h5", "summary.csv", "orders.csv",
                                        "planned_orders.csv", "pegging.csv", "exceptions.csv", "operations.csv",
                                        "load.csv"};

static void tmp_name(const char *dir, const char *name, char *tmp, size_t ntmp)
{
    snprintf(tmp, ntmp, "%s/.%s.tmp", dir, name);
}

static void remove_stale(const char *dir)
{
    char tmp[4200];
    for (size_t k = 0; k < sizeof all_names / sizeof all_names[0]; k++) {
        tmp_name(dir, all_names[k], tmp, sizeof tmp);
        unlink(tmp);
        snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, all_names[k]); /* the names of earlier versions */
        unlink(tmp);
    }
}

/* The next file of the run: its temporary name. */
static const char *add_file(run_files *r, const char *name)
{
    r->name[r->n] = name;
    tmp_name(r->dir, name, r->tmp[r->n], sizeof r->tmp[r->n]);
    return r->tmp[r->n++];
}

/* A closed file's bytes on disk: 0, or -1. */
static int sync_path(const char *path, int dir)
{
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    return rc;
}

/* Sync every file, then rename them in order and sync the folder; on failure (rc != 0 on
** entry too) every temporary left is removed. */
static int run_commit(run_files *r, int rc, char *err, size_t nerr)
{
    for (int k = 0; k < r->n && rc == 0; k++)
        if (sync_path(r->tmp[k], 0) != 0) {
            snprintf(err, nerr, "%s: %s", r->tmp[k], strerror(errno));
            rc = -1;
        }
    char fin[4200];
    for (int k = 0; k < r->n; k++) {
        snprintf(fin, sizeof fin, "%s/%s", r->dir, r->name[k]);
        if (rc == 0 && rename(r->tmp[k], fin) != 0) {
            snprintf(err, nerr, "%s: %s", fin, strerror(errno));
            rc = -1;
        }
        if (rc != 0) unlink(r->tmp[k]);
    }
    if (rc == 0 && r->n && sync_path(r->dir, 1) != 0) {
        snprintf(err, nerr, "%s: %s", r->dir, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* The folder of a run: named, created, its stale temporaries removed. */
static ordo_rc run_dir(const char *dir, char *err, size_t nerr)
{
    if (!dir[0]) { /* not the root folder, nor the working folder: a mistake */
        snprintf(err, nerr, "an empty output folder name");
        return ORDO_EINPUT;
    }
    if (strlen(dir) > 4000) {
        snprintf(err, nerr, "%.60s...: path too long", dir);
        return ORDO_EIO;
    }
    if (make_dir(dir, err, nerr)) return ORDO_EIO;
    remove_stale(dir);
    return ORDO_OK;
}

static int close_checked(FILE *f, const char *tmp, char *err, size_t nerr)
{
    int bad = ferror(f);
    if (fclose(f) != 0) bad = 1;
    if (bad) snprintf(err, nerr, "%s: write error", tmp);
    return bad ? -1 : 0;
}

/* File k of a JSON (one file) or CSV (the tables, then the summary) output. */
static const char *out_file(ordo_format format, size_t k)
{
    return format == ORDO_FORMAT_JSON ? "plan.json" : k < NCSV ? csv_tables[k].file : "summary.csv";
}

/* The summary's column types in HDF5 (as in the table list). */
#define H5_SUMMARY_TYPES "iifiiiffff"

/* One table written by `write` into memory, then added to the HDF5 file; without a writer,
** the summary, whose values also become attributes of the root group. */
static int h5_table(out *po, const struct ordo_plan *p, long long h5, const char *name,
                    void (*write)(out *o, const struct ordo_plan *p), const char *types, double seconds_load,
                    double elapsed)
{
    out o = {.m = po->m, .run = po->run};
    if (ordo_emit_init(&o.e, NULL, 1 << 16)) return -1;
    o.e.csv = 1;
    if (write)
        write(&o, p);
    else
        csv_summary(&o, p, seconds_load, elapsed);
    size_t len = 0;
    char *text = ordo_emit_take(&o.e, &len);
    ordo_emit_free(&o.e);
    int rc = text ? ordo_h5_table_from_csv(h5, name, text, len, types) : -1;
    if (rc == 0 && !write) rc = ordo_h5_root_attrs_from_csv(h5, text, len);
    free(text);
    return rc;
}

/* x as the CSV writer prints it, read back (the HDF5 tables hold the values of the CSV files). */
static double csv_value(double x)
{
    char b[64];
    ordo_emit t = {NULL, b, 0, sizeof b - 1, 1, 0}; /* a number never outgrows b */
    ordo_emit_num(&t, x);
    b[t.len] = 0;
    return strtod(b, NULL);
}

#define H5_PEG_ROWS 65536

/* Full pegging as the HDF5 table "pegging" (planned_order, order, qty, as pegging.csv),
** derived and written H5_PEG_ROWS rows at a time, so that it is never held whole.
** 0, or -1. */
static int h5_pegging_full(out *o, const struct ordo_plan *p, long long h5)
{
    const ordo_model *m = o->m;
    char id[32];
    size_t width[3] = {(size_t)snprintf(id, sizeof id, "PL-%d", p->npo > 0 ? p->npo : 1), strlen("safety_stock"), 8};
    for (int32_t k = 0; k < m->nord; k++)
        if (strlen(name(o, m->or_name[k])) > width[1]) width[1] = strlen(name(o, m->or_name[k]));
    static const char *const cols[3] = {"planned_order", "order", "qty"};
    size_t off[3], rs, n = 0, done = 0;
    long long ty = ordo_h5_row_type(cols, "ssf", width, 3, off, &rs);
    long long ds = ty < 0 ? -1 : ordo_h5_stream_open(h5, "pegging", ty);
    char *rows = ds < 0 ? NULL : malloc(H5_PEG_ROWS * rs);
    int rc = rows ? 0 : -1;
    for (int32_t q = 0; rc == 0 && q < p->npo; q++) {
        const int32_t *ref;
        const double *qty;
        int64_t np = full_pegs(o, p, q, &ref, &qty);
        int nid = snprintf(id, sizeof id, "PL-%d", q + 1);
        for (int64_t k = 0; rc == 0 && k < np; k++) {
            char *r = rows + n * rs;
            const char *who = peg_name(o, ref[k]);
            double v = csv_value(qty[k]);
            memset(r, 0, rs);
            memcpy(r + off[0], id, (size_t)nid);
            memcpy(r + off[1], who, strlen(who));
            memcpy(r + off[2], &v, 8);
            if (++n == H5_PEG_ROWS) rc = ordo_h5_stream_append(ds, ty, n, rows, &done), n = 0;
        }
        if (o->e.err) rc = -1;
    }
    if (rc == 0) rc = ordo_h5_stream_append(ds, ty, n, rows, &done);
    if (ordo_h5_stream_close(ds, ty)) rc = -1;
    ordo_pegger_free(o->peg);
    o->peg = NULL;
    free(rows);
    return rc;
}

static int write_hdf5(out *po, run_files *r, ordo_plan *p, double seconds_load, double t0, char *err, size_t nerr)
{
    const char *tmp = add_file(r, "plan.h5");
    long long h5 = ordo_h5_create(tmp);
    if (h5 < 0) {
        snprintf(err, nerr, "%s: cannot create", tmp);
        return -1;
    }
    int rc = 0;
    for (size_t k = 0; k < NCSV && rc == 0; k++) {
        const char *types = csv_tables[k].write == csv_pegging && p->peg_mode == ORDO_PEGGING_DIRECT ? "sssf" : csv_tables[k].h5_types;
        char with_sup[32]; /* the supplier column where a supplier table exists */
        if (po->m->nsup && (csv_tables[k].write == csv_planned || csv_tables[k].write == csv_requisitions))
            snprintf(with_sup, sizeof with_sup, "%ss", types), types = with_sup;
        char with_site[40]; /* site and from_site where a sites table exists */
        if (po->m->nsite && csv_tables[k].write == csv_planned)
            snprintf(with_site, sizeof with_site, "%sss", types), types = with_site;
        char with_prod[48]; /* production_order and status where the data set has production orders */
        if (po->m->npr > 0 && csv_tables[k].write == csv_planned)
            snprintf(with_prod, sizeof with_prod, "%sss", types), types = with_prod;
        if (csv_tables[k].write == csv_pegging && p->peg_mode == ORDO_PEGGING_FULL)
            rc = h5_pegging_full(po, p, h5);
        else
            rc = h5_table(po, p, h5, csv_tables[k].dataset, csv_tables[k].write, types, seconds_load, 0);
    }
    if (rc == 0) rc = h5_table(po, p, h5, "summary", NULL, H5_SUMMARY_TYPES, seconds_load, ordo_now() - t0);
    if (ordo_h5_close(h5) != 0) rc = -1;
    if (rc != 0) snprintf(err, nerr, "%s/plan.h5: write error", r->dir);
    return rc;
}

/* The JSON file or the CSV files of a run, each under its temporary name. */
static int write_text(out *po, run_files *r, ordo_plan *p, ordo_format format, double seconds_load, double t0,
                      char *err, size_t nerr)
{
    out o = *po;
    size_t nfiles = format == ORDO_FORMAT_CSV ? NCSV + 1 : 1;
    for (size_t k = 0; k < nfiles; k++) {
        const char *tmp = add_file(r, out_file(format, k));
        o.e.f = fopen(tmp, "w");
        if (!o.e.f) {
            snprintf(err, nerr, "%s: %s", tmp, strerror(errno));
            return -1;
        }
        o.e.err = 0;
        double elapsed = ordo_now() - t0;
        if (format == ORDO_FORMAT_JSON)
            write_json(&o, p, seconds_load, elapsed);
        else if (k < NCSV)
            csv_tables[k].write(&o, p);
        else
            csv_summary(&o, p, seconds_load, elapsed);
        flush_out(&o);
        int rc = close_checked(o.e.f, tmp, err, nerr);
        if (o.e.err && rc == 0) {
            snprintf(err, nerr, "%s: write error", tmp);
            rc = -1;
        }
        if (rc) return rc;
    }
    return 0;
}

/* Plan p's files into folder dir as one run: the state (with_state), then the outputs in
** format (none when format < 0). */
static ordo_rc write_run(ordo_plan *p, const char *dir, int format, int with_state, double seconds_load,
                         char *err, size_t nerr)
{
    double t0 = ordo_now();
    out o = {.m = p->model};
    ordo_rc rc = run_dir(dir, err, nerr);
    if (rc != ORDO_OK) return rc;
    if (ordo_emit_init(&o.e, NULL, 1 << 20)) {
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    o.e.csv = format == ORDO_FORMAT_CSV;
    run_files r = {dir, 0, {NULL}, {{0}}};
    int bad = with_state ? ordo_state_write(p, add_file(&r, ORDO_STATE_FILE), &o.run, err, nerr) : 0;
    if (!bad && with_state && p->nc_memo)
        bad = ordo_ncmemo_write(p->nc_memo, p, o.run, add_file(&r, ORDO_NCMEMO_FILE), err, nerr);
    if (!bad && format == ORDO_FORMAT_HDF5)
        bad = write_hdf5(&o, &r, p, seconds_load, t0, err, nerr);
    else if (!bad && format >= 0)
        bad = write_text(&o, &r, p, (ordo_format)format, seconds_load, t0, err, nerr);
    ordo_emit_free(&o.e);
    bad = run_commit(&r, bad, err, nerr);
    p->seconds_write = ordo_now() - t0;
    return bad ? ORDO_EIO : ORDO_OK;
}

ordo_rc ordo_plan_write(ordo_plan *p, const char *dir, ordo_format format, double seconds_load, char *err,
                        size_t nerr)
{
    if (!p) return ORDO_EMISUSE;
    if (nerr) err[0] = 0;
    if (dir) return write_run(p, dir, (int)format, 0, seconds_load, err, nerr);
    if (format != ORDO_FORMAT_JSON) {
        snprintf(err, nerr, "CSV output needs a folder (-o DIR)");
        return ORDO_EMISUSE;
    }
    double t0 = ordo_now();
    out o = {.m = p->model};
    if (ordo_emit_init(&o.e, stdout, 1 << 20)) {
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    write_json(&o, p, seconds_load, 0);
    flush_out(&o);
    int bad = o.e.err;
    ordo_emit_free(&o.e);
    p->seconds_write = ordo_now() - t0;
    return fflush(stdout) == 0 && !bad ? ORDO_OK : ORDO_EIO;
}

ordo_rc ordo_plan_save(ordo_plan *p, const char *dir, ordo_format format, double seconds_load, char *err,
                       size_t nerr)
{
    if (!p || !dir) return ORDO_EMISUSE;
    if (nerr) err[0] = 0;
    return write_run(p, dir, (int)format, 1, seconds_load, err, nerr);
}

ordo_rc ordo_plan_save_state(ordo_plan *p, const char *dir, char *err, size_t nerr)
{
    if (!p || !dir) return ORDO_EMISUSE;
    if (nerr) err[0] = 0;
    return write_run(p, dir, -1, 1, 0, err, nerr);
}
