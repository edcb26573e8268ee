/*
** test_insert.c -- urgent insertion (ordo_insert_json) that must move others, on a factory
** small enough to compute by hand: R runs one operation at a time around the clock; OA
** (400 x 1 min, due 2026-11-24, penalty 1, planned first) and OB (400 x 1 min, the same due
** date, penalty 100) fill [0, 800) minutes. An urgent U of 1,500 minutes due at once:
**   in the gaps:  after OB, done at 2026-11-24T14:20 (late);
**   right-shift:  U [0, 1500), OA [1500, 1900) and OB [1900, 2300): OB late 14h20 x 100;
**   GLPK window:  OB before OA: OB late 7h40 x 100, OA 14h20 x 1 -- less weighted lateness.
** Checked: the method each way picks, exact completions, that `disturbed` is exactly the
** orders whose completion differs between the base plan and the new one, the checker, and
** --max-slip (1.2 days lets only the right-shift through; 0.5 days neither); and overtime,
** used only where the urgent order is late without it.
*/
#define _POSIX_C_SOURCE 200809L
#include "factories.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <omp.h>
#include <unistd.h>

#include "plan.h"
#include "sched.h"

#include "ordo.h"

static const char *factory = FACTORY_ONE_RESOURCE;

static const char *urgent = "{\"id\": \"U\", \"item\": \"C\", \"qty\": 1500, \"due\": \"2026-11-23\", \"urgent\": true}";

#define T(d, h, mi) ((int64_t)(20780 + (d)) * 1440 + (h) * 60 + (mi)) /* 2026-11-23 is day 20780 */

/* Insert the order req with method, limit (max_slip, < 0 none) and time limit (0: the
** default); returns the plan, checked by the independent checker, or NULL. */
static ordo_plan *insert_req(const ordo_plan *base, const char *req, ordo_insert_method method, double max_slip,
                             double time_limit, ordo_model **m2)
{
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    io.method = method;
    io.max_slip_days = max_slip;
    io.time_limit = time_limit;
    ordo_plan *p = NULL;
    char err[512], msg[1024];
    *m2 = NULL;
    CHECK_EQ(ordo_insert_json(base, req, strlen(req), "order", &io, m2, &p, err, sizeof err), ORDO_OK);
    if (p) CHECK_EQ(ordo_plan_check(p, msg, sizeof msg), 0);
    return p;
}

/* Insert U with method and limit; returns the plan (checked) or NULL. */
static ordo_plan *insert(const ordo_plan *base, ordo_insert_method method, double max_slip, ordo_model **m2)
{
    ordo_plan *p = insert_req(base, urgent, method, max_slip, 0, m2);
    if (!p) return NULL;
    /* disturbed: exactly the base orders whose completion differs */
    const struct ordo_plan *b = base, *n = p;
    int32_t k = 0;
    for (int32_t o = 0; o < b->model->nord; o++) {
        if (n->ord_completion[o] == b->ord_completion[o]) continue;
        CHECK(k < n->ndist);
        if (k < n->ndist) {
            CHECK_EQ(n->dist_order[k], o);
            CHECK_EQ(n->dist_old[k], b->ord_completion[o]);
            CHECK_EQ(n->dist_new[k], n->ord_completion[o]);
        }
        k++;
    }
    CHECK_EQ(k, n->ndist);
    return p;
}

static double weighted_late(const ordo_plan *pp)
{
    const struct ordo_plan *p = pp;
    return p->ord_lateness[0] * 1 + p->ord_lateness[1] * 100;
}

/* Overtime: R works 08:00-16:00 with 120 minutes of overtime; O1's 100 minutes open the
** day. U of 500 minutes due the next day is late on the regular calendar however it is
** placed, on time with 20 minutes of overtime; U of 300 minutes fits the regular day after
** O1 and gets no overtime. */
static const char *ot_factory = FACTORY_OVERTIME;

static void overtime_cases(void)
{
    ordo_model *m = NULL;
    const char *doc = test_json(ot_factory);
    CHECK_EQ(ordo_model_open_buffer(doc, strlen(doc), NULL, &m), ORDO_OK);
    ordo_plan *base = NULL;
    CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
    if (!base) return;
    const char *reqs[2] = {"{\"id\": \"U\", \"item\": \"C\", \"qty\": 500, \"due\": \"2026-11-24\", \"urgent\": true}",
                           "{\"id\": \"U\", \"item\": \"C\", \"qty\": 300, \"due\": \"2026-11-24\", \"urgent\": true}"};
    for (int k = 0; k < 2; k++) {
        ordo_model *m2 = NULL;
        ordo_plan *pp = NULL;
        char err[256], msg[1024];
        CHECK_EQ(ordo_insert_json(base, reqs[k], strlen(reqs[k]), "order", NULL, &m2, &pp, err, sizeof err), ORDO_OK);
        if (!pp) continue;
        const struct ordo_plan *p = pp;
        CHECK_EQ(ordo_plan_check(pp, msg, sizeof msg), 0);
        CHECK_EQ(p->ord_status[1], ORDO_ST_ON_TIME);
        int flagged = 0;
        for (int32_t o = 0; o < p->nop; o++) flagged += p->op_ot && p->op_ot[o];
        if (k == 0) { /* 500: overtime, 20 minutes of it */
            CHECK_EQ(p->ins_ot[0], 20);
            CHECK_EQ(flagged, 1);
            CHECK_EQ(p->ord_completion[1], T(0, 16, 20));
        } else { /* 300: in the gaps, no overtime, nothing moves */
            CHECK_EQ(p->ins_ot[0], 0);
            CHECK_EQ(flagged, 0);
            CHECK_EQ(p->ndist, 0);
            CHECK_EQ(p->ord_completion[1], T(0, 14, 40));
        }
        ordo_plan_close(pp);
        ordo_model_close(m2);
    }
    ordo_plan_close(base);
    ordo_model_close(m);
}

/* Weighted lateness of p's first n orders. */
/* Weighted lateness of base's orders in p against their commitments: the due date, or the
** base plan's completion where base already had the order late (days times penalty). */
static double late_sum(const ordo_plan *pp, const ordo_plan *bb)
{
    const struct ordo_plan *p = pp, *b = bb;
    const ordo_model *m = b->model;
    double w = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t due = ordo_due_time(m, o), c = p->ord_completion[o];
        if (b->ord_completion[o] > due) due = b->ord_completion[o];
        if (c > due) w += (m->or_penalty[o] > 0 ? m->or_penalty[o] : 1) * (double)(c - due) / 1440;
    }
    return w;
}

/* A factory from the generator (gen, with --seed 5 and shape) and its plan; 0, or -1 with
** nothing open. */
static int generated_base(const char *gen, const char *shape, ordo_model **pm, ordo_plan **pbase)
{
    char path[256], cmd[512];
    snprintf(path, sizeof path, "/tmp/ordo_test_insert_%ld.json", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s --seed 5 %s -o %s", gen, shape, path);
    CHECK_EQ(system(cmd), 0);
    *pm = NULL, *pbase = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, pm), ORDO_OK);
    remove(path);
    if (*pm && ordo_plan_run(*pm, NULL, pbase) == ORDO_OK) return 0;
    ordo_model_close(*pm);
    *pm = NULL;
    return -1;
}

/* On generated factories, one at 40% load with orders due from day 45 (most on time) and
** one at 70% with orders due from day 10 (most late before the insertion): the GLPK
** window (which also starts from the re-dispatch) is never worse than the right-shift or
** the re-dispatch by the insertion's order of criteria (urgent completion, then the
** others' weighted lateness against their commitments), and every result passes the
** checker. */
static void generated_cases(const char *gen, const char *shape)
{
    ordo_model *m;
    ordo_plan *base;
    if (generated_base(gen, shape, &m, &base)) return;
    const char *items[3] = {"I000003", "I000005", "I000008"};
    for (int k = 0; k < 3; k++) {
        char req[256];
        snprintf(req, sizeof req, "{\"id\": \"U\", \"item\": \"%s\", \"qty\": 300, \"due\": \"2026-11-25\", \"urgent\": true}", items[k]);
        const ordo_insert_method meth[3] = {ORDO_INSERT_RIGHT_SHIFT, ORDO_INSERT_REDISPATCH, ORDO_INSERT_WINDOW};
        int64_t done[3] = {0, 0, 0};
        double late[3] = {0, 0, 0};
        for (int w = 0; w < 3; w++) {
            ordo_model *m2;
            ordo_plan *p = insert_req(base, req, meth[w], -1, 0.2, &m2);
            if (p) {
                done[w] = ((const struct ordo_plan *)p)->ord_completion[m->nord];
                late[w] = late_sum(p, base);
            }
            ordo_plan_close(p), ordo_model_close(m2);
        }
        for (int w = 0; w < 2; w++) {
            CHECK(done[2] <= done[w]);
            if (done[2] == done[w]) CHECK(late[2] <= late[w] + 1e-6);
        }
    }
    ordo_plan_close(base);
    ordo_model_close(m);
}

/* The same insertion with the GLPK windows (node-limited) and the local search (counted
** evaluations) on one thread and on two gives the same plan. Only in the optimised build:
** a sanitizer build is slow enough for the time limit, which only cuts the counts short on
** a slow machine, to bind. The factory (seed 1) is one where the window's result is the
** best insertion (on some, right-shift or the re-dispatch is). */
static void same_on_every_run(const char *gen)
{
#if defined(__SANITIZE_ADDRESS__)
    (void)gen;
#else
    ordo_model *m;
    ordo_plan *base;
    if (generated_base(gen, "--items 200 --orders 100 --load 0.7 --seed 1", &m, &base)) return;
    const char *req = "{\"id\": \"U\", \"item\": \"I000005\", \"qty\": 300, \"due\": \"2026-11-25\", \"urgent\": true}";
    ordo_plan *p[2] = {NULL, NULL};
    ordo_model *m2[2] = {NULL, NULL};
    int windows = 0;
    for (int k = 0; k < 2; k++) {
        omp_set_num_threads(k + 1);
        p[k] = insert_req(base, req, ORDO_INSERT_WINDOW, -1, 3, &m2[k]);
        if (p[k]) windows += ((const struct ordo_plan *)p[k])->ins_method[0] == ORDO_INSERT_WINDOW;
    }
    omp_set_num_threads(2);
    if (p[0] && p[1]) {
        const struct ordo_plan *a = p[0], *b = p[1];
        CHECK_EQ(a->nop, b->nop);
        int same = a->nop == b->nop;
        for (int32_t o = 0; same && o < a->nop; o++) same = a->op_start[o] == b->op_start[o] && a->op_res[o] == b->op_res[o];
        for (int32_t o = 0; same && o < a->model->nord; o++) same = a->ord_completion[o] == b->ord_completion[o];
        CHECK(same);
        CHECK_EQ(windows, 2); /* the window's result is the one kept, both times */
    }
    for (int k = 0; k < 2; k++) ordo_plan_close(p[k]), ordo_model_close(m2[k]);
    ordo_plan_close(base);
    ordo_model_close(m);
#endif
}

int main(int argc, char **argv)
{
    overtime_cases();
    if (argc > 1) {
        generated_cases(argv[1], "--items 120 --orders 80 --load 0.4 --first-due 45");
        generated_cases(argv[1], "--items 200 --orders 100 --load 0.7"); /* orders due from day 10: most late */
        same_on_every_run(argv[1]);
    }
    ordo_model *m = NULL;
    const char *doc = test_json(factory);
    CHECK_EQ(ordo_model_open_buffer(doc, strlen(doc), NULL, &m), ORDO_OK);
    ordo_plan *base = NULL;
    CHECK_EQ(ordo_plan_run(m, NULL, &base), ORDO_OK);
    if (!base) return 1;
    const struct ordo_plan *b = base;
    CHECK_EQ(b->ord_completion[0], T(0, 6, 40));
    CHECK_EQ(b->ord_completion[1], T(0, 13, 20));

    ordo_model *m2 = NULL;
    ordo_plan *g = insert(base, ORDO_INSERT_GAPS, -1, &m2); /* nothing moves, U late */
    if (g) {
        const struct ordo_plan *p = g;
        CHECK_EQ(p->ord_completion[2], T(1, 14, 20));
        CHECK_EQ(p->ndist, 0);
    }
    ordo_plan_close(g), ordo_model_close(m2);

    ordo_plan *rs = insert(base, ORDO_INSERT_RIGHT_SHIFT, -1, &m2);
    double w_rs = 0;
    if (rs) {
        const struct ordo_plan *p = rs;
        CHECK_EQ(p->ord_completion[2], T(1, 1, 0));
        CHECK_EQ(p->ord_completion[0], T(1, 7, 40));
        CHECK_EQ(p->ord_completion[1], T(1, 14, 20));
        CHECK_EQ(p->ndist, 2);
        CHECK_EQ(p->ins_method[0], ORDO_INSERT_RIGHT_SHIFT);
        w_rs = weighted_late(rs);
    }
    ordo_plan_close(rs), ordo_model_close(m2);

    ordo_plan *best = insert(base, ORDO_INSERT_BEST, -1, &m2); /* the window wins */
    if (best) {
        const struct ordo_plan *p = best;
        CHECK_EQ(p->ord_completion[2], T(1, 1, 0));
        CHECK_EQ(p->ord_completion[1], T(1, 7, 40));
        CHECK_EQ(p->ord_completion[0], T(1, 14, 20));
        CHECK_EQ(p->ins_method[0], ORDO_INSERT_WINDOW);
        CHECK(weighted_late(best) < w_rs - 1);
        CHECK(p->op_ot == NULL); /* R has no overtime to give */
    }
    ordo_plan_close(best), ordo_model_close(m2);

    ordo_plan *lim = insert(base, ORDO_INSERT_BEST, 1.2, &m2); /* the window slips OA 1.32 days */
    if (lim) {
        const struct ordo_plan *p = lim;
        CHECK_EQ(p->ins_method[0], ORDO_INSERT_RIGHT_SHIFT);
        CHECK_EQ(p->ins_limited[0], 1);
        for (int32_t k = 0; k < p->ndist; k++) CHECK(p->dist_new[k] - p->dist_old[k] <= (int64_t)(1.2 * 1440));
    }
    ordo_plan_close(lim), ordo_model_close(m2);

    ordo_plan *none = insert(base, ORDO_INSERT_BEST, 0.5, &m2); /* nothing can: U waits, late */
    if (none) {
        const struct ordo_plan *p = none;
        CHECK_EQ(p->ins_method[0], ORDO_INSERT_GAPS);
        CHECK_EQ(p->ins_limited[0], 1);
        CHECK_EQ(p->ndist, 0);
        CHECK_EQ(p->ord_status[2], ORDO_ST_LATE);
    }
    ordo_plan_close(none), ordo_model_close(m2);

    /* a quote with others moving says who slips */
    ordo_quoter *q = NULL;
    CHECK_EQ(ordo_quoter_open(base, &q), ORDO_OK);
    char *out = NULL, err[256];
    const char *cand = "{\"item\": \"C\", \"qty\": 1500}";
    CHECK_EQ(ordo_quote_json(q, cand, strlen(cand), "order", 1, 1, &out, NULL, err, sizeof err), ORDO_OK);
    CHECK(out && strstr(out, "\"completion\":\"2026-11-24T01:00\"") != NULL);
    CHECK(out && strstr(out, "\"disturbed\":[{\"order\":\"OA\"") != NULL);
    CHECK(out && strstr(out, "{\"order\":\"OB\",\"old\":\"2026-11-23T13:20\",\"new\":\"2026-11-24T07:40\"}") != NULL);
    free(out);
    ordo_quoter_close(q);
    ordo_plan_close(base);
    ordo_model_close(m);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
