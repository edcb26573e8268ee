/*
** test_supply.c -- suppliers and subcontracting, hand-computed on tests/data/supply.json
** (calendar wd: Monday-Friday, Christmas off; horizon start Monday 2026-11-23).
**
** RAW: suppliers SUP-A (priority 1, lead 10) and SUP-B (priority 2, lead 3, multiple 50).
**   11-30 SO-2 40: SUP-A would release 11-16, before the horizon: SUP-B in time (release
**   11-25), 40 -> 50. 12-14 SO-1 120, 10 left: SUP-A releases 11-30: 110.
** RAW2: SUP-A (priority 1, lead 10), SUP-B (lead 6); SO-3 10 due 11-25: neither in time;
**   released 11-23 SUP-A delivers 12-07, SUP-B 12-01: SUP-B, release_past_due, 6 days late.
** RAW3: shares X 0.6 (lead 2), Y 0.4 (lead 4, multiple 25); SO-4 100 due 12-10 (Thursday):
**   X 60 released 12-08, Y 40 -> 50 released 12-04.
** PCB: subcontracted, lead 3; SO-5 20 due 12-10: order released 12-07, no operation; BARE
**   (lead 2) 20 needed 12-07, released 12-03.
** COAT: subcontracted through SUBCO (lead 4); FG needs 10 on its release 12-16: released 12-10.
** PLAIN: no suppliers: as before (lead 2), no supplier named.
*/
#include "check.h"
#include "dates.h"
#include "plan.h"
#include "ordo.h"
#include "supply.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char line_buf[2048];

/* "due:qty:release:supplier" of every planned order of item id, space-separated. */
static const char *orders_of(const ordo_plan *p, const char *id)
{
    const ordo_model *m = p->model;
    line_buf[0] = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        if (strcmp(ordo_str(&m->names, m->item_name[p->po_item[q]]), id) != 0) continue;
        char due[11], rel[11], one[128];
        ordo_fmt_date(p->po_due[q], due);
        ordo_fmt_date(p->po_release[q], rel);
        const char *s = ordo_sup_name(m, ordo_po_sup(p, q));
        snprintf(one, sizeof one, "%s%s:%g:%s:%s", line_buf[0] ? " " : "", due, p->po_qty[q], rel, s ? s : "-");
        strncat(line_buf, one, sizeof line_buf - strlen(line_buf) - 1);
    }
    return line_buf;
}

static ordo_plan *plan_file(const char *path, ordo_model **pm)
{
    *pm = NULL;
    if (ordo_model_open(path, NULL, pm) != ORDO_OK) {
        fprintf(stderr, "%s rejected\n", path);
        for (int i = 0; *pm && i < ordo_error_count(*pm); i++) fprintf(stderr, "  %s\n", ordo_error_at(*pm, i));
        return NULL;
    }
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    ordo_plan *p = NULL;
    return ordo_plan_run(*pm, &o, &p) == ORDO_OK ? p : NULL;
}

static void test_suppliers(const char *path, const char *what)
{
    ordo_model *m;
    ordo_plan *p = plan_file(path, &m);
    fprintf(stderr, "%s\n", what);
    CHECK(p != NULL);
    if (!p) return;
    CHECK_STR(orders_of(p, "RAW"), "2026-11-30:50:2026-11-25:SUP-B 2026-12-14:110:2026-11-30:SUP-A");
    CHECK_STR(orders_of(p, "RAW2"), "2026-11-25:10:2026-11-23:SUP-B");
    CHECK_STR(orders_of(p, "RAW3"), "2026-12-10:60:2026-12-08:X 2026-12-10:50:2026-12-04:Y");
    CHECK_STR(orders_of(p, "PCB"), "2026-12-10:20:2026-12-07:-");
    CHECK_STR(orders_of(p, "BARE"), "2026-12-07:20:2026-12-03:-");
    CHECK_STR(orders_of(p, "COAT"), "2026-12-16:10:2026-12-10:SUBCO");
    CHECK_STR(orders_of(p, "PLAIN"), "2026-12-04:8:2026-12-02:-");
    /* SO-3 (index 2) completes when SUP-B delivers: 6 working days from 11-23 is 12-01 */
    CHECK_EQ(p->ord_completion[2], (int64_t)(ordo_days_from_civil(2026, 12, 1)) * 1440);
    CHECK_EQ(p->ord_status[2], ORDO_ST_LATE);
    /* no operation for the subcontracted items */
    for (int32_t k = 0; k < p->nop; k++) CHECK(!m->item_subcon[p->po_item[p->op_po[k]]]);
    char why[512] = "";
    CHECK_EQ(ordo_sched_check(p, why, sizeof why), 0);
    if (why[0]) fprintf(stderr, "check: %s\n", why);
    /* the state keeps the suppliers: a plan loaded back names the same ones */
    char err[512];
    CHECK_EQ(ordo_plan_save_state(p, "test_supply_state", err, sizeof err), ORDO_OK);
    ordo_plan *b = NULL;
    CHECK_EQ(ordo_plan_load_state(m, "test_supply_state", &b, err, sizeof err), ORDO_OK);
    if (b) {
        CHECK(b->po_sup != NULL);
        CHECK_STR(orders_of(b, "RAW3"), "2026-12-10:60:2026-12-08:X 2026-12-10:50:2026-12-04:Y");
        /* a quote of RAW2 as soon as possible: SUP-B delivers first (12-01; SUP-A 12-07) */
        ordo_quoter *qt = NULL;
        char *ans = NULL;
        const char *req = "{\"item\": \"RAW2\", \"qty\": 10}";
        CHECK_EQ(ordo_quoter_open(b, &qt), ORDO_OK);
        if (qt && ordo_quote_json(qt, req, strlen(req), "test", 1, 0, &ans, NULL, err, sizeof err) == ORDO_OK && ans) {
            CHECK(strstr(ans, "\"promise\":\"2026-12-01\"") != NULL);
            CHECK(strstr(ans, "\"step\":\"buy\",\"item\":\"RAW2\",\"qty\":10,\"release\":\"2026-11-23\",\"supplier\":\"SUP-B\"") != NULL);
        } else {
            CHECK(0);
        }
        free(ans);
        ordo_quoter_close(qt);
        ordo_plan_close(b);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/supply.json", src ? src : ".");
    (void)argc, (void)argv;
    ordo_model *cm = NULL;
    test_suppliers(path, "JSON");
    /* the same through HDF5 (table item_suppliers) and back to JSON */
    CHECK_EQ(ordo_convert(path, "test_supply.h5", NULL, &cm), ORDO_OK);
    ordo_model_close(cm), cm = NULL;
    test_suppliers("test_supply.h5", "HDF5");
    CHECK_EQ(ordo_convert("test_supply.h5", "test_supply.json", NULL, &cm), ORDO_OK);
    ordo_model_close(cm);
    test_suppliers("test_supply.json", "HDF5 written back as JSON");
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
