/*
** test_disj.c -- the disjunctive MILP of solvers/disj.h on problems with known optima:
** single-machine weighted tardiness (by hand), precedence with lags, and Fisher and
** Thompson's ft06 without a warm start (optimum 55, proven); and the exact mode of
** `ordo plan` (ft06 and la01 proven optimal, the schedule passing the checker).
**
** usage: test_disj PATH/TO/ordo_jsp DATASETS/scheduling
*/
#include "test.h"

#include "solvers/disj.h"
#include "plan.h"

#include "ordo.h"

#include <unistd.h>

static void single_machine(void)
{
    /* three jobs on one machine: lengths 4, 1, 2, due 4, 1, 3. Best: 1, 2, 0 with
    ** tardiness 0 + 0 + 3 = 3 (any order starting with job 0 costs at least 4). */
    int64_t p[] = {4, 1, 2}, r[] = {0, 0, 0}, d[] = {4, 1, 3}, s[3];
    int32_t mach[] = {0, 0, 0};
    ordo_disj P = {3, p, r, NULL, d, NULL, NULL, mach, 0, NULL, NULL, NULL, 0, NULL, 10, NULL, 0};
    ordo_disj_result res = {0, 0, 0, 0, 0, s};
    char err[256];
    CHECK_EQ(ordo_disj_solve(&P, &res, err, sizeof err), 0);
    CHECK(res.found && res.optimal);
    CHECK(res.objective > 2.999 && res.objective < 3.001);
    CHECK_EQ(s[1], 0);
    CHECK_EQ(s[2], 1);
    CHECK_EQ(s[0], 3);
    /* a release and a latest start: job 0 must start by 0, so 1 and 2 follow it */
    int64_t smax[] = {0, 100, 100};
    ordo_disj Q = P;
    Q.smax = smax;
    CHECK_EQ(ordo_disj_solve(&Q, &res, err, sizeof err), 0);
    CHECK(res.found && res.optimal);
    CHECK_EQ(s[0], 0); /* then job 1 [4, 5) late 4, job 2 [5, 7) late 4: 8 (the other order: 9) */
    CHECK_EQ(s[1], 4);
    CHECK_EQ(s[2], 5);
    CHECK(res.objective > 7.999 && res.objective < 8.001);
    /* precedence with a lag on two machines: b starts 5 after a ends */
    int64_t p2[] = {3, 2}, r2[] = {0, 0}, s2[2];
    int32_t m2[] = {0, 1}, a[] = {0}, b[] = {1};
    int64_t lag[] = {5};
    ordo_disj R = {2, p2, r2, NULL, NULL, NULL, NULL, m2, 1, a, b, lag, 1.0, NULL, 10, NULL, 0};
    ordo_disj_result res2 = {0, 0, 0, 0, 0, s2};
    CHECK_EQ(ordo_disj_solve(&R, &res2, err, sizeof err), 0);
    CHECK(res2.optimal);
    CHECK_EQ(s2[1], 8);
    CHECK(res2.objective > 9.999 && res2.objective < 10.001);
    /* a malformed problem is refused before GLPK sees it */
    int32_t bad[] = {0, -1, 0};
    ordo_disj X = P;
    X.mach = bad;
    CHECK_EQ(ordo_disj_solve(&X, &res, err, sizeof err), -1);
    CHECK(strstr(err, "job 1") != NULL);
}

static void ft06_cold(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/jobshop/ft06", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f) return;
    char line[512];
    int nj = 0, nm = 0;
    while (fgets(line, sizeof line, f))
        if (line[0] != '#' && sscanf(line, "%d %d", &nj, &nm) == 2) break;
    int64_t p[36], r[36] = {0}, s[36];
    int32_t mach[36], a[30], b[30], np = 0;
    for (int j = 0; j < 6; j++)
        for (int k = 0; k < 6; k++) {
            int mm = 0, t = 0;
            CHECK(fscanf(f, "%d %d", &mm, &t) == 2);
            mach[j * 6 + k] = mm, p[j * 6 + k] = t;
            if (k) a[np] = j * 6 + k - 1, b[np] = j * 6 + k, np++;
        }
    fclose(f);
    ordo_disj P = {36, p, r, NULL, NULL, NULL, NULL, mach, np, a, b, NULL, 1.0, NULL, 60, NULL, 0};
    ordo_disj_result res = {0, 0, 0, 0, 0, s};
    char err[256];
    CHECK_EQ(ordo_disj_solve(&P, &res, err, sizeof err), 0);
    CHECK(res.found && res.optimal);
    CHECK(res.objective > 54.999 && res.objective < 55.001);
    printf("ft06 without a warm start: %.0f, %s\n", res.objective, res.optimal ? "proven optimal" : "not proven");
}

static void exact_mode(const char *conv, const char *dir, const char *name, int64_t optimum)
{
    char cmd[8192], file[256];
    snprintf(file, sizeof file, "/tmp/ordo_disj_%ld_%s.json", (long)getpid(), name);
    snprintf(cmd, sizeof cmd, "%s %s/jobshop/%s > %s", conv, dir, name, file);
    CHECK_EQ(system(cmd), 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(file, NULL, &m), ORDO_OK);
    remove(file);
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.exact = 1;
    o.time_limit = 60;
    ordo_plan *p = NULL;
    CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
    if (p) {
        ordo_plan_summary s;
        ordo_plan_get_summary(p, &s);
        CHECK_EQ(s.exact, 1);
        CHECK_EQ(s.makespan_minutes, optimum);
        CHECK(s.exact_bound > (double)optimum - 0.001);
        char msg[1024];
        CHECK_EQ(ordo_plan_check(p, msg, sizeof msg), 0);
        printf("%s exact: %lld, %s\n", name, (long long)s.makespan_minutes, s.exact == 1 ? "proven optimal" : "not proven");
    }
    ordo_plan_close(p);
    ordo_model_close(m);
}

/* A job shop with a time limit runs GLPK's windows after the tabu search (improve.c): the
** schedule stays feasible, and (where the machine reaches the search's count of work within
** the limit, so not under the sanitizers) no worse than without a limit and the same on 1
** and 2 threads. */
static void lns_case(const char *conv, const char *dir)
{
    char cmd[8192], file[256];
    snprintf(file, sizeof file, "/tmp/ordo_lns_%ld.json", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s %s/jobshop/la16 > %s", conv, dir, file);
    CHECK_EQ(system(cmd), 0);
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(file, NULL, &m), ORDO_OK);
    remove(file);
    ordo_plan *p[2] = {NULL, NULL}, *d = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    CHECK_EQ(ordo_plan_run(m, &o, &d), ORDO_OK);
    o.time_limit = 1;
    for (int t = 0; t < 2; t++) {
        o.threads = t + 1;
        CHECK_EQ(ordo_plan_run(m, &o, &p[t]), ORDO_OK);
    }
    if (p[0] && p[1] && d) {
        char msg[512];
        CHECK_EQ(ordo_plan_check(p[0], msg, sizeof msg), 0);
        CHECK_EQ(ordo_plan_check(p[1], msg, sizeof msg), 0);
#ifndef ORDO_DEBUG
        CHECK(p[0]->makespan_minutes <= d->makespan_minutes);
        CHECK_EQ(p[0]->makespan_minutes, p[1]->makespan_minutes);
        int same = 1;
        for (int32_t k = 0; k < p[0]->nop; k++) same &= p[0]->op_start[k] == p[1]->op_start[k];
        CHECK(same);
#endif
        printf("la16 with 1 s: %lld (default budget %lld)\n", (long long)p[0]->makespan_minutes, (long long)d->makespan_minutes);
    }
    ordo_plan_close(p[0]), ordo_plan_close(p[1]), ordo_plan_close(d);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_disj PATH/TO/ordo_jsp DATASETS/scheduling\n");
        return 2;
    }
    single_machine();
    ft06_cold(argv[2]);
    exact_mode(argv[1], argv[2], "ft06", 55);
    exact_mode(argv[1], argv[2], "la01", 666);
    lns_case(argv[1], argv[2]);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
