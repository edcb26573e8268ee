/*
** test_mrp_props.c -- properties of MRP plans on generated factories (ordo_gen), checked
** against quantities recomputed here independently of the engine's netting:
**   1. with planned orders at their due dates, projected available never falls under
**      safety stock on any day of the horizon (needs re-derived from customer orders, the
**      parents' planned orders and phantom pass-through);
**   2. with planned orders at their real availability, an item with safety stock falls
**      under it exactly when a below_safety_stock exception says so;
**   3. pegging never exceeds a planned order's good quantity and names real orders;
**   4. in a plain variant (lot-for-lot, no stock, receipts, yield or scrap) every planned
**      order is pegged in full, and the pegs of each (item, customer order) equal that
**      order's quantity exploded through the BOM by hand;
**   5. the plan is the same for 1 and 2 threads;
**   6. the finite schedule passes the independent schedule checker.
** usage: test_mrp_props PATH/TO/ordo_gen
*/
#define _POSIX_C_SOURCE 200809L
#include "calendar.h"
#include "plan.h"
#include "ordo.h"
#include "peg_full.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static const char *gen_path;

static ordo_model *generate(int items, int orders, int depth, int seed)
{
    char cmd[2048], file[256];
    snprintf(file, sizeof file, "/tmp/ordo_props_%ld_%d.json", (long)getpid(), seed);
    snprintf(cmd, sizeof cmd, "%s --items %d --orders %d --depth %d --seed %d -o %s", gen_path, items, orders,
             depth, seed, file);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot run %s\n", cmd);
        t_fail++;
        return NULL;
    }
    ordo_model *m = NULL;
    ordo_rc rc = ordo_model_open(file, NULL, &m);
    remove(file);
    CHECK_EQ(rc, ORDO_OK);
    if (rc != ORDO_OK) {
        for (int i = 0; i < ordo_error_count(m) && i < 5; i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
        ordo_model_close(m);
        return NULL;
    }
    return m;
}

/* The MRP properties need no finite schedule (mrp_only); run_case schedules one case. */
static ordo_plan *plan_with(const ordo_model *m, int threads, int mrp_only)
{
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = threads;
    o.mrp_only = mrp_only;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
    return p;
}

static ordo_plan *plan(const ordo_model *m, int threads) { return plan_with(m, threads, 1); }

/* ---- a day-indexed quantity table per item ----------------------------------------------- */
typedef struct ev { int32_t item, day; double qty; } ev;
typedef struct evs { ev *v; size_t n, cap; } evs;

static void ev_add(evs *e, int32_t item, int32_t day, double qty)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 1024;
        e->v = realloc(e->v, e->cap * sizeof *e->v);
        if (!e->v) exit(1);
    }
    e->v[e->n++] = (ev){item, day, qty};
}

static int cmp_ev(const void *a, const void *b)
{
    const ev *x = a, *y = b;
    if (x->item != y->item) return x->item < y->item ? -1 : 1;
    return (x->day > y->day) - (x->day < y->day);
}

static int32_t clamp(const ordo_model *m, int32_t d) { return d < m->h_start ? m->h_start : d; }

/* Items by low-level code (parents before components). */
static int32_t *by_level(const ordo_model *m)
{
    int32_t *o = malloc(((size_t)m->nitem + 1) * sizeof *o), k = 0;
    for (int32_t L = 0; L < m->nlevels; L++)
        for (int32_t i = 0; i < m->nitem; i++)
            if (m->item_llc[i] == L) o[k++] = i;
    return o;
}

/* Every item's gross needs (day, qty), derived from the customer orders and the plan's
** planned orders; phantoms pass what their own stock and receipts do not cover. */
static evs gross_needs(const ordo_model *m, const ordo_plan *p)
{
    evs need = {0}, tmp = {0};
    for (int32_t o = 0; o < m->nord; o++) ev_add(&need, m->or_item[o], clamp(m, m->or_due[o]), m->or_qty[o]);
    int32_t *order = by_level(m);
    for (int32_t k = 0; k < m->nitem; k++) {
        int32_t i = order[k];
        if (m->item_src[i] == ORDO_SRC_MAKE) {
            for (int32_t q = 0; q < p->npo; q++) {
                if (p->po_item[q] != i) continue;
                for (int32_t b = m->bom_start[i]; b < m->bom_start[i + 1]; b++)
                    if (m->bom_from[b] <= p->po_release[q] && p->po_release[q] < m->bom_to[b])
                        ev_add(&need, m->bom_child[b], p->po_release[q],
                               p->po_qty[q] * m->bom_qty[b] * (1 + m->bom_scrap[b]));
            }
        } else if (m->item_src[i] == ORDO_SRC_PHANTOM) {
            /* this phantom's needs (all its parents are done), and its own supply */
            tmp.n = 0;
            for (size_t e = 0; e < need.n; e++)
                if (need.v[e].item == i) ev_add(&tmp, 0, need.v[e].day, need.v[e].qty);
            for (int32_t r = 0; r < m->nrcpt; r++)
                if (m->rc_item[r] == i) ev_add(&tmp, 1, clamp(m, m->rc_date[r]), -m->rc_qty[r]);
            qsort(tmp.v, tmp.n, sizeof *tmp.v, cmp_ev);
            double avail = m->item_on_hand[i] > 0 ? m->item_on_hand[i] : 0;
            size_t rr = 0;
            while (rr < tmp.n && tmp.v[rr].item == 0) rr++; /* receipts start here */
            size_t rk = rr;
            for (size_t e = 0; e < rr;) {
                int32_t day = tmp.v[e].day;
                double sum = 0;
                for (; e < rr && tmp.v[e].day == day; e++) sum += tmp.v[e].qty;
                for (; rk < tmp.n && tmp.v[rk].day <= day; rk++) avail -= tmp.v[rk].qty;
                double take = sum < avail ? sum : avail;
                avail -= take;
                double out = sum - take;
                if (out <= 1e-9 || day > m->h_end) continue;
                for (int32_t b = m->bom_start[i]; b < m->bom_start[i + 1]; b++)
                    if (m->bom_from[b] <= day && day < m->bom_to[b])
                        ev_add(&need, m->bom_child[b], day, out * m->bom_qty[b] * (1 + m->bom_scrap[b]));
            }
        }
    }
    free(order);
    free(tmp.v);
    return need;
}

/* Property 1: projected available >= safety stock every day of the horizon, with planned
** orders received on their due dates. Returns the number of items checked. */
static int check_projected(const ordo_model *m, const ordo_plan *p)
{
    evs need = gross_needs(m, p), flow = {0};
    for (size_t e = 0; e < need.n; e++) ev_add(&flow, need.v[e].item, need.v[e].day, -need.v[e].qty);
    for (int32_t r = 0; r < m->nrcpt; r++) ev_add(&flow, m->rc_item[r], clamp(m, m->rc_date[r]), m->rc_qty[r]);
    for (int32_t q = 0; q < p->npo; q++) ev_add(&flow, p->po_item[q], p->po_due[q], p->po_good[q]);
    qsort(flow.v, flow.n, sizeof *flow.v, cmp_ev);
    int checked = 0, bad = 0;
    for (size_t e = 0; e < flow.n;) {
        int32_t i = flow.v[e].item;
        double pa = m->item_on_hand[i], ss = m->item_safety[i], scale = 1;
        int phantom = m->item_src[i] == ORDO_SRC_PHANTOM;
        for (; e < flow.n && flow.v[e].item == i;) {
            int32_t day = flow.v[e].day;
            for (; e < flow.n && flow.v[e].item == i && flow.v[e].day == day; e++) {
                pa += flow.v[e].qty;
                scale += fabs(flow.v[e].qty);
            }
            if (!phantom && day <= m->h_end && pa < ss - 1e-7 * scale && bad++ < 5)
                fprintf(stderr, "item %s: projected available %g under safety stock %g on day %d\n",
                        ordo_str(&m->names, m->item_name[i]), pa, ss, day - m->h_start);
        }
        checked += !phantom;
    }
    CHECK_EQ(bad, 0);
    free(need.v);
    free(flow.v);
    return checked;
}

/* Property 2: below_safety_stock exactly for the items whose projected available, with
** planned orders at their real availability, falls under safety stock in the horizon. */
static void check_safety_exceptions(const ordo_model *m, const ordo_plan *p)
{
    evs need = gross_needs(m, p), flow = {0};
    for (size_t e = 0; e < need.n; e++) ev_add(&flow, need.v[e].item, need.v[e].day, -need.v[e].qty);
    for (int32_t r = 0; r < m->nrcpt; r++) ev_add(&flow, m->rc_item[r], clamp(m, m->rc_date[r]), m->rc_qty[r]);
    for (int32_t q = 0; q < p->npo; q++)
        if (p->po_avail[q] != INT32_MAX) ev_add(&flow, p->po_item[q], clamp(m, p->po_avail[q]), p->po_good[q]);
    for (int32_t i = 0; i < m->nitem; i++) ev_add(&flow, i, m->h_start, 0);
    qsort(flow.v, flow.n, sizeof *flow.v, cmp_ev);
    uint8_t *flag = calloc((size_t)m->nitem + 1, 1);
    for (int32_t k = 0; k < p->nexc; k++)
        if (p->exc[k].kind == ORDO_EXC_BELOW_SAFETY) flag[p->exc[k].item] = 1;
    int mismatch = 0;
    for (size_t e = 0; e < flow.n;) {
        int32_t i = flow.v[e].item;
        double pa = m->item_on_hand[i], ss = m->item_safety[i];
        int below = 0;
        while (e < flow.n && flow.v[e].item == i) {
            int32_t day = flow.v[e].day;
            for (; e < flow.n && flow.v[e].item == i && flow.v[e].day == day; e++) pa += flow.v[e].qty;
            if (day <= m->h_end && pa < ss - 1e-9 * (1 + ss)) below = 1;
        }
        if (!(ss > 0) || m->item_src[i] == ORDO_SRC_PHANTOM) continue;
        if (below != flag[i] && mismatch++ < 5)
            fprintf(stderr, "item %s: under safety stock %d, exception %d\n", ordo_str(&m->names, m->item_name[i]),
                    below, flag[i]);
    }
    CHECK_EQ(mismatch, 0);
    free(flag);
    free(need.v);
    free(flow.v);
}

/* Property 3: pegs within the good quantity, referring to real orders; so are the direct
** links, whose parent planned orders come before them. */
static void check_pegs_bounded(const ordo_model *m, const ordo_plan *p)
{
    int bad = 0;
    full_pegs f;
    CHECK_EQ(full_pegs_of(p, &f), 0);
    for (int32_t q = 0; f.start && q < p->npo; q++) {
        double sum = 0, lsum = 0;
        for (int64_t k = f.start[q]; k < f.start[q + 1]; k++) {
            sum += f.qty[k];
            if (f.ref[k] < ORDO_PEG_SAFETY || f.ref[k] >= m->nord || !(f.qty[k] > 0)) bad++;
        }
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            lsum += p->lnk_qty[k];
            int32_t n = p->lnk_need[k];
            if (n >= q || ORDO_LNK_ORDER_IDX(n) >= m->nord || !(p->lnk_qty[k] > 0)) bad++;
        }
        if (sum > lsum * (1 + 1e-9) + 1e-9 || lsum > p->po_good[q] * (1 + 1e-9) + 1e-9) bad++;
    }
    CHECK_EQ(bad, 0);
    full_pegs_free(&f);
}

/* Exploded requirement of one customer order, by hand: (item, order, qty) events. */
static void explode(const ordo_model *m, evs *req, int32_t o, int32_t i, double qty, int32_t day)
{
    if (m->item_src[i] != ORDO_SRC_PHANTOM) ev_add(req, i, o, qty);
    if (m->item_src[i] == ORDO_SRC_BUY) return;
    int32_t rel = day;
    if (m->item_src[i] == ORDO_SRC_MAKE) {
        rel = ordo_cal_offset_back(ordo_model_cal(m, m->item_cal[i]), day, m->item_lead[i] + m->item_insp[i]);
        rel = clamp(m, rel);
    }
    for (int32_t b = m->bom_start[i]; b < m->bom_start[i + 1]; b++)
        if (m->bom_from[b] <= rel && rel < m->bom_to[b]) explode(m, req, o, m->bom_child[b], qty * m->bom_qty[b], rel);
}

/* Property 4: on the plain variant, pegs are complete and equal the exploded requirement. */
static void check_plain(ordo_model *m)
{
    for (int32_t i = 0; i < m->nitem; i++) {
        m->item_on_hand[i] = 0;
        m->item_safety[i] = 0;
        m->item_yield[i] = 1;
        m->lot_rule[i] = ORDO_LOT_LFL;
        m->lot_min[i] = m->lot_mult[i] = 0;
    }
    for (int32_t b = 0; b < m->nbom; b++) m->bom_scrap[b] = 0;
    m->nrcpt = 0;
    ordo_plan *p = plan(m, 2);
    if (!p) return;
    int partial = 0;
    evs got = {0}, want = {0};
    full_pegs f;
    CHECK_EQ(full_pegs_of(p, &f), 0);
    for (int32_t q = 0; f.start && q < p->npo; q++) {
        double sum = 0, lsum = 0;
        for (int64_t k = f.start[q]; k < f.start[q + 1]; k++) {
            sum += f.qty[k];
            ev_add(&got, p->po_item[q], f.ref[k], f.qty[k]);
        }
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) lsum += p->lnk_qty[k];
        if ((fabs(sum - p->po_good[q]) > 1e-7 * (1 + p->po_good[q]) || fabs(lsum - p->po_good[q]) > 1e-7 * (1 + p->po_good[q])) &&
            partial++ < 5)
            fprintf(stderr, "PL-%d: pegged %g, linked %g of %g\n", q + 1, sum, lsum, p->po_good[q]);
    }
    full_pegs_free(&f);
    CHECK_EQ(partial, 0);
    for (int32_t o = 0; o < m->nord; o++)
        if (clamp(m, m->or_due[o]) <= m->h_end) explode(m, &want, o, m->or_item[o], m->or_qty[o], clamp(m, m->or_due[o]));
    /* aggregate both by (item, order) and compare */
    qsort(got.v, got.n, sizeof *got.v, cmp_ev);
    qsort(want.v, want.n, sizeof *want.v, cmp_ev);
    size_t a = 0, b = 0;
    int diff = 0, pairs = 0;
    while (a < got.n || b < want.n) {
        ev x = a < got.n ? got.v[a] : (ev){INT32_MAX, INT32_MAX, 0};
        ev y = b < want.n ? want.v[b] : (ev){INT32_MAX, INT32_MAX, 0};
        ev key = cmp_ev(&x, &y) <= 0 ? x : y;
        double gs = 0, ws = 0;
        for (; a < got.n && got.v[a].item == key.item && got.v[a].day == key.day; a++) gs += got.v[a].qty;
        for (; b < want.n && want.v[b].item == key.item && want.v[b].day == key.day; b++) ws += want.v[b].qty;
        pairs++;
        if (fabs(gs - ws) > 1e-7 * (1 + ws) && diff++ < 5)
            fprintf(stderr, "item %s, order %s: pegged %g, exploded requirement %g\n",
                    ordo_str(&m->names, m->item_name[key.item]), ordo_str(&m->names, m->or_name[key.day]), gs, ws);
    }
    CHECK_EQ(diff, 0);
    CHECK(pairs > m->nord);
    free(got.v);
    free(want.v);
    ordo_plan_close(p);
}

/* Property 5: the same plan for 1 and 2 threads. */
static void check_threads(const ordo_model *m, const ordo_plan *p1)
{
    ordo_plan *p2 = plan(m, 2);
    if (!p2) return;
    int same = p1->npo == p2->npo && p1->nlnk == p2->nlnk && p1->nslnk == p2->nslnk && p1->nexc == p2->nexc;
    for (int32_t q = 0; same && q < p1->npo; q++)
        same = p1->po_item[q] == p2->po_item[q] && p1->po_qty[q] == p2->po_qty[q] &&
               p1->po_due[q] == p2->po_due[q] && p1->po_release[q] == p2->po_release[q] &&
               p1->po_avail[q] == p2->po_avail[q] && p1->lnk_start[q] == p2->lnk_start[q];
    for (int64_t k = 0; same && k < p1->nlnk; k++) same = p1->lnk_need[k] == p2->lnk_need[k] && p1->lnk_qty[k] == p2->lnk_qty[k];
    for (int64_t k = 0; same && k < p1->nslnk; k++)
        same = p1->slnk_sup[k] == p2->slnk_sup[k] && p1->slnk_need[k] == p2->slnk_need[k] && p1->slnk_qty[k] == p2->slnk_qty[k];
    for (int32_t k = 0; same && k < p1->nexc; k++)
        same = p1->exc[k].kind == p2->exc[k].kind && p1->exc[k].item == p2->exc[k].item &&
               p1->exc[k].ref == p2->exc[k].ref && p1->exc[k].day == p2->exc[k].day && p1->exc[k].qty == p2->exc[k].qty;
    if (!same) fprintf(stderr, "plans differ: %d/%d orders, %lld/%lld links, %d/%d exceptions\n", p1->npo, p2->npo,
                       (long long)p1->nlnk, (long long)p2->nlnk, p1->nexc, p2->nexc);
    CHECK(same);
    ordo_plan_close(p2);
}

static void run_case(int items, int orders, int depth, int seed, int schedule)
{
    ordo_model *m = generate(items, orders, depth, seed);
    if (!m) return;
    ordo_plan *p = plan(m, 1);
    if (p) {
        CHECK(p->npo > items / 2);
        int checked = check_projected(m, p);
        CHECK(checked > items / 2);
        check_safety_exceptions(m, p);
        check_pegs_bounded(m, p);
        check_threads(m, p);
        ordo_plan_close(p);
    }
    if (schedule) { /* the finite schedule of the generated factory passes the checker */
        p = plan_with(m, 2, 0);
        char msg[2048];
        int problems = p ? ordo_plan_check(p, msg, sizeof msg) : -1;
        if (problems) fprintf(stderr, "schedule check: %d problems\n%s", problems, msg);
        CHECK_EQ(problems, 0);
        CHECK(p && p->nop > 0);
        /* a second of search never makes the weighted lateness worse than the constructive
        ** pass, and its schedule passes the checker too */
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = 2;
        o.time_limit = -1;
        ordo_plan *p0 = NULL;
        CHECK_EQ(ordo_plan_run(m, &o, &p0), ORDO_OK);
        ordo_plan_close(p);
        o.time_limit = 1;
        p = NULL;
        CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
        if (p) CHECK_EQ(ordo_plan_check(p, msg, sizeof msg), 0);
        if (p && p0) {
            double w = 0, w0 = 0;
            for (int32_t k = 0; k < m->nord; k++) {
                double pen = m->or_penalty[k] > 0 ? m->or_penalty[k] : 1;
                w += p->ord_lateness[k] * pen, w0 += p0->ord_lateness[k] * pen;
            }
            printf("generated factory: weighted lateness %.2f after the search, %.2f constructive\n", w, w0);
            CHECK(w <= w0 + 1e-9);
            CHECK_EQ(ordo_plan_check(p0, msg, sizeof msg), 0);
        }
        ordo_plan_close(p0);
        ordo_plan_close(p);
    }
    check_plain(m);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_mrp_props PATH/TO/ordo_gen\n");
        return 2;
    }
    gen_path = argv[1];
    run_case(1500, 1500, 6, 1, 0);
    run_case(1500, 3000, 6, 2, 0);
    run_case(2000, 1000, 9, 3, 0);
    run_case(300, 600, 3, 4, 1);
    return test_report("test_mrp_props");
}
