/*
** test_state.c -- a plan's saved state (DIR/state.ordo) loads back equal, array for array,
** for the same data set only, passes the schedule checker, writes the same plan.json, and
** a damaged or foreign state is an error, never a crash.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "plan.h"
#include "state.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[256];

#define SAME(a, b, n) ((n) == 0 || ((a) && (b) && memcmp((a), (b), (size_t)(n) * sizeof *(a)) == 0))

static void compare(const struct ordo_plan *p, const struct ordo_plan *q)
{
    const ordo_model *m = p->model;
    CHECK_EQ(q->npo, p->npo);
    CHECK_EQ(q->nlnk, p->nlnk);
    CHECK_EQ(q->nop, p->nop);
    CHECK_EQ(q->nexc, p->nexc);
    CHECK_EQ(q->nload, p->nload);
    CHECK_EQ(q->makespan_minutes, p->makespan_minutes);
    CHECK_EQ(q->late_orders, p->late_orders);
    if (q->npo != p->npo || q->nop != p->nop || q->nlnk != p->nlnk) return;
    CHECK(SAME(p->po_item, q->po_item, p->npo) && SAME(p->po_qty, q->po_qty, p->npo) &&
          SAME(p->po_release, q->po_release, p->npo) && SAME(p->po_avail_t, q->po_avail_t, p->npo));
    CHECK(SAME(p->lnk_start, q->lnk_start, p->npo + 1) && SAME(p->lnk_need, q->lnk_need, p->nlnk) &&
          SAME(p->lnk_qty, q->lnk_qty, p->nlnk) && q->nslnk == p->nslnk && SAME(p->slnk_qty, q->slnk_qty, p->nslnk));
    CHECK(SAME(p->op_start, q->op_start, p->nop) && SAME(p->op_end, q->op_end, p->nop) &&
          SAME(p->op_res, q->op_res, p->nop) && SAME(p->po_op0, q->po_op0, p->npo + 1));
    CHECK(SAME(p->ord_completion, q->ord_completion, m->nord) && SAME(p->ord_status, q->ord_status, m->nord));
    CHECK(SAME(p->load_used, q->load_used, p->nload));
    int same = 1;
    for (int32_t e = 0; e < p->nexc && q->nexc == p->nexc; e++) {
        const ordo_exception *a = &p->exc[e], *b = &q->exc[e];
        same &= a->kind == b->kind && a->ref_kind == b->ref_kind && a->item == b->item && a->ref == b->ref &&
                a->day == b->day && a->day2 == b->day2 && a->qty == b->qty;
    }
    CHECK(same);
}

/* plan.json without its thread count and timings, which differ from run to run (a state
** keeps neither). */
static char *plan_text(const char *path)
{
    size_t n;
    char *b = test_slurp(path, &n), *sec = b ? strstr(b, "\"threads\"") : NULL;
    if (sec) *sec = 0;
    return b;
}

/* The bytes of file dir/name (to free), their count in *n. */
static char *file_in(const char *d, const char *name, size_t *n)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", d, name);
    return test_slurp(path, n);
}

static int exists(const char *d, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", d, name);
    return access(path, F_OK) == 0;
}

/* Outputs that belong together: plan.json carries the run id of the state beside it; a
** state from another run beside it (a crash between the renames) is refused; stale
** temporaries go; a run that fails leaves the previous files as they were. */
static void run_files(const ordo_model *m, ordo_plan *p)
{
    char err[512], d[300], cmd[2000];
    snprintf(d, sizeof d, "%s/run", dir);
    CHECK_EQ(ordo_plan_write(p, "", ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_EINPUT);
    CHECK_EQ(ordo_plan_save(p, "", ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_EINPUT);
    CHECK(strstr(err, "empty output folder") != NULL);
    /* stale temporaries of a killed run, removed by the next */
    snprintf(cmd, sizeof cmd, "mkdir -p %s && touch %s/.plan.json.tmp %s/.state.ordo.tmp %s/state.ordo.tmp", d, d, d, d);
    CHECK_EQ(system(cmd), 0);
    CHECK_EQ(ordo_plan_save(p, d, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    CHECK(!exists(d, ".plan.json.tmp") && !exists(d, ".state.ordo.tmp") && !exists(d, "state.ordo.tmp"));
    size_t n1, n2;
    char *plan1 = file_in(d, "plan.json", &n1), *state1 = file_in(d, "state.ordo", &n2);
    uint64_t sum = 0;
    if (state1 && n2 >= 8) memcpy(&sum, state1 + n2 - 8, 8);
    char head[64];
    snprintf(head, sizeof head, "{\n  \"run\": \"%016llx\",\n", (unsigned long long)sum);
    CHECK(plan1 && strncmp(plan1, head, strlen(head)) == 0);
    ordo_plan *q = NULL;
    CHECK_EQ(ordo_plan_load_state(m, d, &q, err, sizeof err), ORDO_OK);
    ordo_plan_close(q);
    q = NULL;
    /* a run that fails (its plan.json cannot be created) leaves the old pair untouched */
    snprintf(cmd, sizeof cmd, "mkdir -p %s/.plan.json.tmp/x", d);
    CHECK_EQ(system(cmd), 0);
    CHECK_EQ(ordo_plan_save(p, d, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_EIO);
    size_t n3, n4;
    char *plan2 = file_in(d, "plan.json", &n3), *state2 = file_in(d, "state.ordo", &n4);
    CHECK(plan2 && state2 && n3 == n1 && n4 == n2 && memcmp(plan1, plan2, n1) == 0 && memcmp(state1, state2, n2) == 0);
    CHECK(!exists(d, ".state.ordo.tmp"));
    snprintf(cmd, sizeof cmd, "rm -rf %s/.plan.json.tmp", d);
    CHECK_EQ(system(cmd), 0);
    /* the state of another run (MRP only) beside this plan.json: refused */
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.mrp_only = 1;
    ordo_plan *r = NULL;
    char d2[300];
    snprintf(d2, sizeof d2, "%.280s/other", dir);
    CHECK_EQ(ordo_plan_run(m, &o, &r), ORDO_OK);
    CHECK_EQ(ordo_plan_save(r, d2, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    snprintf(cmd, sizeof cmd, "cp %s/state.ordo %s/state.ordo", d2, d);
    CHECK_EQ(system(cmd), 0);
    CHECK_EQ(ordo_plan_load_state(m, d, &q, err, sizeof err), ORDO_EINPUT);
    CHECK(strstr(err, "different runs") != NULL);
    /* a plan.json without a run id (written alone) beside a state: refused too */
    CHECK_EQ(ordo_plan_write(r, d2, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    CHECK_EQ(ordo_plan_load_state(m, d2, &q, err, sizeof err), ORDO_EINPUT);
    ordo_plan_close(r);
    free(plan1), free(plan2), free(state1), free(state2);
}

/* The same plan gives the same state bytes: in another run of the same process (other heap
** contents, other timings) and on another thread count. */
static void same_bytes(const ordo_model *m)
{
    char err[512], d[3][300];
    char *b[3] = {NULL, NULL, NULL};
    size_t n[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.threads = k == 2 ? 2 : 1;
        ordo_plan *p = NULL;
        snprintf(d[k], sizeof d[k], "%s/same%d", dir, k);
        CHECK_EQ(ordo_plan_run(m, &o, &p), ORDO_OK);
        if (p) CHECK_EQ(ordo_plan_save_state(p, d[k], err, sizeof err), ORDO_OK);
        ordo_plan_close(p);
        b[k] = file_in(d[k], "state.ordo", &n[k]);
    }
    for (int k = 1; k < 3; k++) CHECK(b[0] && b[k] && n[k] == n[0] && memcmp(b[0], b[k], n[0]) == 0);
    for (int k = 0; k < 3; k++) free(b[k]);
}

/* Element bytes of the state's arrays, in file order (exceptions packed: 26 bytes): the
** planned orders, their direct links and stock links, the MRP's edges, the dependency
** lists, the operations, the load table, the order results, exceptions, overtime flags,
** the planned orders' suppliers (the demo has a supplier table). */
static const int elem_bytes[] = {4, 8, 8, 4, 4, 4, 1, 8, 4, 8, 4, 4, 4, 8, 4, 4, 4, 1,
                                 4, 4, 4, 8, 8, 4, 8, 4, 4, 8, 8, 8, 8, 1, 26, 1, 4};
#define SCALAR_BYTES (10 * 8) /* the plan's counts and totals, then its total lateness */
#define NARR ((int)(sizeof elem_bytes / sizeof elem_bytes[0]))

/* The state file st (n bytes in buf) with its checksum made right again. */
static void write_resummed(const char *st, char *buf, size_t n)
{
    uint64_t h = ORDO_STATE_HASH0;
    size_t at = 8;
    h = ordo_state_hash(h, buf + at, 8), at += 8;
    h = ordo_state_hash(h, buf + at, SCALAR_BYTES), at += SCALAR_BYTES;
    h = ordo_state_hash(h, buf + at, 8), at += 8;
    for (int k = 0; k < NARR && at + 8 <= n - 8; k++) {
        int64_t c;
        memcpy(&c, buf + at, 8);
        h = ordo_state_hash(h, buf + at, 8), at += 8;
        if (c < 0) continue;
        h = ordo_state_hash(h, buf + at, (size_t)c * (size_t)elem_bytes[k]), at += (size_t)c * (size_t)elem_bytes[k];
    }
    memcpy(buf + n - 8, &h, 8);
    FILE *g = fopen(st, "wb");
    if (g) fwrite(buf, 1, n, g), fclose(g);
}

/* Every array of the state, its first element made out of range, the checksum made right:
** each refused with the array named, never a crash; a flipped byte anywhere: the checksum. */
static void crafted(const ordo_model *m, const char *st, const char *buf, size_t n)
{
    char err[512], *b = malloc(n);
    ordo_plan *q = NULL;
    if (!b) return;
    char pj[600];
    snprintf(pj, sizeof pj, "%s/plan.json", dir);
    unlink(pj); /* a state alone: its contents decide */
    size_t at = 8 + 8 + SCALAR_BYTES + 8;
    int tried = 0;
    for (int k = 0; k < NARR && at + 8 <= n - 8; k++) {
        int64_t c;
        memcpy(&c, buf + at, 8);
        at += 8;
        if (c <= 0) continue;
        memcpy(b, buf, n);
        if (k == 32) { /* an exception's kind */
            b[at] = 99;
        } else if (elem_bytes[k] == 1) {
            b[at] = (char)200;
        } else if (elem_bytes[k] == 4) {
            int32_t v = k == 15                               ? -1        /* dep_start[0] */
                        : k == 3 || k == 4 || k == 5 || k == 26 ? INT32_MIN + 5 /* days */
                        : k == 8 || k == 11 || k == 12 || k == 14 || k == 16 || k == 20 ? 1 << 20 /* indexes */
                                                                  : -7;
            memcpy(b + at, &v, 4);
        } else if (k == 1 || k == 2 || k == 9 || k == 13 || k == 30) { /* quantities, lateness */
            double v = -1;
            memcpy(b + at, &v, 8);
        } else {
            int64_t v = INT64_MAX - 1;
            memcpy(b + at, &v, 8);
        }
        write_resummed(st, b, n);
        CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_EINPUT);
        if (!strstr(err, "out of range")) fprintf(stderr, "array %d: %s\n", k, err);
        CHECK(strstr(err, "out of range") != NULL);
        ordo_plan_close(q);
        q = NULL;
        tried++;
        at += (size_t)c * (size_t)elem_bytes[k];
    }
    CHECK_EQ(tried, NARR); /* the demo's plan has every array */
    CHECK_EQ(at, n - 8);
    for (size_t i = 8; i < n; i += n / 13 + 1) { /* one bit flipped */
        memcpy(b, buf, n);
        b[i] ^= 4;
        FILE *g = fopen(st, "wb");
        if (g) fwrite(b, 1, n, g), fclose(g);
        CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_EINPUT);
        ordo_plan_close(q);
        q = NULL;
    }
    free(b);
}

int main(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024], err[512], d2[300];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    snprintf(dir, sizeof dir, "/tmp/ordo_test_state_%ld", (long)getpid());
    snprintf(d2, sizeof d2, "%s/again", dir);
    ordo_model *m = NULL;
    ordo_plan *p = NULL, *q = NULL;
    CHECK_EQ(ordo_model_open(path, NULL, &m), ORDO_OK);
    CHECK_EQ(ordo_plan_run(m, NULL, &p), ORDO_OK);
    if (!m || !p) return test_report("test_state");
    CHECK_EQ(ordo_plan_save(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    /* loaded back: the same arrays, a feasible schedule, the same plan.json */
    CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_OK);
    if (q) {
        compare(p, q);
        char msg[1024];
        CHECK_EQ(ordo_plan_check(q, msg, sizeof msg), 0);
        CHECK_EQ(ordo_plan_save(q, d2, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
        char a[600], b[600];
        snprintf(a, sizeof a, "%s/plan.json", dir);
        snprintf(b, sizeof b, "%s/plan.json", d2);
        char *x = plan_text(a), *y = plan_text(b);
        CHECK(x && y && strcmp(x, y) == 0);
        free(x);
        free(y);
    }
    ordo_plan_close(q);
    q = NULL;
    run_files(m, p);
    same_bytes(m);
    /* another data set: refused */
    const char *other = "{\"ordo\": 1, \"horizon\": {\"start\": \"2026-11-23\", \"end\": \"2027-03-31\"},"
                        " \"items\": [{\"id\": \"A\", \"source\": \"buy\", \"lead_time_days\": 2}],"
                        " \"orders\": [{\"id\": \"SO-1\", \"item\": \"A\", \"qty\": 1, \"due\": \"2026-12-01\"}]}";
    ordo_model *m2 = NULL;
    CHECK_EQ(ordo_model_open_buffer(other, strlen(other), NULL, &m2), ORDO_OK);
    CHECK_EQ(ordo_plan_load_state(m2, dir, &q, err, sizeof err), ORDO_EINPUT);
    CHECK(strstr(err, "another data set") != NULL);
    ordo_model_close(m2);
    /* no state, a truncated state, a state with a bad index */
    CHECK_EQ(ordo_plan_load_state(m, "/nonexistent/dir", &q, err, sizeof err), ORDO_EIO);
    char st[600], cmd[1400];
    snprintf(st, sizeof st, "%s/state.ordo", dir);
    FILE *f = fopen(st, "rb");
    CHECK(f != NULL);
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n);
        CHECK(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
        fclose(f);
        for (long cut = 8; buf && cut < n; cut += n / 7) { /* truncated anywhere */
            FILE *g = fopen(st, "wb");
            if (g) fwrite(buf, 1, (size_t)cut, g), fclose(g);
            CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_EINPUT);
        }
        if (buf) crafted(m, st, buf, (size_t)n);
        free(buf);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
    return test_report("test_state");
}
