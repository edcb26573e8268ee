/*
** scenario.c -- the scenarios file: parsed with cJSON, every change checked against the base
** model and its references resolved to indices; errors located as
** "scenarios[2].changes[0].factor: must be > 0".
*/
#include "whatif.h"

#include "dates.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const change_names[ORDO_CH_NKIND] = {
    "scale_demand", "shift_demand", "add_order", "cancel_order", "resource_down",
    "resource_capacity", "overtime", "extra_shift", "lead_time", "receipt_late"};

/* The fields each kind accepts besides "type" (and "note", "x-..." anywhere). */
static const char *const change_fields[ORDO_CH_NKIND] = {
    " factor item customer from to ", " days item customer from to ",
    " id item qty due customer priority penalty_per_day urgent ", " order ", " resource from to ",
    " resource units efficiency ", " resource calendar minutes ", " resource calendar start end ",
    " item days add_days ", " receipt days "};

/* Name -> index maps of the base model, by sid. */
typedef struct sctx {
    const ordo_model *m;
    ordo_diag *diag;
    ordo_scenario_set *set;
    int32_t *item_of, *res_of, *cal_of, *order_of, *rcpt_of; /* [sid] index or -1 */
    uint8_t *is_customer;                                      /* [sid] */
    char path[160];  /* "scenarios[2].changes[0]" */
    int bad, oom;
} sctx;

static void err(sctx *c, const char *field, const char *fmt, ...) ORDO_PRINTF(3, 4);
static void err(sctx *c, const char *field, const char *fmt, ...)
{
    char reason[400], where[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(where, sizeof where, "%s%s%s", c->path, field ? "." : "", field ? field : "");
    ordo_diag_add(c->diag, where, "%s", reason);
    c->bad = 1;
}

static int32_t *sid_map(sctx *c, const int32_t *names, int32_t n)
{
    int32_t *map = malloc(((size_t)c->m->names.n + 1) * sizeof *map);
    if (!map) {
        c->oom = 1;
        return NULL;
    }
    for (int32_t s = 0; s <= c->m->names.n; s++) map[s] = -1;
    for (int32_t i = n - 1; i >= 0; i--)
        if (names[i] >= 0 && names[i] < c->m->names.n) map[names[i]] = i; /* first one wins */
    return map;
}

static int build_maps(sctx *c)
{
    const ordo_model *m = c->m;
    c->item_of = sid_map(c, m->item_name, m->nitem);
    c->res_of = sid_map(c, m->res_name, m->nres);
    c->cal_of = sid_map(c, m->cal_name, m->ncal);
    c->order_of = sid_map(c, m->or_name, m->nord);
    c->rcpt_of = sid_map(c, m->rc_name, m->nrcpt);
    c->is_customer = calloc((size_t)m->names.n + 1, 1);
    if (!c->is_customer) c->oom = 1;
    for (int32_t o = 0; !c->oom && o < m->nord; o++)
        if (m->or_cust[o] >= 0) c->is_customer[m->or_cust[o]] = 1;
    return c->oom ? -1 : 0;
}

static void free_maps(sctx *c)
{
    free(c->item_of), free(c->res_of), free(c->cal_of), free(c->order_of), free(c->rcpt_of);
    free(c->is_customer);
}

/* The sid of a string of the base model, or -1. */
static int32_t sid_of(const sctx *c, const char *s) { return ordo_strpool_find(&c->m->names, s, strlen(s)); }

/* A string field: NULL when absent (an error when required or not a string). */
static const char *str_field(sctx *c, const cJSON *o, const char *key, int required)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!x || cJSON_IsNull(x)) {
        if (required) err(c, key, "missing");
        return NULL;
    }
    if (!cJSON_IsString(x) || !x->valuestring[0]) {
        err(c, key, "must be a non-empty string");
        return NULL;
    }
    return x->valuestring;
}

/* A reference to a base table by id; -1 (and an error when given or required) if unknown. */
static int32_t ref_field(sctx *c, const cJSON *o, const char *key, const int32_t *map, const char *what, int required)
{
    const char *s = str_field(c, o, key, required);
    if (!s) return -1;
    int32_t sid = sid_of(c, s), i = sid >= 0 ? map[sid] : -1;
    if (i < 0) err(c, key, "unknown %s \"%s\"", what, s);
    return i;
}

enum { NUM_POS = 1, NUM_NONNEG = 2, NUM_WHOLE = 4 };

/* A number field into *x; 1 when present and valid, 0 when absent (error when required),
** -1 when invalid. */
static int num_field(sctx *c, const cJSON *o, const char *key, int flags, int required, double *x)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) {
        if (required) err(c, key, "missing");
        return 0;
    }
    double d = v->valuedouble;
    if (!cJSON_IsNumber(v) || !isfinite(d)) {
        err(c, key, "must be a number");
        return -1;
    }
    if ((flags & NUM_POS) && !(d > 0)) err(c, key, "%g must be > 0", d);
    else if ((flags & NUM_NONNEG) && d < 0) err(c, key, "%g must not be negative", d);
    else if ((flags & NUM_WHOLE) && (d != floor(d) || fabs(d) > 1e8)) err(c, key, "%g must be a whole number", d);
    else {
        *x = d;
        return 1;
    }
    return -1;
}

static int date_field(sctx *c, const cJSON *o, const char *key, int required, int32_t *day)
{
    const char *s = str_field(c, o, key, required);
    if (!s) return 0;
    if (ordo_parse_date(s, day)) {
        err(c, key, "\"%s\" is not a date (YYYY-MM-DD)", s);
        return -1;
    }
    return 1;
}

static int minute_field(sctx *c, const cJSON *o, const char *key, int32_t *min)
{
    const char *s = str_field(c, o, key, 1);
    if (!s) return -1;
    int v = ordo_parse_hhmm(s, 1);
    if (v < 0) err(c, key, "\"%s\" is not a time (HH:MM)", s);
    *min = v;
    return v < 0 ? -1 : 0;
}

/* from/to of a change: a window of days, both optional unless required. */
static void window(sctx *c, const cJSON *o, ordo_change *ch, int required)
{
    int a = date_field(c, o, "from", required, &ch->from), b = date_field(c, o, "to", required, &ch->to);
    if (a < 1) ch->from = ORDO_DAY_MIN;
    if (b < 1) ch->to = ORDO_DAY_MAX;
    if (a == 1 && b == 1 && ch->from > ch->to) err(c, "to", "is before from");
}

static const char *keep_str(sctx *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = ordo_arena_alloc(&c->set->strings, n);
    if (!d) {
        c->oom = 1;
        return "";
    }
    memcpy(d, s, n);
    return d;
}

/* ---- one change of each kind ------------------------------------------------------------- */
static void parse_demand(sctx *c, const cJSON *o, ordo_change *ch)
{
    double x = 0;
    if (ch->kind == ORDO_CH_SCALE_DEMAND) {
        if (num_field(c, o, "factor", NUM_POS, 1, &x) == 1) ch->factor = x;
    } else if (num_field(c, o, "days", NUM_WHOLE, 1, &x) == 1) {
        ch->days = (int32_t)x;
    }
    if (cJSON_GetObjectItemCaseSensitive(o, "item")) ch->item = ref_field(c, o, "item", c->item_of, "item", 0);
    const char *cust = str_field(c, o, "customer", 0);
    if (cust) {
        ch->customer = sid_of(c, cust);
        if (ch->customer < 0 || !c->is_customer[ch->customer]) err(c, "customer", "no order of customer \"%s\"", cust);
    }
    window(c, o, ch, 0);
}

static void parse_add(sctx *c, const cJSON *o, ordo_change *ch, const ordo_change *first)
{
    ordo_new_order *a = &ch->add;
    const char *id = str_field(c, o, "id", 1);
    if (id) {
        int32_t sid = sid_of(c, id);
        if (sid >= 0 && c->order_of[sid] >= 0) err(c, "id", "order \"%s\" is already in the data set", id);
        for (const ordo_change *p = first; p < ch; p++)
            if (p->kind == ORDO_CH_ADD_ORDER && p->add.id && strcmp(p->add.id, id) == 0)
                err(c, "id", "order \"%s\" is added twice", id);
        a->id = keep_str(c, id);
    }
    a->item = ref_field(c, o, "item", c->item_of, "item", 1);
    double x;
    if (num_field(c, o, "qty", NUM_POS, 1, &x) == 1) a->qty = x;
    date_field(c, o, "due", 1, &a->due);
    const char *cust = str_field(c, o, "customer", 0);
    if (cust) a->customer = keep_str(c, cust);
    if (num_field(c, o, "priority", 0, 0, &x) == 1) a->priority = x;
    if (num_field(c, o, "penalty_per_day", NUM_NONNEG, 0, &x) == 1) a->penalty = x;
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(o, "urgent");
    if (u && !cJSON_IsNull(u) && !cJSON_IsBool(u)) err(c, "urgent", "must be true or false");
    a->urgent = cJSON_IsTrue(u);
}

/* "resource" or "calendar", exactly one. */
static void parse_target(sctx *c, const cJSON *o, ordo_change *ch)
{
    int has_r = cJSON_GetObjectItemCaseSensitive(o, "resource") != NULL;
    int has_c = cJSON_GetObjectItemCaseSensitive(o, "calendar") != NULL;
    if (has_r == has_c) {
        err(c, NULL, "needs exactly one of \"resource\" and \"calendar\"");
        return;
    }
    if (has_r) ch->resource = ref_field(c, o, "resource", c->res_of, "resource", 1);
    else ch->calendar = ref_field(c, o, "calendar", c->cal_of, "calendar", 1);
}

static void parse_capacity(sctx *c, const cJSON *o, ordo_change *ch)
{
    ch->resource = ref_field(c, o, "resource", c->res_of, "resource", 1);
    if (ch->kind == ORDO_CH_RESOURCE_DOWN) {
        window(c, o, ch, 1);
        return;
    }
    double x;
    int a = num_field(c, o, "units", NUM_POS | NUM_WHOLE, 0, &x);
    if (a == 1) ch->units = (int32_t)x;
    int b = num_field(c, o, "efficiency", NUM_POS, 0, &x);
    if (b == 1) ch->efficiency = x;
    if (a == 0 && b == 0) err(c, NULL, "needs \"units\" or \"efficiency\"");
}

static void parse_calendar(sctx *c, const cJSON *o, ordo_change *ch)
{
    parse_target(c, o, ch);
    double x;
    if (ch->kind == ORDO_CH_OVERTIME) {
        if (num_field(c, o, "minutes", NUM_POS | NUM_WHOLE, 1, &x) == 1) {
            if (x > ORDO_MIN_PER_DAY) err(c, "minutes", "%g is more than a day", x);
            ch->minutes = (int32_t)x;
        }
        return;
    }
    minute_field(c, o, "start", &ch->start);
    minute_field(c, o, "end", &ch->end);
}

static void parse_lead(sctx *c, const cJSON *o, ordo_change *ch)
{
    ch->item = ref_field(c, o, "item", c->item_of, "item", 1);
    double x;
    int a = num_field(c, o, "days", NUM_NONNEG | NUM_WHOLE, 0, &x);
    if (a == 1) ch->days = (int32_t)x;
    int b = num_field(c, o, "add_days", NUM_WHOLE, 0, &x);
    if (b == 1) {
        ch->days = (int32_t)x;
        ch->relative = 1;
        if (ch->item >= 0 && c->m->item_lead[ch->item] + ch->days < 0)
            err(c, "add_days", "%d would make the lead time of \"%s\" negative (%d days)", ch->days,
                ordo_str(&c->m->names, c->m->item_name[ch->item]), c->m->item_lead[ch->item]);
    }
    if ((a != 0) == (b != 0)) err(c, NULL, "needs exactly one of \"days\" and \"add_days\"");
}

static void parse_receipt(sctx *c, const cJSON *o, ordo_change *ch)
{
    ch->receipt = ref_field(c, o, "receipt", c->rcpt_of, "receipt", 1);
    double x;
    if (num_field(c, o, "days", NUM_WHOLE, 1, &x) == 1) ch->days = (int32_t)x;
}

/* Every key of o must be "type", "note", "x-..." or one of the kind's fields. */
static void check_keys(sctx *c, const cJSON *o, int kind)
{
    for (const cJSON *k = o->child; k; k = k->next) {
        const char *s = k->string;
        if (strcmp(s, "type") == 0 || strcmp(s, "note") == 0 || strncmp(s, "x-", 2) == 0) continue;
        char word[80];
        snprintf(word, sizeof word, " %s ", s);
        if (!strstr(change_fields[kind], word))
            err(c, s, "unknown field for a %s change (fields:%s)", change_names[kind], change_fields[kind]);
    }
}

static void parse_change(sctx *c, const cJSON *o, ordo_change *ch, const ordo_change *first)
{
    memset(ch, 0, sizeof *ch);
    ch->item = ch->customer = ch->resource = ch->calendar = ch->order = ch->receipt = -1;
    ch->add.item = -1;
    if (!cJSON_IsObject(o)) {
        err(c, NULL, "must be an object");
        return;
    }
    const char *type = str_field(c, o, "type", 1);
    if (!type) return;
    int kind = 0;
    while (kind < ORDO_CH_NKIND && strcmp(change_names[kind], type) != 0) kind++;
    if (kind == ORDO_CH_NKIND) {
        err(c, "type", "unknown change \"%s\" (scale_demand, shift_demand, add_order, cancel_order, resource_down, "
                       "resource_capacity, overtime, extra_shift, lead_time, receipt_late)", type);
        return;
    }
    ch->kind = kind;
    check_keys(c, o, kind);
    switch (kind) {
    case ORDO_CH_SCALE_DEMAND:
    case ORDO_CH_SHIFT_DEMAND: parse_demand(c, o, ch); break;
    case ORDO_CH_ADD_ORDER: parse_add(c, o, ch, first); break;
    case ORDO_CH_CANCEL_ORDER: ch->order = ref_field(c, o, "order", c->order_of, "order", 1); break;
    case ORDO_CH_RESOURCE_DOWN:
    case ORDO_CH_RESOURCE_CAPACITY: parse_capacity(c, o, ch); break;
    case ORDO_CH_OVERTIME:
    case ORDO_CH_EXTRA_SHIFT: parse_calendar(c, o, ch); break;
    case ORDO_CH_LEAD_TIME: parse_lead(c, o, ch); break;
    default: parse_receipt(c, o, ch); break;
    }
}

/* ---- scenarios ----------------------------------------------------------------------------- */
static void parse_name(sctx *c, const cJSON *s, int32_t k)
{
    ordo_scenario *sc = &c->set->sc[k];
    sc->name = "";
    const char *name = str_field(c, s, "name", 1);
    if (!name) return;
    if (strchr(name, '/') || strchr(name, '\\') || name[0] == '.' || strlen(name) > 200) {
        err(c, "name", "\"%s\" cannot name a folder (no '/', '\\', leading '.', at most 200 bytes)", name);
        return;
    }
    for (int32_t j = 0; j < k; j++)
        if (strcmp(c->set->sc[j].name, name) == 0) {
            err(c, "name", "\"%s\" is also the name of scenarios[%d]", name, (int)j);
            return;
        }
    sc->name = keep_str(c, name);
}

/* Check scenario k's changes together: applied to a copy of the model (calendars that the
** changes make impossible are found there). */
static void try_apply(sctx *c, int32_t k)
{
    char why[300] = "";
    int32_t *base_of = NULL;
    ordo_model *m2 = ordo_scenario_model(c->m, c->set, k, &base_of, why, sizeof why);
    if (!m2 && strcmp(why, "out of memory") == 0) c->oom = 1;
    else if (!m2) {
        ordo_diag_add(c->diag, "", "%s", why);
        c->bad = 1;
    }
    ordo_model_close(m2);
    free(base_of);
}

static void parse_scenario(sctx *c, const cJSON *s, int32_t k)
{
    snprintf(c->path, sizeof c->path, "scenarios[%d]", (int)k);
    ordo_scenario *sc = &c->set->sc[k];
    sc->first = c->set->nch;
    if (!cJSON_IsObject(s)) {
        err(c, NULL, "must be an object {\"name\", \"changes\"}");
        return;
    }
    parse_name(c, s, k);
    for (const cJSON *f = s->child; f; f = f->next)
        if (strcmp(f->string, "name") && strcmp(f->string, "changes") && strcmp(f->string, "note") &&
            strncmp(f->string, "x-", 2))
            err(c, f->string, "unknown field (name, changes)");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(s, "changes");
    if (list && !cJSON_IsNull(list) && !cJSON_IsArray(list)) {
        err(c, "changes", "must be a list");
        return;
    }
    int n = list ? cJSON_GetArraySize(list) : 0;
    ordo_change *ch = realloc(c->set->ch, ((size_t)c->set->nch + (size_t)n + 1) * sizeof *ch);
    if (!ch) {
        c->oom = 1;
        return;
    }
    c->set->ch = ch;
    int bad = c->bad;
    c->bad = 0;
    int j = 0;
    for (const cJSON *o = list ? list->child : NULL; o; o = o->next, j++) {
        snprintf(c->path, sizeof c->path, "scenarios[%d].changes[%d]", (int)k, j);
        parse_change(c, o, &ch[c->set->nch + j], &ch[sc->first]);
    }
    sc->n = j;
    c->set->nch += j;
    if (!c->bad && !c->oom) try_apply(c, k);
    c->bad |= bad;
}

static int parse_doc(sctx *c, const char *json, size_t len)
{
    cJSON *doc = cJSON_ParseWithLength(json, len);
    if (!doc) {
        ordo_diag_add(c->diag, "", "not valid JSON (near byte %ld)",
                      cJSON_GetErrorPtr() ? (long)(cJSON_GetErrorPtr() - json) : 0L);
        return 1;
    }
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "scenarios");
    if (!cJSON_IsObject(doc) || !cJSON_IsArray(list)) {
        ordo_diag_add(c->diag, "scenarios", "missing: the file is {\"scenarios\": [{\"name\", \"changes\": [...]}]}");
        cJSON_Delete(doc);
        return 1;
    }
    int n = cJSON_GetArraySize(list);
    c->set->sc = calloc((size_t)n + 1, sizeof *c->set->sc);
    if (!c->set->sc) c->oom = 1;
    int32_t k = 0;
    for (const cJSON *s = list->child; s && !c->oom; s = s->next) {
        parse_scenario(c, s, k);
        c->set->nsc = ++k;
    }
    if (n == 0) ordo_diag_add(c->diag, "scenarios", "is empty"), c->bad = 1;
    cJSON_Delete(doc);
    return c->oom ? -1 : c->bad;
}

int ordo_scenarios_parse(const ordo_model *m, const char *json, size_t len, ordo_scenario_set *set, ordo_diag *diag)
{
    memset(set, 0, sizeof *set);
    ordo_arena_init(&set->strings);
    sctx c;
    memset(&c, 0, sizeof c);
    c.m = m, c.diag = diag, c.set = set;
    int rc = build_maps(&c) ? -1 : parse_doc(&c, json, len);
    free_maps(&c);
    if (rc >= 0 && diag->oom) rc = -1;
    return rc;
}

void ordo_scenarios_free(ordo_scenario_set *set)
{
    if (!set) return;
    free(set->sc);
    free(set->ch);
    ordo_arena_free(&set->strings);
    memset(set, 0, sizeof *set);
}
