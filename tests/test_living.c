/*
** test_living.c -- plans that build on earlier ones: an insertion's saved data set and state
** chained into a quote and a second insertion, and re-plans of a changed data set against
** a saved plan (ordo_plan_replan), on a factory small enough to compute by hand:
** R runs one operation at a time around the clock; A, B and C take 1 minute per unit on it.
** OA (400 A, priority 5) and OB (400 B), both due 2026-11-24, fill [00:00, 13:20) of
** 2026-11-23: OA [00:00, 06:40), OB [06:40, 13:20).
**
** With the generator (argument PATH/TO/ordo_gen): on generated factories, random edits of
** the data set (quantity, due date, a cancelled order, a new order, a receipt changed)
** re-planned against the plan of the unchanged data set give the same planned orders (item,
** due date, quantity) as a plan made from scratch, and a schedule that passes the checker.
*/
#define _POSIX_C_SOURCE 200809L
#include "factories.h"
#include "test.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"

#include "ordo.h"

static const char *factory = FACTORY_ONE_RESOURCE;

#define T(d, h, mi) ((int64_t)(20780 + (d)) * 1440 + (h) * 60 + (mi)) /* 2026-11-23 is day 20780 */

static char dir_root[256];

/* A fresh folder under the test's root. */
static const char *folder(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir_root, name);
    mkdir(path, 0777);
    return path;
}

static ordo_model *open_text(const char *doc)
{
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open_buffer(doc, strlen(doc), NULL, &m);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        for (int i = 0; i < ordo_error_count(m) && i < 5; i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
        ordo_model_close(m);
        return NULL;
    }
    return m;
}

static int32_t order_index(const ordo_model *m, const char *id)
{
    const struct ordo_model *mm = m;
    for (int32_t o = 0; o < mm->nord; o++)
        if (strcmp(ordo_str(&mm->names, mm->or_name[o]), id) == 0) return o;
    return -1;
}

/* Write plan p into folder d (state.ordo and plan.json, as one run). */
static void save(ordo_plan *p, const char *d)
{
    char err[512];
    CHECK_EQ(ordo_plan_save(p, d, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
}

/* Insert req into base; the new plan saved into folder d with its data set (d/data.json),
** which is opened again into *pm with the saved state as *pp: the chain. */
static void insert_and_chain(const ordo_plan *base, const char *data_path, const char *req, const char *d,
                             ordo_model **pm, ordo_plan **pp)
{
    ordo_model *m2 = NULL;
    ordo_plan *np = NULL;
    char err[1024], data[600], msg[1024];
    *pm = NULL, *pp = NULL;
    CHECK_EQ(ordo_insert_json(base, req, strlen(req), "order", NULL, &m2, &np, err, sizeof err), ORDO_OK);
    if (!np) return;
    CHECK_EQ(ordo_plan_check(np, msg, sizeof msg), 0);
    snprintf(data, sizeof data, "%s/data.json", d);
    save(np, d);
    CHECK_EQ(ordo_insert_save_data(np, data_path, data, err, sizeof err), ORDO_OK);
    ordo_plan_close(np);
    ordo_model_close(m2);
    CHECK_EQ(ordo_model_open(data, NULL, pm), ORDO_OK);
    CHECK_EQ(ordo_plan_load_state(*pm, d, pp, err, sizeof err), ORDO_OK); /* the same data set */
}

/* Insert N1 (100 C due 2026-11-25), quote 60 C on the chained state, insert N2 (200 C, no
** due date) on it, and chain once more: R is free from 13:20 on, so N1 takes [13:20, 15:00)
** of 2026-11-23, the quote [15:00, 16:00), N2 [15:00, 18:20); every chained plan keeps what
** was planned before. */
static void chain_cases(void)
{
    const char *doc = test_json(factory);
    char path[512], err[1024];
    snprintf(path, sizeof path, "%s/factory.json", dir_root);
    FILE *f = fopen(path, "w");
    if (f) fputs(doc, f), fclose(f);
    ordo_model *m = open_text(doc), *m1 = NULL, *m2 = NULL;
    ordo_plan *base = NULL, *p1 = NULL, *p2 = NULL;
    if (!m) return;
    CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
    if (!base) return;
    insert_and_chain(base, path, "{\"id\": \"N1\", \"item\": \"C\", \"qty\": 100, \"due\": \"2026-11-25\"}", folder("ins1"), &m1, &p1);
    if (p1) {
        const struct ordo_plan *p = p1;
        CHECK_EQ(p->model->nord, 3);
        int32_t n1 = order_index(m1, "N1");
        CHECK_EQ(n1, 2);
        if (n1 >= 0) CHECK_EQ(p->ord_completion[n1], T(0, 15, 0));
        CHECK_EQ(p->ord_completion[0], T(0, 6, 40));
        CHECK_EQ(p->ord_completion[1], T(0, 13, 20));
        /* a quote on the chained state: 60 C after N1 */
        ordo_quoter *q = NULL;
        char *out = NULL;
        const char *req = "{\"id\": \"Q\", \"item\": \"C\", \"qty\": 60}";
        CHECK_EQ(ordo_quoter_open(p1, &q), ORDO_OK);
        CHECK_EQ(ordo_quote_json(q, req, strlen(req), "order", 1, 0, &out, NULL, err, sizeof err), ORDO_OK);
        CHECK(out && strstr(out, "\"completion\":\"2026-11-23T16:00\""));
        if (out && !strstr(out, "\"completion\":\"2026-11-23T16:00\"")) fprintf(stderr, "quote: %s", out);
        free(out);
        ordo_quoter_close(q);
        snprintf(path, sizeof path, "%s/ins1/data.json", dir_root);
        insert_and_chain(p1, path, "{\"id\": \"N2\", \"item\": \"C\", \"qty\": 200}", folder("ins2"), &m2, &p2);
    }
    if (p2) {
        const struct ordo_plan *p = p2;
        CHECK_EQ(p->model->nord, 4);
        int32_t n2 = order_index(m2, "N2");
        CHECK_EQ(n2, 3);
        if (n2 >= 0) CHECK_EQ(p->ord_completion[n2], T(0, 18, 20));
        if (n2 >= 0) CHECK_EQ(p->model->or_due[n2], 20781); /* due on its promise: done 18:20, so the next day */
        CHECK_EQ(p->ord_completion[2], T(0, 15, 0));
    }
    /* a state of another data set is still refused for quotes and insertions */
    ordo_plan *other = NULL;
    snprintf(path, sizeof path, "%s/ins1", dir_root);
    CHECK_EQ(ordo_plan_load_state(m, path, &other, err, sizeof err), ORDO_EINPUT);
    CHECK(strstr(err, "another data set") != NULL);
    ordo_plan_close(p2), ordo_model_close(m2), ordo_plan_close(p1), ordo_model_close(m1);
    ordo_plan_close(base), ordo_model_close(m);
}

/* counts.<key> of a re-plan's changes. */
static int count_of(const ordo_plan *pp, const char *key)
{
    const struct ordo_plan *p = pp;
    cJSON *c = p->changes_json ? cJSON_Parse(p->changes_json) : NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c, "counts"), key);
    int n = cJSON_IsNumber(v) ? v->valueint : -1;
    cJSON_Delete(c);
    return n;
}

/* Re-plans of the small factory against its base plan, by hand:
** - the same data set: nothing created, deleted or moved;
** - OA cancelled: its planned order deleted and its operation removed; OB keeps its place
**   [06:40, 13:20) (on time either way, and nothing moves), where a plain re-plan would
**   pull it to [00:00, 06:40): one operation moved;
** - OB's quantity 400 -> 500 and a new order N (50 C due 2026-11-30): OB's planned order
**   resized, N's created, OB's operation [06:40, 15:00) keeps its start, N's after it. */
static void replan_cases(void)
{
    ordo_model *m = open_text(test_json(factory));
    ordo_plan *base = NULL, *r = NULL;
    char err[1024], msg[1024];
    if (!m) return;
    CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
    const char *d = folder("base");
    save(base, d);
    CHECK_EQ(ordo_plan_replan(m, NULL, d, 0, &r, err, sizeof err), ORDO_OK);
    if (r) {
        CHECK_EQ(count_of(r, "created") + count_of(r, "deleted") + count_of(r, "resized") + count_of(r, "redated"), 0);
        CHECK_EQ(count_of(r, "operations_moved"), 0);
        CHECK_EQ(count_of(r, "operations_kept"), 2);
        CHECK_EQ(count_of(r, "orders_moved"), 0);
    }
    ordo_plan_close(r), r = NULL;

    static char doc[4096];
    snprintf(doc, sizeof doc, "%s", test_json(factory));
    char *oa = strstr(doc, "{\"id\": \"OA\"");
    char *ob = oa ? strstr(oa, "{\"id\": \"OB\"") : NULL;
    if (oa && ob) memmove(oa, ob, strlen(ob) + 1); /* OA cancelled */
    ordo_model *m2 = open_text(doc);
    if (m2) CHECK_EQ(ordo_plan_replan(m2, NULL, d, 0, &r, err, sizeof err), ORDO_OK);
    if (r) {
        const struct ordo_plan *p = r;
        CHECK_EQ(ordo_plan_check(r, msg, sizeof msg), 0);
        CHECK_EQ(count_of(r, "deleted"), 1);
        CHECK_EQ(count_of(r, "operations_removed"), 1);
        CHECK_EQ(count_of(r, "operations_moved"), 0);
        CHECK_EQ(count_of(r, "operations_moved_plain"), 1);
        CHECK_EQ(count_of(r, "orders_gone"), 1);
        CHECK_EQ(p->ord_completion[0], T(0, 13, 20));
        CHECK_EQ(p->op_start[0], T(0, 6, 40));
    }
    ordo_plan_close(r), r = NULL;
    ordo_model_close(m2);

    snprintf(doc, sizeof doc, "%s", test_json(factory));
    char *qb = strstr(doc, "\"qty\": 400, \"due\": \"2026-11-24\", \"penalty_per_day\": 100}");
    char *end = strrchr(doc, ']');
    if (qb && end) {
        memcpy(qb + 7, "500", 3);
        snprintf(end, sizeof doc - (size_t)(end - doc), ", {\"id\": \"N\", \"item\": \"C\", \"qty\": 50, \"due\": \"2026-11-30\"}]}");
    }
    m2 = open_text(doc);
    if (m2) CHECK_EQ(ordo_plan_replan(m2, NULL, d, 0, &r, err, sizeof err), ORDO_OK);
    if (r) {
        const struct ordo_plan *p = r;
        CHECK_EQ(ordo_plan_check(r, msg, sizeof msg), 0);
        CHECK_EQ(count_of(r, "created"), 1);
        CHECK_EQ(count_of(r, "resized"), 1);
        CHECK_EQ(count_of(r, "deleted"), 0);
        CHECK_EQ(count_of(r, "operations_kept"), 2);
        CHECK_EQ(count_of(r, "operations_added"), 1);
        CHECK_EQ(count_of(r, "orders_moved"), 1); /* OB: 13:20 -> 15:00 */
        CHECK_EQ(p->ord_completion[0], T(0, 6, 40));
        CHECK_EQ(p->ord_completion[1], T(0, 15, 0));
        CHECK_EQ(p->ord_completion[2], T(0, 15, 50));
    }
    ordo_plan_close(r);
    ordo_model_close(m2);
    /* a folder without a plan: ORDO_EIO; a plan.json that is not a plan: ORDO_EINPUT, located */
    CHECK_EQ(ordo_plan_replan(m, NULL, folder("empty"), 0, &r, err, sizeof err), ORDO_EIO);
    CHECK(strstr(err, "plan.json") != NULL);
    static const char *const bad[] = {
        "[1, 2]",
        "{\"orders\": [], \"planned_orders\": [{\"id\": \"PL-1\", \"item\": \"A\", \"qty\": 1}]}",
        "{\"orders\": [], \"planned_orders\": [], \"operations\": [{\"order\": \"PL-9\", \"seq\": 10}]}",
        "{\"orders\": [{\"id\": \"OA\", \"completion\": \"soon\"}], \"planned_orders\": []}"};
    static const char *const where[] = {"not a plan", "planned_orders[0]", "operations[0]", "orders[0]"};
    for (int k = 0; k < 4; k++) {
        char file[600];
        snprintf(file, sizeof file, "%s/plan.json", folder("bad"));
        FILE *f = fopen(file, "w");
        if (f) fputs(bad[k], f), fclose(f);
        CHECK_EQ(ordo_plan_replan(m, NULL, folder("bad"), 0, &r, err, sizeof err), ORDO_EINPUT);
        CHECK(r == NULL && strstr(err, where[k]) != NULL);
    }
    ordo_plan_close(base), ordo_model_close(m);
}

/* Incremental re-plans (stable = 2) with the net-change MRP and the base read from the memo
** saved with the plan (mrp_keep, mrp_base), on the hand-made factory:
** - OA cancelled and a new order N (50 C due 2026-11-24): OA's lot and its capacity are freed,
**   N takes [00:00, 00:50) of it; OB keeps [06:40, 13:20): one operation added, one removed,
**   none moved; A's item is netted again, B's results are the base's;
** - OB's quantity 400 -> 500: its lot is resized and scheduled again after OA's, which stays:
**   OB [06:40, 15:00). */
static void incremental_cases(void)
{
    ordo_model *m = open_text(test_json(factory));
    if (!m) return;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_keep = 1;
    ordo_plan *base = NULL, *r = NULL;
    char err[1024], msg[1024];
    CHECK_EQ(ordo_plan_run(m, &o, &base), ORDO_OK);
    const char *d = folder("inc");
    static char dir[512];
    snprintf(dir, sizeof dir, "%s", d);
    save(base, dir);
    static char doc[4096];
    snprintf(doc, sizeof doc, "%s", test_json(factory));
    char *oa = strstr(doc, "{\"id\": \"OA\"");
    char *ob = oa ? strstr(oa, "{\"id\": \"OB\"") : NULL;
    if (oa && ob) memmove(oa, ob, strlen(ob) + 1); /* OA cancelled */
    char *end = strrchr(doc, ']');
    if (end) snprintf(end, sizeof doc - (size_t)(end - doc), ", {\"id\": \"N\", \"item\": \"C\", \"qty\": 50, \"due\": \"2026-11-24\"}]}");
    ordo_model *m2 = open_text(doc);
    o.mrp_base = dir;
    if (m2) CHECK_EQ(ordo_plan_replan(m2, &o, dir, 2, &r, err, sizeof err), ORDO_OK);
    if (r) {
        const struct ordo_plan *p = r;
        CHECK_EQ(ordo_plan_check(r, msg, sizeof msg), 0);
        CHECK(strstr(p->changes_json, "\"sequence\": \"incremental\"") != NULL);
        CHECK(strstr(p->changes_json, "\"mrp\": {\"items_netted\": 2, \"items_kept\": 1}") != NULL); /* A, C */
        CHECK_EQ(count_of(r, "deleted"), 1);
        CHECK_EQ(count_of(r, "created"), 1);
        CHECK_EQ(count_of(r, "operations_moved"), 0);
        CHECK_EQ(count_of(r, "operations_added"), 1);
        CHECK_EQ(count_of(r, "operations_removed"), 1);
        CHECK_EQ(count_of(r, "operations_moved_plain"), -1); /* no plain re-plan made */
        int32_t ob_i = order_index(m2, "OB"), n_i = order_index(m2, "N");
        if (ob_i >= 0 && n_i >= 0) {
            CHECK_EQ(p->ord_completion[ob_i], T(0, 13, 20));
            CHECK_EQ(p->ord_completion[n_i], T(0, 0, 50));
        }
    }
    ordo_plan_close(r), r = NULL;
    ordo_model_close(m2);
    snprintf(doc, sizeof doc, "%s", test_json(factory));
    char *qb = strstr(doc, "\"qty\": 400, \"due\": \"2026-11-24\", \"penalty_per_day\": 100}");
    if (qb) memcpy(qb + 7, "500", 3);
    m2 = open_text(doc);
    if (m2) CHECK_EQ(ordo_plan_replan(m2, &o, dir, 2, &r, err, sizeof err), ORDO_OK);
    if (r) {
        const struct ordo_plan *p = r;
        CHECK_EQ(ordo_plan_check(r, msg, sizeof msg), 0);
        CHECK_EQ(count_of(r, "resized"), 1);
        CHECK_EQ(count_of(r, "operations_moved"), 0); /* OB's starts where it started */
        CHECK_EQ(p->ord_completion[0], T(0, 6, 40));
        CHECK_EQ(p->ord_completion[1], T(0, 15, 0));
    }
    ordo_plan_close(r), r = NULL;
    ordo_model_close(m2);
    /* A's run time doubled: OA's operation (800 minutes now) cannot keep [00:00, 06:40); it is
    ** scheduled again after OB, which stays: OA [13:20, 2026-11-24 02:40). */
    snprintf(doc, sizeof doc, "%s", test_json(factory));
    char *ra = strstr(doc, "\"run_minutes_per_unit\": 1}");
    if (ra) memcpy(ra + 24, "2", 1);
    m2 = open_text(doc);
    if (m2) CHECK_EQ(ordo_plan_replan(m2, &o, dir, 2, &r, err, sizeof err), ORDO_OK);
    if (r) {
        const struct ordo_plan *p = r;
        CHECK_EQ(ordo_plan_check(r, msg, sizeof msg), 0);
        CHECK_EQ(count_of(r, "operations_moved"), 1);
        CHECK_EQ(p->ord_completion[0], T(1, 2, 40));
        CHECK_EQ(p->ord_completion[1], T(0, 13, 20));
    }
    ordo_plan_close(r);
    ordo_model_close(m2);
    ordo_plan_close(base), ordo_model_close(m);
}

/* ---- the property on generated factories ------------------------------------------------- */

static cJSON *generate(const char *gen, int items, int orders, int seed)
{
    char cmd[2048], file[512];
    snprintf(file, sizeof file, "%s/gen_%d.json", dir_root, seed);
    snprintf(cmd, sizeof cmd, "%s --items %d --orders %d --depth 4 --load 0.5 --seed %d -o %s", gen, items, orders, seed, file);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot run %s\n", cmd);
        t_fail++;
        return NULL;
    }
    FILE *f = fopen(file, "rb");
    static char buf[1 << 22];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = 0;
    return cJSON_Parse(buf);
}

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* One random edit of the data set: 0 quantity, 1 due date, 2 cancel, 3 new order, 4 receipt. */
static void edit(cJSON *doc, int kind, uint64_t *rng)
{
    cJSON *ords = cJSON_GetObjectItem(doc, "orders"), *rc = cJSON_GetObjectItem(doc, "receipts");
    int no = cJSON_GetArraySize(ords), nr = cJSON_GetArraySize(rc);
    cJSON *o = no ? cJSON_GetArrayItem(ords, (int)(next(rng) % (uint64_t)no)) : NULL;
    if (kind == 0 && o) {
        cJSON *q = cJSON_GetObjectItem(o, "qty");
        cJSON_SetNumberValue(q, q->valuedouble + 1 + (double)(next(rng) % 50));
    } else if (kind == 1 && o) {
        static const char *dues[] = {"2026-12-15", "2027-01-05", "2027-02-10"};
        cJSON_ReplaceItemInObject(o, "due", cJSON_CreateString(dues[next(rng) % 3]));
    } else if (kind == 2 && no > 1) {
        cJSON_DeleteItemFromArray(ords, (int)(next(rng) % (uint64_t)no));
    } else if (kind == 3 && o) {
        cJSON *n = cJSON_Duplicate(o, 1);
        cJSON_ReplaceItemInObject(n, "id", cJSON_CreateString("NEW-ORDER"));
        cJSON_AddItemToArray(ords, n);
    } else if (kind == 4 && nr) {
        cJSON *r = cJSON_GetArrayItem(rc, (int)(next(rng) % (uint64_t)nr));
        cJSON *q = cJSON_GetObjectItem(r, "qty");
        cJSON_SetNumberValue(q, q->valuedouble * 2 + 10);
    }
}

static int po_cmp(const void *a, const void *b)
{
    const double *x = a, *y = b;
    for (int k = 0; k < 3; k++)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

/* The planned orders (item, due, quantity) of p, sorted, into a new array of 3 * npo. */
static double *planned(const ordo_plan *pp)
{
    const struct ordo_plan *p = pp;
    double *v = malloc(((size_t)p->npo * 3 + 1) * sizeof *v);
    if (!v) return NULL;
    for (int32_t q = 0; q < p->npo; q++) v[3 * q] = p->po_item[q], v[3 * q + 1] = p->po_due[q], v[3 * q + 2] = p->po_qty[q];
    qsort(v, (size_t)p->npo, 3 * sizeof *v, po_cmp);
    return v;
}

static void property_cases(const char *gen)
{
    uint64_t rng = 42;
    for (int c = 0; c < 8; c++) {
        cJSON *doc = generate(gen, 60 + 20 * (c % 3), 40, c + 1);
        if (!doc) continue;
        char *text = cJSON_PrintUnformatted(doc);
        ordo_model *m = text ? open_text(text) : NULL;
        free(text);
        ordo_plan *base = NULL, *r = NULL, *fresh = NULL;
        char d[64], err[1024], msg[1024];
        snprintf(d, sizeof d, "gen%d", c);
        const char *dir = folder(d);
        if (m) CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
        if (base) save(base, dir);
        if (base && c < 2) { /* the unchanged data set: nothing moves */
            CHECK_EQ(ordo_plan_replan(m, NULL, dir, 0, &r, err, sizeof err), ORDO_OK);
            if (r) CHECK_EQ(count_of(r, "operations_moved") + count_of(r, "created") + count_of(r, "deleted"), 0);
            if (r) CHECK_EQ(count_of(r, "operations_kept"), ((const struct ordo_plan *)base)->nop);
            ordo_plan_close(r), r = NULL;
        }
        int edits = 1 + (int)(next(&rng) % 3);
        for (int e = 0; e < edits; e++) edit(doc, (int)((c + e) % 5), &rng);
        text = cJSON_PrintUnformatted(doc);
        ordo_model *m2 = text ? open_text(text) : NULL;
        free(text);
        if (m2 && base) {
            CHECK_EQ(ordo_plan_replan(m2, NULL, dir, 0, &r, err, sizeof err), ORDO_OK);
            CHECK_EQ(ordo_plan_run(m2, NULL, &fresh), ORDO_OK);
        }
        if (r && fresh) {
            const struct ordo_plan *a = r, *b = fresh;
            CHECK_EQ(a->npo, b->npo);
            double *va = planned(r), *vb = planned(fresh);
            int same = a->npo == b->npo && va && vb && memcmp(va, vb, (size_t)a->npo * 3 * sizeof *va) == 0;
            CHECK(same);
            if (!same) fprintf(stderr, "case %d: the re-plan's MRP differs from a plan from scratch\n", c);
            free(va), free(vb);
            int problems = ordo_plan_check(r, msg, sizeof msg);
            CHECK_EQ(problems, 0);
            if (problems) fprintf(stderr, "case %d:\n%s", c, msg);
            ordo_plan *st = NULL; /* --stable: the base's operations whatever the objective */
            if (m2 && base) CHECK_EQ(ordo_plan_replan(m2, NULL, dir, 1, &st, err, sizeof err), ORDO_OK);
            if (st) CHECK_EQ(ordo_plan_check(st, msg, sizeof msg), 0);
            if (st) CHECK_EQ(count_of(st, "operations_moved"), count_of(st, "operations_moved_keep"));
            ordo_plan_close(st), st = NULL;
            /* --incremental: feasible, and it moves no more than the re-plan that keeps the base */
            if (m2 && base) CHECK_EQ(ordo_plan_replan(m2, NULL, dir, 2, &st, err, sizeof err), ORDO_OK);
            if (st) {
                problems = ordo_plan_check(st, msg, sizeof msg);
                CHECK_EQ(problems, 0);
                if (problems) fprintf(stderr, "case %d (incremental):\n%s", c, msg);
                CHECK(count_of(st, "operations_moved") <= count_of(r, "operations_moved_keep"));
                CHECK(((const struct ordo_plan *)st)->npo == b->npo);
            }
            ordo_plan_close(st);
        ordo_plan_summary sa, sb;
            ordo_plan_get_summary(r, &sa), ordo_plan_get_summary(fresh, &sb);
            /* never worse than a plain re-plan by the objective */
            CHECK(sa.late_orders < sb.late_orders ||
                  (sa.late_orders == sb.late_orders && sa.total_lateness_days <= sb.total_lateness_days + 1e-9));
            CHECK(count_of(r, "operations_moved") <= count_of(r, "operations_moved_plain") ||
                  sa.late_orders < sb.late_orders || sa.total_lateness_days < sb.total_lateness_days - 1e-9);
        }
        ordo_plan_close(fresh), ordo_plan_close(r), ordo_plan_close(base);
        ordo_model_close(m2), ordo_model_close(m);
        cJSON_Delete(doc);
    }
}

int main(int argc, char **argv)
{
    snprintf(dir_root, sizeof dir_root, "/tmp/ordo_test_living_%ld", (long)getpid());
    mkdir(dir_root, 0777);
    chain_cases();
    replan_cases();
    incremental_cases();
    if (argc > 1) property_cases(argv[1]);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir_root);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir_root);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}
