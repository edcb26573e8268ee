/*
** promise_base.h -- stage "promise", first half: what a frozen plan leaves free (see
** promise.h): free stock per item and the busy intervals of each resource unit, worked out
** on first use and shared by the evaluations of every thread. Internal to the promise stage.
*/
#ifndef ORDO_PROMISE_BASE_H
#define ORDO_PROMISE_BASE_H

#include "dates.h"
#include "promise.h"

#include <math.h>

#define T_NEVER INT64_MAX
#define T_OOM INT64_MIN

/* Free stock of one item: distinct instants and the suffix minimum of E after each. */
typedef struct ordo_pb_prof {
    int32_t n;
    int64_t *t;
    double *sm;
    int32_t *sup; /* a supply available at t[k] (ORDO_SUP_* or a base planned order) */
} ordo_pb_prof;

/* A phantom's pass-through to its components: need day, consumption instant, quantity. */
typedef struct ordo_pb_flow { int32_t day; int64_t t; double qty; } ordo_pb_flow;

/* Busy intervals of one resource unit in the base schedule, sorted and disjoint. */
typedef struct ordo_pb_units {
    int32_t n;
    int64_t *s, *e;
} ordo_pb_units;

struct ordo_promise_base {
    const ordo_model *m;
    const struct ordo_plan *p;
    int64_t h0;                          /* horizon start instant */
    int32_t *po_start, *po_idx;          /* base planned orders by item */
    int32_t *par_start, *par_line;       /* BOM lines by component */
    int32_t *line_par;                   /* parent of each BOM line */
    int32_t *co_start, *co_idx;          /* customer orders by item */
    int32_t *rc_start, *rc_idx;          /* receipts by item, by (date, index) */
    int32_t *rop_start, *rop;            /* base operations by resource */
    int32_t *unit0;                      /* [nres + 1] first unit of each resource */
    uint8_t *prof_ok, *flow_ok, *res_ok;
    ordo_pb_prof *prof;                          /* [nitem] */
    ordo_pb_flow **flows;                        /* [nitem] phantoms only */
    int32_t *nflow;
    ordo_pb_units *units;                        /* [unit0[nres]] */
    double *ctaken;                      /* [nitem] stock taken by committed evaluations */
    ordo_cal *otcal;                     /* [nres] each resource's calendar with its overtime */
    int any_overtime;                    /* some resource may work overtime */
    ordo_vec cops;                       /* ordo_newop: their operations */
};


static inline double ordo_pb_tol(double x) { return 1e-9 * (1.0 + fabs(x)); }
static inline int64_t ordo_pb_day_t(int32_t d) { return (int64_t)d * ORDO_MIN_PER_DAY; }
static inline int32_t ordo_pb_ceil_day(int64_t t) { return (int32_t)ordo_floordiv(t + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY); }

/* Free stock at instant t, and the earliest instant it reaches x (T_NEVER: never; *sup gets
** a base supply available then). */
double ordo_pb_free_at(const ordo_pb_prof *P, int64_t t);
int64_t ordo_pb_free_from(const ordo_pb_prof *P, double x, int32_t *sup);

/* Item i's free stock (r < 0) or resource r's units, worked out on first use under a lock;
** fixed_only: free stock counting only supplies whose time cannot move when base operations
** do (on hand, receipts, purchases). 0, or -1 out of memory. */
int ordo_pb_lazy(ordo_promise_base *B, int fixed_only, int32_t i, int32_t r);

/* The free stock of item i (after ordo_pb_lazy). */
static inline const ordo_pb_prof *ordo_pb_prof_of(const ordo_promise_base *B, int fixed_only, int32_t i)
{
    return &B->prof[(size_t)fixed_only * (size_t)B->m->nitem + (size_t)i];
}

/* Whether new orders of item i get operations (made, with a routing, in a scheduled plan). */
int ordo_pb_routed(const ordo_promise_base *B, int32_t i);

#endif /* ORDO_PROMISE_BASE_H */
