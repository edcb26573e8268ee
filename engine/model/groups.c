/*
** groups.c -- stage "model": groups of alternative BOM lines checked and compiled, and
** the clusters of items they link (groups.h).
*/
#include "groups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gkey { int32_t sid, key, row, k; } gkey; /* key: component or priority */

static int cmp_gkey(const void *x, const void *y)
{
    const gkey *a = x, *b = y;
    if (a->sid != b->sid) return a->sid < b->sid ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

static void line_err(const ordo_input *in, ordo_diag *d, int32_t row, int f, const char *msg)
{
    char path[256];
    ordo_input_path(in, ORDO_TAB_BOM, row, f, path, sizeof path);
    ordo_diag_add(d, path, "%s", msg);
}

static const char *iname(const ordo_model *m, const ordo_input *in, int32_t i)
{
    return ordo_str(&in->strings, m->item_name[i]);
}

/* The parent of each line. */
static int32_t *line_parents(const ordo_model *m)
{
    int32_t *par = malloc(((size_t)m->nbom + 1) * sizeof *par);
    if (!par) return NULL;
    for (int32_t p = 0; p < m->nitem; p++)
        for (int32_t k = m->bom_start[p]; k < m->bom_start[p + 1]; k++) par[k] = p;
    return par;
}

/* Errors of the run g[0..n) of one group name: lines of another parent than the first
** line's, the same component twice, a single line. Marks bad lines with sid -1. */
static void check_run(const ordo_model *m, const ordo_input *in, ordo_diag *d, const int32_t *par, gkey *g, int32_t n)
{
    char msg[512];
    const char *gn = ordo_str(&in->strings, g[0].sid);
    int32_t first = 0, owned = 0;
    for (int32_t j = 1; j < n; j++)
        if (g[j].row < g[first].row) first = j;
    int32_t owner = par[g[first].k], last = -1; /* last: the previous line kept */
    for (int32_t j = 0; j < n; j++) { /* g is sorted by component here */
        int32_t k = g[j].k;
        if (par[k] != owner) {
            snprintf(msg, sizeof msg, "group \"%s\" belongs to parent \"%s\" (bom[%d]); a group's lines share one parent",
                     gn, iname(m, in, owner), g[first].row);
            line_err(in, d, g[j].row, F_BOM_GROUP, msg);
            g[j].sid = -1;
        } else if (last >= 0 && m->bom_child[g[last].k] == m->bom_child[k]) {
            snprintf(msg, sizeof msg, "\"%s\" is already in group \"%s\" (bom[%d])", iname(m, in, m->bom_child[k]), gn,
                     g[last].row);
            line_err(in, d, g[j].row, F_BOM_COMP, msg);
            g[j].sid = -1;
        } else {
            owned++;
            last = j;
        }
    }
    if (owned < 2) {
        snprintf(msg, sizeof msg, "group \"%s\" has only this line (alternatives need two lines or more)", gn);
        line_err(in, d, g[first].row, F_BOM_GROUP, msg);
        for (int32_t j = 0; j < n; j++) g[j].sid = -1;
    }
}

static int32_t uf_find(int32_t *up, int32_t x)
{
    while (up[x] != x) x = up[x] = up[up[x]];
    return x;
}

/* Dense groups in name order, their lines by (priority, row), and the clusters. */
static void build_groups(ordo_model *m, gkey *g, int32_t n)
{
    int32_t ng = 0;
    for (int32_t j = 0; j < n; j++) {
        if (g[j].sid >= 0) {
            int32_t k = g[j].k;
            g[j].key = m->bom_prio[k];
        }
    }
    qsort(g, (size_t)n, sizeof *g, cmp_gkey);
    for (int32_t k = 0; k < m->nbom; k++) m->bom_group[k] = -1;
    int32_t w = 0, prev = -1;
    for (int32_t j = 0; j < n; j++) {
        if (g[j].sid < 0) continue;
        if (g[j].sid != prev) m->grp_start[ng++] = w, prev = g[j].sid;
        m->bom_group[g[j].k] = ng - 1;
        m->grp_line[w++] = g[j].k;
    }
    m->grp_start[ng] = w;
    m->ngroup = ng;
    int32_t *up = m->item_alt_rep;
    for (int32_t i = 0; i < m->nitem; i++) up[i] = i;
    for (int32_t G = 0; G < ng; G++)
        for (int32_t j = m->grp_start[G] + 1; j < m->grp_start[G + 1]; j++) {
            int32_t a = uf_find(up, m->bom_child[m->grp_line[m->grp_start[G]]]);
            int32_t b = uf_find(up, m->bom_child[m->grp_line[j]]);
            if (a != b) up[a > b ? a : b] = a < b ? a : b; /* the root is the smallest index */
        }
    for (int32_t i = 0; i < m->nitem; i++) up[i] = uf_find(up, i);
}

int ordo_model_groups(ordo_model *m, const ordo_input *in, ordo_diag *d)
{
    int32_t n = 0;
    for (int32_t k = 0; k < m->nbom; k++) n += m->bom_group[k] >= 0;
    gkey *g = malloc(((size_t)n + 1) * sizeof *g);
    int32_t *par = line_parents(m);
    m->grp_start = ordo_arena_calloc(&m->arena, (size_t)n + 2, sizeof(int32_t));
    m->grp_line = ordo_arena_calloc(&m->arena, (size_t)n + 1, sizeof(int32_t));
    m->item_alt_rep = ordo_arena_calloc(&m->arena, (size_t)m->nitem + 1, sizeof(int32_t));
    if (!g || !par || !m->grp_start || !m->grp_line || !m->item_alt_rep) {
        free(g);
        free(par);
        return -1;
    }
    n = 0;
    for (int32_t k = 0; k < m->nbom; k++)
        if (m->bom_group[k] >= 0) g[n++] = (gkey){m->bom_group[k], m->bom_child[k], m->bom_line[k], k};
    qsort(g, (size_t)n, sizeof *g, cmp_gkey);
    for (int32_t a = 0, b; a < n; a = b) {
        for (b = a; b < n && g[b].sid == g[a].sid; b++) {}
        check_run(m, in, d, par, g + a, b - a);
    }
    build_groups(m, g, n);
    free(g);
    free(par);
    return 0;
}

/* Report a group whose cluster could not be given a level. */
static void level_error(const ordo_model *m, const ordo_input *in, ordo_diag *d, int32_t rep)
{
    for (int32_t G = 0; G < m->ngroup; G++) {
        int32_t l0 = m->grp_line[m->grp_start[G]];
        if (m->item_alt_rep[m->bom_child[l0]] != rep) continue;
        line_err(in, d, m->bom_line[l0], F_BOM_GROUP,
                 "its alternatives cannot be planned level by level: one of them, or an item linked to them "
                 "by another group, is made from another");
        return;
    }
}

int ordo_model_group_levels(ordo_model *m, const ordo_input *in, ordo_diag *d)
{
    int32_t n = m->nitem;
    const int32_t *rep = m->item_alt_rep;
    int32_t *indeg = calloc((size_t)n + 1, sizeof *indeg), *queue = malloc(((size_t)n + 1) * sizeof *queue);
    int32_t *mstart = calloc((size_t)n + 2, sizeof *mstart), *mem = malloc(((size_t)n + 1) * sizeof *mem);
    int32_t *llc = calloc((size_t)n + 1, sizeof *llc);
    int rc = indeg && queue && mstart && mem && llc ? 0 : -1;
    int32_t head = 0, tail = 0, nrep = 0;
    if (rc == 0) {
        for (int32_t i = 0; i < n; i++) mstart[rep[i] + 1]++;
        for (int32_t i = 0; i < n; i++) mstart[i + 1] += mstart[i];
        for (int32_t i = 0; i < n; i++) mem[mstart[rep[i]]++] = i; /* mstart[r] now ends r's members */
        for (int32_t i = n; i > 0; i--) mstart[i] = mstart[i - 1];
        mstart[0] = 0;
        for (int32_t k = 0; k < m->nbom; k++) indeg[rep[m->bom_child[k]]]++;
        for (int32_t i = 0; i < n; i++) {
            if (rep[i] != i) continue;
            nrep++;
            if (!indeg[i]) queue[tail++] = i;
        }
    }
    while (head < tail) { /* Kahn over the clusters (a lone item is its own cluster) */
        int32_t r = queue[head++];
        for (int32_t j = mstart[r]; j < mstart[r + 1]; j++)
            for (int32_t k = m->bom_start[mem[j]]; k < m->bom_start[mem[j] + 1]; k++) {
                int32_t c = rep[m->bom_child[k]];
                if (llc[c] < llc[r] + 1) llc[c] = llc[r] + 1;
                if (--indeg[c] == 0) queue[tail++] = c;
            }
    }
    if (rc == 0 && tail < nrep) {
        uint8_t *done = calloc((size_t)n + 1, 1);
        for (int32_t j = 0; done && j < tail; j++) done[queue[j]] = 1;
        for (int32_t i = 0; done && i < n; i++)
            if (rep[i] == i && !done[i] && mstart[i + 1] - mstart[i] > 1) {
                level_error(m, in, d, i);
                break;
            }
        rc = done ? 0 : -1;
        free(done);
    }
    if (rc == 0) {
        m->nlevels = 0;
        for (int32_t i = 0; i < n; i++) {
            m->item_llc[i] = llc[rep[i]];
            if (llc[rep[i]] + 1 > m->nlevels) m->nlevels = llc[rep[i]] + 1;
        }
    }
    free(indeg), free(queue), free(mstart), free(mem), free(llc);
    return rc;
}

int ordo_model_line_used(const ordo_model *m, int32_t l, int32_t day)
{
    if (day < m->bom_from[l] || day >= m->bom_to[l]) return 0;
    if (!m->bom_group || m->bom_group[l] < 0) return 1;
    int32_t G = m->bom_group[l];
    for (int32_t j = m->grp_start[G]; j < m->grp_start[G + 1]; j++) {
        int32_t k = m->grp_line[j];
        if (day >= m->bom_from[k] && day < m->bom_to[k]) return k == l;
    }
    return 0;
}
