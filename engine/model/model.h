/*
** model.h -- the compiled model: the data set as flat arrays indexed by dense integers.
**
** Built by validation (validate.c) from the raw tables; read by every later stage. All
** arrays live in the model's arena and are freed with it. Names stay in the string pool
** and are used only for messages and output.
**
** Units and conventions (SPEC sections 2-3):
**   days      int32 day numbers (days since 1970-01-01); a need on day d is due 00:00 of d
**   instants  int64 minutes since 1970-01-01T00:00 (see dates.h)
**   lead_time_days, inspection_days, design_days: whole working days of the item's calendar
**   quantities double, in the item's unit; scrap and yield are fractions
**   calendar index -1 means "every day, around the clock" (ordo_cal_always)
*/
#ifndef ORDO_MODEL_H
#define ORDO_MODEL_H

#include "calendar.h"
#include "util.h"
#include "ordo.h"

#include <stdint.h>

enum { ORDO_SRC_MAKE, ORDO_SRC_BUY, ORDO_SRC_PHANTOM };
enum { ORDO_LOT_LFL, ORDO_LOT_FOQ, ORDO_LOT_POQ, ORDO_LOT_WW, ORDO_LOT_SM };
enum { ORDO_RC_PURCHASE, ORDO_RC_PRODUCTION, ORDO_RC_TRANSFER };
/* Status of a production order already in the shop (living.c). */
enum { ORDO_PR_FIRM, ORDO_PR_RELEASED, ORDO_PR_STARTED };
/* Objectives (SPEC section 7). service, the default: fewest late customer orders, each
** counted with its penalty per day, then least weighted lateness in days; tardiness: the
** weighted lateness alone; makespan: the last operation's end. */
enum { ORDO_OBJ_TARDINESS, ORDO_OBJ_MAKESPAN, ORDO_OBJ_SERVICE };

#define ORDO_DAY_MIN INT32_MIN /* open effectivity start */
#define ORDO_DAY_MAX INT32_MAX /* open effectivity end */

struct ordo_model {
    ordo_arena arena;    /* every array below */
    ordo_strpool names;  /* ids and other strings; *_name arrays hold sids */
    ordo_diag diag;      /* located validation errors */
    char errmsg[512];    /* last error */

    int32_t h_start, h_end; /* planning horizon, days, start <= end */
    int objective;          /* ORDO_OBJ_* */

    /* calendars [ncal] */
    int32_t ncal;
    ordo_cal *cal;
    int32_t *cal_name;

    /* resources [nres] */
    int32_t nres;
    int32_t *res_name;
    int32_t *res_cal;   /* calendar index or -1 */
    int32_t *res_units; /* operations at a time, >= 1 */
    double *res_eff;    /* > 0; duration = work / efficiency */

    /* items [nitem] */
    int32_t nitem;
    int32_t *item_name;
    uint8_t *item_src;       /* ORDO_SRC_* */
    int32_t *item_lead;      /* working days, >= 0 */
    int32_t *item_insp;      /* working days, >= 0 */
    int32_t *item_cal;       /* calendar index or -1 */
    double *item_on_hand;    /* may be negative (backlog) */
    double *item_safety;     /* >= 0 */
    double *item_yield;      /* (0, 1] */
    uint8_t *lot_rule;       /* ORDO_LOT_* */
    double *lot_qty;         /* foq: > 0 */
    int32_t *lot_periods;    /* poq: >= 1 working days */
    double *lot_min, *lot_mult; /* >= 0; 0 means none */
    double *lot_setup, *lot_hold; /* ww, sm: cost per planned order; per good unit and calendar day held */
    int32_t *item_llc;       /* low-level code: 0 for end items, > every parent's */
    uint8_t *item_subcon;    /* source "subcontract": planned as make (components at release,
                             ** lead time), made outside: no routing, no internal capacity */
    int32_t nsubcon;         /* how many items are subcontracted */
    /* suppliers (items[].suppliers, supply.h), CSR by item in choice order (priority, then
    ** list position): item i's are [sup_start[i], sup_start[i + 1]); nsup 0 when none */
    int32_t nsup;
    int32_t *sup_start;      /* [nitem + 1] */
    int32_t *sup_name;       /* sid */
    int32_t *sup_lead;       /* working days of sup_cal, >= 0 */
    int32_t *sup_cal;        /* calendar index or -1 */
    double *sup_min, *sup_mult; /* >= 0, on each order's good units; 0 none */
    double *sup_share;       /* [0, 1]; the item splits its orders by share when one is > 0 */
    int32_t nlevels;         /* 1 + largest low-level code (0 when no items) */
    /* sites (sites table, items[].site, resources[].site; sites.h): nsite 0 and these NULL
    ** when the data set has no sites table */
    int32_t nsite;
    int32_t *site_name;      /* sid */
    int32_t *site_cal;       /* calendar index or -1 */
    int32_t *item_site;      /* [nitem] site index */
    int32_t *res_site;       /* [nres] site index */
    /* transfer items (source "transfer"): item_from[i] the item at another site it is moved
    ** from, -1 for other items; NULL when there is none. A transfer item is planned as a
    ** make item without a routing whose one BOM line (added by validation, bom_line -1)
    ** takes 1 of item_from[i] on the release day. */
    int32_t nxfer;
    int32_t *item_from;

    /* BOM as CSR by parent: lines of item i are [bom_start[i], bom_start[i+1]) */
    int32_t nbom;
    int32_t *bom_start;      /* [nitem + 1] */
    int32_t *bom_child;      /* component item */
    double *bom_qty;         /* qty_per > 0 */
    double *bom_scrap;       /* >= 0 */
    int32_t *bom_from, *bom_to; /* used when from <= parent release < to */
    int32_t *bom_line;       /* index of the line in the input, for messages; -1 a transfer's */
    /* alternative components (bom[].group, groups.h); 0 and NULL when no line has a group */
    int32_t ngroup;
    int32_t *bom_group;      /* [nbom] group index, -1 for a plain line */
    int32_t *bom_prio;       /* [nbom] priority in its group, >= 0, lower preferred */
    int32_t *grp_start, *grp_line; /* CSR by group: its lines by (priority, input order) */
    int32_t *item_alt_rep;   /* [nitem] first item of its cluster (items linked by groups, netted
                             ** together, one low-level code); the item itself when in none */

    /* routings: operations of item i are [rout_start[i], rout_start[i+1]), by seq */
    int32_t nop;
    int32_t *rout_start;     /* [nitem + 1] */
    int32_t *op_seq;
    double *op_setup, *op_run; /* minutes, minutes per unit, >= 0 */
    int32_t *op_alt_start;   /* [nop + 1]: alternatives of op k */
    int32_t nalt;
    int32_t *alt_res;        /* resource index */
    double *alt_setup, *alt_run; /* the operation's times unless overridden */

    /* receipts [nrcpt], input order */
    int32_t nrcpt;
    int32_t *rc_name, *rc_item, *rc_date;
    uint8_t *rc_kind;        /* ORDO_RC_* */
    double *rc_qty;          /* > 0 */

    /* customer orders [nord], input order */
    int32_t nord;
    int32_t *or_name, *or_item, *or_due, *or_design, *or_cust; /* or_cust: sid or -1 */
    double *or_qty, *or_prio, *or_penalty;
    uint8_t *or_urgent;

    /* The living plan (living.c): production orders already in the shop [npr], input order;
    ** their started operations, CSR by production order: [pr_op0[p], pr_op0[p + 1]) are the
    ** first operations of its item's routing, in routing order, on resource pop_res over
    ** [pop_start, pop_end) (instants); a done one takes no capacity. */
    int32_t npr;
    int32_t *pr_name, *pr_item, *pr_due;
    uint8_t *pr_status;      /* ORDO_PR_* */
    double *pr_qty;          /* > 0 */
    int32_t *pr_op0;         /* [npr + 1] */
    int32_t *pop_res;
    int64_t *pop_start, *pop_end;
    uint8_t *pop_done;
    int32_t *item_fence;     /* [nitem] planning_fence_days: working days from horizon.start, 0 none */
    int64_t frozen_until;    /* horizon.frozen_until, instant; INT64_MIN none */
    int actions;             /* "actions" given: reschedule_out, increase and decrease messages on */
    double act_days, act_pct;/* their tolerances: days, percent of a receipt's quantity */

    size_t input_bytes;
    double t_parse, t_validate; /* seconds */
    int load_threads;           /* ordo_open_opts.threads */
};

/* A new customer order for ordo_model_with_orders. */
typedef struct ordo_new_order {
    const char *id, *customer; /* customer may be NULL */
    int32_t item, due, design_days;
    double qty, priority, penalty;
    int urgent;
} ordo_new_order;

/* A model equal to base with orders appended after its own (indices base->nord...): its
** own names and order arrays, every other array shared with base, which must outlive it.
** Release with ordo_model_close. NULL when out of memory. */
ordo_model *ordo_model_with_orders(const ordo_model *base, const ordo_new_order *o, int32_t n);

/* The calendar of an item or resource (never NULL). */
static inline const ordo_cal *ordo_model_cal(const ordo_model *m, int32_t c)
{
    return c < 0 ? &ordo_cal_always : &m->cal[c];
}

/* Item i's planning time fence: the first working day (of the item's calendar) after its
** planning_fence_days working days from horizon.start; no planned order of it is due, nor
** starts, before that day. INT32_MIN when the item has no fence. */
static inline int32_t ordo_model_fence_day(const ordo_model *m, int32_t i)
{
    if (!m->item_fence || m->item_fence[i] <= 0) return INT32_MIN;
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    return ordo_cal_next_workday(cal, ordo_cal_offset_fwd(cal, m->h_start, m->item_fence[i]));
}

#endif /* ORDO_MODEL_H */
