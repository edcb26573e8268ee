/*
** test_whatif.c -- scenario sweeps on the demo set (datasets/demo/scenarios.json): every
** figure of DIR/scenarios.json recomputed from the scenario's own plan.json, the scenario
** of no changes equal to the base and to a plan made apart, the changes visible in the
** plans, the same bytes at 1 and 2 threads, and bad scenario files refused with located
** errors and nothing written.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "test.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <unistd.h>

static char src_dir[1024], out_dir[512];

static cJSON *load_json(const char *path)
{
    size_t len = 0;
    char *text = test_slurp(path, &len);
    cJSON *j = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    if (!j) fprintf(stderr, "cannot read %s\n", path);
    return j;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(x) ? x->valuedouble : (double)NAN;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

static int close_to(double a, double b) { return fabs(a - b) <= 1e-6 * (1 + fabs(b)); }

/* The status of order id in a plan ("" when it is not there). */
static const char *status_of(const cJSON *plan, const char *id)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(plan, "orders"))
        if (strcmp(str(o, "id"), id) == 0) return str(o, "status");
    return "";
}

/* The bottleneck of a plan's load table: highest load over available minutes. */
static void bottleneck(const cJSON *plan, char *name, size_t n, double *util)
{
    cJSON *sums = cJSON_CreateObject(); /* resource -> [load, available], in order of appearance */
    const cJSON *row;
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(plan, "load"))
    {
        cJSON *s = cJSON_GetObjectItemCaseSensitive(sums, str(row, "resource"));
        if (!s) s = cJSON_AddArrayToObject(sums, str(row, "resource")), cJSON_AddItemToArray(s, cJSON_CreateNumber(0)),
            cJSON_AddItemToArray(s, cJSON_CreateNumber(0));
        cJSON_SetNumberValue(cJSON_GetArrayItem(s, 0), cJSON_GetArrayItem(s, 0)->valuedouble + num(row, "load_minutes"));
        cJSON_SetNumberValue(cJSON_GetArrayItem(s, 1), cJSON_GetArrayItem(s, 1)->valuedouble + num(row, "available_minutes"));
    }
    name[0] = 0;
    *util = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, sums)
    {
        double a = cJSON_GetArrayItem(s, 1)->valuedouble, u = a > 0 ? cJSON_GetArrayItem(s, 0)->valuedouble / a : 0;
        if (!name[0] || u > *util) snprintf(name, n, "%s", s->string), *util = u;
    }
    cJSON_Delete(sums);
}

/* Every figure of row recomputed from plan (and base, for the orders newly late). */
static void check_figures(const cJSON *row, const cJSON *plan, const cJSON *base)
{
    int orders = 0, on_time = 0, late = 0, unplanned = 0, newly = 0, purchase = 0;
    double lateness = 0, pqty = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(plan, "orders"))
    {
        const char *st = str(o, "status");
        orders++;
        on_time += strcmp(st, "on_time") == 0;
        late += strcmp(st, "late") == 0;
        unplanned += strcmp(st, "unplanned") == 0;
        lateness += num(o, "lateness_days");
        newly += strcmp(st, "on_time") != 0 && strcmp(status_of(base, str(o, "id")), "on_time") == 0;
    }
    const cJSON *po, *planned = cJSON_GetObjectItemCaseSensitive(plan, "planned_orders");
    cJSON_ArrayForEach(po, planned) if (strcmp(str(po, "kind"), "buy") == 0) purchase++, pqty += num(po, "qty");
    CHECK_EQ(num(row, "orders"), orders);
    CHECK_EQ(num(row, "on_time_orders"), on_time);
    CHECK(close_to(num(row, "on_time_rate"), orders ? (double)on_time / orders : 1));
    CHECK_EQ(num(row, "late_orders"), late);
    CHECK_EQ(num(row, "unplanned_orders"), unplanned);
    CHECK_EQ(num(row, "newly_late_orders"), newly);
    CHECK(close_to(num(row, "total_lateness_days"), lateness));
    CHECK_EQ(num(row, "planned_orders"), cJSON_GetArraySize(planned));
    CHECK_EQ(num(row, "purchase_orders"), purchase);
    CHECK(close_to(num(row, "purchase_qty"), pqty));
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(plan, "summary");
    CHECK_EQ(num(row, "makespan_minutes"), num(sum, "makespan_minutes"));
    CHECK_EQ(num(row, "late_orders"), num(sum, "late_orders"));
    char bn[128];
    double util;
    bottleneck(plan, bn, sizeof bn, &util);
    CHECK_STR(str(row, "bottleneck"), bn);
    CHECK(close_to(num(row, "bottleneck_utilisation"), util) || fabs(num(row, "bottleneck_utilisation") - util) < 1e-5);
    CHECK_STR(str(row, "status"), unplanned ? "unplanned" : late ? "late" : "on_time");
}

static cJSON *plan_of(const char *sub, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s%s%s/plan.json", out_dir, sub, *sub ? "/" : "", name);
    return load_json(path);
}

static const cJSON *order_in(const cJSON *plan, const char *id)
{
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(plan, "orders")) if (strcmp(str(o, "id"), id) == 0) return o;
    return NULL;
}

/* The changes of the demo scenarios, seen in their plans against the base plan. */
static void check_changes(const cJSON *base)
{
    cJSON *p = plan_of("plans", "demand +10%");
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(base, "orders"))
    {
        const cJSON *q = p ? order_in(p, str(o, "id")) : NULL;
        CHECK(q && close_to(num(q, "qty"), 1.1 * num(o, "qty")));
    }
    cJSON_Delete(p);
    p = plan_of("plans", "rush order, one cancelled");
    CHECK(p && order_in(p, "SO-RUSH") && !order_in(p, "SO-2610") && order_in(p, "SO-2611"));
    CHECK(p && close_to(num(order_in(p, "SO-RUSH"), "qty"), 800));
    cJSON_Delete(p);
    p = plan_of("plans", "C-101 pulls in a week"); /* SO-2601, SO-2606, SO-2616 are C-101's */
    CHECK(p && strcmp(str(order_in(p, "SO-2601"), "due"), "2026-11-27") == 0);
    CHECK(p && strcmp(str(order_in(p, "SO-2616"), "due"), "2027-02-24") == 0);
    CHECK(p && strcmp(str(order_in(p, "SO-2602"), "due"), "2026-12-08") == 0);
    cJSON_Delete(p);
    /* PRESS-1 down over 2026-11-30 .. 2026-12-06: no working minutes there (operations may
    ** span the week, interrupted), where the base plan loads it */
    int in_week[2] = {0, 0};
    p = plan_of("plans", "press down a week");
    const cJSON *plans[2] = {base, p};
    for (int k = 0; k < 2; k++)
        cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(plans[k], "load"))
            if (strcmp(str(o, "resource"), "PRESS-1") == 0 && strcmp(str(o, "date"), "2026-11-30") >= 0 &&
                strcmp(str(o, "date"), "2026-12-06") <= 0)
                in_week[k] += num(o, "available_minutes") > 0 || num(o, "load_minutes") > 0;
    CHECK(p != NULL);
    CHECK(in_week[0] > 0);
    CHECK_EQ(in_week[1], 0);
    cJSON_Delete(p);
}

static char *without_seconds(const char *path)
{
    size_t len;
    char *t = test_slurp(path, &len), *s = t ? strstr(t, "\"seconds\": ") : NULL;
    if (s) { /* cut the key and its value out, whatever its length (10.5 s under load vs 0.9) */
        size_t n = strlen("\"seconds\": ");
        n += strspn(s + n, "0123456789.eE+-");
        memmove(s, s + n, strlen(s + n) + 1);
    }
    return t;
}

static void sweep(const ordo_model *m, const char *text, int threads, const char *dir)
{
    ordo_whatif_opts wo;
    ordo_whatif_opts_init(&wo);
    wo.plan.threads = threads;
    wo.write_plans = 1;
    char err[4096] = "";
    CHECK_EQ(ordo_whatif_run(m, text, strlen(text), &wo, dir, err, sizeof err), ORDO_OK);
    if (err[0]) fprintf(stderr, "%s\n", err);
}

static void check_sweep(const ordo_model *m)
{
    char path[2048], dir2[600];
    snprintf(path, sizeof path, "%s/datasets/demo/scenarios.json", src_dir);
    size_t len;
    char *text = test_slurp(path, &len);
    CHECK(text != NULL);
    if (!text) return;
    sweep(m, text, 1, out_dir);
    snprintf(dir2, sizeof dir2, "%s/t2", out_dir);
    sweep(m, text, 2, dir2);
    free(text);
    snprintf(path, sizeof path, "%s/scenarios.json", out_dir);
    char *a = without_seconds(path), p2[700];
    snprintf(p2, sizeof p2, "%s/scenarios.json", dir2);
    char *b = without_seconds(p2);
    CHECK(a && b && strcmp(a, b) == 0); /* the same bytes at 1 and 2 threads */
    free(a), free(b);

    cJSON *res = load_json(path), *base = plan_of("", "base");
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(res, "scenarios"), *brow = cJSON_GetObjectItemCaseSensitive(res, "base");
    CHECK(cJSON_GetArraySize(rows) >= 6);
    if (base && brow) check_figures(brow, base, base);
    const cJSON *row;
    int k = 0;
    cJSON_ArrayForEach(row, rows)
    {
        cJSON *plan = plan_of("plans", str(row, "name"));
        CHECK(plan != NULL);
        if (plan && base) check_figures(row, plan, base);
        if (k++ == 0) { /* the scenario of no changes: the base's figures */
            CHECK_STR(str(row, "name"), "base");
            for (const cJSON *f = brow ? brow->child : NULL; f; f = f->next)
                if (strcmp(f->string, "name") != 0) CHECK(cJSON_Compare(f, cJSON_GetObjectItemCaseSensitive(row, f->string), 1));
        }
        cJSON_Delete(plan);
    }
    /* the base figures are those of a plan made apart */
    ordo_plan *p = NULL;
    ordo_plan_summary s;
    CHECK_EQ(ordo_plan_run(m, NULL, &p), ORDO_OK);
    if (p && ordo_plan_get_summary(p, &s) == ORDO_OK) {
        CHECK_EQ(num(brow, "late_orders"), s.late_orders);
        CHECK(close_to(num(brow, "total_lateness_days"), s.total_lateness_days));
        CHECK_EQ(num(brow, "planned_orders"), s.planned_orders);
        CHECK_EQ(num(brow, "purchase_orders"), s.purchase_orders);
        CHECK_EQ(num(brow, "makespan_minutes"), s.makespan_minutes);
    }
    ordo_plan_close(p);
    if (base) check_changes(base);
    cJSON_Delete(res);
    cJSON_Delete(base);
}

/* A bad scenarios document: ORDO_EINPUT, the expected located error, nothing written. */
static void check_bad(const ordo_model *m, const char *doc, const char *expect)
{
    char dir[600], path[700], err[4096] = "";
    snprintf(dir, sizeof dir, "%s/bad", out_dir);
    const char *text = test_json(doc);
    CHECK_EQ(ordo_whatif_run(m, text, strlen(text), NULL, dir, err, sizeof err), ORDO_EINPUT);
    if (!strstr(err, expect)) fprintf(stderr, "expected \"%s\" in:\n%s\n", expect, err);
    CHECK(strstr(err, expect) != NULL);
    snprintf(path, sizeof path, "%s/scenarios.json", dir);
    CHECK(access(path, F_OK) != 0);
}

static void check_errors(const ordo_model *m)
{
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': []}, {'name': 'b', 'changes': [{'type': 'scale_demand', 'factor': 0}]}]}",
              "scenarios[1].changes[0].factor: 0 must be > 0");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'scale_demand', 'factor': 2, 'item': 'NOPE'}]}]}",
              "scenarios[0].changes[0].item: unknown item \"NOPE\"");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'grow'}]}]}", "scenarios[0].changes[0].type: unknown change \"grow\"");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'cancel_order', 'order': 'SO-2601', 'qty': 1}]}]}",
              "scenarios[0].changes[0].qty: unknown field for a cancel_order change");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'resource_down', 'resource': 'PRESS-1', 'from': '2026-12-09', 'to': '2026-12-01'}]}]}",
              "scenarios[0].changes[0].to: is before from");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'extra_shift', 'resource': 'PRESS-1', 'start': '09:00', 'end': '11:00'}]}]}",
              "scenarios[0].changes[0]: shifts overlap");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'add_order', 'id': 'SO-2601', 'item': 'MCB-C10', 'qty': 5, 'due': '2026-12-01'}]}]}",
              "scenarios[0].changes[0].id: order \"SO-2601\" is already in the data set");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': []}, {'name': 'a', 'changes': []}]}", "scenarios[1].name: \"a\" is also the name of scenarios[0]");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'lead_time', 'item': 'AG-TIP', 'add_days': -30}]}]}",
              "scenarios[0].changes[0].add_days: -30 would make the lead time of \"AG-TIP\" negative");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'overtime', 'calendar': 'SHOP-3S', 'minutes': 30}]}]}",
              "scenarios[0].changes[0]: the last shift would run into the next day's first shift");
    check_bad(m, "{'scenarios': [{'name': 'a', 'changes': [{'type': 'receipt_late', 'receipt': 'PO-9', 'days': 2.5}]}]}",
              "scenarios[0].changes[0].receipt: unknown receipt \"PO-9\"\nscenarios[0].changes[0].days: 2.5 must be a whole number");
    check_bad(m, "{'runs': []}", "scenarios: missing");
}

int main(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    snprintf(src_dir, sizeof src_dir, "%s", src ? src : ".");
    snprintf(out_dir, sizeof out_dir, "/tmp/ordo_test_whatif_%ld", (long)getpid());
    char path[2048];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src_dir);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (m) {
        check_errors(m);
        check_sweep(m);
    }
    ordo_model_close(m);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
    if (!t_fail && system(cmd) != 0) fprintf(stderr, "could not remove %s\n", out_dir);
    return test_report("test_whatif");
}
