/*
** groups.h -- stage "model": alternative components, BOM lines of one parent grouped as
** alternatives of one another (bom[].group, bom[].priority).
**
** A group belongs to one parent and holds two lines or more, each with its own component,
** qty_per, scrap and dates; the line of lowest priority (then input order) is the preferred
** one. Items linked by groups form a cluster: the MRP nets a cluster's items together, so
** they share one low-level code (the largest of theirs, pushed below every parent).
*/
#ifndef ORDO_GROUPS_H
#define ORDO_GROUPS_H

#include "input.h"
#include "model.h"

/* Check the groups of the compiled BOM (bom_group holds group-name sids on entry, dense
** group indices on return) and build grp_start, grp_line and item_alt_rep. Errors go to d,
** located at the lines. 0, or -1 out of memory. */
int ordo_model_groups(ordo_model *m, const ordo_input *in, ordo_diag *d);

/* Give every item of a cluster one low-level code, below all its parents, and set
** nlevels. Called after the plain codes, when the BOM has no cycle; an item that would
** have to sit below itself (an alternative made from another of its cluster) is an error.
** 0, or -1 out of memory. */
int ordo_model_group_levels(ordo_model *m, const ordo_input *in, ordo_diag *d);

/* Whether BOM line l is used by a new order of its parent released on day: a plain line
** when its dates hold; a line of a group when it is the group's preferred line among those
** whose dates hold (quotes and insertions plan on the preferred component). */
int ordo_model_line_used(const ordo_model *m, int32_t l, int32_t day);

#endif /* ORDO_GROUPS_H */
