/*
** fuzz_files.c -- the loaders of files ordo reads back, against damaged bytes: an HDF5 data
** set (ordo_model_open), a plan's state (ordo_plan_load_state beside the demo's model, the
** checksum made right so that the bound checks are reached; a state that loads must pass
** the schedule check and serve a quote), the plan.json read by `report`, and the net-change
** memo (mrp.ordo, checksum made right) that a re-plan's MRP reads beside the demo's model
** (a memo it cannot use costs a full MRP; one it uses must give a plan). The first byte
** chooses the loader. Every outcome must be a clean error or a usable result.
*/
#define _POSIX_C_SOURCE 200809L
#include "fuzz_main.h"
#include "ordo.h"
#include "ncmemo.h"
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;
static int fuzz_failures(void) { return failures; }

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_files: %s: %s\n", what, detail);
    failures++;
#ifndef ORDO_FUZZ_MAIN
    abort();
#endif
}

/* The demo's model (ORDO_SOURCE_DIR or the working folder). */
static ordo_model *demo(void)
{
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_model *m = NULL;
    if (ordo_model_open(path, NULL, &m) != ORDO_OK) fail("demo", path);
    return m;
}

static int write_file(const char *path, const uint8_t *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(d, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

/* Element bytes of the state's arrays in file order (exceptions packed). */
static const int elem_bytes[] = {4, 8, 8, 4, 4, 4, 1, 8, 4, 8, 4, 4, 4, 8, 4, 4, 4, 1,
                                 4, 4, 4, 8, 8, 4, 8, 4, 4, 8, 8, 8, 8, 1, 26, 1};

/* The checksum of a state's payload recomputed over its records and written at its end. */
static void resum(uint8_t *b, size_t n)
{
    if (n < 8 + 8 + 80 + 8) return;
    uint64_t h = ORDO_STATE_HASH0;
    size_t at = 8, end = n - 8;
    h = ordo_state_hash(h, b + at, 8), at += 8;
    h = ordo_state_hash(h, b + at, 80), at += 80; /* the counts and totals */
    h = ordo_state_hash(h, b + at, 8), at += 8;
    for (size_t k = 0; k < sizeof elem_bytes / sizeof elem_bytes[0] && at + 8 <= end; k++) {
        int64_t c;
        memcpy(&c, b + at, 8);
        h = ordo_state_hash(h, b + at, 8), at += 8;
        if (c < 0) continue;
        if ((uint64_t)c > (end - at) / (size_t)elem_bytes[k]) return; /* the loader refuses it anyway */
        h = ordo_state_hash(h, b + at, (size_t)c * (size_t)elem_bytes[k]), at += (size_t)c * (size_t)elem_bytes[k];
    }
    memcpy(b + end, &h, 8);
}

static void one_state(const char *dir, const uint8_t *d, size_t n)
{
    ordo_model *m = demo();
    if (!m) return;
    char path[512], err[1024];
    uint8_t *b = malloc(n + 1);
    if (!b) abort();
    memcpy(b, d, n);
    resum(b, n);
    snprintf(path, sizeof path, "%s/state.ordo", dir);
    ordo_plan *p = NULL;
    if (write_file(path, b, n) == 0) {
        ordo_rc rc = ordo_plan_load_state(m, dir, &p, err, sizeof err);
        if (rc != ORDO_OK && rc != ORDO_EINPUT) fail("state", err);
        if (rc == ORDO_EINPUT && !strstr(err, "state")) fail("state error without the file's name", err);
    }
    if (p) { /* loaded: a usable plan */
        char msg[2048];
        ordo_quoter *q = NULL;
        char *out = NULL;
        const char *req = "{\"item\": \"MCB-C16\", \"qty\": 30}";
        (void)ordo_plan_check(p, msg, sizeof msg); /* may find problems: it must not crash */
        if (ordo_quoter_open(p, &q) == ORDO_OK) (void)ordo_quote_json(q, req, strlen(req), "order", 1, 0, &out, NULL, err, sizeof err);
        free(out);
        ordo_quoter_close(q);
    }
    ordo_plan_close(p);
    ordo_model_close(m);
    free(b);
    unlink(path);
}

/* The demo's MRP with the damaged memo in dir as its net-change base. */
static void one_memo(const char *dir, const uint8_t *d, size_t n)
{
    ordo_model *m = demo();
    if (!m) return;
    char path[512];
    uint8_t *b = malloc(n + 1);
    if (!b) abort();
    memcpy(b, d, n);
    uint64_t sum;
    if (ordo_ncmemo_checksum(b, n, &sum) == 0) memcpy(b + n - 8, &sum, 8);
    snprintf(path, sizeof path, "%s/%s", dir, ORDO_NCMEMO_FILE);
    if (write_file(path, b, n) == 0) {
        ordo_plan_opts o;
        ordo_plan_opts_init(&o);
        o.mrp_only = 1, o.threads = 1, o.mrp_base = dir;
        ordo_plan *p = NULL;
        ordo_rc rc = ordo_plan_run(m, &o, &p);
        if (rc != ORDO_OK) fail("memo", ordo_rc_name(rc));
        ordo_plan_close(p);
    }
    ordo_model_close(m);
    free(b);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char dir[64], path[128], html[128], err[1024];
    snprintf(dir, sizeof dir, "/tmp/ordo_fuzz_files_%ld", (long)getpid());
    if (access(dir, F_OK) != 0 && mkdir(dir, 0777) != 0) return 0;
    int which = data[0] % 4;
    data++, size--;
    if (which == 0) { /* HDF5 data set */
        snprintf(path, sizeof path, "%s/data.h5", dir);
        if (write_file(path, data, size) == 0) {
            ordo_model *m = NULL;
            ordo_rc rc = ordo_model_open(path, NULL, &m);
            if (rc != ORDO_OK && rc != ORDO_EINPUT) fail("hdf5", ordo_rc_name(rc));
            if (rc == ORDO_EINPUT && ordo_error_count(m) == 0 && !ordo_errmsg(m)[0]) fail("hdf5", "an error without a message");
            ordo_model_close(m);
        }
        unlink(path);
    } else if (which == 1) {
        one_state(dir, data, size);
    } else if (which == 3) {
        one_memo(dir, data, size);
    } else { /* report's plan.json */
        snprintf(path, sizeof path, "%s/plan.json", dir);
        snprintf(html, sizeof html, "%s/gantt.html", dir);
        if (write_file(path, data, size) == 0) {
            ordo_rc rc = ordo_report_gantt(path, html, err, sizeof err);
            if (rc != ORDO_OK && rc != ORDO_EINPUT) fail("report", err);
        }
        unlink(path);
        unlink(html);
    }
    return 0;
}
