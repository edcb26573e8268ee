/*
** supply.c -- the dates of a planned order's supply (see supply.h).
*/
#include "supply.h"

#include "calendar.h"

int32_t ordo_sup_release(const ordo_model *m, int32_t i, int32_t sup, int32_t due)
{
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    if (sup < 0) return ordo_cal_offset_back(cal, due, m->item_lead[i] + m->item_insp[i]);
    int32_t arrive = ordo_cal_offset_back(cal, due, m->item_insp[i]);
    return ordo_cal_offset_back(ordo_model_cal(m, m->sup_cal[sup]), arrive, m->sup_lead[sup]);
}

int32_t ordo_sup_ready(const ordo_model *m, int32_t i, int32_t sup, int32_t start)
{
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    if (sup < 0) return ordo_cal_offset_fwd(cal, start, m->item_lead[i] + m->item_insp[i]);
    int32_t arrive = ordo_cal_offset_fwd(ordo_model_cal(m, m->sup_cal[sup]), start, m->sup_lead[sup]);
    return ordo_cal_offset_fwd(cal, arrive, m->item_insp[i]);
}

const char *ordo_sup_name(const ordo_model *m, int32_t sup)
{
    return sup >= 0 ? ordo_str(&m->names, m->sup_name[sup]) : NULL;
}
