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

/* Schedule the plan's planned orders (after the MRP). Sets operations, the planned
** orders' and customer orders' completion, makespan and the load table. With mrp_only,
** no operation is scheduled: made parts take their lead time like parts without a routing.
** starts > 1 adds constructive passes with seeded noise on the dispatch keys and keeps the
** best schedule by the objective, which the local search of improve.h then improves for
** time_limit seconds (0: a default budget) on threads (0: all). Returns ORDO_OK or
** ORDO_ENOMEM. */
ordo_rc ordo_sched_run(struct ordo_plan *p, int mrp_only, int starts, uint64_t seed, double time_limit,
                       int threads);

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
** over (horizon start when none): its earliest start. */
int64_t ordo_sched_design(const struct ordo_plan *p, int32_t q);

/* When a made part finished at instant t is available: after the item's inspection days,
** counted from the day after completion, at 00:00 (SPEC section 3); t itself without. */
int64_t ordo_after_inspection(const ordo_model *m, int32_t item, int64_t t);

/* Customer order o's due instant: 00:00 of its due day, not before the horizon start
** (lateness is counted from it). */
int64_t ordo_due_time(const ordo_model *m, int32_t o);

/* When on-hand stock (ORDO_SUP_ONHAND) or a receipt (ORDO_SUP_RCPT) is available: the
** horizon start, or 00:00 of the receipt's date (not before the horizon start). */
int64_t ordo_stock_time(const ordo_model *m, int32_t s);

/* Working minutes of a routing operation for a planned order of qty on alternative a. */
int64_t ordo_sched_work(const ordo_model *m, int32_t a, double qty);

/* Independent check of a finished plan's schedule: every routing operation of every
** planned make order scheduled once on one of its alternatives, its working minutes on
** that resource's calendar equal to its work, no more than `units` operations at a time on
** a resource, operations in routing order, no start before the order's material is
** available nor before its design days. Writes up to nmsg located problems into msg
** (one per line) and returns how many it found. */
int ordo_sched_check(const struct ordo_plan *p, char *msg, size_t nmsg);

/* Why a customer order is late (plan.json orders[].why): the first cause found walking back
** from its completion along what set each start. */
enum { ORDO_WHY_NONE, ORDO_WHY_MATERIAL, ORDO_WHY_CAPACITY, ORDO_WHY_DESIGN };
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

/* Minutes of overtime the plan's operations work (beyond their calendars' shifts). */
int64_t ordo_sched_overtime_minutes(const struct ordo_plan *p);

#endif /* ORDO_SCHED_H */
