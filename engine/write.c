/*
** write.c -- stage "write": a plan as plan.json (SPEC section 5) or one CSV file per table.
**
** Every file is written under a temporary name in the target folder and renamed only when
** all of them are complete, so a failed run leaves no half-written output.
*/
#define _POSIX_C_SOURCE 200809L
#include "plan.h"

#include "dates.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct out {
    FILE *f;
    const ordo_model *m;
    int csv;
} out;

static void put_str(out *o, const char *s)
{
    FILE *f = o->f;
    if (o->csv) {
        int quote = strpbrk(s, ",\"\n\r") != NULL;
        if (quote) fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        if (quote) fputc('"', f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void put_num(out *o, double x)
{
    if (x == 0) x = 0; /* no "-0" */
    fprintf(o->f, "%.12g", x);
}

static void put_date(out *o, int32_t day)
{
    char b[11];
    ordo_fmt_date(day, b);
    put_str(o, b);
}

static void put_time(out *o, int64_t t)
{
    if (t == INT64_MIN) {
        fputs(o->csv ? "" : "null", o->f);
        return;
    }
    char b[17];
    ordo_fmt_datetime(t, b);
    put_str(o, b);
}

static const char *name(const out *o, int32_t sid) { return ordo_str(&o->m->names, sid); }

/* Planned order ids: "PL-<n>", n from 1 in creation order. */
static void put_po_id(out *o, int32_t q)
{
    char b[24];
    snprintf(b, sizeof b, "PL-%d", q + 1);
    put_str(o, b);
}

static const char *status_name(int s) { return s == ORDO_ST_ON_TIME ? "on_time" : s == ORDO_ST_LATE ? "late" : "unplanned"; }

static const char *src_name(int s) { return s == ORDO_SRC_MAKE ? "make" : s == ORDO_SRC_BUY ? "buy" : "phantom"; }

/* ---- exception messages ---------------------------------------------------------------------- */
static void exc_ref(const out *o, const struct ordo_plan *p, const ordo_exception *e, char *b, size_t n)
{
    (void)p;
    switch (e->ref_kind) {
    case ORDO_REF_PLANNED: snprintf(b, n, "PL-%d", e->ref + 1); break;
    case ORDO_REF_RECEIPT: snprintf(b, n, "%s", name(o, o->m->rc_name[e->ref])); break;
    case ORDO_REF_ORDER: snprintf(b, n, "%s", name(o, o->m->or_name[e->ref])); break;
    case ORDO_REF_SAFETY: snprintf(b, n, "safety_stock"); break;
    default: b[0] = 0;
    }
}

static void exc_message(const out *o, const struct ordo_plan *p, const ordo_exception *e, char *b, size_t n)
{
    char d1[11], d2[11], ref[256];
    const ordo_model *m = o->m;
    ordo_fmt_date(e->day, d1);
    ordo_fmt_date(e->day2, d2);
    exc_ref(o, p, e, ref, sizeof ref);
    const char *item = name(o, m->item_name[e->item]);
    switch (e->kind) {
    case ORDO_EXC_RELEASE_PAST_DUE:
        snprintf(b, n, "%s of %s due %s needs %d working days of lead time and inspection: release before the horizon start, moved to %s",
                 ref, item, d1, m->item_lead[e->item] + m->item_insp[e->item], d2);
        break;
    case ORDO_EXC_SHORTAGE:
        if (e->day > m->h_end)
            snprintf(b, n, "%.12g of %s needed on %s%s%s, after the horizon end: not planned", e->qty, item, d1,
                     *ref ? " for " : "", ref);
        else
            snprintf(b, n, "%.12g of phantom %s needed on %s%s%s has no components to pass to", e->qty, item, d1,
                     *ref ? " for " : "", ref);
        break;
    case ORDO_EXC_CANCEL:
        snprintf(b, n, "receipt %s of %.12g %s on %s serves no need: cancel it", ref, e->qty, item, d1);
        break;
    case ORDO_EXC_EXPEDITE:
        snprintf(b, n, "receipt %s of %.12g %s on %s is first needed on %s: expedite it", ref, e->qty, item, d2, d1);
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
    FILE *f = o->f;
    fprintf(f, "  \"summary\": {\"orders\": %d, \"late_orders\": %d, \"total_lateness_days\": ", o->m->nord, p->late_orders);
    put_num(o, p->total_lateness);
    fprintf(f, ", \"makespan_minutes\": %lld, \"planned_orders\": %d, \"exceptions\": %d, \"threads\": %d,\n",
            (long long)p->makespan_minutes, p->npo, p->nexc, p->threads);
    fprintf(f, "              \"seconds\": {\"load\": %.3f, \"mrp\": %.3f, \"schedule\": %.3f, \"write\": %.3f}},\n",
            seconds_load, p->seconds_mrp, p->seconds_schedule, seconds_write);
}

static void json_orders(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    fputs("  \"orders\": [", o->f);
    for (int32_t k = 0; k < m->nord; k++) {
        fputs(k ? ",\n    {\"id\": " : "\n    {\"id\": ", o->f);
        put_str(o, name(o, m->or_name[k]));
        fputs(", \"item\": ", o->f);
        put_str(o, name(o, m->item_name[m->or_item[k]]));
        fputs(", \"qty\": ", o->f);
        put_num(o, m->or_qty[k]);
        fputs(", \"due\": ", o->f);
        put_date(o, m->or_due[k]);
        fputs(", \"completion\": ", o->f);
        put_time(o, p->ord_completion[k]);
        fputs(", \"lateness_days\": ", o->f);
        put_num(o, p->ord_lateness[k]);
        fputs(", \"status\": ", o->f);
        put_str(o, status_name(p->ord_status[k]));
        fputc('}', o->f);
    }
    fputs(m->nord ? "\n  ],\n" : "],\n", o->f);
}

static void json_pegging(out *o, const struct ordo_plan *p, int32_t q)
{
    fputs("[", o->f);
    for (int32_t k = p->peg_start[q]; k < p->peg_start[q + 1]; k++) {
        fputs(k > p->peg_start[q] ? ", {\"order\": " : "{\"order\": ", o->f);
        put_str(o, p->peg_ref[k] == ORDO_PEG_SAFETY ? "safety_stock" : name(o, o->m->or_name[p->peg_ref[k]]));
        fputs(", \"qty\": ", o->f);
        put_num(o, p->peg_qty[k]);
        fputc('}', o->f);
    }
    fputs("]", o->f);
}

static void json_planned(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    fputs("  \"planned_orders\": [", o->f);
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        fputs(q ? ",\n    {\"id\": " : "\n    {\"id\": ", o->f);
        put_po_id(o, q);
        fputs(", \"item\": ", o->f);
        put_str(o, name(o, m->item_name[i]));
        fputs(", \"kind\": ", o->f);
        put_str(o, src_name(m->item_src[i]));
        fputs(", \"qty\": ", o->f);
        put_num(o, p->po_qty[q]);
        fputs(", \"good_qty\": ", o->f);
        put_num(o, p->po_good[q]);
        fputs(", \"release\": ", o->f);
        put_date(o, p->po_release[q]);
        fputs(", \"due\": ", o->f);
        put_date(o, p->po_due[q]);
        fputs(", \"available\": ", o->f);
        if (p->po_avail[q] == INT32_MAX)
            fputs("null", o->f);
        else
            put_date(o, p->po_avail[q]);
        fputs(", \"pegging\": ", o->f);
        json_pegging(o, p, q);
        fputc('}', o->f);
    }
    fputs(p->npo ? "\n  ],\n" : "],\n", o->f);
}

static void json_requisitions(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    int first = 1;
    fputs("  \"purchase_requisitions\": [", o->f);
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        if (m->item_src[i] != ORDO_SRC_BUY) continue;
        fputs(first ? "\n    {\"id\": " : ",\n    {\"id\": ", o->f);
        first = 0;
        put_po_id(o, q);
        fputs(", \"item\": ", o->f);
        put_str(o, name(o, m->item_name[i]));
        fputs(", \"qty\": ", o->f);
        put_num(o, p->po_qty[q]);
        fputs(", \"order_by\": ", o->f);
        put_date(o, p->po_release[q]);
        fputs(", \"need_date\": ", o->f);
        put_date(o, p->po_due[q]);
        fprintf(o->f, ", \"supplier_lead_days\": %d, \"inspection_days\": %d, \"late\": %s}", m->item_lead[i],
                m->item_insp[i], p->po_moved[q] ? "true" : "false");
    }
    fputs(first ? "],\n" : "\n  ],\n", o->f);
}

static void json_exceptions(out *o, const struct ordo_plan *p)
{
    char ref[256], msg[1024];
    fputs("  \"exceptions\": [", o->f);
    for (int32_t k = 0; k < p->nexc; k++) {
        const ordo_exception *e = &p->exc[k];
        exc_ref(o, p, e, ref, sizeof ref);
        exc_message(o, p, e, msg, sizeof msg);
        fputs(k ? ",\n    {\"kind\": " : "\n    {\"kind\": ", o->f);
        put_str(o, ordo_exc_name(e->kind));
        fputs(", \"item\": ", o->f);
        put_str(o, name(o, o->m->item_name[e->item]));
        fputs(", \"ref\": ", o->f);
        if (*ref)
            put_str(o, ref);
        else
            fputs("null", o->f);
        fputs(", \"date\": ", o->f);
        put_date(o, e->day);
        fputs(", \"qty\": ", o->f);
        put_num(o, e->qty);
        fputs(", \"message\": ", o->f);
        put_str(o, msg);
        fputc('}', o->f);
    }
    fputs(p->nexc ? "\n  ],\n" : "],\n", o->f);
}

static void write_json(out *o, const struct ordo_plan *p, double seconds_load, double seconds_write)
{
    fputs("{\n", o->f);
    json_summary(o, p, seconds_load, seconds_write);
    json_orders(o, p);
    json_planned(o, p);
    json_requisitions(o, p);
    json_exceptions(o, p);
    fputs("  \"operations\": [],\n  \"load\": []\n}\n", o->f);
}

/* ---- CSV --------------------------------------------------------------------------------------- */
static void csv_orders(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    fputs("id,item,qty,due,completion,lateness_days,status\n", o->f);
    for (int32_t k = 0; k < m->nord; k++) {
        put_str(o, name(o, m->or_name[k]));
        fputc(',', o->f);
        put_str(o, name(o, m->item_name[m->or_item[k]]));
        fputc(',', o->f);
        put_num(o, m->or_qty[k]);
        fputc(',', o->f);
        put_date(o, m->or_due[k]);
        fputc(',', o->f);
        put_time(o, p->ord_completion[k]);
        fputc(',', o->f);
        put_num(o, p->ord_lateness[k]);
        fprintf(o->f, ",%s\n", status_name(p->ord_status[k]));
    }
}

static void csv_planned(out *o, const struct ordo_plan *p)
{
    const ordo_model *m = o->m;
    fputs("id,item,kind,qty,good_qty,release,due,available\n", o->f);
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q];
        put_po_id(o, q);
        fputc(',', o->f);
        put_str(o, name(o, m->item_name[i]));
        fprintf(o->f, ",%s,", src_name(m->item_src[i]));
        put_num(o, p->po_qty[q]);
        fputc(',', o->f);
        put_num(o, p->po_good[q]);
        fputc(',', o->f);
        put_date(o, p->po_release[q]);
        fputc(',', o->f);
        put_date(o, p->po_due[q]);
        fputc(',', o->f);
        if (p->po_avail[q] != INT32_MAX) put_date(o, p->po_avail[q]);
        fputc('\n', o->f);
    }
}

static void csv_pegging(out *o, const struct ordo_plan *p)
{
    fputs("planned_order,order,qty\n", o->f);
    for (int32_t q = 0; q < p->npo; q++)
        for (int32_t k = p->peg_start[q]; k < p->peg_start[q + 1]; k++) {
            put_po_id(o, q);
            fputc(',', o->f);
            put_str(o, p->peg_ref[k] == ORDO_PEG_SAFETY ? "safety_stock" : name(o, o->m->or_name[p->peg_ref[k]]));
            fputc(',', o->f);
            put_num(o, p->peg_qty[k]);
            fputc('\n', o->f);
        }
}

static void csv_exceptions(out *o, const struct ordo_plan *p)
{
    char ref[256], msg[1024];
    fputs("kind,item,ref,date,qty,message\n", o->f);
    for (int32_t k = 0; k < p->nexc; k++) {
        const ordo_exception *e = &p->exc[k];
        exc_ref(o, p, e, ref, sizeof ref);
        exc_message(o, p, e, msg, sizeof msg);
        fprintf(o->f, "%s,", ordo_exc_name(e->kind));
        put_str(o, name(o, o->m->item_name[e->item]));
        fputc(',', o->f);
        put_str(o, ref);
        fputc(',', o->f);
        put_date(o, e->day);
        fputc(',', o->f);
        put_num(o, e->qty);
        fputc(',', o->f);
        put_str(o, msg);
        fputc('\n', o->f);
    }
}

static void csv_summary(out *o, const struct ordo_plan *p, double seconds_load, double seconds_write)
{
    fputs("orders,late_orders,total_lateness_days,makespan_minutes,planned_orders,exceptions,"
          "seconds_load,seconds_mrp,seconds_schedule,seconds_write\n", o->f);
    fprintf(o->f, "%d,%d,", o->m->nord, p->late_orders);
    put_num(o, p->total_lateness);
    fprintf(o->f, ",%lld,%d,%d,%.3f,%.3f,%.3f,%.3f\n", (long long)p->makespan_minutes, p->npo, p->nexc,
            seconds_load, p->seconds_mrp, p->seconds_schedule, seconds_write);
}

static void csv_empty(out *o, const struct ordo_plan *p, const char *header)
{
    (void)p;
    fputs(header, o->f);
}
static void csv_operations(out *o, const struct ordo_plan *p) { csv_empty(o, p, "order,item,seq,resource,start,end,qty\n"); }
static void csv_load(out *o, const struct ordo_plan *p) { csv_empty(o, p, "resource,date,available_minutes,load_minutes\n"); }

/* ---- files ------------------------------------------------------------------------------------- */
typedef struct table {
    const char *file;
    void (*write)(out *o, const struct ordo_plan *p);
} table;

static const table csv_tables[] = {
    {"orders.csv", csv_orders},         {"planned_orders.csv", csv_planned},
    {"pegging.csv", csv_pegging},       {"exceptions.csv", csv_exceptions},
    {"operations.csv", csv_operations}, {"load.csv", csv_load},
};
#define NCSV (sizeof csv_tables / sizeof csv_tables[0])

static int make_dir(const char *dir, char *err, size_t nerr)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        snprintf(err, nerr, "%s: not a folder", dir);
        return -1;
    }
    if (mkdir(dir, 0777) == 0) return 0;
    snprintf(err, nerr, "%s: %s", dir, strerror(errno));
    return -1;
}

static FILE *open_tmp(const char *dir, const char *file, char *tmp, size_t ntmp, char *err, size_t nerr)
{
    snprintf(tmp, ntmp, "%s/.%s.tmp", dir, file);
    FILE *f = fopen(tmp, "w");
    if (!f) snprintf(err, nerr, "%s: %s", tmp, strerror(errno));
    return f;
}

static int close_checked(FILE *f, const char *tmp, char *err, size_t nerr)
{
    int bad = ferror(f);
    if (fclose(f) != 0) bad = 1;
    if (bad) snprintf(err, nerr, "%s: write error", tmp);
    return bad ? -1 : 0;
}

ordo_rc ordo_plan_write(ordo_plan *p, const char *dir, ordo_format format, double seconds_load, char *err,
                        size_t nerr)
{
    if (!p) return ORDO_EMISUSE;
    double t0 = ordo_now();
    out o = {NULL, p->model, format == ORDO_FORMAT_CSV};
    if (!dir) {
        if (format != ORDO_FORMAT_JSON) {
            snprintf(err, nerr, "CSV output needs a folder (-o DIR)");
            return ORDO_EMISUSE;
        }
        o.f = stdout;
        write_json(&o, p, seconds_load, 0);
        p->seconds_write = ordo_now() - t0;
        return fflush(stdout) == 0 ? ORDO_OK : ORDO_EIO;
    }
    if (make_dir(dir, err, nerr)) return ORDO_EIO;
    char tmp[NCSV + 1][4096], fin[4096];
    size_t nfiles = format == ORDO_FORMAT_CSV ? NCSV + 1 : 1;
    int rc = 0;
    size_t done = 0;
    for (size_t k = 0; k < nfiles && rc == 0; k++, done++) {
        const char *file = format == ORDO_FORMAT_JSON ? "plan.json" : k < NCSV ? csv_tables[k].file : "summary.csv";
        o.f = open_tmp(dir, file, tmp[k], sizeof tmp[k], err, nerr);
        if (!o.f) {
            rc = -1;
            break;
        }
        setvbuf(o.f, NULL, _IOFBF, 1 << 20);
        double elapsed = ordo_now() - t0;
        if (format == ORDO_FORMAT_JSON)
            write_json(&o, p, seconds_load, elapsed);
        else if (k < NCSV)
            csv_tables[k].write(&o, p);
        else
            csv_summary(&o, p, seconds_load, elapsed);
        rc = close_checked(o.f, tmp[k], err, nerr);
    }
    for (size_t k = 0; k < done; k++) {
        if (rc == 0) {
            const char *file = format == ORDO_FORMAT_JSON ? "plan.json" : k < NCSV ? csv_tables[k].file : "summary.csv";
            snprintf(fin, sizeof fin, "%s/%s", dir, file);
            if (rename(tmp[k], fin) != 0) {
                snprintf(err, nerr, "%s: %s", fin, strerror(errno));
                rc = -1;
            }
        }
        if (rc != 0) unlink(tmp[k]);
    }
    p->seconds_write = ordo_now() - t0;
    return rc == 0 ? ORDO_OK : ORDO_EIO;
}
