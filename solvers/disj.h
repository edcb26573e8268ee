/*
** disj.h -- a disjunctive scheduling MILP solved with GLPK.
**
** Jobs with processing times on machines that run one job at a time, release times,
** precedence with lags, optional deadlines on starts, and an objective that weighs the
** makespan, weighted tardiness and start delay (movement):
**
**   min  a*Cmax + sum_j w_j T_j + sum_j v_j (s_j - r_j)
**   s_j >= r_j,  s_j <= smax_j,  T_j >= s_j + p_j - d_j,  T_j >= 0,  Cmax >= s_j + p_j + q_j
**   s_b >= s_a + p_a + lag           for each precedence (a, b)
**   s_i + p_i <= s_j + M (1 - y_ij),  s_j + p_j <= s_i + M y_ij    for i < j on one machine
**   Cmax >= min_j r_j + sum_j p_j + min_j q_j   for each machine (a valid cut: its load)
**
** Why disjunctive and not time-indexed: the windows it serves (urgent insertion: one
** resource unit, tens of operations over days of working minutes) and the exact mode (small
** job shops) have long horizons in minutes and few jobs per machine; a time-indexed model
** would need a column per job and slot (tens of thousands), the disjunctive one needs a
** binary per pair on a machine (hundreds). Times are in one unit of the caller's choosing
** (working minutes of the unit's calendar for insertion windows), so that a job's length
** does not depend on when it starts. M is the horizon: the latest end of the warm start,
** or the sum of releases and processing times. The warm start (a feasible schedule) is
** handed to GLPK as its first heuristic solution; the machine-load cut lets GLPK prove
** optimality where the load bound is tight.
*/
#ifndef ORDO_DISJ_H
#define ORDO_DISJ_H

#include <stddef.h>
#include <stdint.h>

typedef struct ordo_disj {
    int32_t n;                /* jobs */
    const int64_t *p;         /* [n] processing time >= 0 */
    const int64_t *r;         /* [n] release (earliest start) */
    const int64_t *smax;      /* [n] latest start, or NULL (none) */
    const int64_t *d;         /* [n] due (end), or NULL (no tardiness) */
    const double *w;          /* [n] tardiness weight, or NULL */
    const double *v;          /* [n] weight of start delay s - r, or NULL */
    const int32_t *mach;      /* [n] machine, >= 0 */
    int32_t nprec;
    const int32_t *pa, *pb;   /* [nprec] a before b */
    const int64_t *lag;       /* [nprec] s_b >= s_a + p_a + lag; NULL: 0 */
    double makespan_weight;   /* a: 0 for none */
    const int64_t *init;      /* [n] starts of a feasible schedule, or NULL */
    double time_limit;        /* seconds */
    const int64_t *q;         /* [n] tails: Cmax >= s_j + p_j + q_j; NULL: 0 */
    int64_t node_limit;       /* stop after this many branch-and-bound nodes (0: none): a
                              ** limit that, unlike the time, does not depend on the machine */
} ordo_disj;

typedef struct ordo_disj_result {
    int found;                /* a feasible schedule is in start */
    int optimal;              /* proven optimal */
    double objective, bound, gap; /* gap: relative, as GLPK reports it */
    int64_t *start;           /* [n] caller's array */
} ordo_disj_result;

/* Solve; 0 on success (res->found says whether a schedule was found), -1 when GLPK failed
** or the problem is malformed (reason in err). */
int ordo_disj_solve(const ordo_disj *P, ordo_disj_result *res, char *err, size_t nerr);

#endif /* ORDO_DISJ_H */
