/*
** supply.h -- where a planned order's supply comes from: the item's own lead time, or one of
** its suppliers (items[].suppliers), and the dates that follow. Used by the MRP (which
** chooses the supplier), the schedule, the checker, quotes and the writers alike.
**
** A supplier s of item i has its own lead time in working days of its own calendar (by
** default the item's lead time and calendar); inspection stays the item's, in the item's
** calendar. An order due on day d is released on
**     back(supplier calendar, back(item calendar, d, inspection), supplier lead)
** and one released (or able to start) on day r is available on
**     fwd(item calendar, fwd(supplier calendar, r, supplier lead), inspection).
** Without a supplier (sup < 0) both are the item's lead + inspection in its calendar, as
** SPEC section 3 says; a supplier with the item's lead time and calendar gives the same days.
*/
#ifndef ORDO_SUPPLY_H
#define ORDO_SUPPLY_H

#include "plan.h"

/* Supplier sup of item i (an index into the model's sup_* arrays, or -1): the release of an
** order due on day due (not moved to the horizon start). */
int32_t ordo_sup_release(const ordo_model *m, int32_t i, int32_t sup, int32_t due);

/* The day an order of item i from supplier sup (or -1) that starts on day start is
** available (00:00): lead time, then inspection. */
int32_t ordo_sup_ready(const ordo_model *m, int32_t i, int32_t sup, int32_t start);

/* The supplier of planned order q, -1 for none (the item's own lead time). */
static inline int32_t ordo_po_sup(const struct ordo_plan *p, int32_t q)
{
    return p->po_sup ? p->po_sup[q] : -1;
}

/* The supplier's name for the writers, NULL for none. */
const char *ordo_sup_name(const ordo_model *m, int32_t sup);

#endif /* ORDO_SUPPLY_H */
