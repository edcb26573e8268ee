/*
** bounds.h -- the ranges every number of a data set must lie in, and the bounds planning
** keeps to, so that no input makes ordo hang, wrap a date or overflow an integer. The
** README's "Limits" table lists the same values; validation reports a value outside its
** range as a located error (exit 2).
*/
#ifndef ORDO_BOUNDS_H
#define ORDO_BOUNDS_H

#define ORDO_LIM_QTY 1e9          /* order and receipt qty, |on_hand|, safety_stock, lot.qty/min/multiple */
#define ORDO_LIM_LOT_SMALL 1e-6   /* lot.qty, lot.min, lot.multiple: 0 or at least this */
#define ORDO_LIM_QTY_PER 1e6      /* bom qty_per */
#define ORDO_LIM_SCRAP 100.0      /* bom scrap (a fraction: 100 = 10,000 %) */
#define ORDO_LIM_YIELD 1e-3       /* item yield, in [this, 1] */
#define ORDO_LIM_DAYS 3650.0      /* lead_time_days, inspection_days, design_days, lot.periods */
#define ORDO_LIM_MINUTES 1e6      /* setup_minutes, run_minutes_per_unit */
#define ORDO_LIM_UNITS 1000000.0  /* resource units */
#define ORDO_LIM_EFF_LO 0.01      /* resource efficiency, in [this, ORDO_LIM_EFF_HI] */
#define ORDO_LIM_EFF_HI 100.0
#define ORDO_LIM_PRIORITY 1e6     /* |priority| */
#define ORDO_LIM_PENALTY 1e9      /* penalty_per_day */
#define ORDO_LIM_OVERTIME 1440.0  /* overtime_minutes_per_day */
#define ORDO_MAX_SUPPLIERS 64      /* suppliers of one item */
#define ORDO_LIM_HORIZON 36525    /* horizon.end - horizon.start < this many days (100 years) */

/* HDF5 data sets: a table may need in memory (its rows as the file holds them, or as ordo
** holds them, whichever is larger) at most ORDO_LIM_H5_EXPAND times the file's size plus
** 1 MB (chunks never written read as fill values, so an extent alone proves nothing); a row,
** a string and a root attribute at most ORDO_LIM_H5_ROW bytes; an attribute one value. */
#define ORDO_LIM_H5_EXPAND 1024.0
#define ORDO_LIM_H5_ROW 1048576

/* Planning: one net requirement of an item above ORDO_MAX_NET good units is not planned
** (a shortage exception says why); one net requirement is covered by at most ORDO_MAX_LOTS
** foq lots (beyond that each lot is the smallest multiple of the lot quantity that keeps
** the count at ORDO_MAX_LOTS); one operation takes at most ORDO_MAX_WORK working minutes. */
#define ORDO_MAX_NET 1e12
#define ORDO_MAX_LOTS 1000.0
#define ORDO_MAX_WORK 100000000.0

/* The calendar's "never": day ORDO_NEVER_DAY after 1970-01-01 (about 2.7 million years
** out). Calendar arithmetic saturates there (calendar.h) instead of wrapping its 32-bit day
** numbers, and an operation that cannot end before it is not scheduled: its order is
** unplanned. */
#define ORDO_NEVER_DAY 1000000000

#endif /* ORDO_BOUNDS_H */
