/*
** sched.h -- stage "schedule": planned make orders with routings become operations on
** resources with calendars (SPEC section 3, "Finite scheduling").
**
** Constructive scheduling by a serial schedule-generation scheme: a planned order enters
** when every supply it is made from is available; its operations are dispatched one at a
** time by priority (tardiness: urgent first, then earliest due date, then customer
** priority; makespan: most work remaining) and each is placed in the earliest gap of the
** alternative resource unit that finishes it first. Operations pause over non-working
** time; a resource runs at most `units` operations at once.
**
** Operation work in minutes = ceil((setup + qty * run) / efficiency): the schedule has
** minute resolution, so fractional minutes are rounded up.
*/
#ifndef ORDO_SCHED_H
#define ORDO_SCHED_H

#include "plan.h"
#include "rules.h"

/* The constructive schedule of the plan's planned orders (after the MRP): operations,
** the planned orders' and customer orders' completion and the makespan. With mrp_only, no
** operation is scheduled: made parts take their lead time like parts without a routing.
** starts > 1 adds constructive passes with seeded noise on the dispatch keys and keeps the
** best schedule by the objective, on threads (0: all). The local search (improve.h) and
** the load table come after it (the driver, run.c). Returns ORDO_OK or ORDO_ENOMEM. */
ordo_rc ordo_sched_construct(struct ordo_plan *p, int mrp_only, int starts, uint64_t seed, int threads);

/* A copy of the plan's schedule arrays (plan.h, ordo_sched_copy), NULL out of memory; put
** back with ordo_sched_copy_put (the same plan's), freed with ordo_sched_copy_free. */
ordo_sched_copy *ordo_sched_copy_take(const struct ordo_plan *p);
void ordo_sched_copy_put(struct ordo_plan *p, const ordo_sched_copy *k);

/* The plan's objective from its customer order results (ordo_sched_results), compared in
** this order: c[0] the first criterion (weighted late orders for service, weighted lateness
** for tardiness, the makespan), c[1] the second (service: weighted lateness), c[2] the
** overtime minutes worked. */
void ordo_sched_cost(const struct ordo_plan *p, double c[3]);

/* The plan's dependency lists (dep_start, dep_sup, dep_short: CSR over planned orders and
** customer orders) from the MRP's edges, newly allocated (the schedule builds them again).
** 0, or -1 out of memory. */
int ordo_sched_deps(struct ordo_plan *p);

/* Customer order completion, lateness and status from the planned orders' availability
** (po_avail_t) and the dependency lists; the makespan from the operations. */
void ordo_sched_results(struct ordo_plan *p);

/* The plan's load table from its operations (replacing any it had): per resource and
** calendar day of the horizon, available minutes (units x working minutes) and loaded
** minutes. 0, or -1 out of memory. */
int ordo_sched_load_table(struct ordo_plan *p);

/* Constructive passes worth making: up to 200,000 operation placements in all, 1..64. */
int ordo_sched_starts(const struct ordo_plan *p);

/* The calendar operation o runs on: its resource's, with the overtime when it uses it
** (written into tmp). */
const ordo_cal *ordo_sched_op_cal(const struct ordo_plan *p, int32_t o, ordo_cal *tmp);

/* 00:00 of the day the design days of the customer orders planned order q is pegged to are
** over (horizon start when none), or of the end of its item's planning time fence when that
** is later (not for production orders already in the shop): its earliest start. */
int64_t ordo_sched_design(const struct ordo_plan *p, int32_t q);

/* Why a customer order is late (plan.json orders[].why): the first cause found walking back
** from its completion along what set each start. */
enum { ORDO_WHY_NONE, ORDO_WHY_MATERIAL, ORDO_WHY_CAPACITY, ORDO_WHY_DESIGN, ORDO_WHY_FENCE };
/* FENCE: a made planned order held back by its item's planning time fence (later than its
** design days); its item in `item`. */
#define ORDO_WHY_PATH 16
typedef struct ordo_why {
    int kind;              /* ORDO_WHY_* */
    int32_t item;          /* material: the item whose supply binds (its lead time or receipt) */
    int32_t supply;        /* material: the binding planned order (>= 0) or ORDO_SUP_* stock/receipt */
    int32_t res;           /* capacity: the resource an operation waited for */
    int32_t before;        /* capacity: the planned order whose operation ran there just before */
    int32_t npath, path[ORDO_WHY_PATH]; /* planned orders walked, from the order's supply down */
} ordo_why;

/* The why of every late customer order of a scheduled plan into why[nord] (kind NONE for
** the others). 0, or -1 out of memory. */
int ordo_sched_why(const struct ordo_plan *p, ordo_why *why /* OUT: [nord] */);

/* A fixed operation (README "Production orders", "Frozen zone"): operation k (0-based in
** its routing) of planned order q keeps resource *res over [*s, *e) -- a started production
** order's started operation (*done: finished, it takes no capacity) or, in a re-plan, one of
** the base's in the frozen zone (p->op_fix_*, which needs p->po_op0). 0 when it is not fixed. */
int ordo_sched_pin(const struct ordo_plan *p, int32_t q, int32_t k, int32_t *res, int64_t *s, int64_t *e, int *done);

/* The leading fixed operations of planned order q (they are a prefix of its routing). */
int32_t ordo_sched_npin(const struct ordo_plan *p, int32_t q);

/* Whether the plan has any fixed operation (the local search and exact mode then leave its
** constructive schedule as it is). */
int ordo_sched_has_pins(const struct ordo_plan *p);

/* Whether some operation whose material is there is not scheduled: it could not end before
** the calendar's never (bounds.h), and its order is unplanned. The local search, overtime
** and exact mode then leave the constructive schedule as it is. */
int ordo_sched_never(const struct ordo_plan *p);

/* Minutes of overtime the plan's operations work (beyond their calendars' shifts). */
int64_t ordo_sched_overtime_minutes(const struct ordo_plan *p);

#endif /* ORDO_SCHED_H */
