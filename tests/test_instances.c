/*
** test_instances.c -- standard scheduling instances (SPEC section 6) through the converter
** and the planner: every schedule passes the independent checker, and its makespan is no
** better than the proven optimum (a schedule below it would be infeasible) and within a
** stated bound of it; then every instance of the folders, planned and checked.
** usage: test_instances PATH/TO/ordo_jsp DATASETS/scheduling
*/
#define _POSIX_C_SOURCE 200809L
#include "plan.h"
#include "ordo.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

/* Convert instance sub/name with ordo_jsp into file; 0, or -1 (and a failed check). */
static int convert_instance(const char *conv, const char *dir, const char *sub, const char *name, char *file, size_t n)
{
    char cmd[2048];
    snprintf(file, n, "/tmp/ordo_inst_%ld.json", (long)getpid());
    snprintf(cmd, sizeof cmd, "%s %s %s/%s/%s -o %s", conv, strcmp(sub, "fjsp") == 0 ? "--fjsp" : "", dir, sub, name, file);
    if (system(cmd) == 0) return 0;
    fprintf(stderr, "cannot run %s\n", cmd);
    t_fail++;
    return -1;
}

/* Convert instance sub/name and open it; NULL (and a failed check) when not. */
static ordo_model *open_instance(const char *conv, const char *dir, const char *sub, const char *name)
{
    char file[256];
    if (convert_instance(conv, dir, sub, name, file, sizeof file)) return NULL;
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open(file, NULL, &m), ORDO_OK);
    remove(file);
    return m;
}

/* The independent checker finds no problem in p's schedule (printed when it does). */
static void check_feasible(const ordo_plan *p, const char *name)
{
    char msg[2048];
    int problems = ordo_plan_check(p, msg, sizeof msg);
    if (problems) fprintf(stderr, "%s: %d problems\n%s", name, problems, msg);
    CHECK_EQ(problems, 0);
}

/* A job shop with every order due at the start, under the tardiness objective: weighted
** tardiness is then total completion time, which the search (default budget, so the
** result is the same on any machine) must cut below the constructive schedule's. */
static void tardiness_case(const char *conv, const char *dir, const char *name)
{
    char file[256];
    if (convert_instance(conv, dir, "jobshop", name, file, sizeof file)) return;
    FILE *f = fopen(file, "rb");
    CHECK(f != NULL);
    if (!f) return;
    static char in[1 << 20], text[(1 << 20) + 16];
    size_t n = fread(in, 1, sizeof in - 1, f);
    fclose(f);
    remove(file);
    in[n] = 0;
    char *obj = strstr(in, "\"makespan\"");
    CHECK(obj != NULL);
    if (!obj) return;
    *obj = 0; /* the objective swapped: text before it, "tardiness", text after it */
    snprintf(text, sizeof text, "%s\"tardiness\"%s", in, obj + strlen("\"makespan\""));
    ordo_model *m = NULL;
    CHECK_EQ(ordo_model_open_buffer(text, strlen(text), NULL, &m), ORDO_OK);
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    ordo_plan *p = NULL, *p0 = NULL;
    if (m && ordo_plan_run(m, &o, &p) == ORDO_OK) {
        o.time_limit = -1;
        CHECK_EQ(ordo_plan_run(m, &o, &p0), ORDO_OK);
        check_feasible(p, name);
        if (p0) {
            printf("%s, tardiness: %.4f days after the search, %.4f constructive\n", name, p->total_lateness, p0->total_lateness);
            CHECK(p->total_lateness < p0->total_lateness);
        }
    } else {
        t_fail++;
    }
    ordo_plan_close(p);
    ordo_plan_close(p0);
    ordo_model_close(m);
}

/* Every instance of a folder planned with the default search and checked independently. */
static void check_all(const char *conv, const char *dir, const char *sub)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    CHECK(d != NULL);
    if (!d) return;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        ordo_model *m = open_instance(conv, dir, sub, e->d_name);
        ordo_plan *p = NULL;
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = 2;
        if (m && ordo_plan_run(m, &o, &p) == ORDO_OK) {
            check_feasible(p, e->d_name);
            CHECK(p->nop > 0 && p->makespan_minutes > 0);
        } else {
            t_fail++;
        }
        ordo_plan_close(p);
        ordo_model_close(m);
        n++;
    }
    closedir(d);
    printf("%s: %d instances planned and checked\n", sub, n);
}

static void run_instance(const char *conv, const char *dir, const char *name, int fjsp, int64_t optimum, int64_t within)
{
    ordo_model *m = open_instance(conv, dir, fjsp ? "fjsp" : "jobshop", name);
    ordo_plan *p = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    if (m && ordo_plan_run(m, &o, &p) == ORDO_OK) {
        check_feasible(p, name);
        CHECK(p->makespan_minutes >= optimum);
        CHECK(p->makespan_minutes <= within);
        printf("%s: makespan %lld (optimum %lld)\n", name, (long long)p->makespan_minutes, (long long)optimum);
        /* the local search improves on the constructive schedule */
        ordo_plan *p0 = NULL;
        o.time_limit = -1;
        CHECK_EQ(ordo_plan_run(m, &o, &p0), ORDO_OK);
        o.time_limit = 0;
        if (p0) {
            check_feasible(p0, name);
            CHECK(p0->makespan_minutes >= p->makespan_minutes);
            printf("%s: constructive only %lld\n", name, (long long)p0->makespan_minutes);
        }
        ordo_plan_close(p0);
        /* the same seed gives the same schedule at any thread count */
        ordo_plan *p2 = NULL;
        o.threads = 2;
        CHECK_EQ(ordo_plan_run(m, &o, &p2), ORDO_OK);
        if (p2) {
            int same = p2->nop == p->nop && p2->makespan_minutes == p->makespan_minutes;
            for (int32_t k = 0; same && k < p->nop; k++)
                same = p->op_start[k] == p2->op_start[k] && p->op_res[k] == p2->op_res[k];
            CHECK(same);
        }
        ordo_plan_close(p2);
    } else {
        t_fail++;
    }
    ordo_plan_close(p);
    ordo_model_close(m);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_instances PATH/TO/ordo_jsp DATASETS/scheduling\n");
        return 2;
    }
    /* optimum, and the makespan the default search budget must reach (measured, with a
    ** margin of about 1%: the search is deterministic for the seed) */
    run_instance(argv[1], argv[2], "ft06", 0, 55, 55);
    run_instance(argv[1], argv[2], "la01", 0, 666, 666);
    run_instance(argv[1], argv[2], "la16", 0, 945, 985);
    run_instance(argv[1], argv[2], "ta01", 0, 1231, 1345);
    run_instance(argv[1], argv[2], "mk01", 1, 40, 42);
    run_instance(argv[1], argv[2], "mk05", 1, 172, 178);
    tardiness_case(argv[1], argv[2], "la01");
    tardiness_case(argv[1], argv[2], "la16");
    check_all(argv[1], argv[2], "jobshop");
    check_all(argv[1], argv[2], "fjsp");
    return test_report("test_instances");
}
