/*
** test_sched.c -- finite scheduling: hand-computed schedules on small factories (calendars,
** dispatch by due date, units, alternatives, material and design days, inspection), the
** service objective's order of criteria, overtime only where it turns an order on time, why
** late orders are late, the same plan on 1 and 2 threads, the
** independent checker on the demo factory, and cases the checker must reject.
** Calendar "day": Monday-Friday 08:00-12:00 and 13:00-17:00; horizon from Mon 2026-11-23.
*/
#include "dates.h"
#include "plan.h"
#include "sched.h"
#include "ordo.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

#define HEAD "{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'}," \
             "'calendars':[{'id':'day','weekdays':[1,2,3,4,5],'shifts':[['08:00','12:00'],['13:00','17:00']]}],"

typedef struct run {
    ordo_model *m;
    ordo_plan *p;
} run;

static run plan_threads(const char *json_sq, int threads, int line)
{
    run r = {NULL, NULL};
    const char *json = test_json(json_sq);
    if (ordo_model_open_buffer(json, strlen(json), NULL, &r.m) != ORDO_OK) {
        fprintf(stderr, "test_sched.c:%d: data set rejected\n", line);
        for (int i = 0; i < ordo_error_count(r.m); i++) fprintf(stderr, "  %s\n", ordo_error_at(r.m, i));
        t_fail++;
        return r;
    }
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = threads;
    if (ordo_plan_run(r.m, &o, &r.p) != ORDO_OK) {
        fprintf(stderr, "test_sched.c:%d: planning failed\n", line);
        t_fail++;
    }
    return r;
}
#define PLAN(json) plan_threads(json, 1, __LINE__)

static void done(run *r)
{
    ordo_plan_close(r->p);
    ordo_model_close(r->m);
}

/* "item/seq@resource start-end; ..." for every scheduled operation, in plan order. */
static const char *ops_of(const run *r)
{
    static char buf[4096];
    buf[0] = 0;
    for (int32_t o = 0; r->p && o < r->p->nop; o++) {
        const struct ordo_plan *p = r->p;
        char s[17], e[17];
        if (p->op_start[o] == INT64_MAX) continue;
        ordo_fmt_datetime(p->op_start[o], s);
        ordo_fmt_datetime(p->op_end[o], e);
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%s/%d@%s %s-%s", n ? "; " : "",
                 ordo_str(&r->m->names, r->m->item_name[p->po_item[p->op_po[o]]]), r->m->op_seq[p->op_k[o]],
                 ordo_str(&r->m->names, r->m->res_name[p->op_res[o]]), s + 5, e + 5);
    }
    return buf;
}

static const char *completion_of(const run *r, int32_t o)
{
    static char buf[32];
    if (!r->p || r->p->ord_completion[o] == INT64_MIN) return "none";
    ordo_fmt_datetime(r->p->ord_completion[o], buf);
    return buf;
}

static int feasible(const run *r)
{
    char msg[2048];
    int n = r->p ? ordo_plan_check(r->p, msg, sizeof msg) : -1;
    if (n) fprintf(stderr, "checker: %d problems\n%s", n, msg);
    return n == 0;
}

/* One order, two operations: op 10 on R (30 + 100 x 1 = 130 min) from Mon 08:00 to 10:10;
** op 20 on R2 (no calendar: around the clock, 100 x 0.5 = 50 min) 10:10 to 11:00. */
static void test_two_operations(void)
{
    run r = PLAN(HEAD "'resources':[{'id':'R','calendar':'day'},{'id':'R2'}],"
                      "'items':[{'id':'A','calendar':'day'}],"
                      "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'setup_minutes':30,'run_minutes_per_unit':1},"
                      "{'seq':20,'resources':['R2'],'run_minutes_per_unit':0.5}]}],"
                      "'orders':[{'id':'SO-1','item':'A','qty':100,'due':'2026-12-10'}]}");
    CHECK_STR(ops_of(&r), "A/10@R 11-23T08:00-11-23T10:10; A/20@R2 11-23T10:10-11-23T11:00");
    CHECK_STR(completion_of(&r, 0), "2026-11-23T11:00");
    CHECK_EQ(r.p ? r.p->makespan_minutes : -1, 11 * 60);
    CHECK(feasible(&r));
    done(&r);
}

/* Earliest due date first on one unit; an operation pauses over the lunch break and the
** night. B (due 12-01, 300 min) runs 08:00-12:00 and 13:00-14:00; A (due 12-10, 130 min)
** follows 14:00-16:10. With 2 units both start at 08:00. Efficiency 0.5 doubles the work. */
static void test_dispatch_and_units(void)
{
    const char *body = "'items':[{'id':'A','calendar':'day'},{'id':'B','calendar':'day'}],"
                       "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'setup_minutes':30,'run_minutes_per_unit':1}]},"
                       "{'item':'B','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':3}]}],"
                       "'orders':[{'id':'SO-A','item':'A','qty':100,'due':'2026-12-10'},{'id':'SO-B','item':'B','qty':100,'due':'2026-12-01'}]}";
    char doc[4096];
    snprintf(doc, sizeof doc, "%s'resources':[{'id':'R','calendar':'day'}],%s", HEAD, body);
    run r = PLAN(doc);
    CHECK_STR(ops_of(&r), "A/10@R 11-23T14:00-11-23T16:10; B/10@R 11-23T08:00-11-23T14:00");
    CHECK(feasible(&r));
    done(&r);
    snprintf(doc, sizeof doc, "%s'resources':[{'id':'R','calendar':'day','units':2}],%s", HEAD, body);
    r = PLAN(doc);
    CHECK_STR(ops_of(&r), "A/10@R 11-23T08:00-11-23T10:10; B/10@R 11-23T08:00-11-23T14:00");
    CHECK(feasible(&r));
    done(&r);
    /* efficiency 0.5: A's 130 minutes take 260: 08:00-12:00 and 13:00-13:20 */
    snprintf(doc, sizeof doc, "%s'resources':[{'id':'R','calendar':'day','units':2,'efficiency':0.5}],%s", HEAD, body);
    r = PLAN(doc);
    CHECK_STR(ops_of(&r), "A/10@R 11-23T08:00-11-23T13:20; B/10@R 11-23T08:00-11-24T10:00");
    done(&r);
}

/* Alternatives: the one that finishes first. R is busy with B until 14:00; the slower R2
** (1.5 min/unit, 150 min) finishes A at 10:30, before R could (16:10). */
static void test_alternatives(void)
{
    run r = PLAN(HEAD "'resources':[{'id':'R','calendar':'day'},{'id':'R2','calendar':'day'}],"
                      "'items':[{'id':'A','calendar':'day'},{'id':'B','calendar':'day'}],"
                      "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R',{'id':'R2','run_minutes_per_unit':1.5,'setup_minutes':0}],"
                      "'setup_minutes':30,'run_minutes_per_unit':1}]},"
                      "{'item':'B','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':3}]}],"
                      "'orders':[{'id':'SO-A','item':'A','qty':100,'due':'2026-12-10'},{'id':'SO-B','item':'B','qty':100,'due':'2026-12-01'}]}");
    CHECK_STR(ops_of(&r), "A/10@R2 11-23T08:00-11-23T10:30; B/10@R 11-23T08:00-11-23T14:00");
    CHECK(feasible(&r));
    done(&r);
}

/* Material and inspection, multi-level precedence, design days.
**  - A (due Thu 12-10, lead 0) needs C (buy, lead 2 on 'day'): C released Tue 12-08, there
**    at 00:00 Thu 12-10, so A starts Thu 08:00.
**  - P (due 12-18) needs S, made on R with 1 inspection day: S runs Mon 11-23 08:00-09:40
**    (100 min), is inspected on Tue and usable at 00:00 Wed 11-25; P runs Wed 08:00-08:50.
**  - D belongs to a non-regular order with 3 design days: its operation waits for 00:00
**    Thu 11-26 (three working days from Mon 11-23). */
static void test_material_and_design(void)
{
    run r = PLAN(HEAD "'resources':[{'id':'R','calendar':'day','units':3}],"
                      "'items':[{'id':'A','calendar':'day'},{'id':'C','source':'buy','lead_time_days':2,'calendar':'day'},"
                      "{'id':'P','calendar':'day'},{'id':'S','calendar':'day','inspection_days':1},{'id':'D','calendar':'day'}],"
                      "'bom':[{'parent':'A','component':'C','qty_per':1},{'parent':'P','component':'S','qty_per':2}],"
                      "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':1}]},"
                      "{'item':'P','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':1}]},"
                      "{'item':'S','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':1}]},"
                      "{'item':'D','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':1}]}],"
                      "'orders':[{'id':'SO-A','item':'A','qty':60,'due':'2026-12-10'},{'id':'SO-P','item':'P','qty':50,'due':'2026-12-18'},"
                      "{'id':'SO-D','item':'D','qty':10,'due':'2026-12-18','design_days':3}]}");
    const char *ops = ops_of(&r);
    CHECK(strstr(ops, "A/10@R 12-10T08:00-12-10T09:00") != NULL);
    CHECK(strstr(ops, "S/10@R 11-23T08:00-11-23T09:40") != NULL);
    CHECK(strstr(ops, "P/10@R 11-25T08:00-11-25T08:50") != NULL);
    CHECK(strstr(ops, "D/10@R 11-26T08:00-11-26T08:10") != NULL);
    CHECK_STR(completion_of(&r, 1), "2026-11-25T08:50");
    CHECK(feasible(&r));
    if (!feasible(&r)) fprintf(stderr, "%s\n", ops);
    done(&r);
}

/* The checker on the demo factory, and schedules it must reject. */
static void test_checker(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024], msg[4096];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    run r = {NULL, NULL};
    CHECK_EQ(ordo_model_open(path, NULL, &r.m), ORDO_OK);
    CHECK_EQ(ordo_plan_run(r.m, NULL, &r.p), ORDO_OK);
    if (!r.p) return;
    struct ordo_plan *p = r.p;
    CHECK(p->nop > 50);
    CHECK(feasible(&r));
    /* find two operations on the same single-unit resource, and a routing with 2+ ops */
    int32_t a = -1, b = -1, multi = -1;
    for (int32_t x = 0; x < p->nop && a < 0; x++)
        for (int32_t y = x + 1; y < p->nop; y++)
            if (p->op_res[x] == p->op_res[y] && r.m->res_units[p->op_res[x]] == 1 && p->op_po[x] != p->op_po[y]) {
                a = x, b = y;
                break;
            }
    for (int32_t q = 0; q < p->npo && multi < 0; q++)
        if (p->po_op0[q + 1] - p->po_op0[q] >= 2) multi = p->po_op0[q];
    CHECK(a >= 0 && multi >= 0);
    if (a < 0 || multi < 0) return;
    int64_t s = p->op_start[b], e = p->op_end[b];
    /* 1. overlap on a single unit */
    p->op_start[b] = p->op_start[a], p->op_end[b] = p->op_end[a];
    CHECK(ordo_plan_check(p, msg, sizeof msg) > 0 && strstr(msg, "runs 2 operations") != NULL);
    p->op_start[b] = s, p->op_end[b] = e;
    /* 2. a duration that does not match the work */
    p->op_end[b] = e + 1;
    CHECK(ordo_plan_check(p, msg, sizeof msg) > 0 && strstr(msg, "working minutes between start and end") != NULL);
    p->op_end[b] = e;
    /* 3. the second operation before the first ends */
    int64_t s2 = p->op_start[multi + 1], e2 = p->op_end[multi + 1];
    p->op_start[multi + 1] = p->op_start[multi] - 1440 * 7;
    p->op_end[multi + 1] = p->op_end[multi] - 1440 * 7;
    CHECK(ordo_plan_check(p, msg, sizeof msg) > 0);
    p->op_start[multi + 1] = s2, p->op_end[multi + 1] = e2;
    /* 4. a resource that is not an alternative */
    int32_t res = p->op_res[a];
    p->op_res[a] = (res + 1) % r.m->nres;
    int bad_res = 1;
    for (int32_t k = r.m->op_alt_start[p->op_k[a]]; k < r.m->op_alt_start[p->op_k[a] + 1]; k++)
        bad_res &= r.m->alt_res[k] != p->op_res[a];
    if (bad_res) CHECK(ordo_plan_check(p, msg, sizeof msg) > 0 && strstr(msg, "not one of the operation's alternatives") != NULL);
    p->op_res[a] = res;
    /* 5. a customer order completion that the schedule does not give */
    int64_t c = p->ord_completion[0];
    p->ord_completion[0] = c + 60;
    CHECK(ordo_plan_check(p, msg, sizeof msg) > 0 && strstr(msg, "completion") != NULL);
    p->ord_completion[0] = c;
    CHECK_EQ(ordo_plan_check(p, msg, sizeof msg), 0);
    /* MRP only: no operations, completion from lead times, and still consistent */
    ordo_plan *mp = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_only = 1;
    CHECK_EQ(ordo_plan_run(r.m, &o, &mp), ORDO_OK);
    if (mp) {
        CHECK_EQ(mp->nop, 0);
        CHECK_EQ(mp->makespan_minutes, 0);
        CHECK_EQ(mp->npo, p->npo);
        CHECK_EQ(ordo_plan_check(mp, msg, sizeof msg), 0);
    }
    ordo_plan_close(mp);
    done(&r);
}


/* A work cell of k identical machines (units): n = 3k orders (at most 120) of n items, all
** due the first day and each one hour of work, so the local search runs on every cell size
** (the plan is late) and must use every unit. k = 6 and more overflowed the search's move
** buffer; the plan must pass the checker, run min(k, n) operations at once and take
** ceil(n / k) hours in all. */
static void test_many_units(void)
{
    static const int units[] = {1, 2, 6, 8, 64, 1000};
    for (size_t t = 0; t < sizeof units / sizeof units[0]; t++) {
        int k = units[t], n = k < 40 ? 3 * k : 120;
        size_t cap = 256 + (size_t)n * 256;
        char *doc = malloc(cap);
        int len = snprintf(doc, cap, "{\"ordo\":1,\"horizon\":{\"start\":\"2026-11-23\",\"end\":\"2027-03-31\"},"
                                     "\"resources\":[{\"id\":\"CELL\",\"units\":%d}],\"items\":[", k);
        for (int i = 0; i < n; i++) len += snprintf(doc + len, cap - (size_t)len, "%s{\"id\":\"A%d\"}", i ? "," : "", i);
        len += snprintf(doc + len, cap - (size_t)len, "],\"routings\":[");
        for (int i = 0; i < n; i++)
            len += snprintf(doc + len, cap - (size_t)len, "%s{\"item\":\"A%d\",\"operations\":[{\"seq\":10,"
                            "\"resources\":[\"CELL\"],\"run_minutes_per_unit\":60}]}", i ? "," : "", i);
        len += snprintf(doc + len, cap - (size_t)len, "],\"orders\":[");
        for (int i = 0; i < n; i++)
            len += snprintf(doc + len, cap - (size_t)len, "%s{\"id\":\"SO-%d\",\"item\":\"A%d\",\"qty\":1,\"due\":\"2026-11-23\"}",
                            i ? "," : "", i, i);
        snprintf(doc + len, cap - (size_t)len, "]}");
        ordo_model *m = NULL;
        ordo_plan *p = NULL;
        CHECK(ordo_model_open_buffer(doc, strlen(doc), NULL, &m) == ORDO_OK);
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = 1;
        o.time_limit = 0.2;
        CHECK(m && ordo_plan_run(m, &o, &p) == ORDO_OK);
        run r = {m, p};
        CHECK(feasible(&r));
        int waves = (n + k - 1) / k, most = 0;
        for (int32_t a = 0; p && a < p->nop; a++) { /* operations running at a's start */
            int at = 0;
            for (int32_t b = 0; b < p->nop; b++) at += p->op_start[b] <= p->op_start[a] && p->op_end[b] > p->op_start[a];
            if (at > most) most = at;
        }
        CHECK_EQ(p ? p->nop : -1, n);
        CHECK_EQ(most, k < n ? k : n);
        CHECK_EQ(p ? p->makespan_minutes : -1, 60 * waves);
        done(&r);
        free(doc);
    }
}

/* The service objective's order of criteria on one unit of calendar "day" (480 minutes a
** day). J1 (960 min) due Wed, J2 (720 min) due Thu, J3 (960 min) due Fri. By due date (the
** least total lateness): J1 Mon-Tue on time, J2 until Thu 12:00 (0.5 days late), J3 until
** Mon 12:00 (3.5 days late): 2 late orders, 4 days. Service puts J3 before J2: J3 ends Thu
** 17:00 on time and J2 Mon 12:00 (4.5 days late): one more on-time order beats fewer days. */
static void test_service_criteria(void)
{
    const char *body = "'resources':[{'id':'R','calendar':'day'}],"
                       "'items':[{'id':'J1','calendar':'day'},{'id':'J2','calendar':'day'},{'id':'J3','calendar':'day'}],"
                       "'routings':[{'item':'J1','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':960}]},"
                       "{'item':'J2','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':720}]},"
                       "{'item':'J3','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':960}]}],"
                       "'orders':[{'id':'SO-1','item':'J1','qty':1,'due':'2026-11-25'},{'id':'SO-2','item':'J2','qty':1,'due':'2026-11-26'},"
                       "{'id':'SO-3','item':'J3','qty':1,'due':'2026-11-27'}]}";
    char doc[4096];
    snprintf(doc, sizeof doc, "%s'objective':'tardiness',%s", HEAD, body);
    run t = PLAN(doc);
    CHECK_EQ(t.p ? t.p->late_orders : -1, 2);
    CHECK(t.p && t.p->total_lateness > 3.999 && t.p->total_lateness < 4.001);
    CHECK(feasible(&t));
    done(&t);
    snprintf(doc, sizeof doc, "%s%s", HEAD, body); /* service, the default */
    run s = PLAN(doc);
    CHECK_EQ(s.m ? s.m->objective : -1, ORDO_OBJ_SERVICE);
    CHECK_EQ(s.p ? s.p->late_orders : -1, 1);
    CHECK(s.p && s.p->total_lateness > 4.499 && s.p->total_lateness < 4.501);
    CHECK_STR(completion_of(&s, 1), "2026-11-30T12:00");
    CHECK_STR(completion_of(&s, 2), "2026-11-26T17:00");
    CHECK(feasible(&s));
    /* why SO-2 is late: capacity on R, where J3's order ran just before */
    ordo_why w[3];
    CHECK_EQ(s.p ? ordo_sched_why(s.p, w) : -1, 0);
    if (s.p) {
        CHECK_EQ(w[0].kind, ORDO_WHY_NONE);
        CHECK_EQ(w[1].kind, ORDO_WHY_CAPACITY);
        CHECK_EQ(w[1].res, 0);
        CHECK(w[1].before >= 0 && s.p->po_item[w[1].before] == 2);
    }
    done(&s);
    /* with a penalty of 3 on SO-2, SO-1 is the one to be late: J2 Mon-Tue 12:00, J3 until
    ** Thu 12:00, J1 until Mon 12:00 (late orders weighted 1 instead of 3) */
    snprintf(doc, sizeof doc, "%s%s", HEAD, body);
    char *at = strstr(doc, "'due':'2026-11-26'");
    if (at) {
        memmove(at + 22, at, strlen(at) + 1);
        memcpy(at, "'penalty_per_day':3,  ", 22);
    }
    run w3 = PLAN(doc);
    CHECK_EQ(w3.p ? w3.p->late_orders : -1, 1);
    CHECK_EQ(w3.p ? w3.p->ord_status[0] : -1, ORDO_ST_LATE);
    CHECK_STR(completion_of(&w3, 1), "2026-11-24T12:00");
    CHECK_STR(completion_of(&w3, 2), "2026-11-26T12:00");
    CHECK(feasible(&w3));
    done(&w3);
}

/* Overtime only where it turns an order on time. Calendar "ot": "day" with 60 minutes of
** overtime. A (540 min, due Tue) is late by the shifts alone (Tue 09:00) and on time with
** Monday's overtime (08:00-18:00). B (1500 min on R2, due Tue) is late even with overtime:
** none for it. C (60 min on R3, due in December) is on time without. A bought part D with
** 30 days of lead time makes E late whatever the schedule: material. */
static void test_overtime_only_where_on_time(void)
{
    run r = PLAN("{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'},"
                 "'calendars':[{'id':'ot','weekdays':[1,2,3,4,5],'shifts':[['08:00','12:00'],['13:00','17:00']],"
                 "'overtime_minutes_per_day':60}],"
                 "'resources':[{'id':'R','calendar':'ot'},{'id':'R2','calendar':'ot'},{'id':'R3','calendar':'ot'}],"
                 "'items':[{'id':'A','calendar':'ot'},{'id':'B','calendar':'ot'},{'id':'C','calendar':'ot'},"
                 "{'id':'D','source':'buy','lead_time_days':30,'calendar':'ot'},{'id':'E','calendar':'ot'}],"
                 "'bom':[{'parent':'E','component':'D','qty_per':1}],"
                 "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':540}]},"
                 "{'item':'B','operations':[{'seq':10,'resources':['R2'],'run_minutes_per_unit':1500}]},"
                 "{'item':'C','operations':[{'seq':10,'resources':['R3'],'run_minutes_per_unit':60}]},"
                 "{'item':'E','operations':[{'seq':10,'resources':['R3'],'run_minutes_per_unit':10}]}],"
                 "'orders':[{'id':'SO-A','item':'A','qty':1,'due':'2026-11-24'},{'id':'SO-B','item':'B','qty':1,'due':'2026-11-24'},"
                 "{'id':'SO-C','item':'C','qty':1,'due':'2026-12-15'},{'id':'SO-E','item':'E','qty':1,'due':'2026-12-01'}]}");
    const struct ordo_plan *p = r.p;
    CHECK(p && p->op_ot);
    if (p && p->op_ot) {
        for (int32_t o = 0; o < p->nop; o++) {
            const char *item = ordo_str(&r.m->names, r.m->item_name[p->po_item[p->op_po[o]]]);
            CHECK_EQ(p->op_ot[o], strcmp(item, "A") == 0);
        }
        CHECK_EQ(ordo_sched_overtime_minutes(p), 60);
    }
    CHECK_STR(completion_of(&r, 0), "2026-11-23T18:00");
    CHECK_EQ(p ? p->ord_status[1] : -1, ORDO_ST_LATE);
    CHECK_EQ(p ? p->ord_status[2] : -1, ORDO_ST_ON_TIME);
    CHECK_EQ(p ? p->ord_status[3] : -1, ORDO_ST_LATE);
    CHECK(feasible(&r));
    ordo_why w[4];
    CHECK_EQ(p ? ordo_sched_why(p, w) : -1, 0);
    if (p) {
        CHECK_EQ(w[3].kind, ORDO_WHY_MATERIAL);
        CHECK_STR(w[3].item >= 0 ? ordo_str(&r.m->names, r.m->item_name[w[3].item]) : "", "D");
    }
    done(&r);
}

/* Overtime for a saturated week: five orders of 520 minutes each on one resource (480
** working minutes a day, 60 of overtime), due Tuesday to Saturday, one a day. Without
** overtime one of them is late (the schedule gives one up: 2,600 minutes by Friday night
** against 2,400); with the week's overtime, worked where an operation ends sooner, all five
** are on time: O1 Mon 08:00-17:40 (40 minutes of overtime), O2 to Tue 17:20 (20 + 20), O3
** to Wed 17:00 (40), O4 to Thu 16:40 (60), O5 to Fri 16:20 (60): 240 minutes. A sixth
** order, an hour of work due in December, runs after them without overtime. */
static void test_overtime_week(void)
{
    run r = PLAN("{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'},"
                 "'calendars':[{'id':'ot','weekdays':[1,2,3,4,5],'shifts':[['08:00','12:00'],['13:00','17:00']],"
                 "'overtime_minutes_per_day':60}],'resources':[{'id':'R','calendar':'ot'}],"
                 "'items':[{'id':'A','calendar':'ot'},{'id':'F','calendar':'ot'}],"
                 "'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':520}]},"
                 "{'item':'F','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':60}]}],"
                 "'orders':[{'id':'O1','item':'A','qty':1,'due':'2026-11-24'},{'id':'O2','item':'A','qty':1,'due':'2026-11-25'},"
                 "{'id':'O3','item':'A','qty':1,'due':'2026-11-26'},{'id':'O4','item':'A','qty':1,'due':'2026-11-27'},"
                 "{'id':'O5','item':'A','qty':1,'due':'2026-11-28'},{'id':'O6','item':'F','qty':1,'due':'2026-12-11'}]}");
    const struct ordo_plan *p = r.p;
    CHECK_EQ(p ? p->late_orders : -1, 0);
    CHECK_EQ(p ? ordo_sched_overtime_minutes(p) : -1, 240);
    CHECK_STR(completion_of(&r, 0), "2026-11-23T17:40");
    CHECK_STR(completion_of(&r, 1), "2026-11-24T17:20");
    CHECK_STR(completion_of(&r, 2), "2026-11-25T17:00");
    CHECK_STR(completion_of(&r, 3), "2026-11-26T16:40");
    CHECK_STR(completion_of(&r, 4), "2026-11-27T16:20");
    for (int32_t o = 0; p && p->op_ot && o < p->nop; o++) /* F's operation: no overtime */
        CHECK_EQ(p->op_ot[o], strcmp(ordo_str(&r.m->names, r.m->item_name[p->po_item[p->op_po[o]]]), "A") == 0);
    CHECK(feasible(&r));
    done(&r);
}

/* The same plan on 1 and 2 threads, and every plan feasible: a generated factory of the
** ERP shape (when the generator is built), else the demo factory, for the service
** objective. */
static void test_threads_same(const char *gen)
{
    char path[256], cmd[512];
    const char *src = getenv("ORDO_SOURCE_DIR");
    if (gen) {
        snprintf(path, sizeof path, "/tmp/ordo_test_sched_%ld.json", (long)getpid());
        snprintf(cmd, sizeof cmd, "%s --shape erp --items 100 --orders 120 --depth 4 --load 0.8 -o %s", gen, path);
        CHECK_EQ(system(cmd), 0);
    } else
        snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (gen) remove(path);
    if (!m) return;
    m->objective = ORDO_OBJ_SERVICE;
    ordo_plan *p[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++) {
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = k + 1;
        o.seed = 7;
        CHECK_EQ(ordo_plan_run(m, &o, &p[k]), ORDO_OK);
        run r = {m, p[k]};
        CHECK(feasible(&r));
    }
    if (p[0] && p[1]) {
        const struct ordo_plan *a = p[0], *b = p[1];
        int same = a->nop == b->nop && a->late_orders == b->late_orders;
        for (int32_t o = 0; same && o < a->nop; o++)
            same = a->op_start[o] == b->op_start[o] && a->op_end[o] == b->op_end[o] && a->op_res[o] == b->op_res[o] &&
                   (a->op_ot ? a->op_ot[o] : 0) == (b->op_ot ? b->op_ot[o] : 0);
        CHECK(same);
    }
    ordo_plan_close(p[0]);
    ordo_plan_close(p[1]);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    test_service_criteria();
    test_overtime_only_where_on_time();
    test_overtime_week();
    test_threads_same(argc > 1 ? argv[1] : NULL);

    test_many_units();
    test_two_operations();
    test_dispatch_and_units();
    test_alternatives();
    test_material_and_design();
    test_checker();
    return test_report("test_sched");
}
