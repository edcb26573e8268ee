/*
** why.c -- stage "schedule": why each late customer order is late (sched.h, ordo_sched_why):
** material, capacity, design days or the planning fence, from the finished schedule.
*/
#include "sched.h"

#include "supply.h"
#include "dates.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define T_NEVER INT64_MAX

/* ---- why late ---------------------------------------------------------------------------------- */

/* An operation in the index by resource and end. */
typedef struct end_key {
    int32_t res;
    int64_t end;
    int32_t o;
} end_key;

static int cmp_end(const void *x, const void *y)
{
    const end_key *a = x, *b = y;
    if (a->res != b->res) return a->res < b->res ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->o < b->o ? -1 : a->o > b->o;
}

/* The operation on resource r that ended last at or before t (other than o), -1 none. */
static int32_t ran_before(const end_key *k, int32_t n, int32_t r, int64_t t, int32_t o)
{
    int32_t lo = 0, hi = n;
    while (lo < hi) { /* first key after (r, t) */
        int32_t mid = lo + (hi - lo) / 2;
        if (k[mid].res < r || (k[mid].res == r && k[mid].end <= t))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int32_t i = lo - 1; i >= 0 && k[i].res == r; i--)
        if (k[i].o != o) return k[i].o;
    return -1;
}

/* The supply of node v (planned order, or npo + customer order) available last. */
static int32_t latest_supply(const struct ordo_plan *p, int32_t v, int64_t *when)
{
    int32_t best = ORDO_SUP_SHORT;
    *when = INT64_MIN;
    for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1]; j++) {
        int32_t s = p->dep_sup[j];
        int64_t a = s >= 0 ? p->po_avail_t[s] : ordo_stock_time(p->model, s);
        if (a > *when) *when = a, best = s;
    }
    return best;
}

/* Walk back from planned order q (late order's binding supply) to the first cause. */
static void why_walk(const struct ordo_plan *p, const end_key *k, int32_t nk, int32_t q, ordo_why *w)
{
    const ordo_model *m = p->model;
    for (int steps = 0; q >= 0 && steps < 64; steps++) {
        if (w->npath < ORDO_WHY_PATH) w->path[w->npath++] = q;
        int32_t item = p->po_item[q];
        int64_t mat;
        int32_t s = latest_supply(p, q, &mat);
        int64_t design = ordo_sched_design(p, q);
        int32_t o0 = p->po_op0[q], o1 = p->po_op0[q + 1];
        for (int32_t o = o1 - 1; o >= o0 && p->op_start[o] != T_NEVER; o--) {
            int64_t ready = o > o0 ? p->op_end[o - 1] : (mat > design ? mat : design);
            ordo_cal tmp;
            const ordo_cal *cal = ordo_sched_op_cal(p, o, &tmp);
            if (ordo_cal_next_work_minute(cal, ready) < p->op_start[o]) { /* it waited for its resource */
                int32_t x = ran_before(k, nk, p->op_res[o], p->op_start[o], o);
                w->kind = ORDO_WHY_CAPACITY, w->res = p->op_res[o], w->before = x >= 0 ? p->op_po[x] : -1;
                return;
            }
        }
        int64_t rel = (int64_t)p->po_release[q] * ORDO_MIN_PER_DAY;
        if (m->item_src[item] != ORDO_SRC_MAKE || p->dep_short[q] || (o1 == o0 && mat < rel && design < rel)) {
            /* its own lead time (or a need nothing covers), or the planning fence its due date
            ** was moved to */
            int fenced = !p->dep_short[q] && p->po_due[q] == ordo_model_fence_day(m, item) &&
                         !(p->po_prod && p->po_prod[q] >= 0);
            w->kind = fenced ? ORDO_WHY_FENCE : ORDO_WHY_MATERIAL, w->item = item, w->supply = q;
            return;
        }
        if (design >= mat) {
            int32_t fence = ordo_model_fence_day(m, item);
            int64_t dd = (int64_t)ordo_cal_offset_fwd(ordo_model_cal(m, m->item_cal[item]), m->h_start, p->po_pegdd[q]) *
                         ORDO_MIN_PER_DAY;
            int fenced = fence != INT32_MIN && (int64_t)fence * ORDO_MIN_PER_DAY == design && dd < design;
            w->kind = fenced ? ORDO_WHY_FENCE : ORDO_WHY_DESIGN, w->item = item, w->supply = q;
            return;
        }
        if (s < 0) { /* stock or a receipt */
            w->kind = ORDO_WHY_MATERIAL, w->supply = s;
            w->item = s == ORDO_SUP_ONHAND ? item : m->rc_item[ORDO_SUP_RCPT_IDX(s)];
            return;
        }
        q = s;
    }
}

/* MRP view: the availability (instant) of supply s by lead times. */
static int64_t mrp_time(const struct ordo_plan *p, int32_t s)
{
    return s >= 0 ? (int64_t)p->po_avail[s] * ORDO_MIN_PER_DAY : ordo_stock_time(p->model, s);
}

/* An order late by lead times alone (the MRP view is late too): the chain of latest
** supplies down to the first planned order released before the horizon start, or to a
** purchase. Returns 0 when the MRP view is on time. */
static int why_material(const struct ordo_plan *p, int32_t o, ordo_why *w)
{
    const ordo_model *m = p->model;
    int32_t v = p->npo + o, s = ORDO_SUP_SHORT;
    int64_t t = INT64_MIN;
    for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1]; j++)
        if (mrp_time(p, p->dep_sup[j]) > t) t = mrp_time(p, p->dep_sup[j]), s = p->dep_sup[j];
    if (s == ORDO_SUP_SHORT || t <= ordo_due_time(m, o)) return 0;
    w->kind = ORDO_WHY_MATERIAL;
    for (int steps = 0; s >= 0 && steps < 64; steps++) {
        if (w->npath < ORDO_WHY_PATH) w->path[w->npath++] = s;
        w->item = p->po_item[s], w->supply = s;
        if (p->po_due[s] == ordo_model_fence_day(m, w->item) && !(p->po_prod && p->po_prod[s] >= 0))
            w->kind = ORDO_WHY_FENCE; /* due at the planning fence it was moved to */
        else
            w->kind = ORDO_WHY_MATERIAL;
        if (m->item_src[p->po_item[s]] != ORDO_SRC_MAKE) return 1; /* a purchase */
        int32_t next = ORDO_SUP_SHORT;
        t = INT64_MIN;
        for (int32_t j = p->dep_start[s]; j < p->dep_start[s + 1]; j++)
            if (mrp_time(p, p->dep_sup[j]) > t) t = mrp_time(p, p->dep_sup[j]), next = p->dep_sup[j];
        if (next < 0 || !p->po_moved[next]) return 1; /* below, all in time: its own lead time */
        s = next;
    }
    return 1;
}

int ordo_sched_why(const struct ordo_plan *p, ordo_why *why)
{
    const ordo_model *m = p->model;
    end_key *k = malloc(((size_t)p->nop + 1) * sizeof *k);
    if (!k) return -1;
    int32_t nk = 0;
    for (int32_t o = 0; o < p->nop; o++)
        if (p->op_start[o] != T_NEVER && p->op_end[o] > p->op_start[o]) k[nk++] = (end_key){p->op_res[o], p->op_end[o], o};
    qsort(k, (size_t)nk, sizeof *k, cmp_end);
    for (int32_t o = 0; o < m->nord; o++) {
        ordo_why *w = &why[o];
        memset(w, 0, sizeof *w);
        w->item = w->res = w->before = -1, w->supply = ORDO_SUP_SHORT;
        if (p->ord_status[o] != ORDO_ST_LATE) continue;
        int64_t when;
        int32_t s = latest_supply(p, p->npo + o, &when);
        if (why_material(p, o, w)) continue;
        if (s >= 0 && !p->mrp_only)
            why_walk(p, k, nk, s, w);
        else if (s >= 0) { /* lead times only */
            w->kind = ORDO_WHY_MATERIAL, w->item = p->po_item[s], w->supply = s;
            w->path[w->npath++] = s;
        } else {
            w->kind = ORDO_WHY_MATERIAL, w->supply = s;
            w->item = s >= ORDO_SUP_ONHAND || s == ORDO_SUP_SHORT ? m->or_item[o] : m->rc_item[ORDO_SUP_RCPT_IDX(s)];
        }
    }
    free(k);
    return 0;
}
