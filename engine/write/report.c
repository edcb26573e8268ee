/*
** report.c -- stage "report": a plan.json turned into one self-contained HTML file with a
** Gantt chart per resource (inline SVG, no scripts, no network). Operations of planned
** orders pegged to a late customer order are drawn with a red outline; each bar carries a
** tooltip with its order, item, operation, resource, times and quantity.
*/
#include "ordo.h"

#include "dates.h"
#include "report.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bar {
    const char *order, *item, *res;
    int seq, lane, late;
    int64_t s, e;
    double qty;
} bar;

static void html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

const char *ordo_report_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

double ordo_report_num(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

#define str_of ordo_report_str


/* A late order's why (plan.json orders[].why) as text: "capacity R1, instead of PL-7
** (SO-3)", "material I-9 (PL-12)" or "design". */
static void html_why(FILE *f, const cJSON *why)
{
    if (!why) return;
    html_text(f, str_of(why, "binding"));
    fputc(' ', f);
    html_text(f, str_of(why, "by"));
    const cJSON *inst = cJSON_GetObjectItemCaseSensitive(why, "instead");
    if (inst) {
        fputs(", after ", f);
        html_text(f, str_of(inst, "order"));
        const cJSON *x;
        int n = 0;
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(inst, "for"))
        {
            if (!cJSON_IsString(x)) continue;
            fputs(n++ ? ", " : " for ", f);
            html_text(f, x->valuestring);
        }
    }
    if (*str_of(why, "supply")) {
        fputs(" (", f);
        html_text(f, str_of(why, "supply"));
        fputc(')', f);
    }
}

static int cmp_bar(const void *a, const void *b)
{
    const bar *x = a, *y = b;
    int c = strcmp(x->res, y->res);
    if (c) return c;
    return (x->s > y->s) - (x->s < y->s);
}

/* Colour of an order name: a stable hue from its characters. */
static int hue_of(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return (int)(h % 360);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* A sorted set of strings (borrowed from the parsed plan). */
typedef struct strset {
    const char **v;
    int n;
} strset;

static int in_set(const strset *s, const char *x)
{
    return s->n > 0 && bsearch(&x, s->v, (size_t)s->n, sizeof *s->v, cmp_str) != NULL;
}

static void set_sort(strset *s) { qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_str); }

static void write_html(FILE *f, const cJSON *plan, bar *b, int n)
{
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    for (int k = 0; k < n; k++) {
        if (b[k].s < t0) t0 = b[k].s;
        if (b[k].e > t1) t1 = b[k].e;
    }
    if (n == 0) t0 = 0, t1 = 1;
    double width = 1400, scale = width / (double)(t1 - t0 > 0 ? t1 - t0 : 1);
    fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ordo plan: Gantt chart</title>\n"
          "<style>body{font:13px sans-serif;margin:16px}h2{font-size:14px;margin:14px 0 2px}"
          "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
          ".late{color:#b00}svg{background:#fafafa;border:1px solid #ddd}</style></head><body>\n",
          f);
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(plan, "summary");
    const cJSON *orders = cJSON_GetObjectItemCaseSensitive(plan, "orders");
    fprintf(f, "<h1>Plan</h1><p>%d operations", n);
    if (sum) {
        const cJSON *lo = cJSON_GetObjectItemCaseSensitive(sum, "late_orders");
        const cJSON *ms = cJSON_GetObjectItemCaseSensitive(sum, "makespan_minutes");
        if (cJSON_IsNumber(lo)) fprintf(f, ", %d late orders", lo->valueint);
        if (cJSON_IsNumber(ms)) fprintf(f, ", makespan %.0f minutes", ms->valuedouble);
    }
    fputs(". Red outlines mark work for late orders.</p>\n", f);
    const cJSON *o;
    int any = 0;
    cJSON_ArrayForEach(o, orders)
    {
        if (strcmp(str_of(o, "status"), "late") != 0) continue;
        if (!any) fputs("<table><tr><th>late order</th><th>item</th><th>due</th><th>completion</th><th>days late</th><th>why</th></tr>\n", f);
        any = 1;
        const cJSON *ld = cJSON_GetObjectItemCaseSensitive(o, "lateness_days");
        fputs("<tr class=\"late\"><td>", f);
        html_text(f, str_of(o, "id"));
        fputs("</td><td>", f);
        html_text(f, str_of(o, "item"));
        fputs("</td><td>", f);
        html_text(f, str_of(o, "due"));
        fputs("</td><td>", f);
        html_text(f, str_of(o, "completion"));
        fprintf(f, "</td><td>%.2f</td><td>", cJSON_IsNumber(ld) ? ld->valuedouble : 0.0);
        html_why(f, cJSON_GetObjectItemCaseSensitive(o, "why"));
        fputs("</td></tr>\n", f);
    }
    if (any) fputs("</table>\n", f);
    char a[17], z[17];
    for (int k = 0; k < n;) {
        int e = k, lanes = 0;
        while (e < n && strcmp(b[e].res, b[k].res) == 0) {
            if (b[e].lane + 1 > lanes) lanes = b[e].lane + 1;
            e++;
        }
        int h = 22 * lanes + 24;
        fputs("<h2>", f);
        html_text(f, b[k].res);
        fprintf(f, "</h2>\n<svg width=\"%.0f\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n", width + 20, h);
        /* day ticks */
        for (int64_t d = ordo_floordiv(t0, 1440) * 1440; d <= t1; d += 1440) {
            if (d < t0) continue;
            double x = 10 + (double)(d - t0) * scale;
            char day[11];
            ordo_fmt_date((int32_t)(d / 1440), day);
            fprintf(f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>", x, x, h);
            if ((t1 - t0) / 1440 < 60 || (d / 1440) % 7 == 0) fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#888\">%s</text>", x + 2, h - 4, day + 5);
        }
        for (int j = k; j < e; j++) {
            double x = 10 + (double)(b[j].s - t0) * scale, w = (double)(b[j].e - b[j].s) * scale;
            if (w < 1) w = 1;
            ordo_fmt_datetime(b[j].s, a);
            ordo_fmt_datetime(b[j].e, z);
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"hsl(%d,55%%,70%%)\" stroke=\"%s\" stroke-width=\"%s\"><title>",
                    x, 4 + 22 * b[j].lane, w, hue_of(b[j].order), b[j].late ? "#c00" : "#555", b[j].late ? "2" : "0.5");
            html_text(f, b[j].order);
            fputc(' ', f);
            html_text(f, b[j].item);
            fprintf(f, " op %d on ", b[j].seq);
            html_text(f, b[j].res);
            fprintf(f, ": %s to %s, qty %g</title></rect>\n", a, z, b[j].qty);
        }
        fputs("</svg>\n", f);
        k = e;
    }
    fputs("</body></html>\n", f);
}

cJSON *ordo_report_read(const char *path, ordo_rc *rc, char *err, size_t nerr)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        snprintf(err, nerr, "%s: cannot open", path);
        *rc = ORDO_EIO;
        return NULL;
    }
    long len = fseek(in, 0, SEEK_END) == 0 ? ftell(in) : -1;
    char *text = len >= 0 && fseek(in, 0, SEEK_SET) == 0 ? malloc((size_t)len + 1) : NULL;
    if (!text || (len > 0 && fread(text, 1, (size_t)len, in) != (size_t)len)) {
        fclose(in);
        free(text);
        snprintf(err, nerr, "%s: cannot read", path);
        *rc = len >= 0 && !text ? ORDO_ENOMEM : ORDO_EIO;
        return NULL;
    }
    fclose(in);
    size_t at;
    const char *bad = ordo_json_text_check(text, (size_t)len, &at); /* strict JSON, as the writers emit */
    cJSON *plan = NULL;
    if (bad) {
        snprintf(err, nerr, "%s: %s at byte %zu", path, bad, at + 1);
    } else if (!(plan = cJSON_ParseWithLength(text, (size_t)len))) {
        snprintf(err, nerr, "%s: not valid JSON", path);
    } else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(plan, "operations"))) {
        snprintf(err, nerr, "%s: not a plan.json (no operations array)", path);
        cJSON_Delete(plan);
        plan = NULL;
    }
    free(text);
    *rc = plan ? ORDO_OK : ORDO_EINPUT;
    return plan;
}

ordo_rc ordo_report_save(const char *html_path, int (*emit)(FILE *f, void *arg), void *arg, char *err, size_t nerr)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", html_path) >= (int)sizeof tmp) {
        snprintf(err, nerr, "%s: path too long", html_path);
        return ORDO_EIO;
    }
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, nerr, "%s: cannot write", tmp);
        return ORDO_EIO;
    }
    int failed = emit(f, arg);
    if (failed) {
        fclose(f);
        remove(tmp);
        return ORDO_EINPUT; /* emit said why in its own words */
    }
    if (ferror(f) | fclose(f) || rename(tmp, html_path) != 0) {
        remove(tmp);
        snprintf(err, nerr, "%s: write error", html_path);
        return ORDO_EIO;
    }
    return ORDO_OK;
}

typedef struct gantt_page {
    const cJSON *plan;
    bar *b;
    int n;
} gantt_page;

static int emit_gantt(FILE *f, void *arg)
{
    gantt_page *g = arg;
    write_html(f, g->plan, g->b, g->n);
    return 0;
}

ordo_rc ordo_report_gantt(const char *plan_path, const char *html_path, char *err, size_t nerr)
{
    ordo_rc rc;
    cJSON *plan = ordo_report_read(plan_path, &rc, err, nerr);
    if (!plan) return rc;
    const cJSON *ops = cJSON_GetObjectItemCaseSensitive(plan, "operations");
    /* planned orders pegged to a late customer order */
    const cJSON *orders = cJSON_GetObjectItemCaseSensitive(plan, "orders"), *o, *po;
    const cJSON *pos = cJSON_GetObjectItemCaseSensitive(plan, "planned_orders");
    strset late = {malloc(((size_t)cJSON_GetArraySize(orders) + 1) * sizeof(char *)), 0};
    strset late_pos = {malloc(((size_t)cJSON_GetArraySize(pos) + 1) * sizeof(char *)), 0};
    int n = cJSON_GetArraySize(ops), k = 0;
    bar *b = calloc((size_t)n + 1, sizeof *b);
    if (!b || !late.v || !late_pos.v) {
        cJSON_Delete(plan);
        free(late.v);
        free(late_pos.v);
        free(b);
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    cJSON_ArrayForEach(o, orders)
    {
        if (strcmp(str_of(o, "status"), "late") == 0) late.v[late.n++] = str_of(o, "id");
    }
    set_sort(&late);
    cJSON_ArrayForEach(po, pos)
    {
        const cJSON *pg = cJSON_GetObjectItemCaseSensitive(po, "pegging"), *e;
        int is_late = 0;
        cJSON_ArrayForEach(e, pg) is_late |= in_set(&late, str_of(e, "order"));
        if (is_late) late_pos.v[late_pos.n++] = str_of(po, "id");
    }
    set_sort(&late_pos);
    const cJSON *op;
    cJSON_ArrayForEach(op, ops)
    {
        bar *x = &b[k];
        const cJSON *seq = cJSON_GetObjectItemCaseSensitive(op, "seq"), *qty = cJSON_GetObjectItemCaseSensitive(op, "qty");
        x->order = str_of(op, "order");
        x->item = str_of(op, "item");
        x->res = str_of(op, "resource");
        x->seq = cJSON_IsNumber(seq) ? seq->valueint : 0;
        x->qty = cJSON_IsNumber(qty) ? qty->valuedouble : 0;
        if (ordo_parse_datetime(str_of(op, "start"), &x->s) || ordo_parse_datetime(str_of(op, "end"), &x->e)) continue;
        x->late = in_set(&late_pos, x->order);
        k++;
    }
    n = k;
    qsort(b, (size_t)n, sizeof *b, cmp_bar);
    /* lanes: each bar on the lowest lane free at its start */
    int64_t lane_end[64];
    for (int j = 0; j < n; j++) {
        if (j == 0 || strcmp(b[j].res, b[j - 1].res) != 0)
            for (int l = 0; l < 64; l++) lane_end[l] = INT64_MIN;
        int l = 0;
        while (l < 63 && lane_end[l] > b[j].s) l++;
        b[j].lane = l;
        lane_end[l] = b[j].e;
    }
    gantt_page g = {plan, b, n};
    rc = ordo_report_save(html_path, emit_gantt, &g, err, nerr);
    free(b);
    free(late.v);
    free(late_pos.v);
    cJSON_Delete(plan);
    return rc;
}
