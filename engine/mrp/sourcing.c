/*
** sourcing.c -- choosing and splitting supply over an item's suppliers (sourcing.h).
*/
#include "sourcing.h"

#include "bounds.h"
#include "supply.h"

#include <math.h>

static double round_up(double q, double mult)
{
    if (!(mult > 0)) return q;
    double n = ceil(q / mult - 1e-9);
    return n * mult;
}

/* Good units after a supplier's min and multiple. */
double ordo_mrp_supplier_qty(const ordo_model *m, int32_t s, double g)
{
    if (g < m->sup_min[s]) g = m->sup_min[s];
    return round_up(g, m->sup_mult[s]);
}

int32_t ordo_mrp_choose_supplier(const ordo_model *m, int32_t i, int32_t due, int asap)
{
    int32_t a = m->sup_start ? m->sup_start[i] : 0, b = m->sup_start ? m->sup_start[i + 1] : 0;
    if (a == b) return -1;
    if (!asap)
        for (int32_t s = a; s < b; s++)
            if (ordo_sup_release(m, i, s, due) >= m->h_start) return s;
    int32_t best = a, best_day = ordo_sup_ready(m, i, a, m->h_start);
    for (int32_t s = a + 1; s < b; s++) {
        int32_t d = ordo_sup_ready(m, i, s, m->h_start);
        if (d < best_day) best = s, best_day = d;
    }
    return best;
}

static ordo_sup_part part_of(const ordo_model *m, int32_t i, int32_t s, int32_t due, double g)
{
    int32_t rel = ordo_sup_release(m, i, s, due);
    uint8_t moved = rel < m->h_start;
    return (ordo_sup_part){s, moved ? m->h_start : rel, moved, ordo_mrp_supplier_qty(m, s, g)};
}

int32_t ordo_mrp_supply_parts(const ordo_model *m, int32_t i, int32_t due, double g, ordo_sup_part *out)
{
    int32_t a = m->sup_start[i], b = m->sup_start[i + 1], n = 0;
    double total = 0;
    for (int32_t s = a; s < b; s++) total += m->sup_share[s];
    if (!(total > 0)) {
        out[0] = part_of(m, i, ordo_mrp_choose_supplier(m, i, due, 0), due, g);
        return 1;
    }
    for (int32_t s = a; s < b; s++) {
        if (!(m->sup_share[s] > 0)) continue;
        double part = g * (m->sup_share[s] / total);
        if (part > 0) out[n++] = part_of(m, i, s, due, part);
    }
    return n;
}
