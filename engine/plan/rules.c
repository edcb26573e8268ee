/*
** rules.c -- the model's time rules, shared by every stage after the MRP (see rules.h).
*/
#include "rules.h"

#include "bounds.h"
#include "calendar.h"
#include "dates.h"

#include <math.h>

int64_t ordo_sched_work(const ordo_model *m, int32_t a, double qty)
{
    double w = (m->alt_setup[a] + qty * m->alt_run[a]) / m->res_eff[m->alt_res[a]];
    double c = ceil(w - 1e-9);
    if (!(c <= ORDO_MAX_WORK)) c = ORDO_MAX_WORK; /* bounds.h: never an integer overflow */
    return c > 0 ? (int64_t)c : 0;
}

int64_t ordo_stock_time(const ordo_model *m, int32_t s)
{
    if (s == ORDO_SUP_ONHAND) return (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    int32_t d = m->rc_date[ORDO_SUP_RCPT_IDX(s)];
    return (int64_t)(d < m->h_start ? m->h_start : d) * ORDO_MIN_PER_DAY;
}

int64_t ordo_due_time(const ordo_model *m, int32_t o)
{
    return (int64_t)(m->or_due[o] < m->h_start ? m->h_start : m->or_due[o]) * ORDO_MIN_PER_DAY;
}

int64_t ordo_after_inspection(const ordo_model *m, int32_t item, int64_t t)
{
    int32_t k = m->item_insp[item];
    if (k <= 0 || t == INT64_MAX) return t;
    int32_t day = (int32_t)ordo_floordiv(t, ORDO_MIN_PER_DAY);
    return (int64_t)ordo_cal_offset_fwd(ordo_model_cal(m, m->item_cal[item]), day + 1, k) * ORDO_MIN_PER_DAY;
}
