/*
** dates.c -- civil dates as day numbers (proleptic Gregorian), parsing and formatting.
*/
#include "dates.h"


/* Howard Hinnant's days_from_civil. */
int32_t ordo_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void ordo_civil_from_days(int32_t z0, int *py, int *pm, int *pd)
{
    int64_t z = (int64_t)z0 + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *py = (int)(yoe + era * 400 + (m <= 2));
    *pm = (int)m;
    *pd = (int)d;
}

int ordo_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (4). */
    int w = (int)(((int64_t)day + 3) % 7);
    if (w < 0) w += 7;
    return w + 1;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : dim[m - 1];
}

/* Parse "YYYY-MM-DD" at s without checking what follows. */
static int parse_date_prefix(const char *s, int32_t *day)
{
    int y, m, d;
    if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' ||
        digits(s + 8, 2, &d))
        return -1;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return -1;
    *day = ordo_days_from_civil(y, m, d);
    return 0;
}

int ordo_parse_date(const char *s, int32_t *day)
{
    if (!s) return -1;
    for (int i = 0; i < 10; i++)
        if (!s[i]) return -1;
    if (s[10]) return -1;
    return parse_date_prefix(s, day);
}

int ordo_parse_hhmm(const char *s, int allow24)
{
    int h, m;
    if (!s || !s[0] || !s[1] || !s[2] || !s[3] || !s[4] || s[5]) return -1;
    if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &m)) return -1;
    if (allow24 && h == 24 && m == 0) return 1440;
    if (h > 23 || m > 59) return -1;
    return h * 60 + m;
}

int ordo_parse_datetime(const char *s, int64_t *t)
{
    int32_t day;
    if (!s) return -1;
    for (int i = 0; i < 16; i++)
        if (!s[i]) return -1;
    if (s[16] || s[10] != 'T' || parse_date_prefix(s, &day)) return -1;
    char hm[6] = {s[11], s[12], s[13], s[14], s[15], 0};
    int min = ordo_parse_hhmm(hm, 0);
    if (min < 0) return -1;
    *t = (int64_t)day * ORDO_MIN_PER_DAY + min;
    return 0;
}

/* Write v as exactly n decimal digits. */
static void put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Days and instants are written within 1900-01-01 .. 9999-12-31T23:59 (the dates a data set
** may hold): one outside is written as the nearest end of that range, never wrapped. */
#define DAY_FIRST (-25567)  /* 1900-01-01 */
#define DAY_LAST 2932896    /* 9999-12-31 */

void ordo_fmt_date(int32_t day, char buf[11])
{
    int y, m, d;
    ordo_civil_from_days(day < DAY_FIRST ? DAY_FIRST : day > DAY_LAST ? DAY_LAST : day, &y, &m, &d);
    put_digits(buf, y < 0 ? 0 : y % 10000, 4);
    buf[4] = '-';
    put_digits(buf + 5, m, 2);
    buf[7] = '-';
    put_digits(buf + 8, d, 2);
    buf[10] = 0;
}

void ordo_fmt_datetime(int64_t t, char buf[17])
{
    const int64_t first = (int64_t)DAY_FIRST * ORDO_MIN_PER_DAY, last = ((int64_t)DAY_LAST + 1) * ORDO_MIN_PER_DAY - 1;
    t = t < first ? first : t > last ? last : t;
    int64_t day = ordo_floordiv(t, ORDO_MIN_PER_DAY);
    int min = (int)(t - day * ORDO_MIN_PER_DAY);
    ordo_fmt_date((int32_t)day, buf);
    buf[10] = 'T';
    put_digits(buf + 11, min / 60, 2);
    buf[13] = ':';
    put_digits(buf + 14, min % 60, 2);
    buf[16] = 0;
}
