/*
** whatif.h -- stage "whatif": scenario sweeps. A scenario is a named list of changes to the
** data set (documented in README.md, "What-if scenarios"); each is applied to a copy of the
** compiled model that shares every array it does not change, and planned in full. The
** answer is one row of figures (KPIs) per scenario. Under MPI the scenarios are spread
** over the ranks and rank 0 gathers the figures (dist.h).
*/
#ifndef ORDO_WHATIF_H
#define ORDO_WHATIF_H

#include "model.h"
#include "plan.h"
#include "dist.h"
#include "util.h"

#include <stdint.h>

/* Kinds of change, in the order of ordo_change_names. */
enum {
    ORDO_CH_SCALE_DEMAND,      /* qty x factor of the matching orders */
    ORDO_CH_SHIFT_DEMAND,      /* due + days of the matching orders */
    ORDO_CH_ADD_ORDER,         /* a new customer order */
    ORDO_CH_CANCEL_ORDER,      /* an order dropped */
    ORDO_CH_RESOURCE_DOWN,     /* a resource does not work on days [from, to] */
    ORDO_CH_RESOURCE_CAPACITY, /* a resource's units and/or efficiency */
    ORDO_CH_OVERTIME,          /* the last shift of each working day extended */
    ORDO_CH_EXTRA_SHIFT,       /* one more shift on each working day */
    ORDO_CH_LEAD_TIME,         /* an item's lead time set or moved */
    ORDO_CH_RECEIPT_LATE,      /* a scheduled receipt moved by days */
    ORDO_CH_NKIND
};

/* One change, its references resolved against the base model. */
typedef struct ordo_change {
    int kind;
    int32_t item, customer;     /* item index, customer sid; -1: any */
    int32_t resource, calendar; /* indices; -1: none (calendar changes name exactly one) */
    int32_t order, receipt;     /* indices */
    int32_t from, to;           /* days, inclusive; ORDO_DAY_MIN / ORDO_DAY_MAX when open */
    int32_t days;               /* shift, lead time (absolute unless relative), delay */
    int relative;               /* lead_time given as add_days */
    int32_t units;              /* resource_capacity; 0: unchanged */
    int32_t minutes;            /* overtime */
    int32_t start, end;         /* extra_shift, minutes of the day */
    double factor;              /* scale_demand */
    double efficiency;          /* resource_capacity; 0: unchanged */
    ordo_new_order add;         /* add_order; id and customer point into the set's strings */
} ordo_change;

typedef struct ordo_scenario {
    const char *name;
    int32_t first, n; /* its changes: [first, first + n) of the set */
} ordo_scenario;

typedef struct ordo_scenario_set {
    ordo_scenario *sc;
    int32_t nsc;
    ordo_change *ch;
    int32_t nch;
    ordo_arena strings; /* names and the new orders' ids */
} ordo_scenario_set;

/* Parse and check a scenarios file ({"scenarios": [{"name", "changes": [...]}]}) against
** the base model. Every error goes to diag located by path ("scenarios[2].changes[0].factor:
** must be > 0"). Returns 0, 1 when errors were found, -1 out of memory. Release the set with
** ordo_scenarios_free (also after a failure). */
int ordo_scenarios_parse(const ordo_model *m, const char *json, size_t len, ordo_scenario_set *set,
                         ordo_diag *diag);
void ordo_scenarios_free(ordo_scenario_set *set);

/* The base model with scenario k's changes applied: its own copies of the arrays the
** changes touch, every other array shared with base (which must outlive it). base_of gets
** a malloc'ed map of the new model's orders to base order indices (-1 for added orders).
** NULL when out of memory ("out of memory" in why) or when the changes together make a
** calendar impossible (the located reason in why). Release with ordo_model_close. */
ordo_model *ordo_scenario_model(const ordo_model *base, const ordo_scenario_set *set, int32_t k,
                                int32_t **base_of /* OUT */, char *why /* OUT */, size_t nwhy);

/* The figures of one plan, all numbers (gathered over ranks as doubles). */
enum {
    ORDO_KPI_ORDERS, ORDO_KPI_ON_TIME, ORDO_KPI_LATE, ORDO_KPI_UNPLANNED, ORDO_KPI_NEWLY_LATE,
    ORDO_KPI_LATENESS, ORDO_KPI_PLANNED, ORDO_KPI_PURCHASE,
    ORDO_KPI_PURCHASE_QTY, ORDO_KPI_MAKESPAN, ORDO_KPI_BOTTLENECK, ORDO_KPI_BOTTLENECK_UTIL,
    ORDO_KPI_DONE, ORDO_NKPI
};

/* Fill kpi[ORDO_NKPI] from plan p; base_status (the base plan's ord_status, by base order)
** and base_of (the plan's orders to base orders, NULL: the same orders) give the orders
** newly late. Returns 0, or -1 out of memory. */
int ordo_whatif_kpis(const struct ordo_plan *p, const uint8_t *base_status, const int32_t *base_of,
                     double *kpi /* OUT */);

#endif /* ORDO_WHATIF_H */
