/*
** test_alternates.c -- alternative components (bom[].group), hand-computed on
** tests/data/alternates.json (no calendar: every day works; horizon start 2026-11-23).
**
** FG: SO-1 100 due 12-10, lead 1: PL-1 100 released 12-09. Group G1 of FG, by priority:
**   P1 (preferred, qty_per 2, on hand 20), ALT1 (qty_per 1, scrap 0.25: 1.25 a unit, on
**   hand 50), ALT2 (qty_per 4, on hand 100, its own SO-2 40 due 12-20: 60 free).
**   P1's 20 cover 10 units of FG, ALT1's 50 cover 40, ALT2's free 60 cover 15 (ALT2's line
**   comes first in the file: the priority decides). 35 units of FG are left for P1:
**   P1 needs 20 + 70 on 12-09: one purchase of 70 released 12-04 (lead 5). ALT1 and ALT2
**   get no planned order; ALT2 keeps 40 for SO-2.
** FG2: SO-3 30 due 12-05, lead 2: PL-2 30 released 12-03. Group G2: Q2 (preferred, no stock,
**   lead 3), ALT3 (receipt PO-1 50 on 12-01, its own SO-4 40 due 12-15). ALT3's free stock
**   on 12-03 is min(50, 50 - 40) = 10: ALT3 gives 10 from PO-1, Q2 is bought for 20 due
**   12-03, released 11-30.
** FG3: SO-5 10 due 12-15, lead 0: PL-3 released 12-15; its phantom PH passes the 10 on to
**   group G3: E1 (priority 0) only until 12-01, so E2 (priority 1, no stock) is preferred
**   on 12-15; E3 (priority 2) gives its 4, E2 is bought for 6 due 12-15, released 12-13;
**   E1's 100 stay unused.
*/
#include "check.h"
#include "dates.h"
#include "groups.h"
#include "peg.h"
#include "plan.h"
#include "ordo.h"
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char buf[2][2048];

static const char *iname(const ordo_model *m, int32_t i) { return ordo_str(&m->names, m->item_name[i]); }

static void cat(char *b, const char *s)
{
    strncat(b, s, sizeof buf[0] - strlen(b) - 1);
}

/* "item:due:qty:release" of every planned order, then "item:supply:need:qty" of every
** stock link, into b. */
static const char *dump(const ordo_plan *p, char *b)
{
    const ordo_model *m = p->model;
    char one[160], due[11], rel[11];
    b[0] = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        ordo_fmt_date(p->po_due[q], due);
        ordo_fmt_date(p->po_release[q], rel);
        snprintf(one, sizeof one, "%s:%s:%g:%s ", iname(m, p->po_item[q]), due, p->po_qty[q], rel);
        cat(b, one);
    }
    cat(b, "|");
    for (int64_t k = 0; k < p->nslnk; k++) {
        int32_t s = p->slnk_sup[k], n = p->slnk_need[k];
        char sup[64], need[64];
        if (s == ORDO_SUP_ONHAND) snprintf(sup, sizeof sup, "onhand");
        else snprintf(sup, sizeof sup, "%s", ordo_str(&m->names, m->rc_name[ORDO_SUP_RCPT_IDX(s)]));
        if (ORDO_LNK_IS_ORDER(n)) snprintf(need, sizeof need, "%s", ordo_str(&m->names, m->or_name[ORDO_LNK_ORDER_IDX(n)]));
        else snprintf(need, sizeof need, "PL-%d", n + 1);
        snprintf(one, sizeof one, " %s:%s:%s:%g", iname(m, p->slnk_item[k]), sup, need, p->slnk_qty[k]);
        cat(b, one);
    }
    return b;
}

static ordo_plan *plan_model(ordo_model *m, int threads)
{
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = threads;
    ordo_plan *p = NULL;
    return ordo_plan_run(m, &o, &p) == ORDO_OK ? p : NULL;
}

/* Whether the schedule's material list of planned order q holds supply s. */
static int waits_for(const ordo_plan *p, int32_t q, int32_t s)
{
    for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++)
        if (p->dep_sup[j] == s) return 1;
    return 0;
}

static void test_plan(const char *path, const char *what)
{
    ordo_model *m = NULL;
    fprintf(stderr, "%s\n", what);
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    if (!m) return;
    for (int i = 0; i < ordo_error_count(m); i++) fprintf(stderr, "  %s\n", ordo_error_at(m, i));
    ordo_plan *p = plan_model(m, 1), *p2 = plan_model(m, 2);
    CHECK(p != NULL && p2 != NULL);
    if (p && p2) {
        CHECK_STR(dump(p, buf[0]), "FG:2026-12-10:100:2026-12-09 FG2:2026-12-05:30:2026-12-03 FG3:2026-12-15:10:2026-12-15 "
                                   "P1:2026-12-09:70:2026-12-04 Q2:2026-12-03:20:2026-11-30 E2:2026-12-15:6:2026-12-13 | "
                                   "P1:onhand:PL-1:20 ALT2:onhand:PL-1:60 ALT2:onhand:SO-2:40 ALT1:onhand:PL-1:50 "
                                   "ALT3:PO-1:PL-2:10 ALT3:PO-1:SO-4:40 E3:onhand:PL-3:4");
        CHECK_STR(dump(p2, buf[1]), buf[0]); /* the same on 2 threads */
        /* one low-level code per cluster */
        CHECK_EQ(m->item_llc[1], m->item_llc[2]);
        CHECK_EQ(m->item_llc[2], m->item_llc[3]);
        /* the schedule waits for the alternative's receipt and stock, the checker agrees */
        CHECK(waits_for(p, 1, ORDO_SUP_RCPT(0)));
        CHECK(waits_for(p, 1, 4));    /* PL-5, Q2's purchase */
        CHECK(waits_for(p, 2, 5));    /* PL-6, E2's, through the phantom */
        CHECK(waits_for(p, 2, ORDO_SUP_ONHAND));
        CHECK(waits_for(p, 0, ORDO_SUP_ONHAND));
        char why[512] = "";
        CHECK_EQ(ordo_sched_check(p, why, sizeof why), 0);
        if (why[0]) fprintf(stderr, "check: %s\n", why);
        /* full pegging: P1's purchase reaches SO-1 through FG's order */
        ordo_pegger *g = ordo_pegger_new(p);
        const int32_t *ref;
        const double *qty;
        int64_t n = 0;
        CHECK(g && ordo_pegger_get(g, 3, &ref, &qty, &n) == 0);
        CHECK_EQ(n, 1);
        if (n == 1) CHECK(ref[0] == 0 && qty[0] == 70);
        ordo_pegger_free(g);
        for (int32_t o = 0; o < m->nord; o++) CHECK_EQ(p->ord_status[o], ORDO_ST_ON_TIME);
    }
    ordo_plan_close(p);
    ordo_plan_close(p2);
    ordo_model_close(m);
}

/* How parent item P uses component c on day: 1 by a plain or preferred line (or through a
** phantom child), 0 only as a non-preferred alternative, -1 not at all. */
static int uses(const ordo_model *m, int32_t P, int32_t c, int32_t day)
{
    int r = -1;
    for (int32_t l = m->bom_start[P]; l < m->bom_start[P + 1]; l++) {
        int32_t x = m->bom_child[l];
        if (m->item_src[x] == ORDO_SRC_PHANTOM && ordo_model_line_used(m, l, day) && uses(m, x, c, day) == 1) return 1;
        if (x != c) continue;
        if (ordo_model_line_used(m, l, day)) return 1;
        r = 0;
    }
    return r;
}

#define SAME(a, b, n) CHECK((n) == 0 || memcmp((a), (b), (size_t)(n) * sizeof *(a)) == 0)

/* A generated factory with alternatives and second suppliers: the same plan on 1 and 2
** threads, the checker passes, stock is never given twice, an alternative's planned order
** never serves a parent through a group, and alternatives' stock is used. */
static void test_generated(const char *gen)
{
    char path[256], cmd[600];
    snprintf(path, sizeof path, "/tmp/ordo_test_alternates_%ld.json", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s --shape erp --items 1500 --seed 7 --alternates 0.3 --suppliers 0.3 -o %s", gen, path);
    CHECK_EQ(system(cmd), 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    remove(path);
    if (!m) return;
    CHECK(m->ngroup > 100);
    ordo_plan *p = plan_model(m, 1), *q = plan_model(m, 2);
    CHECK(p && q);
    if (p && q) {
        CHECK_EQ(p->npo, q->npo);
        CHECK_EQ(p->nlnk, q->nlnk);
        CHECK_EQ(p->nslnk, q->nslnk);
        if (p->npo == q->npo && p->nlnk == q->nlnk && p->nslnk == q->nslnk) {
            SAME(p->po_item, q->po_item, p->npo);
            SAME(p->po_qty, q->po_qty, p->npo);
            SAME(p->po_due, q->po_due, p->npo);
            SAME(p->lnk_need, q->lnk_need, p->nlnk);
            SAME(p->lnk_qty, q->lnk_qty, p->nlnk);
            SAME(p->slnk_item, q->slnk_item, p->nslnk);
            SAME(p->slnk_sup, q->slnk_sup, p->nslnk);
            SAME(p->slnk_need, q->slnk_need, p->nslnk);
            SAME(p->slnk_qty, q->slnk_qty, p->nslnk);
        }
        char why[512] = "";
        CHECK_EQ(ordo_sched_check(p, why, sizeof why), 0);
        if (why[0]) fprintf(stderr, "check: %s\n", why);
        double *onh = calloc((size_t)m->nitem + 1, sizeof *onh), *rc = calloc((size_t)m->nrcpt + 1, sizeof *rc);
        int64_t alt_stock = 0, bad = 0;
        for (int64_t k = 0; onh && rc && k < p->nslnk; k++) {
            int32_t s = p->slnk_sup[k], n = p->slnk_need[k], c = p->slnk_item[k];
            if (s == ORDO_SUP_ONHAND) onh[c] += p->slnk_qty[k];
            else rc[ORDO_SUP_RCPT_IDX(s)] += p->slnk_qty[k];
            if (n >= 0 && uses(m, p->po_item[n], c, p->po_release[n]) == 0) alt_stock++;
        }
        for (int32_t i = 0; onh && i < m->nitem; i++) bad += onh[i] > fmax(m->item_on_hand[i], 0) * (1 + 1e-9) + 1e-9;
        for (int32_t r = 0; rc && r < m->nrcpt; r++) bad += rc[r] > m->rc_qty[r] * (1 + 1e-9) + 1e-9;
        for (int32_t o = 0; o < p->npo; o++)
            for (int64_t k = p->lnk_start[o]; k < p->lnk_start[o + 1]; k++) {
                int32_t n = p->lnk_need[k];
                if (n >= 0 && uses(m, p->po_item[n], p->po_item[o], p->po_release[n]) == 0) {
                    bad++;
                    fprintf(stderr, "PL-%d (%s) serves PL-%d (%s) through a group\n", o + 1, iname(m, p->po_item[o]), n + 1,
                            iname(m, p->po_item[n]));
                }
            }
        CHECK_EQ(bad, 0);
        CHECK(alt_stock > 0);
        fprintf(stderr, "generated: %d groups, %d planned orders, %lld stock links of alternatives\n", m->ngroup, p->npo,
                (long long)alt_stock);
        free(onh), free(rc);
    }
    ordo_plan_close(p);
    ordo_plan_close(q);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/alternates.json", src ? src : ".");
    ordo_model *cm = NULL;
    test_plan(path, "JSON");
    /* the groups through HDF5 (columns group and priority of the bom table) and back */
    CHECK_EQ(ordo_convert(path, "test_alternates.h5", NULL, &cm), ORDO_OK);
    ordo_model_close(cm), cm = NULL;
    test_plan("test_alternates.h5", "HDF5");
    CHECK_EQ(ordo_convert("test_alternates.h5", "test_alternates.json", NULL, &cm), ORDO_OK);
    ordo_model_close(cm);
    test_plan("test_alternates.json", "HDF5 written back as JSON");
    if (argc > 1) test_generated(argv[1]);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
