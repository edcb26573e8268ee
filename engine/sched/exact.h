/*
** exact.h -- stage "schedule", exact mode: a small job shop solved to proven optimality
** with GLPK (see exact.c and solvers/disj.h).
*/
#ifndef ORDO_EXACT_H
#define ORDO_EXACT_H

#include "plan.h"

/* Solve p's schedule exactly within time_limit seconds (0: 60) when it is a job shop for the
** makespan; keep the result when it beats the schedule in p. Sets p->exact_status, gap and
** bound; when the schedule does not qualify, leaves ORDO_EXACT_NOT_RUN and says why. Returns
** 0, -1 out of memory, -2 when GLPK failed (reason in why). */
int ordo_exact(struct ordo_plan *p, double time_limit, char *why, size_t nwhy);

#endif /* ORDO_EXACT_H */
