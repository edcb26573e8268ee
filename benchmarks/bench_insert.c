/*
** bench_insert.c -- urgent-order insertion, four ways side by side in one run.
**
** Plans DATA once (constructive schedule and the default search), then inserts N random
** urgent orders (a made item with a routing, 50..500 units, due two days after the horizon
** start; fixed seed), each on its own into the same base plan, by:
**   (a) append       after the last operation on each unit (nothing moves)
**   (b) right-shift  priority for the urgent order, the operations it overlaps pushed right
**   (c) reschedule   the whole data set planned again with the urgent order in it
**   (d) GLPK window  the pushed operations of each resource the urgent order uses sequenced
**                    by GLPK, warm-started from (b) and from (e), each kept only where better
**   (e) re-dispatch  every operation scheduled again, the MRP kept, the urgent order first
**   (f) ordo insert  the best of what it tries (the default)
** and prints per way: the urgent order's mean completion (days after the horizon start), the
** total slip of the other orders (sum of how much later they complete, days), their added
** weighted lateness, and the median seconds per insertion. Every result is checked by the
** independent checker.
** usage: bench_insert DATA [N] [SEED]
*/
#define _POSIX_C_SOURCE 200809L
#include "bench_util.h"
#include "model.h"
#include "ordo.h"
#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng;
static uint64_t next(void) { return bench_next(&rng); }
static double now(void) { return bench_now(); }
static void die(const char *what) { bench_die("bench_insert", what); }

typedef struct tally {
    double done, slip, late, secs[1024];
    int64_t c[1024];  /* per insertion: the urgent order's completion */
    double s[1024];   /* per insertion: the others' slip, days */
    int n, bad;
} tally;

/* Score plan p (orders [0, base nord) are the base's, the last one the urgent order). */
static void score(tally *t, const ordo_plan *pp, const ordo_plan *bb, double secs)
{
    const struct ordo_plan *p = pp, *b = bb;
    const ordo_model *m = b->model;
    int64_t h0 = (int64_t)m->h_start * 1440;
    int32_t u = p->model->nord - 1;
    int64_t c = p->ord_completion[u];
    t->done += c == INT64_MIN ? 1e9 : (double)(c - h0) / 1440;
    t->c[t->n] = c;
    t->s[t->n] = 0;
    for (int32_t o = 0; o < m->nord; o++) {
        int64_t a = b->ord_completion[o], x = p->ord_completion[o];
        if (a != INT64_MIN && x != INT64_MIN && x > a) t->slip += (double)(x - a) / 1440, t->s[t->n] += (double)(x - a) / 1440;
        double w = m->or_penalty[o] > 0 ? m->or_penalty[o] : 1;
        t->late += w * (p->ord_lateness[o] - b->ord_lateness[o]);
    }
    char msg[512];
    if (ordo_plan_check(pp, msg, sizeof msg)) {
        t->bad++;
        fprintf(stderr, "%s", msg);
    }
    t->secs[t->n++] = secs;
}

int main(int argc, char **argv)
{
    if (argc < 2) die("usage: bench_insert DATA [N] [SEED]");
    int N = argc > 2 ? atoi(argv[2]) : 20;
    rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    if (N < 1 || N > 1024) die("N in 1..1024");
    ordo_model *m = NULL;
    if (ordo_model_open(argv[1], NULL, &m) != ORDO_OK) die("DATA is not a valid data set");
    ordo_plan *base = NULL;
    ordo_plan_opts po;
    ordo_plan_opts_init(&po);
    if (ordo_plan_run(m, &po, &base) != ORDO_OK) die("planning failed");
    int32_t *items = malloc(((size_t)m->nitem + 1) * sizeof *items), ni = 0;
    for (int32_t i = 0; i < m->nitem; i++)
        if (m->item_src[i] == ORDO_SRC_MAKE && m->rout_start[i + 1] > m->rout_start[i]) items[ni++] = i;
    if (ni == 0) die("no made item with a routing");
    static tally T[6];
    const char *names[6] = {"(a) append", "(b) right-shift", "(c) reschedule", "(d) GLPK window",
                            "(e) re-dispatch, MRP kept", "(f) best of all (ordo insert)"};
    ordo_insert_method meth[6] = {ORDO_INSERT_APPEND, ORDO_INSERT_RIGHT_SHIFT, ORDO_INSERT_BEST, ORDO_INSERT_WINDOW,
                                  ORDO_INSERT_REDISPATCH, ORDO_INSERT_BEST};
    char req[512], err[512], day[11];
    ordo_format_date(m->h_start + 2, day);
    for (int k = 0; k < N; k++) {
        int32_t i = items[next() % (uint64_t)ni];
        int qty = 50 + (int)(next() % 451);
        const char *name = ordo_str(&m->names, m->item_name[i]);
        snprintf(req, sizeof req, "{\"id\": \"URGENT\", \"item\": \"%s\", \"qty\": %d, \"due\": \"%s\", \"urgent\": true}", name, qty, day);
        for (int w = 0; w < 6; w++) {
            double t0 = now();
            if (w == 2) { /* the whole data set again, the urgent order in it */
                ordo_new_order no = {"URGENT", NULL, i, m->h_start + 2, 0, qty, 0, 0, 1};
                ordo_model *m2 = ordo_model_with_orders(m, &no, 1);
                ordo_plan *p = NULL;
                if (!m2 || ordo_plan_run(m2, &po, &p) != ORDO_OK) die("replanning failed");
                score(&T[w], p, base, now() - t0);
                ordo_plan_close(p);
                ordo_model_close(m2);
                continue;
            }
            ordo_insert_opts io;
            ordo_insert_opts_init(&io);
            io.method = meth[w];
            io.time_limit = 4;
            ordo_model *m2 = NULL;
            ordo_plan *p = NULL;
            if (ordo_insert_json(base, req, strlen(req), "order", &io, &m2, &p, err, sizeof err) != ORDO_OK) die(err);
            score(&T[w], p, base, now() - t0);
            ordo_plan_close(p);
            ordo_model_close(m2);
        }
    }
    ordo_plan_summary s;
    ordo_plan_get_summary(base, &s);
    printf("%s: %lld operations, %d orders; %d urgent orders, each inserted on its own\n\n", argv[1],
           (long long)s.operations, s.orders, N);
    printf("| way | urgent completion, mean days | others' total slip, days | others' weighted lateness added | s per insertion (median) | checker |\n");
    printf("| --- | --- | --- | --- | --- | --- |\n");
    for (int w = 0; w < 6; w++)
        printf("| %s | %.2f | %.2f | %.2f | %.3f | %s |\n", names[w], T[w].done / N, T[w].slip, T[w].late,
               bench_median(T[w].secs, T[w].n), T[w].bad ? "FAILED" : "passes");
    /* (d) against (b) and (c), insertion by insertion, where the urgent order completes at
    ** the same minute: the comparison the target asks for */
    printf("\n| (d) against | insertions at equal urgent completion | (d) slips less | equal | more | total slip, (d) / other, days |\n");
    printf("| --- | --- | --- | --- | --- | --- |\n");
    for (int w = 1; w <= 2; w++) {
        int eq = 0, less = 0, same = 0, more = 0;
        double sd = 0, so = 0;
        for (int k = 0; k < N; k++) {
            if (T[3].c[k] != T[w].c[k]) continue;
            eq++, sd += T[3].s[k], so += T[w].s[k];
            if (T[3].s[k] < T[w].s[k] - 1e-9) less++;
            else if (T[3].s[k] > T[w].s[k] + 1e-9) more++;
            else same++;
        }
        printf("| %s | %d of %d | %d | %d | %d | %.2f / %.2f |\n", names[w], eq, N, less, same, more, sd, so);
    }
    free(items);
    ordo_plan_close(base);
    ordo_model_close(m);
    return 0;
}
