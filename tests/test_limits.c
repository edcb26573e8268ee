/*
** test_limits.c -- every limited number of a data set at its limit (accepted) and just
** beyond it (a located error), SQLite's way; and plans at the extremes that remain valid:
** bounded lot counts, unplanned needs too large to plan, capped operations and dates that
** never pass 9999-12-31, all finishing at once and passing the independent check.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "plan.h"
#include "test.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#define HEAD "{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'},"
#define ORD "'orders':[{'id':'O','item':'A','qty':1,'due':'2026-12-15'}]}"
#define ROUT(fields) "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R']," fields "}]}],"

typedef struct limit_case {
    const char *doc;    /* single-quoted JSON with one %s: the value */
    const char *at;     /* the limit itself: accepted */
    const char *beyond; /* just beyond: refused with msg */
    const char *msg;
} limit_case;

static const limit_case cases[] = {
    {HEAD "'items':[{'id':'A','lead_time_days':%s}]," ORD, "3650", "3651", "items[0].lead_time_days: 3651 is above the limit 3650"},
    {HEAD "'items':[{'id':'A','inspection_days':%s}]," ORD, "3650", "3651", "items[0].inspection_days: 3651 is above the limit 3650"},
    {HEAD "'items':[{'id':'A','on_hand':%s}]," ORD, "1e9", "1.000001e9", "items[0].on_hand: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A','on_hand':%s}]," ORD, "-1e9", "-1.000001e9", "items[0].on_hand: -1000001000 is below the limit -1000000000"},
    {HEAD "'items':[{'id':'A','safety_stock':%s}]," ORD, "1e9", "1.000001e9", "items[0].safety_stock: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A','yield':%s}]," ORD, "0.001", "0.000999", "items[0].yield: 0.000999 is below the limit 0.001"},
    {HEAD "'items':[{'id':'A','lot':{'rule':'foq','qty':%s}}]," ORD, "1e9", "1.000001e9", "items[0].lot.qty: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A','lot':{'rule':'foq','qty':%s}}]," ORD, "1e-6", "9e-7", "items[0].lot.qty: 9e-07 is below the limit 1e-06 (or 0)"},
    {HEAD "'items':[{'id':'A','lot':{'min':%s}}]," ORD, "1e9", "1.000001e9", "items[0].lot.min: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A','lot':{'multiple':%s}}]," ORD, "1e-6", "9e-7", "items[0].lot.multiple: 9e-07 is below the limit 1e-06 (or 0)"},
    {HEAD "'items':[{'id':'A','lot':{'rule':'poq','periods':%s}}]," ORD, "3650", "3651", "items[0].lot.periods: 3651 is above the limit 3650"},
    {HEAD "'items':[{'id':'A'},{'id':'B'}],'bom':[{'parent':'A','component':'B','qty_per':%s}]," ORD, "1e6", "1.000001e6", "bom[0].qty_per: 1000001 is above the limit 1000000"},
    {HEAD "'items':[{'id':'A'},{'id':'B'}],'bom':[{'parent':'A','component':'B','qty_per':1,'scrap':%s}]," ORD, "100", "100.5", "bom[0].scrap: 100.5 is above the limit 100"},
    {HEAD "'items':[{'id':'A'}]," ROUT("'setup_minutes':%s") ORD, "1e6", "1.000001e6", "routings[0].operations[0].setup_minutes: 1000001 is above the limit 1000000"},
    {HEAD "'items':[{'id':'A'}]," ROUT("'run_minutes_per_unit':%s") ORD, "1e6", "1.000001e6", "routings[0].operations[0].run_minutes_per_unit: 1000001 is above the limit 1000000"},
    {HEAD "'items':[{'id':'A'}],'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':[{'id':'R','run_minutes_per_unit':%s}]}]}]," ORD,
     "1e6", "1.000001e6", "routings[0].operations[0].resources[0].run_minutes_per_unit: 1000001 is above the limit 1000000"},
    {HEAD "'resources':[{'id':'R','units':%s}],'items':[{'id':'A'}]," ORD, "1000000", "1000001", "resources[0].units: 1000001 is above the limit 1000000"},
    {HEAD "'resources':[{'id':'R','efficiency':%s}],'items':[{'id':'A'}]," ORD, "0.01", "0.0099", "resources[0].efficiency: 0.0099 is below the limit 0.01"},
    {HEAD "'resources':[{'id':'R','efficiency':%s}],'items':[{'id':'A'}]," ORD, "100", "100.5", "resources[0].efficiency: 100.5 is above the limit 100"},
    {HEAD "'calendars':[{'id':'C','shifts':[['00:00','00:01']],'overtime_minutes_per_day':%s}],'items':[{'id':'A'}]," ORD, "1439", "1441", "calendars[0].overtime_minutes_per_day: 1441 is above the limit 1440"},
    {HEAD "'items':[{'id':'A'}],'receipts':[{'id':'P','item':'A','qty':%s,'date':'2026-12-01'}]," ORD, "1e9", "1.000001e9", "receipts[0].qty: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A'}],'orders':[{'id':'O','item':'A','qty':%s,'due':'2026-12-15'}]}", "1e9", "1.000001e9", "orders[0].qty: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A'}],'orders':[{'id':'O','item':'A','qty':1,'due':'2026-12-15','priority':%s}]}", "-1e6", "-1000001", "orders[0].priority: -1000001 is below the limit -1000000"},
    {HEAD "'items':[{'id':'A'}],'orders':[{'id':'O','item':'A','qty':1,'due':'2026-12-15','penalty_per_day':%s}]}", "1e9", "1.000001e9", "orders[0].penalty_per_day: 1000001000 is above the limit 1000000000"},
    {HEAD "'items':[{'id':'A'}],'orders':[{'id':'O','item':'A','qty':1,'due':'2026-12-15','design_days':%s}]}", "3650", "3651", "orders[0].design_days: 3651 is above the limit 3650"},
    {HEAD "'items':[{'id':'A'}],'orders':[{'id':'O','item':'A','qty':1,'due':'%s'}]}", "9999-12-31", "10000-01-01", "orders[0].due: \"10000-01-01\" is not a date (YYYY-MM-DD)"},
    {"{'ordo':1,'horizon':{'start':'9900-01-01','end':'%s'},'items':[{'id':'A'}]," ORD, "9999-12-31", "10000-01-01", "horizon.end: \"10000-01-01\" is not a date (YYYY-MM-DD)"},
    {"{'ordo':1,'horizon':{'start':'2026-11-23','end':'%s'},'items':[{'id':'A'}]," ORD, "2126-11-23", "2126-11-24", "horizon.end: \"2126-11-24\" is 36525 days after horizon.start, above the limit 36524"},
};

static int errors_with(const ordo_model *m, const char *text)
{
    int n = 0;
    for (int i = 0; m && i < ordo_error_count(m); i++) n += strstr(ordo_error_at(m, i), text) != NULL;
    return n;
}

static void test_limit_table(void)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const limit_case *c = &cases[k];
        char doc[2048], path[128];
        const char *colon = strchr(c->msg, ':');
        snprintf(path, sizeof path, "%.*s:", (int)(colon - c->msg), c->msg);
        for (int beyond = 0; beyond < 2; beyond++) {
            snprintf(doc, sizeof doc, c->doc, beyond ? c->beyond : c->at);
            const char *json = test_json(doc);
            ordo_model *m = NULL;
            ordo_rc rc = ordo_model_open_buffer(json, strlen(json), NULL, &m);
            int ok = beyond ? rc == ORDO_EINPUT && errors_with(m, c->msg) == 1 : errors_with(m, path) == 0;
            if (!ok) {
                fprintf(stderr, "case %zu (%s): rc %d\n", k, beyond ? c->beyond : c->at, rc);
                for (int i = 0; m && i < ordo_error_count(m); i++) fprintf(stderr, "    %s\n", ordo_error_at(m, i));
            }
            CHECK(ok);
            ordo_model_close(m);
        }
    }
}

/* Plan a valid data set at the extremes; the plan is returned (NULL with a failed check). */
static ordo_plan *plan_of(const char *doc_sq, ordo_model **pm)
{
    const char *json = test_json(doc_sq);
    *pm = NULL;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_model_open_buffer(json, strlen(json), NULL, pm), ORDO_OK);
    if (*pm) CHECK_EQ(ordo_plan_run(*pm, NULL, &p), ORDO_OK);
    if (p) {
        char msg[2048];
        int problems = ordo_plan_check(p, msg, sizeof msg);
        if (problems) fprintf(stderr, "%s", msg);
        CHECK_EQ(problems, 0);
    }
    return p;
}

/* plan.json of p: valid JSON, and no date in it after 9999-12-31 (nor wrapped to 0000). */
static void check_written(ordo_plan *p, const char *exc_text)
{
    char dir[80], path[160], err[256];
    snprintf(dir, sizeof dir, "/tmp/ordo_test_limits_%ld", (long)getpid());
    CHECK_EQ(ordo_plan_write(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    snprintf(path, sizeof path, "%s/plan.json", dir);
    size_t n;
    char *text = test_slurp(path, &n);
    cJSON *j = text ? cJSON_ParseWithLength(text, n) : NULL;
    CHECK(j != NULL);
    CHECK(text && !strstr(text, "\"0000-") && !strstr(text, "\"10000-"));
    if (exc_text) CHECK(text && strstr(text, exc_text));
    cJSON_Delete(j);
    free(text);
    unlink(path);
    rmdir(dir);
}

static void test_extremes(void)
{
    ordo_model *m;
    /* foq of the smallest lot for the largest order: at most ORDO_MAX_LOTS lots, each a
    ** multiple of the lot quantity, covering the order */
    ordo_plan *p = plan_of(HEAD "'items':[{'id':'A','source':'buy','lot':{'rule':'foq','qty':1e-6}}],"
                                "'orders':[{'id':'O','item':'A','qty':1e9,'due':'2026-12-15'}]}", &m);
    if (p) {
        CHECK(p->npo >= 1 && p->npo <= 1000);
        double sum = 0;
        for (int32_t q = 0; q < p->npo; q++) sum += p->po_good[q];
        CHECK(sum >= 1e9 && sum < 1e9 * 1.001);
        double k = p->po_good[0] / 1e-6;
        CHECK(fabs(k - floor(k + 0.5)) < 1e-3 * k);
        check_written(p, NULL);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    /* a need of 1e9 x 1e6 x 101 components: more than can be planned at once, a shortage */
    p = plan_of(HEAD "'items':[{'id':'A','lead_time_days':1},{'id':'B','source':'buy'}],"
                     "'bom':[{'parent':'A','component':'B','qty_per':1e6,'scrap':100}],"
                     "'orders':[{'id':'O','item':'A','qty':1e9,'due':'2026-12-15'}]}", &m);
    if (p) {
        int shortage = 0;
        for (int32_t e = 0; e < p->nexc; e++) shortage += p->exc[e].kind == ORDO_EXC_SHORTAGE && p->exc[e].item == 1;
        CHECK_EQ(shortage, 1);
        CHECK_EQ(p->ord_status[0], ORDO_ST_UNPLANNED);
        check_written(p, "at once, not planned");
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    /* the longest operations on the slowest resource, the longest lead times, a horizon to
    ** 9999-12-31: finishes at once, no date beyond 9999-12-31 */
    p = plan_of("{'ordo':1,'horizon':{'start':'9950-11-23','end':'9999-12-31'},"
                "'calendars':[{'id':'C','weekdays':[1],'shifts':[['08:00','08:01']]}],"
                "'resources':[{'id':'R','calendar':'C','efficiency':0.01,'units':1000}],"
                "'items':[{'id':'A','inspection_days':3650,'calendar':'C'},{'id':'B','source':'buy','lead_time_days':3650,'inspection_days':3650}],"
                "'bom':[{'parent':'A','component':'B','qty_per':1}],"
                "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'setup_minutes':1e6,'run_minutes_per_unit':1e6},"
                "{'seq':20,'resources':['R'],'run_minutes_per_unit':1e6}]}],"
                "'orders':[{'id':'O','item':'A','qty':1e9,'due':'9950-12-15','design_days':3650},"
                "{'id':'O2','item':'A','qty':1,'due':'9999-12-31'}]}", &m);
    if (p) {
        /* O's two operations of 1e8 working minutes at one minute a week take 1.4e9 days:
        ** the second cannot end before the calendar's never (day 1e9), so O is unplanned */
        CHECK(p->nop >= 2);
        CHECK(p->ord_status[0] == ORDO_ST_UNPLANNED);
        CHECK(p->ord_completion[0] == INT64_MIN);
        CHECK(ordo_plan_check(p, NULL, 0) == 0);
        check_written(p, NULL);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
}

int main(void)
{
    test_limit_table();
    test_extremes();
    return test_report("test_limits");
}
