/*
** apply.c -- a scenario's model: the base model with the scenario's changes applied in the
** order written. Built on ordo_model_with_orders (own order arrays and names, every other
** array shared with the base); the arrays a change touches (resources, calendars, lead
** times, receipt dates) are copied into the new model's arena before they are changed.
*/
#include "whatif.h"

#include "dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct actx {
    const ordo_model *base;
    ordo_model *m;
    const ordo_scenario_set *set;
    int32_t k;          /* the scenario */
    uint8_t *alive;     /* [orders] not cancelled */
    int32_t nexist;     /* orders that exist at the change being applied */
    int32_t *own_cal;   /* [nres] the resource's private calendar, -1 none yet */
    int copied_res, copied_cal, copied_lead, copied_rcpt;
    char *why;
    size_t nwhy;
} actx;

/* A copy of n bytes of src in the new model's arena (NULL out of memory). */
static void *dup_arena(actx *a, const void *src, size_t n)
{
    void *d = ordo_arena_alloc(&a->m->arena, n ? n : 1);
    if (d && n) memcpy(d, src, n);
    return d;
}

static int copy_resources(actx *a)
{
    ordo_model *m = a->m;
    if (a->copied_res) return 0;
    a->copied_res = 1;
    size_t n = (size_t)m->nres;
    m->res_units = dup_arena(a, m->res_units, n * sizeof *m->res_units);
    m->res_eff = dup_arena(a, m->res_eff, n * sizeof *m->res_eff);
    m->res_cal = dup_arena(a, m->res_cal, n * sizeof *m->res_cal);
    return m->res_units && m->res_eff && m->res_cal ? 0 : -1;
}

/* Room for one private calendar per resource after the data set's own. */
static int copy_calendars(actx *a)
{
    ordo_model *m = a->m;
    if (a->copied_cal) return 0;
    a->copied_cal = 1;
    size_t n = (size_t)m->ncal, room = n + (size_t)m->nres;
    ordo_cal *cal = ordo_arena_alloc(&m->arena, (room + 1) * sizeof *cal);
    int32_t *name = ordo_arena_alloc(&m->arena, (room + 1) * sizeof *name);
    if (!cal || !name) return -1;
    if (n) memcpy(cal, m->cal, n * sizeof *cal), memcpy(name, m->cal_name, n * sizeof *name);
    m->cal = cal, m->cal_name = name;
    return 0;
}

/* The calendar a change works on: the named one, or the resource's own copy of its calendar
** (made on the first change to it, so that other resources on that calendar keep theirs). */
static int32_t target_calendar(actx *a, const ordo_change *ch)
{
    if (copy_calendars(a)) return -1;
    if (ch->calendar >= 0) return ch->calendar;
    if (copy_resources(a)) return -1;
    ordo_model *m = a->m;
    int32_t r = ch->resource;
    if (a->own_cal[r] >= 0) return a->own_cal[r];
    int32_t c = m->ncal++;
    m->cal[c] = *ordo_model_cal(m, m->res_cal[r]);
    m->cal_name[c] = m->res_cal[r] >= 0 ? m->cal_name[m->res_cal[r]] : m->res_name[r];
    m->res_cal[r] = c;
    a->own_cal[r] = c;
    return c;
}

/* Build calendar c again from its weekdays and shifts (plus shift `extra` when extra[1] >= 0,
** the last shift longer by `longer` minutes) and its holidays (plus days [from, to] when
** from <= to). 0; 1 with the reason in a->why when the calendar is impossible; -1 no memory. */
static int rebuild_calendar(actx *a, int32_t c, const int32_t extra[2], int32_t longer, int32_t from, int32_t to)
{
    ordo_model *m = a->m;
    const ordo_cal *old = &m->cal[c];
    int32_t sh[2 * ORDO_CAL_MAX_SHIFTS + 2];
    int ns = 0;
    for (int i = 0; i < old->nshift; i++, ns++) {
        int32_t e = old->sh_end[i] + (i == old->nshift - 1 ? longer : 0);
        sh[2 * ns] = old->sh_start[i];
        sh[2 * ns + 1] = e > ORDO_MIN_PER_DAY ? e - ORDO_MIN_PER_DAY : e;
        if (longer && i == old->nshift - 1 && e > old->sh_start[0] + ORDO_MIN_PER_DAY) {
            snprintf(a->why, a->nwhy, "the last shift would run into the next day's first shift");
            return 1;
        }
    }
    if (extra[1] >= 0) sh[2 * ns] = extra[0], sh[2 * ns + 1] = extra[1], ns++;
    int32_t lo = m->h_start - 1100, hi = m->h_end + 1100;
    if (from < lo) from = lo;
    if (to > hi) to = hi;
    int32_t nh = old->nhol + (from <= to ? to - from + 1 : 0);
    int32_t *hol = ordo_arena_alloc(&m->arena, ((size_t)nh + 1) * sizeof *hol);
    int32_t *store = ordo_arena_alloc(&m->arena, ((size_t)nh + 1) * sizeof *store);
    if (!hol || !store) return -1;
    if (old->nhol) memcpy(hol, old->hol, (size_t)old->nhol * sizeof *hol);
    for (int32_t d = from, j = old->nhol; d <= to; d++) hol[j++] = d;
    int32_t ot = old->overtime;
    int32_t room = old->sh_start[0] + ORDO_MIN_PER_DAY - (old->sh_end[old->nshift - 1] + longer);
    if (ot > room) ot = room > 0 ? room : 0; /* the insertion's overtime after the longer day */
    ordo_cal nc;
    const char *why = NULL;
    if (ordo_cal_build(&nc, old->weekmask, sh, ns, hol, nh, store, ot, &why)) {
        snprintf(a->why, a->nwhy, "%s", why);
        return 1;
    }
    if (m->h_end >= m->h_start && m->h_end - m->h_start < 40000) {
        int32_t *w = ordo_arena_alloc(&m->arena, ((size_t)(hi - lo) + 1) * sizeof *w);
        int32_t *days = ordo_arena_alloc(&m->arena, ((size_t)(hi - lo) + 1) * sizeof *days);
        if (!w || !days) return -1;
        ordo_cal_build_table(&nc, lo, hi, w, days);
    }
    m->cal[c] = nc;
    return 0;
}

static int apply_calendar(actx *a, const ordo_change *ch)
{
    int32_t c = target_calendar(a, ch);
    if (c < 0) return -1;
    int32_t none[2] = {-1, -1}, shift[2] = {ch->start, ch->end};
    switch (ch->kind) {
    case ORDO_CH_RESOURCE_DOWN: return rebuild_calendar(a, c, none, 0, ch->from, ch->to);
    case ORDO_CH_OVERTIME: return rebuild_calendar(a, c, none, ch->minutes, 1, 0);
    default: return rebuild_calendar(a, c, shift, 0, 1, 0);
    }
}

static int matches(const ordo_model *m, const ordo_change *ch, int32_t o)
{
    return (ch->item < 0 || m->or_item[o] == ch->item) && (ch->customer < 0 || m->or_cust[o] == ch->customer) &&
           m->or_due[o] >= ch->from && m->or_due[o] <= ch->to;
}

/* Demand changes, cancellations and additions (the added orders exist from their change on). */
static void apply_orders(actx *a, const ordo_change *ch)
{
    ordo_model *m = a->m;
    switch (ch->kind) {
    case ORDO_CH_ADD_ORDER: a->nexist++; break;
    case ORDO_CH_CANCEL_ORDER: a->alive[ch->order] = 0; break;
    default:
        for (int32_t o = 0; o < a->nexist; o++) {
            if (!a->alive[o] || !matches(m, ch, o)) continue;
            if (ch->kind == ORDO_CH_SCALE_DEMAND) m->or_qty[o] *= ch->factor;
            else m->or_due[o] += ch->days;
        }
    }
}

static int apply_item_or_receipt(actx *a, const ordo_change *ch)
{
    ordo_model *m = a->m;
    if (ch->kind == ORDO_CH_LEAD_TIME) {
        if (!a->copied_lead++ && !(m->item_lead = dup_arena(a, m->item_lead, (size_t)m->nitem * sizeof(int32_t))))
            return -1;
        int32_t d = ch->relative ? m->item_lead[ch->item] + ch->days : ch->days;
        if (d < 0) {
            snprintf(a->why, a->nwhy, "the lead time would be negative (%d days)", d);
            return 1;
        }
        m->item_lead[ch->item] = d;
        return 0;
    }
    if (!a->copied_rcpt++ && !(m->rc_date = dup_arena(a, m->rc_date, (size_t)m->nrcpt * sizeof(int32_t))))
        return -1;
    m->rc_date[ch->receipt] += ch->days;
    return 0;
}

static int apply_change(actx *a, const ordo_change *ch)
{
    switch (ch->kind) {
    case ORDO_CH_SCALE_DEMAND:
    case ORDO_CH_SHIFT_DEMAND:
    case ORDO_CH_ADD_ORDER:
    case ORDO_CH_CANCEL_ORDER: apply_orders(a, ch); return 0;
    case ORDO_CH_RESOURCE_CAPACITY:
        if (copy_resources(a)) return -1;
        if (ch->units > 0) a->m->res_units[ch->resource] = ch->units;
        if (ch->efficiency > 0) a->m->res_eff[ch->resource] = ch->efficiency;
        return 0;
    case ORDO_CH_LEAD_TIME:
    case ORDO_CH_RECEIPT_LATE: return apply_item_or_receipt(a, ch);
    default: return apply_calendar(a, ch);
    }
}

/* Drop the cancelled orders (the order arrays are the model's own); base_of maps what is
** left to base orders. */
static int compact_orders(actx *a, int32_t **base_of)
{
    ordo_model *m = a->m;
    int32_t *map = malloc(((size_t)m->nord + 1) * sizeof *map);
    if (!map) return -1;
    int32_t n = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        if (!a->alive[o]) continue;
        m->or_name[n] = m->or_name[o], m->or_item[n] = m->or_item[o], m->or_due[n] = m->or_due[o];
        m->or_design[n] = m->or_design[o], m->or_cust[n] = m->or_cust[o], m->or_qty[n] = m->or_qty[o];
        m->or_prio[n] = m->or_prio[o], m->or_penalty[n] = m->or_penalty[o], m->or_urgent[n] = m->or_urgent[o];
        map[n++] = o < a->base->nord ? o : -1;
    }
    m->nord = n;
    *base_of = map;
    return 0;
}

/* The new orders of scenario k, in the order written. */
static ordo_new_order *added_orders(const ordo_scenario_set *set, int32_t k, int32_t *n)
{
    const ordo_scenario *sc = &set->sc[k];
    ordo_new_order *o = malloc(((size_t)sc->n + 1) * sizeof *o);
    *n = 0;
    for (int32_t j = 0; o && j < sc->n; j++)
        if (set->ch[sc->first + j].kind == ORDO_CH_ADD_ORDER) o[(*n)++] = set->ch[sc->first + j].add;
    return o;
}

ordo_model *ordo_scenario_model(const ordo_model *base, const ordo_scenario_set *set, int32_t k, int32_t **base_of,
                                char *why, size_t nwhy)
{
    *base_of = NULL;
    snprintf(why, nwhy, "out of memory");
    int32_t nadd = 0;
    ordo_new_order *add = added_orders(set, k, &nadd);
    actx a;
    memset(&a, 0, sizeof a);
    a.base = base, a.set = set, a.k = k;
    a.m = add ? ordo_model_with_orders(base, add, nadd) : NULL;
    free(add);
    if (!a.m) return NULL;
    a.nexist = base->nord;
    a.alive = malloc((size_t)a.m->nord + 1);
    a.own_cal = malloc(((size_t)base->nres + 1) * sizeof *a.own_cal);
    int rc = a.alive && a.own_cal ? 0 : -1;
    if (!rc) memset(a.alive, 1, (size_t)a.m->nord), memset(a.own_cal, 0xff, ((size_t)base->nres + 1) * sizeof *a.own_cal);
    const ordo_scenario *sc = &set->sc[k];
    char reason[200] = "";
    a.why = reason, a.nwhy = sizeof reason;
    int32_t j = 0;
    for (; rc == 0 && j < sc->n; j++) rc = apply_change(&a, &set->ch[sc->first + j]);
    if (rc == 1) snprintf(why, nwhy, "scenarios[%d].changes[%d]: %s", (int)k, (int)j - 1, reason);
    if (rc == 0) rc = compact_orders(&a, base_of);
    free(a.alive);
    free(a.own_cal);
    if (rc == 0 && a.m->nord == 0) {
        snprintf(why, nwhy, "scenarios[%d]: every order is cancelled", (int)k);
        rc = 1;
    }
    if (rc) {
        ordo_model_close(a.m);
        free(*base_of);
        *base_of = NULL;
        return NULL;
    }
    why[0] = 0;
    return a.m;
}
