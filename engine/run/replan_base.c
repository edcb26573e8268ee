/*
** replan_base.c -- the base of a re-plan, read by ids (replan_base.h): from the memo saved with
** the plan (no JSON to parse) or from its plan.json, so that it may come from another version
** of the data set.
*/
#include "replan_base.h"
#include "started.h"

#include "dates.h"
#include "state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ordo_replan_base_free(base_view *B)
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
        ordo_replan_base_free(B);
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
        ordo_replan_base_free(B);
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
    if (rc != ORDO_OK) ordo_replan_base_free(B);
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

ordo_rc ordo_replan_base(base_view *B, const ordo_model *m, const char *dir, ordo_ncmemo **memo, char *err, size_t nerr)
{
    *memo = NULL;
    ordo_rc rc = base_memo(m, dir, memo) ? base_from_memo(B, m, *memo) : base_read(B, m, dir, err, nerr);
    if (rc != ORDO_OK) {
        ordo_ncmemo_free(*memo);
        *memo = NULL;
    }
    return rc;
}
