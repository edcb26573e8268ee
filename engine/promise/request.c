/*
** request.c -- new orders as requested (ordo quote, ordo insert): JSON read into a typed
** list with located errors. The parsed document stays in this file.
*/
#include "request.h"

#include "bounds.h"
#include "dates.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The item named name: its id's string by hash, then the item with that string. */
static int32_t find_item(const ordo_model *m, const char *name)
{
    int32_t sid = ordo_strpool_find(&m->names, name, strlen(name));
    for (int32_t i = 0; sid >= 0 && i < m->nitem; i++)
        if (m->item_name[i] == sid) return i;
    return -1;
}

/* Append "path: reason" to err (one per line); counts every error. */
static void add_err(char *err, size_t nerr, int *nerrs, const char *path, const char *fmt, const char *arg)
{
    size_t used = strlen(err);
    if (used + 1 < nerr) {
        int k = snprintf(err + used, nerr - used, "%s%s: ", used ? "\n" : "", path);
        if (k > 0 && used + (size_t)k < nerr) snprintf(err + used + (size_t)k, nerr - used - (size_t)k, fmt, arg);
    }
    (*nerrs)++;
}

/* Reading one candidate: its path for messages and where the errors go. */
typedef struct rdc {
    const cJSON *o;
    const char *path;
    char p[128];
    char *err;
    size_t nerr;
    int *nerrs;
} rdc;

/* Field key of the candidate (NULL when absent); r->p becomes its path. */
static const cJSON *field(rdc *r, const char *key)
{
    snprintf(r->p, sizeof r->p, "%s.%s", r->path, key);
    return cJSON_GetObjectItemCaseSensitive(r->o, key);
}

static void bad(rdc *r, const char *fmt, const char *arg) { add_err(r->err, r->nerr, r->nerrs, r->p, fmt, arg); }

/* An optional string field into *out. */
static void opt_str(rdc *r, const char *key, const char **out)
{
    const cJSON *x = field(r, key);
    if (x && !cJSON_IsString(x)) bad(r, "%s", "not a string");
    else if (x) *out = x->valuestring;
}

/* An optional number field in [lo, hi] (the data set's limits, bounds.h) into *out (why:
** the message when it is not). */
static void opt_num(rdc *r, const char *key, double lo, double hi, const char *why, double *out)
{
    const cJSON *x = field(r, key);
    if (x && (!cJSON_IsNumber(x) || !(x->valuedouble >= lo && x->valuedouble <= hi))) bad(r, "%s", why);
    else if (x) *out = x->valuedouble;
}

/* Read candidate k (path e.g. "orders[3]") from object o into c. */
static void read_cand(const ordo_model *m, const cJSON *o, const char *path, ordo_request *c, char *err, size_t nerr, int *nerrs)
{
    rdc r = {o, path, "", err, nerr, nerrs};
    memset(c, 0, sizeof *c);
    c->due = INT32_MIN;
    if (!cJSON_IsObject(o)) {
        add_err(err, nerr, nerrs, path, "%s", "must be an object with item and qty");
        return;
    }
    const cJSON *it = field(&r, "item");
    if (!cJSON_IsString(it))
        bad(&r, "%s", "missing or not a string");
    else if ((c->d.item = find_item(m, it->valuestring)) < 0)
        bad(&r, "unknown item \"%s\"", it->valuestring);
    const cJSON *qty = field(&r, "qty");
    if (!cJSON_IsNumber(qty) || !(qty->valuedouble > 0 && qty->valuedouble <= ORDO_LIM_QTY))
        bad(&r, "%s", "missing or not a number > 0 and at most 1e9");
    else
        c->d.qty = qty->valuedouble;
    opt_str(&r, "id", &c->id);
    const cJSON *due = field(&r, "due");
    if (due && (!cJSON_IsString(due) || ordo_parse_date(due->valuestring, &c->due))) bad(&r, "%s", "not a date YYYY-MM-DD");
    opt_num(&r, "priority", -ORDO_LIM_PRIORITY, ORDO_LIM_PRIORITY, "not a number in [-1e6, 1e6]", &c->priority);
    opt_num(&r, "penalty_per_day", 0, ORDO_LIM_PENALTY, "not a number in [0, 1e9]", &c->penalty);
    const cJSON *urg = field(&r, "urgent");
    if (urg && !cJSON_IsBool(urg)) bad(&r, "%s", "not true or false");
    else if (urg) c->urgent = cJSON_IsTrue(urg);
    opt_str(&r, "customer", &c->customer);
    double dd = 0;
    opt_num(&r, "design_days", 0, ORDO_LIM_DAYS, "not a whole number of days in [0, 3650]", &dd);
    if (dd != floor(dd)) bad(&r, "%s", "not a whole number of days in [0, 3650]");
    else c->d.design_days = (int32_t)dd;
}

/* Copy the strings the requests point to (still into the parsed document) into one block
** of their own, so that the document can go. 0, or -1 out of memory. */
static int own_strings(ordo_requests *rs)
{
    size_t total = 1;
    for (int32_t k = 0; k < rs->n; k++) {
        if (rs->r[k].id) total += strlen(rs->r[k].id) + 1;
        if (rs->r[k].customer) total += strlen(rs->r[k].customer) + 1;
        if (rs->r[k].error) total += strlen(rs->r[k].error) + 1;
    }
    char *w = rs->strings = malloc(total);
    if (!w) return -1;
    for (int32_t k = 0; k < rs->n; k++) {
        const char **s[3] = {&rs->r[k].id, &rs->r[k].customer, &rs->r[k].error};
        for (int x = 0; x < 3; x++) {
            if (!*s[x]) continue;
            size_t l = strlen(*s[x]) + 1;
            memcpy(w, *s[x], l);
            *s[x] = w;
            w += l;
        }
    }
    return 0;
}

/* Candidate o at path into c; with each (not NULL), its own errors also go into each[k]
** (nothing else of c is to be used then) and are counted in *nbad. */
static void read_one(const ordo_model *m, const cJSON *o, const char *path, ordo_request *c, char *err, size_t nerr,
                     int *nerrs, char *own, size_t nown, int32_t *nbad)
{
    int before = *nerrs;
    read_cand(m, o, path, c, err, nerr, nerrs);
    if (!own || *nerrs == before) return;
    int mine = 0;
    char lines[512] = "";
    read_cand(m, o, path, c, lines, sizeof lines, &mine); /* again, its messages alone */
    size_t w = 0;
    for (const char *x = lines; *x && w + 3 < nown; x++) /* one line: "a; b" */
        if (*x == '\n') own[w++] = ';', own[w++] = ' ';
        else own[w++] = *x;
    own[w] = 0;
    (*nbad)++;
}

/* The candidates of the parsed document root into rs->r (rs->n of them); with own (a
** buffer of nown bytes per candidate), bad candidates are kept with their errors. */
static ordo_rc read_list(const ordo_model *m, const cJSON *root, const char *what, ordo_requests *rs, char *own, size_t nown,
                         int32_t *nbad, char *err, size_t nerr)
{
    const cJSON *list = root;
    int nerrs = 0;
    if (cJSON_IsObject(list) && cJSON_GetObjectItemCaseSensitive(list, "orders")) {
        const cJSON *seq = cJSON_GetObjectItemCaseSensitive(list, "sequential");
        if (seq && !cJSON_IsBool(seq)) add_err(err, nerr, &nerrs, "sequential", "%s", "not true or false");
        rs->sequential = cJSON_IsTrue(seq);
        list = cJSON_GetObjectItemCaseSensitive(list, "orders");
    }
    int single = !cJSON_IsArray(list);
    int32_t n = single ? 1 : cJSON_GetArraySize(list);
    rs->r = calloc((size_t)n + 1, sizeof *rs->r);
    if (!rs->r) return ORDO_ENOMEM;
    rs->n = n;
    if (n == 0) add_err(err, nerr, &nerrs, what, "%s", "no candidates");
    if (nerrs) return ORDO_EINPUT; /* the request itself, not one of its candidates */
    int32_t k = 0;
    char path[96];
    if (single) {
        read_one(m, list, what, &rs->r[0], err, nerr, &nerrs, own, nown, nbad);
    } else {
        for (const cJSON *o = list->child; o; o = o->next, k++) {
            snprintf(path, sizeof path, "%s[%d]", what, (int)k);
            read_one(m, o, path, &rs->r[k], err, nerr, &nerrs, own ? own + (size_t)k * nown : NULL, nown, nbad);
        }
    }
    return nerrs && !own ? ORDO_EINPUT : ORDO_OK;
}

static ordo_rc read_requests(const ordo_model *m, const char *json, size_t len, const char *what, ordo_requests *rs,
                             int each, int32_t *nbad, char *err, size_t nerr)
{
    enum { NOWN = 512 };
    memset(rs, 0, sizeof *rs);
    err[0] = 0;
    *nbad = 0;
    size_t at;
    const char *bad = ordo_json_text_check(json, len, &at);
    if (bad) {
        snprintf(err, nerr, "%s: %s at byte %zu", what, bad, at + 1);
        return ORDO_EINPUT;
    }
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        snprintf(err, nerr, "%s: not valid JSON", what);
        return ORDO_EINPUT;
    }
    int32_t n = cJSON_IsArray(root) ? cJSON_GetArraySize(root) : cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "orders"));
    char *own = each ? calloc((size_t)(n > 0 ? n : 1), NOWN) : NULL;
    ordo_rc rc = each && !own ? ORDO_ENOMEM : read_list(m, root, what, rs, own, NOWN, nbad, err, nerr);
    for (int32_t k = 0; rc == ORDO_OK && own && k < rs->n; k++)
        if (own[(size_t)k * NOWN]) rs->r[k].error = own + (size_t)k * NOWN;
    if (rc == ORDO_OK && own_strings(rs)) rc = ORDO_ENOMEM;
    free(own);
    cJSON_Delete(root);
    if (rc != ORDO_OK) ordo_requests_free(rs);
    return rc;
}

ordo_rc ordo_requests_read(const ordo_model *m, const char *json, size_t len, const char *what, ordo_requests *rs,
                           char *err, size_t nerr)
{
    int32_t nbad;
    return read_requests(m, json, len, what, rs, 0, &nbad, err, nerr);
}

ordo_rc ordo_requests_read_each(const ordo_model *m, const char *json, size_t len, const char *what, ordo_requests *rs,
                                int32_t *nbad, char *err, size_t nerr)
{
    return read_requests(m, json, len, what, rs, 1, nbad, err, nerr);
}

void ordo_requests_free(ordo_requests *rs)
{
    free(rs->r);
    free(rs->strings);
    memset(rs, 0, sizeof *rs);
}
