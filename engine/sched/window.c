/*
** window.c -- stage "insert", the GLPK window: after an urgent order's operations have
** taken their places and the operations they overlapped were pushed right (the right-shift
** insertion, or a re-dispatch of the whole plan), the operations pushed on each resource the
** urgent order uses are sequenced again, together with those between them, by the
** disjunctive MILP of solvers/disj.h.
**
** The window of a resource: its operations that the right-shift moved, and those among them,
** at most WINDOW_OPS, in the order of their starts; the urgent order's operations on it are
** fixed blocks. The MILP works in the resource's working minutes (so an operation's length
** does not depend on when it starts; calendars and pauses are exact within one resource):
**   release   no earlier than planned before the insertion, nor before the routing
**             predecessor (outside the window: its current end; inside: a precedence);
**   due       the planned end plus the slack of its customer orders (how much their
**             completion could slip before they turn late, or later), weighted by the
**             orders' penalty per day;
**   movement  a small weight on each start's delay, so that among equally late schedules
**             the one that moves least wins;
**   --max-slip  a latest start: planned start plus the limit.
** The right-shift schedule is GLPK's first incumbent (the window is never worse by the
** model). Each MILP stops after a count of branch-and-bound nodes, WINDOW_NODES_PER_SECOND
** times its share of the time limit, so that an insertion gives the same plan on every run
** and thread count; the time limit itself only cuts GLPK short on a machine too slow to
** reach the count in time (no window starts after it has passed). The MILP only decides
** each resource's sequence: one forward pass over the whole plan (improve.h) then times
** every operation exactly, through routing and material, and the result is kept only when
** the whole plan is better (see insert.c).
*/
#include "window.h"
#include "peg.h"

#include "solvers/disj.h"
#include "calendar.h"
#include "dates.h"
#include "improve.h"
#include "sched.h"

#include <stdlib.h>
#include <string.h>

#define WINDOW_OPS 24
#define WINDOW_NODES_PER_SECOND 25 /* GLPK does 50 to 250 a second here on windows of 24 to 35 operations */

typedef struct wop { int64_t start; int32_t op; } wop;

static int cmp_wop(const void *x, const void *y)
{
    const wop *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->op > b->op) - (a->op < b->op);
}

/* Per planned order of `before`: minutes it may finish later than planned before one of its
** customer orders turns late (or later than it already is), in slack[], and the orders'
** weight in w[] (0: none), over the customer orders of its pegging. 0, or -1 out of memory. */
static int slack_of(const struct ordo_plan *before, double *slack, double *w)
{
    const ordo_model *m = before->model;
    double *val = malloc(((size_t)m->nord + 1) * sizeof *val);
    if (!val) return -1;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t c = before->ord_completion[o], due = ordo_due_time(m, o);
        val[o] = (double)(c == INT64_MIN || c <= due ? (c == INT64_MIN ? 0 : due - c) : 0);
    }
    ordo_peg_fold(before, val, (double)(INT64_MAX / 4), 0, slack);
    for (int32_t o = 0; o < m->nord; o++) val[o] = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
    ordo_peg_fold(before, val, 0, 1, w);
    free(val);
    return 0;
}

int ordo_window_sequence(struct ordo_plan *p, const struct ordo_plan *before, double max_slip_days, double time_limit,
                         ordo_window_stats *st)
{
    const ordo_model *m = p->model;
    int32_t nb = before->nop, nop = p->nop;
    memset(st, 0, sizeof *st);
    uint8_t *used = calloc((size_t)m->nres + 1, 1);
    wop *cand = malloc(((size_t)nop + 1) * sizeof *cand);
    int32_t *inwin = malloc(((size_t)nop + 1) * sizeof *inwin);
    double *pslack = malloc(((size_t)before->npo + 1) * sizeof *pslack);
    double *pw = malloc(((size_t)before->npo + 1) * sizeof *pw);
    if (!used || !cand || !inwin || !pslack || !pw || slack_of(before, pslack, pw)) {
        free(used), free(cand), free(inwin), free(pslack), free(pw);
        return -1;
    }
    for (int32_t o = nb; o < nop; o++)
        if (p->op_res[o] >= 0 && m->res_units[p->op_res[o]] == 1) used[p->op_res[o]] = 1;
    for (int32_t o = 0; o < nop; o++) inwin[o] = -1;
    int32_t nres = 0;
    for (int32_t r = 0; r < m->nres; r++) nres += used[r];
    int rc = 0;
    double deadline = ordo_now() + time_limit;
    int64_t nodes = nres ? (int64_t)(time_limit / nres * WINDOW_NODES_PER_SECOND) : 0;
    if (nodes < 2) nodes = 2;
    for (int32_t r = 0; r < m->nres && rc == 0; r++) {
        if (!used[r]) continue;
        double left = deadline - ordo_now();
        if (left <= 0) break;
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
        /* the window: from the first operation the insertion moved, WINDOW_OPS base
        ** operations by start, and the new operations among them */
        int32_t nc = 0;
        int64_t from = INT64_MAX;
        for (int32_t o = 0; o < nb; o++)
            if (p->op_res[o] == r && p->op_start[o] > before->op_start[o] && p->op_start[o] < from) from = p->op_start[o];
        if (from == INT64_MAX) continue;
        for (int32_t o = 0; o < nb; o++)
            if (p->op_res[o] == r && p->op_start[o] >= from && p->op_end[o] > p->op_start[o]) cand[nc++] = (wop){p->op_start[o], o};
        qsort(cand, (size_t)nc, sizeof *cand, cmp_wop);
        if (nc > WINDOW_OPS) nc = WINDOW_OPS;
        if (nc < 2) continue;
        int64_t until = p->op_end[cand[nc - 1].op];
        for (int32_t o = nb; o < nop; o++)
            if (p->op_res[o] == r && p->op_end[o] > from && p->op_start[o] < until && p->op_end[o] > p->op_start[o])
                cand[nc++] = (wop){p->op_start[o], o};
        int32_t n = nc;
        int64_t off = ordo_cal_C(cal, from); /* times relative to the window: small numbers for the MILP */
        int64_t *pt = malloc((size_t)n * sizeof *pt), *rel = malloc((size_t)n * sizeof *rel);
        int64_t *smax = malloc((size_t)n * sizeof *smax), *due = malloc((size_t)n * sizeof *due);
        int64_t *init = malloc((size_t)n * sizeof *init), *sol = malloc((size_t)n * sizeof *sol);
        double *w = malloc((size_t)n * sizeof *w), *v = malloc((size_t)n * sizeof *v);
        int32_t *mach = calloc((size_t)n, sizeof *mach), *pa = malloc((size_t)n * sizeof *pa), *pb = malloc((size_t)n * sizeof *pb);
        if (!pt || !rel || !smax || !due || !init || !sol || !w || !v || !mach || !pa || !pb) rc = -1;
        int32_t np = 0;
        for (int32_t j = 0; j < n && rc == 0; j++) inwin[cand[j].op] = j;
        for (int32_t j = 0; j < n && rc == 0; j++) {
            int32_t o = cand[j].op, q = p->op_po[o];
            int64_t cs = ordo_cal_C(cal, p->op_start[o]) - off, ce = ordo_cal_C(cal, p->op_end[o]) - off;
            pt[j] = ce - cs;
            init[j] = cs;
            if (o >= nb) { /* the urgent order's operation: a fixed block */
                rel[j] = smax[j] = cs, due[j] = cs + pt[j], w[j] = 0, v[j] = 0;
                continue;
            }
            int64_t earliest = before->op_start[o];
            if (o > p->po_op0[q]) {
                if (inwin[o - 1] >= 0) pa[np] = inwin[o - 1], pb[np] = j, np++;
                else if (p->op_end[o - 1] > earliest) earliest = p->op_end[o - 1];
            }
            if (earliest < from) earliest = from; /* what comes before the window stays */
            rel[j] = ordo_cal_C(cal, earliest) - off;
            if (rel[j] > cs) rel[j] = cs; /* the right-shift start is feasible: keep it so */
            double wt = pw[q];
            int64_t slack = wt > 0 ? (int64_t)pslack[q] : INT64_MAX / 4;
            /* no customer order behind it (weight 0), or slack beyond the horizon: due as it is */
            due[j] = wt <= 0 || slack > (int64_t)(m->h_end - m->h_start + 1) * ORDO_MIN_PER_DAY
                         ? cs + pt[j]
                         : ordo_cal_C(cal, before->op_end[o] + slack) - off;
            w[j] = wt / ORDO_MIN_PER_DAY;
            v[j] = 1e-3 * (wt > 0 ? wt : 1) / ORDO_MIN_PER_DAY;
            smax[j] = INT64_MAX;
            if (max_slip_days >= 0) {
                smax[j] = ordo_cal_C(cal, before->op_start[o] + (int64_t)(max_slip_days * ORDO_MIN_PER_DAY)) - off;
                if (smax[j] < cs) smax[j] = cs;
            }
        }
        if (rc == 0) {
            for (int32_t j = 0; j < n; j++)
                if (smax[j] == INT64_MAX) smax[j] = init[j] + 1000000000;
            ordo_disj P = {n, pt, rel, smax, due, w, v, mach, np, pa, pb, NULL, 0, init, left, NULL, nodes};
            ordo_disj_result res = {0, 0, 0, 0, 1, sol};
            char err[128];
            int sret = ordo_disj_solve(&P, &res, err, sizeof err);
            if (sret == 0 && res.found) {
                st->windows++;
                st->ops += n;
                if (res.gap > st->gap) st->gap = res.gap;
                st->optimal += res.optimal;
                for (int32_t j = 0; j < n; j++) { /* the MILP's sequence, as start order */
                    int32_t o = cand[j].op;
                    if (o >= nb) continue;
                    int64_t s = ordo_cal_add_minutes(cal, m->h_start * (int64_t)ORDO_MIN_PER_DAY,
                                                     sol[j] + off - ordo_cal_C(cal, m->h_start * (int64_t)ORDO_MIN_PER_DAY));
                    int64_t len = p->op_end[o] - p->op_start[o];
                    p->op_start[o] = ordo_cal_next_work_minute(cal, s), p->op_end[o] = p->op_start[o] + len;
                }
            }
        }
        for (int32_t j = 0; j < n; j++) inwin[cand[j].op] = -1;
        free(pt), free(rel), free(smax), free(due), free(init), free(sol), free(w), free(v), free(mach), free(pa), free(pb);
    }
    free(used), free(cand), free(inwin), free(pslack), free(pw);
    return rc;
}
