/*
** replan_base.h -- the base of a re-plan (replan.c): the plan saved in DIR, read by ids into
** the new model's indexes (replan_base.c), and the incremental re-plan's choice of the
** planned orders that keep their operations (replan_keep.c).
*/
#ifndef ORDO_REPLAN_BASE_H
#define ORDO_REPLAN_BASE_H

#include "ncmemo.h"
#include "plan.h"

#include <cjson/cJSON.h>

typedef struct base_po {
    const char *id, *item_name;
    int32_t item; /* in the new model; -1 when it has gone */
    int32_t due;
    double qty;
    int32_t op0, nop; /* its operations in base_view.op (grouped after reading) */
    int64_t start;    /* earliest start of its operations; INT64_MAX when none */
} base_po;

typedef struct base_op {
    int32_t po, seq, res; /* res in the new model, -1 when it has gone */
    int64_t start, end;   /* end: INT64_MIN when not read */
    uint8_t ot;           /* it worked its resource's overtime */
} base_op;

typedef struct base_view {
    cJSON *root;
    char *ids;         /* the planned orders' ids when read from the memo */
    int32_t npo, nop;
    base_po *po;
    base_op *op;
    int64_t *ord_old;  /* [m->nord] the base's completion of each order of the new model */
    uint8_t *ord_seen; /* [m->nord] the order is in the base */
    int32_t ord_gone;  /* base orders not in the new data set */
} base_view;

/* Read the base in dir for model m into *B: from dir's memo (into *memo, which the MRP's
** net-change also uses; NULL when there is none) where it belongs to dir/plan.json's run and
** m has no production orders, else from dir/plan.json. ORDO_OK, ORDO_EIO (no such plan) or
** ORDO_EINPUT (not a plan, or a started order changed), with the reason in err. */
ordo_rc ordo_replan_base(base_view *B, const ordo_model *m, const char *dir, ordo_ncmemo **memo, char *err, size_t nerr);

void ordo_replan_base_free(base_view *B);

/* Incremental (README "--incremental"): the planned orders of p (matched to the base's by
** match[]) that keep their operations, as soft fixed operations (p->op_fix_*, allocated by the
** caller with op_fix_soft; frozen ones already set stay). 0, or -1 out of memory. */
int ordo_replan_keep(struct ordo_plan *p, const base_view *B, const int32_t *match);

#endif /* ORDO_REPLAN_BASE_H */
