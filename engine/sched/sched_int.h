/*
** sched_int.h -- the constructive schedule's working state, shared by its passes (sched.c)
** and the service objective's refinement and overtime (service.c); not part of the stage's
** interface (sched.h).
*/
#ifndef ORDO_SCHED_INT_H
#define ORDO_SCHED_INT_H

#include "calendar.h"
#include "sched.h"

#include <stdint.h>

#define T_NEVER INT64_MAX

typedef struct iv { int64_t s, e; } iv;

/* Busy intervals of one resource unit, sorted and disjoint. */
typedef struct unit {
    iv *v;
    int32_t n, cap;
} unit;

/* A dispatchable operation: the next unscheduled operation of a planned order. */
typedef struct cand {
    int64_t key1, key2; /* priority, smaller first */
    int32_t po, k;      /* planned order, operation index within its routing */
    int64_t est;        /* earliest start (instant) */
} cand;

typedef struct sched {
    struct ordo_plan *p;
    int mrp_only;
    const ordo_model *m;
    unit *units;
    int32_t *unit0; /* [nres + 1] first unit of each resource */
    cand *heap;
    int32_t nheap;
    int32_t *pending;  /* [npo] supplier planned orders not yet available */
    int32_t *rdep_start, *rdep; /* planned orders that depend on planned order s */
    int64_t *design;   /* [npo] earliest start from design days */
    uint8_t *urgent;
    double *prio;
    int64_t *work_left; /* [npo] minutes of operations not yet scheduled (makespan rule) */
    uint64_t rng;       /* dispatch noise of the current start; 0: the plain rule */
    int64_t noise;      /* noise amplitude (0: none) */
    int oom;
    int infinite;       /* a pass without capacity limits: the floor of every completion */
    int64_t *lf;        /* [npo] service: latest finish of each planned order, or NULL */
    int64_t *rest;      /* [nop] service: calendar minutes from an operation to its order's end */
    /* what a pass produces: the plan's arrays for the main pass, a worker's own otherwise */
    int main;           /* the plan's own pass (progress, op_po/op_k, results) */
    int32_t *op_res;
    int64_t *op_start, *op_end, *avail;
    /* overtime the constructive passes may work (sched_overtime): per resource and week of
    ** the horizon whether an operation starting then may use its calendar's overtime */
    uint8_t *ot_win;    /* [nres * nwin], or NULL */
    int32_t nwin, win_days; /* windows of win_days days (7: weeks) from the horizon start */
    ordo_cal *cal_ot;   /* [nres] each resource's calendar with its overtime */
    int threads;        /* threads the refinement's two walks may use (1: one after the other) */
    int64_t *need;      /* [npo] or NULL: the earliest first start of each planned order's parents
                        ** in the best pass, a floor under its latest finish (sched_coordinate) */
} sched;

/* The cost of a pass, compared lexicographically: a first, then b (improve.c's order). */
typedef struct pcost {
    double a, b;
} pcost;

/* sched.c: one constructive pass (every planned order as soon as its material allows, by
** the dispatch keys) into S's arrays; when the material of node v (planned order or npo +
** customer order) is all there in the pass (T_NEVER: not known or never); whether item has
** a routing; a pass's objective and its order; workers for passes of their own (sharing
** S's read-only lists); whether an operation of resource r starting at t may work overtime
** (S->ot_win). */
void sched_pass(sched *S);
int64_t sched_material_time(const sched *S, int32_t v);
int sched_has_routing(const sched *S, int32_t item);
pcost sched_pass_objective(const sched *S);
int sched_pcost_less(pcost x, pcost y);
int sched_worker_init(sched *w, const sched *S);
void sched_worker_free(sched *w);
int sched_ot_allowed(const sched *S, int32_t r, int64_t t);

/* service.c: the service objective's first targets and latest finishes (S->rest, S->lf;
** floor_t the completions of a pass without capacity limits), the refinement by targets
** and its number of rounds, overtime chosen by the passes, the plan's overtime marks from
** the pass, and levels coordinated by the best pass's starts; each 0, or -1 out of memory. */
int sched_service_prepare(sched *S, int64_t *target, int64_t *floor_t);
int sched_service_refine(sched *S, int64_t *target, const int64_t *floor_t, int rounds);
int sched_service_rounds(const struct ordo_plan *p);
int sched_overtime_refine(sched *S, int64_t *target, const int64_t *floor_t);
int sched_overtime_marks(sched *S);
int sched_coordinate(sched *S, int64_t *target, const int64_t *floor_t, int rounds);

#endif /* ORDO_SCHED_INT_H */
