/*
** ncmemo.h -- the MRP's per-item results kept beside a saved plan (DIR/mrp.ordo) so that a
** re-plan nets again only the items a change reaches (net-change MRP, mrp/netchange.h).
**
** Per item of the run that made it: a hash of everything its netting read (its own data,
** its receipts and production orders, and the needs its parents and customer orders put on
** it, in netting order, named by item name, order id and ordinal, never by index) and its
** netting's records (planned orders, links, needs, edges, pass-through, exceptions) with
** references in the same stable names. An item of a later run whose hash is equal gets the
** records back instead of being netted: the same results a full run computes, by
** construction. The memo holds no index of the run's plan, so it is never "stale": a memo of
** any earlier run is correct to use; one whose items all changed only saves nothing.
**
** The memo also keeps the run's schedule by name, for the re-plan's base (run/replan.c),
** which then need not parse plan.json: the run id of the plan it belongs to (the state's
** checksum, which plan.json carries), per planned order its item, due date, quantity and
** operations (routing seq, resource, start, end, overtime), and each customer order's
** completion.
**
** The file: magic "ORDONC03", then the payload -- the model-wide hash, item, order and
** resource counts, their names (NUL-terminated, in that order), per item its hash and its
** records' bytes (length-prefixed), then the schedule -- and last a checksum of the payload
** (state.h's hash, record by record).
*/
#ifndef ORDO_NCMEMO_H
#define ORDO_NCMEMO_H

#include "plan.h"

#include <stddef.h>
#include <stdint.h>

#define ORDO_NCMEMO_FILE "mrp.ordo"
#define ORDO_NCMEMO_MAGIC "ORDONC03"

typedef struct ordo_ncmemo {
    uint64_t global;          /* hash of the model-wide inputs netting reads */
    int32_t nitem, nord;
    char *names;              /* item names, then order ids, each NUL-terminated */
    size_t names_len;
    const char **item_name;   /* [nitem] into names */
    const char **ord_name;    /* [nord] into names */
    uint64_t *hash;           /* [nitem] 0: the item's results are not kept (never reused) */
    unsigned char **blob;     /* [nitem] its records (mrp/netchange.c), NULL when none */
    size_t *blob_len;         /* [nitem] */
    unsigned char *file;      /* a read memo: the file's bytes, which blob[] points into; NULL for
                              ** a recorded one, whose blobs are its own */
    /* a read memo's schedule (the base of a re-plan): its run, resources, planned orders with
    ** their operations (po_op0, CSR) and the orders' completions (INT64_MIN unplanned) */
    int32_t nres;
    const char **res_name;    /* [nres] into names */
    uint64_t run;
    int32_t npo, nop;
    int32_t *po_item, *po_due, *po_op0;
    double *po_qty;
    int32_t *op_seq, *op_res;
    int64_t *op_start, *op_end, *ord_done;
    uint8_t *op_ot;           /* [nop] it works its resource's overtime */
} ordo_ncmemo;

/* A memo for model m's items and orders (names copied), with no results yet; NULL out of
** memory. */
ordo_ncmemo *ordo_ncmemo_new(const ordo_model *m);

void ordo_ncmemo_free(ordo_ncmemo *n);

/* Write n, with plan p's schedule as run `run`, into the file at path (created or truncated)
** and close it; 0, or -1 with the reason in err. Not yet flushed to disk (the caller syncs). */
int ordo_ncmemo_write(const ordo_ncmemo *n, const struct ordo_plan *p, uint64_t run, const char *path, char *err,
                      size_t nerr);

/* The checksum that a memo file of len bytes (magic included) should end with, computed
** over its records as the reader reads them: 0, or -1 when the records do not fit the file
** (for tests that damage a memo and still want its bounds checks reached). */
int ordo_ncmemo_checksum(const unsigned char *file, size_t len, uint64_t *sum);

/* Read the memo at path into *out: 1 read, 0 there is none, -1 unusable (damaged, another
** format, out of memory) with the reason in why. Every count and length is checked against
** the file; the records themselves are checked as they are used. */
int ordo_ncmemo_read(const char *path, ordo_ncmemo **out, char *why, size_t nwhy);

#endif /* ORDO_NCMEMO_H */
