/*
** bench_mrp.c -- MRP stage benchmark: loads a data set once, then plans it R times at
** 1 thread and at T threads (MRP only, no finite schedule), and prints the median MRP
** stage time of each as the plan reports it, the speed-up (the 1-thread run is the reference
** measured in the same run), throughput, planned orders, direct links, the full pegs
** derived from them (counted once, as the writers would stream them, and timed apart) and
** peak memory.
** usage: bench_mrp DATA [RUNS] [THREADS] [--no-full]
*/
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "ordo.h"
#include "peg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) { return bench_now(); }

/* Median MRP stage seconds over runs at the given thread count; *s gets the last summary.
** The last plan is kept in *keep when keep is not NULL. */
static double time_mrp(const ordo_model *m, int threads, int runs, ordo_plan_summary *s, ordo_plan **keep)
{
    double t[64];
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
        if (keep && r == runs - 1)
            *keep = p;
        else
            ordo_plan_close(p);
    }
    return bench_median(t, runs);
}

/* Full pegs of every planned order, derived in order as the writers do; -1 out of memory. */
static long long count_full(const ordo_plan *p, double *seconds)
{
    double t0 = now();
    ordo_pegger *g = ordo_pegger_new(p);
    long long total = g ? 0 : -1;
    for (int32_t q = 0; g && q < p->npo; q++) {
        const int32_t *ref;
        const double *qty;
        int64_t n;
        if (ordo_pegger_get(g, q, &ref, &qty, &n)) {
            total = -1;
            break;
        }
        total += n;
    }
    ordo_pegger_free(g);
    *seconds = now() - t0;
    return total;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_mrp DATA [RUNS] [THREADS] [--no-full]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 3, threads = argc > 3 ? atoi(argv[3]) : 0;
    int full = !(argc > 4 && strcmp(argv[4], "--no-full") == 0);
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
    ordo_plan *p1 = NULL;
    double one = time_mrp(m, 1, runs, &s1, &p1);
    double many = time_mrp(m, threads, runs, &sn, NULL);
    double tfull = 0;
    long long nfull = full ? count_full(p1, &tfull) : 0;
    ordo_plan_close(p1);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("data set        %s: %d items, %d BOM lines, %d levels, %d orders, %d receipts\n", argv[1], st.items,
           st.bom_lines, st.bom_levels, st.orders, st.receipts);
    printf("plan            %d planned orders, %lld links, %lld full pegs, %d exceptions\n", sn.planned_orders,
           (long long)sn.pegs, nfull, sn.exceptions);
    printf("load (reference) %.3f s\n", load);
    printf("mrp, 1 thread   %.3f s (median of %d)\n", one, runs);
    printf("mrp, %d threads  %.3f s (median of %d), speed-up %.2fx over 1 thread\n", sn.threads, many, runs, one / many);
    printf("full pegging    %.3f s to derive (1 thread, once)\n", tfull);
    printf("throughput      %.0f items/s, %.0f planned orders/s\n", st.items / many, sn.planned_orders / many);
    printf("peak memory     %.0f MiB\n", (double)ru.ru_maxrss / 1024.0);
    if (s1.planned_orders != sn.planned_orders || s1.pegs != sn.pegs) {
        printf("MISMATCH between thread counts\n");
        return 1;
    }
    ordo_model_close(m);
    return 0;
}
