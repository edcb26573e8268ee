/*
** disj.c -- the disjunctive scheduling MILP of disj.h, with GLPK. Every index and bound is
** checked before GLPK sees it (GLPK aborts on a bad argument); GLPK's own errors return
** through an error hook.
*/
#include "disj.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cbdata {
    const double *x0; /* warm start, 1-based over the columns; NULL none */
    int given;
    double gap;
    int64_t nodes, node_limit;
} cbdata;

static void callback(glp_tree *T, void *info)
{
    cbdata *cb = info;
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (cb->x0 && !cb->given) {
            cb->given = 1;
            glp_ios_heur_sol(T, cb->x0);
        }
        break;
    case GLP_ISELECT:
        if (cb->node_limit > 0 && ++cb->nodes > cb->node_limit) glp_ios_terminate(T);
        cb->gap = glp_ios_mip_gap(T);
        break;
    case GLP_IBINGO:
        cb->gap = glp_ios_mip_gap(T);
        break;
    default:
        break;
    }
}

typedef struct hook { jmp_buf jb; } hook;
static void on_error(void *info)
{
    hook *h = info;
    glp_free_env();
    longjmp(h->jb, 1);
}

static int valid(const ordo_disj *P, char *err, size_t nerr)
{
    if (P->n < 0 || P->nprec < 0 || !P->p || !P->r || !P->mach) {
        snprintf(err, nerr, "disjunctive model: missing arrays");
        return 0;
    }
    for (int32_t j = 0; j < P->n; j++)
        if (P->p[j] < 0 || P->mach[j] < 0 || (P->smax && P->smax[j] < P->r[j])) {
            snprintf(err, nerr, "disjunctive model: job %d has a bad length, machine or window", (int)j);
            return 0;
        }
    for (int32_t k = 0; k < P->nprec; k++)
        if (P->pa[k] < 0 || P->pa[k] >= P->n || P->pb[k] < 0 || P->pb[k] >= P->n || P->pa[k] == P->pb[k]) {
            snprintf(err, nerr, "disjunctive model: precedence %d names a bad job", (int)k);
            return 0;
        }
    return 1;
}

/* The MILP's layout: columns s (start per job), T (tardiness, with due dates), Cmax (with a
** makespan weight) and y per pair of jobs on one machine; and its matrix, 1-based. */
typedef struct model {
    int32_t n, nmach;
    int has_t, has_c;
    int32_t cs, ct, cc, cy, ncol;
    int64_t npair;
    int32_t *pi, *pj; /* the pairs */
    double M;         /* big M: the horizon */
    int *ia, *ja;
    double *ar, *x0;  /* the matrix; the warm start (NULL none) */
    size_t nz;
} model;

static void model_free(model *d) { free(d->ia), free(d->ja), free(d->ar), free(d->x0), free(d->pi), free(d->pj); }

/* The horizon: every job in sequence after the latest release, or the warm start's end. */
static int64_t horizon(const ordo_disj *P)
{
    int64_t H = 0, sump = 0, maxr = 0;
    for (int32_t j = 0; j < P->n; j++) {
        sump += P->p[j];
        if (P->r[j] > maxr) maxr = P->r[j];
        if (P->init && P->init[j] + P->p[j] > H) H = P->init[j] + P->p[j];
    }
    for (int32_t k = 0; k < P->nprec; k++) sump += P->lag && P->lag[k] > 0 ? P->lag[k] : 0;
    for (int32_t j = 0; P->q && j < P->n; j++)
        if (P->init && P->init[j] + P->p[j] + P->q[j] > H) H = P->init[j] + P->p[j] + P->q[j];
    return maxr + sump > H ? maxr + sump : H;
}

/* The layout of P's model and its arrays. 0, or -1 (reason in err). */
static int model_init(model *d, const ordo_disj *P, char *err, size_t nerr)
{
    int32_t n = P->n;
    memset(d, 0, sizeof *d);
    d->n = n;
    d->M = (double)horizon(P);
    d->has_t = P->d != NULL, d->has_c = P->makespan_weight > 0;
    d->cs = 1, d->ct = d->cs + n, d->cc = d->ct + (d->has_t ? n : 0), d->cy = d->cc + (d->has_c ? 1 : 0);
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = i + 1; j < n; j++) d->npair += P->mach[i] == P->mach[j];
    if (d->npair > 2000000) {
        snprintf(err, nerr, "disjunctive model: %lld pairs is too large", (long long)d->npair);
        return -1;
    }
    d->ncol = d->cy - 1 + (int32_t)d->npair;
    for (int32_t j = 0; j < n; j++)
        if (P->mach[j] + 1 > d->nmach) d->nmach = P->mach[j] + 1;
    size_t nz_cap = (size_t)d->npair * 6 + (size_t)n * 4 + (size_t)P->nprec * 2 + (size_t)n + (size_t)d->nmach + 16;
    d->ia = malloc((nz_cap + 1) * sizeof *d->ia), d->ja = malloc((nz_cap + 1) * sizeof *d->ja);
    d->ar = malloc((nz_cap + 1) * sizeof *d->ar), d->x0 = P->init ? calloc((size_t)d->ncol + 1, sizeof *d->x0) : NULL;
    d->pi = malloc(((size_t)d->npair + 1) * sizeof *d->pi), d->pj = malloc(((size_t)d->npair + 1) * sizeof *d->pj);
    if (!d->ia || !d->ja || !d->ar || !d->pi || !d->pj || (P->init && !d->x0)) {
        snprintf(err, nerr, "out of memory");
        return -1;
    }
    int64_t k = 0;
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = i + 1; j < n; j++)
            if (P->mach[i] == P->mach[j]) d->pi[k] = i, d->pj[k] = j, k++;
    return 0;
}

static void add_columns(glp_prob *lp, const ordo_disj *P, const model *d)
{
    glp_add_cols(lp, d->ncol);
    for (int32_t j = 0; j < d->n; j++) {
        double hi = P->smax ? (double)P->smax[j] : d->M - (double)P->p[j];
        if (hi > d->M - (double)P->p[j]) hi = d->M - (double)P->p[j];
        if (hi < (double)P->r[j]) hi = (double)P->r[j];
        glp_set_col_bnds(lp, d->cs + j, hi > (double)P->r[j] ? GLP_DB : GLP_FX, (double)P->r[j], hi);
        glp_set_obj_coef(lp, d->cs + j, P->v ? P->v[j] : 0);
        if (d->has_t) {
            glp_set_col_bnds(lp, d->ct + j, GLP_LO, 0, 0);
            glp_set_obj_coef(lp, d->ct + j, P->w ? P->w[j] : 1);
        }
    }
    if (d->has_c) {
        glp_set_col_bnds(lp, d->cc, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, d->cc, P->makespan_weight);
    }
    for (int64_t q = 0; q < d->npair; q++) glp_set_col_kind(lp, d->cy + (int)q, GLP_BV);
}

#define NZ(r_, c_, v_) (d->nz++, d->ia[d->nz] = (r_), d->ja[d->nz] = (c_), d->ar[d->nz] = (v_))

/* The makespan rows: Cmax after every job's tail, and after each machine's whole load. */
static int makespan_rows(glp_prob *lp, const ordo_disj *P, model *d, int row)
{
    int32_t n = d->n, cc = d->cc;
    for (int32_t j = 0; j < n; j++) { /* Cmax - s_j >= p_j + q_j */
        row++;
        NZ(row, cc, 1.0), NZ(row, d->cs + j, -1.0);
        glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[j] + (P->q ? P->q[j] : 0)), 0);
    }
    for (int32_t mm = 0; mm < d->nmach; mm++) { /* Cmax >= min r + load + min q */
        int64_t load = 0, minr = INT64_MAX, minq = INT64_MAX;
        for (int32_t j = 0; j < n; j++)
            if (P->mach[j] == mm) {
                load += P->p[j], minr = P->r[j] < minr ? P->r[j] : minr;
                int64_t qj = P->q ? P->q[j] : 0;
                if (qj < minq) minq = qj;
            }
        row++;
        NZ(row, cc, 1.0);
        glp_set_row_bnds(lp, row, GLP_LO, minr == INT64_MAX ? 0 : (double)(minr + load + minq), 0);
    }
    return row;
}

/* Every row, then the matrix into lp. */
static void add_rows(glp_prob *lp, const ordo_disj *P, model *d)
{
    int32_t n = d->n, cs = d->cs;
    double M = d->M;
    glp_add_rows(lp, (d->has_t ? n : 0) + (d->has_c ? n + d->nmach : 0) + P->nprec + 2 * (int32_t)d->npair);
    int row = 0;
    for (int32_t j = 0; d->has_t && j < n; j++) { /* T_j - s_j >= p_j - d_j */
        row++;
        NZ(row, d->ct + j, 1.0), NZ(row, cs + j, -1.0);
        glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[j] - P->d[j]), 0);
    }
    if (d->has_c) row = makespan_rows(lp, P, d, row);
    for (int32_t q = 0; q < P->nprec; q++) { /* s_b - s_a >= p_a + lag */
        row++;
        NZ(row, cs + P->pb[q], 1.0), NZ(row, cs + P->pa[q], -1.0);
        glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[P->pa[q]] + (P->lag ? P->lag[q] : 0)), 0);
    }
    for (int64_t q = 0; q < d->npair; q++) {
        int32_t i = d->pi[q], j = d->pj[q], y = d->cy + (int)q;
        row++; /* y = 1: i before j:  s_i - s_j + M y <= M - p_i */
        NZ(row, cs + i, 1.0), NZ(row, cs + j, -1.0), NZ(row, y, M);
        glp_set_row_bnds(lp, row, GLP_UP, 0, M - (double)P->p[i]);
        row++; /* y = 0: j before i:  s_j - s_i - M y <= -p_j */
        NZ(row, cs + j, 1.0), NZ(row, cs + i, -1.0), NZ(row, y, -M);
        glp_set_row_bnds(lp, row, GLP_UP, 0, -(double)P->p[j]);
    }
    glp_load_matrix(lp, (int)d->nz, d->ia, d->ja, d->ar);
}
#undef NZ

/* The warm start P->init as a full solution of the model, into d->x0. */
static void warm_start(const ordo_disj *P, model *d)
{
    double cmax = 0;
    for (int32_t j = 0; j < d->n; j++) {
        d->x0[d->cs + j] = (double)P->init[j];
        double qe = (double)(P->init[j] + P->p[j] + (P->q ? P->q[j] : 0));
        if (qe > cmax) cmax = qe;
        if (d->has_t) {
            double t = (double)(P->init[j] + P->p[j] - P->d[j]);
            d->x0[d->ct + j] = t > 0 ? t : 0;
        }
        if ((double)(P->init[j] + P->p[j]) > cmax) cmax = (double)(P->init[j] + P->p[j]);
    }
    if (d->has_c) d->x0[d->cc] = cmax;
    for (int64_t q = 0; q < d->npair; q++) {
        int32_t i = d->pi[q], j = d->pj[q];
        d->x0[d->cy + q] = P->init[i] < P->init[j] || (P->init[i] == P->init[j] && P->p[i] == 0) ||
                                   (P->init[i] == P->init[j] && P->p[j] != 0 && i < j)
                               ? 1
                               : 0;
    }
}

/* Solve the loaded model: the LP relaxation, then branch and bound from the warm start. */
static void solve(glp_prob *lp, const ordo_disj *P, const model *d, ordo_disj_result *res)
{
    /* Without presolve, so that the warm start's columns are the model's own (the tree of a
    ** presolved problem numbers its columns anew): the LP relaxation first. */
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) return; /* no schedule in the bounds */
    cbdata cb = {d->x0, 0, 1, 0, P->node_limit};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.cb_func = callback;
    parm.cb_info = &cb;
    parm.tm_lim = P->time_limit > 0 ? (int)(P->time_limit * 1000 > 2e9 ? 2e9 : P->time_limit * 1000) : 1000;
    int rc = glp_intopt(lp, &parm);
    int st = glp_mip_status(lp);
    if (st != GLP_OPT && st != GLP_FEAS) return;
    res->found = 1;
    res->optimal = st == GLP_OPT && rc == 0;
    res->objective = glp_mip_obj_val(lp);
    res->gap = res->optimal ? 0 : cb.gap < 1e300 ? cb.gap : 1; /* GLPK: DBL_MAX before the tree has a bound */
    double cons = 0;
    for (int32_t j = 0; j < d->n; j++) {
        double s = glp_mip_col_val(lp, d->cs + j);
        res->start[j] = (int64_t)(s + 0.5);
        cons += (P->v ? P->v[j] : 0) * (double)P->r[j];
    }
    res->objective -= cons; /* the start delay counted from the releases */
    res->bound = res->optimal ? res->objective : res->objective * (1 - res->gap);
}

int ordo_disj_solve(const ordo_disj *P, ordo_disj_result *res, char *err, size_t nerr)
{
    res->found = res->optimal = 0;
    res->objective = res->bound = 0;
    res->gap = 1;
    if (!valid(P, err, nerr)) return -1;
    if (P->n == 0) {
        res->found = res->optimal = 1;
        res->gap = 0;
        return 0;
    }
    model d;
    if (model_init(&d, P, err, nerr)) {
        model_free(&d);
        return -1;
    }
    hook h;
    glp_prob *volatile lp = NULL;
    if (setjmp(h.jb)) { /* GLPK's error hook: its environment is gone with the problem */
        glp_error_hook(NULL, NULL);
        model_free(&d);
        snprintf(err, nerr, "GLPK failed");
        return -1;
    }
    glp_error_hook(on_error, &h);
    glp_term_out(GLP_OFF);
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    add_columns(lp, P, &d);
    add_rows(lp, P, &d);
    if (d.x0) warm_start(P, &d);
    solve(lp, P, &d, res);
    glp_delete_prob(lp);
    glp_error_hook(NULL, NULL);
    model_free(&d);
    return 0;
}
