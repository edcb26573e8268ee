/*
** bench_sched.c -- schedule stage at scale: loads a data set once, plans it R times with the
** constructive schedule only (--time-limit 0) and R times with the default local search,
** prints the median schedule stage seconds of each, operations per second, the objective,
** and whether the independent checker (ordo_plan_check) accepts the schedule.
** usage: bench_sched DATA [RUNS] [THREADS]
*/
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "ordo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run(const ordo_model *m, double limit, int threads, int runs, const char *label)
{
    double t[64];
    ordo_plan_summary s;
    long long nop = 0;
    int problems = -1;
    for (int r = 0; r < runs; r++) {
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = threads;
        o.time_limit = limit;
        ordo_plan *p = NULL;
        if (ordo_plan_run(m, &o, &p) != ORDO_OK) {
            fprintf(stderr, "bench_sched: planning failed\n");
            exit(1);
        }
        ordo_plan_get_summary(p, &s);
        t[r] = s.seconds_schedule;
        nop = s.operations;
        if (r == runs - 1) {
            char msg[2048];
            problems = ordo_plan_check(p, msg, sizeof msg);
            if (problems) fprintf(stderr, "%s", msg);
        }
        ordo_plan_close(p);
    }
    double med = bench_median(t, runs);
    printf("%-22s %12lld %10.3f %14.0f %8d %16.1f %14lld %s\n", label, nop, med, med > 0 ? (double)nop / med : 0.0,
           s.late_orders, s.total_lateness_days, (long long)s.makespan_minutes, problems == 0 ? "feasible" : "INFEASIBLE");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_sched DATA [RUNS] [THREADS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3, threads = argc > 3 ? atoi(argv[3]) : 2;
    if (runs < 1 || runs > 64) runs = 3;
    ordo_model *m = NULL;
    if (ordo_model_open(argv[1], NULL, &m) != ORDO_OK) {
        fprintf(stderr, "bench_sched: %s: %s\n", argv[1], m ? ordo_errmsg(m) : "cannot open");
        ordo_model_close(m);
        return 2;
    }
    printf("# %s: median of %d runs on %d threads\n", argv[1], runs, threads);
    printf("%-22s %12s %10s %14s %8s %16s %14s %s\n", "schedule", "operations", "seconds", "operations/s", "late",
           "lateness_days", "makespan_min", "checker");
    run(m, -1, threads, runs, "constructive only");
    run(m, 0, threads, runs, "default search");
    ordo_model_close(m);
    return 0;
}
