/*
** state.c -- a finished plan saved next to its outputs (DIR/state.ordo) and loaded back
** without planning again, for quotes and insertions against last night's plan (SPEC
** section 4, --base DIR).
**
** The file is the plan's flat arrays, each written as a count and its raw bytes, after a
** header with a magic string, a format version and a fingerprint of the model (a hash of
** every array that planning reads). A state is only loaded for the model it was made from,
** and every index in it is checked against the model before use, so a damaged file is an
** error and never a crash. Loading is a few large reads: far faster than planning.
*/
#include "plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "ORDOST01"
#define STATE_FILE "state.ordo"

/* ---- the model's fingerprint ---------------------------------------------------------------- */

typedef struct fnv { uint64_t h; } fnv;

static void fnv_add(fnv *f, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        f->h ^= b[i];
        f->h *= 0x100000001b3ull;
    }
}
#define ADD(f, arr, n) fnv_add(f, (arr), (size_t)(n) * sizeof *(arr))

/* The strings named by sid[0..n), each with its terminator: the same whatever order a
** loader interned them in (JSON by key order, HDF5 by column). */
static void add_names(fnv *f, const ordo_strpool *p, const int32_t *sid, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const char *s = ordo_str(p, sid[i]);
        fnv_add(f, s, strlen(s) + 1);
    }
}

static uint64_t fingerprint(const ordo_model *m)
{
    fnv f = {0xcbf29ce484222325ull};
    int32_t head[] = {m->h_start, m->h_end, m->objective, m->ncal, m->nres, m->nitem, m->nbom, m->nop, m->nalt, m->nrcpt, m->nord};
    ADD(&f, head, sizeof head / sizeof head[0]);
    add_names(&f, &m->names, m->cal_name, m->ncal), add_names(&f, &m->names, m->res_name, m->nres);
    add_names(&f, &m->names, m->item_name, m->nitem), add_names(&f, &m->names, m->rc_name, m->nrcpt);
    add_names(&f, &m->names, m->or_name, m->nord), add_names(&f, &m->names, m->or_cust, m->nord);
    for (int32_t c = 0; c < m->ncal; c++) {
        const ordo_cal *k = &m->cal[c];
        fnv_add(&f, &k->weekmask, 1);
        ADD(&f, k->sh_start, k->nshift);
        ADD(&f, k->sh_end, k->nshift);
        fnv_add(&f, &k->overtime, sizeof k->overtime);
        ADD(&f, k->hol, k->nhol);
    }
    ADD(&f, m->res_cal, m->nres), ADD(&f, m->res_units, m->nres), ADD(&f, m->res_eff, m->nres);
    ADD(&f, m->item_src, m->nitem), ADD(&f, m->item_lead, m->nitem);
    ADD(&f, m->item_insp, m->nitem), ADD(&f, m->item_cal, m->nitem), ADD(&f, m->item_on_hand, m->nitem);
    ADD(&f, m->item_safety, m->nitem), ADD(&f, m->item_yield, m->nitem), ADD(&f, m->lot_rule, m->nitem);
    ADD(&f, m->lot_qty, m->nitem), ADD(&f, m->lot_periods, m->nitem), ADD(&f, m->lot_min, m->nitem);
    ADD(&f, m->lot_mult, m->nitem);
    ADD(&f, m->bom_start, m->nitem + 1), ADD(&f, m->bom_child, m->nbom), ADD(&f, m->bom_qty, m->nbom);
    ADD(&f, m->bom_scrap, m->nbom), ADD(&f, m->bom_from, m->nbom), ADD(&f, m->bom_to, m->nbom);
    ADD(&f, m->rout_start, m->nitem + 1), ADD(&f, m->op_seq, m->nop), ADD(&f, m->op_alt_start, m->nop + 1);
    ADD(&f, m->alt_res, m->nalt), ADD(&f, m->alt_setup, m->nalt), ADD(&f, m->alt_run, m->nalt);
    ADD(&f, m->rc_item, m->nrcpt), ADD(&f, m->rc_date, m->nrcpt), ADD(&f, m->rc_qty, m->nrcpt);
    ADD(&f, m->or_item, m->nord), ADD(&f, m->or_due, m->nord);
    ADD(&f, m->or_design, m->nord), ADD(&f, m->or_qty, m->nord), ADD(&f, m->or_prio, m->nord);
    ADD(&f, m->or_penalty, m->nord), ADD(&f, m->or_urgent, m->nord);
    return f.h;
}

/* ---- the arrays of a plan, in file order --------------------------------------------------- */

typedef struct arr {
    void **p;     /* where the array pointer lives in the plan */
    size_t elem;  /* bytes per element */
    int64_t n;    /* element count */
    int required; /* every plan has it (the MRP's arrays and the order results) */
} arr;

/* The plan's arrays with their lengths (from the counts in p). dep_sup comes right after
** dep_start, whose last entry is its length. */
static int arrays(struct ordo_plan *p, arr *a)
{
    const ordo_model *m = p->model;
    int64_t npo = p->npo, nodes = (int64_t)p->npo + m->nord;
    int k = 0;
#define A(field, count, req) a[k++] = (arr){(void **)&p->field, sizeof *p->field, (count), (req)}
    A(po_item, npo, 1), A(po_qty, npo, 1), A(po_good, npo, 1), A(po_due, npo, 1), A(po_release, npo, 1);
    A(po_avail, npo, 1), A(po_moved, npo, 1), A(peg_start, npo + 1, 1), A(peg_ref, p->npeg, 1);
    A(peg_qty, p->npeg, 1), A(edge, 2 * (int64_t)p->nedge, 1);
    A(dep_start, nodes + 1, 0), A(dep_sup, p->dep_start ? p->dep_start[nodes] : 0, 0), A(dep_short, nodes, 0);
    A(op_po, p->nop, 0), A(op_k, p->nop, 0), A(op_res, p->nop, 0), A(op_start, p->nop, 0), A(op_end, p->nop, 0);
    A(po_op0, npo + 1, 0), A(po_avail_t, npo, 0);
    A(load_res, p->nload, 0), A(load_day, p->nload, 0), A(load_avail, p->nload, 0), A(load_used, p->nload, 0);
    A(ord_completion, m->nord, 1), A(ord_lateness, m->nord, 1), A(ord_status, m->nord, 1), A(exc, p->nexc, 0);
    A(op_ot, p->nop, 0); /* operations working overtime (absent: none) */
#undef A
    return k;
}

typedef struct scalars {
    int32_t npo, npeg, nedge, nop, nload, nexc, mrp_only, late_orders, threads, pad;
    int64_t makespan_minutes;
    double total_lateness, seconds_mrp, seconds_schedule;
} scalars;

ordo_rc ordo_plan_save_state(ordo_plan *p, const char *dir, char *err, size_t nerr)
{
    if (!p || !dir) return ORDO_EMISUSE;
    if (nerr) err[0] = 0;
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, STATE_FILE);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, nerr, "%s: %s", tmp, strerror(errno));
        return ORDO_EIO;
    }
    uint64_t fp = fingerprint(p->model);
    scalars s = {p->npo, p->npeg, p->nedge, p->nop, p->nload, p->nexc, p->mrp_only, p->late_orders, p->threads, 0,
                 p->makespan_minutes, p->total_lateness, p->seconds_mrp, p->seconds_schedule};
    int bad = fwrite(MAGIC, 8, 1, f) != 1 || fwrite(&fp, sizeof fp, 1, f) != 1 || fwrite(&s, sizeof s, 1, f) != 1;
    arr a[40];
    int na = arrays(p, a);
    for (int k = 0; k < na && !bad; k++) {
        int64_t n = *a[k].p ? a[k].n : -1; /* -1: the array is absent */
        bad |= fwrite(&n, sizeof n, 1, f) != 1;
        if (n > 0) bad |= fwrite(*a[k].p, a[k].elem, (size_t)n, f) != (size_t)n;
    }
    bad |= fclose(f) != 0;
    if (!bad && rename(tmp, path) != 0) bad = 1;
    if (bad) {
        remove(tmp);
        snprintf(err, nerr, "%s: write error", path);
        return ORDO_EIO;
    }
    return ORDO_OK;
}

/* Every index in a loaded plan within the model's and the plan's bounds. */
static int plan_sane(const struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    for (int32_t q = 0; q < p->npo; q++)
        if (p->po_item[q] < 0 || p->po_item[q] >= m->nitem || p->peg_start[q] > p->peg_start[q + 1]) return 0;
    if (p->npo >= 0 && (p->peg_start[0] != 0 || p->peg_start[p->npo] != p->npeg)) return 0;
    for (int32_t j = 0; j < p->npeg; j++)
        if (p->peg_ref[j] < ORDO_PEG_SAFETY || p->peg_ref[j] >= m->nord) return 0;
    for (int32_t k = 0; k < p->nop; k++)
        if (p->op_po[k] < 0 || p->op_po[k] >= p->npo || p->op_k[k] < 0 || p->op_k[k] >= m->nop ||
            p->op_res[k] < -1 || p->op_res[k] >= m->nres)
            return 0;
    if (p->nop && !p->po_op0) return 0;
    if (p->po_op0)
        for (int32_t q = 0; q < p->npo; q++)
            if (p->po_op0[q] < 0 || p->po_op0[q] > p->po_op0[q + 1] || p->po_op0[q + 1] > p->nop) return 0;
    for (int32_t k = 0; k < p->nload; k++)
        if (p->load_res[k] < 0 || p->load_res[k] >= m->nres) return 0;
    for (int32_t k = 0; k < p->nexc; k++)
        if (p->exc[k].item < 0 || p->exc[k].item >= m->nitem || p->exc[k].kind >= ORDO_EXC_NKIND) return 0;
    for (int32_t o = 0; o < m->nord; o++)
        if (p->ord_status[o] > ORDO_ST_UNPLANNED) return 0;
    if (p->dep_start) {
        int64_t nodes = (int64_t)p->npo + m->nord;
        for (int64_t v = 0; v < nodes; v++)
            if (p->dep_start[v] > p->dep_start[v + 1]) return 0;
        for (int32_t j = 0; j < p->dep_start[nodes]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= p->npo || (s < 0 && s != ORDO_SUP_ONHAND && ORDO_SUP_RCPT_IDX(s) >= m->nrcpt)) return 0;
        }
    }
    return 1;
}

ordo_rc ordo_plan_load_state(const ordo_model *m, const char *dir, ordo_plan **pPlan, char *err, size_t nerr)
{
    if (!m || !dir || !pPlan) return ORDO_EMISUSE;
    *pPlan = NULL;
    if (nerr) err[0] = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, STATE_FILE);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, nerr, "%s: %s (plan with -o %s first)", path, strerror(errno), dir);
        return ORDO_EIO;
    }
    struct ordo_plan *p = calloc(1, sizeof *p);
    if (!p) {
        fclose(f);
        return ORDO_ENOMEM;
    }
    p->model = m;
    char magic[8];
    uint64_t fp;
    scalars s;
    ordo_rc rc = ORDO_OK;
    if (fread(magic, 8, 1, f) != 1 || memcmp(magic, MAGIC, 8) != 0 || fread(&fp, sizeof fp, 1, f) != 1 ||
        fread(&s, sizeof s, 1, f) != 1) {
        snprintf(err, nerr, "%s: not a plan state of this version", path);
        rc = ORDO_EINPUT;
    } else if (fp != fingerprint(m)) {
        snprintf(err, nerr, "%s: the state belongs to another data set (plan this one first)", path);
        rc = ORDO_EINPUT;
    }
    if (rc == ORDO_OK) {
        p->npo = s.npo, p->npeg = s.npeg, p->nedge = s.nedge, p->nop = s.nop, p->nload = s.nload, p->nexc = s.nexc;
        p->mrp_only = s.mrp_only, p->late_orders = s.late_orders, p->threads = s.threads;
        p->makespan_minutes = s.makespan_minutes, p->total_lateness = s.total_lateness;
        p->seconds_mrp = s.seconds_mrp, p->seconds_schedule = s.seconds_schedule;
        if (p->npo < 0 || p->npeg < 0 || p->nedge < 0 || p->nop < 0 || p->nload < 0 || p->nexc < 0) rc = ORDO_EINPUT;
    }
    /* arrays in file order; a count must match what the plan's counts say */
    arr a[40];
    int na = rc == ORDO_OK ? arrays(p, a) : 0;
    for (int k = 0; k < na && rc == ORDO_OK; k++) {
        int64_t n;
        if (fread(&n, sizeof n, 1, f) != 1) {
            rc = ORDO_EINPUT;
            break;
        }
        if (n < 0) continue; /* absent */
        if (n != a[k].n) {
            rc = ORDO_EINPUT;
            break;
        }
        *a[k].p = malloc((size_t)n * a[k].elem + 1);
        if (!*a[k].p) {
            rc = ORDO_ENOMEM;
            break;
        }
        if (n > 0 && fread(*a[k].p, a[k].elem, (size_t)n, f) != (size_t)n) rc = ORDO_EINPUT;
        if (a[k].p == (void **)&p->dep_start && rc == ORDO_OK) { /* dep_sup's length follows */
            int64_t last = p->dep_start[(int64_t)p->npo + m->nord];
            a[k + 1].n = last >= 0 ? last : -2;
        }
    }
    fclose(f);
    if (rc == ORDO_OK) { /* every array a plan needs is there */
        for (int k = 0; k < na; k++)
            if (a[k].required && !*a[k].p) rc = ORDO_EINPUT;
        if (p->nop && (!p->op_po || !p->op_k || !p->op_res || !p->op_start || !p->op_end)) rc = ORDO_EINPUT;
        if (p->nload && (!p->load_res || !p->load_day || !p->load_avail || !p->load_used)) rc = ORDO_EINPUT;
        if (p->nexc && !p->exc) rc = ORDO_EINPUT;
    }
    if (rc == ORDO_OK && !plan_sane(p)) rc = ORDO_EINPUT;
    if (rc != ORDO_OK) {
        if (rc == ORDO_EINPUT && !err[0]) snprintf(err, nerr, "%s: damaged plan state", path);
        if (rc == ORDO_ENOMEM) snprintf(err, nerr, "out of memory");
        ordo_plan_close(p);
        return rc;
    }
    *pPlan = p;
    return ORDO_OK;
}
