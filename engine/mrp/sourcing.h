/*
** sourcing.h -- which supplier gets a planned purchase (or subcontract) order, and how
** an order is split over suppliers by share (README "Suppliers").
**
** Choice (no supplier of the item has a share): the suppliers in choice order (priority,
** lower first, then list position); the first whose release for the due day is not before
** the horizon start takes the order (it delivers in time); when none can, the one that
** delivers first when released at the horizon start (ties: choice order). Its min and
** multiple then apply to the lot.
** Shares (some supplier has share > 0): the lot is split over the suppliers with a share in
** proportion of their shares; each part is raised to its supplier's min and rounded up to
** its multiple, and becomes an order of its own with that supplier's lead time.
*/
#ifndef ORDO_SOURCING_H
#define ORDO_SOURCING_H

#include "plan.h"
#include "bounds.h"

/* One order of a lot: its supplier, good units, release (moved to the horizon start when
** earlier) and whether it was moved. */
typedef struct ordo_sup_part {
    int32_t sup, release;
    uint8_t moved;
    double good;
} ordo_sup_part;

/* The orders that cover a lot of g good units of item i (which has suppliers) due on day
** due, into out (room for ORDO_MAX_SUPPLIERS); returns how many. */
int32_t ordo_mrp_supply_parts(const ordo_model *m, int32_t i, int32_t due, double g, ordo_sup_part *out);

/* Good units g after supplier s's min and multiple. */
double ordo_mrp_supplier_qty(const ordo_model *m, int32_t s, double g);

/* The supplier of item i that takes an order due on day due under the choice rule above;
** asap: the one that delivers first when released at the horizon start (quotes). -1 when
** the item has no suppliers. */
int32_t ordo_mrp_choose_supplier(const ordo_model *m, int32_t i, int32_t due, int asap);

#endif /* ORDO_SOURCING_H */
