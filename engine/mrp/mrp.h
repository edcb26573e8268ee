/*
** mrp.h -- stage "MRP": gross-to-net planning over the BOM (SPEC section 3).
**
** Items are planned one low level at a time; the items of one level are independent given
** their parents' planned orders, so they are netted in parallel (OpenMP) and their results
** merged in item order: the plan is the same for any thread count.
**
** Per item, in date order (needs on one date: safety stock, backlog, customer orders by
** priority then id, dependent demand by parent planned order):
**   PA'  = on hand + receipts + planned orders - needs,  counting safety stock as a need at
**          horizon.start that is never consumed, so PA' >= 0  <=>  PA >= safety stock.
**   A need that makes PA' < 0 creates planned orders (lot sizing) due on the need's day;
**   release = due - (lead + inspection) working days, moved up to horizon.start.
**   Supplies are allocated to needs first-in-first-out in availability order; that
**   allocation is kept as direct links (plan.h): each supply to the needs it serves, in
**   good units; full pegging to customer orders is derived from them (peg.h).
**   A planned make order's components are needed on its release day (BOM effectivity
**   from <= release < to), quantity = order qty * qty_per * (1 + scrap).
** After netting, one bottom-up pass computes when each planned order can really be
** available (its components' availability, then lead and inspection days), which gives
** customer order completion when there is no finite schedule, and below_safety_stock.
*/
#ifndef ORDO_MRP_H
#define ORDO_MRP_H

#include "plan.h"

/* Run the MRP on m into p (zeroed by the caller; p->model set). threads <= 0: default.
** Returns ORDO_OK, ORDO_ENOMEM, or ORDO_EINPUT when the plan would have more than 2^31 - 3
** planned orders, needs or dependency edges (their indexes are int32; links are int64). */
ordo_rc ordo_mrp_run(const ordo_model *m, struct ordo_plan *p, int threads);

/* The same, net-change (netchange.h): every item whose netting inputs equal those recorded
** in base (a memo of an earlier run, plan/ncmemo.h; NULL: none) gets base's results instead
** of being netted, so the plan is the one ordo_mrp_run makes; p->nc_kept and p->nc_netted
** count the items (nc_kept -1 without a base). keep: this run's memo into p->nc_memo. */
ordo_rc ordo_mrp_run_nc(const ordo_model *m, struct ordo_plan *p, int threads, const struct ordo_ncmemo *base,
                        int keep);

/* Lot sizing of a net requirement of item i in good units (the rule's quantity, then min,
** then multiple): returns how many orders, each of *each good units (poq's window is
** the caller's: net is then the window's requirement). */
double ordo_mrp_lots(const ordo_model *m, int32_t i, double net, double *each /* OUT */);

#endif /* ORDO_MRP_H */
