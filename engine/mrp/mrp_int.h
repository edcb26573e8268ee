/*
** mrp_int.h -- the MRP's working records, shared by the netting (mrp.c) and the net-change
** memo (netchange.c); not part of the stage's interface.
*/
#ifndef ORDO_MRP_INT_H
#define ORDO_MRP_INT_H

#include "alternates.h"
#include "plan.h"
#include "util.h"

#include <stddef.h>
#include <stdint.h>

#define DAY_INF INT32_MAX
#define DAY_NONE INT32_MIN

/* Peg source of a need: >= 0 a planned order (global index), or one of these. */
#define SRC_SAFETY (-1)
#define SRC_NONE (-2) /* backlog: pegs to nothing */
#define SRC_ORDER(o) (-3 - (o))
#define SRC_IS_ORDER(s) ((s) <= -3)
#define SRC_ORDER_IDX(s) (-3 - (s))

/* Supply of an allocation: >= 0 a planned order, else on hand or a receipt. */
#define SUP_ONHAND (-1)
#define SUP_RCPT(r) (-2 - (r))
#define SUP_RCPT_IDX(s) (-2 - (s))

/* NK_ALT_STOCK: an alternative's share of a group need (alternates.h), served by stock and
** receipts only, before the day's dependent needs */
enum { NK_SAFETY, NK_BACKLOG, NK_ORDER, NK_ALT_STOCK, NK_DEPENDENT };

typedef struct need {
    int32_t day;   /* clamped to horizon.start */
    uint8_t kind;  /* NK_*: the order of needs on one day */
    int64_t key;   /* customer order rank or parent planned order index */
    double qty;    /* in units of the item */
    int32_t src;   /* peg source */
} need;

/* Planned order as built by one thread; its index is local until the merge. */
typedef struct po_rec {
    int32_t item, due, release;
    uint8_t moved;
    double qty, good;
    int32_t sup;  /* supplier, -1 none */
    int32_t prod; /* the production order it is, -1 none */
} po_rec;

/* Direct links of planned orders (po: local until the merge) and of stock (sup: on hand or
** a receipt) to the need they serve (its peg source, which is the ORDO_LNK_* encoding). */
typedef struct lnk_rec { int32_t po, need; double qty; } lnk_rec;
typedef struct slnk_rec { int32_t item, sup, need; double qty; } slnk_rec;
typedef struct need_rec { int32_t day, src; double qty, uncovered; } need_rec;
/* An allocation as the dependency lists need it: what the need is for (node: a planned
** order index >= 0, or NODE_ORDER(o) for a customer order) and the supply (local planned
** order until the merge). sup == SUP_SHORT marks a need left partly uncovered. */
typedef struct edge_rec { int32_t node, sup; } edge_rec;
#define NODE_ORDER(o) (-1 - (o))
#define SUP_SHORT INT32_MIN
typedef struct flow_rec { int32_t day, src; double qty; } flow_rec;     /* phantom pass-through */
typedef struct fifo_ent { int32_t sup; double left; } fifo_ent;

/* Thread-local buffers, emptied after each level's merge. */
typedef struct tlocal {
    ordo_vec po, lnk, slnk, need, alloc, flow, exc; /* alloc: edge_rec */
    ordo_vec sort, fifo;      /* scratch */
    ordo_alt alt;             /* a cluster's group needs (alternates.h) */
    int oom;
} tlocal;

/* Where one item's results sit in its thread's buffers. */
typedef struct item_out {
    int32_t tid;
    int32_t po0, npo, need0, nneed, alloc0, nalloc, flow0, nflow, exc0, nexc;
    size_t lnk0, nlnk, slnk0, nslnk;
    /* where they go in the global arrays (set before the merge) */
    int32_t gpo, gneed, galloc, gflow, gexc;
    int64_t glnk, gslnk;
    uint64_t hash;  /* its inputs' hash (netchange.h), 0 none */
    uint8_t kept;   /* its results came from the base memo */
} item_out;

/* The run: model, global results so far, and indexes built once. */
typedef struct mrp {
    const ordo_model *m;
    struct ordo_plan *p;
    /* receipts by item, sorted by (date, id) */
    int32_t *rc_start, *rc_idx, *rc_day;
    /* production orders by item, sorted by (due, id); NULL when there are none */
    int32_t *pr_start, *pr_idx;
    /* customer orders by item; rank of each order in (priority desc, id) */
    int32_t *co_start, *co_idx;
    int64_t *co_rank;
    /* parents of each item: BOM line indices, CSR by component */
    int32_t *par_start, *par_line, *line_parent;
    /* levels: items by low-level code, CSR */
    int32_t *lv_start, *lv_items;
    int32_t *lv_edge0;             /* [nlevels + 1]: dependency edges made by each level */
    int32_t *alt_next, *lv_pos;    /* with groups: next item of the cluster (-1 last); place in lv_items */
    /* global results */
    /* planned orders and links go straight into the plan's arrays, grown level by level */
    size_t po_cap, lnk_cap, slnk_cap;
    int32_t *item_po0, *item_npo;  /* planned orders of an item: a contiguous range */
    ordo_vec need, alloc, flow, exc;        /* alloc: edge_rec, the allocations' dependency edges */
    int32_t *item_need0, *item_nneed, *item_flow0, *item_nflow; /* needs: items with safety stock only */
    int oom;
    int too_big;                   /* more planned orders, needs or edges than int32 indexes */
    struct nc_ctx *nc;             /* net-change (netchange.h); NULL when off */
    int32_t nc_kept;               /* items whose results came from the base memo */
} mrp;

#endif /* ORDO_MRP_INT_H */
