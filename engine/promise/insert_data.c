/*
** insert_data.c -- the data set behind an insertion, saved so that later runs chain on it
** (ordo insert -o DIR writes DIR/data.json beside DIR/state.ordo): the original data set's
** tables as loaded, with the inserted orders appended as they were planned (their due date,
** priority, penalty, urgency, design days and customer written out), in canonical JSON.
** Opened again, it compiles to the same model as the insertion's, so the saved state is
** accepted for it (--base DIR).
*/
#include "insert.h"

#include "dates.h"
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t intern(ordo_input *in, const char *s) { return ordo_strpool_intern(&in->strings, s, strlen(s)); }

/* Order o of model m appended to the input's orders, every field written. 0, or -1. */
static int append_order(ordo_input *in, const ordo_model *m, int32_t o)
{
    int32_t pos = ORDO_NROWS(in, ORDO_TAB_ORDER);
    ordo_raw_order *r = ordo_input_row(in, ORDO_TAB_ORDER, -1, pos);
    if (!r) return -1;
    char due[11];
    ordo_fmt_date(m->or_due[o], due);
    r->id = intern(in, ordo_str(&m->names, m->or_name[o]));
    r->item = intern(in, ordo_str(&m->names, m->item_name[m->or_item[o]]));
    r->due = intern(in, due);
    r->qty = m->or_qty[o], r->priority = m->or_prio[o], r->penalty = m->or_penalty[o];
    r->urgent = m->or_urgent[o] ? 1 : 0, r->design_days = m->or_design[o];
    uint32_t bits = 1u << F_OR_ID | 1u << F_OR_ITEM | 1u << F_OR_QTY | 1u << F_OR_DUE | 1u << F_OR_PRIO |
                    1u << F_OR_PEN | 1u << F_OR_URGENT | 1u << F_OR_DESIGN;
    if (m->or_cust[o] >= 0) {
        r->customer = intern(in, ordo_str(&m->names, m->or_cust[o]));
        bits |= 1u << F_OR_CUST;
    }
    r->h.present = r->h.given = bits;
    return r->id < 0 || r->item < 0 || r->due < 0 || (m->or_cust[o] >= 0 && r->customer < 0) ? -1 : 0;
}

static int is_h5(const char *path)
{
    size_t n = strlen(path);
    return (n >= 3 && strcmp(path + n - 3, ".h5") == 0) || (n >= 5 && strcmp(path + n - 5, ".hdf5") == 0);
}

ordo_rc ordo_insert_save_data(const ordo_plan *np, const char *data_path, const char *out_path, char *err, size_t nerr)
{
    if (!np || !data_path || !out_path) return ORDO_EMISUSE;
    const ordo_model *m = np->model;
    ordo_input in;
    if (ordo_input_init(&in)) return ORDO_ENOMEM;
    ordo_diag diag;
    ordo_diag_init(&diag, 1);
    size_t len = 0;
    char *text = is_h5(data_path) ? NULL : ordo_read_file(data_path, &len, err, nerr);
    int bad = !is_h5(data_path) && !text;
    if (!bad && (is_h5(data_path) ? ordo_load_h5(data_path, &in, &diag) : ordo_load_json(text, len, &in, &diag)) != 0) {
        snprintf(err, nerr, "%s: %s", data_path, diag.n ? diag.msg[0] : "cannot be read again");
        bad = 1;
    }
    free(text);
    /* the data set as loaded holds the base's orders; the rest are the inserted ones */
    if (!bad && ORDO_NROWS(&in, ORDO_TAB_ORDER) != np->ins_first) {
        snprintf(err, nerr, "%s: changed since it was planned", data_path);
        bad = 1;
    }
    for (int32_t o = np->ins_first; o < m->nord && !bad; o++)
        if (append_order(&in, m, o)) {
            snprintf(err, nerr, "out of memory");
            bad = 1;
        }
    in.lists_present |= 1u << ORDO_TAB_ORDER;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    if (!bad && ordo_save_json(&in, tmp, err, nerr)) bad = 1;
    if (!bad && rename(tmp, out_path) != 0) {
        snprintf(err, nerr, "%s: %s", out_path, strerror(errno));
        bad = 1;
    }
    if (bad) remove(tmp);
    ordo_diag_free(&diag);
    ordo_input_free(&in);
    return bad ? ORDO_EIO : ORDO_OK;
}
