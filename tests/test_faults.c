/*
** test_faults.c -- fault injection over the library's paths: opening a data set, planning,
** writing the plan and its state, quoting and inserting. The test binary is linked with
** malloc, calloc, realloc, fwrite and rename wrapped (-Wl,--wrap=...), so that the n-th
** call fails. For every n in a sample spread over a run's calls, each path must end in a
** clean error (ORDO_ENOMEM, ORDO_EIO) or succeed; never crash, never leave a half-written
** plan.json (the previous one stays, byte for byte, or the new one is whole); under the
** sanitizer build LeakSanitizer fails the test on any leak.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "test.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the wrapped calls ------------------------------------------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
size_t __real_fwrite(const void *p, size_t size, size_t n, FILE *f);
int __real_rename(const char *from, const char *to);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
size_t __wrap_fwrite(const void *p, size_t size, size_t n, FILE *f);
int __wrap_rename(const char *from, const char *to);

/* Which kind of call fails, at which call of that kind (0: none), and the calls so far. */
enum { F_ALLOC, F_WRITE, F_RENAME, NKIND };
static _Atomic long calls[NKIND];
static long fail_at[NKIND];

static int fails(int kind)
{
    long c = atomic_fetch_add(&calls[kind], 1) + 1;
    return fail_at[kind] > 0 && c == fail_at[kind];
}

void *__wrap_malloc(size_t n) { return fails(F_ALLOC) ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t k, size_t n) { return fails(F_ALLOC) ? NULL : __real_calloc(k, n); }
void *__wrap_realloc(void *p, size_t n) { return fails(F_ALLOC) ? NULL : __real_realloc(p, n); }
size_t __wrap_fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    return fails(F_WRITE) ? 0 : __real_fwrite(p, size, n, f);
}
int __wrap_rename(const char *from, const char *to) { return fails(F_RENAME) ? -1 : __real_rename(from, to); }

static void arm(int kind, long n)
{
    for (int k = 0; k < NKIND; k++) atomic_store(&calls[k], 0), fail_at[k] = 0;
    fail_at[kind] = n;
}

/* ---- the paths ---------------------------------------------------------------------------- */

static char *data;     /* the demo data set */
static size_t ndata;
static char dir[256];  /* the output folder */
static char *good;     /* its plan.json from a run without faults */
static size_t ngood;

static int clean(ordo_rc rc) { return rc == ORDO_OK || rc == ORDO_ENOMEM || rc == ORDO_EIO; }

/* Open, plan, write, save, quote and insert (an urgent order, which moves others, or one
** that goes into the gaps) with the faults armed; returns how many calls failed uncleanly
** (an unexpected return code). */
static int run_paths(int urgent)
{
    int bad = 0;
    ordo_model *m = NULL, *m2 = NULL;
    ordo_plan *p = NULL, *p2 = NULL;
    ordo_quoter *q = NULL;
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    o.time_limit = 0.05; /* a short search: its allocations, not its length, are the point */
    char err[512], *out = NULL;
    ordo_rc rc = ordo_model_open_buffer(data, ndata, NULL, &m);
    bad += !(rc == ORDO_OK || rc == ORDO_ENOMEM);
    if (rc == ORDO_OK) bad += !clean(rc = ordo_plan_run(m, &o, &p));
    if (rc == ORDO_OK) bad += !clean(rc = ordo_plan_write(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err));
    if (rc == ORDO_OK) bad += !clean(rc = ordo_plan_save_state(p, dir, err, sizeof err));
    if (p) {
        const char *cand = "{\"item\": \"MCB-C16\", \"qty\": 300, \"due\": \"2026-12-10\"}";
        rc = ordo_quoter_open(p, &q);
        bad += !clean(rc);
        if (rc == ORDO_OK) bad += !clean(ordo_quote_json(q, cand, strlen(cand), "order", 1, 0, &out, NULL, err, sizeof err));
        const char *ins = urgent ? "{\"id\": \"RUSH\", \"item\": \"MCB-C16\", \"qty\": 300, \"due\": \"2026-11-30\", \"urgent\": true}"
                                 : "{\"id\": \"NEW\", \"item\": \"MCB-C16\", \"qty\": 300, \"due\": \"2026-12-20\"}";
        ordo_insert_opts io;
        ordo_insert_opts_init(&io);
        io.time_limit = 0.05;
        bad += !clean(ordo_insert_json(p, ins, strlen(ins), "order", &io, &m2, &p2, err, sizeof err));
    }
    free(out);
    ordo_quoter_close(q);
    ordo_plan_close(p2);
    ordo_model_close(m2);
    ordo_plan_close(p);
    ordo_model_close(m);
    return bad;
}

/* plan.json in dir is whole: the good one, byte for byte (the plans are deterministic, so
** a complete new one equals it too) once its timings are cut off. */
static int plan_whole(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    size_t n = 0;
    char *b = test_slurp(path, &n);
    char *sb = b ? strstr(b, "\"seconds\"") : NULL, *sg = strstr(good, "\"seconds\"");
    int same = sb && sg && sb - b == sg - good && memcmp(b, good, (size_t)(sb - b)) == 0;
    free(b);
    return same;
}

/* Every n-th call of kind failing, for n in [1, total] with about `samples` values. */
static void sweep(int kind, long total, long samples, int urgent, const char *name)
{
    long step = total / samples > 1 ? total / samples : 1, runs = 0, bad = 0, torn = 0;
    for (long n = 1; n <= total; n += step, runs++) {
        arm(kind, n);
        bad += run_paths(urgent);
        arm(kind, 0);
        torn += !plan_whole();
    }
    printf("%s: %ld runs over %ld calls, %ld unclean returns, %ld torn plans\n", name, runs, total, bad, torn);
    CHECK_EQ(bad, 0);
    CHECK_EQ(torn, 0);
}

int main(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    snprintf(dir, sizeof dir, "/tmp/ordo_test_faults_%ld", (long)getpid());
    data = test_slurp(path, &ndata);
    CHECK(data != NULL);
    if (!data) return 1;
    arm(F_ALLOC, 0);
    CHECK_EQ(run_paths(0), 0); /* without faults: everything succeeds, and counts its calls */
    long total[NKIND];
    for (int k = 0; k < NKIND; k++) total[k] = atomic_load(&calls[k]);
    char gp[300];
    snprintf(gp, sizeof gp, "%s/plan.json", dir);
    good = test_slurp(gp, &ngood);
    CHECK(good != NULL);
    if (!good) return 1;
    CHECK(total[F_ALLOC] > 100 && total[F_WRITE] > 0 && total[F_RENAME] > 0);
    sweep(F_ALLOC, total[F_ALLOC], total[F_ALLOC], 0, "allocations"); /* every one */
    sweep(F_WRITE, total[F_WRITE], total[F_WRITE], 0, "writes");
    sweep(F_RENAME, total[F_RENAME], total[F_RENAME], 0, "renames");
    arm(F_ALLOC, 0);
    CHECK_EQ(run_paths(1), 0);
    long urgent_allocs = atomic_load(&calls[F_ALLOC]);
    sweep(F_ALLOC, urgent_allocs, 40, 1, "allocations with an urgent insertion");
    free(good);
    free(data);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail != 0;
}
