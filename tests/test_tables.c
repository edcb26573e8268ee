/*
** test_tables.c -- the tables plan.json has, read back from the CSV files and the HDF5 file
** of the same plan and compared with plan.json field by field: purchase_requisitions (every
** column), operations (with the overtime column) and load (with the overload flag, true
** exactly where load_minutes > available_minutes). Two plans: the demo set (22 purchase
** requisitions) and an urgent insertion that runs one operation in overtime on a day
** whose load then exceeds its available minutes.
**
** usage: test_tables   (ORDO_SOURCE_DIR names the source tree)
*/
#include "factories.h"
#include "test.h"

#include "ordo.h"

#include <cjson/cJSON.h>
#include <hdf5.h>
#include <math.h>
#include <unistd.h>

enum { MAXROW = 4096, MAXCOL = 16, CELL = 64 };

/* A table as text cells, from a CSV file or an HDF5 dataset. */
typedef struct table {
    int nrow, ncol;
    char head[MAXCOL][CELL];
    char (*cell)[MAXCOL][CELL];
} table;

static int read_csv(const char *path, table *t)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[4096];
    t->nrow = -1;
    while (fgets(line, sizeof line, f) && t->nrow < MAXROW) {
        line[strcspn(line, "\r\n")] = 0;
        int c = 0;
        for (char *s = line, *e; c < MAXCOL; s = e + 1) { /* no quoted fields in these tables */
            e = strchr(s, ',');
            if (e) *e = 0;
            snprintf(t->nrow < 0 ? t->head[c] : t->cell[t->nrow][c], CELL, "%.*s", CELL - 1, s);
            c++;
            if (!e) break;
        }
        t->ncol = c;
        t->nrow++;
    }
    fclose(f);
    return 0;
}

/* An HDF5 compound dataset: strings as they are, numbers printed with %.17g. */
static int read_h5(const char *path, const char *name, table *t)
{
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t d = f < 0 ? -1 : H5Dopen2(f, name, H5P_DEFAULT);
    if (d < 0) {
        if (f >= 0) H5Fclose(f);
        return -1;
    }
    hid_t ft = H5Dget_type(d), mt = H5Tget_native_type(ft, H5T_DIR_ASCEND), sp = H5Dget_space(d);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(sp, &n, NULL);
    size_t rs = H5Tget_size(mt);
    char *buf = calloc((size_t)n + 1, rs);
    int rc = buf && H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) >= 0 ? 0 : -1;
    t->ncol = H5Tget_nmembers(mt);
    t->nrow = (int)n;
    for (int c = 0; rc == 0 && c < t->ncol && c < MAXCOL; c++) {
        char *nm = H5Tget_member_name(mt, (unsigned)c);
        snprintf(t->head[c], CELL, "%s", nm);
        H5free_memory(nm);
        size_t off = H5Tget_member_offset(mt, (unsigned)c);
        hid_t ct = H5Tget_member_type(mt, (unsigned)c);
        H5T_class_t cls = H5Tget_class(ct);
        size_t sz = H5Tget_size(ct);
        for (int r = 0; r < t->nrow && r < MAXROW; r++) {
            const char *at = buf + (size_t)r * rs + off;
            if (cls == H5T_STRING)
                snprintf(t->cell[r][c], CELL, "%.*s", (int)(sz < CELL - 1 ? sz : CELL - 1), at);
            else if (cls == H5T_INTEGER) {
                long long v;
                memcpy(&v, at, sizeof v);
                snprintf(t->cell[r][c], CELL, "%lld", v);
            } else {
                double v;
                memcpy(&v, at, sizeof v);
                snprintf(t->cell[r][c], CELL, "%.17g", v);
            }
        }
        H5Tclose(ct);
    }
    free(buf);
    H5Sclose(sp), H5Tclose(mt), H5Tclose(ft), H5Dclose(d), H5Fclose(f);
    return rc;
}

static int col_of(const table *t, const char *name)
{
    for (int c = 0; c < t->ncol; c++)
        if (strcmp(t->head[c], name) == 0) return c;
    return -1;
}

/* The value plan.json gives column key of row o, as the tables write it; overtime is false
** when absent, overload is derived. */
static void json_cell(const cJSON *o, const char *key, char *out, int *numeric, double *num)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    *numeric = 0;
    if (strcmp(key, "overload") == 0) {
        double av = cJSON_GetObjectItemCaseSensitive(o, "available_minutes")->valuedouble;
        double ld = cJSON_GetObjectItemCaseSensitive(o, "load_minutes")->valuedouble;
        snprintf(out, CELL, "%s", ld > av ? "true" : "false");
    } else if (!v && strcmp(key, "overtime") == 0) {
        snprintf(out, CELL, "false");
    } else if (cJSON_IsString(v)) {
        snprintf(out, CELL, "%.*s", CELL - 1, v->valuestring);
    } else if (cJSON_IsBool(v)) {
        snprintf(out, CELL, "%s", cJSON_IsTrue(v) ? "true" : "false");
    } else if (cJSON_IsNumber(v)) {
        *numeric = 1, *num = v->valuedouble;
    } else if (cJSON_IsNull(v)) { /* null in plan.json (a planned order without a supplier): an empty cell */
        out[0] = 0;
    } else {
        snprintf(out, CELL, "(missing)");
    }
}

/* Every row and column of t equals plan.json's array key; returns the rows whose column
** flag (when given) is "true". */
static int same_table(const cJSON *plan, const char *key, const table *t, const char *what, const char *flag)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(plan, key), *o;
    CHECK_EQ(t->nrow, cJSON_GetArraySize(arr));
    int r = 0, bad = 0, flagged = 0, fc = flag ? col_of(t, flag) : -1;
    if (flag) CHECK(fc >= 0);
    cJSON_ArrayForEach(o, arr)
    {
        if (r >= t->nrow) break;
        for (int c = 0; c < t->ncol; c++) {
            char want[CELL];
            int numeric;
            double num = 0;
            json_cell(o, t->head[c], want, &numeric, &num);
            int ok = numeric ? fabs(strtod(t->cell[r][c], NULL) - num) <= 1e-9 * (1 + fabs(num))
                             : strcmp(t->cell[r][c], want) == 0;
            if (!ok && bad++ < 5)
                fprintf(stderr, "  %s %s[%d].%s: \"%s\", plan.json %s%s\n", what, key, r, t->head[c], t->cell[r][c],
                        numeric ? "" : want, numeric ? "a number" : "");
        }
        flagged += fc >= 0 && strcmp(t->cell[r][fc], "true") == 0;
        r++;
    }
    CHECK_EQ(bad, 0);
    return flagged;
}

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static const size_t cap = 1 << 24;
    char *text = malloc(cap);
    size_t n = text ? fread(text, 1, cap - 1, f) : 0;
    fclose(f);
    cJSON *j = text ? cJSON_ParseWithLength(text, n) : NULL;
    free(text);
    return j;
}

/* Write p in the three formats under dir and compare the tables; the counts of operations
** in overtime and of overloaded days, as CSV and HDF5 say, go to *ot and *over. */
static void compare(ordo_plan *p, const char *dir, int *ot, int *over)
{
    char path[512], err[512];
    const char *sub[3] = {"json", "csv", "h5"};
    ordo_format fmt[3] = {ORDO_FORMAT_JSON, ORDO_FORMAT_CSV, ORDO_FORMAT_HDF5};
    for (int k = 0; k < 3; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, sub[k]);
        CHECK_EQ(ordo_plan_write(p, path, fmt[k], 0, err, sizeof err), ORDO_OK);
    }
    snprintf(path, sizeof path, "%s/json/plan.json", dir);
    cJSON *plan = read_json(path);
    CHECK(plan != NULL);
    if (!plan) return;
    static const char *tables[3] = {"purchase_requisitions", "operations", "load"};
    static const char *flags[3] = {NULL, "overtime", "overload"};
    table t = {0, 0, {{0}}, malloc(sizeof(*t.cell) * MAXROW)};
    for (int k = 0; k < 3 && t.cell; k++) {
        int n[2];
        snprintf(path, sizeof path, "%s/csv/%s.csv", dir, tables[k]);
        CHECK_EQ(read_csv(path, &t), 0);
        n[0] = same_table(plan, tables[k], &t, "csv", flags[k]);
        snprintf(path, sizeof path, "%s/h5/plan.h5", dir);
        CHECK_EQ(read_h5(path, tables[k], &t), 0);
        n[1] = same_table(plan, tables[k], &t, "hdf5", flags[k]);
        CHECK_EQ(n[0], n[1]);
        if (k == 1) *ot = n[0];
        if (k == 2) *over = n[0];
    }
    free(t.cell);
    cJSON_Delete(plan);
}

/* Planned orders in CSV and HDF5 of a plan with production orders: the production_order and
** status columns equal plan.json's keys, empty where plan.json has none (the MRP's own
** orders). Returns how many rows name a production order. */
static int same_prod_cols(const cJSON *plan, const table *t, const char *what)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(plan, "planned_orders"), *o;
    int cp = col_of(t, "production_order"), cs = col_of(t, "status"), r = 0, named = 0;
    CHECK(cp >= 0 && cs >= 0);
    CHECK_EQ(t->nrow, cJSON_GetArraySize(arr));
    if (cp < 0 || cs < 0) return -1;
    cJSON_ArrayForEach(o, arr)
    {
        if (r >= t->nrow) break;
        const cJSON *pr = cJSON_GetObjectItemCaseSensitive(o, "production_order");
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "status");
        const char *wp = cJSON_IsString(pr) ? pr->valuestring : "", *ws = cJSON_IsString(st) ? st->valuestring : "";
        if (strcmp(t->cell[r][cp], wp) || strcmp(t->cell[r][cs], ws))
            fprintf(stderr, "  %s planned_orders[%d]: \"%s\" \"%s\", plan.json \"%s\" \"%s\"\n", what, r,
                    t->cell[r][cp], t->cell[r][cs], wp, ws);
        CHECK(strcmp(t->cell[r][cp], wp) == 0 && strcmp(t->cell[r][cs], ws) == 0);
        named += wp[0] != 0;
        r++;
    }
    return named;
}

/* The shop (datasets/shop: firm and started production orders) in the three formats. */
static void check_shop(const char *src, const char *dir)
{
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/datasets/shop/factory.json", src);
    ordo_model *m = NULL;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (m) CHECK_EQ(ordo_plan_run(m, NULL, &p), ORDO_OK);
    const char *sub[3] = {"json", "csv", "h5"};
    ordo_format fmt[3] = {ORDO_FORMAT_JSON, ORDO_FORMAT_CSV, ORDO_FORMAT_HDF5};
    for (int k = 0; k < 3 && p; k++) {
        snprintf(path, sizeof path, "%s/shop/%s", dir, sub[k]);
        CHECK_EQ(ordo_plan_write(p, path, fmt[k], 0, err, sizeof err), ORDO_OK);
    }
    snprintf(path, sizeof path, "%s/shop/json/plan.json", dir);
    cJSON *plan = p ? read_json(path) : NULL;
    table t = {0, 0, {{0}}, malloc(sizeof(*t.cell) * MAXROW)};
    if (plan && t.cell) {
        snprintf(path, sizeof path, "%s/shop/csv/planned_orders.csv", dir);
        CHECK_EQ(read_csv(path, &t), 0);
        int a = same_prod_cols(plan, &t, "csv");
        snprintf(path, sizeof path, "%s/shop/h5/plan.h5", dir);
        CHECK_EQ(read_h5(path, "planned_orders", &t), 0);
        int b = same_prod_cols(plan, &t, "hdf5");
        CHECK(a >= 2); /* the shop's firm MO-1 and started MO-2 at least */
        CHECK_EQ(a, b);
    }
    free(t.cell);
    cJSON_Delete(plan);
    ordo_plan_close(p);
    ordo_model_close(m);
}

/* R works 08:00-16:00 with 120 minutes of overtime a day (see test_insert.c): an urgent U
** of 500 minutes due the next day runs one operation into 20 minutes of overtime. */
static const char *ot_factory = FACTORY_OVERTIME;

int main(void)
{
    char dir[256], path[4096];
    snprintf(dir, sizeof dir, "/tmp/ordo_tables_%ld", (long)getpid());
    const char *src = getenv("ORDO_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_model *m = NULL;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (m) CHECK_EQ(ordo_plan_run(m, NULL, &p), ORDO_OK);
    int ot = -1, over = -1;
    if (p) compare(p, dir, &ot, &over);
    CHECK_EQ(ot, 3); /* the plan works overtime on three operations to turn SO-2620 on time */
    ordo_plan_close(p);
    ordo_model_close(m);

    m = NULL, p = NULL;
    const char *doc = test_json(ot_factory);
    CHECK_EQ(ordo_model_open_buffer(doc, strlen(doc), NULL, &m), ORDO_OK);
    ordo_plan *base = NULL;
    if (m) CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
    ordo_model *m2 = NULL;
    const char *req = "{\"id\": \"U\", \"item\": \"C\", \"qty\": 500, \"due\": \"2026-11-24\", \"urgent\": true}";
    char err[256];
    if (base) CHECK_EQ(ordo_insert_json(base, req, strlen(req), "order", NULL, &m2, &p, err, sizeof err), ORDO_OK);
    if (p) {
        snprintf(path, sizeof path, "%s/ot", dir);
        compare(p, path, &ot, &over);
        CHECK_EQ(ot, 1);    /* U's operation, 20 minutes of it in overtime */
        CHECK(over >= 1);   /* its day: 600 minutes of work on 480 available */
    }
    ordo_plan_close(p);
    ordo_model_close(m2);
    ordo_plan_close(base);
    ordo_model_close(m);
    check_shop(src ? src : ".", dir);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_EQ(system(path), 0);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
