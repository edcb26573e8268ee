/*
** peg_query.c -- pegging questions answered from a plan's direct links without writing the
** plan (ordo peg DIR --order SO-x | --supply PL-n, on the state saved by ordo plan -o DIR).
**
** --order: the supplies that serve a customer order, level by level. Level 1 is what serves
** the order directly (planned orders, receipts, on-hand stock); level k + 1 is what serves
** the planned orders of level k. Each entry is one direct link, with the link's quantity
** (link_qty) and
** the part of it that belongs to the order ("for_order": the link's quantity times the
** parent's part for the order over the parent's good quantity, as in full pegging). A
** planned order's parts summed over every level and link are its full pegging to the order.
** The walk carries one part per planned order and level, so it costs O(links) per level.
**
** --supply: a planned order's full pegging (derived, peg.h) and its direct links.
*/
#include "dates.h"
#include "emit.h"
#include "ordo.h"
#include "peg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *sname(const ordo_model *m, int32_t sid) { return ordo_str(&m->names, sid); }

/* ", \"item\": ..., \"qty\": ..." and the dates of planned order q. */
static void po_fields(ordo_emit *b, const struct ordo_plan *p, int32_t q)
{
    const ordo_model *m = p->model;
    int32_t i = p->po_item[q];
    ordo_emit_fmt(b, ", \"item\": ");
    ordo_emit_str(b, sname(m, m->item_name[i]));
    ordo_emit_fmt(b, ", \"kind\": \"%s\", \"qty\": %.15g, \"good_qty\": %.15g, \"release\": ",
           m->item_src[i] == ORDO_SRC_MAKE ? "make" : m->item_src[i] == ORDO_SRC_BUY ? "buy" : "phantom", p->po_qty[q],
           p->po_good[q]);
    ordo_emit_date(b, p->po_release[q]);
    ordo_emit_fmt(b, ", \"due\": ");
    ordo_emit_date(b, p->po_due[q]);
}

/* The need a link serves, as a JSON field: "serves": "PL-n" | order name | "safety_stock" |
** "backlog"; in the direct pegging's words (plan --pegging direct) with direct set. */
static void need_field(ordo_emit *b, const ordo_model *m, int32_t need, int direct)
{
    if (direct) {
        ordo_emit_fmt(b, need >= 0 ? "\"supply_of\": " : need == ORDO_LNK_BACKLOG ? "\"backlog\": true" : "\"order\": ");
        if (need == ORDO_LNK_BACKLOG) return;
    } else {
        ordo_emit_fmt(b, "\"serves\": ");
    }
    if (need >= 0)
        ordo_emit_fmt(b, "\"PL-%lld\"", (long long)need + 1);
    else if (need == ORDO_LNK_SAFETY)
        ordo_emit_fmt(b, "\"safety_stock\"");
    else if (need == ORDO_LNK_BACKLOG)
        ordo_emit_fmt(b, "\"backlog\"");
    else
        ordo_emit_str(b, sname(m, m->or_name[ORDO_LNK_ORDER_IDX(need)]));
}

/* A stock link k as an entry: on hand or a receipt, its item, date and quantities. */
static void stock_entry(ordo_emit *b, const struct ordo_plan *p, int64_t k, double part)
{
    const ordo_model *m = p->model;
    int32_t s = p->slnk_sup[k];
    ordo_emit_fmt(b, "{\"supply\": ");
    if (s == ORDO_SUP_ONHAND) {
        ordo_emit_fmt(b, "\"on_hand\", \"date\": ");
        ordo_emit_date(b, m->h_start);
    } else {
        int32_t r = ORDO_SUP_RCPT_IDX(s);
        ordo_emit_str(b, sname(m, m->rc_name[r]));
        ordo_emit_fmt(b, ", \"kind\": \"receipt\", \"date\": ");
        ordo_emit_date(b, m->rc_date[r] < m->h_start ? m->h_start : m->rc_date[r]);
    }
    ordo_emit_fmt(b, ", \"item\": ");
    ordo_emit_str(b, sname(m, m->item_name[p->slnk_item[k]]));
    ordo_emit_fmt(b, ", ");
    need_field(b, m, p->slnk_need[k], 0);
    ordo_emit_fmt(b, ", \"link_qty\": %.15g, \"for_order\": %.15g}", p->slnk_qty[k], part);
}

/* Links by what they serve: planned-order links and stock links to each planned order
** (CSR over npo), as indexes into lnk_* and slnk_*; lnk_of gives each link's planned order. */
typedef struct rev {
    int64_t *start, *idx, *sstart, *sidx;
    int32_t *lnk_of;
} rev;

static void rev_free(rev *r) { free(r->start), free(r->idx), free(r->sstart), free(r->sidx), free(r->lnk_of); }

static int rev_build(const struct ordo_plan *p, rev *r)
{
    size_t n = (size_t)p->npo + 2;
    r->start = calloc(n, sizeof *r->start), r->sstart = calloc(n, sizeof *r->sstart);
    r->idx = malloc(((size_t)p->nlnk + 1) * sizeof *r->idx), r->sidx = malloc(((size_t)p->nslnk + 1) * sizeof *r->sidx);
    r->lnk_of = malloc(((size_t)p->nlnk + 1) * sizeof *r->lnk_of);
    if (!r->start || !r->sstart || !r->idx || !r->sidx || !r->lnk_of) return -1;
    for (int32_t q = 0; q < p->npo; q++)
        for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
            r->lnk_of[k] = q;
            if (p->lnk_need[k] >= 0) r->start[p->lnk_need[k] + 1]++;
        }
    for (int64_t k = 0; k < p->nslnk; k++)
        if (p->slnk_need[k] >= 0) r->sstart[p->slnk_need[k] + 1]++;
    for (int32_t q = 0; q < p->npo; q++) r->start[q + 1] += r->start[q], r->sstart[q + 1] += r->sstart[q];
    int64_t *fill = malloc(n * sizeof *fill);
    if (!fill) return -1;
    memcpy(fill, r->start, n * sizeof *fill);
    for (int64_t k = 0; k < p->nlnk; k++)
        if (p->lnk_need[k] >= 0) r->idx[fill[p->lnk_need[k]]++] = k;
    memcpy(fill, r->sstart, n * sizeof *fill);
    for (int64_t k = 0; k < p->nslnk; k++)
        if (p->slnk_need[k] >= 0) r->sidx[fill[p->slnk_need[k]]++] = k;
    free(fill);
    return 0;
}

/* One planned-order link k as an entry, with its part for the order. */
static void po_entry(ordo_emit *b, const struct ordo_plan *p, const rev *r, int64_t k, double part)
{
    int32_t c = r->lnk_of[k];
    ordo_emit_fmt(b, "{\"supply\": \"PL-%lld\"", (long long)c + 1);
    po_fields(b, p, c);
    ordo_emit_fmt(b, ", ");
    need_field(b, p->model, p->lnk_need[k], 0);
    ordo_emit_fmt(b, ", \"link_qty\": %.15g, \"for_order\": %.15g}", p->lnk_qty[k], part);
}

/* The levels of order o: part[] holds each planned order's part on the current level (the
** frontier lists them), next[] the next level's. */
static int order_levels(ordo_emit *b, const struct ordo_plan *p, const rev *r, int32_t o)
{
    size_t n = (size_t)p->npo + 1;
    double *part = calloc(n, sizeof *part), *next = calloc(n, sizeof *next);
    int32_t *front = malloc(n * sizeof *front), *nfront = malloc(n * sizeof *nfront);
    int32_t *mark = calloc(n, sizeof *mark); /* the level a planned order was last put on */
    int bad = !part || !next || !front || !nfront || !mark;
    int32_t nf = 0, level = 1, want = ORDO_LNK_ORDER(o);
    ordo_emit_fmt(b, ", \"levels\": [\n    {\"level\": 1, \"supplies\": [");
    int first = 1;
    for (int64_t k = 0; !bad && k < p->nlnk; k++) /* level 1: what serves the order itself */
        if (p->lnk_need[k] == want) {
            ordo_emit_fmt(b, first ? "\n      " : ",\n      "), first = 0;
            po_entry(b, p, r, k, p->lnk_qty[k]);
            int32_t c = r->lnk_of[k];
            if (mark[c] != 1) front[nf++] = c, mark[c] = 1;
            part[c] += p->lnk_qty[k];
        }
    for (int64_t k = 0; !bad && k < p->nslnk; k++)
        if (p->slnk_need[k] == want) {
            ordo_emit_fmt(b, first ? "\n      " : ",\n      "), first = 0;
            stock_entry(b, p, k, p->slnk_qty[k]);
        }
    ordo_emit_fmt(b, first ? "]}" : "\n    ]}");
    while (!bad && nf > 0) {
        int32_t nn = 0;
        level++;
        ordo_emit_fmt(b, ",\n    {\"level\": %d, \"supplies\": [", level);
        first = 1;
        for (int32_t f = 0; f < nf; f++) {
            int32_t q = front[f];
            double scale = p->po_good[q] > 0 ? part[q] / p->po_good[q] : 0;
            for (int64_t j = r->start[q]; j < r->start[q + 1]; j++) {
                int64_t k = r->idx[j];
                int32_t c = r->lnk_of[k];
                double x = p->lnk_qty[k] * scale;
                ordo_emit_fmt(b, first ? "\n      " : ",\n      "), first = 0;
                po_entry(b, p, r, k, x);
                if (mark[c] != level) nfront[nn++] = c, mark[c] = level;
                next[c] += x;
            }
            for (int64_t j = r->sstart[q]; j < r->sstart[q + 1]; j++) {
                ordo_emit_fmt(b, first ? "\n      " : ",\n      "), first = 0;
                stock_entry(b, p, r->sidx[j], p->slnk_qty[r->sidx[j]] * scale);
            }
            part[q] = 0;
        }
        ordo_emit_fmt(b, first ? "]}" : "\n    ]}");
        double *t = part;
        part = next, next = t;
        int32_t *u = front;
        front = nfront, nfront = u;
        nf = nn;
        if (level > p->model->nlevels + 1) break; /* links always go down a level: never */
    }
    ordo_emit_fmt(b, "\n  ]");
    free(part), free(next), free(front), free(nfront), free(mark);
    return bad ? -1 : 0;
}

ordo_rc ordo_plan_peg_order(const ordo_plan *p, const char *order, char **json, char *err, size_t nerr)
{
    if (!p || !order || !json) return ORDO_EMISUSE;
    *json = NULL;
    const ordo_model *m = p->model;
    int32_t o = 0;
    while (o < m->nord && strcmp(sname(m, m->or_name[o]), order) != 0) o++;
    if (o == m->nord) {
        snprintf(err, nerr, "no customer order \"%s\" in the data set", order);
        return ORDO_EINPUT;
    }
    rev r = {0};
    ordo_emit b;
    int bad = ordo_emit_init(&b, NULL, 4096) || rev_build(p, &r);
    ordo_emit_fmt(&b, "{\"order\": ");
    ordo_emit_str(&b, order);
    ordo_emit_fmt(&b, ", \"item\": ");
    ordo_emit_str(&b, sname(m, m->item_name[m->or_item[o]]));
    ordo_emit_fmt(&b, ", \"qty\": %.15g, \"due\": ", m->or_qty[o]);
    ordo_emit_date(&b, m->or_due[o]);
    if (!bad) bad = order_levels(&b, p, &r, o);
    ordo_emit_fmt(&b, "}\n");
    rev_free(&r);
    *json = bad ? NULL : ordo_emit_take(&b, NULL);
    ordo_emit_free(&b);
    if (!*json) {
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    return ORDO_OK;
}

/* Planned order "PL-n" (n from 1), or -1. */
static int32_t po_by_id(const struct ordo_plan *p, const char *id)
{
    if (strncmp(id, "PL-", 3) != 0 || id[3] < '1' || id[3] > '9') return -1;
    char *end;
    long long n = strtoll(id + 3, &end, 10);
    return *end || n < 1 || n > p->npo ? -1 : (int32_t)(n - 1);
}

ordo_rc ordo_plan_peg_supply(const ordo_plan *p, const char *supply, char **json, char *err, size_t nerr)
{
    if (!p || !supply || !json) return ORDO_EMISUSE;
    *json = NULL;
    const ordo_model *m = p->model;
    int32_t q = po_by_id(p, supply);
    if (q < 0) {
        snprintf(err, nerr, "no planned order \"%s\" in the plan (PL-1 to PL-%d)", supply, p->npo);
        return ORDO_EINPUT;
    }
    ordo_emit b;
    if (ordo_emit_init(&b, NULL, 4096)) {
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    ordo_emit_fmt(&b, "{\"supply\": ");
    ordo_emit_str(&b, supply);
    po_fields(&b, p, q);
    double linked = 0, pegged = 0;
    ordo_emit_fmt(&b, ",\n  \"serves\": [");
    for (int64_t k = p->lnk_start[q]; k < p->lnk_start[q + 1]; k++) {
        ordo_emit_fmt(&b, k > p->lnk_start[q] ? ",\n    {" : "\n    {");
        need_field(&b, m, p->lnk_need[k], 1);
        ordo_emit_fmt(&b, ", \"qty\": %.15g}", p->lnk_qty[k]);
        linked += p->lnk_qty[k];
    }
    ordo_emit_fmt(&b, p->lnk_start[q + 1] > p->lnk_start[q] ? "\n  ],\n  \"orders\": [" : "],\n  \"orders\": [");
    ordo_pegger *g = ordo_pegger_new(p);
    const int32_t *ref;
    const double *qty;
    int64_t n = 0;
    int bad = !g || ordo_pegger_get(g, q, &ref, &qty, &n);
    for (int64_t k = 0; !bad && k < n; k++) {
        ordo_emit_fmt(&b, k ? ",\n    {\"order\": " : "\n    {\"order\": ");
        ordo_emit_str(&b, ref[k] == ORDO_PEG_SAFETY ? "safety_stock" : sname(m, m->or_name[ref[k]]));
        ordo_emit_fmt(&b, ", \"qty\": %.15g", qty[k]);
        if (ref[k] >= 0) ordo_emit_fmt(&b, ", \"due\": "), ordo_emit_date(&b, m->or_due[ref[k]]);
        ordo_emit_fmt(&b, "}");
        pegged += qty[k];
    }
    ordo_pegger_free(g);
    ordo_emit_fmt(&b, n ? "\n  ],\n" : "],\n");
    ordo_emit_fmt(&b, "  \"linked_qty\": %.15g, \"pegged_qty\": %.15g, \"excess_qty\": %.15g}\n", linked, pegged,
           p->po_good[q] - linked > 0 ? p->po_good[q] - linked : 0);
    *json = bad ? NULL : ordo_emit_take(&b, NULL);
    ordo_emit_free(&b);
    if (!*json) {
        snprintf(err, nerr, "out of memory");
        return ORDO_ENOMEM;
    }
    return ORDO_OK;
}
