/*
** replan.c -- re-planning a changed data set against a plan saved before (ordo plan DATA
** --base DIR): the base is read by ids (replan_base.c: from the memo saved with the plan, or
** its plan.json), so that it may come from another version of the data set (orders added,
** changed or cancelled; receipts and stock updated).
**
** The MRP is net-change where the base has a memo (netchange.h): the plan of a full MRP. Each
** new planned order is then matched to one of the base's: of the same item with the same due
** date first, the rest of that item paired in order of due date. Two schedules follow, each
** with the normal search: one keeps the base -- the constructive schedule dispatches each
** operation of a matched order in the order of its base start, not before it, and on its base
** resource when that is free then -- and a plain re-plan. The first is kept unless the plain
** one is better by the objective (or always, stable). Incremental (stable 2): the planned
** orders that can keep their operations keep them (replan_keep.c), the rest are scheduled
** around them in one constructive pass. "changes" compares the plan kept with the base:
** planned orders created, deleted, resized and re-dated, operations moved (resource or
** start), customer orders whose completion moved; and how many operations each schedule moves.
*/
#include "run.h"
#include "replan_base.h"

#include <cjson/cJSON.h>
#include "dates.h"
#include "emit.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- matching the new planned orders to the base's ----------------------------------------- */

typedef struct pkey { int32_t item, due, idx; } pkey;

static int pkey_cmp(const void *a, const void *b)
{
    const pkey *x = a, *y = b;
    if (x->item != y->item) return x->item < y->item ? -1 : 1;
    if (x->due != y->due) return x->due < y->due ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Pair the new and base keys of one item, a[0..na) and b[0..nb) sorted by due date: equal
** due dates first, in order, then the rest in order of due date. */
static void match_item(const pkey *a, int32_t na, const pkey *b, int32_t nb, int32_t *match, int32_t *bmatch)
{
    for (int32_t i = 0, j = 0; i < na && j < nb;) {
        if (a[i].due < b[j].due) i++;
        else if (a[i].due > b[j].due) j++;
        else match[a[i].idx] = b[j].idx, bmatch[b[j].idx] = a[i].idx, i++, j++;
    }
    for (int32_t i = 0, j = 0; i < na && j < nb;) {
        if (match[a[i].idx] >= 0) i++;
        else if (bmatch[b[j].idx] >= 0) j++;
        else match[a[i].idx] = b[j].idx, bmatch[b[j].idx] = a[i].idx, i++, j++;
    }
}

/* match[q] = the base's planned order of new planned order q, or -1; bmatch the reverse. */
static int match_orders(const base_view *B, const struct ordo_plan *p, int32_t *match, int32_t *bmatch)
{
    pkey *a = malloc(((size_t)p->npo + 1) * sizeof *a), *b = malloc(((size_t)B->npo + 1) * sizeof *b);
    if (!a || !b) {
        free(a), free(b);
        return -1;
    }
    int32_t nb = 0;
    for (int32_t q = 0; q < p->npo; q++) a[q] = (pkey){p->po_item[q], p->po_due[q], q}, match[q] = -1;
    for (int32_t k = 0; k < B->npo; k++) {
        bmatch[k] = -1;
        if (B->po[k].item >= 0) b[nb++] = (pkey){B->po[k].item, B->po[k].due, k};
    }
    qsort(a, (size_t)p->npo, sizeof *a, pkey_cmp);
    qsort(b, (size_t)nb, sizeof *b, pkey_cmp);
    for (int32_t i = 0, j = 0; i < p->npo;) {
        int32_t item = a[i].item, i1 = i, j1;
        while (i1 < p->npo && a[i1].item == item) i1++;
        while (j < nb && b[j].item < item) j++;
        for (j1 = j; j1 < nb && b[j1].item == item;) j1++;
        match_item(a + i, i1 - i, b + j, j1 - j, match, bmatch);
        i = i1, j = j1;
    }
    free(a), free(b);
    return 0;
}

/* ---- the hint: the base's sequence for the constructive schedule --------------------------- */

typedef struct hint_ctx {
    const base_view *B;
    int use; /* 0: a plain re-plan (no hint), 1: the base's sequence as hints, 2: incremental */
} hint_ctx;

/* The frozen zone (horizon.frozen_until): operation nop (routing operation k of planned
** order q, matched to base order b) keeps the base's resource and times when the base started
** it before the zone's end, on a resource it still has, for the same quantity. */
static void freeze(struct ordo_plan *p, const base_view *B, int32_t q, int32_t b, int32_t k, int64_t nop)
{
    const ordo_model *m = p->model;
    p->op_fix_res[nop] = -1;
    if (b < 0 || fabs(B->po[b].qty - p->po_qty[q]) > 1e-9 * (1 + p->po_qty[q])) return;
    for (int32_t i = 0; i < B->po[b].nop; i++) {
        const base_op *o = &B->op[B->po[b].op0 + i];
        if (o->seq != m->op_seq[k] || o->res < 0 || o->end == INT64_MIN || o->start >= m->frozen_until) continue;
        int ok = 0;
        for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++) ok |= m->alt_res[a] == o->res;
        if (ok) p->op_fix_res[nop] = o->res, p->op_fix_s[nop] = o->start, p->op_fix_e[nop] = o->end, p->op_fix_ot[nop] = o->ot;
    }
}

static int set_hint(struct ordo_plan *p, void *ud)
{
    const hint_ctx *h = ud;
    const base_view *B = h->B;
    const ordo_model *m = p->model;
    int frozen = m->frozen_until != INT64_MIN, inc = h->use == 2;
    if (!h->use && !frozen) return 0;
    int64_t nop = 0; /* the made planned orders' operations, indexed as po_op0 will be */
    for (int32_t q = 0; q < p->npo; q++)
        if (m->item_src[p->po_item[q]] == ORDO_SRC_MAKE) nop += m->rout_start[p->po_item[q] + 1] - m->rout_start[p->po_item[q]];
    int32_t *match = malloc(((size_t)p->npo + 1) * sizeof *match), *bmatch = malloc(((size_t)B->npo + 1) * sizeof *bmatch);
    if (h->use) {
        p->op_hint = malloc(((size_t)nop + 1) * sizeof *p->op_hint);
        p->op_floor = malloc(((size_t)nop + 1) * sizeof *p->op_floor);
        p->op_pref = malloc(((size_t)nop + 1) * sizeof *p->op_pref);
    }
    if (frozen || inc) {
        p->op_fix_res = malloc(((size_t)nop + 1) * sizeof *p->op_fix_res);
        p->op_fix_s = malloc(((size_t)nop + 1) * sizeof *p->op_fix_s);
        p->op_fix_e = malloc(((size_t)nop + 1) * sizeof *p->op_fix_e);
        p->op_fix_ot = calloc((size_t)nop + 1, 1);
        if (inc) p->op_fix_soft = calloc((size_t)nop + 1, 1);
    }
    int bad = !match || !bmatch || (h->use && (!p->op_hint || !p->op_floor || !p->op_pref)) ||
              ((frozen || inc) && (!p->op_fix_res || !p->op_fix_s || !p->op_fix_e || !p->op_fix_ot)) ||
              (inc && !p->op_fix_soft) ||
              match_orders(B, p, match, bmatch);
    nop = 0;
    for (int32_t q = 0; q < p->npo && !bad; q++) {
        int32_t item = p->po_item[q], b = match[q];
        if (m->item_src[item] != ORDO_SRC_MAKE) continue;
        for (int32_t k = m->rout_start[item]; k < m->rout_start[item + 1]; k++, nop++) {
            if (frozen) freeze(p, B, q, b, k, nop);
            else if (inc) p->op_fix_res[nop] = -1;
            if (!h->use) continue;
            int64_t t = INT64_MIN;
            int32_t res = -1;
            for (int32_t i = 0; b >= 0 && i < B->po[b].nop && t == INT64_MIN; i++)
                if (B->op[B->po[b].op0 + i].seq == m->op_seq[k]) t = B->op[B->po[b].op0 + i].start, res = B->op[B->po[b].op0 + i].res;
            p->op_hint[nop] = t != INT64_MIN ? t : (int64_t)p->po_due[q] * 1440;
            p->op_floor[nop] = t;
            p->op_pref[nop] = res;
        }
    }
    if (!bad && inc) bad = ordo_replan_keep(p, B, match);
    p->sched_once = (uint8_t)inc;
    free(match), free(bmatch);
    return bad ? -1 : 0;
}

/* ---- the changes as JSON -------------------------------------------------------------------- */

/* What moved: counts and lists. */
typedef struct delta {
    int32_t created, deleted, resized, redated, ops_kept, ops_moved, ops_added, ops_removed, orders_moved;
} delta;

/* Operations of new planned order q against those of base order b, matched by seq; listed
** into out (when not NULL) as moved. */
static void ops_delta(const struct ordo_plan *p, int32_t q, const base_view *B, int32_t b, delta *d, ordo_emit *out)
{
    const ordo_model *m = p->model;
    int32_t n0 = p->po_op0 ? p->po_op0[q] : 0, n1 = p->po_op0 ? p->po_op0[q + 1] : 0, found = 0;
    for (int32_t k = n0; k < n1; k++) {
        int32_t seq = m->op_seq[p->op_k[k]], j = -1;
        for (int32_t i = 0; b >= 0 && i < B->po[b].nop && j < 0; i++)
            if (B->op[B->po[b].op0 + i].seq == seq) j = B->po[b].op0 + i;
        if (j < 0) {
            d->ops_added++;
            continue;
        }
        found++;
        if (B->op[j].res == p->op_res[k] && B->op[j].start == p->op_start[k]) {
            d->ops_kept++;
            continue;
        }
        if (out) {
            ordo_emit_fmt(out, d->ops_moved ? ",\n      {\"order\": \"PL-%d\", \"item\": " : "\n      {\"order\": \"PL-%d\", \"item\": ", q + 1);
            ordo_emit_str(out, ordo_str(&m->names, m->item_name[p->po_item[q]]));
            ordo_emit_fmt(out, ", \"seq\": %d, \"old_resource\": ", seq);
            ordo_emit_str(out, B->op[j].res >= 0 ? ordo_str(&m->names, m->res_name[B->op[j].res]) : "");
            ordo_emit_fmt(out, ", \"new_resource\": ");
            ordo_emit_str(out, p->op_res[k] >= 0 ? ordo_str(&m->names, m->res_name[p->op_res[k]]) : "");
            ordo_emit_fmt(out, ", \"old_start\": ");
            ordo_emit_time(out, B->op[j].start);
            ordo_emit_fmt(out, ", \"new_start\": ");
            ordo_emit_time(out, p->op_start[k]);
            ordo_emit_fmt(out, "}");
        }
        d->ops_moved++;
    }
    d->ops_removed += (b >= 0 ? B->po[b].nop : 0) - found;
}

/* One planned order entry of a list: new q and/or base b. */
static void po_entry(ordo_emit *o, const struct ordo_plan *p, int32_t q, const base_view *B, int32_t b, int first)
{
    const ordo_model *m = p->model;
    ordo_emit_fmt(o, first ? "\n      {" : ",\n      {");
    if (q >= 0) ordo_emit_fmt(o, "\"id\": \"PL-%d\", ", q + 1);
    if (b >= 0) {
        ordo_emit_fmt(o, "\"base_id\": ");
        ordo_emit_str(o, B->po[b].id);
        ordo_emit_fmt(o, ", ");
    }
    ordo_emit_fmt(o, "\"item\": ");
    ordo_emit_str(o, q >= 0 ? ordo_str(&m->names, m->item_name[p->po_item[q]]) : B->po[b].item_name);
    if (b >= 0) {
        ordo_emit_fmt(o, ", \"old_due\": ");
        ordo_emit_date(o, B->po[b].due);
        ordo_emit_fmt(o, ", \"old_qty\": %.10g", B->po[b].qty);
    }
    if (q >= 0) {
        ordo_emit_fmt(o, ", \"new_due\": ");
        ordo_emit_date(o, p->po_due[q]);
        ordo_emit_fmt(o, ", \"new_qty\": %.10g", p->po_qty[q]);
    }
    ordo_emit_fmt(o, "}");
}

/* Quantities equal as written in plan.json (ten significant digits). */
static int same_qty(double a, double b)
{
    double d = a - b, s = (a < 0 ? -a : a) + (b < 0 ? -b : b);
    return (d < 0 ? -d : d) <= 1e-9 * (s > 1 ? s : 1);
}

/* The planned orders of one kind ("created", "deleted", "resized", "redated") as a list. */
static int32_t po_list(ordo_emit *o, const struct ordo_plan *p, const base_view *B, const int32_t *match,
                       const int32_t *bmatch, const char *kind)
{
    int32_t n = 0;
    ordo_emit_fmt(o, "    \"%s\": [", kind);
    if (kind[0] == 'd') {
        for (int32_t b = 0; b < B->npo; b++)
            if (bmatch[b] < 0) po_entry(o, p, -1, B, b, n++ == 0);
    } else {
        for (int32_t q = 0; q < p->npo; q++) {
            int32_t b = match[q];
            int is = kind[0] == 'c' ? b < 0
                   : kind[2] == 's' ? b >= 0 && B->po[b].due == p->po_due[q] && !same_qty(B->po[b].qty, p->po_qty[q])
                                    : b >= 0 && B->po[b].due != p->po_due[q];
            if (is) po_entry(o, p, q, B, b, n++ == 0);
        }
    }
    ordo_emit_fmt(o, n ? "\n    ],\n" : "],\n");
    return n;
}

/* The customer orders whose completion moved. */
static int32_t orders_moved(ordo_emit *o, const struct ordo_plan *p, const base_view *B)
{
    const ordo_model *m = p->model;
    int32_t n = 0;
    ordo_emit_fmt(o, "    \"orders\": [");
    for (int32_t k = 0; k < m->nord; k++) {
        if (!B->ord_seen[k] || B->ord_old[k] == p->ord_completion[k]) continue;
        ordo_emit_fmt(o, n++ ? ",\n      {\"order\": " : "\n      {\"order\": ");
        ordo_emit_str(o, ordo_str(&m->names, m->or_name[k]));
        ordo_emit_fmt(o, ", \"old\": ");
        ordo_emit_time(o, B->ord_old[k]);
        ordo_emit_fmt(o, ", \"new\": ");
        ordo_emit_time(o, p->ord_completion[k]);
        ordo_emit_fmt(o, "}");
    }
    ordo_emit_fmt(o, n ? "\n    ],\n" : "],\n");
    return n;
}

/* The operations p moves against the base (a plain re-plan's, for comparison). -1 OOM. */
static int32_t moved_ops(const struct ordo_plan *p, const base_view *B)
{
    int32_t *match = malloc(((size_t)p->npo + 1) * sizeof *match), *bmatch = malloc(((size_t)B->npo + 1) * sizeof *bmatch);
    int bad = !match || !bmatch || match_orders(B, p, match, bmatch);
    delta d = {0};
    for (int32_t q = 0; q < p->npo && !bad; q++) ops_delta(p, q, B, match[q], &d, NULL);
    free(match), free(bmatch);
    return bad ? -1 : d.ops_moved;
}

/* p->changes_json from p against the base; moved: the operations each candidate moves. */
static int changes(struct ordo_plan *p, const base_view *B, const char *dir, const int32_t *moved, int kept_base)
{
    int32_t *match = malloc(((size_t)p->npo + 1) * sizeof *match), *bmatch = malloc(((size_t)B->npo + 1) * sizeof *bmatch);
    ordo_emit o, ops;
    delta d = {0};
    int no_o = ordo_emit_init(&o, NULL, 4096), no_ops = ordo_emit_init(&ops, NULL, 4096);
    int bad = no_o || no_ops || !match || !bmatch || match_orders(B, p, match, bmatch);
    if (!bad) {
        ordo_emit_fmt(&o, "{\n    \"base\": ");
        ordo_emit_str(&o, dir);
        ordo_emit_fmt(&o, ",\n    \"sequence\": \"%s\",\n", kept_base == 2 ? "incremental" : kept_base ? "base" : "plain");
        ordo_emit_fmt(&o, "    \"mrp\": {\"items_netted\": %d, \"items_kept\": %d", p->nc_netted,
                      p->nc_kept > 0 ? p->nc_kept : 0);
        if (p->nc_kept < 0 || p->nc_why[0]) {
            ordo_emit_cstr(&o, ", \"memo\": ");
            ordo_emit_str(&o, p->nc_why[0] ? p->nc_why : "not used");
        }
        ordo_emit_cstr(&o, "},\n");
        d.created = po_list(&o, p, B, match, bmatch, "created");
        d.deleted = po_list(&o, p, B, match, bmatch, "deleted");
        d.resized = po_list(&o, p, B, match, bmatch, "resized");
        d.redated = po_list(&o, p, B, match, bmatch, "redated");
        for (int32_t q = 0; q < p->npo; q++) ops_delta(p, q, B, match[q], &d, &ops);
        for (int32_t b = 0; b < B->npo; b++)
            if (bmatch[b] < 0) d.ops_removed += B->po[b].nop;
        ordo_emit_cstr(&o, "    \"operations_moved\": [");
        ordo_emit_raw(&o, ops.buf, ops.len);
        ordo_emit_cstr(&o, d.ops_moved ? "\n    ],\n" : "],\n");
        d.orders_moved = orders_moved(&o, p, B);
        ordo_emit_fmt(&o,
               "    \"counts\": {\"created\": %d, \"deleted\": %d, \"resized\": %d, \"redated\": %d, "
               "\"operations_kept\": %d, \"operations_moved\": %d, \"operations_added\": %d, \"operations_removed\": %d, "
               "\"operations_moved_plain\": %d, \"operations_moved_keep\": %d, \"orders_moved\": %d, \"orders_gone\": %d}\n  }",
               d.created, d.deleted, d.resized, d.redated, d.ops_kept, d.ops_moved, d.ops_added, d.ops_removed,
               kept_base == 2 ? -1 : moved[0], moved[1], d.orders_moved, B->ord_gone);
    }
    char *text = bad || ops.err ? NULL : ordo_emit_take(&o, NULL);
    free(match), free(bmatch);
    ordo_emit_free(&o), ordo_emit_free(&ops);
    if (!text) return -1;
    p->changes_json = text;
    return 0;
}

/* ---- the re-plan ---------------------------------------------------------------------------- */

/* A plan's late orders and lateness in days, each weighted by its order's penalty per day
** (1 where it has none), as the schedule counts them. */
static void weighted(const struct ordo_plan *p, double *late, double *days)
{
    const ordo_model *m = p->model;
    *late = *days = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        double w = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
        if (p->ord_status[o] != ORDO_ST_ON_TIME) *late += w;
        *days += w * p->ord_lateness[o];
    }
}

/* -1 when a is better than b by the model's objective, 1 when worse, 0 when equal:
** "makespan"; "tardiness", the weighted lateness alone; any other (service), the weighted
** late orders first. Unplanned orders count as late. */
static int compare(const struct ordo_plan *a, const struct ordo_plan *b)
{
    int obj = a->model->objective;
    if (obj == ORDO_OBJ_MAKESPAN && a->makespan_minutes != b->makespan_minutes)
        return a->makespan_minutes < b->makespan_minutes ? -1 : 1;
    double la, da, lb, db;
    weighted(a, &la, &da), weighted(b, &lb, &db);
    if (obj != ORDO_OBJ_MAKESPAN && obj != ORDO_OBJ_TARDINESS && la != lb) return la < lb ? -1 : 1;
    if (da < db - 1e-9) return -1;
    if (da > db + 1e-9) return 1;
    return 0;
}

/* The candidates of a re-plan, each with the normal search after its constructive schedule:
** a plain re-plan, and the base's sequence with every operation kept where it can be. */
enum { CAND_PLAIN, CAND_KEEP, NCAND };

ordo_rc ordo_plan_replan(const ordo_model *m, const ordo_plan_opts *opts, const char *base_dir, int stable,
                         ordo_plan **pPlan, char *err, size_t nerr)
{
    if (!pPlan) return ORDO_EMISUSE;
    *pPlan = NULL;
    if (nerr) err[0] = 0;
    if (!m || !base_dir) return ORDO_EMISUSE;
    base_view B;
    ordo_ncmemo *memo = NULL;
    ordo_rc rc = ordo_replan_base(&B, m, base_dir, &memo, err, nerr);
    if (rc != ORDO_OK) {
        ordo_ncmemo_free(memo);
        return rc;
    }
    ordo_plan *c[NCAND] = {NULL};
    int32_t moved[NCAND] = {0};
    int best = -1;
    for (int k = 0; k < NCAND && rc == ORDO_OK; k++) {
        if (stable == 2 && k != CAND_KEEP) continue; /* incremental: the base kept, alone */
        hint_ctx h = {&B, k == CAND_KEEP ? (stable == 2 ? 2 : 1) : 0};
        rc = ordo_run_stages_memo(m, opts, memo, set_hint, &h, &c[k]);
        if (rc == ORDO_OK && (moved[k] = moved_ops(c[k], &B)) < 0) rc = ORDO_ENOMEM;
        if (rc != ORDO_OK) break;
        /* the best by the objective, then the fewest operations moved (the base's on a tie) */
        int cmp = best < 0 ? -1 : compare(c[k], c[best]);
        if (cmp < 0 || (cmp == 0 && moved[k] <= moved[best])) best = k;
    }
    if (stable && rc == ORDO_OK) best = CAND_KEEP;
    if (rc == ORDO_OK && changes(c[best], &B, base_dir, moved, best == CAND_KEEP ? (stable == 2 ? 2 : 1) : 0)) rc = ORDO_ENOMEM;
    for (int k = 0; k < NCAND; k++)
        if (k != best || rc != ORDO_OK) ordo_plan_close(c[k]);
    ordo_replan_base_free(&B);
    ordo_ncmemo_free(memo);
    if (rc != ORDO_OK) {
        if (rc == ORDO_ENOMEM && nerr) snprintf(err, nerr, "out of memory");
        return rc;
    }
    free(c[best]->op_hint), free(c[best]->op_floor), free(c[best]->op_pref); /* served the schedule */
    c[best]->op_hint = c[best]->op_floor = NULL;
    c[best]->op_pref = NULL;
    *pPlan = c[best];
    return ORDO_OK;
}
