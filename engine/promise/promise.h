/*
** promise.h -- stage "promise": new demand planned on top of a finished plan without moving
** anything already committed (capable-to-promise, SPEC sections 4-5, `ordo quote`).
**
** The base plan is frozen. What it leaves free is:
**   stock     per item, free(t) = max(0, min over s >= t of E(s)), where E(s) is the base
**             plan's projected available above safety stock at instant s: on hand, receipts
**             and base planned orders (at the instant the schedule makes them available)
**             minus every base need (customer orders at their due date, components at the
**             earlier of their parent's release and its first operation's start). Taking x
**             at t is harmless exactly when x <= free(t); free is non-decreasing in t.
**   capacity  the gaps between the base operations on each resource unit.
** New demand for item i of x units needed on day d takes min(x, free) from stock and plans
** the rest with the SPEC rules (lot sizing, yield, release = d offset back by lead and
** inspection days, moved to horizon.start when earlier; components on the release day with
** the BOM lines effective then; phantoms pass through). New bought orders arrive after lead
** and inspection days from their release; new made orders start when their material and
** design days allow, and each operation goes into the earliest gap of the alternative unit
** that finishes it first.
**
** Two ways to plan the new demand: just in time for a due date (the MRP's rules: new orders
** due when needed, released by lead times) and as soon as possible (every new order released
** at the horizon start, and a need waits for free stock instead when that comes sooner).
** Lead times shorter than the real work make just-in-time plans late whatever the due date,
** so the promise comes from the as-soon-as-possible plan: its completion's day (or the next
** day when it completes after 00:00). An insertion (`ordo insert`) tries just in time first
** and falls back to as soon as possible, so a due date on the promise is met without moving
** anything, and one a day earlier is not.
**
** Complexity per evaluation: the demand's BOM subtree, with the lots of one need sharing
** one need per component (so at most 1,000 lots per need, never their product over the
** levels), plus O(log n) per gap probe on a resource unit with n base and new operations
** (a unit's last search is remembered, so lots of one need do not step over each other). Free stock is computed per item on first use from
** the base plan (its needs, receipts and planned orders), and a resource's units when a new
** operation first looks at it, so a quote pays only for what it touches.
*/
#ifndef ORDO_PROMISE_H
#define ORDO_PROMISE_H

#include "plan.h"
#include "util.h"

/* A new customer order to promise or insert. */
typedef struct ordo_demand {
    int32_t item;
    double qty;
    int32_t design_days; /* working days of design before production may start */
} ordo_demand;

/* What decides a promise. */
enum { ORDO_BIND_NONE, ORDO_BIND_STOCK, ORDO_BIND_MATERIAL, ORDO_BIND_CAPACITY, ORDO_BIND_DESIGN };
const char *ordo_bind_name(int binding);

/* Step kinds on a promise's path. */
enum { ORDO_STEP_STOCK, ORDO_STEP_BUY, ORDO_STEP_MAKE, ORDO_STEP_OP };

/* One step of the chain that sets a promise, root cause first. */
typedef struct ordo_step {
    uint8_t kind;     /* ORDO_STEP_* */
    int32_t item;
    int32_t res;      /* ORDO_STEP_OP: the resource; else -1 */
    int32_t seq;      /* ORDO_STEP_OP: the routing operation's seq */
    double qty;
    int32_t release;  /* ORDO_STEP_BUY / MAKE: the planned order's release day */
    int64_t start, end; /* OP: the operation; BUY, MAKE, STOCK: end = when available */
    int32_t sup;      /* BUY, MAKE: the supplier (model sup_* index); -1 none */
} ordo_step;

/* A new planned order of an evaluation. */
typedef struct ordo_newpo {
    int32_t item, due, release;
    uint8_t moved, make;
    double qty, good;
    int32_t op0, nop;    /* its operations in the evaluation's op list */
    int64_t avail;       /* when its quantity is available */
    double pegged;       /* good units that serve the demand (the rest is lot-size excess) */
    int32_t sup;         /* supplier (model sup_* index), -1 none */
    int32_t node;        /* the evaluation's node of this order (internal) */
} ordo_newpo;

/* A new operation: planned order (index into the new orders), routing op, resource, unit. */
typedef struct ordo_newop {
    int32_t po, k, res, unit;
    int64_t start, end;
    uint8_t ot;          /* runs into its resource's overtime */
} ordo_newop;

typedef struct ordo_promise_base ordo_promise_base;
typedef struct ordo_promise_ctx ordo_promise_ctx;

/* Indexes over the frozen base plan p (which must outlive them). NULL when out of memory. */
ordo_promise_base *ordo_promise_base_new(const struct ordo_plan *p);
void ordo_promise_base_free(ordo_promise_base *B);

/* Per-thread scratch of evaluations. */
ordo_promise_ctx *ordo_promise_ctx_new(ordo_promise_base *B);
void ordo_promise_ctx_free(ordo_promise_ctx *c);

/* Plan demand d into c (replacing what it held): just in time for due day `due` (new
** orders due when needed, released by lead times), or with due = ORDO_ASAP as soon as
** possible (new orders released at the horizon start; a need waits for free stock instead
** when that comes sooner). Returns its completion instant (INT64_MAX: never, e.g. a need
** outside the horizon), or INT64_MIN when out of memory. */
#define ORDO_ASAP INT32_MIN
int64_t ordo_promise_eval(ordo_promise_ctx *c, const ordo_demand *d, int32_t due);

/* How new operations meet the base plan's: in its gaps (the default; nothing moves), after
** its last operation on each unit (nothing moves), as if it were not there (priority: the
** base operations they overlap must move after them), or in the gaps where that still ends
** in time, else with priority (float: see ordo_promise_float). With priority and float, free
** stock counts only supplies whose time cannot move when base operations do. */
enum { ORDO_SLOT_GAPS, ORDO_SLOT_APPEND, ORDO_SLOT_PRIORITY, ORDO_SLOT_FLOAT };
void ordo_promise_set_mode(ordo_promise_ctx *c, int mode);

/* Let new operations use their resources' overtime (calendar overtime_minutes_per_day);
** returns whether any resource has overtime to give (else nothing changes). */
int ordo_promise_set_overtime(ordo_promise_ctx *c, int on);

/* From the evaluation in c (with priority), the latest end of each new operation that keeps
** the demand's completion: its end plus the float of its order (how long what it feeds
** waits for something else, down to the demand). The next evaluation in ORDO_SLOT_FLOAT
** puts each operation in the gaps when it ends by then. 0, or -1 out of memory. */
int ordo_promise_float(ordo_promise_ctx *c);

/* The completion instant of the evaluation in c. */
int64_t ordo_promise_completion(const ordo_promise_ctx *c);

/* The promise of d: the first day at whose 00:00 its as-soon-as-possible plan is complete
** (so that a due date on it is met, and one a day earlier is not). Leaves c holding that
** evaluation. INT32_MAX when it can never complete, INT32_MIN when out of memory. */
int32_t ordo_promise_earliest(ordo_promise_ctx *c, const ordo_demand *d);

/* What decides the evaluation in c, and the chain that sets it (root cause first, at most
** nmax steps; *nstep gets their count). Returns ORDO_BIND_* and sets *by_item or *by_res
** (the other is -1). Capacity binds only where an operation waited for a gap (it starts
** after the first working minute at which it was ready); where nothing waited, the order's
** own work sets the date: ORDO_BIND_NONE, both -1. */
int ordo_promise_reason(const ordo_promise_ctx *c, int32_t *by_item, int32_t *by_res, ordo_step *steps,
                        int32_t nmax, int32_t *nstep);

/* The evaluation's new planned orders and operations. */
const ordo_newpo *ordo_promise_orders(const ordo_promise_ctx *c, int32_t *n);
const ordo_newop *ordo_promise_ops(const ordo_promise_ctx *c, int32_t *n);

/* Make the evaluation in c part of the base for later evaluations (its stock taken and its
** operations), as an insertion does order by order. Not thread-safe. 0, or -1 out of memory. */
int ordo_promise_commit(ordo_promise_ctx *c);

/* The direct supplies of new order po of the evaluation in c, or of the demand itself
** when po < 0: ORDO_SUP_NEW(j) for new order j, else a base supply (ORDO_SUP_ONHAND,
** ORDO_SUP_RCPT(r) or a base planned order). Writes at most max and returns how many. */
#define ORDO_SUP_NEW(j) (INT32_MIN + 1 + (j))
#define ORDO_SUP_IS_NEW(s) ((s) > INT32_MIN && (s) < INT32_MIN + (1 << 30))
#define ORDO_SUP_NEW_IDX(s) ((int32_t)((int64_t)(s) - INT32_MIN - 1))
int32_t ordo_promise_supplies(const ordo_promise_ctx *c, int32_t po, int32_t *out, int32_t max);

#endif /* ORDO_PROMISE_H */
