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

int ordo_disj_solve(const ordo_disj *P, ordo_disj_result *res, char *err, size_t nerr)
{
    res->found = res->optimal = 0;
    res->objective = res->bound = 0;
    res->gap = 1;
    if (!valid(P, err, nerr)) return -1;
    int32_t n = P->n;
    if (n == 0) {
        res->found = res->optimal = 1;
        res->gap = 0;
        return 0;
    }
    /* the horizon, and M */
    int64_t H = 0, sump = 0, maxr = 0;
    for (int32_t j = 0; j < n; j++) {
        sump += P->p[j];
        if (P->r[j] > maxr) maxr = P->r[j];
        if (P->init && P->init[j] + P->p[j] > H) H = P->init[j] + P->p[j];
    }
    for (int32_t k = 0; k < P->nprec; k++) sump += P->lag && P->lag[k] > 0 ? P->lag[k] : 0;
    for (int32_t j = 0; P->q && j < n; j++)
        if (P->init && P->init[j] + P->p[j] + P->q[j] > H) H = P->init[j] + P->p[j] + P->q[j];
    if (maxr + sump > H) H = maxr + sump;
    double M = (double)H;
    /* columns: s, T (with due dates), Cmax (with a makespan weight), y per pair on a machine */
    int has_t = P->d != NULL, has_c = P->makespan_weight > 0;
    int32_t cs = 1, ct = cs + n, cc = ct + (has_t ? n : 0), cy = cc + (has_c ? 1 : 0);
    int64_t npair = 0;
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = i + 1; j < n; j++) npair += P->mach[i] == P->mach[j];
    if (npair > 2000000) {
        snprintf(err, nerr, "disjunctive model: %lld pairs is too large", (long long)npair);
        return -1;
    }
    int32_t ncol = cy - 1 + (int32_t)npair;
    int32_t nmach = 0;
    for (int32_t j = 0; j < n; j++)
        if (P->mach[j] + 1 > nmach) nmach = P->mach[j] + 1;
    size_t nz_cap = (size_t)npair * 6 + (size_t)n * 4 + (size_t)P->nprec * 2 + (size_t)n + (size_t)nmach + 16;
    int *ia = malloc((nz_cap + 1) * sizeof *ia), *ja = malloc((nz_cap + 1) * sizeof *ja);
    double *ar = malloc((nz_cap + 1) * sizeof *ar), *x0 = P->init ? calloc((size_t)ncol + 1, sizeof *x0) : NULL;
    int32_t *pi = malloc(((size_t)npair + 1) * sizeof *pi), *pj = malloc(((size_t)npair + 1) * sizeof *pj);
    if (!ia || !ja || !ar || !pi || !pj || (P->init && !x0)) {
        free(ia), free(ja), free(ar), free(x0), free(pi), free(pj);
        snprintf(err, nerr, "out of memory");
        return -1;
    }
    int64_t k = 0;
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = i + 1; j < n; j++)
            if (P->mach[i] == P->mach[j]) pi[k] = i, pj[k] = j, k++;
    hook h;
    glp_prob *volatile lp = NULL;
    if (setjmp(h.jb)) {
        glp_error_hook(NULL, NULL);
        free(ia), free(ja), free(ar), free(x0), free(pi), free(pj);
        snprintf(err, nerr, "GLPK failed");
        return -1;
    }
    glp_error_hook(on_error, &h);
    glp_term_out(GLP_OFF);
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, ncol);
    for (int32_t j = 0; j < n; j++) {
        double hi = P->smax ? (double)P->smax[j] : M - (double)P->p[j];
        if (hi > M - (double)P->p[j]) hi = M - (double)P->p[j];
        if (hi < (double)P->r[j]) hi = (double)P->r[j];
        glp_set_col_bnds(lp, cs + j, hi > (double)P->r[j] ? GLP_DB : GLP_FX, (double)P->r[j], hi);
        glp_set_obj_coef(lp, cs + j, P->v ? P->v[j] : 0);
        if (has_t) {
            glp_set_col_bnds(lp, ct + j, GLP_LO, 0, 0);
            glp_set_obj_coef(lp, ct + j, P->w ? P->w[j] : 1);
        }
    }
    if (has_c) {
        glp_set_col_bnds(lp, cc, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, cc, P->makespan_weight);
    }
    for (int64_t q = 0; q < npair; q++) glp_set_col_kind(lp, cy + (int)q, GLP_BV);
    /* rows */
    int32_t nrow = (has_t ? n : 0) + (has_c ? n + nmach : 0) + P->nprec + 2 * (int32_t)npair;
    glp_add_rows(lp, nrow);
    int row = 0;
    size_t nz = 0;
#define NZ(r_, c_, v_) (nz++, ia[nz] = (r_), ja[nz] = (c_), ar[nz] = (v_))
    for (int32_t j = 0; has_t && j < n; j++) { /* T_j - s_j >= p_j - d_j */
        row++;
        NZ(row, ct + j, 1.0), NZ(row, cs + j, -1.0);
        glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[j] - P->d[j]), 0);
    }
    if (has_c) {
        for (int32_t j = 0; j < n; j++) { /* Cmax - s_j >= p_j + q_j */
            row++;
            NZ(row, cc, 1.0), NZ(row, cs + j, -1.0);
            glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[j] + (P->q ? P->q[j] : 0)), 0);
        }
        for (int32_t mm = 0; mm < nmach; mm++) { /* Cmax >= min r + load + min q */
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
    }
    for (int32_t q = 0; q < P->nprec; q++) { /* s_b - s_a >= p_a + lag */
        row++;
        NZ(row, cs + P->pb[q], 1.0), NZ(row, cs + P->pa[q], -1.0);
        glp_set_row_bnds(lp, row, GLP_LO, (double)(P->p[P->pa[q]] + (P->lag ? P->lag[q] : 0)), 0);
    }
    for (int64_t q = 0; q < npair; q++) {
        int32_t i = pi[q], j = pj[q], y = cy + (int)q;
        row++; /* y = 1: i before j:  s_i - s_j + M y <= M - p_i */
        NZ(row, cs + i, 1.0), NZ(row, cs + j, -1.0), NZ(row, y, M);
        glp_set_row_bnds(lp, row, GLP_UP, 0, M - (double)P->p[i]);
        row++; /* y = 0: j before i:  s_j - s_i - M y <= -p_j */
        NZ(row, cs + j, 1.0), NZ(row, cs + i, -1.0), NZ(row, y, -M);
        glp_set_row_bnds(lp, row, GLP_UP, 0, -(double)P->p[j]);
    }
#undef NZ
    glp_load_matrix(lp, (int)nz, ia, ja, ar);
    if (x0) { /* the warm start as a full solution */
        double cmax = 0;
        for (int32_t j = 0; j < n; j++) {
            x0[cs + j] = (double)P->init[j];
            double qe = (double)(P->init[j] + P->p[j] + (P->q ? P->q[j] : 0));
            if (qe > cmax) cmax = qe;
            if (has_t) {
                double t = (double)(P->init[j] + P->p[j] - P->d[j]);
                x0[ct + j] = t > 0 ? t : 0;
            }
            if ((double)(P->init[j] + P->p[j]) > cmax) cmax = (double)(P->init[j] + P->p[j]);
        }
        if (has_c) x0[cc] = cmax;
        for (int64_t q = 0; q < npair; q++) {
            int32_t i = pi[q], j = pj[q];
            x0[cy + q] = P->init[i] < P->init[j] || (P->init[i] == P->init[j] && P->p[i] == 0) ||
                                 (P->init[i] == P->init[j] && P->p[j] != 0 && i < j)
                             ? 1
                             : 0;
        }
    }
    /* Without presolve, so that the warm start's columns are the model's own (the tree of a
    ** presolved problem numbers its columns anew): the LP relaxation first. */
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT) {
        glp_delete_prob(lp);
        glp_error_hook(NULL, NULL);
        free(ia), free(ja), free(ar), free(x0), free(pi), free(pj);
        return 0; /* no schedule in the model's bounds: not found */
    }
    cbdata cb = {x0, 0, 1, 0, P->node_limit};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.cb_func = callback;
    parm.cb_info = &cb;
    parm.tm_lim = P->time_limit > 0 ? (int)(P->time_limit * 1000 > 2e9 ? 2e9 : P->time_limit * 1000) : 1000;
    int rc = glp_intopt(lp, &parm);
    int st = glp_mip_status(lp);
    if (st == GLP_OPT || st == GLP_FEAS) {
        res->found = 1;
        res->optimal = st == GLP_OPT && rc == 0;
        res->objective = glp_mip_obj_val(lp);
        res->gap = res->optimal ? 0 : cb.gap;
        double cons = 0;
        for (int32_t j = 0; j < n; j++) {
            double s = glp_mip_col_val(lp, cs + j);
            res->start[j] = (int64_t)(s + 0.5);
            cons += (P->v ? P->v[j] : 0) * (double)P->r[j];
        }
        res->objective -= cons; /* the start delay counted from the releases */
        res->bound = res->optimal ? res->objective : res->objective * (1 - res->gap);
    }
    glp_delete_prob(lp);
    glp_error_hook(NULL, NULL);
    free(ia), free(ja), free(ar), free(x0), free(pi), free(pj);
    return 0;
}
