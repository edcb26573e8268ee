/*
** test_peg.c -- pegging questions and writers against the full pegging derived from the
** direct links (whose equality to the formerly stored pegging the peg_golden tests prove):
**   1. ordo_plan_peg_order: for every customer order, each planned order's parts summed over
**      all levels and links equal its full pegging to the order;
**   2. ordo_plan_peg_supply: the orders and quantities are the planned order's full pegging,
**      the direct links are its links;
**   3. the state saved and loaded back gives the same links, hence the same full pegging;
**   4. plan.json with --pegging direct lists each planned order's links, with none no
**      pegging at all, with full the derived pegging;
**   5. on 1 and 2 threads the links and stock links are the same;
**   6. plan.h5's pegging table, streamed while derived, holds the full pegging; with
**      --pegging direct it holds one row per link.
** Data: the demo factory and two generated factories in tests/data.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "peg_full.h"
#include "plan.h"
#include "test.h"

#include <cjson/cJSON.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int near(double a, double b, double rel) { return fabs(a - b) <= rel * (1 + fabs(b)); }

static int32_t po_index(const char *id) { return strncmp(id, "PL-", 3) == 0 ? (int32_t)atol(id + 3) - 1 : -1; }

static const char *ord_name(const ordo_model *m, int32_t o) { return ordo_str(&m->names, m->or_name[o]); }

/* Property 1 for order o: parts per planned order from the answer against f. */
static int check_order(const ordo_plan *p, const full_pegs *f, int32_t o, double *part)
{
    char *json = NULL, err[256];
    if (ordo_plan_peg_order(p, ord_name(p->model, o), &json, err, sizeof err) != ORDO_OK) return 1;
    cJSON *doc = cJSON_Parse(json), *lv, *e;
    free(json);
    if (!doc) return 1;
    for (int32_t q = 0; q < p->npo; q++) part[q] = 0;
    cJSON_ArrayForEach(lv, cJSON_GetObjectItemCaseSensitive(doc, "levels"))
    {
        cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(lv, "supplies"))
        {
            const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "supply"));
            int32_t q = id ? po_index(id) : -1;
            if (q >= 0 && q < p->npo) part[q] += cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(e, "for_order"));
        }
    }
    cJSON_Delete(doc);
    int bad = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        double want = 0;
        for (int64_t k = f->start[q]; k < f->start[q + 1]; k++)
            if (f->ref[k] == o) want = f->qty[k];
        if (!near(part[q], want, 1e-9)) {
            if (bad++ < 3) fprintf(stderr, "order %s, PL-%d: parts %.12g, full pegging %.12g\n", ord_name(p->model, o), q + 1, part[q], want);
        }
    }
    return bad;
}

/* Property 2 for planned order q. */
static int check_supply(const ordo_plan *p, const full_pegs *f, int32_t q)
{
    char *json = NULL, err[256], id[32];
    snprintf(id, sizeof id, "PL-%d", q + 1);
    if (ordo_plan_peg_supply(p, id, &json, err, sizeof err) != ORDO_OK) return 1;
    cJSON *doc = cJSON_Parse(json), *e;
    free(json);
    if (!doc) return 1;
    int bad = 0;
    int64_t k = f->start[q];
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "orders"))
    {
        const char *who = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "order"));
        double qty = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(e, "qty"));
        const char *want = k < f->start[q + 1] ? (f->ref[k] < 0 ? "safety_stock" : ord_name(p->model, f->ref[k])) : "";
        if (!who || strcmp(who, want) != 0 || !near(qty, f->qty[k], 1e-13)) bad++;
        k++;
    }
    if (k != f->start[q + 1]) bad++;
    int64_t nl = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "serves"));
    if (nl != p->lnk_start[q + 1] - p->lnk_start[q]) bad++;
    cJSON_Delete(doc);
    return bad;
}

static int same_links(const ordo_plan *a, const ordo_plan *b)
{
    if (a->npo != b->npo || a->nlnk != b->nlnk || a->nslnk != b->nslnk) return 0;
    if (memcmp(a->lnk_start, b->lnk_start, ((size_t)a->npo + 1) * sizeof *a->lnk_start)) return 0;
    for (int64_t k = 0; k < a->nlnk; k++)
        if (a->lnk_need[k] != b->lnk_need[k] || a->lnk_qty[k] != b->lnk_qty[k]) return 0;
    for (int64_t k = 0; k < a->nslnk; k++)
        if (a->slnk_item[k] != b->slnk_item[k] || a->slnk_sup[k] != b->slnk_sup[k] || a->slnk_need[k] != b->slnk_need[k] ||
            a->slnk_qty[k] != b->slnk_qty[k])
            return 0;
    return 1;
}

static int same_pegs(const full_pegs *a, const full_pegs *b, int32_t npo)
{
    return a->n == b->n && a->start && b->start && memcmp(a->start, b->start, ((size_t)npo + 1) * sizeof *a->start) == 0 &&
           (a->n == 0 || (memcmp(a->ref, b->ref, (size_t)a->n * sizeof *a->ref) == 0 &&
                          memcmp(a->qty, b->qty, (size_t)a->n * sizeof *a->qty) == 0));
}

/* Property 3: state saved and loaded back. */
static void check_state(const ordo_model *m, ordo_plan *p, const full_pegs *f)
{
    char dir[] = "/tmp/ordo_test_peg_XXXXXX", err[256];
    if (!mkdtemp(dir)) return;
    ordo_plan *q = NULL;
    CHECK_EQ(ordo_plan_save_state(p, dir, err, sizeof err), ORDO_OK);
    CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_OK);
    if (q) {
        CHECK(same_links(p, q));
        full_pegs g;
        CHECK_EQ(full_pegs_of(q, &g), 0);
        CHECK(same_pegs(f, &g, p->npo));
        full_pegs_free(&g);
        for (int32_t k = 0; k < p->npo; k++)
            if (p->po_pegdd[k] != q->po_pegdd[k] || p->po_pegprio[k] != q->po_pegprio[k] || p->po_pegurg[k] != q->po_pegurg[k]) {
                CHECK(0);
                break;
            }
    }
    ordo_plan_close(q);
    char path[300];
    snprintf(path, sizeof path, "%s/state.ordo", dir);
    unlink(path);
    rmdir(dir);
}

/* Property 4: plan.json in each --pegging mode. */
static void check_writers(ordo_plan *p, const full_pegs *f)
{
    char dir[] = "/tmp/ordo_test_pegw_XXXXXX", err[256], path[300];
    if (!mkdtemp(dir)) return;
    snprintf(path, sizeof path, "%s/plan.json", dir);
    for (int mode = ORDO_PEGGING_FULL; mode <= ORDO_PEGGING_NONE; mode++) {
        p->peg_mode = mode;
        CHECK_EQ(ordo_plan_write(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
        size_t len;
        char *text = test_slurp(path, &len);
        cJSON *doc = text ? cJSON_Parse(text) : NULL, *po;
        free(text);
        CHECK(doc != NULL);
        int32_t q = 0;
        int bad = 0;
        cJSON_ArrayForEach(po, cJSON_GetObjectItemCaseSensitive(doc, "planned_orders"))
        {
            const cJSON *pg = cJSON_GetObjectItemCaseSensitive(po, "pegging");
            int n = pg ? cJSON_GetArraySize(pg) : -1;
            if (mode == ORDO_PEGGING_NONE) bad += pg != NULL;
            if (mode == ORDO_PEGGING_FULL) bad += n != f->start[q + 1] - f->start[q];
            if (mode == ORDO_PEGGING_DIRECT) {
                bad += n != p->lnk_start[q + 1] - p->lnk_start[q];
                int64_t k = p->lnk_start[q];
                const cJSON *e;
                cJSON_ArrayForEach(e, pg)
                {
                    const char *sup = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "supply_of"));
                    int32_t need = p->lnk_need[k];
                    bad += (need >= 0) != (sup != NULL) || (sup && po_index(sup) != need);
                    bad += !near(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(e, "qty")), p->lnk_qty[k], 1e-9);
                    k++;
                }
            }
            q++;
        }
        CHECK_EQ(q, p->npo);
        CHECK_EQ(bad, 0);
        cJSON_Delete(doc);
    }
    p->peg_mode = ORDO_PEGGING_FULL;
    unlink(path);
    rmdir(dir);
}

/* Property 6: the HDF5 pegging table (read back with the HDF5 library). */
static void check_h5(ordo_plan *p, const full_pegs *f)
{
    char dir[] = "/tmp/ordo_test_pegh_XXXXXX", err[256], path[300];
    if (!mkdtemp(dir)) return;
    snprintf(path, sizeof path, "%s/plan.h5", dir);
    CHECK_EQ(ordo_plan_write(p, dir, ORDO_FORMAT_HDF5, 0, err, sizeof err), ORDO_OK);
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t ds = file < 0 ? -1 : H5Dopen2(file, "pegging", H5P_DEFAULT);
    hid_t sp = ds < 0 ? -1 : H5Dget_space(ds), ty = ds < 0 ? -1 : H5Dget_type(ds);
    hsize_t n = 0;
    if (sp >= 0) H5Sget_simple_extent_dims(sp, &n, NULL);
    CHECK_EQ((long long)n, f->n);
    size_t rs = ty >= 0 ? H5Tget_size(ty) : 0;
    char *rows = n && rs ? malloc((size_t)n * rs) : NULL;
    if (rows && H5Dread(ds, ty, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0) {
        size_t o1 = H5Tget_member_offset(ty, 1), o2 = H5Tget_member_offset(ty, 2), w1 = o2 - o1;
        int bad = 0;
        for (int32_t q = 0; q < p->npo; q++)
            for (int64_t k = f->start[q]; k < f->start[q + 1]; k++) {
                const char *r = rows + (size_t)k * rs, *want = f->ref[k] < 0 ? "safety_stock" : ord_name(p->model, f->ref[k]);
                char id[32], who[256] = "";
                double v;
                snprintf(id, sizeof id, "PL-%d", q + 1);
                memcpy(who, r + o1, w1 < sizeof who - 1 ? w1 : sizeof who - 1);
                memcpy(&v, r + o2, 8);
                bad += strncmp(r, id, strlen(id)) != 0 || strcmp(who, want) != 0 || !near(v, f->qty[k], 1e-8);
            }
        CHECK_EQ(bad, 0);
    }
    free(rows);
    if (ty >= 0) H5Tclose(ty);
    if (sp >= 0) H5Sclose(sp);
    if (ds >= 0) H5Dclose(ds);
    if (file >= 0) H5Fclose(file);
    /* --pegging direct: one row per link, with the supply_of column */
    p->peg_mode = ORDO_PEGGING_DIRECT;
    CHECK_EQ(ordo_plan_write(p, dir, ORDO_FORMAT_HDF5, 0, err, sizeof err), ORDO_OK);
    p->peg_mode = ORDO_PEGGING_FULL;
    file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    ds = file < 0 ? -1 : H5Dopen2(file, "pegging", H5P_DEFAULT);
    sp = ds < 0 ? -1 : H5Dget_space(ds), ty = ds < 0 ? -1 : H5Dget_type(ds);
    n = 0;
    if (sp >= 0) H5Sget_simple_extent_dims(sp, &n, NULL);
    CHECK_EQ((long long)n, p->nlnk);
    CHECK(ty >= 0 && H5Tget_nmembers(ty) == 4 && H5Tget_member_index(ty, "supply_of") == 2);
    if (ty >= 0) H5Tclose(ty);
    if (sp >= 0) H5Sclose(sp);
    if (ds >= 0) H5Dclose(ds);
    if (file >= 0) H5Fclose(file);
    unlink(path);
    snprintf(path, sizeof path, "%s/state.ordo", dir);
    unlink(path);
    rmdir(dir);
}

static void run_case(const char *rel, int all_supplies)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    ordo_plan *p = NULL, *p2 = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_only = 1;
    o.threads = 1;
    if (!m || ordo_plan_run(m, &o, &p) != ORDO_OK) {
        CHECK(0);
        ordo_model_close(m);
        return;
    }
    o.threads = 2;
    CHECK_EQ(ordo_plan_run(m, &o, &p2), ORDO_OK);
    if (p2) CHECK(same_links(p, p2)); /* property 5 */
    ordo_plan_close(p2);
    full_pegs f;
    CHECK_EQ(full_pegs_of(p, &f), 0);
    double *part = malloc(((size_t)p->npo + 1) * sizeof *part);
    int bad = 0;
    for (int32_t k = 0; part && f.start && k < m->nord; k++) bad += check_order(p, &f, k, part);
    CHECK_EQ(bad, 0);
    bad = 0;
    for (int32_t q = 0; f.start && q < p->npo; q += all_supplies ? 1 : 7) bad += check_supply(p, &f, q);
    CHECK_EQ(bad, 0);
    char *json = NULL, err[256];
    CHECK_EQ(ordo_plan_peg_order(p, "no such order", &json, err, sizeof err), ORDO_EINPUT);
    CHECK_EQ(ordo_plan_peg_supply(p, "PL-0", &json, err, sizeof err), ORDO_EINPUT);
    CHECK(json == NULL);
    if (f.start) check_state(m, p, &f);
    if (f.start) check_writers(p, &f);
    if (f.start) check_h5(p, &f);
    free(part);
    full_pegs_free(&f);
    ordo_plan_close(p);
    ordo_model_close(m);
}

int main(void)
{
    run_case("datasets/demo/factory.json", 1);
    run_case("tests/data/peg_gen120.json", 1);
    run_case("tests/data/peg_gen300.json", 0);
    return test_report("test_peg");
}
