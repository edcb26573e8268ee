/*
** rules.h -- the model's time rules (SPEC section 3), used by the schedule, the local search,
** the exact mode, the checker, quotes and insertions alike: when stock, receipts and made
** parts are available, when a customer order is due, and how long an operation works.
** Instants are minutes since 1970-01-01 00:00.
*/
#ifndef ORDO_RULES_H
#define ORDO_RULES_H

#include "plan.h"

/* When a made part finished at instant t is available: after the item's inspection days,
** counted from the day after completion, at 00:00 (SPEC section 3); t itself without. */
int64_t ordo_after_inspection(const ordo_model *m, int32_t item, int64_t t);

/* Customer order o's due instant: 00:00 of its due day, not before the horizon start
** (lateness is counted from it). */
int64_t ordo_due_time(const ordo_model *m, int32_t o);

/* When on-hand stock (ORDO_SUP_ONHAND) or a receipt (ORDO_SUP_RCPT) is available: the
** horizon start, or 00:00 of the receipt's date (not before the horizon start). */
int64_t ordo_stock_time(const ordo_model *m, int32_t s);

/* Working minutes of a routing operation for a planned order of qty on alternative a. */
int64_t ordo_sched_work(const ordo_model *m, int32_t a, double qty);

#endif /* ORDO_RULES_H */
