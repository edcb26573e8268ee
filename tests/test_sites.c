/*
** test_sites.c -- sites and transfer items, hand-computed on tests/data/sites.json
** (calendar wd: Monday-Friday, Christmas off; horizon start Monday 2026-11-23).
**
** Sites P1 and P2 (both calendar wd). MCB is bought at P1 (the first site by default; lead 5,
** on hand 30); MCB@P2 is moved from MCB (transfer, lead 2 working days of P2's calendar,
** which it takes from its site; on hand 10); PANEL@P2 is made at P2 (lead 1) from 2 MCB@P2.
**   MCB@P2: SO-1 50 due Tue 12-08, 10 on hand: transfer of 40 due 12-08, released Fri 12-04
**     (two working days back over the weekend; every-day days would give 12-06), available
**     12-08 00:00. PANEL@P2's order (SO-3 10 due Thu 12-17) is released Wed 12-16 and needs
**     20 MCB@P2 then: transfer of 20 due 12-16, released Mon 12-14.
**   MCB at P1: SO-2 5 due 11-27 from stock (30 -> 25); the transfers need 40 on 12-04 (25
**     from stock: buy 15 due 12-04, released Fri 11-27) and 20 on 12-14 (buy 20 due 12-14,
**     released Mon 12-07).
** A quote of 5 MCB@P2 as soon as possible: MCB bought 11-23 arrives 11-28 00:00 (a
** Saturday), moved from Monday 11-30 for two working days: promised 12-02.
*/
#include "check.h"
#include "dates.h"
#include "plan.h"
#include "ordo.h"
#include "sites.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char line_buf[2048];

/* "due:qty:release:kind-site<-from" of every planned order of item id, space-separated. */
static const char *orders_of(const ordo_plan *p, const char *id)
{
    const ordo_model *m = p->model;
    line_buf[0] = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t i = p->po_item[q], from = ordo_item_from(m, i);
        if (strcmp(ordo_str(&m->names, m->item_name[i]), id) != 0) continue;
        char due[11], rel[11], one[160];
        ordo_fmt_date(p->po_due[q], due);
        ordo_fmt_date(p->po_release[q], rel);
        snprintf(one, sizeof one, "%s%s:%g:%s:%s%s%s", line_buf[0] ? " " : "", due, p->po_qty[q], rel,
                 ordo_site_name(m, ordo_item_site(m, i)), from >= 0 ? "<-" : "",
                 from >= 0 ? ordo_site_name(m, ordo_item_site(m, from)) : "");
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

/* The whole text of a small file (static buffer), "" when unreadable. */
static const char *slurp(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    return buf;
}

static void check_model(const ordo_model *m)
{
    CHECK_EQ(m->nsite, 2);
    CHECK_EQ(m->nxfer, 1);
    CHECK_EQ(m->nbom, 2); /* PANEL@P2's line and the transfer's own */
    CHECK_EQ(m->item_site[0], 0);  /* MCB: the first site by default */
    CHECK_EQ(m->item_site[1], 1);
    CHECK_EQ(m->item_from[1], 0);  /* MCB@P2 moved from MCB */
    CHECK_EQ(m->item_from[0], -1);
    CHECK_EQ(m->res_site[0], 0);   /* ASM1: the first site */
    CHECK_EQ(m->res_site[1], 1);
    CHECK_EQ(m->item_cal[1], 0);   /* no calendar of its own: its site's */
    CHECK_EQ(m->res_cal[0], 0);
    CHECK(m->item_llc[0] > m->item_llc[1] && m->item_llc[1] > m->item_llc[2]);
}

static void check_quote(ordo_plan *p)
{
    ordo_quoter *qt = NULL;
    char *ans = NULL, err[512];
    const char *req = "{\"item\": \"MCB@P2\", \"qty\": 5}";
    CHECK_EQ(ordo_quoter_open(p, &qt), ORDO_OK);
    if (qt && ordo_quote_json(qt, req, strlen(req), "test", 1, 0, &ans, NULL, err, sizeof err) == ORDO_OK && ans) {
        CHECK(strstr(ans, "\"promise\":\"2026-12-02\"") != NULL);
        CHECK(strstr(ans, "{\"step\":\"buy\",\"item\":\"MCB\",\"qty\":5,\"release\":\"2026-11-23\",\"available\":\"2026-11-28T00:00\"},"
                          "{\"step\":\"transfer\",\"item\":\"MCB@P2\",\"qty\":5,\"release\":\"2026-11-23\",\"available\":\"2026-12-02T00:00\"}") != NULL);
        if (!strstr(ans, "\"promise\":\"2026-12-02\"")) fprintf(stderr, "quote: %s\n", ans);
    } else {
        CHECK(0);
    }
    free(ans);
    ordo_quoter_close(qt);
}

static void test_sites(const char *path, const char *what)
{
    ordo_model *m;
    ordo_plan *p = plan_file(path, &m);
    fprintf(stderr, "%s\n", what);
    CHECK(p != NULL);
    if (!p) {
        ordo_model_close(m);
        return;
    }
    check_model(m);
    CHECK_STR(orders_of(p, "MCB@P2"), "2026-12-08:40:2026-12-04:P2<-P1 2026-12-16:20:2026-12-14:P2<-P1");
    CHECK_STR(orders_of(p, "MCB"), "2026-12-04:15:2026-11-27:P1 2026-12-14:20:2026-12-07:P1");
    CHECK_STR(orders_of(p, "PANEL@P2"), "2026-12-17:10:2026-12-16:P2");
    /* SO-1 (index 0) completes when the first transfer arrives, 12-08 00:00 */
    CHECK_EQ(p->ord_completion[0], (int64_t)ordo_days_from_civil(2026, 12, 8) * 1440);
    CHECK_EQ(p->ord_status[0], ORDO_ST_ON_TIME);
    for (int32_t k = 0; k < p->nop; k++) CHECK(ordo_item_from(m, p->po_item[p->op_po[k]]) < 0); /* no operation */
    char why[512] = "", err[512];
    CHECK_EQ(ordo_sched_check(p, why, sizeof why), 0);
    if (why[0]) fprintf(stderr, "check: %s\n", why);
    /* the CSV table names the sites; a transfer its source site */
    CHECK_EQ(ordo_plan_write(p, "test_sites_csv", ORDO_FORMAT_CSV, 0, err, sizeof err), ORDO_OK);
    const char *csv = slurp("test_sites_csv/planned_orders.csv");
    const char *head = "id,item,kind,qty,good_qty,release,due,available,site,from_site\n";
    CHECK(strncmp(csv, head, strlen(head)) == 0);
    CHECK(strstr(csv, "\nPL-2,MCB@P2,transfer,40,40,2026-12-04,2026-12-08,2026-12-08T00:00,P2,P1\n") != NULL);
    CHECK(strstr(csv, "\nPL-4,MCB,buy,15,15,2026-11-27,2026-12-04,2026-12-04T00:00,P1,\n") != NULL);
    /* the state loaded back gives the same orders and quotes through the transfer */
    CHECK_EQ(ordo_plan_save_state(p, "test_sites_state", err, sizeof err), ORDO_OK);
    ordo_plan *b = NULL;
    CHECK_EQ(ordo_plan_load_state(m, "test_sites_state", &b, err, sizeof err), ORDO_OK);
    if (b) {
        CHECK_STR(orders_of(b, "MCB@P2"), "2026-12-08:40:2026-12-04:P2<-P1 2026-12-16:20:2026-12-14:P2<-P1");
        check_quote(b);
        ordo_plan_close(b);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/sites.json", src ? src : ".");
    (void)argc, (void)argv;
    ordo_model *cm = NULL;
    test_sites(path, "JSON");
    /* the same through HDF5 (table sites, columns site and transfer_from) and back to JSON */
    CHECK_EQ(ordo_convert(path, "test_sites.h5", NULL, &cm), ORDO_OK);
    ordo_model_close(cm), cm = NULL;
    test_sites("test_sites.h5", "HDF5");
    CHECK_EQ(ordo_convert("test_sites.h5", "test_sites.json", NULL, &cm), ORDO_OK);
    ordo_model_close(cm);
    test_sites("test_sites.json", "HDF5 written back as JSON");
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
