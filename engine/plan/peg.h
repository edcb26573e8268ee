/*
** peg.h -- full pegging derived from the MRP's direct links (plan.h).
**
** The MRP keeps, per planned order, the needs its good units serve (a parent planned order,
** a customer order, safety stock, a backlog) in allocation order. Full pegging to customer
** orders (SPEC section 3) follows from them: a planned order's pegging is, link by link in
** allocation order, the customer order or safety stock it serves, or its parent's full
** pegging scaled by qty / parent's good quantity; the parts are summed per customer order in
** that order and listed by order index. These are exactly the values of storing every
** planned order's pegging while netting, which the MRP no longer does: the pegs of a common
** part's lots grow with (lots x customer orders per lot) on every level, the links with the
** plan.
**
** A pegger derives one planned order at a time. Asked in increasing order (as the writers
** do), it keeps a planned order's pegging only until its last child has been derived, so
** memory follows the live frontier of the BOM rather than the whole plan; asked in any
** other order it derives the parents it misses again, with the same values.
*/
#ifndef ORDO_PEG_H
#define ORDO_PEG_H

#include "plan.h"

typedef struct ordo_pegger ordo_pegger;

/* A pegger over plan p (which must not change while it is used); NULL out of memory. */
ordo_pegger *ordo_pegger_new(const struct ordo_plan *p);
void ordo_pegger_free(ordo_pegger *g);

/* Full pegging of planned order q: *n entries, customer order index (or ORDO_PEG_SAFETY) in
** (*ref)[k] ascending, good units in (*qty)[k]. The arrays stay valid until the next call.
** Returns 0, or -1 out of memory. */
int ordo_pegger_get(ordo_pegger *g, int32_t q, const int32_t **ref, const double **qty, int64_t *n);

/* Per planned order, over the customer orders of its full pegging: max (take_max) or min of
** init and val[o], into out[npo]. Sets are followed through the links, so no pegging is
** built. */
void ordo_peg_fold(const struct ordo_plan *p, const double *val, double init, int take_max, double *out);

/* Fill p->po_pegdd, po_pegprio and po_pegurg from the links (replacing earlier ones).
** 0, or -1 out of memory. */
int ordo_peg_summarize(struct ordo_plan *p);

/* Which planned orders link to q as their parent, and the largest such index (-1: none),
** for each q: last[npo]. */
void ordo_peg_last_child(const struct ordo_plan *p, int32_t *last);

#endif /* ORDO_PEG_H */
