/*
** save_json.c -- a loaded data set written back as canonical JSON (`ordo convert` from
** HDF5, the generator's --output): every field the source gave, in schema order, numbers
** exactly (they read back to the same doubles), through the one emitter (emit.h).
*/
#include "input.h"

#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row r of raw table t. */
static const ordo_rowhdr *row(const ordo_input *in, int t, size_t r)
{
    return (const ordo_rowhdr *)((const char *)in->tab[t].data + r * in->tab[t].elem);
}

static const char *sval(const ordo_input *in, int32_t sid) { return sid >= 0 ? ordo_str(&in->strings, sid) : ""; }

/* `, ` before every element but the first. */
static void sep(ordo_emit *e, int *first)
{
    if (!*first) ordo_emit_cstr(e, ", ");
    *first = 0;
}

/* "key": with its separator. */
static void key(ordo_emit *e, const char *k, int *first)
{
    sep(e, first);
    ordo_emit_str(e, k);
    ordo_emit_cstr(e, ": ");
}

/* One scalar field's value: a string, a boolean or a number. */
static void value(const ordo_input *in, ordo_emit *e, const ordo_field *fd, const ordo_rowhdr *h)
{
    const char *slot = (const char *)h + fd->off;
    if (fd->kind == ORDO_F_STR) ordo_emit_str(e, sval(in, *(const int32_t *)slot));
    else if (fd->kind == ORDO_F_BOOL) ordo_emit_bool(e, *(const double *)slot != 0);
    else ordo_emit_real(e, *(const double *)slot);
}

/* The scalar fields of row h of table t as "key": value pairs; nested "lot.*" as an object. */
static void fields(const ordo_input *in, ordo_emit *e, int t, const ordo_rowhdr *h, int *first)
{
    const ordo_schema *s = &ordo_schemas[t];
    for (int f = 0; f < s->nfield; f++) {
        const ordo_field *fd = &s->fields[f];
        if (fd->kind == ORDO_F_LIST || !(h->present >> f & 1u)) continue;
        if (fd->kind == ORDO_F_OBJ) {
            size_t nl = strlen(fd->name);
            key(e, fd->name, first);
            ordo_emit_ch(e, '{');
            int inner = 1;
            for (int g = 0; g < s->nfield; g++) {
                if (strncmp(s->fields[g].name, fd->name, nl) != 0 || s->fields[g].name[nl] != '.') continue;
                if (!(h->present >> g & 1u)) continue;
                key(e, s->fields[g].name + nl + 1, &inner);
                value(in, e, &s->fields[g], h);
            }
            ordo_emit_ch(e, '}');
            continue;
        }
        if (strchr(fd->name, '.')) continue; /* inside an object above */
        key(e, fd->name, first);
        value(in, e, fd, h);
    }
}

/* Children of parent row p in table t, as index lists (rows are grouped by parent in order). */
typedef struct kids {
    int32_t *start, *idx;
} kids;

static int kids_build(const ordo_input *in, int t, int pt, kids *k)
{
    size_t np = in->tab[pt].len, n = in->tab[t].len;
    k->start = calloc(np + 2, sizeof *k->start);
    k->idx = malloc((n + 1) * sizeof *k->idx);
    int32_t *fill = malloc((np + 1) * sizeof *fill);
    if (!k->start || !k->idx || !fill) {
        free(fill);
        return -1;
    }
    for (size_t r = 0; r < n; r++) k->start[row(in, t, r)->parent + 1]++;
    for (size_t p = 0; p < np; p++) k->start[p + 1] += k->start[p];
    memcpy(fill, k->start, np * sizeof *fill);
    for (size_t r = 0; r < n; r++) k->idx[fill[row(in, t, r)->parent]++] = (int32_t)r;
    free(fill);
    return 0;
}

typedef struct saver {
    const ordo_input *in;
    ordo_emit *e;
    kids wd, sh, hol, ops, alts, sups;
} saver;

/* The top level: "ordo", "horizon" and "objective" as given. */
static void top_level(const saver *S, int *first)
{
    const ordo_input *in = S->in;
    const ordo_raw_top *top = &in->top;
    ordo_emit *e = S->e;
    if (top->h.present >> F_TOP_ORDO & 1u) key(e, "ordo", first), ordo_emit_real(e, top->version);
    if (top->h.present >> F_TOP_HORIZON & 1u) {
        key(e, "horizon", first);
        ordo_emit_ch(e, '{');
        int inner = 1;
        if (top->h.present >> F_TOP_START & 1u) key(e, "start", &inner), ordo_emit_str(e, sval(in, top->start));
        if (top->h.present >> F_TOP_END & 1u) key(e, "end", &inner), ordo_emit_str(e, sval(in, top->end));
        ordo_emit_ch(e, '}');
    }
    if (top->h.present >> F_TOP_OBJ & 1u) key(e, "objective", first), ordo_emit_str(e, sval(in, top->objective));
}

/* A calendar's weekdays, shifts and holidays. */
static void calendar_lists(const saver *S, size_t r, const ordo_rowhdr *h, int *f1)
{
    const ordo_input *in = S->in;
    ordo_emit *e = S->e;
    if (h->present >> F_CAL_WEEKDAYS & 1u) {
        key(e, "weekdays", f1);
        ordo_emit_ch(e, '[');
        for (int32_t j = S->wd.start[r], f = 1; j < S->wd.start[r + 1]; j++)
            sep(e, &f), ordo_emit_real(e, ((const ordo_raw_weekday *)row(in, ORDO_TAB_WEEKDAY, (size_t)S->wd.idx[j]))->day);
        ordo_emit_ch(e, ']');
    }
    if (h->present >> F_CAL_SHIFTS & 1u) {
        key(e, "shifts", f1);
        ordo_emit_ch(e, '[');
        for (int32_t j = S->sh.start[r], f = 1; j < S->sh.start[r + 1]; j++) {
            const ordo_raw_shift *x = (const ordo_raw_shift *)row(in, ORDO_TAB_SHIFT, (size_t)S->sh.idx[j]);
            sep(e, &f);
            ordo_emit_ch(e, '[');
            ordo_emit_str(e, sval(in, x->start));
            ordo_emit_cstr(e, ", ");
            ordo_emit_str(e, sval(in, x->end));
            ordo_emit_ch(e, ']');
        }
        ordo_emit_ch(e, ']');
    }
    if (h->present >> F_CAL_HOLIDAYS & 1u) {
        key(e, "holidays", f1);
        ordo_emit_ch(e, '[');
        for (int32_t j = S->hol.start[r], f = 1; j < S->hol.start[r + 1]; j++)
            sep(e, &f), ordo_emit_str(e, sval(in, ((const ordo_raw_holiday *)row(in, ORDO_TAB_HOLIDAY, (size_t)S->hol.idx[j]))->date));
        ordo_emit_ch(e, ']');
    }
}

/* A routing's operations, each with its resources (ids, or objects with their own times). */
static void routing_ops(const saver *S, size_t r, int *f1)
{
    const ordo_input *in = S->in;
    ordo_emit *e = S->e;
    key(e, "operations", f1);
    ordo_emit_ch(e, '[');
    for (int32_t j = S->ops.start[r], f = 1; j < S->ops.start[r + 1]; j++) {
        int32_t orow = S->ops.idx[j];
        const ordo_rowhdr *oh = row(in, ORDO_TAB_OP, (size_t)orow);
        int f2 = 1;
        sep(e, &f);
        ordo_emit_ch(e, '{');
        fields(in, e, ORDO_TAB_OP, oh, &f2);
        if (oh->present >> F_OP_RES & 1u) {
            key(e, "resources", &f2);
            ordo_emit_ch(e, '[');
            for (int32_t a = S->alts.start[orow], fa = 1; a < S->alts.start[orow + 1]; a++) {
                const ordo_raw_alt *x = (const ordo_raw_alt *)row(in, ORDO_TAB_ALT, (size_t)S->alts.idx[a]);
                sep(e, &fa);
                if (x->is_object) {
                    int f3 = 1;
                    ordo_emit_ch(e, '{');
                    fields(in, e, ORDO_TAB_ALT, &x->h, &f3);
                    ordo_emit_ch(e, '}');
                } else {
                    ordo_emit_str(e, sval(in, x->id));
                }
            }
            ordo_emit_ch(e, ']');
        }
        ordo_emit_ch(e, '}');
    }
    ordo_emit_ch(e, ']');
}

/* An item's suppliers, each an object. */
static void item_suppliers(const saver *S, size_t r, int *f1)
{
    ordo_emit *e = S->e;
    key(e, "suppliers", f1);
    ordo_emit_ch(e, '[');
    for (int32_t j = S->sups.start[r], f = 1; j < S->sups.start[r + 1]; j++) {
        int f2 = 1;
        sep(e, &f);
        ordo_emit_ch(e, '{');
        fields(S->in, e, ORDO_TAB_SUP, row(S->in, ORDO_TAB_SUP, (size_t)S->sups.idx[j]), &f2);
        ordo_emit_ch(e, '}');
    }
    ordo_emit_ch(e, ']');
}

/* The top-level lists, one row per line. */
static void lists(const saver *S, int *first)
{
    static const int tops[] = {ORDO_TAB_CAL, ORDO_TAB_SITE, ORDO_TAB_RES, ORDO_TAB_ITEM, ORDO_TAB_BOM, ORDO_TAB_ROUTING, ORDO_TAB_RCPT, ORDO_TAB_ORDER};
    const ordo_input *in = S->in;
    ordo_emit *e = S->e;
    for (size_t k = 0; k < sizeof tops / sizeof tops[0]; k++) {
        int t = tops[k];
        if (!(in->lists_present >> t & 1u) && in->tab[t].len == 0) continue;
        if (!*first) ordo_emit_ch(e, ',');
        *first = 0;
        ordo_emit_cstr(e, "\n");
        ordo_emit_str(e, ordo_schemas[t].table);
        ordo_emit_cstr(e, ": [");
        for (size_t r = 0; r < in->tab[t].len; r++) {
            const ordo_rowhdr *h = row(in, t, r);
            int f1 = 1;
            ordo_emit_cstr(e, r ? ",\n  {" : "\n  {");
            fields(in, e, t, h, &f1);
            if (t == ORDO_TAB_CAL) calendar_lists(S, r, h, &f1);
            else if (t == ORDO_TAB_ROUTING && (h->present >> F_RT_OPS & 1u)) routing_ops(S, r, &f1);
            else if (t == ORDO_TAB_ITEM && (h->present >> F_IT_SUPPLIERS & 1u)) item_suppliers(S, r, &f1);
            ordo_emit_ch(e, '}');
        }
        ordo_emit_cstr(e, "\n]");
    }
}

int ordo_save_json(const ordo_input *in, const char *path, char *err, size_t nerr)
{
    FILE *o = fopen(path, "w");
    if (!o) {
        snprintf(err, nerr, "%s: cannot create", path);
        return -1;
    }
    ordo_emit e;
    saver S = {in, &e, {0}, {0}, {0}, {0}, {0}, {0}};
    int bad = ordo_emit_init(&e, o, 1 << 20) || kids_build(in, ORDO_TAB_WEEKDAY, ORDO_TAB_CAL, &S.wd) ||
              kids_build(in, ORDO_TAB_SHIFT, ORDO_TAB_CAL, &S.sh) || kids_build(in, ORDO_TAB_HOLIDAY, ORDO_TAB_CAL, &S.hol) ||
              kids_build(in, ORDO_TAB_OP, ORDO_TAB_ROUTING, &S.ops) || kids_build(in, ORDO_TAB_ALT, ORDO_TAB_OP, &S.alts) ||
              kids_build(in, ORDO_TAB_SUP, ORDO_TAB_ITEM, &S.sups);
    if (!bad) {
        int first = 1;
        ordo_emit_ch(&e, '{');
        top_level(&S, &first);
        lists(&S, &first);
        ordo_emit_cstr(&e, "\n}\n");
        ordo_emit_flush(&e);
        bad = e.err;
    }
    ordo_emit_free(&e);
    free(S.wd.start), free(S.wd.idx), free(S.sh.start), free(S.sh.idx), free(S.hol.start), free(S.hol.idx);
    free(S.ops.start), free(S.ops.idx), free(S.alts.start), free(S.alts.idx), free(S.sups.start), free(S.sups.idx);
    if (fclose(o) != 0) bad = 1;
    if (bad) snprintf(err, nerr, "%s: write error", path);
    return bad ? -1 : 0;
}
