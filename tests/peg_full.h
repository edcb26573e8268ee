/*
** peg_full.h -- tests: a plan's full pegging derived from its direct links into flat CSR
** arrays (start by planned order, then customer order or ORDO_PEG_SAFETY, good units), as the
** writers stream it.
*/
#ifndef ORDO_TEST_PEG_FULL_H
#define ORDO_TEST_PEG_FULL_H

#include "peg.h"

#include <stdlib.h>
#include <string.h>

typedef struct full_pegs {
    int64_t *start; /* [npo + 1] */
    int32_t *ref;
    double *qty;
    int64_t n;
} full_pegs;

static inline void full_pegs_free(full_pegs *f)
{
    free(f->start), free(f->ref), free(f->qty);
    memset(f, 0, sizeof *f);
}

/* 0, or -1 out of memory (f is then empty). */
static inline int full_pegs_of(const struct ordo_plan *p, full_pegs *f)
{
    memset(f, 0, sizeof *f);
    ordo_pegger *g = ordo_pegger_new(p);
    size_t cap = 16;
    f->start = malloc(((size_t)p->npo + 1) * sizeof *f->start);
    f->ref = malloc(cap * sizeof *f->ref);
    f->qty = malloc(cap * sizeof *f->qty);
    int bad = !g || !f->start || !f->ref || !f->qty;
    for (int32_t q = 0; !bad && q < p->npo; q++) {
        const int32_t *ref;
        const double *qty;
        int64_t n;
        f->start[q] = f->n;
        if (ordo_pegger_get(g, q, &ref, &qty, &n)) {
            bad = 1;
            break;
        }
        if ((size_t)(f->n + n) > cap) {
            while ((size_t)(f->n + n) > cap) cap *= 2;
            int32_t *r = realloc(f->ref, cap * sizeof *r);
            if (r) f->ref = r;
            double *x = realloc(f->qty, cap * sizeof *x);
            if (x) f->qty = x;
            if (!r || !x) {
                bad = 1;
                break;
            }
        }
        memcpy(f->ref + f->n, ref, (size_t)n * sizeof *ref);
        memcpy(f->qty + f->n, qty, (size_t)n * sizeof *qty);
        f->n += n;
    }
    if (!bad) f->start[p->npo] = f->n;
    ordo_pegger_free(g);
    if (bad) full_pegs_free(f);
    return bad ? -1 : 0;
}

#endif /* ORDO_TEST_PEG_FULL_H */
