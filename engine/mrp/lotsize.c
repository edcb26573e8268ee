/*
** lotsize.c -- Wagner-Whitin and Silver-Meal lot sizing (see lotsize.h).
*/
#include "lotsize.h"

#include <string.h>

double ordo_lot_ww(const int32_t *day, const double *nr, int32_t n, double setup, double hold, double *f,
                   int32_t *from, uint8_t *order)
{
    f[0] = 0;
    for (int32_t j = 0; j < n; j++) { /* f[j + 1]: the least cost of covering days 0..j */
        double best = f[j] + setup, held = 0, later = nr[j]; /* an order on day j */
        int32_t arg = j;
        for (int32_t i = j - 1; i >= 0; i--) {
            if (hold * nr[j] * (double)(day[j] - day[i]) > setup) break; /* horizon property */
            held += hold * later * (double)(day[i + 1] - day[i]); /* days i+1..j carried from day i */
            later += nr[i];
            double c = f[i] + setup + held;
            if (c < best) best = c, arg = i;
        }
        f[j + 1] = best;
        from[j + 1] = arg;
    }
    if (n <= 0) return 0;
    memset(order, 0, (size_t)n);
    for (int32_t j = n; j > 0; j = from[j]) order[from[j]] = 1;
    return f[n];
}

double ordo_lot_sm(const int32_t *day, const double *nr, int32_t n, double setup, double hold, uint8_t *order)
{
    if (n <= 0) return 0;
    memset(order, 0, (size_t)n);
    for (int32_t i = 0; i < n;) {
        order[i] = 1;
        double held = 0;
        int32_t j = i + 1;
        for (; j < n; j++) { /* take day j in while the cost per day covered falls */
            double more = held + hold * nr[j] * (double)(day[j] - day[i]);
            double now = (setup + held) / (double)(day[j] - day[i]); /* days i..j-1 cover day[i]..day[j]-1 */
            double then = j + 1 < n ? (setup + more) / (double)(day[j + 1] - day[i])
                                    : (setup + more) / (double)(day[j] - day[i] + 1);
            if (then > now) break;
            held = more;
        }
        i = j;
    }
    return ordo_lot_cost(day, nr, n, setup, hold, order);
}

double ordo_lot_cost(const int32_t *day, const double *nr, int32_t n, double setup, double hold,
                     const uint8_t *order)
{
    double c = 0;
    int32_t at = 0;
    for (int32_t k = 0; k < n; k++) {
        if (order[k] || k == 0) c += setup, at = k;
        c += hold * nr[k] * (double)(day[k] - day[at]);
    }
    return c;
}
