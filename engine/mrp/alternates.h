/*
** alternates.h -- stage "MRP": how the needs of a group of alternative BOM lines (groups.h)
** are shared among its components.
**
** The items of a cluster (items linked by groups) are netted by one task, in item order.
** First each member's existing supply is profiled against its own needs (every need but the
** groups'): PA'(d) = on hand + receipts dated <= d - needs dated <= d (safety stock a need
** at horizon.start), at the end of each day. Its free stock on day d is
** max(0, min over t >= d of PA'(t)): what it can give on d without running short later.
** Then the group needs, in (day, parent demand, group) order: a parent planned order (or a
** phantom's pass-through) of P units released on d needs P x qty_per x (1 + scrap) of one
** line's component for each group, among the lines whose dates hold on d in (priority,
** input order); the first is the preferred line. Each line in that order covers
** c = min(P left, free(d) / per) parent units from its component's free stock, which takes
** c x per off that component's PA' from d on; what no free stock covers is put on the
** preferred component, whose netting plans it (its lot rule). So an alternative is never
** planned for a group's need, and its own needs keep their stock.
*/
#ifndef ORDO_MRP_ALTERNATES_H
#define ORDO_MRP_ALTERNATES_H

#include "model.h"

/* A share of a group need given to one component, in its units: a need of `item` on day,
** for the parent demand (key, src) as mrp.c numbers dependent needs. */
typedef struct ordo_alt_take {
    int32_t item, day, src;
    int64_t key;
    double qty;
    uint8_t stock; /* an alternative's share: served by its stock and receipts only */
} ordo_alt_take;

/* One task's scratch, reused cluster after cluster. */
typedef struct ordo_alt {
    const ordo_model *m;
    int32_t *slot;   /* [nitem] member index of an item, -1 (allocated on first use) */
    ordo_vec mem;    /* int32_t: the members, in the order added */
    ordo_vec ev;     /* supply and need events of the members */
    ordo_vec dem;    /* group needs */
    ordo_vec pt;     /* PA' at the end of each event day, by member */
    ordo_vec pt0;    /* int32_t [nmember + 1]: each member's points */
    ordo_vec take;   /* ordo_alt_take, by item */
    int oom;
} ordo_alt;

void ordo_alt_init(ordo_alt *A, const ordo_model *m);
void ordo_alt_free(ordo_alt *A);

/* Start a cluster; item becomes a member (call once per member, before its events). */
void ordo_alt_member(ordo_alt *A, int32_t item, int first);
/* A supply (delta > 0) or need (delta < 0) of a member on day. */
void ordo_alt_event(ordo_alt *A, int32_t item, int32_t day, double delta);
/* A parent demand of group g: P parent units on day (key, src: the dependent need's). */
void ordo_alt_demand(ordo_alt *A, int32_t g, int32_t day, int64_t key, int32_t src, double P);
/* Share the group demands among the members' free stock (see above); then
** ordo_alt_takes lists each member's shares. */
void ordo_alt_allocate(ordo_alt *A);
const ordo_alt_take *ordo_alt_takes(const ordo_alt *A, int32_t item, int32_t *n /* OUT */);
/* Forget the cluster (the member slots are reset). */
void ordo_alt_end(ordo_alt *A);

#endif /* ORDO_MRP_ALTERNATES_H */
