/*
** plan.h -- the plan: what the MRP (and later the scheduler) computes from a model, held
** as flat arrays for the writers (stage "write") and the tests.
**
** Planned orders are numbered in the order the MRP creates them: by low-level code, then
** item (input order), then date. That order does not depend on the thread count.
** Pegging is CSR by planned order. Exceptions keep references as indices and are turned
** into text only when written.
*/
#ifndef ORDO_PLAN_H
#define ORDO_PLAN_H

#include "model.h"

#include <stdint.h>

/* Exception kinds (SPEC section 3, normative names in ordo_exc_name). */
enum {
    ORDO_EXC_RELEASE_PAST_DUE,
    ORDO_EXC_SHORTAGE,
    ORDO_EXC_CANCEL,
    ORDO_EXC_EXPEDITE,
    ORDO_EXC_LATE_ORDER,
    ORDO_EXC_BELOW_SAFETY,
    ORDO_EXC_NKIND
};
const char *ordo_exc_name(int kind);

/* What an exception's ref names. */
enum { ORDO_REF_NONE, ORDO_REF_PLANNED, ORDO_REF_RECEIPT, ORDO_REF_ORDER, ORDO_REF_SAFETY };

typedef struct ordo_exception {
    uint8_t kind;     /* ORDO_EXC_* */
    uint8_t ref_kind; /* ORDO_REF_* */
    int32_t item;     /* item index */
    int32_t ref;      /* index of the planned order, receipt or customer order */
    int32_t day;      /* the date the message is about */
    int32_t day2;     /* a second date (receipt's date for expedite, planned availability) */
    double qty;       /* quantity concerned */
} ordo_exception;

/* How supplies, needs and nodes are written as one int32_t. Every encoding in the engine:
**
**   what                   where                          planned order q  customer order o  other
**   supply                 dep_sup[], edge[2k+1]          q                -                 ORDO_SUP_ONHAND (-1),
**                                                                                            ORDO_SUP_RCPT(r) = -2 - r,
**                                                                                            ORDO_SUP_SHORT (uncovered)
**   node (who needs)       edge[2k]                       q                ORDO_NODE_ORDER(o) = -1 - o
**   node (dense index)     dep_start[] over npo + nord    q                npo + o
**   peg reference          peg_ref[]                      -                o                 ORDO_PEG_SAFETY (-1)
**   new supply (promise)   ordo_promise_supplies          ORDO_SUP_NEW(j)  -                 base supplies as above
**   need source (mrp.c)    netting only                   q                -3 - o            -1 safety, -2 backlog
*/
#define ORDO_SUP_ONHAND (-1)
#define ORDO_SUP_RCPT(r) (-2 - (r))
#define ORDO_SUP_RCPT_IDX(s) (-2 - (s))
#define ORDO_SUP_SHORT INT32_MIN

#define ORDO_NODE_ORDER(o) (-1 - (o))
#define ORDO_NODE_ORDER_IDX(v) (-1 - (v))

#define ORDO_PEG_SAFETY (-1)

/* Order status (SPEC: on_time, late, unplanned). */
enum { ORDO_ST_ON_TIME, ORDO_ST_LATE, ORDO_ST_UNPLANNED };

struct ordo_plan {
    const ordo_model *model; /* not owned; must outlive the plan */

    /* planned orders [npo] */
    int32_t npo;
    int32_t *po_item;
    double *po_qty;     /* order quantity = good / yield */
    double *po_good;    /* good units after lot sizing */
    int32_t *po_due;    /* day the quantity is needed */
    int32_t *po_release;/* day, moved to horizon.start when earlier (po_moved) */
    int32_t *po_avail;  /* MRP view: day the quantity is available (00:00) from lead times */
    uint8_t *po_moved;
    int32_t *peg_start; /* [npo + 1] */
    int32_t *peg_ref;   /* customer order index or ORDO_PEG_SAFETY */
    double *peg_qty;    /* good units of the planned order's item */
    int32_t npeg;

    /* The MRP's allocations as dependency edges: nedge pairs edge[2k] = node (a planned
    ** order >= 0, or -1 - o for customer order o), edge[2k+1] = supply (ORDO_SUP_* or a
    ** planned order; ORDO_SUP_SHORT: a need of the node left uncovered). */
    int32_t nedge;
    int32_t *edge;
    /* The same as lists, built by the schedule stage: what each planned order (0..npo-1)
    ** and customer order (npo + o) is made from (components, through phantoms too). CSR
    ** over npo + nord; dep_short marks those with a need no supply covers. */
    int32_t *dep_start;
    int32_t *dep_sup;
    uint8_t *dep_short;

    /* operations (finite schedule), grouped by planned order in routing order */
    int32_t nop;
    int32_t *op_po, *op_k, *op_res;  /* planned order, routing operation index, resource */
    int64_t *op_start, *op_end;      /* instants */
    uint8_t *op_ot;                  /* [nop] runs on its resource's calendar with overtime;
                                     ** NULL when no operation does */
    int32_t *po_op0;                 /* [npo + 1]: operations of planned order q */
    int64_t *po_avail_t;             /* [npo] schedule view: instant the quantity is available
                                     ** (operations, else lead time); INT64_MAX never */

    /* resource load per day */
    int32_t nload;
    int32_t *load_res, *load_day;
    int64_t *load_avail, *load_used; /* minutes */

    /* customer orders [model->nord] */
    int64_t *ord_completion; /* instant; INT64_MIN when unplanned */
    double *ord_lateness;    /* days, >= 0 */
    uint8_t *ord_status;     /* ORDO_ST_* */

    /* exceptions */
    ordo_exception *exc;
    int32_t nexc;

    /* an insertion's result (ordo insert): new orders [ins_first, nord) of the model, and
    ** the orders whose completion moved against the base plan */
    int32_t ins_first, nins, ndist;
    uint8_t *ins_method;     /* [nins] ordo_insert_method that placed each */
    double *ins_gap;         /* [nins] MIP gap left by its GLPK window (0: none or optimal) */
    uint8_t *ins_limited;    /* [nins] a candidate was refused for --max-slip */
    int64_t *ins_ot;         /* [nins] overtime minutes its insertion added */
    int32_t *dist_order;
    int64_t *dist_old, *dist_new;

    /* a re-plan against a saved plan (ordo_plan_replan), by operation (indexed as po_op0
    ** will be: the routing lengths of the made planned orders in order): the dispatch key of
    ** the constructive schedule in minutes (the base's start of the operation, else 00:00
    ** of its order's due day) and its earliest start (the base's start, INT64_MIN for none);
    ** its resource (placed there when it can start at its earliest start, -1 for none);
    ** NULL otherwise. "changes" against the base as a JSON value for the writers. */
    int64_t *op_hint, *op_floor;
    int32_t *op_pref;
    char *changes_json;

    /* exact mode (exact.h): whether it ran and what it proved */
    ordo_exact_status exact_status;
    double exact_gap, exact_bound;
    char exact_why[160];     /* why it did not run */

    int mrp_only;            /* no finite schedule was made */
    void (*progress)(void *ud, const char *stage, double fraction); /* may be NULL */
    void *progress_ud;
    int64_t makespan_minutes;
    int32_t late_orders;
    double total_lateness;
    double seconds_load, seconds_mrp, seconds_schedule, seconds_write;
    int threads;
};

void ordo_plan_free_arrays(struct ordo_plan *p);

/* The late_order exceptions (replacing any from an earlier call) and the late totals, from
** the order results. 0, or -1 out of memory. */
int ordo_plan_finish_orders(struct ordo_plan *p);

/* Report progress of a long stage (does nothing without a callback). */
static inline void ordo_progress(const struct ordo_plan *p, const char *stage, double fraction)
{
    if (p->progress) p->progress(p->progress_ud, stage, fraction);
}

#endif /* ORDO_PLAN_H */
