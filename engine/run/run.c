/*
** run.c -- the planning run: calls the stages after validation in the order data flows,
** MRP, constructive schedule (sched.h) and local search (improve.h), exact mode (exact.h), then the
** customer orders' results (plan.h), and times them.
*/
#include "check.h"
#include "exact.h"
#include "improve.h"
#include "mrp.h"
#include "ncmemo.h"
#include "plan.h"
#include "run.h"
#include "sched.h"

#include <stdio.h>
#include <stdlib.h>

static int cost_less3(const double a[3], const double b[3])
{
    for (int k = 0; k < 3; k++) {
        if (a[k] < b[k] - 1e-9) return 1;
        if (a[k] > b[k] + 1e-9) return 0;
    }
    return 0;
}

/* The local search; with a time limit, half of it each where it runs from two starts. */
static ordo_rc search(struct ordo_plan *p, const ordo_plan_opts *opts)
{
    double limit = opts->exact ? 0 : opts->time_limit;
    if (limit > 0 && p->sched_plain) limit /= 2;
    return ordo_improve_plan(p, limit, opts->threads, opts->seed, opts->islands, opts->over_ranks);
}

/* The constructive schedule chose overtime (p->sched_plain: its best pass without it): the
** search from that pass too, and the better of the two plans kept by the objective, the
** overtime minutes last -- the search from a better start does not always end better. */
static ordo_rc search_plain_too(struct ordo_plan *p, const ordo_plan_opts *opts)
{
    ordo_sched_copy *plain = p->sched_plain, *first = ordo_sched_copy_take(p);
    uint8_t *ot = p->op_ot;
    double c1[3], c2[3];
    ordo_rc rc = first ? ORDO_OK : ORDO_ENOMEM;
    if (rc == ORDO_OK) {
        ordo_sched_cost(p, c1);
        p->op_ot = NULL;
        ordo_sched_copy_put(p, plain);
        ordo_sched_results(p);
        rc = search(p, opts);
    }
    p->sched_plain = NULL;
    if (rc == ORDO_OK) {
        ordo_sched_cost(p, c2);
        if (cost_less3(c2, c1)) {
            free(ot);
        } else {
            ordo_sched_copy_put(p, first);
            free(p->op_ot);
            p->op_ot = ot;
            ordo_sched_results(p);
        }
    } else if (p->op_ot != ot) {
        free(p->op_ot), p->op_ot = ot;
    }
    ordo_sched_copy_free(plain);
    ordo_sched_copy_free(first);
    return rc;
}

/* The finite schedule: constructive passes (multi-start where a pass is cheap), the local
** search and overtime, then the load table. */
static ordo_rc schedule(struct ordo_plan *p, const ordo_plan_opts *opts)
{
    ordo_rc rc = ordo_sched_construct(p, opts->mrp_only, ordo_sched_starts(p), opts->seed, opts->threads);
    /* fixed operations (started, frozen) stay: the search goes around them */
    if (rc == ORDO_OK && !opts->mrp_only && p->nop > 0) rc = search(p, opts);
    if (rc == ORDO_OK && p->sched_plain && !opts->mrp_only && p->nop > 0) rc = search_plain_too(p, opts);
    ordo_sched_copy_free(p->sched_plain);
    p->sched_plain = NULL;
    if (rc == ORDO_OK && ordo_sched_load_table(p)) rc = ORDO_ENOMEM;
    return rc;
}

ordo_rc ordo_plan_run(const ordo_model *m, const ordo_plan_opts *opts, ordo_plan **pPlan)
{
    return ordo_run_stages(m, opts, NULL, NULL, pPlan);
}

ordo_rc ordo_run_stages(const ordo_model *m, const ordo_plan_opts *opts, int (*after_mrp)(struct ordo_plan *, void *),
                        void *ud, ordo_plan **pPlan)
{
    return ordo_run_stages_memo(m, opts, NULL, after_mrp, ud, pPlan);
}

ordo_rc ordo_run_stages_memo(const ordo_model *m, const ordo_plan_opts *opts, const ordo_ncmemo *memo,
                             int (*after_mrp)(struct ordo_plan *, void *), void *ud, ordo_plan **pPlan)
{
    if (!pPlan) return ORDO_EMISUSE;
    *pPlan = NULL;
    if (!m || ordo_error_count(m) || ordo_error_dropped(m)) return ORDO_EMISUSE;
    ordo_plan_opts dflt;
    if (!opts) {
        ordo_plan_opts_init(&dflt);
        opts = &dflt;
    }
    struct ordo_plan *p = calloc(1, sizeof *p);
    if (!p) return ORDO_ENOMEM;
    p->model = m;
    p->mrp_only = opts->mrp_only != 0;
    p->peg_mode = opts->pegging == ORDO_PEGGING_DIRECT || opts->pegging == ORDO_PEGGING_NONE ? opts->pegging : ORDO_PEGGING_FULL;
    p->progress = opts->progress;
    p->progress_ud = opts->progress_ud;
    double t0 = ordo_now();
    ordo_ncmemo *base = NULL;
    if (!memo && opts->mrp_base) { /* net-change: a memo that cannot be used only costs a full MRP */
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", opts->mrp_base, ORDO_NCMEMO_FILE);
        int got = ordo_ncmemo_read(path, &base, p->nc_why, sizeof p->nc_why);
        if (got == 0) snprintf(p->nc_why, sizeof p->nc_why, "no %s in the base folder (ordo plan -o writes it)", ORDO_NCMEMO_FILE);
    }
    ordo_rc rc = ordo_mrp_run_nc(m, p, opts->threads, memo ? memo : base, opts->mrp_keep);
    ordo_ncmemo_free(base);
    double t1 = ordo_now();
    p->seconds_mrp = t1 - t0;
    if (rc == ORDO_OK && after_mrp && after_mrp(p, ud)) rc = ORDO_ENOMEM;
    if (rc == ORDO_OK) {
        rc = schedule(p, opts);
        if (rc == ORDO_OK && opts->exact && !opts->mrp_only && ordo_sched_has_pins(p))
            snprintf(p->exact_why, sizeof p->exact_why, "the plan has fixed operations (started or frozen)");
        else if (rc == ORDO_OK && opts->exact && !opts->mrp_only) {
            int x = ordo_exact(p, opts->time_limit, p->exact_why, sizeof p->exact_why);
            if (x == -1) rc = ORDO_ENOMEM;
            if (x == -2) rc = ORDO_ESOLVER;
        }
    }
    p->seconds_schedule = ordo_now() - t1;
    if (rc == ORDO_OK && ordo_plan_finish_orders(p)) rc = ORDO_ENOMEM;
    if (rc != ORDO_OK) {
        ordo_plan_close(p);
        return rc;
    }
    *pPlan = p;
    return ORDO_OK;
}

int ordo_plan_check(const ordo_plan *p, char *msg, size_t nmsg)
{
    if (!p) return -1;
    return ordo_sched_check(p, msg, nmsg);
}
