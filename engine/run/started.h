/*
** started.h -- stage "run": order changes by the book in a re-plan (ordo plan DATA --base
** DIR): a customer order whose production has started may not change.
*/
#ifndef ORDO_STARTED_H
#define ORDO_STARTED_H

#include "model.h"

#include <cjson/cJSON.h>
#include <stddef.h>

/* The customer orders that the base plan (root: its plan.json) pegs to a production order
** that the new data set m has as started, each unchanged in m: still there, with the
** base's quantity and due date. Returns 0, or -1 with one located line per change refused
** in err ("orders[3].qty: ..."). */
int ordo_replan_started_check(const cJSON *root, const ordo_model *m, char *err, size_t nerr);

#endif /* ORDO_STARTED_H */
