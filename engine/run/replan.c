/*
** replan.c -- re-planning a changed data set against a plan saved before (ordo plan DATA
** --base DIR): the base is read from DIR/plan.json, by ids, so that it may come from another
** version of the data set (orders added, changed or cancelled; receipts and stock updated).
**
** The MRP runs in full on the new data set, so its planned orders are those of a plan made
** from scratch. Each new planned order is then matched to one of the base's: of the same item
** with the same due date first, the rest of that item paired in order of due date. Two
** schedules follow, each with the normal search: one keeps the base -- the constructive
** schedule dispatches each operation of a matched order in the order of its base start, not
** before it, and on its base resource when that is free then -- and a plain re-plan. The
** first is kept unless the plain one is better by the objective (or always, stable).
** "changes" compares the plan kept with the base: planned orders created, deleted, resized
** and re-dated, operations moved (resource or start), customer orders whose completion
** moved; and how many operations each of the two schedules moves.
*/
#include "run.h"
#include "started.h"

#include "ncmemo.h"
#include "rules.h"
#include "sched.h"
#include "state.h"
#include "supply.h"

#include <cjson/cJSON.h>
#include "dates.h"
#include "emit.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the base, as read from plan.json ------------------------------------------------------- */

typedef struct base_po {
    const char *id, *item_name;
    int32_t item; /* in the new model; -1 when it has gone */
    int32_t due;
    double qty;
    int32_t op0, nop; /* its operations in base_view.op (grouped after reading) */
    int64_t start;    /* earliest start of its operations; INT64_MAX when none */
} base_po;

typedef struct base_op {
    int32_t po, seq, res; /* res in the new model, -1 when it has gone */
    int64_t start, end;   /* end: INT64_MIN when not read */
    uint8_t ot;           /* it worked its resource's overtime */
} base_op;

typedef struct base_view {
    cJSON *root;
    char *ids;         /* the planned orders' ids when read from the memo */
    int32_t npo, nop;
    base_po *po;
    base_op *op;
    int64_t *ord_old;  /* [m->nord] the base's completion of each order of the new model */
    uint8_t *ord_seen; /* [m->nord] the order is in the base */
    int32_t ord_gone;  /* base orders not in the new data set */
} base_view;

static void base_free(base_view *B)
{
    cJSON_Delete(B->root);
    free(B->ids), free(B->po), free(B->op), free(B->ord_old), free(B->ord_seen);
    memset(B, 0, sizeof *B);
}

/* sid -> index of the model's items, resources or orders (-1 elsewhere). */
static int32_t *sid_map(const ordo_model *m, const int32_t *names, int32_t n)
{
    int32_t *map = malloc(((size_t)m->names.n + 1) * sizeof *map);
    if (!map) return NULL;
    for (int32_t s = 0; s <= m->names.n; s++) map[s] = -1;
    for (int32_t i = 0; i < n; i++)
        if (names[i] >= 0 && names[i] < m->names.n) map[names[i]] = i;
    return map;
}

static int32_t lookup(const ordo_model *m, const int32_t *map, const char *s)
{
    int32_t sid = ordo_strpool_find(&m->names, s, strlen(s));
    return sid >= 0 && sid < m->names.n ? map[sid] : -1;
}

/* A string field of obj, or NULL. */
static const char *str_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int fail(char *err, size_t nerr, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, nerr, fmt, ap);
    va_end(ap);
    return -1;
}

/* The base's planned orders; their ids interned into ids (sid = index). 0 or -1. */
static int read_planned(base_view *B, const ordo_model *m, const int32_t *item_map, const cJSON *arr, ordo_strpool *ids,
                        const char *path, char *err, size_t nerr)
{
    B->npo = cJSON_GetArraySize(arr);
    B->po = calloc((size_t)B->npo + 1, sizeof *B->po);
    if (!B->po) return fail(err, nerr, "out of memory");
    int32_t k = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e; e = e->next, k++) {
        base_po *b = &B->po[k];
        const char *due = str_of(e, "due");
        const cJSON *qty = cJSON_GetObjectItemCaseSensitive(e, "qty");
        b->id = str_of(e, "id"), b->item_name = str_of(e, "item");
        if (!b->id || !b->item_name || !due || ordo_parse_date(due, &b->due) || !cJSON_IsNumber(qty))
            return fail(err, nerr, "%s: planned_orders[%d]: needs id, item, due and qty", path, k);
        if (ordo_strpool_intern(ids, b->id, strlen(b->id)) != k)
            return fail(err, nerr, "%s: planned_orders[%d].id: \"%s\" twice", path, k, b->id);
        b->qty = qty->valuedouble;
        b->item = lookup(m, item_map, b->item_name);
        b->start = INT64_MAX;
    }
    return 0;
}

/* The base's operations, grouped by planned order (stable), each order's first start. */
static int read_operations(base_view *B, const ordo_model *m, const int32_t *res_map, const cJSON *arr,
                           const ordo_strpool *ids, const char *path, char *err, size_t nerr)
{
    int32_t n = cJSON_GetArraySize(arr), k = 0;
    base_op *raw = malloc(((size_t)n + 1) * sizeof *raw);
    B->op = malloc(((size_t)n + 1) * sizeof *B->op);
    if (!raw || !B->op) {
        free(raw);
        return fail(err, nerr, "out of memory");
    }
    for (const cJSON *e = arr ? arr->child : NULL; e; e = e->next, k++) {
        const char *po = str_of(e, "order"), *res = str_of(e, "resource"), *start = str_of(e, "start");
        const cJSON *seq = cJSON_GetObjectItemCaseSensitive(e, "seq");
        int32_t q = po ? ordo_strpool_find(ids, po, strlen(po)) : -1;
        base_op *o = &raw[k];
        if (q < 0 || !res || !start || ordo_parse_datetime(start, &o->start) || !cJSON_IsNumber(seq)) {
            free(raw);
            return fail(err, nerr, "%s: operations[%d]: needs a planned order of the plan, seq, resource and start", path, k);
        }
        o->po = q, o->seq = (int32_t)seq->valuedouble, o->res = lookup(m, res_map, res);
        o->ot = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "overtime"));
        const char *end = str_of(e, "end");
        if (!end || ordo_parse_datetime(end, &o->end)) o->end = INT64_MIN;
        B->po[q].nop++;
        if (o->start < B->po[q].start) B->po[q].start = o->start;
    }
    int32_t at = 0;
    for (int32_t q = 0; q < B->npo; q++) B->po[q].op0 = at, at += B->po[q].nop, B->po[q].nop = 0;
    for (int32_t j = 0; j < n; j++) {
        base_po *b = &B->po[raw[j].po];
        B->op[b->op0 + b->nop++] = raw[j];
    }
    B->nop = n;
    free(raw);
    return 0;
}

/* The base's customer orders: each completion, by the new model's orders. */
static int read_orders(base_view *B, const ordo_model *m, const cJSON *arr, const char *path, char *err, size_t nerr)
{
    int32_t *map = sid_map(m, m->or_name, m->nord);
    B->ord_old = malloc(((size_t)m->nord + 1) * sizeof *B->ord_old);
    B->ord_seen = calloc((size_t)m->nord + 1, 1);
    if (!map || !B->ord_old || !B->ord_seen) {
        free(map);
        return fail(err, nerr, "out of memory");
    }
    int32_t k = 0;
    int bad = 0;
    for (const cJSON *e = arr ? arr->child : NULL; e && !bad; e = e->next, k++) {
        const char *id = str_of(e, "id"), *done = str_of(e, "completion");
        int32_t o = id ? lookup(m, map, id) : -1;
        int64_t t = INT64_MIN; /* unplanned in the base */
        if (!id || (done && ordo_parse_datetime(done, &t))) {
            bad = fail(err, nerr, "%s: orders[%d]: needs an id and a completion (or null)", path, k);
        } else if (o < 0) {
            B->ord_gone++;
        } else {
            B->ord_old[o] = t, B->ord_seen[o] = 1;
        }
    }
    free(map);
    return bad;
}

/* Read DIR/plan.json as the base of a re-plan of model m. ORDO_OK, ORDO_EIO (no such plan)
** or ORDO_EINPUT (not a plan), with the reason in err. */
static ordo_rc base_read(base_view *B, const ordo_model *m, const char *dir, char *err, size_t nerr)
{
    memset(B, 0, sizeof *B);
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    size_t len = 0;
    char why[4400];
    char *text = ordo_read_file(path, &len, why, sizeof why);
    if (!text) {
        snprintf(err, nerr, "%.4300s (plan with -o %s first)", why, dir);
        return ORDO_EIO;
    }
    const char *end = NULL;
    B->root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    free(text);
    const cJSON *po = cJSON_GetObjectItemCaseSensitive(B->root, "planned_orders");
    const cJSON *ops = cJSON_GetObjectItemCaseSensitive(B->root, "operations");
    const cJSON *ords = cJSON_GetObjectItemCaseSensitive(B->root, "orders");
    if (!cJSON_IsObject(B->root) || !cJSON_IsArray(po) || !cJSON_IsArray(ords) || (ops && !cJSON_IsArray(ops))) {
        snprintf(err, nerr, "%s: not a plan written by ordo plan (needs orders and planned_orders)", path);
        base_free(B);
        return ORDO_EINPUT;
    }
    ordo_strpool ids;
    int32_t *item_map = sid_map(m, m->item_name, m->nitem), *res_map = sid_map(m, m->res_name, m->nres);
    int bad = ordo_strpool_init(&ids) || !item_map || !res_map ? fail(err, nerr, "out of memory") : 0;
    if (!bad) bad = read_planned(B, m, item_map, po, &ids, path, err, nerr);
    if (!bad) bad = read_operations(B, m, res_map, ops, &ids, path, err, nerr);
    if (!bad) bad = read_orders(B, m, ords, path, err, nerr);
    if (!bad && m->npr > 0) bad = ordo_replan_started_check(B->root, m, err, nerr); /* changes refused */
    ordo_strpool_free(&ids);
    free(item_map), free(res_map);
    if (bad) {
        base_free(B);
        return strcmp(err, "out of memory") == 0 ? ORDO_ENOMEM : ORDO_EINPUT;
    }
    return ORDO_OK;
}

/* The same base from the memo saved beside plan.json by the same run (plan/ncmemo.h): no
** JSON to parse. Operations never placed are left out, as plan.json leaves them out. */
static ordo_rc base_from_memo(base_view *B, const ordo_model *m, const ordo_ncmemo *n)
{
    memset(B, 0, sizeof *B);
    int32_t *item_map = sid_map(m, m->item_name, m->nitem), *res_map = sid_map(m, m->res_name, m->nres);
    int32_t *ord_map = sid_map(m, m->or_name, m->nord), *res_new = malloc(((size_t)n->nres + 1) * sizeof *res_new);
    int32_t *item_new = malloc(((size_t)n->nitem + 1) * sizeof *item_new);
    B->npo = n->npo;
    B->po = calloc((size_t)n->npo + 1, sizeof *B->po);
    B->op = malloc(((size_t)n->nop + 1) * sizeof *B->op);
    B->ids = malloc((size_t)n->npo * 14 + 1);
    B->ord_old = malloc(((size_t)m->nord + 1) * sizeof *B->ord_old);
    B->ord_seen = calloc((size_t)m->nord + 1, 1);
    ordo_rc rc = item_map && res_map && ord_map && res_new && item_new && B->po && B->op && B->ids && B->ord_old &&
                         B->ord_seen ? ORDO_OK : ORDO_ENOMEM;
    for (int32_t r = 0; rc == ORDO_OK && r < n->nres; r++) res_new[r] = lookup(m, res_map, n->res_name[r]);
    for (int32_t i = 0; rc == ORDO_OK && i < n->nitem; i++) item_new[i] = lookup(m, item_map, n->item_name[i]);
    char *id = B->ids;
    for (int32_t k = 0; rc == ORDO_OK && k < n->npo; k++) {
        base_po *b = &B->po[k];
        b->id = id;
        id += snprintf(id, 14, "PL-%d", k + 1) + 1;
        b->item_name = n->item_name[n->po_item[k]];
        b->item = item_new[n->po_item[k]];
        b->due = n->po_due[k], b->qty = n->po_qty[k], b->op0 = B->nop, b->start = INT64_MAX;
        for (int32_t o = n->po_op0[k]; o < n->po_op0[k + 1]; o++) {
            if (n->op_res[o] < 0 || n->op_start[o] == INT64_MAX) continue;
            B->op[B->nop++] = (base_op){k, n->op_seq[o], res_new[n->op_res[o]], n->op_start[o], n->op_end[o], n->op_ot[o]};
            if (n->op_start[o] < b->start) b->start = n->op_start[o];
        }
        b->nop = B->nop - b->op0;
    }
    for (int32_t o = 0; rc == ORDO_OK && o < n->nord; o++) {
        int32_t x = lookup(m, ord_map, n->ord_name[o]);
        if (x < 0) B->ord_gone++;
        else B->ord_old[x] = n->ord_done[o], B->ord_seen[x] = 1;
    }
    free(item_map), free(res_map), free(ord_map), free(res_new), free(item_new);
    if (rc != ORDO_OK) base_free(B);
    return rc;
}

/* The memo of the base in DIR when it belongs to DIR/plan.json's run (into *memo, to free),
** and whether its schedule serves as the base (1) or only its MRP results (0). */
static int base_memo(const ordo_model *m, const char *dir, ordo_ncmemo **memo)
{
    char path[4200], why[256];
    snprintf(path, sizeof path, "%s/%s", dir, ORDO_NCMEMO_FILE);
    uint64_t run = 0;
    if (ordo_ncmemo_read(path, memo, why, sizeof why) != 1) return 0;
    /* production orders: plan.json is read for the started orders' check */
    return ordo_state_plan_run(dir, &run) == 1 && run == (*memo)->run && m->npr == 0;
}

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
    int32_t *start, *sup;
    int64_t *op0, *ready;
    uint8_t *shortq, *banned;
} keep_ctx;

static void keep_free(keep_ctx *c)
{
    free(c->start), free(c->sup), free(c->op0), free(c->ready), free(c->shortq), free(c->banned);
}

static int keep_init(keep_ctx *c)
{
    struct ordo_plan *p = c->p;
    const ordo_model *m = p->model;
    size_t npo = (size_t)p->npo;
    c->start = calloc(npo + 2, sizeof *c->start), c->sup = malloc(((size_t)p->nedge + 1) * sizeof *c->sup);
    c->op0 = malloc((npo + 1) * sizeof *c->op0), c->ready = malloc((npo + 1) * sizeof *c->ready);
    c->shortq = calloc(npo + 1, 1), c->banned = calloc(npo + 1, 1);
    if (!c->start || !c->sup || !c->op0 || !c->ready || !c->shortq || !c->banned) return -1;
    for (int32_t e = 0; e < p->nedge; e++)
        if (p->edge[2 * e] >= 0) c->start[p->edge[2 * e] + 1]++;
    for (size_t q = 0; q < npo; q++) c->start[q + 1] += c->start[q];
    for (size_t q = 0; q < npo; q++) c->op0[q] = c->start[q]; /* first: a fill pointer per order */
    for (int32_t e = 0; e < p->nedge; e++) {
        int32_t v = p->edge[2 * e];
        if (v < 0) continue;
        if (p->edge[2 * e + 1] == ORDO_SUP_SHORT) c->shortq[v] = 1;
        c->sup[c->op0[v]++] = p->edge[2 * e + 1];
    }
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
        if (c->banned[q] || c->shortq[q] || !base_ops(p, c->B, q, b, &first, &end)) continue;
        int ok = ordo_sched_design(p, q) <= first;
        for (int32_t j = c->start[q]; ok && j < c->start[q + 1]; j++) ok = supply_ready(p, c->sup[j], c->ready) <= first;
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
static int pin_kept(struct ordo_plan *p, const base_view *B, const int32_t *match)
{
    keep_ctx c = {p, B, match, NULL, NULL, NULL, NULL, NULL, NULL};
    int rc = keep_init(&c), more = 1;
    while (rc == 0 && more > 0) {
        keep_decide(&c);
        more = keep_overload(&c);
        if (more < 0) rc = -1;
    }
    keep_free(&c);
    return rc;
}

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
    if (!bad && inc) bad = pin_kept(p, B, match);
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
    ordo_rc rc = base_memo(m, base_dir, &memo) ? base_from_memo(&B, m, memo) : base_read(&B, m, base_dir, err, nerr);
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
    base_free(&B);
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
