/*
** service.c -- stage "schedule": the service objective's part of the constructive schedule
** (sched_int.h): a floor for every customer order and the latest finishes of the planned
** orders from targets, the refinement by targets (Moore and Hodgson's rule, repeated), and
** overtime chosen by resource and week.
*/
#include "sched_int.h"

#include "dates.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- service: targets, latest finishes, refinement -------------------------------------------- */

/* Calendar minutes per working minute of cal (a week's minutes over its working minutes). */
static double cal_stretch(const ordo_cal *cal)
{
    return 7.0 * ORDO_MIN_PER_DAY / ((double)cal->nwork_week * (double)cal->day_minutes);
}

/* rest[o]: calendar minutes from operation o to the end of its order (each operation on its
** first alternative, stretched by that resource's calendar). */
static void rest_spans(sched *S)
{
    const struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t item = p->po_item[q], o0 = p->po_op0[q], o1 = p->po_op0[q + 1];
        int64_t acc = 0;
        for (int32_t o = o1 - 1; o >= o0; o--) {
            int32_t a = m->op_alt_start[m->rout_start[item] + (o - o0)];
            const ordo_cal *cal = ordo_model_cal(m, m->res_cal[m->alt_res[a]]);
            acc += (int64_t)((double)ordo_sched_work(m, a, p->po_qty[q]) * cal_stretch(cal));
            S->rest[o] = acc;
        }
    }
}

/* Latest finish of every planned order from the customer orders' targets (instants): an
** order's is the least of its customers' targets and its parents' latest starts, a latest
** start being the latest finish less the order's operations, inspection and, made without a
** routing, its lead time. Planned orders come after every parent (low-level code order), so
** one pass in index order settles them; orders that serve no customer order keep their need
** date. */
static void latest_finish_need(sched *S, const int64_t *target, const int64_t *need);
static void latest_finish(sched *S, const int64_t *target)
{
    latest_finish_need(S, target, S->need);
}

static void latest_finish_need(sched *S, const int64_t *target, const int64_t *need)
{
    const struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    int32_t npo = p->npo;
    for (int32_t q = 0; q < npo; q++) S->lf[q] = T_NEVER;
    for (int32_t o = 0; o < m->nord; o++)
        for (int32_t j = p->dep_start[npo + o]; j < p->dep_start[npo + o + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && target[o] < S->lf[s]) S->lf[s] = target[o];
        }
    for (int32_t q = 0; q < npo; q++) {
        int32_t item = p->po_item[q];
        if (S->lf[q] == T_NEVER) S->lf[q] = (int64_t)p->po_due[q] * ORDO_MIN_PER_DAY;
        if (need && need[q] != T_NEVER && need[q] > S->lf[q]) S->lf[q] = need[q];
        const ordo_cal *cal = ordo_model_cal(m, m->item_cal[item]);
        int32_t days = m->item_insp[item] + (sched_has_routing(S, item) ? 0 : m->item_lead[item]);
        int64_t ls = S->lf[q] - (int64_t)(days * ORDO_MIN_PER_DAY * cal_stretch(cal));
        if (sched_has_routing(S, item)) ls -= S->rest[p->po_op0[q]];
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s > q && ls < S->lf[s]) S->lf[s] = ls;
        }
    }
}

/* Service: a pass without capacity limits gives every customer order the earliest
** completion it can have (floor); its target is its due date, or that floor when the floor
** is later, so that orders late whatever the schedule does are not dispatched as the most
** urgent of all. Sets S->lf from the targets. 0, or -1 out of memory. */
int sched_service_prepare(sched *S, int64_t *target, int64_t *floor_t)
{
    struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    S->rest = malloc(((size_t)p->nop + 1) * sizeof *S->rest);
    if (!S->rest) return -1;
    rest_spans(S);
    S->infinite = 1; /* dispatched by due date: the latest finishes are not known yet */
    sched_pass(S);
    S->infinite = 0;
    S->lf = malloc(((size_t)p->npo + 1) * sizeof *S->lf);
    if (!S->lf) return -1;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t due = ordo_due_time(m, o);
        floor_t[o] = sched_material_time(S, p->npo + o);
        target[o] = floor_t[o] != T_NEVER && floor_t[o] > due ? floor_t[o] : due;
    }
    latest_finish(S, target);
    return S->oom ? -1 : 0;
}

/* Copies of a pass's arrays (the plan's when restored). */
static void pass_copy(const sched *S, int32_t *res, int64_t *st, int64_t *en, int64_t *av, int to_pass)
{
    size_t nop = (size_t)S->p->nop, npo = (size_t)S->p->npo;
    if (to_pass) {
        memcpy(S->op_res, res, nop * sizeof *res), memcpy(S->op_start, st, nop * sizeof *st);
        memcpy(S->op_end, en, nop * sizeof *en), memcpy(S->avail, av, npo * sizeof *av);
    } else {
        memcpy(res, S->op_res, nop * sizeof *res), memcpy(st, S->op_start, nop * sizeof *st);
        memcpy(en, S->op_end, nop * sizeof *en), memcpy(av, S->avail, npo * sizeof *av);
    }
}

/* Completion of every customer order in the current pass, into done. */
static void pass_completions(const sched *S, int64_t *done)
{
    for (int32_t o = 0; o < S->m->nord; o++) done[o] = sched_material_time(S, S->p->npo + o);
}

/* New targets from a pass's: each order that pass left late although its floor is on
** time is pulled ahead by its lateness when that is at most thr minutes, or else given up
** (its target becomes the completion it had, so that it stops taking the capacity of orders
** that can still be on time). Returns whether any target moved. */
static int retarget(const sched *S, int64_t *target, const int64_t *done, const int64_t *floor_t, int64_t thr)
{
    const ordo_model *m = S->m;
    int moved = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t c = done[o], due = ordo_due_time(m, o);
        if (c == T_NEVER || c <= due || floor_t[o] > due) continue;
        if (c - due <= thr)
            target[o] -= c - due + ORDO_MIN_PER_DAY / 4, moved = 1;
        else if (target[o] <= due) /* once: a target given up does not follow the order */
            target[o] = c, moved = 1;
    }
    return moved;
}

/* The best pass of the refinement and its targets. */
typedef struct kept {
    pcost v;
    int32_t *res;
    int64_t *st, *en, *av, *target;
} kept;

/* One walk of rounds from targets t0: each round sets new targets from the last pass's
** completions (retarget) and makes a pass; a pass better than k's replaces it. Walk 0 only
** pulls late orders ahead; walk 1 gives up on those late by more than 1, 2, 4, 8 days in
** turn (Moore and Hodgson's rule, repeated: the orders given up accumulate). */
static int service_walk(sched *S, const int64_t *t0, const int64_t *done0, const int64_t *floor_t, int walk,
                        int rounds, kept *k, int64_t *target, int64_t *done)
{
    size_t nord = (size_t)S->m->nord;
    memcpy(target, t0, nord * sizeof *target);
    memcpy(done, done0, nord * sizeof *done);
    for (int r = 0; r < rounds && k->v.a > 0; r++) {
        int64_t thr = walk == 0 ? INT64_MAX : (int64_t)ORDO_MIN_PER_DAY << (r % 4);
        if (!retarget(S, target, done, floor_t, thr)) break;
        latest_finish(S, target);
        sched_pass(S);
        if (S->oom) return -1;
        pcost v = sched_pass_objective(S);
        pass_completions(S, done);
        if (sched_pcost_less(v, k->v)) {
            k->v = v;
            pass_copy(S, k->res, k->st, k->en, k->av, 0);
            memcpy(k->target, target, nord * sizeof *target);
        }
    }
    return 0;
}

/* Rounds of the service refinement: up to 10 million operation placements, 8..100. */
int sched_service_rounds(const struct ordo_plan *p)
{
    int64_t r = p->nop > 0 ? 10000000 / p->nop : 100;
    return r > 100 ? 100 : r < 8 ? 8 : (int)r;
}

/* The arrays of a best pass with its targets; 0, or -1 out of memory. */
static int kept_alloc(kept *k, const struct ordo_plan *p)
{
    size_t nop = (size_t)p->nop + 1, npo = (size_t)p->npo + 1, nord = (size_t)p->model->nord + 1;
    k->res = malloc(nop * sizeof *k->res), k->st = malloc(nop * sizeof *k->st), k->en = malloc(nop * sizeof *k->en);
    k->av = malloc(npo * sizeof *k->av), k->target = malloc(nord * sizeof *k->target);
    return k->res && k->st && k->en && k->av && k->target ? 0 : -1;
}

static void kept_free(kept *k)
{
    free(k->res), free(k->st), free(k->en), free(k->av), free(k->target);
}

/* Service: two walks of rounds (service_walk) from the first pass, the best pass kept; the
** plan holds it after, and target its targets. The walks are independent (each from the
** first pass and targets), so with two threads walk 1 runs on a worker beside walk 0; the
** best pass is the same either way: walk 1's replaces walk 0's only when strictly better,
** and each walk's best is its first pass of least objective. 0, or -1 out of memory. */
int sched_service_refine(sched *S, int64_t *target, const int64_t *floor_t, int rounds)
{
    struct ordo_plan *p = S->p;
    size_t nord = (size_t)S->m->nord + 1, nop = (size_t)p->nop + 1;
    int par = S->threads > 1;
    kept k[2];
    memset(k, 0, sizeof k);
    k[0].v = k[1].v = sched_pass_objective(S);
    sched W;
    memset(&W, 0, sizeof W);
    int64_t *t0 = malloc(nord * sizeof *t0), *done0 = malloc(nord * sizeof *done0);
    int64_t *done[2] = {malloc(nord * sizeof(int64_t)), malloc(nord * sizeof(int64_t))};
    int64_t *tg1 = malloc(nord * sizeof *tg1);
    int rc = kept_alloc(&k[0], p) || kept_alloc(&k[1], p) || !t0 || !done0 || !done[0] || !done[1] || !tg1 ? -1 : 0;
    if (rc == 0 && par) {
        rc = sched_worker_init(&W, S);
        W.lf = malloc(((size_t)p->npo + 1) * sizeof *W.lf); /* its own latest finishes; rest is shared */
        if (!W.lf) rc = -1;
        else memcpy(W.lf, S->lf, (size_t)p->npo * sizeof *W.lf);
    }
    if (rc == 0) {
        pass_copy(S, k[0].res, k[0].st, k[0].en, k[0].av, 0);
        memcpy(k[0].target, target, (nord - 1) * sizeof *target);
        memcpy(t0, target, (nord - 1) * sizeof *target);
        pass_completions(S, done0);
        memcpy(k[1].res, k[0].res, (nop - 1) * sizeof *k[0].res); /* for S->threads == 1 only k[0] is used */
    }
    if (rc == 0 && par) {
        int rc1 = 0;
#pragma omp parallel sections num_threads(2)
        {
#pragma omp section
            rc = service_walk(S, t0, done0, floor_t, 0, rounds / 2, &k[0], target, done[0]);
#pragma omp section
            rc1 = service_walk(&W, t0, done0, floor_t, 1, rounds / 2, &k[1], tg1, done[1]);
        }
        if (rc == 0) rc = rc1;
        if (rc == 0 && sched_pcost_less(k[1].v, k[0].v)) {
            kept t = k[0];
            k[0] = k[1], k[1] = t;
        }
    } else {
        for (int walk = 0; walk < 2 && rc == 0; walk++)
            rc = service_walk(S, t0, done0, floor_t, walk, rounds / 2, &k[0], target, done[0]);
    }
    if (rc == 0) {
        pass_copy(S, k[0].res, k[0].st, k[0].en, k[0].av, 1);
        memcpy(target, k[0].target, (nord - 1) * sizeof *target);
        latest_finish(S, target);
    }
    if (W.m) sched_worker_free(&W), free(W.lf);
    kept_free(&k[0]), kept_free(&k[1]);
    free(t0), free(done0), free(done[0]), free(done[1]), free(tg1);
    return rc;
}

/* ---- overtime in the constructive passes ----------------------------------------------------- */

/* Passes one overtime decision may cost: up to 10 million operation placements, 8..200. */
static int overtime_passes(const struct ordo_plan *p)
{
    int64_t r = p->nop > 0 ? 10000000 / p->nop : 200;
    return r > 200 ? 200 : r < 8 ? 8 : (int)r;
}

/* A pass with the overtime windows as they are now, kept in k when better than k's (with
** no_worse, when not worse: a window taken back). Returns whether it was kept; -1 out of
** memory. */
static int overtime_try(sched *S, kept *k, int no_worse)
{
    sched_pass(S);
    if (S->oom) return -1;
    pcost v = sched_pass_objective(S);
    if (no_worse ? sched_pcost_less(k->v, v) : !(v.a < k->v.a - 1e-9)) return 0;
    k->v = v;
    pass_copy(S, k->res, k->st, k->en, k->av, 0);
    return 1;
}

/* Overtime chosen by the constructive passes, for the objectives that count lateness: the
** resources whose calendars have overtime, the most loaded first, work it in every week
** where that ends an operation sooner, kept when the pass has fewer late orders (service)
** or less weighted lateness (tardiness) -- the first criterion; then each week of a kept
** resource is taken back, the last first, where the first two criteria are no worse
** without it. A saturated resource gains capacity for months this way, which overtime on
** single late orders' paths (improve.c) cannot give. The plan holds the best pass after,
** and S->ot_win the weeks chosen (NULL: none). 0, or -1 out of memory. */
static int sched_overtime(sched *S, int choose)
{
    struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    int32_t nres = m->nres, any = 0;
    for (int32_t r = 0; r < nres; r++) any |= ordo_model_cal(m, m->res_cal[r])->overtime > 0;
    pcost v0 = sched_pass_objective(S);
    if (!any || m->objective == ORDO_OBJ_MAKESPAN || (choose && v0.a <= 0) || (!choose && !S->ot_win)) return 0;
    int64_t hdays = (int64_t)m->h_end - m->h_start + 1; /* weeks; longer windows past 1,024 of them */
    S->win_days = hdays > 7 * 1024 ? (int32_t)((hdays + 1023) / 1024) : 7;
    S->nwin = (int32_t)(hdays / S->win_days + 1);
    size_t ncell = (size_t)nres * (size_t)S->nwin;
    if (choose) { /* chosen again (other targets): the calendars are kept */
        free(S->ot_win);
        S->ot_win = calloc(ncell + 1, 1);
        if (!S->cal_ot) S->cal_ot = calloc((size_t)nres + 1, sizeof *S->cal_ot);
    }
    double *load = calloc((size_t)nres + 1, sizeof *load);
    int32_t *ord = malloc(((size_t)nres + 1) * sizeof *ord);
    uint8_t *kept_r = calloc((size_t)nres + 1, 1);
    kept k;
    memset(&k, 0, sizeof k);
    k.v = v0;
    int rc = S->ot_win && S->cal_ot && load && ord && kept_r && !kept_alloc(&k, p) ? 0 : -1;
    int passes = overtime_passes(p), nkept = 0;
    if (rc == 0) {
        pass_copy(S, k.res, k.st, k.en, k.av, 0);
        for (int32_t o = 0; o < p->nop; o++)
            if (S->op_res[o] >= 0 && S->op_end[o] != T_NEVER) load[S->op_res[o]] += (double)(S->op_end[o] - S->op_start[o]);
        for (int32_t r = 0; r < nres; r++) {
            const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
            if (choose && cal->overtime > 0) ordo_cal_with_overtime(cal, &S->cal_ot[r]);
            if (!choose && memchr(S->ot_win + (size_t)r * (size_t)S->nwin, 1, (size_t)S->nwin)) kept_r[r] = 1, nkept++;
            int32_t j = r; /* insertion by load, then index */
            for (; j > 0 && load[ord[j - 1]] < load[r]; j--) ord[j] = ord[j - 1];
            ord[j] = r;
        }
    }
    for (int32_t i = 0; choose && i < nres && rc == 0 && passes > 0 && k.v.a > 0; i++) {
        int32_t r = ord[i];
        if (S->cal_ot[r].day_minutes == 0) continue;
        memset(S->ot_win + (size_t)r * (size_t)S->nwin, 1, (size_t)S->nwin);
        passes--;
        int t = overtime_try(S, &k, 0);
        if (t < 0) rc = -1;
        else if (t) kept_r[r] = 1, nkept++;
        else memset(S->ot_win + (size_t)r * (size_t)S->nwin, 0, (size_t)S->nwin);
    }
    /* only the weeks needed: in blocks of weeks so that the passes stay within about 1.5
    ** million operation placements (a week each on small plans) */
    int64_t tb = p->nop > 0 ? 1500000 / p->nop : 200, cells = (int64_t)nkept * S->nwin;
    tb = tb > 200 ? 200 : tb < 8 ? 8 : tb;
    int32_t blk = (int32_t)((cells + tb - 1) / tb);
    for (int32_t i = 0; !choose && i < nres && rc == 0 && nkept; i++) {
        int32_t r = ord[i];
        for (int32_t w = S->nwin; kept_r[r] && w > 0 && rc == 0; w -= blk) {
            uint8_t *cell = &S->ot_win[(size_t)r * (size_t)S->nwin + (size_t)(w > blk ? w - blk : 0)];
            size_t nb = (size_t)(w > blk ? blk : w);
            memset(cell, 0, nb);
            int t = overtime_try(S, &k, 1);
            if (t < 0) rc = -1;
            else if (!t) memset(cell, 1, nb);
        }
    }
    if (rc == 0) pass_copy(S, k.res, k.st, k.en, k.av, 1);
    if (rc || !nkept) free(S->ot_win), S->ot_win = NULL;
    free(load), free(ord), free(kept_r);
    kept_free(&k);
    return rc;
}

/* Overtime where it lowers the first criterion: from the best pass so far, the resources
** that gain by it are chosen (sched_overtime; with the refinement's targets, else with the
** first ones, due dates or floors, for orders it gave up that overtime can make), the
** service refinement runs again with them from those targets, and the weeks not needed are
** taken back; kept only when the result is
** better than the best pass without overtime by the first criterion (fewer late orders for
** service), else that pass is restored and no overtime is worked. 0, or -1 out of memory. */
int sched_overtime_refine(sched *S, int64_t *target, const int64_t *floor_t)
{
    struct ordo_plan *p = S->p;
    size_t nord = (size_t)S->m->nord + 1;
    kept k0;
    memset(&k0, 0, sizeof k0);
    k0.v = sched_pass_objective(S);
    int rc = kept_alloc(&k0, p);
    if (rc == 0) {
        pass_copy(S, k0.res, k0.st, k0.en, k0.av, 0);
        if (target) memcpy(k0.target, target, (nord - 1) * sizeof *target);
        rc = sched_overtime(S, 1);
    }
    if (rc == 0 && !S->ot_win && S->lf) { /* orders the refinement gave up may be on time with it */
        for (int32_t o = 0; o < S->m->nord; o++) {
            int64_t due = ordo_due_time(S->m, o);
            target[o] = floor_t[o] != T_NEVER && floor_t[o] > due ? floor_t[o] : due;
        }
        latest_finish(S, target);
        rc = sched_overtime(S, 1);
        if (!S->ot_win) memcpy(target, k0.target, (nord - 1) * sizeof *target), latest_finish(S, target);
    }
    if (rc == 0 && S->ot_win && S->lf) rc = sched_service_refine(S, target, floor_t, sched_service_rounds(p));
    if (rc == 0 && S->ot_win) rc = sched_overtime(S, 0);
    if (rc == 0 && S->ot_win && !(sched_pass_objective(S).a < k0.v.a - 1e-9)) { /* not worth it */
        free(S->ot_win), S->ot_win = NULL;
        pass_copy(S, k0.res, k0.st, k0.en, k0.av, 1);
        if (target) memcpy(target, k0.target, (nord - 1) * sizeof *target);
        if (S->lf) latest_finish(S, target);
    }
    kept_free(&k0);
    return rc;
}

/* The overtime marks of the plan's operations from its pass: an operation works overtime
** when it starts in a week its resource may (sched_overtime) and its [start, end) is not
** what its resource's plain calendar gives. 0, or -1 out of memory. */
int sched_overtime_marks(sched *S)
{
    struct ordo_plan *p = S->p;
    const ordo_model *m = S->m;
    if (!S->ot_win) return 0;
    if (!p->op_ot && !(p->op_ot = calloc((size_t)p->nop + 1, 1))) return -1;
    for (int32_t q = 0; q < p->npo; q++)
        for (int32_t o = p->po_op0[q]; o < p->po_op0[q + 1]; o++) {
            int32_t r = p->op_res[o], k = p->op_k[o];
            if (r < 0 || p->op_start[o] == T_NEVER || !sched_ot_allowed(S, r, p->op_start[o])) continue;
            const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
            int64_t work = -1;
            for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++)
                if (m->alt_res[a] == r) work = ordo_sched_work(m, a, p->po_qty[q]);
            int64_t s = work > 0 ? ordo_cal_next_work_minute(cal, p->op_start[o]) : p->op_start[o];
            p->op_ot[o] = work >= 0 && !(s == p->op_start[o] && ordo_cal_add_minutes(cal, s, work) == p->op_end[o]);
        }
    return 0;
}

/* The first start, in the pass whose starts are st, of the parents that use each planned
** order (T_NEVER: none with operations). */
static void parent_starts(const sched *S, const int64_t *st, int64_t *need)
{
    const struct ordo_plan *p = S->p;
    for (int32_t q = 0; q < p->npo; q++) {
        need[q] = T_NEVER;
        for (int32_t j = S->rdep_start[q]; j < S->rdep_start[q + 1]; j++) {
            int32_t d = S->rdep[j], o = p->po_op0[d];
            if (o < p->po_op0[d + 1] && st[o] != T_NEVER && (need[q] == T_NEVER || st[o] < need[q])) need[q] = st[o];
        }
    }
}

/* Levels coordinated by the best pass: a planned order whose parents all start later in
** that pass than its targets ask (they wait for a busy resource, or for other components)
** is needed no sooner, so its latest finish is raised to their first start (S->need), which
** hands its resources to lots needed sooner; a pass is made from there, kept when better by
** the objective, up to rounds times. When a round is kept, the refinement runs again on the
** raised latest finishes and the rounds are tried once more. The plan holds the best pass
** after and S->need its parents' starts (NULL when no round was kept). 0, or -1 out of
** memory. */
int sched_coordinate(sched *S, int64_t *target, const int64_t *floor_t, int rounds)
{
    struct ordo_plan *p = S->p;
    kept k;
    memset(&k, 0, sizeof k);
    k.v = sched_pass_objective(S);
    int64_t *need = malloc(((size_t)p->npo + 1) * sizeof *need);
    int rc = kept_alloc(&k, p) || !need ? -1 : 0, kept_any = 0;
    if (rc == 0) pass_copy(S, k.res, k.st, k.en, k.av, 0);
    for (int again = 0; again < 2 && rc == 0 && (again == 0 || kept_any); again++) {
        int gained = 0;
        for (int r = 0; r < rounds && rc == 0 && k.v.a > 0; r++) {
            parent_starts(S, k.st, need);
            latest_finish_need(S, target, need);
            sched_pass(S);
            if (S->oom) rc = -1;
            pcost v = sched_pass_objective(S);
            if (rc || !sched_pcost_less(v, k.v)) break;
            k.v = v, gained = kept_any = 1;
            pass_copy(S, k.res, k.st, k.en, k.av, 0);
        }
        pass_copy(S, k.res, k.st, k.en, k.av, 1);
        if (rc == 0 && kept_any) { /* the best pass's parent starts stay under every later pass */
            if (!S->need && !(S->need = malloc(((size_t)p->npo + 1) * sizeof *S->need))) rc = -1;
            else parent_starts(S, k.st, S->need);
        }
        if (rc == 0 && gained && again == 0) {
            rc = sched_service_refine(S, target, floor_t, sched_service_rounds(p));
            if (rc == 0) k.v = sched_pass_objective(S), pass_copy(S, k.res, k.st, k.en, k.av, 0);
        }
    }
    latest_finish(S, target);
    kept_free(&k);
    free(need);
    return rc;
}
