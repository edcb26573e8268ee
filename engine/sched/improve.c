/*
** improve.c -- stage "schedule", second half: tabu search on the constructive schedule
** (see improve.h).
*/
#include "improve.h"

#include "supply.h"
#include "solvers/disj.h"

#include "calendar.h"
#include "dist.h"
#include "dates.h"
#include "sched.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define T_NEVER INT64_MAX
#define EPOCHS 16
#define TABU_MAX 64
/* Neighbours timed by a full forward pass per move, at most (a random sample beyond). */
#define MAX_TIMED 24
/* Node evaluations per second and thread that a --time-limit is converted into, measured
** on the standard instances (a node evaluation is one operation timed in a forward pass). */
#define EVALS_PER_SECOND 2.2e7
/* The same on factories (resources with calendars, alternatives, material arcs), where a
** node evaluation is dearer: about 1.4e6 per second and thread measured on large generated
** factories, of which this is a little over a third, so that on one thread as on two the
** count, not the clock, ends the search and the result is the same on every run. A search
** on a factory also spends at most this many evaluations per node of its graph: a few nodes
** (a small insertion) cannot use a second's worth, while a factory of a few thousand
** operations uses its whole budget at --time-limit 60. */
#define EVALS_PER_SECOND_FACTORY 5.0e5
#define MAX_EVALS_PER_NODE_FACTORY 2.0e5
/* Without --time-limit: about 2,000 moves, at most 1e6 node evaluations (about a second
** on large factories, whose calendars make a node evaluation dearer). */
#define DEFAULT_EVALS_PER_NODE 2000.0
#define DEFAULT_EVALS 1.0e6

/* A schedule's cost, compared lexicographically. service: a = late customer orders, each
** counted with its penalty per day, b = their weighted lateness (penalty x days); tardiness:
** a = the weighted lateness, b = 0; makespan: a = makespan minutes, b = 0. c breaks ties by
** the makespan (0 for the makespan objective). */
typedef struct cost {
    double a;
    double b;
    int64_t c;
} cost;

static const cost COST_INF = {(double)INFINITY, (double)INFINITY, INT64_MAX};

static int cost_less(cost x, cost y)
{
    if (x.a < y.a - 1e-9) return 1;
    if (x.a > y.a + 1e-9) return 0;
    if (x.b < y.b - 1e-9) return 1;
    if (x.b > y.b + 1e-9) return 0;
    return x.c < y.c;
}

/* The static graph, shared by all chains. Nodes [0, n) are scheduled operations, [n, N)
** planned orders made without a routing whose inputs depend on the schedule. */
typedef struct lsg {
    const ordo_model *m;
    struct ordo_plan *p;
    int32_t n, N;
    int32_t *op;           /* [n] plan operation of a node */
    int32_t *po;           /* [N] planned order of a node */
    int32_t *jpred, *jsucc;/* [n] routing neighbours */
    uint8_t *last;         /* [n] last operation of its order */
    int64_t *head;         /* [N] earliest start from fixed inputs, design and the horizon */
    int32_t *mat_start, *mat;   /* CSR over N: nodes whose availability gates the node */
    int32_t *rmat_start, *rmat; /* reverse */
    int32_t nunit;
    const ordo_cal **ucal; /* [nunit] */
    ordo_cal *ucal_ot;     /* [nunit] the unit's calendar with its overtime */
    const uint8_t *ot0;    /* [nop] the plan's overtime flags, or NULL */
    uint8_t *ufast;        /* [nunit] works around the clock */
    int32_t *ua_start;     /* [n + 1] placement options of an operation */
    int32_t *ua_unit, *ua_alt;
    int64_t *ua_work;
    int32_t *init_choice;  /* [n] option of the input schedule */
    int32_t *init_order;   /* [n] nodes by unit, then start */
    int32_t nord;          /* customer orders that depend on the schedule */
    int32_t *ord_start, *ord_dyn;
    int64_t *ord_fixed, *ord_due;
    double *ord_w;
    int makespan;
    int service;           /* the service objective: late orders counted first */
    int pure;              /* makespan, clocks around the clock, no material arcs: moves are
                           ** first rated in O(1) from heads and tails (Taillard's estimate) */
    int64_t t0;
    int64_t lb;            /* pure graphs with one option per operation: a lower bound on the
                           ** makespan (longest order, most loaded unit); 0 otherwise */
    int32_t *dyn_node;     /* [npo] node whose availability is the order's, -1 fixed */
    /* fixed blocks (ordo_improve_retime): operations that are not nodes but keep their
    ** times and occupy a unit; nodes on that unit go around them. NULL when none. */
    int32_t *blk_start;    /* [nunit + 1] */
    int64_t *blk_s, *blk_e;
} lsg;

typedef struct tabu_ent {
    int32_t a, b;
    int64_t until;
} tabu_ent;

typedef struct chain {
    const lsg *g;
    int32_t *choice, *mpred, *msucc, *uhead, *utail;
    int32_t *b_choice, *b_mpred, *b_msucc, *b_uhead, *b_utail;
    int64_t *start, *end, *avail, *cur_start;
    int64_t *tail, *est; /* pure graphs: longest path after a node; move estimates */
    int32_t *ord;        /* neighbours in the order they are timed */
    int32_t *crit, *indeg, *queue, *path, *mv;
    int32_t *chv, nchv;  /* the chain move: path operations that waited on their unit
                         ** predecessor, each to go one place earlier; how many */
    int32_t *chsw;       /* the chain move applied: the operations moved, for the undo */
    uint8_t *ot;         /* [N] the operation runs on its unit's calendar with overtime */
    cost cur, best;
    uint64_t rng;
    int timed;           /* pure graphs: time the two best estimates (odd chains) */
    int64_t iter, noimp, evals;
    tabu_ent tabu[TABU_MAX];
    int32_t ntabu;
} chain;

#define rnd ordo_splitmix64

/* ---- building the graph ----------------------------------------------------------------- */

static int64_t fixed_supply(const struct ordo_plan *p, int32_t s)
{
    return s >= 0 ? p->po_avail_t[s] : ordo_stock_time(p->model, s);
}

static int routed(const ordo_model *m, int32_t item)
{
    return m->item_src[item] == ORDO_SRC_MAKE && m->rout_start[item + 1] > m->rout_start[item];
}

/* Whether planned order q's availability depends on the schedule (memoised in state:
** 0 unknown, 1 no, 2 yes). */
static int is_dynamic(const struct ordo_plan *p, int32_t q, uint8_t *state, const int32_t *opnode)
{
    if (state[q]) return state[q] == 2;
    const ordo_model *m = p->model;
    int32_t item = p->po_item[q];
    int dyn = 0;
    if (p->po_avail_t[q] == T_NEVER)
        dyn = 0;
    else if (routed(m, item))
        dyn = opnode[p->po_op0[q]] >= 0;
    else if (m->item_src[item] == ORDO_SRC_MAKE)
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1] && !dyn; j++)
            dyn = p->dep_sup[j] >= 0 && is_dynamic(p, p->dep_sup[j], state, opnode);
    state[q] = (uint8_t)(dyn ? 2 : 1);
    return dyn;
}

/* The node a planned order's material arcs lead into: its first scheduled operation, or
** its own node when it is made without a routing; -1 when its start is fixed. */
static int32_t entry_node(const struct ordo_plan *p, const int32_t *opnode, const int32_t *dyn_node, int32_t q)
{
    return routed(p->model, p->po_item[q]) ? opnode[p->po_op0[q]] : dyn_node[q];
}

/* A sort key of the input's operations: resource, start, end, then node (the operation
** order); the key carries everything the comparison needs. */
typedef struct res_key {
    int32_t res;
    int64_t start, end;
    int32_t v;
} res_key;

static int cmp_res_start(const void *x, const void *y)
{
    const res_key *a = x, *b = y;
    if (a->res != b->res) return a->res < b->res ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

/* The nodes [0, n) of g by resource, then start, into order. 0, or -1 out of memory. */
static int sort_by_resource(const lsg *g, int32_t *order)
{
    const struct ordo_plan *p = g->p;
    res_key *k = malloc(((size_t)g->n + 1) * sizeof *k);
    if (!k) return -1;
    for (int32_t v = 0; v < g->n; v++) {
        int32_t o = g->op[v];
        k[v] = (res_key){p->op_res[o], p->op_start[o], p->op_end[o], v};
    }
    qsort(k, (size_t)g->n, sizeof *k, cmp_res_start);
    for (int32_t i = 0; i < g->n; i++) order[i] = k[i].v;
    free(k);
    return 0;
}

static void lsg_free(lsg *g)
{
    free(g->op), free(g->po), free(g->jpred), free(g->jsucc), free(g->last), free(g->head);
    free(g->mat_start), free(g->mat), free(g->rmat_start), free(g->rmat);
    free(g->ucal), free(g->ucal_ot), free(g->ufast), free(g->ua_start), free(g->ua_unit), free(g->ua_alt), free(g->ua_work);
    free(g->init_choice), free(g->init_order);
    free(g->ord_start), free(g->ord_dyn), free(g->ord_fixed), free(g->ord_due), free(g->ord_w);
    free(g->dyn_node);
    free(g->blk_start), free(g->blk_s), free(g->blk_e);
}

/* lsg_build, second part: the units, the fixed blocks, every operation's placement options
** and the input's unit sequences. 0, or -1 out of memory (the caller frees g). */
static int lsg_units(lsg *g, const int32_t *fixed_unit)
{
    const ordo_model *m = g->m;
    struct ordo_plan *p = g->p;
    int32_t nop = p->nop, n = g->n;
    /* units and placement options */
    int32_t *unit0 = calloc((size_t)m->nres + 1, sizeof *unit0);
    if (!unit0) return -1;
    for (int32_t r = 0; r < m->nres; r++) unit0[r + 1] = unit0[r] + m->res_units[r];
    g->nunit = unit0[m->nres];
    if (fixed_unit) { /* the fixed blocks of each unit, by start */
        g->blk_start = calloc((size_t)g->nunit + 2, sizeof *g->blk_start);
        g->blk_s = malloc(((size_t)nop + 1) * sizeof *g->blk_s);
        g->blk_e = malloc(((size_t)nop + 1) * sizeof *g->blk_e);
        if (!g->blk_start || !g->blk_s || !g->blk_e) {
            free(unit0);
            return -1;
        }
        for (int32_t o = 0; o < nop; o++)
            if (fixed_unit[o] >= 0 && fixed_unit[o] < g->nunit && p->op_end[o] > p->op_start[o]) g->blk_start[fixed_unit[o] + 1]++;
        for (int32_t u = 0; u < g->nunit; u++) g->blk_start[u + 1] += g->blk_start[u];
        int32_t *bfill = malloc(((size_t)g->nunit + 1) * sizeof *bfill);
        if (!bfill) {
            free(unit0);
            return -1;
        }
        memcpy(bfill, g->blk_start, (size_t)g->nunit * sizeof *bfill);
        for (int32_t o = 0; o < nop; o++)
            if (fixed_unit[o] >= 0 && fixed_unit[o] < g->nunit && p->op_end[o] > p->op_start[o]) {
                int32_t k = bfill[fixed_unit[o]]++, u = fixed_unit[o];
                while (k > g->blk_start[u] && g->blk_s[k - 1] > p->op_start[o]) { /* insertion by start */
                    g->blk_s[k] = g->blk_s[k - 1], g->blk_e[k] = g->blk_e[k - 1];
                    k--;
                }
                g->blk_s[k] = p->op_start[o], g->blk_e[k] = p->op_end[o];
            }
        free(bfill);
    }
    g->ucal = malloc(((size_t)g->nunit + 1) * sizeof *g->ucal);
    g->ucal_ot = malloc(((size_t)g->nunit + 1) * sizeof *g->ucal_ot);
    g->ot0 = p->op_ot;
    g->ufast = malloc((size_t)g->nunit + 1);
    g->ua_start = calloc((size_t)n + 1, sizeof *g->ua_start);
    g->init_choice = malloc(((size_t)n + 1) * sizeof *g->init_choice);
    g->init_order = malloc(((size_t)n + 1) * sizeof *g->init_order);
    if (!g->ucal || !g->ucal_ot || !g->ufast || !g->ua_start || !g->init_choice || !g->init_order) {
        free(unit0);
        return -1;
    }
    for (int32_t r = 0; r < m->nres; r++)
        for (int32_t u = unit0[r]; u < unit0[r + 1]; u++) {
            const ordo_cal *c = ordo_model_cal(m, m->res_cal[r]);
            g->ucal[u] = c;
            ordo_cal_with_overtime(c, &g->ucal_ot[u]);
            g->ufast[u] = c->nwork_week == 7 && c->nhol == 0 && c->day_minutes == ORDO_MIN_PER_DAY;
        }
    for (int32_t v = 0; v < n; v++) {
        int32_t k = p->op_k[g->op[v]];
        int32_t cnt = 0;
        for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++) cnt += m->res_units[m->alt_res[a]];
        g->ua_start[v + 1] = g->ua_start[v] + cnt;
    }
    size_t nua = (size_t)g->ua_start[n] + 1;
    g->ua_unit = malloc(nua * sizeof *g->ua_unit);
    g->ua_alt = malloc(nua * sizeof *g->ua_alt);
    g->ua_work = malloc(nua * sizeof *g->ua_work);
    if (!g->ua_unit || !g->ua_alt || !g->ua_work) {
        free(unit0);
        return -1;
    }
    for (int32_t v = 0; v < n; v++) {
        int32_t k = p->op_k[g->op[v]], x = g->ua_start[v];
        for (int32_t a = m->op_alt_start[k]; a < m->op_alt_start[k + 1]; a++) {
            int32_t r = m->alt_res[a];
            int64_t w = ordo_sched_work(m, a, p->po_qty[g->po[v]]);
            for (int32_t u = unit0[r]; u < unit0[r + 1]; u++, x++) g->ua_unit[x] = u, g->ua_alt[x] = a, g->ua_work[x] = w;
        }
    }
    /* the input's units: interval partitioning of each resource's operations by start */
    int64_t *free_at = malloc(((size_t)g->nunit + 1) * sizeof *free_at);
    if (!free_at || sort_by_resource(g, g->init_order)) {
        free(free_at);
        free(unit0);
        return -1;
    }
    for (int32_t u = 0; u < g->nunit; u++) free_at[u] = INT64_MIN;
    for (int32_t i = 0; i < n; i++) {
        int32_t v = g->init_order[i], o = g->op[v], r = p->op_res[o];
        int32_t u = unit0[r];
        for (int32_t w = unit0[r]; w < unit0[r + 1]; w++)
            if (free_at[w] <= p->op_start[o]) {
                u = w;
                break;
            }
        if (p->op_end[o] > free_at[u]) free_at[u] = p->op_end[o];
        const ordo_cal *cal = p->op_ot && p->op_ot[o] ? &g->ucal_ot[u] : g->ucal[u];
        int64_t work = ordo_cal_minutes_between(cal, p->op_start[o], p->op_end[o]);
        int32_t pick = -1;
        for (int32_t x = g->ua_start[v]; x < g->ua_start[v + 1]; x++)
            if (g->ua_unit[x] == u && (pick < 0 || g->ua_work[x] == work)) pick = x;
        g->init_choice[v] = pick;
    }
    free(free_at);
    free(unit0);
    return 0;
}

/* lsg_build, last part: the customer orders whose completion depends on the schedule, and
** for pure graphs a lower bound on the makespan. 0, or -1 out of memory (the caller frees g). */
static int lsg_orders(lsg *g)
{
    const ordo_model *m = g->m;
    const struct ordo_plan *p = g->p;
    int32_t npo = p->npo, n = g->n, N = g->N;
    /* customer orders whose completion depends on the schedule */
    g->ord_start = calloc((size_t)m->nord + 2, sizeof *g->ord_start);
    g->ord_fixed = malloc(((size_t)m->nord + 1) * sizeof *g->ord_fixed);
    g->ord_due = malloc(((size_t)m->nord + 1) * sizeof *g->ord_due);
    g->ord_w = malloc(((size_t)m->nord + 1) * sizeof *g->ord_w);
    if (!g->ord_start || !g->ord_fixed || !g->ord_due || !g->ord_w) return -1;
    g->nord = m->nord;
    for (int32_t o = 0; o < m->nord; o++) {
        int32_t v = npo + o;
        g->ord_start[o + 1] = g->ord_start[o];
        g->ord_fixed[o] = p->dep_short[v] ? T_NEVER : g->t0;
        g->ord_due[o] = ordo_due_time(m, o);
        g->ord_w[o] = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
        for (int32_t j = p->dep_start[v]; j < p->dep_start[v + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && g->dyn_node[s] >= 0)
                g->ord_start[o + 1]++;
            else {
                int64_t t = fixed_supply(p, s);
                if (t > g->ord_fixed[o]) g->ord_fixed[o] = t;
            }
        }
    }
    g->ord_dyn = malloc(((size_t)g->ord_start[m->nord] + 1) * sizeof *g->ord_dyn);
    if (!g->ord_dyn) return -1;
    for (int32_t o = 0, x = 0; o < m->nord; o++)
        for (int32_t j = p->dep_start[npo + o]; j < p->dep_start[npo + o + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && g->dyn_node[s] >= 0) g->ord_dyn[x++] = g->dyn_node[s];
        }
    g->pure = g->makespan && N == n && g->mat_start[N] == 0;
    for (int32_t u = 0; u < g->nunit && g->pure; u++) g->pure = g->ufast[u];
    if (g->pure && g->ua_start[n] == n) {
        int64_t *load = calloc((size_t)g->nunit + 1, sizeof *load);
        if (!load) return -1;
        for (int32_t v = 0, first = 0; v < n; v++) {
            int64_t len = 0;
            if (g->jpred[v] < 0) first = v;
            load[g->ua_unit[v]] += g->ua_work[v];
            if (g->jsucc[v] >= 0) continue;
            len = g->head[first] - g->t0;
            for (int32_t w = first; w <= v; w++) len += g->ua_work[w];
            if (len > g->lb) g->lb = len;
        }
        for (int32_t u = 0; u < g->nunit; u++)
            if (load[u] > g->lb) g->lb = load[u];
        free(load);
    }
    return 0;
}

static int lsg_build(lsg *g, struct ordo_plan *p, const int64_t *design, const int32_t *fixed_unit)
{
    const ordo_model *m = p->model;
    int32_t npo = p->npo, nop = p->nop;
    memset(g, 0, sizeof *g);
    g->m = m;
    g->p = p;
    g->makespan = m->objective == ORDO_OBJ_MAKESPAN;
    g->service = m->objective == ORDO_OBJ_SERVICE;
    g->t0 = (int64_t)m->h_start * ORDO_MIN_PER_DAY;
    int32_t *opnode = malloc(((size_t)nop + 1) * sizeof *opnode);
    uint8_t *state = calloc((size_t)npo + 1, 1);
    g->dyn_node = malloc(((size_t)npo + 1) * sizeof *g->dyn_node);
    if (!opnode || !state || !g->dyn_node) goto oom;
    int32_t n = 0;
    for (int32_t o = 0; o < nop; o++) opnode[o] = p->op_start[o] != T_NEVER && !(fixed_unit && fixed_unit[o] >= 0) ? n++ : -1;
    int32_t nv = 0;
    for (int32_t q = 0; q < npo; q++) {
        g->dyn_node[q] = -1;
        if (!is_dynamic(p, q, state, opnode)) continue;
        if (routed(m, p->po_item[q]))
            g->dyn_node[q] = opnode[p->po_op0[q + 1] - 1];
        else
            g->dyn_node[q] = n + nv++;
    }
    int32_t N = n + nv;
    g->n = n;
    g->N = N;
    g->op = malloc(((size_t)n + 1) * sizeof *g->op);
    g->po = malloc(((size_t)N + 1) * sizeof *g->po);
    g->jpred = malloc(((size_t)n + 1) * sizeof *g->jpred);
    g->jsucc = malloc(((size_t)n + 1) * sizeof *g->jsucc);
    g->last = calloc((size_t)n + 1, 1);
    g->head = malloc(((size_t)N + 1) * sizeof *g->head);
    g->mat_start = calloc((size_t)N + 2, sizeof *g->mat_start);
    g->rmat_start = calloc((size_t)N + 2, sizeof *g->rmat_start);
    if (!g->op || !g->po || !g->jpred || !g->jsucc || !g->last || !g->head || !g->mat_start || !g->rmat_start)
        goto oom;
    /* nodes, routing arcs and heads */
    for (int32_t q = 0; q < npo; q++) {
        int64_t fixed = g->t0;
        if (design && design[q] > fixed) fixed = design[q];
        int32_t first = entry_node(p, opnode, g->dyn_node, q);
        if (first < 0) continue;
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && g->dyn_node[s] >= 0)
                g->mat_start[first + 1]++;
            else {
                int64_t t = fixed_supply(p, s);
                if (t > fixed) fixed = t;
            }
        }
        if (first >= n) { /* made without a routing */
            g->po[first] = q;
            g->head[first] = fixed;
            continue;
        }
        for (int32_t o = p->po_op0[q]; o < p->po_op0[q + 1]; o++) {
            int32_t v = opnode[o];
            g->op[v] = o;
            g->po[v] = q;
            g->head[v] = o == p->po_op0[q] ? fixed : g->t0;
            g->jpred[v] = o > p->po_op0[q] ? v - 1 : -1;
            g->jsucc[v] = o + 1 < p->po_op0[q + 1] ? v + 1 : -1;
            g->last[v] = o + 1 == p->po_op0[q + 1];
        }
    }
    for (int32_t v = 0; v < N; v++) g->mat_start[v + 1] += g->mat_start[v];
    g->mat = malloc(((size_t)g->mat_start[N] + 1) * sizeof *g->mat);
    g->rmat = malloc(((size_t)g->mat_start[N] + 1) * sizeof *g->rmat);
    int32_t *fill = malloc(((size_t)N + 1) * sizeof *fill);
    if (!g->mat || !g->rmat || !fill) {
        free(fill);
        goto oom;
    }
    memcpy(fill, g->mat_start, (size_t)N * sizeof *fill);
    for (int32_t q = 0; q < npo; q++) {
        int32_t first = entry_node(p, opnode, g->dyn_node, q);
        if (first < 0) continue;
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++) {
            int32_t s = p->dep_sup[j];
            if (s >= 0 && g->dyn_node[s] >= 0) {
                g->mat[fill[first]++] = g->dyn_node[s];
                g->rmat_start[g->dyn_node[s] + 1]++;
            }
        }
    }
    for (int32_t v = 0; v < N; v++) g->rmat_start[v + 1] += g->rmat_start[v];
    memcpy(fill, g->rmat_start, (size_t)N * sizeof *fill);
    for (int32_t v = 0; v < N; v++)
        for (int32_t j = g->mat_start[v]; j < g->mat_start[v + 1]; j++) g->rmat[fill[g->mat[j]]++] = v;
    free(fill);
    if (lsg_units(g, fixed_unit) || lsg_orders(g)) goto oom;
    free(opnode);
    free(state);
    return 0;
oom:
    free(opnode);
    free(state);
    lsg_free(g);
    return -1;
}

/* ---- one chain's state ------------------------------------------------------------------- */

static void chain_free(chain *c)
{
    free(c->choice), free(c->mpred), free(c->msucc), free(c->uhead), free(c->utail);
    free(c->b_choice), free(c->b_mpred), free(c->b_msucc), free(c->b_uhead), free(c->b_utail);
    free(c->start), free(c->end), free(c->avail), free(c->cur_start), free(c->tail), free(c->est), free(c->ord);
    free(c->crit), free(c->indeg), free(c->queue), free(c->path), free(c->mv);
    free(c->chv), free(c->chsw), free(c->ot);
}

static int chain_init(chain *c, const lsg *g)
{
    memset(c, 0, sizeof *c);
    c->g = g;
    size_t N = (size_t)g->N + 1, U = (size_t)g->nunit + 1;
    c->choice = malloc(N * sizeof(int32_t)), c->b_choice = malloc(N * sizeof(int32_t));
    c->mpred = malloc(N * sizeof(int32_t)), c->b_mpred = malloc(N * sizeof(int32_t));
    c->msucc = malloc(N * sizeof(int32_t)), c->b_msucc = malloc(N * sizeof(int32_t));
    c->uhead = malloc(U * sizeof(int32_t)), c->b_uhead = malloc(U * sizeof(int32_t));
    c->utail = malloc(U * sizeof(int32_t)), c->b_utail = malloc(U * sizeof(int32_t));
    c->start = malloc(N * sizeof(int64_t)), c->end = malloc(N * sizeof(int64_t));
    c->avail = malloc(N * sizeof(int64_t)), c->cur_start = malloc(N * sizeof(int64_t));
    c->crit = malloc(N * sizeof(int32_t)), c->indeg = malloc(N * sizeof(int32_t));
    c->queue = malloc(N * sizeof(int32_t)), c->path = malloc(N * sizeof(int32_t));
    /* neighbours() makes at most two swaps per block of the critical path (at most one a
    ** path node) and one move per other placement option of each path node */
    size_t M = 2 * N + (size_t)g->ua_start[g->n] + 1;
    c->chv = malloc(N * sizeof(int32_t)), c->chsw = malloc(N * sizeof(int32_t));
    c->ot = calloc(N, 1);
    c->mv = malloc(2 * M * sizeof(int32_t));
    c->tail = malloc(N * sizeof(int64_t)), c->est = malloc(M * sizeof(int64_t));
    c->ord = malloc(M * sizeof(int32_t));
    if (!c->choice || !c->b_choice || !c->mpred || !c->b_mpred || !c->msucc || !c->b_msucc || !c->uhead ||
        !c->b_uhead || !c->utail || !c->b_utail || !c->start || !c->end || !c->avail || !c->cur_start ||
        !c->tail || !c->est || !c->ord || !c->crit || !c->indeg || !c->queue || !c->path || !c->mv || !c->chv || !c->chsw || !c->ot) {
        chain_free(c);
        memset(c, 0, sizeof *c); /* the caller frees every chain it made, this one too */
        return -1;
    }
    for (int32_t v = 0; v < g->N; v++) c->mpred[v] = c->msucc[v] = -1, c->choice[v] = -1;
    for (int32_t u = 0; u < g->nunit; u++) c->uhead[u] = c->utail[u] = -1;
    for (int32_t v = 0; v < g->n && g->ot0; v++) c->ot[v] = g->ot0[g->op[v]];
    for (int32_t i = 0; i < g->n; i++) {
        int32_t v = g->init_order[i], u = g->ua_unit[g->init_choice[v]];
        c->choice[v] = g->init_choice[v];
        c->mpred[v] = c->utail[u];
        if (c->utail[u] >= 0)
            c->msucc[c->utail[u]] = v;
        else
            c->uhead[u] = v;
        c->utail[u] = v;
    }
    return 0;
}

static void save_best(chain *c)
{
    const lsg *g = c->g;
    memcpy(c->b_choice, c->choice, (size_t)g->N * sizeof(int32_t));
    memcpy(c->b_mpred, c->mpred, (size_t)g->N * sizeof(int32_t));
    memcpy(c->b_msucc, c->msucc, (size_t)g->N * sizeof(int32_t));
    memcpy(c->b_uhead, c->uhead, (size_t)g->nunit * sizeof(int32_t));
    memcpy(c->b_utail, c->utail, (size_t)g->nunit * sizeof(int32_t));
    c->best = c->cur;
}

/* Make the chain's current solution a copy of src's best (src may be c itself); from
** another chain, its best too. */
static void take_best(chain *c, const chain *src)
{
    const lsg *g = c->g;
    memcpy(c->choice, src->b_choice, (size_t)g->N * sizeof(int32_t));
    memcpy(c->mpred, src->b_mpred, (size_t)g->N * sizeof(int32_t));
    memcpy(c->msucc, src->b_msucc, (size_t)g->N * sizeof(int32_t));
    memcpy(c->uhead, src->b_uhead, (size_t)g->nunit * sizeof(int32_t));
    memcpy(c->utail, src->b_utail, (size_t)g->nunit * sizeof(int32_t));
    c->cur = src->best;
    if (src != c) save_best(c);
}

/* ---- the forward pass --------------------------------------------------------------------- */

/* Completion of customer order o in the current timing (T_NEVER: never); *by gets the node
** that sets it, -1 when a fixed supply does. */
static int64_t order_done(const chain *c, int32_t o, int32_t *by)
{
    const lsg *g = c->g;
    int64_t done = g->ord_fixed[o];
    *by = -1;
    if (done == T_NEVER) return done;
    for (int32_t j = g->ord_start[o]; j < g->ord_start[o + 1]; j++)
        if (c->avail[g->ord_dyn[j]] > done) done = c->avail[g->ord_dyn[j]], *by = g->ord_dyn[j];
    return done;
}

/* Time every node from the current sequences; the cost, or COST_INF on a cycle. crit[v]
** is the node that set v's earliest start (-1: its head). */
static cost evaluate(chain *c)
{
    const lsg *g = c->g;
    const ordo_model *m = g->m;
    int32_t n = g->n, N = g->N, qh = 0, qt = 0;
    c->evals += N;
    for (int32_t v = 0; v < n; v++) {
        int32_t d = (g->jpred[v] >= 0) + (c->mpred[v] >= 0) + (g->mat_start[v + 1] - g->mat_start[v]);
        c->indeg[v] = d;
        if (!d) c->queue[qt++] = v;
    }
    for (int32_t v = n; v < N; v++) {
        int32_t d = g->mat_start[v + 1] - g->mat_start[v];
        c->indeg[v] = d;
        if (!d) c->queue[qt++] = v;
    }
    int64_t mk = g->t0;
    while (qh < qt) {
        int32_t v = c->queue[qh++], cr = -1;
        int64_t est = g->head[v];
        for (int32_t j = g->mat_start[v]; j < g->mat_start[v + 1]; j++)
            if (c->avail[g->mat[j]] > est) est = c->avail[g->mat[j]], cr = g->mat[j];
        if (v < n) {
            int32_t jp = g->jpred[v], mp = c->mpred[v];
            if (jp >= 0 && c->end[jp] > est) est = c->end[jp], cr = jp;
            if (mp >= 0 && c->end[mp] >= est && c->end[mp] > g->t0) est = c->end[mp], cr = mp;
            int32_t x = c->choice[v], u = g->ua_unit[x];
            int64_t w = g->ua_work[x], s, e;
            const ordo_cal *cal = c->ot[v] ? &g->ucal_ot[u] : g->ucal[u];
            if ((g->ufast[u] && !c->ot[v]) || w == 0)
                s = est, e = est + w;
            else {
                s = ordo_cal_next_work_minute(cal, est);
                e = ordo_cal_add_minutes(cal, s, w);
            }
            if (g->blk_start && w > 0) /* around the fixed blocks of the unit */
                for (int32_t b = g->blk_start[u]; b < g->blk_start[u + 1]; b++) {
                    if (g->blk_e[b] <= s || g->blk_s[b] >= e) continue;
                    int fast = g->ufast[u] && !c->ot[v];
                    s = fast ? g->blk_e[b] : ordo_cal_next_work_minute(cal, g->blk_e[b]);
                    e = fast ? s + w : ordo_cal_add_minutes(cal, s, w);
                }
            if (e >= ORDO_CAL_NEVER) return COST_INF; /* past the calendar's never: refused */
            c->start[v] = s, c->end[v] = e, c->crit[v] = cr;
            if (e > mk) mk = e;
            c->avail[v] = g->last[v] ? ordo_after_inspection(m, g->p->po_item[g->po[v]], e) : e;
            int32_t sj = g->jsucc[v], sm = c->msucc[v];
            if (sj >= 0 && --c->indeg[sj] == 0) c->queue[qt++] = sj;
            if (sm >= 0 && --c->indeg[sm] == 0) c->queue[qt++] = sm;
            if (!g->last[v]) continue;
        } else { /* made without a routing: lead time from when it can start */
            const struct ordo_plan *p = g->p;
            int32_t q = g->po[v], item = p->po_item[q];
            int32_t day = (int32_t)ordo_floordiv(est + ORDO_MIN_PER_DAY - 1, ORDO_MIN_PER_DAY);
            if (day < p->po_release[q]) day = p->po_release[q];
            int32_t d = ordo_sup_ready(m, item, ordo_po_sup(p, q), day);
            c->start[v] = est, c->crit[v] = cr;
            c->end[v] = c->avail[v] = (int64_t)d * ORDO_MIN_PER_DAY;
        }
        for (int32_t j = g->rmat_start[v]; j < g->rmat_start[v + 1]; j++)
            if (--c->indeg[g->rmat[j]] == 0) c->queue[qt++] = g->rmat[j];
    }
    if (qt < N) return COST_INF;
    if (g->makespan) return (cost){(double)(mk - g->t0), 0, 0};
    double t = 0, late = 0;
    for (int32_t o = 0; o < g->nord; o++) {
        int32_t by;
        int64_t done = order_done(c, o, &by);
        if (done != T_NEVER && done > g->ord_due[o]) {
            t += (double)(done - g->ord_due[o]) / ORDO_MIN_PER_DAY * g->ord_w[o];
            late += g->ord_w[o];
        }
    }
    return g->service ? (cost){late, t, mk - g->t0} : (cost){t, 0, mk - g->t0};
}

/* ---- moves ---------------------------------------------------------------------------------- */

static void unlink_node(chain *c, int32_t v, int32_t u)
{
    int32_t a = c->mpred[v], b = c->msucc[v];
    if (a >= 0) c->msucc[a] = b;
    else c->uhead[u] = b;
    if (b >= 0) c->mpred[b] = a;
    else c->utail[u] = a;
}

static void link_after(chain *c, int32_t v, int32_t u, int32_t a)
{
    int32_t b = a >= 0 ? c->msucc[a] : c->uhead[u];
    c->mpred[v] = a, c->msucc[v] = b;
    if (a >= 0) c->msucc[a] = v;
    else c->uhead[u] = v;
    if (b >= 0) c->mpred[b] = v;
    else c->utail[u] = v;
}

/* Swap v with its successor on the unit. Applying it to the successor undoes it. */
static void swap_next(chain *c, int32_t v)
{
    int32_t w = c->msucc[v], u = c->g->ua_unit[c->choice[v]];
    unlink_node(c, w, u);
    link_after(c, w, u, c->mpred[v]);
}

/* Move operation v to placement option x, in start order among that unit's operations
** (cur_start). *old_choice and *old_pred receive what undo_move needs. */
static void do_move(chain *c, int32_t v, int32_t x, int32_t *old_choice, int32_t *old_pred)
{
    const lsg *g = c->g;
    int32_t u = g->ua_unit[c->choice[v]], w = g->ua_unit[x];
    *old_choice = c->choice[v];
    *old_pred = c->mpred[v];
    unlink_node(c, v, u);
    int32_t a = -1, b = c->uhead[w];
    while (b >= 0 && c->cur_start[b] <= c->cur_start[v]) a = b, b = c->msucc[b];
    link_after(c, v, w, a);
    c->choice[v] = x;
}

static void undo_move(chain *c, int32_t v, int32_t old_choice, int32_t old_pred)
{
    const lsg *g = c->g;
    unlink_node(c, v, g->ua_unit[c->choice[v]]);
    c->choice[v] = old_choice;
    link_after(c, v, g->ua_unit[old_choice], old_pred);
}

/* The critical path of the current timing into c->path (forward order); its length. */
static int32_t critical_path(chain *c)
{
    const lsg *g = c->g;
    int32_t sink = -1;
    if (!g->makespan && c->cur.a > 1e-9) {
        /* a late customer order: a random one, or else the worst (weighted lateness), for
        ** service two times in three the nearest to being on time (least lateness per unit
        ** of penalty) instead */
        int32_t pick = -1, seen = 0;
        int random_pick = rnd(&c->rng) & 1;
        int nearest = g->service && rnd(&c->rng) % 3 != 0;
        double worst = nearest ? (double)INFINITY : 0;
        for (int32_t o = 0; o < g->nord; o++) {
            int32_t by;
            int64_t done = order_done(c, o, &by);
            if (by < 0 || done <= g->ord_due[o]) continue;
            double late = (double)(done - g->ord_due[o]) * (nearest ? 1.0 / g->ord_w[o] : g->ord_w[o]);
            seen++;
            int take = random_pick ? rnd(&c->rng) % (uint64_t)seen == 0 : nearest ? late < worst : late > worst;
            if (take) worst = late, pick = by;
        }
        sink = pick;
    }
    if (sink < 0) { /* the last operation; one at random where several end last */
        int64_t mk = INT64_MIN;
        int32_t ties = 0;
        for (int32_t v = 0; v < g->n; v++)
            if (c->end[v] > mk)
                mk = c->end[v], sink = v, ties = 1;
            else if (c->end[v] == mk && rnd(&c->rng) % (uint64_t)++ties == 0)
                sink = v;
    }
    int32_t len = 0;
    for (int32_t v = sink; v >= 0 && v < g->N && len < g->N; v = c->crit[v]) /* bounded: crit may be stale */
        c->path[len++] = v;
    for (int32_t i = 0; i < len / 2; i++) {
        int32_t t = c->path[i];
        c->path[i] = c->path[len - 1 - i];
        c->path[len - 1 - i] = t;
    }
    return len;
}

/* Candidate moves on the critical path into c->mv as pairs (kind, arg): kind -1 swaps arg
** with its unit successor; kind v >= 0 moves operation v to option arg. */
static int32_t neighbours(chain *c, int32_t len)
{
    const lsg *g = c->g;
    int32_t nm = 0;
    int32_t i = 0;
    while (i < len) { /* blocks: runs linked by unit arcs */
        int32_t j = i;
        while (j + 1 < len && c->path[j + 1] < g->n && c->mpred[c->path[j + 1]] == c->path[j] &&
               c->crit[c->path[j + 1]] == c->path[j])
            j++;
        if (j > i) {
            c->mv[nm++] = -1, c->mv[nm++] = c->path[i];
            if (j - 1 > i) c->mv[nm++] = -1, c->mv[nm++] = c->path[j - 1];
        }
        i = j + 1;
    }
    for (i = 0; i < len; i++) { /* other units and alternatives */
        int32_t v = c->path[i];
        if (v >= g->n) continue;
        int32_t cu = g->ua_unit[c->choice[v]];
        for (int32_t x = g->ua_start[v]; x < g->ua_start[v + 1]; x++)
            if (g->ua_unit[x] != cu) c->mv[nm++] = v, c->mv[nm++] = x;
    }
    /* the late order's whole chain earlier: every path operation that waited on the one
    ** before it on its unit goes ahead of it, on every level at once (kind -2) */
    c->nchv = 0;
    for (i = 1; i < len && g->service; i++) {
        int32_t v = c->path[i];
        if (v < g->n && c->mpred[v] >= 0 && c->mpred[v] == c->path[i - 1] && c->crit[v] == c->mpred[v])
            c->chv[c->nchv++] = v;
    }
    if (c->nchv > 1) c->mv[nm++] = -2, c->mv[nm++] = 0;
    return nm / 2;
}

static int is_tabu(const chain *c, int32_t a, int32_t b)
{
    for (int32_t i = 0; i < c->ntabu; i++)
        if (c->tabu[i].a == a && c->tabu[i].b == b && c->tabu[i].until > c->iter) return 1;
    return 0;
}

static void add_tabu(chain *c, int32_t a, int32_t b, int64_t tenure)
{
    int32_t at = c->ntabu < TABU_MAX ? c->ntabu++ : -1;
    if (at < 0) { /* replace the oldest */
        at = 0;
        for (int32_t i = 1; i < TABU_MAX; i++)
            if (c->tabu[i].until < c->tabu[at].until) at = i;
    }
    c->tabu[at] = (tabu_ent){a, b, c->iter + tenure};
}

/* Tabu entries (a, b): a taken swap of v before w records (w, v), so that putting v back
** before w is tabu; moving v off unit u records (v, -1 - u), so that moving it back is. */
static int move_is_tabu(const chain *c, int32_t kind, int32_t arg)
{
    if (kind == -2) return 0;
    return kind < 0 ? is_tabu(c, arg, c->msucc[arg]) : is_tabu(c, kind, -1 - c->g->ua_unit[arg]);
}

/* Apply move (kind, arg); returns an undo token in *t1, *t2. */
static void apply_move(chain *c, int32_t kind, int32_t arg, int32_t *t1, int32_t *t2)
{
    if (kind == -2) { /* the chain move: each listed operation ahead of its unit predecessor */
        int32_t n = 0;
        for (int32_t i = 0; i < c->nchv; i++) {
            int32_t v = c->chv[i];
            if (c->mpred[v] < 0) continue;
            swap_next(c, c->mpred[v]);
            c->chsw[n++] = v;
        }
        *t1 = n, *t2 = 0;
    } else if (kind < 0) {
        swap_next(c, arg);
        *t1 = c->mpred[arg]; /* the successor now before arg */
        *t2 = 0;
    } else
        do_move(c, kind, arg, t1, t2);
}

static void revert_move(chain *c, int32_t kind, int32_t t1, int32_t t2)
{
    if (kind == -2)
        for (int32_t i = t1 - 1; i >= 0; i--) swap_next(c, c->chsw[i]); /* back behind its old predecessor */
    else if (kind < 0)
        swap_next(c, t1);
    else
        undo_move(c, kind, t1, t2);
}

/* Re-time the current solution; keep its start times for insertion positions. */
static void settle(chain *c)
{
    const lsg *g = c->g;
    c->cur = evaluate(c);
    memcpy(c->cur_start, c->start, (size_t)g->N * sizeof(int64_t));
    if (!g->pure || isinf(c->cur.a)) return;
    for (int32_t i = g->N - 1; i >= 0; i--) { /* reverse topological order */
        int32_t v = c->queue[i], js = g->jsucc[v], ms = c->msucc[v];
        int64_t t = 0;
        if (js >= 0 && c->tail[js] + (c->end[js] - c->start[js]) > t) t = c->tail[js] + (c->end[js] - c->start[js]);
        if (ms >= 0 && c->tail[ms] + (c->end[ms] - c->start[ms]) > t) t = c->tail[ms] + (c->end[ms] - c->start[ms]);
        c->tail[v] = t;
    }
}

/* Pure graphs: a lower estimate of the makespan after move (kind, arg), from the current
** heads (start) and tails, in O(1) for a swap and O(unit length) for a reassignment. */
static int64_t estimate(const chain *c, int32_t kind, int32_t arg)
{
    const lsg *g = c->g;
#define P(x) (c->end[x] - c->start[x])
#define RJ(x) (g->jpred[x] >= 0 ? c->end[g->jpred[x]] : INT64_MIN)
#define QJ(x) (g->jsucc[x] >= 0 ? c->tail[g->jsucc[x]] + P(g->jsucc[x]) : 0)
#define MAX(a, b) ((a) > (b) ? (a) : (b))
    if (kind < 0) {
        int32_t u = arg, v = c->msucc[u], a = c->mpred[u], b = c->msucc[v];
        int64_t rv = MAX(MAX(g->head[v], RJ(v)), a >= 0 ? c->end[a] : INT64_MIN);
        int64_t ru = MAX(MAX(g->head[u], RJ(u)), rv + P(v));
        int64_t qu = MAX(QJ(u), b >= 0 ? c->tail[b] + P(b) : 0);
        int64_t qv = MAX(QJ(v), qu + P(u));
        return MAX(rv + P(v) + qv, ru + P(u) + qu) - g->t0;
    }
    int32_t x = kind, w = g->ua_unit[arg], a = -1, b = c->uhead[w];
    while (b >= 0 && c->cur_start[b] <= c->cur_start[x]) a = b, b = c->msucc[b];
    int64_t r = MAX(MAX(g->head[x], RJ(x)), a >= 0 ? c->end[a] : INT64_MIN);
    int64_t q = MAX(QJ(x), b >= 0 ? c->tail[b] + P(b) : 0);
    return r + g->ua_work[arg] + q - g->t0;
#undef P
#undef RJ
#undef QJ
#undef MAX
}

/* A few random critical moves from the best solution, to leave a basin. */
static void perturb(chain *c)
{
    take_best(c, c);
    settle(c);
    int32_t steps = 2 + (int32_t)(rnd(&c->rng) % 4);
    for (int32_t s = 0; s < steps; s++) { /* random critical moves */
        int32_t nm = neighbours(c, critical_path(c));
        if (nm == 0) break;
        int32_t k = (int32_t)(rnd(&c->rng) % (uint64_t)nm), t1, t2;
        int32_t kind = c->mv[2 * k], arg = c->mv[2 * k + 1];
        apply_move(c, kind, arg, &t1, &t2);
        settle(c);
        if (isinf(c->cur.a)) {
            revert_move(c, kind, t1, t2);
            settle(c);
            break;
        }
    }
    steps = 1 + (int32_t)(rnd(&c->rng) % (uint64_t)(2 + c->g->n / 20));
    for (int32_t s = 0; s < steps; s++) { /* and adjacent swaps anywhere */
        int32_t v = (int32_t)(rnd(&c->rng) % (uint64_t)c->g->n);
        if (c->msucc[v] < 0) continue;
        int32_t w = c->msucc[v];
        swap_next(c, v);
        if (isinf(evaluate(c).a)) swap_next(c, w);
    }
    settle(c);
    c->ntabu = 0;
}

/* Tabu search until the chain has spent `budget` more node evaluations or the deadline. */
static void run_chain(chain *c, int64_t budget, double deadline)
{
    const lsg *g = c->g;
    int64_t stop = c->evals + budget;
    int64_t tenure_span = 2 + (int64_t)sqrt((double)g->n);
    int64_t patience = 200 + 4 * (int64_t)g->n;
    if (isinf(c->cur.a)) settle(c);
    while (c->evals < stop && !(g->lb > 0 && c->best.a <= (double)g->lb)) {
        if (deadline > 0 && (!g->pure || (c->iter & 63) == 0) && ordo_now() > deadline) break;
        int32_t nm = neighbours(c, critical_path(c));
        if (nm == 0) {
            if (g->makespan) break; /* the critical path has no resource arc: optimal */
            perturb(c);
            c->iter++;
            continue;
        }
        int32_t pick = -1;
        cost pick_cost = COST_INF;
        if (!g->pure && nm > MAX_TIMED) { /* time a random sample of a large neighbourhood */
            for (int32_t k = 0; k < MAX_TIMED; k++) {
                int32_t j = k + (int32_t)(rnd(&c->rng) % (uint64_t)(nm - k));
                int32_t a0 = c->mv[2 * k], a1 = c->mv[2 * k + 1];
                c->mv[2 * k] = c->mv[2 * j], c->mv[2 * k + 1] = c->mv[2 * j + 1];
                c->mv[2 * j] = a0, c->mv[2 * j + 1] = a1;
            }
            nm = MAX_TIMED;
        }
        /* The order in which neighbours are timed: all of them, or on pure graphs the
        ** admissible ones by estimate (see below). */
        int32_t nord = 0, limit = nm;
        if (g->pure) {
            for (int32_t k = 0; k < nm; k++) {
                int32_t kind = c->mv[2 * k], arg = c->mv[2 * k + 1];
                int64_t e = estimate(c, kind, arg);
                if (move_is_tabu(c, kind, arg) && (double)e >= c->best.a) continue; /* cannot beat the best */
                c->est[k] = e;
                int32_t i = nord++;
                while (i > 0 && c->est[c->ord[i - 1]] > e) c->ord[i] = c->ord[i - 1], i--;
                c->ord[i] = k;
            }
            c->evals += nm;
            /* the best estimate is taken as it is; on chains that time their moves, when
            ** two or more promise to beat the current cost, the best two are timed (the
            ** estimate misses other critical paths, where a plateau can trap a chain) */
            limit = c->timed && nord > 1 && (double)c->est[c->ord[1]] < c->cur.a ? 2 : 0;
            if (nord > 0 && limit == 0) pick = c->ord[0];
        } else
            for (int32_t k = 0; k < nm; k++) c->ord[nord++] = k;
        for (int32_t i = 0, taken = 0; i < nord && taken < limit && !(i > 0 && c->evals >= stop); i++) {
            int32_t k = c->ord[i], kind = c->mv[2 * k], arg = c->mv[2 * k + 1], t1, t2;
            int tabu = move_is_tabu(c, kind, arg);
            apply_move(c, kind, arg, &t1, &t2);
            cost v = evaluate(c);
            revert_move(c, kind, t1, t2);
            if (isinf(v.a)) continue;
            if (tabu && !cost_less(v, c->best)) continue;
            taken++;
            if (pick < 0 || cost_less(v, pick_cost)) pick = k, pick_cost = v;
        }
        if (pick < 0) { /* everything tabu: a random move */
            pick = (int32_t)(rnd(&c->rng) % (uint64_t)nm);
        }
        int32_t kind = c->mv[2 * pick], arg = c->mv[2 * pick + 1], t1, t2;
        int32_t from_unit = kind >= 0 ? g->ua_unit[c->choice[kind]] : 0;
        apply_move(c, kind, arg, &t1, &t2);
        settle(c);
        if (isinf(c->cur.a)) {
            revert_move(c, kind, t1, t2);
            perturb(c);
            c->iter++;
            continue;
        }
        int64_t tenure = 2 + (int64_t)(rnd(&c->rng) % (uint64_t)tenure_span) + (int64_t)g->n / 40;
        if (kind == -1)
            add_tabu(c, c->mpred[arg], arg, tenure); /* the successor now before arg */
        else if (kind >= 0)
            add_tabu(c, kind, -1 - from_unit, tenure); /* the chain move (-2) records none */
        c->iter++;
        if (cost_less(c->cur, c->best)) {
            save_best(c);
            c->noimp = 0;
        } else if (++c->noimp > patience) {
            perturb(c);
            c->noimp = 0;
        }
    }
}

/* ---- the search ------------------------------------------------------------------------------- */

/* The chain with the best solution, the first on ties. */

/* ---- large-neighbourhood moves with GLPK ------------------------------------------------------ */

/* On pure graphs (job shops for the makespan, one option per operation): a window of up to
** LNS_WINDOW consecutive operations on the unit of a random critical operation is sequenced
** again by the disjunctive MILP (solvers/disj.h), each operation with its head (its job
** predecessor's end and the end of what precedes the window on the unit) and its tail (the
** longest path after its job successor, and after the operation that follows the window on
** the unit). The MILP minimises the largest head + length + tail, which bounds the makespan
** through the window; the new sequence is timed by a full forward pass and kept when the
** makespan falls. Each MILP stops after LNS_NODES branch-and-bound nodes, so the result does
** not depend on the machine; the wall clock is only a safety limit. */
#define LNS_WINDOW 12
#define LNS_SHARE 0.1 /* of the time limit */
#define LNS_NODES 400

static int lns_window(chain *c, int32_t v, double seconds)
{
    const lsg *g = c->g;
    int32_t u = g->ua_unit[c->choice[v]], w[LNS_WINDOW], n = 0;
    int32_t a = v;
    for (int k = 0; k < LNS_WINDOW / 2 && c->mpred[a] >= 0; k++) a = c->mpred[a]; /* centre it on v */
    for (int32_t x = a; x >= 0 && n < LNS_WINDOW; x = c->msucc[x]) w[n++] = x;
    if (n < 3) return 0;
    int32_t before = c->mpred[w[0]], after = c->msucc[w[n - 1]];
    int64_t p[LNS_WINDOW], r[LNS_WINDOW], q[LNS_WINDOW], init[LNS_WINDOW], sol[LNS_WINDOW];
    int32_t mach[LNS_WINDOW];
    int64_t qa = after >= 0 ? (c->end[after] - c->start[after]) + c->tail[after] : 0;
    int64_t ra = before >= 0 ? c->end[before] : g->t0;
    for (int32_t j = 0; j < n; j++) {
        int32_t x = w[j], jp = g->jpred[x], js = g->jsucc[x];
        p[j] = c->end[x] - c->start[x];
        int64_t h = g->head[x] > ra ? g->head[x] : ra;
        if (jp >= 0 && c->end[jp] > h) h = c->end[jp];
        r[j] = h - g->t0;
        q[j] = js >= 0 ? (c->end[js] - c->start[js]) + c->tail[js] : 0;
        if (qa > q[j]) q[j] = qa;
        init[j] = c->start[x] - g->t0;
        if (init[j] < r[j]) return 0; /* not the current timing: leave it */
        mach[j] = 0;
    }
    ordo_disj P = {n, p, r, NULL, NULL, NULL, NULL, mach, 0, NULL, NULL, NULL, 1.0, init, seconds, q, LNS_NODES};
    ordo_disj_result res = {0, 0, 0, 0, 1, sol};
    char err[64];
    if (ordo_disj_solve(&P, &res, err, sizeof err) || !res.found) return 0;
    int64_t bound0 = 0;
    for (int32_t j = 0; j < n; j++)
        if (init[j] + p[j] + q[j] > bound0) bound0 = init[j] + p[j] + q[j];
    if (res.objective > (double)bound0 - 0.5) return 0; /* no better through this window */
    int32_t ord[LNS_WINDOW];
    for (int32_t j = 0; j < n; j++) ord[j] = j;
    for (int32_t i = 1; i < n; i++) /* by the MILP's starts */
        for (int32_t k = i; k > 0 && (sol[ord[k]] < sol[ord[k - 1]] || (sol[ord[k]] == sol[ord[k - 1]] && ord[k] < ord[k - 1])); k--) {
            int32_t t = ord[k];
            ord[k] = ord[k - 1], ord[k - 1] = t;
        }
    for (int32_t j = 0; j < n; j++) unlink_node(c, w[j], u);
    int32_t prev = before;
    for (int32_t j = 0; j < n; j++) link_after(c, w[ord[j]], u, prev), prev = w[ord[j]];
    return 1;
}

/* LNS moves on the best of chain c for up to `windows` windows; keeps what improves. */
static void lns(chain *c, int32_t windows, double deadline)
{
    take_best(c, c);
    settle(c);
    for (int32_t it = 0; it < windows; it++) {
        double left = deadline - ordo_now();
        if (left <= 0) break;
        int32_t len = critical_path(c);
        if (len == 0) break;
        int32_t v = c->path[rnd(&c->rng) % (uint64_t)len];
        if (!lns_window(c, v, left)) continue;
        cost before = c->best;
        settle(c);
        if (cost_less(c->cur, before))
            save_best(c);
        else { /* back to the best */
            take_best(c, c);
            settle(c);
        }
    }
}

/* ---- islands: the chains spread over MPI ranks -------------------------------------------

** The search runs K chains (global numbers 0..K-1); chain k lives on rank k mod size. Every
** decision between epochs -- which chain is best, which restarts from it, when to stop --
** is taken on every rank from the same figures (each chain's best cost, sent by its rank),
** and a chain that restarts from another rank's best receives that solution whole. A
** chain's path depends only on its number, the seed and those decisions, so the plan is the
** same for any number of ranks and threads. With one rank nothing is exchanged. */
typedef struct island_set {
    int rank, size;
    int32_t K;        /* chains in all */
    int32_t L;        /* chains on this rank (at least 1: a rank with none keeps a spare) */
    int32_t *local;   /* [K] chain k's index on this rank, or -1 */
    cost *best;       /* [K] every chain's best cost after the last exchange */
    int32_t *buf;     /* one solution in transit: choice, mpred, msucc (N each), uhead, utail */
} island_set;

static int islands_init(island_set *is, int32_t K, int over_ranks)
{
    memset(is, 0, sizeof *is);
    is->rank = 0, is->size = 1;
    if (over_ranks) ordo_dist_rank(&is->rank, &is->size);
    is->K = K;
    is->local = malloc((size_t)K * sizeof *is->local);
    is->best = malloc((size_t)K * sizeof *is->best);
    if (!is->local || !is->best) return -1;
    for (int32_t k = 0; k < K; k++) is->local[k] = k % is->size == is->rank ? is->L++ : -1;
    if (is->L == 0) is->L = 1; /* a spare, to receive the final best */
    return 0;
}

static void islands_free(island_set *is)
{
    free(is->local), free(is->best), free(is->buf);
}

/* Every chain's best cost onto every rank. */
static int islands_costs(island_set *is, const chain *ch)
{
    for (int32_t k = 0; k < is->K; k++) {
        if (is->local[k] >= 0) is->best[k] = ch[is->local[k]].best;
        if (is->size > 1 && ordo_dist_bcast(&is->best[k], sizeof is->best[k], k % is->size)) return -1;
    }
    return 0;
}

static int32_t best_of(const island_set *is)
{
    int32_t bk = 0;
    for (int32_t k = 1; k < is->K; k++)
        if (cost_less(is->best[k], is->best[bk])) bk = k;
    return bk;
}

/* Chain bk's best solution onto every rank, into chain *dst's current solution (with its
** cost, and as its best) on the ranks where dst is not NULL. */
static int islands_send(island_set *is, chain *ch, int32_t bk, chain *dst)
{
    const lsg *g = ch[0].g;
    size_t N = (size_t)g->N, U = (size_t)g->nunit;
    if (!is->buf && !(is->buf = malloc((3 * N + 2 * U + 1) * sizeof *is->buf))) return -1;
    int32_t *b = is->buf;
    if (is->local[bk] >= 0) {
        const chain *c = &ch[is->local[bk]];
        memcpy(b, c->b_choice, N * sizeof *b), memcpy(b + N, c->b_mpred, N * sizeof *b);
        memcpy(b + 2 * N, c->b_msucc, N * sizeof *b);
        memcpy(b + 3 * N, c->b_uhead, U * sizeof *b), memcpy(b + 3 * N + U, c->b_utail, U * sizeof *b);
    }
    if (ordo_dist_bcast(b, (3 * N + 2 * U) * sizeof *b, bk % is->size)) return -1;
    if (dst) {
        memcpy(dst->choice, b, N * sizeof *b), memcpy(dst->mpred, b + N, N * sizeof *b);
        memcpy(dst->msucc, b + 2 * N, N * sizeof *b);
        memcpy(dst->uhead, b + 3 * N, U * sizeof *b), memcpy(dst->utail, b + 3 * N + U, U * sizeof *b);
        dst->cur = is->best[bk];
        save_best(dst);
    }
    return 0;
}

/* After an epoch: the worst chain restarts from the best (the others keep their own paths).
** Returns the best chain's number, or -1 when an exchange failed. */
static int32_t islands_epoch(island_set *is, chain *ch)
{
    if (islands_costs(is, ch)) return -1;
    int32_t bk = best_of(is), wk = 0;
    for (int32_t k = 1; k < is->K; k++)
        if (cost_less(is->best[wk], is->best[k])) wk = k;
    if (wk == bk || !cost_less(is->best[bk], is->best[wk])) return bk;
    chain *w = is->local[wk] >= 0 ? &ch[is->local[wk]] : NULL;
    if (w && is->local[bk] >= 0) {
        take_best(w, &ch[is->local[bk]]);
    } else if (bk % is->size != wk % is->size) {
        if (islands_send(is, ch, bk, w)) return -1;
    }
    if (w) {
        settle(w);
        w->ntabu = 0, w->noimp = 0;
    }
    is->best[wk] = is->best[bk];
    return bk;
}

static void write_back(const chain *c)
{
    const lsg *g = c->g;
    struct ordo_plan *p = g->p;
    const ordo_model *m = g->m;
    for (int32_t v = 0; v < g->n; v++) {
        int32_t o = g->op[v];
        p->op_res[o] = m->alt_res[g->ua_alt[c->choice[v]]];
        p->op_start[o] = c->start[v];
        p->op_end[o] = c->end[v];
    }
    for (int32_t q = 0; q < p->npo; q++)
        if (g->dyn_node[q] >= 0) p->po_avail_t[q] = c->avail[g->dyn_node[q]];
}

/* The search's budget in node evaluations for the whole run of one island (K chains). */
static double search_budget(const struct ordo_plan *p, const ordo_improve_opts *opts)
{
    double total = opts->time_limit > 0 ? opts->time_limit * EVALS_PER_SECOND * 2 : DEFAULT_EVALS_PER_NODE * p->nop;
    if (opts->time_limit <= 0 && total > DEFAULT_EVALS) total = DEFAULT_EVALS;
    return total;
}

/* The epochs of the search over the islands; the best solution ends in *fin, the chain of
** this rank that holds it. Returns 0, or -1 when an exchange failed. */
static int run_islands(island_set *is, chain *ch, const lsg *g, const ordo_improve_opts *opts, double total,
                       int32_t K1, chain **fin)
{
    int epochs = (int)(total / (20.0 * K1 * g->N));
    if (epochs > EPOCHS) epochs = EPOCHS;
    if (epochs < 1) epochs = 1;
    int64_t per = (int64_t)(total / K1 / epochs);
    double deadline = opts->time_limit > 0 ? ordo_now() + opts->time_limit : 0;
    int nt = opts->threads > 0 ? opts->threads : 1;
#ifdef _OPENMP
    if (opts->threads <= 0) nt = omp_get_max_threads();
#endif
    for (int32_t k = 0; k < is->K; k++) {
        if (is->local[k] < 0) continue;
        chain *c = &ch[is->local[k]];
        c->rng = opts->seed * 0xd1342543de82ef95ull + (uint64_t)k * 0x9e3779b97f4a7c15ull + 1;
        c->timed = k & 1;
        settle(c);
        save_best(c);
    }
    int32_t own = 0; /* chains of this rank */
    for (int32_t k = 0; k < is->K; k++) own += is->local[k] >= 0;
    int32_t bk = 0;
    for (int e = 0, done = 0; e < epochs && !done; e++) {
#pragma omp parallel for num_threads(nt) schedule(dynamic, 1)
        for (int32_t j = 0; j < own; j++) run_chain(&ch[j], per, deadline);
        if ((bk = islands_epoch(is, ch)) < 0) return -1;
        if (deadline > 0 && ordo_now() > deadline) done = 1;
        if (is->size > 1) done = ordo_dist_max(done);
        if (g->makespan && is->best[bk].a <= (double)g->lb) done = 1; /* optimal */
    }
    bk = best_of(is);
    if (is->local[bk] >= 0) {
        *fin = &ch[is->local[bk]];
        if (is->size > 1 && islands_send(is, ch, bk, NULL)) return -1;
    } else {
        *fin = &ch[0];
        if (islands_send(is, ch, bk, *fin)) return -1;
    }
    return 0;
}

int ordo_improve(struct ordo_plan *p, const ordo_improve_opts *opts)
{
    if (p->nop == 0 || opts->time_limit < 0 || ordo_sched_never(p)) return 0;
    /* a budget of fewer than 50 passes over the graph per chain cannot do much: none (the
    ** count of operations bounds the graph's nodes from above) */
    double total = search_budget(p, opts);
    int32_t K = opts->chains > 0 ? opts->chains : p->nop <= 20000 ? 8 : p->nop <= 200000 ? 2 : 1;
    if (total < 50.0 * K * p->nop) return 0;
    lsg g;
    if (lsg_build(&g, p, opts->design, opts->fixed_unit)) return -1;
    if (opts->due) { /* an insertion's commitments: the lateness against them alone */
        g.service = 0;
        for (int32_t o = 0; o < g.nord; o++) g.ord_due[o] = opts->due[o];
    }
    if (opts->time_limit > 0 && !g.pure) { /* a factory: its own rate (above) */
        total = opts->time_limit * EVALS_PER_SECOND_FACTORY * 2;
        if (total > MAX_EVALS_PER_NODE_FACTORY * (double)g.N) total = MAX_EVALS_PER_NODE_FACTORY * (double)g.N;
        if (total < 50.0 * K * g.N) {
            lsg_free(&g);
            return 0;
        }
    }
    /* job shops for the makespan with a time limit: part of it goes to GLPK's windows */
    int use_lns = opts->time_limit > 0 && g.pure && g.makespan && g.ua_start[g.n] == g.n && !opts->fixed_unit;
    if (use_lns) total *= 1 - LNS_SHARE;
    if (opts->release)
        for (int32_t v = 0; v < g.n; v++)
            if (opts->release[g.op[v]] > g.head[v]) g.head[v] = opts->release[g.op[v]];
    if (g.n == 0) {
        lsg_free(&g);
        return 0;
    }
    /* chains: 8 on small graphs, fewer where each costs memory; never from the thread count;
    ** each island runs K of them with the whole budget */
    island_set is;
    int rc = islands_init(&is, K * (opts->islands > 1 ? opts->islands : 1), opts->over_ranks);
    chain *ch = rc ? NULL : calloc((size_t)is.L, sizeof *ch);
    if (!ch) rc = -1;
    int32_t made = 0;
    for (; rc == 0 && made < is.L; made++)
        if (chain_init(&ch[made], &g)) rc = -1;
    chain *fin = NULL;
    cost start = COST_INF;
    if (rc == 0) {
        settle(&ch[0]);
        start = ch[0].cur; /* every chain starts from the same schedule */
        rc = run_islands(&is, ch, &g, opts, total, K, &fin);
    }
    if (rc == 0) {
        if (use_lns && !(g.makespan && fin->best.a <= (double)g.lb)) {
            double t_lns = opts->time_limit * LNS_SHARE;
            lns(fin, (int32_t)(t_lns * 20) + 1, ordo_now() + t_lns + 1.0);
        }
        if (cost_less(fin->best, start)) {
            take_best(fin, fin);
            settle(fin);
            write_back(fin);
        }
    }
    for (int32_t k = 0; k < made; k++) chain_free(&ch[k]);
    free(ch);
    islands_free(&is);
    lsg_free(&g);
    return rc;
}

/* ---- overtime --------------------------------------------------------------------------------- */

/* A late customer order and how late it is per unit of penalty (the sort key). */
typedef struct late_key {
    double late;
    int32_t o;
} late_key;

static int cmp_late(const void *x, const void *y)
{
    const late_key *a = x, *b = y;
    if (a->late != b->late) return a->late < b->late ? -1 : 1;
    return a->o < b->o ? -1 : a->o > b->o;
}

/* Whether cost w is no worse than v by the first two criteria. */
static int no_worse(cost w, cost v)
{
    return !isinf(w.a) && !(w.a > v.a + 1e-9 || (w.a > v.a - 1e-9 && w.b > v.b + 1e-9));
}

/* Overtime on the critical path of late order o in chain c: the path's operations on units
** whose calendar has overtime work it. Kept when o turns on time and the first criterion
** improves; then each flag that is not needed (the first two criteria no worse without it)
** is taken back. Returns whether overtime was kept. */
static int overtime_for(chain *c, int32_t o, int32_t *list)
{
    const lsg *g = c->g;
    int32_t by, k = 0;
    int64_t done = order_done(c, o, &by);
    if (by < 0 || done == T_NEVER || done <= g->ord_due[o]) return 0;
    for (int32_t v = by; v >= 0; v = c->crit[v])
        if (v < g->n && !c->ot[v] && g->ucal[g->ua_unit[c->choice[v]]]->overtime > 0) c->ot[v] = 1, list[k++] = v;
    if (k == 0) return 0;
    cost before = c->cur, v = evaluate(c);
    if (isinf(v.a) || order_done(c, o, &by) > g->ord_due[o] || !(v.a < before.a - 1e-9)) {
        for (int32_t i = 0; i < k; i++) c->ot[list[i]] = 0;
        c->cur = evaluate(c);
        return 0;
    }
    for (int32_t i = 0; i < k; i++) { /* only what is needed */
        c->ot[list[i]] = 0;
        cost w = evaluate(c);
        if (!no_worse(w, v)) c->ot[list[i]] = 1;
    }
    c->cur = evaluate(c);
    return 1;
}

/* A node with overtime and its group: its resource and week of the horizon, the last first. */
typedef struct ot_key {
    int64_t group;
    int32_t v;
} ot_key;

static int cmp_ot_key(const void *x, const void *y)
{
    const ot_key *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return (a->v > b->v) - (a->v < b->v);
}

/* The overtime the plan came with (the constructive schedule's weeks of overtime) taken back
** where the first two criteria are no worse without it: by resource and week of the
** horizon, the last first, then operation by operation while the budget (node evaluations)
** lasts. keys needs room for one entry per node. Returns how many flags were taken back. */
static int32_t overtime_takeback(chain *c, ot_key *keys, int64_t stop)
{
    const lsg *g = c->g;
    const ordo_model *m = g->p->model;
    int64_t nwin = (m->h_end - m->h_start) / 7 + 1;
    int32_t nk = 0, back = 0;
    for (int32_t v = 0; v < g->n; v++) {
        if (!c->ot[v]) continue;
        int64_t w = (ordo_floordiv(c->start[v], ORDO_MIN_PER_DAY) - m->h_start) / 7;
        w = w < 0 ? 0 : w >= nwin ? nwin - 1 : w;
        keys[nk++] = (ot_key){(int64_t)m->alt_res[g->ua_alt[c->choice[v]]] * nwin + (nwin - 1 - w), v};
    }
    if (nk == 0) return 0;
    qsort(keys, (size_t)nk, sizeof *keys, cmp_ot_key);
    c->cur = evaluate(c);
    for (int32_t i = 0, j; i < nk && c->evals < stop; i = j) { /* a resource's week at a time */
        for (j = i; j < nk && keys[j].group == keys[i].group; j++) c->ot[keys[j].v] = 0;
        cost w = evaluate(c);
        if (no_worse(w, c->cur)) c->cur = w, back += j - i;
        else
            for (int32_t t = i; t < j; t++) c->ot[keys[t].v] = 1;
    }
    for (int32_t i = 0; i < nk && c->evals < stop; i++) { /* then one operation at a time */
        int32_t v = keys[i].v;
        if (!c->ot[v]) continue;
        c->ot[v] = 0;
        cost w = evaluate(c);
        if (no_worse(w, c->cur)) c->cur = w, back++;
        else c->ot[v] = 1;
    }
    c->cur = evaluate(c);
    return back;
}

int ordo_improve_overtime(struct ordo_plan *p, const int64_t *design)
{
    const ordo_model *m = p->model;
    if (p->nop == 0 || m->objective == ORDO_OBJ_MAKESPAN || ordo_sched_never(p)) return 0;
    int any_ot = 0;
    for (int32_t r = 0; r < m->nres; r++) any_ot |= ordo_model_cal(m, m->res_cal[r])->overtime > 0;
    if (!any_ot) return 0;
    lsg g;
    if (lsg_build(&g, p, design, NULL)) return -1;
    chain c;
    late_key *lk = malloc(((size_t)g.nord + 1) * sizeof *lk);
    int32_t *list = malloc(((size_t)g.N + 1) * sizeof *list);
    int rc = chain_init(&c, &g) || !lk || !list ? -1 : 0;
    c.cur = rc == 0 ? evaluate(&c) : COST_INF;
    int32_t nl = 0, kept = 0, had = 0;
    for (int32_t v = 0; v < g.n && rc == 0; v++) had |= c.ot[v];
    ot_key *keys = had ? malloc(((size_t)g.n + 1) * sizeof *keys) : NULL;
    if (had && !keys) rc = -1;
    if (had && rc == 0) kept = overtime_takeback(&c, keys, 4000000) > 0; /* written back below */
    free(keys);
    for (int32_t o = 0; o < g.nord && rc == 0 && !isinf(c.cur.a); o++) {
        int32_t by;
        int64_t done = order_done(&c, o, &by);
        if (by >= 0 && done != T_NEVER && done > g.ord_due[o]) lk[nl++] = (late_key){(double)(done - g.ord_due[o]) / g.ord_w[o], o};
    }
    if (nl > 1) qsort(lk, (size_t)nl, sizeof *lk, cmp_late);
    /* the nearest to on time first, within about 2e7 node evaluations */
    int64_t stop = 20000000;
    for (int32_t i = 0; i < nl && c.evals < stop; i++) kept += overtime_for(&c, lk[i].o, list);
    if (kept > 0 && !p->op_ot && !(p->op_ot = calloc((size_t)p->nop + 1, 1))) rc = -1;
    if (kept > 0 && rc == 0) {
        for (int32_t v = 0; v < g.n; v++) p->op_ot[g.op[v]] = c.ot[v];
        c.cur = evaluate(&c);
        write_back(&c);
    }
    chain_free(&c);
    free(lk), free(list);
    lsg_free(&g);
    return rc;
}

int ordo_improve_retime(struct ordo_plan *p, const int64_t *design, const int64_t *release, const int32_t *fixed_unit)
{
    if (p->nop == 0 || ordo_sched_never(p)) return 0;
    lsg g;
    if (lsg_build(&g, p, design, fixed_unit)) return -1;
    if (release)
        for (int32_t v = 0; v < g.n; v++)
            if (release[g.op[v]] > g.head[v]) g.head[v] = release[g.op[v]];
    chain c;
    int rc = chain_init(&c, &g);
    if (rc == 0) {
        c.cur = evaluate(&c);
        if (isinf(c.cur.a)) rc = -2; /* the sequences contradict routing or material: a cycle */
        else write_back(&c);
    }
    chain_free(&c);
    lsg_free(&g);
    return rc;
}

typedef struct pin_key {
    int32_t res, o;
    int64_t s, e;
} pin_key;

static int cmp_pin(const void *x, const void *y)
{
    const pin_key *a = x, *b = y;
    if (a->res != b->res) return a->res < b->res ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return (a->o > b->o) - (a->o < b->o);
}

/* The orders of p with fixed operations (sched.h, ordo_sched_pin) as the search's fixed
** blocks, whole: their done operations on no unit (fixed[o] = the count of units: they take
** no capacity), the others -- the running ones and those the constructive schedule placed
** after them -- as blocks on a unit of their resource (the first free at their start, by
** start). Returns 1 when the search can go around them, 0 when it cannot (frozen operations
** of a re-plan, or a fixed order made from planned orders the search would move: their
** material would no longer be sure), -1 out of memory. */
static int pin_blocks(const struct ordo_plan *p, int32_t *fixed)
{
    const ordo_model *m = p->model;
    if (p->op_fix_res) return 0;
    int32_t nunit = 0, nb = 0;
    for (int32_t r = 0; r < m->nres; r++) nunit += m->res_units[r];
    pin_key *k = malloc(((size_t)p->nop + 1) * sizeof *k);
    int32_t *unit0 = malloc(((size_t)m->nres + 1) * sizeof *unit0);
    int64_t *free_at = malloc(((size_t)nunit + 1) * sizeof *free_at);
    int rc = k && unit0 && free_at ? 1 : -1;
    for (int32_t o = 0; rc == 1 && o < p->nop; o++) fixed[o] = -1;
    for (int32_t q = 0; rc == 1 && q < p->npo; q++) {
        if (ordo_sched_npin(p, q) == 0) continue;
        for (int32_t j = p->dep_start[q]; j < p->dep_start[q + 1]; j++)
            if (p->dep_sup[j] >= 0) rc = 0;
        for (int32_t o = p->po_op0[q]; o < p->po_op0[q + 1]; o++) {
            int32_t res;
            int64_t s, e;
            int done;
            int pinned = ordo_sched_pin(p, q, o - p->po_op0[q], &res, &s, &e, &done);
            fixed[o] = nunit;
            if (!(pinned && done) && p->op_start[o] != INT64_MAX) k[nb++] = (pin_key){p->op_res[o], o, p->op_start[o], p->op_end[o]};
        }
    }
    if (rc == 1) {
        unit0[0] = 0;
        for (int32_t r = 0; r < m->nres; r++) unit0[r + 1] = unit0[r] + m->res_units[r];
        for (int32_t u = 0; u < nunit; u++) free_at[u] = INT64_MIN;
        qsort(k, (size_t)nb, sizeof *k, cmp_pin);
        for (int32_t j = 0; j < nb; j++) {
            int32_t best = unit0[k[j].res];
            for (int32_t u = unit0[k[j].res]; u < unit0[k[j].res + 1]; u++) {
                if (free_at[u] <= k[j].s) {
                    best = u;
                    break;
                }
                if (free_at[u] < free_at[best]) best = u;
            }
            fixed[k[j].o] = best;
            free_at[best] = k[j].e;
        }
    }
    free(k), free(unit0), free(free_at);
    return rc;
}

/* The objective of p's customer order results (ordo_sched_results), as the search counts it. */
static cost plan_cost(const struct ordo_plan *p)
{
    double k[3];
    ordo_sched_cost(p, k);
    if (p->model->objective == ORDO_OBJ_MAKESPAN) return (cost){k[0], 0, 0};
    cost c = {k[0], k[1], 0};
    for (int32_t o = 0; o < p->nop; o++)
        if (p->op_end[o] != T_NEVER && p->op_end[o] > c.c) c.c = p->op_end[o];
    return c;
}

ordo_rc ordo_improve_plan(struct ordo_plan *p, double time_limit, int threads, uint64_t seed, int islands,
                          int over_ranks)
{
    int pins = ordo_sched_has_pins(p);
    int64_t *design = malloc(((size_t)p->npo + 1) * sizeof *design);
    int32_t *fixed = pins ? malloc(((size_t)p->nop + 1) * sizeof *fixed) : NULL;
    int go = !pins ? 1 : fixed ? pin_blocks(p, fixed) : -1, rc = !design || go < 0 ? -1 : 0;
    for (int32_t q = 0; rc == 0 && q < p->npo; q++) design[q] = ordo_sched_design(p, q);
    /* started orders stay, whole, as blocks the others go around */
    ordo_improve_opts io = {.time_limit = time_limit, .threads = threads, .seed = seed, .design = design,
                            .fixed_unit = fixed, .islands = islands, .over_ranks = over_ranks};
    /* Around fixed blocks the search's first timing of the input's sequences may be later
    ** than the input itself (on a resource of several units its own choice of units can
    ** differ from the constructive schedule's): the input is kept unless the search beats it. */
    ordo_sched_copy *keep = NULL;
    cost before = {0, 0, 0};
    if (rc == 0 && go == 1 && pins) {
        ordo_sched_results(p);
        before = plan_cost(p);
        if (!(keep = ordo_sched_copy_take(p))) rc = -1;
    }
    if (rc == 0 && go == 1) rc = ordo_improve(p, &io);
    if (rc == 0 && !pins) rc = ordo_improve_overtime(p, design); /* it re-times every operation */
    ordo_sched_results(p);
    if (rc == 0 && keep && cost_less(before, plan_cost(p))) {
        ordo_sched_copy_put(p, keep);
        ordo_sched_results(p);
    }
    ordo_sched_copy_free(keep);
    free(design), free(fixed);
    return rc ? ORDO_ENOMEM : ORDO_OK;
}
