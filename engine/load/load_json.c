/*
** load_json.c -- stage "load": a JSON data set (SPEC section 2) into raw tables.
**
** The document is parsed once with cJSON (return_parse_end, never the global error
** pointer), walked once member by member against the table schemas (no repeated key
** lookups), and deleted. This stage checks syntax, types, unknown and duplicate keys;
** everything about values (ranges, references, dates) is validation's.
*/
#include "input.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

typedef struct loader {
    ordo_input *in;
    ordo_diag *diag;
} loader;

static const char *type_name(const cJSON *j)
{
    if (cJSON_IsString(j)) return "a string";
    if (cJSON_IsNumber(j)) return "a number";
    if (cJSON_IsBool(j)) return "a boolean";
    if (cJSON_IsArray(j)) return "an array";
    if (cJSON_IsObject(j)) return "an object";
    return "null";
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case ORDO_F_STR: return "a string";
    case ORDO_F_NUM: return "a number";
    case ORDO_F_BOOL: return "a boolean";
    case ORDO_F_LIST: return "an array";
    default: return "an object";
    }
}

/* Path of field f of row r in table t; the top-level object when t < 0. */
static const char *field_path(loader *L, int t, int32_t r, int f, char *buf, size_t n)
{
    if (t < 0) {
        snprintf(buf, n, "%s", ordo_schema_top.fields[f].name);
        return buf;
    }
    return ordo_input_path(L->in, t, r, f, buf, n);
}

static void *row_ptr(loader *L, int t, int32_t r)
{
    if (t < 0) return &L->in->top;
    return (char *)L->in->tab[t].data + (size_t)r * L->in->tab[t].elem;
}

static int32_t intern(loader *L, const char *s)
{
    int32_t sid = ordo_strpool_intern(&L->in->strings, s, strlen(s));
    if (sid < 0) ordo_diag_oom(L->diag);
    return sid;
}

static void load_list(loader *L, int t, int32_t r, int f, const cJSON *arr);

/* Load the members of obj into row r of table t (t < 0: the top-level object), matching
** keys against the schema; prefix is "lot" when obj is a nested object. */
static void load_fields(loader *L, int t, int32_t r, const cJSON *obj, const char *prefix)
{
    const ordo_schema *s = t < 0 ? &ordo_schema_top : &ordo_schemas[t];
    uint32_t seen = 0;
    char name[256], path[512];
    for (const cJSON *m = obj->child; m; m = m->next) {
        const char *key = m->string ? m->string : "";
        const char *full = key;
        if (prefix) {
            snprintf(name, sizeof name, "%s.%s", prefix, key);
            full = name;
        }
        int f = strchr(key, '.') && !prefix ? -1 : ordo_schema_field(s, full);
        if (f < 0) {
            if (strncmp(key, "x-", 2) == 0) continue;
            if (t < 0)
                snprintf(path, sizeof path, "%s", full);
            else {
                char rp[400];
                snprintf(path, sizeof path, "%s.%s", ordo_input_path(L->in, t, r, -1, rp, sizeof rp), full);
            }
            ordo_diag_add(L->diag, path, "unknown key \"%s\"", key);
            continue;
        }
        const ordo_field *fd = &s->fields[f];
        if (seen >> f & 1u) {
            ordo_diag_add(L->diag, field_path(L, t, r, f, path, sizeof path), "duplicate key");
            continue;
        }
        seen |= 1u << f;
        if (cJSON_IsNull(m)) continue;
        ((ordo_rowhdr *)row_ptr(L, t, r))->given |= 1u << f;
        int ok = (fd->kind == ORDO_F_STR && cJSON_IsString(m)) ||
                 (fd->kind == ORDO_F_NUM && cJSON_IsNumber(m)) ||
                 (fd->kind == ORDO_F_BOOL && cJSON_IsBool(m)) ||
                 (fd->kind == ORDO_F_LIST && cJSON_IsArray(m)) ||
                 (fd->kind == ORDO_F_OBJ && cJSON_IsObject(m));
        if (!ok) {
            ordo_diag_add(L->diag, field_path(L, t, r, f, path, sizeof path), "expected %s, got %s",
                          kind_name(fd->kind), type_name(m));
            continue;
        }
        ordo_rowhdr *h = row_ptr(L, t, r);
        h->present |= 1u << f;
        char *slot = (char *)h + fd->off;
        switch (fd->kind) {
        case ORDO_F_STR: *(int32_t *)slot = intern(L, m->valuestring); break;
        case ORDO_F_NUM: *(double *)slot = m->valuedouble; break;
        case ORDO_F_BOOL: *(double *)slot = cJSON_IsTrue(m) ? 1.0 : 0.0; break;
        case ORDO_F_OBJ: load_fields(L, t, r, m, full); break;
        default: load_list(L, t, r, f, m); break;
        }
    }
}

/* One element of a list of objects: a new row of table t; list is the list's path. */
static void load_object_row(loader *L, int t, int32_t parent, int32_t pos, const cJSON *obj,
                            const char *list)
{
    if (!cJSON_IsObject(obj)) {
        char where[600];
        snprintf(where, sizeof where, "%s[%d]", list, pos);
        ordo_diag_add(L->diag, where, "expected an object, got %s", type_name(obj));
        return;
    }
    if (!ordo_input_row(L->in, t, parent, pos)) {
        ordo_diag_oom(L->diag);
        return;
    }
    load_fields(L, t, (int32_t)L->in->tab[t].len - 1, obj, NULL);
}

/* A scalar list element (weekday, holiday, shift end, plain resource id) into row field f. */
static void load_scalar(loader *L, int t, int32_t r, int f, const cJSON *v)
{
    const ordo_field *fd = &ordo_schemas[t].fields[f];
    char path[512];
    ordo_rowhdr *h = row_ptr(L, t, r);
    if (cJSON_IsNull(v)) return;
    h->given |= 1u << f;
    if (fd->kind == ORDO_F_STR && cJSON_IsString(v)) {
        *(int32_t *)((char *)h + fd->off) = intern(L, v->valuestring);
    } else if (fd->kind == ORDO_F_NUM && cJSON_IsNumber(v)) {
        *(double *)((char *)h + fd->off) = v->valuedouble;
    } else {
        ordo_input_path(L->in, t, r, f, path, sizeof path);
        ordo_diag_add(L->diag, path, "expected %s, got %s", kind_name(fd->kind), type_name(v));
        return;
    }
    h->present |= 1u << f;
}

/* Push a child row of table t; returns its index or -1. */
static int32_t child_row(loader *L, int t, int32_t parent, int32_t pos)
{
    if (!ordo_input_row(L->in, t, parent, pos)) {
        ordo_diag_oom(L->diag);
        return -1;
    }
    return (int32_t)L->in->tab[t].len - 1;
}

/* A list field f of row r of table t (t < 0 never has lists here). */
static void load_list(loader *L, int t, int32_t r, int f, const cJSON *arr)
{
    char path[512], where[600];
    ordo_input_path(L->in, t, r, f, path, sizeof path);
    int32_t pos = 0;
    for (const cJSON *e = arr->child; e; e = e->next, pos++) {
        snprintf(where, sizeof where, "%s[%d]", path, pos);
        int32_t c;
        if (t == ORDO_TAB_CAL && f == F_CAL_WEEKDAYS) {
            if ((c = child_row(L, ORDO_TAB_WEEKDAY, r, pos)) >= 0) load_scalar(L, ORDO_TAB_WEEKDAY, c, F_WD_DAY, e);
        } else if (t == ORDO_TAB_CAL && f == F_CAL_HOLIDAYS) {
            if ((c = child_row(L, ORDO_TAB_HOLIDAY, r, pos)) >= 0) load_scalar(L, ORDO_TAB_HOLIDAY, c, F_HOL_DATE, e);
        } else if (t == ORDO_TAB_CAL && f == F_CAL_SHIFTS) {
            if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2) {
                ordo_diag_add(L->diag, where, "expected [\"HH:MM\", \"HH:MM\"]");
                continue;
            }
            if ((c = child_row(L, ORDO_TAB_SHIFT, r, pos)) < 0) continue;
            load_scalar(L, ORDO_TAB_SHIFT, c, F_SH_START, e->child);
            load_scalar(L, ORDO_TAB_SHIFT, c, F_SH_END, e->child->next);
        } else if (t == ORDO_TAB_ITEM && f == F_IT_SUPPLIERS) {
            load_object_row(L, ORDO_TAB_SUP, r, pos, e, path);
        } else if (t == ORDO_TAB_ROUTING && f == F_RT_OPS) {
            load_object_row(L, ORDO_TAB_OP, r, pos, e, path);
        } else if (t == ORDO_TAB_OP && f == F_OP_RES) {
            if (cJSON_IsObject(e)) {
                load_object_row(L, ORDO_TAB_ALT, r, pos, e, path);
                ordo_raw_alt *a = ORDO_ROWS(L->in, ordo_raw_alt, ORDO_TAB_ALT) + L->in->tab[ORDO_TAB_ALT].len - 1;
                a->is_object = 1;
            } else if (cJSON_IsString(e)) {
                if ((c = child_row(L, ORDO_TAB_ALT, r, pos)) >= 0) load_scalar(L, ORDO_TAB_ALT, c, F_ALT_ID, e);
            } else {
                ordo_diag_add(L->diag, where, "expected a resource id or an object, got %s", type_name(e));
            }
        }
    }
}

/* Line and column (1-based) of byte offset off in text. */
static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}


/* ---- the top level, streamed ----------------------------------------------------------
** The document's top-level object is scanned here and each element of the large lists
** (items, BOM lines, orders, ...) is parsed by cJSON on its own and dropped at once: memory
** stays bounded by one element, whatever the size of the data set. */
typedef struct scan {
    const char *text;
    size_t len, pos;
    loader *L;
} scan;

static void skip_ws(scan *S)
{
    while (S->pos < S->len) {
        char c = S->text[S->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        S->pos++;
    }
}

static int syntax_error(scan *S, size_t at, const char *what)
{
    int line, col;
    if (at > S->len) at = S->len;
    line_col(S->text, at, &line, &col);
    ordo_diag_add(S->L->diag, "json", "%s at line %d, column %d", what, line, col);
    return -1;
}

/* Parse one JSON value at the cursor with cJSON; NULL after reporting a syntax error. */
static cJSON *parse_value(scan *S)
{
    const char *end = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(S->text + S->pos, S->len - S->pos, &end, 0);
    if (!v) {
        size_t at = end && end >= S->text + S->pos ? (size_t)(end - S->text) : S->pos;
        syntax_error(S, at, "syntax error");
        return NULL;
    }
    S->pos = (size_t)(end - S->text);
    return v;
}

/* Expect c or close after a member; returns 1 on close, 0 on c, -1 on error. */
static int next_or_close(scan *S, char close)
{
    skip_ws(S);
    if (S->pos < S->len && S->text[S->pos] == ',') {
        S->pos++;
        return 0;
    }
    if (S->pos < S->len && S->text[S->pos] == close) {
        S->pos++;
        return 1;
    }
    return syntax_error(S, S->pos, "syntax error");
}

/* A top-level list: an array of objects, each a row of table t. */
static int load_top_list(scan *S, int t, const char *key)
{
    loader *L = S->L;
    int dup = L->in->lists_present >> t & 1u;
    if (dup) ordo_diag_add(L->diag, key, "duplicate key");
    L->in->lists_present |= 1u << t;
    S->pos++; /* '[' */
    skip_ws(S);
    if (S->pos < S->len && S->text[S->pos] == ']') {
        S->pos++;
        return 0;
    }
    for (int32_t pos = 0;; pos++) {
        cJSON *e = parse_value(S);
        if (!e) return -1;
        if (!dup) load_object_row(L, t, -1, pos, e, key);
        cJSON_Delete(e);
        if (L->diag->oom) return -1; /* out of memory: stop at once */
        int r = next_or_close(S, ']');
        if (r) return r < 0 ? -1 : 0;
    }
}

static const struct {
    const char *key;
    int tab;
} top_lists[] = {
    {"calendars", ORDO_TAB_CAL}, {"resources", ORDO_TAB_RES}, {"items", ORDO_TAB_ITEM},
    {"bom", ORDO_TAB_BOM},       {"routings", ORDO_TAB_ROUTING}, {"receipts", ORDO_TAB_RCPT},
    {"orders", ORDO_TAB_ORDER},  {"sites", ORDO_TAB_SITE},
};

static int top_list_of(const char *key)
{
    for (size_t k = 0; k < sizeof top_lists / sizeof top_lists[0]; k++)
        if (strcmp(key, top_lists[k].key) == 0) return top_lists[k].tab;
    return -1;
}

/* The members of the top-level object; scalars are collected into top for load_fields. */
static int scan_top(scan *S, cJSON *top)
{
    loader *L = S->L;
    S->pos++; /* '{' */
    skip_ws(S);
    if (S->pos < S->len && S->text[S->pos] == '}') {
        S->pos++;
        return 0;
    }
    for (;;) {
        skip_ws(S);
        if (S->pos >= S->len || S->text[S->pos] != '"') return syntax_error(S, S->pos, "syntax error");
        cJSON *k = parse_value(S);
        if (!k) return -1;
        skip_ws(S);
        if (S->pos >= S->len || S->text[S->pos] != ':') {
            cJSON_Delete(k);
            return syntax_error(S, S->pos, "syntax error");
        }
        S->pos++;
        skip_ws(S);
        int t = top_list_of(k->valuestring);
        if (t >= 0 && S->pos < S->len && S->text[S->pos] == '[') {
            int rc = load_top_list(S, t, k->valuestring);
            cJSON_Delete(k);
            if (rc) return -1;
        } else {
            cJSON *v = parse_value(S);
            if (!v) {
                cJSON_Delete(k);
                return -1;
            }
            if (t >= 0) {
                if (L->in->lists_present >> t & 1u)
                    ordo_diag_add(L->diag, k->valuestring, "duplicate key");
                else if (!cJSON_IsNull(v))
                    ordo_diag_add(L->diag, k->valuestring, "expected an array, got %s", type_name(v));
                L->in->lists_present |= 1u << t;
                cJSON_Delete(v);
            } else {
                cJSON_AddItemToObject(top, k->valuestring, v);
            }
            cJSON_Delete(k);
        }
        int r = next_or_close(S, '}');
        if (r) return r < 0 ? -1 : 0;
    }
}

int ordo_load_json(const char *text, size_t len, ordo_input *in, ordo_diag *diag)
{
    loader L = {in, diag};
    scan S = {text, len, 0, &L};
    in->input_bytes = len;
    /* A UTF-8 byte order mark is allowed before the document. */
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        S.pos = 3;
    size_t bad_at;
    const char *bad = ordo_json_text_check(text, len, &bad_at); /* strict: what cJSON lets through */
    if (bad) return syntax_error(&S, bad_at, bad);
    skip_ws(&S);
    if (S.pos >= len) return syntax_error(&S, S.pos, "syntax error");
    if (text[S.pos] != '{') {
        cJSON *v = parse_value(&S);
        if (!v) return -1;
        ordo_diag_add(diag, "json", "the data set must be an object, got %s", type_name(v));
        cJSON_Delete(v);
        return -1;
    }
    cJSON *top = cJSON_CreateObject();
    if (!top) {
        ordo_diag_oom(diag);
        return -1;
    }
    int rc = scan_top(&S, top);
    if (rc == 0) {
        skip_ws(&S);
        if (S.pos < len)
            rc = syntax_error(&S, S.pos, "unexpected text after the document");
    }
    if (rc == 0) load_fields(&L, -1, 0, top, NULL);
    cJSON_Delete(top);
    return rc < 0 ? -1 : ordo_diag_total(diag) ? 1 : 0;
}
