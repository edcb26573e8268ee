/*
** peg.c -- full pegging derived from direct links, and folds over it (peg.h).
*/
#include "peg.h"

#include <stdlib.h>
#include <string.h>

/* A planned order's full pegging, kept while some later planned order still needs it. */
typedef struct pegs {
    int32_t *ref;
    double *qty;
    int64_t n;
} pegs;

struct ordo_pegger {
    const struct ordo_plan *p;
    int32_t *last; /* [npo] the highest planned order linking to it, -1 none */
    pegs *memo;    /* [npo] ref NULL: not kept */
    double *acc;   /* [nord + 1] sums by ref + 1, zero between uses */
    uint8_t *seen; /* [nord + 1] */
    int32_t *refs; /* [nord + 1] refs present in acc */
    pegs out;      /* the last answer when it is not kept */
    size_t out_cap;
};

void ordo_peg_last_child(const struct ordo_plan *p, int32_t *last)
{
    for (int32_t q = 0; q < p->npo; q++) last[q] = -1;
    for (int32_t q = 0; q < p->npo; q++)
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++)
            if (p->lnk_need[k] >= 0) last[p->lnk_need[k]] = q;
}

ordo_pegger *ordo_pegger_new(const struct ordo_plan *p)
{
    ordo_pegger *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    size_t npo = (size_t)p->npo + 1, nref = (size_t)p->model->nord + 2;
    g->p = p;
    g->last = malloc(npo * sizeof *g->last);
    g->memo = calloc(npo, sizeof *g->memo);
    g->acc = calloc(nref, sizeof *g->acc);
    g->seen = calloc(nref, 1);
    g->refs = malloc(nref * sizeof *g->refs);
    if (!g->last || !g->memo || !g->acc || !g->seen || !g->refs) {
        ordo_pegger_free(g);
        return NULL;
    }
    ordo_peg_last_child(p, g->last);
    return g;
}

void ordo_pegger_free(ordo_pegger *g)
{
    if (!g) return;
    for (int32_t q = 0; g->memo && q < g->p->npo; q++) free(g->memo[q].ref), free(g->memo[q].qty);
    free(g->memo);
    free(g->last);
    free(g->acc);
    free(g->seen);
    free(g->refs);
    free(g->out.ref);
    free(g->out.qty);
    free(g);
}

/* Sort n order references ascending (insertion sort below 24, quicksort above). */
static void sort_refs(int32_t *a, size_t n)
{
    while (n > 24) {
        int32_t p = a[n / 2], t;
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < p) i++;
            while (p < a[j]) j--;
            if (i >= j) break;
            t = a[i], a[i] = a[j], a[j] = t;
            i++, j--;
        }
        sort_refs(a, j + 1);
        a += j + 1;
        n -= j + 1;
    }
    for (size_t i = 1; i < n; i++) {
        int32_t x = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > x) a[j] = a[j - 1], j--;
        a[j] = x;
    }
}

static void add(ordo_pegger *g, int32_t ref, double qty, size_t *nref)
{
    int32_t r = ref + 1;
    if (!g->seen[r]) {
        g->seen[r] = 1;
        g->refs[(*nref)++] = ref;
    }
    g->acc[r] += qty;
}

/* Sum q's pegging into the accumulator (its parents' are kept); returns how many refs. */
static size_t accumulate(ordo_pegger *g, int32_t q)
{
    const struct ordo_plan *p = g->p;
    size_t nref = 0;
    for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
        int32_t need = p->lnk_need[k];
        double a = p->lnk_qty[k];
        if (need == ORDO_LNK_SAFETY) {
            add(g, ORDO_PEG_SAFETY, a, &nref);
        } else if (ORDO_LNK_IS_ORDER(need)) {
            add(g, ORDO_LNK_ORDER_IDX(need), a, &nref);
        } else if (need >= 0) {
            double good = p->po_good[need];
            if (!(good > 0)) continue;
            const pegs *pp = &g->memo[need];
            for (int64_t j = 0; j < pp->n; j++) add(g, pp->ref[j], a * pp->qty[j] / good, &nref);
        }
    }
    return nref;
}

/* Move the accumulated sums into d (grown as needed), sorted by ref; clears the
** accumulator. 0, or -1 out of memory (the accumulator is cleared all the same). */
static int drain(ordo_pegger *g, size_t nref, pegs *d, size_t *cap)
{
    sort_refs(g->refs, nref);
    int bad = 0;
    if (nref > *cap || !d->ref) {
        size_t c = nref > 4 ? nref : 4;
        int32_t *r = realloc(d->ref, c * sizeof *r);
        if (r) d->ref = r;
        double *x = realloc(d->qty, c * sizeof *x);
        if (x) d->qty = x;
        bad = !r || !x;
        if (!bad) *cap = c;
    }
    for (size_t k = 0; k < nref; k++) {
        int32_t r = g->refs[k] + 1;
        if (!bad) d->ref[k] = g->refs[k], d->qty[k] = g->acc[r];
        g->acc[r] = 0;
        g->seen[r] = 0;
    }
    d->n = bad ? 0 : (int64_t)nref;
    return bad ? -1 : 0;
}

/* Derive q's pegging into g->memo[q] (parents first, as far as they are missing). */
static int derive_kept(ordo_pegger *g, int32_t q)
{
    const struct ordo_plan *p = g->p;
    for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
        int32_t need = p->lnk_need[k];
        if (need >= 0 && !g->memo[need].ref && derive_kept(g, need)) return -1;
    }
    size_t cap = 0;
    return drain(g, accumulate(g, q), &g->memo[q], &cap);
}

int ordo_pegger_get(ordo_pegger *g, int32_t q, const int32_t **ref, const double **qty, int64_t *n)
{
    const struct ordo_plan *p = g->p;
    int rc = 0;
    if (g->memo[q].ref) {
        *ref = g->memo[q].ref, *qty = g->memo[q].qty, *n = g->memo[q].n;
    } else {
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1] && rc == 0; k++) {
            int32_t need = p->lnk_need[k];
            if (need >= 0 && !g->memo[need].ref) rc = derive_kept(g, need);
        }
        if (rc) return -1;
        pegs *d = g->last[q] > q ? &g->memo[q] : &g->out;
        size_t cap = d == &g->out ? g->out_cap : 0;
        rc = drain(g, accumulate(g, q), d, &cap);
        if (d == &g->out) g->out_cap = cap;
        *ref = d->ref, *qty = d->qty, *n = d->n;
    }
    /* parents whose last child this is are no longer needed */
    for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
        int32_t need = p->lnk_need[k];
        if (need >= 0 && g->last[need] == q && g->memo[need].ref) {
            free(g->memo[need].ref), free(g->memo[need].qty);
            g->memo[need] = (pegs){NULL, NULL, 0};
        }
    }
    return rc;
}

void ordo_peg_fold(const struct ordo_plan *p, const double *val, double init, int take_max, double *out)
{
    for (int32_t q = 0; q < p->npo; q++) {
        double v = init;
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            int32_t need = p->lnk_need[k];
            double x;
            if (ORDO_LNK_IS_ORDER(need))
                x = val[ORDO_LNK_ORDER_IDX(need)];
            else if (need >= 0 && p->po_good[need] > 0)
                x = out[need];
            else
                continue;
            if (take_max ? x > v : x < v) v = x;
        }
        out[q] = v;
    }
}

int ordo_peg_summarize(struct ordo_plan *p)
{
    const ordo_model *m = p->model;
    size_t npo = (size_t)p->npo + 1;
    free(p->po_pegdd), free(p->po_pegprio), free(p->po_pegurg);
    p->po_pegdd = malloc(npo * sizeof *p->po_pegdd);
    p->po_pegprio = malloc(npo * sizeof *p->po_pegprio);
    p->po_pegurg = malloc(npo);
    if (!p->po_pegdd || !p->po_pegprio || !p->po_pegurg) return -1;
    /* the three folds of ordo_peg_fold (max, from 0) in one pass over the links */
    for (int32_t q = 0; q < p->npo; q++) {
        int32_t dd = 0;
        double prio = 0;
        uint8_t urg = 0;
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            int32_t need = p->lnk_need[k];
            if (ORDO_LNK_IS_ORDER(need)) {
                int32_t o = ORDO_LNK_ORDER_IDX(need);
                if (m->or_design[o] > dd) dd = m->or_design[o];
                if (m->or_prio[o] > prio) prio = m->or_prio[o];
                urg |= m->or_urgent[o] != 0;
            } else if (need >= 0 && p->po_good[need] > 0) {
                if (p->po_pegdd[need] > dd) dd = p->po_pegdd[need];
                if (p->po_pegprio[need] > prio) prio = p->po_pegprio[need];
                urg |= p->po_pegurg[need];
            }
        }
        p->po_pegdd[q] = dd, p->po_pegprio[q] = prio, p->po_pegurg[q] = urg;
    }
    return 0;
}
