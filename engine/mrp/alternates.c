/*
** alternates.c -- stage "MRP": the group needs of a cluster shared among its components'
** free stock (alternates.h). Sequential and deterministic: one task per cluster.
**
** Cost: O(E log E) for a cluster's E events and group needs, plus O(P) per line a group
** need tries, P the points of that line's component.
*/
#include "alternates.h"

#include <math.h>
#include <stdlib.h>

typedef struct alt_ev { int32_t mem, day; double delta; } alt_ev;
typedef struct alt_dem { int32_t g, day, src; int64_t key; double P; } alt_dem;
/* pa: PA' at the end of the day, shares taken off; pa2: also the remainders put on the member
** as a preferred component, which its netting may serve from stock before later shares */
typedef struct alt_pt { int32_t day; double pa, pa2; } alt_pt;

static double tol(double x) { return 1e-9 * (1.0 + fabs(x)); }

void ordo_alt_init(ordo_alt *A, const ordo_model *m)
{
    A->m = m;
    A->slot = NULL;
    A->oom = 0;
    ordo_vec_init(&A->mem, sizeof(int32_t));
    ordo_vec_init(&A->ev, sizeof(alt_ev));
    ordo_vec_init(&A->dem, sizeof(alt_dem));
    ordo_vec_init(&A->pt, sizeof(alt_pt));
    ordo_vec_init(&A->pt0, sizeof(int32_t));
    ordo_vec_init(&A->take, sizeof(ordo_alt_take));
}

void ordo_alt_free(ordo_alt *A)
{
    free(A->slot);
    A->slot = NULL;
    ordo_vec *v[] = {&A->mem, &A->ev, &A->dem, &A->pt, &A->pt0, &A->take};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) ordo_vec_free(v[k]);
}

static void *push(ordo_alt *A, ordo_vec *v)
{
    void *p = ordo_vec_push_raw(v);
    if (!p) A->oom = 1;
    return p;
}

void ordo_alt_member(ordo_alt *A, int32_t item, int first)
{
    if (first) A->mem.len = A->ev.len = A->dem.len = A->pt.len = A->pt0.len = A->take.len = 0;
    if (!A->slot) {
        A->slot = malloc(((size_t)A->m->nitem + 1) * sizeof *A->slot);
        if (!A->slot) {
            A->oom = 1;
            return;
        }
        for (int32_t i = 0; i < A->m->nitem; i++) A->slot[i] = -1;
    }
    int32_t *p = push(A, &A->mem);
    if (!p) return;
    *p = item;
    A->slot[item] = (int32_t)A->mem.len - 1;
}

void ordo_alt_event(ordo_alt *A, int32_t item, int32_t day, double delta)
{
    alt_ev *e = A->slot ? push(A, &A->ev) : NULL;
    if (e) *e = (alt_ev){A->slot[item], day, delta};
}

void ordo_alt_demand(ordo_alt *A, int32_t g, int32_t day, int64_t key, int32_t src, double P)
{
    const ordo_model *m = A->m;
    alt_dem *d = push(A, &A->dem);
    if (d) *d = (alt_dem){g, day, src, key, P};
    for (int32_t j = m->grp_start[g]; j < m->grp_start[g + 1]; j++) /* a point on that day */
        ordo_alt_event(A, m->bom_child[m->grp_line[j]], day, 0);
}

static int cmp_ev(const void *x, const void *y)
{
    const alt_ev *a = x, *b = y;
    if (a->mem != b->mem) return a->mem < b->mem ? -1 : 1;
    return (a->day > b->day) - (a->day < b->day);
}

static int cmp_dem(const void *x, const void *y)
{
    const alt_dem *a = x, *b = y;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->g > b->g) - (a->g < b->g);
}

static int cmp_take(const void *x, const void *y)
{
    const ordo_alt_take *a = x, *b = y;
    if (a->item != b->item) return a->item < b->item ? -1 : 1;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

/* PA' at the end of each event day of every member (events sorted by member, day). */
static void build_points(ordo_alt *A)
{
    int32_t nm = (int32_t)A->mem.len;
    if (ordo_vec_reserve(&A->pt0, (size_t)nm + 1) || ordo_vec_reserve(&A->pt, A->ev.len + 1)) {
        A->oom = 1;
        return;
    }
    const alt_ev *e = A->ev.data;
    alt_pt *pt = A->pt.data;
    int32_t *pt0 = A->pt0.data;
    size_t n = A->ev.len, k = 0, w = 0;
    for (int32_t x = 0; x < nm; x++) {
        pt0[x] = (int32_t)w;
        double pa = 0;
        while (k < n && e[k].mem == x) {
            int32_t day = e[k].day;
            for (; k < n && e[k].mem == x && e[k].day == day; k++) pa += e[k].delta;
            pt[w++] = (alt_pt){day, pa, pa};
        }
    }
    pt0[nm] = (int32_t)w;
    A->pt.len = w;
    A->pt0.len = (size_t)nm + 1;
}

/* The first point of member x on or after day (the point of day, for a demand's day). */
static int32_t point_of(const ordo_alt *A, int32_t x, int32_t day)
{
    const alt_pt *pt = A->pt.data;
    const int32_t *pt0 = A->pt0.data;
    int32_t lo = pt0[x], hi = pt0[x + 1];
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (pt[mid].day < day) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Up to want units of member x's free stock on day, taken off its PA'. An alternative's
** share (stock_only) is also bounded by pa2 on that day: what stock and receipts surely
** still hold when its netting reaches the share (alternatives.h), so that the share is
** served by them and never by a planned order. */
static double take_free(ordo_alt *A, int32_t x, int32_t day, double want, int stock_only)
{
    alt_pt *pt = A->pt.data;
    int32_t lo = point_of(A, x, day), hi = ((const int32_t *)A->pt0.data)[x + 1];
    double free_q = (double)INFINITY;
    for (int32_t j = lo; j < hi; j++)
        if (pt[j].pa < free_q) free_q = pt[j].pa;
    if (stock_only && lo < hi && pt[lo].pa2 < free_q) free_q = pt[lo].pa2;
    if (!(free_q > tol(want))) return 0;
    double q = want < free_q ? want : free_q;
    for (int32_t j = lo; j < hi; j++) pt[j].pa -= q, pt[j].pa2 -= q;
    return q;
}

/* A remainder of q units put on member x (its preferred component) on day: its netting may
** serve it from stock, so later shares of x's stock count without it. */
static void spend(ordo_alt *A, int32_t x, int32_t day, double q)
{
    alt_pt *pt = A->pt.data;
    int32_t hi = ((const int32_t *)A->pt0.data)[x + 1];
    for (int32_t j = point_of(A, x, day); j < hi; j++) pt[j].pa2 -= q;
}

static void add_take(ordo_alt *A, int32_t item, const alt_dem *d, double q, int stock)
{
    ordo_alt_take *t = push(A, &A->take);
    if (t) *t = (ordo_alt_take){item, d->day, d->src, d->key, q, (uint8_t)stock};
}

/* One group need: free stock of the lines in order, the rest on the preferred line. */
static void share(ordo_alt *A, const alt_dem *d)
{
    const ordo_model *m = A->m;
    int32_t pref = -1;
    double left = d->P, pref_q = 0;
    for (int32_t j = m->grp_start[d->g]; j < m->grp_start[d->g + 1]; j++) {
        int32_t l = m->grp_line[j], c = m->bom_child[l];
        if (d->day < m->bom_from[l] || d->day >= m->bom_to[l]) continue;
        if (pref < 0) pref = l;
        double per = m->bom_qty[l] * (1.0 + m->bom_scrap[l]);
        double q = left > tol(d->P) ? take_free(A, A->slot[c], d->day, left * per, l != pref) : 0;
        left -= q / per;
        if (l == pref) pref_q += q;
        else if (q > 0) add_take(A, c, d, q, 1);
    }
    if (pref < 0) return; /* no line of the group holds on that day */
    if (left > tol(d->P)) {
        double rest = left * m->bom_qty[pref] * (1.0 + m->bom_scrap[pref]);
        pref_q += rest;
        spend(A, A->slot[m->bom_child[pref]], d->day, rest);
    }
    if (pref_q > 0) add_take(A, m->bom_child[pref], d, pref_q, 0);
}

void ordo_alt_allocate(ordo_alt *A)
{
    if (A->oom || !A->slot) return;
    if (A->ev.len > 1) qsort(A->ev.data, A->ev.len, sizeof(alt_ev), cmp_ev);
    build_points(A);
    if (A->oom) return;
    if (A->dem.len > 1) qsort(A->dem.data, A->dem.len, sizeof(alt_dem), cmp_dem);
    for (size_t k = 0; k < A->dem.len; k++) share(A, (const alt_dem *)A->dem.data + k);
    if (A->take.len > 1) qsort(A->take.data, A->take.len, sizeof(ordo_alt_take), cmp_take);
}

const ordo_alt_take *ordo_alt_takes(const ordo_alt *A, int32_t item, int32_t *n)
{
    const ordo_alt_take *t = A->take.data;
    size_t lo = 0, hi = A->take.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].item < item) lo = mid + 1;
        else hi = mid;
    }
    size_t e = lo;
    while (e < A->take.len && t[e].item == item) e++;
    *n = (int32_t)(e - lo);
    return e > lo ? t + lo : NULL;
}

void ordo_alt_end(ordo_alt *A)
{
    const int32_t *mem = A->mem.data;
    for (size_t k = 0; A->slot && k < A->mem.len; k++) A->slot[mem[k]] = -1;
    A->mem.len = 0;
}
