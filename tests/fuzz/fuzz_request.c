/*
** fuzz_request.c -- quote and insert requests against the demo's plan: the first byte
** chooses quote, urgent quote or insert (the fast "gaps" method), the rest is the request's
** JSON. Every outcome must be an answer or a located error (ORDO_EINPUT with its reason);
** an insertion that succeeds must pass the independent schedule check. The demo's plan is
** made once per process (a harness may keep it: the library keeps nothing).
*/
#define _POSIX_C_SOURCE 200809L
#include "fuzz_main.h"
#include "ordo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static int fuzz_failures(void) { return failures; }

static void fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_request: %s: %s\n", what, detail);
    failures++;
#ifndef ORDO_FUZZ_MAIN
    abort();
#endif
}

typedef struct base {
    ordo_model *m;
    ordo_plan *p;
    ordo_quoter *q;
} base;

static base *the_base(void)
{
    static base b;
    if (b.q) return &b;
    const char *src = getenv("ORDO_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/demo/factory.json", src ? src : ".");
    ordo_plan_opts o;
    ordo_plan_opts_init(&o);
    o.threads = 1;
    if (ordo_model_open(path, NULL, &b.m) != ORDO_OK || ordo_plan_run(b.m, &o, &b.p) != ORDO_OK ||
        ordo_quoter_open(b.p, &b.q) != ORDO_OK) {
        fail("demo", path);
        abort();
    }
    return &b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    base *b = the_base();
    int which = data[0] % 3;
    const char *json = (const char *)data + 1;
    size_t len = size - 1;
    char err[4096] = "";
    if (which < 2) {
        char *out = NULL;
        ordo_rc rc = ordo_quote_json(b->q, json, len, "order", 1, which == 1, &out, NULL, err, sizeof err);
        if (rc != ORDO_OK && !(rc == ORDO_EINPUT && err[0])) fail("quote", err[0] ? err : ordo_rc_name(rc));
        free(out);
        return 0;
    }
    ordo_insert_opts io;
    ordo_insert_opts_init(&io);
    io.method = ORDO_INSERT_GAPS;
    io.time_limit = 0.05;
    ordo_model *m2 = NULL;
    ordo_plan *np = NULL;
    ordo_rc rc = ordo_insert_json(b->p, json, len, "order", &io, &m2, &np, err, sizeof err);
    if (rc != ORDO_OK && !(rc == ORDO_EINPUT && err[0])) fail("insert", err[0] ? err : ordo_rc_name(rc));
    if (np) {
        char msg[2048];
        if (ordo_plan_check(np, msg, sizeof msg)) fail("an insertion fails the independent check", msg);
    }
    ordo_plan_close(np);
    ordo_model_close(m2);
    return 0;
}
