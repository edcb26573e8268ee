/*
** input.h -- the data set as loaded, before validation (stage "load").
**
** Every loader (JSON, HDF5) fills these raw tables and nothing else: ids and references are
** interned strings, numbers are doubles, and each row records which fields were present.
** Validation (validate.c) checks them and compiles the model. Each raw table is described
** by a schema (field name, kind, offset) that the loaders read, so a new field is one line.
** Child tables (shifts, operations, alternatives) keep their parent row and position so
** that errors can be located as "routings[4].operations[1].resources[0]".
*/
#ifndef ORDO_INPUT_H
#define ORDO_INPUT_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

typedef enum ordo_fkind {
    ORDO_F_STR,  /* int32_t sid */
    ORDO_F_NUM,  /* double */
    ORDO_F_BOOL, /* double 0 or 1 */
    ORDO_F_LIST, /* a JSON array handled by the loader into a child table */
    ORDO_F_OBJ   /* a nested object whose keys are the fields named "key.sub" */
} ordo_fkind;

typedef struct ordo_field {
    const char *name;  /* key as written; "lot.qty" for nested objects */
    uint16_t off;      /* offset of the value in the row */
    uint8_t kind;      /* ordo_fkind */
    uint8_t required;
} ordo_field;

typedef struct ordo_schema {
    const char *table; /* "orders", or the child's key ("operations") */
    size_t row_size;
    const ordo_field *fields;
    int nfield; /* at most 32: a row's presence mask has one bit per field */
} ordo_schema;

/* Every raw row starts with this header. */
typedef struct ordo_rowhdr {
    uint32_t present; /* bit f set when field f holds a usable value */
    uint32_t given;   /* bit f set when field f was written (not null), usable or not */
    int32_t parent;   /* row index in the parent table; -1 for top-level tables */
    int32_t pos;      /* position within the parent's list, or the row's own index */
} ordo_rowhdr;

typedef struct { ordo_rowhdr h; int32_t id; double overtime; } ordo_raw_cal;
typedef struct { ordo_rowhdr h; double day; } ordo_raw_weekday;           /* parent: calendar */
typedef struct { ordo_rowhdr h; int32_t start, end; } ordo_raw_shift;     /* parent: calendar */
typedef struct { ordo_rowhdr h; int32_t date; } ordo_raw_holiday;         /* parent: calendar */
typedef struct { ordo_rowhdr h; int32_t id, calendar; double units, efficiency; int32_t site; } ordo_raw_res;
typedef struct {
    ordo_rowhdr h;
    int32_t id, source, calendar, lot_rule;
    double lead, insp, on_hand, safety, yield, lot_qty, lot_periods, lot_min, lot_multiple;
    double lot_setup_cost, lot_holding_cost;
    int32_t site, transfer_from;
    double fence; /* planning_fence_days */
} ordo_raw_item;
typedef struct { ordo_rowhdr h; int32_t parent, component, from, to, group; double qty_per, scrap, priority; } ordo_raw_bom;
typedef struct { ordo_rowhdr h; int32_t item; } ordo_raw_routing;
typedef struct { ordo_rowhdr h; double seq, setup, run; } ordo_raw_op;    /* parent: routing */
typedef struct {
    ordo_rowhdr h; /* parent: operation row */
    int32_t id;
    double setup, run;
    int32_t is_object; /* written as {"id": ...} rather than a plain id */
} ordo_raw_alt;
typedef struct { ordo_rowhdr h; int32_t id, item, date, kind; double qty; } ordo_raw_rcpt;
typedef struct { /* parent: item */
    ordo_rowhdr h;
    int32_t id, calendar;
    double lead, min, multiple, priority, share;
} ordo_raw_sup;
typedef struct {
    ordo_rowhdr h;
    int32_t id, item, due, customer;
    double qty, priority, penalty, urgent, design_days;
} ordo_raw_order;
typedef struct { ordo_rowhdr h; int32_t id, calendar; } ordo_raw_site;
/* Production orders already in the shop (living plan) and their started operations. */
typedef struct { ordo_rowhdr h; int32_t id, item, due, status; double qty; } ordo_raw_prod;
typedef struct { ordo_rowhdr h; int32_t resource, start, end; double seq, done; } ordo_raw_prod_op; /* parent: production order */
typedef struct {
    ordo_rowhdr h;
    double version;
    int32_t start, end, objective;
    int32_t frozen_until;                   /* horizon.frozen_until */
    double act_days, act_pct;               /* actions.reschedule_days, actions.quantity_percent */
} ordo_raw_top;

enum {
    ORDO_TAB_CAL, ORDO_TAB_WEEKDAY, ORDO_TAB_SHIFT, ORDO_TAB_HOLIDAY, ORDO_TAB_RES,
    ORDO_TAB_ITEM, ORDO_TAB_BOM, ORDO_TAB_ROUTING, ORDO_TAB_OP, ORDO_TAB_ALT,
    ORDO_TAB_RCPT, ORDO_TAB_ORDER, ORDO_TAB_SUP, ORDO_TAB_SITE, ORDO_TAB_PROD, ORDO_TAB_PROD_OP, ORDO_NTAB
};


/* Field indices of each schema, in schema order (a row's presence bits). */
enum { F_CAL_ID, F_CAL_WEEKDAYS, F_CAL_SHIFTS, F_CAL_HOLIDAYS, F_CAL_OT };
enum { F_WD_DAY };
enum { F_SH_START, F_SH_END };
enum { F_HOL_DATE };
enum { F_RES_ID, F_RES_CAL, F_RES_UNITS, F_RES_EFF, F_RES_SITE };
enum { F_IT_ID, F_IT_SOURCE, F_IT_LEAD, F_IT_INSP, F_IT_ONHAND, F_IT_SAFETY, F_IT_YIELD,
       F_IT_CAL, F_IT_LOT, F_IT_LOT_RULE, F_IT_LOT_QTY, F_IT_LOT_PERIODS, F_IT_LOT_MIN,
       F_IT_LOT_MULT, F_IT_LOT_SETUP, F_IT_LOT_HOLD, F_IT_SUPPLIERS, F_IT_SITE, F_IT_FROM, F_IT_FENCE };
enum { F_SITE_ID, F_SITE_CAL };
enum { F_SUP_ID, F_SUP_LEAD, F_SUP_CAL, F_SUP_MIN, F_SUP_MULT, F_SUP_PRIO, F_SUP_SHARE };
enum { F_BOM_PARENT, F_BOM_COMP, F_BOM_QTY, F_BOM_SCRAP, F_BOM_FROM, F_BOM_TO, F_BOM_GROUP, F_BOM_PRIO };
enum { F_RT_ITEM, F_RT_OPS };
enum { F_OP_SEQ, F_OP_RES, F_OP_SETUP, F_OP_RUN };
enum { F_ALT_ID, F_ALT_SETUP, F_ALT_RUN };
enum { F_RC_ID, F_RC_ITEM, F_RC_QTY, F_RC_DATE, F_RC_KIND };
enum { F_OR_ID, F_OR_ITEM, F_OR_QTY, F_OR_DUE, F_OR_PRIO, F_OR_PEN, F_OR_URGENT, F_OR_DESIGN,
       F_OR_CUST };
enum { F_PR_ID, F_PR_ITEM, F_PR_QTY, F_PR_DUE, F_PR_STATUS, F_PR_OPS };
enum { F_PO_SEQ, F_PO_RES, F_PO_START, F_PO_END, F_PO_DONE };
enum { F_TOP_ORDO, F_TOP_HORIZON, F_TOP_START, F_TOP_END, F_TOP_OBJ, F_TOP_FROZEN, F_TOP_ACTIONS, F_TOP_ACT_DAYS,
       F_TOP_ACT_PCT };

/* The schemas, indexed by ORDO_TAB_*, and the top-level object's. */
extern const ordo_schema ordo_schemas[ORDO_NTAB];
extern const ordo_schema ordo_schema_top;

/* Field index of name in a schema, or -1. */
int ordo_schema_field(const ordo_schema *s, const char *name);

typedef struct ordo_input {
    ordo_strpool strings;
    ordo_raw_top top;
    ordo_vec tab[ORDO_NTAB]; /* rows of each table, ORDO_TAB_* */
    /* Which top-level lists were present at all (a calendar-less data set is valid). */
    uint32_t lists_present;  /* bit ORDO_TAB_* */
    size_t input_bytes;
    int threads;             /* threads the load and validation may use; 0 = all cores */
} ordo_input;

int ordo_input_init(ordo_input *in);
void ordo_input_free(ordo_input *in);
/* Append a blank row to table t with the given parent and position; NULL when out of memory. */
void *ordo_input_row(ordo_input *in, int t, int32_t parent, int32_t pos);
/* A blank row of table t (elem bytes): numbers 0, strings absent (-1), nothing present. */
void ordo_input_blank(int t, void *row);
#define ORDO_ROWS(in, T, t) ((T *)(in)->tab[t].data)
#define ORDO_NROWS(in, t) ((int32_t)(in)->tab[t].len)
#define ORDO_HAS(row, f) (((row)->h.present >> (f)) & 1u)

/* Located path of field f (or of the row itself when f < 0) of row r in table t. */
const char *ordo_input_path(const ordo_input *in, int t, int32_t r, int f, char *buf, size_t n);

/* ---- loaders ---- */
/* Parse a JSON document into *in; every error located in diag. Returns 0 when no error,
** 1 when errors were found but the tables hold every usable value (validation can go on and
** find the rest), -1 when the document could not be read at all. */
int ordo_load_json(const char *text, size_t len, ordo_input *in, ordo_diag *diag);
/* Read an HDF5 data set (layout in load_h5.c); same return values. */
int ordo_load_h5(const char *path, ordo_input *in, ordo_diag *diag);

/* ---- writers of a loaded data set (ordo convert) ---- */
/* Write the tables as an HDF5 data set, or as canonical JSON (fields in schema order,
** "x-" keys dropped). Return 0, or -1 with a reason in err. */
int ordo_save_h5(const ordo_input *in, const char *path, char *err, size_t nerr);
int ordo_save_json(const ordo_input *in, const char *path, char *err, size_t nerr);

#endif /* ORDO_INPUT_H */
