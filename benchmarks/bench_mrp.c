/*
** bench_mrp.c -- MRP stage benchmark: loads a data set once, then plans it R times at
** 1 thread and at T threads (MRP only, no finite schedule), and prints the median MRP
** stage time of each as the plan reports it, the speed-up (the 1-thread run is the reference
** measured in the same run), throughput and peak memory.
** usage: bench_mrp DATA [RUNS] [THREADS]
*/
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "ordo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) { return bench_now(); }

/* Median MRP stage seconds over runs at the given thread count; *s gets the last summary
** and *sched the median schedule stage seconds. */
static double time_mrp(const ordo_model *m, int threads, int runs, ordo_plan_summary *s, double *sched)
{
    double t[64], u[64];
    for (int r = 0; r < runs; r++) {
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = threads;
        o.mrp_only = 1; /* the schedule stage is measured apart */
        ordo_plan *p = NULL;
        if (ordo_plan_run(m, &o, &p) != ORDO_OK) {
            fprintf(stderr, "bench_mrp: planning failed\n");
            exit(1);
        }
        ordo_plan_get_summary(p, s);
        t[r] = s->seconds_mrp;
        u[r] = s->seconds_schedule;
        ordo_plan_close(p);
    }
    *sched = bench_median(u, runs);
    return bench_median(t, runs);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_mrp DATA [RUNS] [THREADS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3, threads = argc > 3 ? atoi(argv[3]) : 0;
    if (runs < 1 || runs > 64) runs = 3;
    ordo_model *m = NULL;
    double t0 = now();
    if (ordo_model_open(argv[1], NULL, &m) != ORDO_OK) {
        fprintf(stderr, "bench_mrp: %s: %s\n", argv[1], ordo_errmsg(m));
        return 2;
    }
    double load = now() - t0;
    ordo_stats st;
    ordo_model_stats(m, &st);
    ordo_plan_summary s1, sn;
    double sched1, schedn; /* zero: MRP only */
    double one = time_mrp(m, 1, runs, &s1, &sched1);
    double many = time_mrp(m, threads, runs, &sn, &schedn);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("data set        %s: %d items, %d BOM lines, %d levels, %d orders, %d receipts\n", argv[1], st.items,
           st.bom_lines, st.bom_levels, st.orders, st.receipts);
    printf("plan            %d planned orders, %lld pegs, %d exceptions\n", sn.planned_orders, (long long)sn.pegs,
           sn.exceptions);
    printf("load (reference) %.3f s\n", load);
    printf("mrp, 1 thread   %.3f s (median of %d)\n", one, runs);
    printf("mrp, %d threads  %.3f s (median of %d), speed-up %.2fx over 1 thread\n", sn.threads, many, runs, one / many);
    printf("throughput      %.0f items/s, %.0f planned orders/s\n", st.items / many, sn.planned_orders / many);
    printf("peak memory     %.0f MiB\n", (double)ru.ru_maxrss / 1024.0);
    if (s1.planned_orders != sn.planned_orders || s1.pegs != sn.pegs) {
        printf("MISMATCH between thread counts\n");
        return 1;
    }
    ordo_model_close(m);
    return 0;
}
