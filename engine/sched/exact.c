/*
** exact.c -- stage "schedule", exact mode (`ordo plan --exact`): a small job shop solved to
** proven optimality by the disjunctive MILP of solvers/disj.h, warm-started with the
** heuristic schedule. It applies where the schedule is a job shop for the makespan: one
** alternative per operation on a single-unit resource that works around the clock, and no
** material passing between scheduled orders. The result replaces the heuristic schedule
** only when it is better; the plan records whether it is proven optimal, and the gap.
*/
#include "exact.h"

#include "solvers/disj.h"
#include "dates.h"
#include "improve.h"
#include "sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXACT_OPS 400

static int around_the_clock(const ordo_cal *c)
{
    return c->nwork_week == 7 && c->nhol == 0 && c->day_minutes == ORDO_MIN_PER_DAY;
}

/* Why the plan's schedule is not a job shop the exact mode can take; NULL when it is. */
static const char *not_applicable(const struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    if (m->objective != ORDO_OBJ_MAKESPAN) return "the exact mode minimises the makespan: the data set's objective is service or tardiness";
    if (p->nop == 0) return "nothing is scheduled";
    if (p->nop > MAX_EXACT_OPS) return "more than 400 operations";
    for (int32_t o = 0; o < p->nop; o++) {
        int32_t k = p->op_k[o], r = p->op_res[o];
        if (p->op_start[o] == INT64_MAX || r < 0) return "an operation is not scheduled";
        if (m->op_alt_start[k + 1] - m->op_alt_start[k] != 1) return "an operation has alternative resources";
        if (m->res_units[r] != 1) return "a resource has more than one unit";
        if (!around_the_clock(ordo_model_cal(m, m->res_cal[r]))) return "a resource has a working-time calendar";
    }
    for (int32_t q = 0; q < p->npo; q++) /* made supplies could move with the schedule */
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1] && p->po_op0[q + 1] > p->po_op0[q]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && m->item_src[p->po_item[s]] != ORDO_SRC_BUY) return "material passes between scheduled orders";
        }
    return NULL;
}

/* Earliest start of planned order q: fixed material, design days, the horizon. */
static int64_t release_of(const struct ordo_plan *p, int32_t q)
{
    const ordo_model *m = p->model;
    int64_t t = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
        int32_t s = p->dep_sup[j];
        int64_t a = s >= 0 ? p->po_avail_t[s] : ordo_stock_time(m, s);
        if (a > t) t = a;
    }
    int64_t d = ordo_sched_design(p, q);
    return d > t ? d : t;
}

int ordo_exact(struct ordo_plan *p, double time_limit, char *why, size_t nwhy)
{
    const ordo_model *m = p->model;
    const char *no = not_applicable(p);
    p->exact_status = ORDO_EXACT_NOT_RUN;
    if (no) {
        snprintf(why, nwhy, "%s", no);
        return 0;
    }
    int32_t n = p->nop;
    int64_t h0 = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    int64_t *pt = malloc((size_t)n * sizeof *pt), *r = malloc((size_t)n * sizeof *r), *init = malloc((size_t)n * sizeof *init);
    int64_t *start = malloc((size_t)n * sizeof *start);
    int32_t *mach = malloc((size_t)n * sizeof *mach), *pa = malloc((size_t)n * sizeof *pa), *pb = malloc((size_t)n * sizeof *pb);
    int rc = 0;
    if (!pt || !r || !init || !start || !mach || !pa || !pb) {
        rc = -1;
        goto done;
    }
    int32_t np = 0;
    for (int32_t q = 0; q < p->npo; q++) {
        int64_t rel = p->po_op0[q + 1] > p->po_op0[q] ? release_of(p, q) - h0 : 0;
        for (int32_t o = p->po_op0[q]; o < p->po_op0[q + 1]; o++) {
            pt[o] = p->op_end[o] - p->op_start[o]; /* around the clock: the work itself */
            r[o] = o == p->po_op0[q] ? rel : 0;
            init[o] = p->op_start[o] - h0;
            mach[o] = p->op_res[o];
            if (o > p->po_op0[q]) pa[np] = o - 1, pb[np] = o, np++;
        }
    }
    ordo_disj P = {n, pt, r, NULL, NULL, NULL, NULL, mach, np, pa, pb, NULL, 1.0, init, time_limit > 0 ? time_limit : 60, NULL, 0};
    ordo_disj_result res = {0, 0, 0, 0, 1, start};
    if (ordo_disj_solve(&P, &res, why, nwhy)) {
        rc = -2;
        goto done;
    }
    if (!res.found) {
        snprintf(why, nwhy, "GLPK found no schedule in the time limit");
        goto done;
    }
    int64_t cur = 0, got = 0;
    for (int32_t o = 0; o < n; o++) {
        if (init[o] + pt[o] > cur) cur = init[o] + pt[o];
        if (start[o] + pt[o] > got) got = start[o] + pt[o];
    }
    p->exact_status = res.optimal ? ORDO_EXACT_OPTIMAL : ORDO_EXACT_FEASIBLE;
    p->exact_gap = res.optimal ? 0 : res.gap;
    p->exact_bound = res.bound;
    if (got < cur) { /* better by the model: GLPK's sequences, timed exactly, into the plan */
        int64_t *os = malloc((size_t)n * sizeof *os), *oe = malloc((size_t)n * sizeof *oe);
        int64_t *av = malloc(((size_t)p->npo + 1) * sizeof *av), *design = malloc(((size_t)p->npo + 1) * sizeof *design);
        int64_t before = p->makespan_minutes;
        if (!os || !oe || !av || !design) {
            free(os), free(oe), free(av), free(design);
            rc = -1;
            goto done;
        }
        memcpy(os, p->op_start, (size_t)n * sizeof *os), memcpy(oe, p->op_end, (size_t)n * sizeof *oe);
        memcpy(av, p->po_avail_t, (size_t)p->npo * sizeof *av);
        for (int32_t q = 0; q < p->npo; q++) design[q] = ordo_sched_design(p, q);
        for (int32_t o = 0; o < n; o++) p->op_start[o] = h0 + start[o], p->op_end[o] = h0 + start[o] + pt[o];
        int x = ordo_improve_retime(p, design, NULL, NULL);
        if (x == 0) ordo_sched_results(p);
        if (x != 0 || p->makespan_minutes >= before) { /* no better once timed: keep the heuristic's */
            memcpy(p->op_start, os, (size_t)n * sizeof *os), memcpy(p->op_end, oe, (size_t)n * sizeof *oe);
            memcpy(p->po_avail_t, av, (size_t)p->npo * sizeof *av);
            ordo_sched_results(p);
        } else if (ordo_sched_load_table(p)) {
            rc = -1;
        }
        if (x == -1) rc = -1;
        free(os), free(oe), free(av), free(design);
    }
done:
    free(pt), free(r), free(init), free(start), free(mach), free(pa), free(pb);
    return rc;
}
