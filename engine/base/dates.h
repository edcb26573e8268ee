/*
** dates.h -- civil dates as day numbers and instants as minute numbers.
** A day number counts days since 1970-01-01 (day 0, a Thursday). An instant counts
** minutes since 1970-01-01T00:00, so instant = day * 1440 + minute of day.
*/
#ifndef ORDO_DATES_H
#define ORDO_DATES_H

#include <stdint.h>

#define ORDO_MIN_PER_DAY 1440

/* Day number of a proleptic Gregorian date. */
int32_t ordo_days_from_civil(int y, int m, int d);
void ordo_civil_from_days(int32_t day, int *y, int *m, int *d); /* OUT: y, m, d */
/* ISO weekday of a day number: 1 = Monday .. 7 = Sunday. */
int ordo_weekday(int32_t day);

/* Parse exactly "YYYY-MM-DD" (a real date, years 1900..9999). Returns 0 and sets *day, or -1. */
int ordo_parse_date(const char *s, int32_t *day /* OUT */);
/* Parse exactly "HH:MM" (00:00..23:59, and 24:00 when allow24). Returns minutes or -1. */
int ordo_parse_hhmm(const char *s, int allow24);
/* Parse exactly "YYYY-MM-DDTHH:MM". Returns 0 and sets *t (an instant), or -1. */
int ordo_parse_datetime(const char *s, int64_t *t /* OUT */);

void ordo_fmt_date(int32_t day, char buf[11]);     /* OUT: "YYYY-MM-DD" */
void ordo_fmt_datetime(int64_t t, char buf[17]);   /* OUT: "YYYY-MM-DDTHH:MM" */

/* Floor division for instants and day numbers before 1970. */
static inline int64_t ordo_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

#endif /* ORDO_DATES_H */
