/*
** window.h -- stage "insert", the GLPK window (see window.c): the operations an urgent
** insertion pushed are sequenced again on each resource by a disjunctive MILP.
*/
#ifndef ORDO_WINDOW_H
#define ORDO_WINDOW_H

#include "plan.h"

typedef struct ordo_window_stats {
    int32_t windows, ops, optimal; /* windows solved, operations in them, proven optimal */
    double gap;                    /* the largest MIP gap left */
} ordo_window_stats;

/* p: the plan after an insertion of new operations [before->nop, p->nop) into `before`
** (operations [0, before->nop) are before's, in the same order), by the right-shift or by
** a re-dispatch; the operations that start later than in before are the pushed ones. For each
** single-unit resource the new operations use, sequence its window with GLPK and write
** the sequence into p as the order of the operations' starts; the caller re-times the plan
** (ordo_improve_retime) and keeps it only when it is better. max_slip_days < 0: no limit.
** Returns 0, or -1 out of memory. */
int ordo_window_sequence(struct ordo_plan *p, const struct ordo_plan *before, double max_slip_days, double time_limit,
                         ordo_window_stats *st);

#endif /* ORDO_WINDOW_H */
