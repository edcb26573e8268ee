/*
** test_h5.c -- the HDF5 form of a data set: JSON -> HDF5 -> JSON gives the same data set
** (byte-identical canonical JSON), a plan from the HDF5 input equals the plan from the
** JSON input, and bad HDF5 input gets the same located errors as the same data in JSON,
** plus its own (missing table, wrong column type, dangling parent row).
*/
#define _POSIX_C_SOURCE 200809L
#include "input.h"
#include "ordo.h"
#include "plan.h"
#include "test.h"
#include "h5table.h"

#include <hdf5.h>
#include <omp.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[256];
static char demo_json[512]; /* the demo data set */

static const char *tmp(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = test_slurp(a, &la), *y = test_slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static ordo_rc convert(const char *in, const char *out)
{
    ordo_model *m = NULL;
    ordo_rc rc = ordo_convert(in, out, NULL, &m);
    if (rc != ORDO_OK && m)
        for (int i = 0; i < ordo_error_count(m); i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
    ordo_model_close(m);
    return rc;
}

/* The plans of two data sets are the same, row for row. */
static void same_plans(const char *a, const char *b)
{
    ordo_model *ma = NULL, *mb = NULL;
    ordo_plan *pa = NULL, *pb = NULL;
    CHECK_EQ(ordo_model_open(a, NULL, &ma), ORDO_OK);
    CHECK_EQ(ordo_model_open(b, NULL, &mb), ORDO_OK);
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    if (ma && mb && ordo_plan_run(ma, &o, &pa) == ORDO_OK && ordo_plan_run(mb, &o, &pb) == ORDO_OK) {
        CHECK_EQ(pa->npo, pb->npo);
        CHECK_EQ(pa->nop, pb->nop);
        CHECK_EQ(pa->nlnk, pb->nlnk);
        CHECK_EQ(pa->nexc, pb->nexc);
        int same = pa->npo == pb->npo && pa->nop == pb->nop;
        for (int32_t q = 0; same && q < pa->npo; q++)
            same = pa->po_item[q] == pb->po_item[q] && pa->po_qty[q] == pb->po_qty[q] &&
                   pa->po_release[q] == pb->po_release[q] && pa->po_avail_t[q] == pb->po_avail_t[q];
        for (int32_t k = 0; same && k < pa->nop; k++)
            same = pa->op_start[k] == pb->op_start[k] && pa->op_end[k] == pb->op_end[k] && pa->op_res[k] == pb->op_res[k];
        for (int32_t k = 0; same && k < ma->nord; k++) same = pa->ord_completion[k] == pb->ord_completion[k];
        CHECK(same);
        /* the state saved from one form serves the other: a model's fingerprint does not
        ** depend on the order in which its loader interned the strings */
        char err[256] = "";
        ordo_plan *pc = NULL;
        CHECK_EQ(ordo_plan_save_state(pa, dir, err, sizeof err), ORDO_OK);
        CHECK_EQ(ordo_plan_load_state(mb, dir, &pc, err, sizeof err), ORDO_OK);
        if (!pc) fprintf(stderr, "%s -> %s: %s\n", a, b, err);
        ordo_plan_close(pc);
    } else {
        t_fail++;
    }
    ordo_plan_close(pa);
    ordo_plan_close(pb);
    ordo_model_close(ma);
    ordo_model_close(mb);
}

/* JSON text saved as HDF5 without validation (the raw tables as loaded). */
static void raw_to_h5(const char *json, const char *out)
{
    ordo_input in;
    ordo_diag d;
    ordo_diag_init(&d, 100);
    CHECK_EQ(ordo_input_init(&in), 0);
    CHECK(ordo_load_json(json, strlen(json), &in, &d) >= 0);
    char err[256];
    CHECK_EQ(ordo_save_h5(&in, out, err, sizeof err), 0);
    ordo_input_free(&in);
    ordo_diag_free(&d);
}

static int has_error(const ordo_model *m, const char *text)
{
    for (int i = 0; i < ordo_error_count(m); i++)
        if (strstr(ordo_error_at(m, i), text)) return 1;
    return 0;
}

/* Every validation error of a JSON document appears for its HDF5 form, and no other. */
static void same_errors(const char *json, const char *name)
{
    const char *h5 = tmp(name);
    raw_to_h5(json, h5);
    ordo_model *mj = NULL, *mh = NULL;
    CHECK_EQ(ordo_model_open_buffer(json, strlen(json), NULL, &mj), ORDO_EINPUT);
    CHECK_EQ(ordo_model_open(h5, NULL, &mh), ORDO_EINPUT);
    if (!mj || !mh) return;
    CHECK(ordo_error_count(mh) > 0);
    CHECK_EQ(ordo_error_count(mh), ordo_error_count(mj));
    for (int i = 0; i < ordo_error_count(mh); i++) {
        int found = has_error(mj, ordo_error_at(mh, i));
        if (!found) fprintf(stderr, "%s: HDF5 error not given for JSON: %s\n", name, ordo_error_at(mh, i));
        CHECK(found);
    }
    ordo_model_close(mj);
    ordo_model_close(mh);
}

static void test_round_trip(const char *src)
{
    char demo[1024];
    snprintf(demo, sizeof demo, "%s/datasets/demo/factory.json", src);
    CHECK_EQ(convert(demo, tmp("a.json")), ORDO_OK);
    CHECK_EQ(convert(demo, tmp("d.h5")), ORDO_OK);
    CHECK_EQ(convert(tmp("d.h5"), tmp("b.json")), ORDO_OK);
    CHECK_EQ(convert(tmp("b.json"), tmp("e.h5")), ORDO_OK);
    CHECK_EQ(convert(tmp("e.h5"), tmp("c.json")), ORDO_OK);
    CHECK(same_file(tmp("a.json"), tmp("b.json")));
    CHECK(same_file(tmp("b.json"), tmp("c.json")));
    same_plans(demo, tmp("d.h5"));
    same_plans(tmp("a.json"), tmp("e.h5"));
}

/* A generated data set whose orders, BOM and operation tables span several of the
** reader's blocks (16,384 rows): the same canonical JSON after JSON -> HDF5 -> JSON. */
static void test_round_trip_large(const char *gen)
{
    char cmd[1024];
    /* 110,000 orders: 7 blocks of 16,384 rows, more than the loader's 6 buffers */
    snprintf(cmd, sizeof cmd, "%s --items 12000 --orders 110000 --seed 3 -o %s", gen, tmp("g.json"));
    CHECK_EQ(system(cmd), 0);
    CHECK_EQ(convert(tmp("g.json"), tmp("g1.json")), ORDO_OK);
    CHECK_EQ(convert(tmp("g.json"), tmp("g.h5")), ORDO_OK);
    CHECK_EQ(convert(tmp("g.h5"), tmp("g2.json")), ORDO_OK);
    CHECK(same_file(tmp("g1.json"), tmp("g2.json")));
    /* The reader and the interner on two threads give every string the same id as one
    ** thread does: the same pool, byte for byte, and the same rows. */
    ordo_input in1, in2;
    ordo_diag d1, d2;
    ordo_diag_init(&d1, 10), ordo_diag_init(&d2, 10);
    CHECK_EQ(ordo_input_init(&in1), 0);
    CHECK_EQ(ordo_input_init(&in2), 0);
    omp_set_num_threads(1);
    CHECK_EQ(ordo_load_h5(tmp("g.h5"), &in1, &d1), 0);
    omp_set_num_threads(2);
    CHECK_EQ(ordo_load_h5(tmp("g.h5"), &in2, &d2), 0);
    CHECK_EQ(in1.strings.n, in2.strings.n);
    CHECK(in1.strings.nbytes == in2.strings.nbytes && memcmp(in1.strings.bytes, in2.strings.bytes, in1.strings.nbytes) == 0);
    for (int t = 0; t < ORDO_NTAB; t++) {
        CHECK(in1.tab[t].len == in2.tab[t].len);
        CHECK(in1.tab[t].len == in2.tab[t].len &&
              (in1.tab[t].len == 0 || memcmp(in1.tab[t].data, in2.tab[t].data, in1.tab[t].len * in1.tab[t].elem) == 0));
    }
    /* A boolean column holding 2 in three rows, in blocks that two threads build in any
    ** order, one of them in a reused buffer: the errors still come in row order. */
    ordo_raw_order *o = ORDO_ROWS(&in1, ordo_raw_order, ORDO_TAB_ORDER);
    const int32_t badrow[3] = {109989, 9, 39999};
    for (int k = 0; k < 3 && in1.tab[ORDO_TAB_ORDER].len == 110000; k++) {
        o[badrow[k]].urgent = 2;
        o[badrow[k]].h.given |= 1u << F_OR_URGENT, o[badrow[k]].h.present |= 1u << F_OR_URGENT;
    }
    char err[256];
    CHECK_EQ(ordo_save_h5(&in1, tmp("badbool.h5"), err, sizeof err), 0);
    ordo_model *mb = NULL;
    CHECK_EQ(ordo_model_open(tmp("badbool.h5"), NULL, &mb), ORDO_EINPUT);
    CHECK(mb && ordo_error_count(mb) == 3);
    if (mb && ordo_error_count(mb) == 3) {
        CHECK(strcmp(ordo_error_at(mb, 0), "orders[9].urgent: expected a boolean (0 or 1), got 2") == 0);
        CHECK(strstr(ordo_error_at(mb, 1), "orders[39999].urgent:") != NULL);
        CHECK(strstr(ordo_error_at(mb, 2), "orders[109989].urgent:") != NULL);
    }
    ordo_model_close(mb);
    ordo_input_free(&in1), ordo_input_free(&in2);
    ordo_diag_free(&d1), ordo_diag_free(&d2);
    /* Orders are compiled in parallel past 65,536 rows: errors still come in row order. */
    size_t len;
    char *txt = test_slurp(tmp("g1.json"), &len);
    CHECK(txt != NULL);
    if (!txt) return;
    const char *bad_ids[3] = {"\"SO0069990\"", "\"SO0000010\"", "\"SO0040000\""};
    for (int k = 0; k < 3; k++) { /* month 13 in each one's due date */
        char *at = strstr(txt, bad_ids[k]), *due = at ? strstr(at, "\"due\": \"") : NULL;
        CHECK(due != NULL);
        if (due) memcpy(due + 13, "13", 2);
    }
    FILE *f = fopen(tmp("bad.json"), "wb");
    CHECK(f && fwrite(txt, 1, len, f) == len);
    if (f) fclose(f);
    free(txt);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("bad.json"), NULL, &m), ORDO_EINPUT);
    CHECK(m && ordo_error_count(m) == 3);
    if (m && ordo_error_count(m) == 3) {
        CHECK(strstr(ordo_error_at(m, 0), "orders[9].due:") != NULL);
        CHECK(strstr(ordo_error_at(m, 1), "orders[39999].due:") != NULL);
        CHECK(strstr(ordo_error_at(m, 2), "orders[69989].due:") != NULL);
    }
    ordo_model_close(m);
}

static void test_bad_input(const char *src)
{
    /* validation errors: the same located messages as JSON */
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/tests/data/bad_factory.json", src);
    char *bad = test_slurp(path, &len);
    CHECK(bad != NULL);
    if (bad) { /* its load-level errors (a string for a number, an unknown key) cannot be
               ** written to HDF5; the rest must come out the same */
        ordo_model *mh = NULL;
        raw_to_h5(bad, tmp("bad.h5"));
        CHECK_EQ(ordo_model_open(tmp("bad.h5"), NULL, &mh), ORDO_EINPUT);
        CHECK(mh && has_error(mh, "orders[1].due: \"2026-13-01\" is not a date"));
        CHECK(mh && has_error(mh, "bom: cycle"));
        CHECK(mh && has_error(mh, "orders[1].item"));
        ordo_model_close(mh);
        free(bad);
    }
    same_errors("{\"ordo\": 1, \"horizon\": {\"start\": \"2026-11-23\", \"end\": \"2027-03-31\"},"
                " \"items\": [{\"id\": \"A\"}],"
                " \"orders\": [{\"id\": \"SO-1\", \"item\": \"Z\", \"qty\": 1, \"due\": \"2026-12-01\"}]}",
                "dangling.h5");
    same_errors("{\"ordo\": 1, \"horizon\": {\"start\": \"2026-11-23\", \"end\": \"2027-03-31\"},"
                " \"orders\": [{\"id\": \"SO-1\", \"item\": \"A\", \"qty\": 1, \"due\": \"2026-12-01\"}]}",
                "no_items.h5");
    same_errors("{\"ordo\": 1, \"horizon\": {\"start\": \"2026-11-23\", \"end\": \"2027-03-31\"},"
                " \"resources\": [{\"id\": \"R1\"}], \"items\": [{\"id\": \"A\"}],"
                " \"routings\": [{\"item\": \"A\", \"operations\": [{\"seq\": 10, \"resources\": [\"R2\"]}]}],"
                " \"orders\": [{\"id\": \"SO-1\", \"item\": \"A\", \"qty\": -1, \"due\": \"2026-12-01\"}]}",
                "routing.h5");
    /* HDF5's own: a number column holding strings, a parent row that does not exist */
    long long f = ordo_h5_create(tmp("types.h5"));
    CHECK(f >= 0);
    const char *items = "id,source,lead_time_days\nA,buy,three\n";
    const char *ops = "routing_row,seq\n5,10\n";
    CHECK_EQ(ordo_h5_table_from_csv(f, "items", items, strlen(items), "sss"), 0);
    CHECK_EQ(ordo_h5_table_from_csv(f, "operations", ops, strlen(ops), "ii"), 0);
    CHECK_EQ(ordo_h5_close(f), 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("types.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, "items: column \"lead_time_days\": expected numbers"));
    CHECK(m && has_error(m, "operations[0].routing_row: 5 is not a row of routings"));
    CHECK(m && has_error(m, "missing required field"));
    ordo_model_close(m);
    /* the same parent errors where the parent's row is float64 (taken from the file's rows)
    ** and where it is an integer (read as a column): in row order, the good rows kept */
    for (int k = 0; k < 2; k++) {
        f = ordo_h5_create(tmp("parents.h5"));
        CHECK(f >= 0);
        const char *rts = "item\nA\n";
        const char *ops2 = "routing_row,seq,setup_minutes\n0,10,a\n3,20,b\n0,30,c\n-1,40,d\n";
        CHECK_EQ(ordo_h5_table_from_csv(f, "items", items, strlen(items), "sss"), 0);
        CHECK_EQ(ordo_h5_table_from_csv(f, "routings", rts, strlen(rts), "s"), 0);
        CHECK_EQ(ordo_h5_table_from_csv(f, "operations", ops2, strlen(ops2), k ? "iis" : "ffs"), 0);
        CHECK_EQ(ordo_h5_close(f), 0);
        ordo_input in;
        ordo_diag d;
        ordo_diag_init(&d, 10);
        CHECK_EQ(ordo_input_init(&in), 0);
        CHECK_EQ(ordo_load_h5(tmp("parents.h5"), &in, &d), 1);
        CHECK_EQ(d.n, 4); /* the table's own column error first, then its rows' in row order */
        if (d.n == 4) {
            CHECK(strstr(d.msg[0], "lead_time_days") != NULL);
            CHECK(strcmp(d.msg[1], "operations: column \"setup_minutes\": expected numbers") == 0);
            CHECK(strcmp(d.msg[2], "operations[1].routing_row: 3 is not a row of routings") == 0);
            CHECK(strcmp(d.msg[3], "operations[3].routing_row: -1 is not a row of routings") == 0);
        }
        CHECK_EQ(in.tab[ORDO_TAB_OP].len, 2);
        const ordo_raw_op *op = ORDO_ROWS(&in, ordo_raw_op, ORDO_TAB_OP);
        CHECK(in.tab[ORDO_TAB_OP].len == 2 && op[0].h.parent == 0 && op[0].h.pos == 0 && op[1].h.pos == 1 && op[1].seq == 30);
        ordo_input_free(&in);
        ordo_diag_free(&d);
    }
    /* not an HDF5 file at all */
    m = NULL;
    snprintf(path, sizeof path, "%s/tests/data/bad_factory.json", src);
    FILE *x = fopen(tmp("text.h5"), "w");
    if (x) fputs("not hdf5\n", x), fclose(x);
    CHECK_EQ(ordo_model_open(tmp("text.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, "not a readable HDF5 file"));
    ordo_model_close(m);
}

/* A file as h5py and pandas write it: variable-length UTF-8 strings, integer columns. */
static void test_foreign_types(void)
{
    typedef struct { const char *id, *source; int32_t lead; } item_row;
    typedef struct { const char *id, *item, *due; double qty; } order_row;
    item_row items[2] = {{"A", "make", 2}, {"B", "buy", 5}};
    order_row orders[1] = {{"SO-1", "A", "2026-12-15", 10}};
    hid_t f = H5Fcreate(tmp("foreign.h5"), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(f >= 0);
    hid_t vs = H5Tcopy(H5T_C_S1);
    H5Tset_size(vs, H5T_VARIABLE);
    H5Tset_cset(vs, H5T_CSET_UTF8);
    hid_t sp = H5Screate(H5S_SCALAR);
    const char *hs = "2026-11-23", *he = "2027-03-31";
    hid_t a = H5Acreate2(f, "horizon_start", vs, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, vs, &hs), H5Aclose(a);
    a = H5Acreate2(f, "horizon_end", vs, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, vs, &he), H5Aclose(a);
    int64_t one = 1;
    a = H5Acreate2(f, "ordo", H5T_NATIVE_INT64, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, &one), H5Aclose(a);
    H5Sclose(sp);
    hid_t it = H5Tcreate(H5T_COMPOUND, sizeof(item_row));
    H5Tinsert(it, "id", HOFFSET(item_row, id), vs);
    H5Tinsert(it, "source", HOFFSET(item_row, source), vs);
    H5Tinsert(it, "lead_time_days", HOFFSET(item_row, lead), H5T_NATIVE_INT32);
    hsize_t n = 2;
    sp = H5Screate_simple(1, &n, NULL);
    hid_t ds = H5Dcreate2(f, "items", it, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, it, H5S_ALL, H5S_ALL, H5P_DEFAULT, items) >= 0);
    H5Dclose(ds), H5Sclose(sp), H5Tclose(it);
    hid_t ot = H5Tcreate(H5T_COMPOUND, sizeof(order_row));
    H5Tinsert(ot, "id", HOFFSET(order_row, id), vs);
    H5Tinsert(ot, "item", HOFFSET(order_row, item), vs);
    H5Tinsert(ot, "due", HOFFSET(order_row, due), vs);
    H5Tinsert(ot, "qty", HOFFSET(order_row, qty), H5T_NATIVE_DOUBLE);
    n = 1;
    sp = H5Screate_simple(1, &n, NULL);
    ds = H5Dcreate2(f, "orders", ot, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, ot, H5S_ALL, H5S_ALL, H5P_DEFAULT, orders) >= 0);
    H5Dclose(ds), H5Sclose(sp), H5Tclose(ot), H5Tclose(vs);
    CHECK(H5Fclose(f) >= 0);
    const char *json = "{\"ordo\": 1, \"horizon\": {\"start\": \"2026-11-23\", \"end\": \"2027-03-31\"},"
                       " \"items\": [{\"id\": \"A\", \"source\": \"make\", \"lead_time_days\": 2},"
                       " {\"id\": \"B\", \"source\": \"buy\", \"lead_time_days\": 5}],"
                       " \"orders\": [{\"id\": \"SO-1\", \"item\": \"A\", \"due\": \"2026-12-15\", \"qty\": 10}]}";
    FILE *j = fopen(tmp("foreign.json"), "w");
    if (j) fputs(json, j), fclose(j);
    same_plans(tmp("foreign.json"), tmp("foreign.h5"));
}

/* Strings that are not valid UTF-8 in an HDF5 file: located errors, as in JSON. */
static void test_bad_utf8(void)
{
    typedef struct { const char *id; } item_row;
    typedef struct { const char *id, *item, *due; double qty; } order_row;
    item_row items[2] = {{"A"}, {"B\xff"}};
    order_row orders[1] = {{"SO-\xc0\xaf", "A", "2026-12-15", 10}};
    hid_t f = H5Fcreate(tmp("bad_utf8.h5"), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t vs = H5Tcopy(H5T_C_S1);
    H5Tset_size(vs, H5T_VARIABLE);
    hid_t sp = H5Screate(H5S_SCALAR);
    const char *hs = "2026-11-23", *he = "2027-03-31";
    hid_t a = H5Acreate2(f, "horizon_start", vs, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, vs, &hs), H5Aclose(a);
    a = H5Acreate2(f, "horizon_end", vs, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, vs, &he), H5Aclose(a);
    int64_t one = 1;
    a = H5Acreate2(f, "ordo", H5T_NATIVE_INT64, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, &one), H5Aclose(a);
    H5Sclose(sp);
    hid_t it = H5Tcreate(H5T_COMPOUND, sizeof(item_row));
    H5Tinsert(it, "id", HOFFSET(item_row, id), vs);
    hsize_t n = 2;
    sp = H5Screate_simple(1, &n, NULL);
    hid_t ds = H5Dcreate2(f, "items", it, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, it, H5S_ALL, H5S_ALL, H5P_DEFAULT, items) >= 0);
    H5Dclose(ds), H5Sclose(sp), H5Tclose(it);
    hid_t ot = H5Tcreate(H5T_COMPOUND, sizeof(order_row));
    H5Tinsert(ot, "id", HOFFSET(order_row, id), vs);
    H5Tinsert(ot, "item", HOFFSET(order_row, item), vs);
    H5Tinsert(ot, "due", HOFFSET(order_row, due), vs);
    H5Tinsert(ot, "qty", HOFFSET(order_row, qty), H5T_NATIVE_DOUBLE);
    n = 1;
    sp = H5Screate_simple(1, &n, NULL);
    ds = H5Dcreate2(f, "orders", ot, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, ot, H5S_ALL, H5S_ALL, H5P_DEFAULT, orders) >= 0);
    H5Dclose(ds), H5Sclose(sp), H5Tclose(ot), H5Tclose(vs);
    CHECK(H5Fclose(f) >= 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("bad_utf8.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, "items[1].id: not valid UTF-8"));
    CHECK(m && has_error(m, "orders[0].id: not valid UTF-8"));
    ordo_model_close(m);
}

/* A damaged file that claims a table of 10^12 rows (its chunks never written, so the file
** is small): refused, located, before any memory is asked for them. */
static void damaged_size(unsigned long long rows, const char *msg)
{
    typedef struct { double qty; } order_row;
    hid_t f = H5Fcreate(tmp("huge.h5"), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t ot = H5Tcreate(H5T_COMPOUND, sizeof(order_row));
    H5Tinsert(ot, "qty", HOFFSET(order_row, qty), H5T_NATIVE_DOUBLE);
    hsize_t n = rows, mx = H5S_UNLIMITED, chunk = 1024;
    hid_t sp = H5Screate_simple(1, &n, &mx), pl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(pl, 1, &chunk);
    hid_t ds = H5Dcreate2(f, "orders", ot, sp, H5P_DEFAULT, pl, H5P_DEFAULT);
    CHECK(ds >= 0);
    H5Dclose(ds), H5Pclose(pl), H5Sclose(sp), H5Tclose(ot);
    CHECK(H5Fclose(f) >= 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("huge.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, msg));
    ordo_model_close(m);
}

static void test_damaged_sizes(void)
{
    damaged_size(1000000000000ull, "orders: 1000000000000 rows of 8 bytes: more rows than a table may hold");
    damaged_size(100000000ull, "orders: 100000000 rows of 8 bytes: more rows than the file holds");
    /* 2.4 MB of rows as the file holds them, within 1024 times a file of a few KB, but ordo's
    ** rows are larger than 8 bytes: counted at ordo's size, refused */
    damaged_size(300000ull, "orders: 300000 rows of 8 bytes: more rows than the file holds");
}

/* A root attribute of n values (each one value) in place of the demo's. */
static void attribute_of_many(const char *name, hid_t type, const void *vals, const char *file)
{
    CHECK_EQ(convert(demo_json, tmp(file)), ORDO_OK);
    hid_t f = H5Fopen(tmp(file), H5F_ACC_RDWR, H5P_DEFAULT);
    CHECK(f >= 0 && H5Adelete(f, name) >= 0);
    hsize_t n = 64;
    hid_t sp = H5Screate_simple(1, &n, NULL), a = H5Acreate2(f, name, type, sp, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(a >= 0 && H5Awrite(a, type, vals) >= 0);
    H5Aclose(a), H5Sclose(sp);
    CHECK(H5Fclose(f) >= 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp(file), NULL, &m), ORDO_EINPUT);
    char msg[128];
    snprintf(msg, sizeof msg, "%s: expected one value, the attribute holds 64", name);
    CHECK(m && has_error(m, msg));
    ordo_model_close(m);
}

/* A table whose one stored chunk holds 100 bytes where its 25 rows take 200 (written raw,
** as a damaged file may hold it): libhdf5 copied 200 bytes out of a 100-byte buffer. */
static void test_short_chunk(void)
{
    typedef struct { double qty; } order_row;
    hid_t f = H5Fcreate(tmp("chunk.h5"), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t ot = H5Tcreate(H5T_COMPOUND, sizeof(order_row));
    H5Tinsert(ot, "qty", HOFFSET(order_row, qty), H5T_NATIVE_DOUBLE);
    hsize_t n = 25, chunk = 25, at[1] = {0};
    hid_t sp = H5Screate_simple(1, &n, NULL), pl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(pl, 1, &chunk);
    hid_t ds = H5Dcreate2(f, "orders", ot, sp, H5P_DEFAULT, pl, H5P_DEFAULT);
    unsigned char raw[200] = {0};
    CHECK(ds >= 0 && H5Dwrite_chunk(ds, H5P_DEFAULT, 0, at, 100, raw) >= 0);
    H5Dclose(ds), H5Pclose(pl), H5Sclose(sp), H5Tclose(ot);
    CHECK(H5Fclose(f) >= 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("chunk.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, "orders: damaged: a stored chunk of 100 bytes where its rows take 200"));
    ordo_model_close(m);
}

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--) v = v << 8 | p[k];
    return v;
}

/* Attributes of 64 values (read into one, they overflowed it) and a root group whose name
** heap claims 8.4e14 bytes (libhdf5 asked malloc for them): each a located error. */
static void test_damaged_structure(void)
{
    double nums[64];
    char strs[64][10];
    for (int k = 0; k < 64; k++) nums[k] = 1, memcpy(strs[k], "2026-11-23", 10);
    attribute_of_many("ordo", H5T_NATIVE_DOUBLE, nums, "attr_num.h5");
    hid_t st = H5Tcopy(H5T_C_S1);
    H5Tset_size(st, 10);
    attribute_of_many("horizon_start", st, strs, "attr_str.h5");
    H5Tclose(st);

    CHECK_EQ(convert(demo_json, tmp("heap.h5")), ORDO_OK);
    FILE *f = fopen(tmp("heap.h5"), "r+b");
    unsigned char sb[96], heap[32];
    CHECK(f && fread(sb, 1, sizeof sb, f) == sizeof sb && sb[8] == 0 && sb[13] == 8);
    uint64_t at = le64(sb + 88); /* the root group's local heap (superblock version 0) */
    CHECK(f && fseek(f, (long)at, SEEK_SET) == 0 && fread(heap, 1, 32, f) == 32 && memcmp(heap, "HEAP", 4) == 0);
    uint64_t huge = 845524441760096ull;
    for (int k = 0; k < 8; k++) heap[8 + k] = (unsigned char)(huge >> (8 * k));
    CHECK(f && fseek(f, (long)at, SEEK_SET) == 0 && fwrite(heap, 1, 32, f) == 32);
    if (f) fclose(f);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(tmp("heap.h5"), NULL, &m), ORDO_EINPUT);
    CHECK(m && has_error(m, "damaged HDF5 file: the root group's name heap claims 845524441760096 bytes at offset"));
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    if (!src) src = ".";
    snprintf(dir, sizeof dir, "/tmp/ordo_test_h5_%ld", (long)getpid());
    snprintf(demo_json, sizeof demo_json, "%s/datasets/demo/factory.json", src);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
    if (system(cmd) != 0) return 1;
    test_round_trip(src);
    if (argc > 1) test_round_trip_large(argv[1]);
    test_bad_input(src);
    test_foreign_types();
    test_bad_utf8();
    test_damaged_sizes();
    test_damaged_structure();
    test_short_chunk();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
    return test_report("test_h5");
}
