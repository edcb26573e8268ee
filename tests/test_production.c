/*
** test_production.c -- the living plan's data (README "Production orders", "Planning time
** fence", "Frozen zone", "Action messages"), on factories small enough to compute by hand.
**
** Calendar std: Monday to Friday, 08:00-12:00 and 13:00-17:00; the horizon starts on Monday
** 2026-11-23 (day 20780). ASM-1 and TST-1 run one operation at a time on it. GEAR takes
** 1 minute per unit on ASM-1 (seq 10), then 0.5 on TST-1 (seq 20); MCB 1 minute per unit on
** ASM-1; both use 1 COIL each (bought, 5 working days).
*/
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"

#include "ordo.h"

#define DAY0 20780 /* 2026-11-23 */
#define T(d, h, mi) ((int64_t)(DAY0 + (d)) * 1440 + (h) * 60 + (mi))

#define HEAD                                                                                       \
    "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'%s}, %s"                    \
    "'calendars': [{'id': 'std', 'weekdays': [1,2,3,4,5], 'shifts': [['08:00','12:00'],['13:00','17:00']]}],"       \
    "'resources': [{'id': 'ASM-1', 'calendar': 'std'}, {'id': 'TST-1', 'calendar': 'std'}],"     \
    "'items': [{'id': 'GEAR', 'calendar': 'std'}, {'id': 'MCB', 'calendar': 'std'%s},"            \
    "          {'id': 'COIL', 'source': 'buy', 'lead_time_days': 5, 'calendar': 'std', 'on_hand': %s}],"        \
    "'bom': [{'parent': 'MCB', 'component': 'COIL', 'qty_per': 1}, {'parent': 'GEAR', 'component': 'COIL', 'qty_per': 1}]," \
    "'routings': [{'item': 'GEAR', 'operations': [{'seq': 10, 'resources': ['ASM-1'], 'run_minutes_per_unit': 1}," \
    "                                             {'seq': 20, 'resources': ['TST-1'], 'run_minutes_per_unit': 0.5}]}," \
    "             {'item': 'MCB', 'operations': [{'seq': 10, 'resources': ['ASM-1'], 'run_minutes_per_unit': 1}]}]"

static char doc[16384];

/* The factory with horizon extra, top-level extra (ending in ", " when given), MCB's extra
** keys, COIL's on hand and the rest of the document (lists after the routings). */
static const char *factory(const char *hz, const char *top, const char *mcb, const char *coil, const char *rest)
{
    char raw[16384];
    int n = snprintf(raw, sizeof raw, HEAD, hz, top, mcb, coil);
    snprintf(raw + n, sizeof raw - (size_t)n, "%s}", rest);
    snprintf(doc, sizeof doc, "%s", test_json(raw));
    return doc;
}

static ordo_model *open_doc(const char *d)
{
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer(d, strlen(d), NULL, &m);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        for (int i = 0; i < ordo_error_count(m) && i < 8; i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
        ordo_model_close(m);
        return NULL;
    }
    return m;
}

/* The plan of d, checked by the independent checker; NULL when it could not be made. */
static ordo_plan *plan_of(const char *d, ordo_model **pm)
{
    ordo_plan *p = NULL;
    char msg[2048];
    *pm = open_doc(d);
    if (!*pm) return NULL;
    CHECK_EQ(ordo_plan_run(*pm, NULL, &p), ORDO_OK);
    if (p) {
        int bad = ordo_plan_check(p, msg, sizeof msg);
        CHECK_EQ(bad, 0);
        if (bad) fprintf(stderr, "%s", msg);
    }
    return p;
}

static const char *sname(const ordo_plan *pp, int32_t sid) { return ordo_str(&pp->model->names, sid); }

/* How many exceptions of kind name the plan has; the first one in *first. */
static int count_exc(const ordo_plan *pp, const char *name, const ordo_exception **first)
{
    int n = 0;
    for (int32_t k = 0; k < pp->nexc; k++)
        if (strcmp(ordo_exc_name(pp->exc[k].kind), name) == 0) {
            if (n++ == 0 && first) *first = &pp->exc[k];
        }
    return n;
}

/* The planned order of item named it due on day, or -1. */
static int32_t po_of(const ordo_plan *pp, const char *it, int32_t day)
{
    for (int32_t q = 0; q < pp->npo; q++)
        if (strcmp(sname(pp, pp->model->item_name[pp->po_item[q]]), it) == 0 && pp->po_due[q] == day) return q;
    return -1;
}

static int32_t count_item(const ordo_plan *pp, const char *it)
{
    int32_t n = 0;
    for (int32_t q = 0; q < pp->npo; q++) n += strcmp(sname(pp, pp->model->item_name[pp->po_item[q]]), it) == 0;
    return n;
}

#define FIRM "'production_orders': [{'id': 'MO-1', 'item': 'MCB', 'qty': 300, 'due': '2026-12-07', 'status': '%s'}]"

/* A firm order of 300 MCB due 2026-12-07 for an order of 100 due 2026-12-10: kept whole (no
** planned order of MCB of its own), its components exploded (300 COIL due 2026-12-07,
** released 5 working days before, 2026-11-30); reschedule_out (first need 3 days later) and
** decrease (to 100) with tolerances 0, neither with 3 days and 70 %; cancel when the demand
** drops to nothing, and still 300 COIL. */
static void firm_cases(void)
{
    char rest[2048];
    ordo_model *m = NULL;
    const ordo_exception *e = NULL;
    snprintf(rest, sizeof rest, ", " FIRM ", 'orders': [{'id': 'SO-1', 'item': 'MCB', 'qty': 100, 'due': '2026-12-10'}]", "firm");
    ordo_plan *p = plan_of(factory("", "'actions': {}, ", "", "0", rest), &m);
    if (p) {
        const struct ordo_plan *pp = p;
        CHECK_EQ(count_item(pp, "MCB"), 1);
        int32_t q = po_of(pp, "MCB", DAY0 + 14);
        CHECK(q >= 0);
        if (q >= 0) { CHECK_EQ(pp->po_qty[q], 300); CHECK_EQ(pp->po_prod[q], 0); }
        int32_t c = po_of(pp, "COIL", DAY0 + 14);
        CHECK(c >= 0);
        if (c >= 0) { CHECK_EQ(pp->po_qty[c], 300); CHECK_EQ(pp->po_release[c], DAY0 + 7); CHECK_EQ(pp->po_prod[c], -1); }
        CHECK_EQ(count_exc(pp, "reschedule_out", &e), 1);
        if (e) { CHECK_EQ(e->ref_kind, ORDO_REF_PROD); CHECK_EQ(e->day, DAY0 + 17); CHECK_EQ(e->day2, DAY0 + 14); }
        CHECK_EQ(count_exc(pp, "decrease", &e), 1);
        if (e) CHECK_EQ(e->qty, 100);
        CHECK_EQ(count_exc(pp, "cancel", NULL), 0);
        CHECK_EQ(pp->ord_completion[0], T(14, 14, 0)); /* 300 minutes from 08:00 with the lunch break */
    }
    ordo_plan_close(p), ordo_model_close(m);
    p = plan_of(factory("", "'actions': {'reschedule_days': 3, 'quantity_percent': 70}, ", "", "0", rest), &m);
    if (p) { CHECK_EQ(count_exc(p, "reschedule_out", NULL), 0); CHECK_EQ(count_exc(p, "decrease", NULL), 0); }
    ordo_plan_close(p), ordo_model_close(m);
    p = plan_of(factory("", "", "", "0", rest), &m); /* no "actions": no action messages */
    if (p) CHECK_EQ(count_exc(p, "reschedule_out", NULL) + count_exc(p, "decrease", NULL), 0);
    ordo_plan_close(p), ordo_model_close(m);
    /* the demand drops to nothing: the firm order stays, whole, with its components */
    snprintf(rest, sizeof rest, ", " FIRM, "released");
    p = plan_of(factory("", "", "", "0", rest), &m);
    if (p) {
        const struct ordo_plan *pp = p;
        int32_t q = po_of(pp, "MCB", DAY0 + 14), c = po_of(pp, "COIL", DAY0 + 14);
        CHECK(q >= 0 && c >= 0);
        if (q >= 0) CHECK_EQ(pp->po_qty[q], 300);
        if (c >= 0) CHECK_EQ(pp->po_qty[c], 300);
        CHECK_EQ(count_exc(pp, "cancel", &e), 1);
        if (e) { CHECK_EQ(e->ref_kind, ORDO_REF_PROD); CHECK_EQ(e->ref, 0); CHECK_EQ(e->qty, 300); }
    }
    ordo_plan_close(p), ordo_model_close(m);
}

#define STARTED                                                                                         \
    ", 'production_orders': [{'id': 'MO-2', 'item': 'GEAR', 'qty': 240, 'due': '2026-11-23', 'status': 'started', " \
    "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-20T08:00', 'end': '2026-11-20T12:00', 'done': true}," \
    "               {'seq': 20, 'resource': 'TST-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T10:00'}]}]"

/* A started order of 240 GEAR (seq 10 done last Friday, seq 20 on TST-1 [08:00, 10:00) of
** Monday) and an order of 300 GEAR due Monday: the started operations stay; the 60 more are
** made by a planned order, [08:00, 09:00) on ASM-1 (the done operation takes no capacity),
** then TST-1 after the started one, [10:00, 10:30). The started order's components are issued:
** the 60 COIL on hand cover the planned order alone, no COIL is planned. An urgent insertion
** of 30 GEAR due Monday keeps the started operation too. */
static void started_cases(void)
{
    ordo_model *m = NULL;
    char msg[2048], err[1024];
    ordo_plan *p = plan_of(factory("", "", "", "60", STARTED ", 'orders': [{'id': 'SO-2', 'item': 'GEAR', 'qty': 300, 'due': '2026-11-23'}]"), &m);
    if (!p) return;
    const struct ordo_plan *pp = p;
    CHECK_EQ(pp->npo, 2);
    CHECK_EQ(count_item(pp, "COIL"), 0);
    CHECK_EQ(pp->po_prod[0], 0); CHECK_EQ(pp->po_prod[1], -1);
    CHECK_EQ(pp->po_qty[1], 60);
    CHECK_EQ(pp->op_start[0], T(-3, 8, 0)); CHECK_EQ(pp->op_end[0], T(-3, 12, 0));
    CHECK_EQ(pp->op_start[1], T(0, 8, 0)); CHECK_EQ(pp->op_end[1], T(0, 10, 0));
    CHECK_EQ(pp->op_start[2], T(0, 8, 0)); CHECK_EQ(pp->op_end[2], T(0, 9, 0));
    CHECK_EQ(pp->op_start[3], T(0, 10, 0)); CHECK_EQ(pp->op_end[3], T(0, 10, 30));
    CHECK_EQ(pp->ord_completion[0], T(0, 10, 30));
    /* the urgent insertion */
    ordo_model *m2 = NULL;
    ordo_plan *np = NULL;
    const char *req = "{\"id\": \"RUSH\", \"item\": \"GEAR\", \"qty\": 30, \"due\": \"2026-11-23\", \"urgent\": true}";
    CHECK_EQ(ordo_insert_json(p, req, strlen(req), "order", NULL, &m2, &np, err, sizeof err), ORDO_OK);
    if (np) {
        const struct ordo_plan *ip = np;
        int bad = ordo_plan_check(np, msg, sizeof msg);
        CHECK_EQ(bad, 0);
        if (bad) fprintf(stderr, "%s", msg);
        CHECK_EQ(ip->op_res[1], pp->op_res[1]);
        CHECK_EQ(ip->op_start[1], T(0, 8, 0)); CHECK_EQ(ip->op_end[1], T(0, 10, 0));
        CHECK(ip->ord_completion[1] > T(0, 10, 0)); /* RUSH waits for TST-1 */
    }
    ordo_plan_close(np), ordo_model_close(m2);
    ordo_plan_close(p), ordo_model_close(m);
}

/* MCB with a planning time fence of 5 working days (until Monday 2026-11-30): 100 MCB due
** Wednesday 2026-11-25 are covered by a planned order due at the fence, with inside_fence;
** 50 due 2026-12-02, outside it, by a planned order due that day. */
static void fence_cases(void)
{
    ordo_model *m = NULL;
    const ordo_exception *e = NULL;
    ordo_plan *p = plan_of(factory("", "", ", 'planning_fence_days': 5", "1000",
                                   ", 'orders': [{'id': 'SO-3', 'item': 'MCB', 'qty': 100, 'due': '2026-11-25'},"
                                   "             {'id': 'SO-4', 'item': 'MCB', 'qty': 50, 'due': '2026-12-02'}]"), &m);
    if (!p) return;
    const struct ordo_plan *pp = p;
    CHECK_EQ(count_item(pp, "MCB"), 2);
    CHECK_EQ(po_of(pp, "MCB", DAY0 + 2), -1);
    int32_t q = po_of(pp, "MCB", DAY0 + 7), r = po_of(pp, "MCB", DAY0 + 9);
    CHECK(q >= 0 && r >= 0);
    if (q >= 0) CHECK_EQ(pp->po_qty[q], 100);
    if (r >= 0) CHECK_EQ(pp->po_qty[r], 50);
    CHECK_EQ(count_exc(pp, "inside_fence", &e), 1);
    if (e) { CHECK_EQ(e->day, DAY0 + 2); CHECK_EQ(e->day2, DAY0 + 7); CHECK_EQ(e->ref, q); CHECK_EQ(e->qty, 100); }
    CHECK_EQ(pp->ord_status[0], ORDO_ST_LATE);
    CHECK_EQ(pp->ord_completion[0], T(7, 9, 40)); /* 100 minutes from 08:00 on the fence */
    ordo_plan_close(p), ordo_model_close(m);
}

/* Each action message on receipts with tolerances 0: BOLT (on hand 0) has R1 of 50 on
** 2026-11-26 for 80 needed that day -- the last supply, 30 short: increase to 80; NUT's
** R2 of 10 on 2026-11-27 is needed on 2026-11-24: expedite; WASHER's R3 serves nothing:
** cancel; PIN's R4 of 500 on 2026-11-24 serves 100 needed on 2026-12-01: reschedule_out and
** decrease to 100. BOLT's planned order for the 30 (lead 5 working days before 2026-11-26)
** is to be released before the horizon: release_past_due; CLIP's for 7 due 2026-11-25 (lead 2
** working days) on the horizon's first day: release_now. */
static void action_cases(void)
{
    const char *d = test_json(
        "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'}, 'actions': {},"
        "'items': [{'id': 'BOLT', 'source': 'buy', 'lead_time_days': 5}, {'id': 'NUT', 'source': 'buy'},"
        "          {'id': 'WASHER', 'source': 'buy'}, {'id': 'PIN', 'source': 'buy'},"
        "          {'id': 'CLIP', 'source': 'buy', 'lead_time_days': 2}],"
        "'receipts': [{'id': 'R1', 'item': 'BOLT', 'qty': 50, 'date': '2026-11-26'},"
        "             {'id': 'R2', 'item': 'NUT', 'qty': 10, 'date': '2026-11-27'},"
        "             {'id': 'R3', 'item': 'WASHER', 'qty': 10, 'date': '2026-11-27'},"
        "             {'id': 'R4', 'item': 'PIN', 'qty': 500, 'date': '2026-11-24'}],"
        "'orders': [{'id': 'O1', 'item': 'BOLT', 'qty': 80, 'due': '2026-11-26'},"
        "           {'id': 'O2', 'item': 'NUT', 'qty': 10, 'due': '2026-11-24'},"
        "           {'id': 'O3', 'item': 'PIN', 'qty': 100, 'due': '2026-12-01'},"
        "           {'id': 'O4', 'item': 'CLIP', 'qty': 7, 'due': '2026-11-25'}]}");
    static char copy[16384];
    snprintf(copy, sizeof copy, "%s", d);
    ordo_model *m = NULL;
    const ordo_exception *e = NULL;
    ordo_plan *p = plan_of(copy, &m);
    if (!p) return;
    const struct ordo_plan *pp = p;
    CHECK_EQ(count_exc(pp, "increase", &e), 1);
    if (e) { CHECK_STR(sname(pp, pp->model->rc_name[e->ref]), "R1"); CHECK_EQ(e->qty, 80); }
    CHECK_EQ(count_exc(pp, "expedite", &e), 1);
    if (e) { CHECK_STR(sname(pp, pp->model->rc_name[e->ref]), "R2"); CHECK_EQ(e->day, DAY0 + 1); }
    CHECK_EQ(count_exc(pp, "cancel", &e), 1);
    if (e) CHECK_STR(sname(pp, pp->model->rc_name[e->ref]), "R3");
    CHECK_EQ(count_exc(pp, "reschedule_out", &e), 1);
    if (e) { CHECK_STR(sname(pp, pp->model->rc_name[e->ref]), "R4"); CHECK_EQ(e->day, DAY0 + 8); CHECK_EQ(e->day2, DAY0 + 1); }
    CHECK_EQ(count_exc(pp, "decrease", &e), 1);
    if (e) { CHECK_STR(sname(pp, pp->model->rc_name[e->ref]), "R4"); CHECK_EQ(e->qty, 100); }
    CHECK_EQ(count_exc(pp, "release_past_due", &e), 1);
    if (e) CHECK_EQ(pp->po_qty[e->ref], 30);
    CHECK_EQ(count_exc(pp, "release_now", &e), 1);
    if (e) { CHECK_EQ(pp->po_qty[e->ref], 7); CHECK_EQ(e->day, DAY0 + 2); CHECK_EQ(e->day2, DAY0); }
    CHECK_EQ(count_exc(pp, "inside_fence", NULL), 0);
    ordo_plan_close(p), ordo_model_close(m);
}

/* One located error for each bad key of the living plan's schema. */
static void validation_cases(void)
{
    static const struct {
        const char *top, *mcb, *rest, *want;
    } bad[] = {
        {"", ", 'planning_fence_days': -1", "", "items[1].planning_fence_days: -1 must be a whole number in [0, 3650]"},
        {"'actions': {'quantity_percent': 150}, ", "", "", "actions.quantity_percent: 150 must be a number in [0, 100]"},
        {"'actions': {'reschedule': 1}, ", "", "", "actions.reschedule: unknown key \"reschedule\""},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'done'}]",
         "production_orders[0].status: unknown status \"done\" (firm, released, started)"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'COIL', 'qty': 1, 'due': '2026-12-01', 'status': 'firm'}]",
         "production_orders[0].item: \"COIL\" is not a made item"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 0, 'due': '2026-12-01', 'status': 'firm'}]",
         "production_orders[0].qty: 0 must be greater than 0"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'firm', 'operations': []}]",
         "production_orders[0].operations: only a started order has operations"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'started'}]",
         "production_orders[0].operations: a started order lists its started operations (at least one)"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 20, 'resource': 'TST-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T09:00'}]}]",
         "production_orders[0].operations[0].seq: 20: started operations are the routing's first ones in order (expected seq 10)"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'TST-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T09:00'}]}]",
         "production_orders[0].operations[0].resource: \"TST-1\" is not one of the operation's resources"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T08:00'}]}]",
         "production_orders[0].operations[0].end: must be after start"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T09:00', 'when': 1}]}]",
         "production_orders[0].operations[0].when: unknown key \"when\""},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23', 'end': '2026-11-23T09:00'}]}]",
         "production_orders[0].operations[0].start: \"2026-11-23\" is not a date-time (YYYY-MM-DDTHH:MM)"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T09:00'},"
                 "{'seq': 20, 'resource': 'TST-1', 'start': '2026-11-23T10:00', 'end': '2026-11-23T11:00', 'done': true}]}]",
         "production_orders[0].operations[1].done: a done operation after one that is not done"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23T08:00', 'end': '2026-11-23T10:00'}]},"
                 "{'id': 'Q', 'item': 'GEAR', 'qty': 1, 'due': '2026-12-01', 'status': 'started', "
                 "'operations': [{'seq': 10, 'resource': 'ASM-1', 'start': '2026-11-23T09:00', 'end': '2026-11-23T09:30'}]}]",
         "production_orders[1].operations[0].start: runs while 1 other running operations hold ASM-1, which has 1 unit"},
        {"", "", ", 'production_orders': [{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'firm'},"
                 "{'id': 'P', 'item': 'MCB', 'qty': 1, 'due': '2026-12-01', 'status': 'firm'}]",
         "production_orders[1].id: duplicate id \"P\" (first at production_orders[0])"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        const char *d = factory("", bad[k].top, bad[k].mcb, "0", bad[k].rest);
        ordo_model *m = NULL;
        CHECK_EQ(ordo_model_open_buffer(d, strlen(d), NULL, &m), ORDO_EINPUT);
        CHECK_EQ(ordo_error_count(m), 1);
        if (ordo_error_count(m) >= 1) CHECK_STR(ordo_error_at(m, 0), bad[k].want);
        else fprintf(stderr, "  case %zu: no error, expected %s\n", k, bad[k].want);
        for (int i = 1; i < ordo_error_count(m); i++) fprintf(stderr, "  case %zu: also %s\n", k, ordo_error_at(m, i));
        ordo_model_close(m);
    }
    const char *d = factory(", 'frozen_until': '2026-11-23T25:00'", "", "", "0", "");
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open_buffer(d, strlen(d), NULL, &m), ORDO_EINPUT);
    if (ordo_error_count(m) >= 1)
        CHECK_STR(ordo_error_at(m, 0), "horizon.frozen_until: \"2026-11-23T25:00\" is not a date-time (YYYY-MM-DDTHH:MM) or a date");
    ordo_model_close(m);
}

static char dir_root[256];

/* The plan of base_doc saved into a fresh folder name; 0 when it was. */
static int save_base(const char *base_doc, const char *name, char *dir, size_t n)
{
    ordo_model *m = NULL;
    char err[512];
    snprintf(dir, n, "%s/%s", dir_root, name);
    mkdir(dir, 0777);
    ordo_plan *p = plan_of(base_doc, &m);
    int rc = p ? ordo_plan_save(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err) : ORDO_EINPUT;
    CHECK_EQ(rc, ORDO_OK);
    ordo_plan_close(p), ordo_model_close(m);
    return rc;
}

/* Re-plan new_doc against dir (mode: ordo_plan_replan's stable): the return code, the error
** text in err. */
static ordo_rc replan_mode(const char *new_doc, const char *dir, int mode, ordo_plan **pp, ordo_model **pm, char *err,
                           size_t nerr)
{
    *pm = open_doc(new_doc), *pp = NULL;
    if (!*pm) return ORDO_EINPUT;
    return ordo_plan_replan(*pm, NULL, dir, mode, pp, err, nerr);
}

static ordo_rc replan(const char *new_doc, const char *dir, ordo_plan **pp, ordo_model **pm, char *err, size_t nerr)
{
    return replan_mode(new_doc, dir, 0, pp, pm, err, nerr);
}

#define SO2(q, d) ", 'orders': [{'id': 'SO-1', 'item': 'MCB', 'qty': 10, 'due': '2026-12-01'}," \
                  "{'id': 'SO-2', 'item': 'GEAR', 'qty': " q ", 'due': '" d "'}]"

/* Order changes by the book: SO-2 is served by the started MO-2; re-planned with its
** quantity or due date changed, or cancelled, the re-plan is refused with a located message;
** SO-1 (not started) may change. */
static void change_cases(void)
{
    char dir[512], err[1024];
    ordo_model *m = NULL;
    ordo_plan *p = NULL;
    if (save_base(factory("", "", "", "100", STARTED SO2("300", "2026-11-23")), "started", dir, sizeof dir)) return;
    CHECK_EQ(replan(factory("", "", "", "100", STARTED SO2("200", "2026-11-23")), dir, &p, &m, err, sizeof err), ORDO_EINPUT);
    CHECK_STR(err, "orders[1].qty: SO-2 cannot change, its production has started (production order MO-2): it was 300");
    ordo_plan_close(p), ordo_model_close(m);
    CHECK_EQ(replan(factory("", "", "", "100", STARTED SO2("300", "2026-11-24")), dir, &p, &m, err, sizeof err), ORDO_EINPUT);
    CHECK_STR(err, "orders[1].due: SO-2 cannot change, its production has started (production order MO-2): it was 2026-11-23");
    ordo_plan_close(p), ordo_model_close(m);
    CHECK_EQ(replan(factory("", "", "", "100", STARTED ", 'orders': [{'id': 'SO-1', 'item': 'MCB', 'qty': 10, 'due': '2026-12-01'}]"),
                    dir, &p, &m, err, sizeof err), ORDO_EINPUT);
    CHECK_STR(err, "orders: SO-2 cannot be cancelled, its production has started (production order MO-2)");
    ordo_plan_close(p), ordo_model_close(m);
    const char *ok = STARTED ", 'orders': [{'id': 'SO-1', 'item': 'MCB', 'qty': 20, 'due': '2026-12-02'},"
                     "{'id': 'SO-2', 'item': 'GEAR', 'qty': 300, 'due': '2026-11-23'}]";
    CHECK_EQ(replan(factory("", "", "", "100", ok), dir, &p, &m, err, sizeof err), ORDO_OK);
    if (p) CHECK_EQ(ordo_plan_check(p, err, sizeof err), 0);
    ordo_plan_close(p), ordo_model_close(m);
}

#define MCB_ORDERS ", 'orders': [{'id': 'SO-5', 'item': 'MCB', 'qty': 100, 'due': '2026-11-25'}," \
                   "{'id': 'SO-6', 'item': 'MCB', 'qty': 60, 'due': '2026-11-27'}"

/* The frozen zone: the base runs SO-5's 100 MCB on ASM-1 [08:00, 09:40) of Monday, SO-6's 60
** [09:40, 10:40). Re-planned with an urgent order of 50 due Monday and frozen_until Monday
** 09:00, SO-5's operation (started before 09:00 in the base) stays; the urgent one follows it,
** [09:40, 10:30), then SO-6. */
static void frozen_cases(void)
{
    char dir[512], err[1024];
    ordo_model *m = NULL;
    ordo_plan *p = NULL;
    if (save_base(factory("", "", "", "1000", MCB_ORDERS "]"), "frozen", dir, sizeof dir)) return;
    const char *rush = MCB_ORDERS ", {'id': 'SO-7', 'item': 'MCB', 'qty': 50, 'due': '2026-11-23', 'urgent': true}]";
    CHECK_EQ(replan(factory(", 'frozen_until': '2026-11-23T09:00'", "", "", "1000", rush), dir, &p, &m, err, sizeof err), ORDO_OK);
    if (!p) return;
    const struct ordo_plan *pp = p;
    int bad = ordo_plan_check(p, err, sizeof err);
    CHECK_EQ(bad, 0);
    if (bad) fprintf(stderr, "%s", err);
    int32_t q = po_of(pp, "MCB", DAY0 + 2);
    CHECK(q >= 0);
    if (q >= 0) {
        CHECK_EQ(pp->op_start[pp->po_op0[q]], T(0, 8, 0));
        CHECK_EQ(pp->op_end[pp->po_op0[q]], T(0, 9, 40));
    }
    CHECK_EQ(pp->ord_completion[2], T(0, 10, 30));
    CHECK_EQ(pp->ord_completion[1], T(0, 11, 30));
    ordo_plan_close(p), ordo_model_close(m);
    /* without the frozen zone the urgent order goes first */
    CHECK_EQ(replan(factory("", "", "", "1000", rush), dir, &p, &m, err, sizeof err), ORDO_OK);
    if (p) CHECK_EQ(p->ord_completion[2], T(0, 8, 50));
    ordo_plan_close(p), ordo_model_close(m);
    /* incremental: the frozen operation stays, SO-6's is kept [09:40, 10:40), the urgent one
    ** goes after them, [10:40, 11:30) */
    CHECK_EQ(replan_mode(factory(", 'frozen_until': '2026-11-23T09:00'", "", "", "1000", rush), dir, 2, &p, &m, err, sizeof err),
             ORDO_OK);
    if (p) {
        pp = p;
        bad = ordo_plan_check(p, err, sizeof err);
        CHECK_EQ(bad, 0);
        if (bad) fprintf(stderr, "%s", err);
        q = po_of(pp, "MCB", DAY0 + 2);
        if (q >= 0) CHECK_EQ(pp->op_start[pp->po_op0[q]], T(0, 8, 0));
        CHECK_EQ(pp->ord_completion[1], T(0, 10, 40));
        CHECK_EQ(pp->ord_completion[2], T(0, 11, 30));
    }
    ordo_plan_close(p), ordo_model_close(m);
}

/* Every new key through the HDF5 form and back to JSON (ordo convert): the models agree. */
static void h5_cases(void)
{
    char src[600], h5[600], back[600];
    snprintf(src, sizeof src, "%s/shop.json", dir_root);
    snprintf(h5, sizeof h5, "%s/shop.h5", dir_root);
    snprintf(back, sizeof back, "%s/shop_back.json", dir_root);
    const char *d = factory(", 'frozen_until': '2026-11-24T10:00'", "'actions': {'reschedule_days': 2, 'quantity_percent': 5}, ",
                            ", 'planning_fence_days': 4", "60", STARTED);
    FILE *f = fopen(src, "w");
    if (!f) return;
    fputs(d, f), fclose(f);
    ordo_model *a = NULL, *b = NULL, *c = NULL;
    CHECK_EQ(ordo_convert(src, h5, NULL, &a), ORDO_OK);
    CHECK_EQ(ordo_convert(h5, back, NULL, &b), ORDO_OK);
    CHECK_EQ(ordo_model_open(back, NULL, &c), ORDO_OK);
    const ordo_model *ms[2] = {b, c};
    for (int k = 0; a && b && c && k < 2; k++) {
        const struct ordo_model *x = a, *y = ms[k];
        CHECK_EQ(y->npr, 1);
        CHECK_EQ(y->pr_status[0], ORDO_PR_STARTED); CHECK_EQ(y->pr_qty[0], 240); CHECK_EQ(y->pr_due[0], DAY0);
        CHECK_EQ(y->pr_op0[1], 2);
        for (int32_t j = 0; j < 2 && y->pr_op0[1] == 2; j++) {
            CHECK_EQ(y->pop_res[j], x->pop_res[j]);
            CHECK_EQ(y->pop_start[j], x->pop_start[j]);
            CHECK_EQ(y->pop_end[j], x->pop_end[j]);
            CHECK_EQ(y->pop_done[j], j == 0);
        }
        CHECK_EQ(y->item_fence[1], 4);
        CHECK_EQ(y->frozen_until, T(1, 10, 0));
        CHECK_EQ(y->actions, 1);
        CHECK_EQ(y->act_days * 10, 20); CHECK_EQ(y->act_pct * 10, 50);
    }
    ordo_model_close(a), ordo_model_close(b), ordo_model_close(c);
}

int main(void)
{
    snprintf(dir_root, sizeof dir_root, "%s", "/tmp/ordo_production_XXXXXX");
    if (!mkdtemp(dir_root)) return 1;
    firm_cases();
    started_cases();
    fence_cases();
    action_cases();
    validation_cases();
    change_cases();
    frozen_cases();
    h5_cases();
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
