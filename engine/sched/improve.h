/*
** improve.h -- stage "schedule", second half: local search on a feasible schedule.
**
** The schedule is seen as a graph: operations (and planned orders made without a routing
** whose inputs come from scheduled orders) are nodes; arcs are routing order, the sequence
** of operations on each resource unit, and material (a component order's availability, with
** its inspection days, before the first operation of the order made from it). Given the
** sequences and the resource choices, one forward pass in topological order times every
** operation as early as its calendar allows (semi-active schedule): O(nodes + arcs).
**
** Tabu search moves (Nowicki and Smutnicki's neighbourhood, generalised): on the critical
** path of the objective -- the path to the last operation for makespan, to a late customer
** order for tardiness -- swap the first two and the last two operations of every block of
** operations linked by a resource arc, and move an operation to another unit or another
** alternative resource. Each neighbour is timed by a full forward pass.
**
** Several chains run from the same start under OpenMP; after each epoch the worst chain
** restarts from the best. Islands multiply the chains (each island with the whole budget);
** under mpirun the chains are spread over the ranks, which exchange the best at each epoch. The search stops on a count of node evaluations,
** so the result depends on the seed only, never on the thread count; a wall-clock limit
** only cuts the search short on a machine too slow to reach the count in time.
*/
#ifndef ORDO_IMPROVE_H
#define ORDO_IMPROVE_H

#include "plan.h"

typedef struct ordo_improve_opts {
    double time_limit;     /* seconds; 0: the default budget; < 0: no search */
    int threads;           /* 0: all */
    uint64_t seed;
    const int64_t *design; /* [npo] earliest start of each planned order from design days */
    const int64_t *release;   /* [nop] earliest start of each operation, or NULL */
    const int32_t *fixed_unit;/* [nop] >= 0: a fixed block on that unit (see ordo_improve_retime), or NULL */
    const int64_t *due;       /* [nord] the instant each customer order turns late, in place of its
                              ** due date (an insertion's commitments), or NULL */
    int chains;               /* search chains; 0: by the graph's size (8 on small graphs) */
    int islands;              /* islands of `chains` chains, each with the whole budget; 0 or 1: one */
    int over_ranks;           /* 1: spread the chains over the MPI ranks (dist.h); every rank must
                              ** then run the same search. The result does not depend on it. */
} ordo_improve_opts;

/* Improve the schedule in p (operations, planned order availability) in place. The result
** is never worse than the input by the plan's objective. Returns 0, or -1 out of memory
** (the plan is then unchanged). */
int ordo_improve(struct ordo_plan *p, const ordo_improve_opts *opts);

/* The search after the constructive schedule (ordo_sched_construct): ordo_improve with the
** planned orders' design days for time_limit seconds (0: the default budget) on threads,
** then overtime where it turns late orders on time (ordo_improve_overtime); the customer
** orders' results follow the new schedule. ORDO_OK or ORDO_ENOMEM. */
ordo_rc ordo_improve_plan(struct ordo_plan *p, double time_limit, int threads, uint64_t seed, int islands,
                          int over_ranks);

/* Re-time the schedule in p by one forward pass that keeps every resource choice and each
** unit's sequence (the order of the operations' starts), with operation o starting no
** earlier than release[o] (NULL: none): the plan's operations and planned orders'
** availability are rewritten. Operations with fixed_unit[o] >= 0 (fixed_unit may be NULL)
** keep their times as blocks on that unit (numbered resource by resource, unit by unit);
** the others go around them. Returns 0, -1 out of memory, -2 when the sequences contradict
** routing or material order (nothing is written then). */
int ordo_improve_retime(struct ordo_plan *p, const int64_t *design, const int64_t *release, const int32_t *fixed_unit);

/* Overtime where it turns late customer orders on time (SPEC section 7: a third criterion
** after lateness): for the late orders nearest to on time first, the operations on the
** order's critical path work their resource's overtime (p->op_ot) when that makes the order
** on time and lowers the objective's first criterion, and only those that are needed. Each
** unit keeps its sequence; the plan is re-timed. Does nothing for makespan or where no
** resource calendar has overtime. Returns 0, or -1 out of memory. */
int ordo_improve_overtime(struct ordo_plan *p, const int64_t *design);

#endif /* ORDO_IMPROVE_H */
