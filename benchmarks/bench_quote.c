/*
** bench_quote.c -- quote latency against a saved plan, and throughput of many candidates.
**
** Plans DATA once (constructive schedule, --time-limit 0) into a temporary folder with its
** state, then in one run:
**   - reloads the state (as `ordo quote --base DIR` does) and reports how long that takes
**     against planning;
**   - quotes CANDS single candidates (random make or bought items, random quantities, fixed
**     seed), each on a fresh quoter over the loaded state: latency median and 95th
**     percentile, from the quoter's opening to the answer, so every quote pays for working
**     out its own items' free stock and resource gaps;
**   - the same on one quoter kept open (as a quoting service would), whose caches fill up;
**   - quotes 1,000 candidates in one request on 1 thread and on 2 threads (each on a fresh
**     quoter): candidates per second, the ratio between them, and whether the answers are
**     the same bytes.
** DATA must come from ordo_gen, whose items are named I000001, I000002, ...
** usage: bench_quote DATA [CANDS] [SEED]
*/
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "ordo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng;
static uint64_t next(void) { return bench_next(&rng); }
static double now(void) { return bench_now(); }
static void die(const char *what) { bench_die("bench_quote", what); }

/* A random item of a generated data set (ordo_gen names items I000001, I000002, ...). */
static void random_item(char *buf, int nitem)
{
    sprintf(buf, "I%06d", 1 + (int)(next() % (uint64_t)nitem));
}

int main(int argc, char **argv)
{
    if (argc < 2) die("usage: bench_quote DATA [CANDS] [SEED]");
    int cands = argc > 2 ? atoi(argv[2]) : 200;
    rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    if (cands < 1 || cands > 100000) die("CANDS in 1..100000");
    ordo_model *m = NULL;
    if (ordo_model_open(argv[1], NULL, &m) != ORDO_OK) die("DATA is not a valid data set");
    ordo_stats st;
    ordo_model_stats(m, &st);
    char dir[256], err[512];
    snprintf(dir, sizeof dir, "/tmp/bench_quote_%ld", (long)getpid());
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.time_limit = -1;
    ordo_plan *base = NULL;
    double t0 = now();
    if (ordo_plan_run(m, &o, &base) != ORDO_OK) die("planning failed");
    double t_plan = now() - t0;
    char mk[300];
    snprintf(mk, sizeof mk, "mkdir -p %s", dir);
    if (system(mk) != 0 || ordo_plan_save_state(base, dir, err, sizeof err) != ORDO_OK) die(err);
    ordo_plan_close(base);
    t0 = now();
    if (ordo_plan_load_state(m, dir, &base, err, sizeof err) != ORDO_OK) die(err);
    double t_load = now() - t0;
    ordo_plan_summary s;
    ordo_plan_get_summary(base, &s);

    char item[32];
    double *lat = malloc((size_t)cands * sizeof *lat);
    char req[512];
    for (int k = 0; k < cands; k++) {
        random_item(item, st.items);
        snprintf(req, sizeof req, "{\"item\": \"%s\", \"qty\": %d}", item, 1 + (int)(next() % 500));
        char *out = NULL;
        ordo_quoter *q = NULL;
        t0 = now();
        if (ordo_quoter_open(base, &q) != ORDO_OK ||
            ordo_quote_json(q, req, strlen(req), "order", 1, 0, &out, NULL, err, sizeof err) != ORDO_OK)
            die(err);
        lat[k] = now() - t0;
        free(out);
        ordo_quoter_close(q);
    }
    qsort(lat, (size_t)cands, sizeof *lat, bench_cmp_d);
    double p50 = bench_median(lat, cands), p95 = lat[(int)(0.95 * (cands - 1))];
    /* the same kind of candidates on one quoter kept open, as a quoting service would */
    ordo_quoter *keep = NULL;
    if (ordo_quoter_open(base, &keep) != ORDO_OK) die("out of memory");
    for (int k = 0; k < cands; k++) {
        random_item(item, st.items);
        snprintf(req, sizeof req, "{\"item\": \"%s\", \"qty\": %d}", item, 1 + (int)(next() % 500));
        char *out = NULL;
        t0 = now();
        if (ordo_quote_json(keep, req, strlen(req), "order", 1, 0, &out, NULL, err, sizeof err) != ORDO_OK) die(err);
        lat[k] = now() - t0;
        free(out);
    }
    ordo_quoter_close(keep);
    qsort(lat, (size_t)cands, sizeof *lat, bench_cmp_d);
    double k50 = bench_median(lat, cands), k95 = lat[(int)(0.95 * (cands - 1))];

    /* throughput: 1,000 candidates in one request */
    size_t cap = 1000 * 96 + 16;
    char *many = malloc(cap), *w = many;
    w += sprintf(w, "[");
    for (int k = 0; k < 1000; k++) {
        random_item(item, st.items);
        w += sprintf(w, "%s{\"item\": \"%s\", \"qty\": %d}", k ? "," : "", item, 1 + (int)(next() % 500));
    }
    sprintf(w, "]");
    double tput[2];
    char *outs[2];
    for (int t = 0; t < 2; t++) {
        ordo_quoter *q = NULL;
        t0 = now();
        if (ordo_quoter_open(base, &q) != ORDO_OK ||
            ordo_quote_json(q, many, strlen(many), "orders", t + 1, 0, &outs[t], NULL, err, sizeof err) != ORDO_OK)
            die(err);
        tput[t] = 1000.0 / (now() - t0);
        ordo_quoter_close(q);
    }
    int same = strcmp(outs[0], outs[1]) == 0;
    printf("| orders | items | operations | plan s | state load s | quote median / p95 ms, fresh quoter | "
           "kept open | 1,000 quotes/s, 1 thread | 2 threads | ratio | same answers |\n");
    printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    printf("| %d | %d | %lld | %.2f | %.3f | %.2f / %.2f | %.2f / %.2f | %.0f | %.0f | %.2f | %s |\n", st.orders,
           st.items, (long long)s.operations, t_plan, t_load, p50 * 1e3, p95 * 1e3, k50 * 1e3, k95 * 1e3, tput[0],
           tput[1], tput[1] / tput[0], same ? "yes" : "NO");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench_quote: could not remove %s\n", dir);
    free(outs[0]), free(outs[1]), free(many), free(lat);
    ordo_plan_close(base);
    ordo_model_close(m);
    return same ? 0 : 1;
}
