/*
** input.c -- raw tables of a loaded data set and the schemas that describe them.
*/
#include "input.h"

#include <stdio.h>
#include <string.h>

#define FLD(T, name, member, kind, req) {name, (uint16_t)offsetof(T, member), kind, req}
#define LST(name) {name, 0, ORDO_F_LIST, 0}
#define OBJ(name) {name, 0, ORDO_F_OBJ, 0}
#define SCHEMA(tab, T, f) {tab, sizeof(T), f, (int)(sizeof f / sizeof f[0])}

static const ordo_field f_cal[] = {
    FLD(ordo_raw_cal, "id", id, ORDO_F_STR, 1),
    LST("weekdays"),
    LST("shifts"),
    LST("holidays"),
    FLD(ordo_raw_cal, "overtime_minutes_per_day", overtime, ORDO_F_NUM, 0),
};
static const ordo_field f_weekday[] = {FLD(ordo_raw_weekday, "", day, ORDO_F_NUM, 1)};
static const ordo_field f_shift[] = {
    FLD(ordo_raw_shift, "0", start, ORDO_F_STR, 1),
    FLD(ordo_raw_shift, "1", end, ORDO_F_STR, 1),
};
static const ordo_field f_holiday[] = {FLD(ordo_raw_holiday, "", date, ORDO_F_STR, 1)};
static const ordo_field f_res[] = {
    FLD(ordo_raw_res, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_res, "calendar", calendar, ORDO_F_STR, 0),
    FLD(ordo_raw_res, "units", units, ORDO_F_NUM, 0),
    FLD(ordo_raw_res, "efficiency", efficiency, ORDO_F_NUM, 0),
    FLD(ordo_raw_res, "site", site, ORDO_F_STR, 0),
};
static const ordo_field f_item[] = {
    FLD(ordo_raw_item, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_item, "source", source, ORDO_F_STR, 0),
    FLD(ordo_raw_item, "lead_time_days", lead, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "inspection_days", insp, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "on_hand", on_hand, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "safety_stock", safety, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "yield", yield, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "calendar", calendar, ORDO_F_STR, 0),
    OBJ("lot"),
    FLD(ordo_raw_item, "lot.rule", lot_rule, ORDO_F_STR, 0),
    FLD(ordo_raw_item, "lot.qty", lot_qty, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "lot.periods", lot_periods, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "lot.min", lot_min, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "lot.multiple", lot_multiple, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "lot.setup_cost", lot_setup_cost, ORDO_F_NUM, 0),
    FLD(ordo_raw_item, "lot.holding_cost", lot_holding_cost, ORDO_F_NUM, 0),
    LST("suppliers"),
    FLD(ordo_raw_item, "site", site, ORDO_F_STR, 0),
    FLD(ordo_raw_item, "transfer_from", transfer_from, ORDO_F_STR, 0),
    FLD(ordo_raw_item, "planning_fence_days", fence, ORDO_F_NUM, 0),
};
static const ordo_field f_site[] = {
    FLD(ordo_raw_site, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_site, "calendar", calendar, ORDO_F_STR, 0),
};
static const ordo_field f_sup[] = {
    FLD(ordo_raw_sup, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_sup, "lead_time_days", lead, ORDO_F_NUM, 0),
    FLD(ordo_raw_sup, "calendar", calendar, ORDO_F_STR, 0),
    FLD(ordo_raw_sup, "min", min, ORDO_F_NUM, 0),
    FLD(ordo_raw_sup, "multiple", multiple, ORDO_F_NUM, 0),
    FLD(ordo_raw_sup, "priority", priority, ORDO_F_NUM, 0),
    FLD(ordo_raw_sup, "share", share, ORDO_F_NUM, 0),
};
static const ordo_field f_bom[] = {
    FLD(ordo_raw_bom, "parent", parent, ORDO_F_STR, 1),
    FLD(ordo_raw_bom, "component", component, ORDO_F_STR, 1),
    FLD(ordo_raw_bom, "qty_per", qty_per, ORDO_F_NUM, 1),
    FLD(ordo_raw_bom, "scrap", scrap, ORDO_F_NUM, 0),
    FLD(ordo_raw_bom, "from", from, ORDO_F_STR, 0),
    FLD(ordo_raw_bom, "to", to, ORDO_F_STR, 0),
    FLD(ordo_raw_bom, "group", group, ORDO_F_STR, 0),
    FLD(ordo_raw_bom, "priority", priority, ORDO_F_NUM, 0),
};
static const ordo_field f_routing[] = {
    FLD(ordo_raw_routing, "item", item, ORDO_F_STR, 1),
    {"operations", 0, ORDO_F_LIST, 1},
};
static const ordo_field f_op[] = {
    FLD(ordo_raw_op, "seq", seq, ORDO_F_NUM, 1),
    {"resources", 0, ORDO_F_LIST, 1},
    FLD(ordo_raw_op, "setup_minutes", setup, ORDO_F_NUM, 0),
    FLD(ordo_raw_op, "run_minutes_per_unit", run, ORDO_F_NUM, 0),
};
static const ordo_field f_alt[] = {
    FLD(ordo_raw_alt, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_alt, "setup_minutes", setup, ORDO_F_NUM, 0),
    FLD(ordo_raw_alt, "run_minutes_per_unit", run, ORDO_F_NUM, 0),
};
static const ordo_field f_rcpt[] = {
    FLD(ordo_raw_rcpt, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_rcpt, "item", item, ORDO_F_STR, 1),
    FLD(ordo_raw_rcpt, "qty", qty, ORDO_F_NUM, 1),
    FLD(ordo_raw_rcpt, "date", date, ORDO_F_STR, 1),
    FLD(ordo_raw_rcpt, "kind", kind, ORDO_F_STR, 0),
};
static const ordo_field f_order[] = {
    FLD(ordo_raw_order, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_order, "item", item, ORDO_F_STR, 1),
    FLD(ordo_raw_order, "qty", qty, ORDO_F_NUM, 1),
    FLD(ordo_raw_order, "due", due, ORDO_F_STR, 1),
    FLD(ordo_raw_order, "priority", priority, ORDO_F_NUM, 0),
    FLD(ordo_raw_order, "penalty_per_day", penalty, ORDO_F_NUM, 0),
    FLD(ordo_raw_order, "urgent", urgent, ORDO_F_BOOL, 0),
    FLD(ordo_raw_order, "design_days", design_days, ORDO_F_NUM, 0),
    FLD(ordo_raw_order, "customer", customer, ORDO_F_STR, 0),
};
static const ordo_field f_prod[] = {
    FLD(ordo_raw_prod, "id", id, ORDO_F_STR, 1),
    FLD(ordo_raw_prod, "item", item, ORDO_F_STR, 1),
    FLD(ordo_raw_prod, "qty", qty, ORDO_F_NUM, 1),
    FLD(ordo_raw_prod, "due", due, ORDO_F_STR, 1),
    FLD(ordo_raw_prod, "status", status, ORDO_F_STR, 1),
    LST("operations"),
};
static const ordo_field f_prod_op[] = {
    FLD(ordo_raw_prod_op, "seq", seq, ORDO_F_NUM, 1),
    FLD(ordo_raw_prod_op, "resource", resource, ORDO_F_STR, 1),
    FLD(ordo_raw_prod_op, "start", start, ORDO_F_STR, 1),
    FLD(ordo_raw_prod_op, "end", end, ORDO_F_STR, 1),
    FLD(ordo_raw_prod_op, "done", done, ORDO_F_BOOL, 0),
};
static const ordo_field f_top[] = {
    FLD(ordo_raw_top, "ordo", version, ORDO_F_NUM, 1),
    {"horizon", 0, ORDO_F_OBJ, 1},
    FLD(ordo_raw_top, "horizon.start", start, ORDO_F_STR, 1),
    FLD(ordo_raw_top, "horizon.end", end, ORDO_F_STR, 1),
    FLD(ordo_raw_top, "objective", objective, ORDO_F_STR, 0),
    FLD(ordo_raw_top, "horizon.frozen_until", frozen_until, ORDO_F_STR, 0),
    OBJ("actions"),
    FLD(ordo_raw_top, "actions.reschedule_days", act_days, ORDO_F_NUM, 0),
    FLD(ordo_raw_top, "actions.quantity_percent", act_pct, ORDO_F_NUM, 0),
};

const ordo_schema ordo_schemas[ORDO_NTAB] = {
    [ORDO_TAB_CAL] = SCHEMA("calendars", ordo_raw_cal, f_cal),
    [ORDO_TAB_WEEKDAY] = SCHEMA("weekdays", ordo_raw_weekday, f_weekday),
    [ORDO_TAB_SHIFT] = SCHEMA("shifts", ordo_raw_shift, f_shift),
    [ORDO_TAB_HOLIDAY] = SCHEMA("holidays", ordo_raw_holiday, f_holiday),
    [ORDO_TAB_RES] = SCHEMA("resources", ordo_raw_res, f_res),
    [ORDO_TAB_ITEM] = SCHEMA("items", ordo_raw_item, f_item),
    [ORDO_TAB_BOM] = SCHEMA("bom", ordo_raw_bom, f_bom),
    [ORDO_TAB_ROUTING] = SCHEMA("routings", ordo_raw_routing, f_routing),
    [ORDO_TAB_OP] = SCHEMA("operations", ordo_raw_op, f_op),
    [ORDO_TAB_ALT] = SCHEMA("resources", ordo_raw_alt, f_alt),
    [ORDO_TAB_RCPT] = SCHEMA("receipts", ordo_raw_rcpt, f_rcpt),
    [ORDO_TAB_ORDER] = SCHEMA("orders", ordo_raw_order, f_order),
    [ORDO_TAB_SUP] = SCHEMA("suppliers", ordo_raw_sup, f_sup),
    [ORDO_TAB_SITE] = SCHEMA("sites", ordo_raw_site, f_site),
    [ORDO_TAB_PROD] = SCHEMA("production_orders", ordo_raw_prod, f_prod),
    [ORDO_TAB_PROD_OP] = SCHEMA("operations", ordo_raw_prod_op, f_prod_op),
};
const ordo_schema ordo_schema_top = SCHEMA("", ordo_raw_top, f_top);

int ordo_schema_field(const ordo_schema *s, const char *name)
{
    for (int i = 0; i < s->nfield; i++)
        if (strcmp(s->fields[i].name, name) == 0) return i;
    return -1;
}

int ordo_input_init(ordo_input *in)
{
    memset(in, 0, sizeof *in);
    in->top.start = in->top.end = in->top.objective = in->top.frozen_until = -1;
    for (int t = 0; t < ORDO_NTAB; t++) ordo_vec_init(&in->tab[t], ordo_schemas[t].row_size);
    return ordo_strpool_init(&in->strings);
}

void ordo_input_free(ordo_input *in)
{
    for (int t = 0; t < ORDO_NTAB; t++) ordo_vec_free(&in->tab[t]);
    ordo_strpool_free(&in->strings);
}

void ordo_input_blank(int t, void *row)
{
    /* String fields start absent (-1), numbers at 0. */
    const ordo_schema *s = &ordo_schemas[t];
    memset(row, 0, s->row_size);
    for (int f = 0; f < s->nfield; f++)
        if (s->fields[f].kind == ORDO_F_STR) *(int32_t *)((char *)row + s->fields[f].off) = -1;
}

void *ordo_input_row(ordo_input *in, int t, int32_t parent, int32_t pos)
{
    ordo_rowhdr *h = ordo_vec_push_raw(&in->tab[t]);
    if (!h) return NULL;
    ordo_input_blank(t, h);
    h->parent = parent;
    h->pos = pos;
    return h;
}

static const ordo_rowhdr *row_at(const ordo_input *in, int t, int32_t r)
{
    return (const ordo_rowhdr *)((const char *)in->tab[t].data + (size_t)r * in->tab[t].elem);
}

const char *ordo_input_path(const ordo_input *in, int t, int32_t r, int f, char *buf, size_t n)
{
    const ordo_rowhdr *h = row_at(in, t, r);
    const char *fname = f >= 0 ? ordo_schemas[t].fields[f].name : "";
    switch (t) {
    case ORDO_TAB_WEEKDAY:
    case ORDO_TAB_HOLIDAY:
        snprintf(buf, n, "calendars[%d].%s[%d]", row_at(in, ORDO_TAB_CAL, h->parent)->pos,
                 ordo_schemas[t].table, h->pos);
        break;
    case ORDO_TAB_SHIFT:
        snprintf(buf, n, "calendars[%d].shifts[%d]%s%s%s", row_at(in, ORDO_TAB_CAL, h->parent)->pos,
                 h->pos, f >= 0 ? "[" : "", fname, f >= 0 ? "]" : "");
        break;
    case ORDO_TAB_OP:
        snprintf(buf, n, "routings[%d].operations[%d]%s%s", row_at(in, ORDO_TAB_ROUTING, h->parent)->pos,
                 h->pos, *fname ? "." : "", fname);
        break;
    case ORDO_TAB_SUP:
        snprintf(buf, n, "items[%d].suppliers[%d]%s%s", row_at(in, ORDO_TAB_ITEM, h->parent)->pos, h->pos,
                 *fname ? "." : "", fname);
        break;
    case ORDO_TAB_PROD_OP:
        snprintf(buf, n, "production_orders[%d].operations[%d]%s%s", row_at(in, ORDO_TAB_PROD, h->parent)->pos,
                 h->pos, *fname ? "." : "", fname);
        break;
    case ORDO_TAB_ALT: {
        const ordo_rowhdr *op = row_at(in, ORDO_TAB_OP, h->parent);
        const ordo_raw_alt *alt = (const ordo_raw_alt *)h;
        int named = *fname && alt->is_object;
        snprintf(buf, n, "routings[%d].operations[%d].resources[%d]%s%s",
                 row_at(in, ORDO_TAB_ROUTING, op->parent)->pos, op->pos, h->pos, named ? "." : "",
                 named ? fname : "");
        break;
    }
    default:
        ordo_path(buf, n, ordo_schemas[t].table, h->pos, fname);
    }
    return buf;
}
