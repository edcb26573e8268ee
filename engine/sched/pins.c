/*
** pins.c -- stage "schedule": operations that keep their resource and times (see sched.h):
** the started operations of started production orders, and in a re-plan the base's
** operations in the frozen zone. The constructive schedule places them before any other
** operation, as blocks the others fit around.
*/
#include "sched.h"

int ordo_sched_pin(const struct ordo_plan *p, int32_t q, int32_t k, int32_t *res, int64_t *s, int64_t *e, int *done)
{
    const ordo_model *m = p->model;
    int32_t pr = p->po_prod ? p->po_prod[q] : -1;
    if (pr >= 0 && m->pr_status[pr] == ORDO_PR_STARTED && k < m->pr_op0[pr + 1] - m->pr_op0[pr]) {
        int32_t x = m->pr_op0[pr] + k;
        *res = m->pop_res[x], *s = m->pop_start[x], *e = m->pop_end[x], *done = m->pop_done[x];
        return 1;
    }
    if (p->op_fix_res && p->po_op0 && p->op_fix_res[p->po_op0[q] + k] >= 0) {
        int32_t o = p->po_op0[q] + k;
        *res = p->op_fix_res[o], *s = p->op_fix_s[o], *e = p->op_fix_e[o], *done = 0;
        return 1;
    }
    return 0;
}

int32_t ordo_sched_npin(const struct ordo_plan *p, int32_t q)
{
    const ordo_model *m = p->model;
    int32_t item = p->po_item[q], nk = m->rout_start[item + 1] - m->rout_start[item], k = 0, res;
    int64_t s, e;
    int done;
    if (!p->op_fix_res && (!p->po_prod || p->po_prod[q] < 0)) return 0;
    while (k < nk && ordo_sched_pin(p, q, k, &res, &s, &e, &done)) k++;
    return k;
}

int ordo_sched_has_pins(const struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    for (int32_t x = 0; x < m->npr; x++)
        if (m->pr_status[x] == ORDO_PR_STARTED && p->po_prod) return 1;
    for (int32_t o = 0; p->op_fix_res && o < p->nop; o++)
        if (p->op_fix_res[o] >= 0) return 1;
    return 0;
}
