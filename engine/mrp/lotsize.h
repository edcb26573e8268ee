/*
** lotsize.h -- stage "MRP": cost-based lot sizing over an item's net requirements per day.
**
** The net requirements are what the item lacks day by day before any planned order: with
** C(t) = max over s <= t of (needs up to s - stock and receipts up to s, 0), the requirement
** of day t is C(t) - C(t - 1). A plan orders on some of those days; each order covers the
** requirements from its day up to the day before the next order, whole (one day's
** requirement is never split over two orders). Its cost is S per order plus h per unit and
** calendar day between the order's due day and the day of each requirement it covers.
**
** ww  Wagner and Whitin's dynamic programme: the least-cost plan, O(n^2) in the n days
**     with a requirement, pruned by the planning-horizon property (a day's requirement is
**     never carried from an order so early that holding it alone costs more than S).
** sm  Silver and Meal's heuristic: from an order day, cover the following days as long as
**     the cost per calendar day covered keeps falling. O(n).
**
** min and multiple are applied by the MRP afterwards, to each order's quantity: the excess
** they make covers later requirements first, so a later order of the plan may shrink or go.
*/
#ifndef ORDO_LOTSIZE_H
#define ORDO_LOTSIZE_H

#include <stdint.h>

/* The least-cost order days for n requirement days day[0..n) (increasing) of quantities
** nr[k] > 0: order[k] = 1 where an order is placed (order[0] is always 1). f and from are
** scratch of n + 1 elements. Returns the plan's cost. */
double ordo_lot_ww(const int32_t *day, const double *nr, int32_t n, double setup, double hold, double *f,
                   int32_t *from, uint8_t *order);

/* Silver and Meal's order days, as ordo_lot_ww writes them. Returns the plan's cost. */
double ordo_lot_sm(const int32_t *day, const double *nr, int32_t n, double setup, double hold, uint8_t *order);

/* The cost of the plan order[] over the requirements (for tests and comparisons). */
double ordo_lot_cost(const int32_t *day, const double *nr, int32_t n, double setup, double hold,
                     const uint8_t *order);

#endif /* ORDO_LOTSIZE_H */
