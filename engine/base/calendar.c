/*
** calendar.c -- working-time calendars: exact day and minute arithmetic in O(log H).
** See calendar.h for the counting functions W and C that everything here is built on.
*/
#include "calendar.h"

#include "dates.h"

#include <stdlib.h>
#include <string.h>

const ordo_cal ordo_cal_always = {
    .weekmask = 0x7f,
    .nwork_week = 7,
    .wk_prefix = {0, 1, 2, 3, 4, 5, 6, 7},
    .nshift = 1,
    .sh_start = {0},
    .sh_end = {ORDO_MIN_PER_DAY},
    .sh_before = {0},
    .day_minutes = ORDO_MIN_PER_DAY,
    .overtime = 0,
    .hol = NULL,
    .nhol = 0,
};

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int weekday_works(uint8_t mask, int32_t day) { return (mask >> (ordo_weekday(day) - 1)) & 1; }

int ordo_cal_build(ordo_cal *cal, uint8_t weekmask, const int32_t *shifts, int nshift,
                   const int32_t *hol, int nhol, int32_t *hol_store, int32_t overtime,
                   const char **why)
{
    memset(cal, 0, sizeof *cal);
    weekmask &= 0x7f;
    if (!weekmask) {
        *why = "no weekday works";
        return -1;
    }
    if (nshift > ORDO_CAL_MAX_SHIFTS) {
        *why = "more than 16 shifts";
        return -1;
    }
    cal->weekmask = weekmask;
    for (int i = 0; i < 7; i++) {
        cal->wk_prefix[i + 1] = (uint8_t)(cal->wk_prefix[i] + weekday_works(weekmask, i));
    }
    cal->nwork_week = cal->wk_prefix[7];

    /* Shifts: normalise past-midnight ends, sort by start (insertion sort: at most 16). */
    if (nshift == 0) {
        cal->nshift = 1;
        cal->sh_start[0] = 0;
        cal->sh_end[0] = ORDO_MIN_PER_DAY;
    } else {
        cal->nshift = nshift;
        for (int i = 0; i < nshift; i++) {
            int32_t s = shifts[2 * i], e = shifts[2 * i + 1];
            if (e <= s) e += ORDO_MIN_PER_DAY;
            int j = i;
            while (j > 0 && cal->sh_start[j - 1] > s) {
                cal->sh_start[j] = cal->sh_start[j - 1];
                cal->sh_end[j] = cal->sh_end[j - 1];
                j--;
            }
            cal->sh_start[j] = s;
            cal->sh_end[j] = e;
        }
    }
    for (int i = 0; i < cal->nshift; i++) {
        if (i > 0 && cal->sh_start[i] < cal->sh_end[i - 1]) {
            *why = "shifts overlap";
            return -1;
        }
        cal->sh_before[i] = cal->day_minutes;
        cal->day_minutes += cal->sh_end[i] - cal->sh_start[i];
    }
    if (cal->sh_end[cal->nshift - 1] > cal->sh_start[0] + ORDO_MIN_PER_DAY) {
        *why = "the shifts of one day span more than 24 hours";
        return -1;
    }
    if (overtime < 0 || cal->sh_end[cal->nshift - 1] + overtime > cal->sh_start[0] + ORDO_MIN_PER_DAY) {
        *why = "overtime would run into the next day's first shift";
        return -1;
    }
    cal->overtime = overtime;

    /* Holidays: keep those on working weekdays, sorted and unique. */
    int32_t n = 0;
    for (int i = 0; i < nhol; i++)
        if (weekday_works(weekmask, hol[i])) hol_store[n++] = hol[i];
    qsort(hol_store, (size_t)n, sizeof *hol_store, cmp_i32);
    int32_t u = 0;
    for (int32_t i = 0; i < n; i++)
        if (u == 0 || hol_store[u - 1] != hol_store[i]) hol_store[u++] = hol_store[i];
    cal->hol = hol_store;
    cal->nhol = u;
    return 0;
}

void ordo_cal_with_overtime(const ordo_cal *cal, ordo_cal *out)
{
    *out = *cal;
    out->sh_end[out->nshift - 1] += cal->overtime;
    out->day_minutes += cal->overtime;
    out->overtime = 0;
}

/* Number of holidays before day (index of the first holiday >= day). */
static int32_t hol_before(const ordo_cal *cal, int32_t day)
{
    int32_t lo = 0, hi = cal->nhol;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (cal->hol[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int is_holiday(const ordo_cal *cal, int32_t day)
{
    int32_t i = hol_before(cal, day);
    return i < cal->nhol && cal->hol[i] == day;
}

int ordo_cal_is_workday(const ordo_cal *cal, int32_t day)
{
    return weekday_works(cal->weekmask, day) && !is_holiday(cal, day);
}

void ordo_cal_build_table(ordo_cal *cal, int32_t lo, int32_t hi, int32_t *w, int32_t *days)
{
    cal->tab_n = 0; /* the closed forms while building */
    int64_t w0 = ordo_cal_W(cal, lo);
    int32_t n = 0;
    for (int32_t d = lo; d < hi; d++) {
        w[d - lo] = (int32_t)(ordo_cal_W(cal, d) - w0);
        if (ordo_cal_is_workday(cal, d)) days[n++] = d;
    }
    w[hi - lo] = (int32_t)(ordo_cal_W(cal, hi) - w0);
    cal->tab_lo = lo;
    cal->tab_w0 = w0;
    cal->tab_nwork = n;
    cal->tab_w = w;
    cal->tab_day = days;
    cal->tab_n = hi - lo;
}

int64_t ordo_cal_W(const ordo_cal *cal, int32_t day)
{
    if ((uint32_t)(day - cal->tab_lo) <= (uint32_t)cal->tab_n && cal->tab_n > 0)
        return cal->tab_w0 + cal->tab_w[day - cal->tab_lo];
    if (cal->nwork_week == 7 && cal->nhol == 0) return day;
    int64_t q = ordo_floordiv(day, 7);
    int r = (int)(day - q * 7);
    return q * cal->nwork_week + cal->wk_prefix[r] - hol_before(cal, day);
}

int64_t ordo_cal_workdays_between(const ordo_cal *cal, int32_t a, int32_t b)
{
    return ordo_cal_W(cal, b) - ordo_cal_W(cal, a);
}

int32_t ordo_cal_nth_workday(const ordo_cal *cal, int64_t k)
{
    if (cal->tab_n > 0 && k >= cal->tab_w0 && k - cal->tab_w0 < cal->tab_nwork) return cal->tab_day[k - cal->tab_w0];
    if (k >= ordo_cal_W(cal, ORDO_NEVER_DAY)) return ORDO_NEVER_DAY; /* not before never */
    if (cal->nwork_week == 7 && cal->nhol == 0) return (int32_t)k;
    /* Smallest x with W(x + 1) > k. Weekday counts bound W within a week of k * 7 / nw,
    ** and holidays move it by at most nhol working days. */
    int64_t nw = cal->nwork_week;
    int64_t lo = ordo_floordiv((k - nw) * 7, nw) - 8;
    int64_t hi = ordo_floordiv((k + cal->nhol + nw) * 7, nw) + 8;
    if (hi > ORDO_NEVER_DAY) hi = ORDO_NEVER_DAY; /* W(never) > k: the answer is before it */
    while (lo < hi) { /* invariant: answer in [lo, hi] */
        int64_t mid = lo + (hi - lo) / 2;
        if (ordo_cal_W(cal, (int32_t)(mid + 1)) > k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (int32_t)lo;
}

int32_t ordo_cal_next_workday(const ordo_cal *cal, int32_t day)
{
    return ordo_cal_nth_workday(cal, ordo_cal_W(cal, day));
}

int32_t ordo_cal_offset_back(const ordo_cal *cal, int32_t d, int32_t n)
{
    if (n <= 0) return d;
    return ordo_cal_nth_workday(cal, ordo_cal_W(cal, d) - n);
}

int32_t ordo_cal_offset_fwd(const ordo_cal *cal, int32_t d, int32_t n)
{
    if (n <= 0) return d;
    int32_t last = ordo_cal_nth_workday(cal, ordo_cal_W(cal, d) + n - 1);
    return last < ORDO_NEVER_DAY ? last + 1 : ORDO_NEVER_DAY;
}

/* Working minutes of day's windows that lie before instant t (0 on a non-working day). */
static int64_t part_before(const ordo_cal *cal, int32_t day, int64_t t)
{
    int64_t base = (int64_t)day * ORDO_MIN_PER_DAY;
    if (t <= base + cal->sh_start[0] || !ordo_cal_is_workday(cal, day)) return 0;
    int64_t sum = 0;
    for (int i = 0; i < cal->nshift; i++) {
        int64_t s = base + cal->sh_start[i], e = base + cal->sh_end[i];
        if (t <= s) break;
        sum += (t < e ? t : e) - s;
    }
    return sum;
}

int64_t ordo_cal_C(const ordo_cal *cal, int64_t t)
{
    /* Windows of days <= d-2 end before t and those of days > d start after it. Instants
    ** past never count as never (and as long before, the same bound mirrored), so that d
    ** fits its 32 bits. */
    if (t > ORDO_CAL_NEVER) t = ORDO_CAL_NEVER;
    if (t < -ORDO_CAL_NEVER) t = -ORDO_CAL_NEVER;
    int32_t d = (int32_t)ordo_floordiv(t, ORDO_MIN_PER_DAY);
    return ordo_cal_W(cal, d - 1) * cal->day_minutes + part_before(cal, d - 1, t) +
           part_before(cal, d, t);
}

int64_t ordo_cal_minutes_between(const ordo_cal *cal, int64_t a, int64_t b)
{
    return ordo_cal_C(cal, b) - ordo_cal_C(cal, a);
}

/* Start instant of the working minute with index j in C's numbering (C(start) = j), or
** ORDO_CAL_NEVER when it does not start before never. */
static int64_t minute_start(const ordo_cal *cal, int64_t j)
{
    int64_t k = ordo_floordiv(j, cal->day_minutes);
    int32_t r = (int32_t)(j - k * cal->day_minutes);
    int32_t day = ordo_cal_nth_workday(cal, k);
    if (day >= ORDO_NEVER_DAY) return ORDO_CAL_NEVER;
    int i = cal->nshift - 1;
    while (i > 0 && cal->sh_before[i] > r) i--;
    int64_t t = (int64_t)day * ORDO_MIN_PER_DAY + cal->sh_start[i] + (r - cal->sh_before[i]);
    return t < ORDO_CAL_NEVER ? t : ORDO_CAL_NEVER; /* a shift of the day before, past midnight */
}

int64_t ordo_cal_next_work_minute(const ordo_cal *cal, int64_t t)
{
    return minute_start(cal, ordo_cal_C(cal, t));
}

int64_t ordo_cal_add_minutes(const ordo_cal *cal, int64_t t, int64_t m)
{
    if (m <= 0) return t;
    int64_t last = minute_start(cal, ordo_cal_C(cal, t) + m - 1);
    return last < ORDO_CAL_NEVER ? last + 1 : ORDO_CAL_NEVER;
}

int ordo_cal_day_windows(const ordo_cal *cal, int32_t day, int64_t *start, int64_t *end)
{
    if (!ordo_cal_is_workday(cal, day)) return 0;
    int64_t base = (int64_t)day * ORDO_MIN_PER_DAY;
    for (int i = 0; i < cal->nshift; i++) {
        start[i] = base + cal->sh_start[i];
        end[i] = base + cal->sh_end[i];
    }
    return cal->nshift;
}
