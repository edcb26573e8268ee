/*
** check.c -- an independent check of a finished schedule (check.h).
** It shares no code with the scheduler beyond the calendar arithmetic and the work formula:
** availability of every planned order is recomputed here from the operations themselves.
*/
#include "check.h"

#include "supply.h"
#include "calendar.h"
#include "dates.h"
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T_NEVER INT64_MAX

typedef struct checker {
    const struct ordo_plan *p;
    const ordo_model *m;
    int64_t *avail; /* memo: availability of each planned order; INT64_MIN not yet known */
    int64_t *full;  /* memo per resource (full_from): INT64_MIN + 1 not yet known */
    char *msg;
    size_t nmsg, used;
    int found;
} checker;

static void problem(checker *C, const char *fmt, ...) ORDO_PRINTF(2, 3);
static void problem(checker *C, const char *fmt, ...)
{
    C->found++;
    if (!C->msg || C->used + 2 >= C->nmsg) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(C->msg + C->used, C->nmsg - C->used - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    C->used += (size_t)n < C->nmsg - C->used - 1 ? (size_t)n : C->nmsg - C->used - 2;
    C->msg[C->used++] = '\n';
    C->msg[C->used] = 0;
}

static int routed(const checker *C, int32_t i)
{
    const ordo_model *m = C->m;
    return !C->p->mrp_only && m->item_src[i] == ORDO_SRC_MAKE && m->rout_start[i + 1] > m->rout_start[i];
}

static int64_t avail_of(checker *C, int32_t q);

/* 00:00 of the day the design days of the customer orders q is pegged to are over. */
static int64_t design_time(const checker *C, int32_t q)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    int32_t dd = p->po_pegdd[q], i = p->po_item[q];
    return (int64_t)ordo_cal_offset_fwd(ordo_model_cal(m, m->item_cal[i]), m->h_start, dd) * ORDO_MIN_PER_DAY;
}

/* 00:00 of the end of item i's planning time fence for planned order q (the first working
** day after planning_fence_days working days from the horizon start), before which none of
** the MRP's own orders of the item may start; INT64_MIN without a fence or for a production
** order already in the shop. */
static int64_t fence_time(const checker *C, int32_t q)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    int32_t i = p->po_item[q];
    if (!m->item_fence || m->item_fence[i] <= 0 || (p->po_prod && p->po_prod[q] >= 0)) return INT64_MIN;
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    return (int64_t)ordo_cal_next_workday(cal, ordo_cal_offset_fwd(cal, m->h_start, m->item_fence[i])) * ORDO_MIN_PER_DAY;
}

/* When everything node v is made from is there (v: planned order, or npo + order). */
static int64_t material(checker *C, int32_t v)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    if (p->dep_short[v]) return T_NEVER;
    int64_t t = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1]; j++) {
        int32_t s = p->dep_sup[j];
        int64_t a;
        if (s >= 0)
            a = avail_of(C, s);
        else if (s == ORDO_SUP_ONHAND)
            a = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
        else {
            int32_t d = m->rc_date[ORDO_SUP_RCPT_IDX(s)];
            a = (int64_t)(d < m->h_start ? m->h_start : d) * ORDO_MIN_PER_DAY;
        }
        if (a > t) t = a;
    }
    return t;
}

/* Availability of planned order q, from its own operations (or lead time without any). */
static int64_t avail_of(checker *C, int32_t q)
{
    if (C->avail[q] != INT64_MIN) return C->avail[q];
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    int32_t i = p->po_item[q];
    const ordo_cal *cal = ordo_model_cal(m, m->item_cal[i]);
    int64_t t;
    if (routed(C, i)) {
        int32_t last = p->po_op0[q + 1] - 1;
        t = p->op_end[last];
        int32_t k = m->item_insp[i];
        if (t != T_NEVER && k > 0)
            t = (int64_t)ordo_cal_offset_fwd(cal, (int32_t)ordo_floordiv(t, ORDO_MIN_PER_DAY) + 1, k) * ORDO_MIN_PER_DAY;
    } else if (m->item_src[i] == ORDO_SRC_MAKE) {
        int64_t mat = material(C, q), design = design_time(C, q);
        if (mat != T_NEVER && design > mat) mat = design;
        if (mat == T_NEVER) {
            t = T_NEVER;
        } else {
            int32_t start = (int32_t)ordo_floordiv(mat + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
            if (start < p->po_release[q]) start = p->po_release[q];
            t = (int64_t)ordo_sup_ready(m, i, ordo_po_sup(p, q), start) * ORDO_MIN_PER_DAY;
        }
    } else {
        t = (int64_t)ordo_sup_ready(m, i, ordo_po_sup(p, q), p->po_release[q]) * ORDO_MIN_PER_DAY;
    }
    C->avail[q] = t;
    return t;
}

/* Where operation x of planned order q (operation o) must stay, read from the data set (a
** started production order's started operations) or the re-plan's frozen zone; 0 when it
** may move. */
static int fixed_at(const checker *C, int32_t q, int32_t x, int32_t o, int32_t *res, int64_t *s, int64_t *e, int *done)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    int32_t pr = p->po_prod ? p->po_prod[q] : -1;
    if (pr >= 0 && m->pr_status[pr] == ORDO_PR_STARTED && x < m->pr_op0[pr + 1] - m->pr_op0[pr]) {
        int32_t k = m->pr_op0[pr] + x;
        *res = m->pop_res[k], *s = m->pop_start[k], *e = m->pop_end[k], *done = m->pop_done[k];
        return 1;
    }
    if (p->op_fix_res && p->op_fix_res[o] >= 0 && !(p->op_fix_soft && p->op_fix_soft[o])) {
        *res = p->op_fix_res[o], *s = p->op_fix_s[o], *e = p->op_fix_e[o], *done = 0;
        return 1;
    }
    return 0;
}

/* A fixed operation exactly where it must stay. */
static void check_fixed(checker *C, int32_t q, int32_t o, int seq, const char *item, int32_t res, int64_t s, int64_t e)
{
    const struct ordo_plan *p = C->p;
    if (p->op_res[o] == res && p->op_start[o] == s && p->op_end[o] == e) return;
    char a[17], b[17];
    ordo_fmt_datetime(s, a), ordo_fmt_datetime(e, b);
    problem(C, "PL-%d/%d (%s): a fixed operation moved from %s on %s until %s", q + 1, seq, item,
            ordo_str(&C->m->names, C->m->res_name[res]), a, b);
}

static int cmp_desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

/* The instant from which every unit of resource r has been busy for the last time: the
** units-th latest end of r's operations (INT64_MIN when r has fewer operations than
** units: a unit never used). -1 out of memory. */
static int full_from(checker *C, int32_t r, int64_t *t)
{
    const struct ordo_plan *p = C->p;
    int32_t units = C->m->res_units[r], n = 0;
    if (!C->full) {
        C->full = malloc(((size_t)C->m->nres + 1) * sizeof *C->full);
        if (!C->full) return -1;
        for (int32_t k = 0; k < C->m->nres; k++) C->full[k] = INT64_MIN + 1; /* not yet known */
    }
    if (C->full[r] != INT64_MIN + 1) return *t = C->full[r], 0;
    int64_t *ends = malloc(((size_t)p->nop + 1) * sizeof *ends);
    if (!ends) return -1;
    for (int32_t o = 0; o < p->nop; o++)
        if (p->op_start[o] != T_NEVER && p->op_res[o] == r && p->op_end[o] > p->op_start[o]) ends[n++] = p->op_end[o];
    qsort(ends, (size_t)n, sizeof *ends, cmp_desc);
    *t = C->full[r] = n >= units ? ends[units - 1] : INT64_MIN;
    free(ends);
    return 0;
}

/* Whether operation k of planned order q, free to start at est, cannot end before the
** calendar's never on any of its alternatives after the last operations of every unit
** there: the scheduler then leaves it (and its order) unscheduled (bounds.h). */
static int never_after(checker *C, int32_t q, int32_t k, int64_t est)
{
    const ordo_model *m = C->m;
    for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++) {
        int32_t r = m->alt_res[a];
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[r]);
        int64_t work = ordo_sched_work(m, a, C->p->po_qty[q]), t;
        if (full_from(C, r, &t)) return 0;
        if (t < est) t = est;
        if (work > 0) t = ordo_cal_next_work_minute(cal, t);
        if (ordo_cal_add_minutes(cal, t, work) < ORDO_CAL_NEVER) return 0;
    }
    return 1;
}

static void check_order_ops(checker *C, int32_t q)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    int32_t i = p->po_item[q];
    const char *item = ordo_str(&m->names, m->item_name[i]);
    int32_t nk = m->rout_start[i + 1] - m->rout_start[i];
    if (p->po_op0[q + 1] - p->po_op0[q] != nk) {
        problem(C, "PL-%d (%s): %d operations scheduled, routing has %d", q + 1, item,
                p->po_op0[q + 1] - p->po_op0[q], nk);
        return;
    }
    int64_t mat = material(C, q), prev_end = INT64_MIN, design = design_time(C, q), fence = fence_time(C, q);
    for (int32_t x = 0; x < nk; x++) {
        int32_t o = p->po_op0[q] + x, k = m->rout_start[i] + x, fres;
        int seq = m->op_seq[k], done;
        int64_t fs, fe;
        if (fixed_at(C, q, x, o, &fres, &fs, &fe, &done)) { /* kept where it is given: nothing else to check */
            check_fixed(C, q, o, seq, item, fres, fs, fe);
            prev_end = fe;
            continue;
        }
        if (p->op_start[o] == T_NEVER) {
            int64_t est = x > 0 ? prev_end : mat > design ? mat : design;
            if (x == 0 && fence > est) est = fence;
            if (mat != T_NEVER && est != T_NEVER && !never_after(C, q, k, est))
                problem(C, "PL-%d/%d (%s): not scheduled although its material is there", q + 1, seq, item);
            prev_end = T_NEVER; /* the operations after it wait for it */
            continue;
        }
        if (p->op_po[o] != q || p->op_k[o] != k) problem(C, "PL-%d/%d: operation record out of place", q + 1, seq);
        int32_t alt = -1;
        for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++)
            if (m->alt_res[a] == p->op_res[o]) alt = a;
        if (alt < 0) {
            problem(C, "PL-%d/%d (%s): resource is not one of the operation's alternatives", q + 1, seq, item);
            continue;
        }
        const ordo_cal *cal = ordo_model_cal(m, m->res_cal[p->op_res[o]]);
        ordo_cal ot;
        if (p->op_ot && p->op_ot[o]) { /* working its resource's overtime */
            ordo_cal_with_overtime(cal, &ot);
            cal = &ot;
        }
        int64_t work = ordo_sched_work(m, alt, p->po_qty[q]), s = p->op_start[o], e = p->op_end[o];
        if (ordo_cal_minutes_between(cal, s, e) != work || (work > 0 && ordo_cal_add_minutes(cal, s, work) != e))
            problem(C, "PL-%d/%d (%s): %lld working minutes between start and end, work is %lld", q + 1, seq, item,
                    (long long)ordo_cal_minutes_between(cal, s, e), (long long)work);
        if (e >= ORDO_CAL_NEVER) problem(C, "PL-%d/%d (%s): ends at or past the calendar's never", q + 1, seq, item);
        if (work > 0 && ordo_cal_next_work_minute(cal, s) != s)
            problem(C, "PL-%d/%d (%s): starts outside working time", q + 1, seq, item);
        if (s < (int64_t)m->h_start * ORDO_MIN_PER_DAY) problem(C, "PL-%d/%d (%s): starts before the horizon", q + 1, seq, item);
        if (x == 0 && s < mat) problem(C, "PL-%d/%d (%s): starts before its material is available", q + 1, seq, item);
        if (x == 0 && s < design) problem(C, "PL-%d/%d (%s): starts before its design days are over", q + 1, seq, item);
        if (x == 0 && s < fence) problem(C, "PL-%d/%d (%s): starts inside its item's planning time fence", q + 1, seq, item);
        if (x > 0 && s < prev_end) problem(C, "PL-%d/%d (%s): starts before the previous operation ends", q + 1, seq, item);
        prev_end = e;
    }
}

typedef struct edge { int64_t t; int32_t res, delta; } edge;
static int cmp_edge(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->res != y->res) return x->res < y->res ? -1 : 1;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return x->delta - y->delta; /* ends (-1) before starts (+1) at the same instant */
}

static void check_capacity(checker *C)
{
    const struct ordo_plan *p = C->p;
    const ordo_model *m = C->m;
    edge *ev = malloc(((size_t)p->nop * 2 + 1) * sizeof *ev);
    if (!ev) {
        problem(C, "out of memory while checking capacity");
        return;
    }
    size_t n = 0;
    for (int32_t o = 0; o < p->nop; o++) {
        if (p->op_start[o] == T_NEVER || p->op_res[o] < 0 || p->op_end[o] <= p->op_start[o]) continue;
        int32_t q = p->op_po[o], fres;
        int64_t fs, fe;
        int done = 0;
        if (fixed_at(C, q, o - p->po_op0[q], o, &fres, &fs, &fe, &done) && done) continue; /* finished: takes no capacity */
        ev[n++] = (edge){p->op_start[o], p->op_res[o], +1};
        ev[n++] = (edge){p->op_end[o], p->op_res[o], -1};
    }
    qsort(ev, n, sizeof *ev, cmp_edge);
    int32_t busy = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && ev[k].res != ev[k - 1].res) busy = 0;
        busy += ev[k].delta;
        if (busy > m->res_units[ev[k].res]) {
            char t[17];
            ordo_fmt_datetime(ev[k].t, t);
            problem(C, "resource %s runs %d operations at %s, it has %d units", ordo_str(&m->names, m->res_name[ev[k].res]),
                    busy, t, m->res_units[ev[k].res]);
        }
    }
    free(ev);
}

int ordo_sched_check(const struct ordo_plan *p, char *msg, size_t nmsg)
{
    checker C = {p, p->model, NULL, NULL, msg, nmsg, 0, 0};
    if (msg && nmsg) msg[0] = 0;
    C.avail = malloc(((size_t)p->npo + 1) * sizeof *C.avail);
    if (!C.avail) {
        problem(&C, "out of memory");
        return C.found;
    }
    for (int32_t q = 0; q < p->npo; q++) C.avail[q] = INT64_MIN;
    for (int32_t q = 0; q < p->npo; q++)
        if (routed(&C, p->po_item[q])) check_order_ops(&C, q);
    check_capacity(&C);
    /* customer order completion as the schedule implies */
    for (int32_t o = 0; o < C.m->nord; o++) {
        int64_t t = material(&C, p->npo + o);
        int64_t got = p->ord_completion[o] == INT64_MIN ? T_NEVER : p->ord_completion[o];
        if (t != got)
            problem(&C, "order %s: completion %lld, the schedule gives %lld", ordo_str(&C.m->names, C.m->or_name[o]),
                    (long long)got, (long long)t);
    }
    free(C.avail);
    free(C.full);
    return C.found;
}
