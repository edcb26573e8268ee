/*
** test_netchange.c -- net-change MRP (ordo_plan_opts.mrp_base) against a full MRP.
**
** Property: on generated factories of several shapes (ERP-shaped with second suppliers,
** a second site and alternate components; layered with phantoms; the living-plan shop with
** production orders, fences and action messages), rounds of random edits (an order's
** quantity or due date, a cancelled order, a new order, a receipt's quantity or date, a
** receipt removed, an item's stock) re-planned net-change against the previous round's saved
** plan give exactly the MRP of a full run on the same data: planned orders, links, stock
** links, dependency edges, exceptions and order results. And it is net-change: with one edit,
** the items netted again are at most those the edit reaches (the edited item, everything
** below it in the BOM, and items netted together with alternates); the others keep the
** saved results. A memo that is damaged is refused and costs a full MRP, never a wrong one.
*/
#include "ordo.h"
#include "plan.h"
#include "test.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *gen_path, *src_dir;

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static cJSON *read_json(const char *path)
{
    size_t len = 0;
    char *text = test_slurp(path, &len);
    cJSON *j = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    return j;
}

static ordo_model *model_of(const cJSON *data)
{
    char *text = cJSON_PrintUnformatted(data);
    ordo_model *m = NULL;
    ordo_rc rc = text ? ordo_model_open_buffer(text, strlen(text), NULL, &m) : ORDO_ENOMEM;
    free(text);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        for (int i = 0; m && i < ordo_error_count(m) && i < 5; i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
        ordo_model_close(m);
        return NULL;
    }
    return m;
}

static ordo_plan *mrp(const ordo_model *m, const char *base, int threads)
{
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_only = 1, o.threads = threads, o.mrp_keep = 1, o.mrp_base = base;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
    return p;
}

#define SAME_ARR(a, b, n) ((n) == 0 || memcmp((a), (b), (size_t)(n) * sizeof *(a)) == 0)

/* Every MRP array of the two plans is the same (exceptions field by field: padding). */
static int same_mrp(const ordo_plan *a, const ordo_plan *b)
{
    const ordo_model *m = a->model;
    if (a->npo != b->npo || a->nlnk != b->nlnk || a->nslnk != b->nslnk || a->nedge != b->nedge || a->nexc != b->nexc) {
        fprintf(stderr, "counts differ: %d/%d orders, %lld/%lld links, %d/%d edges, %d/%d exceptions\n", a->npo, b->npo,
                (long long)a->nlnk, (long long)b->nlnk, a->nedge, b->nedge, a->nexc, b->nexc);
        return 0;
    }
    int same = SAME_ARR(a->po_item, b->po_item, a->npo) && SAME_ARR(a->po_qty, b->po_qty, a->npo) &&
               SAME_ARR(a->po_good, b->po_good, a->npo) && SAME_ARR(a->po_due, b->po_due, a->npo) &&
               SAME_ARR(a->po_release, b->po_release, a->npo) && SAME_ARR(a->po_avail, b->po_avail, a->npo) &&
               SAME_ARR(a->po_moved, b->po_moved, a->npo) && SAME_ARR(a->lnk_start, b->lnk_start, a->npo + 1) &&
               SAME_ARR(a->lnk_need, b->lnk_need, a->nlnk) && SAME_ARR(a->lnk_qty, b->lnk_qty, a->nlnk) &&
               SAME_ARR(a->slnk_item, b->slnk_item, a->nslnk) && SAME_ARR(a->slnk_sup, b->slnk_sup, a->nslnk) &&
               SAME_ARR(a->slnk_need, b->slnk_need, a->nslnk) && SAME_ARR(a->slnk_qty, b->slnk_qty, a->nslnk) &&
               SAME_ARR(a->edge, b->edge, 2 * (int64_t)a->nedge) && SAME_ARR(a->ord_status, b->ord_status, m->nord) &&
               SAME_ARR(a->ord_completion, b->ord_completion, m->nord) && SAME_ARR(a->ord_lateness, b->ord_lateness, m->nord);
    if (same && a->po_sup) same = SAME_ARR(a->po_sup, b->po_sup, a->npo);
    if (same && a->po_prod) same = SAME_ARR(a->po_prod, b->po_prod, a->npo);
    for (int32_t k = 0; same && k < a->nexc; k++) {
        const ordo_exception *x = &a->exc[k], *y = &b->exc[k];
        same = x->kind == y->kind && x->ref_kind == y->ref_kind && x->item == y->item && x->ref == y->ref &&
               x->day == y->day && x->day2 == y->day2 && x->qty == y->qty;
    }
    if (!same) fprintf(stderr, "an MRP array differs\n");
    return same;
}

/* ---- edits ---------------------------------------------------------------------------------- */

static const char *id_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void set_num(cJSON *o, const char *key, double v)
{
    cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    if (x) cJSON_SetNumberValue(x, v);
    else cJSON_AddNumberToObject(o, key, v);
}

/* A date moved by d days (the generator's dates are YYYY-MM-DD; days kept within 1..28). */
static void shift_date(cJSON *o, const char *key, int d)
{
    cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(x) || strlen(x->valuestring) != 10) return;
    int y, mo, day;
    if (sscanf(x->valuestring, "%d-%d-%d", &y, &mo, &day) != 3) return;
    day += d;
    if (day < 1) day = 1;
    if (day > 28) day = 28;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, day);
    cJSON_SetValuestring(x, buf);
}

/* One random edit of data; the name of the item it touches into item (NULL when none). */
static void edit(cJSON *data, int round, char *item, size_t nitem)
{
    cJSON *orders = cJSON_GetObjectItemCaseSensitive(data, "orders");
    cJSON *rcpts = cJSON_GetObjectItemCaseSensitive(data, "receipts");
    cJSON *items = cJSON_GetObjectItemCaseSensitive(data, "items");
    int no = cJSON_GetArraySize(orders), nr = cJSON_GetArraySize(rcpts), ni = cJSON_GetArraySize(items);
    int kind = (int)rnd(8);
    if (kind >= 4 && kind <= 6 && nr == 0) kind = 0;
    if (no == 0) kind = 3;
    int ko = no ? (int)rnd((uint32_t)no) : 0, kr = nr ? (int)rnd((uint32_t)nr) : 0;
    cJSON *o = no ? cJSON_GetArrayItem(orders, ko) : NULL;
    cJSON *r = nr ? cJSON_GetArrayItem(rcpts, kr) : NULL;
    switch (kind) {
    case 0: set_num(o, "qty", 1 + rnd(400)); break;
    case 1: shift_date(o, "due", (int)rnd(15) - 7); break;
    case 2: snprintf(item, nitem, "%s", id_of(o, "item")); cJSON_DeleteItemFromArray(orders, ko); return;
    case 3: {
        cJSON *n = cJSON_Duplicate(o ? o : cJSON_GetArrayItem(items, 0), 1);
        char id[64];
        snprintf(id, sizeof id, "NEW-%d-%u", round, rnd(1000000));
        cJSON_ReplaceItemInObject(n, "id", cJSON_CreateString(id));
        set_num(n, "qty", 1 + rnd(200));
        cJSON_AddItemToArray(orders, n);
        o = n;
        break;
    }
    case 4: set_num(r, "qty", 1 + rnd(500)); break;
    case 5: shift_date(r, "date", (int)rnd(21) - 10); break;
    case 6: snprintf(item, nitem, "%s", id_of(r, "item")); cJSON_DeleteItemFromArray(rcpts, kr); return;
    default: {
        cJSON *it = cJSON_GetArrayItem(items, (int)rnd((uint32_t)ni));
        set_num(it, "on_hand", rnd(300));
        snprintf(item, nitem, "%s", id_of(it, "id"));
        return;
    }
    }
    snprintf(item, nitem, "%s", id_of(kind >= 4 && kind <= 6 ? r : o, "item"));
}

/* Items the edit of item `name` can reach: it, the items below it, and with them every item
** netted together with alternates. */
static int32_t reach(const ordo_model *m, const char *name)
{
    uint8_t *in = calloc((size_t)m->nitem + 1, 1);
    int32_t *stack = malloc(((size_t)m->nitem + 1) * sizeof *stack), n = 0, sp = 0;
    for (int32_t i = 0; i < m->nitem; i++)
        if (strcmp(ordo_str(&m->names, m->item_name[i]), name) == 0) in[i] = 1, stack[sp++] = i;
    while (sp > 0) {
        int32_t i = stack[--sp];
        for (int32_t k = m->bom_start[i]; k < m->bom_start[i + 1]; k++)
            if (!in[m->bom_child[k]]) in[m->bom_child[k]] = 1, stack[sp++] = m->bom_child[k];
        int32_t from = m->item_from ? m->item_from[i] : -1; /* a transfer's source item */
        if (from >= 0 && !in[from]) in[from] = 1, stack[sp++] = from;
    }
    for (int32_t i = 0; m->item_alt_rep && i < m->nitem; i++) /* clusters: always netted */
        if (m->item_alt_rep[i] != i) in[i] = in[m->item_alt_rep[i]] = 1;
    for (int32_t i = 0; i < m->nitem; i++) n += in[i];
    free(in), free(stack);
    return n;
}

/* ---- the property --------------------------------------------------------------------------- */

static void rounds(const char *name, cJSON *data, int nround, int edits_max)
{
    char dir[2][256];
    snprintf(dir[0], sizeof dir[0], "/tmp/ordo_nc_%ld_a", (long)getpid());
    snprintf(dir[1], sizeof dir[1], "/tmp/ordo_nc_%ld_b", (long)getpid());
    ordo_model *m = model_of(data);
    ordo_plan *p = m ? mrp(m, NULL, 2) : NULL;
    char err[512];
    if (!p || ordo_plan_save_state(p, dir[0], err, sizeof err) != ORDO_OK) {
        t_fail++;
        fprintf(stderr, "%s: base not saved\n", name);
    }
    ordo_plan_close(p), ordo_model_close(m);
    int32_t kept_total = 0, netted_total = 0, checked = 0;
    for (int r = 0; r < nround; r++) {
        int nedit = 1 + (int)rnd((uint32_t)edits_max);
        char item[128] = "";
        for (int e = 0; e < nedit; e++) edit(data, r, item, sizeof item);
        m = model_of(data);
        if (!m) return;
        ordo_plan *full = mrp(m, NULL, 1), *nc = mrp(m, dir[r % 2], r % 2 + 1);
        if (full && nc) {
            CHECK(same_mrp(full, nc));
            CHECK(nc->nc_kept >= 0);
            CHECK_EQ(nc->nc_netted + nc->nc_kept, m->nitem);
            if (nedit == 1 && item[0]) {
                int32_t reached = reach(m, item);
                if (nc->nc_netted > reached)
                    fprintf(stderr, "%s round %d: %d items netted, the edit of %s reaches %d\n", name, r, nc->nc_netted,
                            item, reached);
                CHECK(nc->nc_netted <= reached);
                checked++;
            }
            kept_total += nc->nc_kept, netted_total += nc->nc_netted;
            CHECK_EQ(ordo_plan_save_state(nc, dir[(r + 1) % 2], err, sizeof err), ORDO_OK); /* the next round's base */
        }
        ordo_plan_close(full), ordo_plan_close(nc), ordo_model_close(m);
    }
    printf("%s: %d rounds, %d items kept and %d netted in all, %d single edits within their reach\n", name, nround,
           kept_total, netted_total, checked);
    CHECK(kept_total > netted_total); /* net-change: most items are not netted again */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir[0], dir[1]);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir[0]);
}

static cJSON *generated(const char *args)
{
    char file[256], cmd[1024];
    snprintf(file, sizeof file, "/tmp/ordo_nc_%ld.json", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s %s -o %s", gen_path, args, file);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot run %s\n", cmd);
        t_fail++;
        return NULL;
    }
    cJSON *j = read_json(file);
    remove(file);
    CHECK(j != NULL);
    return j;
}

/* A damaged memo is refused (the MRP runs in full and says why); the plan is still right. */
static void damaged(cJSON *data)
{
    char dir[256], path[300];
    snprintf(dir, sizeof dir, "/tmp/ordo_nc_%ld_d", (long)getpid());
    ordo_model *m = model_of(data);
    ordo_plan *p = m ? mrp(m, NULL, 1) : NULL;
    char err[512];
    CHECK(p && ordo_plan_save_state(p, dir, err, sizeof err) == ORDO_OK);
    snprintf(path, sizeof path, "%s/mrp.ordo", dir);
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (f) { /* one byte in the middle */
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, size / 2, SEEK_SET);
        int c = fgetc(f);
        fseek(f, size / 2, SEEK_SET);
        fputc(c ^ 0x55, f);
        fclose(f);
    }
    ordo_plan *q = m ? mrp(m, dir, 1) : NULL;
    if (p && q) {
        CHECK(same_mrp(p, q));
        CHECK_EQ(q->nc_kept, -1);
        CHECK(strstr(q->nc_why, "damaged") != NULL);
    }
    ordo_plan_close(q);
    remove(path); /* none at all: a full MRP too */
    q = m ? mrp(m, dir, 1) : NULL;
    if (q) {
        CHECK_EQ(q->nc_kept, -1);
        CHECK(strstr(q->nc_why, "no mrp.ordo") != NULL);
    }
    ordo_plan_close(q), ordo_plan_close(p), ordo_model_close(m);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_netchange PATH/TO/ordo_gen SOURCE_DIR\n");
        return 2;
    }
    gen_path = argv[1], src_dir = argv[2];
    cJSON *d = generated("--shape erp --items 400 --orders 1200 --depth 6 --suppliers 0.3 --sites 2 --alternates 0.2 --seed 5");
    if (d) rounds("erp with suppliers, sites, alternates", d, 12, 3), damaged(d), cJSON_Delete(d);
    d = generated("--shape erp --items 600 --orders 2000 --depth 6 --seed 7");
    if (d) rounds("erp", d, 10, 2), cJSON_Delete(d);
    d = generated("--items 500 --orders 800 --depth 7 --shared 0.2 --seed 9");
    if (d) rounds("layered with phantoms", d, 10, 2), cJSON_Delete(d);
    char path[512];
    snprintf(path, sizeof path, "%s/datasets/shop/factory.json", src_dir);
    d = read_json(path);
    CHECK(d != NULL);
    if (d) rounds("shop (production orders, fences, actions)", d, 10, 2), cJSON_Delete(d);
    return test_report("test_netchange");
}
