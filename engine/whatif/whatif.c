/*
** whatif.c -- the scenario sweep (ordo whatif): the base plan, then every scenario planned
** in full on the rank it falls to (scenario k on rank k mod ranks), its figures summed into
** rank 0, which writes DIR/scenarios.json and DIR/scenarios.csv. The figures depend only
** on the data, the scenarios and the planning options, never on ranks or threads.
*/
#define _POSIX_C_SOURCE 200809L
#include "whatif.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ordo_whatif_opts_init(ordo_whatif_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    ordo_plan_opts_init(&opts->plan);
}

/* ---- figures ------------------------------------------------------------------------------- */
/* The resource with the highest load over available minutes in the plan's load table (the
** first such in the table on ties), into kpi. */
static int bottleneck(const struct ordo_plan *p, double *kpi)
{
    int32_t nres = p->model->nres;
    double *used = calloc((size_t)nres + 1, sizeof *used), *avail = calloc((size_t)nres + 1, sizeof *avail);
    int32_t *order = malloc(((size_t)nres + 1) * sizeof *order);
    uint8_t *seen = calloc((size_t)nres + 1, 1);
    if (!used || !avail || !order || !seen) {
        free(used), free(avail), free(order), free(seen);
        return -1;
    }
    int32_t n = 0;
    for (int32_t i = 0; i < p->nload; i++) {
        int32_t r = p->load_res[i];
        if (!seen[r]) seen[r] = 1, order[n++] = r;
        used[r] += (double)p->load_used[i];
        avail[r] += (double)p->load_avail[i];
    }
    free(seen);
    kpi[ORDO_KPI_BOTTLENECK] = -1;
    kpi[ORDO_KPI_BOTTLENECK_UTIL] = 0;
    for (int32_t j = 0; j < n; j++) {
        int32_t r = order[j];
        double u = avail[r] > 0 ? used[r] / avail[r] : 0;
        if (kpi[ORDO_KPI_BOTTLENECK] < 0 || u > kpi[ORDO_KPI_BOTTLENECK_UTIL])
            kpi[ORDO_KPI_BOTTLENECK] = r, kpi[ORDO_KPI_BOTTLENECK_UTIL] = u;
    }
    free(used), free(avail), free(order);
    return 0;
}

int ordo_whatif_kpis(const struct ordo_plan *p, const uint8_t *base_status, const int32_t *base_of, double *kpi)
{
    const ordo_model *m = p->model;
    memset(kpi, 0, ORDO_NKPI * sizeof *kpi);
    kpi[ORDO_KPI_ORDERS] = m->nord;
    for (int32_t o = 0; o < m->nord; o++) {
        int st = p->ord_status[o];
        kpi[st == ORDO_ST_ON_TIME ? ORDO_KPI_ON_TIME : st == ORDO_ST_LATE ? ORDO_KPI_LATE : ORDO_KPI_UNPLANNED] += 1;
        kpi[ORDO_KPI_LATENESS] += p->ord_lateness[o];
        int32_t b = base_of ? base_of[o] : o;
        if (st != ORDO_ST_ON_TIME && b >= 0 && base_status && base_status[b] == ORDO_ST_ON_TIME)
            kpi[ORDO_KPI_NEWLY_LATE] += 1;
    }
    kpi[ORDO_KPI_PLANNED] = p->npo;
    for (int32_t q = 0; q < p->npo; q++)
        if (m->item_src[p->po_item[q]] == ORDO_SRC_BUY) {
            kpi[ORDO_KPI_PURCHASE] += 1;
            kpi[ORDO_KPI_PURCHASE_QTY] += p->po_qty[q];
        }
    kpi[ORDO_KPI_MAKESPAN] = (double)p->makespan_minutes;
    kpi[ORDO_KPI_DONE] = 1;
    return bottleneck(p, kpi);
}

/* ---- output ------------------------------------------------------------------------------- */
static const char *status_name(const double *kpi)
{
    return kpi[ORDO_KPI_UNPLANNED] > 0 ? "unplanned" : kpi[ORDO_KPI_LATE] > 0 ? "late" : "on_time";
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

/* One scenario's (or the base's) figures as JSON members, after "name" and "changes". */
static void json_kpis(FILE *f, const ordo_model *m, const double *k)
{
    double n = k[ORDO_KPI_ORDERS];
    fprintf(f, ", \"status\": \"%s\", \"orders\": %.0f, \"on_time_orders\": %.0f, \"on_time_rate\": %.6g", status_name(k), n,
            k[ORDO_KPI_ON_TIME], n > 0 ? k[ORDO_KPI_ON_TIME] / n : 1.0);
    fprintf(f, ", \"late_orders\": %.0f, \"unplanned_orders\": %.0f, \"newly_late_orders\": %.0f", k[ORDO_KPI_LATE],
            k[ORDO_KPI_UNPLANNED], k[ORDO_KPI_NEWLY_LATE]);
    fprintf(f, ", \"total_lateness_days\": %.12g, \"planned_orders\": %.0f, \"purchase_orders\": %.0f", k[ORDO_KPI_LATENESS],
            k[ORDO_KPI_PLANNED], k[ORDO_KPI_PURCHASE]);
    fprintf(f, ", \"purchase_qty\": %.12g, \"makespan_minutes\": %.0f, \"bottleneck\": ", k[ORDO_KPI_PURCHASE_QTY],
            k[ORDO_KPI_MAKESPAN]);
    int32_t r = (int32_t)k[ORDO_KPI_BOTTLENECK];
    if (r >= 0) json_string(f, ordo_str(&m->names, m->res_name[r]));
    else fputs("null", f);
    fprintf(f, ", \"bottleneck_utilisation\": %.6g}", k[ORDO_KPI_BOTTLENECK_UTIL]);
}

static void write_json(FILE *f, const ordo_model *m, const ordo_scenario_set *set, const double *kpi, double seconds)
{
    fputs("{\n  \"base\": {\"name\": \"base\", \"changes\": 0", f);
    json_kpis(f, m, kpi);
    fputs(",\n  \"scenarios\": [", f);
    for (int32_t k = 0; k < set->nsc; k++) {
        fputs(k ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_string(f, set->sc[k].name);
        fprintf(f, ", \"changes\": %d", (int)set->sc[k].n);
        json_kpis(f, m, kpi + (size_t)(k + 1) * ORDO_NKPI);
    }
    fprintf(f, "\n  ],\n  \"summary\": {\"scenarios\": %d, \"seconds\": %.3f}\n}\n", (int)set->nsc, seconds);
}

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_csv(FILE *f, const ordo_model *m, const ordo_scenario_set *set, const double *kpi)
{
    fputs("name,changes,status,orders,on_time_orders,on_time_rate,late_orders,unplanned_orders,newly_late_orders,"
          "total_lateness_days,planned_orders,purchase_orders,purchase_qty,makespan_minutes,bottleneck,"
          "bottleneck_utilisation\n", f);
    for (int32_t s = 0; s < set->nsc; s++) {
        const double *k = kpi + (size_t)(s + 1) * ORDO_NKPI;
        double n = k[ORDO_KPI_ORDERS];
        int32_t r = (int32_t)k[ORDO_KPI_BOTTLENECK];
        csv_field(f, set->sc[s].name);
        fprintf(f, ",%d,%s,%.0f,%.0f,%.6g,%.0f,%.0f,%.0f,%.12g,%.0f,%.0f,%.12g,%.0f,", (int)set->sc[s].n, status_name(k), n,
                k[ORDO_KPI_ON_TIME], n > 0 ? k[ORDO_KPI_ON_TIME] / n : 1.0, k[ORDO_KPI_LATE], k[ORDO_KPI_UNPLANNED],
                k[ORDO_KPI_NEWLY_LATE], k[ORDO_KPI_LATENESS], k[ORDO_KPI_PLANNED], k[ORDO_KPI_PURCHASE],
                k[ORDO_KPI_PURCHASE_QTY], k[ORDO_KPI_MAKESPAN]);
        csv_field(f, r >= 0 ? ordo_str(&m->names, m->res_name[r]) : "");
        fprintf(f, ",%.6g\n", k[ORDO_KPI_BOTTLENECK_UTIL]);
    }
}

/* Create folder dir and its missing parents. */
static int make_dirs(const char *dir, char *err, size_t nerr)
{
    char path[4096];
    if (!dir[0]) {
        snprintf(err, nerr, "the output folder has no name");
        return -1;
    }
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        snprintf(err, nerr, "%s: name too long", dir);
        return -1;
    }
    for (char *p = path + 1;; p++) {
        char c = *p;
        if (c != '/' && c != 0) continue;
        *p = 0;
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST && !(stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
            snprintf(err, nerr, "%s: %s", path, strerror(errno));
            return -1;
        }
        *p = c;
        if (!c) return 0;
    }
}

/* DIR/name written whole under a temporary name, then renamed. */
static ordo_rc write_file(const char *dir, const char *name, const ordo_model *m, const ordo_scenario_set *set,
                          const double *kpi, double seconds, char *err, size_t nerr)
{
    char path[4200], tmp[4300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, nerr, "%s: %s", tmp, strerror(errno));
        return ORDO_EIO;
    }
    if (strstr(name, ".csv")) write_csv(f, m, set, kpi);
    else write_json(f, m, set, kpi, seconds);
    int bad = ferror(f) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        snprintf(err, nerr, "%s: %s", path, bad ? "write error" : strerror(errno));
        remove(tmp);
        return ORDO_EIO;
    }
    return ORDO_OK;
}

/* ---- the sweep ------------------------------------------------------------------------------ */
typedef struct sweep {
    const ordo_model *base;
    const ordo_scenario_set *set;
    const ordo_whatif_opts *opts;
    const char *dir;
    ordo_plan *bp; /* the base plan */
    double *kpi;   /* [1 + nsc][ORDO_NKPI]: the base, then each scenario */
    char *err;
    size_t nerr;
} sweep;

/* DIR/sub/name/plan.json, on request. */
static ordo_rc write_plan(sweep *s, ordo_plan *p, const char *sub, const char *name)
{
    if (!s->opts->write_plans) return ORDO_OK;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s%s%s", s->dir, sub, *sub ? "/" : "", name);
    return ordo_plan_write(p, path, ORDO_FORMAT_JSON, 0, s->err, s->nerr);
}

/* Plan scenario k (its changes on a copy of the base model; none: the base plan itself). */
static ordo_rc plan_scenario(sweep *s, int32_t k)
{
    const ordo_scenario *sc = &s->set->sc[k];
    ordo_plan *p = s->bp;
    ordo_model *m2 = NULL;
    int32_t *base_of = NULL;
    ordo_rc rc = ORDO_OK;
    if (sc->n) {
        char why[400];
        m2 = ordo_scenario_model(s->base, s->set, k, &base_of, why, sizeof why);
        if (!m2) {
            snprintf(s->err, s->nerr, "%s", why);
            return strcmp(why, "out of memory") ? ORDO_EINPUT : ORDO_ENOMEM;
        }
        rc = ordo_plan_run(m2, &s->opts->plan, &p);
        if (rc != ORDO_OK) snprintf(s->err, s->nerr, "scenario \"%s\": planning failed: %s", sc->name, ordo_rc_name(rc));
    }
    if (rc == ORDO_OK && ordo_whatif_kpis(p, s->bp->ord_status, base_of, s->kpi + (size_t)(k + 1) * ORDO_NKPI))
        rc = ORDO_ENOMEM;
    if (rc == ORDO_OK) rc = write_plan(s, p, "plans", sc->name);
    if (p != s->bp) ordo_plan_close(p);
    ordo_model_close(m2);
    free(base_of);
    return rc;
}

/* Every rank plans its share; rank 0 gets the sums of the figures (each written by one rank). */
static ordo_rc sweep_all(sweep *s, int rank, int size)
{
    ordo_rc rc = ORDO_OK;
    if (rank == 0) {
        if (ordo_whatif_kpis(s->bp, NULL, NULL, s->kpi)) rc = ORDO_ENOMEM;
        if (rc == ORDO_OK) rc = write_plan(s, s->bp, "", "base");
    }
    for (int32_t k = rank; rc == ORDO_OK && k < s->set->nsc; k += size) rc = plan_scenario(s, k);
    int worst = ordo_dist_max((int)rc);
    if (worst != ORDO_OK && rc == ORDO_OK)
        snprintf(s->err, s->nerr, "a scenario failed on another rank: %s", ordo_rc_name((ordo_rc)worst));
    if (worst == ORDO_OK && ordo_dist_sum(s->kpi, (s->set->nsc + 1) * ORDO_NKPI)) {
        snprintf(s->err, s->nerr, "the figures could not be gathered from the ranks");
        worst = ORDO_EIO;
    }
    return (ordo_rc)worst;
}

/* The located errors of a scenarios file, one per line, into err. */
static void report_errors(const ordo_diag *d, char *err, size_t nerr)
{
    size_t used = 0;
    err[0] = 0;
    for (int i = 0; i < d->n && used + 1 < nerr; i++) {
        int w = snprintf(err + used, nerr - used, "%s%s", i ? "\n" : "", d->msg[i]);
        used += w > 0 ? (size_t)w : 0;
    }
    if (d->dropped && used + 1 < nerr) snprintf(err + used, nerr - used, "\n(%d more errors)", d->dropped);
}

static ordo_rc base_plan(const ordo_model *m, const ordo_whatif_opts *o, ordo_plan **bp, char *err, size_t nerr)
{
    if (o->base_dir) return ordo_plan_load_state(m, o->base_dir, bp, err, nerr);
    ordo_rc rc = ordo_plan_run(m, &o->plan, bp);
    if (rc != ORDO_OK) snprintf(err, nerr, "the base plan failed: %s", ordo_rc_name(rc));
    return rc;
}

ordo_rc ordo_whatif_run(const ordo_model *m, const char *json, size_t len, const ordo_whatif_opts *opts, const char *dir,
                        char *err, size_t nerr)
{
    if (!m || !json || !dir || !err || !nerr || ordo_error_count(m)) return ORDO_EMISUSE;
    double t0 = ordo_now();
    ordo_whatif_opts dflt;
    if (!opts) ordo_whatif_opts_init(&dflt), opts = &dflt;
    ordo_scenario_set set;
    ordo_diag diag;
    ordo_diag_init(&diag, 100);
    int bad = ordo_scenarios_parse(m, json, len, &set, &diag);
    if (bad) report_errors(&diag, err, nerr);
    ordo_diag_free(&diag);
    ordo_rc rc = bad < 0 ? ORDO_ENOMEM : bad ? ORDO_EINPUT : ORDO_OK;
    int rank, size;
    ordo_dist_rank(&rank, &size);
    sweep s = {m, &set, opts, dir, NULL, NULL, err, nerr};
    if (rc == ORDO_OK && !(s.kpi = calloc((size_t)(set.nsc + 1) * ORDO_NKPI, sizeof *s.kpi))) rc = ORDO_ENOMEM;
    if (rc == ORDO_OK && make_dirs(dir, err, nerr)) rc = ORDO_EIO;
    if (rc == ORDO_OK) rc = base_plan(m, opts, &s.bp, err, nerr);
    int worst = ordo_dist_max((int)rc); /* every rank goes on, or none */
    if (worst != ORDO_OK && rc == ORDO_OK) snprintf(err, nerr, "failed on another rank: %s", ordo_rc_name((ordo_rc)worst));
    rc = (ordo_rc)worst;
    if (rc == ORDO_OK) rc = sweep_all(&s, rank, size);
    if (rc == ORDO_OK && rank == 0) {
        rc = write_file(dir, "scenarios.csv", m, &set, s.kpi, 0, err, nerr);
        if (rc == ORDO_OK) rc = write_file(dir, "scenarios.json", m, &set, s.kpi, ordo_now() - t0, err, nerr);
    }
    ordo_plan_close(s.bp);
    free(s.kpi);
    ordo_scenarios_free(&set);
    return rc;
}
