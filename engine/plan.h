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

/* Peg references: a customer order index, or ORDO_PEG_SAFETY. */
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
    int32_t *po_avail;  /* day the quantity is available (00:00) given material and lead time */
    uint8_t *po_moved;
    int32_t *peg_start; /* [npo + 1] */
    int32_t *peg_ref;   /* customer order index or ORDO_PEG_SAFETY */
    double *peg_qty;    /* good units of the planned order's item */
    int32_t npeg;

    /* customer orders [model->nord] */
    int64_t *ord_completion; /* instant; INT64_MIN when unplanned */
    double *ord_lateness;    /* days, >= 0 */
    uint8_t *ord_status;     /* ORDO_ST_* */

    /* exceptions */
    ordo_exception *exc;
    int32_t nexc;

    int64_t makespan_minutes;
    int32_t late_orders;
    double total_lateness;
    double seconds_load, seconds_mrp, seconds_schedule, seconds_write;
    int threads;
};

void ordo_plan_free_arrays(struct ordo_plan *p);

#endif /* ORDO_PLAN_H */
