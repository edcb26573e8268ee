/*
** plan.c -- the public plan handle: its arrays, the customer orders' results and the
** summary. The stages that fill it are called by the driver (run.c).
*/
#include "plan.h"

#include "ncmemo.h"

#include <stdlib.h>
#include <string.h>

const char *ordo_exc_name(int kind)
{
    static const char *const names[ORDO_EXC_NKIND] = {"release_past_due", "shortage", "cancel",
                                                "expedite", "late_order", "below_safety_stock",
                                                "inside_fence", "reschedule_out", "increase", "decrease",
                                                "release_now"};
    return kind >= 0 && kind < ORDO_EXC_NKIND ? names[kind] : "unknown";
}

void ordo_plan_opts_init(ordo_plan_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->seed = 1;
}

void ordo_sched_copy_free(ordo_sched_copy *k)
{
    if (!k) return;
    free(k->res), free(k->st), free(k->en), free(k->av);
    free(k);
}

void ordo_plan_free_arrays(struct ordo_plan *p)
{
    free(p->po_item);
    free(p->op_hint);
    free(p->op_floor);
    free(p->op_pref);
    free(p->op_fix_res);
    free(p->op_fix_s);
    free(p->op_fix_e);
    free(p->op_fix_ot);
    free(p->op_fix_soft);
    free(p->changes_json);
    ordo_ncmemo_free(p->nc_memo);
    p->nc_memo = NULL;
    free(p->po_qty);
    free(p->po_good);
    free(p->po_due);
    free(p->po_release);
    free(p->po_avail);
    free(p->po_moved);
    free(p->po_sup);
    free(p->po_prod);
    free(p->lnk_start);
    free(p->lnk_need);
    free(p->lnk_qty);
    free(p->slnk_item);
    free(p->slnk_sup);
    free(p->slnk_need);
    free(p->slnk_qty);
    free(p->po_pegdd);
    free(p->po_pegprio);
    free(p->po_pegurg);
    free(p->ord_completion);
    free(p->ord_lateness);
    free(p->ord_status);
    free(p->exc);
    free(p->edge);
    free(p->dep_start);
    free(p->dep_sup);
    free(p->dep_short);
    free(p->op_po);
    free(p->op_k);
    free(p->op_res);
    free(p->op_start);
    free(p->op_end);
    free(p->op_ot);
    ordo_sched_copy_free(p->sched_plain);
    p->sched_plain = NULL;
    free(p->po_op0);
    free(p->po_avail_t);
    free(p->load_res);
    free(p->load_day);
    free(p->load_avail);
    free(p->load_used);
    free(p->dist_order);
    free(p->ins_method);
    free(p->ins_gap);
    free(p->ins_limited);
    free(p->ins_ot);
    free(p->dist_old);
    free(p->dist_new);
}

void ordo_plan_close(ordo_plan *p)
{
    if (!p) return;
    ordo_plan_free_arrays(p);
    free(p);
}

int ordo_plan_finish_orders(struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    int32_t kept = 0; /* late_order exceptions from an earlier call are replaced */
    for (int32_t e = 0; e < p->nexc; e++)
        if (p->exc[e].kind != ORDO_EXC_LATE_ORDER) p->exc[kept++] = p->exc[e];
    p->nexc = kept;
    int32_t late = 0;
    double total = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        if (p->ord_status[o] != ORDO_ST_LATE) continue;
        late++;
        total += p->ord_lateness[o];
    }
    if (late) {
        ordo_exception *e = realloc(p->exc, ((size_t)p->nexc + (size_t)late) * sizeof *e);
        if (!e) return -1;
        p->exc = e;
        for (int32_t o = 0; o < m->nord; o++) {
            if (p->ord_status[o] != ORDO_ST_LATE) continue;
            int32_t cday = (int32_t)(p->ord_completion[o] / 1440);
            e[p->nexc++] = (ordo_exception){ORDO_EXC_LATE_ORDER, ORDO_REF_ORDER, m->or_item[o], o,
                                            m->or_due[o], cday, p->ord_lateness[o]};
        }
    }
    p->late_orders = late;
    p->total_lateness = total;
    return 0;
}

ordo_rc ordo_plan_get_summary(const ordo_plan *p, ordo_plan_summary *s)
{
    if (!p || !s) return ORDO_EMISUSE;
    memset(s, 0, sizeof *s);
    const ordo_model *m = p->model;
    s->orders = m->nord;
    s->late_orders = p->late_orders;
    for (int32_t o = 0; o < m->nord; o++) s->unplanned_orders += p->ord_status[o] == ORDO_ST_UNPLANNED;
    s->planned_orders = p->npo;
    for (int32_t q = 0; q < p->npo; q++) s->purchase_orders += m->item_src[p->po_item[q]] == ORDO_SRC_BUY;
    s->exceptions = p->nexc;
    s->pegs = p->nlnk;
    for (int32_t k = 0; k < p->nop; k++) s->operations += p->op_start[k] != INT64_MAX;
    s->total_lateness_days = p->total_lateness;
    s->makespan_minutes = p->makespan_minutes;
    s->seconds_mrp = p->seconds_mrp;
    s->seconds_schedule = p->seconds_schedule;
    s->threads = p->threads;
    s->status = s->unplanned_orders ? ORDO_PLAN_UNPLANNED : s->late_orders ? ORDO_PLAN_LATE : ORDO_PLAN_ON_TIME;
    s->exact = p->exact_status;
    s->exact_gap = p->exact_gap;
    s->exact_bound = p->exact_bound;
    s->exact_why = p->exact_why;
    return ORDO_OK;
}
