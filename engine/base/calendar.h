/*
** calendar.h -- working-time calendars (SPEC section 3, "Days and calendars").
**
** A calendar works on its weekdays minus its holidays; every working day has the same
** shifts, given as minutes from 00:00 of that day. A shift may run past midnight and still
** belongs to the day it starts. The functions below are exact and take O(log H) time
** (H = holidays) whatever the distance, so lead-time offsets and operation end times never
** loop over days or minutes.
**
** Two counting functions carry everything:
**   W(d)   = number of working days before day d        (up to a constant)
**   C(t)   = number of working minutes before instant t (up to a constant)
** so that working days in [a, b) = W(b) - W(a) and working minutes in [a, b) = C(b) - C(a).
**
** Far future: results saturate at "never", day ORDO_NEVER_DAY (bounds.h) or its first
** instant ORDO_CAL_NEVER. A day past it is never returned (it is returned instead), an
** instant is at most ORDO_CAL_NEVER, and an instant given at or past it counts as
** ORDO_CAL_NEVER. A result equal to the bound means "not before never": so no day
** number wraps, however much work is asked for.
*/
#ifndef ORDO_CALENDAR_H
#define ORDO_CALENDAR_H

#include "bounds.h"
#include "dates.h"

#include <stdint.h>

#define ORDO_CAL_MAX_SHIFTS 16
#define ORDO_CAL_NEVER ((int64_t)ORDO_NEVER_DAY * ORDO_MIN_PER_DAY)

typedef struct ordo_cal {
    uint8_t weekmask;       /* bit w-1 set when ISO weekday w (1 = Monday) works; never 0 */
    uint8_t nwork_week;     /* working weekdays per week, 1..7 */
    uint8_t wk_prefix[8];   /* working weekdays among the 7 days starting at day 0, prefix sums */
    int32_t nshift;         /* 1..ORDO_CAL_MAX_SHIFTS */
    int32_t sh_start[ORDO_CAL_MAX_SHIFTS]; /* minutes after 00:00 of its day, increasing */
    int32_t sh_end[ORDO_CAL_MAX_SHIFTS];   /* > sh_start, <= sh_start[i+1], last <= sh_start[0]+1440 */
    int32_t sh_before[ORDO_CAL_MAX_SHIFTS];/* working minutes of the day before shift i */
    int32_t day_minutes;    /* working minutes of one working day, >= 1 */
    int32_t overtime;       /* overtime minutes per working day that may extend the last shift */
    const int32_t *hol;     /* holidays that fall on working weekdays: sorted, unique */
    int32_t nhol;
    /* Optional lookup table over days [tab_lo, tab_lo + tab_n) (ordo_cal_build_table): the
    ** same answers as the closed forms, in O(1), for the days planning actually touches. */
    int32_t tab_lo, tab_n;
    int64_t tab_w0;         /* W(tab_lo) */
    int32_t tab_nwork;      /* working days in the table's range */
    const int32_t *tab_w;   /* [tab_n + 1]: W(tab_lo + j) - tab_w0 */
    const int32_t *tab_day; /* [tab_nwork]: the working days, ascending */
} ordo_cal;

/* The calendar used where none is given: every day, around the clock. */
extern const ordo_cal ordo_cal_always;

/* Build a calendar. shifts are (start, end) minute pairs of a day as written (end <= start
** runs past midnight); nshift 0 means the whole day. hol need not be sorted; the sorted,
** filtered copy is written into hol_store (capacity nhol), which must outlive the calendar.
** Returns 0, or -1 with a reason in *why when the shifts overlap, exceed a day, or no
** weekday works. */
int ordo_cal_build(ordo_cal *cal /* OUT */, uint8_t weekmask, const int32_t *shifts, int nshift,
                   const int32_t *hol, int nhol, int32_t *hol_store, int32_t overtime,
                   const char **why /* OUT */);

/* Fill the lookup table for days [lo, hi) into w (hi - lo + 1 entries) and days (hi - lo
** entries), which must outlive the calendar. */
void ordo_cal_build_table(ordo_cal *cal, int32_t lo, int32_t hi, int32_t *w, int32_t *days);

/* The same calendar with the last shift of each working day extended by its overtime. */
void ordo_cal_with_overtime(const ordo_cal *cal, ordo_cal *out /* OUT */);

/* ---- days ---- */
int ordo_cal_is_workday(const ordo_cal *cal, int32_t day);
int64_t ordo_cal_W(const ordo_cal *cal, int32_t day);
/* Working days in [a, b) (negative when b < a). */
int64_t ordo_cal_workdays_between(const ordo_cal *cal, int32_t a, int32_t b);
/* The working day with exactly k working days before it, in W's numbering; ORDO_NEVER_DAY
** when that day is not before it. */
int32_t ordo_cal_nth_workday(const ordo_cal *cal, int64_t k);
/* Earliest working day >= day. */
int32_t ordo_cal_next_workday(const ordo_cal *cal, int32_t day);
/* SPEC offsetting back: the latest working day r with exactly n working days in [r, d);
** n = 0 gives d. */
int32_t ordo_cal_offset_back(const ordo_cal *cal, int32_t d, int32_t n);
/* Forward: the earliest day a with exactly n working days in [d, a); n = 0 gives d. */
int32_t ordo_cal_offset_fwd(const ordo_cal *cal, int32_t d, int32_t n);

/* ---- minutes (instants are minutes since 1970-01-01T00:00) ---- */
int64_t ordo_cal_C(const ordo_cal *cal, int64_t t);
/* Working minutes in [a, b). */
int64_t ordo_cal_minutes_between(const ordo_cal *cal, int64_t a, int64_t b);
/* The earliest working minute at or after t (start of that minute); ORDO_CAL_NEVER when
** none starts before it. */
int64_t ordo_cal_next_work_minute(const ordo_cal *cal, int64_t t);
/* The instant at which m working minutes starting from t are done: the end of the m-th
** working minute at or after t. m = 0 gives t. ORDO_CAL_NEVER when they are not done
** before it. */
int64_t ordo_cal_add_minutes(const ordo_cal *cal, int64_t t, int64_t m);
/* The working windows of one day as instants; returns their count (0 on a non-working day).
** A window past midnight ends on the next day. */
int ordo_cal_day_windows(const ordo_cal *cal, int32_t day, int64_t *start /* OUT */,
                         int64_t *end /* OUT */);

#endif /* ORDO_CALENDAR_H */
