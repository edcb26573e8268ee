/*
** netchange.h -- net-change MRP inside the stage (see plan/ncmemo.h for the memo).
**
** While the levels are netted, every item's inputs are hashed after its needs are gathered
** (its own data, receipts, production orders, and its needs in netting order, named stably);
** an item whose hash equals the base memo's gets the base's records, translated to this
** run's indexes, instead of being netted (replay). Its children then see the same planned
** orders as a full run would give them, so their hashes match too unless something of their
** own changed: the items netted are those a change reaches. Items netted together with
** alternates (clusters) are always netted. The recording side keeps every item's hash and
** records for the next run.
*/
#ifndef ORDO_NETCHANGE_H
#define ORDO_NETCHANGE_H

#include "mrp_int.h"
#include "ncmemo.h"

typedef struct nc_ctx nc_ctx;

/* The net-change context of M's run: base may be NULL (nothing to reuse), keep 1 records a
** memo of this run. NULL out of memory. */
nc_ctx *ordo_nc_begin(const mrp *M, const ordo_ncmemo *base, int keep);

/* 1 when c has a base memo to reuse (one of the same horizon and tolerances), else 0. */
int ordo_nc_has_base(const nc_ctx *c);

/* The memo recorded (the caller owns it; NULL when not kept), and the context freed. */
ordo_ncmemo *ordo_nc_end(nc_ctx *c);

/* The hash of item i's netting inputs, its needs nd[0..nn) as gathered; 0 for an item that
** is never reused (in a cluster). */
uint64_t ordo_nc_hash(const nc_ctx *c, const mrp *M, int32_t i, const need *nd, int32_t nn);

/* Item i's results from the base memo into t's buffers when the base has them with hash h:
** 1 done, 0 not (t left as it was). */
int ordo_nc_replay(const nc_ctx *c, const mrp *M, tlocal *t, int32_t i, uint64_t h);

/* Record item i's results (in t at o's places, merged at o's global places) with hash h
** into the memo being kept; 0, or -1 out of memory. Items of one level may be recorded in
** parallel. */
int ordo_nc_record(nc_ctx *c, const mrp *M, const tlocal *t, int32_t i, const item_out *o, uint64_t h);

#endif /* ORDO_NETCHANGE_H */
