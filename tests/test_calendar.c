/*
** test_calendar.c -- working-time calendars: hand-computed cases, and a property test that
** compares every calendar function with a brute-force minute-by-minute reference on
** random calendars (weekdays, shifts past midnight, holidays, overtime).
*/
#include "calendar.h"
#include "dates.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

static int32_t D(const char *s)
{
    int32_t d = 0;
    if (ordo_parse_date(s, &d)) {
        fprintf(stderr, "bad test date %s\n", s);
        exit(1);
    }
    return d;
}

static int64_t T(const char *s)
{
    int64_t t = 0;
    if (ordo_parse_datetime(s, &t)) {
        fprintf(stderr, "bad test instant %s\n", s);
        exit(1);
    }
    return t;
}

static void check_time(int64_t got, const char *want, int line)
{
    char buf[17];
    ordo_fmt_datetime(got, buf);
    if (strcmp(buf, want) == 0) {
        t_pass++;
    } else {
        t_fail++;
        fprintf(stderr, "test_calendar.c:%d: got %s, expected %s\n", line, buf, want);
    }
}
#define CHECK_TIME(got, want) check_time(got, want, __LINE__)

static void check_day(int32_t got, const char *want, int line)
{
    char buf[11];
    ordo_fmt_date(got, buf);
    if (strcmp(buf, want) == 0) {
        t_pass++;
    } else {
        t_fail++;
        fprintf(stderr, "test_calendar.c:%d: got %s, expected %s\n", line, buf, want);
    }
}
#define CHECK_DAY(got, want) check_day(got, want, __LINE__)

static void test_dates(void)
{
    CHECK_EQ(D("1970-01-01"), 0);
    CHECK_EQ(ordo_weekday(D("2026-11-23")), 1); /* a Monday */
    CHECK_EQ(ordo_weekday(D("2026-12-25")), 5); /* a Friday */
    CHECK_EQ(D("2028-03-01") - D("2028-02-28"), 2); /* leap year */
    CHECK_EQ(D("2100-03-01") - D("2100-02-28"), 1); /* not a leap year */
    int32_t d;
    CHECK(ordo_parse_date("2026-13-01", &d) < 0);
    CHECK(ordo_parse_date("2026-02-29", &d) < 0);
    CHECK(ordo_parse_date("2026-1-01", &d) < 0);
    CHECK(ordo_parse_date("2026-01-011", &d) < 0);
    CHECK(ordo_parse_date("", &d) < 0);
    CHECK_EQ(ordo_parse_hhmm("08:30", 0), 510);
    CHECK_EQ(ordo_parse_hhmm("24:00", 0), -1);
    CHECK_EQ(ordo_parse_hhmm("24:00", 1), 1440);
    CHECK_EQ(ordo_parse_hhmm("12:60", 0), -1);
    CHECK_EQ(ordo_parse_hhmm("8:30", 0), -1);
    for (int32_t day = -800; day < 80000; day += 37) { /* round trip over 220 years */
        char buf[11];
        int32_t back;
        ordo_fmt_date(day, buf);
        CHECK(ordo_parse_date(buf, &back) == 0 && back == day);
    }
    CHECK_TIME(T("2026-11-23T08:05"), "2026-11-23T08:05");
}

/* Mon-Fri, 08:00-12:00 and 13:00-17:00, Christmas off, 60 minutes of overtime. */
static ordo_cal std_cal(int32_t *store)
{
    ordo_cal c;
    const char *why = NULL;
    int32_t shifts[] = {480, 720, 780, 1020};
    int32_t hol[] = {D("2026-12-25"), D("2026-12-27") /* a Sunday: ignored */};
    int rc = ordo_cal_build(&c, 0x1f, shifts, 2, hol, 2, store, 60, &why);
    CHECK_EQ(rc, 0);
    CHECK_EQ(c.nhol, 1);
    CHECK_EQ(c.day_minutes, 480);
    return c;
}

static void test_day_offsets(void)
{
    int32_t store[4];
    ordo_cal c = std_cal(store);
    CHECK(ordo_cal_is_workday(&c, D("2026-11-23")));
    CHECK(!ordo_cal_is_workday(&c, D("2026-11-28")));
    CHECK(!ordo_cal_is_workday(&c, D("2026-12-25")));
    /* SPEC offsetting: latest working r with exactly N working days in [r, d). */
    CHECK_DAY(ordo_cal_offset_back(&c, D("2026-12-28"), 0), "2026-12-28");
    CHECK_DAY(ordo_cal_offset_back(&c, D("2026-12-27"), 0), "2026-12-27"); /* N = 0 keeps d */
    /* Mon 28th back 1: Fri 25th is a holiday, 26/27 weekend -> Thu 24th. */
    CHECK_DAY(ordo_cal_offset_back(&c, D("2026-12-28"), 1), "2026-12-24");
    /* Mon 30 Nov back 2 -> Thu 26 Nov (Fri 27 and Thu 26 are the two days). */
    CHECK_DAY(ordo_cal_offset_back(&c, D("2026-11-30"), 2), "2026-11-26");
    /* From a Sunday back 1: the Friday before. */
    CHECK_DAY(ordo_cal_offset_back(&c, D("2026-11-29"), 1), "2026-11-27");
    /* Forward: earliest a with N working days in [d, a). Mon 23 Nov + 10 -> Sat 5 Dec. */
    CHECK_DAY(ordo_cal_offset_fwd(&c, D("2026-11-23"), 10), "2026-12-05");
    /* Thu 24 Dec + 1 -> Fri 25 Dec (the day after the 24th's work, at 00:00). */
    CHECK_DAY(ordo_cal_offset_fwd(&c, D("2026-12-24"), 1), "2026-12-25");
    /* Thu 24 Dec + 2 -> Tue 29 Dec (Christmas and the weekend skipped). */
    CHECK_DAY(ordo_cal_offset_fwd(&c, D("2026-12-24"), 2), "2026-12-29");
    CHECK_EQ(ordo_cal_workdays_between(&c, D("2026-12-21"), D("2027-01-04")), 9);
    CHECK_DAY(ordo_cal_next_workday(&c, D("2026-12-25")), "2026-12-28");
    CHECK_DAY(ordo_cal_next_workday(&c, D("2026-12-24")), "2026-12-24");
}

static void test_minutes(void)
{
    int32_t store[4];
    ordo_cal c = std_cal(store);
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-23T11:00"), 120), "2026-11-23T14:00");
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-23T08:00"), 240), "2026-11-23T12:00"); /* ends at shift end */
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-23T08:00"), 241), "2026-11-23T13:01");
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-27T16:00"), 120), "2026-11-30T09:00"); /* over a weekend */
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-12-24T16:00"), 61), "2026-12-28T08:01"); /* over Christmas */
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-28T10:00"), 0), "2026-11-28T10:00");
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-28T10:00"), 1), "2026-11-30T08:01");
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-28T10:00")), "2026-11-30T08:00");
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-23T12:30")), "2026-11-23T13:00");
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-23T17:00")), "2026-11-24T08:00");
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-23T09:15")), "2026-11-23T09:15");
    CHECK_EQ(ordo_cal_minutes_between(&c, T("2026-11-23T00:00"), T("2026-11-24T00:00")), 480);
    CHECK_EQ(ordo_cal_minutes_between(&c, T("2026-11-23T00:00"), T("2026-11-30T00:00")), 2400);
    CHECK_EQ(ordo_cal_minutes_between(&c, T("2026-11-23T11:30"), T("2026-11-23T13:30")), 60);
    /* Overtime is a separate capacity: the same calendar with the last shift extended. */
    ordo_cal ot;
    ordo_cal_with_overtime(&c, &ot);
    CHECK_TIME(ordo_cal_add_minutes(&ot, T("2026-11-23T16:30"), 60), "2026-11-23T17:30");
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-23T16:30"), 60), "2026-11-24T08:30");
    CHECK_EQ(ordo_cal_minutes_between(&ot, T("2026-11-23T00:00"), T("2026-11-24T00:00")), 540);
    int64_t s[ORDO_CAL_MAX_SHIFTS], e[ORDO_CAL_MAX_SHIFTS];
    CHECK_EQ(ordo_cal_day_windows(&c, D("2026-11-24"), s, e), 2);
    CHECK_TIME(s[1], "2026-11-24T13:00");
    CHECK_EQ(ordo_cal_day_windows(&c, D("2026-12-25"), s, e), 0);
}

/* Far future: every function saturates at the never bound (ORDO_NEVER_DAY, its first
** instant ORDO_CAL_NEVER) instead of wrapping 32-bit day numbers. A one-minute shift a
** day makes one working minute one day, so 3e12 minutes would be far past 2^31 days. */
static void test_never(void)
{
    const int32_t N = ORDO_NEVER_DAY, shift[2] = {480, 481};
    const int64_t NEV = (int64_t)N * ORDO_MIN_PER_DAY;
    const char *why = NULL;
    ordo_cal c, w;
    int32_t nohol[1] = {0};
    CHECK_EQ(ordo_cal_build(&c, 0x7f, shift, 1, nohol, 0, nohol, 0, &why), 0);
    int32_t store[4];
    w = std_cal(store); /* Mon-Fri, holidays */
    /* days: at and just beyond the bound */
    CHECK_EQ(ordo_cal_nth_workday(&ordo_cal_always, N - 1), N - 1);
    CHECK_EQ(ordo_cal_nth_workday(&ordo_cal_always, N), N);
    CHECK_EQ(ordo_cal_nth_workday(&ordo_cal_always, 3000000000LL), N); /* past 2^31: not wrapped */
    int64_t k = ordo_cal_W(&w, N);
    int32_t last = ordo_cal_nth_workday(&w, k - 1);
    CHECK(last < N && last >= N - 3 && ordo_cal_is_workday(&w, last));
    CHECK_EQ(ordo_cal_nth_workday(&w, k), N);
    CHECK_EQ(ordo_cal_nth_workday(&w, k + 2000000000LL), N);
    CHECK_EQ(ordo_cal_offset_fwd(&w, D("2026-11-23"), 2147483647), N);
    CHECK_EQ(ordo_cal_offset_fwd(&ordo_cal_always, N - 2, 1), N - 1);
    CHECK_EQ(ordo_cal_offset_fwd(&ordo_cal_always, N - 1, 1), N);
    CHECK_EQ(ordo_cal_offset_fwd(&ordo_cal_always, N - 1, 2), N);
    /* minutes: the last working minute before never ends before it; one more is never */
    int64_t t0 = T("2026-11-23T08:00"), d0 = D("2026-11-23");
    CHECK_EQ(ordo_cal_add_minutes(&c, t0, N - d0), (int64_t)(N - 1) * ORDO_MIN_PER_DAY + 481);
    CHECK_EQ(ordo_cal_add_minutes(&c, t0, N - d0 + 1), NEV);
    CHECK_EQ(ordo_cal_add_minutes(&c, t0, 3000000000000LL), NEV); /* the fuzzing finding: wrapped before */
    CHECK_EQ(ordo_cal_add_minutes(&ordo_cal_always, NEV - 10, 10), NEV);
    CHECK_EQ(ordo_cal_add_minutes(&ordo_cal_always, NEV - 10, 9), NEV - 1);
    CHECK_EQ(ordo_cal_next_work_minute(&c, NEV - 1000), NEV - 960);
    CHECK_EQ(ordo_cal_next_work_minute(&c, NEV - 959), NEV);
    CHECK_EQ(ordo_cal_next_work_minute(&c, INT64_MAX), NEV);
    CHECK_EQ(ordo_cal_minutes_between(&c, t0, NEV), N - d0);
    CHECK_EQ(ordo_cal_minutes_between(&c, t0, INT64_MAX), N - d0); /* past never counts as never */
    CHECK_EQ(ordo_cal_C(&w, INT64_MAX), ordo_cal_C(&w, NEV));
    CHECK_EQ(ordo_cal_minutes_between(&w, NEV - 7 * ORDO_MIN_PER_DAY, NEV), 5 * 480);
}

static void test_night_shift(void)
{
    /* Mon-Fri night shift 22:00-06:00: belongs to the day it starts. */
    ordo_cal c;
    const char *why = NULL;
    int32_t shifts[] = {1320, 360};
    int32_t store[1];
    CHECK_EQ(ordo_cal_build(&c, 0x1f, shifts, 1, NULL, 0, store, 0, &why), 0);
    CHECK_EQ(c.day_minutes, 480);
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-29T23:00")), "2026-11-30T22:00"); /* Sunday night off */
    CHECK_TIME(ordo_cal_next_work_minute(&c, T("2026-11-28T05:00")), "2026-11-28T05:00"); /* Friday's shift, Saturday morning */
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-27T22:00"), 480), "2026-11-28T06:00");
    CHECK_TIME(ordo_cal_add_minutes(&c, T("2026-11-27T22:00"), 481), "2026-11-30T22:01");
    CHECK_EQ(ordo_cal_minutes_between(&c, T("2026-11-28T00:00"), T("2026-11-29T00:00")), 360);
}

static void test_build_errors(void)
{
    ordo_cal c;
    const char *why = NULL;
    int32_t store[1];
    int32_t overlap[] = {480, 720, 700, 900};
    CHECK_EQ(ordo_cal_build(&c, 0x1f, overlap, 2, NULL, 0, store, 0, &why), -1);
    CHECK_STR(why, "shifts overlap");
    int32_t span[] = {480, 1320, 1320, 600}; /* 08:00-22:00 and 22:00-10:00 next day */
    CHECK_EQ(ordo_cal_build(&c, 0x1f, span, 2, NULL, 0, store, 0, &why), -1);
    CHECK_STR(why, "the shifts of one day span more than 24 hours");
    int32_t day[] = {480, 1020};
    CHECK_EQ(ordo_cal_build(&c, 0, day, 1, NULL, 0, store, 0, &why), -1);
    CHECK_STR(why, "no weekday works");
    int32_t full[] = {360, 1320, 1320, 360};
    CHECK_EQ(ordo_cal_build(&c, 0x7f, full, 2, NULL, 0, store, 1, &why), -1);
    CHECK_STR(why, "overtime would run into the next day's first shift");
    CHECK_EQ(ordo_cal_build(&c, 0x7f, full, 2, NULL, 0, store, 0, &why), 0);
    CHECK_EQ(c.day_minutes, 1440);
}

/* ---- property test against a brute-force reference ---------------------------------- */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static int64_t rnd_in(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

#define NDAYS 84
typedef struct brute {
    int32_t day0;                        /* first day of the window */
    uint8_t workday[NDAYS];
    uint8_t minute[NDAYS * 1440];        /* 1 when that minute works */
} brute;

/* A random valid calendar and its reference. Windows of the day before day0 are included. */
static void random_calendar(ordo_cal *c, int32_t *store, brute *b, int use_overtime, int always)
{
    const char *why = NULL;
    b->day0 = D("2026-11-02") + (int32_t)rnd_in(0, 30);
    if (always) {
        *c = ordo_cal_always;
    } else {
        for (;;) {
            uint8_t mask = (uint8_t)rnd_in(1, 127);
            int nsh = (int)rnd_in(0, 4), n = 0;
            int32_t sh[8];
            int32_t t = (int32_t)rnd_in(0, 1439), limit = t + 1440;
            for (int i = 0; i < nsh; i++) {
                int32_t s = t + (int32_t)rnd_in(i ? 0 : 0, 200), e = s + (int32_t)rnd_in(1, 600);
                if (e > limit - (nsh - i - 1)) break;
                sh[2 * n] = s % 1440;
                sh[2 * n + 1] = e % 1440;
                n++;
                t = e;
            }
            int32_t hol[12];
            int nh = (int)rnd_in(0, 12);
            for (int i = 0; i < nh; i++) hol[i] = b->day0 - 3 + (int32_t)rnd_in(0, NDAYS + 3);
            int32_t ot = use_overtime ? (int32_t)rnd_in(0, 120) : 0;
            if (ordo_cal_build(c, mask, sh, n, hol, nh, store, ot, &why) == 0) break;
        }
        if (use_overtime) {
            ordo_cal with;
            ordo_cal_with_overtime(c, &with);
            *c = with;
        }
    }
    /* Reference, from the definition alone. */
    memset(b->minute, 0, sizeof b->minute);
    for (int32_t k = -1; k < NDAYS; k++) {
        int32_t day = b->day0 + k;
        int works = (c->weekmask >> (ordo_weekday(day) - 1)) & 1;
        for (int32_t h = 0; h < c->nhol; h++) works &= c->hol[h] != day;
        if (k >= 0) b->workday[k] = (uint8_t)works;
        if (!works) continue;
        for (int i = 0; i < c->nshift; i++)
            for (int32_t mnt = c->sh_start[i]; mnt < c->sh_end[i]; mnt++) {
                int64_t at = (int64_t)k * 1440 + mnt;
                if (at >= 0 && at < NDAYS * 1440) b->minute[at] = 1;
            }
    }
}

static void property_checks(const ordo_cal *c, const brute *b)
{
    int64_t base = (int64_t)b->day0 * 1440, span = NDAYS * 1440;
    for (int q = 0; q < 300; q++) {
        /* Minutes between two instants. */
        int64_t x = rnd_in(0, span - 1), y = rnd_in(x, span);
        int64_t want = 0;
        for (int64_t i = x; i < y; i++) want += b->minute[i];
        CHECK_EQ(ordo_cal_minutes_between(c, base + x, base + y), want);
        /* Next working minute (when there is one in the window). */
        int64_t nx = x;
        while (nx < span && !b->minute[nx]) nx++;
        if (nx < span) CHECK_EQ(ordo_cal_next_work_minute(c, base + x) - base, nx);
        /* Add m working minutes: the end of the m-th working minute at or after x. */
        int64_t m = rnd_in(0, 3000), end = x, left = m;
        while (left > 0 && end < span) left -= b->minute[end++];
        if (left == 0) CHECK_EQ(ordo_cal_add_minutes(c, base + x, m) - base, end);
        /* Days. */
        int32_t d1 = (int32_t)rnd_in(0, NDAYS - 1), d2 = (int32_t)rnd_in(d1, NDAYS - 1);
        int64_t wd = 0;
        for (int32_t k = d1; k < d2; k++) wd += b->workday[k];
        CHECK_EQ(ordo_cal_workdays_between(c, b->day0 + d1, b->day0 + d2), wd);
        CHECK_EQ(ordo_cal_is_workday(c, b->day0 + d1), b->workday[d1]);
        int32_t n = (int32_t)rnd_in(0, 12);
        /* Back: latest working r with exactly n working days in [r, d2). */
        int32_t r = d2, cnt = 0;
        if (n > 0) {
            r = d2 - 1;
            for (; r >= 0; r--) {
                cnt += b->workday[r];
                if (cnt == n && b->workday[r]) break;
            }
        }
        if (r >= 0) CHECK_EQ(ordo_cal_offset_back(c, b->day0 + d2, n) - b->day0, r);
        /* Forward: earliest a with exactly n working days in [d1, a). */
        int32_t a = d1;
        cnt = 0;
        while (cnt < n && a < NDAYS) cnt += b->workday[a++];
        if (cnt == n) CHECK_EQ(ordo_cal_offset_fwd(c, b->day0 + d1, n) - b->day0, a);
    }
}

static void test_property(void)
{
    static brute b;
    static int32_t tab_w[NDAYS + 200], tab_days[NDAYS + 200];
    int32_t store[12];
    int before = t_fail;
    for (int k = 0; k < 240; k++) {
        ordo_cal c;
        random_calendar(&c, store, &b, k % 3 == 1, k % 40 == 0);
        /* Every other calendar answers from its lookup table, which covers part of the
        ** window only: both paths and the switch between them are checked. */
        if (k % 2 == 0) ordo_cal_build_table(&c, b.day0 + 20, b.day0 + 60, tab_w, tab_days);
        property_checks(&c, &b);
        if (t_fail > before) {
            fprintf(stderr, "property test failed on calendar %d (mask %#x, %d shifts, %d holidays)\n", k,
                    c.weekmask, c.nshift, c.nhol);
            return;
        }
    }
}

int main(void)
{
    test_dates();
    test_day_offsets();
    test_minutes();
    test_night_shift();
    test_never();
    test_build_errors();
    test_property();
    return test_report("test_calendar");
}
