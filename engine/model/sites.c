/*
** sites.c -- sites and transfer items: their validation and compilation (see sites.h).
*/
#include "sites.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sctx {
    const ordo_input *in;
    ordo_model *m;
    ordo_diag *d;
} sctx;

static void serr(const sctx *c, int t, int32_t r, int f, const char *fmt, ...) ORDO_PRINTF(5, 6);
static void serr(const sctx *c, int t, int32_t r, int f, const char *fmt, ...)
{
    char path[512], msg[512];
    ordo_input_path(c->in, t, r, f, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ordo_diag_add(c->d, path, "%s", msg);
}

static const void *row(const ordo_input *in, int t, int32_t r)
{
    return (const char *)in->tab[t].data + (size_t)r * in->tab[t].elem;
}

static const char *str(const sctx *c, int32_t sid) { return ordo_str(&c->in->strings, sid); }

static int32_t map_get(ordo_sidmap m, int32_t sid) { return sid >= 0 && sid < m.n ? m.at[sid] : -1; }

/* The site named in field f of row r of table t: its index, the first site when not
** given, -1 (and an error) when unknown. */
static int32_t site_ref(const sctx *c, const int32_t *site_at, int t, int32_t r, int f)
{
    const ordo_rowhdr *h = row(c->in, t, r);
    if (!(h->present >> f & 1u)) return c->m->nsite ? 0 : -1;
    int32_t sid = *(const int32_t *)((const char *)h + ordo_schemas[t].fields[f].off);
    int32_t s = site_at && sid >= 0 && sid < c->in->strings.n ? site_at[sid] : -1;
    if (s < 0)
        serr(c, t, r, f, "unknown site \"%s\"%s", str(c, sid), c->m->nsite ? "" : " (the data set has no sites table)");
    return s;
}

/* The sites table: names, calendars; site_at[sid] each site's index. */
static void compile_site_table(const sctx *c, ordo_sidmap cals, int32_t *site_at)
{
    ordo_model *m = c->m;
    for (int32_t s = 0; s < m->nsite; s++) {
        const ordo_raw_site *r = row(c->in, ORDO_TAB_SITE, s);
        m->site_name[s] = r->id, m->site_cal[s] = -1;
        if (r->h.present >> F_SITE_ID & 1u) {
            if (site_at[r->id] >= 0) serr(c, ORDO_TAB_SITE, s, F_SITE_ID, "duplicate id \"%s\" (first at sites[%d])", str(c, r->id), site_at[r->id]);
            else site_at[r->id] = s;
        }
        if (r->h.present >> F_SITE_CAL & 1u) {
            m->site_cal[s] = map_get(cals, r->calendar);
            if (m->site_cal[s] < 0) serr(c, ORDO_TAB_SITE, s, F_SITE_CAL, "unknown calendar \"%s\"", str(c, r->calendar));
        }
    }
}

/* Item i's transfer source: checked, into m->item_from[i]. */
static void transfer_of(const sctx *c, ordo_sidmap items, int32_t i)
{
    ordo_model *m = c->m;
    const ordo_raw_item *it = row(c->in, ORDO_TAB_ITEM, i);
    int xfer = (it->h.present >> F_IT_SOURCE & 1u) && strcmp(str(c, it->source), "transfer") == 0;
    int has_from = it->h.present >> F_IT_FROM & 1u;
    m->item_from[i] = -1;
    if (!xfer) {
        if (has_from) serr(c, ORDO_TAB_ITEM, i, F_IT_FROM, "only an item with source \"transfer\" is moved from another item");
        return;
    }
    if (!has_from) {
        serr(c, ORDO_TAB_ITEM, i, F_IT_FROM, "transfer item \"%s\" names no item to move from", str(c, it->id));
        return;
    }
    int32_t from = map_get(items, it->transfer_from);
    if (from < 0) {
        serr(c, ORDO_TAB_ITEM, i, F_IT_FROM, "unknown item \"%s\"", str(c, it->transfer_from));
    } else if (!m->nsite) {
        serr(c, ORDO_TAB_ITEM, i, F_IT_FROM, "a transfer moves stock between sites, and the data set has no sites table");
    } else if (m->item_site[from] == m->item_site[i] && m->item_site[i] >= 0) {
        serr(c, ORDO_TAB_ITEM, i, F_IT_FROM, "item \"%s\" is at the same site \"%s\" (a transfer moves stock between sites)",
             str(c, it->transfer_from), str(c, m->site_name[m->item_site[i]]));
    } else if (m->item_site[from] >= 0 && m->item_site[i] >= 0) {
        m->item_from[i] = from;
        m->nxfer++;
    }
}

int ordo_sites_compile(const ordo_input *in, ordo_model *m, ordo_diag *d, ordo_sidmap cals, ordo_sidmap items)
{
    sctx c = {in, m, d};
    m->nsite = ORDO_NROWS(in, ORDO_TAB_SITE);
    int32_t nxfer_rows = 0, ns = in->strings.n;
    for (int32_t i = 0; i < m->nitem; i++) {
        const ordo_raw_item *it = row(in, ORDO_TAB_ITEM, i);
        nxfer_rows += (it->h.given >> F_IT_FROM & 1u) || ((it->h.present >> F_IT_SOURCE & 1u) && strcmp(str(&c, it->source), "transfer") == 0);
    }
    int32_t *site_at = NULL;
    if (m->nsite) {
        site_at = malloc((size_t)(ns ? ns : 1) * sizeof *site_at);
        m->site_name = ordo_arena_calloc(&m->arena, (size_t)m->nsite, sizeof(int32_t));
        m->site_cal = ordo_arena_calloc(&m->arena, (size_t)m->nsite, sizeof(int32_t));
        m->item_site = ordo_arena_calloc(&m->arena, (size_t)m->nitem + 1, sizeof(int32_t));
        m->res_site = ordo_arena_calloc(&m->arena, (size_t)m->nres + 1, sizeof(int32_t));
        if (!site_at || !m->site_name || !m->site_cal || !m->item_site || !m->res_site) {
            free(site_at);
            return -1;
        }
        memset(site_at, 0xff, (size_t)ns * sizeof *site_at);
        compile_site_table(&c, cals, site_at);
    }
    for (int32_t i = 0; i < m->nitem; i++) {
        int32_t s = site_ref(&c, site_at, ORDO_TAB_ITEM, i, F_IT_SITE);
        if (!m->item_site) continue;
        m->item_site[i] = s;
        const ordo_raw_item *it = row(in, ORDO_TAB_ITEM, i);
        if (s >= 0 && !(it->h.given >> F_IT_CAL & 1u)) m->item_cal[i] = m->site_cal[s];
    }
    for (int32_t r = 0; r < m->nres; r++) {
        int32_t s = site_ref(&c, site_at, ORDO_TAB_RES, r, F_RES_SITE);
        if (!m->res_site) continue;
        m->res_site[r] = s;
        const ordo_raw_res *rr = row(in, ORDO_TAB_RES, r);
        if (s >= 0 && !(rr->h.given >> F_RES_CAL & 1u)) m->res_cal[r] = m->site_cal[s];
    }
    free(site_at);
    if (!nxfer_rows) return 0;
    m->item_from = ordo_arena_calloc(&m->arena, (size_t)m->nitem + 1, sizeof(int32_t));
    if (!m->item_from) return -1;
    for (int32_t i = 0; i < m->nitem; i++) transfer_of(&c, items, i);
    return 0;
}

/* Every operation's resources at the site of its routing's item. */
static void check_operations(const sctx *c, ordo_sidmap items, ordo_sidmap res)
{
    const ordo_model *m = c->m;
    for (int32_t a = 0; a < ORDO_NROWS(c->in, ORDO_TAB_ALT); a++) {
        const ordo_raw_alt *alt = row(c->in, ORDO_TAB_ALT, a);
        const ordo_rowhdr *op = row(c->in, ORDO_TAB_OP, alt->h.parent);
        const ordo_raw_routing *rt = row(c->in, ORDO_TAB_ROUTING, op->parent);
        int32_t i = map_get(items, rt->item), r = map_get(res, alt->id);
        if (i < 0 || r < 0 || m->item_site[i] < 0 || m->res_site[r] < 0 || m->item_site[i] == m->res_site[r]) continue;
        serr(c, ORDO_TAB_ALT, a, F_ALT_ID, "resource \"%s\" is at site \"%s\", item \"%s\" at site \"%s\" (a routing stays within its item's site)",
             str(c, alt->id), str(c, m->site_name[m->res_site[r]]), str(c, rt->item), str(c, m->site_name[m->item_site[i]]));
    }
}

void ordo_sites_check(const ordo_input *in, const ordo_model *m, ordo_diag *d, ordo_sidmap items, ordo_sidmap res)
{
    sctx c = {in, (ordo_model *)m, d};
    for (int32_t p = 0; p < m->nitem; p++) {
        int xfer = ordo_item_from(m, p) >= 0;
        if (xfer && m->rout_start && m->rout_start[p + 1] > m->rout_start[p])
            serr(&c, ORDO_TAB_ITEM, p, F_IT_SOURCE, "transfer item \"%s\" has a routing (it is moved, not made)", str(&c, m->item_name[p]));
        for (int32_t k = m->bom_start[p]; k < m->bom_start[p + 1]; k++) {
            int32_t ch = m->bom_child[k], line = m->bom_line[k];
            if (line < 0) continue; /* a transfer's own line */
            if (xfer) {
                serr(&c, ORDO_TAB_BOM, line, F_BOM_PARENT, "transfer item \"%s\" has BOM lines (it takes only its transfer_from)",
                     str(&c, m->item_name[p]));
            } else if (m->item_site && m->item_site[p] >= 0 && m->item_site[ch] >= 0 && m->item_site[p] != m->item_site[ch]) {
                serr(&c, ORDO_TAB_BOM, line, F_BOM_COMP, "item \"%s\" is at site \"%s\", its parent \"%s\" at site \"%s\" (a BOM line stays within one site; a transfer item moves stock between sites)",
                     str(&c, m->item_name[ch]), str(&c, m->site_name[m->item_site[ch]]), str(&c, m->item_name[p]),
                     str(&c, m->site_name[m->item_site[p]]));
            }
        }
    }
    if (m->nsite && m->res_site) check_operations(&c, items, res);
}
