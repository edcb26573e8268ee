/*
** run.h -- stage "run": the planning run (run.c) and the re-plan against a saved plan
** (replan.c), inside the library.
*/
#ifndef ORDO_RUN_H
#define ORDO_RUN_H

#include "plan.h"

/* The stages of ordo_plan_run (MRP, schedule, search, exact mode, order results), with
** after_mrp(plan, ud), when not NULL, called between the MRP and the schedule (a re-plan
** sets the dispatch hints there); it returns 0, or -1 out of memory. */
ordo_rc ordo_run_stages(const ordo_model *m, const ordo_plan_opts *opts, int (*after_mrp)(struct ordo_plan *, void *),
                        void *ud, ordo_plan **pPlan);

/* The same with the net-change memo given (read already; NULL: read from opts->mrp_base). */
struct ordo_ncmemo;
ordo_rc ordo_run_stages_memo(const ordo_model *m, const ordo_plan_opts *opts, const struct ordo_ncmemo *memo,
                             int (*after_mrp)(struct ordo_plan *, void *), void *ud, ordo_plan **pPlan);

#endif /* ORDO_RUN_H */
