/*
** test_load.c -- loading and validation: one case per error class, each asserting the
** exact located message, all errors of a document reported in one run, and the compiled
** model of a valid document (defaults, BOM as CSR, low-level codes, routings by seq).
*/
#include "model.h"
#include "ordo.h"
#include "test.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unistd.h>

#define J test_json

#define HEAD "{'ordo':1,'horizon':{'start':'2026-11-23','end':'2027-03-31'},"
#define ITEMS_AB "'items':[{'id':'A','lead_time_days':1},{'id':'B'}],"

static int has_error(const ordo_model *m, const char *msg)
{
    for (int i = 0; i < ordo_error_count(m); i++)
        if (strcmp(ordo_error_at(m, i), msg) == 0) return 1;
    return 0;
}

static void dump(const ordo_model *m)
{
    for (int i = 0; i < ordo_error_count(m); i++) fprintf(stderr, "    got: %s\n", ordo_error_at(m, i));
}

/* Expect the document to be rejected with, among its errors, exactly msg. */
static void expect_error(const char *json_sq, const char *msg, int line)
{
    const char *json = J(json_sq);
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer(json, strlen(json), NULL, &m);
    if (rc == ORDO_EINPUT && has_error(m, msg)) {
        t_pass++;
    } else {
        t_fail++;
        fprintf(stderr, "test_load.c:%d: expected error \"%s\" (rc %d)\n", line, msg, rc);
        dump(m);
    }
    ordo_model_close(m);
}
#define EXPECT_ERROR(json, msg) expect_error(json, msg, __LINE__)

static ordo_model *expect_ok(const char *json_sq, int line)
{
    const char *json = J(json_sq);
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer(json, strlen(json), NULL, &m);
    if (rc == ORDO_OK) {
        t_pass++;
    } else {
        t_fail++;
        fprintf(stderr, "test_load.c:%d: expected a valid document (rc %d)\n", line, rc);
        dump(m);
    }
    return m;
}
#define EXPECT_OK(json) expect_ok(json, __LINE__)

static void test_syntax(void)
{
    EXPECT_ERROR("{\n 'ordo': 1,\n 'horizon': {'start': '2026-11-23' 'end': '2027-03-31'}\n}",
                 "json: syntax error at line 3, column 36");
    EXPECT_ERROR("{'ordo': 1,\n\n 'items': [1, 2,]}", "json: syntax error at line 3, column 17");
    EXPECT_ERROR("[1, 2]", "json: the data set must be an object, got an array");
    EXPECT_ERROR(HEAD "'orders':[]} x", "json: unexpected text after the document at line 1, column 76");
    EXPECT_ERROR("", "json: syntax error at line 1, column 1");
}

static void test_required_and_types(void)
{
    EXPECT_ERROR("{'horizon':{'start':'2026-11-23','end':'2027-03-31'}}", "ordo: missing required field");
    EXPECT_ERROR("{'ordo':1}", "horizon: missing required field");
    EXPECT_ERROR("{'ordo':1,'horizon':{'start':'2026-11-23'}}", "horizon.end: missing required field");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'SO-1','item':'A','qty':5}]}", "orders[0].due: missing required field");
    EXPECT_ERROR(HEAD ITEMS_AB "'bom':[{'parent':'A','component':'B'}]}", "bom[0].qty_per: missing required field");
    EXPECT_ERROR(HEAD "'items':[{'source':'buy'}]}", "items[0].id: missing required field");
    EXPECT_ERROR(HEAD ITEMS_AB "'routings':[{'item':'A'}]}", "routings[0].operations: missing required field");
    EXPECT_ERROR(HEAD ITEMS_AB "'routings':[{'item':'A','operations':[{'resources':['R']}]}],'resources':[{'id':'R'}]}",
                 "routings[0].operations[0].seq: missing required field");
    /* Wrong types. */
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'SO-1','item':'A','qty':'5','due':'2026-12-01'}]}",
                 "orders[0].qty: expected a number, got a string");
    EXPECT_ERROR(HEAD "'items':[{'id':7}]}", "items[0].id: expected a string, got a number");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'SO-1','item':'A','qty':5,'due':'2026-12-01','urgent':1}]}",
                 "orders[0].urgent: expected a boolean, got a number");
    EXPECT_ERROR(HEAD "'items':{'id':'A'}}", "items: expected an array, got an object");
    EXPECT_ERROR(HEAD "'items':['A']}", "items[0]: expected an object, got a string");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':'foq'}]}", "items[0].lot: expected an object, got a string");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','shifts':[['08:00']]}]}",
                 "calendars[0].shifts[0]: expected [\"HH:MM\", \"HH:MM\"]");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','weekdays':['Mon']}]}",
                 "calendars[0].weekdays[0]: expected a number, got a string");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':[3]}]}]}",
                 "routings[0].operations[0].resources[0]: expected a resource id or an object, got a number");
    /* A type error is reported once, not again as a missing field. */
    const char *doc = J(HEAD ITEMS_AB "'orders':[{'id':'SO-1','item':'A','qty':'5','due':'2026-12-01'}]}");
    ordo_model *m = NULL;
    ordo_model_open_buffer(doc, strlen(doc), NULL, &m);
    CHECK_EQ(ordo_error_count(m), 1);
    ordo_model_close(m);
}

static void test_unknown_keys(void)
{
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'SO-1','item':'A','qty':5,'dew':'2026-12-01'}]}",
                 "orders[0].dew: unknown key \"dew\"");
    EXPECT_ERROR(HEAD "'horizn':1}", "horizn: unknown key \"horizn\"");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':{'rule':'lfl','size':3}}]}", "items[0].lot.size: unknown key \"size\"");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot.rule':'lfl'}]}", "items[0].lot.rule: unknown key \"lot.rule\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':[{'id':'R','speed':2}]}]}]}",
                 "routings[0].operations[0].resources[0].speed: unknown key \"speed\"");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','id':'B'}]}", "items[0].id: duplicate key");
    /* x- keys are kept and ignored at every level; null means absent. */
    ordo_model *m = EXPECT_OK(HEAD "'x-note':{'a':1},'items':[{'id':'A','x-colour':'red','safety_stock':null,"
                                   "'lot':{'rule':'lfl','x-why':1}}],'orders':null}");
    ordo_model_close(m);
}

static void test_ids_and_references(void)
{
    EXPECT_ERROR(HEAD "'items':[{'id':'A'},{'id':'A'}]}", "items[1].id: duplicate id \"A\" (first at items[0])");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'S','item':'A','qty':1,'due':'2026-12-01'},{'id':'S','item':'B','qty':1,'due':'2026-12-01'}]}",
                 "orders[1].id: duplicate id \"S\" (first at orders[0])");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'S','item':'Z','qty':1,'due':'2026-12-01'}]}", "orders[0].item: unknown item \"Z\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'bom':[{'parent':'A','component':'C','qty_per':1}]}", "bom[0].component: unknown item \"C\"");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','calendar':'x'}]}", "items[0].calendar: unknown calendar \"x\"");
    EXPECT_ERROR(HEAD "'resources':[{'id':'R','calendar':'x'}]}", "resources[0].calendar: unknown calendar \"x\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R','R9']}]}]}",
                 "routings[0].operations[0].resources[1]: unknown resource \"R9\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':[{'id':'R9'}]}]}]}",
                 "routings[0].operations[0].resources[0].id: unknown resource \"R9\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'receipts':[{'id':'P','item':'Q','qty':1,'date':'2026-12-01'}]}", "receipts[0].item: unknown item \"Q\"");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R']}]},"
                 "{'item':'A','operations':[{'seq':10,'resources':['R']}]}]}",
                 "routings[1].item: second routing for item \"A\" (first at routings[0])");
}

static void test_ranges(void)
{
    EXPECT_ERROR(HEAD "'items':[{'id':'A','on_hand':1e999}]}", "items[0].on_hand: inf is not a finite number");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','safety_stock':-5}]}", "items[0].safety_stock: -5 must not be negative");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lead_time_days':1.5}]}", "items[0].lead_time_days: 1.5 must be a whole number");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','inspection_days':-1}]}", "items[0].inspection_days: -1 must not be negative");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','yield':0}]}", "items[0].yield: 0 must be in (0, 1]");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','yield':1.2}]}", "items[0].yield: 1.2 must be in (0, 1]");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':{'rule':'foq'}}]}", "items[0].lot.qty: lot rule foq needs qty > 0");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':{'rule':'poq','periods':0}}]}", "items[0].lot.periods: lot rule poq needs periods >= 1");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':{'rule':'eoq'}}]}", "items[0].lot.rule: unknown lot rule \"eoq\" (lfl, foq, poq, ww, sm)");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lot':{'rule':'lfl','min':-1}}]}", "items[0].lot.min: -1 must not be negative");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','source':'steal'}]}", "items[0].source: unknown source \"steal\" (make, buy, phantom, subcontract, transfer)");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'S','item':'A','qty':0,'due':'2026-12-01'}]}", "orders[0].qty: 0 must be greater than 0");
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'S','item':'A','qty':1,'due':'2026-12-01','design_days':2.5}]}",
                 "orders[0].design_days: 2.5 must be a whole number");
    EXPECT_ERROR(HEAD ITEMS_AB "'bom':[{'parent':'A','component':'B','qty_per':0}]}", "bom[0].qty_per: 0 must be greater than 0");
    EXPECT_ERROR(HEAD ITEMS_AB "'bom':[{'parent':'A','component':'B','qty_per':1,'scrap':-0.1}]}", "bom[0].scrap: -0.1 must not be negative");
    EXPECT_ERROR(HEAD ITEMS_AB "'receipts':[{'id':'P','item':'B','qty':1,'date':'2026-12-01','kind':'gift'}]}",
                 "receipts[0].kind: unknown receipt kind \"gift\" (purchase, production, transfer)");
    EXPECT_ERROR(HEAD "'resources':[{'id':'R','units':1.5}]}", "resources[0].units: 1.5 must be a whole number");
    EXPECT_ERROR(HEAD "'resources':[{'id':'R','efficiency':0}]}", "resources[0].efficiency: 0 must be greater than 0");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','weekdays':[1,8]}]}",
                 "calendars[0].weekdays[1]: 8 is not an ISO weekday (1 = Monday .. 7 = Sunday)");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','weekdays':[]}]}", "calendars[0].weekdays: no weekday works");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','shifts':[['08:00','12:00'],['11:00','13:00']]}]}", "calendars[0].shifts: shifts overlap");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','shifts':[['08:00','22:00']],'overtime_minutes_per_day':700}]}",
                 "calendars[0].overtime_minutes_per_day: overtime would run into the next day's first shift");
    EXPECT_ERROR("{'ordo':2,'horizon':{'start':'2026-11-23','end':'2027-03-31'}}",
                 "ordo: unsupported format version 2 (this engine reads 1)");
    EXPECT_ERROR(HEAD "'objective':'profit'}", "objective: unknown objective \"profit\" (service, tardiness, makespan)");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R']},{'seq':10,'resources':['R']}]}]}",
                 "routings[0].operations[1].seq: duplicate seq 10 (see routings[0].operations[0])");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':[]}]}]}",
                 "routings[0].operations[0].resources: an operation needs at least one resource");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R',{'id':'R'}]}]}]}",
                 "routings[0].operations[0].resources[1].id: resource \"R\" listed twice (see routings[0].operations[0].resources)");
    EXPECT_ERROR(HEAD ITEMS_AB "'resources':[{'id':'R'}],'routings':[{'item':'A','operations':[{'seq':10,'resources':['R'],'run_minutes_per_unit':-1}]}]}",
                 "routings[0].operations[0].run_minutes_per_unit: -1 must not be negative");
}

static void test_dates_and_times(void)
{
    EXPECT_ERROR(HEAD ITEMS_AB "'orders':[{'id':'S','item':'A','qty':1,'due':'2026-13-01'}]}",
                 "orders[0].due: \"2026-13-01\" is not a date (YYYY-MM-DD)");
    EXPECT_ERROR(HEAD ITEMS_AB "'receipts':[{'id':'P','item':'B','qty':1,'date':'1/12/2026'}]}",
                 "receipts[0].date: \"1/12/2026\" is not a date (YYYY-MM-DD)");
    EXPECT_ERROR("{'ordo':1,'horizon':{'start':'2026-11-31','end':'2027-03-31'}}",
                 "horizon.start: \"2026-11-31\" is not a date (YYYY-MM-DD)");
    EXPECT_ERROR("{'ordo':1,'horizon':{'start':'2026-11-23','end':'2026-11-01'}}",
                 "horizon.end: \"2026-11-01\" is before horizon.start \"2026-11-23\"");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','shifts':[['08:00','17:75']]}]}",
                 "calendars[0].shifts[0][1]: \"17:75\" is not a time (HH:MM)");
    EXPECT_ERROR(HEAD "'calendars':[{'id':'c','holidays':['2026-12-32']}]}",
                 "calendars[0].holidays[0]: \"2026-12-32\" is not a date (YYYY-MM-DD)");
    EXPECT_ERROR(HEAD ITEMS_AB "'bom':[{'parent':'A','component':'B','qty_per':1,'from':'2027-01-01','to':'2026-12-01'}]}",
                 "bom[0].to: must be after from (the line would never be used)");
}

static void test_bom_structure(void)
{
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lead_time_days':1},{'id':'B','lead_time_days':1},{'id':'C','lead_time_days':1},{'id':'D'}],"
                      "'bom':[{'parent':'B','component':'C','qty_per':1},{'parent':'A','component':'B','qty_per':1},"
                      "{'parent':'C','component':'A','qty_per':1},{'parent':'C','component':'D','qty_per':1}]}",
                 "bom: cycle A -> B -> C -> A");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','lead_time_days':1}],'bom':[{'parent':'A','component':'A','qty_per':1}]}",
                 "bom: cycle A -> A");
    EXPECT_ERROR(HEAD "'items':[{'id':'A'},{'id':'B'}],'bom':[{'parent':'A','component':'B','qty_per':1}]}",
                 "items[0]: make item \"A\" has neither a routing nor lead_time_days");
    EXPECT_ERROR(HEAD "'items':[{'id':'A','source':'make'}]}", "items[0]: make item \"A\" has neither a routing nor lead_time_days");
}

static void test_all_errors_reported(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/bad_factory.json", src ? src : ".");
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_EINPUT);
    static const char *want[] = {
        "items[2].colour: unknown key \"colour\"",
        "orders[1].qty: expected a number, got a string",
        "items[2].id: duplicate id \"A\" (first at items[0])",
        "calendars[0].shifts[1][1]: \"25:00\" is not a time (HH:MM)",
        "resources[0].calendar: unknown calendar \"nope\"",
        "items[0].lead_time_days: 1.5 must be a whole number",
        "items[0].yield: 1.2 must be in (0, 1]",
        "items[1].lot.qty: lot rule foq needs qty > 0",
        "orders[1].item: unknown item \"Z\"",
        "orders[1].due: \"2026-13-01\" is not a date (YYYY-MM-DD)",
        "bom: cycle A -> B -> A",
    };
    int n = (int)(sizeof want / sizeof want[0]);
    CHECK_EQ(ordo_error_count(m), n);
    for (int i = 0; i < n && i < ordo_error_count(m); i++) CHECK_STR(ordo_error_at(m, i), want[i]);
    ordo_model_close(m);
    /* The cap on kept errors counts the rest. */
    ordo_open_opts o;
    ordo_open_opts_init(&o);
    o.max_errors = 3;
    CHECK_EQ(ordo_model_open(path, &o, &m), ORDO_EINPUT);
    CHECK_EQ(ordo_error_count(m), 3);
    CHECK_EQ(ordo_error_dropped(m), n - 3);
    ordo_model_close(m);
    CHECK_EQ(ordo_model_open("/nonexistent/x.json", NULL, &m), ORDO_EIO);
    ordo_model_close(m);
    CHECK_EQ(ordo_model_open_buffer("{}", 2, NULL, NULL), ORDO_EMISUSE);
    ordo_model_close(NULL);
}

static int32_t item_index(const ordo_model *m, const char *id)
{
    for (int32_t i = 0; i < m->nitem; i++)
        if (strcmp(ordo_str(&m->names, m->item_name[i]), id) == 0) return i;
    return -1;
}

static void test_compiled_model(void)
{
    /* FG -> SUB -> RAW and FG -> RAW directly: RAW is used on two levels and gets code 2. */
    ordo_model *m = EXPECT_OK(HEAD
        "'calendars':[{'id':'std','weekdays':[1,2,3,4,5],'shifts':[['08:00','12:00'],['13:00','17:00']],'holidays':['2026-12-25']}],"
        "'resources':[{'id':'R1','calendar':'std'},{'id':'R2','units':2,'efficiency':0.9}],"
        "'items':[{'id':'FG','calendar':'std','lot':{'rule':'poq','periods':5,'min':10,'multiple':5}},"
        "{'id':'SUB','lead_time_days':2,'yield':0.95},{'id':'RAW','lead_time_days':10,'inspection_days':1,'on_hand':-4},"
        "{'id':'PH','source':'phantom'}],"
        "'bom':[{'parent':'SUB','component':'RAW','qty_per':2,'scrap':0.05},{'parent':'FG','component':'SUB','qty_per':1},"
        "{'parent':'FG','component':'RAW','qty_per':0.5,'from':'2026-12-01','to':null},{'parent':'FG','component':'PH','qty_per':1}],"
        "'routings':[{'item':'FG','operations':[{'seq':20,'resources':['R2'],'run_minutes_per_unit':2},"
        "{'seq':10,'resources':['R1',{'id':'R2','run_minutes_per_unit':1.2}],'setup_minutes':30,'run_minutes_per_unit':0.8}]}],"
        "'receipts':[{'id':'PO-1','item':'RAW','qty':100,'date':'2026-11-28'}],"
        "'orders':[{'id':'SO-1','item':'FG','qty':300,'due':'2026-12-15','priority':2,'urgent':true,'design_days':3}]}");
    if (!m) return;
    int32_t fg = item_index(m, "FG"), sub = item_index(m, "SUB"), raw = item_index(m, "RAW"), ph = item_index(m, "PH");
    CHECK_EQ(m->item_src[fg], ORDO_SRC_MAKE);  /* has a routing */
    CHECK_EQ(m->item_src[sub], ORDO_SRC_MAKE); /* has BOM children */
    CHECK_EQ(m->item_src[raw], ORDO_SRC_BUY);  /* neither */
    CHECK_EQ(m->item_src[ph], ORDO_SRC_PHANTOM);
    CHECK_EQ(m->item_llc[fg], 0);
    CHECK_EQ(m->item_llc[sub], 1);
    CHECK_EQ(m->item_llc[raw], 2);
    CHECK_EQ(m->item_llc[ph], 1);
    CHECK_EQ(m->nlevels, 3);
    CHECK_EQ(m->item_cal[fg], 0);
    CHECK_EQ(m->item_cal[sub], -1);
    CHECK(m->item_on_hand[raw] == -4);
    CHECK(m->item_yield[sub] == 0.95 && m->item_yield[fg] == 1.0);
    CHECK_EQ(m->lot_rule[fg], ORDO_LOT_POQ);
    CHECK_EQ(m->lot_periods[fg], 5);
    CHECK(m->lot_min[fg] == 10 && m->lot_mult[fg] == 5);
    /* BOM as CSR by parent, input order within a parent. */
    CHECK_EQ(m->bom_start[fg + 1] - m->bom_start[fg], 3);
    int32_t k = m->bom_start[fg];
    CHECK_EQ(m->bom_child[k], sub);
    CHECK_EQ(m->bom_child[k + 1], raw);
    CHECK(m->bom_qty[k + 1] == 0.5);
    CHECK_EQ(m->bom_from[k + 1] != ORDO_DAY_MIN, 1);
    CHECK_EQ(m->bom_to[k + 1], ORDO_DAY_MAX);
    CHECK(m->bom_scrap[m->bom_start[sub]] == 0.05);
    /* Routing sorted by seq; alternatives keep the operation's times unless overridden. */
    CHECK_EQ(m->rout_start[fg + 1] - m->rout_start[fg], 2);
    int32_t o = m->rout_start[fg];
    CHECK_EQ(m->op_seq[o], 10);
    CHECK_EQ(m->op_seq[o + 1], 20);
    CHECK_EQ(m->op_alt_start[o + 1] - m->op_alt_start[o], 2);
    int32_t a = m->op_alt_start[o];
    CHECK(m->alt_setup[a] == 30 && m->alt_run[a] == 0.8);
    CHECK(m->alt_setup[a + 1] == 30 && m->alt_run[a + 1] == 1.2);
    CHECK_EQ(m->res_units[1], 2);
    CHECK(m->res_eff[1] == 0.9 && m->res_eff[0] == 1.0);
    CHECK_EQ(m->res_cal[1], -1);
    CHECK_EQ(m->cal[0].nhol, 1);
    CHECK_EQ(m->or_urgent[0], 1);
    CHECK_EQ(m->or_design[0], 3);
    CHECK(m->or_prio[0] == 2);
    CHECK_EQ(m->rc_kind[0], ORDO_RC_PURCHASE);
    ordo_stats st;
    CHECK_EQ(ordo_model_stats(m, &st), ORDO_OK);
    CHECK_EQ(st.items, 4);
    CHECK_EQ(st.bom_levels, 3);
    CHECK_EQ(st.operations, 2);
    CHECK_EQ(st.orders_urgent, 1);
    ordo_model_close(m);
}

/* The interner's word-at-a-time paths against its byte-at-a-time ones: fixed-width fields
** (string, NUL, leftovers, then the next field's bytes) measured and hashed as the plain
** string; a column interned in one call gets the sids that one-by-one interning gives,
** equal strings one sid, different strings different sids, whatever their lengths around
** the 8-byte words. */
static void interner_case(int repeats)
{
    enum { N = 6000, W = 40, STRIDE = W + 5 };
    char *rows = calloc((size_t)N * STRIDE + ORDO_STR_SLACK, 1);
    uint32_t *len = malloc(N * sizeof *len), *hash = malloc(N * sizeof *hash);
    int32_t *sid = malloc(N * sizeof *sid);
    uint64_t x = 7;
    int bad_len = 0, bad_hash = 0;
    for (int r = 0; r < N; r++) {
        char *f = rows + (size_t)r * STRIDE;
        for (int k = 0; k < STRIDE; k++) f[k] = (char)(1 + ordo_splitmix64(&x) % 255); /* no NUL anywhere */
        size_t width = 1 + ordo_splitmix64(&x) % W, l;
        if (repeats && r % 3 == 0 && r >= 3) { /* a string seen before: the same bytes, the width may differ */
            const char *g = rows + (size_t)(r - 3 * (1 + ordo_splitmix64(&x) % (size_t)(r / 3))) * STRIDE;
            l = len[(g - rows) / STRIDE];
            if (width < l) width = l;
            memcpy(f, g, l);
        } else if (r % 7 == 0) {
            l = width; /* the whole field: no NUL */
        } else {
            l = ordo_splitmix64(&x) % (width + 1);
            if (r % 5 == 0 && r >= 5) { /* an earlier string's prefix or extension, around a word */
                const char *g = rows + (size_t)(r - 5) * STRIDE;
                memcpy(f, g, l < len[r - 5] ? l : len[r - 5]);
            }
        }
        if (l < width) f[l] = 0; /* the bytes after it stay: a writer may leave them */
        uint32_t got;
        hash[r] = ordo_strpool_hash_field(f, width, &got);
        len[r] = (uint32_t)l;
        bad_len += got != l;
        bad_hash += hash[r] != ordo_strpool_hash(f, l);
    }
    CHECK_EQ(bad_len, 0);
    CHECK_EQ(bad_hash, 0);
    ordo_strpool a, b;
    CHECK_EQ(ordo_strpool_init(&a), 0);
    CHECK_EQ(ordo_strpool_init(&b), 0);
    CHECK_EQ(ordo_strpool_intern_n(&a, rows, STRIDE, len, hash, N, sid), 0);
    int differ = 0, wrong = 0;
    for (int r = 0; r < N; r++) {
        const char *f = rows + (size_t)r * STRIDE;
        int32_t plain = len[r] ? ordo_strpool_intern(&b, f, len[r]) : -1;
        differ += plain != sid[r];
        wrong += len[r] && (strlen(ordo_str(&a, sid[r])) != len[r] || memcmp(ordo_str(&a, sid[r]), f, len[r]) != 0);
    }
    CHECK_EQ(differ, 0);
    CHECK_EQ(wrong, 0);
    CHECK_EQ(a.n, b.n);
    if (repeats) CHECK(a.n > N / 2 && a.n < N); /* repeats were found, and most strings are new */
    ordo_strpool_free(&a);
    ordo_strpool_free(&b);
    free(rows), free(len), free(hash), free(sid);
}

static void test_string_interner(void)
{
    interner_case(1);
    interner_case(0);
    /* a copy of a pool, empty or not, goes on interning and finding like the original */
    ordo_strpool a, b, c;
    CHECK_EQ(ordo_strpool_init(&a), 0);
    CHECK_EQ(ordo_strpool_copy(&b, &a), 0);
    char s[32];
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        int l = snprintf(s, sizeof s, "S%d", i);
        bad += ordo_strpool_intern(&b, s, (size_t)l) != i;
    }
    CHECK_EQ(ordo_strpool_copy(&c, &b), 0);
    for (int i = 0; i < 4000; i++) {
        int l = snprintf(s, sizeof s, "S%d", i);
        bad += ordo_strpool_intern(&c, s, (size_t)l) != i || ordo_strpool_find(&c, s, (size_t)l) != i;
        bad += i < 2000 && (ordo_strpool_find(&b, s, (size_t)l) != i || strcmp(ordo_str(&c, i), s) != 0);
    }
    CHECK_EQ(bad, 0);
    ordo_strpool_free(&a), ordo_strpool_free(&b), ordo_strpool_free(&c);
}

/* Strict JSON text: invalid UTF-8, NUL (raw or \u0000), raw control characters and lone
** surrogates in strings are located errors, never copied or cut short; valid UTF-8 ids
** (raw or escaped) load and come out as valid UTF-8 JSON. */
#define AT80(what) "json: " what " at line 1, column 80"
static void test_strict_text(void)
{
    EXPECT_ERROR(HEAD "'items':[{'id':'A\xff'}]}", AT80("invalid UTF-8"));
    EXPECT_ERROR(HEAD "'items':[{'id':'A\xc0\xaf'}]}", AT80("invalid UTF-8"));     /* overlong '/' */
    EXPECT_ERROR(HEAD "'items':[{'id':'A\xed\xa0\x80'}]}", AT80("invalid UTF-8")); /* a surrogate */
    EXPECT_ERROR(HEAD "'items':[{'id':'A\xf4\x90\x80\x80'}]}", AT80("invalid UTF-8")); /* > U+10FFFF */
    EXPECT_ERROR(HEAD "'items':[{'id':'A\xe2\x82'}]}", AT80("invalid UTF-8"));     /* cut short */
    EXPECT_ERROR(HEAD "'items':[{'id':'A\\u00002601'}]}", AT80("a NUL character (\\u0000) in a string"));
    EXPECT_ERROR(HEAD "'items':[{'id':'A\\ud800x'}]}", AT80("a lone UTF-16 surrogate escape in a string"));
    EXPECT_ERROR(HEAD "'items':[{'id':'A\\udc00'}]}", AT80("a lone UTF-16 surrogate escape in a string"));
    EXPECT_ERROR(HEAD "'items':[{'id':'A\tB'}]}", AT80("a control character in a string (write it as an escape)"));
    EXPECT_ERROR(HEAD "'items':[{'id':'A'}], 'x-note': '\xff'}", "json: invalid UTF-8 at line 1, column 96");
    /* a raw NUL byte, inside a string and after the document */
    char raw[200];
    snprintf(raw, sizeof raw, "%s", J(HEAD "'items':[{'id':'A#B'}]}"));
    size_t n = strlen(raw);
    *strchr(raw, '#') = 0;
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open_buffer(raw, n, NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, AT80("a NUL byte")));
    ordo_model_close(m);
    m = NULL;
    snprintf(raw, sizeof raw, "%s", J(HEAD "'items':[{'id':'A'}]}#junk"));
    n = strlen(raw);
    *strchr(raw, '#') = 0;
    CHECK_EQ(ordo_model_open_buffer(raw, n, NULL, &m), ORDO_EINPUT);
    ordo_model_close(m);
    /* valid: raw multi-byte characters, escapes and a surrogate pair */
    m = EXPECT_OK(HEAD "'items':[{'id':'\xc3\x9c-\xe2\x82\xac-\xf0\x9f\x98\x80'},{'id':'\\u00e9\\ud83d\\ude00'}],"
                       "'orders':[{'id':'SO-\xe2\x82\xac','item':'\\u00e9\\ud83d\\ude00','qty':1,'due':'2026-12-01'}]}");
    ordo_plan *p = NULL;
    CHECK(m && ordo_plan_run(m, NULL, &p) == ORDO_OK);
    char dir[64], path[128], err[256];
    snprintf(dir, sizeof dir, "/tmp/ordo_test_load_%ld", (long)getpid());
    CHECK(p && ordo_plan_write(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err) == ORDO_OK);
    snprintf(path, sizeof path, "%s/plan.json", dir);
    size_t len = 0, at = 0;
    char *text = test_slurp(path, &len);
    CHECK(text && ordo_json_text_check(text, len, &at) == NULL);
    cJSON *j = text ? cJSON_ParseWithLength(text, len) : NULL;
    CHECK(j != NULL);
    CHECK(text && strstr(text, "\"SO-\xe2\x82\xac\"") && strstr(text, "\"\xc3\xa9\xf0\x9f\x98\x80\""));
    cJSON_Delete(j);
    free(text);
    unlink(path);
    rmdir(dir);
    ordo_plan_close(p);
    ordo_model_close(m);
    /* the checker itself */
    CHECK_EQ(ordo_utf8_check("ab\xc3\xa9", 4), 4);
    CHECK_EQ(ordo_utf8_check("ab\xc3", 3), 2);
    CHECK_EQ(ordo_utf8_check("\xef\xbf\xbf\xf4\x8f\xbf\xbf", 7), 7);
}

int main(void)
{
    test_strict_text();
    test_string_interner();
    test_syntax();
    test_required_and_types();
    test_unknown_keys();
    test_ids_and_references();
    test_ranges();
    test_dates_and_times();
    test_bom_structure();
    test_all_errors_reported();
    test_compiled_model();
    return test_report("test_load");
}
