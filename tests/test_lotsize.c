/*
** test_lotsize.c -- cost-based lot sizing: Wagner-Whitin against the textbook example and
** against every plan of small random items, Silver-Meal beside it, and the MRP's "ww" and
** "sm" rules on a hand-computed item (with and without a multiple) and their validation.
*/
#include "dates.h"
#include "lotsize.h"
#include "plan.h"
#include "ordo.h"
#include "test.h"

#include <stdint.h>

/* The example of Silver, Pyke and Peterson (Inventory Management and Production Planning
** and Scheduling, 3rd ed., section 6.6): 12 monthly requirements, set-up $54, holding
** $0.40 per unit and month. Wagner-Whitin's plan orders in months 1, 4, 5, 7, 9, 10, 11
** at a total of $501.20; Silver-Meal finds the same plan there. */
static const double SPP[12] = {10, 62, 12, 130, 154, 129, 88, 52, 124, 160, 238, 41};

static void test_textbook(void)
{
    int32_t day[12];
    for (int k = 0; k < 12; k++) day[k] = k;
    double f[13];
    int32_t from[13];
    uint8_t ww[12], sm[12];
    double c = ordo_lot_ww(day, SPP, 12, 54, 0.4, f, from, ww);
    CHECK(c > 501.2 - 1e-9 && c < 501.2 + 1e-9);
    char plan[13];
    for (int k = 0; k < 12; k++) plan[k] = (char)('0' + ww[k]);
    plan[12] = 0;
    CHECK_STR(plan, "100110101110");
    double s = ordo_lot_sm(day, SPP, 12, 54, 0.4, sm);
    CHECK(s > 501.2 - 1e-9 && s < 501.2 + 1e-9);
    CHECK(ordo_lot_cost(day, SPP, 12, 54, 0.4, ww) == c);
}

static uint64_t next(uint64_t *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return *x;
}

/* Random items of up to 12 requirement days (gaps between them, set-up and holding costs
** varied): Wagner-Whitin equals the best of all 2^(n-1) plans, and is never worse than
** Silver-Meal or lot-for-lot; over all of them Silver-Meal costs no more than lot-for-lot. */
static void test_random(void)
{
    uint64_t x = 88172645463325252ull;
    double sum_sm = 0, sum_lfl = 0;
    int bad_opt = 0, bad_sm = 0, bad_lfl = 0;
    for (int t = 0; t < 400; t++) {
        int32_t n = 1 + (int32_t)(next(&x) % 12), day[12];
        double nr[12], f[13];
        int32_t from[13];
        uint8_t ww[12], sm[12], lfl[12], all[12];
        for (int32_t k = 0, d = 0; k < n; k++) {
            d += 1 + (int32_t)(next(&x) % 4);
            day[k] = d;
            nr[k] = 1 + (double)(next(&x) % 200);
            lfl[k] = 1;
        }
        double S = 10 + (double)(next(&x) % 300), h = 0.05 * (double)(1 + next(&x) % 20);
        double c = ordo_lot_ww(day, nr, n, S, h, f, from, ww), best = 1e300;
        for (uint32_t mask = 0; mask < (1u << (n - 1)); mask++) {
            all[0] = 1;
            for (int32_t k = 1; k < n; k++) all[k] = (uint8_t)(mask >> (k - 1) & 1);
            double b = ordo_lot_cost(day, nr, n, S, h, all);
            if (b < best) best = b;
        }
        double s = ordo_lot_sm(day, nr, n, S, h, sm), l = ordo_lot_cost(day, nr, n, S, h, lfl);
        bad_opt += c > best + 1e-6 || c < best - 1e-6;
        bad_sm += c > s + 1e-6;
        bad_lfl += c > l + 1e-6;
        sum_sm += s, sum_lfl += l;
    }
    CHECK_EQ(bad_opt, 0);
    CHECK_EQ(bad_sm, 0);
    CHECK_EQ(bad_lfl, 0);
    CHECK(sum_sm <= sum_lfl);
}

/* The textbook requirements as customer orders due 2026-12-01 .. 12-12 on a seven-day
** calendar, buy item W with no lead time: the planned orders (due:qty) of the rule. */
#define WW_ITEM(lot)                                                                                     \
    "{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'},"                                     \
    "'calendars':[{'id':'all','weekdays':[1,2,3,4,5,6,7]}],"                                             \
    "'items':[{'id':'W','source':'buy','calendar':'all','lot':" lot "}],"                                \
    "'orders':[{'id':'S01','item':'W','qty':10,'due':'2026-12-01'},{'id':'S02','item':'W','qty':62,'due':'2026-12-02'}," \
    "{'id':'S03','item':'W','qty':12,'due':'2026-12-03'},{'id':'S04','item':'W','qty':130,'due':'2026-12-04'},"          \
    "{'id':'S05','item':'W','qty':154,'due':'2026-12-05'},{'id':'S06','item':'W','qty':129,'due':'2026-12-06'},"         \
    "{'id':'S07','item':'W','qty':88,'due':'2026-12-07'},{'id':'S08','item':'W','qty':52,'due':'2026-12-08'},"           \
    "{'id':'S09','item':'W','qty':124,'due':'2026-12-09'},{'id':'S10','item':'W','qty':160,'due':'2026-12-10'},"         \
    "{'id':'S11','item':'W','qty':238,'due':'2026-12-11'},{'id':'S12','item':'W','qty':41,'due':'2026-12-12'}]}"

static const char *planned(const char *json_sq, char *buf, size_t n)
{
    const char *json = test_json(json_sq);
    ordo_model *m = NULL;
    ordo_plan *p = NULL;
    buf[0] = 0;
    if (ordo_model_open_buffer(json, strlen(json), NULL, &m) != ORDO_OK) {
        for (int i = 0; i < ordo_error_count(m); i++) snprintf(buf, n, "%s", ordo_error_at(m, i));
        ordo_model_close(m);
        return buf;
    }
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_only = 1;
    if (ordo_plan_run(m, &o, &p) == ORDO_OK) {
        size_t len = 0;
        for (int32_t q = 0; q < p->npo && len < n; q++) {
            char d[11];
            ordo_fmt_date(p->po_due[q], d);
            len += (size_t)snprintf(buf + len, n - len, "%s%s:%.10g", q ? " " : "", d + 5, p->po_qty[q]);
        }
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    return buf;
}

/* Rule ww: the textbook plan, one planned order per order day, each covering its days.
** With multiple 100 (worked by hand): 12-01 84 -> 100 (16 over); 12-04 130 - 16 = 114 ->
** 200 (86 over); 12-05 and 12-06 need 154 + 129 - 86 = 197 -> 200 (3 over); 12-07/08
** 140 - 3 = 137 -> 200 (63 over); 12-09 124 - 63 = 61 -> 100 (39 over); 12-10 160 - 39 =
** 121 -> 200 (79 over); 12-11/12 279 - 79 = 200 -> 200. */
static void test_mrp_rules(void)
{
    char buf[512];
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','setup_cost':54,'holding_cost':0.4}"), buf, sizeof buf),
              "12-01:84 12-04:130 12-05:283 12-07:140 12-09:124 12-10:160 12-11:279");
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','setup_cost':54,'holding_cost':0.4,'multiple':100}"), buf, sizeof buf),
              "12-01:100 12-04:200 12-05:200 12-07:200 12-09:100 12-10:200 12-11:200");
    CHECK_STR(planned(WW_ITEM("{'rule':'sm','setup_cost':54,'holding_cost':0.4}"), buf, sizeof buf),
              "12-01:84 12-04:130 12-05:283 12-07:140 12-09:124 12-10:160 12-11:279");
    /* set-up free: lot for lot; holding free: one order for everything */
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','setup_cost':0,'holding_cost':1}"), buf, sizeof buf),
              "12-01:10 12-02:62 12-03:12 12-04:130 12-05:154 12-06:129 12-07:88 12-08:52 12-09:124 12-10:160 "
              "12-11:238 12-12:41");
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','setup_cost':5,'holding_cost':0}"), buf, sizeof buf), "12-01:1200");
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','holding_cost':0.4}"), buf, sizeof buf),
              "items[0].lot.setup_cost: lot rule ww needs setup_cost >= 0");
    CHECK_STR(planned(WW_ITEM("{'rule':'sm','setup_cost':54}"), buf, sizeof buf),
              "items[0].lot.holding_cost: lot rule sm needs holding_cost >= 0");
    CHECK_STR(planned(WW_ITEM("{'rule':'ww','setup_cost':-1,'holding_cost':0.4}"), buf, sizeof buf),
              "items[0].lot.setup_cost: -1 must not be negative");
}

int main(void)
{
    test_textbook();
    test_random();
    test_mrp_rules();
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}
