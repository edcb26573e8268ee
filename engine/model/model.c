/*
** model.c -- the public model handle: open (load + validate), close, errors, statistics.
*/
#define _POSIX_C_SOURCE 200809L
#include "model.h"

#include "dates.h"
#include "input.h"
#include "validate.h"

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
    m->load_threads = opts && opts->threads > 0 ? opts->threads : 0;
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


/* Load a data set (JSON text, or the HDF5 file h5path when text is NULL) into in and
** validate it into m; sets errmsg. The raw tables stay in in for the caller. */
static ordo_rc model_load(ordo_model *m, ordo_input *in, const char *text, size_t len, const char *h5path)
{
    if (ordo_input_init(in)) {
        snprintf(m->errmsg, sizeof m->errmsg, "out of memory");
        return ORDO_ENOMEM;
    }
    in->threads = m->load_threads;
    double t0 = ordo_now();
    int bad = text ? ordo_load_json(text, len, in, &m->diag) : ordo_load_h5(h5path, in, &m->diag);
    double t1 = ordo_now();
    m->t_parse = t1 - t0;
    m->input_bytes = text ? len : ordo_file_size(h5path);
    if (bad >= 0) bad |= ordo_valid_compile(in, m) != 0;
    m->t_validate = ordo_now() - t1;
    if (bad) {
        int n = ordo_diag_total(&m->diag);
        snprintf(m->errmsg, sizeof m->errmsg, "%d error%s in the data set", n, n == 1 ? "" : "s");
        return m->diag.oom ? ORDO_ENOMEM : ORDO_EINPUT;
    }
    return ORDO_OK;
}

static ordo_rc model_build(ordo_model *m, const char *text, size_t len, const char *h5path)
{
    ordo_input in;
    ordo_rc rc = model_load(m, &in, text, len, h5path);
    ordo_input_free(&in);
    return rc;
}

static int is_h5(const char *path)
{
    size_t n = strlen(path);
    return (n >= 3 && strcmp(path + n - 3, ".h5") == 0) || (n >= 5 && strcmp(path + n - 5, ".hdf5") == 0);
}

ordo_rc ordo_model_open_buffer(const char *json, size_t len, const ordo_open_opts *opts, ordo_model **pModel)
{
    if (!pModel) return ORDO_EMISUSE;
    *pModel = NULL;
    if (!json) return ORDO_EMISUSE;
    ordo_model *m = model_new(opts);
    if (!m) return ORDO_ENOMEM;
    *pModel = m;
    return model_build(m, json, len, NULL);
}


ordo_rc ordo_model_open(const char *path, const ordo_open_opts *opts, ordo_model **pModel)
{
    if (!pModel) return ORDO_EMISUSE;
    *pModel = NULL;
    if (!path) return ORDO_EMISUSE;
    ordo_model *m = model_new(opts);
    if (!m) return ORDO_ENOMEM;
    *pModel = m;
    if (is_h5(path)) return model_build(m, NULL, 0, path);
    size_t len = 0;
    char *text = ordo_read_file(path, &len, m->errmsg, sizeof m->errmsg);
    if (!text) return ORDO_EIO;
    ordo_rc rc = model_build(m, text, len, NULL);
    free(text);
    return rc;
}

ordo_rc ordo_convert(const char *in_path, const char *out_path, const ordo_open_opts *opts, ordo_model **pModel)
{
    if (!pModel) return ORDO_EMISUSE;
    *pModel = NULL;
    if (!in_path || !out_path) return ORDO_EMISUSE;
    ordo_model *m = model_new(opts);
    if (!m) return ORDO_ENOMEM;
    *pModel = m;
    char *text = NULL;
    size_t len = 0;
    if (!is_h5(in_path) && !(text = ordo_read_file(in_path, &len, m->errmsg, sizeof m->errmsg))) return ORDO_EIO;
    ordo_input in;
    ordo_rc rc = model_load(m, &in, text, len, is_h5(in_path) ? in_path : NULL);
    free(text);
    if (rc == ORDO_OK) { /* written under a temporary name, renamed when complete */
        in.strings = m->names; /* validation moved the interned strings into the model */
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
        int bad = is_h5(out_path) ? ordo_save_h5(&in, tmp, m->errmsg, sizeof m->errmsg)
                                  : ordo_save_json(&in, tmp, m->errmsg, sizeof m->errmsg);
        if (!bad && rename(tmp, out_path) != 0) {
            snprintf(m->errmsg, sizeof m->errmsg, "%s: %s", out_path, strerror(errno));
            bad = 1;
        }
        if (bad) {
            remove(tmp);
            rc = ORDO_EIO;
        }
        memset(&in.strings, 0, sizeof in.strings);
    }
    ordo_input_free(&in);
    return rc;
}

ordo_model *ordo_model_with_orders(const ordo_model *base, const ordo_new_order *o, int32_t n)
{
    ordo_model *m = model_new(NULL);
    if (!m) return NULL;
    ordo_arena a = m->arena;
    ordo_diag d = m->diag;
    *m = *base; /* every array shared; the order arrays and names are replaced below */
    m->arena = a, m->diag = d;
    if (ordo_strpool_copy(&m->names, &base->names)) {
        memset(&m->names, 0, sizeof m->names);
        ordo_model_close(m);
        return NULL;
    }
    int32_t N = base->nord + n;
    size_t k = (size_t)N + 1;
    int32_t **ia[] = {&m->or_name, &m->or_item, &m->or_due, &m->or_design, &m->or_cust};
    const int32_t *ib[] = {base->or_name, base->or_item, base->or_due, base->or_design, base->or_cust};
    double **da[] = {&m->or_qty, &m->or_prio, &m->or_penalty};
    const double *db[] = {base->or_qty, base->or_prio, base->or_penalty};
    int bad = 0;
    for (int j = 0; j < 5; j++) {
        *ia[j] = ordo_arena_alloc(&m->arena, k * sizeof(int32_t));
        if (!*ia[j]) bad = 1;
        else memcpy(*ia[j], ib[j], (size_t)base->nord * sizeof(int32_t));
    }
    for (int j = 0; j < 3; j++) {
        *da[j] = ordo_arena_alloc(&m->arena, k * sizeof(double));
        if (!*da[j]) bad = 1;
        else memcpy(*da[j], db[j], (size_t)base->nord * sizeof(double));
    }
    m->or_urgent = ordo_arena_alloc(&m->arena, k);
    if (!m->or_urgent) bad = 1;
    else memcpy(m->or_urgent, base->or_urgent, (size_t)base->nord);
    for (int32_t j = 0; !bad && j < n; j++) {
        int32_t x = base->nord + j;
        m->or_name[x] = ordo_strpool_intern(&m->names, o[j].id, strlen(o[j].id));
        m->or_cust[x] = o[j].customer ? ordo_strpool_intern(&m->names, o[j].customer, strlen(o[j].customer)) : -1;
        if (m->or_name[x] < 0 || (o[j].customer && m->or_cust[x] < 0)) bad = 1;
        m->or_item[x] = o[j].item, m->or_due[x] = o[j].due, m->or_design[x] = o[j].design_days;
        m->or_qty[x] = o[j].qty, m->or_prio[x] = o[j].priority, m->or_penalty[x] = o[j].penalty;
        m->or_urgent[x] = (uint8_t)(o[j].urgent != 0);
    }
    m->nord = N;
    if (bad) {
        ordo_model_close(m);
        return NULL;
    }
    return m;
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
    s->bom_lines = m->nbom - m->nxfer; /* without the transfer items' own lines (sites.h) */
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
