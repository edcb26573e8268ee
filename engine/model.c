/*
** model.c -- the public model handle: open (load + validate), close, errors, statistics.
*/
#define _POSIX_C_SOURCE 200809L
#include "model.h"

#include "dates.h"
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORDO_DEFAULT_MAX_ERRORS 1000

const char *ordo_version(void) { return ORDO_VERSION; }

const char *ordo_rc_name(ordo_rc rc)
{
    switch (rc) {
    case ORDO_OK: return "ok";
    case ORDO_EINPUT: return "invalid input";
    case ORDO_ENOMEM: return "out of memory";
    case ORDO_EIO: return "input/output error";
    case ORDO_ESOLVER: return "solver failure";
    case ORDO_EMISUSE: return "misuse of the library";
    }
    return "unknown error";
}

void ordo_open_opts_init(ordo_open_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_errors = ORDO_DEFAULT_MAX_ERRORS;
}

static ordo_model *model_new(const ordo_open_opts *opts)
{
    ordo_model *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    ordo_arena_init(&m->arena);
    ordo_diag_init(&m->diag, opts && opts->max_errors > 0 ? opts->max_errors : ORDO_DEFAULT_MAX_ERRORS);
    return m;
}

void ordo_model_close(ordo_model *m)
{
    if (!m) return;
    ordo_arena_free(&m->arena);
    ordo_strpool_free(&m->names);
    ordo_diag_free(&m->diag);
    free(m);
}

/* Load and validate text into m; sets errmsg. */
static ordo_rc model_build(ordo_model *m, const char *text, size_t len)
{
    ordo_input in;
    if (ordo_input_init(&in)) {
        ordo_input_free(&in);
        snprintf(m->errmsg, sizeof m->errmsg, "out of memory");
        return ORDO_ENOMEM;
    }
    double t0 = ordo_now();
    int bad = ordo_load_json(text, len, &in, &m->diag);
    double t1 = ordo_now();
    m->t_parse = t1 - t0;
    m->input_bytes = len;
    if (bad >= 0) bad |= ordo_valid_compile(&in, m) != 0;
    m->t_validate = ordo_now() - t1;
    ordo_input_free(&in);
    if (bad) {
        int n = ordo_diag_total(&m->diag);
        snprintf(m->errmsg, sizeof m->errmsg, "%d error%s in the data set", n, n == 1 ? "" : "s");
        return m->diag.oom ? ORDO_ENOMEM : ORDO_EINPUT;
    }
    return ORDO_OK;
}

ordo_rc ordo_model_open_buffer(const char *json, size_t len, const ordo_open_opts *opts, ordo_model **pModel)
{
    if (!pModel) return ORDO_EMISUSE;
    *pModel = NULL;
    if (!json) return ORDO_EMISUSE;
    ordo_model *m = model_new(opts);
    if (!m) return ORDO_ENOMEM;
    *pModel = m;
    return model_build(m, json, len);
}

/* Read a whole file into a malloc'ed, NUL-terminated buffer. */
static char *read_file(const char *path, size_t *plen, char *err, size_t nerr)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, nerr, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                snprintf(err, nerr, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        snprintf(err, nerr, "%s: read error", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = 0;
    *plen = len;
    return buf;
}

ordo_rc ordo_model_open(const char *path, const ordo_open_opts *opts, ordo_model **pModel)
{
    if (!pModel) return ORDO_EMISUSE;
    *pModel = NULL;
    if (!path) return ORDO_EMISUSE;
    ordo_model *m = model_new(opts);
    if (!m) return ORDO_ENOMEM;
    *pModel = m;
    size_t n = strlen(path);
    if (n >= 3 && strcmp(path + n - 3, ".h5") == 0) {
        snprintf(m->errmsg, sizeof m->errmsg, "%s: HDF5 data sets are not readable by this build yet", path);
        return ORDO_EINPUT;
    }
    size_t len = 0;
    char *text = read_file(path, &len, m->errmsg, sizeof m->errmsg);
    if (!text) return ORDO_EIO;
    ordo_rc rc = model_build(m, text, len);
    free(text);
    return rc;
}

const char *ordo_errmsg(const ordo_model *m) { return m ? m->errmsg : "no model"; }
int ordo_error_count(const ordo_model *m) { return m ? m->diag.n : 0; }
int ordo_error_dropped(const ordo_model *m) { return m ? m->diag.dropped : 0; }

const char *ordo_error_at(const ordo_model *m, int i)
{
    if (!m || i < 0 || i >= m->diag.n) return NULL;
    return m->diag.msg[i];
}

ordo_rc ordo_model_stats(const ordo_model *m, ordo_stats *s)
{
    if (!m || !s) return ORDO_EMISUSE;
    memset(s, 0, sizeof *s);
    s->calendars = m->ncal;
    s->resources = m->nres;
    s->items = m->nitem;
    for (int32_t i = 0; i < m->nitem; i++) {
        s->items_make += m->item_src[i] == ORDO_SRC_MAKE;
        s->items_buy += m->item_src[i] == ORDO_SRC_BUY;
        s->items_phantom += m->item_src[i] == ORDO_SRC_PHANTOM;
        s->routings += m->rout_start[i + 1] > m->rout_start[i];
    }
    s->bom_lines = m->nbom;
    s->bom_levels = m->nlevels;
    s->operations = m->nop;
    s->alternatives = m->nalt;
    s->receipts = m->nrcpt;
    s->orders = m->nord;
    for (int32_t o = 0; o < m->nord; o++) {
        s->orders_urgent += m->or_urgent[o];
        s->orders_nonregular += m->or_design[o] > 0;
        s->order_qty += m->or_qty[o];
        if (o == 0 || m->or_due[o] < s->first_due) s->first_due = m->or_due[o];
        if (o == 0 || m->or_due[o] > s->last_due) s->last_due = m->or_due[o];
    }
    s->horizon_start = m->h_start;
    s->horizon_end = m->h_end;
    s->seconds_parse = m->t_parse;
    s->seconds_validate = m->t_validate;
    s->input_bytes = m->input_bytes;
    return ORDO_OK;
}

void ordo_format_date(int32_t day, char *buf) { ordo_fmt_date(day, buf); }
