/*
** test_mrp.c -- hand-computed MRP tables. Each case states its factory, the table worked
** out by hand in the comment (the calendar is Monday-Friday with Christmas off; horizon
** 2026-11-23, a Monday, to 2027-03-31), and checks the engine's planned orders
** (due:qty:release), pegging and exceptions against it.
*/
#include "dates.h"
#include "plan.h"
#include "ordo.h"
#include "peg_full.h"
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define HEAD "{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'}," \
             "'calendars':[{'id':'wd','weekdays':[1,2,3,4,5],'holidays':['2026-12-25']}],"

typedef struct run {
    ordo_model *m;
    ordo_plan *p;
} run;

static run plan_of(const char *json_sq, int threads, int line)
{
    run r = {NULL, NULL};
    const char *json = test_json(json_sq);
    ordo_rc rc = ordo_model_open_buffer(json, strlen(json), NULL, &r.m);
    if (rc != ORDO_OK) {
        fprintf(stderr, "test_mrp.c:%d: data set rejected\n", line);
        for (int i = 0; i < ordo_error_count(r.m); i++) fprintf(stderr, "  %s\n", ordo_error_at(r.m, i));
        t_fail++;
        return r;
    }
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = threads;
    if (ordo_plan_run(r.m, &o, &r.p) != ORDO_OK) {
        fprintf(stderr, "test_mrp.c:%d: planning failed\n", line);
        t_fail++;
    }
    return r;
}
#define PLAN(json) plan_of(json, 1, __LINE__)

static void done(run *r)
{
    ordo_plan_close(r->p);
    ordo_model_close(r->m);
}

static int32_t item_of(const ordo_model *m, const char *id)
{
    for (int32_t i = 0; i < m->nitem; i++)
        if (strcmp(ordo_str(&m->names, m->item_name[i]), id) == 0) return i;
    return -1;
}

static int32_t order_of(const ordo_model *m, const char *id)
{
    for (int32_t o = 0; o < m->nord; o++)
        if (strcmp(ordo_str(&m->names, m->or_name[o]), id) == 0) return o;
    return -1;
}

static void append(char *buf, size_t n, const char *fmt, ...) ORDO_PRINTF(3, 4);
static void append(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

/* "due:qty:release, ..." for the planned orders of item, in creation order. */
static const char *orders_of(const run *r, const char *item)
{
    static char buf[4096];
    buf[0] = 0;
    int32_t i = item_of(r->m, item);
    for (int32_t q = 0; r->p && q < r->p->npo; q++) {
        if (r->p->po_item[q] != i) continue;
        char d[11], rel[11];
        ordo_fmt_date(r->p->po_due[q], d);
        ordo_fmt_date(r->p->po_release[q], rel);
        append(buf, sizeof buf, "%s%s:%.10g:%s", buf[0] ? ", " : "", d, r->p->po_qty[q], rel);
    }
    return buf;
}

/* "ORDER=qty ..." pegging of the n-th (0-based) planned order of item. */
static const char *pegs_of(const run *r, const char *item, int nth)
{
    static char buf[4096];
    buf[0] = 0;
    int32_t i = item_of(r->m, item);
    full_pegs f = {0};
    if (r->p && full_pegs_of(r->p, &f)) return "out of memory";
    for (int32_t q = 0; r->p && q < r->p->npo; q++) {
        if (r->p->po_item[q] != i || nth-- > 0) continue;
        for (int64_t k = f.start[q]; k < f.start[q + 1]; k++) {
            const char *who = f.ref[k] == ORDO_PEG_SAFETY ? "safety_stock" : ordo_str(&r->m->names, r->m->or_name[f.ref[k]]);
            append(buf, sizeof buf, "%s%s=%.10g", buf[0] ? " " : "", who, f.qty[k]);
        }
        break;
    }
    full_pegs_free(&f);
    return buf;
}

/* "NEED=qty ..." direct links of the n-th (0-based) planned order of item: NEED is a
** customer order, safety_stock, backlog or the parent planned order PL-n. */
static const char *links_of(const run *r, const char *item, int nth)
{
    static char buf[4096];
    buf[0] = 0;
    int32_t i = item_of(r->m, item);
    for (int32_t q = 0; r->p && q < r->p->npo; q++) {
        if (r->p->po_item[q] != i || nth-- > 0) continue;
        for (int64_t k = r->p->lnk_start[q]; k < r->p->lnk_start[q + 1]; k++) {
            int32_t n = r->p->lnk_need[k];
            char who[64];
            if (n >= 0)
                snprintf(who, sizeof who, "PL-%d", n + 1);
            else
                snprintf(who, sizeof who, "%s", n == ORDO_LNK_SAFETY ? "safety_stock" : n == ORDO_LNK_BACKLOG ? "backlog"
                                                 : ordo_str(&r->m->names, r->m->or_name[ORDO_LNK_ORDER_IDX(n)]));
            append(buf, sizeof buf, "%s%s=%.10g", buf[0] ? " " : "", who, r->p->lnk_qty[k]);
        }
        break;
    }
    return buf;
}

/* "kind:item[:ref]" for every exception, in order. */
static const char *exceptions_of(const run *r)
{
    static char buf[4096];
    buf[0] = 0;
    for (int32_t k = 0; r->p && k < r->p->nexc; k++) {
        const ordo_exception *e = &r->p->exc[k];
        append(buf, sizeof buf, "%s%s:%s", buf[0] ? ", " : "", ordo_exc_name(e->kind),
               ordo_str(&r->m->names, r->m->item_name[e->item]));
        if (e->ref_kind == ORDO_REF_RECEIPT) append(buf, sizeof buf, ":%s", ordo_str(&r->m->names, r->m->rc_name[e->ref]));
        if (e->ref_kind == ORDO_REF_ORDER) append(buf, sizeof buf, ":%s", ordo_str(&r->m->names, r->m->or_name[e->ref]));
        if (e->ref_kind == ORDO_REF_PLANNED) append(buf, sizeof buf, ":PL-%d", e->ref + 1);
    }
    return buf;
}

/* "completion status lateness" of a customer order. */
static const char *result_of(const run *r, const char *order)
{
    static char buf[128];
    int32_t o = order_of(r->m, order);
    if (!r->p || o < 0) return "?";
    static const char *st[] = {"on_time", "late", "unplanned"};
    char t[17] = "none";
    if (r->p->ord_completion[o] != INT64_MIN) ordo_fmt_datetime(r->p->ord_completion[o], t);
    snprintf(buf, sizeof buf, "%s %s %.4g", t, st[r->p->ord_status[o]], r->p->ord_lateness[o]);
    return buf;
}

/* 1. Classic multi-level explosion, lot-for-lot.
**    FG (lead 2) <- SUB x2 (lead 1) <- RAW x3 (buy, lead 5 + inspection 1). SO-1: 100 FG due Thu 12-10.
**    FG : due 12-10, release 2 working days back (Tue 12-08, Wed 12-09)      -> 12-08, 100
**    SUB: need 200 on 12-08, release 1 back                                  -> 12-07, 200
**    RAW: need 600 on 12-07, release 6 back: 12-04 12-03 12-02 12-01 11-30 11-27 -> 11-27
**    Availability: RAW 6 working days from 11-27 -> Sat 12-05; SUB starts 12-07, ready 12-08;
**    FG starts 12-08, ready 12-10: SO-1 completes 12-10 00:00, on time. */
static void test_explosion(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':2,'calendar':'wd'},{'id':'SUB','lead_time_days':1,'calendar':'wd'},"
                      "{'id':'RAW','source':'buy','lead_time_days':5,'inspection_days':1,'calendar':'wd'}],"
                      "'bom':[{'parent':'FG','component':'SUB','qty_per':2},{'parent':'SUB','component':'RAW','qty_per':3}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':100,'due':'2026-12-10'}]}");
    CHECK_STR(orders_of(&r, "FG"), "2026-12-10:100:2026-12-08");
    CHECK_STR(orders_of(&r, "SUB"), "2026-12-08:200:2026-12-07");
    CHECK_STR(orders_of(&r, "RAW"), "2026-12-07:600:2026-11-27");
    CHECK_STR(pegs_of(&r, "RAW", 0), "SO-1=600");
    CHECK_STR(pegs_of(&r, "SUB", 0), "SO-1=200");
    CHECK_STR(result_of(&r, "SO-1"), "2026-12-10T00:00 on_time 0");
    CHECK_STR(exceptions_of(&r), "");
    done(&r);
}

/* 2. Safety stock.
**    A1: on hand 50, safety 20, buy lead 2. 11-23: safety need 20, PA' = 30. 12-02: SO-1 100,
**        PA' = -70 -> order 70 due 12-02, release Mon 11-30, pegged SO-1 70 (on hand gave 30).
**    A2: on hand 10, safety 20. 11-23: PA' = 10 - 20 = -10 -> order 10 due 11-23, release
**        moved to 11-23 (release_past_due), pegged to safety stock. 12-02: SO-2 30 -> order 30.
**        With the first order available only on 11-25 (2 working days), projected available
**        is 10 < 20 on 11-23: below_safety_stock. */
static void test_safety_stock(void)
{
    run r = PLAN(HEAD "'items':[{'id':'A1','source':'buy','lead_time_days':2,'on_hand':50,'safety_stock':20,'calendar':'wd'},"
                      "{'id':'A2','source':'buy','lead_time_days':2,'on_hand':10,'safety_stock':20,'calendar':'wd'}],"
                      "'orders':[{'id':'SO-1','item':'A1','qty':100,'due':'2026-12-02'},{'id':'SO-2','item':'A2','qty':30,'due':'2026-12-02'}]}");
    CHECK_STR(orders_of(&r, "A1"), "2026-12-02:70:2026-11-30");
    CHECK_STR(pegs_of(&r, "A1", 0), "SO-1=70");
    CHECK_STR(orders_of(&r, "A2"), "2026-11-23:10:2026-11-23, 2026-12-02:30:2026-11-30");
    CHECK_STR(pegs_of(&r, "A2", 0), "safety_stock=10");
    CHECK_STR(pegs_of(&r, "A2", 1), "SO-2=30");
    CHECK_STR(exceptions_of(&r), "release_past_due:A2:PL-2, below_safety_stock:A2");
    done(&r);
}

/* 3. Fixed order quantity with min and multiple.
**    F: foq qty 45, min 50, multiple 20 -> Q = 45 -> 50 -> 60. Lead 0.
**    12-01: SO-A 130 -> ceil(130 / 60) = 3 orders of 60, PA' = 50.
**    12-03: SO-B 40 -> PA' = 10, no order. FIFO pegging: 60 SO-A, 60 SO-A, 10 SO-A + 40 SO-B. */
static void test_foq(void)
{
    run r = PLAN(HEAD "'items':[{'id':'F','source':'buy','calendar':'wd','lot':{'rule':'foq','qty':45,'min':50,'multiple':20}}],"
                      "'orders':[{'id':'SO-A','item':'F','qty':130,'due':'2026-12-01'},{'id':'SO-B','item':'F','qty':40,'due':'2026-12-03'}]}");
    CHECK_STR(orders_of(&r, "F"), "2026-12-01:60:2026-12-01, 2026-12-01:60:2026-12-01, 2026-12-01:60:2026-12-01");
    CHECK_STR(pegs_of(&r, "F", 0), "SO-A=60");
    CHECK_STR(pegs_of(&r, "F", 2), "SO-A=10 SO-B=40");
    done(&r);
}

/* 4. Lot-for-lot with min and multiple.
**    L: lfl, min 25, multiple 10. 12-01 need 12 -> 12 -> 25 -> 30, PA' 18; 12-02 need 7 -> 11;
**    12-03 need 20 -> PA' -9 -> 9 -> 25 -> 30, PA' 21. */
static void test_lfl_min_multiple(void)
{
    run r = PLAN(HEAD "'items':[{'id':'L','source':'buy','calendar':'wd','lot':{'rule':'lfl','min':25,'multiple':10}}],"
                      "'orders':[{'id':'S1','item':'L','qty':12,'due':'2026-12-01'},{'id':'S2','item':'L','qty':7,'due':'2026-12-02'},"
                      "{'id':'S3','item':'L','qty':20,'due':'2026-12-03'}]}");
    CHECK_STR(orders_of(&r, "L"), "2026-12-01:30:2026-12-01, 2026-12-03:30:2026-12-03");
    /* FIFO: the first order's 30 serve S1 12, S2 7 and 11 of S3; the second serves 9. */
    CHECK_STR(pegs_of(&r, "L", 0), "S1=12 S2=7 S3=11");
    CHECK_STR(pegs_of(&r, "L", 1), "S3=9");
    done(&r);
}

/* 5. Period order quantity, a receipt inside the window, and expedite.
**    P: poq periods 3, min 50. Needs Tue 12-01 10, Wed 12-02 20, Thu 12-03 30, Fri 12-04 40,
**    Mon 12-07 5; receipt RC-1 15 on 12-03.
**    Window from Tue 12-01 holds Tue, Wed, Thu (ends before Fri 12-04). PA' within it:
**    -10, -30, +15 -30 = -45 -> order 45 -> min 50, due 12-01. PA' after 12-03 = 5.
**    Fri 12-04: 5 - 40 = -35; window Fri, Mon, Tue: -35, -40 -> 40 -> 50, due 12-04.
**    Receipt messages (needs first-need-first against the receipt, ignoring dates): RC-1
**    first serves the need of 12-01, before its date: expedite. */
static void test_poq(void)
{
    run r = PLAN(HEAD "'items':[{'id':'P','source':'buy','calendar':'wd','lot':{'rule':'poq','periods':3,'min':50}}],"
                      "'receipts':[{'id':'RC-1','item':'P','qty':15,'date':'2026-12-03'}],"
                      "'orders':[{'id':'S1','item':'P','qty':10,'due':'2026-12-01'},{'id':'S2','item':'P','qty':20,'due':'2026-12-02'},"
                      "{'id':'S3','item':'P','qty':30,'due':'2026-12-03'},{'id':'S4','item':'P','qty':40,'due':'2026-12-04'},"
                      "{'id':'S5','item':'P','qty':5,'due':'2026-12-07'}]}");
    CHECK_STR(orders_of(&r, "P"), "2026-12-01:50:2026-12-01, 2026-12-04:50:2026-12-04");
    /* FIFO in availability order (order of 12-01, RC-1, order of 12-04): S1 10, S2 20 and 20
    ** of S3 from the first order; 10 of S3 and 5 of S4 from RC-1; S4 35 and S5 5 from the
    ** second order (15 left over, unpegged). */
    CHECK_STR(pegs_of(&r, "P", 0), "S1=10 S2=20 S3=20");
    CHECK_STR(pegs_of(&r, "P", 1), "S4=35 S5=5");
    CHECK_STR(exceptions_of(&r), "expedite:P:RC-1");
    done(&r);
}

/* 6. Yield and scrap together.
**    FG: yield 0.8, lead 0; BOM FG <- C x2, scrap 0.1. SO-1 100 due 12-01.
**    FG: good 100, order quantity 100 / 0.8 = 125. C: 125 x 2 x 1.1 = 275 on 12-01. */
static void test_yield_scrap(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':0,'yield':0.8,'calendar':'wd'},{'id':'C','source':'buy','calendar':'wd'}],"
                      "'bom':[{'parent':'FG','component':'C','qty_per':2,'scrap':0.1}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':100,'due':'2026-12-01'}]}");
    CHECK_STR(orders_of(&r, "FG"), "2026-12-01:125:2026-12-01");
    CHECK(r.p && r.p->po_good[0] == 100);
    CHECK_STR(pegs_of(&r, "FG", 0), "SO-1=100");
    CHECK_STR(orders_of(&r, "C"), "2026-12-01:275:2026-12-01");
    CHECK_STR(pegs_of(&r, "C", 0), "SO-1=275");
    done(&r);
}

/* 7. Phantom with stock.
**    FG (lead 1) <- PH (phantom, on hand 30; its lead 5, safety 10 and foq are ignored) <- C x2.
**    SO-1 100 due Thu 12-03: FG releases Wed 12-02; PH needs 100 on 12-02, 30 from stock,
**    70 passes on the same day: C needs 140 on 12-02. No planned order for PH. */
static void test_phantom(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':1,'calendar':'wd'},"
                      "{'id':'PH','source':'phantom','on_hand':30,'lead_time_days':5,'safety_stock':10,'lot':{'rule':'foq','qty':1000}},"
                      "{'id':'C','source':'buy','calendar':'wd'}],"
                      "'bom':[{'parent':'FG','component':'PH','qty_per':1},{'parent':'PH','component':'C','qty_per':2}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':100,'due':'2026-12-03'}]}");
    CHECK_STR(orders_of(&r, "FG"), "2026-12-03:100:2026-12-02");
    CHECK_STR(orders_of(&r, "PH"), "");
    CHECK_STR(orders_of(&r, "C"), "2026-12-02:140:2026-12-02");
    CHECK_STR(pegs_of(&r, "C", 0), "SO-1=140");
    CHECK_STR(result_of(&r, "SO-1"), "2026-12-03T00:00 on_time 0");
    done(&r);
}

/* 8. Effectivity switch by the parent's release date (from <= release < to).
**    FG lead 0 <- OLD until 12-07, <- NEW from 12-07. SO-1 50 due Fri 12-04, SO-3 70 due Mon
**    12-07 (release on the switch day: NEW), SO-2 60 due 12-08. */
static void test_effectivity(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':0,'calendar':'wd'},{'id':'OLD','source':'buy'},{'id':'NEW','source':'buy'}],"
                      "'bom':[{'parent':'FG','component':'OLD','qty_per':1,'to':'2026-12-07'},"
                      "{'parent':'FG','component':'NEW','qty_per':1,'from':'2026-12-07'}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':50,'due':'2026-12-04'},{'id':'SO-2','item':'FG','qty':60,'due':'2026-12-08'},"
                      "{'id':'SO-3','item':'FG','qty':70,'due':'2026-12-07'}]}");
    CHECK_STR(orders_of(&r, "OLD"), "2026-12-04:50:2026-12-04");
    CHECK_STR(orders_of(&r, "NEW"), "2026-12-07:70:2026-12-07, 2026-12-08:60:2026-12-08");
    done(&r);
}

/* 9. A component used on two levels: FG <- SUB x1, FG <- RAW x2, SUB <- RAW x3; RAW gets
**    low-level code 2 and is netted once with both needs.
**    SO-1 10 due Thu 12-03: FG releases 12-02 (lead 1); SUB needs 10 on 12-02, releases 12-01.
**    RAW needs 30 on 12-01 (from SUB) and 20 on 12-02 (from FG). */
static void test_two_levels(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':1,'calendar':'wd'},{'id':'SUB','lead_time_days':1,'calendar':'wd'},"
                      "{'id':'RAW','source':'buy','calendar':'wd'}],"
                      "'bom':[{'parent':'FG','component':'SUB','qty_per':1},{'parent':'FG','component':'RAW','qty_per':2},"
                      "{'parent':'SUB','component':'RAW','qty_per':3}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':10,'due':'2026-12-03'}]}");
    CHECK(r.m && r.m->item_llc[item_of(r.m, "RAW")] == 2);
    CHECK_STR(orders_of(&r, "SUB"), "2026-12-02:10:2026-12-01");
    CHECK_STR(orders_of(&r, "RAW"), "2026-12-01:30:2026-12-01, 2026-12-02:20:2026-12-02");
    CHECK_STR(pegs_of(&r, "RAW", 1), "SO-1=20");
    done(&r);
}

/* 10. A receipt to cancel: X on hand 100 covers SO-1 80; RC-9 50 serves nothing. */
static void test_cancel(void)
{
    run r = PLAN(HEAD "'items':[{'id':'X','source':'buy','lead_time_days':3,'on_hand':100,'calendar':'wd'}],"
                      "'receipts':[{'id':'RC-9','item':'X','qty':50,'date':'2026-12-05'}],"
                      "'orders':[{'id':'SO-1','item':'X','qty':80,'due':'2026-12-10'}]}");
    CHECK_STR(orders_of(&r, "X"), "");
    CHECK_STR(exceptions_of(&r), "cancel:X:RC-9");
    CHECK_STR(result_of(&r, "SO-1"), "2026-11-23T00:00 on_time 0");
    done(&r);
}

/* 11. A receipt to expedite: Y needs 40 on Wed 12-02, RC-2 50 arrives 12-09. The engine does
**     not move receipts: it plans 40 due 12-02 (release Mon 11-30) and says expedite; the
**     receipt then covers SO-2 30 on 12-15 (completion at the receipt's date). */
static void test_expedite(void)
{
    run r = PLAN(HEAD "'items':[{'id':'Y','source':'buy','lead_time_days':2,'calendar':'wd'}],"
                      "'receipts':[{'id':'RC-2','item':'Y','qty':50,'date':'2026-12-09'}],"
                      "'orders':[{'id':'SO-1','item':'Y','qty':40,'due':'2026-12-02'},{'id':'SO-2','item':'Y','qty':30,'due':'2026-12-15'}]}");
    CHECK_STR(orders_of(&r, "Y"), "2026-12-02:40:2026-11-30");
    CHECK_STR(exceptions_of(&r), "expedite:Y:RC-2");
    CHECK_STR(result_of(&r, "SO-2"), "2026-12-09T00:00 on_time 0");
    CHECK_STR(result_of(&r, "SO-1"), "2026-12-02T00:00 on_time 0");
    done(&r);
}

/* 12. Release past due: Z lead 10, SO-1 20 due Fri 11-27. Ten working days back from 11-27
**     is before the horizon: release moved to 11-23; available 10 working days later, Sat
**     12-05 (11-23..12-04): 8 days late. */
static void test_release_past_due(void)
{
    run r = PLAN(HEAD "'items':[{'id':'Z','source':'buy','lead_time_days':10,'calendar':'wd'}],"
                      "'orders':[{'id':'SO-1','item':'Z','qty':20,'due':'2026-11-27'}]}");
    CHECK_STR(orders_of(&r, "Z"), "2026-11-27:20:2026-11-23");
    CHECK_STR(exceptions_of(&r), "release_past_due:Z:PL-1, late_order:Z:SO-1");
    CHECK_STR(result_of(&r, "SO-1"), "2026-12-05T00:00 late 8");
    CHECK(r.p && r.p->late_orders == 1 && r.p->total_lateness == 8);
    done(&r);
}

/* 13. Weekend and holiday offsets: lead 3 due Tue 12-29 -> Mon 12-28, Thu 12-24 (Fri 12-25 off),
**     Wed 12-23 -> release 12-23. Lead 1 + inspection 1 due Mon 12-28 -> Thu 12-24, Wed 12-23.
**     Without a calendar every day works: lead 3 due 12-29 -> 12-26. */
static void test_calendar_offsets(void)
{
    run r = PLAN(HEAD "'items':[{'id':'W','source':'buy','lead_time_days':3,'calendar':'wd'},"
                      "{'id':'V','source':'buy','lead_time_days':1,'inspection_days':1,'calendar':'wd'},"
                      "{'id':'U','source':'buy','lead_time_days':3}],"
                      "'orders':[{'id':'S1','item':'W','qty':1,'due':'2026-12-29'},{'id':'S2','item':'V','qty':1,'due':'2026-12-28'},"
                      "{'id':'S3','item':'U','qty':1,'due':'2026-12-29'}]}");
    CHECK_STR(orders_of(&r, "W"), "2026-12-29:1:2026-12-23");
    CHECK_STR(orders_of(&r, "V"), "2026-12-28:1:2026-12-23");
    CHECK_STR(orders_of(&r, "U"), "2026-12-29:1:2026-12-26");
    done(&r);
}

/* 14. Needs after the horizon end are not planned: on hand 4 covers 4 of SO-9's 10 due
**     2027-04-05; 6 are short and the order is unplanned. */
static void test_after_horizon(void)
{
    run r = PLAN(HEAD "'items':[{'id':'H','source':'buy','on_hand':4}],"
                      "'orders':[{'id':'SO-9','item':'H','qty':10,'due':'2027-04-05'}]}");
    CHECK_STR(orders_of(&r, "H"), "");
    CHECK_STR(exceptions_of(&r), "shortage:H:SO-9");
    CHECK(r.p && r.p->nexc == 1 && r.p->exc[0].qty == 6);
    CHECK_STR(result_of(&r, "SO-9"), "none unplanned 0");
    done(&r);
}

/* 15. Order of needs on one date: higher priority first, then id; then dependent demand.
**     On hand 30; SO-A (priority 0) and SO-B (priority 2) 20 each on 12-01: PA' -10 -> 10.
**     SO-B takes 20 from stock, SO-A 10 from stock and 10 from the order. */
static void test_priority(void)
{
    run r = PLAN(HEAD "'items':[{'id':'Q','source':'buy','on_hand':30}],"
                      "'orders':[{'id':'SO-A','item':'Q','qty':20,'due':'2026-12-01'},"
                      "{'id':'SO-B','item':'Q','qty':20,'due':'2026-12-01','priority':2}]}");
    CHECK_STR(orders_of(&r, "Q"), "2026-12-01:10:2026-12-01");
    CHECK_STR(pegs_of(&r, "Q", 0), "SO-A=10");
    done(&r);
}

/* 16. Negative on hand is a backlog need at horizon.start (pegged to no order); dates before
**     the horizon count as its start. */
static void test_backlog(void)
{
    run r = PLAN(HEAD "'items':[{'id':'B','source':'buy','on_hand':-5}],"
                      "'orders':[{'id':'SO-1','item':'B','qty':10,'due':'2026-11-01'}]}");
    CHECK_STR(orders_of(&r, "B"), "2026-11-23:15:2026-11-23");
    CHECK_STR(pegs_of(&r, "B", 0), "SO-1=10");
    CHECK_STR(result_of(&r, "SO-1"), "2026-11-23T00:00 on_time 0");
    done(&r);
}

/* 17. Pegging splits over the parent's pegs in proportion; lot-size excess is unpegged.
**     FG foq 100 (lead 0) <- C x1 (lfl). SO-1 30 and SO-2 50 on 12-01: one FG order of 100
**     pegged SO-1 30, SO-2 50 (20 excess). C needs 100 on 12-01: pegged 30 and 50 too. */
static void test_proportional_pegging(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG','lead_time_days':0,'lot':{'rule':'foq','qty':100}},{'id':'C','source':'buy'}],"
                      "'bom':[{'parent':'FG','component':'C','qty_per':1}],"
                      "'orders':[{'id':'SO-1','item':'FG','qty':30,'due':'2026-12-01'},{'id':'SO-2','item':'FG','qty':50,'due':'2026-12-01'}]}");
    CHECK_STR(orders_of(&r, "FG"), "2026-12-01:100:2026-12-01");
    CHECK_STR(pegs_of(&r, "FG", 0), "SO-1=30 SO-2=50");
    CHECK_STR(orders_of(&r, "C"), "2026-12-01:100:2026-12-01");
    CHECK_STR(pegs_of(&r, "C", 0), "SO-1=30 SO-2=50");
    done(&r);
}

/* The demo factory plans identically with 1 and 2 threads. */
/* 18. Direct links and the full pegging derived from them, with a common part.
**     FG1 foq 100 <- C x1, FG2 lfl <- C x2 (lead 0); C buy lfl, on hand 50.
**     SO-1 30 and SO-2 50 of FG1 on 12-01, SO-3 20 of FG2 on 12-02.
**     FG1: PL-1 100 due 12-01, links SO-1 30, SO-2 50 (20 excess, unlinked).
**     FG2: PL-2 20 due 12-02, link SO-3 20.
**     C: 12-01 needs 100 for PL-1: on hand 50 (a stock link), PA' = -50 -> PL-3 50 linked
**        to PL-1; 12-02 needs 40 for PL-2 -> PL-4 40 linked to PL-2.
**     Full pegging: PL-3 = 50 x (30, 50) / 100 = SO-1 15, SO-2 25; PL-4 = SO-3 40. */
static void test_direct_links(void)
{
    run r = PLAN(HEAD "'items':[{'id':'FG1','lead_time_days':0,'lot':{'rule':'foq','qty':100}},{'id':'FG2','lead_time_days':0},"
                      "{'id':'C','source':'buy','on_hand':50}],"
                      "'bom':[{'parent':'FG1','component':'C','qty_per':1},{'parent':'FG2','component':'C','qty_per':2}],"
                      "'orders':[{'id':'SO-1','item':'FG1','qty':30,'due':'2026-12-01'},{'id':'SO-2','item':'FG1','qty':50,'due':'2026-12-01'},"
                      "{'id':'SO-3','item':'FG2','qty':20,'due':'2026-12-02'}]}");
    CHECK_STR(orders_of(&r, "C"), "2026-12-01:50:2026-12-01, 2026-12-02:40:2026-12-02");
    CHECK_STR(links_of(&r, "FG1", 0), "SO-1=30 SO-2=50");
    CHECK_STR(links_of(&r, "FG2", 0), "SO-3=20");
    CHECK_STR(links_of(&r, "C", 0), "PL-1=50");
    CHECK_STR(links_of(&r, "C", 1), "PL-2=40");
    CHECK_STR(pegs_of(&r, "FG1", 0), "SO-1=30 SO-2=50");
    CHECK_STR(pegs_of(&r, "C", 0), "SO-1=15 SO-2=25");
    CHECK_STR(pegs_of(&r, "C", 1), "SO-3=40");
    if (r.p) {
        CHECK_EQ(r.p->nlnk, 5);
        CHECK_EQ(r.p->nslnk, 1); /* C's on hand to PL-1 */
        CHECK(r.p->nslnk == 1 && r.p->slnk_sup[0] == ORDO_SUP_ONHAND && r.p->slnk_need[0] == 0 && r.p->slnk_qty[0] == 50);
    }
    done(&r);
}

/* 19. Safety stock and a backlog are served by direct links too; neither pegs further down.
**     B buy lfl, on hand -10 (a backlog of 10), safety stock 5; SO-1 10 on 12-01.
**     Needs at 11-23: safety 5, backlog 10 -> PL-1 15 linked safety_stock 5, backlog 10;
**     12-01: SO-1 10 -> PL-2 10. */
static void test_links_safety_backlog(void)
{
    run r = PLAN(HEAD "'items':[{'id':'B','source':'buy','on_hand':-10,'safety_stock':5}],"
                      "'orders':[{'id':'SO-1','item':'B','qty':10,'due':'2026-12-01'}]}");
    CHECK_STR(links_of(&r, "B", 0), "safety_stock=5 backlog=10");
    CHECK_STR(pegs_of(&r, "B", 0), "safety_stock=5");
    CHECK_STR(links_of(&r, "B", 1), "SO-1=10");
    done(&r);
}

static void test_threads_deterministic(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    ordo_plan *p1 = NULL, *p2 = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    CHECK_EQ(ordo_plan_run(m, &o, &p1), ORDO_OK);
    o.threads = 2;
    CHECK_EQ(ordo_plan_run(m, &o, &p2), ORDO_OK);
    if (p1 && p2) {
        CHECK_EQ(p1->npo, p2->npo);
        CHECK_EQ(p1->nlnk, p2->nlnk);
        CHECK(p1->npo > 50);
        int same = p1->npo == p2->npo && p1->nlnk == p2->nlnk && p1->nexc == p2->nexc;
        for (int32_t q = 0; same && q < p1->npo; q++)
            same = p1->po_item[q] == p2->po_item[q] && p1->po_qty[q] == p2->po_qty[q] &&
                   p1->po_release[q] == p2->po_release[q] && p1->po_avail[q] == p2->po_avail[q];
        for (int32_t q = 0; same && q <= p1->npo; q++) same = p1->lnk_start[q] == p2->lnk_start[q];
        for (int64_t k = 0; same && k < p1->nlnk; k++)
            same = p1->lnk_need[k] == p2->lnk_need[k] && p1->lnk_qty[k] == p2->lnk_qty[k];
        CHECK(same);
    }
    ordo_plan_close(p1);
    ordo_plan_close(p2);
    ordo_model_close(m);
}

/* below_safety_stock with a negative on hand, counted once (as the backlog need it is):
** B on hand -3, safety stock 7, bought in 10 working days: 10 under its safety stock from
** 2026-11-23; with a receipt of 4 that day, 6. */
static double below_safety_qty(const char *json_sq)
{
    run r = PLAN(json_sq);
    double q = -1;
    for (int32_t k = 0; r.p && k < r.p->nexc; k++)
        if (r.p->exc[k].kind == ORDO_EXC_BELOW_SAFETY) q = r.p->exc[k].qty;
    done(&r);
    return q;
}

static void test_below_safety_backlog(void)
{
    CHECK(below_safety_qty(HEAD "'items':[{'id':'B','source':'buy','calendar':'wd','lead_time_days':10,'on_hand':-3,'safety_stock':7}]}") == 10);
    CHECK(below_safety_qty(HEAD "'items':[{'id':'B','source':'buy','calendar':'wd','lead_time_days':10,'on_hand':-3,'safety_stock':7}],"
                                "'receipts':[{'id':'RC-1','item':'B','qty':4,'date':'2026-11-23'}]}") == 6);
}

int main(void)
{
    test_below_safety_backlog();
    test_explosion();
    test_safety_stock();
    test_foq();
    test_lfl_min_multiple();
    test_poq();
    test_yield_scrap();
    test_phantom();
    test_effectivity();
    test_two_levels();
    test_cancel();
    test_expedite();
    test_release_past_due();
    test_calendar_offsets();
    test_after_horizon();
    test_priority();
    test_backlog();
    test_proportional_pegging();
    test_direct_links();
    test_links_safety_backlog();
    test_threads_deterministic();
    return test_report("test_mrp");
}
