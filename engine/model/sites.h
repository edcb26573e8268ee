/*
** sites.h -- sites and transfer items (stage "validate"; README "Sites and transfers").
**
** A data set may list sites (`sites`: id, calendar); each item and resource is at one site
** (items[].site, resources[].site; by default the first), and an item id names one item at
** one site. A BOM line and an operation's resources stay within their item's site. Stock
** moves between sites through transfer items: `"source": "transfer"` with `transfer_from`,
** an item at another site. Validation gives a transfer item one BOM line, 1 of its source
** item needed on the release day, so that the MRP plans it as a make item without a
** routing (lead_time_days in the item's calendar, no capacity), and low-level codes and
** cycle detection run across sites with no more work.
**
** Without a sites table nothing changes: nsite is 0 and the site arrays are NULL.
*/
#ifndef ORDO_SITES_H
#define ORDO_SITES_H

#include "input.h"
#include "model.h"

/* The ids of one table: at[sid] its row, -1 when sid is not one of them; sids from n on
** are not. */
typedef struct ordo_sidmap {
    const int32_t *at;
    int32_t n;
} ordo_sidmap;

/* After items and resources are compiled, before suppliers and the BOM: the sites, the
** site of each item and resource (an item or resource without a calendar takes its site's),
** and the transfer items' sources (item_from, nxfer). Errors are located in d. Returns -1
** when out of memory, else 0. */
int ordo_sites_compile(const ordo_input *in, ordo_model *m, ordo_diag *d, ordo_sidmap cals, ordo_sidmap items);

/* After the BOM and routings: every BOM line within one site, a transfer item with neither
** BOM lines of its own nor a routing, every operation's resources at its item's site. */
void ordo_sites_check(const ordo_input *in, const ordo_model *m, ordo_diag *d, ordo_sidmap items, ordo_sidmap res);

/* The name of site s, NULL for none (s < 0). */
static inline const char *ordo_site_name(const ordo_model *m, int32_t s)
{
    return s >= 0 ? ordo_str(&m->names, m->site_name[s]) : NULL;
}

/* The site of item i, -1 when the data set has no sites. */
static inline int32_t ordo_item_site(const ordo_model *m, int32_t i)
{
    return m->item_site ? m->item_site[i] : -1;
}

/* The item that transfer item i is moved from, -1 when i is not a transfer item. */
static inline int32_t ordo_item_from(const ordo_model *m, int32_t i)
{
    return m->item_from ? m->item_from[i] : -1;
}

#endif /* ORDO_SITES_H */
