/*
** plan.h -- the plan: what the MRP (and later the scheduler) computes from a model, held
** as flat arrays for the writers (stage "write") and the tests.
**
** Planned orders are numbered in the order the MRP creates them: by low-level code, then
** item (input order), then date. That order does not depend on the thread count.
** Pegging is kept as direct links, CSR by planned order; full pegging to customer orders is
** derived from them on demand (peg.h). Exceptions keep references as indices and are turned
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
    ORDO_EXC_INSIDE_FENCE,   /* a need inside the item's planning time fence, covered at the fence */
    ORDO_EXC_RESCHEDULE_OUT, /* action messages (model->actions): a supply earlier than its first need */
    ORDO_EXC_INCREASE,       /* the last supply of an item, short of the needs after it */
    ORDO_EXC_DECREASE,       /* a supply that serves less than its quantity */
    ORDO_EXC_RELEASE_NOW,    /* a planned order to release on the horizon's first day */
    ORDO_EXC_NKIND
};
const char *ordo_exc_name(int kind);

/* What an exception's ref names. */
enum { ORDO_REF_NONE, ORDO_REF_PLANNED, ORDO_REF_RECEIPT, ORDO_REF_ORDER, ORDO_REF_SAFETY, ORDO_REF_PROD };

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
**   link need              lnk_need[], slnk_need[]        q (the parent)   ORDO_LNK_ORDER(o) ORDO_LNK_SAFETY (-1),
**                                                                      = -3 - o          ORDO_LNK_BACKLOG (-2)
**   peg reference (full)   derived pegging (peg.h)        -                o                 ORDO_PEG_SAFETY (-1)
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

/* What a direct link serves: a parent planned order (>= 0), safety stock, a backlog (negative
** on hand), or a customer order. */
#define ORDO_LNK_SAFETY ORDO_PEG_SAFETY
#define ORDO_LNK_BACKLOG (-2)
#define ORDO_LNK_ORDER(o) (-3 - (o))
#define ORDO_LNK_IS_ORDER(n) ((n) <= -3)
#define ORDO_LNK_ORDER_IDX(n) (-3 - (n))

/* What the writers emit as planned_orders[].pegging (ordo plan --pegging). */
enum { ORDO_PEGGING_FULL, ORDO_PEGGING_DIRECT, ORDO_PEGGING_NONE };

/* Order status (SPEC: on_time, late, unplanned). */
enum { ORDO_ST_ON_TIME, ORDO_ST_LATE, ORDO_ST_UNPLANNED };

/* A schedule's arrays set aside (sched.h): resources, starts, ends of the operations and the
** planned orders' availability. */
typedef struct ordo_sched_copy {
    int32_t *res;
    int64_t *st, *en, *av;
} ordo_sched_copy;

/* Frees a copy made by ordo_sched_copy_take (sched.h) and its arrays; NULL is a no-op. */
void ordo_sched_copy_free(ordo_sched_copy *k);

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
    int32_t *po_sup;    /* supplier (model sup_* index, -1 none; supply.h); NULL when the
                        ** model has no suppliers */
    int32_t *po_prod;   /* the production order (model->pr_*) a planned order is, -1 for the MRP's
                        ** own; NULL when the model has none (README "Production orders") */
    /* Direct links: the MRP's allocation of each planned order's good units to the needs
    ** they serve, in allocation order: links [lnk_start[q], lnk_start[q + 1]) of planned
    ** order q serve lnk_need[k] (ORDO_LNK_*: a parent planned order, which always has a
    ** lower index, a customer order, safety stock or a backlog) with lnk_qty[k] good units.
    ** At most one link per need and supply, so their number is linear in the plan. */
    int64_t *lnk_start; /* [npo + 1] */
    int32_t *lnk_need;
    double *lnk_qty;
    int64_t nlnk;
    /* The same for stock: on hand (slnk_sup ORDO_SUP_ONHAND) and open receipts
    ** (ORDO_SUP_RCPT(r)) of item slnk_item to the needs they serve, in MRP order. */
    int64_t nslnk;
    int32_t *slnk_item, *slnk_sup, *slnk_need;
    double *slnk_qty;
    /* Per planned order, over the customer orders of its full pegging (peg.h): the largest
    ** design_days (0: none), the highest priority (0: none), whether one is urgent. */
    int32_t *po_pegdd;
    double *po_pegprio;
    uint8_t *po_pegurg;
    int peg_mode;       /* ORDO_PEGGING_*: what the writers emit */

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
    struct ordo_sched_copy *sched_plain; /* the constructive schedule's best pass without
                                     ** overtime where it chose overtime (run.c searches from
                                     ** both), else NULL */
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
    /* the frozen zone of a re-plan (horizon.frozen_until), indexed like op_hint: operations of
    ** the base that keep their resource op_fix_res (-1: not fixed) over [op_fix_s, op_fix_e);
    ** NULL when none */
    int32_t *op_fix_res;
    int64_t *op_fix_s, *op_fix_e;
    uint8_t *op_fix_ot;      /* 1: the fixed operation works its resource's overtime (NULL: none does) */
    uint8_t *op_fix_soft;    /* 1: kept by an incremental re-plan -- checked like any operation, and
                             ** given up when its material comes later -- 0: frozen (NULL: none is) */
    uint8_t sched_once;      /* an incremental re-plan: one constructive pass around the fixed
                             ** operations, no refinement, no search */
    char *changes_json;

    /* net-change MRP (ncmemo.h): this run's per-item results for a later re-plan (NULL unless
    ** kept: ordo_plan_opts.mrp_keep); items netted and items whose results came from the base
    ** memo (-1: none was used, why in nc_why) */
    struct ordo_ncmemo *nc_memo;
    int32_t nc_netted, nc_kept;
    char nc_why[256];

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
