/*
** test_state.c -- a plan's saved state (DIR/state.ordo) loads back equal, array for array,
** for the same data set only, passes the schedule checker, writes the same plan.json, and
** a damaged or foreign state is an error, never a crash.
*/
#define _POSIX_C_SOURCE 200809L
#include "ordo.h"
#include "plan.h"
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
    CHECK(SAME(p->load_used, q->load_used, p->nload) && SAME(p->exc, q->exc, p->nexc));
}

/* plan.json without its timings, which differ from run to run. */
static char *plan_text(const char *path)
{
    size_t n;
    char *b = test_slurp(path, &n), *sec = b ? strstr(b, "\"seconds\"") : NULL;
    if (sec) *sec = 0;
    return b;
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
    CHECK_EQ(ordo_plan_write(p, dir, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
    CHECK_EQ(ordo_plan_save_state(p, dir, err, sizeof err), ORDO_OK);
    /* loaded back: the same arrays, a feasible schedule, the same plan.json */
    CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_OK);
    if (q) {
        compare(p, q);
        char msg[1024];
        CHECK_EQ(ordo_plan_check(q, msg, sizeof msg), 0);
        CHECK_EQ(ordo_plan_write(q, d2, ORDO_FORMAT_JSON, 0, err, sizeof err), ORDO_OK);
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
        /* po_item[0] out of range: it follows the magic, the fingerprint, 72 bytes of counts
        ** and totals, and its own count */
        size_t at = 8 + 8 + 72 + 8;
        if (buf && (size_t)n > at + 4) {
            int32_t bad = 1 << 30;
            memcpy(buf + at, &bad, 4);
            FILE *g = fopen(st, "wb");
            if (g) fwrite(buf, 1, (size_t)n, g), fclose(g);
            CHECK_EQ(ordo_plan_load_state(m, dir, &q, err, sizeof err), ORDO_EINPUT);
            CHECK(strstr(err, "damaged") != NULL);
        }
        free(buf);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
    return test_report("test_state");
}
