/*
** test_quote.c -- quotes (ordo_quote_json) and insertions (ordo_insert_json) against a
** frozen plan: hand-computed promises where stock, material and capacity bind; and, on the
** demo set and generated factories, that every promise is exact: inserting the order due on
** the promise is on time without moving anything (the independent checker passes and no
** base order's completion moves), and due a day earlier it is late.
**
** usage: test_quote [PATH/TO/ordo_gen]   (ORDO_SOURCE_DIR names the source tree)
*/
#include "test.h"

#include "dates.h"
#include "plan.h"

#include "ordo.h"

#include <cjson/cJSON.h>
#include <unistd.h>

static ordo_plan *plan_of(const ordo_model *m, int threads)
{
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = threads;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
    return p;
}

/* Quote one candidate; returns the parsed answer (caller deletes). */
static cJSON *quote1(ordo_quoter *q, const char *cand)
{
    char *out = NULL, err[1024];
    ordo_rc rc = ordo_quote_json(q, cand, strlen(cand), "order", 1, 0, &out, NULL, err, sizeof err);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        fprintf(stderr, "  %s\n", err);
        return NULL;
    }
    cJSON *j = cJSON_Parse(out);
    free(out);
    CHECK(j != NULL);
    return j;
}

static const char *str_of(const cJSON *j, const char *key)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(j, key);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* Insert item x qty due on day into base; 1 on time with nothing moved and the checker
** passing, 0 late (also checked), -1 on a failure. */
static int insert_on_time(const ordo_plan *base, const char *item, double qty, int32_t due)
{
    char req[512], d[11];
    ordo_format_date(due, d);
    snprintf(req, sizeof req, "{\"id\": \"NEW-1\", \"item\": \"%s\", \"qty\": %.10g, \"due\": \"%s\"}", item, qty, d);
    ordo_model *m2 = NULL;
    ordo_plan *p = NULL;
    char err[1024];
    ordo_rc rc = ordo_insert_json(base, req, strlen(req), "order", NULL, &m2, &p, err, sizeof err);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        fprintf(stderr, "  %s\n", err);
        return -1;
    }
    char msg[2048];
    int problems = ordo_plan_check(p, msg, sizeof msg);
    CHECK_EQ(problems, 0);
    if (problems) fprintf(stderr, "%s", msg);
    const struct ordo_plan *b = base;
    int32_t nord = b->model->nord, moved = 0;
    for (int32_t o = 0; o < nord; o++)
        moved += p->ord_completion[o] != b->ord_completion[o] || p->ord_status[o] != b->ord_status[o];
    CHECK_EQ(moved, 0);
    CHECK_EQ(p->ndist, 0);
    CHECK_EQ(p->nins, 1);
    for (int32_t o = 0; o < b->nop; o++) /* the base schedule is untouched */
        if (p->op_start[o] != b->op_start[o] || p->op_end[o] != b->op_end[o] || p->op_res[o] != b->op_res[o]) moved++;
    CHECK_EQ(moved, 0);
    int on_time = p->ord_status[nord] == ORDO_ST_ON_TIME;
    ordo_plan_close(p);
    ordo_model_close(m2);
    return problems ? -1 : on_time;
}

/* The promise of item x qty must be exact: on time due on it, late a day earlier. */
static void check_exact(const ordo_plan *base, ordo_quoter *q, const char *item, double qty)
{
    char cand[256];
    snprintf(cand, sizeof cand, "{\"item\": \"%s\", \"qty\": %.10g}", item, qty);
    cJSON *a = quote1(q, cand);
    const char *promise = a ? str_of(a, "promise") : NULL;
    int32_t day;
    if (!promise || ordo_parse_date(promise, &day)) {
        CHECK(promise != NULL);
        cJSON_Delete(a);
        return;
    }
    const cJSON *dist = cJSON_GetObjectItemCaseSensitive(a, "disturbed");
    CHECK(cJSON_IsArray(dist) && cJSON_GetArraySize(dist) == 0);
    int ok = insert_on_time(base, item, qty, day);
    if (ok != 1) fprintf(stderr, "  %s x %g: due on its promise %s is not on time\n", item, qty, promise);
    CHECK_EQ(ok, 1);
    if (day > base->model->h_start) {
        int early = insert_on_time(base, item, qty, day - 1);
        if (early != 0) fprintf(stderr, "  %s x %g: due a day before its promise %s is on time\n", item, qty, promise);
        CHECK_EQ(early, 0);
    }
    cJSON_Delete(a);
}

/* ---- hand-computed promises -------------------------------------------------------------- */
/* R runs one operation at a time around the clock. A (made on R, 1 min per unit) has 50 on
** hand, all taken by O1 (2050 due on day 5), so its plan makes 2000 on R over [0, 2000)
** minutes. B is bought in 3 days and has 100 on hand that nobody needs. */
static const char *small =
    "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'},"
    " 'resources': [{'id': 'R'}],"
    " 'items': [{'id': 'A', 'source': 'make', 'lead_time_days': 1, 'on_hand': 50},"
    "           {'id': 'B', 'source': 'buy', 'lead_time_days': 3, 'on_hand': 100}],"
    " 'routings': [{'item': 'A', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}],"
    " 'orders': [{'id': 'O1', 'item': 'A', 'qty': 2050, 'due': '2026-11-28'}]}";

static void test_sequential(ordo_quoter *q);
static void test_session_ids(const ordo_plan *p);
static void test_bad_element(const ordo_plan *p);

static void test_hand(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open_buffer(test_json(small), strlen(test_json(small)), NULL, &m), ORDO_OK);
    ordo_plan *p = plan_of(m, 1);
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(p, &q), ORDO_OK);
    /* capacity: A's 30 go after the base's 2000 minutes on R: done at 2030 min = day 1
    ** 09:50, so due 2026-11-25 is the first on-time date */
    cJSON *a = quote1(q, "{\"item\": \"A\", \"qty\": 30}");
    CHECK_STR(str_of(a, "promise"), "2026-11-25");
    CHECK_STR(str_of(a, "completion"), "2026-11-24T09:50");
    CHECK_STR(str_of(a, "binding"), "capacity");
    CHECK_STR(str_of(a, "by"), "R");
    cJSON_Delete(a);
    /* stock: B's free 100 cover 40 today */
    a = quote1(q, "{\"item\": \"B\", \"qty\": 40, \"id\": \"S\"}");
    CHECK_STR(str_of(a, "id"), "S");
    CHECK_STR(str_of(a, "promise"), "2026-11-23");
    CHECK_STR(str_of(a, "binding"), "stock");
    CHECK_STR(str_of(a, "by"), "B");
    cJSON_Delete(a);
    /* material: 500 of B = 100 in stock + 400 bought today, there in 3 days */
    a = quote1(q, "{\"item\": \"B\", \"qty\": 500, \"due\": \"2026-11-25\"}");
    CHECK_STR(str_of(a, "promise"), "2026-11-26");
    CHECK_STR(str_of(a, "binding"), "material");
    CHECK_STR(str_of(a, "by"), "B");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(a, "meets_request")));
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(a, "path");
    CHECK(cJSON_GetArraySize(path) == 1 && strcmp(str_of(cJSON_GetArrayItem(path, 0), "step"), "buy") == 0);
    cJSON_Delete(a);
    check_exact(p, q, "A", 30);
    check_exact(p, q, "A", 3000);
    check_exact(p, q, "B", 40);
    check_exact(p, q, "B", 500);
    test_sequential(q);
    test_session_ids(p);
    test_bad_element(p);
    ordo_quoter_close(q);
    ordo_plan_close(p);
    ordo_model_close(m);
}

/* ---- requests: sequential candidates, session ids, bad elements, what binds ------------------ */

/* The lines of out, parsed (at most max); returns their count. */
static int lines_of(const char *out, cJSON **v, int max)
{
    int n = 0;
    for (const char *s = out; s && *s && n < max;) {
        const char *e = strchr(s, '\n');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        v[n++] = cJSON_ParseWithLength(s, l);
        s = e ? e + 1 : s + l;
    }
    return n;
}

static void free_lines(cJSON **v, int n)
{
    for (int k = 0; k < n; k++) cJSON_Delete(v[k]);
}

/* Quote json (expecting rc) and parse its lines into v; returns their count. */
static int quote_lines(ordo_quoter *q, const char *json, ordo_rc rc, cJSON **v, int max, char *err, size_t nerr)
{
    char *out = NULL;
    CHECK_EQ(ordo_quote_json(q, json, strlen(json), "orders", 1, 0, &out, NULL, err, nerr), rc);
    int n = lines_of(out, v, max);
    free(out);
    return n;
}

/* B has 100 free on hand and is bought in 3 days; A runs on R after the base's 2000 minutes
** (see small). Apart, two candidates for 100 B both get the stock today; in turn, the second
** finds it taken and buys: released today, there on day 3, promise 2026-11-26. Two of 30 A
** in turn: the first ends at 2030 min (day 1 09:50), the second after it at 2060 min (day 1
** 10:20); apart both end at 09:50. */
static void test_sequential(ordo_quoter *q)
{
    cJSON *v[4] = {0};
    char err[1024];
    const char *apart = "{\"orders\": [{\"item\": \"B\", \"qty\": 100}, {\"item\": \"B\", \"qty\": 100}]}";
    int n = quote_lines(q, apart, ORDO_OK, v, 4, err, sizeof err);
    CHECK_EQ(n, 2);
    if (n == 2) {
        CHECK_STR(str_of(v[0], "promise"), "2026-11-23");
        CHECK_STR(str_of(v[1], "promise"), "2026-11-23");
        CHECK_STR(str_of(v[1], "binding"), "stock");
    }
    free_lines(v, n);
    const char *turn = "{\"sequential\": true, \"orders\": [{\"item\": \"B\", \"qty\": 100}, {\"item\": \"B\", \"qty\": 100},"
                       " {\"item\": \"A\", \"qty\": 30}, {\"item\": \"A\", \"qty\": 30}]}";
    n = quote_lines(q, turn, ORDO_OK, v, 4, err, sizeof err);
    CHECK_EQ(n, 4);
    if (n == 4) {
        CHECK_STR(str_of(v[0], "promise"), "2026-11-23");
        CHECK_STR(str_of(v[0], "binding"), "stock");
        CHECK_STR(str_of(v[1], "promise"), "2026-11-26");
        CHECK_STR(str_of(v[1], "binding"), "material");
        CHECK_STR(str_of(v[2], "completion"), "2026-11-24T09:50");
        CHECK_STR(str_of(v[3], "completion"), "2026-11-24T10:20");
        CHECK_STR(str_of(v[3], "binding"), "capacity");
    }
    free_lines(v, n);
    /* the quoter's base is untouched: the stock is free again for the next request */
    n = quote_lines(q, "[{\"item\": \"B\", \"qty\": 100}]", ORDO_OK, v, 4, err, sizeof err);
    CHECK(n == 1 && str_of(v[0], "promise") && strcmp(str_of(v[0], "promise"), "2026-11-23") == 0);
    free_lines(v, n);
    n = quote_lines(q, "{\"sequential\": 1, \"orders\": [{\"item\": \"B\", \"qty\": 1}]}", ORDO_EINPUT, v, 4, err, sizeof err);
    CHECK_EQ(n, 0);
    CHECK(strstr(err, "sequential: not true or false") != NULL);
}

/* Unnamed quotes count on across the calls of one quoter (a session's lines), named ones
** keep their id and still count; a fresh quoter starts again at QUOTE-1. */
static void test_session_ids(const ordo_plan *p)
{
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(p, &q), ORDO_OK);
    cJSON *v[4] = {0};
    char err[1024];
    int n = quote_lines(q, "[{\"item\": \"B\", \"qty\": 1}, {\"item\": \"B\", \"qty\": 2}]", ORDO_OK, v, 4, err, sizeof err);
    CHECK(n == 2 && str_of(v[0], "id") && str_of(v[1], "id"));
    if (n == 2) {
        CHECK_STR(str_of(v[0], "id"), "QUOTE-1");
        CHECK_STR(str_of(v[1], "id"), "QUOTE-2");
    }
    free_lines(v, n);
    n = quote_lines(q, "[{\"item\": \"B\", \"qty\": 3, \"id\": \"MINE\"}, {\"item\": \"B\", \"qty\": 4}]", ORDO_OK, v, 4, err, sizeof err);
    CHECK_EQ(n, 2);
    if (n == 2) {
        CHECK_STR(str_of(v[0], "id"), "MINE");
        CHECK_STR(str_of(v[1], "id"), "QUOTE-4");
    }
    free_lines(v, n);
    ordo_quoter_close(q);
}

/* One bad element among good ones: the good ones answered in their places, the bad one an
** error line with its located errors; the call says ORDO_EINPUT and err lists them. */
static void test_bad_element(const ordo_plan *p)
{
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(p, &q), ORDO_OK);
    cJSON *v[4] = {0};
    char err[1024];
    const char *req = "[{\"item\": \"B\", \"qty\": 40}, {\"item\": \"Z\", \"qty\": 0, \"id\": \"BAD\"}, {\"item\": \"B\", \"qty\": 500}]";
    int n = quote_lines(q, req, ORDO_EINPUT, v, 4, err, sizeof err);
    CHECK_EQ(n, 3);
    if (n == 3) {
        CHECK_STR(str_of(v[0], "promise"), "2026-11-23");
        CHECK_STR(str_of(v[0], "id"), "QUOTE-1");
        CHECK_STR(str_of(v[1], "id"), "BAD");
        CHECK_STR(str_of(v[1], "error"), "orders[1].item: unknown item \"Z\"; orders[1].qty: missing or not a number > 0 and at most 1e9");
        CHECK(str_of(v[1], "promise") == NULL);
        CHECK_STR(str_of(v[2], "promise"), "2026-11-26");
        CHECK_STR(str_of(v[2], "id"), "QUOTE-2");
    }
    free_lines(v, n);
    CHECK(strstr(err, "orders[1].item: unknown item \"Z\"") != NULL);
    /* a request that is not readable at all answers nothing */
    n = quote_lines(q, "[{\"item\": ", ORDO_EINPUT, v, 4, err, sizeof err);
    CHECK_EQ(n, 0);
    ordo_quoter_close(q);
}

/* C is made on S, which the base plan never uses, 2 min per unit, around the clock, with no
** components: 45 of C start at the first minute, 2026-11-23T00:00, and end at 01:30. No
** operation waited for a gap, so nothing binds (not "capacity"): binding none, by null.
** D, made on R after the base's 2000 minutes there, waits: capacity, by R. */
static const char *idle =
    "{'ordo': 1, 'horizon': {'start': '2026-11-23', 'end': '2027-01-31'},"
    " 'resources': [{'id': 'R'}, {'id': 'S'}],"
    " 'items': [{'id': 'A', 'source': 'make', 'lead_time_days': 1},"
    "           {'id': 'C', 'source': 'make', 'lead_time_days': 1}, {'id': 'D', 'source': 'make', 'lead_time_days': 1}],"
    " 'routings': [{'item': 'A', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]},"
    "              {'item': 'C', 'operations': [{'seq': 10, 'resources': ['S'], 'run_minutes_per_unit': 2}]},"
    "              {'item': 'D', 'operations': [{'seq': 10, 'resources': ['R'], 'run_minutes_per_unit': 1}]}],"
    " 'orders': [{'id': 'O1', 'item': 'A', 'qty': 2000, 'due': '2026-11-28'}]}";

static void test_binding(void)
{
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open_buffer(test_json(idle), strlen(test_json(idle)), NULL, &m), ORDO_OK);
    if (!m) return;
    ordo_plan *p = plan_of(m, 1);
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(p, &q), ORDO_OK);
    cJSON *a = quote1(q, "{\"item\": \"C\", \"qty\": 45}");
    CHECK_STR(str_of(a, "completion"), "2026-11-23T01:30");
    CHECK_STR(str_of(a, "promise"), "2026-11-24");
    CHECK_STR(str_of(a, "binding"), "none");
    CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "by")));
    cJSON_Delete(a);
    a = quote1(q, "{\"item\": \"D\", \"qty\": 30}");
    CHECK_STR(str_of(a, "completion"), "2026-11-24T09:50");
    CHECK_STR(str_of(a, "binding"), "capacity");
    CHECK_STR(str_of(a, "by"), "R");
    cJSON_Delete(a);
    check_exact(p, q, "C", 45);
    ordo_quoter_close(q);
    ordo_plan_close(p);
    ordo_model_close(m);
}

/* ---- exactness on whole factories ------------------------------------------------------------ */

/* Every make and buy item at two quantities; answers equal at 1 and 2 threads. */
static void test_factory(ordo_model *m, int every)
{
    ordo_plan *p = plan_of(m, 2);
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(p, &q), ORDO_OK);
    const struct ordo_plan *P = p;
    const ordo_model *mm = P->model;
    char *all = malloc(1 << 20), *w = all;
    w += sprintf(w, "[");
    int n = 0;
    for (int32_t i = 0; i < mm->nitem; i += every) {
        if (mm->item_src[i] == ORDO_SRC_PHANTOM) continue;
        const char *name = ordo_str(&mm->names, mm->item_name[i]);
        double qty = 10 + (i % 7) * 45;
        check_exact(p, q, name, qty);
        if (w - all < (1 << 20) - 512) w += sprintf(w, "%s{\"item\": \"%s\", \"qty\": %g}", n++ ? "," : "", name, qty);
    }
    sprintf(w, "]");
    char *o1 = NULL, *o2 = NULL, err[256];
    ordo_quoter *q1 = NULL, *q2 = NULL; /* fresh quoters: the same QUOTE-n names */
    CHECK_EQ(ordo_quoter_open(p, &q1), ORDO_OK);
    CHECK_EQ(ordo_quoter_open(p, &q2), ORDO_OK);
    CHECK_EQ(ordo_quote_json(q1, all, strlen(all), "orders", 1, 0, &o1, NULL, err, sizeof err), ORDO_OK);
    CHECK_EQ(ordo_quote_json(q2, all, strlen(all), "orders", 2, 0, &o2, NULL, err, sizeof err), ORDO_OK);
    CHECK(o1 && o2 && strcmp(o1, o2) == 0);
    free(o1), free(o2), free(all);
    ordo_quoter_close(q1);
    ordo_quoter_close(q2);
    ordo_quoter_close(q);
    ordo_plan_close(p);
}

int main(int argc, char **argv)
{
    test_hand();
    test_binding();
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (m) test_factory(m, 1);
    ordo_model_close(m);
    if (argc > 1) { /* generated factories */
        for (int seed = 1; seed <= 2; seed++) {
            char cmd[2048], file[256];
            snprintf(file, sizeof file, "/tmp/ordo_quote_%ld_%d.json", (long)getpid(), seed);
            snprintf(cmd, sizeof cmd, "%s --items 300 --orders 200 --seed %d -o %s", argv[1], seed, file);
            CHECK_EQ(system(cmd), 0);
            m = NULL;
            CHECK_EQ(ordo_model_open(file, NULL, &m), ORDO_OK);
            remove(file);
            if (m && ordo_error_count(m) == 0) test_factory(m, 7);
            ordo_model_close(m);
        }
    }
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
